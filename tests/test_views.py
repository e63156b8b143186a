"""The networkx view (kgraph.views) and the `kgraph graph` commands, on the seed and on three short
articles of our own that name the same organizations across articles and dates."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kgraph
from conftest import make_article_text
from kgraph import views
from kgraph.cli import _KINDS, _RELATIONS, main
from kgraph.views import (
    ARTICLE_RELATIONS, KINDS, RELATIONS, EntityNotFoundError, NoPathError, centrality, communities,
    find_entity, neighbors, shortest_path, to_networkx,
)

KGR = "https://kgraph.example/id/"
MSIT = KGR + "org/과학기술정보통신부"
KT = KGR + "org/KT"
LGU = KGR + "org/LG유플러스"
POLICE = KGR + "org/경찰청"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# Three short articles of our own: KT and 과학기술정보통신부 are named together in two of them
# (1 and 10 December), SK텔레콤 and 개인정보보호위원회 only in the third (5 January).
ARTICLES = [
    ("101_0000000001", "2025-12-01 09:00", "과기정통부, KT 해킹 조사 착수",
     "과학기술정보통신부는 1일 KT 서버 해킹 사고에 대한 조사에 착수했다고 밝혔다. "
     "KT는 조사에 성실히 협조하겠다고 밝혔다."),
    ("101_0000000002", "2025-12-10 09:00", "과기정통부, KT 경찰청에 수사 의뢰",
     "과기정통부는 KT가 서버를 폐기해 조사를 방해했다고 판단해 경찰청에 수사를 의뢰했다. "
     "경찰청은 수사에 착수했다."),
    ("101_0000000003", "2026-01-05 09:00", "개인정보위, SK텔레콤에 과징금 부과",
     "개인정보보호위원회는 5일 SK텔레콤에 과징금 1347억9100만원을 부과했다. "
     "SK텔레콤은 개인정보 유출 사고로 2324만명의 정보가 유출됐다."),
]


@pytest.fixture(scope="module")
def seed_files(seed_build, tmp_path_factory) -> dict[str, str]:
    """The seed graph written as Turtle, N-Triples and JSON-LD."""
    folder = tmp_path_factory.mktemp("seed")
    files = {}
    for ext in ("ttl", "nt", "jsonld"):
        path = folder / f"seed.{ext}"
        path.write_bytes(seed_build.serialize(ext))
        files[ext] = str(path)
    return files


@pytest.fixture(scope="module")
def seed(seed_files) -> nx.MultiDiGraph:
    return to_networkx(seed_files["ttl"])


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("small")
    for article_id, published, title, body in ARTICLES:
        text = make_article_text(title, body, published=published, article_id=article_id)
        (folder / f"{article_id}.md").write_text(text, encoding="utf-8")
    out = folder / "small.ttl"
    kgraph.build([folder], output=out)
    return str(out)


@pytest.fixture(scope="module")
def small(small_file) -> nx.MultiDiGraph:
    return to_networkx(small_file)


def label_of(G: nx.MultiDiGraph, iri: str) -> str:
    return G.nodes[iri]["label"]


def node_of(G: nx.MultiDiGraph, node_type: str, label: str | None = None) -> str:
    """The IRI of the one node of this type (and label): tests do not spell incident/measure IRIs."""
    found = [n for n, a in G.nodes(data=True) if a["type"] == node_type and label in (None, a["label"])]
    assert len(found) == 1, (node_type, label, found)
    return found[0]


def out_edges(G: nx.MultiDiGraph, iri: str) -> set[tuple[str, str]]:
    return {(key, label_of(G, v)) for _, v, key in G.out_edges(iri, keys=True)}


# --- the contract ------------------------------------------------------------------------------


def test_nodes_carry_exactly_the_contract_attributes(seed, small):
    for G in (seed, small):
        assert isinstance(G, nx.MultiDiGraph) and len(G) > 0
        for iri, attrs in G.nodes(data=True):
            assert {"label", "type", "kind", "iri", "aliases", "articles"} <= set(attrs)
            assert set(attrs) <= {"label", "type", "kind", "iri", "first", "last", "aliases", "articles"}
            assert attrs["iri"] == iri and isinstance(iri, str)
            assert isinstance(attrs["label"], str) and attrs["label"]
            assert attrs["kind"] in KINDS
            assert isinstance(attrs["aliases"], list) and all(isinstance(a, str) for a in attrs["aliases"])
            assert type(attrs["articles"]) is int and attrs["articles"] >= 1
            for key in ("first", "last"):
                assert key not in attrs or ISO_DAY.fullmatch(attrs[key])


def test_edges_carry_exactly_the_contract_attributes(seed, small):
    for G in (seed, small):
        for u, v, key, attrs in G.edges(keys=True, data=True):
            assert key == attrs["label"] and key in RELATIONS
            assert set(attrs) <= {"label", "weight", "first", "last"}
            assert type(attrs["weight"]) is int and attrs["weight"] >= 1
            for date in ("first", "last"):
                assert date not in attrs or ISO_DAY.fullmatch(attrs[date])


def test_seed_node_types_labels_and_aliases(seed):
    msit = seed.nodes[MSIT]
    assert (msit["label"], msit["type"], msit["kind"]) == ("과학기술정보통신부", "GovernmentAgency", "organization")
    assert "과기정통부" in msit["aliases"] and msit["articles"] == 1
    assert (msit["first"], msit["last"]) == ("2025-12-29", "2025-12-29")
    referral = seed.nodes[node_of(seed, "PoliceReferral")]
    assert (referral["kind"], referral["label"]) == ("measure", "LG유플러스 수사 의뢰")
    assert seed.nodes[node_of(seed, "UnauthorizedPayment")]["kind"] == "incident"
    assert {a["kind"] for _, a in seed.nodes(data=True)} == {"organization", "person", "incident", "measure"}


def test_the_police_referral_links_issuer_target_and_police(seed):
    referral = node_of(seed, "PoliceReferral")
    assert {("issuedBy", "과학기술정보통신부"), ("appliesTo", "LG유플러스"), ("referredTo", "경찰청")} <= out_edges(seed, referral)
    edge = seed.edges[referral, POLICE, "referredTo"]
    assert edge == {"label": "referredTo", "weight": 1, "first": "2025-12-29", "last": "2025-12-29"}


def test_co_mentions_are_one_edge_per_pair_from_the_smaller_iri(seed, small):
    for G in (seed, small):
        pairs = [(u, v) for u, v, key in G.edges(keys=True) if key == "mentionedWith"]
        assert pairs and len(pairs) == len({frozenset(p) for p in pairs})
        assert all(u < v for u, v in pairs)
        assert all(G.nodes[n]["kind"] == "organization" for pair in pairs for n in pair)


def test_weights_count_supporting_articles(small_file, small):
    assert small.edges[KT, MSIT, "mentionedWith"]["weight"] == 2  # named together on 1 and 10 December
    assert small.edges[KT, POLICE, "mentionedWith"]["weight"] == 1
    # A fact edge weighs the distinct articles of its source's evidence, counted here with rdflib.
    import rdflib

    rdf = rdflib.Graph().parse(small_file)
    facts = [(u, v, k, w) for u, v, k, w in small.edges(keys=True, data="weight") if k != "mentionedWith"]
    assert facts and max(w for *_, w in facts) == 2  # the KT investigation is reported on both days
    for u, _, _, weight in facts:
        rows = rdf.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?x kg:evidence/kg:inArticle ?a }",
                         initNs={"kg": "https://kgraph.example/ontology#"}, initBindings={"x": rdflib.URIRef(u)})
        assert weight == next(iter(rows))[0].toPython(), u
    kt = small.nodes[KT]
    assert (kt["articles"], kt["first"], kt["last"]) == (2, "2025-12-01", "2025-12-10")


def test_byline_reporters_and_publishers_come_with_the_articles(small_file):
    G = to_networkx(small_file, include_articles=True)
    article = G.nodes[KGR + "article/101_0000000003"]
    assert (article["kind"], article["type"], article["label"]) == ("article", "Article", "개인정보위, SK텔레콤에 과징금 부과")
    assert (article["first"], article["last"]) == ("2026-01-05", "2026-01-05")
    relations = {key for _, _, key in G.out_edges(KGR + "article/101_0000000003", keys=True)}
    assert relations == set(ARTICLE_RELATIONS)
    assert any(a["label"] == "테스트일보" for _, a in G.nodes(data=True))
    plain = to_networkx(small_file)
    assert not any(a["label"] in ("테스트일보", "한지우") for _, a in plain.nodes(data=True))
    assert {a["kind"] for _, a in to_networkx(small_file, kinds=["article"]).nodes(data=True)} == {"article"}


# --- inputs --------------------------------------------------------------------------------


def test_the_same_graph_from_every_format_and_from_a_store(seed_files, seed_build, tmp_path):
    from_ttl = to_networkx(seed_files["ttl"])
    for ext in ("nt", "jsonld"):
        assert nx.utils.graphs_equal(from_ttl, to_networkx(seed_files[ext])), ext
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in seed_build.triples)
    assert nx.utils.graphs_equal(from_ttl, to_networkx(store))
    cached = to_networkx(seed_files["nt"], store_dir=tmp_path / "store")
    assert nx.utils.graphs_equal(from_ttl, cached)
    assert list(from_ttl.nodes(data=True)) == list(cached.nodes(data=True))  # same order too


def test_a_missing_graph_file_is_a_graph_file_error(tmp_path):
    from kgraph.store import GraphFileError

    with pytest.raises(GraphFileError, match="no such graph file"):
        to_networkx(tmp_path / "missing.ttl")


def test_to_networkx_is_exported_from_the_package():
    assert kgraph.to_networkx is to_networkx and "to_networkx" in kgraph.__all__


# --- filters -------------------------------------------------------------------------------


def test_kinds_keep_only_those_nodes_and_the_edges_between_them(seed_files):
    orgs = to_networkx(seed_files["ttl"], kinds=["organization"])
    assert {a["kind"] for _, a in orgs.nodes(data=True)} == {"organization"}
    assert {key for *_, key in orgs.edges(keys=True)} == {"mentionedWith"}
    two = to_networkx(seed_files["ttl"], kinds=["measure", "organization"])
    assert {key for *_, key in two.edges(keys=True)} == {"issuedBy", "appliesTo", "referredTo", "mentionedWith"}
    with pytest.raises(ValueError, match="unknown kind planet"):
        to_networkx(seed_files["ttl"], kinds=["planet"])


def test_a_date_range_counts_only_the_articles_published_in_it(small_file, small):
    december = to_networkx(small_file, since="2025-12-01", until="2025-12-31")
    assert KGR + "org/SK텔레콤" in small and KGR + "org/SK텔레콤" not in december
    assert KT in december and MSIT in december
    later = to_networkx(small_file, since="2025-12-05")
    assert later.edges[KT, MSIT, "mentionedWith"] == {
        "label": "mentionedWith", "weight": 1, "first": "2025-12-10", "last": "2025-12-10"}
    assert (later.nodes[KT]["articles"], later.nodes[KT]["first"]) == (1, "2025-12-10")
    # The hacking is reported on 1 December only: it stays as what a measure reported on the
    # 10th concerns, but no article in the range names it.
    hacking = node_of(small, "Hacking", "KT 해킹")
    assert later.nodes[hacking]["articles"] == 0 and "first" not in later.nodes[hacking]
    assert [key for *_, key in later.in_edges(hacking, keys=True)] == ["concerns"]
    assert later.out_degree(hacking) == 0  # its own affects edge has no evidence in range
    assert nx.utils.graphs_equal(to_networkx(small_file, since="2026"), to_networkx(small_file, since="2026-01-01"))
    assert len(to_networkx(small_file, since="2027-01-01")) == 0
    with pytest.raises(ValueError, match="after"):
        to_networkx(small_file, since="2026-01-01", until="2025-12-01")
    with pytest.raises(ValueError, match="not a date"):
        to_networkx(small_file, since="2025-13-01")


def test_min_weight_drops_weak_edges_and_the_nodes_they_leave_alone(small_file, small):
    strong = to_networkx(small_file, min_weight=2)
    assert strong.number_of_edges() < small.number_of_edges()
    assert all(w >= 2 for *_, w in strong.edges(data="weight"))
    assert strong.has_edge(KT, MSIT, "mentionedWith")
    assert all(strong.degree(n) > 0 for n in strong)
    assert POLICE not in strong


def test_relations_keep_only_those_edges(seed_files):
    facts = to_networkx(seed_files["ttl"], relations=["issuedBy", "appliesTo", "referredTo"])
    assert {key for *_, key in facts.edges(keys=True)} == {"issuedBy", "appliesTo", "referredTo"}
    with pytest.raises(ValueError, match="unknown relation"):
        to_networkx(seed_files["ttl"], relations=["likes"])


# --- names ---------------------------------------------------------------------------------


def test_entities_are_found_by_label_alias_iri_and_loose_spelling(seed):
    assert find_entity(seed, "과기정통부") == MSIT
    assert find_entity(seed, "과학기술정보통신부") == MSIT
    assert find_entity(seed, MSIT) == MSIT
    assert find_entity(seed, "kgr:org/KT") == KT
    assert find_entity(seed, "lg uplus") == LGU  # the English label, any case
    assert find_entity(seed, " LG 유플러스 ") == LGU  # spaces ignored
    assert find_entity(seed, unicodedata.normalize("NFD", "경찰청")) == POLICE  # decomposed Hangul
    spellings = Counter(n for _, a in seed.nodes(data=True) for n in {a["label"], *a["aliases"]})
    for iri, attrs in seed.nodes(data=True):  # every alias no other node uses finds its node
        for alias in attrs["aliases"]:
            if spellings[alias] == 1:
                assert find_entity(seed, alias) == iri, alias


def test_an_unknown_name_is_an_error_with_close_candidates(seed):
    with pytest.raises(EntityNotFoundError, match="did you mean") as caught:
        find_entity(seed, "과기정통")
    assert any("과학기술정보통신부" in c for c in caught.value.candidates)
    with pytest.raises(EntityNotFoundError):
        find_entity(seed, "존재하지않는회사")


def test_a_name_two_nodes_answer_to_is_an_error_naming_both():
    G = nx.MultiDiGraph()
    for org in ("KT", "LG유플러스"):
        iri = f"{KGR}person/김민수/{org}"
        G.add_node(iri, label="김민수", type="Person", kind="person", iri=iri, aliases=[], articles=1)
    with pytest.raises(EntityNotFoundError, match="names 2 entities") as caught:
        find_entity(G, "김민수")
    assert len(caught.value.candidates) == 2
    assert find_entity(G, f"{KGR}person/김민수/KT").endswith("/KT")


# --- graph queries -------------------------------------------------------------------------


def test_neighbors_at_depth_one_and_two(seed):
    referral = node_of(seed, "PoliceReferral")
    near = neighbors(seed, "LG유플러스 수사 의뢰")
    assert {"과학기술정보통신부", "LG유플러스", "경찰청"} <= {r["label"] for r in near}
    assert {r["iri"] for r in near} == set(seed.successors(referral)) | set(seed.predecessors(referral))
    assert all(r["distance"] == 1 for r in near)
    police = next(r for r in near if r["label"] == "경찰청")
    assert police["via"] == [{"source": referral, "target": POLICE, "relation": "referredTo", "weight": 1}]
    far = neighbors(seed, "LG유플러스 수사 의뢰", depth=2)
    assert far[: len(near)] == near
    second = {r["iri"]: r for r in far if r["distance"] == 2}
    assert KT in second and referral not in {r["iri"] for r in far}
    first_hop = {r["iri"] for r in near}
    for row in second.values():
        assert all({e["source"], e["target"]} - {row["iri"]} <= first_hop for e in row["via"])
    with pytest.raises(ValueError):
        neighbors(seed, "KT", depth=0)


def test_a_shortest_path_ignores_direction_and_lists_the_links(seed, small):
    steps = shortest_path(small, "KT", "경찰청")
    assert [s["label"] for s in steps] == ["KT", "경찰청"]  # named together on 10 December
    facts = to_networkx_without_co_mentions(small)
    steps = shortest_path(facts, "KT", "경찰청")
    assert [s["label"] for s in steps] == ["KT", "KT 수사 의뢰", "경찰청"]
    assert steps[0]["edges"] == []
    assert steps[1]["edges"][0]["relation"] == "appliesTo" and steps[1]["edges"][0]["target"] == KT
    assert steps[2]["edges"][0]["relation"] == "referredTo"
    # In the seed KT and 경찰청 are only named together: no chain of facts links them.
    with pytest.raises(NoPathError, match="different connected components"):
        shortest_path(to_networkx_without_co_mentions(seed), "KT", "경찰청")


def to_networkx_without_co_mentions(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = G.copy()
    H.remove_edges_from([(u, v, k) for u, v, k in G.edges(keys=True) if k == "mentionedWith"])
    return H


def test_centrality_ranks_kt_first_by_degree_on_the_seed(seed):
    result = centrality(seed, top=5)
    first = result["ranking"][0]
    assert (first["label"], first["rank"]) == ("KT", 1)
    assert first["degree"] == len(set(seed.successors(KT)) | set(seed.predecessors(KT)))
    assert result["betweenness_sample"] is None and result["nodes"] == len(seed)
    assert len(result["ranking"]) == 5
    assert [r["degree"] for r in result["ranking"]] == sorted((r["degree"] for r in result["ranking"]), reverse=True)
    assert abs(sum(r["pagerank"] for r in centrality(seed, top=len(seed))["ranking"]) - 1) < 1e-6
    by_pagerank = centrality(seed, top=3, by="pagerank")["ranking"]
    assert by_pagerank[0]["pagerank"] >= by_pagerank[1]["pagerank"]
    json.dumps(result)  # plain data
    with pytest.raises(ValueError):
        centrality(seed, by="fame")


def test_betweenness_is_sampled_and_repeatable_on_large_graphs(seed, monkeypatch):
    monkeypatch.setattr(views, "BETWEENNESS_EXACT_MAX", 5)
    monkeypatch.setattr(views, "BETWEENNESS_SAMPLE", 6)
    sampled = centrality(seed, top=len(seed))
    assert sampled["betweenness_sample"] == 6 and sampled == centrality(seed, top=len(seed))
    assert centrality(seed, exact=True)["betweenness_sample"] is None


def test_communities_cover_every_node_exactly_once_and_repeat(seed, small):
    for G in (seed, small):
        result = communities(G)
        members = [m["iri"] for c in result["communities"] for m in c["members"]]
        assert sorted(members) == sorted(G) and len(members) == len(set(members))
        assert [c["size"] for c in result["communities"]] == sorted((c["size"] for c in result["communities"]), reverse=True)
        assert result == communities(G) and -0.5 <= result["modularity"] <= 1
    assert communities(nx.MultiDiGraph()) == {"modularity": 0.0, "communities": []}


# --- the command line ----------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_choices_match_the_library():
    assert _KINDS == tuple(KINDS) and _RELATIONS == RELATIONS + ARTICLE_RELATIONS


def test_cli_neighbors_table_and_json(seed_files):
    result = run("graph", "neighbors", seed_files["ttl"], "과기정통부")
    assert result.exit_code == 0, result.output
    assert "과학기술정보통신부 (GovernmentAgency):" in result.output and "류제명" in result.output
    result = run("graph", "neighbors", seed_files["nt"], "LG유플러스 수사 의뢰", "--depth", "2", "--json")
    data = json.loads(result.output)
    assert data["entity"]["type"] == "PoliceReferral" and data["depth"] == 2
    assert {r["distance"] for r in data["neighbors"]} == {1, 2}


def test_cli_path_and_filters(small_file, seed_files):
    result = run("graph", "path", small_file, "KT", "경찰청", "--relation", "appliesTo", "--relation", "referredTo")
    assert result.exit_code == 0, result.output
    assert "KT 수사 의뢰" in result.output and "←appliesTo–" in result.output and "–referredTo→" in result.output
    data = json.loads(run("graph", "path", small_file, "KT", "경찰청", "--json").output)
    assert data["length"] == 1 and data["path"][-1]["iri"] == POLICE
    result = run("graph", "path", seed_files["ttl"], "KT", "경찰청", "--relation", "affects", "--relation", "referredTo")
    assert result.exit_code == 1 and "no path between KT and 경찰청" in result.output
    result = run("graph", "path", seed_files["ttl"], "KT", "류제명", "--kind", "organization")
    assert result.exit_code == 1 and "no entity named '류제명'" in result.output and "filters may" in result.output


def test_cli_central_and_communities(seed_files):
    result = run("graph", "central", seed_files["ttl"], "--top", "3")
    assert result.exit_code == 0, result.output
    assert re.search(r"1 │ KT ", result.output)
    data = json.loads(run("graph", "central", seed_files["jsonld"], "--json").output)
    assert data["ranking"][0]["label"] == "KT"
    result = run("graph", "communities", seed_files["ttl"])
    assert result.exit_code == 0 and "modularity" in result.output
    data = json.loads(run("graph", "communities", seed_files["ttl"], "--json", "--since", "2025-12").output)
    assert sum(c["size"] for c in data["communities"]) == len(to_networkx(seed_files["ttl"]))


def test_cli_errors_are_clean(seed_files, tmp_path):
    result = run("graph", "neighbors", seed_files["ttl"], "과기정통")
    assert result.exit_code == 1
    assert "no entity named '과기정통'" in result.output and "과학기술정보통신부" in result.output
    assert "Traceback" not in result.output
    result = run("graph", "central", seed_files["ttl"], "--since", "2025-13")
    assert result.exit_code == 1 and "not a date" in result.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = run("graph", "central", str(bad))
    assert result.exit_code == 1 and "bad.ttl" in result.output
    result = run("graph", "central", seed_files["ttl"], "--kind", "planet")
    assert result.exit_code == 2


def test_cli_graph_help_has_examples():
    for command in ("", "neighbors", "path", "central", "communities"):
        text = run("graph", *filter(None, [command]), "--help").output
        assert "Example" in text and "kgraph graph" in text, command
