"""The seed article end to end: what the graph must say about it, asked in SPARQL."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from conftest import ONTOLOGY, SEEDS, sparql
from kgraph.vocab import KG


def test_seed_folder_holds_the_real_article_byte_for_byte():
    files = sorted(p.name for p in SEEDS.iterdir())
    assert files == ["000_014c826a75d2db53.txt"]
    data = (SEEDS / files[0]).read_bytes()
    assert b"\t\t\t" in data  # the crawler's tab-indented byline is kept as crawled
    assert b"&#x27;" in data


def test_front_matter_reaches_the_graph_as_written(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?id ?oid ?aid ?title ?pub ?publisher ?author WHERE {
          ?a a kg:Article ; kg:articleId ?id ; kg:oid ?oid ; kg:aid ?aid ; kg:title ?title ;
             kg:publishedAt ?pub ; kg:publisherName ?publisher ; kg:author ?author .
        }""")
    assert len(rows) == 1
    art_id, oid, aid, title, _, publisher, author = rows[0]
    assert (art_id, oid, aid) == ("006_0000133460", "006", "0000133460")
    assert title == "정부, '소액결제 해킹' KT에 '모든 이용자 위약금 면제' 요구"
    assert publisher == "미디어오늘"
    assert author == "윤수현 기자"
    # Strings stay strings: the datatype is xsd:string, not a number.
    assert (None, KG.aid, Literal("0000133460")) in seed_graph
    assert (None, KG.oid, Literal("006")) in seed_graph
    pub = next(seed_graph.objects(None, KG.publishedAt))
    assert pub.datatype == XSD.dateTime and str(pub) == "2025-12-29T00:00:00+09:00"


def test_author_is_a_person_with_role_and_publisher(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?name ?role ?org WHERE {
          ?a kg:hasAuthor ?p . ?p rdfs:label ?name ; kg:role ?role ; kg:affiliatedWith/rdfs:label ?org .
          FILTER(lang(?org) = "ko")
        }""")
    assert rows == [("윤수현", "기자", "미디어오늘")]
    assert sparql(seed_graph, "SELECT ?t WHERE { ?a kg:publishedBy ?p . ?p a ?t }") == [(str(KG.Publisher),)]


def test_organizations_and_their_types(seed_graph):
    rows = set(sparql(seed_graph, """
        SELECT ?name ?type WHERE {
          ?a kg:mentions ?o . ?o rdfs:label ?name ; a ?type . FILTER(lang(?name) = "ko")
          FILTER(?type IN (kg:Company, kg:GovernmentAgency, kg:LawEnforcement))
        }"""))
    kg = str(KG)
    expected = {
        ("KT", kg + "Company"), ("LG유플러스", kg + "Company"), ("SK텔레콤", kg + "Company"),
        ("애플", kg + "Company"), ("과학기술정보통신부", kg + "GovernmentAgency"),
        ("KT 침해사고 민관합동조사단", kg + "GovernmentAgency"), ("경찰청", kg + "LawEnforcement"),
    }
    assert expected <= rows
    names = {name for name, _ in rows}
    assert not any("아이폰" in n or "자문기관" in n or "류제명" in n for n in names), names


def test_every_alias_resolves_to_one_node(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?o ?alt WHERE { ?o rdfs:label "과학기술정보통신부"@ko ; skos:altLabel ?alt }""")
    assert {alt for _, alt in rows} == {"과기정통부"}
    assert sparql(seed_graph, 'SELECT ?o WHERE { ?o rdfs:label "과기정통부"@ko }') == []
    team = sparql(seed_graph, """
        SELECT ?alt WHERE { ?o rdfs:label "KT 침해사고 민관합동조사단"@ko ; skos:altLabel ?alt }""")
    assert {a for (a,) in team} == {"민관합동조사단", "조사단"}
    # Each organization node has exactly one Korean label.
    counts = sparql(seed_graph, """
        SELECT ?o (COUNT(?l) AS ?n) WHERE { ?o a/rdfs:subClassOf* ?c ; rdfs:label ?l .
          FILTER(lang(?l) = "ko") } GROUP BY ?o HAVING (COUNT(?l) > 1)""")
    assert counts == []


def test_person_with_role_and_affiliation(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?role ?org WHERE { ?p a kg:Person ; rdfs:label "류제명"@ko ; kg:role ?role ;
                                     kg:affiliatedWith/rdfs:label ?org . FILTER(lang(?org) = "ko") }""")
    assert rows == [("2차관", "과학기술정보통신부")]


def test_incidents_affecting_kt_with_counts_and_damage(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?type ?prop ?value WHERE {
          ?i kg:affects/rdfs:label "KT"@ko ; a ?type ; ?prop ?value .
          FILTER(?prop IN (kg:victimCount, kg:damageAmount, kg:serverCount, kg:malwareVariantCount))
        }""")
    kg = str(KG)
    facts = {(t[len(kg):], p[len(kg):], v) for t, p, v in rows}
    assert ("UnauthorizedPayment", "victimCount", 368) in facts
    assert ("UnauthorizedPayment", "damageAmount", 243000000) in facts
    assert ("DataBreach", "victimCount", 22227) in facts
    assert ("MalwareInfection", "serverCount", 94) in facts
    assert ("MalwareInfection", "malwareVariantCount", 103) in facts
    value = next(seed_graph.objects(None, KG.damageAmount))
    assert value.datatype == XSD.integer


def test_data_breach_affecting_lg_uplus(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?i WHERE { ?i a kg:DataBreach ; kg:affects/rdfs:label "LG유플러스"@ko }""")
    assert len(rows) == 1


def test_penalty_waiver_demanded_of_kt(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?status ?issuer ?incident WHERE {
          ?m a kg:PenaltyWaiver ; kg:status ?status ; kg:appliesTo/rdfs:label "KT"@ko ;
             kg:issuedBy/rdfs:label ?issuer ; kg:concerns ?i .
          ?i kg:affects/rdfs:label "KT"@ko ; rdfs:label ?incident .
          FILTER(lang(?issuer) = "ko")
        }""")
    assert rows, "no PenaltyWaiver applying to KT with an issuer and an incident"
    assert {status for status, _, _ in rows} == {"demanded"}
    assert {issuer for _, issuer, _ in rows} <= {"KT 침해사고 민관합동조사단", "정부"}


def test_police_referral_of_lg_uplus(seed_graph):
    rows = sparql(seed_graph, """
        SELECT ?issuer ?police ?status WHERE {
          ?m a kg:PoliceReferral ; kg:appliesTo/rdfs:label "LG유플러스"@ko ; kg:status ?status ;
             kg:issuedBy/rdfs:label ?issuer ; kg:referredTo/rdfs:label ?police .
          FILTER(lang(?issuer) = "ko" && lang(?police) = "ko")
        }""")
    assert rows == [("과학기술정보통신부", "경찰청", "imposed")]


def test_every_incident_and_measure_has_evidence_that_points_into_the_text(seed_graph, seed_build):
    missing = sparql(seed_graph, """
        SELECT ?x WHERE { { ?x a/rdfs:subClassOf* kg:Incident } UNION { ?x a kg:Fine } UNION
          { ?x a kg:PenaltyWaiver } UNION { ?x a kg:PoliceReferral } UNION { ?x a kg:Compensation }
          FILTER NOT EXISTS { ?x kg:evidence ?e } }""")
    assert missing == []
    article = seed_build.knowledge_base.articles[0]
    rows = sparql(seed_graph, """
        SELECT ?text ?section ?start ?end WHERE {
          ?x kg:evidence ?e . ?e kg:sentence ?text ; kg:section ?section ;
             kg:startOffset ?start ; kg:endOffset ?end ; kg:inArticle ?a . ?a a kg:Article }""")
    assert len(rows) > 10
    for text, section, start, end in rows:
        source = article.title if section == "title" else article.body
        assert source[start:end] == text


def test_relative_dates_resolved_against_publication(seed_graph):
    dates = {str(d) for d in seed_graph.objects(None, KG.statedDate)}
    assert {"2025-12-29", "2025-09-18", "2024-07-31"} <= dates


def test_graph_conforms_to_the_shapes(seed_graph):
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    ontology = rdflib.Graph().parse(ONTOLOGY / "kgraph.ttl")
    conforms, _, text = pyshacl.validate(seed_graph, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text


def test_every_term_used_is_in_the_ontology(seed_graph):
    ontology = rdflib.Graph().parse(ONTOLOGY / "kgraph.ttl")
    defined = set(ontology.subjects())
    used = {p for p in seed_graph.predicates() if str(p).startswith(str(KG))}
    used |= {o for o in seed_graph.objects(None, rdflib.RDF.type) if str(o).startswith(str(KG))}
    assert used and used <= defined, used - defined


def test_labels_are_korean_tagged(seed_graph):
    for s, label in seed_graph.subject_objects(rdflib.RDFS.label):
        assert isinstance(label, Literal) and label.language in ("ko", "en"), (s, label)
    assert any(label.language == "ko" for label in seed_graph.objects(None, rdflib.RDFS.label))


def test_iris_are_stable_and_readable(seed_graph):
    assert (URIRef("https://kgraph.example/id/org/과학기술정보통신부"), rdflib.RDF.type, KG.GovernmentAgency) in seed_graph
    assert any(str(s).endswith("/incident/UnauthorizedPayment/KT/2025-12-29") for s in seed_graph.subjects())


def test_seed_path_is_recorded_relative_to_the_folder(seed_graph):
    assert [str(v) for v in seed_graph.objects(None, KG.sourceFile)] == [
        str(Path("seeds") / "000_014c826a75d2db53.txt")
    ]
