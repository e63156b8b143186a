"""The build pipeline: ingest → analyse → extract → resolve → emit, with a report.

>>> result = build(["seeds"])
>>> result.report.articles_built
1
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

import pyoxigraph as ox

from .cache import ExtractionCache
from .emit import article_triples, build_triples, format_for, generate_triples, serialize, to_rdflib
from .ingest import DEFAULT_MAX_SIZE, find_article_files, load_articles
from .lexicon import load_lexicon
from .model import Article, KnowledgeBase, SkippedFile
from .resolve import Resolver
from .sortedgraph import SortedGraphWriter
from .workers import extract_many, prestart


class BuildError(RuntimeError):
    """The build cannot produce a graph (no articles, or a bad file under ``strict``)."""


@dataclass
class BuildReport:
    """What a build read, built, skipped and wrote."""

    files_read: int = 0
    articles_built: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, file it duplicates)
    triples: int = 0
    seconds: float = 0.0
    analysed: int = 0  # articles the analyser ran on
    cached: int = 0  # articles whose extraction came from the cache
    warnings: list[str] = field(default_factory=list)  # e.g. a cache that could not be used

    def as_dict(self) -> dict:
        """The report as plain data (for ``--report build.json``)."""
        return {
            "files_read": self.files_read,
            "articles_built": self.articles_built,
            "skipped": [
                {"path": s.path, "reason": s.reason, "line": s.line} for s in self.skipped
            ],
            "duplicates": [{"path": a, "duplicate_of": b} for a, b in self.duplicates],
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "analysed": self.analysed,
            "cached": self.cached,
            "warnings": list(self.warnings),
        }


@dataclass
class BuildResult:
    """The graph a build made, as sorted pyoxigraph triples, with the knowledge base and report."""

    knowledge_base: KnowledgeBase
    report: BuildReport
    _triples: list[ox.Triple] | None = field(default=None, repr=False, compare=False)
    #: The graph file the build wrote, if any: its knowledge base keeps articles without text.
    output: str | None = None

    @property
    def triples(self) -> list[ox.Triple]:
        """The graph as sorted triples, made on first use.

        A build that writes a file streams the graph to it instead, so that memory stays flat
        however large the graph is, and keeps the articles without their text (see
        :meth:`kgraph.resolve.Resolver.add`); the triples are then read back from that file.
        This list holds the whole graph.
        """
        if self._triples is None:
            if self.output is None:
                self._triples = build_triples(self.knowledge_base)
            else:
                parsed = {str(q.triple): q.triple for q in ox.parse(path=self.output, format=format_for(self.output))}
                self._triples = [parsed[k] for k in sorted(parsed)]
        return self._triples

    def serialize(self, fmt: str = "ttl") -> bytes:
        """The graph in an RDF format named by extension (``ttl``, ``nt``, ``jsonld``, …)."""
        return serialize(self.triples, format_for("graph." + fmt.lstrip(".")))

    def to_rdflib(self):  # -> rdflib.Graph
        """The graph as an ``rdflib.Graph``."""
        return to_rdflib(self.triples)


Progress = Callable[[str, int, int], None]  # (path, done, total)


def build(
    paths: Iterable[str | os.PathLike[str]],
    *,
    output: str | os.PathLike[str] | None = None,
    strict: bool = False,
    encoding: str = "utf-8",
    jobs: int = 1,
    isolate: bool = True,
    progress: Progress | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    shards: str | os.PathLike[str] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> BuildResult:
    """Build a knowledge graph from the article files under ``paths``.

    Args:
        paths: files or folders (walked recursively for .md, .markdown and .txt files).
        output: where to write the graph; the extension picks the format. None writes nothing.
        strict: fail on the first file that cannot be read instead of skipping it.
        encoding: ``"utf-8"`` (report other encodings) or ``"auto"`` (convert CP949/EUC-KR, UTF-16).
        jobs: worker processes analysing articles (each loads its own Kiwi once).
        isolate: analyse in worker processes, so that an analyser crash on one article skips
            that article instead of ending the build (the default). ``False`` analyses in this
            process.
        progress: called after each file with (path, files done, files in all).
        cache_dir: keep each article's extraction in this folder and analyse only articles
            whose file, ``encoding`` or extractor changed since (see :mod:`kgraph.cache`);
            None (the default) analyses every article. The output is the same either way.
        max_size: skip files larger than this many bytes (None: no limit).
        shards: also write the graph as N-Quads shards in this folder, for ``oxigraph load``
            (see :mod:`kgraph.sortedgraph`); needs ``output``, which is then merged from them.
        engine: ``"local"`` (worker processes on this machine) or ``"dask"``: read and analyse
            on Dask workers (see :mod:`kgraph.dask_engine`; ``pip install 'kgraph[dask]'``).
            Paths may then be fsspec URLs. The output is the same.
        scheduler: the Dask scheduler's address; None starts a local cluster of ``jobs``
            worker processes.

    Returns:
        The triples, the resolved knowledge base and a :class:`BuildReport`. The output is the
        same whatever ``jobs`` and ``isolate`` are.

    Raises:
        BuildError: no article could be read, or ``strict`` and a file was bad.
        FileNotFoundError: a path, or the folder of ``output``, does not exist.
        OutputFormatError: ``output`` has an unknown extension (checked before any work).
    """
    started = time.perf_counter()
    paths = list(paths)
    if output is not None:
        format_for(output)
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):  # found now, not after hours of analysis
            raise FileNotFoundError(f"{output}: no such folder {folder}")
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    lexicon = load_lexicon()
    report = BuildReport()
    if shards is not None and output is None:
        raise ValueError("shards are written with the output: give output too")
    find_files, load, analyse = _engine(engine, scheduler, jobs=jobs, isolate=isolate)
    files = find_files(paths)
    total = len(files)
    if total == 0:
        raise BuildError(
            f"no article files (.md, .markdown, .txt) under {', '.join(map(str, paths))}"
        )
    done = 0

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(path, done, total)

    cache = ExtractionCache(cache_dir, encoding=encoding) if cache_dir is not None else None
    if cache is not None and engine == "local" and isolate and cache.expects_analysis(files, max_size=max_size):
        # A file will be analysed: its worker loads its Kiwi (seconds) while the cached files
        # are read, however late in the order the first file to analyse comes.
        prestart(jobs)
    order: dict[str, int] = {}  # file path -> its index in the build's files
    position: dict[int, int] = {}  # id(article) -> its file's index

    def readable() -> Iterator[Article]:
        """Articles to analyse: unreadable files and duplicates are reported here, in order."""
        seen: dict[tuple[str, str], str] = {}
        # A file the cache has an entry for is not parsed again (local engine: the entry is
        # looked up by the hash of the bytes just read).
        known = {"known": cache.known_article} if cache is not None and engine == "local" else {}
        for result in load(paths, encoding=encoding, max_size=max_size, **known):
            report.files_read += 1
            order.setdefault(result.path, report.files_read)
            if result.skipped is not None:
                _skip(report, result.skipped, strict)
                tick(result.path)
                continue
            article = result.article
            assert article is not None
            # The same article twice (re-crawled under another file name) is built once.
            keys = [(k, v) for k in ("content_hash", "url", "id") if (v := article.get(k))]
            original = next((seen[k] for k in keys if k in seen), None)
            if original is not None:
                report.duplicates.append((article.path, original))
                if cache is not None:
                    cache.note_unanalysed(article)  # so that the next build expects no analysis of it
                tick(article.path)
                continue
            for k in keys:
                seen[k] = article.path
            position[id(article)] = report.files_read  # alive (so its id unique) until handled below
            yield article

    resolver = Resolver(lexicon)
    # With an output file, each article's own triples (its text above all) go to the sorted
    # writer as the article comes, and the knowledge base keeps the article without them.
    graph = SortedGraphWriter() if output is not None else None
    try:
        kb = _resolve(readable(), analyse, cache, resolver, graph, report, position, order, strict, tick)
        result = BuildResult(kb, report, output=None if output is None else os.fspath(output))
        if graph is not None:
            graph.add(generate_triples(kb, articles=False))
            report.triples = graph.write(output, shards=shards)
        else:
            report.triples = len(result.triples)
    finally:
        if graph is not None:
            graph.close()
    report.seconds = time.perf_counter() - started
    return result


def _resolve(articles: Iterable[Article], analyse, cache: ExtractionCache | None, resolver: Resolver,
             graph: SortedGraphWriter | None, report: BuildReport, position: dict[int, int],
             order: dict[str, int], strict: bool, tick: Callable[[str], None]) -> KnowledgeBase:
    """Extract ``articles`` (from the cache where it can) and resolve them; the knowledge base."""
    handled = 0
    # With a cache, extractions come as they are ready (hits at once, the analysed ones when
    # their worker is done), not in file order: resolution does not depend on the order, and the
    # knowledge base's articles and the skipped files are put back in file order below.
    results = cache.extract_as_ready(articles, analyse) if cache else analyse(articles)
    built: list[int] = []  # the file index of each article added to the resolver, in that order
    for article, extraction in results:
        handled += 1
        if isinstance(extraction, str):
            _skip(report, SkippedFile(article.path, extraction), strict)
        else:
            if graph is not None:
                graph.add(article_triples(extraction.analysed.article))
            resolver.add(extraction, keep_text=graph is None)
            built.append(position[id(article)])
            report.articles_built += 1
        tick(article.path)
    if cache is not None:
        report.cached, report.warnings = cache.hits, list(cache.warnings)
        kept = resolver.kb.articles
        assert len(kept) == len(built)
        kept[:] = [a for _, a in sorted(zip(built, kept), key=lambda pair: pair[0])]
        report.skipped.sort(key=lambda skipped: order.get(skipped.path, 0))
    report.analysed = handled - report.cached
    if report.articles_built == 0:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:3])
        raise BuildError(f"no article could be read ({reasons})")
    return resolver.finish()


def _engine(name: str, scheduler: str | None, *, jobs: int, isolate: bool):
    """The (find files, load articles, extract articles) functions of an engine."""
    if name == "local":
        if scheduler is not None:
            raise ValueError("a scheduler address is for engine='dask'")
        return find_article_files, load_articles, partial(extract_many, jobs=jobs, isolate=isolate)
    if name == "dask":
        from .dask_engine import DaskEngine

        dask = DaskEngine.connect(scheduler, workers=jobs)
        return dask.find_article_files, dask.load_articles, dask.extract_many
    raise ValueError(f"unknown engine {name!r}; use 'local' or 'dask'")


def _skip(report: BuildReport, skipped: SkippedFile, strict: bool) -> None:
    if strict:
        where = f":{skipped.line}" if skipped.line else ""
        raise BuildError(f"{skipped.path}{where}: {skipped.reason}")
    report.skipped.append(skipped)
