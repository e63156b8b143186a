"""kgraph export -o story.html: the explorer as one self-contained file, and `kgraph serve` errors."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.emit import write_graph


@pytest.fixture(scope="module")
def graph_file(seed_build, tmp_path_factory):
    path = tmp_path_factory.mktemp("story") / "seed.ttl"
    write_graph(seed_build.triples, path)
    return path


class Page(HTMLParser):
    """Collects what a browser would fetch (src/href of scripts, styles, images) and the data."""

    def __init__(self):
        super().__init__()
        self.fetches: list[str] = []
        self.scripts: list[dict] = []
        self._in: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.fetches.append(a["src"])
        if tag == "link" and a.get("href"):
            self.fetches.append(a["href"])
        if tag == "script":
            self._in = {"attrs": a, "text": ""}

    def handle_data(self, data):
        if self._in is not None:
            self._in["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in is not None:
            self.scripts.append(self._in)
            self._in = None


@pytest.fixture(scope="module")
def story(graph_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("story-out") / "story.html"
    result = CliRunner().invoke(main, ["export", str(graph_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "entity pages" in result.output
    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    return out, page


def test_story_fetches_nothing(story):
    out, page = story
    assert [f for f in page.fetches if not f.startswith("data:")] == []  # every script and style is inline
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']https?://""", text)
    assert "@import" not in text


def test_story_holds_the_data_the_page_needs(story):
    _, page = story
    (data_tag,) = [s for s in page.scripts if s["attrs"].get("id") == "kgraph-data"]
    assert data_tag["attrs"]["type"] == "application/json"
    data = json.loads(data_tag["text"])
    assert set(data) == {"info", "index", "entities", "queries"}
    agency = "https://kgraph.example/id/org/과학기술정보통신부"
    assert any(e["iri"] == agency and any(n[1] == "과기정통부" for n in e["names"]) for e in data["index"])
    assert set(data["entities"]) == {e["iri"] for e in data["index"]}
    page_data = data["entities"][agency]
    sentences = [s["sentence"] for e in page_data["evidence"] for s in e["sentences"]]
    assert any("경찰청에 수사를 의뢰했다" in s for s in sentences)
    named = {q["name"]: q for q in data["queries"]}
    referrals = named["police-referrals"]["result"]["results"]["bindings"]
    assert any("LG유플러스" in json.dumps(b, ensure_ascii=False) for b in referrals)


def test_story_scripts_cannot_be_cut_short(story):
    from kgraph.serve.app import STATIC

    out, page = story
    # An HTML parser sees exactly the two inlined scripts and the data, each whole.
    assert len(page.scripts) == 3
    app_js = (STATIC / "app.js").read_text(encoding="utf-8")
    cytoscape = (STATIC / "vendor" / "cytoscape.min.js").read_text(encoding="utf-8")
    texts = [s["text"] for s in page.scripts]
    assert any(t.strip().endswith(app_js.strip()[-200:]) for t in texts)
    assert any(t.strip().endswith(cytoscape.strip()[-200:]) for t in texts)
    for text in texts:
        assert "</script" not in text.lower() and "<!--" not in text


def test_serve_reports_a_missing_graph(tmp_path):
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "none.ttl")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_serve_reports_a_bad_graph_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(bad), "--port", "0"])
    assert result.exit_code == 1 and "bad.ttl" in result.output and "Turtle" in result.output


def test_serve_reports_a_port_in_use(graph_file):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "kgraph", "serve", str(graph_file), "--port", str(port)],
                              capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert f"127.0.0.1:{port}" in proc.stderr and "in use" in proc.stderr
