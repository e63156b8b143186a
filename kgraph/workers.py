"""Run analysis and extraction in worker processes, isolated from the build.

kiwipiepy is C++: on pathological text it can abort the whole process, which Python cannot
catch. Articles are therefore analysed in worker processes (one ``Kiwi`` each, loaded once and
kept warm between builds of the same process). When a worker dies, the articles it may have been
working on are retried one at a time in a fresh worker, so the one that kills it is found,
reported and skipped, and the build goes on.

Results come back in input order, so output does not depend on scheduling.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any, TypeVar

from .model import AnalysedArticle, Article, Extraction

#: Fault injection for tests: a worker aborts (like a C++ crash) on an article whose body
#: contains this marker. Unset in normal use.
CRASH_MARKER_ENV = "KGRAPH_TEST_ABORT_MARKER"

_POOLS: dict[int, ProcessPoolExecutor] = {}
_PRESTARTED: dict[int, Future] = {}  # by jobs: the task of a worker started up front (prestart)
#: With a source that tells its backlog, another worker is started only when this many articles
#: per running worker wait (about what a worker analyses while another loads its Kiwi).
BACKLOG_PER_WORKER = 64
T = TypeVar("T")
R = TypeVar("R")
_SURROGATE = re.compile("[\ud800-\udfff]")


def slim(ex: Extraction) -> Extraction:
    """Drop the morphemes from an extraction: resolution needs sentences, not tokens."""
    sentences = tuple(replace(s, tokens=()) for s in ex.analysed.sentences)
    return replace(ex, analysed=AnalysedArticle(ex.analysed.article, sentences))


def extract_one(article: Article) -> Extraction | str:
    """Analyse and extract one article; an exception becomes its message (the file is skipped)."""
    from .analyse import analyse_article
    from .extract import extract_article

    marker = os.environ.get(CRASH_MARKER_ENV)
    if marker and marker in article.body:
        os.abort()
    if _SURROGATE.search(article.title) or _SURROGATE.search(article.body):
        # Only a library caller can pass these (files are decoded strictly); the analyser fails on them.
        return "the text holds lone surrogates (U+D800-U+DFFF), which are not Unicode text; decode files strictly"
    try:
        return slim(extract_article(analyse_article(article)))
    except Exception as exc:  # a bug or odd input in one article must not stop the build
        return f"extraction failed: {type(exc).__name__}: {exc}"


def _warm_up() -> None:
    from .analyse import get_kiwi

    get_kiwi().tokenize("준비")  # the first analysis initialises the model lazily


def _pool(jobs: int) -> ProcessPoolExecutor:
    pool = _POOLS.get(jobs)
    if pool is None:
        context = multiprocessing.get_context("spawn")  # never fork a process holding a Kiwi
        pool = _POOLS[jobs] = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_up)
    return pool


def _ready() -> None:
    """A task that does nothing: its worker is ready (Kiwi loaded) when it is done."""


def prestart(jobs: int) -> None:
    """Start one worker of :func:`extract_many`'s pool for ``jobs`` now, loading its Kiwi in
    the background, so that the first article handed to it later does not wait for the load.

    For an incremental build that knows it will analyse something before it reaches the first
    file to analyse. Its pool then grows as :func:`extract_many` needs (one worker for a small
    backlog). A worker that dies while loading breaks the pool as any crash does: the articles
    are then retried one at a time, as after any crash.
    """
    _PRESTARTED[jobs] = _pool(jobs).submit(_ready)


def _discard(jobs: int) -> None:
    _PRESTARTED.pop(jobs, None)
    pool = _POOLS.pop(jobs, None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def shutdown_workers(*, wait: bool = False) -> None:
    """Stop the worker processes kept warm between builds (they restart on the next build).

    ``wait=True`` waits until they have exited (so that their resource usage is counted, for
    benchmarks).
    """
    for jobs in list(_POOLS):
        if wait:
            _PRESTARTED.pop(jobs, None)
            _POOLS.pop(jobs).shutdown(wait=True)
        else:
            _discard(jobs)


def extract_many(articles: Iterable[Article], *, jobs: int = 1, isolate: bool = True) -> Iterator[tuple[Article, Extraction | str]]:
    """Yield ``(article, extraction or reason it failed)`` for each article, in input order.

    Args:
        articles: the articles to analyse.
        jobs: worker processes to use.
        isolate: run in worker processes (default). ``False`` runs in this process: faster to
            start, but an analyser crash then ends the process.
    """
    if not isolate:
        for article in articles:
            yield article, extract_one(article)
        return
    window: int | Callable[[], int] = max(4, jobs * 8)
    backlog = getattr(articles, "backlog", None)
    ready = _PRESTARTED.pop(jobs, None)
    if backlog is not None and jobs > 1:
        # A source that says how many articles wait (an incremental build's misses): start one
        # worker, and another only while the backlog outgrows them. Each worker loads a Kiwi
        # (seconds of CPU): for the few files a daily build changes, one is enough.
        allowed = 1

        def window() -> int:
            nonlocal allowed
            while True:
                while allowed < jobs and backlog() >= BACKLOG_PER_WORKER * allowed:
                    allowed += 1
                # A worker started up front (prestart) that is still loading its Kiwi is the
                # one worker a small backlog needs: wait for it instead of starting another.
                if allowed > 1 or ready is None or ready.done():
                    break
                wait_for([ready], timeout=0.05)
            # No more in flight than workers allowed: a submission finding none idle starts one.
            return max(4, jobs * 8) if allowed == jobs else allowed

    # A dead worker breaks every future of its pool (a pending one may also be cancelled by
    # the shutdown of the broken pool): all of them are retried alone.
    yield from in_order(
        articles, lambda article: _pool(jobs).submit(extract_one, article), window=window,
        crash=(BrokenProcessPool, CancelledError), retry=_extract_alone, after_crash=lambda: _discard(jobs),
    )


def in_order(items: Iterable[T], submit: Callable[[T], Any], *, window: int | Callable[[], int],
             crash: type[BaseException] | tuple[type[BaseException], ...],
             retry: Callable[[T], R] | None = None,
             after_crash: Callable[[], None] | None = None) -> Iterator[tuple[T, R]]:
    """Run each item on workers, at most ``window`` at a time; yield ``(item, result)`` in input order.

    The crash-isolation loop of the local worker processes and of the Dask engine.

    Args:
        items: the work, in order.
        submit: starts one item on the workers and returns its future (``.result()``).
        window: items in flight at most (or a function saying it, asked before each submission).
        crash: the exception(s) a future's result raises when its worker process died.
        retry: runs one item alone (so that a crash there is that item's own fault) and
            returns its result; None re-raises the crash instead.
        after_crash: called when a crash is seen, before the retry (e.g. to drop a broken pool).

    After a crash no new item is submitted until every item in flight has come back, each one
    whose result was lost being retried alone: so the item that kills a worker is always found
    by its own retry, never blamed for another's.
    """
    pending: deque[tuple[T, Any]] = deque()
    source = iter(items)
    exhausted = False
    limit = window if callable(window) else (lambda: window)
    while True:
        while not exhausted and len(pending) < limit():
            for item in source:
                pending.append((item, submit(item)))
                break
            else:
                exhausted = True
        if not pending:
            return
        item, future = pending.popleft()
        try:
            result = future.result()
        except crash:
            if retry is None:
                raise
            if after_crash is not None:
                after_crash()
            yield item, retry(item)
            while pending:  # what was in flight with it, before anything new
                item, future = pending.popleft()
                try:
                    result = future.result()
                except crash:
                    if after_crash is not None:
                        after_crash()
                    result = retry(item)
                yield item, result
            continue
        yield item, result


class WorkerStartError(RuntimeError):
    """Worker processes die before they run anything: the fault is not an article's."""


def _extract_alone(article: Article) -> Extraction | str:
    """Extract one article in a worker of its own; a crash there is that article's fault,
    unless a worker cannot even start (:class:`WorkerStartError`)."""
    try:
        return _pool(1).submit(extract_one, article).result()
    except BrokenProcessPool:
        _discard(1)
        if not _worker_starts():
            raise WorkerStartError(
                "worker processes die as they start, before analysing anything. Called from a "
                "script? Each worker process imports the script first (multiprocessing's spawn), "
                "so the call must be under `if __name__ == \"__main__\":`; or pass isolate=False "
                "with jobs=1 to analyse in this process") from None
        return "the analyser crashed on this file (its worker process died); skipped"


def _worker_starts() -> bool:
    """Whether a fresh worker process runs a task that cannot crash."""
    try:
        _pool(1).submit(os.getpid).result()
        return True
    except BrokenProcessPool:
        _discard(1)
        return False
