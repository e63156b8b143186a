"""The README documents every ontology term and every data file under ontology/."""

from __future__ import annotations

import pytest

from conftest import ONTOLOGY, ROOT
from kgraph.vocab import KG

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("term", sorted(KG.__annotations__))
def test_every_term_is_in_the_schema_section(term):
    schema = README[README.index("## Schema"):]
    assert f"`kg:{term}`" in schema


@pytest.mark.parametrize("path", sorted(p.name for p in ONTOLOGY.glob("*.tsv")))
def test_every_lexicon_file_is_described(path):
    assert f"`{path}`" in README


@pytest.mark.parametrize("path", sorted(p.name for p in ONTOLOGY.glob("*.tsv")))
def test_every_lexicon_file_starts_with_a_comment_header(path):
    first = (ONTOLOGY / path).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ")
