"""Cache: keep each article's extraction, so that a re-run analyses only the files that changed.

Analysis is nearly all of a build's time; resolution (merging entities across articles) and
emission are global, cheap, and always run on the whole build. So a build with a cache reads
every file and hashes its bytes, takes the article and its extraction of each unchanged file
from the cache (without decoding or parsing the file again: see :meth:`known_article`),
analyses the others, and resolves everything together: the output is byte-identical to a
clean build's. A deleted file simply stops contributing its facts, and entities only it
mentioned disappear.

An entry's key is the SHA-256 of the file's bytes (``Article.file_sha256``), the ``encoding``
option and the *extractor version*: a hash of the source of the modules that read, analyse and
extract, of every lexicon under ``ontology/`` (``Lexicon.fingerprint``) and of the kiwipiepy
version. A change to any of them gives new keys, so a stale extraction is never used; a changed
lexicon re-analyses every article, since any article may hold one of its words. An entry is
also used only when the article read from the file now is the article it was made from (so a
change in how files are read invalidates it too).

Entries are pickles: loading a pickle can run code, so **the cache folder must be private to
the user**. It is created readable by its owner only, and a folder that belongs to someone else
or that others may write to is not used (the build goes on without the cache). Each entry is
checksummed and written atomically as soon as its article is analysed, so an interrupted build
resumes where it stopped and a torn or corrupt entry is only a miss. Entries are never pruned:
entries of old versions and deleted files stay until the folder is deleted, which is always
safe.

A file that a build reads but does not analyse, a duplicate of another file, gets an entry
holding its article only (a *mark*, :meth:`ExtractionCache.note_unanalysed`), which is a miss
like no entry at all: it only tells :meth:`ExtractionCache.expects_analysis` that the next build
need not start an analyser for that file.

Layout: ``DIR/<first 16 hex digits of the version>/<key[:2]>/<key>.pickle``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import queue as queues
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version as package_version
from pathlib import Path

from .emit import write_atomic
from .ingest import DEFAULT_MAX_SIZE, IngestError, read_article
from .lexicon import load_lexicon
from .model import Article, Extraction

#: The modules whose code decides what an article and its extraction are (``ingest`` too, since
#: a cached file is not parsed again: see :meth:`ExtractionCache.known_article`).
EXTRACTOR_MODULES = ("ingest", "analyse", "extract", "lexicon", "numbers", "tables", "model", "workers")
#: Entries read by :meth:`ExtractionCache.known_article` and kept until :meth:`~ExtractionCache.get`
#: asks for them (a build asks at once; this only bounds what unused look-ups can hold).
_READ_AHEAD = 256

_MAGIC = b"kgraph-extraction-cache 1\n"
_END = object()  # the end of a queue between the build and the analyser thread

Extract = Callable[[Iterable[Article]], Iterator[tuple[Article, "Extraction | str"]]]


def extractor_version() -> str:
    """A hash of everything that decides an extraction besides the article itself.

    That is the source of :data:`EXTRACTOR_MODULES`, the lexicons (``Lexicon.fingerprint``) and
    the kiwipiepy version.

    >>> len(extractor_version())
    64
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for name in EXTRACTOR_MODULES:
        digest.update(name.encode() + b"\0" + (package / f"{name}.py").read_bytes() + b"\0")
    digest.update(load_lexicon().fingerprint.encode() + b"\0")
    try:
        digest.update(b"kiwipiepy " + package_version("kiwipiepy").encode())
    except PackageNotFoundError:  # pragma: no cover - kiwipiepy is a dependency
        digest.update(b"kiwipiepy unknown")
    return digest.hexdigest()


class ExtractionCache:
    """A folder of extractions keyed by file content, ``encoding`` and extractor version.

    Args:
        folder: the cache folder (created, private to the user, when missing).
        encoding: the build's ``encoding`` option (it decides how bytes become an article).
        version: the extractor version; default :func:`extractor_version`.

    The cache never fails a build: when the folder cannot be used or written (someone else's
    folder, a read-only or full disk), :attr:`warnings` says why and the build goes on without
    it. :attr:`hits` counts the articles taken from the cache, :attr:`analysed` the articles
    handed to the analyser.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     cache = ExtractionCache(folder, version="0" * 64)
    ...     cache.hits, cache.analysed, cache.warnings
    (0, 0, [])
    """

    def __init__(self, folder: str | os.PathLike[str], *, encoding: str = "utf-8",
                 version: str | None = None) -> None:
        self.folder = Path(folder)
        self.encoding = encoding
        self.version = version or extractor_version()
        self.hits = 0
        self.analysed = 0
        self.warnings: list[str] = []
        self._usable = self._check_folder()
        self._read: OrderedDict[str, Extraction] = OrderedDict()  # by key, from known_article

    def _check_folder(self) -> bool:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = self.folder.stat()
        except OSError as exc:
            self.warnings.append(f"cache {self.folder}: cannot use it ({exc.strerror or exc}); building without it")
            return False
        if hasattr(os, "geteuid") and (st.st_uid != os.geteuid() or st.st_mode & 0o022):
            # Unpickling runs code: never read entries that someone else could have written.
            self.warnings.append(
                f"cache {self.folder}: not used, because it belongs to another user or others "
                "can write to it (the cache must be private); building without it"
            )
            return False
        return True

    def key(self, article: Article) -> str:
        """The entry key of an article: its file's hash, the encoding and the extractor version."""
        return self._key(article.file_sha256)

    def _key(self, file_sha256: str) -> str:
        parts = (file_sha256, self.encoding, self.version)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / self.version[:16] / key[:2] / f"{key}.pickle"

    def _load(self, key: str) -> Extraction | None:
        """The entry under ``key``, checked; None when missing, torn, corrupt or foreign."""
        if not self._usable:
            return None
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        payload = data[len(_MAGIC) + 32 :]
        if not data.startswith(_MAGIC) or data[len(_MAGIC) : len(_MAGIC) + 32] != hashlib.sha256(payload).digest():
            return None  # torn or corrupt: analyse again
        try:
            extraction = pickle.loads(payload)  # noqa: S301 - our own private, checksummed folder
        except Exception:  # an entry from an incompatible kgraph: analyse again
            return None
        return extraction if isinstance(extraction, Extraction) else None

    def has_entry(self, file_sha256: str) -> bool:
        """Whether the cache holds an entry for a file whose bytes hash to ``file_sha256``
        (an extraction, or the mark of :meth:`note_unanalysed`); the entry is not checked."""
        return self._usable and os.path.exists(self._path(self._key(file_sha256)))

    def note_unanalysed(self, article: Article) -> None:
        """Mark the file of ``article`` as one that a build reads but does not analyse (a
        duplicate of another file), so that :meth:`expects_analysis` does not count it.

        The mark is an entry holding the article only: :meth:`get` and :meth:`known_article`
        take it for a miss, and the file's extraction replaces it if the file ever needs one.
        """
        if self._usable and not self.has_entry(article.file_sha256):
            self._write(self.key(article), article)

    def expects_analysis(self, files: Iterable[tuple[Path, Path]], *,
                         max_size: int | None = DEFAULT_MAX_SIZE) -> bool:
        """Whether a build of ``files`` (from :func:`kgraph.ingest.find_article_files`) will
        analyse any of them: whether one that reads as an article has no entry.

        Only a hint, so that a build can start its analyser's worker (and its Kiwi load) before
        it reaches the first such file (see :func:`kgraph.workers.prestart`): each file is read
        and hashed, and only files without an entry are decoded and parsed. It stops at the
        first such file; an unreadable one does not count. A file without an entry that the
        build does not analyse after all (a duplicate in its first build) makes it start the
        worker for nothing, which does not change the build's result.
        """
        if not self._usable:
            return False

        class Known(Exception):
            pass

        def known(file_sha256: str, _path: str) -> Article | None:
            if self.has_entry(file_sha256):
                raise Known  # cached (or marked): no need to decode and parse it
            return None

        for path, _ in files:
            try:
                read_article(path, encoding=self.encoding, max_size=max_size, known=known)
            except (Known, IngestError):
                continue
            return True
        return False

    def known_article(self, file_sha256: str, path: str) -> Article | None:
        """The article of a file whose bytes hash to ``file_sha256``, from its entry, under ``path``.

        For :func:`kgraph.ingest.read_article`'s ``known``: a file with an entry is not decoded
        and parsed again (the key covers the bytes, ``encoding`` and the code of
        :mod:`kgraph.ingest`, so the entry's article is what parsing would give). The entry is
        kept for the :meth:`get` of that article that follows. None when there is no usable entry.
        """
        key = self._key(file_sha256)
        extraction = self._load(key)
        if extraction is None:
            return None
        article = extraction.analysed.article
        if article.file_sha256 != file_sha256:
            return None
        if article.path != path:  # the same file may have moved
            article = replace(article, path=path)
            extraction = replace(extraction, analysed=replace(extraction.analysed, article=article))
        self._read[key] = extraction
        while len(self._read) > _READ_AHEAD:
            self._read.popitem(last=False)
        return article

    def get(self, article: Article) -> Extraction | None:
        """The cached extraction of ``article`` (under its current path), or None."""
        key = self.key(article)
        extraction = self._read.pop(key, None)
        if extraction is not None and (extraction.analysed.article is article or extraction.analysed.article == article):
            return extraction
        extraction = self._load(key)
        if extraction is None:
            return None
        cached = extraction.analysed.article
        if replace(cached, path=article.path) != article:
            return None  # the same bytes now read as another article (ingest changed)
        # The same file may have moved: the extraction takes the article's current path.
        return replace(extraction, analysed=replace(extraction.analysed, article=article))

    def put(self, article: Article, extraction: Extraction) -> None:
        """Store the extraction of ``article`` (atomically; a failure only disables the cache)."""
        if self._usable:
            self._write(self.key(article), extraction)

    def _write(self, key: str, value: Extraction | Article) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path = self._path(key)
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # No fsync: a torn entry fails its checksum and is analysed again.
            write_atomic(path, _MAGIC + hashlib.sha256(payload).digest() + payload, fsync=False)
        except OSError as exc:
            self.warnings.append(
                f"cache {self.folder}: cannot write ({exc.strerror or exc}); going on without it"
            )
            self._usable = False

    def extract(self, articles: Iterable[Article], extract: Extract,
                *, flush_after: int = 64) -> Iterator[tuple[Article, Extraction | str]]:
        """Yield ``(article, extraction or failure)`` in input order, analysing only cache misses.

        Args:
            articles: the articles of the build.
            extract: runs the analyser on an iterable of articles and yields results in order
                (:func:`kgraph.workers.extract_many` with its options bound).
            flush_after: after this many hits in a row, let the analyser finish what it holds so
                that the hits are yielded (for progress) instead of held back.

        Each new extraction is stored as soon as it comes back; failures are not stored, so a
        file that failed is tried again on the next build.
        """
        source = iter(articles)
        queue: deque[tuple[Article, Extraction | None]] = deque()  # input order, not yet yielded
        exhausted = False

        pulled = 0

        def misses() -> Iterator[Article]:
            nonlocal exhausted, pulled
            run = 0
            for article in source:
                pulled += 1
                hit = self.get(article)
                queue.append((article, hit))
                if hit is None:
                    run = 0
                    self.analysed += 1
                    yield article
                else:
                    self.hits += 1
                    run += 1
                    if run >= flush_after:
                        return
            exhausted = True

        while not exhausted:
            before = pulled
            for article, result in extract(misses()):
                while queue[0][1] is not None:
                    yield queue.popleft()  # type: ignore[misc]
                queued, _ = queue.popleft()
                assert queued is article, "the analyser must yield results in input order"
                if not isinstance(result, str):
                    self.put(article, result)
                yield article, result
            while queue:
                yield queue.popleft()  # type: ignore[misc]
            if pulled == before and not exhausted:
                raise RuntimeError("the analyser must read the articles it is given")

    def extract_as_ready(self, articles: Iterable[Article], extract: Extract,
                         *, read_ahead: int = 256) -> Iterator[tuple[Article, Extraction | str]]:
        """Yield ``(article, extraction or failure)`` for every article, hits at once and misses
        as their analysis comes back: **not in input order**.

        For a consumer whose result does not depend on the order (a build's resolution). The
        analyser (``extract``, as for :meth:`extract`) runs in a thread of its own, fed with the
        misses, so an incremental build takes its hits from the cache while the analyser's
        worker starts and loads its Kiwi, instead of waiting for it at the first miss. At most
        ``read_ahead`` misses wait for the analyser (then this waits for it). New extractions
        are stored as they come back; failures are not. When the consumer stops early, the
        analyser thread is stopped and waited for (it finishes what it holds; nothing more is
        stored).
        """
        todo: queues.SimpleQueue = queues.SimpleQueue()  # misses for the analyser, then _END
        done: queues.SimpleQueue = queues.SimpleQueue()  # (article, result), then (_END, error)
        stop = threading.Event()

        class Source:
            """The misses, as the analyser reads them; ``backlog()`` says how many wait."""

            def __iter__(self) -> Iterator[Article]:
                return self

            ended = False

            def __next__(self) -> Article:
                article = _END if self.ended or stop.is_set() else todo.get()
                if article is _END:
                    self.ended = True
                    raise StopIteration
                return article

            @staticmethod
            def backlog() -> int:
                return todo.qsize()

        def source() -> Source:
            return Source()

        def analyse() -> None:
            error: BaseException | None = None
            try:
                for pair in extract(source()):
                    if stop.is_set():
                        break
                    done.put(pair)
            except BaseException as exc:  # handed to the build's thread, which raises it
                error = exc
            done.put((_END, error))

        thread: threading.Thread | None = None
        waiting = 0  # misses handed to the analyser and not yet back

        def received(pair: tuple) -> tuple[Article, Extraction | str]:
            nonlocal waiting
            article, result = pair
            if article is _END:
                raise result if result is not None else RuntimeError("the analyser stopped early")
            waiting -= 1
            if not isinstance(result, str):
                self.put(article, result)
            return article, result

        try:
            for article in articles:
                hit = self.get(article)
                if hit is not None:
                    self.hits += 1
                    yield article, hit
                else:
                    self.analysed += 1
                    if thread is None:
                        thread = threading.Thread(target=analyse, name="kgraph-analyser", daemon=True)
                        thread.start()
                    todo.put(article)
                    waiting += 1
                    while waiting >= read_ahead:
                        yield received(done.get())
                while waiting:  # what has come back meanwhile, without waiting
                    try:
                        pair = done.get_nowait()
                    except queues.Empty:
                        break
                    yield received(pair)
            if thread is not None:
                todo.put(_END)
                while waiting:
                    yield received(done.get())
                article, error = done.get()  # the analyser's end
                assert article is _END
                if error is not None:
                    raise error
                thread.join()
        finally:
            if thread is not None and thread.is_alive():
                stop.set()
                todo.put(_END)
                thread.join()
