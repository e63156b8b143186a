"""Tables: the figures of a table written in text lines, one organization a row.

Outlets flatten a table into lines whose cells are split by `` / `` or ``|``::

    구분 / 피해 건수 / 피해액
    꿀단지마켓 / 4,812건 / 1억2,300만 원
    합계 / 1만94건 / 2억2,930만 원

No such line is a sentence with an incident word in it, so the sentence-by-sentence reading of
:mod:`kgraph.extract` leaves their figures to the incidents of other sentences, or to none. Here a
run of lines with the same number of cells (two or more) is a table when its first line holds no
digit: that line is the header. Each later row whose first cell names an organization gives that
organization's incident the figures of its cells, each read as the property that its column's
header names (the cue words of ``quantities.tsv``: 피해액 → damageAmount, 피해자 수 → victimCount).
A unit in a header's brackets (``피해액(만 원)``, ``(단위: 건)``) is the unit of a cell that has
none. Of two columns read as one property, the first gives it. A row labelled as a total (``table_words.tsv``) belongs to no organization. The incident is
a data breach where a column's header holds a word of leaking (``leak_stems.tsv``: 유출 기록) and
the incident is no ransomware attack (which holds its leak), else the kind the organization
already has in the article, or else the kind of the article's first incident.

A row's label names a company also when no name pattern finds it, where the header's first cell
is a kind of company (``company_kinds.tsv``: 회사, 업체, 쇼핑몰, 카드사 …): under ``쇼핑몰 | 업종 |
유출 회원``, ``솔내음`` is a shopping mall's name (:func:`row_names`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicon import Lexicon
from .model import AnalysedArticle, IncidentMention, MeasureMention, OrgMention, Quantity, Span
from .numbers import NumberMatch, find_counted_numbers

_EDGE_PIPES = re.compile(r"^\s*[|｜]|[|｜]\s*$")
_CELL_BREAK = re.compile(r"\s*[|｜]\s*|\s+/\s+|\t+")
_RULER = re.compile(r"^[\s:\-–—=]+$")  # the |---|---| line of a Markdown table
_UNIT = re.compile(r"\(\s*(?:단위\s*[:：]?\s*)?([^()]{1,6})\)")
_DIGIT = re.compile(r"\d")
_LABEL = re.compile(r"[가-힣A-Za-z][가-힣A-Za-z0-9&+.]*(?: [가-힣A-Za-z0-9&+.]+)?")


@dataclass(frozen=True)
class _Line:
    sentence: int
    cells: tuple[tuple[int, int], ...]  # (start, end) of each cell, in the section's characters


def _cells(text: str, offset: int) -> tuple[tuple[int, int], ...]:
    """The cells of one line, as spans in the section (none when it is no line of a table)."""
    lo, hi = 0, len(text)
    if (m := _EDGE_PIPES.search(text)) and m.start() == 0:
        # | a | b |: the pipes at both edges close the row; without the first, a last pipe
        # ends an empty cell (합계 | 2,561명 | 13억 원 |, under a header of four cells)
        lo = m.end()
        if (m := _EDGE_PIPES.search(text, lo)) and m.end() == hi:
            hi = m.start()
    cells: list[tuple[int, int]] = []
    at = lo
    for m in _CELL_BREAK.finditer(text, lo, hi):
        cells.append((at, m.start()))
        at = m.end()
    cells.append((at, hi))
    if len(cells) < 2:
        return ()
    return tuple((offset + a, offset + b) for a, b in cells)


#: A table: its header line and the rows below it.
Table = tuple[_Line, list[_Line]]


def find_tables(analysed: AnalysedArticle) -> list[Table]:
    """The tables of the article's body: (header, rows below it). Found once per article and
    handed to :func:`row_names`, :func:`table_incidents` and :func:`table_measures`."""
    body = analysed.article.body
    if " / " not in body and "|" not in body and "｜" not in body and "\t" not in body:
        return []  # (most articles: no cell break anywhere)
    lines: list[_Line] = []
    for sent in analysed.sentences:
        if sent.section != "body":
            continue
        text = body[sent.start : sent.end]
        line_start = body.rfind("\n", 0, sent.start) + 1
        line_end = body.find("\n", sent.end)
        whole_line = not body[line_start : sent.start].strip() and not body[sent.end : len(body) if line_end < 0 else line_end].strip()
        cells = _cells(text, sent.start) if whole_line else ()
        if cells and _RULER.match(text.replace("|", "").replace("｜", "")):
            continue  # |---|---|: the header's underline
        lines.append(_Line(sent.index, cells))
    tables: list[Table] = []
    k = 0
    while k < len(lines):
        head = lines[k]
        k += 1
        if not head.cells or any(_DIGIT.search(body[a:b]) for a, b in head.cells):
            continue
        rows: list[_Line] = []
        while k < len(lines) and len(lines[k].cells) == len(head.cells):
            rows.append(lines[k])
            k += 1
        if rows:
            tables.append((head, rows))
    return tables


def row_names(tables: list[Table], analysed: AnalysedArticle, lex: Lexicon, orgs: list[OrgMention]) -> list[OrgMention]:
    """The labels of rows under a header whose first cell is a kind of company, as companies
    (a label some finder read already, or a total, is left alone)."""
    body = analysed.article.body
    out: list[OrgMention] = []
    for head, rows in tables:
        a, b = head.cells[0]
        if body[a:b].strip() not in lex.company_kinds:
            continue
        for row in rows:
            start, end = row.cells[0]
            label = body[start:end].strip()
            start += body[start:end].find(label)
            end = start + len(label)
            if not _LABEL.fullmatch(label) or label in lex.table_totals or any(
                    m.span.sentence == row.sentence and m.span.start < end and start < m.span.end for m in orgs):
                continue
            out.append(OrgMention(label, lex.alias_to_org.get(label, label), "Company",
                                  Span(row.sentence, start, end), "topic", label in lex.alias_to_org))
    return out


@lru_cache(maxsize=4)
def _counters(lex: Lexicon) -> tuple[str, ...]:
    """The counters of quantities.tsv (명, 건, 대, 원, …)."""
    return tuple(sorted({r.counter for r in lex.quantities}))


def _unit(header: str) -> str:
    m = _UNIT.search(header)
    return m.group(1).strip() if m else ""


def _property(header: str, counter: str, lex: Lexicon) -> str | None:
    """The incident property a column headed ``header`` holds, for figures counted by ``counter``."""
    for rule in lex.quantities:
        if rule.counter == counter and rule.applies == "incident" and any(cue in header for cue in rule.cues):
            return rule.prop
    return None


def table_incidents(tables: list[Table], analysed: AnalysedArticle, lex: Lexicon, orgs: list[OrgMention],
                    incidents: list[IncidentMention]) -> tuple[set[int], list[IncidentMention]]:
    """The sentences that are lines of a table, and the incidents its rows give figures to.

    The sentences are returned so that the figures read from them sentence by sentence can be
    dropped: they belong to the rows, or (a header, a total) to nobody.
    """
    body = analysed.article.body
    counters = _counters(lex)
    # (a generic word such as 공격 stands for the specific incident the article reports)
    kinds = {i.incident_type for i in incidents if not i.generic} or {i.incident_type for i in incidents}
    # (of several kinds, the one the article reports first: 랜섬웨어 in the lead, the leak it caused after)
    lead = min((i for i in incidents if not i.generic), key=lambda i: i.span.sentence, default=None)
    lead = lead.incident_type if lead is not None else next(iter(kinds), None)
    lines: set[int] = set()
    found: list[IncidentMention] = []
    for head, rows in tables:
        lines.add(head.sentence)
        headers = [body[a:b] for a, b in head.cells]
        leaked = any(stem in header for header in headers[1:] for stem in lex.leak_stems)
        for row in rows:
            lines.add(row.sentence)
            first_start, first_end = row.cells[0]
            label = body[first_start:first_end].strip()
            if label in lex.table_totals:
                continue
            named = [m for m in orgs if m.span.sentence == row.sentence and first_start <= m.span.start < first_end]
            if not named:
                continue
            org = named[0].name
            own = [i for i in incidents if i.affected == org and not i.generic]
            kind = own[0].incident_type if own else next(iter(kinds)) if len(kinds) == 1 else lead
            if leaked and kind != "Ransomware" and "Ransomware" not in {i.incident_type for i in own}:
                kind = "DataBreach"  # 피해 가입자 | 유출 기록: the rows count a leak (a ransomware's holds it)
            if kind is None:
                continue
            trigger = next((i.trigger for i in incidents if i.incident_type == kind), kind)
            figures: list[Quantity] = []
            for column, n, header in _cell_values(body, row, headers, counters):
                a, b = row.cells[column]
                prop = _property(header, n.counter, lex)
                if any(q.prop == prop for q in figures):
                    continue  # 감염 서버 | … | 감염 POS 단말: the first column of a property is its figure
                if prop is not None and n.value > 0:
                    start = a + min(n.start, b - a)
                    end = a + min(n.end, b - a)
                    figures.append(Quantity(prop, n.value, body[start:end], Span(row.sentence, start, end)))
            if figures:
                found.append(IncidentMention(kind, org, trigger, Span(row.sentence, first_start, first_end),
                                             False, tuple(figures)))
    return lines, found


def _cell_values(body: str, row: _Line, headers: list[str], counters: tuple[str, ...]) -> list[tuple[int, NumberMatch, str]]:
    """(column, number, header) of each cell below the first that holds one number."""
    out = []
    for column, ((a, b), header) in enumerate(zip(row.cells[1:], headers[1:]), 1):
        cell = body[a:b]
        unit = _unit(header)
        numbers = list(find_counted_numbers(cell, counters))
        if not numbers and unit and re.fullmatch(r"[\d,.]+", cell.strip()):
            numbers = list(find_counted_numbers(cell.strip() + unit, counters))
        if len(numbers) == 1:  # an empty or a mixed cell (4,812건(잠정)/ …) is read as nothing
            out.append((column, numbers[0], header))
    return out


def table_measures(tables: list[Table], measures: list[MeasureMention], analysed: AnalysedArticle,
                   lex: Lexicon) -> list[MeasureMention]:
    """The measures read from a table's rows without the amounts of columns that hold no
    measure's amount: under ``피해액 | 보상 현황``, ``7억2,600만 원 | 전액 보상 완료`` is a damage and a
    compensation with no amount stated."""
    body = analysed.article.body
    counters = _counters(lex)
    foreign: dict[int, set[int]] = {}  # sentence -> amounts of columns of no measure
    for head, rows in tables:
        headers = [body[a:b] for a, b in head.cells]
        for row in rows:
            for _, n, header in _cell_values(body, row, headers, counters):
                if not any(rule.counter == n.counter and rule.applies == "measure" and any(cue in header for cue in rule.cues)
                           for rule in lex.quantities):
                    foreign.setdefault(row.sentence, set()).add(n.value)
    if not foreign:
        return measures
    return [replace(m, amount=None) if m.amount is not None and m.amount in foreign.get(m.span.sentence, ()) else m
            for m in measures]


def without_lines(incidents: list[IncidentMention], lines: set[int]) -> list[IncidentMention]:
    """The incidents without the figures read from the lines of a table."""
    if not lines:
        return incidents
    return [replace(i, quantities=tuple(q for q in i.quantities if q.span.sentence not in lines))
            if any(q.span.sentence in lines for q in i.quantities) else i for i in incidents]
