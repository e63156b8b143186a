"""Speed check (not a test): kgraph's GraphML and GEXF writers against networkx's, side by side.

Builds a random MultiDiGraph with the attributes kgraph.views.to_networkx gives (100,000 nodes
by default), writes it with ``kgraph.export.write_graphml``/``write_gexf`` and with
``networkx.write_graphml``/``write_gexf`` in one run, and prints seconds, the ratio ours /
networkx's, file sizes, and the machine's core count. The target: under 30 s each and within
2x networkx's own writer. Exit status 1 when a target is missed.

networkx's writers get the same graph with lists joined and ``None`` dropped beforehand (they
reject both); that preparation is not timed.

    python benchmarks/bench_export.py
    python benchmarks/bench_export.py --nodes 20000 --edges 50000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kgraph.export import write_gexf, write_graphml  # noqa: E402
from kgraph.export.colours import TYPE_COLOURS  # noqa: E402

KINDS = {
    "Company": "organization", "GovernmentAgency": "organization", "LawEnforcement": "organization",
    "Legislature": "organization", "Court": "organization", "Publisher": "organization", "Person": "person",
    "Hacking": "incident", "DataBreach": "incident", "MalwareInfection": "incident", "Ransomware": "incident",
    "UnauthorizedPayment": "incident", "PenaltyWaiver": "measure", "PoliceReferral": "measure", "Fine": "measure",
    "CorrectiveOrder": "measure", "Investigation": "measure", "Compensation": "measure",
    "BusinessSuspension": "measure", "Article": "article",
}
RELATIONS = ("issuedBy", "appliesTo", "affects", "concerns", "referredTo", "affiliatedWith", "mentionedWith")
SYLLABLES = "가나다라마바사아자차카타파하국민은행통신보안정보위원회경찰청검찰텔레콤전자증권카드"


def make_graph(nodes: int, edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A random graph with the contract's node and edge attributes (Korean labels, dates, lists)."""
    rnd = random.Random(seed)
    types = sorted(TYPE_COLOURS)
    G = nx.MultiDiGraph()
    for i in range(nodes):
        node_type = rnd.choice(types)
        kind = KINDS[node_type]
        iri = f"https://kgraph.example/id/{kind}/{i:06d}"
        name = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 8)))
        attrs = {"label": name, "type": node_type, "kind": kind, "iri": iri,
                 "aliases": [name + "㈜", name[:2]] if rnd.random() < 0.3 else [], "articles": rnd.randint(1, 40)}
        if rnd.random() < 0.9:
            first = f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            attrs.update(first=first, last=first)
        G.add_node(iri, **attrs)
    keys = list(G)
    for _ in range(edges):
        u, v = rnd.choice(keys), rnd.choice(keys)
        relation = rnd.choice(RELATIONS)
        attrs = {"label": relation, "weight": rnd.randint(1, 9)}
        if rnd.random() < 0.8:
            day = f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            attrs.update(first=day, last=day)
        G.add_edge(u, v, key=relation, **attrs)
    return G


def for_networkx(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph as networkx's writers accept it: lists joined, None dropped."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: "|".join(v) if isinstance(v, list) else v for k, v in data.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: val for k, val in data.items() if val is not None})
    return H


def timed(write, G, path: Path) -> float:
    start = time.perf_counter()
    write(G, path)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=200_000)
    args = parser.parse_args()

    try:
        import lxml  # noqa: F401

        backend = "lxml"
    except ImportError:
        backend = "xml.etree (lxml not installed)"
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(f"machine: {cores} cores ({usable} usable); python {sys.version.split()[0]}; "
          f"networkx {nx.__version__}, its GraphML writer on {backend}")
    start = time.perf_counter()
    G = make_graph(args.nodes, args.edges)
    H = for_networkx(G)
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
          f"(built in {time.perf_counter() - start:.1f} s)")

    failed = False
    print(f"{'format':<8} {'kgraph s':>9} {'networkx s':>11} {'ratio':>6} {'kgraph MB':>10} {'networkx MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, ours, theirs in (("graphml", write_graphml, nx.write_graphml), ("gexf", write_gexf, nx.write_gexf)):
            mine = timed(ours, G, folder / f"ours.{name}")
            nxs = timed(theirs, H, folder / f"nx.{name}")
            ratio = mine / nxs
            size_ours = (folder / f"ours.{name}").stat().st_size / 1e6
            size_nx = (folder / f"nx.{name}").stat().st_size / 1e6
            ok = mine < 30 and ratio <= 2
            failed |= not ok
            print(f"{name:<8} {mine:>9.2f} {nxs:>11.2f} {ratio:>6.2f} {size_ours:>10.1f} {size_nx:>12.1f}"
                  f"  {'ok' if ok else 'MISSED (target: < 30 s and <= 2x networkx)'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
