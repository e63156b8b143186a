"""Resolution across articles: one node per organization, incident and measure."""

from __future__ import annotations

from kgraph.resolve import merge_status, resolve

from conftest import extract_text


def test_aliases_from_several_articles_make_one_organization():
    kb = resolve([
        extract_text("SKT는 유심 교체를 시작했다."),
        extract_text("SK텔레콤㈜는 점검을 받았다."),
        extract_text("과기부와 과기정통부가 함께 브리핑했다."),
    ])
    skt = kb.organizations["SK텔레콤"]
    assert skt.org_type == "Company" and skt.aliases == {"SKT", "SK텔레콤㈜"}
    assert kb.organizations["과학기술정보통신부"].aliases == {"과기부", "과기정통부"}
    assert "SKT" not in kb.organizations and "과기부" not in kb.organizations


def test_one_incident_reported_by_two_articles_keeps_the_latest_count():
    kb = resolve([
        extract_text("누리페이에서 고객 300명의 개인정보가 유출됐다.", published="2025-09-01 09:00"),
        extract_text("누리페이의 개인정보 유출 피해자는 412명으로 늘었다.", published="2025-10-01 09:00"),
    ])
    (incident,) = [i for i in kb.incidents.values() if i.incident_type == "DataBreach"]
    assert incident.affected == "누리페이"
    assert incident.quantities["victimCount"][1] == 412
    assert len(incident.evidence) == 2
    assert incident.first_reported.startswith("2025-09-01") and incident.last_reported.startswith("2025-10-01")


def test_same_measure_from_two_articles_is_one_measure_with_two_evidence():
    kb = resolve([
        extract_text("개인정보위는 누리페이에 과징금 5억원을 부과했다.", published="2025-09-01 09:00"),
        extract_text("개보위가 누리페이에 과징금 5억원을 부과했다.", published="2025-09-01 11:00"),
    ])
    (fine,) = kb.measures.values()
    assert fine.issuers == {"개인정보보호위원회"} and fine.amount == 500000000
    assert len(fine.evidence) == 2


def test_measure_date_falls_back_to_the_first_report():
    kb = resolve([extract_text("금융위는 한결저축은행에 과태료를 부과했다.", published="2025-07-02 08:00")])
    (fine,) = kb.measures.values()
    assert fine.date == "2025-07-02"


def test_status_from_sentences_naming_the_issuer_wins():
    assert merge_status([(False, "rejected"), (True, "demanded")]) == "demanded"
    assert merge_status([(False, "considered"), (False, "planned")]) == "planned"
    assert merge_status([(True, "demanded"), (True, "imposed")]) == "imposed"
    assert merge_status([(True, "demanded"), (True, "rejected")]) == "rejected"
