"""RDF output: every format parses back to the same graph, output is deterministic, writes are atomic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import ROOT, SEEDS, needs_tool
from kgraph.emit import FORMATS, OutputFormatError, format_for, write_atomic, write_graph

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
    script = (
        "import sys, kgraph; r = kgraph.build([sys.argv[1]], output=sys.argv[2], isolate=False)"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}.nt"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", script, str(SEEDS), str(out)], check=True, env=env, cwd=ROOT)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == seed_build.serialize("nt")


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
