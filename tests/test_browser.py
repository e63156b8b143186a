"""The explorer page of ``kgraph serve`` in a real browser: Debian's headless Chromium, driven by Playwright.

The page is tested as a person uses it: search by an alias, open the entity, read its graph,
timeline and evidence, then run queries. A second test opens the single-file form of the page
(its data inlined in ``<script id="kgraph-data">``) from disk with the network off.

Screenshots go to ``$KGRAPH_TEST_ARTIFACTS`` (default ``test-artifacts/`` at the repository root).
Without Chromium or Playwright the tests skip, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT

STATIC = ROOT / "kgraph" / "serve" / "static"
ARTIFACTS = Path(os.environ.get("KGRAPH_TEST_ARTIFACTS") or ROOT / "test-artifacts")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
KGR = "https://kgraph.example/id/"
MIST = KGR + "org/과학기술정보통신부"
REFERRAL = KGR + "measure/PoliceReferral/LG유플러스/과학기술정보통신부"
TIMEOUT_MS = 15_000


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _chromium() -> str:
    path = os.environ.get("KGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        _missing("Chromium is not installed (Debian's package chromium; .ci/run installs it)")
    return path


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install playwright; no `playwright install` needed)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def graph_file(seed_build, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "seed.ttl"
    path.write_bytes(seed_build.serialize("ttl"))
    return path


@pytest.fixture(scope="module")
def server(graph_file, browser):
    from kgraph.serve import Server

    with Server(graph_file, port=0, workers=2) as s:
        yield s


class Watched:
    """A page with its console errors, page errors and requests recorded."""

    def __init__(self, page, allowed_origin: str | None):
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

        def check(request):
            url = request.url
            if url.startswith(("data:", "blob:", "about:")):
                return
            if allowed_origin is None or not url.startswith(allowed_origin):
                self.foreign.append(url)

        page.on("request", check)

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.evaluate("window.scrollTo(0, 0)")
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ko-KR")
    context.set_default_timeout(TIMEOUT_MS)
    watched = Watched(context.new_page(), server.url.rstrip("/"))
    yield watched
    context.close()


def _wait_graph(page, at_least: int = 2) -> None:
    page.wait_for_function(
        "n => window.kgraphGraph && window.kgraphGraph.nodes().length >= n", arg=at_least, timeout=TIMEOUT_MS)


def _node_labels(page) -> list[str]:
    return page.evaluate("window.kgraphGraph.nodes().map(n => n.data('label'))")


def test_start_page_loads_without_errors(page, server):
    p = page.page
    p.goto(server.url)
    p.wait_for_selector(".stat")
    assert p.locator("html").get_attribute("lang") == "ko"
    stats = p.locator(".stats").inner_text()
    assert "기관" in stats and "트리플" in stats
    assert p.get_by_role("combobox", name=re.compile("검색")).is_visible()
    p.wait_for_selector(".linklist a[href='#/query/police-referrals']")
    page.screenshot("start.png")
    assert page.errors == []
    assert page.foreign == []


def test_search_alias_opens_the_entity_page(page, server):
    p = page.page
    p.goto(server.url)
    p.wait_for_selector(".stat")
    p.locator("#search-input").press_sequentially("과기정통부", delay=20)
    hit = p.locator("#search-list li[data-iri]", has_text="과학기술정보통신부").first
    hit.wait_for()
    assert "과기정통부" in hit.inner_text()  # the alias that matched is shown
    hit.click()

    p.wait_for_selector("#entity-title")
    assert p.locator("#entity-title").inner_text() == "과학기술정보통신부"
    assert p.evaluate("decodeURIComponent(location.hash.slice('#/entity/'.length))") == MIST
    head = p.locator(".entity-head")
    assert "정부 기관" in head.inner_text() and "GovernmentAgency" in head.inner_text()
    aliases = p.locator("[data-testid=aliases]").inner_text()
    assert "과기정통부" in aliases and "Ministry of Science and ICT" in aliases

    # The neighbourhood graph: a canvas, and cytoscape holding the nodes around the ministry.
    _wait_graph(p)
    assert p.locator("#graph canvas").count() > 0
    labels = _node_labels(p)
    assert "과학기술정보통신부" in labels and "LG유플러스 수사 의뢰" in labels and "경찰청" in labels
    assert p.evaluate("window.kgraphGraph.edges().length") > 0
    legend = p.locator(".legend").inner_text()
    assert "수사 의뢰" in legend and "PoliceReferral" in legend

    # The timeline and the police referral's evidence, with a link to the article.
    assert "LG유플러스 수사 의뢰" in p.locator(".timeline").inner_text()
    fact = p.locator(".fact", has_text="LG유플러스 수사 의뢰")
    sentence = fact.locator(".sentences li", has_text="경찰청에 수사를 의뢰했다").first
    assert sentence.is_visible()
    link = sentence.locator("a").first
    assert link.get_attribute("href").startswith("https://")
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
    assert "2025-12-29" in sentence.inner_text()
    assert "기사" in p.locator(".articles").inner_text()
    page.screenshot("entity.png")

    # Clicking a node of the graph opens its page.
    p.evaluate("iri => { window.kgraphGraph.getElementById(iri).emit('tap'); }", REFERRAL)
    p.wait_for_selector("#entity-title:has-text('LG유플러스 수사 의뢰')")
    props = p.locator("table.props")
    assert props.locator("a", has_text="경찰청").count() == 1  # referred to: a link to that entity
    assert "수사 의뢰 기관" in props.inner_text()
    _wait_graph(p)
    assert page.errors == []
    assert page.foreign == []


def test_unknown_entity_says_so(page, server):
    p = page.page
    p.goto(server.url + "#/entity/" + quote(KGR + "org/없는기관", safe=""))
    error = p.locator("main .error")
    error.wait_for()
    assert "404" in error.inner_text() and "없는" in error.inner_text()


def test_query_page_runs_named_and_typed_queries(page, server):
    p = page.page
    p.goto(server.url + "#/query")
    p.locator("button[data-query=police-referrals]").click()
    assert "kg:PoliceReferral" in p.locator("#query-editor").input_value()
    p.locator("#run-named").click()
    table = p.locator("table.results")
    table.wait_for()
    assert "LG유플러스" in table.inner_text()
    assert "1행" in p.locator("#row-count").inner_text()
    link = table.locator("a[href^='#/entity/']").first
    assert "PoliceReferral" in link.inner_text()

    # The editor's text, posted to /sparql.
    p.locator("#run-query").click()
    p.wait_for_selector("table.results")
    assert "LG유플러스" in p.locator("table.results").inner_text()
    page.screenshot("query.png")
    assert page.errors == []

    # A bad query: the server's syntax error, shown as it came (Ctrl+Enter runs).
    editor = p.locator("#query-editor")
    editor.fill("SELECT * WHERE { ?s ?p }")
    editor.press("Control+Enter")
    error = p.locator("#result-box .error")
    error.wait_for()
    assert "SPARQL syntax error" in error.inner_text() and "400" in error.inner_text()

    # ASK shows the boolean; CONSTRUCT the Turtle text.
    editor.fill("ASK { ?s a kg:PoliceReferral }")
    editor.press("Control+Enter")
    assert p.locator("#ask-result").inner_text() == "true"
    editor.fill("PREFIX ex: <http://example.org/>\nCONSTRUCT { ?m a kg:PoliceReferral } WHERE { ?m a kg:PoliceReferral }")
    p.locator("#run-query").click()
    assert "kg:PoliceReferral" in p.locator("pre.turtle").inner_text()
    assert page.foreign == []


# --- the single-file page (embedded data, no server) ----------------------------------------

def test_embedded_page_works_offline_from_disk(browser, graph_file, tmp_path):
    from kgraph.export.story import write_story

    path = tmp_path / "story.html"
    write_story(graph_file, path)  # what `kgraph export GRAPH -o story.html` writes

    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.route(re.compile(r"^(?!file:|data:).*"), lambda route: route.abort())
    page = Watched(context.new_page(), "file://")
    p = page.page
    try:
        p.goto(path.as_uri())
        p.wait_for_selector(".stat")
        assert p.evaluate("window.kgraphExplorer.mode") == "embedded"

        p.locator("#search-input").press_sequentially("과기정통부", delay=20)
        hit = p.locator("#search-list li[data-iri]").first
        hit.wait_for()
        assert "과학기술정보통신부" in hit.inner_text()
        p.locator("#search-input").press("Enter")
        p.wait_for_selector("#entity-title:has-text('과학기술정보통신부')")
        _wait_graph(p)
        sentence = p.locator(".fact", has_text="LG유플러스 수사 의뢰").locator("li", has_text="경찰청에 수사를 의뢰했다")
        assert sentence.count() >= 1
        page.screenshot("embedded-entity.png")

        # The query page shows the stored results, read-only.
        p.evaluate("location.hash = '#/query/police-referrals'")
        p.locator("table.results").wait_for()
        assert "LG유플러스" in p.locator("table.results").inner_text()
        assert "kgraph serve" in p.locator(".notice").inner_text()
        assert p.locator("#query-editor").get_attribute("readonly") is not None
        assert p.locator("#run-query").count() == 0
        assert page.errors == []
        assert page.foreign == []
    finally:
        context.close()
