"""Resolution across articles: one node per organization, incident and measure."""

from __future__ import annotations

import pytest

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


# --- grouping by index gives the groups of a scan over every group ------------------------------


def _group_measures_by_scan(mentions, generic=frozenset(), company_measures=frozenset()):
    """The former group_measures, which scanned every group for each mention (quadratic)."""
    from kgraph.resolve import _amounts_agree, _holds_other_amount

    items = sorted(mentions, key=lambda it: (it[0], it[1].span.sentence, it[1].span.start, it[1].issuer or ""))
    groups = {}

    def best(candidates):
        return sorted(candidates, key=lambda k: (-len(groups.get(k, ())), str(k)))[0] if candidates else None

    specific = [(a, m) for a, m in items if m.issuer and m.issuer not in generic]
    rest = [(a, m) for a, m in items if not (m.issuer and m.issuer not in generic)]
    for a, m in specific:
        if m.amount is not None:
            groups.setdefault((m.measure_type, m.target, m.issuer, m.amount, None), [])
    for key in list(groups):
        if [k for k in groups if k[:3] == key[:3] and k[3] is not None and _amounts_agree(key[3], k[3])]:
            del groups[key]
    for a, m in specific:
        key = (m.measure_type, m.target, m.issuer, m.amount, None)
        if key not in groups:
            siblings = [k for k in groups if k[:3] == key[:3]
                        and (m.amount is None or k[3] is not None and _amounts_agree(m.amount, k[3]))]
            key = best(siblings) or key
        groups.setdefault(key, []).append((a, m))
    for a, m in rest:
        siblings = [k for k in groups if k[0] == m.measure_type and k[1] == m.target and k[2] is not None
                    and (m.amount is None or k[3] == m.amount
                         or k[3] is None and not _holds_other_amount(groups.get(k, ()), m.amount)
                         or k[3] is not None and _amounts_agree(m.amount, k[3]))]
        chosen = best(siblings) if m.target is not None else None
        if m.target is None:  # neither target nor issuer: a measure of its own article without target
            chosen = best([k for k in groups if k[0] == m.measure_type and k[1] is None and k[2] is not None
                           and (m.amount is None or k[3] == m.amount) and any(x == a for x, _ in groups[k])])
            own = [k for k in groups if k[0] == m.measure_type and k[2] is not None
                   and (m.amount is None or k[3] == m.amount) and any(x == a for x, _ in groups[k])]
            if chosen is None and m.measure_type in company_measures and len(own) == 1:
                chosen = own[0]
        if chosen is None:
            chosen = (m.measure_type, m.target, None, m.amount, a if m.target is None else None)
        groups.setdefault(chosen, []).append((a, m))
    return {k: v for k, v in groups.items() if v}


def test_measure_groups_are_those_of_a_scan_over_every_group():
    import random

    from kgraph.model import MeasureMention, Span
    from kgraph.resolve import group_measures

    amounts = [None, 10**8, 5 * 10**8, 13 * 10**10, 1347 * 10**8, 13479100 * 10**4, 1300 * 10**8, 1000 * 10**8]
    for seed in range(30):
        rng = random.Random(seed)
        mentions = [
            (f"a{rng.randrange(12)}", MeasureMention(
                rng.choice(["Fine", "Compensation", "Investigation"]), "t", Span(rng.randrange(5), rng.randrange(50), 60),
                "imposed", rng.random() < 0.5, issuer=rng.choice([None, "정부", "개인정보보호위원회", "방송통신위원회"]),
                target=rng.choice([None, "KT", "SK텔레콤", "누리페이"]), amount=rng.choice(amounts)))
            for _ in range(rng.randrange(1, 60))
        ]
        expected = _group_measures_by_scan(mentions, frozenset({"정부"}), frozenset({"Compensation"}))
        got = group_measures(mentions, frozenset({"정부"}), frozenset({"Compensation"}))
        assert list(got.items()) == list(expected.items())


def test_a_mention_with_its_own_amount_does_not_join_a_group_another_amount_took():
    from kgraph.model import MeasureMention, Span
    from kgraph.resolve import group_measures

    def fine(sentence, issuer, amount):
        return ("a", MeasureMention("Fine", "과징금", Span(sentence, 0, 3), "imposed", issuer is not None,
                                    issuer, "누리게임즈", None, amount, None))
    groups = group_measures([fine(0, "개인정보보호위원회", None), fine(1, None, 820000000), fine(2, None, 9600000)])
    amounts = {next((m.amount for _, m in members if m.amount is not None), None) for members in groups.values()}
    assert {820000000, 9600000} <= amounts


def test_a_round_amount_agrees_only_with_amounts_it_cuts_or_rounds():
    from kgraph.resolve import _amounts_agree

    assert _amounts_agree(134700000000, 134791000000)  # 1347억 for 1347억9100만
    assert _amounts_agree(134800000000, 134791000000)  # rounded up
    assert not _amounts_agree(100000000, 9600000)  # 1억 is not 960만 written less exactly


def test_a_finished_resolver_lets_its_mentions_go_and_takes_no_more_articles():
    from conftest import extract_text
    from kgraph.lexicon import load_lexicon
    from kgraph.resolve import Resolver

    ex = extract_text("개인정보위는 누리카드에 과징금 3억 원을 부과했다. 누리카드 고객 1,200명의 정보가 유출됐다.")
    resolver = Resolver(load_lexicon())
    resolver.add(ex)
    kb = resolver.finish()
    assert kb.measures and kb.incidents
    assert resolver.measure_mentions == [] and resolver.incident_mentions == []
    with pytest.raises(RuntimeError, match="finished"):
        resolver.add(ex)


def test_a_mention_without_issuer_or_target_joins_its_articles_measure_without_target():
    kb = resolve([extract_text("해커 일당이 검찰에 송치됐다. 서울경찰청 사이버수사대는 A씨 등 3명을 서울중앙지검에 "
                               "송치했다고 밝혔다.")])
    referrals = [m for m in kb.measures.values() if m.measure_type == "PoliceReferral"]
    assert len(referrals) == 1 and referrals[0].issuers == {"서울경찰청 사이버수사대"}
    assert len(referrals[0].evidence) == 2


def test_a_headlines_compensation_with_nobody_named_is_the_one_its_article_reports():
    kb = resolve([extract_text("배달앱 한입배달은 도용 계정으로 결제된 3억2천만 원을 전액 환불하기로 했다.",
                               title="배달앱, 쿠폰 부정결제 3억2천만원 전액 환불")])
    (refund,) = [m for m in kb.measures.values() if m.measure_type == "Compensation"]
    assert refund.issuers == {"한입배달"} and len(refund.evidence) == 2
