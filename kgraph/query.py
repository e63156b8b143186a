"""Query: SPARQL over a built graph with Oxigraph, and the named queries under ``ontology/queries/``.

The ontology prefixes (:data:`kgraph.vocab.PREFIXES`: ``kg:``, ``kgr:``, ``rdfs:``, …) are
predeclared, so a query may say ``kg:Fine`` without a PREFIX line; a PREFIX line in the query
overrides them. Oxigraph takes them as parser defaults, so no text is added to the query and a
syntax error's line and column are the user's own.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://kgraph.example/id/org/KT"),
...                   ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
...                   ox.Literal("KT", language="ko")))
>>> result = query(store, "SELECT ?org ?name WHERE { ?org rdfs:label ?name }")
>>> result.variables
('org', 'name')
>>> result.values()
[('https://kgraph.example/id/org/KT', 'KT')]
>>> query(store, 'ASK { ?org rdfs:label "KT"@ko }').boolean
True
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rich.cells import cell_len

from .emit import FORMATS, format_for, serialize, write_atomic
from .lexicon import ontology_dir
from .store import open_store
from .vocab import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

#: SPARQL result formats for SELECT and ASK results, by name.
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}

#: Output format names by file extension (RDF formats for CONSTRUCT/DESCRIBE included).
OUTPUT_EXTENSIONS: dict[str, str] = {
    ".csv": "csv", ".tsv": "tsv", ".json": "json", ".srj": "json", ".xml": "xml", ".srx": "xml",
    ".txt": "table", **{ext: ext[1:] for ext in FORMATS},
}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(
    _XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte",
    )
)
_FLOAT_TYPES = frozenset((_XSD + "double", _XSD + "float"))


class QueryError(ValueError):
    """A query cannot be run: bad parameters, an unknown named query, a failed evaluation."""


class QuerySyntaxError(QueryError):
    """A SPARQL syntax error, at ``line`` and ``column`` (both from 1) of the query text.

    ``column`` counts characters, not bytes. ``source`` names the query file when there is one.
    """

    def __init__(self, detail: str, line: int, column: int, text: str, source: str | None = None):
        self.detail = detail
        self.line = line
        self.column = column
        self.text = text
        self.source = source
        super().__init__(self.describe())

    def describe(self, source: str | None = None) -> str:
        """The message, with the offending line and a caret under the column."""
        source = source or self.source
        where = f"{source}:{self.line}:{self.column}" if source else f"line {self.line}, column {self.column}"
        lines = self.text.splitlines() or [""]
        excerpt = lines[self.line - 1] if 0 < self.line <= len(lines) else ""
        caret = " " * _width(excerpt[: max(self.column - 1, 0)].expandtabs(4)) + "^"
        return f"{where}: SPARQL syntax error: {self.detail}\n    {excerpt.expandtabs(4)}\n    {caret}"


class UnknownQueryError(QueryError):
    """No named query has the given name; the message lists the names there are."""


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a named query (``# param: org (default 과학기술정보통신부) …``)."""

    name: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped as an ``.rq`` file under ``ontology/queries/``, with its comment header."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    text: str
    path: Path

    def bind(self, given: Mapping[str, object] | None = None) -> dict[str, object]:
        """The parameter values to run with: ``given`` over the defaults.

        Raises:
            QueryError: a name that is not a parameter, or a parameter with no value and no default.
        """
        given = dict(given or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            has = ", ".join(sorted(known)) or "none"
            raise QueryError(f"query {self.name} has no parameter {', '.join(unknown)} (its parameters: {has})")
        values: dict[str, object] = {}
        for p in self.params:
            if p.name in given:
                values[p.name] = given[p.name]
            elif p.default is not None:
                values[p.name] = p.default
            else:
                raise QueryError(f"query {self.name} needs a value for parameter {p.name}")
        return values


@dataclass(frozen=True)
class QueryResult:
    """The result of a query, whatever its form.

    - ``kind == "select"``: ``variables`` names the columns and ``rows`` holds one tuple per
      solution, of pyoxigraph terms (``NamedNode``, ``Literal``, ``BlankNode``) or ``None`` where
      a variable is unbound. :meth:`values` gives plain Python values instead.
    - ``kind == "ask"``: ``boolean`` is the answer.
    - ``kind == "graph"`` (CONSTRUCT, DESCRIBE): ``triples`` holds the pyoxigraph triples,
      without duplicates, sorted.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def values(self) -> list[tuple[object, ...]]:
        """The rows as Python values (see :func:`to_python`): ints for integers, str for the rest.

        >>> QueryResult("select", ("n",), [(ox.Literal("5", datatype=ox.NamedNode(_XSD + "integer")),)]).values()
        [(5,)]
        """
        return [tuple(to_python(t) for t in row) for row in self.rows]

    def serialize(self, fmt: str) -> bytes:
        """The result in format ``fmt``.

        SELECT and ASK: ``csv``, ``tsv``, ``json`` (SPARQL 1.1 JSON results), ``xml``, or
        ``table`` (aligned text). CONSTRUCT and DESCRIBE: an RDF format by extension (``ttl``,
        ``nt``, ``nq``, ``trig``, ``jsonld``, ``rdf``, ``n3``) or ``table`` (subject, predicate,
        object).

        >>> QueryResult("ask", boolean=True).serialize("json")
        b'{"head":{},"boolean":true}'

        Raises:
            QueryError: ``fmt`` is not a format for this kind of result.
        """
        fmt = fmt.lower().lstrip(".")
        if fmt == "table":
            return self.format_table().encode("utf-8")
        if self.kind == "graph":
            if "." + fmt not in FORMATS:
                raise QueryError(
                    f"{fmt} is not an RDF format for CONSTRUCT/DESCRIBE results; use table or one of "
                    + ", ".join(ext[1:] for ext in FORMATS)
                )
            return serialize(self.triples, format_for("result." + fmt))
        if fmt not in RESULT_FORMATS:
            raise QueryError(
                f"{fmt} is not a format for {self.kind.upper()} results; use table, {', '.join(RESULT_FORMATS)}"
            )
        if self.kind == "select" and self.variables:
            # TSV (terms as N-Triples) is the quickest way to hand rows to Oxigraph's writers.
            parsed = ox.parse_query_results(self._tsv(), format=ox.QueryResultsFormat.TSV)
        else:  # ASK, or no variables (which TSV cannot tell apart)
            parsed = ox.parse_query_results(self._json(), format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=RESULT_FORMATS[fmt])

    def write(self, path: str | os.PathLike[str], fmt: str | None = None) -> None:
        """Write the result to ``path`` atomically, in ``fmt`` or the format its extension names.

        Raises:
            QueryError: no format given and the extension names none, or a wrong format.
            OSError: the file cannot be written.
        """
        if fmt is None:
            suffix = Path(path).suffix.lower()
            if suffix not in OUTPUT_EXTENSIONS:
                raise QueryError(f"{path}: cannot tell the format from the extension {suffix or '(none)'}")
            fmt = OUTPUT_EXTENSIONS[suffix]
        write_atomic(path, self.serialize(fmt))

    def format_table(self, max_width: int | None = None) -> str:
        """The result as an aligned text table (Korean wide characters count two columns).

        With ``max_width``, the widest columns are cut (ending in ``…``) to fit.

        >>> r = QueryResult("select", ("기관", "n"), [(ox.Literal("경찰청"), ox.Literal("1"))])
        >>> print(r.format_table(), end="")
        기관    n
        ──────  ─
        경찰청  1
        (1 row)
        """
        if self.kind == "ask":
            return "true\n" if self.boolean else "false\n"
        if self.kind == "graph":
            header: tuple[str, ...] = ("subject", "predicate", "object")
            cells = [[display_term(t.subject), display_term(t.predicate), display_term(t.object)] for t in self.triples]
        else:
            header = self.variables
            cells = [[display_term(t) for t in row] for row in self.rows]
        widths = [_width(h) for h in header]
        for row in cells:
            for i, text in enumerate(row):
                w = _width(text)
                if w > widths[i]:
                    widths[i] = w
        if max_width is not None and widths:
            widths = _fit(widths, max_width - 2 * (len(widths) - 1))
        lines = [
            "  ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip(),
            "  ".join("─" * w for w in widths),
        ]
        for row in cells:
            lines.append("  ".join(_pad(text, w) for text, w in zip(row, widths)).rstrip())
        count = len(cells)
        noun = "triple" if self.kind == "graph" else "row"
        lines.append(f"({count} {noun}{'' if count == 1 else 's'})")
        return "\n".join(lines) + "\n"

    def _tsv(self) -> bytes:
        """SPARQL 1.1 TSV results, which Oxigraph reads back to write the other formats."""
        lines = ["\t".join("?" + v for v in self.variables)]
        lines.extend("\t".join("" if t is None else _nt_term(t) for t in row) for row in self.rows)
        return ("\n".join(lines) + "\n").encode("utf-8")

    def _json(self) -> bytes:
        """SPARQL 1.1 JSON results (for ASK, and for rows without variables)."""
        if self.kind == "ask":
            doc: dict = {"head": {}, "boolean": bool(self.boolean)}
        else:
            names = self.variables
            bindings = [
                {name: _json_term(t) for name, t in zip(names, row) if t is not None} for row in self.rows
            ]
            doc = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def query(
    graph: str | os.PathLike[str] | ox.Store,
    sparql: str | NamedQuery,
    *,
    store_dir: str | os.PathLike[str] | None = None,
    bindings: Mapping[str, object] | None = None,
) -> QueryResult:
    """Run a SPARQL query over a graph file (any format ``kgraph build`` writes) or a store.

    Args:
        graph: a graph file, read by its extension, or an open ``pyoxigraph.Store``.
        sparql: the query text, or a :class:`NamedQuery` (see :func:`load_query`).
        store_dir: keep the parsed graph in this folder and reuse it while the graph file is
            unchanged (see :func:`kgraph.store.open_store`); only for a graph file.
        bindings: values for variables of a SELECT query, e.g. ``{"org": "KT"}``; a ``str``
            becomes a plain literal, an ``int`` an ``xsd:integer``, a pyoxigraph term stays
            itself. They are bound with Oxigraph's substitutions, never pasted into the text,
            and a bound variable must be selected. A named query's defaults fill the rest.

    Returns:
        A :class:`QueryResult`.

    Raises:
        QuerySyntaxError: the query is not valid SPARQL (with line and column).
        QueryError: bad bindings, or the evaluation failed.
        GraphFileError: the graph file is missing or not valid RDF.
        OutputFormatError: the graph file's extension names no RDF format.
    """
    source = None
    if isinstance(sparql, NamedQuery):
        bindings = sparql.bind(bindings)
        source = sparql.path.name
        text = sparql.text
    else:
        text = sparql
    substitutions = {ox.Variable(name): to_term(name, value) for name, value in (bindings or {}).items()}
    if isinstance(graph, ox.Store):
        if store_dir is not None:
            raise QueryError("store_dir is for a graph file, not an open store")
        return _run(graph, text, substitutions, source)
    # Check the query on an empty store first: a typo is reported at once, not after parsing
    # a large graph (or building a --store folder for it).
    _run(ox.Store(), text, substitutions, source)
    return _run(open_store(graph, store_dir), text, substitutions, source)


def _run(store: ox.Store, text: str, substitutions: dict, source: str | None) -> QueryResult:
    try:
        raw = store.query(
            text,
            prefixes=PREFIXES,
            # A graph file in TriG or N-Quads may hold its triples in named graphs.
            use_default_graph_as_union=True,
            substitutions=substitutions or None,
        )
        if substitutions and not isinstance(raw, ox.QuerySolutions):
            raise QueryError("parameters bind variables of SELECT queries only")
        if isinstance(raw, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(raw))
        if isinstance(raw, ox.QueryTriples):
            unique = {str(t): t for t in raw}
            return QueryResult("graph", triples=[unique[k] for k in sorted(unique)])
        variables = tuple(v.value for v in raw.variables)
        return QueryResult("select", variables, [tuple(solution) for solution in raw])
    except SyntaxError as exc:
        raise _syntax_error(str(exc), text, source) from None
    except RuntimeError as exc:
        missing = re.search(r"variable \?(\S+) in its SELECT projection", str(exc))
        if missing:
            raise QueryError(
                f"parameter {missing.group(1)}: the query does not select ?{missing.group(1)} "
                "(parameters bind selected variables of a SELECT query)"
            ) from None
        raise QueryError(f"the query failed: {exc}") from None
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from None


def queries_dir() -> Path:
    """The folder of named queries (``ontology/queries/``, or the installed package data)."""
    return ontology_dir() / "queries"


def read_query_file(path: str | os.PathLike[str]) -> NamedQuery:
    """Read an ``.rq`` file with its ``# name:``, ``# description:`` and ``# param:`` header.

    A file without a header is named after the file and has no description.

    Raises:
        QueryError: a header line is malformed.
        OSError: the file cannot be read.
    """
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[QueryParam] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = re.match(r"#\s*(name|description|param)\s*:\s*(.*)$", stripped)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            pm = re.fullmatch(r"([A-Za-z_]\w*)(?:\s+\(default ([^)]*)\))?(?:\s+(.*))?", value)
            if not pm:
                raise QueryError(f"{p.name}:{lineno}: expected '# param: NAME (default VALUE) description'")
            params.append(QueryParam(pm.group(1), pm.group(2), pm.group(3) or ""))
        elif key in meta:
            raise QueryError(f"{p.name}:{lineno}: second '# {key}:' line")
        else:
            meta[key] = value
    return NamedQuery(meta.get("name") or p.stem, meta.get("description", ""), tuple(params), text, p)


def list_queries() -> list[NamedQuery]:
    """The named queries shipped under ``ontology/queries/``, sorted by name.

    >>> "police-referrals" in [q.name for q in list_queries()]
    True
    """
    return sorted((read_query_file(p) for p in queries_dir().glob("*.rq")), key=lambda q: q.name)


def load_query(name: str) -> NamedQuery:
    """The named query called ``name``.

    >>> load_query("police-referrals").description.startswith("Police referrals")
    True

    Raises:
        UnknownQueryError: no query has that name; the message lists those there are.
    """
    queries = list_queries()
    for q in queries:
        if q.name == name:
            return q
    raise UnknownQueryError(f"no named query {name!r}; the named queries are: {', '.join(q.name for q in queries)}")


def to_term(name: str, value: object) -> Term:
    """The RDF term a binding value stands for.

    >>> to_term("org", "KT")
    <Literal value=KT datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> to_term("n", 3)
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>

    Raises:
        TypeError: the value has no RDF counterpart; the message names the parameter.
    """
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "decimal"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise TypeError(f"parameter {name}: cannot bind a {type(value).__name__} value")


def parse_param_value(text: str) -> Term:
    """A command-line parameter value as a term: ``<IRI>`` or ``prefix:name`` (predeclared
    prefixes) is an IRI, anything else a plain string.

    >>> parse_param_value("kgr:org/KT")
    <NamedNode value=https://kgraph.example/id/org/KT>
    >>> parse_param_value("과기정통부")
    <Literal value=과기정통부 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if text.startswith("<") and text.endswith(">") and len(text) > 2:
        try:
            return ox.NamedNode(text[1:-1])
        except ValueError:
            return ox.Literal(text)
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return ox.NamedNode(PREFIXES[prefix] + local)
    return ox.Literal(text)


def to_python(term: Term | None) -> object:
    """A term as a Python value: ``int``, ``float``, ``Decimal`` or ``bool`` for numeric and
    boolean literals, the IRI or lexical form as ``str`` otherwise (dates stay ISO text), ``None``
    for unbound.

    >>> to_python(ox.Literal("과기정통부", language="ko"))
    '과기정통부'
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTEGER_TYPES:
                return int(term.value)
            if dt in _FLOAT_TYPES:
                return float(term.value)
            if dt == _XSD + "decimal":
                return Decimal(term.value)
        except (ValueError, InvalidOperation):
            return term.value  # an ill-typed literal keeps its text
        if dt == _XSD + "boolean" and term.value in ("true", "false", "1", "0"):
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Triple):
        return (to_python(term.subject), to_python(term.predicate), to_python(term.object))
    return term.value


def display_term(term: Term | None) -> str:
    """A term as a table cell: IRIs shortened with the kgraph prefixes, literals as their text.

    >>> display_term(ox.NamedNode("https://kgraph.example/id/org/KT"))
    'kgr:org/KT'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = ""
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")) and len(iri) > len(ns):
                best = prefix
        text = f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"
    elif isinstance(term, ox.Literal):
        text = term.value
    elif isinstance(term, ox.BlankNode):
        text = "_:" + term.value
    else:
        text = f"<< {display_term(term.subject)} {display_term(term.predicate)} {display_term(term.object)} >>"
    # One line per row: line breaks and tabs inside a value (an article body) become spaces.
    return text.translate(_ONE_LINE)


_ONE_LINE = str.maketrans({ch: " " for ch in "\t\n\r\x0b\x0c\x85\u2028\u2029"})


def _nt_term(term: Term) -> str:
    if isinstance(term, ox.Triple):
        return f"<<( {_nt_term(term.subject)} {_nt_term(term.predicate)} {_nt_term(term.object)} )>>"
    return str(term)  # N-Triples syntax, escapes included


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


_ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def _syntax_error(message: str, text: str, source: str | None) -> QuerySyntaxError:
    """Turn Oxigraph's ``error at LINE:COLUMN: expected one of …`` into a short message."""
    m = _ERROR_AT.search(message)
    if not m:
        return QuerySyntaxError(message, 1, 1, text, source)
    line, column, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    if "Prefix not found" in detail:
        lines = text.splitlines()
        before = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
        pm = re.search(r"(?<![\w?$<\"'])([A-Za-z][\w.-]*)?:[^\s:]*$", before)
        name = f"{pm.group(1) or ''}:" if pm else "a prefix"
        detail = f"unknown prefix {name} (predeclared: {', '.join(PREFIXES)}; declare others with PREFIX)"
    else:
        detail = _shorten_expected(detail)
        lines = text.splitlines()
        excerpt = lines[line - 1] if 0 < line <= len(lines) else ""
        slashed = re.search(r"(?<![\w<\"'])([A-Za-z][\w.-]*):([^\s<>\"'/]*/[^\s<>\"']*)", excerpt)
        if slashed and slashed.group(1) in PREFIXES:
            name = slashed.group(0).rstrip(".;,)}")
            escaped = re.sub(r"(?<!\\)/", r"\\/", name)
            detail += f" (a '/' in a prefixed name must be escaped: {escaped}, or write the full IRI in <…>)"
    return QuerySyntaxError(detail, line, column, text, source)


_EXPECTED_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:\'(?:[^\'\\]|\\.)*\'|[^\]\'])*\]|[^,\s][^,]*', re.S)


def _shorten_expected(detail: str) -> str:
    """``expected one of "(", …, ['0'..='9'], …`` without the character classes, at most 8 items."""
    head, sep, rest = detail.partition("expected one of ")
    if not sep:
        return detail
    items = [i.strip() for i in _EXPECTED_ITEM.findall(rest) if not i.startswith("[")]
    if not items:
        return head + "unexpected input"
    more = f", … ({len(items) - 8} more)" if len(items) > 8 else ""
    return head + "expected one of " + ", ".join(items[:8]) + more


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: Korean and other wide characters take two (rich's count)."""
    return len(text) if text.isascii() else cell_len(text)


def _pad(text: str, width: int) -> str:
    w = _width(text)
    if w <= width:
        return text + " " * (width - w)
    out, used = [], 0
    for ch in text:  # cut to width - 1 and end with an ellipsis
        cw = _width(ch)
        if used + cw > width - 1:
            break
        out.append(ch)
        used += cw
    return "".join(out) + "…" + " " * (width - 1 - used)


def _fit(widths: list[int], total: int) -> list[int]:
    """Cap the widest columns so that the widths sum to at most ``total`` (each keeps ≥ 6)."""
    if sum(widths) <= total:
        return widths
    lo, hi = 6, max(widths)
    while lo < hi:  # the largest cap that fits
        cap = (lo + hi + 1) // 2
        if sum(min(w, cap) for w in widths) <= total:
            lo = cap
        else:
            hi = cap - 1
    return [min(w, lo) for w in widths]
