"""The ``kgraph`` command line: a thin shell over the library API."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .build import BuildError, BuildReport, build
from .dask_engine import DaskEngineError
from .emit import FORMATS, OutputFormatError
from .ingest import DEFAULT_MAX_SIZE
from .emit import write_atomic
from .lexicon import LexiconError
from .query import OUTPUT_EXTENSIONS, RESULT_FORMATS


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


class ByteSize(click.ParamType):
    """A size in bytes: ``300000``, ``512K``, ``2M``, ``1G`` (K, M, G are powers of 1024)."""

    name = "size"
    _UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().removesuffix("b").removesuffix("i")
        number, unit = (text[:-1], text[-1]) if text[-1:] in "kmg" else (text, "")
        try:
            size = int(float(number) * self._UNITS[unit])
        except ValueError:
            self.fail(f"{value!r} is not a size such as 300000, 512K or 2M", param, ctx)
        if size < 1:
            self.fail("the size must be positive", param, ctx)
        return size


class PathOrURL(click.ParamType):
    """An existing local path, or an fsspec URL (``s3://bucket/crawl/``) kept as text."""

    name = "path"
    _path = click.Path(exists=True, path_type=Path)

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, str) and "://" in value and not value.startswith("file://"):
            return value
        return self._path.convert(value, param, ctx)


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=PathOrURL())
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
              help="Also write a JSON build report (files read, built, analysed, cached, skipped, "
                   "duplicates, triples, time).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes analysing articles (each loads its own analyser once).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; print only problems and the summary line.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Keep each article's analysis in DIR and redo only changed files "
                   "[default: .kgraph-cache beside the output].")
@click.option("--no-cache", is_flag=True, help="Analyse every article; read and write no cache.")
@click.option("--max-size", type=ByteSize(), default=f"{DEFAULT_MAX_SIZE // 1024}K", show_default=True,
              help="Skip files larger than SIZE (e.g. 300000, 512K, 2M): the analyser takes minutes on megabytes.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes here. dask: read and analyse on Dask workers "
                   "(pip install 'kgraph[dask]'); PATHS may then be fsspec URLs.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler (tcp://host:8786); without, a local cluster of --jobs workers.")
@click.option("--shards", "shards_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Also write the graph as N-Quads shards in DIR, for `oxigraph load` (see the README).")
def build_cli(paths: tuple[Path | str, ...], output: Path, strict: bool, encoding: str,
              report_path: Path | None, jobs: int, quiet: bool, cache_dir: Path | None,
              no_cache: bool, max_size: int, engine: str, scheduler: str | None,
              shards_dir: Path | None) -> None:
    """Build a knowledge graph from article files under PATHS.

    Folders are read recursively (.md, .markdown and .txt files with YAML front matter).
    A file that cannot be read is reported with the reason and skipped; --strict fails instead.
    Re-runs analyse only new and changed files (the cache is .kgraph-cache beside the output).

    \b
    Examples:
        kgraph build seeds/ -o graph.ttl
        kgraph build crawl/2025-12/ crawl/2026-01/ -o graph.nt --report build.json
        kgraph build legacy/ -o graph.ttl --encoding auto
        kgraph build archive/ -o graph.nt --jobs 2
        kgraph build crawl/ -o graph.ttl --cache ~/.cache/kgraph --max-size 1M
        kgraph build s3://news/crawl/ -o graph.nt --engine dask --scheduler tcp://10.0.0.5:8786
        kgraph build archive/ -o graph.nt --engine dask --jobs 2 --shards graph-shards/
    """
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")
    if no_cache and cache_dir is not None:
        raise click.UsageError("--cache and --no-cache exclude each other")
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

            cache = None if no_cache else cache_dir or output.parent / ".kgraph-cache"
            result = build(paths, output=output, strict=strict, encoding=encoding, jobs=jobs,
                           progress=tick, cache_dir=cache, max_size=max_size, engine=engine,
                           scheduler=scheduler, shards=shards_dir)
    except (BuildError, OutputFormatError, LexiconError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    except DaskEngineError as exc:  # no dask extra, or no scheduler at that address
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write: {exc.strerror or exc}") from None
    report = result.report
    _print_report(console, report, output)
    if report_path is not None:
        text = json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
        # A file name that is not UTF-8 holds lone surrogates: written as JSON escapes.
        write_atomic(report_path, text.encode("utf-8", "backslashreplace"))


@contextmanager
def _progress(console: Console, what: str):
    """A progress bar on a terminal; yields ``advance(done, total)``."""
    with Progress(
        TextColumn(f"[bold]{what}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console, disable=not console.is_terminal, transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _print_report(console: Console, report: BuildReport, output: Path) -> None:
    for skipped in report.skipped:
        where = f":{skipped.line}" if skipped.line else ""
        console.print(f"[yellow]skipped[/] {escape(skipped.path)}{where}: {escape(skipped.reason)}")
    for path, original in report.duplicates:
        console.print(f"[yellow]duplicate[/] {escape(path)}: same article as {escape(original)}")
    for warning in report.warnings:
        console.print(f"[yellow]warning[/] {escape(warning)}")
    summary = Table.grid(padding=(0, 2))
    summary.add_row("files read", str(report.files_read))
    summary.add_row("articles built", str(report.articles_built))
    summary.add_row("from the cache", str(report.cached))
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


_QUERY_FORMATS = ["table", *RESULT_FORMATS, *(ext[1:] for ext in FORMATS)]


@main.command("query")
@click.argument("graph", required=False, metavar="[GRAPH]", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("sparql", required=False, metavar="[QUERY]")
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Read the query from FILE ('-' reads standard input).")
@click.option("-n", "--name", metavar="NAME", help="Run a named query (see --list).")
@click.option("--list", "list_names", is_flag=True, help="List the named queries with their descriptions and exit.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE, a string (<IRI> and kg:/kgr:… names are IRIs). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(_QUERY_FORMATS, case_sensitive=False),
              help="SELECT/ASK: table, csv, tsv, json (SPARQL JSON), xml. CONSTRUCT/DESCRIBE: an RDF format "
                   "(ttl, nt, jsonld, …) or table. Default: table on a terminal, else csv; Turtle for graphs.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Keep the parsed graph in DIR and reuse it while GRAPH is unchanged (for large graphs).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result to FILE (format from --format, else from its extension).")
def query_cli(graph: Path | None, sparql: str | None, query_file: Path | None, name: str | None,
              list_names: bool, params: tuple[str, ...], fmt: str | None, store_dir: Path | None,
              output: Path | None) -> None:
    """Run a SPARQL query over GRAPH, a graph file kgraph build wrote (any of its formats).

    Give the query as QUERY, in a file (-f) or by name (--name; --list shows the named
    queries). The prefixes kg:, kgr:, rdf:, rdfs:, skos:, xsd:, owl:, schema: and prov: are
    predeclared. SELECT prints an aligned table on a terminal and CSV when piped; ASK prints
    true or false; CONSTRUCT and DESCRIBE print Turtle.

    \b
    Examples:
        kgraph query --list
        kgraph query graph.ttl --name police-referrals
        kgraph query graph.ttl --name org-timeline --param org=KT
        kgraph query graph.ttl 'SELECT ?name WHERE { ?o a kg:Company ; rdfs:label ?name }'
        kgraph query graph.nt -f q.rq --format json -o result.json
        kgraph query big.nt --store .kgraph-store --name incidents
    """
    from .query import QueryError, QuerySyntaxError, list_queries, load_query, parse_param_value, query
    from .store import GraphFileError

    if list_names:
        _print_named_queries(list_queries())
        return
    if graph is None:
        raise click.UsageError("missing GRAPH, the graph file to query")
    if sum(x is not None for x in (sparql, query_file, name)) != 1:
        raise click.UsageError("give the query as QUERY, with -f FILE or with --name NAME (one of them)")
    bindings = {}
    for item in params:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise click.UsageError(f"--param {item}: expected NAME=VALUE")
        bindings[key] = parse_param_value(value)
    if fmt is None and output is not None:
        fmt = OUTPUT_EXTENSIONS.get(output.suffix.lower())
        if fmt is None:
            raise click.ClickException(f"{output}: cannot tell the format from the extension; give --format")
    source = None
    try:
        if name is not None:
            text = load_query(name)
        elif query_file is not None:
            source = str(query_file)
            text = sys.stdin.read() if source == "-" else query_file.read_text(encoding="utf-8")
        else:
            text = sparql
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{query_file}: not UTF-8 text") from None
    except OSError as exc:
        raise click.ClickException(f"{query_file}: cannot read: {exc.strerror or exc}") from None
    try:
        result = query(graph, text, store_dir=store_dir, bindings=bindings or None)
    except QuerySyntaxError as exc:
        hint = "\n(QUERY is the query text; to read it from a file, use -f)" if sparql and Path(sparql).is_file() else ""
        raise click.ClickException(exc.describe(source) + hint) from None
    except (QueryError, GraphFileError, OutputFormatError, TypeError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # the store folder is in use or cannot be written
        raise click.ClickException(f"{store_dir or graph}: {exc.strerror or exc}") from None

    stdout = sys.stdout.buffer
    terminal = output is None and sys.stdout.isatty()
    if fmt is None:
        fmt = "ttl" if result.kind == "graph" else "table" if terminal or result.kind == "ask" else "csv"
    try:
        if fmt == "table" and terminal:
            data = result.format_table(max_width=shutil.get_terminal_size().columns).encode("utf-8")
        else:
            data = result.serialize(fmt)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    if output is not None:
        try:
            write_atomic(output, data)
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write: {exc.strerror or exc}") from None
        count = {"select": f"{len(result.rows)} rows", "graph": f"{len(result.triples)} triples"}
        _console().print(f"wrote {output} ({count.get(result.kind, str(result.boolean).lower())})")
        return
    if data and not data.endswith(b"\n"):
        data += b"\n"
    try:
        stdout.write(data)
        stdout.flush()
    except BrokenPipeError:  # `kgraph query … | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _print_named_queries(queries: list) -> None:
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        click.echo(f"{q.name.ljust(width)}  {q.description}")
        for p in q.params:
            default = f" (default {p.default})" if p.default is not None else ""
            click.echo(f"{'':{width}}    --param {p.name}=…{default} {p.description}".rstrip())


_KINDS = ("organization", "person", "incident", "measure", "article")


@main.command("export")
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="Output file; the extension picks the format: .graphml, .gexf, .csv (nodes; edges in NAME-edges.csv), "
         f".json, .png, .svg, .html (the explorer in one file), or an RDF format ({', '.join(FORMATS)}).",
)
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the parsed graph in DIR and reuse it while GRAPH is unchanged (for large graphs).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(_KINDS),
              help="Keep only nodes of this kind. Repeatable.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="Keep only what was reported on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="Keep only what was reported on or before this date.")
@click.option("--min-weight", type=click.IntRange(min=1), metavar="N", help="Keep only edges of at least this weight.")
def export_cli(graph: Path, output: Path, store_dir: Path | None, kinds: tuple[str, ...],
               since, until, min_weight: int | None) -> None:
    """Export GRAPH, a graph file kgraph build wrote, for Gephi, Cytoscape, web tools or a look.

    The extension of the output picks the format: .graphml (Gephi, Cytoscape, yEd, igraph),
    .gexf (GEXF 1.3 with dates, for Gephi's timeline), .csv (a nodes table, and NAME-edges.csv
    beside it), .json (node-link, for web tools), .png or .svg (a picture with labels and a
    legend of node types), .html (the web explorer of kgraph serve as one self-contained file to
    share by e-mail: search, entity pages, evidence, named query results; no server or internet
    needed). Nodes are coloured by type alike in every format. An RDF extension
    (.ttl, .nt, ...) writes the graph itself in that syntax. --kind, --since, --until and
    --min-weight select part of the graph for the network formats.

    \b
    Examples:
        kgraph export graph.ttl -o graph.graphml
        kgraph export graph.ttl -o graph.gexf --since 2025-12-01
        kgraph export graph.ttl -o graph.csv --kind organization --kind measure
        kgraph export graph.ttl -o graph.png --min-weight 2
        kgraph export graph.ttl -o graph.nt
        kgraph export graph.ttl -o story.html
    """
    from .export import ExportError, edges_path, exporter_for
    from .store import GraphFileError

    console = _console()
    chosen = {
        "kinds": list(kinds), "since": since and since.date().isoformat(),
        "until": until and until.date().isoformat(), "min_weight": min_weight,
    }
    filters = {name: value for name, value in chosen.items() if value}
    if output.suffix.lower() in (".html", ".htm"):
        if filters:
            raise click.UsageError("--kind, --since, --until and --min-weight select part of a network "
                                   "export; story.html holds the whole graph")
        _export_story(console, graph, output, store_dir)
        return
    if output.suffix.lower() in FORMATS:
        if filters:
            raise click.UsageError("--kind, --since, --until and --min-weight select part of a network "
                                   "export; an RDF output keeps every triple")
        from .export.rdf import write_rdf

        try:
            count = write_rdf(graph, output, store_dir=store_dir)
        except (GraphFileError, OutputFormatError) as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write: {exc.strerror or exc}") from None
        console.print(f"wrote {output} ({count} triples)")
        return
    try:
        write = exporter_for(output)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    from .views import to_networkx

    try:
        G = to_networkx(graph, store_dir=store_dir, **filters)
    except ValueError as exc:  # GraphFileError, OutputFormatError, a bad selection
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # the store folder is in use or cannot be written
        raise click.ClickException(f"{store_dir or graph}: {exc.strerror or exc}") from None
    try:
        write(G, output)
    except (ExportError, TypeError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write: {exc.strerror or exc}") from None
    written = f"{output} and {edges_path(output)}" if output.suffix.lower() == ".csv" else str(output)
    console.print(f"wrote {written}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")


def _export_story(console: Console, graph: Path, output: Path, store_dir: Path | None) -> None:
    from .export import ExportError
    from .export.story import write_story
    from .store import GraphFileError

    with _progress(console, "entity pages") as advance:
        try:
            info = write_story(graph, output, store_dir=store_dir, progress=advance)
        except (GraphFileError, OutputFormatError, ExportError) as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write: {exc.strerror or exc}") from None
    size = output.stat().st_size
    console.print(f"wrote {output}: {info['entities']} entity pages, {info['triples']} triples, "
                  f"{size / 1024:.0f} KiB; open it in a browser (no server needed)")


_RELATIONS = ("issuedBy", "appliesTo", "referredTo", "concerns", "affects", "affiliatedWith", "mentionedWith",
              "mentions", "publishedBy", "hasAuthor")


@main.group("graph")
def graph_cli() -> None:
    """Explore a graph as a network: neighbours, paths, central nodes, communities.

    GRAPH is a file kgraph build wrote (any of its formats). Nodes are the organizations,
    persons, incidents and measures the articles name; edges are issuedBy, appliesTo,
    referredTo, concerns, affects, affiliatedWith and mentionedWith (organizations named in
    the same article), each weighted by the number of articles behind it. Name an entity by
    its label, any alias (과기정통부 finds 과학기술정보통신부) or its IRI.

    \b
    Examples:
        kgraph graph neighbors graph.ttl KT --depth 2
        kgraph graph path graph.ttl KT 경찰청
        kgraph graph central graph.ttl --top 20
        kgraph graph communities graph.ttl --json > communities.json
    """


def _view_options(command):
    """GRAPH and the options every ``kgraph graph`` command shares (how to read and filter it)."""
    options = [
        click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
        click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Keep the parsed graph in DIR and reuse it while GRAPH is unchanged (for large graphs)."),
        click.option("--kind", "kinds", multiple=True, type=click.Choice(_KINDS),
                     help="Keep only nodes of this kind (article adds the articles). Repeatable."),
        click.option("--since", metavar="DATE",
                     help="Count only articles published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--until", metavar="DATE", help="Count only articles published on or before DATE."),
        click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
                     help="Drop edges supported by fewer than N articles."),
        click.option("--relation", "relations", multiple=True, type=click.Choice(_RELATIONS),
                     help="Keep only edges of this relation. Repeatable."),
        click.option("--articles", "include_articles", is_flag=True,
                     help="Add article nodes, linked by mentions, publishedBy and hasAuthor."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@contextmanager
def _graph_errors(graph: Path, store_dir: Path | None, view: dict):
    """Turn the view's errors (unreadable graph, bad filter, unknown name, no path) into CLI errors."""
    from .views import EntityNotFoundError, NoPathError

    try:
        yield
    except EntityNotFoundError as exc:
        filtered = view["kinds"] or view["since"] or view["until"] or view["min_weight"] > 1 or view["relations"]
        hint = " (the --kind, --since, --until, --min-weight or --relation filters may have left it out)"
        raise click.ClickException(str(exc) + (hint if filtered else "")) from None
    except (ValueError, NoPathError) as exc:  # ValueError: GraphFileError, a bad filter
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # the store folder is in use or cannot be written
        raise click.ClickException(f"{store_dir or graph}: {exc.strerror or exc}") from None


def _load_view(graph: Path, store_dir: Path | None, kinds: tuple[str, ...], relations: tuple[str, ...],
               **filters):
    from .views import to_networkx

    return to_networkx(graph, store_dir=store_dir, kinds=kinds or None, relations=relations or None, **filters)


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _arrow(edge: dict, previous: str) -> str:
    """An edge seen from the node one step back: ``–issuedBy→`` leaves it, ``←issuedBy–`` comes to it."""
    if edge["source"] == previous:
        return f"–{edge['relation']}→ ({edge['weight']})"
    return f"←{edge['relation']}– ({edge['weight']})"


@graph_cli.command("neighbors")
@_view_options
@click.argument("name")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True, help="How many hops out to go.")
def graph_neighbors_cli(graph: Path, store_dir: Path | None, name: str, depth: int, as_json: bool, **view) -> None:
    """List what is linked to NAME, up to --depth hops away, edges followed either way.

    Each neighbour shows how it is reached from a node one hop closer, with the number of
    articles behind that link.

    \b
    Examples:
        kgraph graph neighbors graph.ttl KT
        kgraph graph neighbors graph.ttl 과기정통부 --depth 2 --relation issuedBy --relation appliesTo
        kgraph graph neighbors graph.ttl 경찰청 --kind organization --since 2025-12 --json
    """
    from .views import find_entity, neighbors

    with _graph_errors(graph, store_dir, view):
        G = _load_view(graph, store_dir, **view)
        start = find_entity(G, name)
        rows = neighbors(G, start, depth=depth)
    if as_json:
        _print_json({"entity": {k: G.nodes[start][k] for k in ("iri", "label", "type", "kind")},
                     "depth": depth, "neighbors": rows})
        return
    attrs = G.nodes[start]
    table = Table(title=f"{attrs['label']} ({attrs['type']}): {len(rows)} within {depth} hop{'s' * (depth > 1)}",
                  caption="via: the relation from the node one hop closer (NAME at hop 1), with its number of articles")
    for column in ("hop", "via", "name", "type", "articles"):
        table.add_column(column, justify="right" if column in ("hop", "articles") else "left", overflow="fold")
    for row in rows:
        links = []
        for edge in row["via"]:
            parent = edge["source"] if edge["target"] == row["iri"] else edge["target"]
            # One hop out the node one hop closer is always NAME: show only the relation.
            closer = f"{G.nodes[parent]['label']} " if row["distance"] > 1 else ""
            links.append(closer + _arrow(edge, parent))
        table.add_row(str(row["distance"]), "\n".join(links), row["label"], row["type"],
                      str(G.nodes[row["iri"]]["articles"]))
    Console(highlight=False, soft_wrap=True).print(table)


@graph_cli.command("path")
@_view_options
@click.argument("a")
@click.argument("b")
def graph_path_cli(graph: Path, store_dir: Path | None, a: str, b: str, as_json: bool, **view) -> None:
    """Show a shortest path between A and B (fewest links, edge direction ignored).

    Each step shows the relation that links it to the previous one, in its own direction
    (→ from the previous node, ← towards it). Use --relation to follow only some relations,
    e.g. to leave out co-mentions.

    \b
    Examples:
        kgraph graph path graph.ttl KT 경찰청
        kgraph graph path graph.ttl KT 경찰청 --relation appliesTo --relation referredTo --relation issuedBy
        kgraph graph path graph.ttl SKT 개보위 --json
    """
    from .views import shortest_path

    with _graph_errors(graph, store_dir, view):
        G = _load_view(graph, store_dir, **view)
        steps = shortest_path(G, a, b)
    if as_json:
        _print_json({"from": steps[0]["iri"], "to": steps[-1]["iri"], "length": len(steps) - 1, "path": steps})
        return
    table = Table(title=f"{steps[0]['label']} → {steps[-1]['label']}: {len(steps) - 1} link{'s' * (len(steps) != 2)}")
    for column in ("step", "link from the previous step", "name", "type"):
        table.add_column(column, justify="right" if column == "step" else "left", overflow="fold")
    previous = None
    for i, step in enumerate(steps):
        table.add_row(str(i), "\n".join(_arrow(e, previous) for e in step["edges"]), step["label"], step["type"])
        previous = step["iri"]
    Console(highlight=False, soft_wrap=True).print(table)


@graph_cli.command("central")
@_view_options
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many nodes to list.")
@click.option("--by", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree",
              show_default=True, help="The measure to rank by.")
@click.option("--exact", is_flag=True, help="Compute betweenness exactly even on large graphs (slow).")
def graph_central_cli(graph: Path, store_dir: Path | None, top: int, by: str, exact: bool, as_json: bool,
                      **view) -> None:
    """Rank the most central nodes by degree, betweenness and PageRank.

    Degree counts distinct neighbours; betweenness (normalised) is estimated from 200
    sampled sources on graphs of more than 1,000 nodes unless --exact; PageRank weighs links
    by their number of articles. All three are computed on the undirected view.

    \b
    Examples:
        kgraph graph central graph.ttl
        kgraph graph central graph.ttl --top 10 --by pagerank --kind organization
        kgraph graph central big.nt --store .kgraph-store --json > central.json
    """
    from .views import centrality

    with _graph_errors(graph, store_dir, view):
        G = _load_view(graph, store_dir, **view)
        result = centrality(G, top=top, by=by, exact=exact)
    if as_json:
        _print_json(result)
        return
    sampled = result["betweenness_sample"]
    table = Table(
        title=f"{result['nodes']} nodes, {result['edges']} edges, ranked by {by}",
        caption=f"betweenness estimated from {sampled} sampled sources (--exact computes it)" if sampled else None,
    )
    for column in ("rank", "name", "type", "degree", "betweenness", "pagerank"):
        table.add_column(column, justify="left" if column in ("name", "type") else "right", overflow="fold")
    for row in result["ranking"]:
        table.add_row(str(row["rank"]), row["label"], row["type"], str(row["degree"]),
                      f"{row['betweenness']:.3f}", f"{row['pagerank']:.4f}")
    Console(highlight=False, soft_wrap=True).print(table)


@graph_cli.command("communities")
@_view_options
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the Louvain method.")
@click.option("--resolution", type=float, default=1.0, show_default=True,
              help="Above 1 gives more, smaller communities; below 1 fewer, larger ones.")
@click.option("--members", type=click.IntRange(min=1), default=8, show_default=True,
              help="Members to show per community in the table (--json lists all).")
def graph_communities_cli(graph: Path, store_dir: Path | None, seed: int, resolution: float, members: int,
                          as_json: bool, **view) -> None:
    """Split the graph into communities (Louvain, weighted, undirected); every node in exactly one.

    The result is the same on every run for a given --seed. Communities are listed largest
    first; members most linked first.

    \b
    Examples:
        kgraph graph communities graph.ttl
        kgraph graph communities graph.ttl --kind organization --min-weight 2
        kgraph graph communities graph.ttl --json > communities.json
    """
    from .views import communities

    with _graph_errors(graph, store_dir, view):
        G = _load_view(graph, store_dir, **view)
        result = communities(G, seed=seed, resolution=resolution)
    if as_json:
        _print_json(result)
        return
    table = Table(title=f"{len(result['communities'])} communities (modularity {result['modularity']:.3f})")
    for column in ("id", "size", "members"):
        table.add_column(column, justify="left" if column == "members" else "right", overflow="fold")
    for community in result["communities"]:
        shown = ", ".join(m["label"] for m in community["members"][:members])
        more = community["size"] - members
        table.add_row(str(community["id"]), str(community["size"]), shown + (f", … (+{more})" if more > 0 else ""))
    Console(highlight=False, soft_wrap=True).print(table)


@main.command("serve")
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Keep the parsed graph in DIR and reuse it while GRAPH is unchanged (fast restarts).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 serves every network this machine is on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, metavar="SECONDS",
              help="Stop a query that runs longer (its worker process is killed).")
@click.option("--max-rows", type=click.IntRange(min=0), default=10_000, show_default=True, metavar="N",
              help="Return at most N rows (or triples); a cut result says so in the KGraph-Truncated header. 0: no cap.")
@click.option("--max-body", type=ByteSize(), default="1M", show_default=True, metavar="SIZE",
              help="Largest request body (K, M, G suffixes).")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let pages of this origin (e.g. https://yasgui.example.org) query from a browser. Repeatable.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Query worker processes [default: CPUs, at most 4].")
@click.option("--threads", type=click.IntRange(min=1), default=16, show_default=True, help="HTTP threads.")
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request.")
def serve_cli(graph: Path, store_dir: Path | None, host: str, port: int, timeout: float, max_rows: int,
              max_body: int, cors_origins: tuple[str, ...], workers: int | None, threads: int, quiet: bool) -> None:
    """Serve GRAPH read-only: SPARQL 1.1 at /sparql and a web explorer at /.

    The endpoint speaks the SPARQL 1.1 Protocol (GET query=, POST form, POST
    application/sparql-query); results follow Accept: SPARQL JSON, XML, CSV, TSV, and Turtle,
    N-Triples, JSON-LD or RDF/XML for CONSTRUCT and DESCRIBE. The prefixes kg:, kgr:, rdfs:,
    skos:, ... are predeclared. Updates, Graph Store writes and SERVICE (federated) queries
    are refused. The explorer searches names and aliases and shows each organization's,
    incident's and measure's neighbourhood, timeline and evidence sentences.

    \b
    Examples:
        kgraph serve graph.ttl
        kgraph serve graph.nt --store graph.store --port 8080
        kgraph serve graph.ttl --host 0.0.0.0 --timeout 10 --cors-origin https://yasgui.triply.cc
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?m a kg:Fine }' localhost:7878/sparql
    """
    from .serve import Limits, Server
    from .store import GraphFileError

    console = _console()
    err = Console(stderr=True, highlight=False)
    limits = Limits(timeout=timeout, max_rows=max_rows, max_body=max_body, cors_origins=tuple(cors_origins))
    server = Server(graph, store_dir=store_dir, host=host, port=port, limits=limits, workers=workers,
                    threads=threads, log=None if quiet else lambda line: err.print(line, markup=False))
    try:
        with console.status(f"loading {graph}"):
            server.start()
    except (GraphFileError, OutputFormatError) as exc:
        server.close()
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        server.close()
        where = f"{host}:{port}" if exc.errno in (98, 99, 13) else str(store_dir or graph)
        raise click.ClickException(f"{where}: {exc.strerror or exc}") from None
    console.print(f"serving {graph} at {server.url} (SPARQL: {server.url}sparql); Ctrl+C to stop", highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"note: listening on {host}: anyone who can reach this machine can query the graph")
    def stop(signum, frame):  # SIGTERM: stop like Ctrl+C, so the temporary store is removed
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
