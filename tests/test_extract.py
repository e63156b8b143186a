"""Extraction rules on short articles written for these tests."""

from __future__ import annotations

import pytest
from conftest import extract_text


def orgs(ex):
    return {(m.name, m.org_type) for m in ex.orgs}


def test_gazetteer_aliases_resolve_to_canonical_names():
    ex = extract_text("과기부는 SKT와 LGU+의 보안 실태를 점검했다. 개보위도 별도로 점검에 나섰다.")
    assert {
        ("과학기술정보통신부", "GovernmentAgency"),
        ("SK텔레콤", "Company"),
        ("LG유플러스", "Company"),
        ("개인정보보호위원회", "GovernmentAgency"),
    } <= orgs(ex)
    surfaces = {m.surface for m in ex.orgs}
    assert {"과기부", "SKT", "LGU+", "개보위"} <= surfaces


def test_short_names_are_not_found_inside_longer_words():
    ex = extract_text("주말 KTX 승차권은 매진됐고, 경찰서 앞에는 시민들이 모였다.")
    names = {m.name for m in ex.orgs}
    assert "KT" not in names
    assert "경찰청" not in names


def test_unlisted_organizations_are_found_by_naming_patterns():
    ex = extract_text(
        "㈜한빛소프트랩은 고객 자료가 빠져나갔다고 밝혔다. 강원 춘천경찰서는 수사에 들어갔다. "
        "미래생명보험과 한결저축은행도 점검을 받았다. 누리페이 관계자는 말을 아꼈다. "
        "(주)다온시스템은 공시를 냈다."
    )
    found = orgs(ex)
    assert ("한빛소프트랩", "Company") in found
    assert ("춘천경찰서", "LawEnforcement") in found  # the region locates it
    assert ("미래생명보험", "Company") in found
    assert ("한결저축은행", "Company") in found
    assert ("누리페이", "Company") in found
    assert ("다온시스템", "Company") in found


def test_products_counts_and_generic_phrases_are_not_organizations():
    ex = extract_text("갤럭시25 등 일부 기종이 영향을 받았다. 3개 보안 자문기관은 판단을 미뤘다.")
    names = {m.name for m in ex.orgs}
    assert not any("갤럭시" in n or "자문기관" in n for n in names), names


def test_short_agency_names_resolve_to_the_full_name_in_the_article():
    ex = extract_text(
        "합동조사단은 첫 회의를 열었다. 누리페이 침해사고 민관합동조사단은 이날 결과를 냈다. "
        "조사단은 서버 기록을 분석했다."
    )
    team = {m.name for m in ex.orgs if m.org_type == "GovernmentAgency"}
    assert team == {"누리페이 침해사고 민관합동조사단"}
    assert {m.surface for m in ex.orgs if m.name in team} >= {"합동조사단", "조사단"}


def test_persons_with_role_and_affiliation():
    ex = extract_text(
        "박서준 금융위원회 부위원장은 브리핑에서 답했다. 이도윤 경찰청장은 엄정 대응을 지시했다. "
        "최가은 한빛소프트랩 대표는 사과했다. 정다솜 금감원장도 참석했다."
    )
    persons = {(p.name, p.role, p.affiliation) for p in ex.persons}
    assert ("박서준", "부위원장", "금융위원회") in persons
    assert ("이도윤", "청장", "경찰청") in persons
    assert ("정다솜", "원장", "금융감독원") in persons
    assert any(p.name == "최가은" and p.role == "대표" for p in ex.persons)


def test_incident_with_affected_company_and_counts():
    ex = extract_text("누리페이에서 고객 3만2천명의 개인정보가 유출됐다. 피해액은 4억5천만 원으로 추산된다.")
    breach = [i for i in ex.incidents if i.incident_type == "DataBreach"]
    assert breach and breach[0].affected == "누리페이"
    assert ("victimCount", 32000) in {(q.prop, q.value) for q in breach[0].quantities}


def test_two_incidents_in_one_sentence_go_to_the_nearest_company():
    ex = extract_text("또 KT 서버 31대의 악성코드 감염과 한결저축은행의 고객정보 유출도 드러났다.")
    found = {(i.incident_type, i.affected) for i in ex.incidents}
    assert ("MalwareInfection", "KT") in found
    assert ("DataBreach", "한결저축은행") in found
    malware = next(i for i in ex.incidents if i.incident_type == "MalwareInfection")
    assert ("serverCount", 31) in {(q.prop, q.value) for q in malware.quantities}


def test_denied_incident_is_not_extracted():
    ex = extract_text("회사 측은 고객 정보 유출은 확인되지 않았다고 밝혔다.")
    assert [i for i in ex.incidents if i.incident_type == "DataBreach"] == []


def test_fine_imposed_with_issuer_target_and_amount():
    ex = extract_text("개인정보위는 누리페이에 과징금 5억2천만원을 부과했다.")
    (fine,) = [m for m in ex.measures if m.measure_type == "Fine"]
    assert (fine.issuer, fine.target, fine.status, fine.amount) == (
        "개인정보보호위원회", "누리페이", "imposed", 520000000,
    )


def test_negated_measure_is_not_imposed():
    ex = extract_text("금융위는 한결저축은행에 대한 영업정지는 어렵다는 입장이다.")
    (suspension,) = [m for m in ex.measures if m.measure_type == "BusinessSuspension"]
    assert suspension.status == "rejected"
    assert suspension.target == "한결저축은행"


def test_possible_measure_is_only_considered():
    ex = extract_text("업계에서는 누리페이에 대한 과징금 부과 가능성이 거론된다.")
    (fine,) = [m for m in ex.measures if m.measure_type == "Fine"]
    assert fine.status == "considered"


def test_measure_word_naming_a_rule_is_not_a_measure():
    ex = extract_text("조사단은 이번 사고가 위약금 면제 규정에 해당하는지 따져봤다.")
    assert [m for m in ex.measures if m.measure_type == "PenaltyWaiver"] == []


def test_police_referral_roles_from_particles():
    ex = extract_text("방통위는 미래텔레콤이 자료 제출을 미뤘다고 보고 서울경찰청에 수사를 의뢰했다.")
    (ref,) = [m for m in ex.measures if m.measure_type == "PoliceReferral"]
    assert (ref.issuer, ref.target, ref.referred_to, ref.status) == (
        "방송통신위원회", "미래텔레콤", "서울경찰청", "imposed",
    )


def test_planned_compensation_issued_by_the_company():
    ex = extract_text("KT는 피해 고객에게 요금을 보상할 계획이라고 밝혔다.")
    (comp,) = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert (comp.issuer, comp.status) == ("KT", "planned")


def test_headline_demand_with_comma_subject():
    ex = extract_text("회사는 아직 답하지 않았다.", title="정부, 누리페이에 '위약금 면제' 요구")
    (waiver,) = [m for m in ex.measures if m.measure_type == "PenaltyWaiver"]
    assert (waiver.issuer, waiver.target, waiver.status) == ("정부", "누리페이", "demanded")


def test_measure_concerns_the_targets_incident():
    ex = extract_text(
        "누리페이에서 랜섬웨어 공격으로 결제 서버가 멈췄다. 개인정보위는 누리페이에 과태료 600만원을 부과했다."
    )
    (fine,) = [m for m in ex.measures if m.measure_type == "Fine"]
    assert fine.incident_type == "Ransomware"
    assert fine.amount == 6000000


def test_generic_incident_word_refers_to_the_known_incident():
    ex = extract_text("한결저축은행에서 고객정보 유출이 확인됐다. 한결저축은행은 해킹 사고 직후 서버를 차단했다.")
    assert {i.incident_type for i in ex.incidents} == {"DataBreach"}


def test_sports_results_give_no_incident_or_measure():
    ex = extract_text(
        "KT 위즈가 LG 트윈스를 5대3으로 꺾고 3연승을 달렸다. 롯데는 삼성에 2대7로 졌다.",
        title="KT, LG 꺾고 3연승",
    )
    assert ex.incidents == () and ex.measures == ()


def test_dates_resolved_against_publication():
    ex = extract_text("지난 9월18일 처음 신고가 들어왔고, 3일 최종 결과가 나왔다.", published="2025-12-05 09:00")
    assert [d.value for d in ex.dates] == ["2025-09-18", "2025-12-03"]


def test_word_lists_are_read_from_the_ontology_folder(tmp_path):
    import shutil

    import pytest

    from kgraph.lexicon import LexiconError, load_lexicon, ontology_dir

    lex = load_lexicon()
    assert {"며", "지만", "ᆫ다고"} <= lex.clause_endings
    assert "대하" in lex.postposition_verbs and "이번" in lex.name_stops
    assert "조사단" in lex.bare_heads
    assert lex.company_measures == {"Compensation", "PenaltyWaiver", "PoliceReferral"}
    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    (folder / "company_measures.tsv").write_text("# header\nclass\nRefund\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="company_measures.tsv:3"):
        load_lexicon(str(folder))


def test_a_breach_by_ransomware_is_one_ransomware_incident():
    ex = extract_text("누리페이가 랜섬웨어 공격을 받았다. 이 공격으로 회원 3만 명의 개인정보가 유출됐다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Ransomware", "누리페이")}
    assert ("victimCount", 30000) in {(q.prop, q.value) for i in ex.incidents for q in i.quantities}


def test_an_amount_per_person_is_not_the_measure_amount():
    ex = extract_text("법원은 누리페이가 피해자에게 1인당 10만 원을 배상하라고 판결했다.")
    (comp,) = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert comp.amount is None


def test_taking_verbs_and_more_cue_words_report_a_breach_and_its_figures():
    ex = extract_text(
        "누리페이는 해커가 고객 5만 명의 이름과 휴대전화 번호 등을 빼갔다고 밝혔다. "
        "빼낸 자료 가운데 확인된 것은 파일 1200건이다. 보험 계약자 1만2345명의 정보도 포함됐다."
    )
    (breach,) = [i for i in ex.incidents if i.incident_type == "DataBreach"][:1]
    assert breach.affected == "누리페이"
    figures = {(q.prop, q.value) for i in ex.incidents for q in i.quantities}
    assert {("victimCount", 50000), ("recordCount", 1200), ("victimCount", 12345)} <= figures


def test_money_leaving_accounts_is_an_unauthorized_payment():
    ex = extract_text("한결저축은행 고객 12명의 계좌에서 모두 3천만 원이 다른 계좌로 빠져나갔다.")
    (payment,) = [i for i in ex.incidents if i.incident_type == "UnauthorizedPayment"]
    assert payment.affected == "한결저축은행"
    assert ("damageAmount", 30000000) in {(q.prop, q.value) for q in payment.quantities}


def test_found_to_be_is_a_reporting_frame_not_an_investigation():
    ex = extract_text("누리페이 해커는 빼낸 정보를 해외에 판매한 것으로 조사됐다.")
    assert [m for m in ex.measures if m.measure_type == "Investigation"] == []


def test_the_outcome_of_an_investigation_nobody_is_named_doing_is_not_a_measure():
    ex = extract_text("조사 결과 누리페이는 저장소를 외부에 공개해 둔 것으로 드러났다.")
    assert [m for m in ex.measures if m.measure_type == "Investigation"] == []


def test_the_police_do_not_issue_fines():
    ex = extract_text("경찰은 누리페이 본사를 압수수색했고 과징금 부과 전망도 나온다.")
    fines = [m for m in ex.measures if m.measure_type == "Fine"]
    assert fines and all(m.issuer not in ("경찰", "경찰청") for m in fines)


def test_receiving_a_measure_turns_the_roles_round():
    ex = extract_text("누리페이는 지난해 개인정보위로부터 과징금 3억 원을 부과받았다.")
    (fine,) = [m for m in ex.measures if m.measure_type == "Fine"]
    assert (fine.issuer, fine.target, fine.amount) == ("개인정보보호위원회", "누리페이", 300000000)
    ex = extract_text(
        "누리페이에서 부정 결제가 잇따랐다. 강원 춘천경찰서는 회사의 수사 의뢰를 받고 접속 기록을 분석하고 있다.",
        title="누리페이 부정 결제 수사",
    )
    (ref,) = [m for m in ex.measures if m.measure_type == "PoliceReferral"]
    assert (ref.issuer, ref.referred_to, ref.target) == ("누리페이", "춘천경찰서", None)


def test_a_distributive_list_gives_each_company_its_own_amount():
    ex = extract_text("공정위는 누리페이에 최대 40억 원, 한결저축은행에 최대 25억 원의 과징금을 부과하기로 했다.")
    fines = {(m.target, m.amount) for m in ex.measures if m.measure_type == "Fine"}
    assert fines == {("누리페이", 4000000000), ("한결저축은행", 2500000000)}
    ex = extract_text("업체별 과징금은 누리페이 12억3400만원, 한결저축은행 5억6700만원이다.")
    fines = {(m.target, m.amount) for m in ex.measures if m.measure_type == "Fine"}
    assert fines == {("누리페이", 1234000000), ("한결저축은행", 567000000)}


def test_a_past_case_named_for_comparison_is_not_the_target():
    ex = extract_text(
        "한결저축은행에서 고객정보 유출이 확인됐다. 지난 누리페이 사례처럼 위약금 면제로 이어질지 주목된다.",
        title="한결저축은행 고객정보 유출",
    )
    waivers = [m for m in ex.measures if m.measure_type == "PenaltyWaiver"]
    assert waivers and all(m.target != "누리페이" for m in waivers)


def test_malware_named_only_as_the_means_of_a_breach_is_part_of_it():
    ex = extract_text(
        "누리페이는 사내 서버에 악성코드가 심어진 사실을 파악했다. 이로 인해 회원 정보가 유출됐다."
    )
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "누리페이")}
    # A counted infection at a company whose only other incident is the breach is the breach's
    # means too; its figures go with the breach.
    ex = extract_text(
        "누리페이에서 회원 정보가 유출됐다. 누리페이 서버 12대가 악성코드에 감염된 사실도 드러났다."
    )
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "누리페이")}
    assert ("serverCount", 12) in {(q.prop, q.value) for i in ex.incidents for q in i.quantities}
    # A company that also suffered another kind of incident is reported with several: the
    # counted infection stays an incident of its own.
    ex = extract_text(
        "누리페이에서 회원 정보가 유출됐다. 누리페이 고객 30명은 무단 결제 피해를 입었다. "
        "누리페이 서버 12대가 악성코드에 감염된 사실도 드러났다."
    )
    assert ("MalwareInfection", "누리페이") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_a_team_an_agency_formed_issues_in_the_agency_name():
    ex = extract_text(
        "과기정통부는 누리페이 침해사고 민관합동조사단을 꾸렸다. 조사단은 누리페이에 대한 현장 조사에 착수했다."
    )
    investigations = [m for m in ex.measures if m.measure_type == "Investigation"]
    assert investigations and {m.issuer for m in investigations} == {"과학기술정보통신부"}


def test_a_measure_decided_by_vote_is_imposed():
    ex = extract_text("개인정보위는 누리페이에 과태료 600만원을 부과하기로 의결했다.")
    (fine,) = [m for m in ex.measures if m.measure_type == "Fine"]
    assert fine.status == "imposed"


def test_a_company_deciding_to_compensate_has_compensated():
    ex = extract_text("누리페이는 피해 고객 전원에게 결제 금액을 전액 환불하기로 했다.")
    (comp,) = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert (comp.issuer, comp.target, comp.status) == ("누리페이", "누리페이", "imposed")
    ex = extract_text("개인정보위는 누리페이에 대한 조사에 착수하기로 했다.")
    (inv,) = [m for m in ex.measures if m.measure_type == "Investigation"]
    assert inv.status == "planned"  # an authority's 하기로 했다 stays a plan


def test_a_company_head_speaks_for_the_company():
    ex = extract_text(
        '최가은 누리페이 대표는 국회에 출석했다. 그는 "피해 고객에게는 이미 전액 보상했다"고 말했다.',
    )
    comps = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert comps and all(m.issuer == "누리페이" for m in comps)


def test_a_measure_on_a_group_applies_to_each_company_of_it():
    ex = extract_text(
        "누리페이와 한결저축은행, 미래텔레콤이 담합을 했다. 누리페이는 반박했다. 한결저축은행은 침묵했다. "
        "공정위는 3사에 시정명령을 내렸다."
    )
    orders = {m.target for m in ex.measures if m.measure_type == "CorrectiveOrder"}
    assert orders == {"누리페이", "한결저축은행", "미래텔레콤"}
    ex = extract_text(
        "한결저축은행과 미래생명보험에서 고객정보 유출이 드러났다. "
        "개인정보위도 두 회사의 의무 위반 여부를 들여다볼 계획이다."
    )
    looked = {m.target for m in ex.measures if m.measure_type == "Investigation"}
    assert looked == {"한결저축은행", "미래생명보험"}


def test_a_measure_on_a_list_of_companies_applies_to_each_of_them():
    ex = extract_text("금감원은 다음 주부터 누리카드와 한빛페이에 대한 현장 검사에 들어간다.")
    looked = {m.target for m in ex.measures if m.measure_type == "Investigation"}
    assert looked == {"누리카드", "한빛페이"}
    ex = extract_text("공정위는 ㈜새길보안, 솔빛정보통신㈜ 및 ㈜한울시큐리티의 담합에 시정명령과 과징금 12억 원을 부과했다.")
    orders = [m for m in ex.measures if m.measure_type == "CorrectiveOrder"]
    assert {m.target for m in orders} == {"새길보안", "솔빛정보통신", "한울시큐리티"}
    fines = [m for m in ex.measures if m.measure_type == "Fine"]
    assert len(fines) == 3 and {m.amount for m in fines} == {None}  # the list's total is nobody's own
    ex = extract_text("개인정보위는 누리카드와 한빛페이에 과징금을 각각 5억 원 부과했다.")
    assert {(m.target, m.amount) for m in ex.measures if m.measure_type == "Fine"} == {
        ("누리카드", 500_000_000), ("한빛페이", 500_000_000)}
    # Public bodies told of an incident are no list of targets.
    ex = extract_text("누리카드는 개인정보위와 한국인터넷진흥원에 사고를 신고하고 해커를 경찰에 고발했다.")
    assert len([m for m in ex.measures if m.measure_type == "PoliceReferral"]) <= 1


def test_an_inspection_by_a_supervisor_is_an_investigation_and_a_dated_present_a_plan():
    published = "2025-12-03 10:00"
    ex = extract_text("금감원은 누리카드가 암호화 의무를 지켰는지 검사할 예정이다.", published=published)
    (inv,) = [m for m in ex.measures if m.measure_type == "Investigation"]
    assert (inv.issuer, inv.target, inv.status) == ("금융감독원", "누리카드", "planned")
    # 검사 alone is everyday language (or a prosecutor): an authority must carry it out.
    ex = extract_text("누리카드는 자체 보안 검사를 했다.", published=published)
    assert not [m for m in ex.measures if m.measure_type == "Investigation"]
    # A present tense for a day after publication is a plan; a past tense keeps what it says.
    ex = extract_text("금감원은 오는 8일부터 누리카드에 대한 긴급 검사에 들어간다.", published=published)
    assert [m.status for m in ex.measures if m.measure_type == "Investigation"] == ["planned"]
    ex = extract_text("금감원은 1일부터 누리카드에 대한 긴급 검사에 들어간다.", published=published)
    assert [m.status for m in ex.measures if m.measure_type == "Investigation"] == ["imposed"]
    ex = extract_text("개인정보위는 5일 누리카드에 과징금 3억 원을 부과한다고 밝혔다.", published="2025-12-04 10:00")
    assert [m.status for m in ex.measures if m.measure_type == "Fine"] == ["imposed"]


def test_coins_that_leave_an_exchange_are_a_hacking_however_the_sentence_counts_them():
    ex = extract_text("업비트는 27일 새벽 약 445억 원 규모의 가상자산이 외부로 유출됐다고 밝혔다.")
    assert [(i.incident_type, i.affected) for i in ex.incidents] == [("Hacking", "업비트")]
    assert [(q.prop, q.value) for i in ex.incidents for q in i.quantities] == [("damageAmount", 44_500_000_000)]
    # A counted noun (24종: tagged NNG) and a direction of several words stand between the words.
    ex = extract_text("업비트에서 솔라나 계열 코인 24종이 외부 지갑으로 빠져나갔다.")
    assert [(i.incident_type, i.affected) for i in ex.incidents] == [("Hacking", "업비트")]


def test_a_short_name_in_brackets_names_the_same_organization_everywhere():
    ex = extract_text(
        "농림부 산하 공공기관인 한국농어촌문화진흥원(농문원) 홈페이지가 해킹을 당했다. "
        "농문원은 회원들에게 비밀번호를 바꾸라고 안내했다. 개인정보위는 농문원에 대한 조사에 착수했다."
    )
    named = {(o.name, o.surface, o.org_type) for o in ex.orgs if o.surface in ("농문원", "한국농어촌문화진흥원")}
    assert {n for n, _, _ in named} == {"한국농어촌문화진흥원"}
    assert {t for _, _, t in named} == {"GovernmentAgency"}
    assert {m.target for m in ex.measures if m.measure_type == "Investigation"} == {"한국농어촌문화진흥원"}
    # Brackets that hold no abbreviation of the name are left alone.
    ex = extract_text("한국농어촌문화진흥원(세종) 홈페이지가 해킹을 당했다.")
    assert "세종" not in {o.name for o in ex.orgs}


def test_a_dateline_glued_before_a_reporter_s_name_is_not_part_of_it():
    ex = extract_text("[광주=누리통신]김민수 기자 = 광주의 한 병원이 랜섬웨어 공격을 받았다.")
    assert ("김민수", "기자") in {(p.name, p.role) for p in ex.persons}
    ex = extract_text("창원=오세진 기자 한 제조업체의 생산 서버가 멈췄다.")
    assert ("오세진", "기자") in {(p.name, p.role) for p in ex.persons}


def test_a_company_mark_before_a_name_leaves_its_punctuation_out():
    ex = extract_text("공정위는 ㈜새길보안, 한울시큐리티㈜에 과징금을 부과했다.")
    assert {"새길보안", "한울시큐리티"} <= {o.name for o in ex.orgs}
    assert not any(o.name.endswith(",") for o in ex.orgs)


def test_a_compound_the_analyser_splits_still_matches_its_trigger():
    # 피해액 is one word in the trigger list; in running text kiwipiepy reads 피해 + 액.
    ex = extract_text("누리페이는 부정 결제 피해를 본 회원 전원에게 피해액을 돌려줬다.")
    comps = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert comps and comps[0].issuer == "누리페이"


def test_tracking_the_attackers_is_an_investigation():
    ex = extract_text("누리페이가 랜섬웨어 공격을 받았다. 강원 춘천경찰서는 공격 경로를 추적하고 있다.")
    (inv,) = [m for m in ex.measures if m.measure_type == "Investigation"]
    assert inv.issuer == "춘천경찰서"


def test_another_company_s_incident_mentioned_in_passing_is_dropped():
    ex = extract_text(
        "누리페이 서버 12대가 악성코드에 감염됐다. 누리페이는 감염 사실을 늦게 알렸다. "
        "이 악성코드는 지난해 한결저축은행 해킹에 쓰인 것과 같은 계열이다.",
        title="누리페이 서버 악성코드 감염",
    )
    assert {i.affected for i in ex.incidents} == {"누리페이"}


def _figures(ex, cls=None):
    return {(i.incident_type, q.prop, q.value) for i in ex.incidents for q in i.quantities
            if cls is None or i.incident_type == cls}


def _figures_by_org(ex):
    return {(i.incident_type, i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}


def test_an_amount_given_to_each_is_a_rate_not_a_total():
    ex = extract_text("롯데카드에서 부정 결제 피해가 났다. 롯데카드는 피해 고객에게 10만원씩 보상하기로 했다.")
    assert all(m.amount is None for m in ex.measures if m.measure_type == "Compensation")


def test_trigger_words_may_be_joined_by_a_modifier_ending():
    ex = extract_text("쿠팡 서버가 해킹됐다. 유출된 개인정보는 모두 4만 건이다.")
    assert ("DataBreach", "recordCount", 40000) in _figures(ex)


def test_worth_and_leak_phrasings_report_incidents():
    ex = extract_text("해커가 업비트에서 가상자산 580억 원어치를 탈취했다.")
    assert ("Hacking", "damageAmount", 58000000000) in _figures(ex)
    ex = extract_text("빗썸 회원 정보가 털렸다. 빗썸에서는 가상자산이 부정 출금됐다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} >= {
        ("DataBreach", "빗썸"), ("UnauthorizedPayment", "빗썸")}
    ex = extract_text("쿠팡 서버에 해커가 침입해 고객 정보가 새어 나갔다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "쿠팡")}


def test_a_figure_goes_with_the_incident_word_that_follows_it():
    ex = extract_text("신한은행 고객 8만명의 정보가 유출됐다. "
                      "유출 정보를 이용해 고객 37명의 계좌에서 모두 1억 원이 다른 계좌로 빠져나갔다.")
    assert ("UnauthorizedPayment", "victimCount", 37) in _figures(ex)
    assert ("DataBreach", "victimCount", 37) not in _figures(ex)


def test_figures_of_a_doubted_incident_are_not_facts():
    ex = extract_text("신한은행에서 랜섬웨어 감염이 확인됐다. "
                      "은행은 고객 1800여 명의 정보가 외부로 유출됐는지 확인하고 있다.")
    assert not any(v == 1800 for _, _, v in _figures(ex))


def test_a_counted_part_beside_the_whole_is_the_whole():
    ex = extract_text("KT 서버 28대가 악성코드에 감염됐고, 가입자 정보 2만 건이 유출됐다.")
    assert {i.incident_type for i in ex.incidents} == {"DataBreach"}
    assert ("DataBreach", "serverCount", 28) in _figures(ex)


def test_a_brand_incident_befalls_its_operator():
    ex = extract_text("GS리테일이 운영하는 편의점 GS25 홈페이지에서 회원 9만 명의 개인정보가 유출됐다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "GS리테일")}


def test_the_head_of_the_company_name_stands_for_it():
    ex = extract_text("새솔저축은행에서 부정 이체 피해가 났다. 은행 측은 피해액을 전액 배상하겠다고 밝혔다.")
    comp = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert comp and comp[0].issuer == "새솔저축은행"


def test_a_received_measure_is_given_by_the_authority_acting_before():
    ex = extract_text("개인정보위는 한빛병원에 과징금 5억 원을 부과했다. "
                      "유지보수를 맡은 메디링크솔루션도 과태료 360만 원을 부과받았다.")
    fine = [m for m in ex.measures if m.target == "메디링크솔루션"]
    assert fine and fine[0].issuer == "개인정보보호위원회" and fine[0].amount == 3600000


def test_law_firm_names_keep_their_legal_form_and_claim_from_the_company():
    ex = extract_text(
        "쿠팡에서 회원 정보가 유출됐다. 법무법인 바른길은 피해자들을 대리해 손해배상을 청구하는 소송을 냈다."
    )
    assert ("법무법인 바른길", "Company") in orgs(ex)
    comp = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert comp and comp[0].issuer == "법무법인 바른길"
    assert comp[0].target == "쿠팡"  # the firm claims for others, not from itself


def test_headline_speaker_before_a_quote_is_the_topic():
    ex = extract_text("금융위원회는 점검 결과를 발표했다.", title="금융위 “영업정지는 어렵다”…과징금 부과는 검토")
    fines = [m for m in ex.measures if m.measure_type == "Fine" and m.span.sentence == 0]
    assert fines and fines[0].issuer == "금융위원회"


def test_company_side_speaks_for_the_company():
    ex = extract_text('빗썸 측은 "서버 해킹은 아니다"라면서도 피해 회원 전원에게 전액 보상하기로 했다.')
    comp = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert comp and comp[0].issuer == "빗썸"


def test_quoted_company_measure_in_a_headline_is_the_headline_company_s():
    ex = extract_text("빗썸에서 회원 계정이 도용됐다.", title="빗썸 회원 계정 도용돼 부정 출금…“전액 보상”")
    comp = [m for m in ex.measures if m.measure_type == "Compensation" and m.span.sentence == 0]
    assert comp and comp[0].issuer == "빗썸"


def test_title_glued_to_a_patterned_name_gives_the_organization():
    ex = extract_text(
        "한국공공데이터관리원에서 정보가 새어 나갔다. 최윤식 관리원장은 사과했다. 박정호 한빛재활병원장은 말을 아꼈다."
    )
    persons = {(p.name, p.role, p.affiliation) for p in ex.persons}
    assert ("최윤식", "원장", "한국공공데이터관리원") in persons  # 식 is tagged a bound noun
    assert ("박정호", "병원장", "한빛재활병원") in persons


def test_two_offices_joined_by_gyeom_make_one_role():
    ex = extract_text("배경훈 부총리 겸 과학기술정보통신부 장관은 결정을 환영했다. 우원식 국회의장은 유감을 표했다.")
    persons = {(p.name, p.role, p.affiliation) for p in ex.persons}
    assert ("배경훈", "부총리 겸 장관", "과학기술정보통신부") in persons
    assert ("우원식", "국회의장", None) in {(n, r, None) for n, r, _ in persons}


def test_byline_with_an_email_glued_to_the_title_and_an_outlet_before_the_name():
    ex = extract_text("회사는 사과했다.\n\n보안뉴스 김민주 기자(mjkim@example.kr)")
    assert ("김민주", "기자") in {(p.name, p.role) for p in ex.persons}
    from kgraph.extract import parse_byline
    from kgraph.lexicon import load_lexicon
    assert parse_byline("보안뉴스 김민주 기자 (mjkim@example.kr)", load_lexicon()) == [("김민주", "기자")]


def test_everyday_inspection_word_is_a_measure_only_when_an_authority_does_it():
    ex = extract_text("빗썸에서 부정 출금이 일어났다. 금감원은 빗썸의 이상 거래 탐지 체계를 점검할 계획이다.")
    inv = [m for m in ex.measures if m.measure_type == "Investigation"]
    assert inv and inv[0].issuer == "금융감독원" and inv[0].target == "빗썸"
    ex = extract_text('빗썸 관계자는 "보안 체계를 다시 점검하겠다"고 말했다.')
    assert not [m for m in ex.measures if m.measure_type == "Investigation"]


def test_inspection_word_naming_a_finding_or_an_order_s_content_is_no_measure():
    ex = extract_text("금융당국은 점검 결과 보안 소홀이 확인되면 제재를 검토할 방침이다.")
    assert not [m for m in ex.measures if m.measure_type == "Investigation"]
    ex = extract_text("개인정보위는 빗썸에 접근 권한을 재점검하라는 시정명령을 내렸다.")
    assert [m.measure_type for m in ex.measures] == ["CorrectiveOrder"]


def test_an_official_in_topic_position_speaks_for_the_body_heading_it():
    ex = extract_text('쿠팡에서 정보가 유출됐다. 고학수 개인정보보호위원장은 "위반이 확인되면 과징금 부과를 포함해 처분하겠다"고 말했다.')
    fines = [m for m in ex.measures if m.measure_type == "Fine"]
    assert fines and fines[0].issuer == "개인정보보호위원회"


# --- Rules added with the second batch of development articles ------------------------------------


def test_figures_do_not_follow_an_incident_word_across_a_headline_ellipsis():
    ex = extract_text("회사는 사과했다.", title="누리텔레콤 서버 12대, 악성코드 40종 감염… 한결저축은행에서도 정보유출")
    by_class = {(i.incident_type, i.affected): dict((q.prop, q.value) for q in i.quantities) for i in ex.incidents}
    assert by_class[("MalwareInfection", "누리텔레콤")] == {"serverCount": 12, "malwareVariantCount": 40}
    assert by_class[("DataBreach", "한결저축은행")] == {}


def test_company_name_endings_and_kinds_of_company_mark_unlisted_companies():
    ex = extract_text(
        "보험사 새솔생명은 사과했다. 배달앱 운영사 다온커머스도 사고를 신고했다. "
        "렌터카 업체 달리다모빌리티와 세움정보기술은 점검을 받았다. 빅데이터 분석이 늘었다."
    )
    found = orgs(ex)
    for name in ("새솔생명", "다온커머스", "달리다모빌리티", "세움정보기술"):
        assert (name, "Company") in found
    assert not any(n == "빅데이터" for n, _ in found)


def test_a_photo_credit_is_not_part_of_a_name():
    ex = extract_text("사진=새한일보 제공 지역 일간지 새한일보가 랜섬웨어 공격을 받았다.",
                      title="새한일보, 랜섬웨어에 신문 못 찍어")
    assert ("새한일보", "Publisher") in orgs(ex)
    assert not any("=" in m.name for m in ex.orgs)
    # a newspaper the headline names is the article's focus, so the victim of its incidents
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Ransomware", "새한일보")}


def test_a_person_before_an_agency_is_not_part_of_its_name():
    ex = extract_text("한정우 경기도시재생공사 사장은 사과했다.")
    assert any(m.name == "경기도시재생공사" for m in ex.orgs)
    assert not any(m.name.startswith("한정우") for m in ex.orgs)


def test_the_focus_is_not_a_company_named_only_as_someones_employer():
    ex = extract_text(
        "회원 계정 정보가 외부로 새어 나갔다.",
        title="[인터뷰] 정태민 시큐어넷랩스 대표 'LG유플러스, 서버 지운 순간 증거도 사라졌다'",
    )
    assert [i.affected for i in ex.incidents] == ["LG유플러스"]


def test_according_to_and_as_the_results_show_are_no_conditions():
    ex = extract_text(
        "금감원 검사에 따르면 해커는 고객 1만2천여 명의 이름과 연락처 정보를 빼냈다. "
        "조사 결과를 보면 한결저축은행 무단 이체 피해자는 112명이다."
    )
    assert {i.incident_type for i in ex.incidents} >= {"DataBreach", "UnauthorizedPayment"}
    counts = {q.value for i in ex.incidents for q in i.quantities if q.prop == "victimCount"}
    assert counts == {12000, 112}
    condition = extract_text("누리페이는 피해가 확인되면 고객 정보가 유출된 것으로 본다.")
    assert not condition.incidents


def test_a_number_counts_the_noun_written_right_before_it():
    ex = extract_text(
        "누리페이에서 고객 3천여 명의 정보가 유출됐다. 금융위는 임직원 5명에 대한 견책을 요구했다. "
        "경찰은 20대 3명을 붙잡았다."
    )
    counts = sorted(q.value for i in ex.incidents for q in i.quantities if q.prop == "victimCount")
    assert counts == [3000]


def test_a_direction_may_stand_between_an_incident_words_parts():
    ex = extract_text("거래소 비트레인의 핫월렛에서 약 213억 원어치 가상자산이 외부로 빼돌려졌다.")
    assert [(i.incident_type, i.affected) for i in ex.incidents] == [("Hacking", "비트레인")]
    assert [(q.prop, q.value) for q in ex.incidents[0].quantities] == [("damageAmount", 21300000000)]


def test_a_headline_ellipsis_ends_what_a_denial_applies_to():
    ex = extract_text("은행은 피해를 조사했다.", title="서해은행 앱서 고객 돈 9억원 '무단 이체'…'앱 해킹은 아니다'")
    assert ("UnauthorizedPayment", "서해은행") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_a_measure_named_again_without_roles_is_the_one_before():
    ex = extract_text(
        "누리게임즈 계정 4천여 개가 털렸다. 누리게임즈는 피해 이용자에게 1인당 5만 원씩 보상하기로 했다. "
        "전체 보상 규모는 약 2억 원이다."
    )
    comps = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert len(comps) == 2
    assert {(m.issuer, m.target) for m in comps} == {("누리게임즈", "누리게임즈")}
    assert 200000000 in {m.amount for m in comps}


def test_compensation_with_no_incident_and_no_harm_is_no_measure():
    sports = extract_text("구단은 두 선수를 보내며 받은 이적료와 보상금을 유소년 육성에 재투자하기로 했다.")
    assert not [m for m in sports.measures if m.measure_type == "Compensation"]
    harmed = extract_text("KT는 피해 고객에게 요금을 보상할 계획이라고 밝혔다.")
    assert [m.measure_type for m in harmed.measures] == ["Compensation"]


def test_a_title_word_is_not_a_measure():
    ex = extract_text('김해진 개인정보위 조사조정국장은 "계약이 끝나면 정보를 파기해야 한다"고 말했다.')
    assert not ex.measures


def test_a_numbered_division_acts_as_its_court_or_office():
    ex = extract_text("수원지검 형사3부는 전 직원 B씨에 대해 구속영장을 청구했다. 서울중앙지법 민사합의25부는 판결했다.")
    names = {m.name for m in ex.orgs}
    assert {"수원지방검찰청", "서울중앙지방법원"} <= names
    assert not any(n.endswith("부") for n in names), names
    heads = [m for m in ex.orgs if m.surface in ("수원지검 형사3부", "서울중앙지법 민사합의25부")]
    assert [m.role for m in heads] == ["topic", "topic"]


def test_no_victim_is_picked_past_a_headline_ellipsis():
    ex = extract_text("서버 94대서 악성코드 103종이 나왔다… 한결저축은행은 수사를 받는다.", title="누리텔레콤 최종 조사 결과")
    assert [(i.incident_type, i.affected) for i in ex.incidents] == [("MalwareInfection", "누리텔레콤")]


def test_a_leak_verb_may_modify_the_data_it_leaked():
    ex = extract_text("누리텔레콤 서버에서 빠져나간 유심 정보는 2696만 건에 달했다.")
    assert [(i.incident_type, i.affected) for i in ex.incidents] == [("DataBreach", "누리텔레콤")]


def test_also_reports_another_incident_of_the_story():
    text = ("누리텔레콤 고객 정보가 유출됐다. 누리텔레콤은 사과했다. "
            "조사단은 한결저축은행{} 계정 정보가 외부로 빠져나간 정황을 확인했다.")
    found = {(i.incident_type, i.affected) for i in extract_text(text.format("에서도")).incidents}
    assert ("DataBreach", "한결저축은행") in found
    passing = {(i.incident_type, i.affected) for i in extract_text(text.format("에서")).incidents}
    assert ("DataBreach", "한결저축은행") not in passing  # one sentence, no figures: in passing


def test_claimants_are_not_the_victims_counted():
    ex = extract_text(
        "2016년 해킹으로 회원 1030만 명의 개인정보가 빠져나간 누리몰이 배상 판결을 받았다. "
        "누리몰 회원 2400여 명이 회사를 상대로 낸 손해배상 청구 소송에서다."
    )
    counts = {q.value for i in ex.incidents for q in i.quantities if q.prop == "victimCount"}
    assert counts == {10300000}
    victims = extract_text("쿠팡 고객 3만 명의 정보가 유출돼 집단 소송이 예상된다.")
    assert {q.value for i in victims.incidents for q in i.quantities} == {30000}


def test_a_public_body_named_before_its_system_is_the_victim():
    ex = extract_text("국가정보원은 통일부 전자우편 시스템에서 직원 계정 30여 개가 탈취된 사실을 확인했다.")
    assert ("Hacking", "통일부") in {(i.incident_type, i.affected) for i in ex.incidents}
    speaks = extract_text("통일부 대변인은 계정 탈취 사실을 확인했다고 말했다.")
    assert not any(i.affected == "통일부" for i in speaks.incidents)


def test_system_acronyms_are_not_companies():
    ex = extract_text("동해투자증권은 MTS 고객 2만3000명의 정보가 유출됐다고 밝혔다.")
    assert "MTS" not in {m.name for m in ex.orgs}


def test_figures_listed_after_companies_belong_to_each():
    ex = extract_text("2014년 카드 3사에서 고객 정보가 새어 나갔다. "
                      "유출 규모는 KB국민카드 5300만 건, 롯데카드 2600만 건, NH농협카드 2500만 건이었다.")
    records = {(i.affected, q.value) for i in ex.incidents for q in i.quantities if q.prop == "recordCount"}
    assert records == {("KB국민카드", 53000000), ("롯데카드", 26000000), ("NH농협카드", 25000000)}


def test_a_later_clause_of_another_company_reports_its_own_figures():
    ex = extract_text("누리페이는 회원 3천여 명의 정보가 유출됐고, 한결저축은행은 고객 41만 명의 이름과 주소가 빠져나갔다.")
    victims = {(i.affected, q.value) for i in ex.incidents for q in i.quantities if q.prop == "victimCount"}
    assert victims == {("누리페이", 3000), ("한결저축은행", 410000)}


def test_a_short_ending_resolves_to_the_full_name_and_a_parenthesis_ends_a_name():
    ex = extract_text("미래손해보험에서 고객 정보가 유출됐다. 미래손보는 사과했다. "
                      "㈜푸드링크코리아(이하 푸드링크)도 사고를 신고했다.")
    names = {m.name for m in ex.orgs}
    assert "미래손해보험" in names and "미래손보" not in names
    assert "푸드링크코리아" in names and not any("(" in n for n in names)


def test_a_company_working_together_with_the_victim_is_not_hit():
    ex = extract_text("㈜티켓누리는 보안업체 세이프웨이브와 함께 조사한 결과 개인정보가 유출된 회원이 3만1,540명으로 확인됐다고 밝혔다.")
    assert {i.affected for i in ex.incidents} == {"티켓누리"}


def test_a_ratio_is_no_count_and_a_two_noun_direction_is_skipped():
    ex = extract_text("진흥원 회원 2만 명가량의 정보가 새어 나갔다. 회원 6명 중 1명꼴이다.",
                      title="한국농어촌문화진흥원 홈페이지 해킹")
    assert {q.value for i in ex.incidents for q in i.quantities if q.prop == "victimCount"} == {20000}
    coins = extract_text("가상자산 거래소 플루토빗의 핫월렛에서 386억 원어치의 코인이 외부 지갑으로 빠져나갔다.")
    assert [(i.incident_type, i.affected) for i in coins.incidents] == [("Hacking", "플루토빗")]


def test_rates_and_named_people_are_no_incident_figures():
    ex = extract_text("새봄카드 회원 287명의 카드가 부정 사용됐고, 피해액은 모두 1억2천만원이다. "
                      "1인당 평균 41만원꼴이다. 경찰은 A(27)씨 등 3명을 붙잡았다.")
    figures = {(q.prop, q.value) for i in ex.incidents for q in i.quantities}
    assert ("damageAmount", 120000000) in figures
    assert not {("damageAmount", 410000), ("victimCount", 3)} & figures


def test_a_brand_the_lexicon_knows_befalls_its_operator(tmp_path):
    import kgraph
    from conftest import make_article_text

    ex = extract_text("편의점 GS25 홈페이지에서 약 9만 명의 정보가 빠져나갔다.")
    assert [(i.incident_type, i.affected) for i in ex.incidents] == [("DataBreach", "GS리테일")]
    (tmp_path / "a.md").write_text(make_article_text("GS25 회원 정보 유출", "편의점 GS25 홈페이지에서 약 9만 명의 정보가 빠져나갔다."),
                                   encoding="utf-8")
    kb = kgraph.build([tmp_path]).knowledge_base
    assert kb.organizations["GS리테일"].org_type == "Company"


# --- Figures: totals, parts, scopes and rates --------------------------------------------------


def test_a_checked_scope_is_no_figure_of_the_incident():
    ex = extract_text("조사단은 누리텔레콤 서버 540대와 업무용 PC 1천여 대를 전수 점검한 결과 "
                      "19대가 악성코드에 감염된 사실을 확인했다. 경찰은 해커가 쓴 경유 서버 7대를 추적하고 있다.")
    servers = {v for _, prop, v in _figures(ex) if prop == "serverCount"}
    assert servers == {19}  # "결과" says nothing of what 19 counts; 540, 1천여 and 7 were checked


def test_a_total_stated_with_the_copula_is_read():
    ex = extract_text("㈜한결정밀이 랜섬웨어 공격을 받았다. 암호화된 서버는 물리 서버 20대와 가상서버 9대 등 모두 29대다.")
    assert ("Ransomware", "serverCount", 29) in _figures(ex)


def test_a_part_of_a_total_counted_before_it_is_not_the_total():
    ex = extract_text("국정원은 행정부처 직원 계정 40여 개가 탈취됐고 이 가운데 3개 계정에서 문서가 외부로 전송됐다고 밝혔다.",
                      title="행정부처 이메일 해킹")
    accounts = [q.value for i in ex.incidents for q in i.quantities if q.prop == "accountCount"]
    assert accounts and set(accounts) == {40}


def test_a_per_person_amount_topic_makes_the_amounts_after_it_rates():
    ex = extract_text("누리페이 이용자 900명의 계정에서 부정결제가 일어났다. 피해 규모는 모두 2억1530만 원이다. "
                      "한 사람당 피해액은 적게는 3만 원에서 많게는 260만 원이었다.")
    damage = {v for _, prop, v in _figures(ex) if prop == "damageAmount"}
    assert 215300000 in damage and 30000 not in damage


def test_a_figure_before_a_comma_closing_its_clause_is_not_of_the_next_incident():
    ex = extract_text("누리텔레콤에서는 무단 소액결제로 120명이 9천만 원의 피해를 봤고, 서버 30대가 악성코드 12종에 감염됐다.")
    assert ("UnauthorizedPayment", "damageAmount", 90000000) in _figures(ex)
    assert ("MalwareInfection", "damageAmount", 90000000) not in _figures(ex)


def test_an_amount_in_the_next_sentence_is_the_claim_s_amount():
    ex = extract_text("쿠팡에서 정보가 유출됐다. 법무법인 새길은 서울중앙지법에 쿠팡을 상대로 손해배상을 청구하는 소송을 냈다. "
                      "원고는 800여 명, 청구액은 모두 12억 원이다.")
    claims = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert claims and {m.amount for m in claims} == {1200000000}


def test_a_later_compensation_total_is_the_only_compensation_named_before():
    ex = extract_text("라온게임즈에서 회원 정보가 유출됐다. 라온게임즈는 피해 이용자에게 1인당 3만 원을 보상하기로 했다. "
                      "회사는 아이템을 되돌렸다. 공격은 해외에서 이뤄졌다. 로그인 시도는 수백만 회였다. "
                      "전체 보상 규모는 약 1억 원이다.")
    totals = [m for m in ex.measures if m.measure_type == "Compensation" and m.amount == 100000000]
    assert totals and all(m.issuer == "라온게임즈" and m.target == "라온게임즈" for m in totals)


def test_a_refund_is_a_compensation_with_its_amount():
    ex = extract_text("누리페이 이용자 500명의 계정에서 부정결제가 일어났다. "
                      "누리페이는 피해 이용자 전원에게 총 1억2300만 원을 환급했다.")
    refunds = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert refunds and refunds[0].issuer == "누리페이" and refunds[0].amount == 123000000


def test_a_topic_particle_after_an_adverbial_is_no_subject():
    ex = extract_text("누리텔레콤이 위약금 면제는 어렵다는 입장을 밝혔다. "
                      "대신 피해 고객에게는 결제 피해를 전액 돌려주기로 했다.")
    paid = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert paid and all(m.issuer == "누리텔레콤" for m in paid)


# --- Lists of companies --------------------------------------------------------------------------


def test_a_noun_listed_between_two_companies_is_a_company():
    ex = extract_text("개인정보위는 게임사 한울게임즈, 꽃배달 플랫폼 들꽃길, 중고차 앱 운영사 달리카에 과징금을 부과했다. "
                      "㈜누리렌터카와 공부픽, 뷰티온마켓도 조사를 받았다.")
    names = {m.name for m in ex.orgs if m.org_type == "Company"}
    assert {"들꽃길", "공부픽"} <= names


def test_a_corporate_mark_name_ends_before_a_comma():
    ex = extract_text("공정위는 가람시큐리티㈜, ㈜솔담보안, 한별정보통신㈜에 시정명령을 내렸다.")
    assert "솔담보안" in {m.name for m in ex.orgs} and "솔담보안," not in {m.name for m in ex.orgs}


def test_an_amount_stated_once_for_a_list_of_companies_is_their_total():
    ex = extract_text("개인정보보호위원회는 게임사 한울게임즈, 꽃배달 플랫폼 들꽃길, 앱 운영사 달리카에 "
                      "과징금 총 9억 원을 부과했다.")
    fines = {(m.target, m.amount) for m in ex.measures if m.measure_type == "Fine"}
    assert fines == {("한울게임즈", None), ("들꽃길", None), ("달리카", None)}


def test_with_each_a_group_takes_the_figures_one_each_in_the_order_named_before():
    ex = extract_text("개인정보위는 ㈜누리렌터카와 공부픽, 뷰티온마켓에 과징금을 물렸다. "
                      "세 회사에서는 각각 회원 2만 명, 아이디 7천 건, 고객 900여 명의 정보가 빠져나갔다.")
    figures = {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}
    assert figures == {("누리렌터카", "victimCount", 20000), ("공부픽", "accountCount", 7000),
                       ("뷰티온마켓", "victimCount", 900)}


def test_selling_or_taking_out_data_reports_a_breach():
    ex = extract_text("전 직원이 간편결제 업체 누리페이의 회원 정보를 몰래 빼내 팔아넘겼다. "
                      "그는 회원 9만여 명의 이름과 연락처를 내려받았다.",
                      title="누리페이 회원 정보 팔아 2억 챙긴 전 직원 기소")
    assert ("DataBreach", "누리페이") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_people_whose_cards_were_misused_are_victims_of_the_misuse():
    ex = extract_text("새빛카드 회원 5만 명의 카드번호가 유출됐다. "
                      "이 가운데 140명의 카드가 해외 가맹점 등에서 부정 사용됐다.")
    assert ("UnauthorizedPayment", "victimCount", 140) in _figures(ex)


def test_what_the_offenders_pocketed_is_no_damage():
    ex = extract_text("㈜누리택배 직원이 고객정보 300만 건을 빼돌려 팔고 2억3천만원을 챙겼다.",
                      title="누리택배 고객정보 빼돌려 판 직원…'2억3천만원 챙겨'")
    assert not any(prop == "damageAmount" for _, prop, _ in _figures(ex))
    assert ("DataBreach", "recordCount", 3000000) in _figures(ex)


def test_how_many_customers_a_company_has_is_no_victim_count():
    ex = extract_text("누리텔레콤 서버 12대가 악성코드에 감염됐다. 누리텔레콤 가입자는 약 40만 명이지만 유출 정황은 없다.")
    assert not any(prop == "victimCount" for _, prop, _ in _figures(ex))
    ex = extract_text("누리텔레콤에서 고객 정보가 유출됐다. 정보가 유출된 가입자는 3만2천여 명이다.")
    assert ("DataBreach", "victimCount", 32000) in _figures(ex)


# --- Figures and places of incidents: rules from the second development batch ---------------------


def test_a_count_framed_by_counting_verbs_is_stated_not_conditional():
    ex = extract_text("한빛통신에서 고객 정보가 유출됐다. 유출된 자료를 항목별로 따지면 유출 규모가 21만 건에 이른다.")
    assert ("DataBreach", "recordCount", 210000) in _figures(ex)


def test_native_numerals_count_servers_and_accounts():
    ex = extract_text("보안업체 새솔시큐어는 한빛물류의 물류 서버 가운데 세 곳의 서버에서 랜섬웨어를 찾아냈다.",
                      title="한빛물류 랜섬웨어")
    assert ("Ransomware", "serverCount", 3) in _figures(ex)
    ex = extract_text("한빛물류 서버가 악성코드에 감염됐다. 해커는 정보를 한 건에 300원씩 받고 팔았다.")
    assert not any(prop == "recordCount" for _, prop, _ in _figures(ex))


def test_what_a_company_holds_or_runs_is_its_size_not_a_figure_of_the_incident():
    ex = extract_text("한빛케이블 서버 4대가 악성코드에 감염됐다. 한빛케이블은 영남권에서 가입자 51만 명을 확보하고 있다.")
    assert not any(prop == "victimCount" for _, prop, _ in _figures(ex))
    assert ("MalwareInfection", "serverCount", 4) in _figures(ex)


def test_a_count_per_day_is_a_rate_but_a_count_within_a_day_is_a_total():
    ex = extract_text("새솔병원이 랜섬웨어 공격을 받았다. 새솔병원은 하루 외래 환자가 1,800명에 이른다.")
    assert not any(prop == "victimCount" for _, prop, _ in _figures(ex))
    ex = extract_text("㈜새솔쇼핑 회원 정보가 유출됐다. 신고한 피해자는 하루 만에 2,400명으로 늘었다.")
    assert ("DataBreach", "victimCount", 2400) in _figures(ex)


def test_a_counted_noun_after_the_counter_is_what_the_number_counts():
    ex = extract_text("가상자산거래소 비트누리의 핫월렛이 해킹당했다. 해커는 회원 1,750개 계정에 묶인 코인을 빼냈다.")
    assert ("Hacking", "accountCount", 1750) in _figures(ex)


def test_an_incident_at_an_unnamed_other_organization_is_not_the_articles():
    ex = extract_text("가상자산거래소 비트누리의 핫월렛이 해킹당해 코인 약 90억 원어치가 빠져나갔다. "
                      "2018년 한 대형 거래소에서 400억 원어치 코인이 탈취된 사건과 수법이 닮았다.")
    damage = {v for _, prop, v in _figures(ex) if prop == "damageAmount"}
    assert damage == {9000000000}


def test_an_incident_at_a_contractor_is_its_clients_and_one_breach():
    ex = extract_text("한빛텔레콤에서 가입자 개인정보가 외부로 새어 나간 사실이 드러났다. "
                      "한빛텔레콤은 고객센터 위탁업체 누리씨에스 상담원의 계정이 탈취돼 가입자 정보가 조회됐다고 밝혔다. "
                      "피해 고객은 모두 6천 명이다.", title="한빛텔레콤 가입자 정보 유출")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "한빛텔레콤")}
    assert ("DataBreach", "victimCount", 6000) in _figures(ex)


def test_a_ddos_attack_stays_apart_from_a_breach_of_the_same_company():
    ex = extract_text("한빛텔레콤 가입자 정보 30만 건이 유출됐다. 한빛텔레콤은 이달 초 디도스 공격으로 인터넷 장애도 겪었다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "한빛텔레콤"), ("Hacking", "한빛텔레콤")}


def test_a_company_after_a_kind_noun_is_found_when_the_analyser_splits_its_name():
    ex = extract_text("지역 방송·인터넷 사업자 청솔케이블의 관리 서버가 악성코드에 감염됐다.")
    assert ("MalwareInfection", "청솔케이블") in {(i.incident_type, i.affected) for i in ex.incidents}
    ex = extract_text("슈퍼마켓 체인 다온마트가 랜섬웨어 공격을 받았다.")
    assert ("Ransomware", "다온마트") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_a_parent_body_before_sanha_is_not_part_of_the_name_and_its_check_is_not_its_system():
    ex = extract_text("행정안전부 산하 한국정보문화진흥원의 업무망이 악성코드에 감염됐다. 진흥원은 국가정보원의 정기 보안 "
                      "점검에서 감염 사실을 통보받았으며, 발견된 악성코드는 모두 5가지 변종이다.")
    assert {m.name for m in ex.orgs} == {"행정안전부", "한국정보문화진흥원", "국가정보원"}
    assert {i.affected for i in ex.incidents} == {"한국정보문화진흥원"}
    assert ("MalwareInfection", "malwareVariantCount", 5) in _figures(ex)


def test_a_book_publishers_legal_prefix_and_manuscripts_counted():
    ex = extract_text("단행본 출판사 도서출판 푸른솔이 랜섬웨어 공격을 받아 미출간 원고 1만2천건이 잠겼다.")
    assert ("Ransomware", "도서출판 푸른솔") in {(i.incident_type, i.affected) for i in ex.incidents}
    assert ("Ransomware", "recordCount", 12000) in _figures(ex)


def test_a_kind_noun_ending_a_compound_introduces_a_company():
    ex = extract_text("배터리 소재기업 누리머티리얼즈가 악성코드 공격을 받아 설계 자료가 빠져나갔다.")
    assert "누리머티리얼즈" in {m.name for m in ex.orgs}
    ex = extract_text("광주 한빛재활병원 랜섬웨어 피해가 커지고 있다.")
    assert "랜섬웨어" not in {m.name for m in ex.orgs}  # the word before is a hospital's name, not a kind


def test_people_who_suffered_are_counted_whatever_the_noun_and_discarded_goods_are_damage():
    ex = extract_text("㈜새봄식품이 랜섬웨어 공격을 받았다. 해커가 빼낸 인사 자료 탓에 직원 640명이 개인정보 유출 피해를 "
                      "입었다. 회사는 원료 약 3억 원어치를 폐기했다.")
    assert {("Ransomware", "victimCount", 640), ("Ransomware", "damageAmount", 300000000)} <= _figures(ex)


def test_people_gathered_for_a_claim_and_an_unnamed_shops_past_leak_are_no_figures():
    ex = extract_text("㈜새봄패션에서 고객 정보가 유출됐다. 피해 고객 150여 명을 모은 법무법인 새길은 소송을 내기로 했다. "
                      "2021년 한 온라인 편집숍이 해킹으로 고객 2만여 명의 정보를 유출한 일도 있었다.")
    assert not any(prop == "victimCount" for _, prop, _ in _figures(ex))


def test_a_part_of_the_victims_hit_by_another_incident_is_that_incidents_count():
    ex = extract_text("㈜한빛스테이 회원 정보가 유출됐다. 유출 피해자는 1만 명이고, 이 가운데 80여 명이 부정 예약으로 돈을 잃었다.")
    assert {("DataBreach", "victimCount", 10000), ("UnauthorizedPayment", "victimCount", 80)} <= _figures(ex)


def test_a_whole_customer_base_a_threshold_and_one_person_telling_are_no_figures():
    ex = extract_text("㈜한빛스테이 회원 정보가 유출됐다. 피해 회원 한 명은 \"결제 알림이 연달아 왔다\"고 말했다. "
                      "피해액이 50만 원을 넘는 회원도 있다. 한빛스테이는 누적 회원 300만 명의 예약 앱이다.")
    assert not _figures(ex)


def test_a_figure_before_a_generic_and_a_specific_word_counts_what_the_specific_one_says():
    ex = extract_text("한빛카드 고객 약 2만 명의 카드 정보가 해킹으로 새어 나간 데 이어 부정결제 피해까지 잇따르고 있다.",
                      title="한빛카드 부정결제 피해")
    assert ("DataBreach", "victimCount", 20000) in _figures(ex)
    assert ("UnauthorizedPayment", "victimCount", 20000) not in _figures(ex)


def test_misuse_amounts_quoted_officials_and_peoples_own_stories():
    ex = extract_text("한빛카드 회원 카드가 부정 사용됐다. 부정사용 금액은 약 2억1천만 원어치로 집계됐다. "
                      "금감원 국장은 \"현재까지 확인된 부정사용 피해 고객은 900여 명\"이라며 \"왜 걸러 내지 못했는지 보고 있다\"고 말했다. "
                      "직장인 A씨는 \"밤사이 32만 원이 빠져나갔다\"고 했다.")
    assert {("UnauthorizedPayment", "damageAmount", 210000000), ("UnauthorizedPayment", "victimCount", 900)} <= _figures(ex)
    assert ("UnauthorizedPayment", "damageAmount", 320000) not in _figures(ex)


def test_a_past_case_of_a_counted_group_is_no_figure_of_the_article():
    ex = extract_text("한빛카드 고객 정보 8만 건이 유출됐다. 2014년 카드 3사에서 1억여 건의 개인정보가 유출된 사건 이후 가장 크다.")
    assert {v for _, prop, v in _figures(ex) if prop == "recordCount"} == {80000}


def test_figures_that_are_only_parts_give_no_total_and_a_stated_total_wins():
    ex = extract_text("㈜한빛캐피탈에서 고객 정보가 빠져나갔다. 빠져나간 정보는 이름과 연락처 3만 건, 주민등록번호 2만 건으로 파악됐다.")
    assert not any(prop == "recordCount" for _, prop, _ in _figures(ex))
    ex = extract_text("㈜한빛캐피탈에서 고객 정보가 빠져나갔다. 새어 나간 정보는 이름 3만 건, 주소 1만 건 등 모두 4만 건이다.")
    assert {v for _, prop, v in _figures(ex) if prop == "recordCount"} == {40000}
    ex = extract_text("㈜한빛병원 랜섬웨어 피해가 커졌다. 암호화된 서버가 당초 5대에서 13대로 늘었다.")
    assert {v for _, prop, v in _figures(ex) if prop == "serverCount"} == {13}


def test_a_names_latin_spelling_in_brackets_is_not_part_of_it():
    ex = extract_text("온라인 교육업체 누리에듀(NuriEdu)의 학생 정보 2만 건이 유출됐다.")
    assert ("DataBreach", "누리에듀") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_account_takeovers_are_hacking_unless_the_accounts_paid_and_credentials_leaked_elsewhere_are_no_breach():
    ex = extract_text("게임사 ㈜별누리게임즈의 계정 3천여 개가 도용됐다. 해커들은 다른 곳에서 새 나간 아이디와 비밀번호로 "
                      "계정에 들어갔다. 회사 집계로 피해 이용자는 2,100명이다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Hacking", "별누리게임즈")}
    assert {("Hacking", "accountCount", 3000), ("Hacking", "victimCount", 2100)} <= _figures(ex)
    ex = extract_text("㈜별누리페이 계정 3천여 개가 도용돼 무단 결제가 이뤄졌다. 피해액은 모두 4천만 원이다.")
    assert {i.incident_type for i in ex.incidents} == {"UnauthorizedPayment"}


def test_a_company_running_the_clients_system_is_a_contractor():
    ex = extract_text("㈜한빛증권 고객 정보가 새어 나갔다. 해커는 상담 시스템을 위탁 운영하는 ㈜누리정보기술 직원의 원격 접속 "
                      "계정을 탈취해 상담 기록 약 2만 건을 내려받았다.", title="한빛증권 고객 정보 유출")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "한빛증권")}
    assert ("DataBreach", "recordCount", 20000) in _figures(ex)


def test_figures_listed_after_names_the_analyser_splits_and_those_who_merely_deal_with_a_company():
    ex = extract_text("저축은행 두 곳에서 고객정보가 유출됐다. 유출 피해 고객은 한솔저축은행 9천 명, 누리봄저축은행 2,100명이었다. "
                      "저축은행과 거래하는 고객은 약 600만 명이다.")
    assert {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities} == {
        ("한솔저축은행", "victimCount", 9000), ("누리봄저축은행", "victimCount", 2100)}


def test_a_list_with_triangles_gives_each_company_its_own_figures():
    ex = extract_text("이달 랜섬웨어 피해를 공개한 기업은 ▲서버 5대가 암호화된 가람식품 ▲세 곳의 서버가 잠긴 동주정밀 "
                      "▲약 2억 원의 손실을 본 한빛인쇄 등이다.")
    assert {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities} == {
        ("가람식품", "serverCount", 5), ("동주정밀", "serverCount", 3), ("한빛인쇄", "damageAmount", 200000000)}


def test_an_officials_title_is_not_a_system_and_former_or_added_figures_are_not_totals():
    ex = extract_text("클라우드 업체 ㈜구름솔의 서버가 악성코드에 감염됐다. 박진우 과기정통부 정보보호네트워크정책관은 "
                      "\"감염이 확인된 서버는 33대\"라고 말했다. 지난달 18대였던 감염 서버는 15대가 더 나왔다.")
    assert {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities} == {("구름솔", "serverCount", 33)}


def test_crypto_withdrawn_from_an_exchanges_wallet_is_a_hacking_but_from_hijacked_accounts_a_payment():
    ex = extract_text("가상자산거래소 비트누리의 핫월렛에서 이더리움과 솔라나 등이 외부 지갑으로 무단 출금됐다.")
    assert {i.incident_type for i in ex.incidents} == {"Hacking"}
    ex = extract_text("가상자산거래소 비트누리에서 회원 계정 900여 개가 도용돼 가상자산이 외부로 부정 출금됐다.")
    assert {i.incident_type for i in ex.incidents} == {"UnauthorizedPayment"}


def test_a_name_before_the_copula_ending_a_sentence_is_found():
    ex = extract_text("이번에 랜섬웨어 피해를 본 곳은 누리인쇄다. 티켓한빛은 연간 거래액 900억 원 규모의 중견 예매처다.")
    assert "누리인쇄" in {m.name for m in ex.orgs}
    assert not any("예매처" in m.name for m in ex.orgs)


def test_bank_accounts_are_counted_and_so_are_not_those_picked_by_a_bound():
    ex = extract_text("㈜한빛은행 고객 계좌 820개에서 돈이 빠져나갔다. 피해액이 100만 원을 넘는 고객도 12명이다.")
    assert ("UnauthorizedPayment", "accountCount", 820) in _figures(ex)
    assert not any(prop == "victimCount" for _, prop, _ in _figures(ex))


def test_universities_are_named_by_their_suffix_and_a_bodys_accounts_are_its_system():
    ex = extract_text("한빛대학교 학생 정보 3만 건이 유출됐다. 해람시교육청 직원 계정 150개가 탈취됐다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} >= {
        ("DataBreach", "한빛대학교"), ("Hacking", "해람시교육청")}
    assert ("Hacking", "accountCount", 150) in _figures(ex)


def test_counts_written_before_their_noun_estimates_above_a_bound_and_staff_numbers():
    ex = extract_text("㈜한빛물산이 랜섬웨어 공격을 받았다. 조직은 12대의 업무 서버를 암호화했고, 고객 문서 파일 430개가 "
                      "잠겼다. 피해액은 4억 원을 넘는 것으로 추산된다. 한빛물산의 임직원은 1,900여 명이다.")
    figures = _figures(ex)
    assert {("Ransomware", "serverCount", 12), ("Ransomware", "recordCount", 430),
            ("Ransomware", "damageAmount", 400000000)} <= figures
    assert not any(prop == "victimCount" for _, prop, _ in figures)


def test_a_universitys_short_name_is_the_university():
    ex = extract_text("동솔공과대학교 연구실 서버에서 자료가 빠져나갔다. 동솔공대는 경찰에 수사를 의뢰했다.",
                      title="동솔공대 연구자료 유출")
    assert {m.name for m in ex.orgs if m.org_type == "Company"} == {"동솔공과대학교"}


def test_companies_named_before_gakgak_take_the_figures_after_it_in_order():
    ex = extract_text("정보가 유출된 고객은 ㈜한솔생명과 ㈜다온손해보험에서 각각 3만1000명, 1만2000명이다.")
    assert {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities} == {
        ("한솔생명", "victimCount", 31000), ("다온손해보험", "victimCount", 12000)}


def test_a_law_firm_is_counsel_and_malware_found_in_a_hack_is_part_of_it():
    ex = extract_text("온라인몰 회원 정보 9만 건이 유출됐다. 법무법인 새길은 피해 회원들을 모아 소송을 내기로 했다.",
                      title="회원 정보 유출 소송")
    assert not any(i.affected == "법무법인 새길" for i in ex.incidents)
    ex = extract_text("가상자산거래소 비트누리의 핫월렛에서 코인이 외부로 빠져나갔다. 비트누리 출금 서버에서는 악성코드 4종이 발견됐다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Hacking", "비트누리")}
    assert ("Hacking", "malwareVariantCount", 4) in _figures(ex)


def test_a_word_the_analyser_does_not_know_after_a_kind_of_company_is_its_name():
    # The analyser tags such names as common nouns (다온배달/NNG), marked as words it did not know.
    ex = extract_text("배달 앱 다온배달에서는 회원 2만 명의 개인정보가 빠져나갔다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "다온배달")}
    assert ("DataBreach", "victimCount", 20000) in _figures(ex)
    # ... unless the unknown word holds an incident's trigger: 부정결제 is a word it did not split.
    ex = extract_text("편의점 앱 부정결제 피해가 잇따르자 운영사 한빛리테일은 결제를 막았다.")
    assert "부정결제" not in orgs(ex)


def test_counts_before_the_copula_as_a_modifier_and_money_people_lost():
    ex = extract_text("㈜한솔페이 회원 계정이 도용돼 돈이 빠져나갔다. 피해를 본 회원은 1천여 명인 것으로 집계됐다. "
                      "이들이 잃은 돈은 모두 2억1000만 원으로, 이 가운데 5천만 원가량은 상품권 결제에 쓰였다.")
    figures = _figures(ex)
    assert ("UnauthorizedPayment", "victimCount", 1000) in figures
    assert ("UnauthorizedPayment", "damageAmount", 210000000) in figures
    assert ("UnauthorizedPayment", "damageAmount", 50000000) not in figures


def test_a_leaked_key_is_a_hacking_and_members_as_subject_are_the_companys_size():
    ex = extract_text("가상자산 거래소 ㈜비트샘의 지갑에서 코인이 빠져나갔다. 관리자 키가 저장된 서버 한 대가 악성코드에 "
                      "감염돼 키가 새어 나간 것으로 보인다. 비트샘 회원이 90만 명인데 신뢰 회복이 먼저다.")
    assert {i.incident_type for i in ex.incidents if i.affected == "비트샘"} == {"Hacking"}
    assert not any(prop == "victimCount" for _, prop, _ in _figures(ex))


def test_payments_made_in_secret_and_exposed_numbers_are_incidents_of_each_listed_company():
    ex = extract_text("피해 사례를 보면 ▲게임사 ㈜미르솔은 계정 3천여 개가 도용됐고 ▲배달 앱 ㈜한결배달에서는 이용자 210명의 "
                      "계정으로 모두 4100만 원어치 음식값이 몰래 결제됐으며 ▲웹툰 업체 ㈜라온툰에서는 회원 전화번호가 노출됐다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} >= {
        ("Hacking", "미르솔"), ("UnauthorizedPayment", "한결배달"), ("DataBreach", "라온툰")}
    assert {("UnauthorizedPayment", "victimCount", 210), ("UnauthorizedPayment", "damageAmount", 41000000)} <= _figures(ex)


def test_a_name_the_analyser_reads_as_a_verb_after_a_kind_of_company_is_the_name_it_knows_elsewhere():
    # 거래소 체인해온이: 체인 + 하 + 어 + 오 + ᆫ; 체인해온은: an unknown noun.
    ex = extract_text("가상자산 거래소 체인해온이 해킹을 당했다. 체인해온은 지난달 22일 핫월렛에서 빠져나간 가상자산이 약 40억 "
                      "원어치라고 4일 밝혔다. 금융감독원은 체인해온에 대한 검사에 착수했다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Hacking", "체인해온")}
    assert ("Hacking", "damageAmount", 4000000000) in _figures(ex)
    assert {(m.measure_type, m.target) for m in ex.measures} == {("Investigation", "체인해온")}


def test_ranges_saved_money_restored_servers_and_business_volumes_are_no_incident_figures():
    ex = extract_text("㈜한빛코인의 핫월렛에서 약 90억 원어치의 코인이 빠져나갔다. 이 가운데 약 12억 원어치는 해외 거래소의 협조로 "
                      "동결됐다. 영향을 받은 계정은 3천~4천 개로 추정된다. 한 사람이 입은 피해는 최대 300만 원이었다. "
                      "한빛코인의 지난해 결제액은 1조2000억 원이었다.")
    assert {(p, v) for _, p, v in _figures(ex)} == {("damageAmount", 9000000000)}
    ex = extract_text("㈜다온정밀 서버가 악성코드에 감염됐다. 관계자는 \"서버 17대에서 감염이 확인됐다\"며 \"처음 신고된 서버 6대 "
                      "외에 연구소 서버로도 퍼졌다\"고 말했다. 이 가운데 5대는 백업으로 복구를 마쳤다. 업계 추산으로 2억 원 상당의 "
                      "설계 자료가 사라졌다.")
    assert {(p, v) for _, p, v in _figures(ex)} == {("serverCount", 17), ("damageAmount", 200000000)}


def test_a_compound_verb_the_analyser_split_and_the_words_around_an_amount_still_match_a_trigger():
    # 빠져나갔다 → 빠지 + 어 + 나가 + 었 here; 원어치 and 규모 are tagged as nouns, 약 as a determiner.
    ex = extract_text("㈜한빛코인의 핫월렛에서 코인 90억 원어치가 빠져나갔다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Hacking", "한빛코인")}
    assert ("Hacking", "damageAmount", 9000000000) in _figures(ex)
    ex = extract_text("㈜한빛코인의 핫월렛에서 코인 약 200억 원 규모가 빠져나갔다.")
    assert ("Hacking", "damageAmount", 20000000000) in _figures(ex)


def test_a_count_that_grew_before_the_next_one_keeps_the_later_one_and_money_taken_by_a_fake_app():
    ex = extract_text("㈜새별은행 앱을 흉내 낸 악성 앱에 속아 계좌의 돈을 빼앗긴 고객이 많다. 경찰은 첫 신고가 들어온 지 하루 만에 "
                      "피해자가 80명으로 불어났고, 2일 오전 기준으로는 214명이 피해를 신고했다고 밝혔다.")
    assert {(t, p, v) for t, p, v in _figures(ex)} == {("UnauthorizedPayment", "victimCount", 214)}


def test_a_local_office_is_named_by_its_place_and_the_bare_office_word_and_its_systems_are_its_own():
    ex = extract_text("전남 해솔군청 민원실에 안내문이 붙었다. 군청 행정망이 랜섬웨어에 감염된 지 열흘이 지났다. "
                      "해솔군에 따르면 공격은 17일 시작됐다.", title="랜섬웨어에 멈춘 해솔군청…PC 200대 잠겼다")
    assert {m.surface for m in ex.orgs if m.name == "해솔군청"} == {"해솔군청", "군청", "해솔군"}
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Ransomware", "해솔군청")}
    assert ("Ransomware", "serverCount", 200) in _figures(ex)
    ex = extract_text("해솔군청 홈페이지가 해킹됐다. 군은 사고를 확인한 직후 경찰에 수사를 의뢰했다.")
    assert {(m.measure_type, m.issuer) for m in ex.measures} == {("PoliceReferral", "해솔군청")}
    ex = extract_text("해킹조직이 한빛시청 공무원들의 업무용 이메일 계정 30여 개를 탈취해 내부 문서를 빼냈다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "한빛시청")}


def test_an_unknown_word_ending_in_a_line_of_business_is_a_company():
    ex = extract_text("개인정보보호위원회는 고객 배송 정보를 유출한 해든택배에 과징금 3억 원을 부과했다. 해커는 해든택배 조회 "
                      "페이지의 취약점을 파고들어 회원 2만 명의 이름을 빼돌렸다. 관계자는 스테이블코인 결제도 막았다고 말했다.")
    assert {m.name for m in ex.orgs if m.org_type == "Company"} == {"해든택배"}
    assert {(m.measure_type, m.target, m.amount) for m in ex.measures} == {("Fine", "해든택배", 300000000)}
    assert ("DataBreach", "victimCount", 20000) in _figures(ex)


def test_a_name_the_analyser_misreads_after_a_kind_of_company_is_a_company_when_the_article_repeats_it():
    # 바로송금 → 바로/MAG 송금/NNG: no noun phrase, yet the article writes it as a name three times.
    text = ("간편송금 대행업체 바로송금의 서버가 해킹돼 고객 돈이 빠져나갔다. 바로송금은 피해 고객 120명에게 전액 돌려주기로 "
            "했다. 금융감독원은 바로송금에 대한 검사에 나섰다.")
    ex = extract_text(text)
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("UnauthorizedPayment", "바로송금")}
    assert ("UnauthorizedPayment", "victimCount", 120) in _figures(ex)
    # Written once, the same words are no name: 업체 관계자 다시 말했다 is not a company 다시.
    ex = extract_text("보안업체 관계자는 업체 다시 점검하겠다고 말했다.")
    assert not [m for m in ex.orgs if m.org_type == "Company"]


def test_a_headline_amount_without_won_who_did_it_before_the_verb_and_loot_that_disappeared():
    ex = extract_text("㈜모아결제에서 회원 계정이 도용돼 부정결제가 잇따랐다.", title="모아결제 계정 도용 부정결제…피해 12억")
    assert ("UnauthorizedPayment", "damageAmount", 1200000000) in _figures(ex)
    ex = extract_text("가상자산거래소 ㈜코인마당에서 코인 약 60억 원 규모가 해커에게 빼돌려졌다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Hacking", "코인마당")}
    assert ("Hacking", "damageAmount", 6000000000) in _figures(ex)
    ex = extract_text("㈜별솔게임즈 회원 계정 3천 개가 도용돼 게임 아이템 2억 원어치가 사라져 버렸다.")
    assert ("Hacking", "damageAmount", 200000000) in _figures(ex)


def test_a_police_unit_is_reported_without_its_parent_and_time_words_begin_no_name():
    ex = extract_text("㈜한빛정보는 사고를 확인한 직후 대전경찰청 사이버수사대에 수사를 의뢰했다.")
    assert {m.name for m in ex.orgs if m.org_type == "LawEnforcement"} == {"대전경찰청 사이버수사대"}
    ex = extract_text("대전경찰청은 해커를 쫓고 있다. 대전경찰청 사이버수사대가 맡았다.")
    assert {m.name for m in ex.orgs if m.org_type == "LawEnforcement"} == {"대전경찰청", "대전경찰청 사이버수사대"}


def test_a_headline_short_form_money_left_unawares_a_headline_denial_and_stored_records():
    ex = extract_text("충남에 본점을 둔 한솔저축은행의 모바일뱅킹에서 고객 돈이 본인도 모르게 빠져나가는 사고가 잇따르고 있다.",
                      title="한솔저축銀 부정이체 피해 86명으로")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("UnauthorizedPayment", "한솔저축은행")}
    assert ("UnauthorizedPayment", "victimCount", 86) in _figures(ex)
    ex = extract_text("㈜여울넷 서버 40대가 악성코드에 감염됐다. 감염 서버에는 고객 데이터 300만 건이 저장돼 있었다.",
                      title="여울넷 서버 40대 악성코드 감염…고객 데이터 유출은 확인 안 돼")
    assert {i.incident_type for i in ex.incidents} == {"MalwareInfection"}
    assert {(p, v) for _, p, v in _figures(ex)} == {("serverCount", 40)}


def test_accounts_taken_over_to_pay_are_a_payment_and_figures_after_a_named_company_are_its_own():
    ex = extract_text("이들은 다른 사이트에서 유출된 아이디와 비밀번호로 배달 앱 ㈜한끼배달의 1만2,300개 계정에 로그인했다.",
                      title="배달앱 계정 1만여개 도용해 2억여원 결제…경찰, 일당 검거")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("UnauthorizedPayment", "한끼배달")}
    figures = _figures(ex)
    assert ("UnauthorizedPayment", "accountCount", 12300) in figures
    # A takeover whose sentence denies any payment stays a hacking.
    ex = extract_text("㈜툰나래 회원 계정 3천 개가 도용됐지만, 결제가 이뤄진 사례는 확인되지 않았다.")
    assert {i.incident_type for i in ex.incidents} == {"Hacking"}


def test_patients_counted_in_myeongbun_are_victims():
    ex = extract_text("해커는 ㈜한빛병원 PC를 발판으로 삼아 환자 4만1000명분의 이름과 주민등록번호를 빼낸 것으로 파악됐다.")
    assert ("DataBreach", "victimCount", 41000) in _figures(ex)


def test_a_misread_name_ending_with_a_line_of_business_is_a_company_the_first_time():
    # 해온모바일 → 하 + 어 + 오 + ᆫ + 모바일: written once after a kind of company, its ending names a trade.
    ex = extract_text("온라인 서점 숲길북스의 회원 정보 유출 사고가 알려졌다.")
    assert ("숲길북스", "Company") in orgs(ex)  # 서점 is a kind of company
    ex = extract_text("알뜰폰 사업자 해온모바일 가입자들의 휴대전화에서 본인도 모르게 소액결제가 빠져나갔다. "
                      "피해자는 50명으로 늘었다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("UnauthorizedPayment", "해온모바일")}
    assert ("UnauthorizedPayment", "victimCount", 50) in _figures(ex)


def test_giving_back_what_victims_lost_is_a_compensation():
    ex = extract_text("㈜쇼핑누리의 회원 정보가 유출됐다. 쇼핑누리는 피해 회원에게 1인당 5천 원 상당의 할인권을 지급하기로 했다.")
    assert {(m.measure_type, m.issuer, m.status) for m in ex.measures} == {("Compensation", "쇼핑누리", "imposed")}
    ex = extract_text("㈜별솔게임즈 계정이 도용돼 아이템이 사라졌다. 별솔게임즈는 빼앗긴 아이템을 모두 되돌려 주기로 했다.")
    assert {(m.measure_type, m.issuer) for m in ex.measures} == {("Compensation", "별솔게임즈")}
    # A denial said of another subject (회원 피해는 없다) does not reject the measure.
    ex = extract_text("가상자산거래소 ㈜코인온에서 코인이 빠져나갔다. 코인온은 빠져나간 코인 전액을 회사 보유 자산으로 "
                      "채워 넣어 회원 피해는 없다고 밝혔다.")
    assert {(m.measure_type, m.status) for m in ex.measures} == {("Compensation", "imposed")}
    # Seizing the offenders' gains, or a company repairing its own servers, gives nothing back.
    ex = extract_text("경찰은 ㈜한빛정보 해킹 일당의 범죄수익 3억 원을 기소 전 추징보전했다. 한빛정보는 서버를 모두 복구했다.")
    assert not [m for m in ex.measures if m.measure_type == "Compensation"]


def test_no_trace_found_of_a_leak_denies_it():
    ex = extract_text("㈜한빛에너지 서버 9대가 악성코드에 감염됐다. 회사는 고객 정보가 빠져나간 흔적은 찾지 못했다고 밝혔다.")
    assert {i.incident_type for i in ex.incidents} == {"MalwareInfection"}
    ex = extract_text("㈜한빛에너지 서버 9대가 악성코드에 감염됐다. 고객 정보가 외부로 빠져나간 흔적은 아직 나오지 않았다.")
    assert {i.incident_type for i in ex.incidents} == {"MalwareInfection"}


def test_figures_in_polite_speech_after_a_leak_verb_and_taken_accounts():
    # An interview answers in polite speech: 12만여 건입니다, 아홉 대입니다.
    ex = extract_text("㈜솔빛택배에서 고객 정보가 새 나갔다. 새 나간 정보는 배송 기록 12만여 건입니다.")
    assert ("DataBreach", "recordCount", 120000) in _figures(ex)
    ex = extract_text("㈜한솔에너지 서버가 악성코드에 감염됐다. 실제로 감염된 서버는 아홉 대입니다.")
    assert ("MalwareInfection", "serverCount", 9) in _figures(ex)
    # 정보가 샌 회원은: members it befell, not the member base.
    ex = extract_text("㈜누리링크에서 회원 정보가 빠져나갔다. 회사는 실제로 정보가 샌 회원은 410만여 명이라고 밝혔다.")
    assert ("DataBreach", "victimCount", 4100000) in _figures(ex)
    # Creators whose accounts were taken; accounts taken to buy goods are an unauthorized payment.
    ex = extract_text("방송 플랫폼 ㈜별빛TV는 창작자 4천7백여 명이 계정을 빼앗겼다고 밝혔다.")
    assert ("Hacking", "victimCount", 4700) in _figures(ex)
    ex = extract_text("범인들은 ㈜온솔카드 회원들의 카드 앱 계정을 가로챈 뒤 해외 가맹점에서 전자제품을 사들였다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("UnauthorizedPayment", "온솔카드")}
    ex = extract_text("㈜한솔은행 고객 계정에 제3자가 접속해 거래 내역을 열람했다. 이 가운데 일부 계좌에서는 실제 이체까지 "
                      "이뤄져 모두 5천만원 상당이 대포통장으로 넘어갔다.")
    assert ("UnauthorizedPayment", "damageAmount", 50000000) in _figures(ex)


def test_a_particle_the_analyser_glued_to_a_name_is_not_part_of_it():
    # 카랑이 → one unknown word 카랑이/NNP; the article writes the name 카랑 elsewhere.
    ex = extract_text("중고거래 플랫폼 카랑이 회원 정보 유출로 과징금을 물게 됐다. 개인정보위는 카랑에 과징금 3억 원을 부과했다.",
                      title="카랑, 과징금 3억")
    assert {m.name for m in ex.orgs if m.org_type == "Company"} == {"카랑"}
    assert ("카랑", "subject") in {(m.name, m.role) for m in ex.orgs}
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "카랑")}


def test_the_money_a_company_gives_back_is_its_compensation_amount():
    ex = extract_text("가상자산거래소 ㈜코인들에서 코인이 빠져나갔다. 코인들은 회수하지 못한 48억 원을 회사 자금으로 메워 "
                      "회원들에게 돌려주겠다고 밝혔다.")
    assert {(m.measure_type, m.amount, m.status) for m in ex.measures} == {("Compensation", 4800000000, "planned")}
    ex = extract_text("가상자산거래소 ㈜하나코인에서 코인이 빠져나갔다. 하나코인은 피해 자산 200억 원 전액을 회사 고유 자산으로 "
                      "메워 회원 손실이 없도록 하겠다고 밝혔다.")
    assert {(m.measure_type, m.amount, m.status) for m in ex.measures} == {("Compensation", 20000000000, "planned")}


def test_an_order_to_submit_a_plan_is_a_demanded_corrective_order():
    ex = extract_text("과기정통부는 ㈜한빛넷에 이달 말까지 재발 방지 대책을 담은 이행계획을 제출하라고 요구했다.")
    assert {(m.measure_type, m.issuer, m.target, m.status) for m in ex.measures} == {
        ("CorrectiveOrder", "과학기술정보통신부", "한빛넷", "demanded")}
    # A plan the company failed to hand in is no order.
    ex = extract_text("금융위는 ㈜한빛넷이 보안 개선 계획을 제출하지 않은 점을 무겁게 봤다.")
    assert not ex.measures


def test_a_service_name_is_a_company_only_with_a_name_before_its_suffix():
    ex = extract_text("복지몰을 운영하는 하람복지서비스는 계정 5천여 개가 도용됐다고 밝혔다.")
    assert ("하람복지서비스", "Company") in orgs(ex)
    ex = extract_text("SK텔레콤은 가입자 전원에게 유심보호서비스를 무료로 제공하겠다고 밝혔다.")
    assert {m.name for m in ex.orgs} == {"SK텔레콤"}


def test_a_measure_word_naming_a_line_of_work_is_no_measure():
    ex = extract_text("㈜한솔손해보험은 보상 업무용 서버 7대가 랜섬웨어에 감염됐다고 밝혔다. 보상팀 직원들은 수기로 접수를 받았다.")
    assert not [m for m in ex.measures if m.measure_type == "Compensation"]
    ex = extract_text("경찰은 ㈜한솔손해보험 해킹 사건에 전담 수사팀을 꾸려 해커를 쫓고 있다.")
    assert "Investigation" in {m.measure_type for m in ex.measures}


def test_the_owners_of_leaked_records_are_the_victims():
    ex = extract_text("㈜하늘스테이에서 예약 기록 5만 건이 유출됐다. 회사는 이 기록의 주인인 회원이 3만여 명이라고 덧붙였다.")
    assert ("DataBreach", "victimCount", 30000) in _figures(ex)


def test_clinics_are_named_by_their_department():
    ex = extract_text("부산의 해솔정형외과의원은 전산망이 랜섬웨어에 감염돼 환자 3천여 명의 진료기록이 암호화됐다고 밝혔다. "
                      "김 의원은 국회에서 대책을 물었다.")
    assert {m.name for m in ex.orgs if m.org_type == "Company"} == {"해솔정형외과의원"}
    assert ("Ransomware", "victimCount", 3000) in _figures(ex)


def test_a_department_may_stand_between_a_body_and_a_title():
    ex = extract_text("정혜원 새빛대학교 정보보호대학원 교수는 대책을 주문했다. 이하준 한울대학교 정보보호학과 교수도 같은 의견을 냈다. "
                      "택배업체 가람택배에서 정보가 샜다. 윤성호 가람택배 정보보호최고책임자(CISO)는 사과했다.")
    people = {(p.name, p.role) for p in ex.persons}
    assert {("정혜원", "교수"), ("이하준", "교수"), ("윤성호", "정보보호최고책임자")} <= people


def test_an_authority_tracking_or_analysing_investigates():
    ex = extract_text("㈜한솔병원이 랜섬웨어에 감염됐다. 부산경찰청 사이버수사대는 공격에 쓰인 해외 서버를 추적하고 있다.")
    assert {(m.measure_type, m.issuer) for m in ex.measures} == {("Investigation", "부산경찰청 사이버수사대")}
    ex = extract_text("㈜한솔병원이 랜섬웨어에 감염됐다. 국정원은 분석관을 보내 감염 서버를 정밀 분석하고 있다.")
    assert {(m.measure_type, m.issuer) for m in ex.measures} == {("Investigation", "국가정보원")}
    # A company analysing its own logs, or an analysis cited, is no investigation.
    ex = extract_text("㈜한솔병원이 랜섬웨어에 감염됐다. 회사는 접속 기록을 분석하고 있다. 업계 분석에 따르면 피해는 크지 않다.")
    assert not ex.measures
    # A view reported (…할 수 있다는 분석도 나온다) is nobody's analysis.
    ex = extract_text("㈜한솔병원이 랜섬웨어에 감염됐다. 개인정보위가 과징금 상한을 적용하면 큰 금액이 될 수 있다는 분석도 나온다.")
    assert "Investigation" not in {m.measure_type for m in ex.measures}


def test_heads_of_places_and_of_police_units_keep_their_titles():
    ex = extract_text("이정우 한솔군수는 사과했다. 박은솔 한솔시교육감은 대책을 냈다. "
                      "윤재성 대전경찰청 사이버수사대장은 주의를 당부했다.")
    people = {(p.name, p.role) for p in ex.persons}
    assert {("이정우", "군수"), ("박은솔", "교육감"), ("윤재성", "사이버수사대장")} <= people


def test_a_proper_name_between_a_person_and_a_title_is_skipped():
    ex = extract_text('김태형 롯데 감독은 "끝까지 포기하지 않은 덕분"이라고 말했다.')
    assert ("김태형", "감독") in {(p.name, p.role) for p in ex.persons}
    # Two names before one title are not one person with the other's title.
    ex = extract_text("김철수 박영희 기자가 함께 썼다.")
    assert ("김철수", "기자") not in {(p.name, p.role) for p in ex.persons}


def test_one_in_so_many_is_a_ratio_not_a_count():
    ex = extract_text("㈜한솔텔레콤 가입자 23만 명의 정보가 빠져나간 것으로 확인됐다. 한솔텔레콤의 전체 가입자는 약 300만 명으로, "
                      "가입자 열세 명 가운데 한 명꼴로 피해를 본 셈이다.")
    assert {(p, v) for _, p, v in _figures(ex)} == {("victimCount", 230000)}


def test_the_cost_of_recovery_is_the_damage():
    ex = extract_text("㈜한솔택배 서버 20대가 랜섬웨어에 감염됐다. 회사는 복구 비용으로 약 2억 원이 들 것으로 내다봤다.")
    assert ("Ransomware", "damageAmount", 200000000) in _figures(ex)
    ex = extract_text("한솔군청 행정망이 랜섬웨어에 감염됐다. 군은 복구와 장비 교체에 들어갈 비용을 4억5천만 원으로 추산했다.")
    assert ("Ransomware", "damageAmount", 450000000) in _figures(ex)


def test_people_arrested_are_offenders_not_victims():
    ex = extract_text("㈜한솔몰 서버를 뚫어 회원정보 3만 건을 팔아넘긴 일당이 붙잡혔다. 경찰은 20대 등 3명을 검거했다.",
                      title="쇼핑몰 회원정보 3만 건 팔아넘긴 20대…경찰, 3명 검거")
    assert ("DataBreach", "victimCount", 3) not in _figures(ex)
    assert ("DataBreach", "recordCount", 30000) in _figures(ex)


def test_a_cue_word_past_a_comma_belongs_to_the_next_clause():
    ex = extract_text("가상자산거래소 ㈜코인누리에서 코인이 빠져나갔다. 출금이 일어난 핫월렛은 세 개이고, 잔고에 영향을 받은 "
                      "회원 계정은 2,300개다.")
    assert {(p, v) for _, p, v in _figures(ex) if p == "accountCount"} == {("accountCount", 2300)}


def test_accounts_broken_into_to_look_at_data_are_a_breach():
    ex = extract_text("㈜한솔게임즈 이용자 계정 4천여 개가 무단 접속됐다. 공격자는 접속에 성공한 계정에서 이름과 휴대전화 번호, "
                      "결제 내역을 들여다봤다.")
    assert {i.incident_type for i in ex.incidents} == {"DataBreach"}
    assert ("DataBreach", "accountCount", 4000) in _figures(ex)


def test_a_brand_named_before_its_operator_is_run_by_it():
    ex = extract_text("웹툰 플랫폼 ㈜툰나라에서 계정이 도용돼 유료 코인이 무단 결제됐다. 툰나라 운영사 ㈜나라컴즈는 비밀번호를 "
                      "초기화했다고 밝혔다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("UnauthorizedPayment", "나라컴즈")}


def test_a_body_looking_into_its_own_incident_takes_no_measure():
    ex = extract_text("한솔군청 누리집이 해킹당해 주민 정보가 유출됐다. 한솔군은 유출 범위를 다시 조사한 결과 피해 주민이 "
                      "2만6500명으로 집계됐다고 밝혔다. 행정안전부는 군의 보안 실태를 점검하고 있다.")
    assert {(m.measure_type, m.issuer) for m in ex.measures} == {("Investigation", "행정안전부")}


def test_police_investigate_the_attackers_not_the_victim():
    ex = extract_text("대전경찰청은 ㈜한솔배달이 이상 결제를 감지하고 수사를 의뢰하자 곧바로 수사에 착수했다.")
    police = [m for m in ex.measures if m.measure_type == "Investigation"]
    assert police and all(m.target is None for m in police)
    # A raid on the company is an investigation of it.
    ex = extract_text("경찰은 ㈜한솔배달 본사를 압수수색했다.")
    assert {(m.measure_type, m.target) for m in ex.measures} == {("Investigation", "한솔배달")}


def test_a_bracketed_short_name_keeps_the_role_of_the_particle_after_it():
    ex = extract_text("㈜한밭병원 서버가 랜섬웨어에 감염됐다. 한국인터넷진흥원(KISA)도 전문 인력을 보내 접속 기록을 분석하고 있다.")
    assert {(m.measure_type, m.issuer) for m in ex.measures} == {("Investigation", "한국인터넷진흥원")}


def test_humble_giving_and_a_plan_of_correction():
    ex = extract_text("㈜글마루북스 회원 정보가 유출됐다. 글마루북스는 피해 회원 모두에게 도서 적립금 1만 원을 드리기로 했다.")
    assert {(m.measure_type, m.issuer) for m in ex.measures} == {("Compensation", "글마루북스")}
    ex = extract_text("과기정통부는 ㈜미르넷에 다음 달 17일까지 재발 방지 대책을 담은 시정 계획을 제출하라고 요구했다.")
    assert {(m.measure_type, m.status) for m in ex.measures} == {("CorrectiveOrder", "demanded")}


def test_operator_words_and_raid_targets_are_data(tmp_path):
    """운영사 and the raid's target rule live in ontology/ files: editing them changes the reading."""
    from kgraph.lexicon import load_lexicon

    from conftest import copied_ontology

    run_by = ("웹툰 플랫폼 ㈜툰나라에서 계정이 도용돼 유료 코인이 무단 결제됐다. 툰나라 관리사 ㈜나라컴즈는 비밀번호를 "
              "초기화했다고 밝혔다.")
    raid = "경찰은 다온페이 본사를 압수수색했다. 다온페이는 회원 3만 명의 정보가 유출됐다고 밝혔다."
    assert {i.affected for i in extract_text(run_by).incidents} == {"툰나라"}
    assert {(m.issuer, m.target) for m in extract_text(raid).measures} == {("경찰", "다온페이")}
    folder = copied_ontology(tmp_path)
    words = folder / "operator_words.tsv"
    words.write_text(words.read_text(encoding="utf-8") + "관리사\n", encoding="utf-8")
    triggers = folder / "measure_triggers.tsv"
    text = triggers.read_text(encoding="utf-8")
    assert "압수수색\tInvestigation\t\tyes\n" in text
    triggers.write_text(text.replace("압수수색\tInvestigation\t\tyes\n", "압수수색\tInvestigation\n"), encoding="utf-8")
    lexicon = load_lexicon(str(folder))
    assert {i.affected for i in extract_text(run_by, lexicon=lexicon).incidents} == {"나라컴즈"}
    assert {(m.issuer, m.target) for m in extract_text(raid, lexicon=lexicon).measures} == {("경찰", None)}


def test_a_modifier_written_solid_with_a_company_suffix_is_a_name():
    # 참좋은: 참 + 좋 + 은, written without a space before 생명보험: only a name is written so
    ex = extract_text("참좋은생명보험의 고객 정보가 외부로 빠져나간 사실이 드러났다. 참좋은생명 관계자는 고객 3만 명의 "
                      "정보가 유출됐다고 말했다.", title="참좋은생명 고객 정보 유출")
    assert orgs(ex) == {("참좋은생명보험", "Company")}  # 참좋은생명: the short form of the same name
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "참좋은생명보험")}


def test_a_publisher_named_with_its_kind_is_a_company_but_a_kind_of_publisher_is_not():
    ex = extract_text("중소 출판사 두 곳이 랜섬웨어 공격을 받았다. 솔뫼출판사는 지난 2일 서버 6대가 멈췄다. "
                      "중소출판사 대부분은 보안 인력이 없다.")
    assert orgs(ex) == {("솔뫼출판사", "Company")}
    assert ("Ransomware", "serverCount", 6) in _figures(ex)


def test_figures_carried_into_a_sentence_about_another_company_are_that_companys():
    ex = extract_text("출판사 두 곳이 잇따라 랜섬웨어 공격을 받았다. ㈜하늬북스는 서버 7대가 암호화됐다고 밝혔다. "
                      "다음 날에는 ㈜솔빛미디어가 공격을 받았다. 솔빛미디어는 서버 3대가 잠겨 납품이 멈췄다.")
    figures = {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}
    assert figures == {("하늬북스", "serverCount", 7), ("솔빛미디어", "serverCount", 3)}


def test_the_team_an_agency_forms_is_not_the_target_of_its_investigation():
    ex = extract_text("별솔통신에서 고객 정보가 새어 나갔다. 방통위는 민관합동조사단을 구성해 지난 2일부터 회사의 보안 "
                      "실태를 조사하고 있다.")
    assert {(m.measure_type, m.issuer, m.target) for m in ex.measures} == {("Investigation", "방송통신위원회", "별솔통신")}


def test_a_measure_done_instead_of_is_rejected():
    ex = extract_text("한빛텔레콤은 가입자 정보 유출 사고와 관련해 위약금 면제 대신 요금 할인을 해 주기로 했다.")
    assert {(m.measure_type, m.status) for m in ex.measures} >= {("PenaltyWaiver", "rejected")}


def test_a_name_ending_like_a_time_word_is_no_rate_and_figures_follow_their_company_and_noun():
    # 모노하루 ends with 하루 (a day), which before a count makes it a rate only as a word of its own
    ex = extract_text("해커들은 아름에듀 회원 9만여 명과 모노하루 회원 4만여 명의 개인정보를 빼냈다.")
    figures = {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}
    assert figures == {("아름에듀", "victimCount", 90000), ("모노하루", "victimCount", 40000)}


def test_people_suing_a_company_are_claimants_and_a_kind_of_food_is_no_company():
    ex = extract_text("회원 38만여 명의 정보가 새어 나간 건강기능식품 쇼핑몰 청하생활건강이 배상 판결을 받았다. "
                      "피해자 1,842명이 청하생활건강을 상대로 낸 소송이다.")
    assert orgs(ex) == {("청하생활건강", "Company")}
    assert _figures(ex) == {("DataBreach", "victimCount", 380000)}


def test_suspects_the_police_send_to_prosecutors_are_no_company_target():
    ex = extract_text("경기남부경찰청 사이버수사대는 구름게임즈 회원 계정을 턴 일당 두 명을 붙잡아 수원지검에 송치했다.")
    assert ("PoliceReferral", "경기남부경찰청 사이버수사대", None) in {
        (m.measure_type, m.issuer, m.target) for m in ex.measures}


def test_a_company_subject_inside_the_polices_sentence_makes_its_own_referral():
    ex = extract_text("경찰은 다솜게임즈가 이상 접속을 감지하고 수사를 의뢰하자 곧바로 추적에 나섰다.")
    assert ("PoliceReferral", "다솜게임즈") in {(m.measure_type, m.issuer) for m in ex.measures}


def test_exercises_hypotheticals_and_a_products_capability_report_no_incident():
    drill = extract_text("과기정통부는 민간기업 530곳과 사이버 위기대응 모의훈련을 벌였다. 랜섬웨어 훈련에서는 서버 열두 대가 "
                         "한꺼번에 암호화됐다는 가상 상황을 주고 복구 시간을 쟀다.")
    product = extract_text("보안업체 큐브실드는 변종 악성코드 탐지율이 99.2%에 이르는 신제품을 내놨다. 한국인터넷진흥원에 "
                           "따르면 올해 상반기 국내 기업이 신고한 침해사고는 1,034건이다.")
    assert drill.incidents == () and product.incidents == ()
    # 가상 alone is no hypothetical: 가상자산 are what thieves take
    theft = extract_text("가상자산 거래소 비트해온에서 가상자산 30억 원어치가 외부로 빼돌려졌다.")
    assert {(i.incident_type, i.affected) for i in theft.incidents} == {("Hacking", "비트해온")}


def test_a_particle_the_analyser_reads_as_a_noun_still_ends_a_known_name():
    # 국토교통부도 → 국토교통부/NNP 도/NNG (도 is also a province)
    ex = extract_text("솔바람항공에서 회원 정보가 유출됐다. 국토교통부도 솔바람항공 예약 시스템의 보안 실태를 점검하기로 했다.")
    assert [t.tag for t in ex.analysed.sentences[-1].tokens[:2]] == ["NNP", "NNG"]  # the case this is about
    assert ("Investigation", "국토교통부", "planned") in {(m.measure_type, m.issuer, m.status) for m in ex.measures}


def test_an_airline_is_a_company_and_a_kind_of_airline_no_public_corporation():
    ex = extract_text("회원 정보 유출 사고를 낸 저비용항공사 솔바람항공이 피해 회원 전원에게 포인트를 지급하기로 했다.")
    assert orgs(ex) == {("솔바람항공", "Company")}
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "솔바람항공")}


def test_data_exposed_is_a_breach_and_a_file_format_no_organization():
    ex = extract_text("쿠팡, 회원 9만4천명 데이터 노출… PDF 파일 41만 건 공개 설정", title="쿠팡 데이터 노출")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "쿠팡")}
    assert "PDF" not in {m.name for m in ex.orgs}


def test_peoples_data_taken_is_a_breach_however_it_is_listed_but_money_is_not():
    listed = extract_text("쿠팡에서는 해커가 관리 페이지를 파고들어 구매 회원의 이름과 주소, 전화번호, 최근 주문 내역을 빼냈다.")
    assert {(i.incident_type, i.affected) for i in listed.incidents} == {("DataBreach", "쿠팡")}
    counted = extract_text("쿠팡 예약 서버에 해커가 침입해 회원 52만 명의 여권번호와 연락처를 빼 갔다.")
    assert ("DataBreach", "victimCount", 520000) in _figures(counted)
    money = extract_text("일당은 쿠팡 계좌에서 돈을 빼돌렸다.")
    assert money.incidents == ()


def test_a_headlines_seo_is_a_locative_and_a_bracket_holding_a_chief_is_no_part_of_a_name():
    ex = extract_text("코인거래소 비트오름은 핫월렛에서 코인이 빠져나갔다고 밝혔다.", title="코인거래소 비트오름서 64억 원어치 탈취")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Hacking", "비트오름")}
    release = extract_text("밀키트 정기배송 기업 새움키친(대표이사 오현철)이 외부 해킹으로 회원 정보 일부가 유출된 사실을 확인했다.")
    assert orgs(release) == {("새움키친", "Company")}


def test_an_explainers_bulleted_item_names_its_company_and_data_leaked_out_is_a_breach():
    ex = extract_text("석 달 사이에 벌어진 주요 사고를 정리했다.\n▲픽셀나래(게임사)=지난 8월 이용자 계정 2만5000개가 "
                      "도용돼 아이템을 빼앗겼다.\n▲솔향마켓(온라인 장보기몰)=7월 3일 주문 관리 서버가 해킹돼 회원 43만 명의 "
                      "이름과 주소, 전화번호가 빠져나갔다.")
    assert ("픽셀나래", "Company") in orgs(ex)
    figures = {(i.incident_type, i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}
    assert ("Hacking", "픽셀나래", "accountCount", 25000) in figures
    assert ("DataBreach", "솔향마켓", "victimCount", 430000) in figures


def test_a_companys_police_referral_names_no_target():
    ex = extract_text("가온마트는 랜섬웨어 감염 사실을 한국인터넷진흥원에 신고하고 경찰에 수사를 의뢰했다.")
    (ref,) = [m for m in ex.measures if m.measure_type == "PoliceReferral"]
    assert (ref.issuer, ref.target) == ("가온마트", None)


def test_with_no_company_the_public_body_an_incident_befell_is_the_target():
    ex = extract_text("한국공공데이터관리원 홈페이지가 해킹당해 회원 2만 명의 정보가 유출됐다. 행정안전부는 유출 경위를 "
                      "조사하고 있다.")
    assert ("Investigation", "행정안전부", "한국공공데이터관리원") in {
        (m.measure_type, m.issuer, m.target) for m in ex.measures}


def test_the_company_heading_its_own_clause_makes_its_compensation_beside_an_authority():
    ex = extract_text("머니온페이에서 부정결제가 이어졌다. 금융감독원이 현장 검사를 벌이고 있고, 머니온페이는 피해액을 전액 "
                      "보상하기로 했다.")
    assert ("Compensation", "머니온페이") in {(m.measure_type, m.issuer) for m in ex.measures}


def test_a_photo_credits_mark_before_a_reporters_name_is_no_part_of_it():
    ex = extract_text("경찰이 한빛콜텍 본사를 압수수색했다. /권태호 기자 고객 정보 유출 의혹을 받는 한빛콜텍이 압수수색을 받았다.")
    assert ("권태호", "기자") in {(p.name, p.role) for p in ex.persons}


def test_a_companys_branch_after_its_name_is_one_organization():
    ex = extract_text("대전 유성구 한뫼신협 노은지점의 창구 PC가 악성코드에 감염됐다. 신협중앙회는 노은지점 PC 여섯 대에서 "
                      "악성코드가 발견됐다고 밝혔다.")
    assert ("한뫼신협 노은지점", "Company") in orgs(ex)
    assert {i.affected for i in ex.incidents} == {"한뫼신협 노은지점"}


def test_parents_and_alumni_counted_in_a_schools_leak_are_victims():
    ex = extract_text("㈜지음교육에서는 해커가 서버에 침입해 학생과 학부모 27만여 명의 이름과 연락처 정보가 빠져나갔다.")
    assert ("DataBreach", "victimCount", 270000) in _figures(ex)


@pytest.mark.parametrize("sentence", [
    "증권사 한빛투자의 앱 계정이 뚫려 고객 돈 3억 원으로 주식이 무단 매매됐다.",
    "항공사 하늘마루의 회원 계정이 도용돼 마일리지가 무단으로 쓰였다.",
    "교통카드 운영사 누리패스의 선불카드 410장에 1억 원이 부정 충전됐다.",
])
def test_money_traded_spent_or_topped_up_without_consent_is_an_unauthorized_payment(sentence):
    ex = extract_text(sentence)
    assert "UnauthorizedPayment" in {i.incident_type for i in ex.incidents}


@pytest.mark.parametrize("sentence, name", [
    # a name the copula joins to a kind of company, as "쇼핑몰 X" does (the analyser splits 인)
    ("대형 출판사인 글나래가 랜섬웨어에 감염됐다.", "글나래"),
    ("국내 결제대행사인 다온결제가 해킹을 당했다.", "다온결제"),
    # a word the analyser does not know, the subject of an attack suffered (suffering_verbs.tsv)
    ("공연 예매를 대행하는 표나라온이 해킹을 당해 회원 정보가 빠져나갔다.", "표나라온"),
    ("지방 병원들의 전산을 맡은 메디솔이 랜섬웨어 공격을 받아 진료가 멈췄다.", "메디솔"),
])
def test_a_company_no_gazetteer_holds_is_read_from_how_the_sentence_describes_it(sentence, name):
    ex = extract_text(sentence)
    assert (name, "Company") in orgs(ex)
    assert {i.affected for i in ex.incidents} == {name}


def test_a_school_with_a_proper_name_is_an_organization_and_a_school_in_general_is_not():
    ex = extract_text("세종의 대안학교인 늘해랑온라인학교가 랜섬웨어에 감염됐다.")
    assert ("늘해랑온라인학교", "Company") in orgs(ex)
    assert not extract_text("부산의 한 고등학교가 해킹을 당했다.").orgs
    assert not extract_text("온라인학교가 해킹을 당했다.").orgs


def test_a_container_of_personal_data_taken_out_is_a_data_breach():
    """The data's container (개인정보가 담긴 문서) is what leaves; the breach is the data's."""
    ex = extract_text("달래군청 누리집의 게시판이 해킹을 당해 주민 개인정보가 담긴 신청 서류가 외부로 빠져나갔다.")
    assert {i.incident_type for i in ex.incidents} == {"DataBreach"}
    # Documents with no people's data in them taken: no breach of it (espionage is a hack).
    ex = extract_text("해커들이 미리내부 직원 계정을 탈취해 내부 회의 문서를 외부로 빼돌렸다.")
    assert "DataBreach" not in {i.incident_type for i in ex.incidents}


def test_photos_and_documents_counted_in_jang_are_records():
    ex = extract_text("차량 공유 업체 달림카에서 개인정보 유출 사고가 났다. 해외 IP에서 운전면허증 사진 3만2,100여장을 내려받은 기록이 나왔다.")
    assert ("DataBreach", "recordCount", 32100) in _figures(ex)


def test_an_amount_that_includes_the_cost_of_recovery_is_still_the_damage():
    """복구 in 복구 비용 names a cost; it does not say the money was got back (복구했다)."""
    ex = extract_text("랜섬웨어에 감염된 한솔대학교의 추정 피해액은 약 4억 원(복구 비용 포함)이다.")
    assert ("Ransomware", "damageAmount", 400000000) in _figures(ex)


@pytest.mark.parametrize("sentence", [
    "게임사 별빛소프트는 서버의 결함을 악용해 아이템을 복제한 이용자들을 고소했다.",
    "쇼핑몰 다래몰은 결제 화면의 버그를 악용한 부정 주문이 이어졌다고 밝혔다.",
])
def test_a_flaw_exploited_is_a_hack(sentence):
    assert {i.incident_type for i in extract_text(sentence).incidents} == {"Hacking"}


def test_a_one_syllable_cue_is_read_only_where_a_word_begins():
    """털 (털렸다) is a cue of a damage; the 털 inside 디지털 is not, and a share price in the
    byline's sentence stays no damage."""
    ex = extract_text("게임사 별빛소프트가 해킹을 당했다. 별빛소프트 주가는 이날 3.1% 내린 2만4,150원에 마감했다. "
                      "[디지털경제 한별 기자 hanbyeol@dgt.example.co.kr]")
    assert not [f for f in _figures(ex) if f[1] == "damageAmount"]
    assert ("Hacking", "damageAmount", 300000000) in _figures(extract_text("한빛증권이 해킹을 당해 고객 계좌가 털려 3억 원을 잃었다."))


def test_a_person_who_suffers_an_attack_is_no_company():
    assert not extract_text("자영업자 김민수가 해킹을 당했다.").orgs


def test_accounts_taken_over_to_divert_money_are_an_unauthorized_payment():
    ex = extract_text("배달앱 달리오에서 라이더 계정 900여 개가 탈취돼 정산금 1억 원을 가로챘다.")
    assert {i.incident_type for i in ex.incidents} == {"UnauthorizedPayment"}
    ex = extract_text("배달앱 달리오에서 라이더 계정이 무더기로 탈취돼 정산금이 엉뚱한 계좌로 빠져나갔다.")
    assert "Hacking" not in {i.incident_type for i in ex.incidents}


def test_the_riders_a_delivery_app_has_are_its_size_and_riders_harmed_are_victims():
    ex = extract_text("배달앱 달리오에서 라이더 계정이 탈취돼 정산금이 빠져나갔다. 공격자는 라이더 640명의 정산 계좌를 바꿔 놓았다. "
                      "달리오에 등록된 라이더는 약 7만명이다.")
    counts = {q.value for i in ex.incidents for q in i.quantities if q.prop == "victimCount"}
    assert 640 in counts and 70000 not in counts


def test_the_high_end_of_a_range_per_person_is_no_total():
    """적게는 …, 많게는 …: the second end is what the first is, here what one person lost."""
    ex = extract_text("쇼핑몰 다솜몰에서 부정결제가 일어나 피해액은 모두 2억 원으로 집계됐다. "
                      "한 사람이 잃은 돈은 적게는 5천 원, 많게는 90만 원이었다.")
    damages = {f[2] for f in _figures(ex) if f[1] == "damageAmount"}
    assert damages == {200000000}


@pytest.mark.parametrize("sentence, name", [
    # a genitive written solid with its noun (가람 + 의 + 마당) is one word: a name
    ("중고거래 플랫폼 가람의마당에서 회원 정보가 빠져나갔다. 가람의마당은 사과문을 냈다. 가람의마당 측은 조사에 협조하겠다고 밝혔다.",
     "가람의마당"),
    # a determiner solid with a noun (새 + 봄) before a company's suffix
    ("새봄건강검진센터가 랜섬웨어 공격을 받아 수검자 정보가 빠져나갔다.", "새봄건강검진센터"),
])
def test_a_name_written_solid_against_the_spacing_of_its_words_is_a_company(sentence, name):
    ex = extract_text(sentence)
    assert (name, "Company") in orgs(ex)
    assert name in {i.affected for i in ex.incidents}


def test_a_counting_determiner_solid_with_a_noun_makes_no_name():
    ex = extract_text("배달앱 '한끼배달' 운영사 다온푸드에서 회원 정보가 빠져나갔다. 한끼배달 이용자들이 불안해했다. 한끼배달는 사과했다.")
    assert "한끼배달" not in {name for name, _ in orgs(ex)}
    assert not extract_text("보건소는 한곳에서만 검진을 받으라고 안내했다.").orgs


def test_fines_given_in_brackets_after_each_company_are_theirs_and_no_damage():
    ex = extract_text("쇼핑몰 다솜몰과 숙박앱 나래스테이에서 고객 정보가 빠져나갔다. 개인정보보호위원회는 두 회사에 "
                      "과징금과 과태료를 부과했다. 다솜몰에는 과징금 2억 원이 매겨졌고, 과태료는 신고를 늦춘 "
                      "다솜몰(600만 원)과 보관 기간을 넘긴 나래스테이(300만 원)에 각각 부과됐다.")
    fines = {(m.target, m.amount) for m in ex.measures if m.measure_type == "Fine"}
    assert {("다솜몰", 200000000), ("다솜몰", 6000000), ("나래스테이", 3000000)} <= fines
    assert not [f for f in _figures(ex) if f[1] == "damageAmount"]


def test_a_count_with_a_bound_whose_data_was_taken_is_a_figure():
    """1천 명 이상의 인사 정보를 빼냈다 counts victims; 100만 원 이상의 피해를 본 회원 picks some out."""
    ex = extract_text("제조사 한울정밀이 해킹을 당했다. 공격 조직은 협력업체 직원 800명 이상의 인사 정보를 빼냈다.")
    assert ("DataBreach", "victimCount", 800) in _figures(ex) or ("Hacking", "victimCount", 800) in _figures(ex)


def test_figures_in_brackets_compared_with_are_earlier_values():
    ex = extract_text("한빛저축은행에서 예금이 무단 이체됐다. 누적 피해액은 9억 원가량으로, "
                      "1차 발표(피해 고객 90명, 피해액 3억 원) 때보다 세 배로 늘었다.")
    figures = _figures(ex)
    assert ("UnauthorizedPayment", "damageAmount", 900000000) in figures
    assert not [f for f in figures if f[2] in (90, 300000000)]


def test_people_who_file_a_suit_are_claimants_however_far_the_suit_is_named():
    ex = extract_text("결제대행사 다온페이에서 무단 결제가 이어졌다. 피해자 215명은 지난달 서울중앙지법에 "
                      "다온페이를 상대로 손해배상을 청구하는 소송을 냈다.")
    assert not [f for f in _figures(ex) if f[1] == "victimCount"]


def test_a_count_inside_one_account_is_a_rate():
    ex = extract_text("결제대행사 다온페이에서 무단 결제가 이어졌다. 관계자는 \"한 계정에서 하룻밤에 30건 넘게 결제되기도 했다\"고 말했다.")
    assert not [f for f in _figures(ex) if f[1] == "accountCount"]


def test_an_adverb_of_manner_may_stand_inside_a_trigger_but_not_a_denial():
    ex = extract_text("가상자산 거래소 코인하랑에서 핫월렛에 보관하던 코인이 한꺼번에 빠져나갔다.")
    assert ("Hacking", "코인하랑") in {(i.incident_type, i.affected) for i in ex.incidents}
    ex = extract_text("가상자산 거래소 코인하랑는 핫월렛의 코인이 전혀 빠져나가지 않았다고 밝혔다.")
    assert not ex.incidents


def test_a_security_firm_that_found_the_malware_is_not_the_company_hit():
    ex = extract_text("쇼핑몰 다솜몰의 주문 서버 6대에 악성코드가 깔렸고, 보안업체 한빛시큐어가 찾아낸 변종은 3종이다.")
    assert {i.affected for i in ex.incidents} == {"다솜몰"}
    ex = extract_text("보안업체 한빛시큐어가 랜섬웨어 공격을 받아 서버 4대가 멈췄다.")
    assert {i.affected for i in ex.incidents} == {"한빛시큐어"}


def test_a_compensation_whose_total_stands_in_brackets_is_read_with_it():
    ex = extract_text("쇼핑몰 다솜몰에서 회원 정보가 빠져나갔다. 다솜몰은 피해 회원 전원에게 1인당 적립금 1만 원(총 3,200만 원)을 "
                      "오는 20일까지 지급하기로 했다.")
    paid = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert [(m.status, m.amount) for m in paid] == [("imposed", 32000000)]


def test_an_incident_word_the_analyser_splits_in_three_is_still_read():
    """In running text the analyser may give 랜섬웨어 as 랜 + 섬 + 웨어."""
    ex = extract_text("청누리시교육청의 학사관리 서버가 랜섬웨어에 감염된 것은 지난 11일 새벽이었다.")
    assert ("Ransomware", "청누리시교육청") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_a_headline_about_a_public_bodys_own_incident_makes_it_the_victim():
    """The headline names the body right before the incident word; the only company is a
    professor's university, named as an employer, and it is not what the story is about."""
    ex = extract_text("교육청이 분석한 결과 공격 조직은 서버 9대를 암호화했다. "
                      "한도윤 가람정보대학교 컴퓨터공학과 교수는 \"백업을 따로 뒀어야 했다\"고 말했다.",
                      title="[심층] 멈춘 학교 전산망…누리시교육청 랜섬웨어가 남긴 숙제")
    assert {i.affected for i in ex.incidents} == {"누리시교육청"}
    assert ("Ransomware", "serverCount", 9) in _figures(ex)


def test_money_diverted_to_other_accounts_is_an_unauthorized_payment():
    ex = extract_text("충북 솔재군청 전산망에 침입한 해커가 주민들에게 갈 지원금을 다른 계좌로 빼돌렸다.")
    assert {i.incident_type for i in ex.incidents} == {"UnauthorizedPayment"}


def test_coins_sent_out_of_a_hot_wallet_without_consent_are_a_hack():
    ex = extract_text("가상자산 거래소 코인하랑은 핫월렛에 보관하던 이더리움이 외부 지갑으로 무단 전송됐다고 밝혔다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("Hacking", "코인하랑")}


def test_companies_a_group_word_counts_are_each_hit():
    ex = extract_text("호스팅 업체 솔빛클라우드의 고객사 가운데 쇼핑몰 다솜몰과 숙박앱 나래스테이 두 곳에서 회원 정보가 빠져나갔다.")
    assert {"다솜몰", "나래스테이"} <= {i.affected for i in ex.incidents if i.incident_type == "DataBreach"}


def test_a_public_body_that_decided_to_pay_back_has_compensated():
    """Whoever pays has decided: a county's 지급하기로 했다 is imposed, as a company's is."""
    ex = extract_text("충북 솔재군청 전산망에 침입한 해커가 지원금을 다른 계좌로 빼돌렸다. "
                      "군은 예비비로 1억 원을 마련해 피해 주민들에게 지원금을 다시 지급하기로 했다.")
    assert [(m.measure_type, m.status) for m in ex.measures if m.measure_type == "Compensation"] == [("Compensation", "imposed")]


@pytest.mark.parametrize("sentence, body", [
    # a file of people's data sent to the wrong people: the sender's breach, its recipients no victims
    ("경북 솔재군청이 주민 개인정보가 담긴 명단 파일을 봉사단체 회원 23명에게 잘못 발송했다.", "솔재군청"),
    # records looked up without cause by the body's own staff
    ("인천 해솔구청 공무원, 3년간 주민 정보 무단 열람", "해솔구청"),
])
def test_a_public_bodys_own_leak_is_its_incident(sentence, body):
    ex = extract_text(sentence, title=sentence)
    assert ("DataBreach", body) in {(i.incident_type, i.affected) for i in ex.incidents}
    assert not [f for f in _figures(ex) if f[1] == "victimCount" and f[2] == 23]


def test_a_finding_is_no_part_of_the_name_of_the_body_after_it():
    ex = extract_text("개인정보위 조사 결과 진흥원 직원은 신청자 명단 파일을 게시물에 첨부해 올렸다.")
    assert "개인정보위 조사 결과 진흥원" not in {m.name for m in ex.orgs}


@pytest.mark.parametrize("text, prop, values", [
    # a revised figure wins over the sentence's first statement of the old one
    ("누리대학교가 랜섬웨어 공격을 받았다. 대학은 서버 12대가 암호화됐다고 밝혔지만, "
     "점검을 마친 뒤 감염 서버는 당초 12대에서 20대로 늘었다.", "serverCount", {20}),
    # a damage grown over an earlier estimate is current
    ("부품 제조사 한울정밀이 랜섬웨어에 감염됐다. 회사는 피해액을 10억 원 안팎으로 봤지만, "
     "생산 차질이 길어지면서 누적 피해액은 25억 원으로 불어났다.", "damageAmount", {2500000000}),
    # parts of a total in a sentence of their own replace no total stated before
    ("통신사 다온텔레콤에서 가입자 개인정보가 빠져나갔다. 피해 가입자는 1만 명이다. "
     "이름만 나간 가입자가 7천 명, 계좌번호까지 새 나간 가입자가 3천 명이다.", "victimCount", {10000}),
    # a part after 이 가운데 leaves the figure it is part of
    ("여행사 햇빛투어에서 예약 기록이 빠져나갔다. 빠져나간 기록은 5만 건이고, "
     "이 가운데 여권 번호가 담긴 기록은 8천 건이다.", "recordCount", {50000}),
    # staff in charge of information security are no victims (정보 is no cue in 정보보안)
    ("솔재군청 누리집이 해킹을 당해 주민 개인정보가 빠져나갔다. 빠져나간 주민은 1천800여 명이다. "
     "군청에서 정보보안을 전담하는 공무원은 두 명뿐이다.", "victimCount", {1800}),
    # people described as joining a suit are claimants
    ("쇼핑몰 다솜몰에서 회원 86만 명의 정보가 빠져나갔다. 소송 참여 의사를 밝힌 회원은 이미 4천 명을 넘었다.",
     "victimCount", {860000}),
    # people's data downloaded is taken
    ("학습 서비스 꿈나래에듀에서는 외주 직원이 학생 6만9천여 명의 이름과 학년을 내려받아 외부에 넘겼다.",
     "victimCount", {69000}),
    # buyers handed the data and people the police chase are no victims
    ("쇼핑몰 가빈샵에서 고객 약 29만 명의 정보가 빠져나갔다. A씨는 대부 중개업자 등 일곱 명에게 정보를 넘기고 "
     "2억1천만 원을 받았다. 경찰은 대포통장 명의자 17명을 쫓고 있다.", "victimCount", {290000}),
    # patients whose care an outage delayed, or who were moved elsewhere, are no victims of the leak
    ("한아름병원이 랜섬웨어 공격을 받아 환자 3만4천여 명의 진료 기록이 빠져나갔다. 병원은 예약 환자 1천800여 "
     "명의 진료 일정도 다음 주로 미뤘다. 입원 환자 1천100여 명의 처방은 종이 차트로 대신했다.", "victimCount", {34000}),
    ("늘솜병원이 랜섬웨어 공격을 받아 환자 12만4천여 명의 진료기록이 빠져나갔다. 병원은 중증 환자 37명을 "
     "인근 병원으로 옮겼다.", "victimCount", {124000}),
    # what an organization runs is no figure of what was hit
    ("한빛대학교병원은 서버 21대가 랜섬웨어에 암호화됐다고 밝혔다. 병원이 운영하는 서버는 모두 58대로, "
     "나머지는 감염되지 않았다.", "serverCount", {21}),
    # the part hit of a whole, in words as in digits
    ("공연 예매 업체 소리마당티켓이 랜섬웨어 공격을 받았다. 사내 서버 열여섯 대 가운데 열두 대가 암호화됐다.",
     "serverCount", {12}),
])
def test_the_figure_of_a_kind_an_article_states_is_the_one_read(text, prop, values):
    assert {f[2] for f in _figures(extract_text(text)) if f[1] == prop} == values


def test_recipients_staff_and_data_security_are_read_from_data_files(tmp_path):
    # Emptying sending_verbs.tsv, staff_nouns.tsv and security_words.tsv undoes what each gives.
    from kgraph.lexicon import load_lexicon

    from conftest import copied_ontology

    def read(body: str, lexicon=None):
        ex = extract_text(body, lexicon=lexicon)
        return {(i.incident_type, i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities} or \
            {(i.incident_type, i.affected) for i in ex.incidents}

    sent = "나래시청은 주민 23명에게 파일을 잘못 발송했다."
    staff = "가온시청 공무원, 주민 정보 무단 열람"
    security = "정보보안 담당 공무원은 두 명이다. 해커가 다온몰 서버에 침입해 회원 1,200명의 정보를 빼냈다."
    assert read(sent) == {("DataBreach", "나래시청")}  # those it was sent to are no victims
    assert read(staff) == {("DataBreach", "가온시청")}  # its staff did it: the body's own leak
    assert read(security) == {("DataBreach", "다온몰", "victimCount", 1200)}
    folder = copied_ontology(tmp_path)
    for name in ("sending_verbs.tsv", "staff_nouns.tsv", "security_words.tsv"):
        path = folder / name
        kept = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#") or line == "word"]
        assert len(kept) < len(path.read_text(encoding="utf-8").splitlines())
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    lexicon = load_lexicon(str(folder))
    assert read(sent, lexicon) == {("DataBreach", "나래시청", "victimCount", 23)}
    assert read(staff, lexicon) == set()
    assert ("DataBreach", "다온몰", "victimCount", 2) in read(security, lexicon)


def test_an_amount_given_to_each_of_those_counted_is_a_rate_unless_marked_as_the_total():
    each = extract_text("온라인 쇼핑몰 보람몰에서 회원 정보가 유출됐다. 보람몰은 피해 회원 전원에게 적립금 2만 원을 "
                        "지급하기로 했고, 지급 규모는 모두 3억1천만 원이다.")
    assert [m.amount for m in each.measures if m.measure_type == "Compensation"] == [310_000_000]
    counted = extract_text("온라인 쇼핑몰 누리샵에서 고객 정보가 빠져나갔다. 누리샵은 피해 고객 4천 명에게 20만 원을 보상하기로 했다.")
    assert [m.amount for m in counted.measures if m.measure_type == "Compensation"] == [None]
    total = extract_text("온라인 쇼핑몰 누리샵에서 고객 정보가 빠져나갔다. 누리샵은 피해 고객 4천 명에게 모두 8억 원을 보상하기로 했다.")
    assert [m.amount for m in total.measures if m.measure_type == "Compensation"] == [800_000_000]


def test_common_nouns_written_solid_after_a_kind_of_company_are_its_name():
    ex = extract_text("해외여행 플랫폼 소풍길투어는 5일 예약 시스템이 해킹돼 회원 정보가 빠져나갔다고 밝혔다.")
    assert orgs(ex) == {("소풍길투어", "Company")}
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "소풍길투어")}


def test_a_figure_between_a_data_noun_and_its_verb_is_no_distance():
    ex = extract_text("물류업체 가람로지스의 서버가 멈추면서 주문 기록 12만여 건이 밖으로 흘러나갔다.")
    assert _figures(ex) == {("DataBreach", "recordCount", 120_000)}
    assert {i.affected for i in ex.incidents} == {"가람로지스"}


def test_a_sentence_naming_nobody_goes_on_about_the_company_the_one_before_names():
    ex = extract_text("여행사 바람길에서 회원 정보가 빠져나갔다. 업계에서 가장 큰 사고는 지난해 쇼핑몰 다온마켓에서 났다. "
                      "해커는 회원 31만여 명의 이름과 주소를 빼 갔다.")
    figures = {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}
    assert figures == {("다온마켓", "victimCount", 310_000)}


def test_whom_the_incident_befell_pays_the_fine_and_issues_none():
    ex = extract_text("충북 가온군청이 주민 명단을 엉뚱한 곳에 팩스로 보낸 일로 과태료를 물게 됐다. "
                      "개인정보보호위원회는 가온군청에 과태료 600만 원을 부과했다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("DataBreach", "가온군청")}
    assert {(m.measure_type, m.issuer, m.target) for m in ex.measures} <= {
        ("Fine", None, "가온군청"), ("Fine", "개인정보보호위원회", "가온군청")}
    assert ("Fine", "개인정보보호위원회", "가온군청") in {(m.measure_type, m.issuer, m.target) for m in ex.measures}


@pytest.mark.parametrize("text, figures", [
    # patients moved, a team formed: people a story counts for another reason than harm
    ("해람병원 서버가 랜섬웨어에 감염됐다. 응급 환자 40명은 인근 병원으로 옮겨졌다. 환자 3만 명의 진료 기록이 유출됐다.",
     {("Ransomware", "victimCount", 30_000)}),
    ("다온마켓에서 회원 정보가 유출됐다. 개인정보위는 전문가 등 6명으로 꾸린 점검반을 보냈다.", set()),
    # reports counted, not records
    ("다온마켓에서 회원 정보가 유출됐다. 올해 개인정보위에 들어온 유출 신고는 모두 312건이다.", set()),
    # people who hold what was taken are its victims, not things held
    ("업비트에서 코인이 빠져나갔다. 빠져나간 코인은 회원 8,400여 명이 맡겨 둔 자산이다.",
     {("Hacking", "victimCount", 8_400)}),
    # those who sued, described by two nouns before their count, are claimants
    ("통신사 KT를 상대로 소송을 낸 피해 가입자 2천여 명에게 배상하라는 판결이 나왔다. KT에서는 가입자 51만여 명의 "
     "정보가 유출됐다.", {("DataBreach", "victimCount", 510_000)}),
])
def test_people_and_cases_counted_for_another_reason_than_harm(text, figures):
    assert _figures(extract_text(text)) == figures


def test_a_malicious_apps_abilities_report_no_incident_and_savings_drained_are_a_payment():
    ex = extract_text("가온은행을 사칭한 악성 앱이 퍼졌다. 앱은 연락처를 빼내는 기능까지 갖췄다. "
                      "일부 고객은 가온은행 계좌에서 예금이 빠져나갔다.")
    assert {(i.incident_type, i.affected) for i in ex.incidents} == {("UnauthorizedPayment", "가온은행")}


def test_money_taken_from_accounts_is_an_unauthorized_payment():
    ex = extract_text("해커가 한빛저축은행 고객 PC에 악성코드를 심은 뒤 고객 계좌 41개에서 모두 3억2천만 원을 빼냈다.")
    assert ("UnauthorizedPayment", "accountCount", 41) in _figures(ex)
    drained = extract_text("인터넷뱅킹이 뚫려 고객 예금이 대포통장으로 빠져나간 한빛저축은행이 중징계를 받았다.")
    assert {(i.incident_type, i.affected) for i in drained.incidents} == {("UnauthorizedPayment", "한빛저축은행")}
    ordered = extract_text("도톰몰 회원 계정 2천여 개로 상품권을 몰래 주문한 사실이 드러났다.")
    assert _figures(ordered) == {("UnauthorizedPayment", "accountCount", 2_000)}


def test_a_reporter_whose_name_ends_like_a_particle_and_one_who_signs_off():
    ex = extract_text("한빛저축은행 고객 정보가 유출됐다.\n\n박세린 기자 serin@example.kr")
    assert {(p.name, p.role) for p in ex.persons} == {("박세린", "기자")}  # 박세리 + ᆫ to the analyser
    aired = extract_text("한빛병원이 랜섬웨어 공격을 받았습니다.\n\nMBC 뉴스 하예린입니다.")
    assert {(p.name, p.role, p.affiliation) for p in aired.persons} == {("하예린", "기자", "MBC")}


def test_with_no_company_a_sentence_naming_nobody_goes_on_about_the_body_already_hit():
    ex = extract_text("해커가 업무용 이메일 계정 20여 개를 탈취했다. 빠져나간 문서는 4천여 건이다.",
                      title="해람시청 이메일 계정 해킹")
    assert ("DataBreach", "recordCount", 4_000) in _figures(ex)
    assert {i.affected for i in ex.incidents} == {"해람시청"}


def test_consolation_money_claimed_is_compensation_and_a_network_is_no_company():
    ex = extract_text("쇼핑몰 한빛몰에서 회원 정보가 유출됐다. 피해자 300명은 한빛몰을 상대로 1인당 20만 원씩 모두 6천만 원의 "
                      "위자료를 청구하는 소송을 냈다.")
    assert {(m.measure_type, m.target, m.amount) for m in ex.measures} == {("Compensation", "한빛몰", 60_000_000)}
    core = extract_text("통신사 은결텔레콤의 5G 코어망 서버 17대가 악성코드에 감염됐다.")
    assert {(i.affected, q.prop, q.value) for i in core.incidents for q in i.quantities} == {("은결텔레콤", "serverCount", 17)}


def test_what_one_named_person_lost_is_not_the_incidents_damage():
    ex = extract_text("온라인 쇼핑몰 도톰마켓 회원 김모씨(34)는 적립금 18만 원이 한꺼번에 사라진 것을 알았다. 도톰마켓은 회원 "
                      "계정 4만3천여 개가 도용돼 부정 결제 피해가 났으며 피해 금액은 3억7천600만 원이라고 밝혔다.")
    assert {(q.prop, q.value) for i in ex.incidents for q in i.quantities if q.prop == "damageAmount"} == {
        ("damageAmount", 376_000_000)}


def test_an_amount_written_with_about_inside_it_is_read():
    ex = extract_text("새얼카드 회원 1,180명의 카드가 해외에서 부정 결제돼 모두 2억9천여만 원의 피해가 났다.")
    assert ("UnauthorizedPayment", "damageAmount", 290_000_000) in _figures(ex)


def test_a_modifier_written_solid_with_nouns_after_a_kind_of_company_is_its_name():
    ex = extract_text("개인정보위는 안경 프랜차이즈 맑은눈안경(과징금 4억2천만 원)에 과징금을 물렸다.")
    assert ("맑은눈안경", "Company") in orgs(ex)
    assert {(m.measure_type, m.target, m.amount) for m in ex.measures} == {("Fine", "맑은눈안경", 420_000_000)}


@pytest.mark.parametrize("text, found", [
    ("KT 서버 9대가 한꺼번에 암호화돼 업무를 할 수 없게 됐다.", {("Ransomware", "KT")}),  # 암호 + 화, then a consequence
    ("KT는 카드 번호를 별도 시스템에 암호화해 보관한다고 밝혔다.", set()),  # how data is kept safe
    ("KT는 카드 번호가 별도 서버에 암호화돼 있어 안전하다고 밝혔다.", set()),
    ("KT 전산센터 전원 고장에 ATM 4시간 먹통…\"해킹 아냐\"", set()),  # 아냐 read as 알 + 냐
])
def test_encryption_words_split_by_the_analyser_and_denials(text, found):
    assert {(i.incident_type, i.affected) for i in extract_text(text).incidents} == found


def test_a_sales_base_is_no_fine_and_lost_sales_are_damage():
    fined = extract_text("개인정보위는 KT에 과징금을 부과했다. 과징금은 관련 매출 1조1천800억 원을 기준으로 산정됐다.")
    assert {m.amount for m in fined.measures} == {None}
    lost = extract_text("KT 서버가 랜섬웨어에 감염됐다. 주문이 끊긴 사흘 동안의 매출 손실만 11억 원가량이다.")
    assert _figures(lost) == {("Ransomware", "damageAmount", 1_100_000_000)}


def test_a_figure_of_none_is_no_figure():
    ex = extract_text("쇼핑몰 두레몰은 '개인정보 유출 0건'을 광고했지만 회원 정보 1만 건이 유출됐다.")
    assert _figures(ex) == {("DataBreach", "recordCount", 10_000)}


@pytest.mark.parametrize("text", [
    "육서진 의원은 \"한국인터넷진흥원(KISA)의 침해사고 대응 인력은 140명 남짓\"이라고 말했다.",  # a line of work
    "보안업체 시큐노바는 지난해 고객사 전산망을 노린 해킹 시도 4천700만여 건을 차단했다고 밝혔다.",  # attempts
    "시큐노바는 랜섬웨어 변종 3천200여 종으로 탐지 모델을 학습시켰다고 설명했다.",  # a product's training
])
def test_work_attempts_and_a_products_training_report_no_incident(text):
    assert extract_text(text).incidents == ()


def test_a_figure_before_a_passive_survey_word_reports_what_was_found():
    ex = extract_text("태풍으로 KT 기지국 40곳이 멈췄다. 농작물 피해 면적은 4천600헥타르로 조사됐다.")
    assert ex.measures == ()


@pytest.mark.parametrize("text, fined", [
    ("온라인 쇼핑몰 다온몰에서 회원 정보가 유출됐다. 2025년 4월 SK텔레콤에서는 가입자 정보가 유출됐고, 개인정보위는 "
     "그해 8월 이 회사에 1천347억여원의 과징금을 매겼다.", "SK텔레콤"),
    ("온라인 쇼핑몰 다온몰에서 회원 정보가 유출됐다. 지난해 든든해상보험에서는 계약 정보가 새 나갔고, 이 회사가 "
     "금융위원회에서 받은 처분은 과태료 3천600만 원이었다.", "든든해상보험"),
])
def test_a_demonstrative_points_back_to_the_company_named_before_it(text, fined):
    assert {m.target for m in extract_text(text).measures if m.measure_type == "Fine"} == {fined}


def test_an_increase_after_the_cumulative_figure_is_not_a_part_of_it():
    ex = extract_text("간편결제 앱 온동네페이에서 부정결제 피해가 났다. 온동네페이는 누적 피해자가 2,418명으로 전날보다 "
                      "326명 늘었고, 누적 피해액은 7억9천만원으로 하루 사이 1억1천만원 불었다고 밝혔다.")
    assert _figures(ex) == {("UnauthorizedPayment", "victimCount", 2_418),
                            ("UnauthorizedPayment", "damageAmount", 790_000_000)}


def test_coins_moved_out_to_an_outside_wallet_are_a_hack():
    ex = extract_text("경찰청은 가상자산 거래소 디딤비트에서 이더리움 6천2백여 개가 외부 지갑으로 옮겨진 사건을 북한 "
                      "해킹조직이 벌인 것으로 결론 내렸다. 공격자들은 개발자 PC에 악성코드를 심었다.")
    assert ("Hacking", "디딤비트") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_a_sentence_naming_nobody_goes_on_about_a_company_two_sentences_back():
    ex = extract_text("온라인 서점 온책방이 공격을 받았습니다. 출판사 파랑새북스는 편집실 문을 닫았습니다. 직원들이 종이 "
                      "교정지를 펼쳐 놓고 일하고 있습니다. 지난 1일 새벽 사내 서버 아홉 대가 한꺼번에 암호화됐습니다.")
    assert ("파랑새북스", "serverCount", 9) in {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}


def test_demonstratives_networks_and_increases_are_read_from_data_files(tmp_path):
    # company_anaphors.tsv (points_back), system_nouns.tsv (network) and growth_words.tsv steer them.
    from kgraph.lexicon import load_lexicon

    from conftest import copied_ontology

    fined = ("온라인 쇼핑몰 다온몰에서 회원 정보가 유출됐다. 2025년 4월 SK텔레콤에서는 가입자 정보가 유출됐고, "
             "개인정보위는 그해 8월 이 회사에 1천347억여원의 과징금을 매겼다.")
    core = "통신사 은결텔레콤의 5G 코어망 서버 17대가 악성코드에 감염됐다."
    grown = "간편결제 앱 온동네페이에서 부정결제 피해가 났다. 온동네페이는 누적 피해자가 2,418명으로 전날보다 326명 늘었다고 밝혔다."
    assert {m.target for m in extract_text(fined).measures if m.measure_type == "Fine"} == {"SK텔레콤"}
    assert ("코어망", "Company") not in orgs(extract_text(core))
    assert _figures(extract_text(grown)) == {("UnauthorizedPayment", "victimCount", 2_418)}
    folder = copied_ontology(tmp_path)
    for name, line, edited in (("company_anaphors.tsv", "이 회사\tyes", "이 회사"), ("system_nouns.tsv", "코어망\tyes", "코어망"),
                               ("growth_words.tsv", "늘\tgrowth\n", "")):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert line in text
        path.write_text(text.replace(line, edited), encoding="utf-8")
    lexicon = load_lexicon(str(folder))
    assert {m.target for m in extract_text(fined, lexicon=lexicon).measures if m.measure_type == "Fine"} == {"다온몰"}
    assert ("코어망", "Company") in orgs(extract_text(core, lexicon=lexicon))
    assert _figures(extract_text(grown, lexicon=lexicon)) == set()  # 2,418 and 326: parts with no total


@pytest.mark.parametrize("text, name, figure", [
    ("협력업체 시스템을 통해 고객 정보가 새 나간 다온해상보험(이하 다온해상)의 피해 고객이 4만1천여 명으로 늘었다.",
     "다온해상보험", 41_000),
    ("가람재활병원(환자 42명)의 진료 서버가 암호화됐다.", "가람재활병원", 42),
])
def test_an_aside_in_brackets_after_a_name_ends_the_name(text, name, figure):
    ex = extract_text(text)
    assert (name, figure) in {(i.affected, q.value) for i in ex.incidents for q in i.quantities}


def test_a_bracket_naming_a_person_after_a_court_division_is_no_aside():
    ex = extract_text("수원지방법원 형사11부(노재훈 부장판사)는 A씨에게 징역 3년을 선고했다.")
    assert not any("형사11부" in name for name, _ in orgs(ex))


def test_companies_listed_with_their_figures_in_brackets_each_take_the_incident():
    ex = extract_text("경남의 요양병원 세 곳이 같은 공격을 받았다. 창원해맞이요양병원(환자 4천2백여 명), 아롱아동병원"
                      "(1천650명), 온누림산부인과병원(930명)의 전산 서버가 차례로 암호화됐다.")
    hit = {(i.incident_type, i.affected) for i in ex.incidents}
    assert {("Ransomware", "아롱아동병원"), ("Ransomware", "온누림산부인과병원")} <= hit
    assert ("온누림산부인과병원", "victimCount", 930) in {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}


def test_two_companies_joined_before_a_possessive_are_both_hit():
    ex = extract_text("새벽 사이 가람재활병원과 너울한방병원의 서버가 암호화됐다.")
    assert {("Ransomware", "가람재활병원"), ("Ransomware", "너울한방병원")} <= {(i.incident_type, i.affected) for i in ex.incidents}


@pytest.mark.parametrize("name", ["갈매기로지스", "한빛제약", "꽃마루몰", "바른길에셋", "다온인베스트먼트"])
def test_lines_of_business_as_name_endings(name):
    assert (name, "Company") in orgs(extract_text(f"지난 3일 {name}에서 고객 정보가 빠져나갔다."))


def test_a_generic_mall_is_no_company():
    assert not any(name == "복지몰" for name, _ in orgs(extract_text("공무원 복지몰에서 포인트가 빠져나갔다.")))


def test_a_fragment_after_an_item_fines_the_item_company():
    ex = extract_text("공정위는 골라담기, 빛살티켓 등 2개 사업자에 과징금을 부과한다고 8일 밝혔다.\n"
                      "▲골라담기(종합 쇼핑몰) = 자동 갱신 사실을 알리지 않음. 과징금 6억2천만 원\n"
                      "▲빛살티켓(공연 예매) = 수수료를 마지막 단계에서야 보여 줌. 과징금 3억5천만 원")
    amounts = {(m.target, m.amount) for m in ex.measures if m.measure_type == "Fine" and m.amount}
    assert amounts == {("골라담기", 620_000_000), ("빛살티켓", 350_000_000)}


def test_a_question_naming_nobody_asks_of_the_company_its_answer_names():
    ex = extract_text("햇귀신협에서는 조합원 계좌 열두 개에서 약 2억 원이 무단 이체됐다.\n―영업정지도 나왔나.\n"
                      "단아투자증권은 다음 달 1일부터 석 달 동안 비대면 신규 계좌 개설이 막힌다.",
                      title="금융위, 단아투자증권 영업정지")
    assert "햇귀신협" not in {m.target for m in ex.measures if m.measure_type == "BusinessSuspension"}


def test_a_measure_of_an_unnamed_company_is_not_the_story_company():
    ex = extract_text("새솔캐피탈에서 고객 정보가 유출됐다. 새솔캐피탈은 사과했다. 업계에서는 2023년에도 한 중소 캐피탈사가 "
                      "과징금을 받은 바 있다.")
    assert not any(m.measure_type == "Fine" for m in ex.measures)



def test_not_even_one_is_no_figure():
    ex = extract_text("온새미몰 서버가 해킹됐다. 온새미몰은 \"빠져나간 데이터는 단 한 건도 확인되지 않았다\"고 밝혔다.")
    assert not any(q.value == 1 for i in ex.incidents for q in i.quantities)


def test_one_amount_after_two_joined_measure_words_is_their_total():
    ex = extract_text("개인정보위는 고객 여권정보가 유출된 구름나래투어에 과징금·과태료 3억9천만원을 부과했다.")
    fines = [m for m in ex.measures if m.measure_type == "Fine"]
    assert fines and all(m.amount is None for m in fines)
    ex = extract_text("개인정보위는 여권정보가 유출된 구름나래투어에 과징금 3억8천400만 원과 과태료 720만 원을 부과했다.")
    assert {m.amount for m in ex.measures if m.measure_type == "Fine"} == {384_000_000, 7_200_000}


def test_members_counted_before_a_damages_suit_are_claimants():
    ex = extract_text("바로핏에서 회원 27만3천여 명의 정보가 빠져나갔다.", title="바로핏 회원 1,318명 손배소…회사는 불복")
    assert _figures(ex) == {("DataBreach", "victimCount", 273_000)}


def test_each_company_of_a_list_takes_the_figures_in_its_brackets():
    ex = extract_text("광주 병원 세 곳이 같은 공격을 받았다. 비나리병원(서버 5대·환자 1천350명), 소솜요양병원(서버 2대·"
                      "환자 860명), 아띠재활병원(서버 3대)의 전산 서버가 차례로 암호화됐다.")
    got = {(i.affected, q.prop, q.value) for i in ex.incidents for q in i.quantities}
    assert {("비나리병원", "serverCount", 5), ("비나리병원", "victimCount", 1_350), ("소솜요양병원", "victimCount", 860),
            ("아띠재활병원", "serverCount", 3)} <= got


def test_a_district_court_unnamed_is_no_organization():
    ex = extract_text("법원행정처는 공격자가 한 지방법원 직원의 VPN 계정을 도용해 내부망에 들어왔다고 밝혔다.")
    assert "지방법원" not in {name for name, _ in orgs(ex)}


def test_an_exchange_s_own_account_taken_over_to_pay_out_is_a_hack():
    ex = extract_text("가상자산 거래소 코인하랑에서 217억 원어치 코인이 외부 지갑으로 빠져나갔다. 회사는 출금 승인 서버의 "
                      "관리자 계정이 도용되면서 정상 출금처럼 처리된 것으로 보고 있다.")
    assert {i.incident_type for i in ex.incidents} == {"Hacking"}
    ex = extract_text("쇼핑몰 가빈샵에서 회원 계정 2만여 개가 도용돼 4억여 원이 결제됐다.")
    assert "UnauthorizedPayment" in {i.incident_type for i in ex.incidents}


def test_a_correction_notice_drops_what_it_retells_of_the_earlier_article():
    body = ("[정정보도] 본지는 6월 11일자 기사에서 솔숲병원의 유출 피해 환자를 1천200명으로 보도했습니다. 확인 결과 "
            "유출 피해 환자는 1만2천여 명이기에 바로잡습니다.\n솔숲병원에서 환자 1만2천여 명의 개인정보가 외부로 빠져나갔다.")
    assert _figures(extract_text(body)) == {("DataBreach", "victimCount", 12_000)}
    # Outside a correction notice, what another outlet reported stays a fact.
    told = "솔숲병원에서 환자 1천200명의 개인정보가 외부로 빠져나갔다고 지역 방송이 보도했다."
    assert _figures(extract_text(told)) == {("DataBreach", "victimCount", 1_200)}


def test_a_company_heading_an_item_with_a_colon_is_what_the_item_is_about():
    ex = extract_text("금융위원회는 금융회사 2곳에 제재를 의결했다.\n"
                      "- 벼리솔저축은행: 고객 3만8천여 명의 개인신용정보가 외부로 유출됨. 신용정보법 위반으로 과징금 9억6천만 원 부과\n"
                      "- 한아람캐피탈: 서버 3대가 랜섬웨어에 암호화됨. 규정 위반으로 과태료 7천200만 원 부과")
    assert {(m.target, m.amount) for m in ex.measures if m.measure_type == "Fine" and m.amount} == {
        ("벼리솔저축은행", 960_000_000), ("한아람캐피탈", 72_000_000)}


def test_the_part_of_a_whole_that_was_hit_is_counted_and_a_ratio_is_not():
    ex = extract_text("출판사 책누리가 랜섬웨어 공격을 받았다. 책누리는 사내 서버 13대 가운데 10대가 한꺼번에 암호화됐다고 밝혔다.")
    assert _figures(ex) == {("Ransomware", "serverCount", 10)}
    ex = extract_text("결제대행사 온결페이에서 부정결제가 일어났다. 온결페이 이용자 6명 중 1명꼴로 결제 피해를 봤다.")
    assert not any(q.value in (6, 1) for i in ex.incidents for q in i.quantities)


def test_the_one_who_lost_most_is_no_total():
    ex = extract_text("청아람카드 회원 1천74명의 카드로 해외에서 부정결제가 이뤄져 피해액이 7억8천만 원에 이르렀다. "
                      "가장 많이 결제된 회원은 480만 원이었다.")
    assert ("UnauthorizedPayment", "damageAmount", 4_800_000) not in _figures(ex)
    assert ("UnauthorizedPayment", "damageAmount", 780_000_000) in _figures(ex)




@pytest.mark.parametrize("text, damage", [
    ("여울호스팅 서버가 악성코드에 감염됐다. 여울호스팅은 장비를 교체하는 데 모두 6,300만원 상당의 비용이 들었다고 밝혔다.",
     63_000_000),
    ("게임사 곰솔게임즈에서 아이템 복제 해킹이 일어났다. 복제된 아이템은 중개 사이트 시세로 약 7억8천만 원어치다.", 780_000_000),
    ("꿈틀장터 회원 정보가 유출됐다.\n- 피해액: 1억2천만원(회사 추산 복구·보상 비용)", 120_000_000),
])
def test_costs_values_and_bare_amounts_are_damage(text, damage):
    assert damage in {q.value for i in extract_text(text).incidents for q in i.quantities if q.prop == "damageAmount"}


def test_a_headline_amount_before_a_word_of_losing_it_is_damage():
    ex = extract_text("가상자산 거래소 코인여울에서 핫월렛 코인이 외부 지갑으로 빠져나갔다.", title="코인여울 핫월렛서 142억 증발")
    assert 14_200_000_000 in {q.value for i in ex.incidents for q in i.quantities if q.prop == "damageAmount"}


@pytest.mark.parametrize("text", [
    "출판사 청암북스가 랜섬웨어 공격을 받았다. 해커는 복구 대가로 비트코인 15개, 당시 시세로 약 14억 원을 요구했다.",
    "거래소 디딤비트에서 이더리움이 빠져나갔다. 이후 이더리움 가격이 오르면서 현재 시세로 따지면 약 310억원에 이른다.",
    "렌터카 업체 바람길렌터카에서 고객 정보가 유출됐다. 이들은 빼낸 정보를 한 건에 300원 안팎을 받고 넘겼다.",
])
def test_ransoms_later_values_and_prices_per_record_are_no_damage(text):
    assert not any(q.prop == "damageAmount" for i in extract_text(text).incidents for q in i.quantities)


def test_the_cost_of_compensating_is_the_compensation_s_amount():
    ex = extract_text("별빛소프트에서 계정이 도용돼 아이템이 빠져나갔다. 별빛소프트는 1인당 최대 50만원 상당의 게임 재화를 "
                      "지급하기로 했으며, 보상에 드는 비용은 총 5억원으로 추산했다.")
    assert 500_000_000 in {m.amount for m in ex.measures if m.measure_type == "Compensation"}


def test_a_court_is_never_the_payer_of_a_claim():
    ex = extract_text("오픈마켓 다온몰에서 회원 정보가 유출됐다. 법무법인 새온은 피해 회원 1천200명을 대리해 1인당 20만 원씩 "
                      "모두 2억4천만 원의 손해배상을 청구하는 소송을 지난 10일 서울중앙지법에 냈다.")
    claims = [m for m in ex.measures if m.measure_type == "Compensation"]
    assert claims and all(m.target == "다온몰" for m in claims)


def test_attacks_counted_as_cases_and_asked_about_are_no_incident():
    ex = extract_text("보안업체 에버가드는 관제 기업이다.\n- 올해 침해사고, 숫자로 보면 어떤가.\n\"한국인터넷진흥원 집계로 신고된 "
                      "침해사고가 2,187건입니다. 이 가운데 랜섬웨어가 412건인데, 제조업 비중이 커졌습니다.\"")
    assert ex.incidents == ()
    ex = extract_text("온빛카드는 회원 카드 정보가 도용돼 해외 가맹점에서 부정결제 1,300여 건이 이뤄졌다고 밝혔다.")
    assert "UnauthorizedPayment" in {i.incident_type for i in ex.incidents}


def test_a_joint_between_two_marked_names_ends_the_first():
    ex = extract_text("개인정보위는 ㈜미르온헬스·㈜해솔빛가구에 과징금을 부과했다.")
    assert "미르온헬스" in {name for name, _ in orgs(ex)}
    assert not any("·" in name for name, _ in orgs(ex))


def test_q_and_a_marks_are_no_organizations():
    ex = extract_text("Q. 어떤 정보가 유출됐나.\nA. 이랑카드는 서버에 악성코드가 심어진 사실을 발견했다.")
    assert not ({"Q.", "A.", "Q", "A"} & {name for name, _ in orgs(ex)})


def test_payment_damage_and_accounts_taken_control_of_are_incidents():
    ex = extract_text("쇼핑몰 담쟁이몰에서 결제 피해를 본 회원 1,312명의 피해액은 모두 2억9천만 원으로 집계됐다.")
    assert ("UnauthorizedPayment", "damageAmount", 290_000_000) in _figures(ex)
    ex = extract_text("예매 사이트 노을빛티켓에서 해커가 회원 계정 4만1천여 개를 장악했다.")
    assert ("Hacking", "accountCount", 41_000) in _figures(ex)



def test_a_name_whose_first_syllables_read_as_a_particle_is_found():
    ex = extract_text("중견 카드사 이랑카드에서 회원 46만여 명의 카드 정보가 빠져나갔다.")
    assert ("DataBreach", "이랑카드") in {(i.incident_type, i.affected) for i in ex.incidents}
    # …but not a contracted particle (미리내 = 미리 + 나 + 의: no 내텔레콤)
    ex = extract_text("명현우 미리내텔레콤 대표는 \"깊이 사과드린다\"고 말했다.")
    assert not any(name.startswith("내") for name, _ in orgs(ex))



def test_a_condition_closed_by_an_earlier_clause_does_not_reach_the_incident():
    ex = extract_text("여행사 다님투어는 주소창의 번호만 바꾸면 다른 고객의 예약 내역이 열리는 허점이 드러났고, 이 틈으로 "
                      "예약 기록 3만8,600건이 외부로 새 나갔다.")
    assert _figures(ex) == {("DataBreach", "recordCount", 38_600)}
    # …while a condition of the incident's own clause still makes it only possible
    ex = extract_text("여행사 다님투어는 서버가 뚫리면 예약 기록 3만8,600건이 외부로 새 나갈 수 있다고 밝혔다.")
    assert _figures(ex) == set()


def test_histories_are_records_and_grouping_frames_a_count():
    ex = extract_text("도래시립중앙도서관 회원 정보가 유출됐다. 함께 빠져나간 대출 이력은 31만2천여 건에 이른다.")
    assert ("DataBreach", "recordCount", 312_000) in _figures(ex)
    ex = extract_text("택배업체 나르샘익스프레스에서 고객 정보가 유출됐다. 여러 차례 주고받은 경우를 하나로 묶으면 정보가 새 "
                      "나간 고객은 52만3천여 명이다.")
    assert ("DataBreach", "victimCount", 523_000) in _figures(ex)


def test_an_incident_verb_denied_by_its_own_auxiliary_is_no_incident():
    ex = extract_text("금강은행은 ATM 63대가 악성코드에 감염된 사실을 확인했다. 고객 정보는 빠져나가지 않은 것으로 파악됐다.")
    assert {i.incident_type for i in ex.incidents} == {"MalwareInfection"}
    assert ("MalwareInfection", "serverCount", 63) in _figures(ex)


def test_books_end_a_company_name():
    ex = extract_text("온라인 서점 책갈피북스에서 회원 18만6천여 명의 주문 기록 52만여 건이 빠져나갔다.")
    assert ("DataBreach", "책갈피북스") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_data_that_went_out_is_taken_and_one_at_a_time_is_no_figure():
    ex = extract_text("핀테크 업체 가빈페이에서 외부로 나간 정보는 이름, 휴대전화 번호 등 82만여 건이다. 공격자는 회원 정보를 "
                      "한 건씩 불러냈다.")
    assert _figures(ex) == {("DataBreach", "recordCount", 820_000)}


def test_a_poll_is_no_investigation():
    ex = extract_text("강원일보가 여론조사 전문기관에 맡겨 유권자 1천6명에게 물은 결과 함도경 후보가 앞섰다. 이번 조사는 무선 "
                      "전화면접 방식으로 진행됐다.")
    assert not any(m.measure_type == "Investigation" for m in ex.measures)


def test_attacks_counted_with_their_noun_are_a_statistic():
    ex = extract_text("보안업체 넷가람은 행사를 열었다. 그는 \"지난해 보고된 랜섬웨어 공격은 6천100건 안팎\"이라고 말했다.")
    assert ex.incidents == ()


@pytest.mark.parametrize("name", ["라온호텔", "푸른파도면세점", "약손헬스케어"])
def test_hotels_duty_free_shops_and_health_care_end_names(name):
    ex = extract_text(f"{name}에서 고객 8만6천여 명의 개인정보가 빠져나갔다.")
    assert ("DataBreach", name) in {(i.incident_type, i.affected) for i in ex.incidents}



def test_a_correction_retelling_what_the_earlier_article_printed_gives_no_fine():
    ex = extract_text("[바로잡습니다] 이 기사는 개인정보위가 온누비생명에 물린 과징금 액수를 '38억 원'으로 적었습니다. "
                      "과징금은 3억8천만 원이기에 바로잡습니다.")
    assert 3_800_000_000 not in {m.amount for m in ex.measures}


def test_a_table_in_text_lines_gives_each_row_its_figures_and_the_total_row_none():
    ex = extract_text("한빛마켓과 누리마켓에서 회원 계정으로 부정결제가 잇따랐다. 두 곳의 피해는 다음과 같다.\n"
                      "구분 / 피해 회원 / 피해 건수 / 피해액\n"
                      "한빛마켓 / 1,210명 / 3,020건 / 3,400만 원\n"
                      "누리마켓 / 880명 / 1,400건 / 2,150만 원\n"
                      "합계 / 2,090명 / 4,420건 / 5,550만 원")
    assert _figures_by_org(ex) == {
        ("UnauthorizedPayment", "한빛마켓", "victimCount", 1210), ("UnauthorizedPayment", "한빛마켓", "damageAmount", 34_000_000),
        ("UnauthorizedPayment", "누리마켓", "victimCount", 880), ("UnauthorizedPayment", "누리마켓", "damageAmount", 21_500_000),
    }


def test_a_table_s_header_gives_the_unit_and_a_kind_of_company_names_its_rows():
    ex = extract_text("호스팅 업체의 관리 서버를 거쳐 입점 쇼핑몰 두 곳의 회원 정보가 빠져나갔다.\n"
                      "쇼핑몰 | 업종 | 유출 회원(명) | 유출 항목\n"
                      "| 솔바람 | 화장품 | 23,140 | 이름·연락처 |\n"
                      "|---|---|---|---|\n"
                      "| 다래 | 공구 | 7,260 | 이름 |")
    assert {m.name for m in ex.orgs} >= {"솔바람", "다래"}
    assert _figures_by_org(ex) == {("DataBreach", "솔바람", "victimCount", 23_140), ("DataBreach", "다래", "victimCount", 7_260)}


@pytest.mark.parametrize("header", ["구분 / 2029년 피해 회원 / 피해액", "구분 / 피해 회원"])
def test_a_header_with_a_digit_or_rows_of_another_width_make_no_table(header):
    ex = extract_text(f"한빛마켓에서 회원 정보가 빠져나갔다.\n{header}\n한빛마켓 / 1,210명 / 3,400만 원")
    assert not any(q.value == 1210 for i in ex.incidents for q in i.quantities)


def test_items_headed_by_a_word_and_an_equals_sign_name_their_companies():
    ex = extract_text("개인정보위는 두 회사에 과징금을 부과했다.\n"
                      "▲솔내음호텔 = 예약 시스템의 관리자 계정이 해킹돼 투숙객 2만4천여 명의 이름이 빠져나갔다.\n"
                      "▲다락서재 = 회원 4,316명의 주소와 주문 내역이 빠져나갔다.\n"
                      "▲원인 = 보안 점검을 하지 않았다.")
    names = {m.name for m in ex.orgs}
    assert {"솔내음호텔", "다락서재"} <= names and "원인" not in names
    assert ("DataBreach", "다락서재", "victimCount", 4_316) in _figures_by_org(ex)


def test_one_equals_item_is_no_list_of_companies():
    ex = extract_text("개인정보위는 과징금을 부과했다.\n▲다락서재 = 회원 4,316명의 주소가 빠져나갔다.")
    assert "다락서재" not in {m.name for m in ex.orgs}


def test_shipping_lines_end_a_company_name_and_exposed_data_is_a_breach():
    ex = extract_text("여객선사 물마루해운의 예매 시스템이 해킹됐다.")
    assert ("Hacking", "물마루해운") in {(i.incident_type, i.affected) for i in ex.incidents}
    ex = extract_text("유기농 식품 업체 초록샘몰은 회원 1만9천여 명의 주문 기록 5만4천여 건이 노출됐다.")
    assert {("DataBreach", "초록샘몰", "victimCount", 19_000), ("DataBreach", "초록샘몰", "recordCount", 54_000)} <= _figures_by_org(ex)


def test_a_row_ending_in_a_pipe_has_an_empty_last_cell_and_a_table_s_amounts_are_no_compensation_s():
    ex = extract_text("한빛카드와 누리카드, 솔빛카드 회원 카드가 해외에서 부정결제됐다.\n"
                      "구분 | 피해 회원 | 피해액 | 보상 현황\n"
                      "한빛카드 | 1,284명 | 7억2,600만 원 | 전액 보상 완료\n"
                      "누리카드 | 865명 | 4억1,300만 원 | 보상 진행 중\n"
                      "솔빛카드 | 412명 | 1억9,800만 원 | 협의 중\n"
                      "합계 | 2,561명 | 13억3,700만 원 |")
    figures = _figures_by_org(ex)
    assert ("UnauthorizedPayment", "솔빛카드", "victimCount", 412) in figures
    assert not any(value == 2_561 for *_, value in figures)
    assert {m.amount for m in ex.measures if m.measure_type == "Compensation"} <= {None}


def test_a_figure_summing_those_of_other_organizations_is_a_group_total():
    ex = extract_text("한빛카드·누리카드·솔빛카드 세 카드사에서 회원 2,561명이 해외 부정결제 피해를 봤다. "
                      "한빛카드 회원 1,284명이 부정결제 피해를 봤다. 누리카드에서도 회원 865명이 부정결제 피해를 봤다. "
                      "솔빛카드 회원 412명도 부정결제 피해를 입었다.")
    assert {(org, value) for _, org, prop, value in _figures_by_org(ex) if prop == "victimCount"} == {
        ("한빛카드", 1_284), ("누리카드", 865), ("솔빛카드", 412)}


def test_a_group_s_total_over_its_members_parts_is_the_group_s_own():
    ex = extract_text("새봄의료원이 악성코드에 감염돼 서버 21대가 멈췄다. 감염 서버는 새봄중앙병원 11대, 새봄북부병원 6대, "
                      "새봄재활병원 4대다.")
    assert ("MalwareInfection", "새봄의료원", "serverCount", 21) in _figures_by_org(ex)


def test_a_small_count_that_two_others_happen_to_sum_to_is_kept():
    ex = extract_text("가람북스 서버 9대가 랜섬웨어에 암호화됐다. 가람북스 직영몰 서버 4대도 같은 방식으로 랜섬웨어에 멈췄다. "
                      "출판사 글나무북스의 서버 5대도 랜섬웨어에 감염됐다.")
    assert ("Ransomware", "가람북스", "serverCount", 9) in _figures_by_org(ex)


def test_a_fine_summing_the_fines_of_each_company_is_no_one_s_amount():
    ex = extract_text("개인정보위는 4개 사업자에게 과징금 10억5천700만 원을 부과했다.\n"
                      "▲솔내음호텔 = 예약 시스템이 해킹됐다. 과징금 3억1천200만 원을 부과했다.\n"
                      "▲별타래몰 = 회원 정보가 빠져나갔다. 과징금 7억4천500만 원을 부과했다.")
    assert 1_057_000_000 not in {m.amount for m in ex.measures}
    assert {312_000_000, 745_000_000} <= {m.amount for m in ex.measures}


def test_data_that_went_out_and_dental_clinics():
    ex = extract_text("여행사 물꼬몰은 고객 2만6천여 명의 정보가 나갔다고 밝혔다.")
    assert ("DataBreach", "물꼬몰", "victimCount", 26_000) in _figures_by_org(ex)
    ex = extract_text("서울에서 치과 7곳을 운영하는 미소담치과가 랜섬웨어 공격을 받았다.")
    assert ("Ransomware", "미소담치과") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_a_body_whose_analysis_is_cited_is_not_the_one_hit():
    ex = extract_text("한들군청 홈페이지가 해킹됐다. 한국인터넷진흥원(KISA)의 분석에 따르면 공격자는 게시판의 첨부파일 기능을 "
                      "노려 웹셸을 심었다.")
    assert "한국인터넷진흥원" not in {i.affected for i in ex.incidents}


@pytest.mark.parametrize("text", [
    "한빛마켓 직원은 \"경쟁사 가격을 해킹하듯 읽어 냈다\"고 말했다.",
    "한빛마켓은 해킹을 당한 것처럼 꾸며 보험금을 받으려 했다.",
])
def test_an_incident_word_something_is_likened_to_is_no_incident(text):
    assert extract_text(text).incidents == ()


def test_an_inference_with_dus_is_still_an_incident():
    ex = extract_text("한빛마켓 서버가 해킹당한 듯하다.")
    assert ("Hacking", "한빛마켓") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_a_yes_or_no_question_reports_no_incident_but_a_question_word_takes_it_as_given():
    assert extract_text("한빛마켓 회원 영상도 새 나갔나요?").incidents == ()
    ex = extract_text("한빛마켓 회원 정보는 어디까지 새 나갔나?")
    assert ("DataBreach", "한빛마켓") in {(i.incident_type, i.affected) for i in ex.incidents}


def test_a_table_whose_header_counts_a_leak_gives_its_rows_a_breach():
    ex = extract_text("전산 대행사 모음전산이 해킹됐다. 고객사 피해는 다음과 같다.\n"
                      "업체 | 피해 가입자 | 유출 기록\n"
                      "별찌모바일 | 3만8,214명 | 11만2천여 건\n"
                      "새뜸모바일 | 2만1,905명 | 6만4천여 건")
    assert {("DataBreach", "별찌모바일", "victimCount", 38_214), ("DataBreach", "새뜸모바일", "recordCount", 64_000)} \
        <= _figures_by_org(ex)


def test_accounts_where_the_loot_was_sold_on_are_no_accounts_taken_over():
    ex = extract_text("배달 앱 바삭배달 회원 계정 2만3천여 개가 도용돼 부정 결제가 일어났다. 경찰은 상품권이 되팔린 "
                      "중고 거래 계정 30여 개를 쫓고 있다.")
    assert {value for _, _, prop, value in _figures_by_org(ex) if prop == "accountCount"} == {23_000}


def test_money_leaving_accounts_as_the_subject_is_an_unauthorized_payment():
    ex = extract_text("물안개저축은행은 가짜 앱에 속은 고객 143명의 계좌에서 9억1천만 원이 빠져나가는 동안 이를 막지 못했다.")
    assert {("UnauthorizedPayment", "물안개저축은행", "damageAmount", 910_000_000),
            ("UnauthorizedPayment", "물안개저축은행", "victimCount", 143)} <= _figures_by_org(ex)


def test_care_services_and_shops_after_a_kind_of_mall_are_companies_but_cloud_is_none():
    ex = extract_text("산후조리 앱 아가별케어는 정보가 빠져나간 회원이 4만6,257명으로 확인됐다고 밝혔다.")
    assert ("DataBreach", "아가별케어", "victimCount", 46_257) in _figures_by_org(ex)
    ex = extract_text("반려동물 용품몰 멍냥상점에서 회원 정보가 빠져나갔다.")
    assert ("DataBreach", "멍냥상점") in {(i.incident_type, i.affected) for i in ex.incidents}
    ex = extract_text("스마트 도어락 업체 지킴솔의 클라우드 서버가 해킹돼 가입자 정보가 빠져나갔다.")
    assert {m.name for m in ex.orgs} == {"지킴솔"}
    assert "헬스케어" not in {m.name for m in extract_text("헬스케어 앱 회원 정보가 빠져나갔다.").orgs}


def test_the_first_of_two_columns_of_one_property_gives_it_and_franchise_heads_name_rows():
    ex = extract_text("POS 업데이트 서버를 거쳐 가맹본부 두 곳의 서버가 악성코드에 감염됐다.\n"
                      "가맹본부 | 감염 서버 | 악성코드 | 감염 POS 단말\n"
                      "꼬꼬마치킨 | 6대 | 2종 | 540여 대\n"
                      "떡잎분식 | 4대 | 2종 | 280여 대")
    figures = _figures_by_org(ex)
    assert {("MalwareInfection", "꼬꼬마치킨", "serverCount", 6), ("MalwareInfection", "떡잎분식", "malwareVariantCount", 2)} <= figures
    assert not any(value in (540, 280) for *_, value in figures)


def test_media_companies_end_in_their_line_of_business():
    ex = extract_text("아파트 승강기 광고 업체 층층미디어의 광고 송출 서버 2대가 해킹됐다. 소셜미디어에도 글이 올라왔다.")
    assert {m.name for m in ex.orgs} == {"층층미디어"}


def test_units_of_freight_and_power_are_no_organizations():
    ex = extract_text("부산 다대해운 터미널이 랜섬웨어에 멈췄다. 이 터미널은 지난해 컨테이너 210만 TEU를 처리했다.")
    assert "TEU" not in {m.name for m in ex.orgs}
