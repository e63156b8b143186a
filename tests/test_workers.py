"""Analysis in worker processes: same output whatever the job count; an analyser crash skips one file."""

from __future__ import annotations

import pytest

import kgraph
from conftest import SEEDS, make_article_text
from kgraph.workers import CRASH_MARKER_ENV, shutdown_workers


@pytest.fixture
def small_folder(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    bodies = [
        "개인정보위는 누리페이에 과징금 5억원을 부과했다.",
        "한결저축은행에서 고객정보 유출이 확인됐다.",
        "방통위는 미래텔레콤이 자료 제출을 미뤘다고 보고 서울경찰청에 수사를 의뢰했다.",
        "KT는 피해 고객에게 요금을 보상할 계획이라고 밝혔다.",
    ]
    for i, body in enumerate(bodies):
        text = make_article_text(f"기사 {i}", body, article_id=f"999_000000010{i}")
        (folder / f"{i}.md").write_text(text, encoding="utf-8")
    return folder


def test_output_is_identical_in_process_and_with_one_or_two_workers(small_folder):
    outputs = {
        (jobs, isolate): kgraph.build([small_folder], jobs=jobs, isolate=isolate).serialize("nt")
        for jobs, isolate in ((1, False), (1, True), (2, True))
    }
    assert len(set(outputs.values())) == 1


def test_an_analyser_crash_skips_that_file_and_the_build_goes_on(small_folder, monkeypatch):
    poison = make_article_text("문제 기사", "이 글은 분석기를 멈추게 한다 ☠CRASH☠.", article_id="999_0000000666")
    (small_folder / "poison.md").write_text(poison, encoding="utf-8")
    monkeypatch.setenv(CRASH_MARKER_ENV, "☠CRASH☠")
    shutdown_workers()  # workers read the marker when they start
    result = kgraph.build([small_folder], jobs=2)
    assert result.report.articles_built == 4
    (skipped,) = result.report.skipped
    assert skipped.path.endswith("poison.md") and "crashed" in skipped.reason
    # --strict turns the same crash into a failed build naming the file.
    with pytest.raises(kgraph.BuildError, match="poison.md"):
        kgraph.build([small_folder], jobs=2, strict=True)


def test_seed_builds_the_same_with_workers_as_in_process(seed_build):
    assert kgraph.build([SEEDS], jobs=2).serialize("nt") == seed_build.serialize("nt")


def test_a_small_backlog_starts_one_worker_and_a_large_one_all(small_folder, tmp_path):
    # An incremental build hands its misses through a source that tells its backlog: for the
    # few files a daily build changes, one worker (one Kiwi load) is enough.
    import kgraph.workers as workers
    from kgraph.ingest import load_articles

    articles = [r.article for r in load_articles([small_folder])]

    class Source:
        def __init__(self, items, waiting):
            self.items, self.waiting = iter(items), waiting

        def __iter__(self):
            return self

        def __next__(self):
            return next(self.items)

        def backlog(self):
            return self.waiting

    shutdown_workers(wait=True)
    try:
        few = list(workers.extract_many(Source(articles, 0), jobs=2))
        assert [a.path for a, _ in few] == [a.path for a in articles]
        assert len(workers._POOLS[2]._processes) == 1
        shutdown_workers(wait=True)
        many = list(workers.extract_many(Source(articles, 1000), jobs=2))
        assert len(workers._POOLS[2]._processes) == 2
        assert [ex for _, ex in many] == [ex for _, ex in few]
    finally:
        shutdown_workers(wait=True)


def test_a_prestarted_worker_is_the_one_that_analyses(small_folder):
    # An incremental build that will analyse a file starts one worker up front (its Kiwi loads
    # while cached files are read); a small backlog then goes to that worker alone.
    import kgraph.workers as workers
    from kgraph.ingest import load_articles

    articles = [r.article for r in load_articles([small_folder])]

    class Source:
        def __init__(self, items):
            self.items = iter(items)

        def __iter__(self):
            return self

        def __next__(self):
            return next(self.items)

        def backlog(self):
            return 0

    shutdown_workers(wait=True)
    try:
        workers.prestart(2)
        (pid,) = workers._POOLS[2]._processes
        results = list(workers.extract_many(Source(articles), jobs=2))
        assert list(workers._POOLS[2]._processes) == [pid]
        assert [ex for _, ex in results] == [ex for _, ex in workers.extract_many(articles, isolate=False)]
    finally:
        shutdown_workers(wait=True)


def test_a_script_whose_workers_cannot_start_is_told_why_not_that_its_files_crashed(tmp_path):
    """Worker processes start by importing the calling script; a script without a main guard
    calls the build again there, and every worker dies at once. That is reported as such, not
    as every article crashing the analyser."""
    import subprocess
    import sys

    script = tmp_path / "script.py"
    script.write_text(
        "import kgraph\n"
        f"kgraph.build([{str(SEEDS)!r}], output={str(tmp_path / 'g.ttl')!r})\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("kgraph.workers.WorkerStartError") and '__name__ == "__main__"' in last, done.stderr[-2000:]
    guarded = tmp_path / "guarded.py"
    guarded.write_text(
        "import kgraph\n"
        "if __name__ == '__main__':\n"
        f"    kgraph.build([{str(SEEDS)!r}], output={str(tmp_path / 'g.ttl')!r})\n", encoding="utf-8")
    assert subprocess.run([sys.executable, str(guarded)], capture_output=True, timeout=300).returncode == 0
    assert (tmp_path / "g.ttl").stat().st_size > 0
