"""kgraph serve: the SPARQL 1.1 endpoint, read by a client we did not write (SPARQLWrapper), and
its refusals, limits and CORS checked over raw HTTP."""

from __future__ import annotations

import http.client
import json
import os
import socket
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from kgraph.emit import write_graph
from kgraph.serve import Limits, Server
from kgraph.serve.protocol import Refused, check_read_only, keywords, negotiate
from kgraph.vocab import PREFIXES

from conftest import rdflib_graph_of

HEAD = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
REFERRALS = HEAD + """SELECT ?m ?target ?issuer WHERE {
  ?m a kg:PoliceReferral ; kg:appliesTo ?t ; kg:issuedBy ?i .
  ?t rdfs:label ?target FILTER(lang(?target) = "ko") ?i rdfs:label ?issuer FILTER(lang(?issuer) = "ko") }"""
CONSTRUCT = "CONSTRUCT { ?m ?p ?o } WHERE { ?m a kg:PoliceReferral ; ?p ?o }"


@pytest.fixture(scope="module")
def graph_file(seed_build, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "seed.ttl"
    write_graph(seed_build.triples, path)
    return path


@pytest.fixture(scope="module")
def reference(graph_file) -> ox.Store:
    """The same graph in a store of our own, to compare the endpoint's answers with."""
    store = ox.Store()
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def server(graph_file):
    limits = Limits(timeout=2.0, max_rows=50, max_body=4096, cors_origins=("https://yasgui.example.org",))
    with Server(graph_file, port=0, limits=limits, workers=2) as running:
        yield running


def wrapper(server, fmt, method=None) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "sparql")
    client.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method == POST:
        client.setMethod(POST)
    return client


def raw(server, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    if isinstance(body, str):
        body = body.encode("utf-8")
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def count_triples(server) -> int:
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    response, data = raw(server, "GET", f"/sparql?query={query}")
    assert response.status == 200
    return int(json.loads(data)["results"]["bindings"][0]["n"]["value"])


# --- results in every format, read by SPARQLWrapper --------------------------------------


def expected_referrals(reference) -> set[tuple[str, str, str]]:
    rows = reference.query(REFERRALS)
    return {(r["m"].value, r["target"].value, r["issuer"].value) for r in rows}


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY], ids=["GET", "POST-form", "POST-direct"])
def test_select_json_by_every_method(server, reference, method):
    client = wrapper(server, JSON, method)
    client.setQuery(REFERRALS)
    got = client.query().convert()
    rows = {(b["m"]["value"], b["target"]["value"], b["issuer"]["value"]) for b in got["results"]["bindings"]}
    assert rows == expected_referrals(reference)
    assert ("https://kgraph.example/id/measure/PoliceReferral/LG유플러스/과학기술정보통신부",
            "LG유플러스", "과학기술정보통신부") in rows


def test_select_xml(server, reference):
    client = wrapper(server, XML)
    client.setQuery(REFERRALS)
    doc = client.query().convert()  # an xml.dom.minidom Document
    rows = set()
    for result in doc.getElementsByTagName("result"):
        values = {b.getAttribute("name"): b.firstChild.firstChild.data for b in result.getElementsByTagName("binding")}
        rows.add((values["m"], values["target"], values["issuer"]))
    assert rows == expected_referrals(reference)


@pytest.mark.parametrize("fmt, sep", [(CSV, ","), (TSV, "\t")])
def test_select_csv_and_tsv(server, reference, fmt, sep):
    client = wrapper(server, fmt)
    client.setQuery(REFERRALS)
    text = client.query().convert().decode("utf-8")
    lines = text.strip().splitlines()
    header = [h.lstrip("?") for h in lines[0].split(sep)]
    assert header == ["m", "target", "issuer"]
    cells = [line.split(sep) for line in lines[1:]]
    if fmt == TSV:  # TSV writes terms as in N-Triples / Turtle
        rows = {(m.strip("<>"), t.split('"')[1], i.split('"')[1]) for m, t, i in cells}
    else:
        rows = {tuple(c) for c in cells}
    assert rows == expected_referrals(reference)


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server, fmt):
    client = wrapper(server, fmt)
    client.setQuery("ASK { ?m a kg:PoliceReferral }")
    result = client.query().convert()
    if fmt == JSON:
        assert result["boolean"] is True
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    client.setQuery("ASK { ?m a kg:BusinessSuspension ; kg:appliesTo kgr:nobody }")
    answer = client.query().convert()
    assert (answer["boolean"] if fmt == JSON else answer.getElementsByTagName("boolean")[0].firstChild.data) in (
        False, "false")


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, RDFXML])
def test_construct_in_rdf_formats(server, reference, fmt):
    client = wrapper(server, fmt)
    client.setQuery(HEAD + CONSTRUCT)
    got = client.query().convert()
    if isinstance(got, bytes):  # SPARQLWrapper hands Turtle back as bytes
        got = rdflib.Graph().parse(data=got, format="turtle")
    expected = rdflib_graph_of(reference.query(HEAD + CONSTRUCT))
    assert len(got) == len(expected) > 5
    assert isomorphic(got, expected)


def test_describe_in_ntriples(server, reference):
    iri = "https://kgraph.example/id/org/LG유플러스"
    response, data = raw(server, "GET", "/sparql?query=" + urllib.parse.quote(f"DESCRIBE <{iri}>"),
                         headers={"Accept": "application/n-triples"})
    assert response.status == 200 and response.getheader("Content-Type").startswith("application/n-triples")
    got = rdflib.Graph().parse(data=data, format="nt")
    assert isomorphic(got, rdflib_graph_of(reference.query(f"DESCRIBE <{iri}>")))


def test_prefixes_are_predeclared(server):
    client = wrapper(server, JSON)
    client.setQuery("SELECT (COUNT(?m) AS ?n) WHERE { ?m a kg:Measure }")  # no PREFIX line
    got = client.query().convert()
    assert got["results"]["bindings"][0]["n"]["value"] == "0"  # measures are typed by subclass
    client.setQuery("SELECT ?m WHERE { ?m a kg:PoliceReferral }")
    assert client.query().convert()["results"]["bindings"]


def test_unacceptable_format_is_406(server):
    response, data = raw(server, "GET", "/sparql?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
                         headers={"Accept": "image/png"})
    assert response.status == 406
    assert b"application/sparql-results+json" in data


def test_syntax_error_is_400_with_position(server):
    response, data = raw(server, "GET", "/sparql?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p }"))
    assert response.status == 400
    assert b"1:" in data and b"syntax" in data.lower()


def test_missing_query_is_400(server):
    response, data = raw(server, "GET", "/sparql")
    assert response.status == 400 and b"query" in data


# --- read-only: updates, Graph Store writes and SERVICE are refused ------------------------


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <http://127.0.0.1:9/evil.ttl>",
    "prefix x: <urn:x#> insert { ?s x:p 1 } where { ?s ?p ?o }",
])
def test_updates_are_refused_every_way(server, update):
    before = count_triples(server)
    ways = [
        ("GET", "/sparql?query=" + urllib.parse.quote(update), None, {}),
        ("GET", "/sparql?update=" + urllib.parse.quote(update), None, {}),
        ("POST", "/sparql", "update=" + urllib.parse.quote(update), {"Content-Type": "application/x-www-form-urlencoded"}),
        ("POST", "/sparql", "query=" + urllib.parse.quote(update), {"Content-Type": "application/x-www-form-urlencoded"}),
        ("POST", "/sparql", update, {"Content-Type": "application/sparql-update"}),
        ("POST", "/sparql", update, {"Content-Type": "application/sparql-query"}),
    ]
    for method, path, body, headers in ways:
        response, data = raw(server, method, path, body, headers)
        assert 400 <= response.status < 500, (method, path, response.status, data)
    assert count_triples(server) == before


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/sparql", "/sparql?graph=urn:x", "/store?default", "/"])
def test_graph_store_writes_are_refused(server, method, path):
    before = count_triples(server)
    response, _ = raw(server, method, path, "<urn:a> <urn:b> <urn:c> .", {"Content-Type": "text/turtle"})
    assert response.status == 405
    assert count_triples(server) == before


def test_post_of_data_is_refused(server):
    response, _ = raw(server, "POST", "/sparql?default", "<urn:a> <urn:b> <urn:c> .", {"Content-Type": "text/turtle"})
    assert response.status == 415


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z # SERVICE in a comment is fine, this one is not\n"
    " SeRvIcE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_before_any_connection(server, template):
    listener = Listener()
    try:
        query = template.format(port=listener.port)
        for method, path, body, headers in [
            ("GET", "/sparql?query=" + urllib.parse.quote(query), None, {}),
            ("POST", "/sparql", query, {"Content-Type": "application/sparql-query"}),
        ]:
            response, data = raw(server, method, path, body, headers)
            assert response.status == 403, data
            assert b"SERVICE" in data
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_the_word_service_elsewhere_is_not_refused(server):
    query = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) } # SERVICE'
    response, data = raw(server, "GET", "/sparql?query=" + urllib.parse.quote(query))
    assert response.status == 200, data


def test_keyword_reader():
    assert keywords("SELECT * { ?s kg:SERVICE 'SERVICE' ; <urn:SERVICE> \"\"\"SERVICE\"\"\" }") == ["SELECT"]
    with pytest.raises(Refused) as refused:
        check_read_only("PREFIX : <urn:x#> SELECT * { SERVICE <urn:y> { ?s ?p ?o } }")
    assert refused.value.status == 403
    with pytest.raises(Refused):
        check_read_only("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")


# --- limits -------------------------------------------------------------------------------------


def test_timeout_stops_the_query_and_the_server_recovers(server):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    before = set(server.app.pool.pids())
    started = time.monotonic()
    response, data = raw(server, "GET", "/sparql?query=" + urllib.parse.quote(heavy))
    elapsed = time.monotonic() - started
    assert response.status == 503
    assert b"stopped" in data
    assert elapsed < 30  # answered at the limit (2 s here), not when the query would have ended
    # The work really stopped: the worker that ran it is gone.
    killed = before - set(server.app.pool.pids())
    assert len(killed) == 1
    (pid,) = killed
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    # The killed worker is replaced: every worker answers again.
    for _ in range(4):
        assert count_triples(server) > 100


def test_row_cap_is_reported(server, reference):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    response, data = raw(server, "GET", "/sparql?query=" + urllib.parse.quote(query))
    assert response.status == 200
    assert response.getheader("KGraph-Truncated") == "true"
    assert response.getheader("KGraph-Row-Limit") == "50"
    doc = json.loads(data)
    assert len(doc["results"]["bindings"]) == 50
    assert doc["head"]["link"] == ["urn:kgraph:truncated:max-rows=50"]
    # Under the cap: no mark.
    response, data = raw(server, "GET", "/sparql?query=" + urllib.parse.quote(query + " LIMIT 10"))
    assert response.getheader("KGraph-Truncated") is None
    assert "link" not in json.loads(data)["head"]


def test_body_size_limit(server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000
    response, data = raw(server, "POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert response.status == 413


def test_cors_only_for_configured_origins(server):
    path = "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
    response, _ = raw(server, "GET", path, headers={"Origin": "https://yasgui.example.org"})
    assert response.getheader("Access-Control-Allow-Origin") == "https://yasgui.example.org"
    response, _ = raw(server, "GET", path, headers={"Origin": "https://evil.example.com"})
    assert response.getheader("Access-Control-Allow-Origin") is None
    response, _ = raw(server, "OPTIONS", "/sparql", headers={
        "Origin": "https://yasgui.example.org", "Access-Control-Request-Method": "POST"})
    assert response.status == 204
    assert "POST" in response.getheader("Access-Control-Allow-Methods")


def test_binds_to_loopback_by_default(graph_file):
    assert Server(graph_file).host == "127.0.0.1"


# --- the explorer's API -------------------------------------------------------------------------


def test_search_finds_agency_by_alias(server):
    response, data = raw(server, "GET", "/api/search?q=" + urllib.parse.quote("과기정통부"))
    hits = json.loads(data)
    assert hits[0]["label"] == "과학기술정보통신부" and hits[0]["matched"] == "과기정통부"
    assert hits[0]["type"] == "GovernmentAgency"


def test_entity_has_neighbourhood_timeline_and_evidence(server):
    iri = "https://kgraph.example/id/org/과학기술정보통신부"
    response, data = raw(server, "GET", "/api/entity?iri=" + urllib.parse.quote(iri))
    assert response.status == 200
    page = json.loads(data)
    assert "과기정통부" in page["aliases"]
    referral = "https://kgraph.example/id/measure/PoliceReferral/LG유플러스/과학기술정보통신부"
    assert referral in {n["iri"] for n in page["nodes"]}
    assert {"source": referral, "target": iri, "relation": "issuedBy"}.items() <= next(
        e for e in page["edges"] if e["source"] == referral and e["target"] == iri).items()
    assert any(t["iri"] == referral and t["date"] == "2025-12-29" for t in page["timeline"])
    sentences = [s["sentence"] for e in page["evidence"] if e["fact"] == referral for s in e["sentences"]]
    assert any("경찰청에 수사를 의뢰했다" in s for s in sentences)
    urls = {s["url"] for e in page["evidence"] for s in e["sentences"]}
    assert urls == {"https://n.news.naver.com/mnews/article/006/0000133460"}


def test_unknown_entity_is_404(server):
    response, _ = raw(server, "GET", "/api/entity?iri=" + urllib.parse.quote("https://kgraph.example/id/org/없음"))
    assert response.status == 404


def test_named_query_with_parameter(server):
    response, data = raw(server, "GET", "/api/named?name=org-timeline&param.org=" + urllib.parse.quote("과기정통부"))
    assert response.status == 200
    events = {b["event"]["value"] for b in json.loads(data)["results"]["bindings"]}
    assert "issued measure" in events
    response, data = raw(server, "GET", "/api/named?name=nope")
    assert response.status == 404 and b"police-referrals" in data


def test_page_and_static_files(server):
    response, data = raw(server, "GET", "/")
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/html")
    response, _ = raw(server, "GET", "/static/../../app.py")
    assert response.status == 404


def test_negotiation_rules():
    assert negotiate("text/csv;q=0.2, application/sparql-results+xml;q=0.9").results == "xml"
    assert negotiate("*/*").pick("select")[0] == "json"
    assert negotiate("*/*").pick("graph")[0] == "ttl"
    assert negotiate("application/ld+json").pick("graph")[0] == "jsonld"
    with pytest.raises(Refused):
        negotiate("image/png").pick("select")
