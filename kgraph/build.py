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

import pyoxigraph as ox

from .emit import build_triples, format_for, serialize, to_rdflib, write_atomic
from .ingest import find_article_files, load_articles
from .lexicon import load_lexicon
from .model import Article, KnowledgeBase, SkippedFile
from .resolve import Resolver
from .workers import extract_many


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
        }


@dataclass
class BuildResult:
    """The graph a build made, as sorted pyoxigraph triples, with the knowledge base and report."""

    triples: list[ox.Triple]
    knowledge_base: KnowledgeBase
    report: BuildReport

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

    Returns:
        The triples, the resolved knowledge base and a :class:`BuildReport`. The output is the
        same whatever ``jobs`` and ``isolate`` are.

    Raises:
        BuildError: no article could be read, or ``strict`` and a file was bad.
        FileNotFoundError: a path does not exist.
        OutputFormatError: ``output`` has an unknown extension (checked before any work).
    """
    started = time.perf_counter()
    paths = list(paths)
    if output is not None:
        format_for(output)
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    lexicon = load_lexicon()
    report = BuildReport()
    total = len(find_article_files(paths))
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

    def readable() -> Iterator[Article]:
        """Articles to analyse: unreadable files and duplicates are reported here, in order."""
        seen: dict[tuple[str, str], str] = {}
        for result in load_articles(paths, encoding=encoding):
            report.files_read += 1
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
                tick(article.path)
                continue
            for k in keys:
                seen[k] = article.path
            yield article

    resolver = Resolver(lexicon)
    for article, extraction in extract_many(readable(), jobs=jobs, isolate=isolate):
        if isinstance(extraction, str):
            _skip(report, SkippedFile(article.path, extraction), strict)
        else:
            resolver.add(extraction)
            report.articles_built += 1
        tick(article.path)
    if report.articles_built == 0:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:3])
        raise BuildError(f"no article could be read ({reasons})")
    kb = resolver.finish()
    triples = build_triples(kb)
    report.triples = len(triples)
    if output is not None:
        write_atomic(output, serialize(triples, format_for(output)))
    report.seconds = time.perf_counter() - started
    return BuildResult(triples, kb, report)


def _skip(report: BuildReport, skipped: SkippedFile, strict: bool) -> None:
    if strict:
        where = f":{skipped.line}" if skipped.line else ""
        raise BuildError(f"{skipped.path}{where}: {skipped.reason}")
    report.skipped.append(skipped)
