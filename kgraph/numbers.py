"""Korean numbers and dates as written in news text, normalised.

>>> parse_korean_number("2억4300만")
243000000
>>> parse_korean_number("1347억9100만")
134791000000
>>> parse_korean_number("2만2227")
22227
>>> parse_korean_number("5천만")
50000000
>>> parse_korean_number("1조2천억")
1200000000000
>>> resolve_date("지난해 7월31일", "2025-12-29T00:00:00+09:00")
'2024-07-31'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
_SMALL = {"천": 1000, "백": 100, "십": 10}

#: One Korean number: digits (with commas or a decimal point) and unit words, e.g. 2억4300만, 3,000만.
NUMBER = r"(?:\d[\d,]*(?:\.\d+)?\s?(?:여(?=[조억만천]))?(?:[조억만천백십](?:(?<=[천백십])여(?=[조억만]))?(?:\s?(?=\d))?)*)+"
_PART = re.compile(r"(\d[\d,]*(?:\.\d+)?)?\s?([조억만천백십])?")


def parse_korean_number(text: str) -> int:
    """Read a Korean-style number (digits mixed with 조/억/만/천/백/십) as an integer.

    Raises:
        ValueError: ``text`` holds no number.

    >>> parse_korean_number("3,000만")
    30000000
    >>> parse_korean_number("1.5억")
    150000000
    >>> parse_korean_number("2억9천여만")
    290000000
    """
    total = Fraction(0)
    group = Fraction(0)
    seen = False
    pos = 0
    compact = re.sub(r"(?<=[\d천백십])여(?=[조억만천])", "", text.strip())  # 30여만, 2억9천여만: about
    while pos < len(compact):
        m = _PART.match(compact, pos)
        if not m or m.end() == pos:
            raise ValueError(f"not a Korean number: {text!r}")
        digits, unit = m.groups()
        pos = m.end()
        value = Fraction(digits.replace(",", "")) if digits else None
        if value is not None:
            seen = True
        if unit in _SMALL:
            group += (value if value is not None else 1) * _SMALL[unit]
        elif unit in _BIG:
            if value is not None:
                group += value
            total += (group if group or value is not None else 1) * _BIG[unit]  # 0만 is 0, not 1만
            group = Fraction(0)
        elif value is not None:
            group += value
    if not seen:
        raise ValueError(f"not a Korean number: {text!r}")
    return int(round(total + group))


@dataclass(frozen=True)
class NumberMatch:
    """A number followed by a counter word in a text."""

    value: int
    counter: str
    start: int
    end: int
    text: str
    each: bool = False  # 10만원씩: what each one gets or pays, a rate rather than a total


#: What may follow a counter: a particle or the copula (368명이며, 94대가), a suffix of quantity
#: (580억 원어치, 10만원씩, 1000명가량, 100억원대의), or a postposition (300명까지, 5명꼴, 3명뿐),
#: the copula after a vowel (모두 37대다, 30여 개였다), in polite speech (아홉 대입니다) or as a modifier
#: (3천여 명인 것으로, 14대인데), but not another syllable of a longer word (원인, 대한, 명단, 대다수).
_AFTER_COUNTER = (
    r"(?=[은는이가을를의에과와도만으며로]|어치|씩|까지|꼴|뿐|부터|보다|쯤|정도|남짓|가량|"
    r"인(?:\s(?:것|셈|데다)|데[,\s]|지\s)|입니다|입니까|"
    r"대(?:[의로에를가는이]|[^가-힣]|$)|다(?![가-힣])|였다|[^가-힣]|$)"
)


#: Native Korean numerals in the form they take before a counter (세 곳, 두 대, 열한 명).
_NATIVE_UNITS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_NATIVE = {**_NATIVE_UNITS, "열": 10, "스무": 20,
           **{"열" + word: 10 + value for word, value in _NATIVE_UNITS.items()},
           **{"스물" + word: 20 + value for word, value in _NATIVE_UNITS.items()}}
NATIVE_WORDS = "|".join(sorted(_NATIVE, key=len, reverse=True))


#: Sino-Korean numerals written in Hangul (천이백, 사백, 천팔백칠십): digits before 천/백/십 units.
_SINO = "(?:[일이삼사오육칠팔구]?[천백십])+[일이삼사오육칠팔구]?"
_SINO_DIGITS = str.maketrans("일이삼사오육칠팔구", "123456789")

#: A range's sign: before the second number of a range, or after the first with its counter.
_RANGE_BEFORE = re.compile(r"[~∼〜]\s?$")
_RANGE_AFTER = re.compile(r"\s?[~∼〜]")


def find_counted_numbers(text: str, counters: tuple[str, ...]) -> Iterator[NumberMatch]:
    """Find numbers followed by one of ``counters`` (명, 원, 대, …), allowing 여/가량/약 between.

    Numbers are written in digits with unit words (2만2227, 1,200만), as Sino-Korean numerals in
    Hangul (천이백여 명), or, for small counts of things other than money, as native numerals before
    the counter with a space between (세 곳, 두 대; not 세대 or 한편).

    >>> [(m.value, m.counter) for m in find_counted_numbers("피해자 2만2227명, 피해액 2억4300만 원", ("명", "원"))]
    [(22227, '명'), (243000000, '원')]
    >>> [(m.value, m.each) for m in find_counted_numbers("가상자산 580억 원어치, 1인당 10만원씩", ("원",))]
    [(58000000000, False), (100000, True)]
    >>> [(m.value, m.text) for m in find_counted_numbers("세 곳의 서버와 PC 두 대, 세대 간, 한 대에", ("곳", "대"))]
    [(3, '세 곳'), (2, '두 대')]
    >>> [m.value for m in find_counted_numbers("계정 3천~4천 개, 피해액 10억 원~15억 원, 서버 7대", ("개", "원", "대"))]
    [7]
    >>> [m.value for m in find_counted_numbers("천이백여 명, 사백열두 명, 천팔백칠십여 건; 수천 명, 이십대", ("명", "건", "대"))]
    [1200, 412, 1870]
    """
    if not counters:
        return
    alternatives = "|".join(sorted((re.escape(c) for c in counters), key=len, reverse=True))
    # The counter may be followed by a particle or the copula (368명이며, 94대가), not by another
    # syllable of a longer word (원인, 대한).
    pattern = re.compile(rf"(?<![\d.,])({NUMBER})\s?(?:여|가량|남짓)?\s?({alternatives}){_AFTER_COUNTER}")
    native = re.compile(rf"(?<![가-힣\d])({NATIVE_WORDS})\s({alternatives}){_AFTER_COUNTER}")
    sino = re.compile(rf"(?<![가-힣\d])({_SINO})({NATIVE_WORDS})?\s?(여)?\s?({alternatives}){_AFTER_COUNTER}")
    found: list[NumberMatch] = []
    for m in pattern.finditer(text):
        number, counter = m.group(1), m.group(2)
        if _RANGE_BEFORE.search(text, 0, m.start()) or _RANGE_AFTER.match(text, m.end()):
            continue  # 3천~4천 개, 10억 원~15억 원: a range states no figure
        try:
            value = parse_korean_number(number)
        except ValueError:
            continue
        each = text.startswith("씩", m.end())
        found.append(NumberMatch(value, counter, m.start(), m.end(), m.group(0), each))
    for m in native.finditer(text):
        # Money is written in digits; 한 건에 500원, 한 명당: "per one", a rate, not a count; 피해
        #회원 한 명은 "…": one person of many, telling their story, not a count.
        if m.group(2) != "원" and not (m.group(1) == "한" and (text.startswith(("에", "당"), m.end()) or m.group(2) == "명")):
            found.append(NumberMatch(_NATIVE[m.group(1)], m.group(2), m.start(), m.end(), m.group(0),
                                     text.startswith("씩", m.end())))
    for m in sino.finditer(text):
        # 천이백여 명, 사백열두 명, 천팔백칠십여 건: Sino-Korean numerals written in Hangul (two syllables
        # at least, and not before 대: 이십대 is an age)
        digits, tail, counter = m.group(1), m.group(2), m.group(4)
        if len(digits) < 2 or counter.startswith("대"):
            continue
        value = parse_korean_number(digits.translate(_SINO_DIGITS)) + (_NATIVE[tail] if tail else 0)
        found.append(NumberMatch(value, counter, m.start(), m.end(), m.group(0), text.startswith("씩", m.end())))
    yield from sorted(found, key=lambda match: match.start)


#: A damage word right before an amount whose 원 a headline leaves out (피해 12억, 손실액 3억2천만).
_BARE_AMOUNT = re.compile(rf"(?:피해|피해액|피해 규모|손실|손실액)\s?(?:약\s?)?(?P<n>{NUMBER})(?![가-힣\d])"
                          rf"|(?<![\d,.])(?P<lost>{NUMBER})\s?(?=증발|탈취|털려|털렸|빠져나|도난)")


def find_bare_amounts(text: str) -> Iterator[NumberMatch]:
    """Find amounts of money written without 원 right after a damage word or right before a word of
    losing it, as headlines write them (``피해 12억``, ``142억 증발``); only amounts of 억 and more,
    so that a count (피해 3만) is not taken for money.

    >>> [(m.value, m.text) for m in find_bare_amounts("모아페이 부정결제…피해 12억, 피해자 3만")]
    [(1200000000, '12억')]
    >>> [(m.value, m.text) for m in find_bare_amounts("코인여울 핫월렛서 142억 증발")]
    [(14200000000, '142억')]
    """
    for m in _BARE_AMOUNT.finditer(text):
        group = "n" if m.group("n") is not None else "lost"  # 피해 12억; 142억 증발, 87억 탈취
        number = m.group(group).rstrip()
        if "억" not in number and "조" not in number:
            continue
        try:
            value = parse_korean_number(number)
        except ValueError:
            continue
        yield NumberMatch(value, "원", m.start(group), m.start(group) + len(number), number)


# --- Dates -------------------------------------------------------------------------------------

_MONTH_WORDS = {"지난달": -1, "전달": -1, "이달": 0, "이번 달": 0, "다음 달": 1, "다음달": 1}
_YEAR_WORDS = {"지난해": -1, "작년": -1, "올해": 0, "올": 0, "금년": 0, "내년": 1, "재작년": -2}
DATE_PATTERN = re.compile(
    r"(?<!\d)(?:(?P<year>\d{4})\s?년\s?|(?P<yword>지난해|재작년|작년|올해|금년|내년)\s?)?"
    r"(?:(?P<mword>지난달|전달|이달|이번 달|다음 달|다음달)\s?|(?P<rel>지난|오는)\s?)?"
    r"(?:(?P<month>\d{1,2})\s?월(?:\s?(?P<day>\d{1,2})\s?일)?|(?P<dayonly>\d{1,2})\s?일)"
    # A count of days is not a date: 30일간, 30일 동안, 3일째, 3일 만에.
    r"(?!\s?(?:간|동안|째|만에|만의|이내|이상|가량|정도)|[가-힣]*(?:간|째))"
)
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})[.-](?P<m>\d{1,2})[.-](?P<d>\d{1,2})(?!\d)")


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text, resolved to ``YYYY-MM-DD`` or ``YYYY-MM``."""

    value: str
    start: int
    end: int
    text: str


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def resolve_date(expr: str, published_at: str | None) -> str | None:
    """Resolve one date expression against the publication time (ISO 8601).

    A day alone is in the publication month; a month and day without a year is the latest such
    date not after publication (``오는`` looks forward instead); ``지난해`` is the year before.

    >>> resolve_date("29일", "2025-12-29T00:00:00+09:00")
    '2025-12-29'
    >>> resolve_date("지난 9월18일", "2025-12-29T00:00:00+09:00")
    '2025-09-18'
    >>> resolve_date("오는 1월5일", "2025-12-29T00:00:00+09:00")
    '2026-01-05'
    >>> resolve_date("지난 8월", "2025-12-29T00:00:00+09:00")
    '2025-08'
    >>> resolve_date("지난달 29일", "2025-12-29T00:00:00+09:00")
    '2025-11-29'
    """
    found = list(find_dates(expr, published_at))
    return found[0].value if found else None


def find_dates(text: str, published_at: str | None) -> Iterator[DateMatch]:
    """Find and resolve every date expression in ``text``.

    Without a publication time only dates with a year can be resolved.
    """
    pub: date | None = None
    if published_at:
        try:
            pub = date.fromisoformat(published_at[:10])
        except ValueError:
            pub = None
    taken: list[tuple[int, int]] = []
    for m in _ISO_DATE.finditer(text):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if _valid(y, mo, d):
            taken.append((m.start(), m.end()))
            yield DateMatch(f"{y:04d}-{mo:02d}-{d:02d}", m.start(), m.end(), m.group(0))
    for m in DATE_PATTERN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = _resolve_match(m, pub)
        if value:
            yield DateMatch(value, m.start(), m.end(), m.group(0).strip())


def _resolve_match(m: re.Match[str], pub: date | None) -> str | None:
    rel = m["rel"]
    if m["year"]:
        year: int | None = int(m["year"])
    elif m["yword"] and pub:
        year = pub.year + _YEAR_WORDS[m["yword"]]
    else:
        year = None
    if m["dayonly"]:
        if pub is None or m["yword"] or m["year"]:
            return None
        day = int(m["dayonly"])
        y, mo = pub.year, pub.month
        if m["mword"]:
            shift = _MONTH_WORDS[m["mword"]]
            mo += shift
            y, mo = (y - 1, 12) if mo < 1 else (y + 1, 1) if mo > 12 else (y, mo)
            return f"{y:04d}-{mo:02d}-{day:02d}" if _valid(y, mo, day) else None
        if rel == "지난" and day >= pub.day or (rel is None and day > pub.day + 1):
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        elif rel == "오는" and day <= pub.day:
            y, mo = (y, mo + 1) if mo < 12 else (y + 1, 1)
        return f"{y:04d}-{mo:02d}-{day:02d}" if _valid(y, mo, day) else None
    month = int(m["month"])
    day = int(m["day"]) if m["day"] else None
    if not 1 <= month <= 12:
        return None
    if year is None:
        if pub is None:
            return None
        year = pub.year
        probe = (month, day or 1)
        if rel == "오는":
            if probe <= (pub.month, pub.day):
                year += 1
        elif probe > (pub.month, pub.day):
            year -= 1
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None
