"""One node per real-world event across articles (corpus/series: one incident reported 20 times)."""

from __future__ import annotations

import pytest

import kgraph
from conftest import ROOT, extract_text, sparql
from kgraph.resolve import group_incidents, resolve

SERIES = ROOT / "corpus" / "series"


@pytest.fixture(scope="module")
def series_graph():
    return kgraph.build([SERIES]).to_rdflib()


def test_twenty_reports_of_the_kt_micropayment_hack_are_one_incident(series_graph):
    rows = sparql(series_graph, """
        SELECT ?i (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?i a kg:UnauthorizedPayment ; kg:affects/rdfs:label "KT"@ko . ?a kg:mentions ?i }
        GROUP BY ?i""")
    assert len(rows) == 1, rows
    assert rows[0][1] >= 15  # articles whose text lets the rules see it (of 20)


def test_kt_2024_malware_case_stays_apart_from_2025(series_graph):
    rows = sparql(series_graph, """
        SELECT ?i ?first ?last WHERE {
          ?i a kg:MalwareInfection ; kg:affects/rdfs:label "KT"@ko ;
             kg:firstReported ?first ; kg:lastReported ?last }""")
    years = sorted({(str(f)[:4], str(l)[:4]) for _, f, l in rows})
    assert ("2024", "2024") in years
    assert all(first == last for first, last in years), years


def test_one_fine_reported_by_two_outlets_is_one_measure(series_graph):
    rows = sparql(series_graph, """
        SELECT ?m ?amount (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?m a kg:Fine ; kg:appliesTo/rdfs:label "SK텔레콤"@ko ; kg:amount ?amount ;
             kg:evidence/kg:inArticle ?a }
        GROUP BY ?m ?amount""")
    assert len(rows) == 1, rows  # 과징금 1347억9100만원 and "1347억" are the same fine
    assert rows[0][1] == 134791000000 and rows[0][2] >= 2


def test_disagreeing_figures_are_kept_with_the_latest_as_current():
    kb = resolve([
        extract_text("누리페이 소액결제 해킹 피해자는 362명으로 집계됐다.", published="2025-09-18 09:00"),
        extract_text("누리페이 소액결제 해킹 피해자는 368명으로 최종 확인됐다.", published="2025-12-29 09:00"),
    ])
    (incident,) = kb.incidents.values()
    assert incident.quantities["victimCount"][1] == 368
    assert sorted(value for *_, prop, value in incident.observations if prop == "victimCount") == [362, 368]


def test_observations_reach_the_graph_with_article_and_time(tmp_path):
    from conftest import make_article_text

    for i, (day, n) in enumerate((("2025-09-18", 362), ("2025-12-29", 368))):
        text = make_article_text("누리페이 피해", f"누리페이 소액결제 해킹 피해자는 {n}명이다.",
                                 published=f"{day} 09:00", article_id=f"999_000000000{i}")
        (tmp_path / f"{i}.md").write_text(text, encoding="utf-8")
    graph = kgraph.build([tmp_path]).to_rdflib()
    rows = sparql(graph, """
        SELECT ?current ?value ?when WHERE {
          ?i kg:victimCount ?current ; kg:observation ?o .
          ?o kg:observedProperty kg:victimCount ; kg:observedValue ?value ; kg:reportedAt ?when ;
             kg:inArticle ?a . ?a a kg:Article }""")
    assert sorted((c, v, str(w)[:10]) for c, v, w in rows) == [
        (368, 362, "2025-09-18"), (368, 368, "2025-12-29"),
    ]


def test_a_long_silence_starts_a_new_incident():
    mentions = []
    for article, day in (("a", "2024-06-01"), ("b", "2024-07-01"), ("c", "2025-09-01")):
        ex = extract_text("한결저축은행에서 랜섬웨어 공격이 있었다.", published=f"{day} 09:00")
        mentions += [(article, f"{day}T09:00:00+09:00", m) for m in ex.incidents]
    groups = group_incidents(mentions)
    assert sorted(k[2] for k in groups) == ["2024-06-01", "2025-09-01"]
    assert sorted(len(v) for v in groups.values()) == [1, 2]


def test_a_generic_word_joins_the_incident_reported_nearby():
    kb = resolve([
        extract_text("누리페이에서 고객정보 유출이 확인됐다.", published="2025-09-01 09:00"),
        extract_text("누리페이 해킹 사고의 여파가 이어지고 있다.", published="2025-09-20 09:00"),
    ])
    assert [k[0] for k in kb.incidents] == ["DataBreach"]
    (incident,) = kb.incidents.values()
    assert len(incident.evidence) == 2


def test_a_past_incident_an_article_compares_with_its_own_stays_apart():
    text = ("지난달 27일 거래소 업비트에서 445억 원어치 가상자산이 외부로 빼돌려졌다. "
            "업비트는 2019년 11월27일에도 이더리움 580억 원어치를 해킹으로 도난당했다.")
    ex = extract_text(text, published="2025-12-05 10:00")
    thefts = [i for i in ex.incidents if i.affected == "업비트"]
    assert {i.happened for i in thefts} == {None, "2019-11-27"}
    kb = resolve([
        extract_text("업비트에서 이더리움 580억 원어치가 해킹으로 도난당했다.", published="2019-11-28 09:00"),
        ex,
    ])
    incidents = {key: inc for key, inc in kb.incidents.items() if key[1] == "업비트"}
    assert len(incidents) == 2, sorted(incidents)
    by_damage = {inc.quantities["damageAmount"][1]: key for key, inc in incidents.items()}
    assert by_damage[58000000000][2].startswith("2019-11")  # the 2019 node, reported in 2019 and 2025
    assert by_damage[44500000000][2].startswith("2025-12")


def test_an_old_date_alone_is_the_history_of_the_articles_own_incident():
    ex = extract_text("전 직원 C씨는 2023년 3월부터 지난해 8월까지 온길페이 회원 정보를 빼돌린 혐의를 받는다. "
                      "온길페이는 정보 유출 사실을 사과했다.", published="2026-01-20 10:00")
    assert ex.incidents and all(i.happened is None for i in ex.incidents)


def test_one_leak_told_by_four_outlets_under_three_spellings_is_one_incident_with_the_latest_count(tmp_path):
    # dev 517-520: a flash, a revised count, an analysis and the fine three months on; one of them
    # names the company 하늘누리텔레콤(이하 하늘누리) once and 하늘누리 after
    import shutil

    for number in ("517", "518", "519", "520"):
        for path in (ROOT / "corpus" / "dev").glob(f"{number}_*.txt"):
            shutil.copy(path, tmp_path / path.name)
    graph = kgraph.build([tmp_path]).to_rdflib()
    rows = sparql(graph, """
        SELECT ?i ?v (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?i a kg:DataBreach ; kg:victimCount ?v . ?a kg:mentions ?i }
        GROUP BY ?i ?v""")
    assert [(int(v), int(n)) for _, v, n in rows] == [(541206, 4)]
