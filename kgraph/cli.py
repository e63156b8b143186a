"""The ``kgraph`` command line: a thin shell over the library API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .build import BuildError, BuildReport, build
from .emit import FORMATS, OutputFormatError
from .emit import write_atomic
from .lexicon import LexiconError


def _console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
def main() -> None:
    """Build an RDF knowledge graph from Korean news articles.

    \b
    Example:
        kgraph build seeds/ -o graph.ttl
    """


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help=f"Output file; the extension picks the format ({', '.join(FORMATS)}).",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on the first file that cannot be read.")
@click.option(
    "--encoding", type=click.Choice(["utf-8", "auto"]), default="utf-8", show_default=True,
    help="utf-8 reports files in other encodings; auto converts CP949/EUC-KR and UTF-16 files.",
)
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a JSON build report (files read, built, skipped, duplicates, triples, time).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; print only problems and the summary line.")
def build_cli(paths: tuple[Path, ...], output: Path, strict: bool, encoding: str,
              report_path: Path | None, quiet: bool) -> None:
    """Build a knowledge graph from article files under PATHS.

    Folders are read recursively (.md, .markdown and .txt files with YAML front matter).
    A file that cannot be read is reported with the reason and skipped; --strict fails instead.

    \b
    Examples:
        kgraph build seeds/ -o graph.ttl
        kgraph build crawl/2025-12/ crawl/2026-01/ -o graph.nt --report build.json
        kgraph build legacy/ -o graph.ttl --encoding auto
    """
    console = _console()
    show = not quiet and console.is_terminal
    try:
        with Progress(
            TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.description}"), console=console, disable=not show, transient=True,
        ) as bar:
            task = bar.add_task("", total=None)

            def tick(path: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=path)

            result = build(paths, output=output, strict=strict, encoding=encoding, progress=tick)
    except (BuildError, OutputFormatError, LexiconError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write: {exc.strerror or exc}") from None
    report = result.report
    _print_report(console, report, output)
    if report_path is not None:
        write_atomic(report_path, (json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n").encode())


def _print_report(console: Console, report: BuildReport, output: Path) -> None:
    for skipped in report.skipped:
        where = f":{skipped.line}" if skipped.line else ""
        console.print(f"[yellow]skipped[/] {skipped.path}{where}: {skipped.reason}")
    for path, original in report.duplicates:
        console.print(f"[yellow]duplicate[/] {path}: same article as {original}")
    summary = Table.grid(padding=(0, 2))
    summary.add_row("files read", str(report.files_read))
    summary.add_row("articles built", str(report.articles_built))
    summary.add_row("skipped", str(len(report.skipped)))
    summary.add_row("duplicates", str(len(report.duplicates)))
    summary.add_row("triples", str(report.triples))
    console.print(summary)
    console.print(f"wrote {output} in {report.seconds:.1f} s")


@main.command("eval")
@click.argument("articles", type=click.Path(exists=True, path_type=Path))
@click.argument("gold", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole evaluation as JSON.")
@click.option("--details/--no-details", default=True, show_default=True,
              help="List each miss, spurious item and wrong attribute with its sentence.")
def eval_cli(articles: Path, gold: Path, as_json: bool, details: bool) -> None:
    """Score extraction against gold annotations (format in corpus/README.md).

    Prints precision, recall and F1 per category (organizations, persons with role, incidents,
    measures, quantities, dates), the accuracy of organization types and of each measure's
    issuer, target, status and amount, facts wrongly read from distractor articles, and how
    many spellings each organization node absorbed.

    \b
    Examples:
        kgraph eval corpus/dev corpus/dev
        kgraph eval corpus/test corpus/test --json > eval.json
    """
    from .evaluate import GoldFileError, evaluate, summary_rows

    try:
        ev = evaluate([articles], gold)
    except GoldFileError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(ev.as_dict(), ensure_ascii=False, indent=2))
        return
    out = Console(highlight=False, soft_wrap=True)
    table = Table(title=f"{ev.articles} articles ({ev.distractor_articles} distractors)")
    for column in ("category", "precision", "recall", "F1 / accuracy", "counts"):
        table.add_column(column, justify="left" if column in ("category", "counts") else "right")
    for row in summary_rows(ev):
        table.add_row(*row)
    out.print(table)
    out.print(f"incidents or measures read from distractors: {len(ev.distractor_facts)}")
    if details:
        for name, score in ev.scores.items():
            for label, items in (("missed", score.misses), ("spurious", score.spurious)):
                for article, item, sentence in items:
                    out.print(f"[bold]{name}[/] {label} {article}: {item}" + (f"\n    {sentence}" if sentence else ""))
        for name, acc in ev.accuracies.items():
            for article, item, sentence in acc.wrong:
                out.print(f"[bold]{name}[/] wrong {article}: {item}" + (f"\n    {sentence}" if sentence else ""))
        for article, item, sentence in ev.distractor_facts:
            out.print(f"[bold]distractor[/] {article}: {item}\n    {sentence}")
    if ev.surface_forms:
        out.print("spellings absorbed per organization: " + "; ".join(
            f"{n} {c} ({', '.join(a)})" for n, c, a in ev.surface_forms[:15]))
    for path in ev.missing_gold:
        out.print(f"[yellow]no gold file[/] for {path}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
