"""Load: 50 concurrent clients for 30 s against `kgraph serve` on loopback; no request may fail.

The server runs as the real command in its own process. Throughput and latency percentiles
are printed and written to the test artefacts folder (they are reported, not asserted: this
machine's speed varies). KGRAPH_LOAD_SECONDS shortens the run for local work.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from kgraph.emit import write_graph

CLIENTS = 50
SECONDS = float(os.environ.get("KGRAPH_LOAD_SECONDS", "30"))
ARTIFACTS = Path(os.environ.get("KGRAPH_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))

REQUESTS = [
    "/sparql?query=" + urllib.parse.quote(
        "SELECT ?m ?t WHERE { ?m a kg:PoliceReferral ; kg:appliesTo/rdfs:label ?t }"),
    "/sparql?query=" + urllib.parse.quote("SELECT ?s ?l WHERE { ?s rdfs:label ?l } LIMIT 20") + "&format=csv",
    "/api/search?q=" + urllib.parse.quote("과기정통부"),
    "/api/entity?iri=" + urllib.parse.quote("https://kgraph.example/id/org/KT"),
    "/sparql?query=" + urllib.parse.quote("ASK { ?m a kg:Fine }"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(seed_build, tmp_path_factory):
    graph = tmp_path_factory.mktemp("load") / "seed.nt"
    write_graph(seed_build.triples, graph)
    port = free_port()
    # The server's output goes to a file: a pipe nobody reads fills up under load (waitress
    # warns of its queue depth) and blocks the server's writes, which stalls every request.
    log_path = graph.with_suffix(".log")
    log = log_path.open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kgraph", "serve", str(graph), "--port", str(port), "--quiet", "--workers", "2"],
        stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/info")
            if conn.getresponse().status == 200:
                conn.close()
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            log.close()
            pytest.fail(f"kgraph serve did not start: {log_path.read_text(encoding='utf-8')}")
        time.sleep(0.2)
    yield port
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_fifty_clients_for_thirty_seconds(served):
    port = served
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS
    start = threading.Barrier(CLIENTS)

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], []
        i = n
        start.wait()
        while time.monotonic() < stop_at:
            path = REQUESTS[i % len(REQUESTS)]
            i += 1
            began = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200 or not body:
                    bad.append(f"{path}: HTTP {response.status} {body[:200]!r}")
            except (OSError, http.client.HTTPException) as exc:
                bad.append(f"{path}: {type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append(time.perf_counter() - began)
        conn.close()
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    report = {
        "clients": CLIENTS, "seconds": round(elapsed, 1), "requests": len(latencies), "failures": len(failures),
        "throughput_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(pct(0.50), 1), "p95_ms": round(pct(0.95), 1), "p99_ms": round(pct(0.99), 1),
        "cores": os.cpu_count(),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "serve-load.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("\nload test:", json.dumps(report))
    assert not failures, failures[:5]
    assert len(latencies) >= CLIENTS
