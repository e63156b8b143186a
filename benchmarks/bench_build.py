"""Speed and memory of the whole pipeline, measured side by side in one run (not a test).

    python benchmarks/bench_build.py            # the figures in the README (about 30 minutes)
    python benchmarks/bench_build.py --quick    # a smoke run with small sizes (a few minutes)
    python benchmarks/bench_build.py --only rebuild,one-core --one-core 300   # some rows only

Every measurement that is compared with another runs in the same invocation, on the same
synthetic corpus (``benchmarks/corpus.py``: Korean articles written from our own templates),
and prints absolute figures, the ratio and the target, with the machine's core count. Builds
run in child processes, so that each starts clean and its memory can be read:

- **one core**: the child pins itself (and so its worker processes) to one CPU. Raw kiwipiepy
  is ``Kiwi().tokenize`` of each article's title and body, Kiwi loaded beforehand; the build is
  ``kgraph.build(..., jobs=1)`` (one worker process) with its worker already warm (Kiwi load
  excluded from both; reported apart). The ratio is also given in CPU seconds (this process's
  and its workers', from ``/proc``), which a shared machine does not inflate. A per-stage
  breakdown (in one process) says where the rest of the time goes.
- **--jobs 2**: the same corpus built with ``jobs=1`` and ``jobs=2`` on all cores (warm workers;
  interleaved, best of two each), and the two output files compared byte for byte.
- **memory**: peak RSS of a build of the small corpus and of the large one (``jobs=2``, output
  written to a file), read with ``getrusage``: the build process's own peak (RUSAGE_SELF) and
  the largest worker's peak (RUSAGE_CHILDREN, after the workers have exited). "total" is
  parent + jobs x largest worker, an upper bound of the simultaneous footprint.
- **RDF writing** and **SPARQL** on a graph of about a million triples: the small corpus's built
  graph replicated with renamed IRIs (articles, evidence, observations, incidents and measures
  get a copy suffix; organizations and persons are shared, as in a growing archive) until it
  holds at least ``--triples`` triples. Writing is timed from triples in generation order
  (grouped by subject, subjects shuffled), as a build writes them, and from a sorted list; pyoxigraph's time is ``Store.dump``
  of the same graph. SPARQL: each named query through ``kgraph.query.query`` on an in-memory
  store, the same text and bindings through ``Store.query`` directly (every solution read as
  a tuple of terms, as kgraph's result holds them; best of three each), and through rdflib's
  in-memory engine (in a child process, each query stopped after ``--rdflib-timeout`` s).
- **export**: ``benchmarks/bench_export.py`` (GraphML/GEXF against networkx), run as is.
- **incremental**: a clean build with a fresh cache, then 1 % of the files rewritten and the
  build run again with the same cache, each in a new process (as two ``kgraph build`` runs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus import article_text, write_corpus  # noqa: E402

SEED = 2025


# --- Child processes -----------------------------------------------------------------------


def _pin() -> int:
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def child_tokenise(folder: str, pin: bool) -> dict:
    if pin:
        _pin()
    from kiwipiepy import Kiwi

    from kgraph.analyse import get_kiwi
    from kgraph.ingest import load_articles

    articles = [r.article for r in load_articles([folder]) if r.article]
    texts = [t for a in articles for t in (a.title, a.body)]
    start = time.perf_counter()
    raw = Kiwi()
    raw.tokenize("준비")
    load = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        raw.tokenize(text)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    ours = get_kiwi()
    ours.tokenize("준비")
    our_load = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        ours.tokenize(text)
    with_words = time.perf_counter() - start
    return {"articles": len(articles), "seconds": seconds, "cpu": cpu, "load": load, "our_load": our_load,
            "with_user_words": with_words,
            "kbytes": sum(len(a.body.encode()) for a in articles) / len(articles) / 1024}


def child_stages(folder: str, pin: bool) -> dict:
    """Each stage of a build timed apart, in one process (what a build spends beyond Kiwi)."""
    if pin:
        _pin()
    from kgraph.analyse import analyse_article, get_kiwi
    from kgraph.emit import generate_triples
    from kgraph.extract import extract_article
    from kgraph.ingest import load_articles
    from kgraph.lexicon import load_lexicon
    from kgraph.resolve import Resolver
    from kgraph.sortedgraph import write_sorted_graph
    from kgraph.workers import slim

    get_kiwi().tokenize("준비")
    t: dict[str, float] = {}
    start = time.perf_counter()
    articles = [r.article for r in load_articles([folder]) if r.article]
    t["ingest (read, YAML front matter)"] = time.perf_counter() - start
    start = time.perf_counter()
    analysed = [analyse_article(a) for a in articles]
    t["analyse (Kiwi + sentences)"] = time.perf_counter() - start
    start = time.perf_counter()
    extractions = [slim(extract_article(a)) for a in analysed]
    t["extract (kgraph/extract.py)"] = time.perf_counter() - start
    del analysed
    start = time.perf_counter()
    resolver = Resolver(load_lexicon())
    for ex in extractions:
        resolver.add(ex)
    kb = resolver.finish()
    t["resolve"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_sorted_graph(generate_triples(kb), Path(tmp) / "g.ttl")
        t["emit + sort + write Turtle"] = time.perf_counter() - start
    return {"articles": len(articles), "stages": t}


def child_build(folder: str, output: str, jobs: int, pin: bool, warm: str | None,
                cache: str | None) -> dict:
    if pin:
        _pin()
    import kgraph
    from kgraph.workers import shutdown_workers

    warmup = 0.0
    if warm:
        start = time.perf_counter()
        kgraph.build([warm], jobs=jobs)  # starts the workers and loads their Kiwis
        warmup = time.perf_counter() - start
    cpu = _cpu_seconds()
    start = time.perf_counter()
    result = kgraph.build([folder], output=output, jobs=jobs, cache_dir=cache) if cache else \
        kgraph.build([folder], output=output, jobs=jobs)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu
    report = result.report
    del result
    shutdown_workers(wait=True)  # reaped, so RUSAGE_CHILDREN counts them
    return {
        "seconds": seconds, "cpu": cpu, "warmup": warmup, "articles": report.articles_built,
        "triples": report.triples,
        "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "analysed": getattr(report, "analysed", None), "cached": getattr(report, "cached", None),
    }


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process and its live worker processes (Linux /proc)."""
    import multiprocessing

    own = os.times()
    total = own.user + own.system
    tick = os.sysconf("SC_CLK_TCK")
    for child in multiprocessing.active_children():
        try:
            fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total


def child_rdflib(nt: str, queries: list[dict], timeout: int) -> dict:
    """Run the named queries with rdflib's in-memory engine, each stopped after ``timeout`` s."""
    import rdflib

    from kgraph.vocab import PREFIXES

    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(nt, format="nt")
    out: dict = {"load": time.perf_counter() - start, "queries": {}}
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

    def stop(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, stop)
    for q in queries:
        bindings = {k: rdflib.Literal(v) for k, v in q["bindings"].items()}
        start = time.perf_counter()
        signal.alarm(timeout)
        try:
            rows = len(list(graph.query(head + q["text"], initBindings=bindings)))
            out["queries"][q["name"]] = {"seconds": time.perf_counter() - start, "rows": rows}
        except TimeoutError:
            out["queries"][q["name"]] = {"seconds": None, "rows": None}
        finally:
            signal.alarm(0)
    return out


def run_child(*args: str, timeout: float | None = None) -> dict:
    """Run this script as a child (``--child NAME ...``) and return the JSON it prints."""
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                          timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- The measurements ----------------------------------------------------------------------


class Table:
    """Rows of (measurement, value, ratio, target, verdict), printed as they come."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []
        print(f"{'measurement':<58} {'value':>16} {'ratio':>8}  target")

    def add(self, what: str, value: str, ratio: float | None = None, target: str = "",
            ok: bool | None = None) -> None:
        verdict = "" if ok is None else ("met" if ok else "MISSED")
        r = "" if ratio is None else f"{ratio:.2f}"
        self.rows.append((what, value, r, target, verdict))
        print(f"{what:<58} {value:>16} {r:>8}  {target} {verdict}".rstrip(), flush=True)


def measure_one_core(table: Table, folder: Path, warm: Path, tmp: Path) -> None:
    tok = run_child("tokenise", str(folder), "--pin")
    stages = run_child("stages", str(folder), "--pin")
    built = run_child("build", str(folder), str(tmp / "one.nt"), "1", "--pin", "--warm", str(warm))
    n = tok["articles"]
    raw_rate = n / tok["seconds"]
    build_rate = built["articles"] / built["seconds"]
    table.add("Kiwi load (once per process)", f"{tok['load']:.2f} s")
    table.add("  kgraph's Kiwi (gazetteer words, no multi-word dictionary)", f"{tok['our_load']:.2f} s",
              tok["our_load"] / tok["load"])
    table.add(f"raw kiwipiepy tokenize, 1 core ({n} articles, {tok['kbytes']:.1f} KB)",
              f"{raw_rate:.1f} art/s")
    table.add("  same, with kgraph's gazetteer user words", f"{n / tok['with_user_words']:.1f} art/s",
              (n / tok["with_user_words"]) / raw_rate)
    table.add("kgraph build --jobs 1, 1 core (warm worker)", f"{build_rate:.1f} art/s", build_rate / raw_rate,
              ">= 0.75 x raw", build_rate / raw_rate >= 0.75)
    # The machine may be shared: CPU seconds are what the same work costs on an idle core.
    cpu_ratio = tok["cpu"] / built["cpu"] * built["articles"] / n
    table.add("  the same in CPU seconds (build + worker vs tokenize)",
              f"{1000 * built['cpu'] / built['articles']:.1f} ms/art", cpu_ratio, ">= 0.75 x raw", cpu_ratio >= 0.75)
    table.add("  raw tokenize in CPU seconds", f"{1000 * tok['cpu'] / n:.1f} ms/art")
    total = sum(stages["stages"].values())
    for name, seconds in stages["stages"].items():
        table.add(f"  stage: {name}", f"{1000 * seconds / stages['articles']:.1f} ms/art", seconds / total)


def measure_parallel(table: Table, folder: Path, warm: Path, tmp: Path) -> None:
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(2):  # interleaved, best of two: the machine may be shared
        for jobs in (1, 2):
            runs[jobs].append(run_child("build", str(folder), str(tmp / f"j{jobs}.nt"), str(jobs), "--warm", str(warm)))
    one, two = (min(runs[j], key=lambda r: r["seconds"]) for j in (1, 2))
    same = (tmp / "j1.nt").read_bytes() == (tmp / "j2.nt").read_bytes()
    speedup = one["seconds"] / two["seconds"]
    table.add(f"build --jobs 1, all cores ({one['articles']} articles)", f"{one['seconds']:.1f} s")
    table.add("build --jobs 2, all cores", f"{two['seconds']:.1f} s", speedup, ">= 1.7 x", speedup >= 1.7)
    table.add("  --jobs 2 output byte-identical to --jobs 1", "yes" if same else "NO", None, "identical", same)
    table.add("  worker start + Kiwi load (excluded above), jobs 2", f"{two['warmup']:.1f} s")


def measure_memory(table: Table, small_folder: Path, folder: Path, warm: Path, tmp: Path, jobs: int) -> dict:
    small = run_child("build", str(small_folder), str(tmp / "small.nt"), str(jobs), "--warm", str(warm))
    large = run_child("build", str(folder), str(tmp / "large.nt"), str(jobs), "--warm", str(warm))
    for label, r in (("small", small), ("large", large)):
        table.add(f"peak RSS, {r['articles']} articles ({label}): build process", f"{r['self_mb']:.0f} MB")
        table.add(f"  largest worker (of {jobs})", f"{r['worker_mb']:.0f} MB")
        table.add(f"  total (build + {jobs} x worker)", f"{r['self_mb'] + jobs * r['worker_mb']:.0f} MB")
    s_total = small["self_mb"] + jobs * small["worker_mb"]
    l_total = large["self_mb"] + jobs * large["worker_mb"]
    table.add(f"peak RSS {large['articles']} / {small['articles']} articles, total", "", l_total / s_total,
              "<= 1.3 x", l_total / s_total <= 1.3)
    table.add("  build process only", "", large["self_mb"] / small["self_mb"])
    table.add(f"  large build: {large['triples']:,} triples", f"{large['seconds']:.0f} s")
    return large


def replicate_graph(nt: Path, target: int) -> list:
    """The graph in ``nt`` copied with renamed IRIs until it has at least ``target`` triples."""
    import pyoxigraph as ox

    from kgraph.vocab import PREFIXES

    base = [q.triple for q in ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)]
    scoped = tuple(PREFIXES["kgr"] + kind + "/" for kind in ("article", "evidence", "observation", "incident", "measure"))
    def copy(term, k: int):
        if isinstance(term, ox.NamedNode) and term.value.startswith(scoped):
            return ox.NamedNode(f"{term.value}~{k}")
        return term

    unique = {str(t): t for t in base}
    k = 1
    while len(unique) < target:
        for t in base:
            c = ox.Triple(copy(t.subject, k), t.predicate, copy(t.object, k))
            unique.setdefault(str(c), c)
        k += 1
    return list(unique.values())


def measure_rdf(table: Table, triples: list, tmp: Path) -> Path:
    import pyoxigraph as ox

    from kgraph.emit import write_graph
    from kgraph.sortedgraph import write_sorted_graph

    n = len(triples)
    # In the order a build generates them: grouped by subject, subjects in no sorted order.
    by_subject: dict = {}
    for t in triples:
        by_subject.setdefault(t.subject.value, []).append(t)
    groups = list(by_subject.values())
    random.Random(1).shuffle(groups)
    shuffled = [t for g in groups for t in g]
    del by_subject, groups
    ordered = sorted(triples, key=str)
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    from kgraph.vocab import PREFIXES

    start = time.perf_counter()
    store.dump(str(tmp / "ox.ttl"), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    ox_s = time.perf_counter() - start
    start = time.perf_counter()
    write_sorted_graph(iter(shuffled), tmp / "sorted.ttl")
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    write_graph(ordered, tmp / "list.ttl")
    list_s = time.perf_counter() - start
    start = time.perf_counter()
    write_sorted_graph(iter(shuffled), tmp / "graph.nt")
    nt_s = time.perf_counter() - start
    same = (tmp / "sorted.ttl").read_bytes() == (tmp / "list.ttl").read_bytes()
    table.add(f"pyoxigraph Store.dump Turtle, {n:,} triples", f"{ox_s:.2f} s")
    table.add("kgraph: sort + write Turtle (build's path, bounded memory)", f"{ours_s:.2f} s", ours_s / ox_s,
              "<= 2 x", ours_s / ox_s <= 2)
    table.add("kgraph: write_graph of a sorted list, Turtle", f"{list_s:.2f} s", list_s / ox_s, "<= 2 x",
              list_s / ox_s <= 2)
    table.add("  both Turtle files byte-identical", "yes" if same else "NO", None, "identical", same)
    table.add("kgraph: sort + write N-Triples", f"{nt_s:.2f} s", nt_s / ox_s)
    return tmp / "graph.nt"


def measure_sparql(table: Table, nt: Path, rdflib_timeout: int) -> None:
    import pyoxigraph as ox

    from kgraph.query import list_queries, query, to_term
    from kgraph.store import load_graph
    from kgraph.vocab import PREFIXES

    start = time.perf_counter()
    store = load_graph(nt)
    table.add(f"load {len(store):,} triples into an in-memory Store", f"{time.perf_counter() - start:.2f} s")
    named = list_queries()
    specs = []
    ours: dict[str, tuple[float, float, int]] = {}
    for q in named:
        bindings = q.bind(None)
        subs = {ox.Variable(k): to_term(k, v) for k, v in bindings.items()} or None
        best_ours = best_raw = float("inf")
        rows = 0
        for _ in range(3):  # best of three: the machine is shared
            start = time.perf_counter()
            rows = len(query(store, q).rows)
            best_ours = min(best_ours, time.perf_counter() - start)
            start = time.perf_counter()
            [tuple(s) for s in store.query(q.text, prefixes=PREFIXES, use_default_graph_as_union=True,
                                           substitutions=subs)]
            best_raw = min(best_raw, time.perf_counter() - start)
        ours[q.name] = (best_ours, best_raw, rows)
        specs.append({"name": q.name, "text": q.text, "bindings": {k: str(v) for k, v in bindings.items()}})
    rdf = run_child("rdflib", str(nt), json.dumps(specs), str(rdflib_timeout))
    table.add("rdflib: parse the graph into memory", f"{rdf['load']:.1f} s")
    for name, (mine, raw, rows) in ours.items():
        floor = 0.005  # below 5 ms both are noise
        ratio = max(mine, floor) / max(raw, floor)
        table.add(f"query {name} ({rows} rows): kgraph vs pyoxigraph", f"{mine * 1000:.0f} ms", ratio,
                  "<= 1.5 x", ratio <= 1.5)
        theirs = rdf["queries"][name]["seconds"]
        if theirs is None:
            table.add(f"  rdflib (stopped at {rdflib_timeout} s)", f"> {rdflib_timeout} s", rdflib_timeout / mine,
                      ">= 10 x faster", rdflib_timeout / mine >= 10)
        else:
            table.add("  rdflib", f"{theirs:.2f} s", theirs / mine, ">= 10 x faster", theirs / mine >= 10)


def measure_export(table: Table, quick: bool) -> None:
    args = [sys.executable, str(HERE / "bench_export.py")]
    if quick:
        args += ["--nodes", "10000", "--edges", "20000"]
    proc = subprocess.run(args, capture_output=True, text=True)
    print("  | " + "\n  | ".join(proc.stdout.strip().splitlines()), flush=True)
    for line in proc.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] in ("graphml", "gexf"):
            ours, ratio = float(parts[1]), float(parts[3])
            table.add(f"export {parts[0]} ({'10,000' if quick else '100,000'} nodes) vs networkx",
                      f"{ours:.1f} s", ratio, "< 30 s and <= 2 x", ours < 30 and ratio <= 2)


def measure_incremental(table: Table, folder: Path, warm: Path, tmp: Path, jobs: int) -> None:
    import inspect

    import kgraph

    if "cache_dir" not in inspect.signature(kgraph.build).parameters:
        table.add("incremental rebuild after 1 % changed", "not measured: no cache yet")
        return
    work = tmp / "incremental"
    cache = tmp / "cache"
    for left in (work, cache):  # from an earlier run with --keep: the clean build starts empty
        shutil.rmtree(left, ignore_errors=True)
    shutil.copytree(folder, work)
    clean = run_child("build", str(work), str(tmp / "inc.nt"), str(jobs), "--cache", str(cache))
    files = sorted(work.rglob("*.txt"))
    changed = files[:: max(1, len(files) // max(1, len(files) // 100))][: max(1, len(files) // 100)]
    for i, path in enumerate(changed):
        _, text = article_text(SEED + 1, 10_000_000 + i)  # another article under the same name
        path.write_text(text, encoding="utf-8")
    again = run_child("build", str(work), str(tmp / "inc.nt"), str(jobs), "--cache", str(cache))
    ratio = again["seconds"] / clean["seconds"]
    table.add(f"clean build with an empty cache ({clean['articles']} articles, jobs {jobs})",
              f"{clean['seconds']:.1f} s")
    table.add(f"rebuild after {len(changed)} files ({100 * len(changed) / len(files):.0f} %) changed "
              f"({again['analysed']} analysed)", f"{again['seconds']:.1f} s", ratio, "<= 0.05 x", ratio <= 0.05)


#: The measurements ``--only`` can pick, in the order they run, with the corpora each needs.
MEASUREMENTS: dict[str, tuple[str, ...]] = {
    "one-core": ("warm", "one-core"),  # raw tokenize vs build --jobs 1 on one core, and the stages
    "parallel": ("warm", "parallel"),  # --jobs 1 vs --jobs 2
    "memory": ("warm", "small", "large"),  # peak RSS of the small and the large build
    "rdf": ("warm", "small"),  # sorting and writing a million triples, and the SPARQL queries
    "export": (),  # benchmarks/bench_export.py
    "rebuild": ("warm", "small"),  # clean build with an empty cache vs rebuild after 1 % changed
}


def _measurements(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in MEASUREMENTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown measurement {', '.join(unknown) or '(none)'}; "
                                         f"choose from {', '.join(MEASUREMENTS)}")
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="Small sizes: a smoke run of a few minutes.")
    parser.add_argument("--articles", type=int, help="Articles in the large corpus (default 20000; quick 1000).")
    parser.add_argument("--small", type=int, help="Articles in the small corpus (default 2000; quick 200).")
    parser.add_argument("--one-core", type=int, help="Articles for the one-core comparison (default 600; quick 60).")
    parser.add_argument("--parallel", type=int, help="Articles for --jobs 1 vs 2 (default 1000; quick 100).")
    parser.add_argument("--triples", type=int, help="Triples for RDF writing and SPARQL (default 1000000; quick 100000).")
    parser.add_argument("--rdflib-timeout", type=int, help="Seconds before an rdflib query is stopped (default 60; quick 10).")
    parser.add_argument("--keep", type=Path, help="Keep the corpora and outputs in this folder.")
    parser.add_argument("--only", type=_measurements, default=list(MEASUREMENTS), metavar="NAMES",
                        help=f"Run only these measurements, comma-separated, of: {', '.join(MEASUREMENTS)} "
                             "(default: all; only the corpora they need are written).")
    args = parser.parse_args()
    if args.child:
        return _run_child(args.child)

    quick = args.quick
    large_n = args.articles or (1000 if quick else 20_000)
    small_n = args.small or (200 if quick else 2000)
    one_n = args.one_core or (60 if quick else 600)
    parallel_n = args.parallel or (100 if quick else 1000)
    triples_n = args.triples or (100_000 if quick else 1_000_000)
    rdflib_timeout = args.rdflib_timeout or (10 if quick else 60)
    jobs = 2

    import kiwipiepy
    import pyoxigraph
    import rdflib

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    print(f"kgraph build benchmark, {date.today().isoformat()}{' (--quick)' if quick else ''}")
    print(f"machine: os.cpu_count() = {cores} ({usable} usable), load average {load:.1f} at start; "
          f"python {sys.version.split()[0]}, kiwipiepy {kiwipiepy.__version__}, pyoxigraph "
          f"{pyoxigraph.__version__}, rdflib {rdflib.__version__}")
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    only = set(args.only)
    if only != set(MEASUREMENTS):
        print(f"only: {', '.join(m for m in MEASUREMENTS if m in only)}")
    try:
        start = time.perf_counter()
        sizes = {"warm": 3, "one-core": one_n, "parallel": parallel_n, "small": small_n, "large": large_n}
        needed = {name for m in only for name in MEASUREMENTS[m]}
        for name, n in sizes.items():
            if name in needed and not (tmp / name).is_dir():
                write_corpus(tmp / name, n, seed=SEED)
        if "large" in needed:
            size = sum(p.stat().st_size for p in (tmp / "large").rglob("*.txt"))
            print(f"corpus: {large_n} files ({size / 1e6:.0f} MB) written in {time.perf_counter() - start:.0f} s; "
                  f"the small corpus is its first {small_n} articles, the --jobs one its first {parallel_n}, "
                  f"the one-core one its first {one_n}")
        else:
            print("corpus: " + ", ".join(f"{name} {sizes[name]}" for name in sizes if name in needed and name != "warm")
                  + f" articles, written in {time.perf_counter() - start:.0f} s (prefixes of one corpus)")
        table = Table()
        if "one-core" in only:
            measure_one_core(table, tmp / "one-core", tmp / "warm", tmp)
        if "parallel" in only:
            measure_parallel(table, tmp / "parallel", tmp / "warm", tmp)
        if "memory" in only:
            measure_memory(table, tmp / "small", tmp / "large", tmp / "warm", tmp, jobs)
        if "rdf" in only:
            if not (tmp / "small.nt").is_file():  # the memory row builds it; alone, build it here
                run_child("build", str(tmp / "small"), str(tmp / "small.nt"), str(jobs), "--warm", str(tmp / "warm"))
            triples = replicate_graph(tmp / "small.nt", triples_n)
            nt = measure_rdf(table, triples, tmp)
            del triples
            measure_sparql(table, nt, rdflib_timeout)
        if "export" in only:
            measure_export(table, quick)
        if "rebuild" in only:
            measure_incremental(table, tmp / "small", tmp / "warm", tmp, jobs)
        missed = [r for r in table.rows if r[4] == "MISSED"]
        print(f"{len([r for r in table.rows if r[4] == 'met'])} targets met, {len(missed)} missed; "
              f"{time.perf_counter() - started:.0f} s in all; load average {os.getloadavg()[0]:.1f} at the end")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _run_child(argv: list[str]) -> int:
    name, rest = argv[0], argv[1:]
    pin = "--pin" in rest
    rest = [a for a in rest if a != "--pin"]

    def option(flag: str) -> str | None:
        if flag in rest:
            i = rest.index(flag)
            value = rest[i + 1]
            del rest[i : i + 2]
            return value
        return None

    if name == "tokenise":
        out = child_tokenise(rest[0], pin)
    elif name == "stages":
        out = child_stages(rest[0], pin)
    elif name == "build":
        warm, cache = option("--warm"), option("--cache")
        out = child_build(rest[0], rest[1], int(rest[2]), pin, warm, cache)
    elif name == "rdflib":
        out = child_rdflib(rest[0], json.loads(rest[1]), int(rest[2]))
    else:
        raise SystemExit(f"unknown child {name}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
