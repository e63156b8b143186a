"""Read and analyse articles on a Dask cluster: ``kgraph build --engine dask``.

The Dask engine replaces the two per-article stages of a build and nothing else:

- *ingest*: Dask tasks read batches of files, from local paths (which every worker must see,
  as on a :class:`distributed.LocalCluster` or a shared disk) or from any fsspec URL
  (``s3://``, ``gs://``, ``https://``, ``memory://``, …), and parse them with the functions of
  :mod:`kgraph.ingest`;
- *extract*: Dask tasks analyse batches of articles with :func:`kgraph.workers.extract_one`,
  the function the local worker processes run, each Dask worker process loading its own Kiwi
  once.

Results come back to the client in input order, and the client does the rest exactly as a
local build does: it skips duplicates, resolves (resolution is global and cheap) and emits.
So the graph is byte-identical to the local engine's. ``--shards DIR`` (either engine) also
writes the final graph as N-Quads shards for ``oxigraph load`` (see :mod:`kgraph.sortedgraph`).

Dask is an optional extra: ``pip install 'kgraph[dask]'``. This module imports it only when an
engine is made, and says so clearly when it is missing.
"""

from __future__ import annotations

import atexit
import hashlib
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .ingest import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_SIZE,
    IngestError,
    IngestResult,
    decode_article_bytes,
    find_article_files,
    format_size,
    parse_article,
    read_article,
)
from .ingest import _display_path  # the local engine's display paths, so that outputs match
from .model import Article, Extraction, SkippedFile
from .workers import in_order

#: Files read per ingest task, and articles analysed per extract task (about half a second).
INGEST_BATCH = 64
EXTRACT_BATCH = 8

_CLIENTS: dict[tuple[str | None, int], "DaskEngine"] = {}


class DaskEngineError(RuntimeError):
    """The Dask engine cannot run: the ``dask`` extra is missing or the scheduler is unreachable."""


@dataclass(frozen=True)
class SourceFile:
    """An article file to read: a local path or an fsspec URL, and the path the graph records."""

    location: str
    display: str
    remote: bool


def is_url(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an fsspec URL rather than a local path.

    >>> is_url("s3://news/crawl/"), is_url("seeds/"), is_url("file:///tmp/seeds")
    (True, False, False)
    """
    text = os.fspath(path)
    return "://" in text and not text.startswith("file://")


def list_sources(paths: Iterable[str | os.PathLike[str]]) -> list[SourceFile]:
    """The article files under ``paths``, in the order a local build reads them.

    Local paths are listed by :func:`kgraph.ingest.find_article_files`, so that the recorded
    paths are the local engine's; URLs by fsspec (``.md``, ``.markdown``, ``.txt`` files under
    a folder URL, sorted, each recorded as the folder's name and the path below it).

    Raises:
        FileNotFoundError: a path or URL does not exist.
        DaskEngineError: a URL needs fsspec, which is not installed.
    """
    sources: list[SourceFile] = []
    local: list[str | os.PathLike[str]] = []

    def flush() -> None:
        for path, root in find_article_files(local):
            sources.append(SourceFile(str(path), _display_path(path, root), remote=False))
        local.clear()

    for path in paths:
        text = os.fspath(path)
        if not is_url(text):
            local.append(text.removeprefix("file://"))
            continue
        flush()
        fs, root = _fsspec().core.url_to_fs(text)
        if not fs.exists(root):
            raise FileNotFoundError(f"{text}: no such file or folder")
        if not fs.isdir(root):
            sources.append(SourceFile(text, text, remote=True))
            continue
        base = PurePosixPath(root.rstrip("/"))
        found = sorted(f for f in fs.find(root) if PurePosixPath(f).suffix.lower() in ARTICLE_SUFFIXES)
        for f in found:
            display = (PurePosixPath(base.name) / PurePosixPath(f).relative_to(base)).as_posix()
            sources.append(SourceFile(fs.unstrip_protocol(f), display, remote=True))
    flush()
    return sources


def read_source(source: SourceFile, *, encoding: str = "utf-8",
                max_size: int | None = DEFAULT_MAX_SIZE) -> IngestResult:
    """Read one article file (on a Dask worker): an article, or the reason it was skipped.

    A local file is read by :func:`kgraph.ingest.read_article`, as in a local build; a URL's
    bytes are read with fsspec and parsed by the same functions.
    """
    try:
        if not source.remote:
            article = read_article(Path(source.location), display=source.display,
                                   encoding=encoding, max_size=max_size)
        else:
            article = _read_url(source, encoding, max_size)
        return IngestResult(source.display, article=article)
    except IngestError as exc:
        return IngestResult(source.display, skipped=SkippedFile(source.display, exc.reason, exc.line))


def _read_url(source: SourceFile, encoding: str, max_size: int | None) -> Article:
    try:
        with _fsspec().open(source.location, "rb") as fh:
            data = fh.read() if max_size is None else fh.read(max_size + 1)
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from None
    if max_size is not None and len(data) > max_size:
        raise IngestError(f"too large for an article: more than {format_size(max_size)}, "
                          f"over the --max-size limit of {format_size(max_size)}")
    text = decode_article_bytes(data, encoding=encoding)
    return parse_article(text, source.display, file_sha256=hashlib.sha256(data).hexdigest())


def _ingest_batch(sources: list[SourceFile], encoding: str, max_size: int | None) -> list[IngestResult]:
    return [read_source(s, encoding=encoding, max_size=max_size) for s in sources]


def _extract_batch(articles: list[Article]) -> list[Extraction | str]:
    from .workers import extract_one

    return [extract_one(a) for a in articles]


def _warm_up() -> None:
    from .analyse import get_kiwi

    get_kiwi().tokenize("준비")  # the first analysis initialises the model lazily


class DaskEngine:
    """A Dask client that reads and analyses a build's articles (see the module docstring).

    Make one with :meth:`connect`; its three methods stand in for
    :func:`kgraph.ingest.find_article_files`, :func:`kgraph.ingest.load_articles` and
    :func:`kgraph.workers.extract_many` in :func:`kgraph.build.build`.
    """

    def __init__(self, client: Any, cluster: Any | None = None) -> None:
        self.client = client
        self.cluster = cluster
        self._listed: tuple[tuple[str, ...], list[SourceFile]] | None = None

    @classmethod
    def connect(cls, scheduler: str | None = None, *, workers: int = 1) -> DaskEngine:
        """The engine for ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``), or for a
        local cluster of ``workers`` processes when None. Kept open and reused by later builds
        of this process, like the local worker processes.

        Raises:
            DaskEngineError: dask is not installed, or the scheduler cannot be reached.
        """
        key = (scheduler, workers if scheduler is None else 0)
        engine = _CLIENTS.get(key)
        if engine is not None and engine.client.status == "running":
            return engine
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise DaskEngineError(
                "--engine dask needs Dask: pip install 'kgraph[dask]' (dask[distributed] and fsspec)"
            ) from None
        cluster = None
        try:
            if scheduler is None:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
                client = Client(cluster)
            else:
                client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise DaskEngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        client.run(_warm_up)  # every worker loads its Kiwi now, in parallel
        if not _CLIENTS:
            atexit.register(close_engines)
        engine = _CLIENTS[key] = cls(client, cluster)
        return engine

    def close(self) -> None:
        """Close the client (and the local cluster it started)."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def _workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def find_article_files(self, paths: Iterable[str | os.PathLike[str]]) -> list[SourceFile]:
        """The article files under ``paths`` (see :func:`list_sources`)."""
        key = tuple(os.fspath(p) for p in paths)
        if self._listed is None or self._listed[0] != key:
            self._listed = (key, list_sources(key))
        return self._listed[1]

    def load_articles(self, paths: Iterable[str | os.PathLike[str]], *, encoding: str = "utf-8",
                      max_size: int | None = DEFAULT_MAX_SIZE) -> Iterator[IngestResult]:
        """Read every article file under ``paths`` on the workers; results in file order."""
        sources = self.find_article_files(paths)
        batches = (sources[i : i + INGEST_BATCH] for i in range(0, len(sources), INGEST_BATCH))
        for results in self._in_order(batches, _ingest_batch, encoding, max_size):
            yield from results

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Extraction | str]]:
        """Analyse and extract ``articles`` on the workers; ``(article, extraction or reason)``
        in input order. A batch whose worker died is retried one article at a time, so that the
        article that kills the analyser is found and skipped."""
        pending: deque[list[Article]] = deque()

        def batches() -> Iterator[list[Article]]:
            batch: list[Article] = []
            for article in articles:
                batch.append(article)
                if len(batch) == EXTRACT_BATCH:
                    pending.append(batch)
                    yield batch
                    batch = []
            if batch:
                pending.append(batch)
                yield batch

        for results in self._in_order(batches(), _extract_batch, retry=self._extract_alone):
            yield from zip(pending.popleft(), results)

    def _extract_alone(self, batch: list[Article]) -> list[Extraction | str]:
        from distributed import KilledWorker

        out: list[Extraction | str] = []
        for article in batch:
            try:
                out.extend(self.client.submit(_extract_batch, [article], pure=False).result())
            except KilledWorker:
                out.append("the analyser crashed on this file (its Dask worker died); skipped")
        return out

    def _in_order(self, batches: Iterable[list], function, *args, retry=None) -> Iterator[list]:
        """Run ``function(batch, *args)`` on the cluster with a bounded number of batches in
        flight; yield the results in batch order (a batch whose worker died is given to
        ``retry``, or its ``KilledWorker`` raised when there is none; see
        :func:`kgraph.workers.in_order`)."""
        from distributed import KilledWorker

        for _, result in in_order(batches, lambda batch: self.client.submit(function, batch, *args, pure=False),
                                  window=4 * self._workers(), crash=KilledWorker, retry=retry):
            yield result


def close_engines() -> None:
    """Close every Dask client and local cluster this process opened."""
    while _CLIENTS:
        _, engine = _CLIENTS.popitem()
        try:
            engine.close()
        except Exception:  # closing at exit must not raise
            pass


def _fsspec():
    try:
        import fsspec
    except ImportError:
        raise DaskEngineError("reading URLs needs fsspec: pip install 'kgraph[dask]'") from None
    return fsspec
