"""Writing a graph sorted with bounded memory: the same bytes as sorting in memory, in every format."""

from __future__ import annotations

import tempfile

import pytest

import kgraph
from conftest import SEEDS
from kgraph.emit import FORMATS, generate_triples, write_graph
from kgraph.sortedgraph import read_shards, write_shards, write_sorted_graph


@pytest.mark.parametrize("ext", sorted(FORMATS))
@pytest.mark.parametrize("run_size", [1_000_000, 50])  # in memory; spilled to sorted runs
def test_spilled_runs_give_the_bytes_of_an_in_memory_sort(seed_build, tmp_path, ext, run_size, monkeypatch):
    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    expected, actual = tmp_path / f"expected{ext}", tmp_path / f"actual{ext}"
    write_graph(seed_build.triples, expected)
    count = write_sorted_graph(generate_triples(seed_build.knowledge_base), actual, run_size=run_size)
    assert count == len(seed_build.triples)
    assert actual.read_bytes() == expected.read_bytes()
    assert list(spill.iterdir()) == []  # the runs are removed


def test_shards_are_the_sorted_graph_in_n_quads_and_old_ones_go(seed_build, tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "part-00099.nq").write_text("stale\n", encoding="utf-8")
    out = tmp_path / "graph.ttl"
    write_sorted_graph(generate_triples(seed_build.knowledge_base), out, shards=shards, shard_size=100, run_size=70)
    parts = sorted(shards.glob("part-*.nq"))
    assert len(parts) == -(-len(seed_build.triples) // 100) and parts[-1].name != "part-00099.nq"
    assert b"".join(p.read_bytes() for p in parts) == seed_build.serialize("nq")
    assert out.read_bytes() == seed_build.serialize("ttl")
    assert list(read_shards(write_shards(iter([b"<a:s> <a:p> <a:o>"]), tmp_path / "one"))) == [b"<a:s> <a:p> <a:o>"]


def test_a_build_streams_its_output_and_makes_the_triples_on_demand(seed_build, tmp_path):
    out = tmp_path / "graph.nt"
    result = kgraph.build([SEEDS], output=out, isolate=False, shards=tmp_path / "parts")
    assert result._triples is None  # not held unless asked for
    assert out.read_bytes() == seed_build.serialize("nt")
    assert result.triples == seed_build.triples and result.report.triples == len(seed_build.triples)
    assert (tmp_path / "parts" / "part-00000.nq").read_bytes() == seed_build.serialize("nq")


def test_shards_need_an_output():
    with pytest.raises(ValueError, match="output"):
        kgraph.build([SEEDS], isolate=False, shards="parts")
