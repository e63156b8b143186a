"""Hostile input and hostile conditions: one bad file never stops a build, mangles data or output.

Bad encodings, broken front matter and the like are in test_ingest.py; here: huge files, odd
characters everywhere (text, names, file names) through every RDF format, unreadable files and
things that are not files, and writes that fail or are killed.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

import kgraph
from conftest import ROOT, make_article_text, parse_with_rdflib, rdflib_graph_of
from kgraph.cli import main
from kgraph.emit import FORMATS, build_triples, remove_stale_temporaries, serialize, write_atomic
from kgraph.ingest import DEFAULT_MAX_SIZE, parse_article
from kgraph.model import Article, KnowledgeBase, Organization, Person
from kgraph.workers import extract_one

GOOD = "개인정보위는 누리페이에 과징금 5억원을 부과했다."
ODD = ' "큰따옴표" \'작은따옴표\' <꺾쇠> {중괄호} ^캐럿^ `백틱` \\백슬래시 😀🇰🇷 끝'


def yaml_quoted(value: str) -> str:
    """A YAML double-quoted scalar for any text (JSON escapes, plus what YAML wants escaped)."""
    text = json.dumps(value, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def article_text(title: str, body: str, **meta: str) -> str:
    fields = {"id": "999_0000000001", "title": title, "publisher": "테스트일보",
              "author": "한지우 기자", "published_at": "2025-12-03 10:00", **meta}
    front = "".join(f"{key}: {yaml_quoted(value)}\n" for key, value in fields.items())
    return f"---\n{front}---\n\n# 제목\n\n{body}\n"


def build(paths, **options) -> kgraph.BuildResult:
    return kgraph.build(paths, isolate=False, **options)


# --- Size ------------------------------------------------------------------------------------


def test_a_50_mb_file_is_skipped_without_being_read(tmp_path, monkeypatch):
    (tmp_path / "good.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        fh.write(make_article_text("거대", GOOD).encode())
        fh.truncate(50 * 1024 * 1024)
    opened: list[str] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self.name) or real_open(self, *a, **k))
    result = build([tmp_path])
    assert result.report.articles_built == 1
    (skipped,) = result.report.skipped
    assert skipped.path.endswith("big.md")
    assert skipped.reason == "too large for an article: 50.0 MiB, over the --max-size limit of 512 KiB"
    assert "big.md" not in opened


def test_a_10_mb_single_line_is_skipped(tmp_path):
    (tmp_path / "good.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    line = "가나다라마바사 " * (10 * 1024 * 1024 // 22)
    (tmp_path / "line.md").write_text(make_article_text("한 줄", line), encoding="utf-8")
    result = build([tmp_path])
    assert result.report.articles_built == 1
    (skipped,) = result.report.skipped
    assert "10.0 MiB, over the --max-size limit of 512 KiB" in skipped.reason


def test_the_size_limit_is_inclusive_and_can_be_changed(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(make_article_text("정상", GOOD), encoding="utf-8")
    size = path.stat().st_size
    assert size < DEFAULT_MAX_SIZE
    assert build([path], max_size=size).report.articles_built == 1
    with pytest.raises(kgraph.BuildError, match=f"{size} bytes, over the --max-size limit of {size - 1} bytes"):
        build([path], max_size=size - 1)


def test_max_size_on_the_command_line(tmp_path):
    (tmp_path / "a.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out), "--max-size", "0.25k"])
    assert result.exit_code == 1 and "over the --max-size limit of 256 bytes" in result.output
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out), "--max-size", "lots"])
    assert result.exit_code == 2 and "not a size" in result.output


# --- Odd characters, through every format ----------------------------------------------------


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory) -> kgraph.BuildResult:
    folder = tmp_path_factory.mktemp("odd")
    files = {
        "title quotes.md": article_text("제목" + ODD, GOOD, id="999_0000000001"),
        'name "quoted" <>{}^`.md': article_text("이름", GOOD + ODD, id="999_0000000002",
                                                author="<한지우> \"기자\" 😀", publisher="테스트 <일보>"),
        "😀 emoji.md": article_text("제어\x01문자\x1b와\x7f삭제", "본문\x01에\x02 제어\x1b[31m 문자\x7f.\n" + GOOD,
                                    id="id with spaces/<>{}^`|\\", **{"odd key": "값 <>\"'"}),
        "crlf.md": article_text("줄바꿈", GOOD, id="999_0000000004").replace("\n", "\r\n"),
        "carriage\rreturn.md": article_text("파일 이름에 CR", GOOD, id="999_0000000005"),
        "control\x01name.md": article_text("파일 이름에 제어 문자", GOOD, id="999_0000000006"),
        "raw control.md": article_text("제목", GOOD, id="999_0000000007").replace("제목", "제\x01목", 1),
        "surrogate escape.md": article_text("YAML이 만드는 \udc80 외톨이", GOOD, id="999_0000000009"),
    }
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    # A file name that is not UTF-8 (Latin-1 "é"): Python reads it with a lone surrogate.
    with open(os.path.join(os.fsencode(folder), b"latin-\xe9.md"), "wb") as fh:
        fh.write(article_text("라틴 파일 이름", GOOD, id="999_0000000008").encode())
    return build([folder])


def literals(result: kgraph.BuildResult, term: str) -> set[str]:
    predicate = ox.NamedNode("https://kgraph.example/ontology#" + term)
    return {t.object.value for t in result.triples if t.predicate == predicate}


def test_odd_files_are_built_or_skipped_with_a_reason(odd_build):
    report = odd_build.report
    assert report.articles_built == 7
    control, surrogate = report.skipped
    assert control.path.endswith("raw control.md") and control.line == 3
    assert control.reason.startswith("broken front matter: character U+0001 is not allowed here")
    assert surrogate.path.endswith("surrogate escape.md") and "lone surrogates" in surrogate.reason


def test_odd_text_reaches_the_graph_unmangled(odd_build):
    titles = literals(odd_build, "title")
    assert "제목" + ODD in titles
    # XML 1.0 cannot hold control characters: every format gets U+FFFD instead (DEL is fine).
    assert "제어\ufffd문자\ufffd와\x7f삭제" in titles
    assert any(ODD in body for body in literals(odd_build, "body"))
    assert any("본문\ufffd에\ufffd 제어\ufffd[31m" in body for body in literals(odd_build, "body"))
    assert "<한지우> \"기자\" 😀" in literals(odd_build, "author")
    assert "값 <>\"'" in literals(odd_build, "value")
    files = literals(odd_build, "sourceFile")
    assert {"title quotes.md", 'name "quoted" <>{}^`.md', "😀 emoji.md", "carriage\ufffdreturn.md",
            "control\ufffdname.md", "latin-\ufffd.md"} <= {f.split("/", 1)[1] for f in files}


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_odd_text_parses_back_the_same_in_every_format(odd_build, suffix):
    data = odd_build.serialize(suffix)
    assert isomorphic(parse_with_rdflib(data, suffix), rdflib_graph_of(odd_build.triples))
    assert {q.triple for q in ox.parse(data, format=FORMATS[suffix])} == set(odd_build.triples)


def test_odd_file_names_are_reported_as_they_are(tmp_path):
    (tmp_path / "good.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    (tmp_path / "[bold]no front matter.md").write_text("그냥 글.\n", encoding="utf-8")  # not markup
    with open(os.path.join(os.fsencode(tmp_path), b"bad-\xff.md"), "wb") as fh:
        fh.write(b"no front matter either\n")
    report = tmp_path / "build.json"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "g.nt"),
                                       "--no-cache", "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "[bold]no front matter.md:1: no front matter" in result.output
    paths = {s["path"] for s in json.loads(report.read_bytes())["skipped"]}
    assert any(p.endswith("[bold]no front matter.md") for p in paths)
    assert any(p.endswith("bad-\udcff.md") for p in paths)  # a JSON escape of the lone surrogate


def test_lone_surrogates_from_a_library_caller(tmp_path):
    article = parse_article(make_article_text("정상", GOOD), "a.md", file_sha256="0" * 64)
    odd = replace(article, title="제목\ud800", body=GOOD + "\udcff")
    assert "lone surrogates" in extract_one(odd)
    # Emitted, they become U+FFFD in every format.
    kb = KnowledgeBase(
        articles=[replace(odd, path="a\udcff.md", meta=(("id", "x\ud800"), ("note", "y\udfff")))],
        organizations={"회사\ud800": Organization("회사\ud800", "Company", aliases={"별칭\udc00"})},
        persons={("김\ud800", "회사\ud800"): Person("김\ud800", "회사\ud800", roles={"대표\udc80"})},
    )
    triples = build_triples(kb)
    assert not any("\ud800" <= ch <= "\udfff" for t in triples for ch in str(t))
    expected = rdflib_graph_of(triples)
    for suffix, fmt in FORMATS.items():
        assert isomorphic(parse_with_rdflib(serialize(triples, fmt), suffix), expected), suffix


# --- Files that cannot be read ---------------------------------------------------------------


def test_an_unreadable_file_is_skipped_and_the_rest_is_built(tmp_path, monkeypatch):
    (tmp_path / "good.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    (tmp_path / "secret.md").write_text(make_article_text("비밀", GOOD, article_id="999_2"), encoding="utf-8")
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == "secret.md":  # tests run as root, who may read anything
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    result = build([tmp_path])
    assert result.report.articles_built == 1
    (skipped,) = result.report.skipped
    assert skipped.path.endswith("secret.md") and skipped.reason == "cannot read: Permission denied"


def test_things_that_are_not_files_are_skipped(tmp_path):
    (tmp_path / "good.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    os.mkfifo(tmp_path / "pipe.md")  # opening it would wait for a writer forever
    (tmp_path / "zeros.md").symlink_to("/dev/zero")  # reading it would never end
    result = build([tmp_path])
    assert result.report.articles_built == 1
    reasons = {Path(s.path).name: s.reason for s in result.report.skipped}
    assert reasons == {
        "dangling.md": "cannot read: No such file or directory",
        "pipe.md": "not a regular file (a named pipe, socket or device)",
        "zeros.md": "not a regular file (a named pipe, socket or device)",
    }


def test_a_folder_without_articles_is_an_error(tmp_path):
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / ".hidden.md").write_text(make_article_text("숨김", GOOD), encoding="utf-8")
    with pytest.raises(kgraph.BuildError, match="no article files"):
        build([tmp_path])


# --- Writes that fail or are killed ----------------------------------------------------------


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_full_disk_keeps_the_previous_output(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    out = tmp_path / "graph.ttl"
    out.write_text("previous\n")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        build([tmp_path / "news"], output=out)
    assert out.read_text() == "previous\n"
    assert temporaries(tmp_path) == []


def test_a_read_only_folder_keeps_the_previous_output_and_says_so(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    out = tmp_path / "graph.ttl"
    out.write_text("previous\n")

    def read_only(*args, **kwargs):  # root may write anywhere: simulate a read-only mount
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "news"), "-o", str(out), "--no-cache"])
    assert result.exit_code == 1
    assert "graph.ttl: cannot write: Read-only file system" in result.output
    assert out.read_text() == "previous\n"
    assert temporaries(tmp_path) == []


_STALL_IN_FSYNC = """
import os, sys, time
from kgraph.emit import write_atomic

def stall(fd):
    print("written", flush=True)
    time.sleep(60)

os.fsync = stall
write_atomic(sys.argv[1], b"new graph " * 3_000_000)
"""


def test_kill_9_while_writing_keeps_the_previous_output_and_the_next_run_cleans_up(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    out = tmp_path / "graph.nt"
    out.write_text("previous\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", _STALL_IN_FSYNC, str(out)], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout.readline() == b"written\n"  # 30 MB written, not yet renamed
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    assert out.read_text() == "previous\n"
    (stale,) = temporaries(tmp_path)
    assert stale.startswith(".graph.nt.")
    result = build([tmp_path / "news"], output=out)
    assert temporaries(tmp_path) == []
    assert out.read_bytes() == result.serialize("nt")


_WRITE_FOREVER = """
import itertools, sys
from kgraph.emit import write_atomic

for i in itertools.count():
    write_atomic(sys.argv[1], b"%08d\\n" % i * 2_000_000 + b"end\\n")
"""


def test_kill_9_at_any_moment_leaves_a_whole_file(tmp_path):
    out = tmp_path / "graph.nt"
    out.write_bytes(b"previous\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.6, 0.75, 0.9):
        proc = subprocess.Popen([sys.executable, "-c", _WRITE_FOREVER, str(out)], env=env)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = out.read_bytes()
        assert data == b"previous\n" or (data.endswith(b"end\n") and len(data) == 18_000_004
                                         and len(set(data[:-4].split(b"\n"))) == 2)
        assert len(temporaries(tmp_path)) <= 1
        remove_stale_temporaries(out)
        assert temporaries(tmp_path) == []


def test_a_temporary_file_being_written_is_not_taken_for_a_stale_one(tmp_path):
    import fcntl

    target = tmp_path / "graph.ttl"
    live = tmp_path / ".graph.ttl.abc_1234.tmp"
    live.write_bytes(b"being written")
    others = [tmp_path / ".graph.ttl.backup.tmp", tmp_path / "graph.ttl.tmp", tmp_path / ".other.ttl.abcd1234.tmp"]
    for path in others:
        path.write_bytes(b"not ours")
    with live.open("rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # as write_atomic holds it until the rename
        assert remove_stale_temporaries(target) == []
    assert remove_stale_temporaries(target) == [live]
    assert all(path.exists() for path in others)


def test_output_keeps_its_permissions(tmp_path):
    out = tmp_path / "graph.ttl"
    write_atomic(out, b"first")
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    out.chmod(0o640)
    write_atomic(out, b"second")
    assert out.stat().st_mode & 0o777 == 0o640


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# --- Property: any title and byline build, and parse back the same in every format -----------

texts = st.text(st.characters(exclude_categories=()), max_size=15)


@settings(max_examples=20, deadline=None)
@given(title=texts, author=texts)
def test_any_title_and_byline_build_and_parse_back_in_every_format(title, author):
    with tempfile.TemporaryDirectory() as folder:
        text = article_text(title, GOOD, author=author)
        (Path(folder) / "a.md").write_text(text, encoding="utf-8")
        try:
            result = build([folder])
        except kgraph.BuildError as exc:  # the one file was skipped, with a reason
            assert "a.md" in str(exc)
            return
    expected = rdflib_graph_of(result.triples)
    for suffix, fmt in FORMATS.items():
        data = result.serialize(suffix)
        assert isomorphic(parse_with_rdflib(data, suffix), expected), suffix
        assert {q.triple for q in ox.parse(data, format=fmt)} == set(result.triples), suffix


def test_a_missing_output_folder_is_found_before_any_work(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(make_article_text("정상", GOOD), encoding="utf-8")
    monkeypatch.setattr("kgraph.workers.extract_one", lambda article: pytest.fail("analysed"))
    with pytest.raises(FileNotFoundError, match="no such folder"):
        build([tmp_path / "a.md"], output=tmp_path / "missing" / "graph.ttl", cache_dir=tmp_path / "cache")
    assert not (tmp_path / "missing").exists()
