"""The Dask engine: the same graph, byte for byte, as the local engine, from paths and fsspec URLs.

One ``distributed.LocalCluster`` of two worker processes (each loads its own Kiwi) serves the
whole module. Skipped when Dask is not installed, except in CI, where it must run.
"""

from __future__ import annotations

import os
import sys

import pytest
from click.testing import CliRunner

import kgraph
from conftest import make_article_text
from kgraph.cli import main
from kgraph.dask_engine import DaskEngine, DaskEngineError, close_engines

BODIES = [
    "개인정보위는 누리페이에 과징금 5억원을 부과했다.",
    "한결저축은행에서 고객정보 유출이 확인됐다. 피해 고객은 3만2000명이다.",
    "방통위는 미래텔레콤이 자료 제출을 미뤘다고 보고 서울경찰청에 수사를 의뢰했다.",
    "KT는 피해 고객에게 요금을 보상할 계획이라고 밝혔다.",
    "과기정통부는 KT에 위약금 면제를 요구했다. 김민수 과기정통부 장관은 \"책임을 묻겠다\"고 말했다.",
]


def _cluster_or_skip():
    try:
        from distributed import LocalCluster
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("dask[distributed] is not installed (CI installs '.[test]', which has it)")
        pytest.skip("dask[distributed] is not installed (pip install 'kgraph[dask]')")
    return LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)


@pytest.fixture(scope="module")
def scheduler():
    cluster = _cluster_or_skip()
    try:
        yield cluster.scheduler_address
    finally:
        close_engines()
        cluster.close()


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    (folder / "2025-12").mkdir(parents=True)
    for i, body in enumerate(BODIES):
        text = make_article_text(f"기사 {i}", body, article_id=f"999_000000020{i}")
        (folder / "2025-12" / f"{i}.md").write_text(text, encoding="utf-8")
    # A re-crawl under another name (a duplicate) and a file that is not an article.
    (folder / "2025-12" / "0-again.md").write_bytes((folder / "2025-12" / "0.md").read_bytes())
    (folder / "broken.md").write_text("no front matter here\n", encoding="utf-8")
    return folder


def test_the_dask_engine_builds_the_local_engines_graph_byte_for_byte(news, tmp_path, scheduler):
    local = kgraph.build([news], output=tmp_path / "local.ttl")
    dask = kgraph.build([news], output=tmp_path / "dask.ttl", engine="dask", scheduler=scheduler,
                        shards=tmp_path / "shards")
    assert (tmp_path / "dask.ttl").read_bytes() == (tmp_path / "local.ttl").read_bytes()
    assert dask.serialize("nt") == local.serialize("nt")
    for field in ("files_read", "articles_built", "skipped", "duplicates", "triples"):
        assert getattr(dask.report, field) == getattr(local.report, field)
    assert dask.report.duplicates == [("news/2025-12/0.md", "news/2025-12/0-again.md")]
    assert [s.path for s in dask.report.skipped] == ["news/broken.md"]
    # The shards are the graph in N-Quads, in order.
    shards = sorted((tmp_path / "shards").glob("part-*.nq"))
    assert b"".join(p.read_bytes() for p in shards) == local.serialize("nq")


def test_the_dask_engine_with_a_cache_gives_the_clean_graph(news, tmp_path, scheduler):
    # With a cache, the analyser (here the Dask client) runs in a thread of its own and hits do
    # not wait for it; the graph is still the clean local build's.
    local = kgraph.build([news], output=tmp_path / "local.nt", isolate=False)
    cache = tmp_path / "cache"
    first = kgraph.build([news], output=tmp_path / "first.nt", engine="dask", scheduler=scheduler, cache_dir=cache)
    (news / "2025-12" / "3.md").write_text(
        make_article_text("기사 3", "KT는 피해 고객에게 요금을 보상하기로 했다.", article_id="999_0000000203"),
        encoding="utf-8")
    again = kgraph.build([news], output=tmp_path / "again.nt", engine="dask", scheduler=scheduler, cache_dir=cache)
    assert (first.report.analysed, again.report.analysed, again.report.cached) == (5, 1, 4)
    assert (tmp_path / "first.nt").read_bytes() == (tmp_path / "local.nt").read_bytes()
    clean = kgraph.build([news], output=tmp_path / "clean.nt", isolate=False)
    assert (tmp_path / "again.nt").read_bytes() == (tmp_path / "clean.nt").read_bytes()
    assert [s.path for s in again.report.skipped] == [s.path for s in clean.report.skipped]
    assert again.report.duplicates == clean.report.duplicates


def test_an_fsspec_url_reads_the_same_files(news, tmp_path, scheduler):
    local = kgraph.build([news], output=tmp_path / "local.nt")
    url = kgraph.build([f"local://{news}"], output=tmp_path / "url.nt", engine="dask", scheduler=scheduler)
    assert (tmp_path / "url.nt").read_bytes() == (tmp_path / "local.nt").read_bytes()
    assert url.report.files_read == local.report.files_read == 7


def test_the_cli_builds_with_dask(news, tmp_path, scheduler):
    out = tmp_path / "graph.nt"
    result = CliRunner().invoke(main, ["build", str(news), "-o", str(out), "--no-cache", "--quiet",
                                       "--engine", "dask", "--scheduler", scheduler])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == kgraph.build([news]).serialize("nt")


def test_a_scheduler_needs_the_dask_engine(news, tmp_path):
    result = CliRunner().invoke(main, ["build", str(news), "-o", str(tmp_path / "g.nt"),
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--engine dask" in result.output


def test_without_the_extra_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(DaskEngineError, match=r"pip install 'kgraph\[dask\]'"):
        DaskEngine.connect("tcp://127.0.0.1:1")
