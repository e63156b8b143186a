"""IRI minting and the vocabulary class."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef

from kgraph.vocab import KG, encode_segment, mint_iri

names = st.text(min_size=0, max_size=30)


@given(names, names)
def test_minting_is_injective(a, b):
    if a != b:
        assert mint_iri("org", a) != mint_iri("org", b)


@given(names)
def test_minting_is_stable_and_gives_valid_iris(name):
    iri = mint_iri("org", name)
    assert iri == mint_iri("org", name)
    assert not any(ch in iri for ch in ' <>"{}|\\^`') and all(ord(ch) > 0x20 for ch in iri)
    URIRef(iri)  # rdflib accepts it
    import pyoxigraph

    pyoxigraph.NamedNode(iri)  # and so does pyoxigraph


def test_korean_stays_readable():
    assert encode_segment("과기정통부") == "과기정통부"
    assert encode_segment("LG U+") == "LG%20U%2B"


def test_misspelt_terms_fail_loudly():
    with pytest.raises(AttributeError):
        KG.PoliceRefferal  # noqa: B018


@pytest.mark.parametrize("ch", ["\U000f0000", "\U000e0000", "\ue000", "\ufffe", "\U0001fffe", "\u200b"])
def test_characters_iris_forbid_are_percent_encoded(ch):
    assert "%" in encode_segment(ch)
