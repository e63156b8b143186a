"""The command line, driven through click's CliRunner and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from conftest import ROOT, SEEDS, make_article_text
from kgraph.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_build_writes_the_graph_and_a_summary(tmp_path, seed_graph):
    out = tmp_path / "graph.ttl"
    result = run("build", str(SEEDS), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "articles built  1" in result.output
    assert isomorphic(rdflib.Graph().parse(out), seed_graph)


def test_bad_files_are_reported_and_skipped(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.md").write_text(make_article_text("KT 점검", "KT가 점검을 받았다."), encoding="utf-8")
    (folder / "legacy.txt").write_bytes(make_article_text("옛 기사", "옛 글이다.").encode("cp949"))
    (folder / "nofm.md").write_text("그냥 글입니다.\n", encoding="utf-8")
    out = tmp_path / "g.nt"
    report = tmp_path / "build.json"
    result = run("build", str(folder), "-o", str(out), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "news/legacy.txt" in result.output and "CP949" in result.output
    assert "news/nofm.md:1: no front matter" in result.output
    data = json.loads(report.read_text())
    assert data["files_read"] == 3 and data["articles_built"] == 1
    assert {s["path"] for s in data["skipped"]} == {"news/legacy.txt", "news/nofm.md"}
    assert out.exists()


def test_strict_fails_on_the_first_bad_file_and_writes_nothing(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text(make_article_text("제목", "본문이다."), encoding="utf-8")
    (folder / "b.md").write_bytes(b"\x00\x01\x02 binary")
    out = tmp_path / "g.ttl"
    result = run("build", str(folder), "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert "news/b.md" in result.output and "not text" in result.output
    assert not out.exists()


def test_encoding_auto_converts_cp949(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "legacy.txt").write_bytes(make_article_text("옛 기사", "KT가 점검을 받았다.").encode("cp949"))
    out = tmp_path / "g.ttl"
    result = run("build", str(folder), "-o", str(out), "--encoding", "auto")
    assert result.exit_code == 0, result.output
    titles = {str(t) for t in rdflib.Graph().parse(out).objects(None, rdflib.URIRef("https://kgraph.example/ontology#title"))}
    assert titles == {"옛 기사"}


def test_empty_folder_is_an_error_not_an_empty_graph(tmp_path):
    out = tmp_path / "g.ttl"
    result = run("build", str(tmp_path), "-o", str(out))
    assert result.exit_code == 1
    assert "no article files" in result.output
    assert not out.exists()


def test_unknown_output_format_is_refused_before_any_work(tmp_path):
    result = run("build", str(SEEDS), "-o", str(tmp_path / "g.docx"))
    assert result.exit_code == 1
    assert "unknown RDF format .docx" in result.output


def test_duplicate_article_is_built_once_and_named(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    text = (SEEDS / "000_014c826a75d2db53.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")
    result = run("build", str(folder), "-o", str(tmp_path / "g.ttl"))
    assert result.exit_code == 0
    assert "duplicate news/b.txt: same article as news/a.txt" in result.output
    assert "articles built  1" in result.output


def test_every_command_has_help_with_an_example():
    for command in main.commands.values():
        text = run(command.name, "--help").output
        assert "Example" in text, command.name
        assert (ROOT / "README.md").read_text(encoding="utf-8").count(f"kgraph {command.name}") >= 1


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run([sys.executable, "-m", "kgraph", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "kgraph" in proc.stdout
