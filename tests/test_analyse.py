"""The analyser: one Kiwi per process, sentences with offsets into the article text."""

from __future__ import annotations

from kgraph.analyse import analyse_article, get_kiwi
from kgraph.ingest import parse_article

from conftest import make_article_text


def analyse(body: str, title: str = "누리페이, 결제 서버 점검"):
    return analyse_article(parse_article(make_article_text(title, body), "t.md", file_sha256="0"))


def test_kiwi_is_created_once_per_process():
    assert get_kiwi() is get_kiwi()


def test_headline_is_sentence_zero_and_body_offsets_point_into_the_body():
    analysed = analyse("첫 문장이다. 두 번째 문장이다.\n부제 없는 둘째 줄이다.")
    title, *body = analysed.sentences
    assert (title.index, title.section, title.text) == (0, "title", "누리페이, 결제 서버 점검")
    assert [s.text for s in body] == ["첫 문장이다.", "두 번째 문장이다.", "부제 없는 둘째 줄이다."]
    text = analysed.article.body
    for s in body:
        assert s.section == "body" and text[s.start : s.end] == s.text
        for tok in s.tokens:
            assert s.start <= tok.start < tok.end <= s.end


def test_gazetteer_names_stay_one_morpheme():
    analysed = analyse("과기정통부는 개인정보위와 협의했다.")
    forms = [t.form for t in analysed.sentences[1].tokens]
    assert "과기정통부" in forms and "개인정보위" in forms


def test_opening_bracket_after_a_full_stop_starts_the_next_sentence():
    analysed = analyse("회사는 답하지 않았다. (주)다온시스템은 공시를 냈다.")
    assert [s.text for s in analysed.sentences[1:]] == ["회사는 답하지 않았다.", "(주)다온시스템은 공시를 냈다."]
