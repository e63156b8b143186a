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
@pytest.mark.parametrize("jobs", [1, 2])  # the last pass here; in two writer processes
def test_spilled_runs_give_the_bytes_of_an_in_memory_sort(seed_build, tmp_path, ext, run_size, jobs, monkeypatch):
    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    import kgraph.sortedgraph as sg

    monkeypatch.setattr(sg._SortedRuns, "CHUNK", 16)  # many spills of a few lines each
    parallel = []
    real = sg._write_buckets_parallel
    monkeypatch.setattr(sg, "_write_buckets_parallel", lambda *a: parallel.append(a) or real(*a))
    expected, actual = tmp_path / f"expected{ext}", tmp_path / f"actual{ext}"
    write_graph(seed_build.triples, expected)
    count = write_sorted_graph(generate_triples(seed_build.knowledge_base), actual, run_size=run_size, jobs=jobs)
    assert count == len(seed_build.triples)
    assert actual.read_bytes() == expected.read_bytes()
    assert list(spill.iterdir()) == []  # the runs are removed
    # Only a spilled graph in a format that concatenates goes to the writer processes.
    concatenates = ext in {".ttl", ".trig", ".nt", ".nq"}
    assert bool(parallel) == (jobs == 2 and run_size == 50 and concatenates)


def test_writer_processes_that_die_leave_the_last_pass_to_the_building_process(seed_build, tmp_path, monkeypatch):
    """A writer killed before or during the last pass: its buckets, and all after it, are
    written by the building process, with the same bytes; the dead processes are not reused."""
    import kgraph.sortedgraph as sg

    monkeypatch.setattr(sg._SortedRuns, "CHUNK", 16)
    expected = tmp_path / "expected.ttl"
    write_graph(seed_build.triples, expected)
    submit = sg._WriterProcess.submit
    submitted = []
    killed = []

    def submit_then_die(self, files, lines, extension):
        submit(self, files, lines, extension)
        submitted.append(files)
        if len(submitted) == 3:
            self.process.kill()
            killed.append(self)

    monkeypatch.setattr(sg._WriterProcess, "submit", submit_then_die)
    actual = tmp_path / "actual.ttl"
    assert write_sorted_graph(generate_triples(seed_build.knowledge_base), actual, run_size=50, jobs=2) == len(seed_build.triples)
    assert actual.read_bytes() == expected.read_bytes()
    assert len(submitted) >= 3 and killed
    assert not any(w in sg._WRITERS for w in killed) and all(w.alive() for w in sg._WRITERS)
    monkeypatch.setattr(sg._WriterProcess, "submit", submit)
    again = tmp_path / "again.ttl"
    write_sorted_graph(generate_triples(seed_build.knowledge_base), again, run_size=50, jobs=2)
    assert again.read_bytes() == expected.read_bytes() and len(sg._WRITERS) >= 2  # fresh ones, given back


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".jsonld"])
def test_a_writer_that_dies_during_the_spills_loses_no_line(seed_build, tmp_path, ext, monkeypatch):
    """The spills after the first go to the writer processes. One killed as it takes a part
    (and leaving half a line in one of its files, as if it died writing): its files are cut
    back to what it had answered for, the lines it had not answered for are spilled here, and
    the rest of the write goes on without writers, with the same bytes."""
    import kgraph.sortedgraph as sg

    monkeypatch.setattr(sg._SortedRuns, "CHUNK", 16)
    expected = tmp_path / f"expected{ext}"
    write_graph(seed_build.triples, expected)
    submit = sg._SpillHelper.submit
    spills = []

    def submit_then_die(self, data):
        submit(self, data)
        spills.append(self)
        if len(spills) == 4:
            self.writer.process.kill()
            self.writer.process.wait()
            with open(self.files[0], "ab") as fh:
                fh.write(b"<http://example.org/half")

    monkeypatch.setattr(sg._SpillHelper, "submit", submit_then_die)
    actual = tmp_path / f"actual{ext}"
    assert write_sorted_graph(generate_triples(seed_build.knowledge_base), actual, run_size=50, jobs=2) == len(seed_build.triples)
    # The death is found at the dead writer's next turn: the other may take one part before.
    assert len(spills) in (4, 5)
    assert actual.read_bytes() == expected.read_bytes()


def test_two_sorts_at_once_each_have_their_own_writers(tmp_path):
    """Two graphs written with bounded memory, their triples added in turns: writer processes
    are lent to one write at a time, so that answers never cross."""
    import pyoxigraph as ox

    from kgraph.sortedgraph import SortedGraphWriter

    p = ox.NamedNode("http://example.org/p")
    graphs = {name: [ox.Triple(ox.NamedNode(f"http://example.org/{name}{i % 53}"), p, ox.Literal(f"{name} {i}"))
                     for i in range(4000)] for name in ("가", "나")}
    writers = {name: SortedGraphWriter(run_size=300, jobs=2) for name in graphs}
    for start in range(0, 4000, 100):
        for name, triples in graphs.items():
            writers[name].add(reversed(triples[start:start + 100]))
    for name, triples in graphs.items():
        assert writers[name].write(tmp_path / f"{name}.ttl") == 4000
        write_graph(sorted(triples, key=str), tmp_path / f"{name}-expected.ttl")
        assert (tmp_path / f"{name}.ttl").read_bytes() == (tmp_path / f"{name}-expected.ttl").read_bytes()


def test_a_bucket_short_of_its_lines_is_an_error(tmp_path):
    from kgraph.bucketwriter import read_bucket

    a, b = tmp_path / "a.nt", tmp_path / "never-made.nt"
    a.write_bytes(b"<a:s> <a:p> <a:o2>\n<a:s> <a:p> <a:o1>\n<a:s> <a:p> <a:o2>\n")
    assert read_bucket([str(a), str(b)], 3) == [b"<a:s> <a:p> <a:o1>", b"<a:s> <a:p> <a:o2>"]
    with pytest.raises(RuntimeError, match="holds 3 lines instead of 4"):
        read_bucket([str(a), str(b)], 4)


def test_a_script_without_a_main_guard_can_write_a_spilled_graph(tmp_path):
    """The writer processes are not started by multiprocessing, which would run the calling
    script again in each of them (and fail without ``if __name__ == "__main__":``)."""
    import subprocess
    import sys

    script = tmp_path / "script.py"
    script.write_text(
        "import pyoxigraph as ox\n"
        "from kgraph.sortedgraph import write_sorted_graph\n"
        "p = ox.NamedNode('http://example.org/p')\n"
        "ts = [ox.Triple(ox.NamedNode(f'http://example.org/s{i % 97}'), p, ox.Literal(f'값 {i}')) for i in range(3000)]\n"
        f"n = write_sorted_graph(reversed(ts), {str(tmp_path / 'g.ttl')!r}, run_size=200, jobs=2)\n"
        "print('wrote', n)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("wrote 3000") == 1  # the script ran once
    import pyoxigraph as ox

    p = ox.NamedNode("http://example.org/p")
    ts = [ox.Triple(ox.NamedNode(f"http://example.org/s{i % 97}"), p, ox.Literal(f"값 {i}")) for i in range(3000)]
    write_graph(sorted(ts, key=str), tmp_path / "expected.ttl")
    assert (tmp_path / "g.ttl").read_bytes() == (tmp_path / "expected.ttl").read_bytes()


@pytest.mark.parametrize("ext", [".ttl", ".nt"])
def test_a_bucket_that_outgrows_its_share_is_distributed_again_or_merge_sorted(tmp_path, ext, monkeypatch):
    """The first spill cuts the subjects into ranges; a stream whose later triples all fall
    into one range (here after the last cut, as a build's resolved entities come after its
    articles) overfills that bucket, which is then distributed over buckets of its own. A bucket
    of one subject cannot be cut: it is sorted by runs merged line by line. Same bytes either
    way, duplicates still removed."""
    import pyoxigraph as ox

    import kgraph.sortedgraph as sg

    p = ox.NamedNode("http://example.org/p")
    spread = [ox.Triple(ox.NamedNode(f"http://example.org/a{i:03d}"), p, ox.Literal(f"값 {i}")) for i in range(100)]
    late = [ox.Triple(ox.NamedNode(f"http://example.org/z{i % 40}"), p, ox.Literal(str(i))) for i in range(700)]
    one = [ox.Triple(ox.NamedNode("http://example.org/zz"), p, ox.Literal(str(i))) for i in range(300)]
    calls: dict[str, list[int]] = {"redistributed": [], "merged": []}
    redistribute, merge = sg._SortedRuns._redistributed, sg._SortedRuns._merge_sorted
    monkeypatch.setattr(sg._SortedRuns, "CHUNK", 10)
    monkeypatch.setattr(sg._SortedRuns, "_redistributed",
                        lambda self, path: calls["redistributed"].append(self.depth) or redistribute(self, path))
    monkeypatch.setattr(sg._SortedRuns, "_merge_sorted",
                        lambda self, path: calls["merged"].append(self.depth) or merge(self, path))
    for stream, distinct in ((spread + late + late[:50], spread + late), (spread + one + one[:20], spread + one)):
        calls["redistributed"].clear(), calls["merged"].clear()
        out, expected = tmp_path / f"g{ext}", tmp_path / f"expected{ext}"
        assert write_sorted_graph(iter(stream), out, run_size=50) == len(distinct)
        write_graph(sorted(set(distinct), key=str), expected)
        assert out.read_bytes() == expected.read_bytes()
        assert calls["redistributed"] and calls["redistributed"][0] == 0
    # The one subject's bucket (and any other still oversized there) is merged at the last depth.
    assert calls["merged"] and set(calls["merged"]) == {sg._SortedRuns.MAX_DEPTH}


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
    # The article's own triples went to the file as it was read: the knowledge base keeps the
    # article without its text, and the triples above were read back from the file.
    kept, = result.knowledge_base.articles
    full, = seed_build.knowledge_base.articles
    assert kept.body == "" and full.body and kept.key == full.key and kept.path == full.path
    assert kept.published_at == full.published_at and kept.title == full.title
    assert {k for k, _ in kept.meta} == {"id", "content_hash", "url"}


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".jsonld"])
def test_articles_streamed_while_read_give_the_graph_of_a_build_in_memory(tmp_path, ext, monkeypatch):
    """Many articles, each article's triples handed to the writer as it comes and spilled in
    small runs, with and without a cache (which hands them over in another order): the bytes
    of the graph built in memory."""
    import shutil

    import kgraph.sortedgraph as sg
    from conftest import ROOT

    news = tmp_path / "news"
    news.mkdir()
    for path in sorted((ROOT / "corpus" / "dev").glob("*.txt"))[:12]:
        shutil.copy(path, news / path.name)
    in_memory = kgraph.build([news], isolate=False)
    monkeypatch.setattr(sg, "RUN_SIZE", 300)
    monkeypatch.setattr(sg._SortedRuns, "CHUNK", 64)
    cache = tmp_path / "cache"
    for attempt in ("clean", "cached", "cached again"):
        out = tmp_path / f"{attempt}{ext}"
        result = kgraph.build([news], output=out, isolate=False, cache_dir=cache if attempt != "clean" else None)
        assert out.read_bytes() == in_memory.serialize(ext), attempt
        assert [a.key for a in result.knowledge_base.articles] == [a.key for a in in_memory.knowledge_base.articles]
        assert all(a.body == "" for a in result.knowledge_base.articles)
        assert result.triples == in_memory.triples


def test_shards_need_an_output():
    with pytest.raises(ValueError, match="output"):
        kgraph.build([SEEDS], isolate=False, shards="parts")


# --- run folders: a killed write's runs are removed by the next write ------------------------

_KILLED_WHILE_SPILLING = """
import sys, time
import pyoxigraph as ox
from kgraph.sortedgraph import write_sorted_graph

def triples():
    p = ox.NamedNode("http://example.org/p")
    for i in range(3 * 8192):
        if i == 2 * 8192:  # two chunks of 8,192 are in: more than a run, spilled
            print("spilled", flush=True)
            time.sleep(120)  # killed here, with a run on disk
        yield ox.Triple(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i)))

write_sorted_graph(triples(), sys.argv[1], run_size=10_000)
"""


def _run_folders(spill) -> list:
    return sorted(p for p in spill.iterdir() if p.name.startswith(".kgraph-runs-"))


def test_runs_go_into_a_folder_of_their_own_that_is_removed(seed_build, tmp_path, monkeypatch):
    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    import kgraph.sortedgraph as sg

    seen = []
    real = sg._write_blocks

    def write_blocks(*args):  # while the buckets are read back
        (folder,) = _run_folders(spill)
        seen.append(sorted(p.name for p in folder.iterdir()))
        return real(*args)

    monkeypatch.setattr(sg, "_write_blocks", write_blocks)
    write_sorted_graph(generate_triples(seed_build.knowledge_base), tmp_path / "g.ttl", run_size=50)
    assert "lock" in seen[0] and any(name.endswith(".nt") for name in seen[0])
    assert list(spill.iterdir()) == []

    def failing():
        yield from list(generate_triples(seed_build.knowledge_base))[:200]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_sorted_graph(failing(), tmp_path / "g.ttl", run_size=50)
    assert list(spill.iterdir()) == []  # removed on failure too


def test_a_killed_writes_runs_are_removed_by_the_next_write(tmp_path, monkeypatch):
    import os
    import signal
    import subprocess
    import sys

    from conftest import ROOT

    spill = tmp_path / "spill"
    spill.mkdir()
    env = {**os.environ, "TMPDIR": str(spill), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", _KILLED_WHILE_SPILLING, str(tmp_path / "dead.nt")],
                             stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "spilled"
        (dead,) = _run_folders(spill)
        assert len(list(dead.glob("*.nt"))) >= 1  # the buckets of one spill
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert _run_folders(spill) == [dead]  # kill -9 leaves it behind

    # A folder whose lock is held (a write in progress) and another user's are left alone.
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    from kgraph.sortedgraph import _RunFolder, remove_stale_run_folders

    live = _RunFolder()
    try:
        busy = live.get()
        # Without a lock file, a folder of a process that is gone is stale, one of a live one is not.
        gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout.strip()
        orphan = spill / f".kgraph-runs-{gone}-abcdefgh"
        orphan.mkdir()
        (orphan / ".kgraph-run-x.nt").write_bytes(b"")
        young = spill / f".kgraph-runs-{os.getpid()}-abcdefgh"
        young.mkdir()
        s, p = "http://example.org/s", "http://example.org/p"
        import pyoxigraph as ox

        write_sorted_graph([ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.Literal("x"))], tmp_path / "next.nt")
        assert _run_folders(spill) == sorted([busy, young])
        assert (tmp_path / "next.nt").read_text() == f'<{s}> <{p}> "x" .\n'
    finally:
        live.remove()
    young.rmdir()
    assert remove_stale_run_folders(spill) == [] and list(spill.iterdir()) == []
