"""Cache: keep each article's extraction, so that a re-run analyses only the files that changed.

Analysis is nearly all of a build's time; resolution (merging entities across articles) and
emission are global, cheap, and always run on the whole build. So a build with a cache reads
every file, takes the extraction of each unchanged article from the cache, analyses the others,
and resolves everything together: the output is byte-identical to a clean build's. A deleted
file simply stops contributing its facts, and entities only it mentioned disappear.

An entry's key is the SHA-256 of the file's bytes (``Article.file_sha256``), the ``encoding``
option and the *extractor version*: a hash of the source of the modules that analyse and
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

Layout: ``DIR/<first 16 hex digits of the version>/<key[:2]>/<key>.pickle``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version as package_version
from pathlib import Path

from .emit import write_atomic
from .lexicon import load_lexicon
from .model import Article, Extraction

#: The modules whose code decides what an article's extraction is.
EXTRACTOR_MODULES = ("analyse", "extract", "lexicon", "numbers", "model", "workers")

_MAGIC = b"kgraph-extraction-cache 1\n"

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
        parts = (article.file_sha256, self.encoding, self.version)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / self.version[:16] / key[:2] / f"{key}.pickle"

    def get(self, article: Article) -> Extraction | None:
        """The cached extraction of ``article`` (under its current path), or None."""
        if not self._usable:
            return None
        try:
            data = self._path(self.key(article)).read_bytes()
        except OSError:
            return None
        payload = data[len(_MAGIC) + 32 :]
        if not data.startswith(_MAGIC) or data[len(_MAGIC) : len(_MAGIC) + 32] != hashlib.sha256(payload).digest():
            return None  # torn or corrupt: analyse again
        try:
            extraction = pickle.loads(payload)  # noqa: S301 - our own private, checksummed folder
        except Exception:  # an entry from an incompatible kgraph: analyse again
            return None
        if not isinstance(extraction, Extraction):
            return None
        cached = extraction.analysed.article
        if replace(cached, path=article.path) != article:
            return None  # the same bytes now read as another article (ingest changed)
        # The same file may have moved: the extraction takes the article's current path.
        return replace(extraction, analysed=replace(extraction.analysed, article=article))

    def put(self, article: Article, extraction: Extraction) -> None:
        """Store the extraction of ``article`` (atomically; a failure only disables the cache)."""
        if not self._usable:
            return
        payload = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        path = self._path(self.key(article))
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

        def misses() -> Iterator[Article]:
            nonlocal exhausted
            run = 0
            for article in source:
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
