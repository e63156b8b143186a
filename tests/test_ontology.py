"""Tests for the ontology (ontology/kgraph.ttl) and the SHACL shapes (ontology/shapes.ttl)."""

from __future__ import annotations

import pathlib

import pyshacl
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kgraph.vocab import KG, ONTOLOGY_IRI

ONTOLOGY_DIR = pathlib.Path(__file__).resolve().parents[1] / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kgraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

KG_NS = ONTOLOGY_IRI + "#"
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _kg_terms() -> set[URIRef]:
    return {URIRef(KG_NS + name) for name in KG.__annotations__}


# --- ontology ------------------------------------------------------------------------------------


def test_ontology_parses_and_has_header() -> None:
    g = _ontology()
    assert len(g) > 0
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionInfo) == Literal("0.1.0")
    assert g.value(onto, RDFS.label) is not None
    assert g.value(onto, RDFS.comment) is not None
    first_line = ONTOLOGY_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("#")


def test_every_vocab_term_is_defined() -> None:
    g = _ontology()
    problems = []
    for term in sorted(_kg_terms()):
        types = set(g.objects(term, RDF.type)) & TERM_TYPES
        if len(types) != 1:
            problems.append(f"{term}: expected exactly one of {sorted(TERM_TYPES)}, got {types}")
        labels = list(g.objects(term, RDFS.label))
        for lang in ("ko", "en"):
            n = sum(1 for lbl in labels if isinstance(lbl, Literal) and lbl.language == lang)
            if n != 1:
                problems.append(f"{term}: {n} rdfs:label@{lang}, expected 1")
        comments = [c for c in g.objects(term, RDFS.comment) if isinstance(c, Literal)]
        if not any(c.language == "en" for c in comments):
            problems.append(f"{term}: no rdfs:comment@en")
    assert not problems, "\n".join(problems)


def test_ontology_defines_nothing_outside_vocab() -> None:
    g = _ontology()
    in_file = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_NS)}
    used = {
        o for o in g.objects() if isinstance(o, URIRef) and str(o).startswith(KG_NS)
    } | {p for p in g.predicates() if str(p).startswith(KG_NS)}
    extra = (in_file | used) - _kg_terms()
    assert not extra, f"kg: terms not in KG: {sorted(extra)}"
    missing = _kg_terms() - in_file
    assert not missing, f"KG terms not defined in kgraph.ttl: {sorted(missing)}"


SUBCLASSES = {
    KG.Organization: [
        KG.Company,
        KG.GovernmentAgency,
        KG.LawEnforcement,
        KG.Legislature,
        KG.Court,
        KG.Publisher,
    ],
    KG.Incident: [
        KG.Hacking,
        KG.DataBreach,
        KG.MalwareInfection,
        KG.Ransomware,
        KG.UnauthorizedPayment,
    ],
    KG.Measure: [
        KG.PenaltyWaiver,
        KG.PoliceReferral,
        KG.Fine,
        KG.CorrectiveOrder,
        KG.Investigation,
        KG.Compensation,
        KG.BusinessSuspension,
    ],
}


def test_class_hierarchy() -> None:
    g = _ontology()
    for parent, children in SUBCLASSES.items():
        for child in children:
            assert (child, RDFS.subClassOf, parent) in g, f"{child} is not a subclass of {parent}"
            assert (child, RDF.type, OWL.Class) in g
    for top in (KG.Organization, KG.Incident, KG.Measure, KG.Person, KG.Article, KG.Evidence):
        assert (top, RDF.type, OWL.Class) in g


def test_alignments() -> None:
    g = _ontology()
    expected = [
        (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (KG.Organization, RDFS.subClassOf, SCHEMA.Organization),
        (KG.Person, RDFS.subClassOf, SCHEMA.Person),
        (KG.Evidence, RDFS.subClassOf, PROV.Entity),
        (KG.title, RDFS.subPropertyOf, SCHEMA.headline),
        (KG.url, RDFS.subPropertyOf, SCHEMA.url),
        (KG.publishedAt, RDFS.subPropertyOf, SCHEMA.datePublished),
        (KG.hasAuthor, RDFS.subPropertyOf, SCHEMA.author),
        (KG.publishedBy, RDFS.subPropertyOf, SCHEMA.publisher),
        (KG.affiliatedWith, RDFS.subPropertyOf, SCHEMA.affiliation),
        (KG.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KG.mentions, RDFS.subPropertyOf, SCHEMA.mentions),
        (KG.body, RDFS.subPropertyOf, SCHEMA.articleBody),
    ]
    missing = [t for t in expected if t not in g]
    assert not missing, missing


def test_evidence_domain_is_union() -> None:
    g = _ontology()
    domain = g.value(KG.evidence, RDFS.domain)
    assert domain is not None
    union = g.value(domain, OWL.unionOf)
    assert union is not None
    assert set(g.items(union)) == {KG.Incident, KG.Measure, KG.Person}
    assert g.value(KG.evidence, RDFS.range) == KG.Evidence


def test_mentions_and_stated_date_have_no_range() -> None:
    g = _ontology()
    assert g.value(KG.mentions, RDFS.range) is None
    assert g.value(KG.statedDate, RDFS.range) is None


# --- shapes --------------------------------------------------------------------------------------


def test_shapes_parse_and_use_only_vocab_terms() -> None:
    g = _shapes()
    assert len(g) > 0
    targets = set(g.objects(None, SH.targetClass))
    for cls in (KG.Article, KG.Organization, KG.Person, KG.Incident, KG.Measure, KG.Evidence):
        assert cls in targets, f"no shape targets {cls}"
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    extra = used - _kg_terms()
    assert not extra, f"shapes use kg: terms not in KG: {sorted(extra)}"


VALID_DATA = """
@prefix kg:   <https://kgraph.example/ontology#> .
@base <https://kgraph.example/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

<article/006_0000133460> a kg:Article ;
    kg:articleId "006_0000133460" ;
    kg:oid "006" ;
    kg:aid "0000133460" ;
    kg:title "정부, '소액결제 해킹' KT에 '모든 이용자 위약금 면제' 요구"@ko ;
    kg:url "https://n.news.naver.com/mnews/article/006/0000133460"^^xsd:anyURI ;
    kg:publishedAt "2025-12-29T00:00:00+09:00"^^xsd:dateTime ;
    kg:publishedBy <org/미디어오늘> ;
    kg:mentions <org/KT> , <org/과학기술정보통신부> , <measure/PenaltyWaiver/KT> .

<org/미디어오늘> a kg:Publisher ;
    rdfs:label "미디어오늘"@ko .

<org/KT> a kg:Company ;
    rdfs:label "KT"@ko , "KT Corporation"@en ;
    skos:altLabel "케이티" .

<org/과학기술정보통신부> a kg:GovernmentAgency ;
    rdfs:label "과학기술정보통신부"@ko , "Ministry of Science and ICT"@en ;
    skos:altLabel "과기정통부" , "과기부" .

<person/류제명> a kg:Person ;
    rdfs:label "류제명"@ko ;
    kg:role "2차관" ;
    kg:affiliatedWith <org/과학기술정보통신부> .

<incident/UnauthorizedPayment/KT> a kg:UnauthorizedPayment ;
    kg:affects <org/KT> ;
    kg:victimCount 368 ;
    kg:damageAmount 243000000 ;
    kg:evidence <evidence/e2> .

<measure/PenaltyWaiver/KT> a kg:PenaltyWaiver ;
    kg:status "demanded" ;
    kg:issuedBy <org/과학기술정보통신부> ;
    kg:appliesTo <org/KT> ;
    kg:concerns <incident/UnauthorizedPayment/KT> ;
    kg:date "2025-12-29"^^xsd:date ;
    kg:evidence <evidence/e1> .

<evidence/e1> a kg:Evidence ;
    kg:sentence "정부, '소액결제 해킹' KT에 '모든 이용자 위약금 면제' 요구"@ko ;
    kg:inArticle <article/006_0000133460> ;
    kg:section "title" ;
    kg:startOffset 0 ;
    kg:endOffset 36 ;
    kg:trigger "위약금 면제" ;
    kg:statedStatus "demanded" .

<evidence/e2> a kg:Evidence ;
    kg:sentence "소액결제 피해자는 368명이며 피해액은 2억4300만 원이다."@ko ;
    kg:inArticle <article/006_0000133460> ;
    kg:section "body" ;
    kg:startOffset 1500 ;
    kg:endOffset 1534 ;
    kg:trigger "소액결제 피해" .
"""

MEASURE = "https://kgraph.example/id/measure/PenaltyWaiver/KT"
KT = "https://kgraph.example/id/org/KT"


def _validate(data_ttl: str) -> tuple[bool, Graph, str]:
    data = Graph().parse(data=data_ttl, format="turtle")
    conforms, results_graph, results_text = pyshacl.validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="rdfs"
    )
    return conforms, results_graph, results_text


def _results(results_graph: Graph) -> list[tuple[str, str, str]]:
    """(focus node, result path, constraint component) of every validation result."""
    out = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        out.append(
            (
                str(results_graph.value(result, SH.focusNode)),
                str(results_graph.value(result, SH.resultPath)),
                str(results_graph.value(result, SH.sourceConstraintComponent)),
            )
        )
    return out


def _broken(old: str, new: str) -> str:
    assert old in VALID_DATA, old
    return VALID_DATA.replace(old, new, 1)


def test_valid_data_conforms() -> None:
    conforms, _, text = _validate(VALID_DATA)
    assert conforms, text


def test_measure_with_unknown_status_fails() -> None:
    conforms, results_graph, text = _validate(_broken('kg:status "demanded"', 'kg:status "maybe"'))
    assert not conforms
    assert "Result Path: kg:status" in text and "maybe" in text, text
    results = _results(results_graph)
    assert results, text
    assert all(focus == MEASURE and path == str(KG.status) for focus, path, _ in results), text
    assert {comp for _, _, comp in results} == {str(SH.InConstraintComponent)}, text


def test_measure_without_evidence_fails() -> None:
    conforms, results_graph, text = _validate(_broken("kg:evidence <evidence/e1> .", "."))
    assert not conforms
    assert "Result Path: kg:evidence" in text, text
    results = _results(results_graph)
    assert results, text
    assert all(focus == MEASURE and path == str(KG.evidence) for focus, path, _ in results), text
    assert {comp for _, _, comp in results} == {str(SH.MinCountConstraintComponent)}, text


def test_organization_with_two_korean_labels_fails() -> None:
    conforms, results_graph, text = _validate(
        _broken('rdfs:label "KT"@ko ,', 'rdfs:label "KT"@ko , "케이티"@ko ,')
    )
    assert not conforms
    assert "Result Path: rdfs:label" in text, text
    results = _results(results_graph)
    assert results, text
    assert all(focus == KT and path == str(RDFS.label) for focus, path, _ in results), text
    components = {comp for _, _, comp in results}
    assert str(SH.UniqueLangConstraintComponent) in components, text
    assert str(SH.QualifiedMaxCountConstraintComponent) in components, text


def test_organization_with_only_english_label_fails() -> None:
    conforms, results_graph, text = _validate(
        _broken('rdfs:label "KT"@ko , "KT Corporation"@en', 'rdfs:label "KT Corporation"@en')
    )
    assert not conforms
    results = _results(results_graph)
    assert results, text
    assert all(focus == KT and path == str(RDFS.label) for focus, path, _ in results), text
    assert {comp for _, _, comp in results} == {str(SH.QualifiedMinCountConstraintComponent)}, text


def test_value_of_wrong_class_fails_despite_range_inference() -> None:
    # rdfs:range makes the person a kg:Organization under RDFS inference; disjointness catches it.
    conforms, results_graph, text = _validate(
        _broken("kg:issuedBy <org/과학기술정보통신부>", "kg:issuedBy <person/류제명>")
    )
    assert not conforms
    assert str(KG.Person) in text and str(KG.Organization) in text, text
    foci = {focus for focus, _, _ in _results(results_graph)}
    assert foci == {"https://kgraph.example/id/person/류제명"}, text


def test_referral_to_non_law_enforcement_fails() -> None:
    data = _broken(
        "kg:appliesTo <org/KT> ;",
        "kg:appliesTo <org/KT> ;\n    kg:referredTo <org/과학기술정보통신부> ;",
    )
    conforms, results_graph, text = _validate(data)
    assert not conforms
    assert str(KG.LawEnforcement) in text and str(KG.GovernmentAgency) in text, text
    foci = {focus for focus, _, _ in _results(results_graph)}
    assert foci == {"https://kgraph.example/id/org/과학기술정보통신부"}, text


def test_no_two_trigger_rows_match_the_same_morphemes():
    """Triggers are matched as morphemes, particles and endings left out: 코인이 빠져나간 and
    코인이 빠져나가 are one trigger, and a second row of it would never be used."""
    from kgraph.extract import _trigger_forms
    from kgraph.lexicon import load_lexicon

    lexicon = load_lexicon()
    for triggers in (lexicon.incident_triggers, lexicon.measure_triggers):
        seen: dict[tuple[str, ...], str] = {}
        for trig in triggers:
            forms = _trigger_forms(trig.phrase)
            assert forms not in seen, f"{trig.phrase!r} matches what {seen[forms]!r} does"
            seen[forms] = trig.phrase
