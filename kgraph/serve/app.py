"""The endpoint as a WSGI application: ``/sparql``, the explorer's ``/api/…`` and its page.

Routes:

=====================  ==========================================================================
``GET/POST /sparql``   SPARQL 1.1 Protocol query operation (``query=`` in the URL or a form,
                       or a body of type ``application/sparql-query``)
``GET /api/search``    ``q=`` text → entities whose label, alias or title matches
``GET /api/entity``    ``iri=`` → the entity's story (see :func:`kgraph.explore.entity`)
``GET /api/queries``   the named queries (name, description, parameters, text)
``GET /api/named``     ``name=`` and ``param.NAME=`` → run a named query (SPARQL JSON results)
``GET /api/info``      counts of triples and of nodes by kind
``GET /``              the explorer page (files under ``kgraph/serve/static``)
=====================  ==========================================================================

Everything that reads the graph runs in the :class:`~kgraph.serve.pool.WorkerPool`, under
the per-query timeout. Nothing writes: every other method answers 405.
"""

from __future__ import annotations

import json
import mimetypes
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox

from .. import explore
from ..query import QueryError, list_queries, load_query
from .pool import PoolBusy, QueryTimeout, WorkerCrashed, WorkerPool
from .protocol import Answer, Refused, Wanted, check_read_only, negotiate, run_query

STATIC = Path(__file__).parent / "static"

StartResponse = Callable[..., object]


@dataclass(frozen=True)
class Limits:
    """What one request may cost."""

    #: Seconds a query may run before its worker is killed.
    timeout: float = 30.0
    #: Most solutions (or triples) returned; more are cut and the answer says so. 0: no cap.
    max_rows: int = 10_000
    #: Largest request body, in bytes.
    max_body: int = 1 << 20
    #: Origins allowed to call from a browser page of another site (CORS); empty: none.
    cors_origins: tuple[str, ...] = field(default_factory=tuple)


def handle_task(store: ox.Store, task: tuple) -> object:
    """Run one task in a query worker (the pool's handler)."""
    op = task[0]
    if op == "sparql":
        _, text, wanted, max_rows, default_graphs, named_graphs, params = task
        return run_query(store, text, wanted, max_rows, default_graphs, named_graphs, params)
    if op == "entity":
        return explore.entity(store, task[1])
    if op == "info":
        return explore.info(store)
    raise ValueError(f"unknown task {op!r}")


class HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: Iterable[tuple[str, str]] = ()):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = list(headers)


_REASONS = {
    200: "OK", 204: "No Content", 303: "See Other", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable", 411: "Length Required", 413: "Content Too Large",
    415: "Unsupported Media Type", 500: "Internal Server Error", 503: "Service Unavailable",
}


class Endpoint:
    """The WSGI application over a worker pool and a search index."""

    def __init__(self, pool: WorkerPool, index: explore.SearchIndex, limits: Limits = Limits(),
                 log: Callable[[str], None] | None = None):
        self.pool = pool
        self.index = index
        self.limits = limits
        self.log = log
        self._info: dict | None = None

    # --- WSGI ---

    def __call__(self, environ: dict, start_response: StartResponse) -> list[bytes]:
        began = time.perf_counter()
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = environ.get("PATH_INFO", "/") or "/"
        cors = self._cors_headers(environ)
        try:
            if method == "OPTIONS":
                status, headers, body = 204, [("Allow", "GET, POST, OPTIONS")], b""
                if cors:
                    headers += [("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                                ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                                ("Access-Control-Max-Age", "600")]
            else:
                status, headers, body = self._route(method, path, environ)
        except HTTPError as exc:
            status, headers, body = exc.status, exc.headers, (exc.message + "\n").encode("utf-8")
            headers = [("Content-Type", "text/plain; charset=utf-8"), *headers]
        except Refused as exc:
            status, headers, body = exc.status, [("Content-Type", "text/plain; charset=utf-8")], (exc.message + "\n").encode()
        headers = [*headers, *cors, ("Content-Length", str(len(body))), ("X-Content-Type-Options", "nosniff")]
        start_response(f"{status} {_REASONS.get(status, 'Error')}", headers)
        if self.log:
            ms = (time.perf_counter() - began) * 1000
            self.log(f"{method} {path} {status} {len(body)} B {ms:.0f} ms")
        return [b"" if method == "HEAD" else body]

    def _cors_headers(self, environ: dict) -> list[tuple[str, str]]:
        origin = environ.get("HTTP_ORIGIN")
        if origin and origin in self.limits.cors_origins:
            return [("Access-Control-Allow-Origin", origin), ("Vary", "Origin"),
                    ("Access-Control-Expose-Headers", "KGraph-Truncated, KGraph-Row-Limit, KGraph-Rows")]
        return [("Vary", "Origin")] if self.limits.cors_origins else []

    def _route(self, method: str, path: str, environ: dict) -> tuple[int, list, bytes]:
        if path == "/sparql":
            if method not in ("GET", "HEAD", "POST"):
                raise HTTPError(405, f"{method} is not allowed: this endpoint is read-only (queries only)",
                                [("Allow", "GET, POST, OPTIONS")])
            return self._sparql(method, environ)
        if method not in ("GET", "HEAD"):
            raise HTTPError(405, f"{method} is not allowed on {path}: this server is read-only",
                            [("Allow", "GET, OPTIONS")])
        args = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if path == "/api/search":
            limit = _int_arg(args, "limit", 20, 1, 200)
            return _json(200, self.index.search(_arg(args, "q") or "", limit))
        if path == "/api/entity":
            iri = _arg(args, "iri")
            if not iri:
                raise HTTPError(400, "give the entity as iri=…")
            try:
                return _json(200, self._run(("entity", iri)))
            except explore.UnknownEntity as exc:
                raise HTTPError(404, str(exc)) from None
        if path == "/api/info":
            if self._info is None:  # the store is read-only: count once
                self._info = {**self._run(("info",)), "limits": {
                    "timeout": self.limits.timeout, "max_rows": self.limits.max_rows}}
            return _json(200, self._info)
        if path == "/api/queries":
            return _json(200, [
                {"name": q.name, "description": q.description, "text": q.text,
                 "params": [{"name": p.name, "default": p.default, "description": p.description} for p in q.params]}
                for q in list_queries()
            ])
        if path == "/api/named":
            return self._named(args, environ)
        return self._static(path)

    # --- SPARQL ---

    def _sparql(self, method: str, environ: dict) -> tuple[int, list, bytes]:
        args = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        text: str | None = None
        if method == "POST":
            ctype = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            body = self._body(environ)
            if ctype == "application/sparql-update":
                raise HTTPError(403, "this endpoint is read-only: SPARQL updates are not allowed")
            if ctype == "application/sparql-query":
                text = _decode(body)
            elif ctype == "application/x-www-form-urlencoded":
                form = parse_qs(_decode(body), keep_blank_values=True)
                if "update" in form:
                    raise HTTPError(403, "this endpoint is read-only: SPARQL updates are not allowed")
                for key, values in form.items():
                    args.setdefault(key, []).extend(values)
            else:
                raise HTTPError(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")
        if "update" in args:
            raise HTTPError(403, "this endpoint is read-only: SPARQL updates are not allowed")
        if text is None:
            queries = args.get("query", [])
            if len(queries) != 1:
                if not queries and "text/html" in environ.get("HTTP_ACCEPT", ""):
                    return 303, [("Location", "/#/query")], b""
                raise HTTPError(400, "give exactly one query (query=…)" if queries else
                                "no query: give one as query=… (GET or form POST) or POST application/sparql-query")
            text = queries[0]
        wanted = negotiate(environ.get("HTTP_ACCEPT"), _arg(args, "format") or _arg(args, "output"))
        default_graphs = tuple(_iris(args.get("default-graph-uri", []), "default-graph-uri"))
        named_graphs = tuple(_iris(args.get("named-graph-uri", []), "named-graph-uri"))
        check_read_only(text)
        answer = self._run(("sparql", text, wanted, self.limits.max_rows, default_graphs, named_graphs, ()))
        return self._answer(answer)

    def _named(self, args: dict, environ: dict) -> tuple[int, list, bytes]:
        name = _arg(args, "name")
        if not name:
            raise HTTPError(400, "give the named query as name=…")
        try:
            q = load_query(name)
            given = {k[len("param."):]: v[-1] for k, v in args.items() if k.startswith("param.") and v[-1] != ""}
            bound = q.bind(given)
        except QueryError as exc:
            raise HTTPError(404 if "no named query" in str(exc) else 400, str(exc)) from None
        wanted = negotiate(environ.get("HTTP_ACCEPT"), _arg(args, "format"))
        params = tuple(sorted((k, str(v)) for k, v in bound.items()))
        answer = self._run(("sparql", q.text, wanted, self.limits.max_rows, (), (), params))
        return self._answer(answer)

    def _answer(self, answer: Answer) -> tuple[int, list, bytes]:
        headers = [("Content-Type", answer.media_type), ("KGraph-Rows", str(answer.rows))]
        if answer.truncated:
            headers += [("KGraph-Truncated", "true"), ("KGraph-Row-Limit", str(self.limits.max_rows))]
        return 200, headers, answer.body

    def _run(self, task: tuple) -> object:
        try:
            return self.pool.run(task, self.limits.timeout)
        except QueryTimeout as exc:
            raise HTTPError(503, f"{exc} (the server's limit is {self.limits.timeout:g} s)") from None
        except PoolBusy as exc:
            raise HTTPError(503, f"{exc}; try again", [("Retry-After", "5")]) from None
        except WorkerCrashed as exc:
            raise HTTPError(500, str(exc)) from None

    def _body(self, environ: dict) -> bytes:
        length = environ.get("CONTENT_LENGTH") or ""
        try:
            size = int(length) if length else 0
        except ValueError:
            raise HTTPError(400, "bad Content-Length") from None
        if size > self.limits.max_body:
            raise HTTPError(413, f"the request body is {size} bytes; the limit is {self.limits.max_body}")
        stream = environ["wsgi.input"]
        data = stream.read(size) if size else stream.read(self.limits.max_body + 1)
        if len(data) > self.limits.max_body:
            raise HTTPError(413, f"the request body is over the limit of {self.limits.max_body} bytes")
        return data

    # --- the page ---

    def _static(self, path: str) -> tuple[int, list, bytes]:
        rel = "index.html" if path in ("/", "/index.html") else path.lstrip("/")
        if not rel.startswith(("static/", "index.html")):
            raise HTTPError(404, f"nothing at {path}")
        rel = rel.removeprefix("static/")
        target = (STATIC / rel).resolve()
        if STATIC.resolve() not in target.parents or not target.is_file():
            raise HTTPError(404, f"nothing at {path}")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        return 200, [("Content-Type", ctype), ("Cache-Control", "no-cache")], target.read_bytes()


def _arg(args: dict, name: str) -> str | None:
    values = args.get(name)
    return values[-1] if values else None


def _int_arg(args: dict, name: str, default: int, low: int, high: int) -> int:
    raw = _arg(args, name)
    if raw is None or raw == "":
        return default
    try:
        return max(low, min(high, int(raw)))
    except ValueError:
        raise HTTPError(400, f"{name} must be a whole number") from None


def _iris(values: list[str], what: str) -> list[str]:
    for v in values:
        try:
            ox.NamedNode(v)
        except ValueError:
            raise HTTPError(400, f"{what}: {v!r} is not an IRI") from None
    return values


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPError(400, f"the request body is not UTF-8 (byte {exc.start})") from None


def _json(status: int, data: object) -> tuple[int, list, bytes]:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return status, [("Content-Type", "application/json; charset=utf-8")], body


__all__ = ["Endpoint", "Limits", "Wanted", "handle_task"]
