"""SPARQL 1.1 Protocol pieces: what a request may ask, in which format it is answered.

- :func:`check_read_only` refuses updates and federated queries (``SERVICE``) by reading the
  query's tokens, before anything runs: a ``SERVICE`` clause would make the server fetch any
  URL a caller names.
- :func:`negotiate` picks the result format from ``format=``/``output=`` or ``Accept``.
- :func:`run_task` executes a query in a query worker, stopping at the row cap.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pyoxigraph as ox

from ..query import QueryResult, parse_param_value
from ..vocab import PREFIXES


class Refused(Exception):
    """A request the endpoint will not run; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message

    def __reduce__(self):  # raised in a query worker, re-raised in the server
        return (Refused, (self.status, self.message))


# --- what a query may do -----------------------------------------------------------------

_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"})

# SPARQL's lexical tokens that can hold a keyword-looking text without being a keyword.
_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
    | (?P<string>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s(){}\[\],;.]*)
    | (?P<pname>[^\s(){}\[\],;<>"'=!&|+*/^]*:[^\s(){}\[\],;<>"'=!&|+*/^]*)
    | (?P<lang>@[A-Za-z0-9-]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(text: str) -> str:
    r"""SPARQL applies ``\uXXXX`` escapes before parsing; so must a check of its keywords."""

    def repl(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return _ESCAPE.sub(repl, text)


def keywords(query: str) -> list[str]:
    """The bare words of a query, upper-cased: keywords, function names and ``a``.

    Words inside comments, strings, IRIs, prefixed names, variables and language tags are not
    keywords and are skipped.

    >>> keywords('SELECT ?service WHERE { ?s <http://x/SERVICE> "SERVICE" } # SERVICE')
    ['SELECT', 'WHERE']
    >>> keywords(r'SELECT * { \u0053ERVICE <http://x/> { ?s ?p ?o } }')
    ['SELECT', 'SERVICE']
    """
    return [m.group("word").upper() for m in _TOKENS.finditer(_unescape(query)) if m.lastgroup == "word"]


def check_read_only(query: str) -> None:
    """Refuse a SPARQL update or a federated query before it runs.

    Raises:
        Refused: 403 for an update (INSERT, DELETE, LOAD, DROP, …) or a ``SERVICE`` clause.

    >>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
    >>> check_read_only("DROP ALL")
    Traceback (most recent call last):
    ...
    kgraph.serve.protocol.Refused: this endpoint is read-only: DROP (a SPARQL update) is not allowed
    """
    words = keywords(query)
    for word in words:
        if word == "SERVICE":
            raise Refused(403, "federated queries (SERVICE) are not allowed on this endpoint")
    for word in words:
        if word in _UPDATE_WORDS:
            raise Refused(403, f"this endpoint is read-only: {word} (a SPARQL update) is not allowed")


# --- result formats ------------------------------------------------------------------------

#: Media types for SELECT/ASK results, by the short name :meth:`QueryResult.serialize` takes.
RESULT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}

#: Media types for CONSTRUCT/DESCRIBE results, by RDF file extension.
GRAPH_TYPES: dict[str, str] = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "nq": "application/n-quads",
    "trig": "application/trig",
}

_ACCEPT_ALIASES: dict[str, tuple[str, str]] = {
    # media type: (kind, short name); kind is "results" or "graph"
    **{mt: ("results", name) for name, mt in RESULT_TYPES.items()},
    "application/json": ("results", "json"),
    "application/xml": ("results", "xml"),
    "text/xml": ("results", "xml"),
    **{mt: ("graph", name) for name, mt in GRAPH_TYPES.items()},
    "application/turtle": ("graph", "ttl"),
    "application/x-turtle": ("graph", "ttl"),
    "text/rdf+n3": ("graph", "ttl"),
    "text/n3": ("graph", "ttl"),
    "text/plain": ("graph", "nt"),
    "application/x-json+ld": ("graph", "jsonld"),
}

_FORMAT_PARAM: dict[str, tuple[str, str]] = {
    "json": ("results", "json"), "srj": ("results", "json"),
    "xml": ("results", "xml"), "srx": ("results", "xml"),
    "csv": ("results", "csv"), "tsv": ("results", "tsv"),
    "turtle": ("graph", "ttl"), "ttl": ("graph", "ttl"), "n3": ("graph", "ttl"),
    "nt": ("graph", "nt"), "ntriples": ("graph", "nt"), "n-triples": ("graph", "nt"),
    "jsonld": ("graph", "jsonld"), "json-ld": ("graph", "jsonld"),
    "rdfxml": ("graph", "rdf"), "rdf": ("graph", "rdf"), "rdf+xml": ("graph", "rdf"),
}


@dataclass(frozen=True)
class Wanted:
    """The formats a client will take: one for SELECT/ASK results, one for graphs, if any."""

    results: str | None
    graph: str | None
    #: True when the client named formats and none of them is one we write.
    unmet: bool = False

    def pick(self, kind: str) -> tuple[str, str]:
        """(short name, media type) for a result of ``kind`` (``select``, ``ask`` or ``graph``).

        Raises:
            Refused: 406 when the client accepts no format for this kind of result.
        """
        if kind == "graph":
            if self.graph is None and self.unmet:
                raise Refused(406, "no acceptable RDF format; accepted: " + ", ".join(GRAPH_TYPES.values()))
            name = self.graph or "ttl"
            return name, GRAPH_TYPES[name]
        if self.results is None and self.unmet:
            raise Refused(406, "no acceptable results format; accepted: " + ", ".join(RESULT_TYPES.values()))
        name = self.results or "json"
        return name, RESULT_TYPES[name]


def negotiate(accept: str | None, format_param: str | None = None) -> Wanted:
    """Read ``Accept`` (with q-values) and a ``format=``/``output=`` parameter.

    A known ``format=`` value wins (SPARQLWrapper and many endpoints send one); otherwise the
    client's most preferred media type of each kind. ``*/*`` or no header gives the defaults
    (SPARQL JSON results, Turtle).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml").results
    'xml'
    >>> negotiate("application/sparql-results+json,application/json,text/javascript").results
    'json'
    >>> negotiate(None, "turtle").graph
    'ttl'
    """
    results: str | None = None
    graph: str | None = None
    if format_param:
        known = _FORMAT_PARAM.get(format_param.strip().lower())
        if known:
            return Wanted(known[1], None) if known[0] == "results" else Wanted(None, known[1])
    if not accept or not accept.strip():
        return Wanted(None, None)
    offers: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            offers.append((-q, i, media))
    wildcard = False
    for _, _, media in sorted(offers):
        if media in ("*/*", "application/*", "text/*"):
            wildcard = True
            continue
        known = _ACCEPT_ALIASES.get(media)
        if known is None:
            continue
        if known[0] == "results" and results is None:
            results = known[1]
        elif known[0] == "graph" and graph is None:
            graph = known[1]
    unmet = not wildcard and results is None and graph is None and bool(offers)
    return Wanted(results, graph, unmet)


# --- running a query in a worker -------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """A serialized query result, ready to send."""

    body: bytes
    media_type: str
    kind: str
    rows: int
    truncated: bool


def run_query(
    store: ox.Store,
    text: str,
    wanted: Wanted,
    max_rows: int,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
    params: tuple[tuple[str, str], ...] = (),
) -> Answer:
    """Run ``text`` on ``store`` and serialize it as ``wanted``, keeping at most ``max_rows``.

    ``max_rows`` (0: no cap) bounds solutions of SELECT and triples of CONSTRUCT/DESCRIBE;
    when more were there, the answer says ``truncated`` and SPARQL JSON results carry a
    ``link`` in their head that says so too. ``params`` bind selected variables of a SELECT
    query (a named query's parameters), read as :func:`kgraph.query.parse_param_value` reads them.

    Raises:
        Refused: 400 for a syntax error (with line and column), 406 for no acceptable format.
    """
    options: dict = {"prefixes": PREFIXES}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        # A graph file in TriG or N-Quads may hold its triples in named graphs.
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if params:
        options["substitutions"] = {ox.Variable(k): parse_param_value(v) for k, v in params}
    try:
        raw = store.query(text, **options)
        truncated = False
        if isinstance(raw, ox.QueryBoolean):
            result = QueryResult("ask", boolean=bool(raw))
            count = 1
        elif isinstance(raw, ox.QueryTriples):
            triples = _take(raw, max_rows)
            truncated = max_rows > 0 and len(triples) > max_rows
            if truncated:
                triples = triples[:max_rows]
            result = QueryResult("graph", triples=triples)
            count = len(triples)
        else:
            variables = tuple(v.value for v in raw.variables)
            rows = [tuple(s) for s in _take(raw, max_rows)]
            truncated = max_rows > 0 and len(rows) > max_rows
            if truncated:
                rows = rows[:max_rows]
            result = QueryResult("select", variables, rows)
            count = len(rows)
    except SyntaxError as exc:
        raise Refused(400, f"SPARQL syntax error: {exc}") from None
    except (RuntimeError, OSError) as exc:
        raise Refused(500, f"the query failed: {exc}") from None
    name, media = wanted.pick(result.kind)
    body = result.serialize(name)
    if truncated and name == "json":
        doc = json.loads(body)
        doc["head"]["link"] = [f"urn:kgraph:truncated:max-rows={max_rows}"]
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if media.startswith("text/") or media.endswith(("+json", "+xml", "/json", "/xml")) or name in GRAPH_TYPES:
        media += "; charset=utf-8"
    return Answer(body, media, result.kind, count, truncated)


def _take(iterator, max_rows: int) -> list:
    """Up to ``max_rows + 1`` items (all of them when ``max_rows`` is 0)."""
    if max_rows <= 0:
        return list(iterator)
    out = []
    for item in iterator:
        out.append(item)
        if len(out) > max_rows:
            break
    return out
