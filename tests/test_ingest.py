"""Ingest: front matter read as written, article text without the crawler's frame, and every
unreadable file reported with a reason instead of being guessed at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.ingest import (
    IngestError,
    find_article_files,
    load_articles,
    parse_front_matter,
    parse_timestamp,
    read_article,
)
from kgraph.model import Article

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_014c826a75d2db53.txt"

TITLE = "개인정보위, 통신사 보안 점검 결과 공개"
PARAGRAPH = "개인정보보호위원회는 3일 통신사 네 곳의 보안 점검 결과를 공개했다."


def article_text(
    *,
    title: str = TITLE,
    paragraph: str = PARAGRAPH,
    extra_meta: str = "",
    article_id: str = "001_0000000042",
    published: str = "2025-12-03 10:00",
) -> str:
    """A file in the crawler's layout, around text of our own."""
    return (
        "---\n"
        f"id: {article_id}\n"
        f'title: "{title}"\n'
        "publisher: 보안신문\n"
        f"published_at: {published}\n"
        f"{extra_meta}"
        "---\n"
        "\n"
        f"# {title}\n"
        "\n"
        f"**보안신문** | {published} | \n"
        "\n"
        "---\n"
        "\n"
        f"{paragraph}\n"
        "\n"
        "---\n"
        "\n"
        f"*Crawled at: {published}:30*\n"
        "*Source: [원문 보기](https://news.example.kr/a/1)*\n"
    )


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def only_skip(folder: Path, *, encoding: str = "utf-8"):
    """Load a folder holding one bad file and return its SkippedFile."""
    results = list(load_articles([folder], encoding=encoding))
    assert len(results) == 1
    assert results[0].article is None
    assert results[0].skipped is not None
    return results[0].skipped


# --- Front matter: every value a string, exactly as written -------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("id", "006_0000133460"),
        ("aid", "0000133460"),  # YAML 1.1 would read the octal number 46896
        ("oid", "006"),
        ("flag_no", "no"),
        ("flag_on", "on"),
        ("flag_yes", "yes"),
        ("day", "2024-01-05"),
        ("clock", "1:20"),
        ("exp", "1e3"),
        ("hex", "0x1F"),
        ("tilde", "~"),
        ("nothing", "null"),
    ],
)
def test_front_matter_value_comes_back_as_the_source_string(tmp_path, key, value):
    text = article_text(article_id=value) if key == "id" else article_text(extra_meta=f"{key}: {value}\n")
    assert read_article(write(tmp_path / "a.md", text)).get(key) == value


def test_parse_front_matter_keeps_file_order_and_strings():
    fm = "id: 006_0000133460\naid: 0000133460\noid: 006\nreviewed: no\nmoved: 1:20\n"
    assert parse_front_matter(fm) == [
        ("id", "006_0000133460"),
        ("aid", "0000133460"),
        ("oid", "006"),
        ("reviewed", "no"),
        ("moved", "1:20"),
    ]


def test_empty_front_matter_value_is_empty_string():
    assert parse_front_matter("category: \nid: 7\n") == [("category", ""), ("id", "7")]


def test_front_matter_list_is_joined_with_commas():
    assert parse_front_matter("tags: [보안, ' 해킹 ']\n") == [("tags", "보안, 해킹")]


_PRINTABLE = st.characters(blacklist_categories=("C", "Z")) | st.sampled_from([" ", "\t"])


@given(st.text(alphabet=_PRINTABLE, max_size=40))
def test_double_quoted_value_round_trips_whitespace_normalised(value):
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    assert parse_front_matter(f'key: "{quoted}"\n') == [("key", " ".join(value.split()))]


def test_tab_indented_multi_line_author_is_normalised(tmp_path):
    meta = "author: \n\t\t\n\t\t\t박서연 기자\n\t\t\n\t\ncrawled_at: 2025-12-03 11:20:05\n"
    article = read_article(write(tmp_path / "a.md", article_text(extra_meta=meta)))
    assert article.get("author") == "박서연 기자"
    assert article.crawled_at == "2025-12-03T11:20:05+09:00"


def test_seed_front_matter_reads_as_written():
    article = read_article(SEED)
    assert (article.get("id"), article.get("oid"), article.get("aid")) == ("006_0000133460", "006", "0000133460")
    assert article.get("category") == ""
    assert article.published_at == "2025-12-29T00:00:00+09:00"
    assert article.crawled_at == "2025-12-29T09:07:31+09:00"


def test_seed_text_has_no_entities_and_no_frame():
    article = read_article(SEED)
    for text in (article.title, article.body):
        assert "&#x27;" not in text and "&quot;" not in text
    assert "Crawled at" not in article.body
    assert "원문 보기" not in article.body
    assert not article.body.startswith("#")
    assert "\n---" not in article.body


# --- HTML entities ------------------------------------------------------------------------------

RAW_TITLE = "정부 &#x27;보안 강화&#x27; 방침 &amp; &quot;점검&quot; 착수"


def test_title_entities_are_unescaped(tmp_path):
    article = read_article(write(tmp_path / "a.md", article_text(title=RAW_TITLE)))
    assert article.title == "정부 '보안 강화' 방침 & \"점검\" 착수"


def test_meta_title_stays_as_written(tmp_path):
    article = read_article(write(tmp_path / "a.md", article_text(title=RAW_TITLE)))
    assert article.get("title") == RAW_TITLE


def test_body_entities_are_unescaped(tmp_path):
    paragraph = "담당자는 &quot;재발 방지&quot;를 약속했고 &#x27;A&amp;B&#x27; 팀이 맡았다."
    article = read_article(write(tmp_path / "a.md", article_text(paragraph=paragraph)))
    assert article.body == "담당자는 \"재발 방지\"를 약속했고 'A&B' 팀이 맡았다."


# --- Body structure -----------------------------------------------------------------------------


def test_body_is_the_paragraph_without_the_crawler_frame(tmp_path):
    article = read_article(write(tmp_path / "a.md", article_text()))
    assert article.body == PARAGRAPH


def test_subtitle_line_is_kept_as_its_own_line(tmp_path):
    paragraph = "통신 3사 모두 점검 대상\n\n" + PARAGRAPH
    article = read_article(write(tmp_path / "a.md", article_text(paragraph=paragraph)))
    assert article.body == "통신 3사 모두 점검 대상\n" + PARAGRAPH


def test_heading_after_text_is_kept(tmp_path):
    paragraph = PARAGRAPH + "\n\n# 후속 조치\n\n조치 결과는 내년에 나온다."
    article = read_article(write(tmp_path / "a.md", article_text(paragraph=paragraph)))
    assert article.body == PARAGRAPH + "\n# 후속 조치\n조치 결과는 내년에 나온다."


def test_crlf_file_reads_like_lf(tmp_path):
    path = write(tmp_path / "a.md", article_text().replace("\n", "\r\n"))
    article = read_article(path)
    assert (article.title, article.body, article.get("id")) == (TITLE, PARAGRAPH, "001_0000000042")


# --- Times --------------------------------------------------------------------------------------


def test_published_at_without_zone_is_korea_time(tmp_path):
    article = read_article(write(tmp_path / "a.md", article_text(published="2025-12-29 00:00")))
    assert article.published_at == "2025-12-29T00:00:00+09:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-29 00:00", "2025-12-29T00:00:00+09:00"),
        ("2025-12-29 09:07:31", "2025-12-29T09:07:31+09:00"),
        ("2025.12.29 14:05", "2025-12-29T14:05:00+09:00"),
        ("2025-12-29T09:07:31Z", "2025-12-29T09:07:31+00:00"),
        ("2025-12-29T10:00:00-05:00", "2025-12-29T10:00:00-05:00"),
        ("2025-12-29 18:30+09:00", "2025-12-29T18:30:00+09:00"),
    ],
)
def test_parse_timestamp(value, expected):
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize("value", ["어제 오후", "2025-13-01 00:00", "", None])
def test_unparseable_timestamp_is_none(value):
    assert parse_timestamp(value) is None


def test_unparseable_published_at_gives_none(tmp_path):
    article = read_article(write(tmp_path / "a.md", article_text(published="지난주 화요일")))
    assert article.published_at is None
    assert article.get("published_at") == "지난주 화요일"


# --- Files that cannot be read ------------------------------------------------------------------


def test_cp949_file_is_skipped_naming_cp949(tmp_path):
    write(tmp_path / "in" / "a.md", article_text().encode("cp949"))
    skipped = only_skip(tmp_path / "in")
    assert skipped.path == "in/a.md"
    assert skipped.reason.startswith("not UTF-8: looks like CP949 (byte 0xb0 at column 9)")
    assert "--encoding auto" in skipped.reason
    assert skipped.line == 3  # the title line, the first one with Hangul


def test_euc_kr_file_is_skipped_naming_cp949(tmp_path):
    write(tmp_path / "in" / "a.md", article_text().encode("euc-kr"))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason.startswith("not UTF-8: looks like CP949")
    assert skipped.line == 3


def test_utf16_with_bom_is_skipped_naming_utf16(tmp_path):
    write(tmp_path / "in" / "a.md", article_text().encode("utf-16"))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason.startswith("not UTF-8: looks like UTF-16-LE (byte 0xff at column 1)")
    assert skipped.line == 1


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_skipped_naming_utf16(tmp_path, codec):
    write(tmp_path / "in" / "a.md", article_text().encode(codec))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason.startswith(f"not UTF-8: looks like {codec.upper()}")
    assert skipped.line == 3


ASCII_ONLY = "---\nid: 9\ntitle: Security review\n---\n\nThe review ended today.\n"


def test_utf16_without_bom_of_ascii_only_text_is_skipped_for_nul_bytes(tmp_path):
    write(tmp_path / "in" / "a.md", ASCII_ONLY.encode("utf-16-le"))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason == "not text: contains NUL bytes (binary, or UTF-16 without a BOM)"
    assert skipped.line == 1


def test_auto_encoding_converts_ascii_only_utf16_without_bom(tmp_path):
    article = read_article(write(tmp_path / "a.md", ASCII_ONLY.encode("utf-16-be")), encoding="auto")
    assert (article.title, article.body) == ("Security review", "The review ended today.")


def test_binary_garbage_is_skipped(tmp_path):
    write(tmp_path / "in" / "a.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason == "not text: binary data or an unknown encoding (byte 0x89 at column 1)"
    assert skipped.line == 1


def test_nul_bytes_are_reported_with_their_line(tmp_path):
    text = article_text(paragraph="점검은 오전에\x00 끝났다.")
    write(tmp_path / "in" / "a.md", text)
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason == "not text: contains NUL bytes (binary, or UTF-16 without a BOM)"
    assert skipped.line == text.splitlines().index("점검은 오전에\x00 끝났다.") + 1


def test_truncated_utf8_at_the_end_is_reported_as_cut_off(tmp_path):
    data = article_text().encode("utf-8") + "추가 문장".encode("utf-8")[:-1]
    write(tmp_path / "in" / "a.md", data)
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason.startswith("not UTF-8: the file ends in the middle of a character")
    assert skipped.line == article_text().count("\n") + 1


def test_no_front_matter_is_skipped(tmp_path):
    write(tmp_path / "in" / "a.md", "# 제목만 있는 글\n\n본문 한 줄.\n")
    skipped = only_skip(tmp_path / "in")
    assert (skipped.reason, skipped.line) == ("no front matter: the file must start with a '---' line", 1)


def test_unclosed_front_matter_is_skipped(tmp_path):
    write(tmp_path / "in" / "a.md", "---\nid: 1\ntitle: 닫히지 않은 머리말\n\n본문 한 줄.\n")
    skipped = only_skip(tmp_path / "in")
    assert (skipped.reason, skipped.line) == ("front matter is not closed: no second '---' line", 1)


def test_front_matter_only_is_skipped(tmp_path):
    write(tmp_path / "in" / "a.md", "---\nid: 1\ntitle: 본문 없는 글\n---\n")
    skipped = only_skip(tmp_path / "in")
    assert (skipped.reason, skipped.line) == ("no article text after the front matter", None)


def test_crawler_frame_without_paragraph_is_skipped(tmp_path):
    write(tmp_path / "in" / "a.md", article_text(paragraph=""))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason == "no article text after the front matter"


def test_empty_file_is_skipped(tmp_path):
    write(tmp_path / "in" / "a.md", b"")
    skipped = only_skip(tmp_path / "in")
    assert (skipped.reason, skipped.line) == ("no front matter: the file must start with a '---' line", 1)


def test_duplicate_key_is_skipped_naming_the_key(tmp_path):
    write(tmp_path / "in" / "a.md", article_text(extra_meta="publisher: 다른신문\n"))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason == "broken front matter: duplicate key 'publisher'"
    assert skipped.line == 6


def test_python_tag_is_refused_and_nothing_runs(tmp_path, capfd):
    write(tmp_path / "in" / "a.md", article_text(extra_meta='x: !!python/object/apply:os.system ["echo hi"]\n'))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason.startswith("broken front matter: YAML tags")
    assert "python/object/apply:os.system" in skipped.reason
    assert skipped.line == 6
    assert "hi" not in capfd.readouterr().out


def test_python_tag_creates_no_file(tmp_path):
    marker = tmp_path / "ran"
    meta = f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
    write(tmp_path / "in" / "a.md", article_text(extra_meta=meta))
    only_skip(tmp_path / "in")
    assert not marker.exists()


def test_yaml_alias_is_refused(tmp_path):
    write(tmp_path / "in" / "a.md", article_text(extra_meta="a: &x 보안\nb: *x\n"))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason == "broken front matter: YAML aliases (*name) are not accepted in front matter"
    assert skipped.line == 7


def test_yaml_anchor_without_alias_is_read(tmp_path):
    article = read_article(write(tmp_path / "a.md", article_text(extra_meta="a: &x 보안\n")))
    assert article.get("a") == "보안"


def test_nested_mapping_is_refused_at_its_key(tmp_path):
    write(tmp_path / "in" / "a.md", article_text(extra_meta="source:\n  name: 보안신문\n"))
    skipped = only_skip(tmp_path / "in")
    assert skipped.reason == "broken front matter: front-matter key 'source' holds a nested structure"
    assert skipped.line == 6


def test_read_article_raises_ingest_error(tmp_path):
    path = write(tmp_path / "a.md", "본문만 있는 글\n")
    with pytest.raises(IngestError) as info:
        read_article(path)
    assert info.value.line == 1
    assert str(info.value) == "line 1: no front matter: the file must start with a '---' line"


BAD_FILES = {
    "cp949.md": article_text().encode("cp949"),
    "utf16.md": article_text().encode("utf-16"),
    "utf16le.md": article_text().encode("utf-16-le"),
    "cut.md": article_text().encode("utf-8") + "끝".encode("utf-8")[:2],
    "binary.md": b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(128, 256)),
    "latin1.md": "---\nid: 1\ntitle: caf\xe9\n---\n\nr\xe9sum\xe9\n".encode("latin-1"),
}


@pytest.mark.parametrize("encoding", ["utf-8", "auto"])
def test_nothing_is_decoded_with_replacement_characters(tmp_path, encoding):
    for name, data in BAD_FILES.items():
        write(tmp_path / "in" / name, data)
    for result in load_articles([tmp_path / "in"], encoding=encoding):
        if result.article is not None:
            a = result.article
            assert "\ufffd" not in a.title + a.body + "".join(k + v for k, v in a.meta)
        else:
            assert "\ufffd" not in result.skipped.reason


def test_utf8_mode_reads_none_of_the_bad_files(tmp_path):
    for name, data in BAD_FILES.items():
        write(tmp_path / "in" / name, data)
    assert [r.article for r in load_articles([tmp_path / "in"])] == [None] * len(BAD_FILES)


def test_auto_mode_still_skips_cut_off_and_binary_files(tmp_path):
    for name, data in BAD_FILES.items():
        write(tmp_path / "in" / name, data)
    skipped = [r.path for r in load_articles([tmp_path / "in"], encoding="auto") if r.article is None]
    assert skipped == ["in/binary.md", "in/cut.md", "in/latin1.md"]


# --- Accepted encodings -------------------------------------------------------------------------


def test_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path / "a.md", b"\xef\xbb\xbf" + article_text().encode("utf-8"))
    article = read_article(path)
    assert article.meta[0] == ("id", "001_0000000042")
    assert (article.title, article.body) == (TITLE, PARAGRAPH)


@pytest.mark.parametrize("codec", ["cp949", "euc-kr", "utf-16", "utf-16-le", "utf-16-be"])
def test_auto_encoding_converts(tmp_path, codec):
    path = write(tmp_path / "a.md", article_text().encode(codec))
    article = read_article(path, encoding="auto")
    assert article.title == TITLE
    assert article.body == PARAGRAPH
    assert article.meta[0] == ("id", "001_0000000042")


def test_auto_encoding_through_load_articles(tmp_path):
    write(tmp_path / "in" / "a.md", article_text().encode("cp949"))
    write(tmp_path / "in" / "b.md", article_text(title="두 번째 기사").encode("utf-16"))
    titles = [r.article.title for r in load_articles([tmp_path / "in"], encoding="auto")]
    assert titles == [TITLE, "두 번째 기사"]


def test_file_hash_is_of_the_bytes_on_disk(tmp_path):
    import hashlib

    data = b"\xef\xbb\xbf" + article_text().encode("utf-8")
    article = read_article(write(tmp_path / "a.md", data))
    assert article.file_sha256 == hashlib.sha256(data).hexdigest()


# --- Finding files ------------------------------------------------------------------------------


def paths_under(root: Path) -> list[str]:
    return [r.path for r in load_articles([root])]


def test_folder_walk_is_recursive(tmp_path):
    root = tmp_path / "root-name"
    write(root / "a.md", article_text())
    write(root / "sub" / "b.md", article_text())
    write(root / "sub" / "deeper" / "c.md", article_text())
    assert paths_under(root) == ["root-name/a.md", "root-name/sub/b.md", "root-name/sub/deeper/c.md"]


def test_only_article_suffixes_are_read_case_insensitively(tmp_path):
    root = tmp_path / "root-name"
    for name in ["a.md", "b.MD", "c.markdown", "d.Markdown", "e.txt", "f.TXT",
                 "g.html", "h.json", "i.md.bak", "README"]:
        write(root / name, article_text())
    assert paths_under(root) == [
        "root-name/a.md",
        "root-name/b.MD",
        "root-name/c.markdown",
        "root-name/d.Markdown",
        "root-name/e.txt",
        "root-name/f.TXT",
    ]


def test_dot_files_are_ignored(tmp_path):
    root = tmp_path / "root-name"
    write(root / ".draft.md", article_text())
    write(root / "sub" / ".hidden.txt", article_text())
    write(root / "sub" / "kept.md", article_text())
    assert paths_under(root) == ["root-name/sub/kept.md"]


def test_output_is_sorted(tmp_path):
    root = tmp_path / "root-name"
    for rel in ["z.md", "m/b.md", "a.md", "m/a.md", "b/z.md"]:
        write(root / rel, article_text())
    assert paths_under(root) == [
        "root-name/a.md",
        "root-name/b/z.md",
        "root-name/m/a.md",
        "root-name/m/b.md",
        "root-name/z.md",
    ]


def test_symlink_loop_terminates(tmp_path):
    root = tmp_path / "root-name"
    write(root / "a.md", article_text())
    write(root / "child" / "b.md", article_text())
    os.symlink(root, root / "child" / "loop")
    assert paths_under(root) == ["root-name/a.md", "root-name/child/b.md"]


def test_missing_path_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(load_articles([tmp_path / "no-such-folder"]))


def test_missing_path_raises_in_find_article_files(tmp_path):
    write(tmp_path / "ok" / "a.md", article_text())
    with pytest.raises(FileNotFoundError):
        find_article_files([tmp_path / "ok", tmp_path / "gone.md"])


def test_display_path_is_relative_to_the_given_folder(tmp_path):
    root = tmp_path / "root-name"
    write(root / "sub" / "file.md", article_text())
    [result] = load_articles([root])
    assert result.path == "root-name/sub/file.md"
    assert result.article.path == "root-name/sub/file.md"


def test_display_path_of_skipped_file(tmp_path):
    root = tmp_path / "root-name"
    write(root / "sub" / "bad.md", b"")
    [result] = load_articles([root])
    assert (result.path, result.skipped.path) == ("root-name/sub/bad.md", "root-name/sub/bad.md")


def test_file_named_directly_is_read_whatever_its_suffix(tmp_path):
    path = write(tmp_path / "root-name" / "note.html", article_text())
    [result] = load_articles([path])
    assert result.path == "root-name/note.html"
    assert result.article.body == PARAGRAPH


def test_same_file_given_twice_is_read_once(tmp_path):
    root = tmp_path / "root-name"
    write(root / "a.md", article_text())
    assert paths_under(root) == ["root-name/a.md"]
    assert [r.path for r in load_articles([root, root])] == ["root-name/a.md"]


# --- Article.key --------------------------------------------------------------------------------


def make_article(meta: tuple[tuple[str, str], ...]) -> Article:
    return Article(
        path="x.md", meta=meta, title="t", body="b", published_at=None, crawled_at=None, file_sha256="f" * 64
    )


def test_key_prefers_id():
    assert make_article((("content_hash", "c1"), ("id", "006_1"))).key == "006_1"


def test_key_falls_back_to_content_hash():
    assert make_article((("content_hash", "c1"), ("title", "t"))).key == "c1"


def test_key_falls_back_to_file_hash():
    assert make_article((("title", "t"),)).key == "f" * 64


def test_key_skips_empty_id():
    assert make_article((("id", ""), ("content_hash", "c1"))).key == "c1"


def test_hidden_folders_are_not_walked(tmp_path):
    write(tmp_path / "news" / "a.md", article_text())
    write(tmp_path / "news" / ".git" / "b.md", article_text(article_id="001_0000000043"))
    found = [p.name for p, _ in find_article_files([tmp_path / "news"])]
    assert found == ["a.md"]


# --- the simple front matter is read without YAML, with YAML's result ---------------------------

_VALUES = ["가나", "KT", "a b", "  x  ", '"q a"', "'s ''t'", '"a\'b"', "'a\"b'", "a:b", "a: b", "a #b", "-x",
           "- x", "[a]", "a[b]", "a,b", "~", "", "\xa0가", "가\xa0", "\x7f", "http://a.b/c?d=1", "x:", "'", '"',
           "a'b", "...", "!tag", "&a", "*a", "|", ">", "%x", "@x", "`x", "? x", "\u3000가", "\U0001F600", "\\n"]
_LINES = st.tuples(
    st.sampled_from(["id", "title", "author", "a_b", "x-y", "9k", "_k"]),
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(_VALUES),
    st.lists(st.tuples(st.sampled_from(["", " ", "   "]), st.sampled_from(_VALUES)), max_size=2),
)


@given(st.lists(_LINES, min_size=1, max_size=5), st.sampled_from(["", "\n", "\n  \n"]))
def test_simple_front_matter_reads_as_yaml_does(lines, end):
    import kgraph.ingest as ingest

    fm = "\n".join(f"{k}:{gap}{v}" + "".join(f"\n{i}{c}" for i, c in more) for k, gap, v, more in lines) + end
    simple = ingest._simple_front_matter(fm)
    if simple is None:
        return  # read by YAML
    try:
        original, ingest._simple_front_matter = ingest._simple_front_matter, lambda fm: None
        assert parse_front_matter(fm) == simple
    finally:
        ingest._simple_front_matter = original


def test_crawled_front_matter_takes_the_simple_path():
    import kgraph.ingest as ingest
    from kgraph.ingest import split_front_matter

    for path in sorted((Path(__file__).parents[1] / "corpus" / "dev").glob("*.txt"))[:10]:
        fm, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
        assert ingest._simple_front_matter(fm.replace("\t", " ")) is not None, path
