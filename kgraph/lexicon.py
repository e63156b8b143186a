"""Load the data files under ``ontology/``: gazetteer, trigger words, cues and patterns.

Adding an agency, a measure word or a job title is an edit to one of those files, not to code.

>>> lex = load_lexicon()
>>> lex.alias_to_org["과기정통부"]
'과학기술정보통신부'
>>> lex.org_types["경찰청"]
'LawEnforcement'
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ORG_TYPES = ("Company", "GovernmentAgency", "LawEnforcement", "Legislature", "Court", "Publisher")
INCIDENT_TYPES = ("Hacking", "DataBreach", "MalwareInfection", "Ransomware", "UnauthorizedPayment")
MEASURE_TYPES = (
    "PenaltyWaiver",
    "PoliceReferral",
    "Fine",
    "CorrectiveOrder",
    "Investigation",
    "Compensation",
    "BusinessSuspension",
)


class LexiconError(ValueError):
    """A data file under ``ontology/`` is malformed; the message names the file and line."""


def ontology_dir() -> Path:
    """Return the folder holding the ontology and lexicons.

    In a source checkout that is ``ontology/`` beside the package; in an installed package it is
    the ``kgraph.ontology`` package data.
    """
    beside = Path(__file__).resolve().parent.parent / "ontology"
    if (beside / "gazetteer.tsv").is_file():
        return beside
    from importlib.resources import files

    return Path(str(files("kgraph.ontology")))


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase for an incident or measure, with its class."""

    phrase: str
    cls: str
    generic: bool = False  # incidents: a generic word (해킹 사고); measures: only with an authority
    #: measures: by the police, it applies to the body it names whatever that body's role
    #: (압수수색: a raid on the company's offices); other police investigations apply to their object
    any_target: bool = False


@dataclass(frozen=True)
class QuantityRule:
    """How a counted number becomes a property (see ``ontology/quantities.tsv``)."""

    counter: str
    cues: tuple[str, ...]
    prop: str
    applies: str


@dataclass(frozen=True)
class Suffix:
    """An organization-name suffix (see ``ontology/org_suffixes.tsv``)."""

    suffix: str
    org_type: str
    min_stem: int
    exclude: frozenset[str]
    proper: bool = False  # the stem must hold a proper noun or a word the analyser does not know


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per folder
class Lexicon:
    """Everything the analyser and extractor read from ``ontology/``."""

    org_types: dict[str, str]  # canonical -> type
    org_english: dict[str, str]
    alias_to_org: dict[str, str]  # every surface form (canonical included) -> canonical
    suffixes: tuple[Suffix, ...]  # longest first
    company_cues: frozenset[str]
    system_nouns: frozenset[str]  # 전산망 in "법원 전산망": the body before it is a victim
    name_abbreviations: tuple[tuple[str, str], ...]  # (손해보험, 손보): 청솔손보 is 청솔손해보험
    brand_operators: dict[str, str]  # GS25 -> GS리테일: the company that runs a brand
    number_fillers: frozenset[str]  # 등 in "번호 등 4만3126명": says nothing of what is counted
    frame_verbs: frozenset[str]  # 보 in "결과를 보면": frames a report, makes no condition
    harm_words: tuple[str, ...]  # 피해: compensation with no incident must name a harm
    company_kinds: frozenset[str]
    exchange_wallets: tuple[str, ...]  # 핫월렛: crypto taken from an exchange's wallet, a hacking
    bound_words: tuple[str, ...]  # 넘는 in "100만 원을 넘는 회원": a bound, not a figure
    counsel_prefixes: tuple[str, ...]  # 법무법인: a law firm, counsel, not the affected organization
    contractor_kinds: frozenset[str]  # 위탁업체 in "위탁업체 한결씨에스": a contractor of the article's company
    analyst_kinds: dict[str, tuple[str, ...]]  # 보안업체 -> its verbs of finding (찾아낸, 발견)
    org_prefixes: frozenset[str]  # 법무법인: begins a name and stays part of it
    regions: frozenset[str]
    generic_orgs: frozenset[str]
    company_anaphors: frozenset[str]
    pointing_anaphors: tuple[str, ...]  # 이 회사 in "… 이 회사에 과징금": the company named before it
    denial_predicates: frozenset[str]
    not_orgs: frozenset[str]
    roles: tuple[str, ...]  # longest first
    surnames: tuple[str, ...]  # two-syllable family names first
    not_person_names: frozenset[str]
    incident_triggers: tuple[Trigger, ...]
    measure_triggers: tuple[Trigger, ...]
    status_cues: tuple[tuple[str, str, str], ...]  # (form, tag prefix, status)
    quantities: tuple[QuantityRule, ...]
    issuer_cues: frozenset[str]
    clause_endings: frozenset[str]  # connective endings that close a clause
    postposition_verbs: frozenset[str]  # verb stems that work as postpositions (에 대해)
    name_stops: frozenset[str]  # words that never begin a multi-word agency name
    bare_heads: frozenset[str]  # name heads that name no body alone (조사단)
    company_measures: frozenset[str]  # measure classes a company takes itself
    #: (part, whole, conditions (none: always), trigger phrases of the part that never join the whole)
    incident_parts: tuple[tuple[str, str, frozenset[str], frozenset[str]], ...]
    per_unit_markers: tuple[str, ...]  # 1인당: the amount after it is a rate, not a total
    #: 하루 in "하루 외래 환자가 2,100명": a rate per span of time, unless a word of not_before follows
    per_time_markers: tuple[tuple[str, tuple[str, ...]], ...]
    range_words: tuple[tuple[str, str], ...]  # (적게는, 많게는): the ends of a range in two clauses
    #: (word, not after, not before): 결제액 in "지난해 결제액은 2조 원", a size; not "부정 결제액", nor
    #: "매출 손실" (what the incident cost)
    volume_words: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    recovery_words: tuple[str, ...]  # 동결 in "21억 원어치는 동결됐다": what was saved, not taken
    payment_words: tuple[str, ...]  # 결제: accounts taken over to pay with (계정을 도용해 … 결제)
    business_words: tuple[str, ...]  # 택배: an unknown word ending in it (소담택배) is a company
    #: (verb, auxiliaries): 돌려주 in "피해액을 돌려주기로 했다"; 돌리 only with 주/드리 after it
    restitution_verbs: tuple[tuple[str, tuple[str, ...]], ...]
    restitution_objects: tuple[str, ...]  # 피해액, 쿠폰: what a restitution verb gives back
    work_nouns: frozenset[str]  # 업무 in "보상 업무": the measure word names a line of work
    department_endings: tuple[str, ...]  # 학과 in "한울대학교 정보보호학과 교수": skipped before a title
    local_offices: tuple[tuple[str, str, bool], ...]  # (군청, 군, yes): 가림군청 is also 가림군, 군청 and 군
    claimant_words: tuple[str, ...]  # 소송 in "2400명이 낸 소송": claimants, not victims
    offender_words: tuple[str, ...]  # 검거 in "경찰, 3명 검거": offenders, not victims
    #: (word, whole): 도용 in "도용된 회원은"; 샌 only as a whole word: what befell people
    befell_words: tuple[tuple[str, bool], ...]
    operator_words: tuple[str, ...]  # 운영사 in "툰바다 운영사 ㈜바다컴즈": the company runs the brand
    view_endings: tuple[str, ...]  # 다는 in "수 있다는 분석": the noun after it is a view reported
    reported_endings: tuple[str, ...]  # 다고 in "미뤘다고 보고": the clause is reported, not done
    unreal_frames: tuple[str, ...]  # 모의훈련, 탐지율: the sentence's incident words report no incident
    data_nouns: tuple[str, ...]  # 연락처 in "여권번호와 연락처를 빼 갔다": taken, a data breach
    taking_verbs: tuple[str, ...]  # 빼 갔 in "여권번호와 연락처를 빼 갔다": after a data noun, a breach
    containing_words: tuple[str, ...]  # 담긴 in "개인정보가 담긴 문서가 빠져나갔다": the data's container
    suffering_verbs: tuple[str, ...]  # 당해 in "티켓온이 해킹을 당해": the unknown subject was attacked
    branch_endings: tuple[str, ...]  # 지점 in "한뫼신협 노은지점": the company's branch, one organization
    scope_verbs: tuple[str, ...]  # 점검 in "서버 28대를 점검": the figure is what was checked
    holding_verbs: tuple[str, ...]  # 보유 in "회원 500만 명을 보유한": the figure is a size
    gain_verbs: tuple[str, ...]  # 챙기 in "3억 원을 챙긴": the offenders' gain, not the damage
    population_nouns: tuple[str, ...]  # 가입자 in "가입자는 86만 명": everyone served, not victims
    population_qualifiers: tuple[str, ...]  # 누적 in "누적 회원 640만 명": the same, without a particle
    issuer_types: dict[str, frozenset[str]]  # measure class -> body types that can issue it
    comparison_heads: tuple[str, ...]  # 사례 in "SK텔레콤 사례처럼"
    agency_teams: tuple[str, ...]  # 조사단: a team that acts for the agency that formed it
    decision_words: frozenset[str]  # 의결 in "부과하기로 의결했다": decided, so imposed
    group_numerals: dict[str, int]  # 두 -> 2 in "두 회사"
    group_counters: tuple[str, ...]  # 사, 회사 in "통신 3사", "두 회사"
    comparison_particles: tuple[str, ...]  # 처럼, 와 같이
    denying_adverbs: frozenset[str]  # 안, 못: between the parts of an incident word, no match
    counting_determiners: frozenset[str]  # 한 in "한곳": written solid in everyday words, no name
    amount_qualifiers: frozenset[str]  # 어치 in "90억 원어치가": skipped inside an incident word
    approximation_words: tuple[str, ...]  # 이상 in "1천 명 이상의 인사 정보": between figure and 의
    sending_verbs: tuple[str, ...]  # 발송 in "회원 23명에게 잘못 발송": recipients, not victims
    staff_nouns: tuple[str, ...]  # 공무원 in "해누리구청 공무원, … 무단 열람": the body's own staff
    security_words: tuple[str, ...]  # 보안 in "정보보안": the security of data, no one's data
    describing_verbs: tuple[str, ...]  # 밝힌 in "참여 의사를 밝힌 피해자가 1천 명": claimants described
    leak_stems: tuple[str, ...]  # 유출, 빠져나: verbs of leaking and taking data
    bystander_words: tuple[str, ...]  # 으로 꾸린 in "5명으로 꾸린 점검반": people counted, no victims
    report_nouns: tuple[str, ...]  # 신고 in "유출 신고는 모두 418건": reports, not records
    money_sources: tuple[str, ...]  # 계좌 in "계좌 64개에서 5억 원을 빼냈다": money taken, a payment
    response_nouns: tuple[str, ...]  # 대응 인력 in "침해사고 대응 인력": a line of work, no incident
    staff_accounts: tuple[str, ...]  # 관리자 in "관리자 계정이 도용": the organization's own account
    correction_marks: tuple[str, ...]  # 바로잡습니다: the article corrects an earlier one
    superlative_words: tuple[str, ...]  # 가장 in "가장 많이 결제된 회원은 480만 원": one person's figure
    later_value_words: tuple[str, ...]  # 현재 시세 in "현재 시세로 따지면 310억원": no damage
    survey_words: tuple[str, ...]  # 여론 in "여론조사": a survey, no investigation
    table_totals: frozenset[str]  # 합계 in a table's row label: the row sums the others
    question_words: tuple[str, ...]  # 왜 in "왜 뚫렸나": a question that takes its incident as given
    resale_words: tuple[str, ...]  # 중고거래 in "중고거래 계정 30여 개": the offenders' accounts
    retold_words: tuple[str, ...]  # 보도했 in a correction: the sentence retells the earlier, wrong report
    total_words: dict[str, tuple[str, ...]]  # "before"/"after" -> 모두, 총 / 전액: the figure is the total
    growth_words: dict[str, tuple[str, ...]]  # "growth"/"addition" -> 늘, 불어 / 더, 외에
    network_nouns: tuple[str, ...]  # 코어망 in "5G 코어망 서버": a network, no company's name
    receiving_verbs: frozenset[str]  # 받, 물 in "과태료를 물게 됐다": the subject is the target
    fingerprint: str  # changes whenever a data file changes


def _rows(path: Path, columns: int) -> list[tuple[int, list[str]]]:
    """Read a TSV data file: skip comments, blank lines and the header row."""
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or not "".join(row).strip() or row[0].startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            row = [cell.strip() for cell in row] + [""] * (columns - len(row))
            if len(row) > columns or not row[0]:
                raise LexiconError(f"{path.name}:{lineno}: expected {columns} tab-separated columns")
            rows.append((lineno, row))
    return rows


def _by_column(path: Path, kinds: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """A two-column file (word, kind) as the words of each kind, in the file's order."""
    out: dict[str, list[str]] = {kind: [] for kind in kinds}
    for lineno, (word, kind) in _rows(path, 2):
        out[_check(kind, kinds, path, lineno)].append(word)
    return {kind: tuple(found) for kind, found in out.items()}


def _check(value: str, allowed: tuple[str, ...], path: Path, lineno: int) -> str:
    if value not in allowed:
        raise LexiconError(f"{path.name}:{lineno}: {value!r} is not one of {', '.join(allowed)}")
    return value


@lru_cache(maxsize=4)
def load_lexicon(folder: str | None = None) -> Lexicon:
    """Load and check every data file; the result is cached per folder.

    Raises:
        LexiconError: a file is malformed or names an unknown class.
    """
    base = Path(folder) if folder else ontology_dir()
    digest = hashlib.sha256()
    for p in sorted(base.glob("*.tsv")):
        digest.update(p.name.encode() + b"\0" + p.read_bytes())

    org_types: dict[str, str] = {}
    english: dict[str, str] = {}
    aliases: dict[str, str] = {}
    gaz = base / "gazetteer.tsv"
    for lineno, (name, typ, alias_cell, eng) in _rows(gaz, 4):
        org_types[name] = _check(typ, ORG_TYPES, gaz, lineno)
        if eng:
            english[name] = eng
        for surface in [name, *filter(None, (a.strip() for a in alias_cell.split("|")))]:
            if aliases.get(surface, name) != name:
                raise LexiconError(f"{gaz.name}:{lineno}: {surface!r} already names {aliases[surface]}")
            aliases[surface] = name

    suffix_path = base / "org_suffixes.tsv"
    suffixes = []
    for lineno, (suffix, typ, min_stem, exclude, stem) in _rows(suffix_path, 5):
        suffixes.append(
            Suffix(
                suffix,
                _check(typ, ORG_TYPES, suffix_path, lineno),
                int(min_stem or 0),
                frozenset(filter(None, exclude.split("|"))),
                _check(stem or "any", ("any", "proper"), suffix_path, lineno) == "proper",
            )
        )

    def words(name: str, columns: int = 1) -> list[str]:
        return [row[0] for _, row in _rows(base / name, columns)]

    def triggers(name: str, classes: tuple[str, ...], columns: int) -> tuple[Trigger, ...]:
        path = base / name
        out = []
        for lineno, row in _rows(path, columns):
            flags = [_check(cell or "no", ("yes", "no"), path, lineno) == "yes" for cell in row[2:]]
            out.append(Trigger(row[0], _check(row[1], classes, path, lineno), *flags))
        return tuple(sorted(out, key=lambda t: (-len(t.phrase.replace(" ", "")), t.phrase)))

    cue_path = base / "status_cues.tsv"
    cues = []
    for lineno, (form, tag, status) in _rows(cue_path, 3):
        allowed = ("none", "rejected", "considered", "planned", "demanded")
        cues.append((form, tag, _check(status, allowed, cue_path, lineno)))

    qty_path = base / "quantities.tsv"
    quantities = []
    for lineno, (counter, cue_cell, prop, applies) in _rows(qty_path, 4):
        _check(applies, ("incident", "measure"), qty_path, lineno)
        quantities.append(QuantityRule(counter, tuple(cue_cell.split("|")), prop, applies))

    company_path = base / "company_measures.tsv"
    company_measures = frozenset(
        _check(row[0], MEASURE_TYPES, company_path, lineno) for lineno, row in _rows(company_path, 1)
    )

    parts_path = base / "incident_parts.tsv"
    incident_parts = tuple(
        (
            _check(part, INCIDENT_TYPES, parts_path, lineno),
            _check(whole, INCIDENT_TYPES, parts_path, lineno),
            frozenset(c for c in (when or "always").split("|")
                      if _check(c, ("always", "unquantified", "alone"), parts_path, lineno) != "always"),
            frozenset(t for t in never.split("|") if t),
        )
        for lineno, (part, whole, when, never) in _rows(parts_path, 4)
    )

    issuers_path = base / "measure_issuers.tsv"
    issuer_types: dict[str, frozenset[str]] = {}
    for lineno, (cls, types_cell) in _rows(issuers_path, 2):
        issuer_types[_check(cls, MEASURE_TYPES, issuers_path, lineno)] = frozenset(
            _check(t.strip(), ORG_TYPES, issuers_path, lineno) for t in types_cell.split("|") if t.strip()
        )

    comparison_path = base / "comparison_markers.tsv"
    comparison: dict[str, list[str]] = {"head": [], "particle": []}
    for lineno, (marker, kind) in _rows(comparison_path, 2):
        comparison[_check(kind, ("head", "particle"), comparison_path, lineno)].append(marker)

    groups_path = base / "company_groups.tsv"
    group_numerals: dict[str, int] = {}
    group_counters: list[str] = []
    for lineno, (form, kind, value) in _rows(groups_path, 3):
        if _check(kind, ("numeral", "counter"), groups_path, lineno) == "numeral":
            if not value.isdigit():
                raise LexiconError(f"{groups_path.name}:{lineno}: a numeral needs a whole-number value")
            group_numerals[form] = int(value)
        else:
            group_counters.append(form)

    corrections_path = base / "correction_words.tsv"
    corrections = [(word, _check(kind, ("mark", "retold"), corrections_path, lineno))
                   for lineno, (word, kind) in _rows(corrections_path, 2)]

    return Lexicon(
        org_types=org_types,
        org_english=english,
        alias_to_org=aliases,
        suffixes=tuple(sorted(suffixes, key=lambda s: -len(s.suffix))),
        company_cues=frozenset(words("company_cues.tsv")),
        system_nouns=frozenset(words("system_nouns.tsv", 2)),
        name_abbreviations=tuple((long, short) for _, (long, short) in _rows(base / "name_abbreviations.tsv", 2)),
        brand_operators={brand: operator for _, (brand, operator) in _rows(base / "brand_operators.tsv", 2)},
        number_fillers=frozenset(words("number_fillers.tsv")),
        frame_verbs=frozenset(words("frame_verbs.tsv")),
        harm_words=tuple(words("harm_words.tsv")),
        company_kinds=frozenset(words("company_kinds.tsv")),
        contractor_kinds=frozenset(words("contractor_kinds.tsv")),
        analyst_kinds={kind: tuple(v for v in verbs.split("|") if v)
                       for _, (kind, verbs) in _rows(base / "analyst_kinds.tsv", 2)},
        counsel_prefixes=tuple(words("counsel_prefixes.tsv")),
        bound_words=tuple(words("bound_words.tsv")),
        exchange_wallets=tuple(words("exchange_wallets.tsv")),
        org_prefixes=frozenset(words("org_prefixes.tsv")),
        regions=frozenset(words("regions.tsv")),
        generic_orgs=frozenset(words("generic_orgs.tsv")),
        company_anaphors=frozenset(words("company_anaphors.tsv", 2)),
        pointing_anaphors=tuple(word for lineno, (word, back) in _rows(base / "company_anaphors.tsv", 2)
                                if _check(back or "no", ("yes", "no"), base / "company_anaphors.tsv", lineno) == "yes"),
        denial_predicates=frozenset(words("denial_predicates.tsv")),
        not_orgs=frozenset(words("not_organizations.tsv")),
        roles=tuple(sorted(words("person_roles.tsv"), key=len, reverse=True)),
        surnames=tuple(sorted(words("surnames.tsv"), key=len, reverse=True)),
        not_person_names=frozenset(words("not_person_names.tsv")),
        incident_triggers=triggers("incident_triggers.tsv", INCIDENT_TYPES, 3),
        measure_triggers=triggers("measure_triggers.tsv", MEASURE_TYPES, 4),
        status_cues=tuple(cues),
        quantities=tuple(quantities),
        issuer_cues=frozenset(words("measure_roles.tsv")),
        clause_endings=frozenset(words("clause_endings.tsv")),
        postposition_verbs=frozenset(words("postposition_verbs.tsv")),
        name_stops=frozenset(words("name_stops.tsv")),
        bare_heads=frozenset(words("bare_heads.tsv")),
        company_measures=company_measures,
        incident_parts=incident_parts,
        per_unit_markers=tuple(words("per_unit_markers.tsv")),
        per_time_markers=tuple((marker, tuple(w for w in rest.split("|") if w))
                               for _, (marker, rest) in _rows(base / "per_time_markers.tsv", 2)),
        range_words=tuple((low, high) for _, (low, high) in _rows(base / "range_words.tsv", 2)),
        volume_words=tuple((word, tuple(w for w in rest.split("|") if w), tuple(w for w in then.split("|") if w))
                           for _, (word, rest, then) in _rows(base / "volume_words.tsv", 3)),
        recovery_words=tuple(words("recovery_words.tsv")),
        payment_words=tuple(words("payment_words.tsv")),
        business_words=tuple(words("business_words.tsv")),
        restitution_verbs=tuple((verb, tuple(a for a in aux.split("|") if a))
                                for _, (verb, aux) in _rows(base / "restitution_verbs.tsv", 2)),
        restitution_objects=tuple(words("restitution_objects.tsv")),
        work_nouns=frozenset(words("work_nouns.tsv")),
        department_endings=tuple(words("department_endings.tsv")),
        local_offices=tuple((office, place, bare == "yes")
                            for _, (office, place, bare) in _rows(base / "local_offices.tsv", 3)),
        claimant_words=tuple(words("claimant_words.tsv")),
        offender_words=tuple(words("offender_words.tsv")),
        befell_words=tuple((word, _check(whole or "no", ("yes", "no"), base / "befell_words.tsv", lineno) == "yes")
                           for lineno, (word, whole) in _rows(base / "befell_words.tsv", 2)),
        operator_words=tuple(words("operator_words.tsv")),
        view_endings=tuple(words("view_endings.tsv")),
        reported_endings=tuple(words("reported_endings.tsv")),
        unreal_frames=tuple(words("unreal_frames.tsv")),
        data_nouns=tuple(words("data_nouns.tsv")),
        taking_verbs=tuple(words("taking_verbs.tsv")),
        containing_words=tuple(words("containing_words.tsv")),
        suffering_verbs=tuple(words("suffering_verbs.tsv")),
        branch_endings=tuple(words("branch_endings.tsv")),
        scope_verbs=tuple(words("scope_verbs.tsv")),
        holding_verbs=tuple(words("holding_verbs.tsv")),
        gain_verbs=tuple(words("gain_verbs.tsv")),
        population_nouns=tuple(words("population_nouns.tsv")),
        population_qualifiers=tuple(words("population_qualifiers.tsv")),
        issuer_types=issuer_types,
        comparison_heads=tuple(comparison["head"]),
        agency_teams=tuple(words("agency_teams.tsv")),
        decision_words=frozenset(words("decision_words.tsv")),
        group_numerals=group_numerals,
        group_counters=tuple(group_counters),
        comparison_particles=tuple(comparison["particle"]),
        denying_adverbs=frozenset(words("denying_adverbs.tsv")),
        counting_determiners=frozenset(words("counting_determiners.tsv")),
        amount_qualifiers=frozenset(words("amount_qualifiers.tsv")),
        approximation_words=tuple(words("approximation_words.tsv")),
        sending_verbs=tuple(words("sending_verbs.tsv")),
        staff_nouns=tuple(words("staff_nouns.tsv")),
        security_words=tuple(words("security_words.tsv")),
        describing_verbs=tuple(words("describing_verbs.tsv")),
        leak_stems=tuple(words("leak_stems.tsv")),
        receiving_verbs=frozenset(words("receiving_verbs.tsv")),
        total_words=_by_column(base / "total_words.tsv", ("before", "after")),
        growth_words=_by_column(base / "growth_words.tsv", ("growth", "addition")),
        network_nouns=tuple(word for lineno, (word, network) in _rows(base / "system_nouns.tsv", 2)
                            if _check(network or "no", ("yes", "no"), base / "system_nouns.tsv", lineno) == "yes"),
        response_nouns=tuple(words("response_nouns.tsv")),
        staff_accounts=tuple(words("staff_accounts.tsv")),
        correction_marks=tuple(w for w, kind in corrections if kind == "mark"),
        superlative_words=tuple(words("superlative_words.tsv")),
        later_value_words=tuple(words("later_value_words.tsv")),
        survey_words=tuple(words("survey_words.tsv")),
        table_totals=frozenset(words("table_words.tsv")),
        question_words=tuple(words("question_words.tsv")),
        resale_words=tuple(words("resale_words.tsv")),
        retold_words=tuple(w for w, kind in corrections if kind == "retold"),
        money_sources=tuple(words("money_sources.tsv")),
        report_nouns=tuple(words("report_nouns.tsv")),
        bystander_words=tuple(words("bystander_words.tsv")),
        fingerprint=digest.hexdigest(),
    )
