"""A synthetic corpus of Korean news articles in the crawler's file format, for benchmarks.

Every article is made from templates written for this benchmark in our own words: a security
incident at a company (data breach, hacking, ransomware, malware, unauthorised payments) and the
measures that follow it (fines, corrective orders, investigations, police referrals, penalty
waivers, compensation), with quotes from named officials, amounts, counts and dates, padded with
context sentences to a realistic length (bodies of about 600 to 1,000 characters, 1.8 to 3 KB
in UTF-8). About one article in seven is a distractor (earnings, products, sports) that reports
no incident. Organizations come from ``ontology/gazetteer.tsv`` and from invented company names;
persons are invented names with titles from ``ontology/person_roles.tsv``.

Article ``i`` depends only on ``(seed, i)``, so the first 2,000 articles of a 20,000-article
corpus are the 2,000-article corpus. One file in 250 is a re-crawl of the previous article under
another file name (the build reports it as a duplicate).

    python benchmarks/corpus.py /tmp/corpus --articles 2000
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "ontology" / "gazetteer.tsv"

#: Invented company names: a stem of two or three syllables and a business suffix.
_STEMS = "다온 한빛 누리 미래 가온 세움 라온 바른 소망 푸른 새봄 하늘 대한 우리 한결 다솜 아름 이음 온누리 해솔 늘품 별빛 드림 나래 도담 마루 보람 슬기 여울 윤슬".split()
_BUSINESS = "텔레콤 카드 페이 증권 은행 소프트 테크 리테일 네트웍스 시스템즈 생명보험 캐피탈 홀딩스 페이먼츠".split()
_SURNAMES = "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍".split()
_GIVEN = "민 서 준 지 현 우 영 수 하 은 도 윤 예 진 태 성 혜 경 재 연 호 아 유 희".split()
_AGENCY_ROLES = ["위원장", "장관", "차관", "원장", "국장", "과장", "대변인", "조사단장"]
_COMPANY_ROLES = ["대표", "대표이사", "사장", "부사장", "최고정보보호책임자", "본부장"]
_EXPERT_ROLES = ["교수", "변호사", "연구위원", "애널리스트"]
_SCHOOLS = ["한국대", "미래대", "서울과학대", "정보보호대학원"]


def _has_final(word: str) -> bool:
    """Whether ``word`` ends in a consonant as read aloud (decides 은/는, 이/가, 을/를, 과/와)."""
    ch = word[-1]
    if "가" <= ch <= "힣":
        return (ord(ch) - 0xAC00) % 28 != 0
    return ch.upper() in "LMNR0136780" if ch.isalnum() else False


def _j(word: str, with_final: str, without: str) -> str:
    return word + (with_final if _has_final(word) else without)


def _load_gazetteer() -> dict[str, list[str]]:
    by_type: dict[str, list[str]] = {}
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("canonical\t"):
            continue
        name, org_type = line.split("\t")[:2]
        by_type.setdefault(org_type, []).append(name)
    return by_type


_GAZ = _load_gazetteer()
_AGENCIES = [a for a in _GAZ["GovernmentAgency"] if a not in ("정부", "대통령실", "법원행정처", "국방부", "외교부")]
_POLICE = _GAZ["LawEnforcement"]
_PUBLISHERS = _GAZ["Publisher"]
_KNOWN_COMPANIES = _GAZ["Company"]
_INVENTED = [s + b for b in _BUSINESS for s in _STEMS]  # 420 names, fixed order


def _won(amount: int) -> str:
    """An amount in won as reporters write it: 134억5000만원, 2억4300만원, 3000만원."""
    eok, man = divmod(amount // 10_000, 10_000)
    if eok and man:
        return f"{eok}억{man}만원"
    if eok:
        return f"{eok}억원"
    return f"{man}만원"


def _count(n: int) -> str:
    """A count as reporters write it: 2만2227, 368, 1200만."""
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        return f"{high}만{low}" if low else f"{high}만"
    return str(n)


class _Article:
    """Draws the people, organizations and figures of one article from its own RNG."""

    def __init__(self, seed: int, index: int) -> None:
        self.rng = rng = random.Random(f"{seed}:{index}")
        self.index = index
        day0 = datetime(2024, 1, 1, 6, 0)
        # About 40 articles a day, in index order, over two years (then around again).
        day = day0 + timedelta(days=(index // 40) % 730)
        self.published = day.replace(hour=rng.randint(6, 22), minute=rng.choice((0, 10, 20, 30, 45)))
        # Well-known companies in four articles of ten; otherwise an invented one, drawn from a
        # pool that grows with the corpus, so that larger corpora also have more nodes.
        pool = min(len(_INVENTED), 40 + index // 20)
        self.company = rng.choice(_KNOWN_COMPANIES) if rng.random() < 0.4 else _INVENTED[rng.randrange(pool)]
        self.partner = _INVENTED[rng.randrange(len(_INVENTED))]
        self.agency = rng.choice(_AGENCIES[:8]) if rng.random() < 0.7 else rng.choice(_AGENCIES)
        self.agency2 = rng.choice(_AGENCIES[:6])
        self.police = rng.choice(_POLICE)
        self.publisher = rng.choice(_PUBLISHERS)
        self.victims = rng.choice((rng.randint(100, 9_999), rng.randint(10_000, 999_999), rng.randint(1_000_000, 30_000_000)))
        self.records = self.victims * rng.randint(1, 4)
        self.servers = rng.randint(2, 120)
        self.variants = rng.randint(2, 40)
        self.fine = rng.randint(1, 2_000) * 10_000_000 + rng.choice((0, 0, rng.randint(1, 9_999) * 10_000))
        self.damage = rng.randint(1, 900) * 1_000_000 + rng.randint(0, 99) * 10_000
        self.comp = rng.choice((10_000, 30_000, 50_000, 100_000))

    def name(self) -> str:
        r = self.rng
        return r.choice(_SURNAMES) + r.choice(_GIVEN) + r.choice(_GIVEN)

    def day(self, back: int = 0) -> str:
        d = self.published - timedelta(days=back)
        return f"{d.month}월 {d.day}일" if back > 20 else f"{d.day}일"


def _incident_sentences(a: _Article) -> tuple[str, list[str]]:
    """The incident the article reports: (title phrase, sentences)."""
    co, r = a.company, a.rng
    kind = r.choice(("breach", "breach", "hacking", "ransomware", "malware", "payment"))
    if kind == "breach":
        return f"고객 {_count(a.victims)}명 개인정보 유출", [
            f"{_j(co, '은', '는')} {a.day(r.randint(1, 6))} 외부 공격으로 고객 {_count(a.victims)}명의 개인정보가 유출됐다고 밝혔다.",
            f"유출된 정보는 이름과 전화번호, 주소 등으로 모두 {_count(a.records)}건에 이른다.",
            f"회사는 이상 접속 기록을 발견한 지 하루가 지나서야 {_j(a.agency2, '에', '에')} 신고한 것으로 알려졌다.",
        ]
    if kind == "hacking":
        return "해킹 공격 받아", [
            f"{_j(co, '이', '가')} 해킹 공격을 받아 내부 관리 서버 {a.servers}대가 공격자에게 장악된 사실이 드러났다.",
            f"공격자는 협력업체 {a.partner}의 원격 접속 계정을 빌려 침입한 것으로 조사됐다.",
        ]
    if kind == "ransomware":
        return "랜섬웨어 감염", [
            f"{_j(co, '은', '는')} {a.day(r.randint(1, 4))} 랜섬웨어에 감염돼 주문과 배송 시스템이 이틀 동안 멈췄다고 공지했다.",
            "회사 측은 백업 자료로 서비스를 복구했으며 공격 조직이 요구한 돈은 지급하지 않았다고 설명했다.",
        ]
    if kind == "malware":
        return f"서버 {a.servers}대 악성코드 감염", [
            f"{co} 전체 서버를 점검한 결과 서버 {a.servers}대가 악성코드 {a.variants}종에 감염된 것으로 나타났다.",
            "감염된 서버 가운데 일부에서는 쉽게 탐지할 수 있는 웹셸도 발견됐다.",
        ]
    return "무단 소액결제 피해", [
        f"{co} 이용자 {_count(min(a.victims, 5000))}명이 무단 소액결제 피해를 입었고 피해액은 {_won(a.damage)}으로 집계됐다.",
        "피해자들은 본인이 결제하지 않은 상품권 구매 문자를 새벽 시간대에 잇달아 받았다고 호소했다.",
    ]


def _measure_sentences(a: _Article) -> tuple[str, list[str]]:
    """One to three measures taken over the incident: (title phrase, sentences)."""
    co, ag, r = a.company, a.agency, a.rng
    options = [
        (f"과징금 {_won(a.fine)}", f"{_j(ag, '은', '는')} {a.day(r.randint(0, 3))} 전체회의를 열고 {co}에 과징금 {_won(a.fine)}을 부과했다."),
        ("시정명령", f"{_j(ag, '은', '는')} {co}에 개인정보 처리 시스템의 접근 통제를 강화하라는 시정명령도 내렸다."),
        ("조사 착수", f"{_j(ag, '은', '는')} {co}의 보안 관리 실태에 대한 조사에 착수했다."),
        ("수사 의뢰", f"{_j(ag, '은', '는')} 자료를 제때 내지 않은 {_j(co, '을', '를')} {_j(a.police, '에', '에')} 수사 의뢰했다."),
        ("위약금 면제 요구", f"{_j(ag, '은', '는')} {co}에 전체 이용자의 해지 위약금 면제를 요구했다."),
        ("피해 보상", f"{_j(co, '은', '는')} 피해 고객에게 1인당 {_won(a.comp)}씩 보상하겠다고 밝혔다."),
        ("과태료", f"{_j(a.agency2, '은', '는')} 신고 의무를 어긴 {co}에 과태료 {_won(r.randint(1, 60) * 1_000_000)}을 물렸다."),
    ]
    chosen = r.sample(options, r.randint(1, 3))
    return chosen[0][0], [s for _, s in chosen]


_QUOTES_AGENCY = [
    "기본적인 보안 수칙조차 지켜지지 않았다",
    "이용자 피해가 재발하지 않도록 끝까지 점검하겠다",
    "사고를 늦게 신고한 책임도 따져 보겠다",
    "업계 전반의 보안 투자 실태를 다시 살펴볼 계획이다",
]
_QUOTES_COMPANY = [
    "고객께 심려를 끼쳐 깊이 사과드린다",
    "결과를 무겁게 받아들이고 재발 방지책을 마련하겠다",
    "피해 고객을 위한 보상안을 조속히 발표하겠다",
    "보안 조직을 대폭 확대하겠다",
]
_QUOTES_EXPERT = [
    "보안 예산을 비용으로만 보는 관행이 사고를 키웠다",
    "신고 지연에 대한 제재를 강화할 필요가 있다",
    "협력업체 계정 관리가 가장 약한 고리였다",
]
_CONTEXT = [
    "업계에서는 이번 사고가 보안 투자 확대의 계기가 될 것이라는 전망이 나온다.",
    "최근 몇 년 사이 금융과 통신, 유통 분야에서 비슷한 사고가 잇따르면서 소비자들의 불안도 커지고 있다.",
    "회사 고객센터에는 사고 소식이 알려진 직후부터 문의 전화가 평소의 세 배 넘게 몰린 것으로 전해졌다.",
    "전문가들은 비밀번호를 주기적으로 바꾸고 출처가 불분명한 문자의 링크를 누르지 말라고 당부했다.",
    "국회에서도 관련 법 개정안이 잇따라 발의돼 상임위원회 논의를 기다리고 있다.",
    "일부 이용자들은 집단 소송을 준비하는 온라인 모임을 만들어 참여자를 모으고 있다.",
    "회사 주가는 사고 소식이 전해진 뒤 사흘 연속 약세를 보였다.",
    "사고 원인을 둘러싼 공방은 당분간 이어질 것으로 보인다.",
    "시민단체들은 기업이 책임을 협력업체에 떠넘겨서는 안 된다고 지적했다.",
    "보안 업계는 공격 수법이 갈수록 정교해지고 있어 실시간 탐지 체계를 갖추는 일이 시급하다고 입을 모은다.",
    "이번 사안은 대규모 이용자를 둔 플랫폼 기업의 책임 범위를 가늠하는 첫 사례가 될 수 있다는 평가도 나온다.",
    "회사 안팎에서는 경영진의 책임론도 고개를 들고 있다.",
    "한 업계 관계자는 비슷한 구조의 시스템을 쓰는 다른 기업들도 긴장하고 있다고 전했다.",
    "당국은 비슷한 사고를 막기 위해 주요 기업을 대상으로 보안 실태를 수시로 살펴볼 방침이다.",
    "소비자 단체는 피해 사실을 모르는 이용자가 많다며 개별 통지를 서둘러야 한다고 요구했다.",
]
_DISTRACTOR = [
    "{co}{eun} 올해 3분기 매출이 지난해 같은 기간보다 {p}% 늘었다고 발표했다.",
    "{co}{eun} 다음 달 새 요금제를 내놓고 젊은 이용자 공략에 나선다.",
    "{co}{eun} 인공지능 상담 서비스를 전국 매장으로 넓히기로 했다.",
    "증권가에서는 {co}의 4분기 실적도 시장 예상치를 웃돌 것으로 보고 있다.",
    "{co}{eun} {partner}{wa} 손잡고 해외 결제 시장에 진출한다고 밝혔다.",
    "{co} 관계자는 연말까지 신규 채용 규모를 지난해보다 늘릴 계획이라고 말했다.",
    "회사 측은 새 서비스의 이용자가 출시 한 달 만에 {n}명을 넘었다고 설명했다.",
]


def _person_quote(a: _Article, org: str, roles: list[str], quotes: list[str]) -> str:
    r = a.rng
    who = a.name()
    role = r.choice(roles)
    verb = r.choice(("고 말했다", "고 밝혔다", "고 강조했다"))
    return f"{who} {org} {_j(role, '은', '는')} \"{r.choice(quotes)}\"{verb}."


def _body(a: _Article) -> tuple[str, str]:
    """(title, body) of article ``a``."""
    r = a.rng
    if r.random() < 0.14:
        co = a.company
        title = f"{co}, {r.choice(('3분기 실적 호조', '새 요금제 출시', '해외 진출 본격화', 'AI 상담 확대'))}"
        pool = [s.format(co=co, eun=_j(co, "은", "는")[len(co):], partner=a.partner,
                         wa=_j(a.partner, "과", "와")[len(a.partner):], p=r.randint(3, 40),
                         n=_count(r.randint(10_000, 900_000))) for s in _DISTRACTOR]
        r.shuffle(pool)
        sentences = pool + r.sample(_CONTEXT[-6:], 3)
        return title, _paragraphs(a, sentences, 650)
    inc_title, incident = _incident_sentences(a)
    m_title, measures = _measure_sentences(a)
    title = f"{a.company}, {inc_title}…{a.agency} {m_title}"
    sentences = incident + measures
    sentences.append(_person_quote(a, a.agency, _AGENCY_ROLES, _QUOTES_AGENCY))
    sentences.append(_person_quote(a, a.company, _COMPANY_ROLES, _QUOTES_COMPANY))
    if r.random() < 0.5:
        sentences.append(f"{a.name()} {r.choice(_SCHOOLS)} {_j(r.choice(_EXPERT_ROLES), '은', '는')} \"{r.choice(_QUOTES_EXPERT)}\"고 지적했다.")
    if r.random() < 0.3:
        sentences.append(f"{_j(a.police, '은', '는')} {a.day(r.randint(25, 90))}부터 사건을 수사하고 있으며 공격에 쓰인 서버의 위치를 추적하고 있다.")
    context = r.sample(_CONTEXT, len(_CONTEXT))
    return title, _paragraphs(a, sentences, r.randint(700, 1100), context)


def _paragraphs(a: _Article, sentences: list[str], length: int, extra: list[str] | None = None) -> str:
    """Join sentences into paragraphs, adding context sentences until the body is ``length`` long."""
    extra = list(extra or [])
    body = list(sentences)
    while sum(len(s) + 1 for s in body) < length and extra:
        body.insert(a.rng.randint(2, len(body)), extra.pop())
    cut = sorted(a.rng.sample(range(1, len(body)), min(3, len(body) - 1)))
    paras, start = [], 0
    for c in cut + [len(body)]:
        paras.append(" ".join(body[start:c]))
        start = c
    return "\n\n".join(p for p in paras if p)


def article_text(seed: int, index: int) -> tuple[str, str]:
    """The file name and text of article ``index`` of the corpus drawn with ``seed``."""
    a = _Article(seed, index)
    title, body = _body(a)
    oid = f"{900 + index % 90:03d}"
    aid = f"{index:010d}"
    published = a.published.strftime("%Y-%m-%d %H:%M")
    crawled = (a.published + timedelta(minutes=a.rng.randint(3, 90))).strftime("%Y-%m-%d %H:%M:%S")
    author = f"{a.name()} 기자"
    url = f"https://news.example.kr/article/{oid}/{aid}"
    quoted = title.replace('"', "&quot;")
    text = (
        "---\n"
        f"id: {oid}_{aid}\n"
        f'title: "{quoted}"\n'
        "category: IT\n"
        f"publisher: {a.publisher}\n"
        f"author: {author}\n"
        f"published_at: {published}\n"
        f"crawled_at: {crawled}\n"
        f"url: {url}\n"
        f"oid: {oid}\n"
        f"aid: {aid}\n"
        f"content_hash: {hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"
        "---\n\n"
        f"# {quoted}\n\n**{a.publisher}** | {published} | \n\n---\n\n{body}\n\n---\n\n"
        f"*Crawled at: {crawled}*\n*Source: [원문 보기]({url})*\n"
    )
    return f"{a.published:%Y-%m}/{oid}_{aid}.txt", text


def write_corpus(folder: str | Path, articles: int, *, seed: int = 2025) -> list[Path]:
    """Write ``articles`` article files under ``folder`` (one subfolder per month); return them.

    Every 250th file is a re-crawl of the article before it under another name.
    """
    root = Path(folder)
    written: list[Path] = []
    previous = ""
    for i in range(articles):
        name, text = article_text(seed, i)
        if i % 250 == 249 and previous:
            name, text = name.replace(".txt", "_recrawl.txt"), previous
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
        previous = text
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    files = write_corpus(args.folder, args.articles, seed=args.seed)
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {len(files)} files ({size / 1e6:.1f} MB) under {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
