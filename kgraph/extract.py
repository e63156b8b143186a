"""Extract: read organizations, persons, incidents, measures, numbers and dates from sentences.

The rules are general models of Korean news prose; the words they look for come from the data
files under ``ontology/`` (see :mod:`kgraph.lexicon`):

- Organizations: gazetteer names on word boundaries; unknown names by suffix (…위원회, …경찰청,
  …은행, …카드), by ㈜/(주), and by company cue words (``한빛소프트랩 관계자``).
- Roles come from case particles: topic 은/는, subject 이/가, object 을/를, dative 에/에게,
  possessive 의. An agency in topic position issues a measure; the organization in the dative
  or object (or an embedded subject, ``KT가 … 면제해야``) is its target.
- A measure's status comes from cue words in its clause (요구 → demanded, 가능성 → considered,
  방침/겠 → planned, 않/없/어렵/거부 → rejected); with no cue it is imposed.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from .lexicon import Lexicon, Trigger, load_lexicon
from .model import (
    AnalysedArticle,
    DateMention,
    Extraction,
    IncidentMention,
    MeasureMention,
    OrgMention,
    PersonMention,
    Quantity,
    Sentence,
    Span,
    Token,
)
from .numbers import NATIVE_WORDS, find_bare_amounts, find_counted_numbers, find_dates
from .tables import find_tables, row_names, table_incidents, table_measures, without_lines

AUTHORITIES = frozenset({"GovernmentAgency", "LawEnforcement", "Court", "Legislature"})
_WORD_CHAR = re.compile(r"[0-9A-Za-z가-힣]")
_NOUN_TAGS = ("NNG", "NNP", "SL", "SH", "XSN", "SN", "NR")
_PARTICLE_ROLE = {"JKS": "subject", "JKO": "object", "JKG": "possessive"}
_NOUN_STOP = ("J", "E", "VCP", "VCN", "XSV", "XSA", "VV", "VA", "VX", "SF", "SP", "SE", "SSC")
_SKIPPABLE = ("J", "SN", "NR", "NNB", "SP", "SSO", "SSC", "SW", "SO", "XSN")
_MODIFIER_SUFFIXES = ("XSV", "XSA", "EP", "ETM")
_PARENT_TYPES = frozenset({"Court", "LawEnforcement", "Legislature"})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CORP_MARK = re.compile(r"\(주\)|㈜|주식회사")
_QUOTES = "\"“'‘"


@dataclass(frozen=True)
class _Eojeol:
    """A run of morphemes written together (one space-separated word)."""

    tokens: tuple[Token, ...]
    start: int
    end: int
    noun_end: int  # end of the leading noun part (before particles and endings)
    first_after_noun: Token | None


def _eojeols(sentence: Sentence) -> list[_Eojeol]:
    groups: list[list[Token]] = []
    for tok in sentence.tokens:
        # A headline's ellipsis ends a word as a space does (전산망…청솔시교육청 랜섬웨어가)
        if groups and groups[-1][-1].end == tok.start and groups[-1][-1].tag != "SE":
            groups[-1].append(tok)
        else:
            groups.append([tok])
    out = []
    for g, group in enumerate(groups):
        # The noun part runs up to the first particle, ending or verb. Unknown names are often
        # tagged oddly inside it (한결저축은행 → 한결/MAG 저축 은행), so only its last token
        # must be a noun for it to count.
        noun_end, after = group[0].start, None
        count = 0  # tokens before the first stop (the copula after a name is zero-width: 누리인쇄+이+다)
        # 맑은눈안경: a modifier written solid with two nouns or more, as only a name is written
        lead = 2 if len(group) >= 4 and group[0].tag in ("VA", "VV") and group[1].tag == "ETM" \
            and group[2].tag.startswith("NN") and group[3].tag.startswith("NN") else 0
        if not lead:
            lead = _leading_particle(group, sentence)
        count = lead
        for tok in group[lead:]:
            if tok.tag.startswith(_NOUN_STOP):
                after = tok
                break
            noun_end = tok.end
            count += 1
        nouns = list(group[:count])
        aside = None if len(nouns) < 2 or "(" not in sentence.text[nouns[0].start - sentence.start : nouns[-1].end - sentence.start] else \
            _aside_after_name(group, nouns, [t for later in groups[g + 1 : g + 4] for t in later])
        if aside is not None:
            # 영남해상화재보험(이하 영남해상)의, 가람병원(환자 42명)의: the name ends at the bracket
            noun_end, after = aside
        elif nouns and not (nouns[-1].tag.startswith(_NOUN_TAGS) or nouns[-1].form in "㈜)"):
            noun_end, after = group[0].start, group[0]
        elif after is not None and after.tag == "SSC" and after.form == ")" and len(nouns) >= 3:
            # 한국농어촌문화진흥원(농문원)은: a short Hangul name in brackets after a noun, made of
            # its syllables, is not part of it, and the particle after the brackets gives the role
            # (not 분산서비스거부(DDoS), a term's gloss, nor 솔루션(DS)부문장, a longer word).
            openings = [k for k, t in enumerate(nouns) if t.tag.startswith("SS")]
            rest = group[group.index(after) + 1 :]
            if len(openings) == 1 and openings[0] > 0 and nouns[openings[0]].form == "(" \
                    and not (rest and rest[0].tag.startswith(_NOUN_TAGS)):
                head = "".join(t.form for t in nouns[: openings[0]])
                short = "".join(t.form for t in nouns[openings[0] + 1 :])
                # Nor is a name's Latin spelling after it (라온에듀(LaonEdu)의, 넥스트페이(NextPay)는).
                latin = re.fullmatch(r"[A-Za-z][A-Za-z0-9&.\-]{1,24}", short) and re.fullmatch("[가-힣]{2,}", head)
                if latin or re.fullmatch("[가-힣]{2,10}", short) and _is_abbreviation(short, head):
                    noun_end, after = nouns[openings[0] - 1].end, rest[0] if rest else None
        out.append(_Eojeol(tuple(group), group[0].start, group[-1].end, noun_end, after))
    return out


def _leading_particle(group: list[Token], sentence: Sentence) -> int:
    """How many tokens of a word are the first syllables of a name read as a particle: a word
    cannot begin with one, so a particle read in its first two tokens, before a noun written solid
    with it, is part of the name (이랑카드 = 이/NP + 랑/JC + 카드: 2); 0 when there is none. The particle
    must be a syllable of its own as written (not the ᆯ of 청솔 = 청소 + ᆯ, nor the 의 of 미리내 =
    미리 + 나 + 의)."""
    for k in (0, 1):
        if k + 1 >= len(group) or group[k].tag[0] != "J" or not group[k + 1].tag.startswith(("NNG", "NNP")):
            continue
        written = sentence.text[group[k].start - sentence.start : group[k].end - sentence.start]
        if written == group[k].form and "가" <= written[:1] <= "힣" \
                and all(t.tag in ("NP", "MM", "MAG") for t in group[:k]):
            return k + 1
    return 0


def _aside_after_name(group: list[Token], nouns: list[Token], following: list[Token]) -> tuple[int, Token | None] | None:
    """Where a name ends that an aside in brackets follows inside its word, and the token that
    gives its role: the bracket opens after a noun and holds a figure (너울병원(2천8백 명),, or
    가람병원(환자 42명)의, closed in the ``following`` words), or gives a short name that a later
    word closes (영남해상화재보험(이하 영남해상)의). The token right after the closing bracket gives
    the role."""
    for k, tok in enumerate(nouns):
        if tok.form != "(" or tok.tag != "SSO" or k == 0 or not nouns[k - 1].tag.startswith(_NOUN_TAGS[:3]):
            continue
        rest = group[group.index(tok) + 1 :]
        closing = next((j for j, t in enumerate(rest) if t.tag == "SSC"), None)
        inside = rest if closing is None else rest[:closing]
        if closing is None and not (inside and inside[0].form == "이하") and not any(t.tag == "SN" for t in inside) \
                and not (following and following[0].tag == "SN"):
            return None  # 형사11부(노재훈 부장판사)는: the bracket names a person; others read it
        if closing is not None and not any(t.tag == "SN" for t in inside):
            return None  # 한국인터넷진흥원(KISA)과, 솔루션(DS)부문장: not an aside of figures
        if closing is not None:
            after = rest[closing + 1] if closing + 1 < len(rest) else None
        else:  # the role is the particle after the bracket closes in a later word (…명)의)
            shut = next((j for j, t in enumerate(following) if t.tag == "SSC"), None)
            after = following[shut + 1] if shut is not None and shut + 1 < len(following) \
                and following[shut + 1].start == following[shut].end else None
        return nouns[k - 1].end, after
    return None


def _role_after(next_tok: Token | None, text_after: str) -> str:
    if next_tok is None:
        if text_after.startswith((",", ":")):
            return "topic"  # headline style: "정부, KT에 … 요구"
        return "modifier" if text_after[:1] == " " else "other"
    tag, form = next_tok.tag, next_tok.form
    if tag in _PARTICLE_ROLE:
        return _PARTICLE_ROLE[tag]
    if tag == "JX":
        return "topic" if form in ("은", "는", "도", "만") else "other"
    if tag == "JC" or tag == "JKB" and form in ("와", "과"):
        return "conj"  # 개인정보위와 과기정통부는: takes the role of what it is joined to
    if tag == "JKB":
        if form in ("에서", "에서는"):
            return "locative"
        if form in ("에", "에게", "께", "한테", "에겐", "에게는"):
            return "dative"
        return "other"
    if tag == "SP" and form in (",", ":"):
        return "topic"  # 정부, KT에 … 요구; - 한아람캐피탈: 서버 3대가 … (an item's head)
    if tag.startswith("E") and form in _ENDING_PARTICLES:
        # A name the analyser read as a verb (티켓누리는 → 티켓 + 누리 + 는/ETM) leaves its
        # particle tagged as an ending: the written particle still gives the role.
        return _PARTICLE_ROLES[form]
    return "other"


def _particle_read_as_noun(token: Token, source: str) -> bool:
    """Whether a one-syllable token the analyser took for a noun is a particle written on the
    word before it, ending that word (국토교통부도 → 국토교통부/NNP 도/NNG: 도 is also a province)."""
    return token.tag.startswith("NN") and len(token.form) == 1 and token.form in _PARTICLE_ROLES \
        and token.end == token.start + 1 and (token.end >= len(source) or not _WORD_CHAR.match(source[token.end]))


#: Endings that spell a particle (see :func:`_role_after`; the role is the particle's, _PARTICLE_TEXT).
_ENDING_PARTICLES = frozenset({"는", "은", "를", "을"})


# --- Organizations -----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _aliases_by_initial(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for alias in lexicon.alias_to_org:
        table.setdefault(alias[0], []).append(alias)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


def _is_role_word(word: str, lexicon: Lexicon) -> bool:
    return bool(word) and word in lexicon.roles


def find_gazetteer_orgs(sentence: Sentence, source: str, lexicon: Lexicon) -> list[OrgMention]:
    """Find gazetteer names in a sentence, on word boundaries (KT is not found inside KTX)."""
    return find_named_orgs(sentence, source, lexicon, lexicon.alias_to_org, lexicon.org_types,
                           _aliases_by_initial(lexicon), known=True)


def find_named_orgs(
    sentence: Sentence,
    source: str,
    lexicon: Lexicon,
    aliases: dict[str, str],
    types: dict[str, str],
    table: dict[str, tuple[str, ...]],
    *,
    known: bool,
) -> list[OrgMention]:
    """Find the names of a table (surface -> canonical) in a sentence, on word boundaries."""
    starts = {t.start: t for t in sentence.tokens}
    ends = {t.end for t in sentence.tokens}
    found: list[OrgMention] = []
    pos = sentence.start
    while pos < sentence.end:
        ch = source[pos]
        hit = None
        if ch in table and (pos == 0 or not _WORD_CHAR.match(source[pos - 1]) or source[pos - 1] in "㈜)"):
            for alias in table[ch]:
                end = pos + len(alias)
                if end > sentence.end or not source.startswith(alias, pos):
                    continue
                if end < len(source) and _WORD_CHAR.match(source[end]) and _WORD_CHAR.match(source[end - 1]):
                    nxt = starts.get(end)
                    if end not in ends or nxt is None:
                        continue
                    glued_ok = nxt.tag.startswith(("J", "E", "VCP", "XSV", "XSA", "NNB")) or any(
                        source.startswith(r, end) for r in lexicon.roles
                    ) or _particle_read_as_noun(nxt, source)
                    if not glued_ok:
                        continue
                hit = alias
                break
        if hit:
            end = pos + len(hit)
            nxt = starts.get(end) or starts.get(end + 1) if source[end : end + 1] == " " else starts.get(end)
            role = _role_after(starts.get(end), source[end : end + 2])
            if role in ("modifier", "other") and starts.get(end) is not None and _particle_read_as_noun(starts[end], source):
                role = _PARTICLE_ROLES[starts[end].form]  # 국토교통부도 → 국토교통부/NNP 도/NNG
            close = source.find(")", end, min(end + 16, sentence.end)) if source[end : end + 1] == "(" else -1
            if close > 0 and role == "other":
                # 한국인터넷진흥원(KISA)도: the particle after the bracketed short name gives the role
                role = _role_after(starts.get(close + 1), source[close + 1 : close + 3])
            if role == "modifier" and nxt is not None and nxt.form in lexicon.issuer_cues:
                role = "issuer"
            elif role == "modifier" and nxt is not None and nxt.form == "측" and nxt.start == end + 1:
                role = _role_after(starts.get(nxt.end), "")  # 빗썸 측은: the side speaks for the company
            elif role == "modifier" and sentence.section == "title" and source[end + 1 : end + 2] in _QUOTES:
                role = "topic"  # headline style: 금융위 "영업정지는 어렵다" (금융위 says)
            canonical = aliases[hit]
            found.append(OrgMention(hit, canonical, types[canonical], Span(sentence.index, pos, end), role, known))
            pos = end
        else:
            pos += 1
    return found


@lru_cache(maxsize=4)
def _proper_stem_suffixes(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(s.suffix for s in lexicon.suffixes if s.proper)


def _needs_proper_stem(suffix: str, lexicon: Lexicon) -> bool:
    """Whether a name with this suffix must hold a proper noun before it (org_suffixes.tsv)."""
    return suffix in _proper_stem_suffixes(lexicon)


@lru_cache(maxsize=4)
def _suffixes_by_last_char(lexicon: Lexicon) -> dict[str, tuple]:
    """The lexicon's suffixes by their last character, in the lexicon's order (longest first)."""
    table: dict[str, list] = {}
    for suffix in lexicon.suffixes:
        table.setdefault(suffix.suffix[-1], []).append(suffix)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=65536)
def _suffix_type(noun: str, lexicon: Lexicon) -> tuple[str, str] | None:
    last = noun.split(" ")[-1]
    if not last:
        return None
    for suffix in _suffixes_by_last_char(lexicon).get(last[-1], ()):
        if last.endswith(suffix.suffix) and last not in suffix.exclude:
            stem = noun[: len(noun) - len(suffix.suffix)].replace(" ", "")
            if len(stem) >= suffix.min_stem:
                org_type = "Legislature" if noun.startswith("국회") else suffix.org_type
                return suffix.suffix, org_type
    return None


#: Last syllables of words that name places or units (강남구, 김포시, 조사과), not people.
_PLACE_OR_UNIT_ENDINGS = frozenset("시구군도읍면동청부원단국과처실팀소")
#: The end of a credit before a name (사진=, 자료=, 그래픽=).
_CREDIT_MARK = re.compile(r"^.*[=:/]")


@lru_cache(maxsize=65536)
@lru_cache(maxsize=64)
def _ending_table(words: frozenset[str] | tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...]]:
    """A word list as a set and the lengths it holds: a suffix look-up per length instead of
    trying every word on every candidate."""
    table = frozenset(words)
    return table, tuple(sorted({len(w) for w in table}))


def _ends_with_one(word: str, words: frozenset[str] | tuple[str, ...], *, stem: int = 0, least: int = 1) -> bool:
    """Whether ``word`` ends with one of ``words`` of ``least`` characters or more, with at least
    ``stem`` characters before it."""
    table, lengths = _ending_table(words)
    return any(n >= least and len(word) - n >= stem and word[-n:] in table for n in lengths)


def _is_company_kind(word: str, lexicon: Lexicon) -> bool:
    """Whether a word names a kind of company (company_kinds.tsv), also as the end of a compound
    that is no organization's name (소재기업, 중고거래업체: a kind of two syllables or more closes
    the word)."""
    if word in lexicon.company_kinds:
        return True
    suffix = _suffix_type(word, lexicon)
    if word in lexicon.alias_to_org or suffix and not _needs_proper_stem(suffix[0], lexicon):
        return False  # 한빛재활병원 랜섬웨어: a name that ends like a kind is a name
    # (a suffix that needs a proper stem, as 출판사 does, leaves 중소출판사 a kind: the name
    # finder reads 글나무출판사 from its morphemes)
    return _ends_with_one(word, lexicon.company_kinds, stem=1, least=2)


def _proper(token: Token, lexicon: Lexicon) -> bool:
    """Whether a token is a name: a proper noun, a Latin word, or a noun the analyser did not
    know, unless that noun holds an incident's or a measure's trigger (부정결제: words it did not
    split)."""
    if token.tag in ("NNP", "SL"):
        return True
    return token.oov and token.tag == "NNG" and not _holds_trigger(token.form, lexicon)


@lru_cache(maxsize=65536)
def _holds_trigger(word: str, lexicon: Lexicon) -> bool:
    """Whether a word holds an incident's or a measure's trigger written without spaces (부정결제)."""
    return any(p in word for p in _glued_triggers(lexicon))


@lru_cache(maxsize=4)
def _glued_triggers(lexicon: Lexicon) -> frozenset[str]:
    """Every incident and measure trigger phrase written without its spaces."""
    return frozenset(t.phrase.replace(" ", "") for t in lexicon.incident_triggers + lexicon.measure_triggers)


def _split_unknown(word: _Eojeol) -> bool:
    """Whether the analyser split a name it does not know into single syllables tagged as common
    nouns (청림케이블의 → 청/NNG 림/NNG 케이블/NNG): two such syllables in a row, in a noun of three
    syllables or more (회사 귀책으로 is no name)."""
    toks = word.tokens
    nouns = sum(len(t.form) for t in toks if t.tag.startswith("NN"))
    return nouns >= 3 and any(a.tag == b.tag == "NNG" and len(a.form) == len(b.form) == 1 and a.end == b.start
                              for a, b in zip(toks, toks[1:]))


def _solid_trade_compound(word: _Eojeol, noun: str, lexicon: Lexicon) -> bool:
    """Whether a noun is common nouns written solid that end with a line of business
    (business_words.tsv) after two syllables or more (소풍 + 길 + 투어): after a kind of company
    (해외여행 플랫폼 소풍길투어는), such a word is the company's name."""
    nouns = [t for t in word.tokens if t.tag.startswith("NN") and t.end <= word.noun_end]
    solid = all(a.end == b.start for a, b in zip(nouns, nouns[1:]))
    return len(nouns) >= 2 and solid and len(noun) >= 4 and _ends_with_one(noun, lexicon.business_words, stem=2)


def find_pattern_orgs(
    sentence: Sentence, source: str, lexicon: Lexicon, known: list[OrgMention],
    words: list[_Eojeol] | None = None,
) -> list[OrgMention]:
    """Find organizations no gazetteer lists, from naming patterns and company cue words.

    Bare heads such as ``조사단`` are returned with ``known=False`` and ``name`` equal to the
    suffix; the article-level step resolves them to the full name used elsewhere or drops them.
    ``words`` is the sentence's :func:`_eojeols`, when the caller has it already.
    """
    words = _eojeols(sentence) if words is None else words
    known_spans = [(m.span.start, m.span.end) for m in known]
    out: list[OrgMention] = []

    def covered(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in known_spans)

    def is_pure_noun(w: _Eojeol) -> bool:
        return w.noun_end == w.end and w.first_after_noun is None

    def described_by(i: int) -> _Eojeol | None:
        """The noun word right before word ``i`` that may describe it: a bare noun (쇼핑몰
        쏙마켓), or one the copula makes adnominal (쇼핑몰인 쏙마켓, whose 인 the analyser
        gives as 이 and a separate ᆫ that share the last syllable)."""
        if i == 0:
            return None
        before = words[i - 1]
        if is_pure_noun(before):
            return before
        if i >= 2 and [(t.form, t.tag) for t in before.tokens] == [("ᆫ", "ETM")]:
            noun = words[i - 2]
            after = [(t.form, t.tag) for t in noun.tokens if t.start >= noun.noun_end]
            if noun.noun_end > noun.start and after == [("이", "VCP")] and noun.end == before.end:
                return noun
        return None

    for i, word in enumerate(words):
        noun = source[word.start : word.noun_end]
        corp = _CORP_MARK.search(source, word.start, word.end)
        if not corp and (not noun or not _WORD_CHAR.match(noun[0])):
            continue
        next_word = words[i + 1] if i + 1 < len(words) else None
        role = _role_after(word.first_after_noun, source[word.noun_end : word.noun_end + 2])
        hit = _suffix_type(noun, lexicon)
        if hit and not corp and _needs_proper_stem(hit[0], lexicon) and not word.tokens[0].tag == "XR" and not any(
                t.tag in ("NNP", "SL") or t.oov for t in word.tokens if t.start < word.noun_end - len(hit[0])):
            # 유심보호서비스: a product of known words, not a company (든든금융서비스 is one, and so is
            # 솔뫼출판사, one proper noun through its suffix); another pattern may still name it
            # (쇼핑몰 담쟁이몰: a kind of company before it)
            hit = None
        name, org_type, start, end = None, None, word.start, word.noun_end
        if corp:
            # A mark after a name ends it (SK텔레콤㈜의: kiwipiepy tags the 의 as a noun there);
            # a mark before a name starts it, and the name runs to its particles. The mark
            # itself splits oddly into tokens ("(" 주 ")"), so read the text, not the noun part.
            if corp.start() > word.start:
                start, end = word.start, corp.start()
            else:
                content = [t for t in word.tokens if not t.tag.startswith(("J", "E", "VCP"))
                           and not (t.tag.startswith("S") and t.tag not in ("SL", "SN", "SH"))]  # ㈜솔담보안,
                start, end = corp.end(), content[-1].end if content else word.noun_end
            # ㈜푸드링크코리아(이하 푸드링크); ㈜미르온헬스·㈜해솔빛가구: a bracket or a joint ends the name
            head = re.split(r"[(·ㆍ]", source[start:end])[0]
            bare = head.strip()
            end = start + len(head.rstrip())
            if bare and bare not in lexicon.not_orgs:
                name, org_type = bare, "Company"
        elif hit:
            suffix, org_type = hit
            if covered(word.start, word.noun_end):
                continue
            if any(noun.startswith(n) for n in lexicon.not_orgs if noun[len(n) : len(n) + 1].isdigit()):
                continue
            name = noun
            if org_type not in ("Company", "Publisher"):
                # Agencies' names run over several words: 서울 강남경찰서, KT 침해사고 민관합동조사단.
                parent: OrgMention | None = None
                j = i - 1
                while j >= 0 and i - j <= 3 and is_pure_noun(words[j]):
                    prev = source[words[j].start : words[j].end]
                    if prev in lexicon.name_stops or any(t.tag in ("SN", "NNB") for t in words[j].tokens):
                        break
                    if prev in lexicon.regions:
                        break  # 경기 광명경찰서: the region locates the body, it is not its name
                    if len(prev) == 3 and prev[-1] not in _PLACE_OR_UNIT_ENDINGS and _is_person_name(prev, lexicon):
                        break  # 한정우 경기도시재생공사 사장: the name before is its head's
                    start = words[j].start
                    parent = next((m for m in known if m.span.start == words[j].start), None)
                    if parent is not None:
                        if parent.org_type in _PARENT_TYPES:
                            org_type = parent.org_type  # a unit of a court or police body
                        break
                    j -= 1
                name = source[start : word.noun_end]
                if suffix == "부" and parent is not None and parent.org_type in ("Court", "LawEnforcement"):
                    # 수원지검 형사3부, 서울중앙지법 민사합의25부: a division acts as its office
                    out.append(OrgMention(name, parent.name, parent.org_type, Span(sentence.index, start, word.noun_end),
                                          role, True))
                    continue
        elif (
            i > 0
            and is_pure_noun(words[i - 1])
            and source[words[i - 1].start : words[i - 1].end] in lexicon.org_prefixes
            and len(noun) >= 2
            and not covered(word.start, word.noun_end)
            and noun not in lexicon.org_prefixes
        ):
            # 법무법인 새길: a legal form before a proper noun begins the name and stays in it
            start = words[i - 1].start
            name, org_type = source[start : word.noun_end], "Company"
        elif (
            (kind_word := described_by(i)) is not None
            and _is_company_kind(source[kind_word.start : kind_word.noun_end], lexicon)
            and len(noun) >= 2
            and not covered(word.start, word.noun_end)
            and (any(_proper(t, lexicon) for t in word.tokens) or _split_unknown(word)
                 or _solid_trade_compound(word, noun, lexicon)
                 or _solid_modifier(sentence, word.start, word.noun_end, lexicon))
            and noun not in lexicon.company_kinds
        ):
            name, org_type = noun, "Company"  # apposition: 출판사 푸른나래, 결제대행사인 스마트결제원
        elif (
            len(noun) >= 3
            and any(t.oov and t.tag in ("NNG", "NNP") and t.form == noun for t in word.tokens)
            and _ends_with_one(noun, lexicon.business_words, stem=2)
            and not covered(word.start, word.noun_end)
            and not _holds_trigger(noun, lexicon)
        ):
            name, org_type = noun, "Company"  # 소담택배에 과징금: an unknown word ending in a line of business
        elif (
            next_word is not None
            and is_pure_noun(word)
            and any(_proper(t, lexicon) for t in word.tokens)
            and len(noun) >= 2
            and source[next_word.start : next_word.noun_end] in lexicon.company_cues
            # 5G 코어망 서버: a network (a system noun ending in 망), not a company with servers
            and not _ends_with_one(noun, lexicon.network_nouns, least=2)
        ):
            name, org_type = noun, "Company"
        elif (
            role == "subject"
            and len(noun) >= 2
            and any(t.oov and t.tag == "NNP" and t.form == noun for t in word.tokens)
            and not _is_person_name(noun, lexicon)
            and not covered(word.start, word.noun_end)
            and not _holds_trigger(noun, lexicon)
            and _suffers_attack(source, words[i + 1 : i + 5], lexicon)
        ):
            name, org_type = noun, "Company"  # 예매를 대행하는 티켓온이 해킹을 당해
        elif (
            len(word.tokens) >= 1
            and word.tokens[0].tag == "SL"
            and word.tokens[0].end == word.noun_end
            and re.fullmatch(r"[A-Z][A-Z0-9&]+", noun)
            and role in ("topic", "subject", "object", "dative", "possessive")
        ):
            name, org_type = noun, "Company"
        if name and (credit := _CREDIT_MARK.search(name)):
            # 사진=새한일보: a photo credit's mark and the words before it are not in the name
            start += credit.end()
            name = name[credit.end() :]
        if not name or name in lexicon.not_orgs or covered(start, end):
            continue
        if name in lexicon.alias_to_org:
            continue  # the gazetteer pass found it already (or will reject it on purpose)
        out.append(OrgMention(name, name, org_type or "Company", Span(sentence.index, start, end), role, False))
    return out + _coordinated_companies(sentence, source, lexicon, words, known + out)


def _suffers_attack(source: str, after: list[_Eojeol], lexicon: Lexicon) -> bool:
    """Whether the words after a subject are an incident word, then (within the next words) a
    verb of suffering an attack (suffering_verbs.tsv): 해킹을 당해, 랜섬웨어 공격을 받아."""
    if not after or not lexicon.suffering_verbs:
        return False
    heads = _incident_heads(lexicon)
    if source[after[0].start : after[0].noun_end] not in heads:
        return False
    verbs = _suffering(lexicon)
    return verbs is not None and any(verbs.match(source, w.start) for w in after[1:])


@lru_cache(maxsize=4)
def _suffering(lexicon: Lexicon) -> re.Pattern[str] | None:
    return _word_pattern(lexicon.suffering_verbs)


@lru_cache(maxsize=4)
def _incident_heads(lexicon: Lexicon) -> frozenset[str]:
    """The first words of the incident triggers (해킹, 랜섬웨어, 악성코드, …)."""
    return frozenset(t.phrase.split(" ")[0] for t in lexicon.incident_triggers)


#: What stands between a company and the next member of a list it heads: the joiner (",", 와, 과)
#: and at most four words that describe the member (꽃배달 플랫폼 꽃길).
_LIST_BEFORE = re.compile(r"(?:,|와|과)\s(?:\S+\s){0,4}")
_LIST_AFTER = re.compile(r"\s(?:\S+\s){0,4}")


def _coordinated_companies(
    sentence: Sentence, source: str, lexicon: Lexicon, words: list[_Eojeol], found: list[OrgMention],
) -> list[OrgMention]:
    """A noun listed between two companies is a company too: 플레이온, 꽃배달 플랫폼 꽃길, 중고차 거래
    앱 운영사 카바로에; ㈜모아렌터카와 스터디픽, 뷰티온마켓에. The noun ends with the list's joiner
    (a comma, 와 or 과) and every word between it and its neighbours is a bare noun."""
    companies = sorted((m for m in found if m.org_type == "Company"), key=lambda m: m.span.start)
    taken = [(m.span.start, m.span.end) for m in found]
    out: list[OrgMention] = []

    def bare_nouns(lo: int, hi: int) -> bool:
        return all(w.noun_end == w.end and w.first_after_noun is None for w in words if lo <= w.start and w.end <= hi)

    for w in words:
        noun = source[w.start : w.noun_end]
        if len(noun) < 2 or source[w.noun_end : w.end] not in (",", "와", "과") or not _WORD_CHAR.match(noun[0]):
            continue
        if any(s < w.noun_end and w.start < e for s, e in taken) or noun in lexicon.not_orgs \
                or noun in lexicon.company_kinds or not any(t.tag.startswith(("NNG", "NNP", "SL")) for t in w.tokens):
            continue
        before = [m for m in companies if m.span.end <= w.start]
        after = [m for m in companies if m.span.start >= w.end]
        if not before or not after:
            continue
        lo, hi = before[-1].span.end, after[0].span.start
        if _LIST_BEFORE.fullmatch(source, lo, w.start) and _LIST_AFTER.fullmatch(source, w.end, hi) \
                and bare_nouns(lo, w.start) and bare_nouns(w.end, hi):
            out.append(OrgMention(noun, noun, "Company", Span(sentence.index, w.start, w.noun_end),
                                  _role_after(w.first_after_noun, source[w.noun_end : w.noun_end + 2]), False))
    return out


# --- Persons -----------------------------------------------------------------------------------


def _split_role(word: str, lexicon: Lexicon) -> tuple[str | None, str] | None:
    """Split a title word into (organization, role).

    Reporters glue an organization's short name to a title, and the two may share a syllable:
    ``경찰청장`` = 경찰청 + 청장, ``금감원장`` = 금감원 + 원장, ``개인정보위원장`` = 개인정보위 + 위원장.
    A word that ends in a title after something that is not an organization is a longer title
    (``네트워크정책실장``).

    >>> _split_role("경찰청장", load_lexicon())
    ('경찰청', '청장')
    >>> _split_role("개인정보위원장", load_lexicon())
    ('개인정보보호위원회', '위원장')
    >>> _split_role("조사조정국장", load_lexicon())
    (None, '조사조정국장')
    """
    for role in _roles_by_last_char(lexicon).get(word[-1:], ()):  # longest first
        if not word.endswith(role):
            continue
        prefix = word[: len(word) - len(role)]
        if not prefix:
            return None, role
        # 경찰청장: 경찰 + 청 = 경찰청; 공정거래위원장: 공정거래 + 위원 + 회 = 공정거래위원회.
        candidates = [prefix + role[:k] for k in range(len(role) - 1, 0, -1)] + [prefix]
        candidates = [c + "회" for c in candidates if c.endswith("위원")] + candidates
        for candidate in candidates:
            if candidate in lexicon.alias_to_org:
                return lexicon.alias_to_org[candidate], role
        if any(candidate.endswith(place) and len(candidate) > len(place) + 1 and re.fullmatch("[가-힣]+", candidate)
               for candidate in candidates for _, place, _ in lexicon.local_offices):
            return None, role  # 가림군수 = 가림군 + 군수, 해람시교육감 = 해람시 + 교육감: a place's head
        for candidate in candidates[:-1]:
            # 한빛재활병원장 = 한빛재활병원 + 병원장: a name shaped like an organization's
            suffix = _suffix_type(candidate, lexicon)
            if suffix is not None and len(suffix[0]) >= 2 or len(candidate) >= 2 and candidate in _suffix_names(lexicon):
                return candidate, role  # a bare head (관리원장 = 관리원 + 원장) names the article's body
        if re.fullmatch(r"[가-힣A-Za-z0-9]+", prefix):
            return None, word
    return None


@lru_cache(maxsize=4)
def _suffix_names(lexicon: Lexicon) -> frozenset[str]:
    """The organization-name suffixes themselves (관리원, 병원): bare heads of a name."""
    return frozenset(s.suffix for s in lexicon.suffixes)


@lru_cache(maxsize=4)
def _roles_by_last_char(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The job titles by their last character, longest first, as in ``lexicon.roles``."""
    table: dict[str, list[str]] = {}
    for role in lexicon.roles:
        table.setdefault(role[-1], []).append(role)
    return {k: tuple(v) for k, v in table.items()}


def _is_person_name(text: str, lexicon: Lexicon) -> bool:
    """2–4 Hangul syllables starting with a family name, not a word like 이날 or 정부."""
    if not re.fullmatch(r"[가-힣]{2,4}", text) or text in lexicon.not_person_names:
        return False
    if text in lexicon.alias_to_org:
        return False
    surnames, lengths = _surname_table(lexicon)
    return any(text[:n] in surnames and len(text) - n in (1, 2) for n in lengths)


@lru_cache(maxsize=4)
def _surname_table(lexicon: Lexicon) -> tuple[frozenset[str], tuple[int, ...]]:
    """The family names as a set, with their lengths: a lookup per length, not a scan."""
    return frozenset(lexicon.surnames), tuple(sorted({len(s) for s in lexicon.surnames}))


#: A broadcast report's last line: the outlet's news and the reporter (KBS 뉴스 이서진입니다).
_SIGN_OFF = re.compile(r"^(?P<outlet>\S+)\s?뉴스\s(?P<name>[가-힣]{2,4})입니다\.?$")


def _signed_off(sentence: Sentence, source: str, lexicon: Lexicon, orgs: list[OrgMention]) -> list[PersonMention]:
    """The reporter who signs off a broadcast report (SBS 뉴스 하예린입니다.), of the outlet named."""
    m = _SIGN_OFF.match(sentence.text.strip())
    if m is None or not _is_person_name(m.group("name"), lexicon):
        return []
    lead = len(sentence.text) - len(sentence.text.lstrip())
    outlet = next((o.name for o in orgs if o.span.start == sentence.start + lead), None)
    start = sentence.start + lead + m.start("name")
    return [PersonMention(m.group("name"), "기자", outlet, Span(sentence.index, start, start + len(m.group("name"))))]


def find_persons(
    sentence: Sentence, source: str, lexicon: Lexicon, orgs: list[OrgMention],
    words: list[_Eojeol] | None = None,
) -> list[PersonMention]:
    """Find ``NAME [ORG] TITLE`` patterns: 류제명 과학기술정보통신부 2차관, 윤수현 기자, 김영섭 KT 대표.

    Names are recognised by their shape (a family name and one or two syllables) and by the
    title that follows, not by the analyser's tag: kiwipiepy splits unknown names unevenly
    (고학수 → 고학 + 수). ``words`` is the sentence's :func:`_eojeols`, when the caller has it.
    """
    words = _eojeols(sentence) if words is None else words
    org_at = {m.span.start: m for m in orgs}
    org_ending = {m.span.end: m for m in orgs}
    out: list[PersonMention] = []
    for i, word in enumerate(words):
        name, name_start = source[word.start : word.end], word.start
        # [광주=뉴시스]정한결 기자, 창원=오세진 기자, /권태호 기자: a dateline or a photo credit's
        # mark glued before a reporter's name
        cut = max(name.rfind("]"), name.rfind("="), name.rfind("/"))
        if 0 <= cut < len(name) - 1:
            name, name_start = name[cut + 1 :], word.start + cut + 1
        rest = [t for t in word.tokens if t.start >= name_start]
        # 최윤식: the analyser may tag a name's last syllable as a bound noun (최윤 + 식/NNB), or
        # as a prefix or suffix (이하준 → 이하 + 준/XPN)
        plain = word.noun_end == word.end or all(t.tag.startswith(("NN", "XPN", "XSN")) for t in rest)
        if not plain or word.start in org_at or name_start in org_at:
            continue
        if not _is_person_name(name, lexicon):
            continue
        j = i + 1
        while j < len(words) and words[j].end <= word.end:
            j += 1  # 박세린 기자: a name's last syllable read as a contracted particle (박세리 + ᆫ)
        affiliation = None
        if j < len(words) and words[j].start in org_at:
            org = org_at[words[j].start]
            affiliation = org.name
            while j < len(words) and words[j].end <= org.span.end:
                j += 1
        if affiliation is None and j + 1 < len(words) and words[j].noun_end == words[j].end \
                and all(t.tag in ("NNP", "SL") for t in words[j].tokens) \
                and not _is_person_name(source[words[j].start : words[j].end], lexicon):
            # 김태형 롯데 감독: a proper name the article does not take for an organization (a team)
            j += 1
        if affiliation and j + 1 < len(words) and words[j].noun_end == words[j].end \
                and source[words[j].start : words[j].end].endswith(lexicon.department_endings):
            j += 1  # 한울대학교 정보보호학과 교수: the department between the body and the title
        if j >= len(words):
            continue
        title = source[words[j].start : words[j].noun_end].split("(")[0]  # 최고재무책임자(CFO)
        if not title:  # 기자(kim@example.kr): what follows the title left the word no noun part
            lead = 0
            while lead < len(words[j].tokens) and words[j].tokens[lead].tag.startswith(("NN", "SN")):
                lead += 1
            title = source[words[j].start : words[j].tokens[lead - 1].end] if lead else ""
        split = _split_role(title, lexicon)
        if split is None:
            continue
        org_name, role = split
        end = words[j].noun_end
        if j + 2 < len(words) and words[j].noun_end == words[j].end and source[words[j + 1].start : words[j + 1].end] == "겸":
            # 배경훈 부총리 겸 과학기술정보통신부 장관: two offices held at once, one person
            k = j + 2
            if words[k].start in org_at:
                org = org_at[words[k].start]
                while k < len(words) and words[k].end <= org.span.end:
                    k += 1
            second = _split_role(source[words[k].start : words[k].noun_end], lexicon) if k < len(words) else None
            if second is not None:
                role = f"{role} 겸 {second[1]}"
                affiliation = affiliation or (org.name if k > j + 2 else second[0])
                end = words[k].noun_end
        if org_name:
            affiliation = affiliation or org_name
        if affiliation is None and (before := org_ending.get(word.start - 1)) is not None:
            affiliation = before.name  # 과기정통부 류제명 2차관
        out.append(PersonMention(name, role, affiliation, Span(sentence.index, name_start, end)))
    return out


def parse_byline(author: str | None, lexicon: Lexicon) -> list[tuple[str, str]]:
    """Read ``(name, role)`` pairs from a byline: ``윤수현 기자`` → [("윤수현", "기자")].

    >>> parse_byline("김철수·이영희 기자 (news@example.kr)", load_lexicon())
    [('김철수', '기자'), ('이영희', '기자')]
    """
    if not author:
        return []
    text = _EMAIL.sub(" ", author)
    out = []
    # Word by word, so an outlet's name before the reporter's (보안뉴스 김민주 기자) is passed over.
    tokens = re.findall(r"[가-힣A-Za-z]+|[·,]", text)
    for k, tok in enumerate(tokens):
        if tok not in lexicon.roles or k == 0:
            continue
        names, j = [], k - 1
        while j >= 0 and re.fullmatch(r"[가-힣]{2,4}", tokens[j]) and tokens[j] not in lexicon.roles:
            names.insert(0, tokens[j])
            if j >= 1 and tokens[j - 1] in "·,":
                j -= 2
            else:
                break
        out.extend((name, tok) for name in names)
    return out


# --- Triggers ----------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _trigger_morphemes(phrase: str) -> tuple[tuple[str, int], ...]:
    """A trigger phrase's morphemes that must match, with where each starts in the phrase:
    particles, endings and verb suffixes are left out (they vary in running text)."""
    from .analyse import get_kiwi

    return tuple((tok.form, tok.start) for tok in get_kiwi().tokenize(phrase)
                 if not tok.tag.startswith(("J", "E", "XSV", "XSA", "SP")))


def _trigger_forms(phrase: str) -> tuple[str, ...]:
    return tuple(form for form, _ in _trigger_morphemes(phrase))


@lru_cache(maxsize=4096)
def _last_word_start(phrase: str) -> int:
    """The index of the first morpheme of a trigger's last word (서버가 암호화: 1, of 서버, 암호, 화)."""
    morphemes = _trigger_morphemes(phrase)
    last_space = phrase.rfind(" ")
    return len(morphemes) - max(1, sum(1 for _, start in morphemes if start > last_space))


@dataclass(frozen=True)
class _Hit:
    trigger: Trigger
    first: int  # token index
    last: int
    start: int
    end: int


#: first character -> first morphemes starting with it -> the triggers beginning with that morpheme
_TriggerIndex = dict[str, dict[str, list[tuple[int, Trigger, tuple[str, ...]]]]]
_TRIGGER_INDEXES: dict[int, tuple[tuple[Trigger, ...], _TriggerIndex]] = {}


def _trigger_index(triggers: tuple[Trigger, ...]) -> _TriggerIndex:
    """Triggers by the first character of their first morpheme, then by that morpheme, with
    their priority (the lexicon's order: longer triggers first).

    Kept per tuple by identity: a lexicon's trigger tuples live as long as it does, and hashing
    the tuple (every trigger in it) on each sentence cost more than the lookup saves.
    """
    cached = _TRIGGER_INDEXES.get(id(triggers))
    if cached is not None and cached[0] is triggers:
        return cached[1]
    index: _TriggerIndex = {}
    for rank, trig in enumerate(triggers):
        forms = _trigger_forms(trig.phrase)
        if forms:
            index.setdefault(forms[0][0], {}).setdefault(forms[0], []).append((rank, trig, forms))
    if len(_TRIGGER_INDEXES) >= 8:
        _TRIGGER_INDEXES.clear()
    _TRIGGER_INDEXES[id(triggers)] = (triggers, index)
    return index


def _glued_noun(toks: tuple[Token, ...], i: int) -> str:
    """The nouns written together from token ``i`` on (조사조정국장: 조사 + 조정 + 국장)."""
    j = i
    while j + 1 < len(toks) and toks[j + 1].start == toks[j].end and toks[j + 1].tag.startswith("NN"):
        j += 1
    return "".join(t.form for t in toks[i : j + 1])


def _ends_with_title(noun: str, lexicon: Lexicon) -> bool:
    """A noun that names a person by title (조사조정국장, 수사관은 no 조사 or 수사). A title that is
    also a measure word (검사: a prosecutor, or an inspection) does not count: 현장검사."""
    titles, lengths = _title_table(lexicon)
    return any(len(noun) > n and noun[-n:] in titles for n in lengths)


@lru_cache(maxsize=4)
def _title_table(lexicon: Lexicon) -> tuple[frozenset[str], tuple[int, ...]]:
    """The titles of two syllables or more that are no measure word, and their lengths (a
    suffix look-up per length, instead of trying every title on every noun)."""
    measure_words = {word for trig in lexicon.measure_triggers for word in trig.phrase.split()}
    titles = frozenset(r for r in lexicon.roles if len(r) >= 2 and r not in measure_words)
    return titles, tuple(sorted({len(r) for r in titles}))


#: Auxiliary verbs that deny the verb before them (빠져나가지 않은, 유출되지 못한).
_NEGATING_AUXILIARIES = frozenset({"않", "못하", "말", "아니하"})


def _match_triggers(
    sentence: Sentence, triggers: tuple[Trigger, ...], blocked: list[tuple[int, int]], lexicon: Lexicon
) -> list[_Hit]:
    """Find trigger phrases in a sentence's morphemes, longer triggers first.

    Particles, numbers and counters may stand between a trigger's words (악성코드 103종에 감염);
    a one-word trigger also matches a longer noun it begins (보상 → 보상금), unless that noun
    names a body (조사단 is not 조사). A compound noun the analyser split in running text matches
    the trigger word it wrote whole (피해액 → 피해 + 액).
    """
    toks = sentence.tokens
    index = _trigger_index(triggers)

    def compound_end(j: int, form: str) -> int | None:
        """The last token of two or more written-together nouns that spell ``form``, if they do
        (피해 + 액; 랜 + 섬 + 웨어, as the analyser may split 랜섬웨어 in running text)."""
        if not toks[j].tag.startswith("NN") or not form.startswith(toks[j].form):
            return None
        spelled, k = toks[j].form, j
        while len(spelled) < len(form) and k + 1 < len(toks) and toks[k].end == toks[k + 1].start \
                and toks[k + 1].tag.startswith("NN"):
            k += 1
            spelled += toks[k].form
        return k if k > j and spelled == form else None

    def split_verb_end(j: int, form: str) -> int | None:
        """The last token of a compound verb the analyser split (빠져나갔다 → 빠지 + 어 + 나가) that
        spells ``form`` (빠져나가), if it does: the written syllables but the last agree, and the
        last morpheme ends in the last one (the tense may contract it: 나가 + 었 → 갔)."""
        if len(form) < 3 or j + 2 >= len(toks):
            return None
        verb, ending, aux = toks[j], toks[j + 1], toks[j + 2]
        if not (verb.tag == "VV" and ending.tag == "EC" and ending.form in ("어", "아", "여") and aux.tag == "VX"
                and verb.end >= ending.start and ending.end >= aux.start and aux.form.endswith(form[-1])):
            return None
        written = sentence.text[verb.start - sentence.start : aux.end - sentence.start]
        return j + 2 if written[: len(form) - 1] == form[:-1] else None

    candidates: list[tuple[int, int, int, Trigger, tuple[str, ...]]] = []
    for i, tok in enumerate(toks):
        if tok.tag.startswith(("J", "E")) or not tok.form:
            continue
        starting = index.get(tok.form[0])
        if not starting:
            continue
        found = []
        noun = tok.tag.startswith("NN")
        for first, group in starting.items():
            # Whether the token begins a one-word trigger (보상 → 보상금), and the token a compound
            # spelling ``first`` ends on, are asked once for all the triggers sharing ``first``.
            exact = tok.form == first
            begins = None if exact else noun and tok.form.startswith(first) and \
                _suffix_type(tok.form, lexicon) is None and not _ends_with_title(tok.form, lexicon)
            joined: int | None | bool = False  # not asked yet
            for rank, trig, forms in group:
                if exact or len(forms) == 1 and begins:
                    found.append((rank, i, i, trig, forms))
                    continue
                if joined is False:
                    joined = compound_end(i, first) or split_verb_end(i, first)
                if joined is not None:
                    found.append((rank, i, joined, trig, forms))
        if found and noun and _ends_with_title(_glued_noun(toks, i), lexicon):
            continue  # 조사조정국장: a person's title, not a 조사
        candidates.extend(found)
    candidates.sort(key=lambda c: (c[0], c[1]))
    used: set[int] = set()
    hits: list[_Hit] = []
    for _, i, first_last, trig, forms in candidates:
        if i in used or first_last in used:
            continue
        k, last, ok = 1, first_last, True
        while k < len(forms):
            j, gap = last + 1, 0
            while j < len(toks) and gap < 4:
                if toks[j].tag == "XSN" and toks[j].form == forms[k] and k == len(forms) - 1:
                    break  # 암호 + 화: the suffix is the trigger's last form, not a gap
                if toks[j].tag == "SSO" and toks[j].form in "([":
                    close = next((c for c in range(j + 1, min(j + 8, len(toks))) if toks[c].tag == "SSC"), None)
                    if close is not None:  # 가입자식별번호(IMSI)가 유출
                        j, gap = close + 1, gap + 1
                        continue
                # (빠져나가지 않은: a negation is no auxiliary to step over)
                auxiliary = toks[j].tag == "EC" and j + 1 < len(toks) and toks[j + 1].tag == "VX" \
                    and toks[j + 1].form not in _NEGATING_AUXILIARIES
                # 유출된 개인정보, 탈취된 계정: a noun made a modifier (하/되 + tense + ᆫ) before
                # the next word of the trigger.
                modifier = toks[j].tag.startswith(_MODIFIER_SUFFIXES) and any(
                    t.tag == "ETM" for t in toks[j : j + 3]
                )
                # 자산이 외부로 빼돌려졌다: a direction (noun + 로) may stand before the verb.
                # (외부 지갑으로: two nouns may make the direction)
                ends = j + 2 if j + 2 < len(toks) and toks[j + 1].tag == "NNG" else j + 1
                # (차례로 암호화됐다: before the trigger's last word, whatever its morphemes, as for manner)
                direction = toks[j].tag in ("NNG", "NNP") and ends < len(toks) and toks[ends].tag == "JKB" \
                    and toks[ends].form in ("로", "으로") and (k == len(forms) - 1 or k >= _last_word_start(trig.phrase)) \
                    and not toks[j].form.startswith(forms[k]) and not toks[ends - 1].form.startswith(forms[k])
                # 빠져나간 유심 정보: nouns may stand before the head a verb modifies.
                head_noun = toks[last].tag.startswith(("VV", "XSV", "VX")) and toks[j].tag.startswith(("NN", "XR")) \
                    and k == len(forms) - 1 and toks[j].form != forms[k] and j - last <= 4
                # A counter written on its number (24종, 103종: the analyser may tag it NNG)
                counter = toks[j].tag.startswith("NN") and j > 0 and toks[j - 1].tag in ("SN", "NR") \
                    and toks[j - 1].end == toks[j].start and toks[j].form != forms[k]
                # 90억 원어치가, 200억 원 규모: what qualifies an amount (the analyser tags it a noun)
                qualifier = (toks[j].form in lexicon.amount_qualifiers and j > 0 and toks[j - 1].tag in ("NNB", "SN", "NR")
                             or toks[j].tag == "MM" and j + 1 < len(toks) and toks[j + 1].tag == "SN")  # 약 200억
                agent = toks[j].tag == "NNG" and j + 1 < len(toks) and toks[j + 1].tag == "JKB" \
                    and toks[j + 1].form in ("에게", "에게서", "한테") and k == len(forms) - 1
                unaware = j + 3 < len(toks) and toks[j].tag.startswith("NN") and toks[j + 1].form == "도" \
                    and toks[j + 2].form == "모르" and toks[j + 3].form == "게"  # 본인도 모르게 빠져나가는
                if unaware:
                    j, gap = j + 4, gap + 1
                    continue
                # 코인이 한꺼번에 빠져나간: an adverb of manner between, not one that denies (안, 못)
                # (서버 9대가 한꺼번에 암호화됐다: before the trigger's last word, whatever its morphemes)
                manner = toks[j].tag == "MAG" and toks[j].form not in lexicon.denying_adverbs \
                    and k >= _last_word_start(trig.phrase)
                if not (toks[j].tag.startswith(_SKIPPABLE) or manner or auxiliary or modifier or direction or head_noun
                        or counter or qualifier or agent):  # 빼어 가다: 빼 + 가
                    break
                if direction:  # 외부 지갑으로: one step, however many words
                    j, gap = ends + 1, gap + 1
                    continue
                if agent:  # 해커에게 빼돌려졌다: who did it may stand before the verb
                    j, gap = j + 2, gap + 1
                    continue
                # A number's parts (580 억 원어치, 24 종) and a noun's suffix (해커들) count as one.
                j, gap = j + 1, gap + (0 if toks[j].tag in ("NR", "XSN") or counter or qualifier else 1)
            is_last = k == len(forms) - 1
            if j < len(toks) and j not in used and (
                toks[j].form == forms[k]
                or is_last and toks[j].tag.startswith("NN") and len(forms[k]) > 1 and toks[j].form.startswith(forms[k])
            ):  # (not one syllable: 암호화 is not 암호 + 화폐)
                last, k = j, k + 1
            elif j < len(toks) and j not in used and (
                    joined := compound_end(j, forms[k]) or split_verb_end(j, forms[k])) is not None \
                    and joined not in used:
                last, k = joined, k + 1
            else:
                ok = False
                break
        if not ok:
            continue
        if toks[last].tag == "XSN" and last + 1 < len(toks) and toks[last + 1].tag == "XSV" and last > i and (
                toks[last + 1].form == "하"
                or last + 3 < len(toks) and toks[last + 2].tag == "EC" and toks[last + 3].form == "있"):
            # 시스템에 암호화해 보관, 별도 서버에 암호화돼 있어: how data is kept safe, not what befell it
            continue
        start, end = toks[i].start, toks[last].end
        if any(s <= start and end <= e for s, e in blocked):
            continue
        used.update(range(i, last + 1))
        hits.append(_Hit(trig, i, last, start, end))
    return sorted(hits, key=lambda h: h.start)


def _clause_closed(toks: tuple[Token, ...], lo: int, hi: int) -> bool:
    """Whether a clause ends between tokens ``lo`` and ``hi``: a final ending, or a connective 고/며
    before a comma (번호만 바꾸면 … 허점이 드러났고, 이 틈으로 … 새 나갔다: the condition is the
    first clause's, the leak is stated)."""
    for k in range(lo, hi):
        if toks[k].tag == "EF":
            return True
        if toks[k].tag == "EC" and toks[k].form in ("고", "며", "으며") and k + 1 < hi \
                and toks[k + 1].tag == "SP" and toks[k + 1].form == ",":
            return True
    return False


def _clause_status(sentence: Sentence, hit: _Hit, lexicon: Lexicon) -> tuple[str, list[Token]]:
    """The status cues in the clause after a trigger; returns (status, scope tokens)."""
    toks = sentence.tokens
    rank = {"none": 5, "rejected": 4, "considered": 3, "planned": 2, "demanded": 1}
    best = "imposed"
    scope: list[Token] = []
    seen_pred = False
    other_subject = False
    # A condition earlier in the sentence (위법 사항이 드러나면 과태료를 …) makes it only possible.
    # Not 조사에 따르면 / 의하면 (according to), nor 결과를 보면 (as the results show): a
    # postposition's verb or a verb of looking there frames a report, it makes no condition.
    for k, tok in enumerate(toks[: hit.first]):
        if tok.tag == "EC" and tok.form in ("면", "으면") and not (
                k > 0 and (toks[k - 1].form in lexicon.postposition_verbs or toks[k - 1].form in lexicon.frame_verbs)) \
                and not _clause_closed(toks, k + 1, hit.first):
            best = "considered"
    k = hit.last + 1
    while k < len(toks) and toks[k].tag.startswith(("SSC", "SW")):
        k += 1
    first_content = k
    while k < len(toks):
        tok = toks[k]
        scope.append(tok)
        form_here = tok.form
        if tok.form == "기" and tok.tag == "ETN" and k + 1 < len(toks) and toks[k + 1].form == "로":
            form_here = "기로"  # 하기로 했다 is 기/ETN + 로/JKB
        if tok.form == "라고" and tok.tag == "EC" and k > 0 and toks[k - 1].tag in ("XSV", "VV", "VX") \
                and rank.get("demanded", 0) > rank.get(best, 0):
            best = "demanded"  # 제출하라고 요구했다: an order quoted in the imperative (not 것이라고)
        if form_here == "기로" and _decided(toks, k + 2, lexicon):
            form_here = ""  # 부과하기로 의결했다: the decision is taken, the measure imposed
        framed = tok.tag == "EC" and tok.form in ("면", "으면") and (
            toks[k - 1].form in lexicon.postposition_verbs or toks[k - 1].form in lexicon.frame_verbs)
        if (seen_pred or toks[hit.last].tag.startswith(("VV", "VX"))) and tok.tag in ("JKS", "JX") and tok.form in ("이", "가", "은", "는") and k > 0 \
                and toks[k - 1].tag.startswith("NN"):
            other_subject = True  # 채워 넣어 회원 피해는 없다: what follows is said of another subject
        for form, tag, status in lexicon.status_cues:
            if form_here == form and tok.tag.startswith(tag) and not framed:  # 따지면, 보면: no condition
                if status == "none" and k != first_content:
                    continue
                if status == "rejected" and other_subject:
                    continue  # its denial is that subject's, not the measure's
                if rank.get(status, 0) > rank.get(best, 0):
                    best = status
        if tok.tag in ("EF", "SF", "SE"):  # SE: a headline's ellipsis ends its clause
            break
        if tok.tag == "EC" and seen_pred and tok.form in lexicon.clause_endings:
            break
        if tok.tag.startswith(("VV", "VA", "XSV", "XSA", "VX", "VCP", "VCN")) and tok.form not in lexicon.postposition_verbs:
            seen_pred = True
        k += 1
    return best, scope


def _decided(toks: tuple[Token, ...], k: int, lexicon: Lexicon) -> bool:
    """Whether the words from ``k`` on say a decision was taken (하기로 의결했다, 결정했다)."""
    return k < len(toks) and toks[k].tag.startswith("NN") and toks[k].form in lexicon.decision_words


def _decision_only(scope: list[Token], lexicon: Lexicon) -> bool:
    """Whether the only sign of a plan in a clause is 하기로 했다, which for what a company does
    itself (보상하기로 했다) reports its decision, not an intention."""
    planned = {form for form, _, status in lexicon.status_cues if status == "planned"}
    forms = ["기로" if t.form == "기" and t.tag == "ETN" and i + 1 < len(scope) and scope[i + 1].form == "로" else t.form
             for i, t in enumerate(scope)]
    hits = {f for f in forms if f in planned}
    return hits == {"기로"}


_WHETHER = frozenset({"는지", "ᆫ지", "은지", "ᆯ지", "을지"})


#: Final endings that ask (나왔나, 있을까, 얼마인가): the analyser may tag 나 as a connective.
_QUESTION_ENDINGS = frozenset({"나", "까", "을까", "ᆯ까", "냐", "니", "ᆫ가", "는가", "나요", "까요", "가요"})


def _is_question(sentence: Sentence) -> bool:
    """Whether a sentence asks (a Q&A's question: ―영업정지도 나왔나. 피해는 얼마인가?)."""
    toks = [t for t in sentence.tokens if t.tag != "SF" or t.form == "?"]
    if sentence.text.rstrip().endswith("?"):
        return True
    return bool(toks) and toks[-1].tag in ("EF", "EC") and toks[-1].form in _QUESTION_ENDINGS


def _asks_if(sent: Sentence, hit: _Hit, lex: Lexicon) -> bool:
    """Whether the incident word is what a yes-or-no question asks about: the question's ending
    (or ?) comes after it with no sentence break or ellipsis between, and no question word
    (``question_words.tsv``: 왜, 어디까지, 얼마나) stands in that stretch."""
    toks = sent.tokens
    end = next((k for k in range(len(toks) - 1, hit.last, -1) if toks[k].form == "?"), None)
    if end is None:  # no question mark: the sentence's last word must end in a question ending
        last = next((k for k in range(len(toks) - 1, hit.last, -1) if toks[k].tag not in ("SF", "SS", "SSC", "SW")), None)
        if last is None or toks[last].tag not in ("EF", "EC") or toks[last].form not in _QUESTION_ENDINGS:
            return False
        end = last
    if any(t.tag in ("SE", "SF") and t.form != "?" for t in toks[hit.last + 1 : end]):
        return False  # 해킹…"영상도 새 나갔나요?": the question is the part after the ellipsis
    begin = next((k + 1 for k in range(hit.first - 1, -1, -1) if toks[k].tag in ("SE", "SF")), 0)
    words = set(lex.question_words)
    return not any(t.form in words for t in toks[begin:end])


def _asks_whether(scope: list[Token]) -> bool:
    """Whether a clause ends in an embedded question (유출됐는지 확인하고 있다, 피해를 봤는지
    조사 중): what it says is being checked, not reported as fact."""
    return any(t.form in _WHETHER and t.tag.startswith("E") for t in scope)


def _clause_after(sentence: Sentence, pos: int, lexicon: Lexicon) -> list[Token]:
    """The tokens from ``pos`` to the end of their clause (a final ending, or a connective
    ending after a predicate)."""
    out: list[Token] = []
    seen_pred = False
    for tok in sentence.tokens:
        if tok.start < pos:
            continue
        out.append(tok)
        if tok.tag in ("EF", "SF") or tok.form in _WHETHER and tok.tag.startswith("E"):
            break
        if tok.tag == "EC" and seen_pred and tok.form in lexicon.clause_endings:
            break
        if tok.tag.startswith(("VV", "VA", "XSV", "XSA", "VX", "VCP", "VCN")) and tok.form not in lexicon.postposition_verbs:
            seen_pred = True
    return out


#: Connective endings after which a new clause says what followed (암호화돼 … 열 수 없게 됐다).
_LEADING_ON = frozenset({"어", "아", "여", "고", "며", "으며", "면서", "으면서"})


def _incident_denied(scope: list[Token], lexicon: Lexicon) -> bool:
    """Whether the clause after an incident word denies it (없다, 아니다, 확인되지 않았다); not what a
    clause it leads on to says (서버 9대가 암호화돼 원고를 열 수 없게 됐다: a consequence)."""
    for i, tok in enumerate(scope):
        if tok.tag == "EC" and tok.form in _LEADING_ON and i + 1 < len(scope) and not scope[i + 1].tag.startswith("VX") \
                and any(t.tag.startswith(("NN", "VV", "VA")) for t in scope[i + 1 : i + 3]):
            return False
        if tok.form in ("없", "아니") and tok.tag in ("VA", "VCN"):
            return True
        if tok.form == "알" and tok.tag == "VV" and i + 1 < len(scope) and scope[i + 1].form == "냐" \
                and tok.end == scope[i + 1].start:
            return True  # "해킹 아냐": the analyser reads the spoken 아냐 (아니야) as 알 + 냐
        if tok.form in ("않", "못하") and tok.tag == "VX" and all(t.tag == "EC" for t in scope[:i]):
            return True  # 정보는 빠져나가지 않은: the incident word's own verb denied
        if tok.form in ("않", "못하") and tok.tag == "VX" or tok.form in ("안", "못") and tok.tag == "MAG":
            # 확인되지 않았다; a headline's 확인 안 돼, 발견 못 해
            return any(t.form in lexicon.denial_predicates for t in scope[:i])
    return False


# --- Quantities --------------------------------------------------------------------------------


def _counted_noun(sentence: Sentence, start: int, lexicon: Lexicon) -> str | None:
    """The noun written right before a number, which the number counts (고객 1,204명 → 고객;
    20대 3명 → 20대), or None when a particle, an adverb, nothing or a word that says nothing of
    it stands there (피해자는 368명; 번호 등 4만3126명: ``number_fillers.tsv``)."""
    toks = sentence.tokens
    k = next((i for i in range(len(toks) - 1, -1, -1) if toks[i].end <= start), None)
    if k is None or start - toks[k].end > 1 or not toks[k].tag.startswith(("NNG", "NNP", "NNB", "SL")):
        return None
    first = k
    while first > 0 and toks[first - 1].end == toks[first].start and \
            toks[first - 1].tag.startswith(("NNG", "NNP", "SN", "SL", "XPN")):
        first -= 1  # a compound written together (임직원, 20대)
    noun = "".join(t.form for t in toks[first : k + 1])
    return None if noun in lexicon.number_fillers else noun




_RATIO = re.compile(rf"\s*(?:중|가운데)\s*(?:\d|(?:{NATIVE_WORDS})\s?(?:명|곳|개|대))")  # 6명 중 1명, 열세 명 가운데 한 명꼴
#: One person named with 모 (김모씨(34)는, 박모(41)씨가) as the topic or subject before an amount.
_INDIVIDUAL_TOPIC = re.compile(r"(?<![가-힣])[가-힣]모\s?(?:씨(?:\(\d{1,3}\))?|\(\d{1,3}\)씨?)(?:는|가)\s")
#: One person, unnamed or named, as the topic or subject before a figure (A씨는, 박모(41)씨가, 김씨도).
_INDIVIDUAL = re.compile(r"(?<![가-힣A-Za-z])(?:[A-Z]|[가-힣]{1,3})\s?(?:\(\d{1,3}\))?씨(?:는|가|도)\s")


@lru_cache(maxsize=4)
def _approximation(lex: Lexicon) -> re.Pattern[str]:
    """A word of approximation_words.tsv right before a 의 (1천 명 이상의, 30대 안팎의)."""
    return re.compile(r"\s?(?:" + "|".join(map(re.escape, lex.approximation_words)) + ")(?=의 )")


@lru_cache(maxsize=4)
def _reports_before(lex: Lexicon) -> re.Pattern[str] | None:
    """A noun of report_nouns.tsv as the word right before a figure (신고는 모두 ·, 민원 ·)."""
    if not lex.report_nouns:
        return None
    nouns = "|".join(sorted(map(re.escape, lex.report_nouns), key=len, reverse=True))
    return re.compile(rf"(?<![가-힣])(?:[가-힣]+\s)?(?:{nouns})(?:은|는|이|가|도)?\s(?:모두\s|총\s|약\s)?$")


def _words_after_counter(text: str, end: int, lex: Lexicon) -> list[str]:
    """The two words after a counter and its 의 (12대의 업무 서버를 → 업무, 서버를; 1천 명 이상의
    인사 정보를 → 인사, 정보를): where the thing counted is written after its number."""
    rest = text[end:]
    bound = _approximation(lex).match(rest) if lex.approximation_words else None
    if bound:  # 이상, 안팎, 가량: how exact the figure is, between it and its 의
        rest = rest[bound.end() :]
    if not rest.startswith("의 "):
        return []
    return rest[2:].split(" ", 2)[:2]


@lru_cache(maxsize=4)
def _first_one(lex: Lexicon) -> re.Pattern[str] | None:
    """A superlative (superlative_words.tsv) describing a person of population_nouns.tsv as topic
    or subject, right before a figure: 가장 많이 결제된 회원은 (480만 원), 피해가 제일 큰 고객은."""
    if not lex.superlative_words or not lex.population_nouns:
        return None
    return re.compile(rf"(?:{_alternation(tuple(lex.superlative_words))})\s(?:[^\s,]+\s){{0,3}}?"
                      rf"(?:{_alternation(tuple(lex.population_nouns))})(?:은|는|이|가)\s(?:[^\s,]+\s)?$")


def _tells_own_story(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is inside a quote of one person (직장인 A씨는 "…87만 원이
    빠져나갔다"): their own story. Not a figure a person is the subject of outside quotes (C씨는
    회원 28만 명의 정보를 내려받아: an offender's deed, the incident's figure)."""
    said = None
    for said in _INDIVIDUAL.finditer(text, 0, start):
        pass
    if said is None:
        return False
    between = text[said.end() : start]
    return sum(between.count(q) for q in "\"“”") % 2 == 1


@lru_cache(maxsize=4)
def _not_current(lex: Lexicon) -> re.Pattern[str]:
    """After a figure: it is a former value (18대였던) or an increase or an addition (growth_words.tsv:
    15대가 더 나왔다, 전날보다 326명 늘었다, 하루 사이 1억1천만원 불었고, 200명 외에), not a total."""
    grown = _alternation(lex.growth_words["growth"])  # a stem: 늘어, 늘었다, 늘고
    added = _alternation(lex.growth_words["addition"])  # a word: 더 나왔다, 외에도
    return re.compile(rf"(?:였던|이었던|\s?(?:[이가]\s)?(?:{grown}|(?:{added})(?=\s|도)))")
@lru_cache(maxsize=4)
def _bound_patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """After a figure: a bound that picks some out (100만 원을 넘는 회원; bound_words.tsv), not an
    estimate of the figure itself (4억 원을 넘는 것으로); and before a count: the bound that picked
    what it counts (… 넘는 회원도 9명)."""
    if not lexicon.bound_words:
        return None
    words = "|".join(sorted(map(re.escape, lexicon.bound_words), key=len, reverse=True))
    return (re.compile(rf"\s?(?:을|를|이|가)?\s?(?:{words})\s(?!것|수준|규모)"),
            re.compile(rf"(?:{words})\s[가-힣]+(?:은|는|도|이|가)?\s?$"))


_COMPARED = re.compile(r"\)\s?(?:때|당시)?\s?(?:보다|에 비해|에 비하면|와 비교|과 비교)")


def _compared_then(text: str, end: int) -> bool:
    """Whether the figure ending at ``end`` stands in brackets that a comparison follows (지난 10일
    1차 발표(피해 고객 140명, 피해액 5억1천만 원) 때보다 두 배 넘게 늘었다): an earlier value."""
    close = text.find(")", end)
    return close >= 0 and "(" not in text[end:close] and _COMPARED.match(text, close) is not None


def _data_of(text: str, at: int, lexicon: Lexicon) -> bool:
    """Whether people's data (data_nouns.tsv, or 정보) is named in the two words from ``at``: 1천 명 이상의
    인사 정보를 빼냈다 counts whose data was taken, where 100만 원 이상의 피해를 본 회원 picks some out."""
    nouns = _data_noun(lexicon)
    words = text[at:].split(" ", 2)[:2]
    return any(w.startswith("정보") or nouns is not None and nouns.match(w) for w in words)


_RATIO_END = re.compile(rf"(?:\d\S*|(?:{NATIVE_WORDS})\s?(?:명|곳|개|대))\s*(?:중|가운데)\s*$")
_NAMED_PEOPLE = re.compile(r"씨\s*(?:등|와|과)?\s*$")


@lru_cache(maxsize=4)
def _leak_stems(lex: Lexicon) -> str:
    """The stems of leak_stems.tsv as one alternation (유출|빠져나|…), in the file's order."""
    return "|".join(map(re.escape, lex.leak_stems))


@lru_cache(maxsize=4)
def _leak_or_comma(lex: Lexicon) -> re.Pattern[str]:
    return re.compile("|".join(filter(None, [_leak_stems(lex), ","])))


@lru_cache(maxsize=4)
def _modified_count(lex: Lexicon) -> re.Pattern[str] | None:
    """A modifier of describing_verbs.tsv, the one or two nouns it describes and their particle, at
    the end of a clause before a count (참여 의사를 밝힌 피해자가 ·, 소송을 낸 피해 가입자 ·)."""
    if not lex.describing_verbs:
        return None
    verbs = "|".join(map(re.escape, lex.describing_verbs))
    return re.compile(rf"(?:{verbs})\s(?:[가-힣]+\s)?[가-힣]+(?:은|는|이|가)?\s(?:이미\s|벌써\s|모두\s|약\s)?$")


def _described_as_claimants(before: str, lexicon: Lexicon) -> bool:
    """The people counted are described, in the clause before the count, as taking part in a
    claim (소송 참여 의사를 밝힌 피해자가 1천 명, 로펌에 참여 의사를 밝힌 회원은 이미 4천 명)."""
    clause = re.split(r"[,.]", before)[-1]
    pattern = _modified_count(lexicon)
    modifier = pattern.search(clause) if pattern else None
    return modifier is not None and _claimants(clause[: modifier.start()][-20:], lexicon)


def _claimants(after: str, lexicon: Lexicon) -> bool:
    """The people just counted file or are represented in a claim (…명이 낸 소송, 명을 대리하는);
    not when a leak word comes first (3만 명의 정보가 유출돼 소송이: they are victims)."""
    cut = _leak_or_comma(lexicon).search(after)
    head = after[: cut.start()] if cut else after
    return any(w in head for w in lexicon.claimant_words)


#: After a count of people: they suffered (직원 870명이 개인정보 유출 피해를 입었다), whatever the noun.
_SUFFERED = re.compile(r"[이가은는]?\s(?:[^\s,.]+\s){0,3}?피해를\s?(?:입|봤|보|당)")


def _spaced(word: str) -> str:
    """A data file's word as a pattern, a space in it also matching no space (새 나 / 새나)."""
    return r"\s?".join(map(re.escape, word.split()))


@lru_cache(maxsize=4)
def _befell(lex: Lexicon) -> re.Pattern[str]:
    """Stems of a clause that says what befell people (유출된, 신고한, 도용된, 결제된, 털린 …):
    the leak verbs and ``ontology/befell_words.tsv``."""
    words = [_spaced(word) + ("(?![가-힣])" if whole else "") for word, whole in lex.befell_words]
    return re.compile("|".join(filter(None, [_leak_stems(lex), *words])))

_OBJECT_GAP = re.compile(r"\s?(?:상당의\s[가-힣]+)?[을를]?\s?")  # between an amount and the verb it is the object of
#: 이 가운데 7개 계정에서, 그중 287명: a part of a total the sentence has already counted.
_SUBSET_REACH = 8  # characters from a part's figure to an incident word that makes it a count of its own
_SUBSET = re.compile(r"(?:이|그)\s?(?:가운데|중)(?:에서)?\s*$")
_DATIVES = ("에게", "에게는", "한테")
_RATE_REACH = 20  # characters a per-unit marker reaches forward within its clause (1인당 피해액은 …)


@lru_cache(maxsize=4)
def _fleet_before(lexicon: Lexicon) -> re.Pattern[str] | None:
    """A topic that a verb of having (holding_verbs.tsv) describes, right before a figure: 병원이
    운영하는 서버는 모두 58대로, 회사가 보유한 회원은 410만 명: what it has, not what was hit."""
    if not lexicon.holding_verbs:
        return None
    having = _alternation(tuple(lexicon.holding_verbs))
    return re.compile(rf"(?:{having})[가-힣]*\s(?:[가-힣]+\s)?[가-힣]+(?:은|는)\s(?:모두\s|총\s|전체\s|약\s)?$")


@lru_cache(maxsize=4)
def _scope_pattern(lexicon: Lexicon) -> re.Pattern[str] | None:
    """What follows a figure that is the object of a checking verb (scope_verbs.tsv): 28대를 정밀
    점검한; also the first of two figures joined by 와/과 (서버 1,412대와 PC 2천여 대를 점검). Or of
    a verb of having (holding_verbs.tsv): 가입자 62만 명을 확보하고 있다, 데이터 1,200만 건이 저장돼."""
    stems = lexicon.scope_verbs + lexicon.holding_verbs
    if not stems:
        return None
    verbs = "|".join(sorted(map(re.escape, stems), key=len, reverse=True))
    having = "|".join(sorted(map(re.escape, lexicon.holding_verbs), key=len, reverse=True))
    stored = rf"|[이가]\s(?:[가-힣]+\s)?(?:{having})" if having else ""  # 1,200만 건이 저장돼 있었지만
    return re.compile(rf"(?:(?:[와과]\s[^을를,.]{{0,15}}?)?[을를]\s(?:[가-힣]+\s)?(?:{verbs}){stored})")


def _rate_before(text: str, start: int, lexicon: Lexicon, end: int | None = None) -> bool:
    """Whether a per-unit marker stands before the amount at ``start`` in its clause with no other
    number between (1인당 30만 원, 한 사람당 피해액은 적게는 2만 원): the amount is a rate. So does a
    per-time marker before a count or an amount (하루 외래 환자가 2,100명; see per_time_markers.tsv)."""
    spaced = text[max(0, start - _RATE_REACH) : start]
    spaced = spaced[max(spaced.rfind(","), spaced.rfind(".")) + 1 :]
    before = spaced.replace(" ", "")
    # where each character of ``before`` stands in ``spaced``: a per-time marker begins a word
    # (하루 외래 환자, not 모노하루 회원: a name that ends like one)
    at_spaced = [k for k, ch in enumerate(spaced) if ch != " "]

    def unbroken(at: int, marker: str) -> bool:
        return at >= 0 and not any(ch.isdigit() for ch in before[at + len(marker) :])

    # 피해 회원 전원에게 적립금 1만 원, 1만2천여 명에게는 10만 원을 더: given to people, each gets
    # it, unless the amount is marked as the total (3만 명에게 모두 30억 원을)
    total = _total_before(lexicon).search(spaced) is not None \
        or end is not None and _total_after(lexicon).match(text, end) is not None
    if any(unbroken(before.rfind(marker), marker) and not (total and marker.endswith(_DATIVES))
           for marker in lexicon.per_unit_markers):
        return True
    # 한 사람이 잃은 돈은 적게는 8천 원, 많게는 210만 원: the high end of a range is what its low
    # end, in the clause before, is
    cut = start - len(spaced)
    for low, high in lexicon.range_words:
        if before == high and cut > 0 and text[cut - 1] == ",":
            at = text.rfind(low, max(0, cut - _RATE_REACH - 15), cut)
            if at >= 0:
                first = at + len(low)
                first += len(text[first:cut]) - len(text[first:cut].lstrip())
                return first < start and _rate_before(text, first, lexicon)
    for marker, not_before in lexicon.per_time_markers:
        at = before.rfind(marker)
        word_start = at >= 0 and (at_spaced[at] == 0 or not _HANGUL.match(spaced[at_spaced[at] - 1]))
        if word_start and unbroken(at, marker) and not before.startswith(not_before, at + len(marker)):
            return True
    return False


_ITEM_BREAK = re.compile(r"[▲△■□●○◆◇,]")


def _recovered(sentence: Sentence, text: str, end: int, lexicon: Lexicon) -> bool:
    """Whether the clause of the figure ending at ``end`` says it was got back or stopped
    (recovery_words.tsv: 약 21억 원어치는 동결됐다, 9대는 백업으로 복구를 마쳤다)."""
    if not lexicon.recovery_words:
        return False
    clause = _clause_after(sentence, sentence.start + end, lexicon)
    stop = clause[-1].end - sentence.start if clause else len(text)
    after = _ITEM_BREAK.split(text[end:stop], 1)[0]  # ▲서버 7대가 암호화된 가람식품 ▲…복구 비용: another item
    # A word of a damage's cue (복구 비용, 복구비 in quantities.tsv) names what it cost, not
    # what was got back: 약 6억 원(복구 비용 포함).
    for cue in _damage_cues(lexicon):
        after = after.replace(cue, " ")
    # (약 1억2천만원(회사 추산 복구·보상 비용): a list of costs ending in 비용 names what it cost too)
    after = re.sub(r"[가-힣]+(?:[·ㆍ,]\s?[가-힣]+)+\s?비용", " ", after)
    return any(word in after for word in lexicon.recovery_words)


@lru_cache(maxsize=4)
def _damage_cues(lexicon: Lexicon) -> tuple[str, ...]:
    """The cues of an incident's damage amount that hold a recovery word, longest first."""
    cues = {cue for rule in lexicon.quantities if rule.prop == "damageAmount" for cue in rule.cues
            if any(word in cue and word != cue for word in lexicon.recovery_words)}
    return tuple(sorted(cues, key=len, reverse=True))


def _business_volume(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether the amount at ``start`` measures the money an organization handles (지난해 결제액은
    2조1000억 원; volume_words.tsv), not what an incident took (부정 결제액은 3억 원)."""
    before = text[max(0, start - _RATE_REACH) : start]
    cut = max(before.rfind(","), before.rfind("."))
    before = before[cut + 1 :].replace(" ", "")
    for word, not_after, not_before in lexicon.volume_words:
        at = before.rfind(word)
        if at >= 0 and not any(ch.isdigit() for ch in before[at + len(word) :]) \
                and not (not_after and before[:at].endswith(not_after)) \
                and not (not_before and before.startswith(not_before, at + len(word))):
            return True
    return False


@lru_cache(maxsize=4)
def _population_pattern(lexicon: Lexicon) -> re.Pattern[str] | None:
    """A population noun (population_nouns.tsv) in topic position right before a count, or after
    a qualifier of the whole (population_qualifiers.tsv: 누적 회원 640만 명)."""
    if not lexicon.population_nouns:
        return None
    nouns = "|".join(sorted(map(re.escape, lexicon.population_nouns), key=len, reverse=True))
    qualified = ""
    if lexicon.population_qualifiers:
        words = "|".join(sorted(map(re.escape, lexicon.population_qualifiers), key=len, reverse=True))
        qualified = rf"|(?<![가-힣])(?:{words})\s?(?:{nouns})(?:\s?수)?(?:[은는]|\s)"
    return re.compile(rf"(?:(?:{nouns})(?:\s?수)?[은는이가]{qualified})\s?(?:약\s?)?$")


def _is_population(sentence: Sentence, text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a count of people is how many customers an organization has (한울텔레콤 가입자는 약
    86만 명, 누적 가입자는 85만 명): its topic is a population noun that nothing before it makes
    harmed (피해 고객은, 정보가 유출된 회원은, 신고한 이용자는 are victims)."""
    pattern = _population_pattern(lexicon)
    m = pattern.search(text, 0, start) if pattern else None
    if m is None:
        return False
    words_before = text[: m.start()].split()
    if words_before and any(word in words_before[-1] for word in lexicon.harm_words):
        return False  # 피해 이용자는: read from the text, as the analyser may take 피해 for 피하+어
    noun_at = sentence.start + m.start()
    before = [t for t in sentence.tokens if t.end <= noun_at]
    if not before:
        return True
    last = before[-1]
    if last.tag.startswith(("ETM", "VV", "VA", "XSV", "XSA", "EP")):
        # A clause modifies the noun: those it befell (정보가 유출된 회원은, 신고한 이용자는), but
        # not those who merely deal with the organization (거래하는 고객은 약 600만 명).
        modifier = " ".join(words_before[-3:])  # 유출된 것으로 추정되는 고객은: the clause's last words
        return not (_befell(lexicon).search(modifier) or any(word in modifier for word in lexicon.harm_words))
    return not any(word in last.form for word in lexicon.harm_words)


def find_quantities(sentence: Sentence, source: str, lexicon: Lexicon) -> list[Quantity]:
    """Find counted numbers and name the property each measures from the nearest cue word."""
    text = source[sentence.start : sentence.end]
    counters = tuple(sorted({r.counter for r in lexicon.quantities}))
    scope = _scope_pattern(lexicon)
    out: list[Quantity] = []
    found: dict[str, list[tuple[int, int]]] = {}  # cue -> where it occurs, found once per sentence

    def occurrences(cue: str) -> list[tuple[int, int]]:
        if cue not in found:
            spots, at = [], text.find(cue)
            while at >= 0:  # non-overlapping, as re.finditer would give them
                # A cue of one syllable (털, 잃) is a stem only where a word begins: not the 털
                # of 디지털타임스.
                if (len(cue) > 1 or at == 0 or not _HANGUL.match(text[at - 1])) and not (
                        cue.endswith("정보") and text.startswith(lexicon.security_words, at + len(cue))):
                    # (정보보안을 전담하는 공무원은 두 명: information security, no one's data)
                    spots.append((at, at + len(cue)))
                at = text.find(cue, at + len(cue))
            found[cue] = spots
        return found[cue]

    listed: dict[str, str] = {}  # counter -> the property of a figure written after an organization
    bounds = _bound_patterns(lexicon)
    starts: list[int] = []

    def trigger_starts() -> list[int]:  # where incident words start, matched once, when needed
        if not starts:
            starts.extend(h.start for h in _match_triggers(sentence, lexicon.incident_triggers, [], lexicon))
            starts.append(-1)  # matched (there may be none)
        return starts
    numbers = list(find_counted_numbers(text, counters))
    spans = [(m.start, m.end) for m in numbers]
    numbers += [m for m in find_bare_amounts(text) if not any(s <= m.start < e for s, e in spans)]  # 피해 12억
    numbers.sort(key=lambda match: match.start)
    for m in numbers:
        if m.value == 0 or m.value == 1 and text.startswith("도", m.end):
            # '개인정보 유출 0건' 광고; 단 한 건도 확인되지 않았다: none is no figure of anything that happened
            continue
        if m.counter == "원" and (m.each or _rate_before(text, m.start, lexicon, m.end) or _business_volume(text, m.start, lexicon)):
            continue  # 1인당 30만 원, 10만원씩: what each one gets, not the total; 지난해 결제액: a size
        if m.counter != "원" and (_rate_before(text, m.start, lexicon) or m.each):
            continue  # 하루 외래 환자가 2,100명, 한 건씩 불러낸: a rate, not how many the incident befell
        if m.counter != "원" and scope is not None and (held := scope.match(text, m.end)) \
                and not (m.counter.startswith("명") and held.group(0)[:1] in "이가"):
            # (회원 1만2,600여 명이 맡겨 둔 자산: people who hold, not things held)
            continue  # 서버 28대를 정밀 점검한 결과, 가입자 62만 명을 확보: checked or held, not harmed
        if (fleet := _fleet_before(lexicon)) is not None and fleet.search(text, max(0, m.start - 30), m.start):
            continue  # 병원이 운영하는 서버는 모두 58대로: all it runs, not those hit
        if _RATIO.match(text, m.end) or text.startswith("꼴", m.end) or _RATIO_END.search(text, 0, m.start) and (
                m.value == 1 or "꼴" in text[m.end : m.end + 3]):
            # (서버 13대 가운데 10대가 암호화: the 13 are all there are, the 10 the part that was hit)
            continue  # 6명 중 1명꼴, 41만원꼴: a ratio or a rate, not a count
        if (first := _first_one(lexicon)) is not None and first.search(text, 0, m.start):
            continue  # 가장 많이 결제된 회원은 480만 원이었다: the one who lost most, not the total
        if _tells_own_story(text, m.start) or m.counter == "원" and _INDIVIDUAL_TOPIC.search(text, 0, m.start):
            # (회원 김모씨(34)는 … 적립금 18만 원이 한꺼번에 사라진: what one person lost)
            continue  # 직장인 A씨는 "87만 원이 빠져나갔다": one person's story, not the incident's figure
        if _compared_then(text, m.end):
            continue  # 1차 발표(피해 고객 140명, 피해액 5억1천만 원) 때보다: the figures compared with
        if _not_current(lexicon).match(text, m.end):
            continue  # 18대였던 감염 서버, 15대가 더 나왔다: a value before a revision, or what it added
        if _recovered(sentence, text, m.end, lexicon):
            continue  # 21억 원어치는 동결됐다: what was saved, not what was taken
        if bounds and ((bound := bounds[0].match(text, m.end)) and not _data_of(text, bound.end(), lexicon)
                       or bounds[1].search(text, max(0, m.start - 16), m.start)):
            # 피해액이 100만 원을 넘는 회원: a threshold that picks some out, not a figure; nor is
            # how many it picks (… 넘는 회원도 9명)
            continue
        if m.counter == "명" and (sent_to := _sent_to(lexicon)) is not None and sent_to.match(text, m.end):
            continue  # 회원 스물세 명에게 잘못 발송했다: those it was sent to, not those whose data it held
        if m.counter == "명" and _NAMED_PEOPLE.search(text, 0, m.start):
            continue  # A(27)씨 등 3명: people the article names (suspects, staff), not victims
        if m.counter == "건" and (reports := _reports_before(lexicon)) is not None \
                and reports.search(text, max(0, m.start - 16), m.start):
            continue  # 유출 신고는 모두 418건, 피해 신고 1,284건: reports or cases, not records
        if m.counter == "명" and any(w in text[m.end : m.end + 16] for w in lexicon.bystander_words):
            continue  # 5명으로 꾸린 점검반, 검사역 8명을 보내, 환자 62명은 인근 병원으로 옮겨: no victims
        if m.counter == "명" and any(w in text[m.end : m.end + 12] for w in lexicon.offender_words):
            continue  # 경찰, 3명 검거; 일당 4명을 구속: the offenders, not the victims
        if m.counter == "명" and (_claimants(text[m.end : m.end + 40], lexicon)
                                  or _described_as_claimants(text[: m.start], lexicon)):
            continue  # 회원 2400여 명이 회사를 상대로 낸 소송: claimants, not the victims counted
        best: tuple[int, str] | None = None
        counted = _counted_noun(sentence, sentence.start + m.start, lexicon) if m.counter != "원" else None
        if counted is not None and counted not in lexicon.alias_to_org and not _suffix_type(counted, lexicon):
            # 한결저축은행 1만2000명: the analyser may split a name (한결/MAG 저축은행); read the word
            word_before = text[: m.start].split()[-1:] or [""]
            if word_before[0].endswith(counted) and (word_before[0] in lexicon.alias_to_org
                                                     or _suffix_type(word_before[0], lexicon)):
                counted = word_before[0]
        if counted is not None and counted not in lexicon.alias_to_org and not _suffix_type(counted, lexicon) and not any(
                cue in counted or text.startswith(cue, m.end + (text[m.end : m.end + 1] == " "))
                or any(w.startswith(cue) for w in _words_after_counter(text, m.end, lexicon))
                for rule in lexicon.quantities if rule.counter == m.counter for cue in rule.cues) and not (
                m.counter == "명" and _SUFFERED.match(text, m.end)):
            # 임직원 5명, 20대 3명, 결제 1,312건: the number counts something else; not so where
            # the counted thing follows the counter (회원 2,300개 계정: the members' accounts)
            continue
        for rule in lexicon.quantities:
            if rule.counter != m.counter:
                continue
            for cue in rule.cues:
                for cue_start, cue_end in occurrences(cue):
                    if m.start <= cue_start < m.end:
                        continue
                    distance = m.start - cue_end if cue_end <= m.start else cue_start - m.end
                    if cue_start >= m.end and "," in text[m.end : cue_start]:
                        continue  # 핫월렛은 세 개이고, … 회원 계정은: a cue past the comma is the next clause's
                    if 0 <= distance <= 25 and (best is None or distance < best[0]):
                        best = (distance, rule.prop)
        names_org = counted is not None and (counted in lexicon.alias_to_org or bool(_suffix_type(counted, lexicon))) \
            or _in_aside_of_org(text, m.start, lexicon)
        if best is None and out and out[-1].value != m.value and re.fullmatch(
                r",\s?", text[out[-1].span.end - sentence.start : m.start]) and out[-1].surface.endswith(m.counter):
            best = (0, out[-1].prop)  # 각각 3만1000명, 1만2000명: a figure listed after one of its kind
        if best is None and names_org and m.counter in listed:
            # 유출 규모는 KB국민카드 5300만 건, 롯데카드 2600만 건: a list of organizations' figures
            # measures what its first one does, however far the cue word is.
            best = (0, listed[m.counter])
        if best and best[1] == "damageAmount" and \
                text.startswith(lexicon.gain_verbs, _OBJECT_GAP.match(text, m.end).end()):
            continue  # 정보를 팔아 1억9천만원 챙겨, 약 56억 원을 요구: what the offenders gained or asked, not a damage
        if best and best[1] == "damageAmount" and (later := _word_pattern(lexicon.later_value_words)) is not None \
                and later.search(text, max(0, m.start - 16), m.start):
            continue  # 현재 시세로 따지면 약 310억원: a later value of what was taken, not the damage
        if best and best[1] == "accountCount" and (resold := _word_pattern(lexicon.resale_words)) is not None \
                and resold.search(text, max(0, m.start - 20), m.start):
            continue  # 상품권이 되팔린 중고거래 계정 30여 개: where the loot was sold, not accounts taken over
        if best and best[1] == "victimCount" and _is_population(sentence, text, m.start, lexicon):
            continue  # 한울텔레콤 가입자는 약 86만 명이지만: all its subscribers, not the victims
        if best and _SUBSET.search(text, 0, m.start) and any(q.prop == best[1] for q in out) and not any(
                0 <= start - (sentence.start + m.end) <= _SUBSET_REACH for start in trigger_starts()):
            # 계정 30여 개가 탈취됐고 이 가운데 7개 계정에서: a part of the 30; but 피해자 2만 명 가운데
            # 190명이 부정 예약으로 돈을 잃었다 counts the victims of another incident
            continue
        if best:
            if names_org:
                listed.setdefault(m.counter, best[1])
            out.append(
                Quantity(best[1], m.value, m.text, Span(sentence.index, sentence.start + m.start, sentence.start + m.end))
            )
    return out


def _in_aside_of_org(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a figure stands in brackets opened right after an organization's name
    (창원해맞이요양병원(환자 4천2백여 명), …): the list's later figures measure the same."""
    opening = text.rfind("(", 0, start)
    if opening <= 0 or ")" in text[opening:start]:
        return False
    word = text[:opening].split()[-1:] or [""]
    return word[0] in lexicon.alias_to_org or bool(_suffix_type(word[0], lexicon))


# --- The article -------------------------------------------------------------------------------


def _focus_company(orgs: list[OrgMention], title: str = "", lexicon: Lexicon | None = None,
                   body: str = "") -> str | None:
    """The company an article is about: the first named in the headline, else the most named.

    A company the headline names only as someone's employer (정태민 시큐어넷랩스 대표 "…") is
    passed over while another company is named there.
    """
    companies = [m for m in orgs if m.org_type == "Company"]
    if lexicon is not None and lexicon.counsel_prefixes:
        # A law firm is counsel, never what an article about an incident is about.
        orgs = [m for m in orgs if not m.name.startswith(lexicon.counsel_prefixes)]
        companies = [m for m in companies if not m.name.startswith(lexicon.counsel_prefixes)]
        # …nor a company named only for comparison (지난해 쿠팡 사례처럼).
        companies = [m for m in companies if m.role != "comparison"]
    # A newspaper the headline names is what the article is about (랜섬웨어 공격을 받은 새한일보);
    # elsewhere an outlet is mostly a byline or a photo credit, never the victim.
    in_title = [m for m in orgs if m.org_type in ("Company", "Publisher") and m.span.sentence == 0
                and _section_of(m) == "title"]
    if lexicon is not None and len({m.name for m in in_title}) > 1:
        def employer(m: OrgMention) -> bool:
            after = title[m.span.end :].lstrip(" ")
            word = re.match(r"[가-힣]+", after)
            return bool(word) and _is_role_word(word.group(), lexicon)
        in_title = [m for m in in_title if not employer(m)] or in_title
    if in_title:
        return in_title[0].name
    if any(m.org_type in ("GovernmentAgency", "Court") and m.span.sentence == 0 and _section_of(m) == "title"
           and m.role in ("modifier", "possessive", "locative") for m in orgs):
        # 청누리시교육청 랜섬웨어가 남긴 숙제, 대법원 전산망 해킹: a headline about a public body's
        # own incident, and no company in it; the story is that body's
        return None
    if lexicon is not None and body:
        # 한지오 라온정보대학교 사이버보안학과 교수는: a company the body names only as someone's
        # employer (a title, or a department and a title, after it) is not what the article is about
        def employs(m: OrgMention) -> bool:
            source = title if _section_of(m) == "title" else body
            words = [re.match(r"[가-힣]*", w).group() for w in source[m.span.end :].split(None, 3)[:3]]
            k = 0
            while k < len(words) - 1 and words[k].endswith(lexicon.department_endings):
                k += 1
            return bool(words) and _is_role_word(words[k], lexicon) or bool(words) and k < len(words) and any(
                words[k].startswith(r) and len(words[k]) - len(r) <= 1 for r in lexicon.roles if len(r) >= 2)
        employers = {m.name for m in companies if employs(m)} - {m.name for m in companies if not employs(m)}
        companies = [m for m in companies if m.name not in employers]
    if not companies:
        return None
    counts = Counter(m.name for m in companies)
    top = max(counts.values())
    return next(m.name for m in companies if counts[m.name] == top)


def _companies_by_mentions(orgs: list[OrgMention]) -> list[str]:
    """The companies an article names, most named first (then first named): the members of a
    group it calls 통신 3사 or 두 회사. Companies named only for comparison are left out."""
    named = [m.name for m in orgs if m.org_type == "Company" and m.role != "comparison"]
    counts = Counter(named)
    return sorted(counts, key=lambda n: (-counts[n], named.index(n)))


def _section_of(m: OrgMention) -> str:
    return "title" if m.span.sentence == 0 else "body"


def _resolve_article_orgs(orgs: list[OrgMention], lex: Lexicon) -> list[OrgMention]:
    """Resolve short and bare names to the full name used in the same article, drop the rest.

    ``민관합동조사단`` and ``조사단`` resolve to ``KT 침해사고 민관합동조사단`` when the article uses it.
    """
    full_names = sorted({m.name for m in orgs if not m.known}, key=len, reverse=True)
    out = []
    for m in orgs:
        if m.known:
            out.append(m)
            continue
        longer = [n for n in full_names if n != m.name and n.endswith(m.name)]
        for long, short in lex.name_abbreviations:
            if m.name.endswith(short) and len(m.name) > len(short):
                expanded = m.name[: -len(short)] + long  # 청솔손보 → 청솔손해보험
                if any(n == expanded for n in full_names) or expanded in lex.alias_to_org:
                    longer = [lex.alias_to_org.get(expanded, expanded)]
        if longer:
            out.append(replace(m, name=longer[0]))
        elif m.name.replace(" ", "") not in lex.bare_heads:
            out.append(m)
    return out


_PAREN_ALIAS = re.compile(r"\s?\((?:이하\s*)?([가-힣]{2,10}|[A-Z][A-Za-z&]{1,9})\)")


def _is_abbreviation(short: str, name: str) -> bool:
    """Whether ``short`` abbreviates ``name``: its letters in order (농문원 of 한국농어촌문화진흥원),
    or an acronym in Latin letters (KISA)."""
    if short.isascii():
        return short.isupper() or any(c.isupper() for c in short[1:])
    rest = iter(name)
    return len(short) < len(name) and all(ch in rest for ch in short)


def _bracketed_short_names(orgs: list[OrgMention], analysed: AnalysedArticle, lex: Lexicon) -> dict[str, OrgMention]:
    """The short names the article gives in brackets right after an organization's name, each
    with the mention it follows: ``한국농어촌문화진흥원(농문원)``, ``푸드링크코리아(이하 푸드링크)``."""
    article = analysed.article
    section = {s.index: s.section for s in analysed.sentences}
    short_to_full: dict[str, OrgMention] = {}
    for m in orgs:
        source = article.title if section.get(m.span.sentence) == "title" else article.body
        found = _PAREN_ALIAS.match(source, m.span.end)
        if found is None:
            continue
        short = found.group(1)
        if short != m.name and short not in lex.roles and short not in lex.alias_to_org \
                and _is_abbreviation(short, m.name):
            short_to_full.setdefault(short, m)
    return short_to_full


def _parenthetical_aliases(orgs: list[OrgMention], short_to_full: dict[str, OrgMention]) -> list[OrgMention]:
    """A short name given in brackets after a full one (``한국농어촌문화진흥원(농문원)``, ``(이하
    푸드링크)``) names the same organization everywhere in the article: its mentions take the
    full name and its type (the short name alone may look like another kind: 농문원 is no company).
    ``short_to_full`` is :func:`_bracketed_short_names` of the article."""
    if not short_to_full:
        return orgs
    return [replace(m, name=full.name, org_type=full.org_type)
            if (full := short_to_full.get(m.name)) is not None and not m.known else m for m in orgs]


def extract_article(analysed: AnalysedArticle, *, lexicon: Lexicon | None = None) -> Extraction:
    """Extract every fact from one analysed article."""
    lex = lexicon or load_lexicon()
    article = analysed.article
    orgs: list[OrgMention] = []
    per_sentence_known: dict[int, list[OrgMention]] = {}
    # Each sentence is split into words once; every finder below reads the same split.
    words_by_sentence = {sent.index: _eojeols(sent) for sent in analysed.sentences}
    for sent in analysed.sentences:
        source = article.title if sent.section == "title" else article.body
        known = find_gazetteer_orgs(sent, source, lex)
        per_sentence_known[sent.index] = known
        orgs.extend(known)
        orgs.extend(find_pattern_orgs(sent, source, lex, known, words_by_sentence[sent.index]))
        orgs.extend(_bulleted_names(sent, source, orgs, lex))
    tables = find_tables(analysed)  # 구분 / 피해 건수 / 피해액, then a line per company (tables.py)
    orgs.extend(row_names(tables, analysed, lex, orgs))  # 쇼핑몰 | 유출 회원, then 솔내음 | 2만3,140명
    orgs = [_cut_open_bracket(m) for m in orgs]
    orgs = _branches(orgs, analysed, lex)
    orgs = _resolve_article_orgs(orgs, lex)
    short_names = _bracketed_short_names(orgs, analysed, lex)
    orgs += _introduced_by_kind(analysed, lex, orgs)
    orgs += _rementions(analysed, lex, orgs, short_names)
    orgs = _resolve_article_orgs(orgs, lex)  # again: names found since (늘푸른생명 → 늘푸른생명보험)
    # …and short names given after a name found since (하늘누리텔레콤(이하 하늘누리))
    short_names = {**_bracketed_short_names(orgs, analysed, lex), **short_names}
    orgs = _parenthetical_aliases(orgs, short_names)
    orgs = _unglue_particles(orgs)
    orgs.sort(key=lambda m: (m.span.sentence, m.span.start, -m.span.end))
    orgs = _propagate_roles(orgs, analysed, lex, words_by_sentence)
    orgs = _mark_comparisons(orgs, analysed, lex)
    orgs = _drop_parents_named_only_in_units(orgs)
    focus = _focus_company(orgs, article.title, lex, article.body)
    companies = frozenset(m.name for m in orgs if m.org_type == "Company")
    org_types_here = {m.name: m.org_type for m in orgs}
    for name, typ in lex.org_types.items():
        org_types_here.setdefault(name, typ)
    authorities = frozenset(n for n, t in org_types_here.items() if t in AUTHORITIES)
    pool = _companies_by_mentions(orgs)

    persons: list[PersonMention] = []
    # A correction notice (correction_words.tsv): its sentences retelling the earlier article are no facts.
    marks = _word_pattern(lex.correction_marks)
    corrected = marks is not None and (marks.search(article.title) or marks.search(article.body)) is not None
    retelling = _word_pattern(lex.retold_words)
    actor: tuple[int, OrgMention] | None = None  # the last organization acting as subject
    stray: list[tuple[int, list[Quantity], str | None]] = []  # figures with no incident nearby, the topic
    dates_by_sentence: dict[int, list[str]] = {}
    incidents: list[IncidentMention] = []
    measures: list[MeasureMention] = []
    dates: list[DateMention] = []
    for sent in analysed.sentences:
        source = article.title if sent.section == "title" else article.body
        sent_orgs = [m for m in orgs if m.span.sentence == sent.index]
        words = words_by_sentence[sent.index]
        persons.extend(find_persons(sent, source, lex, sent_orgs, words))
        persons.extend(_signed_off(sent, source, lex, sent_orgs))
        text = source[sent.start : sent.end]
        sent_dates = [
            DateMention(d.text, d.value, Span(sent.index, sent.start + d.start, sent.start + d.end))
            for d in find_dates(text, article.published_at)
        ]
        dates.extend(sent_dates)
        outer = _outer_orgs(sent_orgs)
        blocked = [(m.span.start, m.span.end) for m in sent_orgs]
        quantities = find_quantities(sent, source, lex)
        doubted: list[tuple[int, int]] = []
        frames = _unreal_frame(lex)
        unreal = frames.search(text) if frames else None
        # 랜섬웨어 훈련에서는 서버 열두 대가 … 가상 상황: an exercise, a hypothetical or a product's
        # capability, whose incident words and figures report no incident
        told = _told_of(orgs, sent, sent_orgs, focus, incidents)
        # [정정보도] 본지는 … 기사에서 피해 환자를 1천200명으로 보도했습니다: the earlier, wrong report
        retold = corrected and sent.section == "body" and retelling is not None and retelling.search(text) is not None
        sent_incidents = [] if unreal or retold else _incidents_in(sent, lex, outer, blocked, told, doubted)
        if unreal:
            quantities = [q for q in quantities if q.prop == "amount"]
        if retold:
            quantities = []
        # 1800여 명의 정보가 유출됐는지 확인 중: figures of a doubted incident are not facts.
        quantities = [q for q in quantities if q.prop == "amount" or not (
            any(lo <= q.span.start < hi for lo, hi in doubted) or _asks_whether(_clause_after(sent, q.span.end, lex)))]
        speaker = _speaker_company(sent, source, lex, words, persons, companies)
        # 고학수 개인정보보호위원장은 "과징금 부과를 포함해 처분하겠다": the head speaks for the body
        official = _speaker_company(sent, source, lex, words, persons, authorities)
        # With no company to be about, the article is about the body its incidents befell (행안부는 …
        # 한국공공데이터관리원의 유출 경위를 조사하고 있다: the public body is the target).
        victim = focus or next((i.affected for i in reversed(incidents + sent_incidents)), None)
        if not sent_orgs and told is not None and not _is_question(sent):
            # ▲골라담기(종합 쇼핑몰) = … 알리지 않음. 과징금 6억2천만 원: still the item's company (but
            # ―영업정지도 나왔나. asks of what the answer after it names)
            victim = told
        sent_measures = _measures_in(
            sent, source, lex, outer, blocked, victim, sent_dates, quantities, actor, words, speaker, pool,
            (official, org_types_here[official]) if official else None,
        )
        sent_measures = [] if retold else _future_as_planned(sent_measures, sent, sent_dates, article.published_at)
        if not sent_orgs and (indefinite := _indefinite_org(lex)) is not None:
            # 2023년에도 한 중소 캐피탈사가 … 과징금을 받은 바 있어: an unnamed company's measure
            sent_measures = [m for m in sent_measures if not (m.target == victim and indefinite.search(
                text, 0, max(0, m.span.start - sent.start)))]
        # 과태료는 유출 통지를 늦춘 달리미(1,200만 원)에: a fine's amount is no damage of an incident
        fined = {m.amount for m in sent_measures if m.measure_type == "Fine" and m.amount is not None}
        quantities = [q for q in quantities if not (q.prop == "damageAmount" and q.value in fined)]
        here = [m for m in outer if m.role in ("topic", "subject")]
        if here:
            actor = (sent.index, here[0])
        elif _has_subject(sent.tokens):
            actor = None  # someone who is not an organization acts here
        dates_by_sentence[sent.index] = [d.value for d in sent_dates]
        if not any(m.measure_type in ("Fine", "Compensation") for m in sent_measures):
            measures = _carry_amount(measures, quantities, sent.index)
        # 2019년 한 대형 거래소에서 580억 원어치가 탈취된 사건: figures of a sentence about an
        # unnamed other organization go to no incident of this article, carried or stray.
        indefinite = _indefinite_org(lex)
        place = indefinite.search(text) if indefinite else None
        # … unless the figures come after a company the article names (다른 사이트에서 유출된 아이디로
        # 배달 앱 한입배달의 2만1,870개 계정에 로그인: the accounts are 한입배달's)
        elsewhere = place is not None and not any(
            m.org_type == "Company" and m.span.start - sent.start >= place.end()
            and any(q.span.start >= m.span.end for q in quantities) for m in sent_orgs)
        attached = _attach_quantities(sent_incidents, quantities, [] if elsewhere else incidents, sent.index, source, lex)
        # 새벽숲은 … 서버 9대가 암호화돼: figures carried into a sentence whose topic is another
        # company that the article names are that company's, in an incident of the same kind.
        topic = _topic_company(outer, lex)
        if not sent_incidents and topic is not None:
            attached = [replace(i, affected=topic) for i in attached]
        attached = _distribute_figures(attached, sent_orgs, source)
        attached = _list_items(attached, source, sent, sent_orgs)
        attached = _figures_each(attached, text, lex, orgs, sent.index)
        attached = [_total_of_parts(inc, source, lex) for inc in attached]
        if not attached and any(q.prop != "amount" for q in quantities) and not elsewhere:
            figures = [q for q in quantities if q.prop != "amount"]
            kept = _kept_figures(figures, source, lex)  # 이름만 나간 가입자가 8천900여 명, …까지 나간 가입자가 3천100여 명: parts
            figures = figures if kept is None else kept
            if figures:  # (about the company the sentences before name, when this one names none)
                stray.append((sent.index, figures, topic or (told if told != focus else None)))
        incidents.extend(attached)
        measures.extend(sent_measures)

    if tables:  # a table's figures are its rows' (tables.py)
        table_lines, table_rows = table_incidents(tables, analysed, lex, orgs, incidents)
        incidents = without_lines(incidents, table_lines) + table_rows
        stray = [entry for entry in stray if entry[0] not in table_lines]
        measures = table_measures(tables, measures, analysed, lex)
    persons = _resolve_affiliations(persons, orgs, lex)
    operators = _operators(orgs, analysed, lex)
    for m in orgs:  # brands the lexicon knows the operator of (brand_operators.tsv)
        if m.name in lex.brand_operators and m.name not in operators:
            operators[m.name] = lex.brand_operators[m.name]
    if operators:  # GS리테일이 운영하는 GS샵: what befalls the brand befalls its operator
        incidents = [replace(i, affected=operators.get(i.affected, i.affected)) for i in incidents]
        measures = [replace(m, target=operators.get(m.target, m.target)) for m in measures]
        focus = operators.get(focus, focus) if focus else focus  # the story is the operator's
    if contractors := _contractors(orgs, analysed, lex, focus):  # 위탁업체 한결씨에스 상담원의 계정이 탈취돼
        incidents = [replace(i, affected=contractors.get(i.affected, i.affected)) for i in incidents]
    incidents = _place_stray_figures(incidents, stray)
    incidents = _drop_group_totals(incidents)  # 세 카드사 피해 2,561명 = 1,284명 + 865명 + 412명
    incidents = _date_past_incidents(incidents, dates_by_sentence, article.published_at)
    incidents = _wallet_thefts(incidents, lex)
    incidents = _resolve_generic_incidents(incidents)
    incidents = _merge_incident_parts(incidents, lex)
    # LG유플러스에서도 … 빠져나간 정황: "also" reports another incident of the story, not one in passing.
    also = {(m.span.sentence, m.name) for m in orgs
            if _ALSO.match((article.title if _section_of(m) == "title" else article.body), m.span.end)}
    incidents = _drop_passing_incidents(incidents, focus, also)
    measures = _specify_roles(measures, orgs, lex)
    # An investigation by nobody of nobody says nothing (이번 조사는 무선 전화면접 방식으로: a poll),
    # nor does a survey (여론조사, 설문 조사: survey_words.tsv).
    measures = [m for m in measures if not (m.measure_type == "Investigation" and (
        m.issuer is None and m.target is None or _surveyed(m, analysed, lex)))]
    if not incidents:
        # 이적료와 보상금, 요금 할인 혜택: with no incident in the article, compensation is a
        # measure only where its sentence names the harm it makes good (피해 고객에게 보상), or
        # where it goes on with one that does (전체 보상 규모는 …).
        def names_harm(m: MeasureMention) -> bool:
            sent = analysed.sentences[m.span.sentence]
            text = (article.title if sent.section == "title" else article.body)[sent.start : sent.end]
            return any(word in text for word in lex.harm_words)
        kept: list[MeasureMention] = []
        for m in measures:
            if m.measure_type == "Compensation" and not names_harm(m) and not any(
                    p.measure_type == "Compensation" and 0 < m.span.sentence - p.span.sentence <= 1 for p in kept):
                continue
            kept.append(m)
        measures = kept
    # 솔뫼군은 유출 범위를 다시 조사한 결과: a body looking into its own incident takes no measure.
    harmed = {i.affected for i in incidents}
    measures = [m for m in measures if not (m.measure_type == "Investigation" and m.issuer in harmed)]
    # 소담군, 명단 메일 잘못 보냈다가…과태료 840만원: whom the article's incident befell pays the fine;
    # it issues none of an authority's measures (a company's own, as 보상 or 고소, it may)
    measures = [replace(m, issuer=None, target=m.target or m.issuer)
                if m.issuer in harmed and m.measure_type not in lex.company_measures else m for m in measures]
    measures = _drop_group_amounts(measures)  # 4개 사업자에게 과징금 10억5천700만 원 = the sum of theirs
    measures = _continue_measures(measures)
    measures = _link_measures(measures, incidents)
    org_types = {}
    for m in orgs:
        org_types.setdefault(m.name, m.org_type)
    return Extraction(
        analysed=analysed,
        orgs=tuple(orgs),
        persons=tuple(persons),
        incidents=tuple(incidents),
        measures=tuple(measures),
        dates=tuple(dates),
        org_types=tuple(sorted(org_types.items())),
    )


def _resolve_affiliations(persons: list[PersonMention], orgs: list[OrgMention], lex: Lexicon) -> list[PersonMention]:
    """Give a title's short organization (관리원 of 관리원장) the full name the article uses
    (한국공공데이터관리원); a bare head the article never names in full affiliates nobody."""
    names = {m.name for m in orgs}
    known = set(lex.alias_to_org.values())
    out = []
    for p in persons:
        aff = p.affiliation
        if aff and aff not in names and aff not in known:
            longer = sorted((n for n in names if n.endswith(aff) and n != aff), key=len, reverse=True)
            if longer:
                p = replace(p, affiliation=longer[0])
            elif aff in _suffix_names(lex):
                p = replace(p, affiliation=None)
        out.append(p)
    return out


_OPERATES = re.compile(r"[이가]\s?운영하는\s(?:[가-힣]+\s){0,2}$")


@lru_cache(maxsize=4)
def _unreal_frame(lex: Lexicon) -> re.Pattern[str] | None:
    """Any word of ``ontology/unreal_frames.tsv``."""
    return _word_pattern(lex.unreal_frames)


@lru_cache(maxsize=4)
def _run_by(lex: Lexicon) -> re.Pattern[str]:
    """툰바다 운영사 ㈜바다컴즈는: the brand first, then a word of ``operator_words.tsv``, then the
    company that runs it."""
    words = "|".join(map(_spaced, lex.operator_words))
    return re.compile(rf"(?:의)?\s(?:{words})\s?(?:㈜|\(주\))?\s?$")


def _operators(orgs: list[OrgMention], analysed: AnalysedArticle, lex: Lexicon) -> dict[str, str]:
    """Brands and services run by a company the article names: ``GS리테일이 운영하는 편의점
    GS25`` maps GS25 to GS리테일 (up to two words may describe the brand), and ``툰바다 운영사
    ㈜바다컴즈`` maps 툰바다 to 바다컴즈."""
    out: dict[str, str] = {}
    for a, b in zip(orgs, orgs[1:]):
        if a.span.sentence != b.span.sentence or a.org_type != "Company" or b.org_type != "Company" \
                or a.name == b.name:
            continue
        source = analysed.article.title if a.span.sentence == 0 else analysed.article.body
        if _OPERATES.match(source[a.span.end : b.span.start]) and b.name not in out:
            out[b.name] = a.name
        elif _run_by(lex).match(source[a.span.end : b.span.start]) and a.name not in out:
            out[a.name] = b.name
    return {k: v for k, v in out.items() if v not in out}


def _contractors(orgs: list[OrgMention], analysed: AnalysedArticle, lex: Lexicon, focus: str | None) -> dict[str, str]:
    """Companies the article introduces as contractors of its company (고객센터 위탁업체
    한결씨에스; contractor_kinds.tsv), mapped to that company: an incident at a contractor's
    systems is its client's."""
    if focus is None or lex.org_types.get(focus, "Company") != "Company":
        return {}
    out: dict[str, str] = {}
    for m in orgs:
        if m.org_type != "Company" or m.name == focus:
            continue
        source = analysed.article.title if _section_of(m) == "title" else analysed.article.body
        before = _CORP_MARK.sub("", source[max(0, m.span.start - 15) : m.span.start]).rstrip()  # 위탁업체 ㈜X
        if any(before.endswith(kind) for kind in lex.contractor_kinds):
            out[m.name] = focus
    return out


def _rementions(analysed: AnalysedArticle, lex: Lexicon, orgs: list[OrgMention],
                short_names: dict[str, OrgMention] | None = None) -> list[OrgMention]:
    """Find the names this article introduced (출판사 푸른나래) wherever it repeats them (푸른나래는).

    A name found once by a pattern is as good as a gazetteer entry for the rest of the article;
    a multi-word name is also found by its last word when that word is a proper name, and a
    name by the short name the article gave it in brackets (``short_names``, from
    :func:`_bracketed_short_names`).
    """
    aliases: dict[str, str] = {}
    types: dict[str, str] = {}
    for m in orgs:
        if m.known or m.name.replace(" ", "") in lex.bare_heads:
            continue
        types[m.name] = m.org_type
        aliases.setdefault(m.name, m.name)
        last = m.name.split(" ")[-1]
        if last != m.name and len(last) >= 2 and _suffix_type(last, lex) is None and last not in lex.alias_to_org:
            aliases.setdefault(last, m.name)
    for name in [n for n in aliases.values() if types.get(n) == "Company"]:
        for long, short in lex.name_abbreviations:  # 한내저축은행 → 한내저축銀 in a headline
            if name.endswith(long) and len(name) > len(long) + 1:
                aliases.setdefault(name[: -len(long)] + short, name)
    offices = {m.name for m in orgs if m.org_type == "GovernmentAgency"}
    for office, place, bare in lex.local_offices:
        named = sorted(n for n in offices if n.endswith(office) and len(n) > len(office) + 1)
        for name in named:
            types.setdefault(name, "GovernmentAgency")
            aliases.setdefault(name, name)
            aliases.setdefault(name[: -len(office)] + place, name)  # 가림군청 → 가림군
        if len(named) == 1:
            aliases.setdefault(office, named[0])  # 군청 행정망이: the one county office named
            if bare:
                aliases.setdefault(place, named[0])  # 군은 … 수사를 의뢰했다
    for short, full in (short_names or {}).items():
        if not full.known:
            types[full.name] = full.org_type
            aliases.setdefault(short, full.name)  # 한국농어촌문화진흥원(농문원) … 농문원은
    if not aliases:
        return []
    table: dict[str, list[str]] = {}
    for alias in aliases:
        table.setdefault(alias[0], []).append(alias)
    ordered = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}
    taken = [(m.span.sentence, m.span.start, m.span.end) for m in orgs]
    out = []
    for sent in analysed.sentences:
        source = analysed.article.title if sent.section == "title" else analysed.article.body
        for m in find_named_orgs(sent, source, lex, aliases, types, ordered, known=False):
            if not any(si == sent.index and s < m.span.end and m.span.start < e for si, s, e in taken):
                out.append(m)
    return out


#: The particle written right after a name, and the role it gives (for names the analyser split).
_PARTICLE_TEXT = (("에서는", "locative"), ("에서", "locative"), ("에게", "dative"), ("으로", "other"),
                  ("은", "topic"), ("는", "topic"), ("도", "topic"), ("만", "topic"), ("이", "subject"),
                  ("가", "subject"), ("을", "object"), ("를", "object"), ("에", "dative"), ("의", "possessive"),
                  ("와", "conj"), ("과", "conj"), ("로", "other"))


#: Tags the analyser gives the syllables of a name it misreads (바로결제 → 바로/MAG 결제/NNG, 머물다
#: → 머물/VV 다/EF, 한결소재 → 한결/MAG 소재/NNG): no noun phrase holds them.
_MISREAD_TAGS = ("MAG", "MM", "VV", "VA", "VX", "EC", "EF", "ETM", "XPN", "XSV", "XSA", "IC")
_PARTICLE_ROLES = dict(_PARTICLE_TEXT)
_AFTER_NAME = "|".join(p for p, _ in _PARTICLE_TEXT)


#: A word of three to eight syllables, before a particle or a break (바로결제의, 머물다는).
_WORD_AT = re.compile(rf"([가-힣]{{3,8}}?)(?=(?:{_AFTER_NAME})?(?:[\s,.…·\"'”’]|$))")
_HANGUL = re.compile(r"[가-힣]")


def _solid_modifier(sent: Sentence, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the word at ``start:end`` writes a modifier's ending solid with the noun after it
    (늘푸른생명보험: 늘 + 푸르 + ᆫ + 생명 + 보험), as only a name is written: running text puts a
    space after a modifier (푸른 하늘). So does a determiner solid with its noun (새봄건강검진센터: 새 +
    봄 + …, where running text writes 새 봄)."""
    toks = [t for t in sent.tokens if start <= t.start and t.end <= end]
    return any((a.tag == "ETM" or a.tag == "MM" and a.form not in lex.counting_determiners) and b.tag.startswith("NN") and a.end == b.start for a, b in zip(toks, toks[1:]))


def _misread_names(analysed: AnalysedArticle, lex: Lexicon, named: set[str]) -> dict[str, bool]:
    """Words right after a kind of company (소액결제 대행업체 바로결제의, 숙박앱 머물다) that the
    analyser did not read as nouns, and that the article writes at least twice more before a
    particle or a space: a company's name (one word in its own right would be read as one). A
    word that ends with a line of business or a company's suffix needs no repetition, nor a kind
    before it when it writes a modifier solid with a noun (늘푸른생명보험의). Each name maps to
    whether it is one on its own, without a kind before it."""
    found: dict[str, bool] = {}
    for sent in analysed.sentences:
        source = analysed.article.title if sent.section == "title" else analysed.article.body
        toks = sent.tokens
        # 모두의장터 (모두 + 의 + 장터): a genitive written solid with the noun after it is no
        # phrase (the genitive is spaced from what it qualifies) but one word, a name.
        starts = {max(sent.start, source.rfind(" ", sent.start, t.start) + 1)
                  for k, t in enumerate(toks) if t.tag in _MISREAD_TAGS
                  or t.tag == "JKG" and k + 1 < len(toks) and toks[k + 1].start == t.end
                  and toks[k + 1].tag.startswith("NN")}
        for start in sorted(starts):  # words holding a misread token
            m = _WORD_AT.match(source, start, sent.end)
            if m is None:
                continue
            name = m.group(1)
            if name in named or name in found or name in lex.alias_to_org or name in lex.not_orgs \
                    or name in lex.company_kinds or _holds_trigger(name, lex):
                continue
            # A name that ends with a line of business or a company's suffix (바로온모바일,
            # 해온손해보험) is a name the first time; any other word must come back twice more.
            trade = _ends_with_one(name, lex.business_words, stem=2) \
                or (_suffix_type(name, lex) or ("", ""))[1] == "Company"
            kind = source[sent.start : start - 1].rsplit(None, 1)[-1:]
            alone = trade and _solid_modifier(sent, start, start + len(name), lex)
            if not (alone or kind and _is_company_kind(kind[0].strip("\"'‘’“”[]()·"), lex)):
                continue
            again = re.compile(rf"(?<![가-힣]){re.escape(name)}(?=(?:{_AFTER_NAME})?(?:[\s,.…·\"'”’]|$))")
            text = analysed.article.title + "\n" + analysed.article.body
            if len(again.findall(text)) >= (1 if trade else 3):
                found[name] = alone
    return found


#: An explainer's item: ▲픽셀나래(게임사)=…, ▲솔향마켓(온라인 장보기몰): …
_BULLETED_NAME = re.compile(r"(?<!\S)▲\s?([가-힣A-Za-z0-9&+]{2,12})\([^()]{1,20}\)\s?[=:]")
#: An item of a list of items headed ``▲word =`` (▲솔내음호텔 = 예약 시스템이 해킹돼 …).
_EQUALS_ITEM = re.compile(r"(?<!\S)▲\s?([가-힣A-Za-z0-9&+]{2,12})\s?=(?!=)")


def _bulleted_names(sent: Sentence, source: str, orgs: list[OrgMention], lex: Lexicon) -> list[OrgMention]:
    """The name heading an explainer's item, with what it is in brackets and a = or : after
    (▲픽셀나래(게임사)=지난 8월 …): a company the item is about, whatever words the name is made of.

    So is the one word heading each item of a list of two or more items written ``▲word = …``
    (▲솔내음호텔 = 객실 예약 시스템이 해킹돼 …, ▲다락서재 = …), unless the word is one common noun
    of the dictionary (▲원인 = …), or holds an incident or measure word or a harm (▲피해규모 = …,
    ▲과징금 = …): a heading of what the item tells, not whom it is about.
    """
    out = []
    for m in _BULLETED_NAME.finditer(source, sent.start, sent.end):
        start, end = m.start(1), m.end(1)
        if any(o.span.sentence == sent.index and o.span.start < end and start < o.span.end for o in orgs):
            continue  # named already (솔향마켓, found by its own pattern)
        name = m.group(1)
        out.append(OrgMention(name, name, "Company", Span(sent.index, start, end), "topic", False))
    if sent.section != "body" or "▲" not in source[sent.start : sent.end] or len(_EQUALS_ITEM.findall(source)) < 2:
        return out
    for m in _EQUALS_ITEM.finditer(source, sent.start, sent.end):
        start, end = m.start(1), m.end(1)
        if any(o.span.sentence == sent.index and o.span.start < end and start < o.span.end for o in orgs + out):
            continue
        name = m.group(1)
        toks = [t for t in sent.tokens if start <= t.start and t.end <= end]
        if len(toks) == 1 and toks[0].tag == "NNG" and not toks[0].oov:
            continue  # ▲원인 = …: a heading
        if _holds_trigger(name, lex) or any(word in name for word in lex.harm_words):
            continue  # ▲피해규모 = …, ▲과징금 = …
        out.append(OrgMention(name, name, "Company", Span(sent.index, start, end), "topic", False))
    return out


def _branches(orgs: list[OrgMention], analysed: AnalysedArticle, lex: Lexicon) -> list[OrgMention]:
    """A company's name and the branch written after it (한뫼신협 노은지점; branch_endings.tsv)
    are one organization, the branch."""
    if not lex.branch_endings:
        return orgs
    out: list[OrgMention] = []
    skip: set[int] = set()
    for k, m in enumerate(orgs):
        if k in skip:
            continue
        nxt = orgs[k + 1] if k + 1 < len(orgs) else None
        source = analysed.article.title if m.span.sentence == 0 else analysed.article.body
        if nxt is not None and m.org_type == "Company" and nxt.span.sentence == m.span.sentence \
                and nxt.name.endswith(lex.branch_endings) and source[m.span.end : nxt.span.start] == " " \
                and nxt.name != m.name and not nxt.known:
            name = f"{m.name} {nxt.name}"
            out.append(OrgMention(source[m.span.start : nxt.span.end], name, "Company",
                                  Span(m.span.sentence, m.span.start, nxt.span.end), nxt.role, False))
            skip.add(k + 1)
            continue
        out.append(m)
    return out


def _cut_open_bracket(m: OrgMention) -> OrgMention:
    """A name read with the opening of a bracket that closes past it (새움키친(대표이사 오현철)이:
    the bracket holds its chief) ends before the bracket."""
    at = m.name.find("(")
    if at < 2 or ")" in m.name[at:] or m.surface != m.name:
        return m
    name = m.name[:at]
    return replace(m, surface=name, name=name, span=Span(m.span.sentence, m.span.start, m.span.start + at))


def _unglue_particles(orgs: list[OrgMention]) -> list[OrgMention]:
    """A name read with its particle glued on (플랫폼 카랑이 회원 정보를: the analyser took 카랑이 for
    one unknown word) is the name the article writes without it elsewhere, in the role the
    particle gives."""
    names = {m.name for m in orgs}
    out = []
    for m in orgs:
        stem, particle = m.name[:-1], m.name[-1:]
        if m.surface == m.name and not m.known and stem in names and len(stem) >= 2:
            role = _PARTICLE_ROLES.get(particle)
            if role is None and particle == "서" and m.span.sentence == 0:
                role = "locative"  # a headline's 서 for 에서 (코인거래소 비트오름서 64억 원어치 탈취)
            if role is not None:
                span = Span(m.span.sentence, m.span.start, m.span.end - 1)
                m = OrgMention(stem, stem, m.org_type, span, role, False)
        out.append(m)
    return out


def _introduced_by_kind(analysed: AnalysedArticle, lex: Lexicon, orgs: list[OrgMention]) -> list[OrgMention]:
    """Names the analyser did not know (:attr:`Token.oov`) wherever the article writes them right
    after a kind of company (가상자산 거래소 비트해온이): the analyser may take that very word for a
    verb (비트 + 하 + 어 + 오 + ᆫ) while it tags the name as an unknown noun in another sentence
    (비트해온은). Each such spot is a mention; :func:`_rementions` finds the others."""
    named = {m.name for m in orgs} | {m.surface for m in orgs}
    unknown = {t.form for sent in analysed.sentences for t in sent.tokens
               if t.oov and t.tag in ("NNG", "NNP") and len(t.form) >= 2 and t.form not in named
               and t.form not in lex.not_orgs and t.form not in lex.alias_to_org and t.form not in lex.company_kinds
               and not _holds_trigger(t.form, lex)}
    misread = _misread_names(analysed, lex, named)
    unknown |= set(misread)
    alone = {name for name, itself in misread.items() if itself}
    if not unknown:
        return []
    out: list[OrgMention] = []
    particles = tuple(p for p, _ in _PARTICLE_TEXT)
    for sent in analysed.sentences:
        source = analysed.article.title if sent.section == "title" else analysed.article.body
        text = source[sent.start : sent.end]
        for name in sorted(unknown, key=len, reverse=True):
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                after = text[end : end + 3]
                ends_word = not after or not _WORD_CHAR.match(after[0]) or (
                    after.startswith(particles) and not _HANGUL.match(after[len(next(p for p in particles if after.startswith(p))):][:1] or " "))
                before = text[:at]
                kind = before[:-1].rsplit(None, 1)[-1] if before.endswith(" ") and before.strip() else ""
                if ends_word and (name in alone or kind and _is_company_kind(kind.strip("\"'‘’“”[]()·"), lex)) \
                        and not any(o.span.sentence == sent.index and o.span.start <= sent.start + at < o.span.end for o in out):
                    role = next((r for p, r in _PARTICLE_TEXT if after.startswith(p)), "modifier" if after[:1] == " " else "other")
                    out.append(OrgMention(name, name, "Company", Span(sent.index, sent.start + at, sent.start + end), role, False))
                at = text.find(name, end)
    return out


def _specific_for_generic(orgs: list[OrgMention], lex: Lexicon) -> dict[tuple[int, int], str]:
    """For each generic mention (경찰, 정부), the specific body of its type named closest before it
    in the article, else closest after it. Keyed by the mention's (sentence, start)."""
    out: dict[tuple[int, int], str] = {}
    for i, m in enumerate(orgs):
        if m.name not in lex.generic_orgs:
            continue
        specific = [(j, o) for j, o in enumerate(orgs) if o.org_type == m.org_type and o.name not in lex.generic_orgs]
        before = [o for j, o in specific if j < i]
        after = [o for j, o in specific if j > i]
        chosen = before[-1] if before else after[0] if after else None
        if chosen is not None:
            out[(m.span.sentence, m.span.start)] = chosen.name
    return out


def _propagate_roles(
    orgs: list[OrgMention], analysed: AnalysedArticle, lex: Lexicon,
    words_by_sentence: dict[int, list[_Eojeol]] | None = None,
) -> list[OrgMention]:
    """Give organizations the grammatical role that a title or a coordinated name carries.

    ``과기정통부 장관은`` makes 과기정통부 the topic (its minister speaks for it);
    ``개인정보위와 과기정통부는`` makes both the topic.
    """
    if words_by_sentence is None:
        words_by_sentence = {s.index: _eojeols(s) for s in analysed.sentences}
    article = analysed.article
    out = list(orgs)
    for i, m in enumerate(out):
        if m.role != "modifier":
            continue
        source = article.title if m.span.sentence == 0 else article.body
        words = words_by_sentence[m.span.sentence]
        nxt = next((w for w in words if w.start > m.span.end), None)
        if nxt is None:
            continue
        title = source[nxt.start : nxt.noun_end].split("(")[0]
        if title and _split_role(title, lex) is not None and nxt.first_after_noun is not None:
            role = _role_after(nxt.first_after_noun, "")
            if role in ("topic", "subject"):
                out[i] = replace(m, role=role)
    for i in range(len(out) - 2, -1, -1):  # right to left, so chains (A, B와 C는) resolve
        m, n = out[i], out[i + 1]
        if m.role == "conj" and n.span.sentence == m.span.sentence:
            out[i] = replace(m, role=n.role)
    return out


@lru_cache(maxsize=4)
def _comparison_pattern(lexicon: Lexicon) -> re.Pattern[str] | None:
    if not lexicon.comparison_particles:
        return None
    def alternatives(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in sorted(words, key=len, reverse=True))
    heads = alternatives(lexicon.comparison_heads) if lexicon.comparison_heads else "(?!)"
    return re.compile(rf"\s?(?:의\s?)?(?:(?:{heads})\s?)?(?:{alternatives(lexicon.comparison_particles)})")


def _mark_comparisons(orgs: list[OrgMention], analysed: AnalysedArticle, lex: Lexicon) -> list[OrgMention]:
    """Give the role ``comparison`` to organizations named only to compare (지난 SK텔레콤
    사례처럼, KT와 마찬가지로): they are neither a measure's target nor an incident's victim."""
    pattern = _comparison_pattern(lex)
    if pattern is None:
        return orgs
    article = analysed.article
    out = []
    for m in orgs:
        source = article.title if m.span.sentence == 0 else article.body
        if pattern.match(source, m.span.end):
            m = replace(m, role="comparison")
        out.append(m)
    return out


def _drop_parents_named_only_in_units(orgs: list[OrgMention]) -> list[OrgMention]:
    """Without the bodies an article names only inside the name of one of their units, as the
    unit's first word (대전경찰청 in 대전경찰청 사이버수사대): the article reports the unit, not the
    body. A body it also names on its own stays, and so does any other kind of organization
    named inside a unit's name (KT in KT 침해사고 민관합동조사단)."""
    def inside(m: OrgMention) -> OrgMention | None:
        return next((o for o in orgs if o is not m and o.span.sentence == m.span.sentence
                     and o.span.start == m.span.start and m.span.end < o.span.end
                     and o.org_type == m.org_type), None)

    nested = {id(m) for m in orgs if inside(m) is not None}
    alone = {m.name for m in orgs if id(m) not in nested}
    return [m for m in orgs if id(m) not in nested or m.name in alone]


def _outer_orgs(orgs: list[OrgMention]) -> list[OrgMention]:
    """Drop mentions inside a longer one (KT inside KT 침해사고 민관합동조사단)."""
    return [
        m for m in orgs
        if not any(o is not m and o.span.start <= m.span.start and m.span.end <= o.span.end
                   and (o.span.end - o.span.start) > (m.span.end - m.span.start) for o in orgs)
    ]


@lru_cache(maxsize=4)
def _response_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """Right after an incident word: a word of response_nouns.tsv (… 대응 인력, … 대응팀)."""
    return None if not lex.response_nouns else re.compile(r"\s?(?:" + "|".join(
        sorted(map(_spaced, lex.response_nouns), key=len, reverse=True)) + ")")


def _told_of(orgs: list[OrgMention], sent: Sentence, sent_orgs: list[OrgMention], focus: str | None,
             incidents: list[IncidentMention]) -> str | None:
    """Whom a body sentence that names no organization is about: the one company the last of the
    two sentences before it that names any names, as its topic, subject, the place where
    something happened or a modifier (가장 큰 사고는 온다래몰에서 나왔다. 해커는 … 빼 갔다; 중견
    출판사 파랑새북스 편집실입니다. 직원들이 … 일하고 있습니다. 서버 아홉 대가 … 암호화되면서); else
    the article's focus, and with none the body its last incident befell (노동부 메일 계정 37개
    털려 … 빠져나간 문서는 1만1천400여 건이다)."""
    if sent_orgs or sent.section != "body":
        return focus
    for back in (1, 2):
        before = [m for m in orgs if m.span.sentence == sent.index - back and m.role != "comparison"]
        if not before:
            continue
        if len({m.name for m in before}) == 1 and before[0].org_type == "Company" \
                and all(m.role in ("topic", "subject", "locative", "modifier") for m in before):
            return before[0].name
        break
    return focus or next((i.affected for i in reversed(incidents)), None)



def _incidents_in(
    sent: Sentence, lex: Lexicon, orgs: list[OrgMention], blocked: list[tuple[int, int]], focus: str | None,
    doubted: list[tuple[int, int]] | None = None,
) -> list[IncidentMention]:
    """The incidents a sentence reports. The clause bounds of incident words it only doubts or
    denies (유출됐는지 확인하고 있다) are added to ``doubted``."""
    out = []
    hits = _match_triggers(sent, lex.incident_triggers, blocked, lex)
    hits += _data_taken(sent, lex, hits, blocked)
    hits += _money_taken(sent, lex, hits, blocked)
    # 회원 계정 1,200여 개가 도용돼: the sentence reports members' accounts taken over
    accounts_taken = any(h.trigger.cls == "Hacking" and "계정" in h.trigger.phrase and not _own_account(sent, h, lex)
                         for h in hits)
    work = _response_pattern(lex)
    for hit in hits:
        if work is not None and work.match(sent.text, hit.end - sent.start):
            continue  # 침해사고 대응 인력은 140명 남짓: a line of work, no incident
        if hit.trigger.cls not in ("DataBreach", "UnauthorizedPayment") and (_CASES_AFTER.match(sent.text, hit.end - sent.start)
                                               or _CASES_BEFORE.search(sent.text, 0, hit.start - sent.start)):
            continue  # 신고된 침해사고가 2,187건, 이 가운데 랜섬웨어가 412건: a statistic of cases, no incident
        if hit.trigger.generic and _is_question(sent):
            continue  # - 올해 침해사고, 숫자로 보면 어떤가: an interviewer asks about incidents in general
        if _likened(sent, hit):
            continue  # 노림수를 해킹하듯 읽어 줬다, 금고를 털듯이: a likeness, no incident
        if _asks_if(sent, hit, lex):
            if doubted is not None:
                doubted.append(_clause_bounds(sent, hit, lex))
            continue  # 우리 집 영상도 새 나갔나요?: asked, not told (but 왜 뚫렸나? takes it as given)
        status, scope = _clause_status(sent, hit, lex)
        if status == "considered" or _incident_denied(scope, lex) or _asks_whether(scope):
            if doubted is not None:
                doubted.append(_clause_bounds(sent, hit, lex))
            continue  # 유출 가능성, 부정 사용 우려; 유출은 확인되지 않았다
        affected = _pick_affected(orgs, hit, sent, lex)
        indefinite = _indefinite_org(lex)
        place = [m for m in indefinite.finditer(sent.text, 0, hit.start - sent.start)] if indefinite else []
        if place and (affected is None or hit.start - sent.start - place[-1].end() <= _INDEFINITE_REACH):
            # 2019년 한 대형 거래소에서 … 탈취된 사건; 다른 곳에서 새 나간 아이디: another, unnamed
            # organization's (right before the incident word, whoever else the sentence names)
            continue
        affected = affected or focus
        if affected is None:
            continue  # nobody affected that the article names: nothing to link it to
        cls = hit.trigger.cls
        if cls == "UnauthorizedPayment" and any(word in sent.text for word in lex.exchange_wallets) \
                and not accounts_taken:
            # 핫월렛의 이더리움이 외부 지갑으로 무단 출금됐다: crypto taken, a hacking; but not
            # 회원 계정 1,200여 개가 도용돼 가상자산이 부정 출금: members' accounts paid out
            cls = "Hacking"
        elif cls == "Hacking" and "계정" in hit.trigger.phrase and _paid_with(sent, hit, lex) \
                and not _own_account(sent, hit, lex):
            cls = "UnauthorizedPayment"  # 계정 2만여 개를 도용해 4억여 원 결제 (not 관리자 계정이 도용되면서 출금)
        for name in _counted_list(orgs, affected, sent, hit, lex):
            out.append(IncidentMention(cls, name, hit.trigger.phrase, Span(sent.index, hit.start, hit.end),
                                       hit.trigger.generic))
    return out


def _likened(sent: Sentence, hit: _Hit) -> bool:
    """Whether the incident word is only what something is likened to: its verb ends in 듯(이)
    (해킹하듯, 털듯이), or its noun takes 처럼 or 같이 (해킹처럼), or its clause ends in 것처럼
    (해킹을 당한 것처럼 꾸몄다). The 듯 of an inference after a past modifier (해킹당한 듯하다: it
    seems so) is not a likeness."""
    toks = sent.tokens
    k = hit.last + 1
    # 해킹 + 하 + 듯; 해킹 + 을 + 당하 + ᆫ + 것 + 처럼: past the word's particle and verb
    while k < len(toks) and k <= hit.last + 3 and (toks[k].tag in ("XSV", "XSA", "JKO", "JKS", "EP")
                                                    or toks[k].tag == "VV" and toks[k].form in ("당하", "하", "받")):
        k += 1
    if k >= len(toks):
        return False
    t = toks[k]
    if t.tag == "EC" and t.form in ("듯", "듯이") or t.tag == "JKB" and t.form in ("처럼", "같이"):
        return True
    if t.tag == "ETM" and t.form in ("ᆯ", "을", "는") and k + 1 < len(toks) and toks[k + 1].form == "듯이":
        return True  # 털 + ᆯ + 듯이 (not 당한 듯: an inference)
    return t.tag == "ETM" and k + 2 < len(toks) and toks[k + 1].form == "것" and toks[k + 2].form == "처럼"


#: Attacks counted as cases (침해사고가 2,187건, 랜섬웨어 412건; 300여 건의 해킹): a statistic (but
#: 부정결제 1,300여 건 counts one incident's payments, and 유출 3만 건 its records).
_CASES_AFTER = re.compile(r"(?:\s?(?:공격|사고|사건|시도))?\s?(?:은|는|이|가|도)?\s?(?:모두\s|총\s|약\s)?[\d,]+(?:\.\d+)?\s?(?:만|천)?\s?[\d,]*\s?여?\s?건(?![가-힣]*수)")
_CASES_BEFORE = re.compile(r"[\d,]+\s?(?:만|천)?\s?여?\s?건의\s?$")


def _joint(after_and: int, after_comma: int) -> re.Pattern[str]:
    """What joins two companies of one list: 와/과/및/·/、/그리고 or a comma, then at most
    ``after_and`` (after a joining word) or ``after_comma`` (after a comma) words that describe the
    next one (플레이온, 꽃배달 플랫폼 꽃길; 가빈샵과 숙소 예약업체 쉼표예약); a company mark may stand
    on either side."""
    describe = r"(?:[^\s,]+\s){0,%d}?"
    return re.compile(r"\s*(?:㈜|\(주\))?\s*(?:(?:와|과|및|·|、|그리고)\s*" + describe % after_and
                      + r"|,\s*" + describe % after_comma + r")(?:㈜|\(주\))?\s*")


#: A list a group word then counts (가빈샵과 숙소 예약업체 쉼표예약 두 곳): describing words after
#: a joining word too, since the count confirms the list.
_COUNTED_JOINT = _joint(3, 3)


def _counted_list(orgs: list[OrgMention], affected: str, sent: Sentence, hit: _Hit, lex: Lexicon) -> list[str]:
    """The companies of a list that a group word counts before the incident word, each one hit
    (쇼핑몰 가빈샵과 숙소 예약업체 쉼표예약 두 곳에서 회원 정보가 빠져나갔다); just ``[affected]``
    when the affected company ends no such list."""
    text = sent.text
    before = [m for m in orgs if m.org_type == "Company" and m.span.end <= hit.start]
    if not before or before[-1].name != affected:
        return [affected]
    listed = [before[-1]]
    for m in reversed(before[:-1]):
        joint = text[m.span.end - sent.start : listed[0].span.start - sent.start]
        if not _COUNTED_JOINT.fullmatch(joint):
            break
        listed.insert(0, m)
    names = list(dict.fromkeys(m.name for m in listed))
    between = text[listed[-1].span.end - sent.start : hit.start - sent.start]
    if len(names) >= 2 and len(between) <= 12 and _group_size(between, lex) == len(names):
        return names
    # 가람병원과 너울병원의 서버가 암호화됐다; 창원해맞이요양병원(환자 4천2백여 명), 너른들정형외과병원
    # (2천8백 명), …의 전산 서버가: names joined with nothing between but the joiner (and an aside
    # in brackets) share the possessive or place the incident word is close after.
    tight = [before[-1]]
    for m in reversed(before[:-1]):
        if not _TIGHT_JOINT.fullmatch(text, m.span.end - sent.start, tight[0].span.start - sent.start):
            break
        tight.insert(0, m)
    names = list(dict.fromkeys(m.name for m in tight))
    last = _ASIDE.sub("", between, count=1) if between.startswith("(") else between
    if len(names) >= 2 and tight[-1].role in ("possessive", "locative", "subject") and len(last) <= _SHARED_REACH:
        return names
    return [affected]


#: What joins two names of a list with nothing between them: an aside in brackets after the
#: first (its figures), then 와/과/및/·/a comma.
_TIGHT_JOINT = re.compile(r"(?:\([^()]*\))?\s*(?:와|과|및|·|,)\s*")
_ASIDE = re.compile(r"\([^()]*\)")
_SHARED_REACH = 16  # characters from the last name of such a list (and its particle) to the incident word


@lru_cache(maxsize=4)
def _figure_in_gap(lex: Lexicon) -> re.Pattern[str]:
    """A figure and its counter (quantities.tsv) between a data noun and its verb (87만여 건): not
    counted in the reach."""
    counters = _alternation(tuple({rule.counter for rule in lex.quantities}))
    return re.compile(rf"[0-9][0-9,.]*(?:\s?[조억만천백십]\s?[0-9,.]*)*\s?여?\s?(?:{counters})?")


_TAKEN_REACH = 12  # characters from a data noun to the verb of taking after it


@lru_cache(maxsize=64)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any of ``words`` (see :func:`_spaced`), longest first; None for no words."""
    if not words:
        return None
    return re.compile("|".join(sorted(map(_spaced, words), key=len, reverse=True)))


@lru_cache(maxsize=4)
def _data_noun(lex: Lexicon) -> re.Pattern[str] | None:
    return _word_pattern(lex.data_nouns)


@lru_cache(maxsize=4)
def _taking(lex: Lexicon) -> re.Pattern[str] | None:
    return _word_pattern(lex.taking_verbs)


@lru_cache(maxsize=4)
def _containing(lex: Lexicon) -> re.Pattern[str] | None:
    """A data noun's subject particle and a word of holding after it (개인정보가 담긴 ): the
    container follows (containing_words.tsv)."""
    words = _word_pattern(lex.containing_words)
    return None if words is None else re.compile(rf"\s?[이가]\s(?:{words.pattern})\s")


def _data_taken(sent: Sentence, lex: Lexicon, hits: list[_Hit], blocked: list[tuple[int, int]]) -> list[_Hit]:
    """People's data taken (이름과 주소, 전화번호, 최근 주문 내역을 빼냈다): a data noun
    (data_nouns.tsv), then a verb of taking (taking_verbs.tsv) within a few characters, where no
    breach word of the lexicon matched already."""
    nouns, taking, containing = _data_noun(lex), _taking(lex), _containing(lex)
    if nouns is None or taking is None:
        return []
    text = sent.text

    def reach_from(m: re.Match[str]) -> int:
        """Where the taken thing ends: the noun, or the word of holding after it (개인정보가
        담긴 민원 문서가 빠져나갔다: the container is taken, and the data with it)."""
        held = containing.match(text, m.end()) if containing is not None else None
        return held.end() if held else m.end()

    out: list[_Hit] = []
    for verb in taking.finditer(text):
        start = sent.start + verb.start()
        if any(h.trigger.cls == "DataBreach" and h.start <= start < h.end + _TAKEN_REACH for h in hits + out):
            continue
        # (배송 기록 87만여 건이 밖으로 흘러나갔다: the figure between is the noun's, not a distance)
        near = [m for m in nouns.finditer(text, max(0, verb.start() - _TAKEN_REACH - 40), verb.start())
                if 0 <= verb.start() - reach_from(m)
                and len(_figure_in_gap(lex).sub("", text[reach_from(m) : verb.start()])) <= _TAKEN_REACH
                and "." not in text[m.end() : verb.start()]]
        if not near:
            continue
        lo, hi = sent.start + near[-1].start(), sent.start + verb.end()
        if any(s <= lo < e for s, e in blocked):
            continue
        toks = [k for k, t in enumerate(sent.tokens) if t.start < hi and t.end > lo]
        if toks:
            trigger = Trigger(text[near[-1].start() : verb.end()], "DataBreach")
            out.append(_Hit(trigger, toks[0], toks[-1], sent.tokens[toks[0]].start, sent.tokens[toks[-1]].end))
    return out


@lru_cache(maxsize=4)
def _money_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """A money source (money_sources.tsv), an amount in 원 within 40 characters, and a verb of taking
    right after it (계좌 64개에서 모두 5억3천400만 원을 빼냈다, 계좌에서 9억 원이 빠져나가는)."""
    taking = _taking(lex)
    if not lex.money_sources or taking is None:
        return None
    sources = "|".join(sorted(map(re.escape, lex.money_sources), key=len, reverse=True))
    qualifiers = _alternation(tuple({*lex.amount_qualifiers, *lex.approximation_words}))
    # (one word may stand between the amount and the verb: 원을 모두 빼냈다, 원을 몰래 빼돌렸다; the
    # amount may be the subject: 계좌에서 9억1천만 원이 빠져나가는 동안)
    return re.compile(rf"(?:{sources})[^.]{{0,40}}?[0-9]\S*\s?원(?:{qualifiers})?[을를이가]?\s(?:[가-힣]+\s)?(?:{taking.pattern})")


def _money_taken(sent: Sentence, lex: Lexicon, hits: list[_Hit], blocked: list[tuple[int, int]]) -> list[_Hit]:
    """Money taken from where people keep it (고객 계좌 64개에서 모두 5억3천400만 원을 빼냈다): an
    unauthorized payment, where no payment word of the lexicon matched already."""
    pattern = _money_pattern(lex)
    if pattern is None or any(h.trigger.cls == "UnauthorizedPayment" for h in hits):
        return []
    m = pattern.search(sent.text)
    if m is None:
        return []
    lo, hi = sent.start + m.start(), sent.start + m.end()
    if any(s <= lo < e for s, e in blocked):
        return []
    toks = [k for k, t in enumerate(sent.tokens) if t.start < hi and t.end > lo]
    if not toks:
        return []
    trigger = Trigger(m.group(0), "UnauthorizedPayment")
    return [_Hit(trigger, toks[0], toks[-1], sent.tokens[toks[0]].start, sent.tokens[toks[-1]].end)]


def _own_account(sent: Sentence, hit: _Hit, lex: Lexicon) -> bool:
    """Whether the account an account word reports is the organization's own (관리자 계정이 도용돼,
    운영자 계정을 탈취해: staff_accounts.tsv right before 계정)."""
    at = sent.text.find("계정", hit.start - sent.start)
    if at < 0 or not lex.staff_accounts:
        return False
    before = sent.text[max(0, at - 8) : at].rstrip()
    return before.endswith(tuple(lex.staff_accounts))


def _paid_with(sent: Sentence, hit: _Hit, lex: Lexicon) -> bool:
    """Whether the accounts an account takeover's words report were used to pay (payment_words.tsv):
    a payment word after them, before the next list item or comma, that the sentence does not deny
    (결제가 이뤄진 사례는 확인되지 않았다)."""
    after = _ITEM_BREAK.split(sent.text[hit.end - sent.start :], 1)[0]
    spots = [after.find(word) for word in lex.payment_words if word in after]
    if not spots:
        return False
    return not _incident_denied(_clause_after(sent, hit.end + min(spots), lex), lex)


_INDEFINITE_REACH = 3  # characters from an unnamed organization to the incident word it is the place of


@lru_cache(maxsize=4)
def _indefinite_org(lexicon: Lexicon) -> re.Pattern[str] | None:
    """An organization the sentence does not name, as the place, owner or subject of something (한
    대형 거래소에서, 다른 카드사의, 또 다른 업체도, 한 온라인 편집숍이): a kind of company
    (company_kinds.tsv) after 한, 다른, 어느 or 국내 (국내 기업이 신고한 침해사고는: a statistic), with at
    most two describing words between; or a
    group counted by its members (카드 3사에서), or another place (다른 곳에서, 다른 사이트의)."""
    if not lexicon.company_kinds:
        return None
    kinds = "|".join(sorted(map(re.escape, lexicon.company_kinds), key=len, reverse=True))
    particles = "(?:에서|의|에|도|에서도|이|가|은|는)(?![가-힣])"
    # …or a group counted by its members (2014년 카드 3사에서, 통신 3사의)
    return re.compile(rf"(?<![가-힣])(?:(?:한|다른|어느|국내)\s(?:[가-힣]+\s){{0,2}}?[가-힣]*(?:{kinds})"
                      rf"|다른\s(?:곳|사이트|서비스)|[가-힣]+\s?\d+사){particles}")


_FINDER_PARTICLE = re.compile(r"(?:이|가|은|는)\s")


def _analyst(sent: Sentence, m: OrgMention, lex: Lexicon) -> bool:
    """Whether a company is named as an analyst of the incident (analyst_kinds.tsv): right after
    a kind such as 보안업체 and the subject of one of its verbs of finding (보안업체 한결시큐리티가
    찾아낸 악성코드): it found the incident, it was not hit."""
    if not lex.analyst_kinds:
        return False
    text = sent.text
    before = text[: m.span.start - sent.start].rstrip().rsplit(None, 1)[-1:]
    verbs = lex.analyst_kinds.get(before[0]) if before else None
    if not verbs:
        return False
    particle = _FINDER_PARTICLE.match(text, m.span.end - sent.start)
    return particle is not None and text.startswith(verbs, particle.end())


def _pick_affected(orgs: list[OrgMention], hit: _Hit, sent: Sentence | None = None,
                   lex: Lexicon | None = None) -> str | None:
    def partner(m: OrgMention) -> bool:  # 보안업체 세이프웨이브와 함께 조사한: it helps, it is not hit
        if sent is None:
            return False
        after = [t for t in sent.tokens if t.start >= m.span.end][:2]
        if len(after) == 2 and after[0].form in ("와", "과") and after[1].form == "함께":
            return True
        return lex is not None and _analyst(sent, m, lex)

    companies = [m for m in orgs if m.org_type == "Company" and m.role != "comparison" and not partner(m)]
    if lex is not None and lex.counsel_prefixes:
        # 법무법인 가람은 … 소송을: counsel, not the company the incident befell
        clients = [m for m in companies if not m.name.startswith(lex.counsel_prefixes)]
        companies = clients or companies
    before = [m for m in companies if m.span.end <= hit.start]
    if before:
        return before[-1].name
    # A company after the incident word, but not past a headline's ellipsis (악성코드 103종…
    # LG유플러스는 수사 의뢰: another clause, about another company).
    breaks = [t.start for t in sent.tokens if t.tag == "SE"] if sent is not None else []
    after = [m for m in companies if m.span.start >= hit.end
             and not any(hit.end <= b < m.span.start for b in breaks)]
    if after:
        return after[0].name
    # A public body is the victim when the incident is its own (대법원 전산망 해킹, 관리원의 홈페이지),
    # not when it merely speaks or investigates.
    def names_system(m: OrgMention) -> bool:  # 통일부 전자우편 시스템, 법원행정처 전산망
        if sent is None or lex is None or m.role != "modifier":
            return False
        after = [t for t in sent.tokens if t.start >= m.span.end]
        run = []  # the noun phrase the body's name modifies (전자 우편 시스템)
        possessive = False  # 가온시청 공무원들의 업무용 이메일 계정: its staff's accounts are its system
        for t in after:
            if t.tag == "XSN" and run:
                continue
            if t.tag == "JKG" and run and not possessive:
                possessive = True
                continue
            if not t.tag.startswith("NN"):
                break
            run.append(t.form)
        if run and _ends_with_title("".join(run), lex):
            return False  # 과기정통부 정보보호네트워크정책관: a person's title, not a system
        joined = "".join(run[:5])  # 행정망 may come split (행정 + 망)
        return any(noun in joined for noun in lex.system_nouns)

    def owns_incident(m: OrgMention) -> bool:
        """청누리시교육청 랜섬웨어가 남긴 숙제: a body no gazetteer lists (the gazetteer's bodies are
        mostly authorities) written right before the incident word names whose incident it is."""
        if sent is None or lex is None or m.role != "modifier" or m.known or m.name.endswith(lex.agency_teams):
            return False
        between = sent.text[m.span.end - sent.start : hit.start - sent.start]
        # …or its staff did it (해누리구청 공무원, 3년간 주민 정보 무단 열람)
        staff = _own_staff(lex)
        return between.strip() == "" or staff is not None and staff.match(between) is not None

    def acts_in_it(m: OrgMention) -> bool:
        """경북 나래시청이 … 개인정보가 담긴 엑셀 파일을 엉뚱한 사람들에게 보낸: a body no gazetteer
        lists (no authority) as the subject of the incident's own clause did it to its own data."""
        return sent is not None and lex is not None and m.role in ("subject", "topic") and not m.known \
            and not m.name.endswith(lex.agency_teams) and _clause_bounds(sent, hit, lex)[0] <= m.span.start

    def checks(m: OrgMention) -> bool:  # 국가정보원의 정기 보안 점검에서: its check, not its system
        if sent is None or lex is None or m.role != "possessive":
            return False
        run = []
        depth = 0  # (한국인터넷진흥원(KISA)의 분석에 따르면: past the bracketed short name)
        for t in (t for t in sent.tokens if t.start >= m.span.end and not t.tag.startswith("J")):
            if t.tag in ("SSO", "SSC") and not run:
                depth += 1 if t.tag == "SSO" else -1
                continue
            if depth > 0:
                continue
            if not t.tag.startswith("NN"):
                break
            run.append(t.form)
        return any(form in lex.scope_verbs for form in run[:4])

    others = [
        m for m in orgs
        if m.span.end <= hit.start and (
            m.org_type == "Court" and m.role in ("possessive", "modifier", "locative")
            or m.org_type == "GovernmentAgency" and (m.role in ("possessive", "locative") or names_system(m)
                                                     or owns_incident(m) or acts_in_it(m))
        ) and not checks(m)
    ]
    if others:
        return others[-1].name
    # 랜섬웨어에 멈춘 가림군청: a clause with the incident word modifies the body's name right after it
    if sent is not None:
        for m in orgs:
            if m.org_type in ("GovernmentAgency", "Court") and 0 <= m.span.start - hit.end <= _MODIFIED_REACH:
                between = [t for t in sent.tokens if hit.end <= t.start < m.span.start]
                if any(t.tag == "ETM" for t in between) and not any(
                        t.tag in ("SE", "SP", "SF") or t.tag.startswith("NN") for t in between):  # 훔쳤다는 것이 …의
                    return m.name
    return None


_MODIFIED_REACH = 8  # characters from an incident word to the name of the body its clause modifies


def _clause_bounds(sent: Sentence, hit: _Hit, lex: Lexicon) -> tuple[int, int]:
    """Character bounds of the clause holding a trigger: between the clause endings around it
    (…했으며, …했고, …지만)."""
    toks = sent.tokens

    def is_boundary(k: int) -> bool:
        return toks[k].tag == "EC" and toks[k].form in lex.clause_endings and k > 0 and \
            toks[k - 1].tag.startswith(("VV", "VA", "XSV", "XSA", "VX", "VCP", "VCN", "EP"))

    start = sent.start
    for k in range(hit.first - 1, -1, -1):
        if is_boundary(k):
            start = toks[k].end
            break
    end = sent.end
    for k in range(hit.last + 1, len(toks)):
        if is_boundary(k):
            end = toks[k].end
            break
    return start, end


_PRONOUNS = frozenset({"그", "그녀"})


def _speaker_company(
    sent: Sentence, source: str, lex: Lexicon, words: list[_Eojeol], persons: list[PersonMention],
    companies: frozenset[str],
) -> str | None:
    """The company whose person is the topic of a sentence: ``김영섭 KT 대표는``, then ``김 대표는``
    or ``그는`` for the person named last. A company's head or spokesperson speaks for it."""
    def pronoun(w: _Eojeol) -> bool:  # 그는: kiwipiepy tags 그 NP, so it has no noun part
        return len(w.tokens) == 2 and w.tokens[0].tag == "NP" and w.tokens[0].form in _PRONOUNS \
            and _role_after(w.tokens[1], "") == "topic"

    topic = next((w for w in words if _role_after(w.first_after_noun, "") == "topic" or pronoun(w)), None)
    if topic is None:
        return None
    here = [p for p in persons if p.span.sentence == sent.index and p.span.end == topic.noun_end]
    earlier = [p for p in persons if p.span.sentence < sent.index or p.span.end <= topic.start]
    noun = source[topic.start : topic.noun_end]
    person = here[-1] if here else None
    if person is None and pronoun(topic):
        person = earlier[-1] if earlier else None
    if person is None:
        k = words.index(topic)
        family = source[words[k - 1].start : words[k - 1].end] if k > 0 else ""
        if family in lex.surnames:  # 김 대표는: the 대표 named 김… before
            person = next((p for p in reversed(earlier) if p.role == noun and p.name.startswith(family)), None)
    if person is None or person.affiliation not in companies:
        return None
    return person.affiliation


def _company_anaphor(
    words: list[_Eojeol], source: str, lex: Lexicon, start: int, end: int, focus: str | None = None
) -> str | None:
    """The role of a word like 회사 or 사측 standing for the article's company in the clause;
    also the head of the company's own name (새솔저축은행 → 은행 측은, 남해중앙새마을금고 → 금고는)."""
    for k, w in enumerate(words):
        if not start <= w.start < end:
            continue
        noun, after = source[w.start : w.noun_end], w.first_after_noun
        if w.tokens[0].form == "측" and len(w.tokens) > 1 and k > 0 and words[k - 1].noun_end == words[k - 1].end:
            # 금고 측은: 측 (a bound noun) speaks for the name before it
            noun, after = source[words[k - 1].start : words[k - 1].end], w.tokens[1]
        if noun in lex.company_anaphors or _names_head_of(noun, focus):
            role = _role_after(after, "")
            if role in ("topic", "subject"):
                return role
    return None


def _names_head_of(noun: str, name: str | None) -> bool:
    """Whether ``noun`` is the head that ends a company's name (은행 of 새솔저축은행): a word of
    two syllables or more, shorter than the name."""
    return bool(name) and len(noun) >= 2 and len(noun) < len(name) - 1 and name.endswith(noun) \
        and noun.isalpha() and not noun.isascii()


def _measures_in(
    sent: Sentence,
    source: str,
    lex: Lexicon,
    orgs: list[OrgMention],
    blocked: list[tuple[int, int]],
    focus: str | None,
    dates: list[DateMention],
    quantities: list[Quantity],
    actor: tuple[int, OrgMention] | None = None,
    words: list[_Eojeol] | None = None,
    speaker: str | None = None,
    pool: list[str] | None = None,
    official: tuple[str, str] | None = None,
) -> list[MeasureMention]:
    out: list[MeasureMention] = []
    hits = _match_triggers(sent, lex.measure_triggers, blocked, lex)
    given_back = _restitution_hits(sent, lex, hits)
    hits = sorted(hits + given_back, key=lambda h: h.start)
    amount_hits = [h for h in hits if h.trigger.cls in ("Fine", "Compensation")]
    shares = _distributive_amounts(sent, source, lex, orgs) if amount_hits else []
    for hit in hits:
        status, scope = _clause_status(sent, hit, lex)
        if status == "none" or _reporting_frame(sent, hit) or _names_work(sent, hit, lex):
            continue
        first = len(out)
        lo, hi = _clause_bounds(sent, hit, lex)
        clause = [m for m in orgs if lo <= m.span.start < hi]
        mtype = hit.trigger.cls
        # Authorities in the clause, then in the sentence (clauses share their subject); only then
        # a company acting itself, and never for a measure demanded of it.
        company_acts = mtype in lex.company_measures and status != "demanded"  # 보상, 고소
        able = lex.issuer_types.get(mtype, AUTHORITIES)  # the police fine nobody
        if mtype != "Investigation" and _received(sent, hit, lex):
            # 받다 turns the roles round: the topic receives the measure, and whoever gives it is
            # named as its source (개인정보위로부터 과징금을 부과받았다) or before the measure word
            # (회사의 수사 의뢰를 받고, 경찰 수사를 받게 된).
            issuers = _giver(sent, source, lex, clause, hit, focus, _eojeols(sent) if words is None else words)
            if not issuers and actor is not None and sent.index - actor[0] <= 2 \
                    and actor[1].org_type in AUTHORITIES & able and not any(m.org_type in AUTHORITIES for m in orgs):
                # 개인정보위는 병원에 과징금을 부과했다. 업체도 과태료를 부과받았다: the giver is the
                # authority acting in the sentences before, when this one names none.
                issuers = [actor[1].name]
            for issuer in issuers or [None]:
                out.append(_measure_for_issuer(sent, hit, lex, clause, orgs, focus, dates, quantities, status, issuer, issuers))
            continue
        issuers = _pick_issuers(clause, hit, able)
        if not issuers and company_acts:
            # 경찰은 구름다리게임즈가 … 감지하고 수사를 의뢰하자 추적에 나섰다: a company in subject
            # position after the sentence's topic and before the measure word is the agent of the
            # clauses it heads, and does what companies do
            topics = [m for m in orgs if m.role == "topic" and m.span.end <= hit.start]
            inner = [m for m in orgs if m.role == "subject" and m.org_type == "Company" and m.span.end <= hit.start
                     and topics and m.span.start > topics[-1].span.end and not any(
                         t.tag == "EC" and t.form.endswith(lex.reported_endings) and m.span.end <= t.start < hit.start
                         for t in sent.tokens)]  # (미래텔레콤이 … 미뤘다고 보고: what the topic found)
            issuers = [inner[-1].name] if inner else []
        if not issuers and company_acts:
            # 금융감독원이 현장 검사를 벌이고 있고, 머니온페이는 피해액을 전액 보상하기로 했다: the
            # company heading the measure's own clause, before an authority of another clause
            issuers = _company_issuer(clause)
        issuers = issuers or _pick_issuers(orgs, hit, able)
        if hit.trigger.generic and not any(
            m.name in issuers and m.role in ("topic", "subject") and m.org_type in AUTHORITIES for m in orgs
        ):
            continue  # 점검하겠다: an everyday word, a measure only when an authority does it
        if hit.trigger.generic and hit.first > 0 and sent.tokens[hit.first - 1].tag == "ETM" \
                and sent.tokens[hit.first - 1].form.endswith(lex.view_endings):
            continue  # 1조 원에 이를 수 있다는 분석도 나온다: a view reported, nobody analysing
        if hit.trigger.generic and (_names_outcome(sent, hit, anywhere=True) or any(
            h is not hit and not h.trigger.generic and 0 <= h.start - hit.end <= 12 and h.start < hi for h in hits
        )):
            continue  # 점검 결과 …: a finding; 재점검하라는 시정명령: the content of another measure
        if not issuers and company_acts:
            issuers = _company_issuer(clause) or _company_issuer(orgs)
            sent_words = _eojeols(sent) if words is None else words
            if not issuers and focus and (
                _company_anaphor(sent_words, source, lex, lo, hi, focus)
                or _company_anaphor(sent_words, source, lex, sent.start, sent.end, focus)  # clauses share it
            ):
                issuers = [focus]  # 회사는 … 보상하겠다
            if not issuers and speaker:
                issuers = [speaker]  # 김 대표는 "전액 보상했다"고 말했다: the head speaks for it
            if not issuers and sent.section == "title" and focus and any(m.name == focus for m in orgs) \
                    and _quoted(source[sent.start : hit.start]):
                issuers = [focus]  # 빗썸 … "전액 보상": a headline drops the particle of its company
        if not issuers and official is not None and official[1] in AUTHORITIES & able:
            issuers = [official[0]]  # the official speaking is the body's head: it issues
        if not issuers and actor is not None and sent.index - actor[0] <= 2 and not _has_subject(
            [t for t in sent.tokens if lo <= t.start < hi]
        ):
            # Korean drops a subject the previous sentence gave: "…과징금을 부과했다. 시정명령도 내렸다."
            previous = actor[1]
            if previous.org_type in AUTHORITIES & able or previous.org_type == "Company" and company_acts:
                issuers = [previous.name]
        if not issuers and _names_outcome(sent, hit):
            continue  # 조사 결과 …로 드러났다: what an investigation found, nobody named doing it
        types = {m.name: m.org_type for m in orgs}
        if status == "planned" and mtype in lex.company_measures and issuers and (mtype == "Compensation" or all(
            types.get(i, "Company" if i == focus else None) == "Company" for i in issuers
        )) and _decision_only(scope, lex):
            status = "imposed"  # 회사는 전액 환불하기로 했다: the company's decision is the measure
        for issuer in issuers or [None]:
            measure = _measure_for_issuer(sent, hit, lex, clause, orgs, focus, dates, quantities, status, issuer, issuers)
            if mtype == "Compensation" and measure.amount is None:
                # 피해 자산 200억 원 전액을 … 메워: the money given back is the verb's object, whatever its cue
                money = [q for q in quantities if q.prop in ("amount", "damageAmount") and lo <= q.span.start < hit.start
                         and _MONEY_OBJECT.match(source, q.span.end)]
                if money:
                    measure = replace(measure, amount=money[-1].value)
            out.append(measure)
        # 달리미에는 과징금 3억9천만 원이 매겨졌고, 과태료는 달리미(1,200만 원)와 폰마루(480만 원)에:
        # shares of the sentence, or else of the measure's own clause
        own = shares if _own_amounts(shares) else [p for p in shares if lo <= p[2] < hi]
        mine = [(name, value) for name, value, at in own
                if min(amount_hits, key=lambda h: (abs(h.start - at), h.start)) is hit] if _own_amounts(own) else []
        groups = [_listed_targets(orgs, m, lex, source) for m in out[first:]]
        if mine:
            # 구글에 475억 원, 애플에 205억 원의 과징금: one measure per company, with its amount
            # (each amount goes with the measure word nearest to it: 과징금 …원, 과태료 …원).
            out[first:] = [replace(m, target=name, amount=value) for m in out[first:] for name, value in mine]
        elif any(len(group) >= 2 for group in groups):
            # 금감원은 새봄카드와 페이브릿지에 대한 검사에 들어간다; 플레이온, 꽃배달 플랫폼 꽃길, 운영사
            # 카바로에 과징금 총 11억8천만 원: one measure per company of the list; the amount stated
            # once for them all is their total, unless it is each one's (각각).
            each = "각각" in source[lo:hi]
            out[first:] = [replace(m, target=name, amount=m.amount if each else None) if len(group) >= 2 else m
                           for m, group in zip(out[first:], groups) for name in group]
        elif pool and (size := _group_size(source[lo:hi], lex)) and size <= len(pool) and not any(
            m.org_type == "Company" and m.role in ("dative", "object", "subject", "topic", "possessive") for m in clause
        ):
            # 공정위는 통신 3사에 시정명령을 내렸다: one measure per company of the group; an amount
            # stated for the group is its total, nobody's own.
            out[first:] = [replace(m, target=name, amount=None) for m in out[first:] for name in pool[:size]]
    return out


#: An amount followed by the object particle, or by 전액 and it: the money a verb gives back.
_MONEY_OBJECT = re.compile(r"\s?(?:전액)?[을를]")


def _names_work(sent: Sentence, hit: _Hit, lex: Lexicon) -> bool:
    """Whether a measure word names a line of work (work_nouns.tsv right after it, no particle
    between: 보상 업무용 서버, 보상팀 직원), as an insurer's claims work is no compensation."""
    toks = sent.tokens
    k = hit.last + 1
    if hit.trigger.cls == "Investigation":
        return False  # 전담 수사팀을 꾸려: a team formed for it is the investigation itself
    if k >= len(toks) or toks[k].tag not in ("NNG", "XSN"):
        return False
    return toks[k].form in lex.work_nouns or any(
        toks[k].form.startswith(w) and len(toks[k].form) <= len(w) + 1 for w in lex.work_nouns)


def _restitution_hits(sent: Sentence, lex: Lexicon, hits: list[_Hit]) -> list[_Hit]:
    """Compensations told as giving back what victims lost (restitution_verbs.tsv with an object
    of restitution_objects.tsv before it in its clause): 피해액 전액을 이달 안에 고객에게
    돌려주기로 했다, 코인 전액을 회사 보유 자산으로 채워 넣겠다, 아이템을 모두 복구해 주기로,
    1인당 5만 원 상당의 할인권을 지급하기로. Words a trigger phrase took already are left alone."""
    if not lex.restitution_verbs:
        return []
    toks = sent.tokens
    taken = {k for h in hits for k in range(h.first, h.last + 1)}
    verbs = dict(lex.restitution_verbs)
    out: list[_Hit] = []
    for j, tok in enumerate(toks):
        if tok.form not in verbs or j in taken or not tok.tag.startswith(("VV", "NNG")):
            continue
        last = j
        if tok.tag == "NNG":  # 지급하다, 보전되다 (not 추징보전: a word of its own)
            if j > 0 and toks[j - 1].end == tok.start and toks[j - 1].tag.startswith("NN"):
                continue
            if not (j + 1 < len(toks) and toks[j + 1].tag in ("XSV", "XSA") and toks[j + 1].form in ("하", "되")):
                continue
            last = j + 1
        auxiliaries = verbs[tok.form]
        if auxiliaries:  # 되돌려 주다: the giving is in the auxiliary
            if not (last + 2 < len(toks) and toks[last + 1].tag == "EC" and toks[last + 2].tag == "VX"
                    and toks[last + 2].form in auxiliaries):
                continue
            last += 2
        obj = _restitution_object(toks, j, lex)
        if obj is None:
            continue
        trig = Trigger(f"{obj} {tok.form}", "Compensation")
        out.append(_Hit(trig, j, last, tok.start, toks[last].end))
    return out


def _restitution_object(toks: tuple[Token, ...], j: int, lex: Lexicon) -> str | None:
    """The word before token ``j`` in its clause that names what is given back (a noun of
    restitution_objects.tsv, or one ending with it, or an amount of money), if there is one."""
    k = j - 1
    while k >= 0 and j - k <= 16:
        tok = toks[k]
        if tok.tag == "SSC":
            # 1인당 적립금 1만 원(총 2,870만 원)을 지급하기로: an aside in brackets is stepped over
            opening = next((o for o in range(k - 1, max(-1, k - 12), -1) if toks[o].tag == "SSO"), None)
            if opening is not None:
                k = opening - 1
                continue
        if tok.tag in ("EF", "SF", "SSO", "SSC") or tok.tag == "EC" and tok.form in lex.clause_endings:
            break
        if tok.tag.startswith("NN") or tok.tag == "XSN":
            word, m = tok.form, k
            while m > 0 and toks[m - 1].end == toks[m].start and toks[m - 1].tag.startswith("NN"):
                m -= 1
                word = toks[m].form + word  # 할인 + 권, 연 + 회비: the nouns written as one word
            if any(word.endswith(o) for o in lex.restitution_objects):
                return word
            if tok.form == "원" and tok.tag == "NNB" and k > 0 and toks[k - 1].tag in ("SN", "NR"):
                return "원"
        k -= 1
    return None


#: A list of a measure's targets: describing words only after a comma (A와 관련해 B에 is no list).
_LIST_JOINT = _joint(0, 4)


def _listed_targets(orgs: list[OrgMention], measure: MeasureMention, lex: Lexicon, source: str) -> list[str]:
    """The companies written in one list with a measure's target in its sentence (``A와 B에``,
    ``A, B 및 C의``, ``A, 꽃배달 플랫폼 B, 운영사 C에``), in their order, the target among them;
    just ``[target]`` when it stands alone or is no company (개인정보위와 인터넷진흥원에 신고: where
    an incident was reported). The measure's issuer and police body are never among them."""
    target = measure.target
    excluded = {measure.issuer, measure.referred_to, *lex.generic_orgs}
    names = [target]
    for at in (m for m in orgs if m.name == target and m.org_type == "Company" and m.span.sentence == measure.span.sentence):
        same = sorted((m for m in orgs if m.span.sentence == at.span.sentence), key=lambda m: m.span.start)
        lo = hi = same.index(at)
        while lo > 0 and _LIST_JOINT.fullmatch(source, same[lo - 1].span.end, same[lo].span.start):
            lo -= 1
        while hi + 1 < len(same) and _LIST_JOINT.fullmatch(source, same[hi].span.end, same[hi + 1].span.start):
            hi += 1
        group = [m.name for m in same[lo : hi + 1] if m.org_type == "Company" and m.name not in excluded]
        if len(set(group)) > len(names):
            names = list(dict.fromkeys(group))
    return names


@lru_cache(maxsize=4)
def _group_pattern(lexicon: Lexicon) -> re.Pattern[str] | None:
    if not lexicon.group_counters:
        return None
    numerals = "|".join(sorted(map(re.escape, lexicon.group_numerals), key=len, reverse=True)) or "(?!)"
    counters = "|".join(re.escape(c).replace(r"\ ", r"\s?") for c in sorted(lexicon.group_counters, key=len, reverse=True))
    return re.compile(
        rf"(?:(?<![\d.,])(?P<digits>\d+)|(?<![가-힣])(?P<word>{numerals}))\s?(?:{counters})"
        r"(?=[은는이가을를의에과와도만]|[^가-힣]|$)"
    )


def _group_size(text: str, lexicon: Lexicon) -> int | None:
    """How many companies a group word names (통신 3사 → 3, 두 회사 → 2), if the text has one."""
    pattern = _group_pattern(lexicon)
    m = pattern.search(text) if pattern else None
    if m is None:
        return None
    size = int(m.group("digits")) if m.group("digits") else lexicon.group_numerals[m.group("word")]
    return size if size >= 2 else None


def _distributive_amounts(
    sent: Sentence, source: str, lex: Lexicon, orgs: list[OrgMention]
) -> list[tuple[str, int, int]]:
    """A list that gives each company its own amount: ``구글에 최대 475억 원, 애플에 최대 205억 원``,
    ``SK텔레콤 426억원, KT 330억원`` or ``달리미(1,200만 원)와 폰마루(480만 원)에``. Returns (company,
    amount, where) for each amount right after a company's name; they are shares when
    :func:`_own_amounts` says so, of the sentence or else of one clause."""
    text = source[sent.start : sent.end]
    pairs: list[tuple[str, int, int]] = []
    for n in find_counted_numbers(text, ("원",)):
        start = sent.start + n.start
        before = [m for m in orgs if m.span.end <= start]
        if not before or before[-1].org_type != "Company":
            continue
        gap = source[before[-1].span.end : start]
        if len(gap) > 8 or any(ch.isdigit() or ch in ",·" for ch in gap):
            continue  # the amount must follow the name closely: 에 최대, 에는, a space
        if n.each or text[max(0, n.start - 8) : n.start].replace(" ", "").endswith(lex.per_unit_markers):
            continue
        pairs.append((before[-1].name, n.value, start))
    return pairs


def _own_amounts(pairs: list[tuple[str, int, int]]) -> bool:
    """Whether (company, amount, where) pairs give at least two companies one amount each."""
    names = [name for name, _, _ in pairs]
    return len(set(names)) >= 2 and len(set(names)) == len(names)


_SOURCE_PARTICLES = ("로부터", "으로부터", "에게서", "한테서")


def _received(sent: Sentence, hit: _Hit, lex: Lexicon) -> bool:
    """Whether the predicate a measure word is the object of is one of receiving_verbs.tsv
    (과징금을 부과받았다, 수사 의뢰를 받고, 과태료를 물게 됐다): its subject is then the one the
    measure is given to."""
    for tok in sent.tokens[hit.last + 1 :]:
        if tok.tag.startswith(("VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN")):
            return tok.form in lex.receiving_verbs
        if not tok.tag.startswith(("J", "NN", "SN", "NR", "SP", "SW", "SSO", "SSC", "XSN")):
            return False
    return False


def _giver(
    sent: Sentence, source: str, lex: Lexicon, clause: list[OrgMention], hit: _Hit, focus: str | None,
    words: list[_Eojeol],
) -> list[str]:
    """Who gives a measure its target receives: an organization marked as the source (로부터),
    or named right before the measure word (경찰 수사, 회사의 수사 의뢰)."""
    for m in clause:
        if source.startswith(_SOURCE_PARTICLES, m.span.end):
            return [m.name]
    before = [m for m in clause if m.role in ("possessive", "modifier") and 0 <= hit.start - m.span.end <= 3]
    if before:
        return [before[-1].name]
    for w in words:  # 회사의 수사 의뢰: the article's company, by a word that stands for it
        if w.end <= hit.start and hit.start - w.end <= 1 and source[w.start : w.noun_end] in lex.company_anaphors \
                and _role_after(w.first_after_noun, "") == "possessive" and focus:
            return [focus]
    return []


def _reporting_frame(sent: Sentence, hit: _Hit) -> bool:
    """Whether a measure word is the verb of a reporting frame: ``…한 것으로 조사됐다`` says what
    was found (as ``것으로 확인됐다`` does), not that someone investigates; so does a figure or a
    noun before 으로 (피해 면적은 4천600헥타르로 조사됐으며)."""
    toks = sent.tokens
    return (
        hit.first >= 2 and toks[hit.first - 1].tag == "JKB"
        and toks[hit.first - 1].form in ("으로", "로")
        and hit.last + 1 < len(toks) and toks[hit.last + 1].tag == "XSV" and toks[hit.last + 1].form == "되"
    )


def _names_outcome(sent: Sentence, hit: _Hit, anywhere: bool = False) -> bool:
    """Whether a measure word opens the sentence as ``조사 결과 …`` ("the investigation found
    that …"), an adverbial with no particle on 결과: it reports a finding, not the measure."""
    toks = sent.tokens
    k = hit.last + 1
    return (
        (anywhere or hit.first <= 1) and k + 1 < len(toks) and toks[k].form == "결과" and toks[k].tag == "NNG"
        and not toks[k + 1].tag.startswith(("J", "VCP", "XSV", "SS", "SP"))
    )


def _measure_for_issuer(
    sent: Sentence,
    hit: _Hit,
    lex: Lexicon,
    clause: list[OrgMention],
    orgs: list[OrgMention],
    focus: str | None,
    dates: list[DateMention],
    quantities: list[Quantity],
    status: str,
    issuer: str | None,
    issuers: list[str],
) -> MeasureMention:
    """One measure as issued by ``issuer``: its target, police body, amount and date."""
    mtype = hit.trigger.cls
    referred = None
    if mtype == "PoliceReferral":
        police = [m for m in orgs if m.org_type == "LawEnforcement" and m.name != issuer]
        dative = [m for m in police if m.role == "dative"]
        chosen = (dative or police or [None])[0]
        referred = chosen.name if chosen else None
    excluded = set(issuers) | {referred} | set(lex.generic_orgs)  # 당국에 신고: not a target
    # 과기정통부는 민관합동조사단을 꾸려 … 조사하고 있다: the team it forms acts for it, it is no target
    excluded |= {m.name for m in orgs if m.name.replace(" ", "").endswith(lex.agency_teams)}
    if mtype in ("Compensation", "Fine", "PenaltyWaiver"):
        # 소송을 서울중앙지법에 냈다: a court hears the claim or orders the payment, it never pays
        excluded |= {m.name for m in orgs if m.org_type == "Court"}
    target = _demonstrated(sent, hit, lex, orgs, excluded) or _pick_target(clause, excluded) or _pick_target(orgs, excluded)
    issuer_type = next((m.org_type for m in orgs if m.name == issuer), "Company" if issuer == focus else None)
    represents = issuer is not None and issuer.split(" ")[0] in lex.org_prefixes
    if target is None and represents and focus not in (issuer, None):
        target = focus  # 법무법인 새길은 … 손해배상을 청구: a law firm claims for others, from the company
    elif target is None and issuer_type == "Company" and mtype in ("Compensation", "PenaltyWaiver"):
        target = issuer  # a company compensates its own customers, waives its own penalties
    elif target is None and focus not in (issuer, None) and mtype != "Compensation" and not (
        issuer_type == "LawEnforcement" and mtype == "Investigation"  # police investigate the attackers
    ) and issuer_type != "Company":
        target = focus
    if mtype in ("Investigation", "PoliceReferral") and issuer_type == "LawEnforcement" and target is not None \
            and not hit.trigger.any_target \
            and not any(m.name == target and m.role == "object" for m in clause):
        # 경찰은 … 해외 서버를 추적: the police investigate the attackers, not the victim; and
        # 일당을 붙잡아 검찰에 송치: they send the suspects on, not the company
        target = None
    if mtype == "PoliceReferral" and issuer_type == "Company":
        target = None  # 가온마트는 KISA에 신고하고 경찰에 수사를 의뢰했다: it asks after the attackers
    target_acts = status == "rejected" and any(m.name == target and m.role in ("topic", "subject") for m in orgs)
    amount = None
    near = [q for q in quantities if q.prop == "amount"]
    if near and mtype in ("Fine", "Compensation") and not (len(near) == 1 and _paired_measure_word(sent, hit, lex)):
        amount = min(near, key=lambda q: abs(q.span.start - hit.end)).value
    return MeasureMention(
        measure_type=mtype,
        trigger=hit.trigger.phrase,
        span=Span(sent.index, hit.start, hit.end),
        status=status,  # type: ignore[arg-type]
        strong=issuer is not None or target_acts,
        issuer=issuer,
        target=target,
        referred_to=referred,
        amount=amount,
        date=dates[0].value if dates else None,
    )


@lru_cache(maxsize=4)
def _paired_words(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """A one-word trigger of a measure with an amount (과징금, 과태료, 벌금, 보상금, …) joined to the
    text before a measure word, and one joined to the text after it."""
    words = _alternation(tuple(sorted({t.phrase for t in lex.measure_triggers
                                       if t.cls in ("Fine", "Compensation") and " " not in t.phrase})))
    joint = r"\s?(?:·|ㆍ|,|와|과|및)\s?"
    return (re.compile(f"(?:{words}){joint}$"), re.compile(f"{joint}(?:{words})")) if words != "(?!)" else None


def _paired_measure_word(sent: Sentence, hit: _Hit, lex: Lexicon) -> bool:
    """Whether the measure word is joined to another one (과징금·과태료 3억9천만원, 과징금과 과태료는
    모두 35억 원): one amount after such a pair is their total, neither one's."""
    paired = _paired_words(lex)
    if paired is None:
        return False
    before, after = paired
    return before.search(sent.text, 0, hit.start - sent.start) is not None \
        or after.match(sent.text, hit.end - sent.start) is not None


def _quoted(before: str) -> bool:
    """Whether a quotation opened in ``before`` is still open (the text after it is quoted)."""
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1 \
        or before.count("“") > before.count("”") or before.count("‘") > before.count("’")


def _has_subject(tokens: Iterable[Token]) -> bool:
    """Whether a clause states a subject or topic (이/가, 은/는). 은/는 after an adverbial particle
    (피해 고객에게는, 국회에서는) sets off that adverbial, not a subject."""
    previous = None
    for t in tokens:
        if t.tag == "JKS" or t.tag == "JX" and t.form in ("은", "는") and not (
                previous is not None and previous.tag == "JKB" and previous.end == t.start):
            return True
        previous = t
    return False


def _company_issuer(orgs: list[OrgMention]) -> list[str]:
    """A company in topic or subject position, for what companies do themselves (보상, 고소)."""
    return [m.name for m in orgs if m.role in ("topic", "subject") and m.org_type == "Company"][:1]


def _pick_issuers(orgs: list[OrgMention], hit: _Hit, able: frozenset[str] = AUTHORITIES) -> list[str]:
    """Which authority issues a measure.

    In order: an authority in topic or subject position, with the authorities coordinated with
    it (개인정보위와 과기정통부는); an authority right before the trigger in the possessive
    (개인정보위의 과징금); an organization named before 발표/결정 (정부 발표). Only bodies of the
    types in ``able`` (those that can issue the measure) count.
    """
    authorities = AUTHORITIES & able
    for role in ("topic", "subject"):
        for k, m in enumerate(orgs):
            if m.role == role and m.org_type in authorities:
                picked = [m.name]
                j = k + 1  # names joined by 와/과 carry the same role and follow closely
                while j < len(orgs) and orgs[j].role == role and orgs[j].org_type in authorities and \
                        orgs[j].span.start - orgs[j - 1].span.end <= 3:
                    picked.append(orgs[j].name)
                    j += 1
                return sorted(set(picked), key=picked.index)
    near = [m for m in orgs if m.role == "possessive" and m.org_type in authorities and 0 <= hit.start - m.span.end <= 3]
    if near:
        return [near[-1].name]
    cued = [m for m in orgs if m.role == "issuer" and (m.org_type in authorities or m.org_type not in AUTHORITIES)]
    return [cued[0].name] if cued else []


@lru_cache(maxsize=4)
def _demonstrative_pattern(lex: Lexicon) -> re.Pattern[str] | None:
    """A demonstrative anaphor (company_anaphors.tsv, marked points_back: 이 회사, 해당 기업) with its
    particle."""
    words = lex.pointing_anaphors
    if not words:
        return None
    return re.compile(r"(?<![가-힣])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                      + r")(?:에게|에|을|를|이|가|은|는)\s")


def _demonstrated(sent: Sentence, hit: _Hit, lex: Lexicon, orgs: list[OrgMention], excluded: set[str | None]) -> str | None:
    """The company a demonstrative points back to as the measure's target: 이 회사에 in ``SK텔레콤에서는
    … 유출됐고, 개인정보위는 그해 8월 이 회사에 … 과징금을 매겼다`` is the company named before it in
    the sentence, not the article's own."""
    pattern = _demonstrative_pattern(lex)
    if hit.trigger.cls in lex.company_measures:
        return None  # 이 회사는 … 보상하기로: what a company does itself is its own
    m = pattern.search(sent.text, 0, hit.start - sent.start) if pattern else None
    if m is None:
        return None
    before = [o for o in orgs if o.org_type == "Company" and o.role != "comparison" and o.name not in excluded
              and o.span.sentence == sent.index and o.span.end <= sent.start + m.start()]
    return before[-1].name if before else None


def _pick_target(orgs: list[OrgMention], excluded: set[str | None]) -> str | None:
    """Whom a measure applies to: a company in an argument position (dative 에/에게, object 을/를,
    embedded subject, topic, possessive, modifier, in that order), else a public body in the
    dative or object (행안부는 관리원에 대한 감사)."""
    candidates = [m for m in orgs if m.name not in excluded and m.org_type != "LawEnforcement"]
    for roles in (("dative",), ("object",), ("subject", "topic"), ("possessive", "modifier")):
        companies = [m for m in candidates if m.role in roles and m.org_type == "Company"]
        if companies:
            return companies[0].name
    for roles in (("dative",), ("object",)):
        bodies = [m for m in candidates if m.role in roles and m.org_type in ("GovernmentAgency", "Court")]
        if bodies:
            return bodies[0].name
    return None


def _attach_quantities(
    incidents: list[IncidentMention], quantities: list[Quantity], earlier: list[IncidentMention], index: int,
    source: str = "", lexicon: Lexicon | None = None,
) -> list[IncidentMention]:
    """Give each incident figure to the nearest incident word in its sentence.

    A sentence with figures but no incident word of its own (피해자는 368명이며 …) continues the
    incident reported in the two sentences before it; the figures go to a copy of that mention
    placed in this sentence, so the evidence points here.
    """
    figures = [q for q in quantities if q.prop != "amount"]
    if not figures:
        return incidents
    clause_comma = _clause_comma(lexicon or load_lexicon())
    if not incidents:
        recent = [i for i in earlier if index - 2 <= i.span.sentence < index]
        if not recent:
            return incidents
        carried = replace(recent[-1], span=Span(index, figures[0].span.start, figures[-1].span.end), quantities=())
        incidents = [carried]
    attached: dict[int, list[Quantity]] = {}
    for q in figures:
        # Korean puts a predicate's arguments before it: a figure goes with the incident word
        # that follows it closely (유출 정보를 이용해 고객 37명의 계좌에서 돈이 빠져나간: the 37 are
        # victims of the withdrawals), else with the nearest one. Not across a break between
        # clauses (악성코드 103종 감염… LG유플러스에서도 정보유출: the 103 are not of the leak).
        def follows(i: int) -> bool:
            start = incidents[i].span.start
            return 0 <= start - q.span.end <= _ARGUMENT_REACH and not _CLAUSE_BREAK.search(source, q.span.end, start) \
                and not (clause_comma and clause_comma.search(source, q.span.end, start))

        # 4만 명의 카드 정보가 해킹으로 새어 나간: a generic word (해킹) names how; the specific one
        # after it in reach (새어 나간) names what the figure counts.
        specific_follows = any(follows(i) and not incidents[i].generic for i in range(len(incidents)))
        nearest = min(range(len(incidents)), key=lambda i: (
            not follows(i), specific_follows and incidents[i].generic, _distance(incidents[i].span, q.span)))
        attached.setdefault(nearest, []).append(q)
    return [replace(inc, quantities=tuple(attached.get(i, ()))) for i, inc in enumerate(incidents)]


def _carry_amount(measures: list[MeasureMention], quantities: list[Quantity], index: int) -> list[MeasureMention]:
    """An amount in a sentence that names no fine or compensation of its own (원고는 1만2천여 명,
    청구액은 모두 36억 원이다) is the amount of the last one reported in the two sentences before
    it, when that one has none yet."""
    amounts = [q for q in quantities if q.prop == "amount"]
    if not amounts:
        return measures
    recent = [k for k, m in enumerate(measures) if m.measure_type in ("Fine", "Compensation")
              and 0 < index - m.span.sentence <= 2]
    if not recent or measures[recent[-1]].amount is not None:
        return measures
    last = measures[recent[-1]]
    return [replace(m, amount=amounts[0].value) if k in recent and m.span.sentence == last.span.sentence
            and m.measure_type == last.measure_type and m.amount is None else m for k, m in enumerate(measures)]


_ONE_NOUN = re.compile(r"\s[가-힣]{1,4}\s")  # 모노하루 회원 12만여 명: the counted noun between


def _distribute_figures(incidents: list[IncidentMention], orgs: list[OrgMention], source: str = "") -> list[IncidentMention]:
    """A figure written right after a company's name is that company's (유출 규모는 KB국민카드
    5300만 건, 롯데카드 2600만 건; 슬기로에듀 회원 38만여 명과 모노하루 회원 12만여 명, with the
    counted noun between; 비나리병원(서버 5대·환자 1천350명), in brackets), and so is one in a later clause whose topic is another company: it
    goes to a copy of the incident for that company."""
    out: list[IncidentMention] = []
    for inc in incidents:
        own: list[Quantity] = []
        others: dict[str, list[Quantity]] = {}
        for q in inc.quantities:
            named = next((m for m in orgs if m.org_type == "Company" and m.span.end <= q.span.start
                          and (q.span.start - m.span.end <= 1
                               or _ONE_NOUN.fullmatch(source, m.span.end, q.span.start) is not None
                               # 비나리병원(서버 5대·환자 1천350명): in an aside opened after the name
                               or source.startswith("(", m.span.end) and ")" not in source[m.span.end : q.span.start])),
                         None)
            if named is None:
                # 플레이온은 … 유출됐고, 카바로는 … 이용자 41만 명의 …: past the incident word, a
                # clause of another company in topic position reports that company's figures.
                topics = [m for m in orgs if m.org_type == "Company" and m.role == "topic"
                          and inc.span.end <= m.span.start and m.span.end <= q.span.start]
                named = topics[-1] if topics else None
            if named is not None and named.name != inc.affected:
                others.setdefault(named.name, []).append(q)
            else:
                own.append(q)
        if not others:
            out.append(inc)
            continue
        out.append(replace(inc, quantities=tuple(own)))
        for name, figures in others.items():
            span = Span(inc.span.sentence, figures[0].span.start, figures[-1].span.end)
            out.append(replace(inc, affected=name, span=span, quantities=tuple(figures), generic=False))
    return out


def _list_items(incidents: list[IncidentMention], source: str, sent: Sentence,
                orgs: list[OrgMention]) -> list[IncidentMention]:
    """A sentence that lists companies with ▲ (피해 기업은 ▲서버 7대가 암호화된 가람식품 ▲세 곳의
    서버가 잠긴 동주정밀 ▲약 3억 원의 손실을 본 새벽인쇄): each item names one company and its
    own figures, which go to a copy of the sentence's incident for that company."""
    text = source[sent.start : sent.end]
    if text.count("▲") < 2 or len({i.incident_type for i in incidents}) != 1:
        return incidents
    marks = [sent.start + k for k, ch in enumerate(text) if ch == "▲"] + [sent.end]
    base = incidents[0]
    out: list[IncidentMention] = []
    taken: set[int] = set()
    for lo, hi in zip(marks[:-1], marks[1:]):
        names = {m.name for m in orgs if m.org_type == "Company" and lo <= m.span.start < hi}
        figures = [q for i in incidents for q in i.quantities if lo <= q.span.start < hi]
        taken.update(id(q) for q in figures)  # an item's figures are its company's, or nobody's we know
        if len(names) != 1:
            continue
        out.append(replace(base, affected=names.pop(), span=Span(sent.index, lo, hi), quantities=tuple(figures),
                           generic=False))
    if not out:
        return incidents
    rest = [replace(i, quantities=tuple(q for q in i.quantities if id(q) not in taken)) for i in incidents]
    return rest + out


def _figures_each(incidents: list[IncidentMention], text: str, lex: Lexicon, orgs: list[OrgMention],
                  index: int) -> list[IncidentMention]:
    """세 회사에서는 각각 회원 3만4000여 명, 아이디 1만2천 건, 고객 5천여 명의 정보가 빠져나갔다: with
    각각, a group of as many companies as the sentence has figures takes them one each, in the
    order of the latest earlier sentence that names exactly those many companies."""
    if "각각" not in text or len(incidents) != 1:
        return incidents
    inc = incidents[0]
    figures = sorted(inc.quantities, key=lambda q: q.span.start)
    # 한결생명과 다온손해보험에서 각각 3만1000명, 1만2000명: the companies named before 각각 in this
    # sentence, as many as the figures after it, take them in order.
    named: list[str] = []
    for m in orgs:
        if figures and m.span.sentence == index and m.org_type == "Company" and m.name not in named \
                and m.span.end <= figures[0].span.start:
            named.append(m.name)
    if len(named) >= 2 and len(named) == len(figures) and len({q.prop for q in figures}) == 1:
        return [replace(inc, affected=name, span=Span(index, q.span.start, q.span.end), quantities=(q,), generic=False)
                for name, q in zip(named, figures)]
    if not (size := _group_size(text, lex)):
        return incidents
    if len(figures) != size or any(m.span.sentence == index and m.org_type == "Company" for m in orgs):
        return incidents
    for earlier in range(index - 1, -1, -1):
        names: list[str] = []
        for m in orgs:
            if m.span.sentence == earlier and m.org_type == "Company" and m.name not in names:
                names.append(m.name)
        if len(names) == size:
            return [replace(inc, affected=name, span=Span(index, q.span.start, q.span.end), quantities=(q,), generic=False)
                    for name, q in zip(names, figures)]
    return incidents




@lru_cache(maxsize=4)
def _sent_to(lex: Lexicon) -> re.Pattern[str] | None:
    """에게/한테 and a verb of sending_verbs.tsv within three words (에게 잘못 발송, 에게 보낸)."""
    if not lex.sending_verbs:
        return None
    verbs = "|".join(map(re.escape, lex.sending_verbs))
    return re.compile(rf"(?:에게|한테)(?:\s[가-힣]+){{0,2}}?\s(?:잘못\s|모두\s)?(?:{verbs})")


@lru_cache(maxsize=4)
def _own_staff(lex: Lexicon) -> re.Pattern[str] | None:
    """A body's staff right after its name (해누리구청 공무원, 소속 직원): staff_nouns.tsv."""
    if not lex.staff_nouns:
        return None
    return re.compile(r"\s(?:소속\s)?(?:" + "|".join(map(re.escape, lex.staff_nouns)) + ")")
_PART_OF_IT = re.compile(r"(?<![가-힣])(?:이|그)\s?(?:가운데|중)(?![가-힣])")
_REVISED_TO = re.compile(r"^\s?(?:[은는이가]\s)?(?:에서|서)\s")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=4)
def _total_before(lex: Lexicon) -> re.Pattern[str]:
    """A word of total_words.tsv right before a figure (모두 4만8500건, 총 약 30억 원)."""
    return re.compile(rf"(?:{_alternation(lex.total_words['before'])})\s?(?:약\s?)?$")


@lru_cache(maxsize=4)
def _total_after(lex: Lexicon) -> re.Pattern[str]:
    """After an amount's counter: a qualifier (amount_qualifiers.tsv, approximation_words.tsv), its
    particle and a word of total_words.tsv (12억 원가량을 전액)."""
    qualifiers = _alternation(tuple({*lex.amount_qualifiers, *lex.approximation_words}))
    return re.compile(rf"\s?(?:{qualifiers})?\s?(?:을|를)?\s?(?:{_alternation(lex.total_words['after'])})")


@lru_cache(maxsize=4)
def _grew_then(lex: Lexicon) -> re.Pattern[str]:
    """A count that grew before the next one was taken (하루 만에 80명으로 불어났고, 2일 기준으로는
    214명): 으로 and a growth word of growth_words.tsv."""
    return re.compile(rf"^\s?(?:으로|로)\s?(?:{_alternation(lex.growth_words['growth'])})")


def _revised(source: str, a: Quantity, b: Quantity) -> bool:
    """Whether ``b`` revises ``a``: 당초 18대에서 31대로, also when the sentence stated ``a`` once
    before (서버 18대가 암호화됐다고 밝혔지만 … 당초 18대에서 31대로: its second statement is no
    figure of its own)."""
    between = source[a.span.end : b.span.start]
    if _REVISED_TO.match(between):
        return True
    again = source[a.span.start : a.span.end]
    return between.rstrip().endswith(tuple(again + ending for ending in ("에서", "서")))


def _total_of_parts(inc: IncidentMention, source: str, lex: Lexicon) -> IncidentMention:
    """One incident word with several figures of one kind in its sentence: the total when the
    sentence states one (이름 2만6400건, 여권번호 3,100건 등 모두 4만8500건), the latest of a revision
    (당초 1만8천 명에서 2만6400명으로), and none of them when they are only parts (이름 3만 건,
    주민등록번호 2만 건: the article gives no total, and no part is the incident's figure)."""
    kept = _kept_figures(inc.quantities, source, lex)
    return inc if kept is None else replace(inc, quantities=tuple(kept))


def _parts_summed(value: int, by_owner: list[list[int]]) -> int:
    """The most owners whose values, one each, sum to ``value`` (0 when none do, or when there
    are over 512 ways to choose)."""
    combinations = 1
    for vs in by_owner:
        combinations *= len(vs) + 1
    if combinations > 512:
        return 0
    sums = {0: 0}  # sum -> how many owners make it (the most)
    for vs in by_owner:
        grown = dict(sums)
        for total, count in sums.items():
            for v in vs:
                if total + v <= value:
                    grown[total + v] = max(grown.get(total + v, 0), count + 1)
        sums = grown
    return sums.get(value, 0)


def _owners_summing(value: int, sentence: int, by_owner: dict[str | None, set[tuple[int, int]]]) -> int:
    """How many owners' values, one each from sentences other than ``sentence``, make ``value``
    (``by_owner``: owner -> {(value, sentence)}; see :func:`_parts_summed`)."""
    parts = [sorted({v for v, s in pairs if s != sentence and v < value}) for pairs in by_owner.values()]
    return _parts_summed(value, [vs for vs in parts if vs])


#: Counts under this may be two others' sum by chance (9대 = 4대 + 5대): they need three owners.
_CHANCE_SUMS_BELOW = 1000


def _drop_group_amounts(measures: list[MeasureMention]) -> list[MeasureMention]:
    """A measure's amount that is the sum of the amounts of measures of its kind on two or more
    other targets, stated in other sentences, is the group's total (4개 사업자에게 과징금 10억5천700만
    원, over 3억1천200만 원 and 7억4천500만 원 in each company's item): no amount of this measure."""
    amounts: dict[str, dict[str | None, set[tuple[int, int]]]] = {}  # kind -> target -> {(amount, sentence)}
    for m in measures:
        if m.amount is not None:
            amounts.setdefault(m.measure_type, {}).setdefault(m.target, set()).add((m.amount, m.span.sentence))
    out = []
    for m in measures:
        if m.amount is not None and _owners_summing(m.amount, m.span.sentence, amounts[m.measure_type]) >= 2:
            m = replace(m, amount=None)
        out.append(m)
    return out


def _drop_group_totals(incidents: list[IncidentMention]) -> list[IncidentMention]:
    """Drop a figure that is the sum of the same figure of two or more organizations the article
    reports each on its own (three for counts under 1,000), where it stands on one of them: 세 카드사 피해 회원 2,561명 over
    1,284명, 865명 and 412명 in their own rows, or 서버 31대 in a headline over 19대, 8대 and 4대,
    is the group's total, not the figure of the one it was read for. (On an organization with no
    part of its own, it is that organization's: a group's, over its members' parts.)
    Each organization counts with one of its values (a revised count has several); a sum is
    looked for only among a few hundred combinations."""
    values: dict[str, dict[str | None, set[tuple[int, int]]]] = {}  # prop -> org -> {(value, sentence)}
    for inc in incidents:
        for q in inc.quantities:
            if q.prop != "amount":
                values.setdefault(q.prop, {}).setdefault(inc.affected, set()).add((q.value, q.span.sentence))

    def is_total(prop: str, value: int, sentence: int, org: str | None) -> bool:
        by_org = values.get(prop, {})
        if not any(s != sentence and v < value for v, s in by_org.get(org, ())):
            return False  # (a group's total on the group, 새울의료원's 21대 over its hospitals', is its own)
        return _owners_summing(value, sentence, by_org) >= (2 if value >= _CHANCE_SUMS_BELOW else 3)

    out = []
    for inc in incidents:
        kept = tuple(q for q in inc.quantities if q.prop == "amount" or not is_total(q.prop, q.value, q.span.sentence, inc.affected))
        out.append(inc if len(kept) == len(inc.quantities) else replace(inc, quantities=kept))
    return out


def _kept_figures(quantities: tuple[Quantity, ...] | list[Quantity], source: str, lex: Lexicon) -> list[Quantity] | None:
    """The figures of one sentence that :func:`_total_of_parts` keeps; None when no kind has
    two figures (all are kept)."""
    by_prop: dict[str, list[Quantity]] = {}
    for q in quantities:
        by_prop.setdefault(q.prop, []).append(q)
    if all(len(qs) < 2 for qs in by_prop.values()):
        return None
    kept: list[Quantity] = []
    for prop, qs in by_prop.items():
        if len(qs) < 2 or len({q.value for q in qs}) == 1:
            kept.extend(qs)
            continue
        qs = sorted(qs, key=lambda q: q.span.start)
        # 서버 18대가 암호화됐다고 밝혔지만 … 당초 18대에서 31대로 늘었다: the figure a revision starts
        # from, wherever else the sentence states it, is the old one
        olds = {a.value for a, b in zip(qs, qs[1:]) if _revised(source, a, b)}
        if olds and len({q.value for q in qs} - olds) == 1:
            qs = [q for q in qs if q.value not in olds] or qs
            if len({q.value for q in qs}) == 1:
                kept.append(qs[-1])
                continue
        totals = [q for q in qs if _total_before(lex).search(source, max(0, q.span.start - 8), q.span.start)]
        if totals:
            kept.append(totals[-1])
        elif all(_REVISED_TO.match(between := source[a.span.end : b.span.start]) or _grew_then(lex).match(between)
                 for a, b in zip(qs, qs[1:])):
            kept.append(qs[-1])  # 당초 5대에서 13대로, 80명으로 늘었고 … 214명: the figure as revised
        elif _grew_then(lex).match(source[qs[-1].span.end : qs[-1].span.end + 12]):
            kept.append(qs[-1])  # 20억 원 안팎으로 예상했지만 … 누적 피해액은 38억 원으로 불어났다
        elif len(qs) == 2 and (source[qs[0].span.end : qs[1].span.start].strip() in ("중", "가운데", "중에서")
                               or _PART_OF_IT.search(source, qs[0].span.end, qs[1].span.start)):
            kept.append(qs[0])  # 12만1천 건으로 …, 이 가운데 여권 번호가 담긴 기록은 2만9천 건: a part of it
        # else: parts with no total, none kept
    return sorted(kept, key=lambda q: q.span.start)


_ARGUMENT_REACH = 30  # characters between a figure and the incident word it is an argument of
#: Punctuation that ends a clause inside one sentence (headlines join clauses with ellipses).
_CLAUSE_BREAK = re.compile(r"…|\.\.|[;!?]")


@lru_cache(maxsize=4)
def _clause_comma(lexicon: Lexicon) -> re.Pattern[str] | None:
    """A comma after a connective ending (clause_endings.tsv, those written as whole syllables)
    closes a clause too (368명이 2억 원의 피해를 봤고, 서버 94대가 악성코드에 감염): a figure
    before it is no argument of an incident word after it."""
    endings = sorted((e for e in lexicon.clause_endings if "가" <= e[0] <= "힣"), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, endings))}),") if endings else None


def _topic_company(orgs: list[OrgMention], lex: Lexicon) -> str | None:
    """The company a sentence is about: the first in topic or subject position, not counsel."""
    return next((m.name for m in orgs if m.role in ("topic", "subject") and m.org_type == "Company"
                 and not m.name.startswith(lex.counsel_prefixes or ("\0",))), None)


def _place_stray_figures(
    incidents: list[IncidentMention], stray: list[tuple[int, list[Quantity], str | None]]
) -> list[IncidentMention]:
    """Figures in a sentence far from any incident word (고객 18만 명의 이름을 빼갔다) belong to the
    incident the article reports nearest to them, earlier sentences first; to one of its kind at
    the company the sentence is about, when it is about a company."""
    out = list(incidents)
    for index, figures, topic in stray:
        if not out:
            break
        nearest = min(out, key=lambda i: (abs(i.span.sentence - index), i.span.sentence > index))
        span = Span(index, figures[0].span.start, figures[-1].span.end)
        out.append(replace(nearest, span=span, quantities=tuple(figures), affected=topic or nearest.affected))
    out.sort(key=lambda i: (i.span.sentence, i.span.start))
    return out


def more_precise(a: int, b: int) -> int:
    """Of two figures for the same thing, the one written more exactly (4만3126 over 4만3천).

    >>> more_precise(43000, 43126)
    43126
    """
    def zeros(n: int) -> int:
        text = str(n)
        return len(text) - len(text.rstrip("0"))
    return min((a, b), key=lambda n: (zeros(n), -n))


def _distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


#: A date this many days or more before the article makes an incident of its sentence a past one
#: (the resolver's gap between reports of one incident, :data:`kgraph.resolve.INCIDENT_GAP_DAYS`).
PAST_INCIDENT_DAYS = 180


_PAST_ENDINGS = ("었", "았", "였", "ㅆ", "었었", "았었")


def _future_as_planned(measures: list[MeasureMention], sent: Sentence, dates: list[DateMention],
                       published: str | None) -> list[MeasureMention]:
    """A measure told in the present tense for a day after publication is planned, not imposed:
    ``금감원은 5일부터 검사에 들어간다`` published on the 4th. A past tense after the measure word
    (``…부과한다고 밝혔다``) keeps what it says; so does a sentence with no day after publication."""
    if not measures or not any((days := _days_before(d.value, published)) is not None and days < 0
                               for d in dates if len(d.value) == 10):
        return measures
    out = []
    for m in measures:
        after = [t for t in sent.tokens if t.start >= m.span.end]
        final = next((k for k, t in enumerate(after) if t.tag == "EF"), None)
        if m.status == "imposed" and final is not None and not any(
            t.tag == "EP" and t.form in _PAST_ENDINGS for t in after[:final]
        ):
            m = replace(m, status="planned")
        out.append(m)
    return out


def _days_before(value: str, published: str | None) -> int | None:
    """Days from a stated date (YYYY-MM-DD or YYYY-MM, its last day) to the publication."""
    if not published:
        return None
    try:
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:])
            day = date(year, month, monthrange(year, month)[1])
        else:
            day = date.fromisoformat(value)
        return (date.fromisoformat(published[:10]) - day).days
    except ValueError:
        return None


def _date_past_incidents(incidents: list[IncidentMention], dates: dict[int, list[str]],
                         published: str | None) -> list[IncidentMention]:
    """Date the past incidents an article compares with its own (업비트는 2019년 11월27일에도
    … 도난당했다, in an article about a theft last month).

    A mention whose sentence states only dates at least :data:`PAST_INCIDENT_DAYS` before the
    article is a past incident when another mention of its class at the same organization has a
    recent date in its sentence: it gets ``happened`` (the latest old date) and stays apart.
    With no recent dated mention, an old date is the article's own incident's history
    (2023년 3월부터 빼돌린 혐의로 기소), and nothing changes.
    """
    ages = {index: [(value, _days_before(value, published)) for value in values] for index, values in dates.items()}

    def old_date(index: int) -> str | None:
        stated = [(v, a) for v, a in ages.get(index, ()) if a is not None]
        if stated and all(a >= PAST_INCIDENT_DAYS for _, a in stated):
            return max(v for v, _ in stated)
        return None

    def recent(index: int) -> bool:
        return any(a is not None and 0 <= a < PAST_INCIDENT_DAYS for _, a in ages.get(index, ()))

    recent_keys = {(i.incident_type, i.affected) for i in incidents if recent(i.span.sentence)}
    out = []
    for inc in incidents:
        when = old_date(inc.span.sentence)
        if when is not None and (inc.incident_type, inc.affected) in recent_keys:
            inc = replace(inc, happened=when)
        out.append(inc)
    return out


@lru_cache(maxsize=16)
def _phrases_of(lex: Lexicon, cls: str) -> frozenset[str]:
    """The trigger phrases of an incident class (incident_triggers.tsv)."""
    return frozenset(t.phrase for t in lex.incident_triggers if t.cls == cls)


def _wallet_thefts(incidents: list[IncidentMention], lex: Lexicon) -> list[IncidentMention]:
    """An exchange whose wallet was emptied (a payment word read as a hacking, exchange_wallets.tsv)
    suffered one hacking: its other payment words in the article (빠져나간 코인, 무단 출금으로 자산이
    빠져나간 회원 계정) report that hacking too."""
    payment = _phrases_of(lex, "UnauthorizedPayment")
    robbed = {i.affected for i in incidents if i.incident_type == "Hacking" and i.trigger in payment}
    if not robbed:
        return incidents
    return [replace(i, incident_type="Hacking") if i.affected in robbed and i.incident_type == "UnauthorizedPayment"
            and i.trigger in payment else i for i in incidents]


def _resolve_generic_incidents(incidents: list[IncidentMention]) -> list[IncidentMention]:
    """A generic word (해킹 사고) refers to the first specific incident of the same organization."""
    first_specific: dict[str | None, str] = {}
    for inc in incidents:
        if not inc.generic:
            first_specific.setdefault(inc.affected, inc.incident_type)
    out = []
    for inc in incidents:
        if inc.generic and inc.affected in first_specific:
            inc = replace(inc, incident_type=first_specific[inc.affected])
        out.append(inc)
    return out


def _merge_incident_parts(incidents: list[IncidentMention], lex: Lexicon) -> list[IncidentMention]:
    """Read an incident that is part of a larger one at the same organization as that one
    (``incident_parts.tsv``): 랜섬웨어 공격으로 회원 정보가 유출 is one ransomware incident. A part
    marked "unquantified" joins the whole only in reports that give no figures of their own."""
    if not lex.incident_parts:
        return incidents
    present: dict[str | None, set[str]] = {}
    beside: dict[tuple[str | None, int], set[str]] = {}
    for inc in incidents:
        present.setdefault(inc.affected, set()).add(inc.incident_type)
        beside.setdefault((inc.affected, inc.span.sentence), set()).add(inc.incident_type)
    parts_of: dict[str, set[str]] = {}
    for p, w, _, _ in lex.incident_parts:
        parts_of.setdefault(w, set()).add(p)
    out = []
    for inc in incidents:
        kinds, cls, seen = present[inc.affected], inc.incident_type, {inc.incident_type}
        # A counted part reported in the same sentence as the whole is how the whole happened
        # (서버 28대가 악성코드에 감염됐고, 유심 정보 2696만 건이 새어 나간), not an incident of its own.
        joined = beside[(inc.affected, inc.span.sentence)]
        def joins(part: str, whole: str, conditions: frozenset[str]) -> bool:
            if not conditions:
                return True
            if "unquantified" in conditions and (not inc.quantities or whole in joined):
                return True
            # 서버 28대에서 악성코드 33종이 발견됐다, at a company whose only other incident is
            # its data breach: the malware is how the breach happened.
            # Other parts of the same whole (malware and the hacking it came with) do not count.
            return "alone" in conditions and kinds <= {part, whole} | parts_of[whole]

        while True:
            whole = next((w for p, w, conditions, never in lex.incident_parts
                          if p == cls and w in kinds and w not in seen and inc.trigger not in never
                          and joins(p, w, conditions)), None)
            if whole is None:
                break
            cls = whole
            seen.add(cls)
        out.append(inc if cls == inc.incident_type else replace(inc, incident_type=cls))
    return out


_ALSO = re.compile(r"(?:에서|에게|에|과|와)?도(?![가-힣])")


def _drop_passing_incidents(incidents: list[IncidentMention], focus: str | None,
                            also: set[tuple[int, str]] = frozenset()) -> list[IncidentMention]:
    """Drop incidents of another company than the article's that it mentions in passing: in one
    sentence, with no figures, and not beside an incident of the article's company (BPF도어는
    지난 4월 SK텔레콤 해킹에 쓰인 악성코드다, in an article about KT). An incident the article
    gives its own details, or reports side by side with its company's (KT 서버의 악성코드 감염과
    한결저축은행의 고객정보 유출도 드러났다), stays."""
    if focus is None:
        return incidents
    sentences: dict[tuple[str, str | None], set[int]] = {}
    figures: set[tuple[str, str | None]] = set()
    focus_sentences = {inc.span.sentence for inc in incidents if inc.affected == focus}
    for inc in incidents:
        key = (inc.incident_type, inc.affected)
        sentences.setdefault(key, set()).add(inc.span.sentence)
        if inc.quantities:
            figures.add(key)

    # 가빈샵과 … 쉼표예약 두 곳에서 회원 정보가 빠져나갔다: the companies one incident word
    # reports together (a counted list) are the story's
    spans = Counter((inc.span, inc.incident_type) for inc in incidents)

    def passing(inc: IncidentMention) -> bool:
        key = (inc.incident_type, inc.affected)
        return inc.affected != focus and key not in figures and len(sentences[key]) == 1 \
            and not sentences[key] & focus_sentences and (inc.span.sentence, inc.affected) not in also \
            and spans[(inc.span, inc.incident_type)] < 2

    return [inc for inc in incidents if not passing(inc)]


@lru_cache(maxsize=4)
def _survey_before(lex: Lexicon) -> re.Pattern[str] | None:
    """A word of survey_words.tsv ending right before an investigation word (여론조사, 설문 조사)."""
    words = _word_pattern(lex.survey_words)
    return None if words is None else re.compile(rf"(?:{words.pattern})\s?$")


def _surveyed(m: MeasureMention, analysed: AnalysedArticle, lex: Lexicon) -> bool:
    """Whether an investigation word is a survey's (여론조사, 설문 조사, 시장조사기관)."""
    survey = _survey_before(lex)
    sent = analysed.sentences[m.span.sentence]
    return survey is not None and survey.search(sent.text, 0, m.span.start - sent.start) is not None


def _specify_roles(measures: list[MeasureMention], orgs: list[OrgMention], lex: Lexicon) -> list[MeasureMention]:
    """Replace a generic issuer or police body (정부, 경찰) by the specific one the article names,
    and a team's issuer (민관합동조사단) by the agency that formed it."""
    specific = _specific_for_generic(orgs, lex)
    teams = _agency_for_team(orgs, lex)
    if not specific and not teams:
        return measures
    out = []
    for m in measures:
        here = [o for o in orgs if o.span.sentence == m.span.sentence]

        def resolve(name: str | None) -> str | None:
            if name in teams:
                return teams[name]
            if name not in lex.generic_orgs:
                return name
            mention = next((o for o in here if o.name == name), None)
            return specific.get((mention.span.sentence, mention.span.start), name) if mention else name

        out.append(replace(m, issuer=resolve(m.issuer), referred_to=resolve(m.referred_to)))
    return out


def _continue_measures(measures: list[MeasureMention]) -> list[MeasureMention]:
    """A measure named with no one issuing it and no one it applies to, within two sentences
    after one of its class that names them, is that measure (… 1인당 5만 원씩 보상하기로 했다.
    전체 보상 규모는 약 2억 원이다): it takes their issuer and target. Farther back, so is the only
    one of its class the article names before it (all such mentions agree on both)."""
    out: list[MeasureMention] = []
    for m in measures:
        if m.issuer is None and m.target is None:
            named = [p for p in out if p.measure_type == m.measure_type and p.span.sentence < m.span.sentence
                     and (p.issuer is not None or p.target is not None)]
            before = next((p for p in reversed(named) if m.span.sentence - p.span.sentence <= 2), None)
            if before is None and named and len({(p.issuer, p.target) for p in named}) == 1:
                # 라온게임즈 … "1인당 5만원 보상" … 전체 보상 규모는 약 2억 원이다: farther back, the
                # measure of its class the article has named, when it has named only one.
                before = named[-1]
            if before is not None:
                m = replace(m, issuer=before.issuer, target=before.target)
        out.append(m)
    return out


def _is_team(name: str, lex: Lexicon) -> bool:
    return name.replace(" ", "").endswith(lex.agency_teams) if lex.agency_teams else False


def _agency_for_team(orgs: list[OrgMention], lex: Lexicon) -> dict[str, str]:
    """For each team an agency formed (…조사단), the government agency named closest before its
    first mention in the article (과기정통부는 … 조사단을 꾸려; 과기정통부와 조사단은). A team whose
    agency the article names only later keeps its own name as issuer."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for i, m in enumerate(orgs):
        if m.org_type != "GovernmentAgency" or m.name in seen or not _is_team(m.name, lex):
            continue
        seen.add(m.name)  # only the first mention counts
        agencies = [(j, o) for j, o in enumerate(orgs) if o.org_type == "GovernmentAgency"
                    and o.name not in lex.generic_orgs and not _is_team(o.name, lex)]
        before = [o for j, o in agencies if j < i]
        if before:
            out[m.name] = before[-1].name
    return out


def _link_measures(measures: list[MeasureMention], incidents: list[IncidentMention]) -> list[MeasureMention]:
    """Link each measure to the incident it concerns: one in its sentence, else the target's first."""
    out = []
    for m in measures:
        same = [i for i in incidents if i.span.sentence == m.span.sentence and i.affected == m.target]
        first = [i for i in incidents if i.affected == m.target and not i.generic] or [
            i for i in incidents if i.affected == m.target
        ]
        chosen = (same or first or [None])[0]
        out.append(replace(m, incident_type=chosen.incident_type if chosen else None))
    return out
