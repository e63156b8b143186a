"""Ingest: read crawled article files into :class:`~kgraph.model.Article` records.

A file is Markdown (or ``.txt``) with YAML front matter between ``---`` lines. The front matter
is read with every scalar as a string, so ``aid: 0000133460`` stays ``"0000133460"`` (YAML 1.1
would read it as the octal number 46896). Files that cannot be read are reported with the
reason and never decoded with replacement characters.

>>> text = "---\\nid: 006_0000133460\\naid: 0000133460\\ntitle: \\"A &#x27;B&#x27;\\"\\n---\\n\\nBody.\\n"
>>> article = parse_article(text, "a.md", file_sha256="0")
>>> article.get("aid"), article.title, article.body
('0000133460', "A 'B'", 'Body.')
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from .model import Article, SkippedFile

KST = timezone(timedelta(hours=9))
ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
#: The largest file read as an article, in bytes. A long feature is some 60 KB of UTF-8; the
#: analyser's time grows faster than the text (about 20 s for 130 KB), so a crawl of a whole
#: report or a binary dump would take many minutes, and is skipped instead.
DEFAULT_MAX_SIZE = 512 * 1024


class IngestError(ValueError):
    """A file that cannot be read as an article; ``reason`` says why, ``line`` where."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason if line is None else f"line {line}: {reason}")
        self.reason = reason
        self.line = line


@dataclass(frozen=True)
class IngestResult:
    """What reading one file gave: an article, or the reason it was skipped."""

    path: str
    article: Article | None = None
    skipped: SkippedFile | None = None


# --- Finding files -----------------------------------------------------------------------------


def find_article_files(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, Path]]:
    """List article files under ``paths``, recursively, sorted, each with the root it was found under.

    Folders are walked recursively (following symbolic links, but never into a folder twice);
    files ending in ``.md``, ``.markdown`` or ``.txt`` are kept. A file named directly is kept
    whatever its suffix.

    Raises:
        FileNotFoundError: a path does not exist.
    """
    found: dict[Path, Path] = {}
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            raise FileNotFoundError(f"{raw}: no such file or folder")
        if root.is_file():
            found.setdefault(root, root.parent)
            continue
        seen_dirs: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen_dirs:
                dirnames[:] = []  # a symlink loop: this folder was walked already
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))  # .git, .cache
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if p.suffix.lower() in ARTICLE_SUFFIXES and not name.startswith("."):
                    found.setdefault(p, root)
    return sorted(found.items(), key=lambda item: str(item[0]))


# --- Decoding ----------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def detect_encoding(data: bytes) -> str | None:
    """Guess the encoding of bytes that are not UTF-8, for the error message or ``--encoding auto``.

    Returns ``"utf-16-le"``/``"utf-16-be"``/``"cp949"`` (a superset of EUC-KR), or None for
    binary data.

    >>> detect_encoding("가나다 기자".encode("cp949"))
    'cp949'
    >>> detect_encoding(b"\\x00\\x01\\x02garbage\\xff") is None
    True
    """
    for bom, name in _BOMS[1:]:
        if data.startswith(bom):
            return name
    sample = data[:65536]
    if sample.count(b"\x00") > len(sample) // 8 and len(sample) >= 2:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        even, odd = sample[0::2].count(b"\x00"), sample[1::2].count(b"\x00")
        if odd > even * 4:
            return "utf-16-le"
        if even > odd * 4:
            return "utf-16-be"
        return None
    if b"\x00" in sample:
        return None
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    return "cp949" if hangul else None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def decode_article_bytes(data: bytes, *, encoding: str = "utf-8") -> str:
    """Decode file bytes to text, strictly.

    Args:
        data: the file's bytes.
        encoding: ``"utf-8"`` (the default: anything else is an error naming the likely
            encoding) or ``"auto"`` (convert CP949/EUC-KR and UTF-16 files).

    Raises:
        IngestError: the bytes are not text in an accepted encoding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = detect_encoding(data)
        line, col = _line_col(data, exc.start)
        if guess and encoding == "auto":
            try:
                text = data.decode(guess)
            except UnicodeDecodeError:
                raise IngestError(f"not valid {guess} either", line) from None
            return text.lstrip("\ufeff")
        if guess is None and exc.reason == "unexpected end of data":
            raise IngestError(
                f"not UTF-8: the file ends in the middle of a character (column {col}); was it cut off?", line
            ) from None
        if guess is None:
            raise IngestError(
                f"not text: binary data or an unknown encoding (byte 0x{data[exc.start]:02x} at column {col})",
                line,
            ) from None
        raise IngestError(
            f"not UTF-8: looks like {guess.upper()} (byte 0x{data[exc.start]:02x} at column {col}); "
            "convert it to UTF-8 or build with --encoding auto",
            line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        if encoding == "auto" and (guess := detect_encoding(data)) and guess.startswith("utf-16"):
            return data.decode(guess).lstrip("\ufeff")
        raise IngestError("not text: contains NUL bytes (binary, or UTF-16 without a BOM)", line)
    return text


# --- Front matter ------------------------------------------------------------------------------


class _StringLoader(yaml.BaseLoader):
    """A YAML loader that reads every scalar as a string and refuses what crawls never need.

    ``BaseLoader`` resolves no implicit types (no octal, no booleans, no dates) and constructs
    no Python objects, so ``!!python/...`` tags fail. Aliases are refused to rule out alias bombs.
    """


def _compose_node(self: _StringLoader, parent, index):  # type: ignore[no-untyped-def]
    if self.check_event(yaml.AliasEvent):
        event = self.peek_event()
        raise yaml.constructor.ConstructorError(
            None, None, "YAML aliases (*name) are not accepted in front matter", event.start_mark
        )
    return yaml.composer.Composer.compose_node(self, parent, index)


def _construct_mapping(self: _StringLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = self.construct_object(key_node, deep=deep)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, "front-matter keys must be plain names", key_node.start_mark
            )
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        if isinstance(value_node, yaml.MappingNode) or (
            isinstance(value_node, yaml.SequenceNode)
            and not all(isinstance(v, yaml.ScalarNode) for v in value_node.value)
        ):
            raise yaml.constructor.ConstructorError(
                None, None, f"front-matter key {key!r} holds a nested structure", key_node.start_mark
            )
        seen[key] = key_node
    return yaml.BaseLoader.construct_mapping(self, node, deep=deep)


def _construct_undefined(self: _StringLoader, node: yaml.Node) -> None:
    raise yaml.constructor.ConstructorError(
        None, None, f"YAML tags ({node.tag}) are not accepted in front matter", node.start_mark
    )


_StringLoader.compose_node = _compose_node  # type: ignore[method-assign]
_StringLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
# BaseLoader builds a node with an unknown tag (!!python/object/apply:...) as a plain value; refuse it.
_StringLoader.add_constructor("tag:yaml.org,2002:str", yaml.constructor.BaseConstructor.construct_scalar)
_StringLoader.add_constructor("tag:yaml.org,2002:seq", yaml.constructor.BaseConstructor.construct_sequence)
_StringLoader.add_constructor(None, _construct_undefined)

_WS = re.compile(r"\s+")


def normalise_value(value: str) -> str:
    """Collapse runs of whitespace (tabs, newlines) to one space and strip the ends.

    >>> normalise_value("\\n\\t\\t윤수현 기자\\n\\t")
    '윤수현 기자'
    """
    return _WS.sub(" ", value).strip()


_FM_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split text into front matter and the rest; also return the line the rest starts on.

    Raises:
        IngestError: there is no front matter, or its closing ``---`` is missing.
    """
    opening = _FM_OPEN.match(text)
    if not opening:
        raise IngestError("no front matter: the file must start with a '---' line", 1)
    closing = _FM_CLOSE.search(text, opening.end())
    if not closing:
        raise IngestError("front matter is not closed: no second '---' line", 1)
    fm = text[opening.end() : closing.start()]
    rest_start = closing.end() + 1
    return fm, text[rest_start:], text.count("\n", 0, rest_start) + 1


_FM_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?", re.ASCII)
_FM_DOUBLE = re.compile(r'"([^"\\]*)" *')
_FM_SINGLE = re.compile(r"'((?:[^']|'')*)' *")
#: Anything that makes YAML read a value as more than plain text (an indicator first, a comment,
#: a nested key), a character YAML refuses or reads as a line break, or a byte-order mark.
_FM_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FM_BAD_CHAR = "[\r\x85\u2028\u2029\ufeff]|[^\x09\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_FM_SPECIAL = re.compile("#|: |:$|" + _FM_BAD_CHAR, re.MULTILINE)  # in plain text
_FM_QUOTED_SPECIAL = re.compile(_FM_BAD_CHAR)  # between quotes, where "#" and ": " are text


def _simple_front_matter(fm: str) -> list[tuple[str, str]] | None:
    """The front matter of the common simple form, read without YAML, or None for any other.

    The simple form is ``key: value`` lines at the left margin, each value plain text (on the
    line and on indented continuation lines) or a one-line quoted string without escapes. For
    these, YAML (as :func:`parse_front_matter` loads it) gives the same pairs; anything else
    (lists, escapes, comments, odd characters, duplicate keys, errors) returns None and is
    read by YAML. About 20 times faster than PyYAML's pure-Python loader.

    >>> _simple_front_matter('id: 006_0000133460\\ntitle: "A B"\\nauthor:\\n   한 기자\\n  \\n')
    [('id', '006_0000133460'), ('title', 'A B'), ('author', '한 기자')]
    >>> _simple_front_matter("id: 1\\ntags:\\n  - a\\n") is None
    True
    """
    pairs: list[tuple[str, list[str]]] = []
    quoted = False  # the current value was quoted: nothing may follow it
    for line in fm.split("\n"):
        if line[:1] == " " or not line:  # a continuation line (or a blank one)
            text = line.strip(" ")  # YAML's white space (tabs are spaces by now), not Python's
            if not text:
                continue
            if not pairs or quoted or text[0] in _FM_PLAIN_START or _FM_SPECIAL.search(text):
                return None
            pairs[-1][1].append(text)
            continue
        match = _FM_KEY.fullmatch(line)
        if match is None:
            return None
        value = (match.group(2) or "").strip(" ")
        quoted = False
        if value[:1] == '"':
            quote = _FM_DOUBLE.fullmatch(value)
            if quote is None or _FM_QUOTED_SPECIAL.search(quote.group(1)):
                return None
            value, quoted = quote.group(1), True
        elif value[:1] == "'":
            quote = _FM_SINGLE.fullmatch(value)
            if quote is None or _FM_QUOTED_SPECIAL.search(quote.group(1)):
                return None
            value, quoted = quote.group(1).replace("''", "'"), True
        elif value and (value[0] in _FM_PLAIN_START or _FM_SPECIAL.search(value)):
            return None
        pairs.append((match.group(1), [value] if value else []))
    if not pairs or len({key for key, _ in pairs}) != len(pairs):
        return None
    return [(key, normalise_value(" ".join(parts))) for key, parts in pairs]


def parse_front_matter(fm: str) -> list[tuple[str, str]]:
    """Read front matter as ``(key, value)`` pairs, every value a whitespace-normalised string.

    Tabs are taken as spaces first: crawled bylines are often indented with tabs, which YAML
    forbids. Lists of scalars become one value joined with ``", "``. The common simple form is
    read without YAML, with the same result (see :func:`_simple_front_matter`).

    Raises:
        IngestError: the YAML is broken or holds something other than keys and plain values.
    """
    fm = fm.replace("\t", " ")
    simple = _simple_front_matter(fm)
    if simple is not None:
        return simple
    try:
        data = yaml.load(fm, Loader=_StringLoader)  # noqa: S506 - BaseLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the '---'
        raise IngestError(f"broken front matter: {exc.problem or exc.context}", line) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as a control character
        line = fm.count("\n", 0, exc.position) + 2
        raise IngestError(
            f"broken front matter: character U+{exc.character:04X} is not allowed here "
            "(write it as an escape inside double quotes, or remove it)", line
        ) from None
    except yaml.YAMLError as exc:
        raise IngestError(f"broken front matter: {exc}", 2) from None
    if data is None or data == "":
        return []
    if not isinstance(data, dict):
        raise IngestError("front matter must be 'key: value' lines", 2)
    pairs: list[tuple[str, str]] = []
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ", ".join(normalise_value(v) for v in value)
        if not isinstance(value, str):
            raise IngestError(f"front-matter key {key!r} holds a nested structure", 2)
        pairs.append((normalise_value(key), normalise_value(value)))
    return pairs


# --- Body --------------------------------------------------------------------------------------

_BYLINE = re.compile(r"^\*\*[^*]+\*\*\s*\|.*\|?\s*$")
_FOOTER = re.compile(r"^\*(Crawled at|Source)\b.*\*\s*$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^(-{3,}|\*{3,}|_{3,})\s*$")


def extract_body(rest: str, title: str) -> str:
    """Return the article text: the Markdown after the front matter without the crawler's frame.

    The ``# title`` heading, the ``**publisher** | date |`` line, ``---`` separators and the
    ``*Crawled at*`` / ``*Source*`` footer are structure, not content. Paragraph lines are kept,
    joined with newlines, HTML entities unescaped.
    """
    lines: list[str] = []
    for raw in rest.splitlines():
        line = raw.strip()
        if not line or _SEPARATOR.match(line) or _FOOTER.match(line) or _BYLINE.match(line):
            continue
        if line.startswith("# ") and not lines:
            continue  # the crawler repeats the title as a heading before the text
        lines.append(html.unescape(line))
    return "\n".join(lines)


# --- Dates -------------------------------------------------------------------------------------

_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y.%m.%d. %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y.%m.%d",
)


def parse_timestamp(value: str | None) -> str | None:
    """Parse a front-matter time to ISO 8601; a time without a zone is Korea Standard Time.

    >>> parse_timestamp("2025-12-29 00:00")
    '2025-12-29T00:00:00+09:00'
    >>> parse_timestamp("2025-12-29T09:07:31Z")
    '2025-12-29T09:07:31+00:00'
    >>> parse_timestamp("어제") is None
    True
    """
    if not value:
        return None
    text = value.strip()
    try:
        dt = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        dt = None
        for fmt in _DATE_FORMATS:
            try:
                dt = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=KST)
    return dt.isoformat()


# --- Putting it together -----------------------------------------------------------------------


def parse_article(text: str, path: str, *, file_sha256: str) -> Article:
    """Parse the decoded text of one article file.

    Raises:
        IngestError: no front matter, broken front matter, or no article text.
    """
    fm, rest, _ = split_front_matter(text)
    meta = parse_front_matter(fm)
    values = dict(meta)
    title = html.unescape(values.get("title", ""))
    body = extract_body(rest, title)
    if not body.strip():
        raise IngestError("no article text after the front matter")
    return Article(
        path=path,
        meta=tuple(meta),
        title=title,
        body=body,
        published_at=parse_timestamp(values.get("published_at")),
        crawled_at=parse_timestamp(values.get("crawled_at")),
        file_sha256=file_sha256,
    )


def format_size(size: int) -> str:
    """A byte count for people.

    >>> format_size(524288), format_size(52428800), format_size(900)
    ('512 KiB', '50.0 MiB', '900 bytes')
    """
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB" if size % 1024 == 0 else f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


#: Looks up an article already read from the same bytes: (file's SHA-256, path to record) →
#: the article under that path, or None (see :meth:`kgraph.cache.ExtractionCache.known_article`).
Known = Callable[[str, str], "Article | None"]


def read_article(path: Path, *, display: str | None = None, encoding: str = "utf-8",
                 max_size: int | None = DEFAULT_MAX_SIZE, known: Known | None = None) -> Article:
    """Read one article file.

    Args:
        path: the file.
        display: the path to record and report (default: ``path`` as given).
        encoding: ``"utf-8"`` or ``"auto"`` (see :func:`decode_article_bytes`).
        max_size: skip files larger than this many bytes (None: no limit); see
            :data:`DEFAULT_MAX_SIZE`.
        known: called with the hash of the file's bytes before they are decoded and parsed;
            an article it returns is taken as is (an incremental build's cache, whose key
            covers ``encoding`` and this module's code, so the result is the parse's).

    Raises:
        IngestError: the file cannot be read as an article.
    """
    shown = display or str(path)
    too_large = "too large for an article: {}, over the --max-size limit of {}"
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            # A named pipe would block the build forever; a device could be endless.
            raise IngestError("not a regular file (a named pipe, socket or device)")
        if max_size is not None and st.st_size > max_size:
            raise IngestError(too_large.format(format_size(st.st_size), format_size(max_size)))
        with path.open("rb") as fh:
            data = fh.read() if max_size is None else fh.read(max_size + 1)
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from None
    if max_size is not None and len(data) > max_size:  # it grew since stat
        raise IngestError(too_large.format(f"more than {format_size(max_size)}", format_size(max_size)))
    sha256 = hashlib.sha256(data).hexdigest()
    if known is not None and (article := known(sha256, shown)) is not None:
        return article
    text = decode_article_bytes(data, encoding=encoding)
    return parse_article(text, shown, file_sha256=sha256)


def load_articles(
    paths: Iterable[str | os.PathLike[str]], *, encoding: str = "utf-8",
    max_size: int | None = DEFAULT_MAX_SIZE, known: Known | None = None,
) -> Iterator[IngestResult]:
    """Read every article file under ``paths``, yielding an article or a skip reason per file.

    ``encoding``, ``max_size`` and ``known`` are as for :func:`read_article`.

    >>> [r.article.get("id") for r in load_articles(["seeds"])]
    ['006_0000133460']
    """
    for path, root in find_article_files(paths):
        display = _display_path(path, root)
        try:
            article = read_article(path, display=display, encoding=encoding, max_size=max_size, known=known)
            yield IngestResult(display, article=article)
        except IngestError as exc:
            yield IngestResult(display, skipped=SkippedFile(display, exc.reason, exc.line))


def _display_path(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        return path.as_posix()
    return (Path(root.name) / rel).as_posix() if root.name else rel.as_posix()
