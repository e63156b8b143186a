"""SPARQL queries: the library call, the named queries, the ``kgraph query`` command, --store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from rich.cells import cell_len

import kgraph
import kgraph.store
from conftest import ONTOLOGY, ROOT
from kgraph.cli import main
from kgraph.query import (
    NamedQuery,
    QueryError,
    QuerySyntaxError,
    UnknownQueryError,
    list_queries,
    load_query,
    query,
)
from kgraph.vocab import PREFIXES

KG = PREFIXES["kg"]
KGR = PREFIXES["kgr"]
SEED_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")

# A small graph of our own, as `kgraph build` would write it, with exact expectations.
SMALL_TTL = """\
@prefix kg: <https://kgraph.example/ontology#> .
@prefix kgr: <https://kgraph.example/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

kgr:org\\/개인정보보호위원회 a kg:GovernmentAgency ;
    rdfs:label "개인정보보호위원회"@ko , "Personal Information Protection Commission"@en ;
    skos:altLabel "개인정보위"@ko , "개보위"@ko .
kgr:org\\/누리카드 a kg:Company ; rdfs:label "누리카드"@ko .
kgr:org\\/한빛은행 a kg:Company ; rdfs:label "한빛은행"@ko .
kgr:org\\/서울경찰청 a kg:LawEnforcement ; rdfs:label "서울경찰청"@ko .

kgr:article\\/a1 a kg:Article ; kg:articleId "a1" ;
    kg:title "개인정보위, 누리카드에 과징금 1347억 부과"@ko ;
    kg:publishedAt "2025-11-02T09:00:00+09:00"^^xsd:dateTime ;
    kg:mentions kgr:org\\/개인정보보호위원회 , kgr:org\\/누리카드 , kgr:org\\/서울경찰청 ,
                kgr:measure\\/Fine\\/누리카드 .
kgr:article\\/a2 a kg:Article ; kg:articleId "a2" ;
    kg:title "누리카드 정보 유출 피해 1200명"@ko ;
    kg:publishedAt "2025-10-20T15:30:00+09:00"^^xsd:dateTime ;
    kg:mentions kgr:org\\/개인정보보호위원회 , kgr:org\\/누리카드 , kgr:org\\/한빛은행 .

kgr:incident\\/DataBreach\\/누리카드 a kg:DataBreach ;
    rdfs:label "누리카드 정보 유출"@ko ;
    kg:affects kgr:org\\/누리카드 ;
    kg:victimCount 1200 ; kg:recordCount 35000 ; kg:damageAmount 50000000 ;
    kg:firstReported "2025-10-20T15:30:00+09:00"^^xsd:dateTime .

kgr:measure\\/Fine\\/누리카드 a kg:Fine ;
    rdfs:label "누리카드 과징금·과태료"@ko ;
    kg:issuedBy kgr:org\\/개인정보보호위원회 ; kg:appliesTo kgr:org\\/누리카드 ;
    kg:concerns kgr:incident\\/DataBreach\\/누리카드 ;
    kg:status "imposed" ; kg:amount 134791000000 ; kg:date "2025-11-02"^^xsd:date ;
    kg:evidence kgr:evidence\\/a1\\/title-0-24\\/f1 .
kgr:measure\\/Fine\\/한빛은행 a kg:Fine ;
    rdfs:label "한빛은행 과징금·과태료"@ko ;
    kg:appliesTo kgr:org\\/한빛은행 ; kg:status "considered" .
kgr:measure\\/PoliceReferral\\/누리카드 a kg:PoliceReferral ;
    rdfs:label "누리카드 수사 의뢰"@ko ;
    kg:issuedBy kgr:org\\/누리카드 ; kg:referredTo kgr:org\\/서울경찰청 ;
    kg:status "planned" ; kg:date "2025-10-21"^^xsd:date .
kgr:measure\\/PenaltyWaiver\\/누리카드 a kg:PenaltyWaiver ;
    rdfs:label "누리카드 위약금 면제"@ko ;
    kg:issuedBy kgr:org\\/개인정보보호위원회 ; kg:appliesTo kgr:org\\/누리카드 ;
    kg:concerns kgr:incident\\/DataBreach\\/누리카드 ; kg:status "demanded" .

kgr:evidence\\/a1\\/title-0-24\\/f1 a kg:Evidence ;
    kg:sentence "개인정보위, 누리카드에 과징금 1347억 부과"@ko ;
    kg:inArticle kgr:article\\/a1 ; kg:section "title" ;
    kg:startOffset 0 ; kg:endOffset 24 ; kg:trigger "과징금" ; kg:statedStatus "imposed" .
"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_files(seed_build, tmp_path_factory) -> dict[str, Path]:
    """The seed graph written once in each RDF format kgraph build writes that we query."""
    folder = tmp_path_factory.mktemp("seed")
    files = {}
    for ext in SEED_FORMATS:
        files[ext] = folder / f"graph.{ext}"
        files[ext].write_bytes(seed_build.serialize(ext))
    return files


@pytest.fixture(scope="module")
def seed_store(seed_files) -> ox.Store:
    return kgraph.store.load_graph(seed_files["ttl"])


@pytest.fixture()
def small(tmp_path) -> Path:
    path = tmp_path / "small.ttl"
    path.write_text(SMALL_TTL, encoding="utf-8")
    return path


def measure(name: str) -> str:
    return KGR + "measure/" + name


# --- named queries on the seed ----------------------------------------------------------------

# What the seed article says, without node IRIs (those are the builder's business). Lists the
# extractor may grow are checked for the rows that must be there.
SEED_EXPECTED = {
    "police-referrals": [("과학기술정보통신부", "LG유플러스", "경찰청", "imposed", "2025-12-29")],
    "fines": [],
    "incidents": [
        ("KT", "DataBreach", 22227, None, None, None, None, None),
        ("KT", "MalwareInfection", None, None, None, None, 94, 103),
        ("KT", "UnauthorizedPayment", 368, 243000000, None, None, None, None),
        ("LG유플러스", "DataBreach", None, None, None, None, None, None),
    ],
}
SEED_INCLUDES = {
    "penalty-waivers": [("KT", "demanded", "KT 침해사고 민관합동조사단", "KT 무단 결제", "2025-12-29")],
    "measures-by-issuer": [
        ("KT 침해사고 민관합동조사단", "PenaltyWaiver", "KT", "demanded", "2025-12-29"),
        ("과학기술정보통신부", "PoliceReferral", "LG유플러스", "imposed", "2025-12-29"),
    ],
    "org-timeline": [
        ("과학기술정보통신부", "2025-12-29", "issued measure", "LG유플러스 수사 의뢰", "imposed"),
        ("과학기술정보통신부", "2025-12-29", "mentioned in article",
         "정부, '소액결제 해킹' KT에 '모든 이용자 위약금 면제' 요구", None),
    ],
    "co-mentioned": [("KT", "LG유플러스", 1), ("LG유플러스", "경찰청", 1), ("경찰청", "과학기술정보통신부", 1)],
}


def without_iris(rows: list[tuple]) -> list[tuple]:
    return [tuple(v for v in row if not (isinstance(v, str) and v.startswith(KGR))) for row in rows]


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_every_named_query_runs_on_the_seed(named, seed_store):
    result = query(seed_store, named)
    assert result.kind == "select"
    rows = without_iris(result.values())
    if named.name == "incidents":
        rows = [row[:8] for row in rows]  # the first report time is checked on the small graph
    if named.name in SEED_EXPECTED:
        assert rows == SEED_EXPECTED[named.name]
    elif named.name in SEED_INCLUDES:
        for row in SEED_INCLUDES[named.name]:
            assert row in rows, (named.name, row)
    elif named.name == "evidence":
        assert [(r[0], r[1], r[2], r[3], r[5]) for r in rows] == [
            ("KT 위약금 면제", "006_0000133460", "title", 0, "demanded"),
            ("KT 위약금 면제", "006_0000133460", "body", 79, "demanded"),
            ("KT 위약금 면제", "006_0000133460", "body", 287, "demanded"),
            ("KT 위약금 면제", "006_0000133460", "body", 481, "considered"),
            ("KT 위약금 면제", "006_0000133460", "body", 522, "rejected"),
            ("KT 위약금 면제", "006_0000133460", "body", 575, "demanded"),
        ]
        assert rows[0][6] == "위약금 면제"
        assert rows[0][7] == "정부, '소액결제 해킹' KT에 '모든 이용자 위약금 면제' 요구"
    else:
        pytest.fail(f"no expectation for the named query {named.name}: add one")
    if named.name == "co-mentioned":
        assert all(a < b and n == 1 for a, b, n in rows) and len(set(rows)) == len(rows)


def test_the_issue_names_these_queries():
    names = {q.name for q in list_queries()}
    assert {
        "measures-by-issuer", "penalty-waivers", "police-referrals", "fines", "incidents",
        "org-timeline", "co-mentioned", "evidence",
    } <= names


def test_every_named_query_has_a_header():
    for q in list_queries():
        assert q.path.parent == ONTOLOGY / "queries"
        assert q.name == q.path.stem
        assert q.description and "\n" not in q.description and len(q.description) < 120, q.name
        assert all(p.default is not None and p.description for p in q.params), q.name
        # Parameters bind selected variables, so each must be in the SELECT clause.
        select = q.text[q.text.index("SELECT") : q.text.index("WHERE")]
        assert all(f"?{p.name}" in select for p in q.params), q.name
    assert [(p.name, p.default) for p in load_query("org-timeline").params] == [("org", "과학기술정보통신부")]


def test_named_queries_need_no_ontology_and_name_only_real_terms():
    # Classes are listed with VALUES; every kg: term a query uses exists in the ontology.
    ontology = (ONTOLOGY / "kgraph.ttl").read_text(encoding="utf-8")
    for q in list_queries():
        code = "\n".join(line for line in q.text.splitlines() if not line.lstrip().startswith("#"))
        assert "subClassOf" not in code, q.name
        for term in set(re.findall(r"\bkg:(\w+)", q.text)):
            assert re.search(rf"^kg:{term}$", ontology, re.M), (q.name, term)


def test_named_query_parameters(seed_store):
    timeline = load_query("org-timeline")
    default = query(seed_store, timeline).values()
    by_alias = query(seed_store, timeline, bindings={"org": "과기정통부"}).values()
    assert default and by_alias == [("과기정통부",) + row[1:] for row in default]
    kt = query(seed_store, timeline, bindings={"org": "KT"}).values()
    assert {(r[2], r[3]) for r in kt} >= {
        ("affected by incident", "KT 무단 결제"),
        ("affected by incident", "KT 악성코드 감염"),
        ("affected by incident", "KT 정보 유출"),
        ("mentioned in article", "정부, '소액결제 해킹' KT에 '모든 이용자 위약금 면제' 요구"),
        ("subject of measure", "KT 위약금 면제"),
    }
    assert [r[1] for r in kt] == sorted((r[1] for r in kt), key=lambda d: d or "")  # in date order
    by_english = query(seed_store, timeline, bindings={"org": "KT Corporation"}).values()
    by_iri = query(seed_store, timeline, bindings={"org": ox.NamedNode(KGR + "org/KT")}).values()
    assert [r[1:] for r in by_english] == [r[1:] for r in by_iri] == [r[1:] for r in kt]
    assert query(seed_store, timeline, bindings={"org": "없는 회사"}).rows == []
    evidence = load_query("evidence")
    incident = query(seed_store, evidence, bindings={"node": "KT 무단 결제"}).values()
    assert incident and "소액결제 해킹" in {r[6] for r in incident}
    with pytest.raises(QueryError, match="no parameter who.*its parameters: org"):
        query(seed_store, timeline, bindings={"who": "KT"})


def test_parameter_values_are_bound_not_pasted(seed_store):
    # A value that would break out of a quoted string is just a string that matches nothing.
    sneaky = 'KT"@ko } UNION { ?node ?p ?o } #'
    assert query(seed_store, load_query("org-timeline"), bindings={"org": sneaky}).rows == []
    rows = query(seed_store, 'SELECT ?name ?o WHERE { ?o rdfs:label ?l . FILTER(STR(?l) = ?name) }',
                 bindings={"name": "경찰청"}).values()
    assert rows == [("경찰청", KGR + "org/경찰청")]
    with pytest.raises(QueryError, match=r"does not select \?name"):
        query(seed_store, 'SELECT ?o WHERE { ?o rdfs:label ?name }', bindings={"name": "KT"})
    with pytest.raises(QueryError, match="SELECT"):
        query(seed_store, 'ASK { ?o rdfs:label ?name }', bindings={"name": "KT"})


def test_unknown_named_query_lists_the_names():
    with pytest.raises(UnknownQueryError) as info:
        load_query("police")
    assert "police-referrals" in str(info.value) and "org-timeline" in str(info.value)


# --- named queries on a small graph of our own --------------------------------------------------


def test_named_queries_on_a_small_graph(small):
    def rows(name: str, **bindings) -> list[tuple]:
        return query(small, load_query(name), bindings=bindings or None).values()

    fine = measure("Fine/누리카드")
    assert rows("fines") == [
        ("누리카드", 134791000000, "개인정보보호위원회", "imposed", "2025-11-02", fine),
        ("한빛은행", None, None, "considered", None, measure("Fine/한빛은행")),
    ]
    assert rows("incidents") == [
        ("누리카드", "DataBreach", 1200, 50000000, None, 35000, None, None, "2025-10-20T15:30:00+09:00",
         KGR + "incident/DataBreach/누리카드"),
    ]
    assert rows("police-referrals") == [
        ("누리카드", None, "서울경찰청", "planned", "2025-10-21", measure("PoliceReferral/누리카드")),
    ]
    assert rows("penalty-waivers") == [
        ("누리카드", "demanded", "개인정보보호위원회", "누리카드 정보 유출", None, measure("PenaltyWaiver/누리카드")),
    ]
    assert [r[:3] for r in rows("measures-by-issuer")] == [  # by issuer, then date (none first)
        ("개인정보보호위원회", "PenaltyWaiver", "누리카드"),
        ("개인정보보호위원회", "Fine", "누리카드"),
        ("누리카드", "PoliceReferral", None),
    ]
    assert rows("co-mentioned") == [
        ("개인정보보호위원회", "누리카드", 2),
        ("개인정보보호위원회", "서울경찰청", 1),
        ("개인정보보호위원회", "한빛은행", 1),
        ("누리카드", "서울경찰청", 1),
        ("누리카드", "한빛은행", 1),
    ]
    # The waiver has no date; an unbound ?date sorts first.
    assert rows("org-timeline", org="개보위") == [
        ("개보위", None, "issued measure", "누리카드 위약금 면제", "demanded", measure("PenaltyWaiver/누리카드")),
        ("개보위", "2025-10-20", "mentioned in article", "누리카드 정보 유출 피해 1200명", None, KGR + "article/a2"),
        ("개보위", "2025-11-02", "issued measure", "누리카드 과징금·과태료", "imposed", fine),
        ("개보위", "2025-11-02", "mentioned in article", "개인정보위, 누리카드에 과징금 1347억 부과", None,
         KGR + "article/a1"),
    ]
    assert rows("evidence", node="누리카드 과징금·과태료") == [
        ("누리카드 과징금·과태료", "a1", "title", 0, 24, "imposed", "과징금", "개인정보위, 누리카드에 과징금 1347억 부과"),
    ]
    by_label = rows("evidence", node="누리카드 과징금·과태료")
    assert rows("evidence", node=ox.NamedNode(fine)) == [(fine,) + row[1:] for row in by_label]


# --- the library call --------------------------------------------------------------------------


def test_prefixes_are_predeclared_and_a_prefix_line_overrides_them(small):
    rows = query(small, "SELECT ?name WHERE { ?o a kg:Company ; rdfs:label ?name } ORDER BY ?name").values()
    assert rows == [("누리카드",), ("한빛은행",)]
    mine = "PREFIX kg: <http://example.org/other#>\nSELECT ?o WHERE { ?o a kg:Company }"
    assert query(small, mine).rows == []


def test_select_ask_construct_describe(small):
    select = query(small, "SELECT ?amount WHERE { ?m a kg:Fine ; kg:amount ?amount }")
    assert (select.kind, select.variables) == ("select", ("amount",))
    term = select.rows[0][0]
    assert isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer")
    assert select.values() == [(134791000000,)]

    ask = query(small, 'ASK { ?o skos:altLabel "개인정보위"@ko }')
    assert (ask.kind, ask.boolean) == ("ask", True)
    assert query(small, "ASK { ?m a kg:BusinessSuspension }").boolean is False

    construct = query(small, """
        CONSTRUCT { ?m kg:appliesTo ?org } WHERE { ?m a kg:Fine ; kg:appliesTo ?org }""")
    assert construct.kind == "graph" and len(construct.triples) == 2
    assert construct.triples == sorted(construct.triples, key=str)
    parsed = rdflib.Graph().parse(data=construct.serialize("ttl").decode("utf-8"), format="turtle")
    expected = rdflib.Graph()
    for t in construct.triples:
        expected.add((rdflib.URIRef(t.subject.value), rdflib.URIRef(t.predicate.value), rdflib.URIRef(t.object.value)))
    assert isomorphic(parsed, expected)

    describe = query(small, "DESCRIBE <https://kgraph.example/id/org/누리카드>")
    assert describe.kind == "graph"
    assert {(t.predicate.value, t.object.value) for t in describe.triples} == {
        (PREFIXES["rdf"] + "type", KG + "Company"), (PREFIXES["rdfs"] + "label", "누리카드"),
    }


def test_a_store_can_be_passed_and_kgraph_query_is_exported(seed_build):
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in seed_build.triples)
    result = kgraph.query(store, load_query("police-referrals"))
    assert without_iris(result.values()) == SEED_EXPECTED["police-referrals"]
    assert isinstance(result, kgraph.QueryResult)
    with pytest.raises(QueryError, match="store_dir"):
        kgraph.query(store, "ASK {}", store_dir="somewhere")


def test_syntax_errors_give_the_users_line_and_column(small):
    text = '# 과징금 목록\nSELECT ?m WHERE {\n  ?m rdfs:label "과징금"@ko . ?m kg:foo }\n'
    with pytest.raises(QuerySyntaxError) as info:
        query(small, text)
    err = info.value
    line = text.splitlines()[2]
    # Line 3 of the user's text (no prefix lines counted), column in characters, not bytes.
    assert (err.line, err.column) == (3, line.index("}") + 1)
    assert str(err).startswith("line 3, column 38: SPARQL syntax error: expected one of")
    assert "['" not in str(err)  # the parser's character classes are left out
    assert line in str(err) and str(err).splitlines()[-1].endswith("^")
    with pytest.raises(QuerySyntaxError, match="unknown prefix foo:"):
        query(small, "SELECT ?x WHERE { ?x a foo:Bar }")
    with pytest.raises(QuerySyntaxError, match=r"must be escaped: kgr:org\\/KT"):
        query(small, "DESCRIBE kgr:org/KT")


def test_results_serialize_to_csv_tsv_json(small):
    result = query(small, """
        SELECT ?name ?amount ?none WHERE {
          ?m a kg:Fine ; kg:appliesTo/rdfs:label ?name . OPTIONAL { ?m kg:amount ?amount }
        } ORDER BY ?name""")
    rows = list(csv.reader(io.StringIO(result.serialize("csv").decode("utf-8"))))
    assert rows == [["name", "amount", "none"], ["누리카드", "134791000000", ""], ["한빛은행", "", ""]]
    tsv = result.serialize("tsv").decode("utf-8").splitlines()
    assert tsv[0] == "?name\t?amount\t?none" and tsv[1].startswith('"누리카드"@ko\t134791000000')
    doc = json.loads(result.serialize("json"))
    assert doc["head"]["vars"] == ["name", "amount", "none"]
    first, second = doc["results"]["bindings"]
    assert first["name"] == {"type": "literal", "value": "누리카드", "xml:lang": "ko"}
    assert first["amount"] == {"type": "literal", "value": "134791000000",
                               "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert "amount" not in second and "none" not in first
    assert json.loads(query(small, "ASK { ?s ?p ?o }").serialize("json")) == {"head": {}, "boolean": True}
    with pytest.raises(QueryError, match="ttl is not a format for SELECT"):
        result.serialize("ttl")


def test_table_is_aligned_for_korean_and_fits_a_width(small):
    result = query(small, """
        SELECT ?name ?o WHERE { ?o a ?c ; rdfs:label ?name . FILTER(lang(?name) = 'ko')
          VALUES ?c { kg:Company kg:GovernmentAgency kg:LawEnforcement } } ORDER BY ?name""")
    lines = result.format_table().splitlines()
    starts = {cell_len(line[: line.index("kgr:")]) for line in lines[2:-1]}
    assert len(starts) == 1  # the second column starts at the same screen column on every row
    assert lines[-1] == "(4 rows)"
    narrow = result.format_table(max_width=30).splitlines()
    assert all(cell_len(line) <= 30 for line in narrow[:-1])
    assert any(line.rstrip().endswith("…") for line in narrow)


# --- formats and the independent check ----------------------------------------------------------


def test_the_same_results_from_every_rdf_format(seed_files):
    for name in ("police-referrals", "incidents", "co-mentioned", "evidence"):
        results = {ext: query(path, load_query(name)).values() for ext, path in seed_files.items()}
        assert all(rows == results["ttl"] for rows in results.values()), name
        assert results["ttl"], name


def _rdflib_rows(graph: rdflib.Graph, named: NamedQuery, bindings: dict | None = None) -> list[tuple]:
    init = {rdflib.Variable(k): rdflib.Literal(v) for k, v in (bindings or {}).items()}
    return sorted(
        (tuple(None if v is None else str(v) for v in row) for row in graph.query(named.text, initNs=PREFIXES, initBindings=init)),
        key=repr,
    )


def _oxigraph_rows(path: Path, named: NamedQuery, bindings: dict | None = None) -> list[tuple]:
    result = query(path, named, bindings=bindings)
    return sorted((tuple(None if t is None else t.value for t in row) for row in result.rows), key=repr)


@pytest.mark.parametrize("name", ["police-referrals", "incidents", "co-mentioned", "fines", "measures-by-issuer"])
def test_rdflib_gives_the_same_answers(name, seed_files, small):
    named = load_query(name)
    for path in (seed_files["nt"], small):
        graph = rdflib.Graph().parse(path)
        assert _oxigraph_rows(path, named) == _rdflib_rows(graph, named), (name, path.name)


def test_rdflib_gives_the_same_timeline(seed_files):
    named = load_query("org-timeline")
    graph = rdflib.Graph().parse(seed_files["nt"])
    for org in ("KT", "과기정통부"):
        ours = _oxigraph_rows(seed_files["nt"], named, {"org": org})
        assert ours and ours == _rdflib_rows(graph, named, {"org": org}), org


# --- the command line ---------------------------------------------------------------------------


def test_cli_select_prints_csv_when_piped(seed_files):
    result = run("query", str(seed_files["ttl"]), "--name", "police-referrals")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["issuer", "target", "referredTo", "status", "date", "measure"]
    assert rows[1][:3] == ["과학기술정보통신부", "LG유플러스", "경찰청"]


def test_cli_formats_and_output_file(seed_files, tmp_path):
    graph = str(seed_files["nt"])
    doc = json.loads(run("query", graph, "-n", "incidents", "--format", "json").stdout)
    assert len(doc["results"]["bindings"]) == 4
    tsv = run("query", graph, "-n", "police-referrals", "--format", "tsv").stdout.splitlines()
    assert tsv[1].startswith('"과학기술정보통신부"@ko\t"LG유플러스"@ko\t"경찰청"@ko')
    table = run("query", graph, "-n", "police-referrals", "--format", "table").stdout.splitlines()
    assert table[0].split() == ["issuer", "target", "referredTo", "status", "date", "measure"]
    assert table[2].split()[:3] == ["과학기술정보통신부", "LG유플러스", "경찰청"] and table[-1] == "(1 row)"
    out = tmp_path / "result.json"
    result = run("query", graph, "-n", "penalty-waivers", "-o", str(out))
    assert result.exit_code == 0 and "wrote" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["results"]["bindings"]) >= 1
    out_csv = tmp_path / "result.csv"
    run("query", graph, "SELECT ?n WHERE { ?o a kg:Company ; rdfs:label ?n FILTER(lang(?n) = 'ko') }", "-o", str(out_csv))
    written = list(csv.reader(out_csv.open(encoding="utf-8", newline="")))
    assert written[0] == ["n"] and {"KT", "LG유플러스", "SK텔레콤"} <= {r[0] for r in written[1:]}


def test_cli_ask_construct_describe(small):
    graph = str(small)
    yes = run("query", graph, 'ASK { ?o skos:altLabel "개보위"@ko }')
    no = run("query", graph, "ASK { ?m a kg:Ransomware }")
    assert (yes.exit_code, yes.stdout, no.exit_code, no.stdout) == (0, "true\n", 0, "false\n")
    turtle = run("query", graph, "CONSTRUCT { ?m kg:amount ?a } WHERE { ?m kg:amount ?a }")
    assert turtle.exit_code == 0 and "@prefix kg:" in turtle.stdout
    g = rdflib.Graph().parse(data=turtle.stdout, format="turtle")
    assert [int(o) for o in g.objects()] == [134791000000]
    nt = run("query", graph, "DESCRIBE <https://kgraph.example/id/org/서울경찰청>", "--format", "nt")
    assert len(rdflib.Graph().parse(data=nt.stdout, format="nt")) == 2
    wrong = run("query", graph, "ASK { ?s ?p ?o }", "--format", "ttl")
    assert wrong.exit_code == 1 and "not a format for ASK" in wrong.output


def test_cli_query_from_file_stdin_and_params(small, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?name WHERE {\n  ?o kg:appliesTo/rdfs:label ?name .\n}\nORDER BY ?name\n", encoding="utf-8")
    result = run("query", str(small), "-f", str(q))
    assert result.stdout.splitlines() == ["name", "누리카드", "누리카드", "한빛은행"]
    piped = run("query", str(small), "-f", "-", input="ASK { ?s ?p ?o }")
    assert piped.stdout == "true\n"
    timeline = run("query", str(small), "-n", "org-timeline", "--param", "org=개인정보위", "--format", "csv")
    assert timeline.exit_code == 0 and "누리카드 과징금·과태료" in timeline.stdout
    by_iri = run("query", str(small), "-n", "evidence", "-p", "node=kgr:measure/Fine/누리카드")
    assert "개인정보위, 누리카드에 과징금 1347억 부과" in by_iri.stdout
    bad = run("query", str(small), "-n", "org-timeline", "-p", "organisation=KT")
    assert bad.exit_code == 1 and "no parameter organisation" in bad.output
    assert run("query", str(small), "-n", "fines", "-p", "oops").exit_code == 2


def test_cli_list_needs_no_graph():
    result = run("query", "--list")
    assert result.exit_code == 0
    for q in list_queries():
        assert f"{q.name}  " in result.stdout and q.description in result.stdout
    assert "--param org=… (default 과학기술정보통신부)" in result.stdout


def test_cli_errors_are_clean_messages(small, tmp_path):
    missing = run("query", str(tmp_path / "nope.ttl"), "ASK {}")
    assert missing.exit_code == 1 and "no such graph file" in missing.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    broken = run("query", str(bad), "ASK {}")
    assert broken.exit_code == 1 and "bad.ttl" in broken.output and "Traceback" not in broken.output
    q = tmp_path / "q.rq"
    q.write_text('# 과징금 목록\nSELECT ?m WHERE {\n  ?m rdfs:label "과징금"@ko . ?m kg:foo }\n', encoding="utf-8")
    syntax = run("query", str(small), "-f", str(q))
    assert syntax.exit_code == 1 and f"{q}:3:38: SPARQL syntax error" in syntax.output
    unknown = run("query", str(small), "--name", "police")
    assert unknown.exit_code == 1 and "police-referrals" in unknown.output
    assert run("query", str(small), "-f", str(tmp_path / "missing.rq")).exit_code == 1
    assert run("query", str(small)).exit_code == 2  # no query given
    assert run("query").exit_code == 2  # no graph


# --- --store -------------------------------------------------------------------------------------


def test_store_is_reused_and_rebuilt_when_the_graph_changes(seed_files, tmp_path, monkeypatch):
    graph = tmp_path / "graph.nt"
    graph.write_bytes(seed_files["nt"].read_bytes())
    store_dir = tmp_path / "store"
    loads = []
    real = kgraph.store._load_into
    monkeypatch.setattr(kgraph.store, "_load_into", lambda store, path: (loads.append(path), real(store, path)))

    first = run("query", str(graph), "-n", "police-referrals", "--store", str(store_dir))
    assert first.exit_code == 0 and len(loads) == 1
    marker = store_dir / "kgraph-source.json"
    stamp = marker.stat().st_mtime_ns

    second = run("query", str(graph), "-n", "police-referrals", "--store", str(store_dir))
    assert second.stdout == first.stdout
    assert len(loads) == 1 and marker.stat().st_mtime_ns == stamp  # not parsed again

    # The library call reuses the same folder too.
    again = query(graph, load_query("police-referrals"), store_dir=store_dir)
    assert without_iris(again.values()) == SEED_EXPECTED["police-referrals"]
    assert len(loads) == 1

    extra = '<https://kgraph.example/id/org/새회사> <http://www.w3.org/2000/01/rdf-schema#label> "새회사"@ko .\n'
    with graph.open("a", encoding="utf-8") as fh:
        fh.write(extra)
    third = run("query", str(graph), 'ASK { ?o rdfs:label "새회사"@ko }', "--store", str(store_dir))
    assert third.stdout == "true\n" and len(loads) == 2

    # A query with a syntax error is refused before any graph is parsed or store built.
    typo = run("query", str(graph), "SELEC ?x", "--store", str(tmp_path / "other"))
    assert typo.exit_code == 1 and len(loads) == 2 and not (tmp_path / "other").exists()


def test_cli_help_and_readme_name_the_examples_and_every_named_query():
    text = run("query", "--help").output
    assert "kgraph query graph.ttl --name police-referrals" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Querying with SPARQL" in readme
    for q in list_queries():
        assert f"| `{q.name}` | {q.description} |" in readme, q.name


def test_named_queries_are_package_data():
    tomllib = pytest.importorskip("tomllib")
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "kgraph.ontology.queries" in setup["packages"]
    assert setup["package-dir"]["kgraph.ontology.queries"] == "ontology/queries"
    assert setup["package-data"]["kgraph.ontology.queries"] == ["*.rq"]
    assert (ONTOLOGY / "queries" / "__init__.py").is_file()
