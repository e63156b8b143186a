"""What the network exports share: clean values, typed attribute columns, sorted rows, atomic files.

Every writer in :mod:`kgraph.export` goes through the same steps so that the formats agree:

* **values**: ``None``, NaN and infinite numbers are dropped (no value, not the text ``None``);
  lists, tuples and sets become one string joined by :data:`LIST_SEPARATOR` (the JSON export
  keeps lists); dates become ISO text; any other type raises a ``TypeError`` naming the
  attribute and its owner;
* **text**: characters XML 1.0 forbids (C0 controls other than tab, newline and carriage
  return, lone surrogates, U+FFFE, U+FFFF) are removed, so a stray control character in a
  title does not make the whole file unreadable;
* **columns**: each attribute is declared once per nodes/edges with one type (``boolean``,
  ``int``, ``long`` beyond 32 bits, ``double``, or ``string`` when values of one name disagree);
* **order**: nodes sorted by id, edges by source, target and key, numbered ``e0``, ``e1``… in
  that order, so the same graph gives byte-identical files.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import math
import numbers
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Union

from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from .colours import colour_for, rgb

Scalar = Union[bool, int, float, str]

#: Joins the items of a list attribute in GraphML, GEXF and CSV.
LIST_SEPARATOR = "|"

#: Attributes written first, in this order (the rest follow sorted by name).
NODE_FIRST: tuple[str, ...] = ("label", "type", "kind", "first", "last", "articles", "aliases", "iri")
EDGE_FIRST: tuple[str, ...] = ("label", "weight", "first", "last")

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.+\-Z]*)?\s*$")
_INT32 = (-(2**31), 2**31 - 1)
_XML_TEXT_SPECIAL = re.compile("[&<>\r]")
_XML_ATTR_SPECIAL = re.compile("[&<>\"'\n\r\t]")
# A carriage return in text would come back as a newline after XML line-end normalisation.
_CR = {"\r": "&#13;"}


class ExportError(ValueError):
    """A graph cannot be exported as asked: a bad date, clashing node ids, an unknown format."""


def clean_text(text: str) -> str:
    """Remove the characters XML 1.0 forbids; keep tab, newline, carriage return and emoji.

    >>> clean_text("KT\\x07 해킹 😀\\ufffe")
    'KT 해킹 😀'
    """
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def xml_text(text: str) -> str:
    """``text`` escaped for XML character data (``xml.sax.saxutils.escape``, and ``\\r`` kept).

    Most values need no escaping; testing first keeps writing 100,000 nodes fast.

    >>> xml_text("R&D <팀>")
    'R&amp;D &lt;팀&gt;'
    """
    return escape(text, _CR) if _XML_TEXT_SPECIAL.search(text) else text


def xml_attr(text: str) -> str:
    """``text`` quoted as an XML attribute value (``xml.sax.saxutils.quoteattr``).

    >>> print(xml_attr('경찰청 "특별팀"'), xml_attr("KT"))
    '경찰청 "특별팀"' "KT"
    """
    return quoteattr(text) if _XML_ATTR_SPECIAL.search(text) else f'"{text}"'


Owner = Union[str, tuple]


def owner_text(owner: Owner) -> str:
    """What an error message calls a node, edge or graph: ``("node", id)`` → ``node 'id'``,
    ``("edge", source, target)`` → ``edge 'source' -> 'target'``; text as it is.

    (The tuple is formatted only when an error is raised: writing 100,000 nodes makes no text.)
    """
    if isinstance(owner, tuple):
        return f"{owner[0]} " + " -> ".join(repr(part) for part in owner[1:])
    return owner


def _unsupported(name: str, value: object, owner: Owner) -> TypeError:
    return TypeError(
        f"{owner_text(owner)}: attribute {name!r} has a value of unsupported type {type(value).__name__} "
        f"({value!r:.60}); use str, int, float, bool, a date, or a list of them"
    )


def to_value(value: Any, name: str, owner: Owner, *, keep_lists: bool = False) -> Scalar | list[Scalar] | None:
    """One attribute value made exportable, or ``None`` when it is to be dropped.

    Args:
        value: the attribute value as found on the graph.
        name: the attribute's name, for the error message.
        owner: the node, edge or graph it belongs to, for the error message (see :func:`owner_text`).
        keep_lists: keep lists as lists of scalars (JSON) instead of joining them.

    Raises:
        TypeError: a value of a type no export can hold (a dict, bytes, an object).

    >>> to_value(["KT", None, "케이티"], "aliases", "node 'x'")
    'KT|케이티'
    >>> to_value(float("nan"), "score", "node 'x'") is None
    True
    >>> to_value({"a": 1}, "extra", "node 'x'")
    Traceback (most recent call last):
    ...
    TypeError: node 'x': attribute 'extra' has a value of unsupported type dict ({'a': 1}); use str, int, float, bool, a date, or a list of them
    """
    kind = value.__class__
    if kind is str:
        return clean_text(value)
    if kind is int or kind is bool:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if value is None:
        return None
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        scalars: list[Scalar] = []
        for item in items:
            if isinstance(item, (list, tuple, set, frozenset, dict)):
                raise _unsupported(name, value, owner)
            scalar = to_value(item, name, owner)
            if scalar is not None:
                scalars.append(scalar)  # type: ignore[arg-type]
        if keep_lists:
            return scalars
        return LIST_SEPARATOR.join(scalar_text(s) for s in scalars) if scalars else None
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return to_value(value.item(), name, owner, keep_lists=keep_lists)
    raise _unsupported(name, value, owner)


def scalar_text(value: Scalar) -> str:
    """A scalar as text: booleans as ``true``/``false``, numbers in their shortest exact form."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def clean_attributes(data: dict, owner: Owner) -> dict[str, Scalar]:
    """The exportable attributes of one node, edge or graph (names as text, values flattened)."""
    out: dict[str, Scalar] = {}
    for name, value in data.items():
        if name.__class__ is not str or not name.isidentifier():  # identifiers hold no control characters
            name = clean_text(str(name))
        scalar = to_value(value, name, owner)
        if scalar is not None:
            out[name] = scalar  # type: ignore[assignment]
    return out


def graph_attributes(G: nx.Graph) -> dict[str, Scalar]:
    """The graph-level attributes of ``G``, cleaned (networkx's own ``node_default`` and
    ``edge_default``, left by ``read_graphml``, are not attributes of the data and are skipped)."""
    data = {k: v for k, v in G.graph.items() if k not in ("node_default", "edge_default")}
    return clean_attributes(data, "graph")


@dataclass(frozen=True, slots=True)
class NodeRow:
    """One node ready to write: its id as text and its cleaned attributes (always a ``label``)."""

    id: str
    attrs: dict[str, Scalar]


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """One edge ready to write: its file id (``e0``…), endpoints as text, cleaned attributes.

    ``attrs`` always holds a numeric ``weight`` (1 when the graph has none) and, when the graph
    gives one or the edge key is text, a ``label``.
    """

    id: str
    source: str
    target: str
    attrs: dict[str, Scalar]


def node_rows(G: nx.Graph) -> list[NodeRow]:
    """The graph's nodes, cleaned and sorted by id.

    Raises:
        TypeError: an attribute value of an unsupported type.
        ExportError: two nodes write as the same id (e.g. ``1`` and ``"1"``).
    """
    rows: list[NodeRow] = []
    for node, data in G.nodes(data=True):
        node_id = clean_text(node if isinstance(node, str) else str(node))
        attrs = clean_attributes(data, ("node", node_id))
        label = attrs.get("label")
        if label is None or label == "":
            attrs["label"] = node_id
        elif not isinstance(label, str):
            attrs["label"] = scalar_text(label)
        rows.append(NodeRow(node_id, attrs))
    rows.sort(key=lambda row: row.id)
    for before, after in zip(rows, rows[1:]):
        if before.id == after.id:
            raise ExportError(f"two nodes are both written as id {after.id!r}; node ids must differ as text")
    return rows


def edge_rows(G: nx.Graph) -> list[EdgeRow]:
    """The graph's edges, cleaned, sorted by source, target and key, and numbered ``e0``….

    Raises:
        TypeError: an attribute value of an unsupported type, or a ``weight`` that is no number.
    """
    if G.is_multigraph():
        edges: Iterable[tuple[Any, Any, Any, dict]] = G.edges(keys=True, data=True)
    else:
        edges = ((u, v, None, d) for u, v, d in G.edges(data=True))
    keyed: list[tuple[str, str, str, dict[str, Scalar]]] = []
    for u, v, key, data in edges:
        source = clean_text(u if isinstance(u, str) else str(u))
        target = clean_text(v if isinstance(v, str) else str(v))
        attrs = clean_attributes(data, ("edge", source, target))
        if "label" not in attrs and isinstance(key, str):
            attrs["label"] = clean_text(key)
        weight = attrs.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise TypeError(f"{owner_text(('edge', source, target))}: attribute 'weight' must be a number, not {type(weight).__name__} ({weight!r:.60})")
        attrs["weight"] = weight
        keyed.append((source, target, "" if key is None else str(key), attrs))
    keyed.sort(key=lambda e: (e[0], e[1], e[2]))
    return [EdgeRow(f"e{i}", s, t, attrs) for i, (s, t, _, attrs) in enumerate(keyed)]


def column_types(rows: Iterable[dict[str, Scalar]], first: tuple[str, ...] = ()) -> dict[str, str]:
    """The type of each attribute over all rows, names in ``first`` order then sorted.

    Types: ``boolean``, ``int`` (fits 32 bits), ``long``, ``double`` (any float, or ints mixed
    with floats), and ``string`` (text, or values of one name that disagree in type).

    >>> column_types([{"label": "KT", "articles": 3}, {"label": "SKT", "articles": 2.5, "ok": True}], ("label",))
    {'label': 'string', 'articles': 'double', 'ok': 'boolean'}
    """
    seen: dict[str, set[type]] = {}
    low: dict[str, int] = {}
    high: dict[str, int] = {}
    for attrs in rows:
        for name, value in attrs.items():
            kind = type(value)
            kinds = seen.get(name)
            if kinds is None:
                seen[name] = kinds = set()
            kinds.add(kind)
            if kind is int:
                if value < low.get(name, 0):  # type: ignore[operator]
                    low[name] = value  # type: ignore[assignment]
                if value > high.get(name, 0):  # type: ignore[operator]
                    high[name] = value  # type: ignore[assignment]
    names = [n for n in first if n in seen] + sorted(n for n in seen if n not in first)
    types: dict[str, str] = {}
    for name in names:
        kinds = seen[name]
        if kinds == {bool}:
            types[name] = "boolean"
        elif kinds == {int}:
            small = _INT32[0] <= low.get(name, 0) and high.get(name, 0) <= _INT32[1]
            types[name] = "int" if small else "long"
        elif kinds <= {int, float}:
            types[name] = "double"
        else:
            types[name] = "string"
    return types


def typed_text(value: Scalar, kind: str) -> str:
    """A value as text for a column of type ``kind`` (see :func:`column_types`)."""
    if kind == "double":
        return repr(float(value))
    return scalar_text(value)


def _text_of_string(value: Scalar) -> str:
    return value if value.__class__ is str else scalar_text(value)  # type: ignore[return-value]


def _text_of_double(value: Scalar) -> str:
    return repr(float(value))


def _text_of_boolean(value: Scalar) -> str:
    return "true" if value else "false"


#: Value → text for each column type; the same as :func:`typed_text`, one lookup per column.
TEXT_OF: dict[str, Callable[[Scalar], str]] = {
    "string": _text_of_string, "int": str, "long": str, "double": _text_of_double, "boolean": _text_of_boolean,
}


@dataclass(frozen=True, slots=True)
class Column:
    """One declared attribute column of an XML export (GraphML ``<key>``, GEXF ``<attribute>``).

    ``number`` is its position among the columns declared in the file, ``opening`` the markup
    that precedes a value, ``text_of`` turns a value into text for the column's ``kind``.
    """

    name: str
    kind: str
    number: int
    opening: str
    text_of: Callable[[Scalar], str]


def declare_columns(types: dict[str, str], opening: Callable[[int], str], *, skip: Iterable[str] = (),
                    start: int = 0) -> list[Column]:
    """The columns of ``types`` (from :func:`column_types`, in its order) but ``skip``, numbered
    from ``start``; ``opening(number)`` is the markup that precedes each value.

    >>> [(c.name, c.number, c.opening) for c in declare_columns({"label": "string", "n": "int"},
    ...                                                       lambda i: f"<v{i}>", skip=("label",))]
    [('n', 0, '<v0>')]
    """
    columns: list[Column] = []
    skipped = set(skip)
    for name, kind in types.items():
        if name not in skipped:
            number = start + len(columns)
            columns.append(Column(name, kind, number, opening(number), TEXT_OF[kind]))
    return columns


def column_values(attrs: dict[str, Scalar], columns: list[Column], escape: Callable[[str], str],
                  closing: str) -> list[str]:
    """The markup of each value ``attrs`` has for ``columns``: opening, escaped text, ``closing``.

    >>> column_values({"n": 3}, declare_columns({"n": "int", "m": "int"}, lambda i: "<v>"), str, "</v>")
    ['<v>3</v>']
    """
    values = []
    for column in columns:
        value = attrs.get(column.name)
        if value is not None:
            values.append(f"{column.opening}{escape(column.text_of(value))}{closing}")
    return values


def type_colour(attrs: dict[str, Scalar], cache: dict[tuple[object, object], tuple[str, int, int, int]]
                ) -> tuple[str, int, int, int]:
    """The colour of a node by its ``type`` and ``kind``, as ``#rrggbb`` and red, green, blue;
    ``cache`` (a dict kept for one file) saves working it out again for every node.

    >>> type_colour({"type": "Company"}, {})
    ('#1f77b4', 31, 119, 180)
    """
    pair = (attrs.get("type"), attrs.get("kind"))
    colour = cache.get(pair)
    if colour is None:
        node_type, kind = pair
        hex_colour = colour_for(node_type if isinstance(node_type, str) else None,
                                kind if isinstance(kind, str) else None)
        colour = cache[pair] = (hex_colour, *rgb(hex_colour))
    return colour


def iso_date(value: Scalar, *, end: bool, name: str, owner: Owner) -> str:
    """A ``YYYY-MM-DD`` date from a date, a date-time, or a month or year (its first or last day).

    >>> iso_date("2025-12", end=True, name="last", owner="node 'x'")
    '2025-12-31'
    >>> iso_date("2025-12-03T10:00:00+09:00", end=False, name="first", owner="node 'x'")
    '2025-12-03'

    Raises:
        ExportError: the value is not an ISO date.
    """
    if value.__class__ is str and len(value) == 10 and value[4] == "-":  # the usual YYYY-MM-DD
        try:
            return datetime.date.fromisoformat(value).isoformat()  # type: ignore[arg-type]
        except ValueError:
            pass
    match = _DATE.match(str(value))
    try:
        if match is None:
            raise ValueError
        year, month, day = match.groups()
        if day is None:
            if month is None:
                month, day = ("12", "31") if end else ("01", "01")
            elif end:
                following = datetime.date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
                day = f"{(following - datetime.timedelta(days=1)).day:02d}"
            else:
                day = "01"
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        raise ExportError(f"{owner_text(owner)}: attribute {name!r} is not an ISO date (YYYY-MM-DD): {value!r}") from None


def interval(attrs: dict[str, Scalar], owner: Owner) -> tuple[str | None, str | None]:
    """The ``(start, end)`` dates of a node or edge from its ``first`` and ``last`` attributes.

    Raises:
        ExportError: a date is malformed, or ``first`` comes after ``last``.
    """
    first, last = attrs.get("first"), attrs.get("last")
    start = iso_date(first, end=False, name="first", owner=owner) if first is not None else None
    end = iso_date(last, end=True, name="last", owner=owner) if last is not None else None
    if start is not None and end is not None and start > end:
        raise ExportError(f"{owner_text(owner)}: first ({start}) is after last ({end})")
    return start, end


def _umask() -> int:
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large graph is turned into rows.

    Export makes a dict per node and edge, none of them in a cycle; the collector would rescan
    the whole graph again and again meanwhile (a third of the time for 100,000 nodes).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` to stream into; rename it over ``path`` on success.

    The streaming counterpart of :func:`kgraph.emit.write_atomic`: a failure (an exception, a
    full disk) leaves the previous file intact and no temporary file behind. Text mode writes
    UTF-8 without newline translation. The file gets the usual permissions (``0o666`` less the
    umask), not the owner-only ones of a temporary file.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        if "b" in mode:
            fh = os.fdopen(fd, mode, buffering=1 << 20)
        else:
            fh = os.fdopen(fd, mode, buffering=1 << 20, encoding="utf-8", newline="")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
