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
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from .model import AnalysedArticle, Article, Extraction

#: Fault injection for tests: a worker aborts (like a C++ crash) on an article whose body
#: contains this marker. Unset in normal use.
CRASH_MARKER_ENV = "KGRAPH_TEST_ABORT_MARKER"

_POOLS: dict[int, ProcessPoolExecutor] = {}
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


def _discard(jobs: int) -> None:
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
    window = max(4, jobs * 8)
    pending: deque[tuple[Article, Future]] = deque()
    source = iter(articles)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            article = next(source, None)
            if article is None:
                exhausted = True
                break
            pending.append((article, _pool(jobs).submit(extract_one, article)))
        if not pending:
            return
        article, future = pending[0]
        try:
            result = future.result()
        except BrokenProcessPool:
            _discard(jobs)
            # Any pending article may have killed the worker: retry them one by one.
            retry = [a for a, _ in pending]
            pending.clear()
            for a in retry:
                yield a, _extract_alone(a)
            continue
        pending.popleft()
        yield article, result


def _extract_alone(article: Article) -> Extraction | str:
    """Extract one article in a worker of its own; a crash there is that article's fault."""
    try:
        return _pool(1).submit(extract_one, article).result()
    except BrokenProcessPool:
        _discard(1)
        return "the analyser crashed on this file (its worker process died); skipped"
