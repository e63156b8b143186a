"""Shared fixtures: the seed built once per session, and small articles written for tests."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
import rdflib

import kgraph
from kgraph.analyse import analyse_article
from kgraph.extract import extract_article
from kgraph.ingest import parse_article
from kgraph.model import Extraction
from kgraph.vocab import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ONTOLOGY = ROOT / "ontology"


@pytest.fixture(scope="session")
def seed_build() -> kgraph.BuildResult:
    """The seed folder built once for the whole session (Kiwi loads once per process)."""
    return kgraph.build([SEEDS])


@pytest.fixture(scope="session")
def seed_graph(seed_build: kgraph.BuildResult) -> rdflib.Graph:
    return seed_build.to_rdflib()


def sparql(graph: rdflib.Graph, query: str) -> list[tuple]:
    """Run a SELECT with the kgraph prefixes predeclared; rows as tuples of Python values."""
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return [tuple(v.toPython() if v is not None else None for v in row) for row in graph.query(head + query)]


def make_article_text(title: str, body: str, *, published: str = "2025-12-03 10:00",
                      publisher: str = "테스트일보", author: str = "한지우 기자",
                      article_id: str = "999_0000000001") -> str:
    """An article file in the crawler's format, around a title and body of our own."""
    return (
        "---\n"
        f"id: {article_id}\n"
        f'title: "{title}"\n'
        "category: \n"
        f"publisher: {publisher}\n"
        f"author: {author}\n"
        f"published_at: {published}\n"
        f"crawled_at: {published}:30\n"
        f"url: https://news.example.kr/article/{article_id.replace('_', '/')}\n"
        f"oid: {article_id.split('_')[0]}\n"
        f"aid: {article_id.split('_')[1]}\n"
        f"content_hash: {hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"
        "---\n\n"
        f"# {title}\n\n**{publisher}** | {published} | \n\n---\n\n{body}\n\n---\n\n"
        f"*Crawled at: {published}:30*\n*Source: [원문 보기](https://news.example.kr/)*\n"
    )


def extract_text(body: str, title: str = "테스트 기사", published: str = "2025-12-03 10:00",
                 lexicon=None) -> Extraction:
    """Ingest, analyse and extract one article made from ``title`` and ``body`` (with the
    lexicon of another data folder, when given)."""
    article = parse_article(make_article_text(title, body, published=published), "t.md", file_sha256="0")
    return extract_article(analyse_article(article), lexicon=lexicon)


def copied_ontology(tmp_path: Path) -> Path:
    """A copy of ``ontology/`` to edit: load it with ``kgraph.lexicon.load_lexicon(str(folder))``."""
    from kgraph.lexicon import ontology_dir

    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    return folder


def needs_tool(name: str) -> str:
    """Return the path of an outside tool; skip locally when it is missing, fail in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


RDFLIB_FORMATS = {
    ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
    ".rdf": "xml", ".owl": "xml", ".n3": "n3",
}


def parse_with_rdflib(data: bytes, suffix: str) -> rdflib.Graph:
    """Parse RDF bytes in the format of a file extension with rdflib (quads: the default graph)."""
    fmt = RDFLIB_FORMATS[suffix]
    if fmt in ("nquads", "trig"):
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=fmt)
        graph = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return rdflib.Graph().parse(data=data, format=fmt)


def rdflib_graph_of(triples) -> rdflib.Graph:
    """pyoxigraph triples as an rdflib graph, term by term (no serializer in between)."""
    import pyoxigraph as ox

    xsd_string = "http://www.w3.org/2001/XMLSchema#string"

    def term(t):
        if isinstance(t, ox.NamedNode):
            return rdflib.URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        datatype = t.datatype.value
        return rdflib.Literal(t.value, datatype=None if datatype == xsd_string else rdflib.URIRef(datatype))

    graph = rdflib.Graph()
    for t in triples:
        graph.add((term(t.subject), term(t.predicate), term(t.object)))
    return graph
