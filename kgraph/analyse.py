"""Analyse: split an article into sentences of morphemes with kiwipiepy.

This is the only module that imports kiwipiepy. One ``Kiwi`` is created per process (loading
it takes over a second) with every gazetteer name added as a proper noun, so that
``과기정통부`` stays one word instead of ``과기`` + ``정통부``.

Kiwi's multi-word dictionary (entries with spaces, mostly foreign names and titles of works such
as ``멜 로하스 주니어``) is not loaded: it doubles the time to a first analysis (some 2.4 s
against 1.1 s, paid by every build and every worker) and changes no result of the evaluation
corpus; the names it would join are split into their words, which the extractor reads as well.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import Lexicon, load_lexicon
from .model import AnalysedArticle, Article, Section, Sentence, Token

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

_HANGUL_OR_LATIN = re.compile(r"^[0-9A-Za-z가-힣+&.]+$")


@lru_cache(maxsize=1)
def get_kiwi() -> Kiwi:
    """Return this process's ``Kiwi``, created once, with the gazetteer's names as user words."""
    from kiwipiepy import Kiwi

    lexicon = load_lexicon()
    kiwi = Kiwi(load_multi_dict=False)  # see the module docstring
    for surface in sorted(lexicon.alias_to_org):
        # User words cannot hold spaces; multi-word names are still found by the extractor.
        if " " not in surface and _HANGUL_OR_LATIN.match(surface) and len(surface) > 1:
            kiwi.add_user_word(surface, "NNP", 0.0)
    return kiwi


def _split_line(kiwi: Kiwi, line: str, offset: int) -> list[tuple[int, int, list[Token]]]:
    """Sentences of one line as (start, end, tokens), offsets counted from ``offset``."""
    pieces: list[tuple[int, int, list[Token]]] = []
    for sent in kiwi.split_into_sents(line, return_tokens=True):
        # Each token is made once, with its final offsets: there are ~500 per article.
        tokens = [Token(t.form, t.tag, offset + t.start, offset + t.start + t.len, t.oov) for t in sent.tokens]
        pieces.append((offset + sent.start, offset + sent.end, tokens))
    # An opening bracket after a sentence's final punctuation begins the next sentence:
    # kiwipiepy leaves "(주)" of "…밝혔다. (주)다온은 …" on the sentence before.
    for i in range(len(pieces) - 1):
        start, _, tokens = pieces[i]
        finals = [k for k, t in enumerate(tokens) if t.tag == "SF"]
        if finals and finals[-1] + 1 < len(tokens) and tokens[finals[-1] + 1].tag == "SSO":
            moved = tokens[finals[-1] + 1 :]
            keep = tokens[: finals[-1] + 1]
            nstart, nend, ntokens = pieces[i + 1]
            pieces[i] = (start, keep[-1].end, keep)
            pieces[i + 1] = (moved[0].start, nend, moved + ntokens)
    return pieces


def _analyse_text(kiwi: Kiwi, text: str, section: Section, first_index: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for start, end, tokens in _split_line(kiwi, line, offset):
                sentences.append(
                    Sentence(
                        index=first_index + len(sentences),
                        section=section,
                        text=text[start:end],
                        start=start,
                        end=end,
                        tokens=tuple(tokens),
                    )
                )
        offset += len(line) + 1
    return sentences


def analyse_article(article: Article, *, lexicon: Lexicon | None = None) -> AnalysedArticle:
    """Split the headline and body into sentences and morphemes.

    The headline is sentence 0 (section ``title``); body sentences follow in order, their offsets
    counting characters into ``article.body``.
    """
    kiwi = get_kiwi()
    sentences: list[Sentence] = []
    if article.title.strip():
        title_sents = _analyse_text(kiwi, article.title, "title", 0)
        if title_sents:
            # The headline is one unit even when it holds several clauses.
            tokens = tuple(t for s in title_sents for t in s.tokens)
            sentences.append(
                Sentence(0, "title", article.title, 0, len(article.title), tokens)
            )
    sentences.extend(_analyse_text(kiwi, article.body, "body", len(sentences)))
    return AnalysedArticle(article=article, sentences=tuple(sentences))
