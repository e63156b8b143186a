"""Incremental builds: the extraction cache analyses only what changed, and changes nothing else."""

from __future__ import annotations

import ast
import errno
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph
import kgraph.lexicon
import kgraph.workers
from conftest import ONTOLOGY, ROOT, make_article_text
from kgraph.cache import EXTRACTOR_MODULES, ExtractionCache, extractor_version
from kgraph.cli import main
from kgraph.ingest import parse_article
from kgraph.lexicon import load_lexicon
from kgraph.model import AnalysedArticle, Extraction

BODIES = {
    "a.md": "개인정보위는 누리페이에 과징금 5억원을 부과했다.",
    "b.md": "한결저축은행에서 고객정보 유출이 확인됐다.",
    "c.md": "방통위는 미래텔레콤이 자료 제출을 미뤘다고 보고 서울경찰청에 수사를 의뢰했다.",
    "d.md": "KT는 피해 고객에게 요금을 보상할 계획이라고 밝혔다.",
}


def write_article(folder: Path, name: str, body: str) -> None:
    number = sum(map(ord, name))  # a stable id per file name
    text = make_article_text(f"기사 {name}", body, article_id=f"999_{number:010d}")
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, body in BODIES.items():
        write_article(folder, name, body)
    return folder


def build(folder: Path, cache: Path | None, **options) -> kgraph.BuildResult:
    return kgraph.build([folder], isolate=False, cache_dir=cache, **options)


def clean_nt(folder: Path) -> bytes:
    return build(folder, None).serialize("nt")


@pytest.fixture
def count_analyses(monkeypatch) -> list[str]:
    """Record the path of every article the analyser is run on (in this process)."""
    calls: list[str] = []
    real = kgraph.workers.extract_one

    def counting(article):
        calls.append(article.path)
        return real(article)

    monkeypatch.setattr(kgraph.workers, "extract_one", counting)
    return calls


def test_an_unchanged_folder_is_not_analysed_again(news, tmp_path, count_analyses):
    cache = tmp_path / "cache"
    first = build(news, cache)
    assert (first.report.analysed, first.report.cached) == (4, 0)
    count_analyses.clear()
    again = build(news, cache)
    assert count_analyses == []
    assert (again.report.analysed, again.report.cached, again.report.articles_built) == (0, 4, 4)
    assert again.serialize("nt") == first.serialize("nt") == clean_nt(news)


def test_editing_one_file_analyses_that_file_only(news, tmp_path, count_analyses):
    cache = tmp_path / "cache"
    build(news, cache)
    write_article(news, "b.md", "한결저축은행은 해킹 사고로 고객 3만명의 정보가 유출됐다고 밝혔다.")
    count_analyses.clear()
    result = build(news, cache)
    assert count_analyses == ["news/b.md"]
    assert (result.report.analysed, result.report.cached) == (1, 3)
    assert result.serialize("nt") == clean_nt(news)


def test_a_deleted_file_takes_its_facts_and_its_own_entities_with_it(news, tmp_path):
    cache = tmp_path / "cache"
    before = build(news, cache).serialize("nt").decode()
    assert "미래텔레콤" in before
    (news / "c.md").unlink()
    result = build(news, cache)
    assert (result.report.analysed, result.report.cached) == (0, 3)
    after = result.serialize("nt")
    assert "미래텔레콤" not in after.decode() and "서울경찰청" not in after.decode()
    assert after == clean_nt(news)


def test_a_moved_file_comes_from_the_cache_under_its_new_path(news, tmp_path):
    cache = tmp_path / "cache"
    build(news, cache)
    (news / "archive").mkdir()
    (news / "a.md").rename(news / "archive" / "a.md")
    result = build(news, cache)
    assert (result.report.analysed, result.report.cached) == (0, 4)
    assert "news/archive/a.md" in result.serialize("nt").decode()
    assert result.serialize("nt") == clean_nt(news)


def test_a_changed_lexicon_invalidates_the_cache(news, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    before = build(news, cache).serialize("nt")
    changed = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, changed, ignore=shutil.ignore_patterns("queries"))
    with (changed / "not_organizations.tsv").open("a", encoding="utf-8") as fh:
        fh.write("누리페이\n")
    old_version = extractor_version()
    try:
        monkeypatch.setattr(kgraph.lexicon, "ontology_dir", lambda: changed)
        load_lexicon.cache_clear()
        assert extractor_version() != old_version
        result = build(news, cache)
        assert (result.report.analysed, result.report.cached) == (4, 0)
        after = result.serialize("nt")
        assert after != before and "누리페이" in before.decode() and "org/누리페이" not in after.decode()
        assert after == clean_nt(news)
    finally:
        monkeypatch.undo()
        load_lexicon.cache_clear()


def test_the_encoding_option_is_part_of_the_key(news):
    article = parse_article((news / "a.md").read_text(encoding="utf-8"), "a.md", file_sha256="0" * 64)
    keys = {ExtractionCache(news / ".c", encoding=e, version="v" * 64).key(article) for e in ("utf-8", "auto")}
    assert len(keys) == 2


def test_the_version_covers_every_module_the_extractor_imports():
    package = ROOT / "kgraph"
    needed, todo = set(), ["workers"]
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo.append(node.module)
    assert needed <= set(EXTRACTOR_MODULES)


def test_an_interrupted_build_resumes_where_it_stopped(news, tmp_path):
    cache = tmp_path / "cache"

    def interrupt(path, done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(news, cache, progress=interrupt)
    result = build(news, cache)
    assert (result.report.analysed, result.report.cached) == (2, 2)
    assert result.serialize("nt") == clean_nt(news)


def test_a_torn_or_corrupt_entry_is_analysed_again(news, tmp_path):
    cache = tmp_path / "cache"
    build(news, cache)
    entries = sorted(cache.rglob("*.pickle"))
    assert len(entries) == 4
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # cut off
    data = bytearray(entries[1].read_bytes())
    data[-5] ^= 0xFF  # one flipped byte
    entries[1].write_bytes(bytes(data))
    result = build(news, cache)
    assert (result.report.analysed, result.report.cached) == (2, 2)
    assert result.serialize("nt") == clean_nt(news)


def test_failed_articles_are_not_cached(news, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    real = kgraph.workers.extract_one
    monkeypatch.setattr(kgraph.workers, "extract_one",
                        lambda a: "extraction failed: boom" if a.path.endswith("b.md") else real(a))
    first = build(news, cache)
    assert [s.path for s in first.report.skipped] == ["news/b.md"]
    monkeypatch.setattr(kgraph.workers, "extract_one", real)
    again = build(news, cache)
    assert (again.report.analysed, again.report.cached, again.report.articles_built) == (1, 3, 4)


def test_a_folder_others_can_write_to_is_not_used(news, tmp_path):
    cache = tmp_path / "cache"
    build(news, cache)
    cache.chmod(0o777)
    result = build(news, cache)
    assert (result.report.analysed, result.report.cached) == (4, 0)
    (warning,) = result.report.warnings
    assert "private" in warning


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(news, tmp_path, monkeypatch):
    def full(path, data, **options):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kgraph.cache, "write_atomic", full)
    result = build(news, tmp_path / "cache")
    assert result.report.articles_built == 4
    (warning,) = result.report.warnings
    assert "No space left on device" in warning
    assert result.serialize("nt") == clean_nt(news)


def _fake_extraction(article) -> Extraction:
    return Extraction(AnalysedArticle(article, ()), (), (), (), (), (), ())


def test_hits_and_misses_come_back_in_input_order(tmp_path):
    articles = [
        parse_article(make_article_text(f"기사 {i}", f"본문 {i}이다."), f"{i}.md", file_sha256=f"{i:064d}")
        for i in range(12)
    ]
    cache = ExtractionCache(tmp_path / "cache", version="v" * 64)
    for i in (0, 1, 2, 5, 6, 7, 8, 11):
        cache.put(articles[i], _fake_extraction(articles[i]))
    seen: list[str] = []

    def extract(items):
        for article in items:
            seen.append(article.path)
            yield article, _fake_extraction(article)

    out = list(cache.extract(articles, extract, flush_after=2))
    assert [a.path for a, _ in out] == [a.path for a in articles]
    assert all(ex.analysed.article is a for a, ex in out)
    assert seen == ["3.md", "4.md", "9.md", "10.md"]
    assert (cache.hits, cache.analysed) == (8, 4)


def test_the_command_line_caches_beside_the_output(news, tmp_path):
    out = tmp_path / "graph.ttl"
    report = tmp_path / "build.json"
    runner = CliRunner()
    for expected in ({"analysed": 4, "cached": 0}, {"analysed": 0, "cached": 4}):
        result = runner.invoke(main, ["build", str(news), "-o", str(out), "--report", str(report)])
        assert result.exit_code == 0, result.output
        data = json.loads(report.read_text())
        assert {k: data[k] for k in expected} == expected
    assert (tmp_path / ".kgraph-cache").is_dir()
    assert (tmp_path / ".kgraph-cache").stat().st_mode & 0o077 == 0

    elsewhere = tmp_path / "elsewhere"
    result = runner.invoke(main, ["build", str(news), "-o", str(out), "--cache", str(elsewhere),
                                  "--report", str(report)])
    assert json.loads(report.read_text())["analysed"] == 4 and elsewhere.is_dir()

    shutil.rmtree(tmp_path / ".kgraph-cache")
    result = runner.invoke(main, ["build", str(news), "-o", str(out), "--no-cache", "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert json.loads(report.read_text())["cached"] == 0
    assert not (tmp_path / ".kgraph-cache").exists()
    result = runner.invoke(main, ["build", str(news), "-o", str(out), "--no-cache", "--cache", str(elsewhere)])
    assert result.exit_code == 2 and "exclude each other" in result.output


# --- a cached file is not parsed again, and cached results do not wait for the analyser ----------


def test_a_cached_file_is_not_decoded_or_parsed_again(news, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = build(news, cache)
    write_article(news, "b.md", "한결저축은행은 해킹 사고로 고객 3만명의 정보가 유출됐다고 밝혔다.")
    (news / "a.md").rename(news / "moved.md")
    parsed: list[str] = []
    real = kgraph.ingest.parse_article

    def counting(text, path, **options):
        parsed.append(path)
        return real(text, path, **options)

    monkeypatch.setattr(kgraph.ingest, "parse_article", counting)
    result = build(news, cache)
    assert parsed == ["news/b.md"]  # the changed file only; a moved one is found by its bytes
    assert (result.report.analysed, result.report.cached) == (1, 3)
    assert [a.path for a in result.knowledge_base.articles] == ["news/b.md", "news/c.md", "news/d.md", "news/moved.md"]
    monkeypatch.undo()
    assert result.serialize("nt") == clean_nt(news) != first.serialize("nt")


def test_the_ingest_code_is_part_of_the_version():
    assert "ingest" in EXTRACTOR_MODULES  # cached articles are not parsed again


def test_an_incremental_build_is_the_clean_build_whatever_order_results_come_in(news, tmp_path, monkeypatch):
    # Misses come back after hits: resolution must not depend on the order of articles.
    for name, body in (("e.md", "KT는 소액결제 해킹 피해자에게 위약금을 면제한다고 밝혔다."),
                       ("f.md", "과기정통부는 KT에 위약금 면제를 요구했다. KT는 검토하겠다고 했다."),
                       ("g.md", "개인정보위는 누리페이에 과징금 5억원을 부과했다고 밝혔다.")):
        write_article(news, name, body)
    cache = tmp_path / "cache"
    build(news, cache)
    for name in ("a.md", "f.md"):
        (news / name).write_text((news / name).read_text(encoding="utf-8") + "\n덧붙임.\n", encoding="utf-8")
    result = build(news, cache)
    assert (result.report.analysed, result.report.cached) == (2, 5)
    clean = build(news, None)
    assert [a.path for a in result.knowledge_base.articles] == [a.path for a in clean.knowledge_base.articles]
    assert result.serialize("nt") == clean.serialize("nt")

    # And any order of the same extractions resolves to the same graph.
    import random

    from kgraph.emit import build_triples
    from kgraph.resolve import resolve

    entries = ExtractionCache(cache)
    extractions = [entries.get(a) for a in clean.knowledge_base.articles]
    assert all(extractions)
    expected = build_triples(resolve(extractions))
    for seed in range(3):
        random.Random(seed).shuffle(extractions)
        assert build_triples(resolve(extractions)) == expected


def test_results_as_ready_hits_first_misses_stored_and_a_stop_stops_the_analyser(tmp_path):
    import threading

    articles = [
        parse_article(make_article_text(f"기사 {i}", f"본문 {i}이다."), f"{i}.md", file_sha256=f"{i:064d}")
        for i in range(8)
    ]
    cache = ExtractionCache(tmp_path / "cache", version="v" * 64)
    for i in (0, 2, 3, 5, 6):
        cache.put(articles[i], _fake_extraction(articles[i]))
    release = threading.Event()
    analysed: list[str] = []

    def slow(items):  # an analyser whose worker takes a while to start
        for article in items:
            release.wait(5)
            analysed.append(article.path)
            yield article, _fake_extraction(article) if article.path != "4.md" else "extraction failed: boom"

    out = cache.extract_as_ready(articles, slow)
    first = [next(out)[0].path for _ in range(5)]
    assert first == ["0.md", "2.md", "3.md", "5.md", "6.md"]  # no waiting for 1.md
    release.set()
    rest = list(out)
    assert sorted(a.path for a, _ in rest) == ["1.md", "4.md", "7.md"]
    assert (cache.hits, cache.analysed) == (5, 3)
    again = ExtractionCache(tmp_path / "cache", version="v" * 64)
    assert [again.get(a) is not None for a in articles] == [True, True, True, True, False, True, True, True]

    # A consumer that stops early stops the analyser thread; what it still held is not stored.
    fresh = ExtractionCache(tmp_path / "other", version="v" * 64)
    release.set()
    out = fresh.extract_as_ready(articles, slow)
    assert next(out)[0].path == "0.md"  # every article is a miss: the first one analysed
    out.close()
    assert not [t for t in threading.enumerate() if t.name == "kgraph-analyser"]
    assert len(list((tmp_path / "other").rglob("*.pickle"))) == 1

    def broken(items):
        for _ in items:
            raise RuntimeError("the analyser broke")
        yield  # pragma: no cover

    with pytest.raises(RuntimeError, match="analyser broke"):
        list(ExtractionCache(tmp_path / "third", version="v" * 64).extract_as_ready(articles, broken))


# --- the worker starts up front when a file will be analysed, and only then ----------------------


def test_a_build_starts_its_worker_up_front_only_when_a_file_will_be_analysed(news, tmp_path, monkeypatch):
    import importlib

    from kgraph.ingest import find_article_files

    build_module = importlib.import_module("kgraph.build")
    started: list[int] = []
    monkeypatch.setattr(build_module, "prestart", started.append)
    # The analyser runs in this process (no worker is really started), as isolate=True calls it.
    monkeypatch.setattr(build_module, "extract_many",
                        lambda articles, jobs=1, isolate=True: ((a, kgraph.workers.extract_one(a)) for a in articles))
    number = sum(map(ord, "a.md"))  # a re-crawl of a.md (its id), not the same bytes: never analysed
    (news / "z-copy.md").write_text(make_article_text("기사 a.md", BODIES["a.md"] + " (갱신)",
                                                      article_id=f"999_{number:010d}"), encoding="utf-8")
    (news / "bad.md").write_bytes(b"---\nid: 1\n---\n\xc3\x28")  # not UTF-8: skipped
    cache = tmp_path / "cache"

    def isolated_build(**options):
        return kgraph.build([news], cache_dir=cache, **options)

    first = isolated_build(jobs=2)
    assert started == [2] and first.report.analysed == 4
    assert [a for a, _ in first.report.duplicates] == ["news/z-copy.md"]
    assert [s.path for s in first.report.skipped] == ["news/bad.md"]
    started.clear()
    again = isolated_build()
    assert started == [] and (again.report.analysed, again.report.cached) == (0, 4)
    assert not ExtractionCache(cache).expects_analysis(find_article_files([news]))

    # A change in the last file read: the worker is started before the first file is read.
    write_article(news, "d.md", "KT는 피해 고객 전원에게 요금을 보상한다고 밝혔다.")
    assert ExtractionCache(cache).expects_analysis(find_article_files([news]))
    result = isolated_build()
    assert started == [1] and (result.report.analysed, result.report.cached) == (1, 3)
    assert result.serialize("nt") == clean_nt(news)

    # The duplicate's mark is no extraction: without its original, it is analysed (its worker
    # is then started when it is reached, as the mark hides it from the hint).
    started.clear()
    (news / "a.md").unlink()
    result = isolated_build()
    assert started == [] and (result.report.analysed, result.report.cached) == (1, 3)
    assert result.report.duplicates == [] and result.serialize("nt") == clean_nt(news)
    assert not ExtractionCache(cache).expects_analysis(find_article_files([news]))


def test_an_unusable_cache_expects_no_analysis_and_marks_nothing(news, tmp_path):
    from kgraph.ingest import find_article_files

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o777)
    cache.chmod(0o777)  # others may write: not used
    entries = ExtractionCache(cache)
    assert not entries.expects_analysis(find_article_files([news]))
    article = parse_article((news / "a.md").read_text(encoding="utf-8"), "a.md", file_sha256="0" * 64)
    entries.note_unanalysed(article)
    assert not entries.has_entry("0" * 64) and list(cache.rglob("*.pickle")) == []


def test_extractions_pickle_to_equal_objects_and_read_older_states():
    import pickle

    from conftest import extract_text

    from kgraph.model import OrgMention, Span

    ex = extract_text("개인정보위는 누리페이에 과징금 5억원을 부과했다. 누리페이 회원 3만 명의 정보가 유출됐다.")
    assert pickle.loads(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL)) == ex
    # The state is the list of field values in field order, as dataclasses' own methods wrote it.
    span = Span(1, 2, 3)
    assert span.__getstate__() == [1, 2, 3]
    mention = OrgMention.__new__(OrgMention)
    mention.__setstate__(["과기부", "과학기술정보통신부", "GovernmentAgency", span, "topic", True])
    assert mention == OrgMention("과기부", "과학기술정보통신부", "GovernmentAgency", span, "topic", True)
