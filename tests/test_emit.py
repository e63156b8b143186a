"""RDF output: every format parses back to the same graph, output is deterministic, writes are atomic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from conftest import ROOT, SEEDS, needs_tool, parse_with_rdflib, rdflib_graph_of
from kgraph.emit import (
    FORMATS, OutputFormatError, build_triples, format_for, serialize, write_atomic, write_graph,
)
from kgraph.lexicon import INCIDENT_TYPES, MEASURE_TYPES, ORG_TYPES
from kgraph.model import (
    Article, Evidence, Incident, KnowledgeBase, Measure, Organization, Person, STATUSES,
)

RDFLIB_FORMAT = {
    ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
    ".rdf": "xml", ".owl": "xml", ".n3": "n3",
}
RAPPER_FORMAT = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig", ".rdf": "rdfxml"}


def _parse_rdflib(path: Path) -> rdflib.Graph:
    fmt = RDFLIB_FORMAT[path.suffix]
    if fmt in ("nquads", "trig"):
        ds = rdflib.Dataset()
        ds.parse(path, format=fmt)
        graph = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return rdflib.Graph().parse(path, format=fmt)


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_every_format_parses_back_to_the_same_graph(seed_build, seed_graph, tmp_path, suffix):
    out = tmp_path / f"graph{suffix}"
    write_graph(seed_build.triples, out)
    assert isomorphic(_parse_rdflib(out), seed_graph)
    # And an independent parser, pyoxigraph, reads the same number of triples.
    parsed = list(ox.parse(path=str(out), format=FORMATS[suffix]))
    assert len(parsed) == len(seed_build.triples)


@pytest.mark.parametrize("suffix", sorted(RAPPER_FORMAT))
def test_rapper_accepts_every_output(seed_build, tmp_path, suffix):
    rapper = needs_tool("rapper")
    out = tmp_path / f"graph{suffix}"
    write_graph(seed_build.triples, out)
    proc = subprocess.run(
        [rapper, "-c", "-i", RAPPER_FORMAT[suffix], str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert f"returned {len(seed_build.triples)} triples" in proc.stderr


def test_turtle_is_prefixed_and_utf8(seed_build):
    text = seed_build.serialize("ttl").decode("utf-8")
    assert text.startswith("@prefix")
    assert "kg:PoliceReferral" in text
    assert '"과학기술정보통신부"@ko' in text


def test_output_is_byte_identical_across_runs_and_hash_seeds(seed_build, tmp_path):
    # One process per hash seed builds once and writes every format.
    script = (
        "import sys, kgraph; from kgraph.emit import FORMATS\n"
        "r = kgraph.build([sys.argv[1]], isolate=False)\n"
        "for ext in FORMATS: kgraph.write_graph(r.triples, sys.argv[2] + ext)\n"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        prefix = str(tmp_path / f"g{seed}")
        subprocess.run([sys.executable, "-c", script, str(SEEDS), prefix], check=True, env=env, cwd=ROOT)
    for suffix in FORMATS:
        first, second = ((tmp_path / f"g{seed}{suffix}").read_bytes() for seed in ("1", "2"))
        assert first == second, suffix
        assert first == seed_build.serialize(suffix), suffix


def test_unknown_extension_is_refused_with_the_choices():
    with pytest.raises(OutputFormatError, match=r"\.ttl"):
        format_for("graph.xlsx")


def test_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("previous\n")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, b"new content")
    assert target.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_write_into_read_only_folder_fails_cleanly(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "graph.ttl").write_text("previous\n")
    folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            write_atomic(folder / "graph.ttl", b"new")
        assert (folder / "graph.ttl").read_text() == "previous\n"
    finally:
        folder.chmod(0o755)


def test_write_into_a_missing_folder_fails_and_creates_nothing(tmp_path):
    with pytest.raises(OSError):
        write_atomic(tmp_path / "missing" / "graph.ttl", b"data")
    assert list(tmp_path.iterdir()) == []


def test_to_rdflib_binds_the_prefixes(seed_graph):
    prefixes = dict(seed_graph.namespaces())
    assert str(prefixes["kg"]) == "https://kgraph.example/ontology#"


def test_written_files_get_ordinary_permissions(tmp_path):
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.ttl", b"x")
        assert (tmp_path / "new.ttl").stat().st_mode & 0o777 == 0o644
        existing = tmp_path / "kept.ttl"
        existing.write_bytes(b"old")
        existing.chmod(0o640)
        write_atomic(existing, b"new")
        assert existing.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_umask)


# --- Property: whatever text a graph holds, every format carries it --------------------------

# Any code point, surrogates and control characters included: the emitter must cope.
texts = st.text(st.characters(exclude_categories=()), max_size=12)


@st.composite
def knowledge_bases(draw) -> KnowledgeBase:
    """Small knowledge bases whose every name, label and text is arbitrary Unicode."""
    kb = KnowledgeBase()
    meta_keys = st.sampled_from(["author", "publisher", "category", "url", "content_hash"]) | texts
    for i in range(draw(st.integers(1, 3))):
        meta = (("id", f"{i}{draw(texts)}"), *draw(st.lists(st.tuples(meta_keys, texts), max_size=3)))
        kb.articles.append(Article(
            path=draw(texts), meta=meta, title=draw(texts), body=draw(texts),
            published_at=draw(st.sampled_from([None, "2025-12-03T10:00:00+09:00"])), crawled_at=None,
            file_sha256="0" * 64,
        ))
    keys = [a.key for a in kb.articles]

    def evidence() -> list[Evidence]:
        return [Evidence(draw(st.sampled_from(keys)), "body", draw(texts), 0, draw(st.integers(0, 99)),
                         draw(st.none() | texts), draw(st.none() | st.sampled_from(STATUSES)))
                for _ in range(draw(st.integers(0, 2)))]

    for name in draw(st.lists(texts, max_size=3, unique=True)):
        kb.organizations[name] = Organization(name, draw(st.sampled_from(ORG_TYPES)),
                                              aliases=set(draw(st.lists(texts, max_size=2))))
    orgs = list(kb.organizations) or ["기관"]
    for name in draw(st.lists(texts, max_size=2, unique=True)):
        affiliation = draw(st.none() | st.sampled_from(orgs))
        kb.persons[(name, affiliation)] = Person(name, affiliation, set(draw(st.lists(texts, max_size=2))), evidence())
    if draw(st.booleans()):
        affected = draw(st.sampled_from(orgs))
        key = (draw(st.sampled_from(INCIDENT_TYPES)), affected, "2025-12-03")
        kb.incidents[key] = Incident(key[0], affected, {"victimCount": ("2025-12-03", draw(st.integers(0, 10**9)))},
                                     first_reported="2025-12-03T10:00:00+09:00", evidence=evidence())
    if draw(st.booleans()):
        key = (draw(st.sampled_from(MEASURE_TYPES)), draw(st.sampled_from(orgs)), None, None, None)
        kb.measures[key] = Measure(key[0], key[1], issuers={draw(st.sampled_from(orgs))},
                                   statuses=[(True, draw(st.sampled_from(STATUSES)))], evidence=evidence())
    return kb


@settings(max_examples=60, deadline=None)
@given(knowledge_bases())
def test_any_graph_we_emit_parses_back_the_same_in_every_format(kb):
    triples = build_triples(kb)
    expected = rdflib_graph_of(triples)
    for suffix, fmt in FORMATS.items():
        data = serialize(triples, fmt)
        assert isomorphic(parse_with_rdflib(data, suffix), expected), suffix
        assert {q.triple for q in ox.parse(data, format=fmt)} == set(triples), suffix
