"""Query workers that can be killed: the endpoint's per-query timeout really stops the work.

Oxigraph cannot interrupt a running query, and a Python thread cannot be killed, so every
query runs in a worker *process* holding the store open read-only. A query that outlives its
timeout has its worker killed (the work stops at once) and a fresh worker takes its place.

The pool knows nothing of HTTP: a task is a picklable tuple, the answer a picklable value or
the exception the task raised.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection


class QueryTimeout(Exception):
    """A task ran past its time limit; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free in time (every worker is running a query)."""


class WorkerCrashed(Exception):
    """A worker died while running a task (the task may be what killed it)."""


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection


def _worker_main(conn: Connection, store_dir: str, handler_path: str) -> None:
    """Worker loop: open the store read-only, answer tasks until the pipe closes."""
    import importlib

    import pyoxigraph as ox

    module, _, name = handler_path.rpartition(".")
    handler: Callable = getattr(importlib.import_module(module), name)
    try:
        store = ox.Store.read_only(store_dir)
        # Warm up: the first query of a process pays for lazy initialisation.
        bool(store.query("ASK { ?s ?p ?o }"))
    except Exception as exc:
        conn.send(("error", exc))
        return
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = ("ok", handler(store, task))
        except Exception as exc:  # reported to the caller, which decides what it means
            answer = ("error", exc)
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # an answer that does not pickle
            conn.send(("error", RuntimeError(f"cannot return the result: {exc}")))


class WorkerPool:
    """``size`` worker processes over one read-only Oxigraph store folder.

    ``handler`` names a function ``f(store, task)`` by its dotted path (it is imported in each
    worker). :meth:`run` hands a task to a free worker and waits at most ``timeout`` seconds.
    """

    def __init__(self, store_dir: str, handler: str, size: int = 2, busy_wait: float = 30.0):
        self._store_dir = store_dir
        self._handler = handler
        self._size = max(1, size)
        self._busy_wait = busy_wait
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: set[int] = set()
        self._workers: list[_Worker] = []
        self._closed = False
        started = [self._start() for _ in range(self._size)]
        try:
            for worker in started:
                self._await_ready(worker)
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise

    @property
    def size(self) -> int:
        return self._size

    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers if w.process.pid is not None)

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_worker_main, args=(child, self._store_dir, self._handler), daemon=True, name="kgraph-query"
        )
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        with self._lock:
            self._workers.append(worker)
        return worker

    def _await_ready(self, worker: _Worker, timeout: float = 120.0) -> None:
        """Wait for a new worker to open the store; raise what stopped it (and kill it)."""
        try:
            if not worker.conn.poll(timeout):
                raise WorkerCrashed(f"a query worker did not start within {timeout:g} s")
            status, value = worker.conn.recv()
            if status != "ready":
                raise value
        except BaseException as exc:
            worker.process.kill()
            worker.process.join(5)
            with self._lock:
                if worker in self._workers:
                    self._workers.remove(worker)
            if isinstance(exc, (EOFError, OSError)):
                raise WorkerCrashed("a query worker stopped while opening the store") from None
            raise

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker and start its replacement."""
        try:
            worker.process.kill()
        except (OSError, ValueError):
            pass
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
            closed = self._closed
        if not closed:
            # The replacement reports ready on its first answer's pipe; wait for it in the
            # background so the caller whose query timed out is answered at once.
            threading.Thread(target=self._replace, daemon=True, name="kgraph-worker-start").start()

    def _replace(self) -> None:
        try:
            worker = self._start()
            self._await_ready(worker)
        except Exception:  # the store went away: later calls time out as busy, and say so
            return
        self._idle.put(worker)

    def run(self, task: object, timeout: float | None) -> object:
        """Run ``task`` on a free worker; its answer, or the exception the handler raised.

        Raises:
            PoolBusy: no worker was free within the pool's busy wait.
            QueryTimeout: the task took longer than ``timeout`` seconds (its worker was killed).
            WorkerCrashed: the worker died during the task.
        """
        try:
            worker = self._idle.get(timeout=self._busy_wait)
        except queue.Empty:
            raise PoolBusy(f"every query worker stayed busy for {self._busy_wait:g} s") from None
        try:
            worker.conn.send(task)
            if not worker.conn.poll(timeout):
                self._discard(worker)
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._discard(worker)
            raise WorkerCrashed("the query worker stopped unexpectedly") from None
        except QueryTimeout:
            raise
        except BaseException:
            self._discard(worker)
            raise
        self._idle.put(worker)
        if status == "error":
            raise value  # type: ignore[misc]
        return value

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            try:
                worker.conn.close()
            except OSError:
                pass
            worker.process.kill()
            worker.process.join(5)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
