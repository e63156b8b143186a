"""Exports: each file opens in a reader we did not write (python-igraph, graphology-graphml,
graphology-gexf, Debian's rapper), with labels, weights, colours and dates intact."""

from __future__ import annotations

import csv
import importlib
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from conftest import ROOT, needs_tool
from kgraph.cli import main
from kgraph.emit import write_graph
from kgraph.export import (
    EXPORTERS,
    ExportError,
    draw_graph,
    edges_path,
    exporter_for,
    generate_gexf,
    generate_graphml,
    generate_node_link,
    write_csv,
    write_gexf,
    write_graphml,
    write_node_link,
)
from kgraph.export._common import clean_text
from kgraph.export.colours import TYPE_COLOURS

JS = ROOT / "tests" / "js"
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
GEXF_NS = "{http://gexf.net/1.3}"
VIZ_NS = "{http://gexf.net/1.3/viz}"

KT = "https://kgraph.example/id/org/KT"
PIPC = "https://kgraph.example/id/org/개인정보보호위원회"
POLICE = "https://kgraph.example/id/org/경찰청"
HACK = "https://kgraph.example/id/incident/Hacking/KT"
FINE = "https://kgraph.example/id/measure/Fine/KT"
PERSON = "https://kgraph.example/id/person/김영섭"
ARTICLE = "https://kgraph.example/id/article/001_0000000001"

LABELS = {
    KT: "KT \x07케이티 😀",  # a bell character (XML-illegal) and an emoji
    PIPC: "개인정보보호위원회",
    POLICE: "경찰청 <사이버수사대> & \"특별팀\"",
    HACK: "KT 해킹",
    FINE: "KT 과징금\ufffe",
    PERSON: "김영섭",
    ARTICLE: "KT, 무단 소액결제 피해\r\n정부 조사 착수",
}
WEIGHTS = {("appliesTo", FINE, KT): 3, ("issuedBy", FINE, PIPC): 2, ("affects", HACK, KT): 5,
           ("concerns", FINE, HACK): 1, ("referredTo", FINE, POLICE): 1, ("affiliatedWith", PERSON, KT): 1,
           ("mentionedWith", KT, PIPC): 4, ("mentionedWith", PIPC, KT): 4, ("mentionedWith", FINE, PIPC): 2}


def clean(text: str) -> str:
    return clean_text(text)


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """A small graph as kgraph.views.to_networkx gives it, with hard values on purpose."""
    G = nx.MultiDiGraph()
    nodes = [
        (KT, "Company", "organization", "2025-12-01", "2025-12-20", ["케이티", "KT Corp\x0b"], 4),
        (PIPC, "GovernmentAgency", "organization", "2025-12-05", "2025-12-05", ["개보위"], 2),
        (POLICE, "LawEnforcement", "organization", None, None, [], 1),
        (HACK, "Hacking", "incident", "2025-12-01", "2025-12-10", [], 3),
        (FINE, "Fine", "measure", "2025-12-05", None, [], 2),
        (PERSON, "Person", "person", "2025-12-03", "2025-12-03", [], 1),
        (ARTICLE, "Article", "article", "2025-12-03", "2025-12-03", [], 1),
    ]
    for iri, node_type, kind, first, last, aliases, articles in nodes:
        G.add_node(iri, label=LABELS[iri], type=node_type, kind=kind, iri=iri, first=first, last=last,
                   aliases=aliases, articles=articles)
    for (relation, u, v), weight in WEIGHTS.items():
        G.add_edge(u, v, key=relation, label=relation, weight=weight,
                   first="2025-12-05" if relation == "appliesTo" else None,
                   last="2025-12-06" if relation == "appliesTo" else None)
    return G


def needs_module(name: str) -> ModuleType:
    """Import an outside reader's Python package; skip locally when missing, fail in CI."""
    try:
        return importlib.import_module(name)
    except ImportError:
        message = f"the Python package {name} is not installed (pip install '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def read_with_node(script: str, path: Path) -> dict:
    """Run one of tests/js/*.mjs (graphology's parsers) on a file; skip locally when missing, fail in CI."""
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node is not installed"
    elif not all((JS / "node_modules" / pkg).is_dir() for pkg in ("graphology-graphml", "graphology-gexf")):
        missing = "the npm readers are not installed (npm ci --prefix tests/js; .ci/run does it)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    proc = subprocess.run([node, str(JS / script), str(path)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def expected_weights(G: nx.MultiDiGraph) -> list[int]:
    return sorted(d["weight"] for _, _, d in G.edges(data=True))


# --- GraphML ---------------------------------------------------------------------------------


def test_graphml_is_well_formed_with_every_key_declared_once(graph, tmp_path):
    out = tmp_path / "g.graphml"
    write_graphml(graph, out)
    text = out.read_text(encoding="utf-8")
    root = ET.parse(out).getroot()
    keys = root.findall(f"{GRAPHML_NS}key")
    declared = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(declared) == len(set(declared))
    assert {k.get("attr.type") for k in keys} <= {"string", "int", "long", "double", "boolean"}
    by_id = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in keys}
    assert ("node", "articles", "int") in by_id.values() and ("edge", "weight", "int") in by_id.values()
    nodes = root.findall(f"{GRAPHML_NS}graph/{GRAPHML_NS}node")
    edges = root.findall(f"{GRAPHML_NS}graph/{GRAPHML_NS}edge")
    assert len(nodes) == 7 and len(edges) == len(WEIGHTS)
    for node in nodes:
        names = {by_id[d.get("key")][1] for d in node}
        assert {"label", "type", "color", "r", "g", "b"} <= names
        assert all(by_id[d.get("key")][0] == "node" for d in node)
    for edge in edges:
        assert {"label", "weight"} <= {by_id[d.get("key")][1] for d in edge}
    # No None, no Python list syntax, no XML-illegal characters; Hangul and emoji as they are.
    assert "None" not in text and "['" not in text
    assert "\x07" not in text and "\x0b" not in text and "\ufffe" not in text
    assert "KT 케이티 😀" in text and "케이티|KT Corp" in text
    assert [n.get("id") for n in nodes] == sorted(n.get("id") for n in nodes)


def test_graphml_is_read_by_python_igraph(graph, tmp_path):
    igraph = needs_module("igraph")
    out = tmp_path / "g.graphml"
    write_graphml(graph, out)
    g = igraph.Graph.Read_GraphML(str(out))
    assert g.vcount() == graph.number_of_nodes() and g.ecount() == graph.number_of_edges()
    assert g.is_directed()
    labels = dict(zip(g.vs["id"], g.vs["label"]))
    assert labels == {iri: clean(label) for iri, label in LABELS.items()}
    assert sorted(int(w) for w in g.es["weight"]) == expected_weights(graph)
    colours = dict(zip(g.vs["id"], g.vs["color"]))
    assert colours[KT] == TYPE_COLOURS["Company"] and colours[FINE] == TYPE_COLOURS["Fine"]
    edge = g.es[g.get_eid(g.vs.find(id=FINE).index, g.vs.find(id=KT).index)]
    assert edge["label"] == "appliesTo" and edge["weight"] == 3


def test_graphml_is_read_by_graphology(graph, tmp_path):
    out = tmp_path / "g.graphml"
    write_graphml(graph, out)
    seen = read_with_node("read_graphml.mjs", out)
    assert seen["nodes"] == 7 and seen["edges"] == len(WEIGHTS)
    assert seen["type"] == "directed" and seen["multi"] is True
    assert seen["labels"] == {iri: clean(label) for iri, label in LABELS.items()}
    assert sorted(seen["weights"].values()) == expected_weights(graph)
    assert seen["colors"][PIPC] == TYPE_COLOURS["GovernmentAgency"]
    assert seen["types"][HACK] == "Hacking"
    assert set(seen["edgeLabels"].values()) == {relation for relation, _, _ in WEIGHTS}


def test_graphml_is_read_back_by_networkx(graph, tmp_path):
    out = tmp_path / "g.graphml"
    write_graphml(graph, out)
    H = nx.read_graphml(out)
    assert set(H.nodes) == set(graph.nodes)
    assert H.nodes[KT]["aliases"] == "케이티|KT Corp" and H.nodes[KT]["articles"] == 4
    assert "first" not in H.nodes[POLICE]  # None is dropped, not written as "None"


# --- GEXF ------------------------------------------------------------------------------------


def test_gexf_is_dynamic_gexf_1_3(graph, tmp_path):
    out = tmp_path / "g.gexf"
    write_gexf(graph, out)
    root = ET.parse(out).getroot()
    assert root.tag == f"{GEXF_NS}gexf" and root.get("version") == "1.3"
    g = root.find(f"{GEXF_NS}graph")
    assert (g.get("mode"), g.get("timeformat"), g.get("defaultedgetype")) == ("dynamic", "date", "directed")
    titles = [a.get("title") for a in g.find(f"{GEXF_NS}attributes[@class='node']")]
    assert len(titles) == len(set(titles)) and "label" not in titles
    nodes = {n.get("id"): n for n in g.iter(f"{GEXF_NS}node")}
    assert (nodes[KT].get("start"), nodes[KT].get("end")) == ("2025-12-01", "2025-12-20")
    assert nodes[FINE].get("start") == "2025-12-05" and nodes[FINE].get("end") is None
    assert nodes[POLICE].get("start") is None
    colour = nodes[KT].find(f"{VIZ_NS}color")
    assert (colour.get("r"), colour.get("g"), colour.get("b")) == ("31", "119", "180")
    edges = list(g.iter(f"{GEXF_NS}edge"))
    applies = next(e for e in edges if e.get("kind") == "appliesTo")
    assert (applies.get("start"), applies.get("end"), applies.get("weight")) == ("2025-12-05", "2025-12-06", "3")


def test_gexf_is_read_by_graphology(graph, tmp_path):
    out = tmp_path / "g.gexf"
    write_gexf(graph, out)
    seen = read_with_node("read_gexf.mjs", out)
    assert seen["nodes"] == 7 and seen["edges"] == len(WEIGHTS) and seen["multi"] is True
    assert seen["labels"] == {iri: clean(label) for iri, label in LABELS.items()}
    assert sorted(seen["weights"].values()) == expected_weights(graph)
    assert seen["colors"][KT] == "rgb(31,119,180)"
    assert seen["types"][PERSON] == "Person"
    assert (seen["mode"], seen["timeformat"]) == ("dynamic", "date")
    assert seen["nodeSpans"][KT] == ["2025-12-01", "2025-12-20"]
    assert seen["nodeSpans"][FINE] == ["2025-12-05", None]
    assert POLICE not in seen["nodeSpans"]
    assert list(seen["edgeSpans"].values()) == [["2025-12-05", "2025-12-06"]]


def test_gexf_widens_months_and_refuses_bad_dates():
    G = nx.MultiDiGraph()
    G.add_node("a", label="가", first="2025-11", last="2025-12")
    assert '<node id="a" label="가" start="2025-11-01" end="2025-12-31">' in "".join(generate_gexf(G))
    G.nodes["a"]["first"] = "지난주"
    with pytest.raises(ExportError, match="'first' is not an ISO date"):
        "".join(generate_gexf(G))
    G.nodes["a"].update(first="2025-12-09", last="2025-12-01")
    with pytest.raises(ExportError, match="first .* is after last"):
        "".join(generate_gexf(G))


# --- CSV and JSON ----------------------------------------------------------------------------


def test_csv_tables_hold_every_node_and_edge(graph, tmp_path):
    out = tmp_path / "graph.csv"
    write_csv(graph, out)
    assert edges_path(out) == tmp_path / "graph-edges.csv"
    with open(out, encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with open(edges_path(out), encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert list(nodes[0])[:4] == ["Id", "Label", "Type", "Color"]
    assert {row["Id"]: row["Label"] for row in nodes} == {iri: clean(label) for iri, label in LABELS.items()}
    kt = next(row for row in nodes if row["Id"] == KT)
    assert (kt["Type"], kt["Color"], kt["Aliases"], kt["Articles"], kt["First"]) == (
        "Company", "#1f77b4", "케이티|KT Corp", "4", "2025-12-01")
    assert next(row for row in nodes if row["Id"] == POLICE)["First"] == ""
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    assert {(row["Label"], row["Source"], row["Target"]): int(row["Weight"]) for row in edges} == WEIGHTS
    assert {row["Type"] for row in edges} == {"Directed"}
    ids = {row["Id"] for row in nodes}
    assert all(row["Source"] in ids and row["Target"] in ids for row in edges)


def test_json_node_link_reads_back_with_lists_kept_and_none_dropped(graph, tmp_path):
    out = tmp_path / "g.json"
    write_node_link(graph, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "케이티" in out.read_text(encoding="utf-8")  # ensure_ascii=False
    H = nx.node_link_graph(data, edges="edges")
    assert H.is_directed() and H.is_multigraph()
    assert set(H.nodes) == set(graph.nodes) and H.number_of_edges() == graph.number_of_edges()
    assert H.nodes[KT]["aliases"] == ["케이티", "KT Corp"]
    assert H.nodes[KT]["label"] == clean(LABELS[KT])
    assert "first" not in H.nodes[POLICE] and "last" not in H.nodes[FINE]
    assert H.edges[FINE, KT, "appliesTo"]["weight"] == 3
    assert H.nodes[HACK]["color"] == TYPE_COLOURS["Hacking"]


# --- Pictures --------------------------------------------------------------------------------


def test_png_picture(graph, tmp_path):
    out = tmp_path / "g.png"
    draw_graph(graph, out)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_svg_picture_has_the_labels_and_the_legend(graph, tmp_path):
    out = tmp_path / "g.svg"
    draw_graph(graph, out)
    root = ET.parse(out).getroot()
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for node_type in ("Company", "GovernmentAgency", "LawEnforcement", "Hacking", "Fine", "Person", "Article"):
        assert node_type in texts
    assert "Node types" in texts and "개인정보보호위원회" in texts


def test_a_large_graph_is_drawn_as_its_most_connected_nodes(tmp_path):
    G = nx.MultiDiGraph()
    for i in range(60):
        G.add_node(f"n{i}", label=f"노드{i}", type="Company", kind="organization")
    for i in range(1, 60):
        G.add_edge("n0", f"n{i}", key="mentionedWith", label="mentionedWith", weight=1)
    out = tmp_path / "g.svg"
    draw_graph(G, out, max_nodes=20)
    text = out.read_text(encoding="utf-8")
    assert "the 20 most connected of 60 nodes" in text and "노드0" in text


# --- Shared behaviour ------------------------------------------------------------------------


def test_exporter_for_names_the_choices():
    assert exporter_for("G.GraphML") is write_graphml
    assert set(EXPORTERS) == {".graphml", ".gexf", ".csv", ".json", ".png", ".svg"}
    with pytest.raises(ExportError) as info:
        exporter_for("report.docx")
    message = str(info.value)
    assert "report.docx" in message and ".docx" in message
    assert all(ext in message for ext in (".graphml", ".gexf", ".csv", ".json", ".png", ".svg", ".ttl"))


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".csv", ".json"])
def test_unsupported_values_raise_type_error_naming_the_attribute(graph, tmp_path, suffix):
    graph.nodes[KT]["extra"] = {"nested": 1}
    with pytest.raises(TypeError, match=r"node 'https://kgraph.example/id/org/KT': attribute 'extra'"):
        exporter_for(f"g{suffix}")(graph, tmp_path / f"g{suffix}")
    graph.nodes[KT].pop("extra")
    graph.edges[FINE, KT, "appliesTo"]["weight"] = "많음"
    with pytest.raises(TypeError, match="weight"):
        "".join(generate_graphml(graph))


def test_a_failed_export_keeps_the_previous_file(graph, tmp_path):
    out = tmp_path / "g.graphml"
    out.write_text("previous", encoding="utf-8")
    graph.nodes[KT]["extra"] = object()
    with pytest.raises(TypeError):
        write_graphml(graph, out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_output_does_not_depend_on_insertion_order(graph):
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(graph.nodes(data=True))))
    reordered.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert "".join(generate_graphml(reordered)) == "".join(generate_graphml(graph))
    assert "".join(generate_gexf(reordered)) == "".join(generate_gexf(graph))
    assert generate_node_link(reordered) == generate_node_link(graph)


@settings(max_examples=150, deadline=None)
@given(label=st.text(), alias=st.text())
def test_any_text_round_trips_through_graphml_and_gexf_minus_illegal_characters(label, alias):
    G = nx.MultiDiGraph()
    G.add_node("n", label="라벨" + label, aliases=[alias, "x"])
    graphml = ET.fromstring("".join(generate_graphml(G)).encode("utf-8"))
    data = {d.get("key"): d.text or "" for d in graphml.iter(f"{GRAPHML_NS}data")}
    keys = {k.get("attr.name"): k.get("id") for k in graphml.iter(f"{GRAPHML_NS}key")}
    assert data[keys["label"]] == clean("라벨" + label)
    assert data[keys["aliases"]] == "|".join(v for v in (clean(alias), "x"))
    gexf = ET.fromstring("".join(generate_gexf(G)).encode("utf-8"))
    assert next(gexf.iter(f"{GEXF_NS}node")).get("label") == clean("라벨" + label)


# --- The command line ------------------------------------------------------------------------


@pytest.fixture
def seed_ttl(seed_build, tmp_path) -> Path:
    path = tmp_path / "seed.ttl"
    write_graph(seed_build.triples, path)
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("suffix", [".nt", ".ttl", ".rdf"])
def test_cli_re_exports_rdf_that_rapper_accepts(seed_ttl, seed_graph, tmp_path, suffix):
    rapper = needs_tool("rapper")
    out = tmp_path / f"again{suffix}"
    result = run("export", str(seed_ttl), "-o", str(out))
    assert result.exit_code == 0, result.output
    fmt = {".nt": "ntriples", ".ttl": "turtle", ".rdf": "rdfxml"}[suffix]
    proc = subprocess.run([rapper, "-c", "-i", fmt, str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert f"returned {len(seed_graph)} triples" in proc.stderr
    assert isomorphic(rdflib.Graph().parse(out, format={"ntriples": "nt", "turtle": "turtle", "rdfxml": "xml"}[fmt]),
                      seed_graph)


def test_cli_refuses_selections_for_rdf_and_unknown_formats(seed_ttl, tmp_path):
    result = run("export", str(seed_ttl), "-o", str(tmp_path / "g.nt"), "--kind", "organization")
    assert result.exit_code == 2 and "keeps every triple" in result.output
    result = run("export", str(seed_ttl), "-o", str(tmp_path / "g.docx"))
    assert result.exit_code == 1 and ".graphml" in result.output and ".gexf" in result.output
    assert not (tmp_path / "g.docx").exists()


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".csv", ".json", ".png", ".svg"])
def test_cli_exports_the_seed(seed_ttl, tmp_path, suffix):
    pytest.importorskip("kgraph.views", reason="kgraph.views (to_networkx) is not in this tree yet")
    out = tmp_path / f"seed{suffix}"
    result = run("export", str(seed_ttl), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0 and "nodes" in result.output
    if suffix == ".graphml":
        root = ET.parse(out).getroot()
        nodes = root.findall(f"{GRAPHML_NS}graph/{GRAPHML_NS}node")
        assert nodes and "과학기술정보통신부" in out.read_text(encoding="utf-8")
    if suffix == ".csv":
        assert edges_path(out).is_file()


def test_cli_kind_keeps_only_that_kind(seed_ttl, tmp_path):
    pytest.importorskip("kgraph.views", reason="kgraph.views (to_networkx) is not in this tree yet")
    out = tmp_path / "orgs.json"
    result = run("export", str(seed_ttl), "-o", str(out), "--kind", "organization")
    assert result.exit_code == 0, result.output
    nodes = json.loads(out.read_text(encoding="utf-8"))["nodes"]
    assert nodes and {n["kind"] for n in nodes} == {"organization"}
