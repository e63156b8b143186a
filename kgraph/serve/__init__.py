"""Serve a built graph: a read-only SPARQL 1.1 endpoint at ``/sparql`` and a web explorer at ``/``.

>>> from kgraph.serve import Server                                   # doctest: +SKIP
>>> with Server("graph.ttl", port=0) as server:                        # doctest: +SKIP
...     print(server.url)                                              # doctest: +SKIP
http://127.0.0.1:40123/

The graph is parsed once into an Oxigraph store on disk (``store_dir``, or a temporary folder
removed on close); queries run in worker processes that open it read-only, so a query past
its timeout is stopped by killing its worker. HTTP is served by waitress.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .. import explore
from ..store import open_store
from .app import Endpoint, Limits
from .pool import WorkerPool

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class Server:
    """A running endpoint; a context manager, or :meth:`start` / :meth:`close`.

    Args:
        graph: a graph file ``kgraph build`` wrote (any RDF format, by extension).
        store_dir: keep the parsed store in this folder and reuse it while the graph file is
            unchanged (as ``kgraph query --store``); default: a temporary folder.
        host, port: where to listen; port 0 takes a free port (see :attr:`url`).
        limits: timeout, row cap, body size and CORS origins (:class:`Limits`).
        workers: query worker processes (default: the number of CPUs, at most 4).
        threads: HTTP threads.
        log: called with one line per request, or None.
    """

    def __init__(self, graph: str | os.PathLike[str], store_dir: str | os.PathLike[str] | None = None,
                 host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits = Limits(),
                 workers: int | None = None, threads: int = 16, log: Callable[[str], None] | None = None):
        self.graph = Path(graph)
        self.host = host
        self.port = port
        self.limits = limits
        self.workers = workers or max(1, min(4, os.cpu_count() or 1))
        self.threads = threads
        self.log = log
        self._store_dir = Path(store_dir) if store_dir is not None else None
        self._temp: str | None = None
        self._pool: WorkerPool | None = None
        self._server = None
        self._thread: threading.Thread | None = None
        self.app: Endpoint | None = None

    @property
    def url(self) -> str:
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self.port}/"

    def prepare(self) -> Endpoint:
        """Parse the graph into the store folder, start the workers and build the search index."""
        if self._store_dir is None:
            self._temp = tempfile.mkdtemp(prefix="kgraph-serve-")
            folder = Path(self._temp)
        else:
            folder = self._store_dir
        store = open_store(self.graph, folder)
        del store  # close it: the workers and the index open it read-only
        db = str(folder / "oxigraph")
        reader = ox.Store.read_only(db)
        index = explore.SearchIndex.build(reader)
        del reader
        self._pool = WorkerPool(db, "kgraph.serve.app.handle_task", size=self.workers,
                                busy_wait=max(30.0, self.limits.timeout))
        self.app = Endpoint(self._pool, index, self.limits, self.log)
        return self.app

    def start(self) -> Server:
        """Prepare and serve in a background thread (returns once it listens)."""
        from waitress.server import create_server

        app = self.prepare()
        self._server = create_server(
            app, host=self.host, port=self.port, threads=self.threads,
            max_request_body_size=self.limits.max_body, ident="kgraph", clear_untrusted_proxy_headers=True,
            connection_limit=max(100, self.threads * 8), channel_timeout=max(120, int(self.limits.timeout) + 30),
        )
        self.port = self._server.effective_port  # type: ignore[union-attr]
        self._thread = threading.Thread(target=self._server.run, name="kgraph-http", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve (starting first if need be) until interrupted, then close."""
        if self._thread is None:
            self.start()
        assert self._thread is not None
        try:
            while self._thread.is_alive():
                self._thread.join(0.5)
        finally:
            self.close()

    def close(self) -> None:
        """Stop listening, stop the workers, remove a temporary store."""
        if self._server is not None:
            # Let the HTTP threads finish first: closing under them makes waitress complain.
            self._server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
            self._server.close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "Endpoint", "Limits", "Server"]
