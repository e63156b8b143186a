"""Korean numbers and dates as reporters write them, normalised to integers and ISO dates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.numbers import DateMatch, find_counted_numbers, find_dates, parse_korean_number, resolve_date

PUB = "2025-12-29T00:00:00+09:00"
COUNTERS = ("명", "원", "대", "종")


# --- parse_korean_number ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2억4300만", 243000000),
        ("1347억9100만", 134791000000),
        ("2만2227", 22227),
        ("5천만", 50000000),
        ("1조2천억", 1200000000000),
        ("3,000만", 30000000),
        ("1.5억", 150000000),
        ("94", 94),
        ("2억 4300만", 243000000),
        ("2천5백만", 25000000),
        ("1,347억 9,100만", 134791000000),
        ("0", 0),
        ("0만", 0),
        ("2억9천여만", 290000000),  # about 2억9천만: 여 after a small unit, before a large one
        ("3천여만", 30000000),
    ],
)
def test_parse_korean_number(text, expected):
    assert parse_korean_number(text) == expected


@pytest.mark.parametrize("text", ["억", "만", "", "원", "만원"])
def test_parse_korean_number_without_digits_is_an_error(text):
    with pytest.raises(ValueError):
        parse_korean_number(text)


_GROUPS = (("조", 10**12), ("억", 10**8), ("만", 10**4))


def render_korean(n: int, spaces: list[bool], commas: list[bool]) -> str:
    """Write ``n`` the way reporters do: 조/억/만 groups, zero groups left out, the rest in digits.

    ``spaces[i]`` puts a space after group i, ``commas[i]`` writes group i with thousands commas.
    """
    if n == 0:
        return "0"
    parts: list[str] = []
    rest = n
    for i, (unit, size) in enumerate(_GROUPS):
        group, rest = divmod(rest, size)
        if group:
            parts.append((f"{group:,}" if commas[i] else str(group)) + unit + (" " if spaces[i] else ""))
    if rest:
        parts.append(f"{rest:,}" if commas[3] else str(rest))
    return "".join(parts).strip()


_GROUP_VALUE = st.sampled_from([0, 1, 10, 100, 999, 1000, 1001, 9999]) | st.integers(0, 9999)
_NUMBERS = st.integers(0, 10**16 - 1) | st.builds(
    lambda a, b, c, d: ((a * 10**4 + b) * 10**4 + c) * 10**4 + d,
    _GROUP_VALUE, _GROUP_VALUE, _GROUP_VALUE, _GROUP_VALUE,
)
_FLAGS = st.lists(st.booleans(), min_size=4, max_size=4)


def test_render_korean_reference():
    assert render_korean(134791000000, [False] * 4, [False] * 4) == "1347억9100만"
    assert render_korean(134791000000, [True] * 4, [True] * 4) == "1,347억 9,100만"
    assert render_korean(1000000000005, [True] * 4, [False] * 4) == "1조 5"


@given(_NUMBERS, _FLAGS, _FLAGS)
def test_parse_korean_number_reads_reporter_style(n, spaces, commas):
    assert parse_korean_number(render_korean(n, spaces, commas)) == n


@given(_NUMBERS, _FLAGS, _FLAGS, st.sampled_from(["", " "]))
def test_find_counted_numbers_reads_reporter_style(n, spaces, commas, gap):
    text = f"피해액은 {render_korean(n, spaces, commas)}{gap}원으로 집계됐다."
    assert [(m.value, m.counter) for m in find_counted_numbers(text, COUNTERS)] == [(n, "원")]


# --- find_counted_numbers -----------------------------------------------------------------------


def counted(text: str) -> list[tuple[int, str, str]]:
    return [(m.value, m.counter, m.text) for m in find_counted_numbers(text, COUNTERS)]


def test_counted_people():
    assert counted("가입자 368명 정보가 새어 나갔다") == [(368, "명", "368명")]


def test_counted_won_with_space():
    assert counted("손해는 2억4300만 원 규모다") == [(243000000, "원", "2억4300만 원")]


def test_counted_won_without_space():
    assert counted("과징금 1347억9100만원을 물렸다") == [(134791000000, "원", "1347억9100만원")]


def test_counted_machines_and_kinds():
    assert counted("서버 94대 안에서 악성코드 103종 발견") == [(94, "대", "94대"), (103, "종", "103종")]


def test_counted_with_particles_after():
    text = "확인된 사람은 368명이며 감염된 장비는 94대가 넘는다"
    assert counted(text) == [(368, "명", "368명"), (94, "대", "94대")]


def test_counted_offsets():
    text = "모두 2만2227명이 신고했다"
    [m] = find_counted_numbers(text, COUNTERS)
    assert (m.value, m.start, m.end, text[m.start : m.end]) == (22227, 3, 10, "2만2227명")


def test_counted_number_with_approximation():
    assert counted("약 300여명이 몰렸다") == [(300, "명", "300여명")]


def test_counter_inside_longer_word_does_not_fire():
    assert counted("오류 코드 404 원인 분석") == []
    assert counted("2025 대한민국 보안 대상") == []
    assert counted("404원인") == []
    assert counted("5대한") == []


def test_no_counters_finds_nothing():
    assert list(find_counted_numbers("368명", ())) == []


# --- find_dates / resolve_date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("29일", "2025-12-29"),
        ("지난 9월18일", "2025-09-18"),
        ("지난해 7월31일", "2024-07-31"),
        ("지난 8월", "2025-08"),
        ("2024년 3월 5일", "2024-03-05"),
        ("2025.08.28", "2025-08-28"),
        ("2025-08-28", "2025-08-28"),
        ("오는 5일", "2026-01-05"),
        ("오는 1월5일", "2026-01-05"),
        ("올해 3월", "2025-03"),
        ("내년 2월", "2026-02"),
        ("12일", "2025-12-12"),
    ],
)
def test_resolve_date(expr, expected):
    assert resolve_date(expr, PUB) == expected


@pytest.mark.parametrize("text", ["24시간 이내", "30일간", "3일째", "10시 30분", "보안 점검"])
def test_durations_and_times_are_not_dates(text):
    assert list(find_dates(text, PUB)) == []


def test_invalid_date_gives_nothing():
    assert list(find_dates("2월30일", PUB)) == []
    assert resolve_date("2월30일", PUB) is None


def test_invalid_iso_date_gives_nothing():
    assert list(find_dates("2025.02.30", PUB)) == []


def test_bare_day_after_publication_day_is_previous_month():
    assert resolve_date("29일", "2025-12-03T00:00:00+09:00") == "2025-11-29"


def test_bare_day_after_publication_day_in_january_is_previous_december():
    assert resolve_date("20일", "2026-01-03T09:00:00+09:00") == "2025-12-20"


def test_bare_day_without_publication_time_is_unresolved():
    assert resolve_date("29일", None) is None
    assert resolve_date("2024년 3월 5일", None) == "2024-03-05"


def test_day_number_inside_a_longer_number_is_not_a_date():
    assert list(find_dates("상장 215일 동안", PUB)) == []


def test_find_dates_gives_every_date_with_offsets():
    text = "지난해 7월31일 신고가 들어왔고 지난 8월 조사가 시작됐다"
    assert list(find_dates(text, PUB)) == [
        DateMatch("2024-07-31", 0, 9, "지난해 7월31일"),
        DateMatch("2025-08", 19, 24, "지난 8월"),
    ]


def test_month_words_and_spaced_durations():
    pub = "2025-12-29T00:00:00+09:00"
    assert [d.value for d in find_dates("지난달 29일 신고가 들어왔다", pub)] == ["2025-11-29"]
    assert list(find_dates("30일 동안 점검했고 3일 만에 복구했다", pub)) == []


def test_counted_with_quantity_suffixes_after_the_counter():
    # 어치 (worth), 씩 (each), 까지, 대 (range) end the counter like a particle does.
    assert counted("가상자산 580억 원어치를 빼갔다") == [(58000000000, "원", "580억 원")]
    assert counted("피해자가 300명까지 늘었다") == [(300, "명", "300명")]
    assert counted("수백억원대 소송, 100억원대의 손실") == [(10000000000, "원", "100억원")]


def test_counted_each_marks_a_rate():
    [m] = find_counted_numbers("1인당 10만원씩 돌려준다", COUNTERS)
    assert (m.value, m.each) == (100000, True)
    [m] = find_counted_numbers("모두 10만원을 돌려준다", COUNTERS)
    assert m.each is False


def test_counted_approximate_big_unit():
    assert counted("30여만 명이 피해를 봤다") == [(300000, "명", "30여만 명")]


def test_sino_korean_numerals_written_in_hangul_are_counts():
    from kgraph.numbers import find_counted_numbers

    found = [(m.value, m.counter) for m in find_counted_numbers(
        "피해 고객은 천이백여 명, 결제는 천팔백칠십여 건이었다. 사백열두 명이 신고했다.", ("명", "건"))]
    assert found == [(1200, "명"), (1870, "건"), (412, "명")]
    # …but not a part of a longer word (수천 명), nor an age (이십대)
    assert [m.value for m in find_counted_numbers("수천 명의 이십대 회원", ("명", "대"))] == []
