"""Load `kgraph serve` and Oxigraph's own server side by side on the same store, and print ratios.

    python benchmarks/bench_serve.py [GRAPH] [--triples 200000] [--clients 50] [--seconds 20]

With no GRAPH, a synthetic graph of ``--triples`` triples in the kgraph schema is generated (see
``query_million.py``). Both servers read one Oxigraph store folder: ``kgraph serve --store``
builds it, and ``oxigraph serve-read-only`` (the server binary of the ``oxigraph`` package on
PyPI; ``pip install oxigraph``) opens the same folder. Each gets the same mix of SPARQL queries
from ``--clients`` keep-alive clients (spread over several processes, so that the load generator
is not the limit) for ``--seconds``; the script prints requests per second, median and p95
latency, failures, and kgraph's throughput as a ratio of Oxigraph's: the price of kgraph's
safety layer (refusing updates and SERVICE, killable workers, row cap).
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent

PREFIX = "PREFIX kg: <https://kgraph.example/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = [
    PREFIX + "SELECT ?m ?won WHERE { ?m a kg:Fine ; kg:amount ?won } ORDER BY DESC(?won) LIMIT 20",
    PREFIX + "SELECT ?m ?t WHERE { ?m a kg:PoliceReferral ; kg:appliesTo/rdfs:label ?t } LIMIT 50",
    PREFIX + "ASK { ?m a kg:PenaltyWaiver }",
    PREFIX + "SELECT (COUNT(?i) AS ?n) WHERE { ?i a kg:DataBreach }",
    PREFIX + "SELECT ?o ?l WHERE { ?o a kg:Company ; rdfs:label ?l } LIMIT 100",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int, path: str, proc: subprocess.Popen, limit: float = 600) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.communicate()[1]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


def _client_process(port: int, path: str, threads: int, seconds: float, out: mp.Queue) -> None:
    import threading

    lat: list[float] = []
    bad = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        i = n
        while time.monotonic() < stop:
            q = urllib.parse.quote(QUERIES[i % len(QUERIES)])
            i += 1
            began = time.perf_counter()
            try:
                conn.request("GET", f"{path}?query={q}", headers={"Accept": "application/sparql-results+json"})
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    with lock:
                        bad[0] += 1
            except (OSError, http.client.HTTPException):
                with lock:
                    bad[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append(time.perf_counter() - began)
        with lock:
            lat.extend(mine)

    ts = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out.put((lat, bad[0]))


def load(port: int, path: str, clients: int, seconds: float) -> dict:
    procs_n = max(1, min(clients, (os.cpu_count() or 2) * 2))
    per = [clients // procs_n + (1 if i < clients % procs_n else 0) for i in range(procs_n)]
    out: mp.Queue = mp.Queue()
    ctx = [mp.Process(target=_client_process, args=(port, path, n, seconds, out)) for n in per if n]
    began = time.monotonic()
    for p in ctx:
        p.start()
    lat: list[float] = []
    bad = 0
    for _ in ctx:
        got, failed = out.get()
        lat.extend(got)
        bad += failed
    for p in ctx:
        p.join()
    elapsed = time.monotonic() - began
    lat.sort()
    pick = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))] * 1000 if lat else float("nan")  # noqa: E731
    return {"rps": len(lat) / elapsed, "p50": pick(0.5), "p95": pick(0.95), "requests": len(lat), "failures": bad}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path)
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph")
    if oxigraph is None:
        raise SystemExit("the oxigraph server is not installed: pip install oxigraph")
    work = Path(tempfile.mkdtemp(prefix="kgraph-bench-serve-"))
    try:
        graph = args.graph
        if graph is None:
            sys.path.insert(0, str(HERE))
            from query_million import synthetic_triples

            from kgraph.emit import write_graph

            graph = work / "graph.nt"
            write_graph(synthetic_triples(args.triples), graph)
        store = work / "store"
        print(f"cores: {os.cpu_count()}; graph: {graph}; {args.clients} clients for {args.seconds:g} s each")

        port = free_port()
        kg = subprocess.Popen([sys.executable, "-m", "kgraph", "serve", str(graph), "--store", str(store),
                               "--port", str(port), "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
        try:
            wait_up(port, "/api/info", kg)
            ours = load(port, "/sparql", args.clients, args.seconds)
        finally:
            kg.terminate()
            kg.wait(30)

        port = free_port()
        ox_proc = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(store / "oxigraph"),
                                    "--bind", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        try:
            wait_up(port, "/", ox_proc)
            theirs = load(port, "/query", args.clients, args.seconds)
        finally:
            ox_proc.terminate()
            ox_proc.wait(30)

        print(f"{'':26}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'requests':>10}{'failed':>8}")
        for name, r in (("kgraph serve", ours), ("oxigraph serve-read-only", theirs)):
            print(f"{name:26}{r['rps']:9.1f}{r['p50']:9.1f}{r['p95']:9.1f}{r['requests']:10d}{r['failures']:8d}")
        print(f"kgraph / oxigraph throughput: {ours['rps'] / theirs['rps']:.2f}x; "
              f"p95 ratio {ours['p95'] / theirs['p95']:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
