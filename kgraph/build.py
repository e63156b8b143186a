"""The build pipeline: ingest → analyse → extract → resolve → emit, with a report.

>>> result = build(["seeds"])
>>> result.report.articles_built
1
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from .analyse import analyse_article
from .emit import build_triples, format_for, serialize, to_rdflib, write_atomic
from .extract import extract_article
from .ingest import IngestResult, find_article_files, load_articles
from .lexicon import Lexicon, load_lexicon
from .model import Extraction, KnowledgeBase, SkippedFile
from .resolve import resolve


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
    progress: Progress | None = None,
) -> BuildResult:
    """Build a knowledge graph from the article files under ``paths``.

    Args:
        paths: files or folders (walked recursively for .md, .markdown and .txt files).
        output: where to write the graph; the extension picks the format. None writes nothing.
        strict: fail on the first file that cannot be read instead of skipping it.
        encoding: ``"utf-8"`` (report other encodings) or ``"auto"`` (convert CP949/EUC-KR, UTF-16).
        progress: called after each file with (path, files done, files in all).

    Returns:
        The triples, the resolved knowledge base and a :class:`BuildReport`.

    Raises:
        BuildError: no article could be read, or ``strict`` and a file was bad.
        FileNotFoundError: a path does not exist.
        OutputFormatError: ``output`` has an unknown extension (checked before any work).
    """
    started = time.perf_counter()
    paths = list(paths)
    if output is not None:
        format_for(output)
    lexicon = load_lexicon()
    report = BuildReport()
    total = len(find_article_files(paths))
    if total == 0:
        raise BuildError(
            f"no article files (.md, .markdown, .txt) under {', '.join(map(str, paths))}"
        )
    extractions: list[Extraction] = []
    seen: dict[tuple[str, str], str] = {}
    for done, result in enumerate(load_articles(paths, encoding=encoding), 1):
        report.files_read += 1
        _take(result, report, extractions, seen, strict, lexicon)
        if progress:
            progress(result.path, done, total)
    if not extractions:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:3])
        raise BuildError(f"no article could be read ({reasons})")
    kb = resolve(extractions, lexicon=lexicon)
    triples = build_triples(kb)
    report.triples = len(triples)
    if output is not None:
        write_atomic(output, serialize(triples, format_for(output)))
    report.seconds = time.perf_counter() - started
    return BuildResult(triples, kb, report)


def _take(
    result: IngestResult,
    report: BuildReport,
    extractions: list[Extraction],
    seen: dict[tuple[str, str], str],
    strict: bool,
    lexicon: Lexicon,
) -> None:
    if result.skipped is not None:
        if strict:
            where = f":{result.skipped.line}" if result.skipped.line else ""
            raise BuildError(f"{result.skipped.path}{where}: {result.skipped.reason}")
        report.skipped.append(result.skipped)
        return
    article = result.article
    assert article is not None
    # The same article twice (re-crawled under another file name) is built once.
    keys = [(k, v) for k in ("content_hash", "url", "id") if (v := article.get(k))]
    for key in keys:
        if key in seen:
            report.duplicates.append((article.path, seen[key]))
            return
    for key in keys:
        seen[key] = article.path
    extractions.append(extract_article(analyse_article(article, lexicon=lexicon), lexicon=lexicon))
    report.articles_built += 1
