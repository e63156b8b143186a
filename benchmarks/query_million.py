"""Time ``kgraph query`` on a synthetic graph of about a million triples in the kgraph schema.

    python benchmarks/query_million.py [--triples 1000000] [--keep DIR]

Writes the graph as N-Triples and Turtle in a temporary folder, then times: parsing it into an
in-memory store and every named query on it, building a ``--store`` folder, reopening that
folder, every named query through ``query(..., store_dir=...)``, and writing a large result.
Run it from a checkout with the package installed (``pip install -e .``). The graph is random but shaped like a real build: articles mention
organizations, incidents affect companies, measures are issued by agencies, evidence nodes
carry sentences.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kgraph.emit import write_graph
from kgraph.query import list_queries, load_query, query
from kgraph.store import load_graph, open_store
from kgraph.vocab import PREFIXES, mint_iri

KG = PREFIXES["kg"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
XSD = PREFIXES["xsd"]
INCIDENTS = ["Hacking", "DataBreach", "MalwareInfection", "Ransomware", "UnauthorizedPayment"]
MEASURES = ["PenaltyWaiver", "PoliceReferral", "Fine", "CorrectiveOrder", "Investigation", "Compensation"]


def kg(name: str) -> ox.NamedNode:
    return ox.NamedNode(KG + name)


def synthetic_triples(target: int, seed: int = 7) -> list[ox.Triple]:
    """About ``target`` triples: articles, organizations, incidents, measures and evidence."""
    rnd = random.Random(seed)
    T = ox.Triple
    out: list[ox.Triple] = []
    companies = [f"회사{i}" for i in range(1500)] + ["KT", "LG유플러스", "SK텔레콤"]
    agencies = [f"기관{i}" for i in range(300)] + ["과학기술정보통신부", "개인정보보호위원회"]
    police = ["경찰청", "서울경찰청", "검찰"]
    for names, cls in ((companies, "Company"), (agencies, "GovernmentAgency"), (police, "LawEnforcement")):
        for name in names:
            s = ox.NamedNode(mint_iri("org", name))
            out += [T(s, RDF_TYPE, kg(cls)), T(s, LABEL, ox.Literal(name, language="ko"))]
    integer = ox.NamedNode(XSD + "integer")
    seen: set[str] = set()
    n = 0
    while len(out) < target:
        n += 1
        art = ox.NamedNode(mint_iri("article", f"999_{n:010d}"))
        day = f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        out += [
            T(art, RDF_TYPE, kg("Article")),
            T(art, kg("articleId"), ox.Literal(f"999_{n:010d}")),
            T(art, kg("title"), ox.Literal(f"기사 제목 {n}", language="ko")),
            T(art, kg("publishedAt"), ox.Literal(day + "T09:00:00+09:00", datatype=ox.NamedNode(XSD + "dateTime"))),
            T(art, kg("body"), ox.Literal("본문 " * 40)),
        ]
        company = rnd.choice(companies)
        agency = rnd.choice(agencies)
        for org in {company, agency, rnd.choice(companies), rnd.choice(companies), rnd.choice(police)}:
            out.append(T(art, kg("mentions"), ox.NamedNode(mint_iri("org", org))))
        # Like a real build, an incident is one node per (class, company) and a measure one per
        # (class, target): later articles add evidence (and issuers), not second values.
        itype = rnd.choice(INCIDENTS)
        inc = ox.NamedNode(mint_iri("incident", itype, company))
        if inc.value not in seen:
            seen.add(inc.value)
            out += [
                T(inc, RDF_TYPE, kg(itype)),
                T(inc, LABEL, ox.Literal(f"{company} {itype}", language="ko")),
                T(inc, kg("affects"), ox.NamedNode(mint_iri("org", company))),
                T(inc, kg("victimCount"), ox.Literal(str(rnd.randint(1, 50000)), datatype=integer)),
            ]
        out.append(T(art, kg("mentions"), inc))
        nodes = [inc]
        for _ in range(2):
            mtype = rnd.choice(MEASURES)
            m = ox.NamedNode(mint_iri("measure", mtype, company))
            if m.value not in seen:
                seen.add(m.value)
                out += [
                    T(m, RDF_TYPE, kg(mtype)),
                    T(m, LABEL, ox.Literal(f"{company} {mtype}", language="ko")),
                    T(m, kg("appliesTo"), ox.NamedNode(mint_iri("org", company))),
                    T(m, kg("concerns"), inc),
                    T(m, kg("status"), ox.Literal(rnd.choice(["imposed", "demanded", "planned"]))),
                    T(m, kg("date"), ox.Literal(day, datatype=ox.NamedNode(XSD + "date"))),
                ]
                if mtype == "Fine":
                    out.append(T(m, kg("amount"), ox.Literal(str(rnd.randint(1, 900) * 10**7), datatype=integer)))
                if mtype == "PoliceReferral":
                    out.append(T(m, kg("referredTo"), ox.NamedNode(mint_iri("org", rnd.choice(police)))))
            if rnd.random() < 0.3:
                out.append(T(m, kg("issuedBy"), ox.NamedNode(mint_iri("org", agency))))
            out.append(T(art, kg("mentions"), m))
            nodes.append(m)
        for k, node in enumerate(nodes):
            for j in range(2):
                e = ox.NamedNode(mint_iri("evidence", f"999_{n:010d}", f"body-{k}-{j}"))
                out += [
                    T(node, kg("evidence"), e),
                    T(e, RDF_TYPE, kg("Evidence")),
                    T(e, kg("sentence"), ox.Literal(f"{company}에 대한 문장 {k}.{j}", language="ko")),
                    T(e, kg("inArticle"), art),
                    T(e, kg("section"), ox.Literal("body")),
                    T(e, kg("startOffset"), ox.Literal(str(j * 50), datatype=integer)),
                    T(e, kg("endOffset"), ox.Literal(str(j * 50 + 40), datatype=integer)),
                ]
    return out


def timed(label: str, fn):
    start = time.perf_counter()
    value = fn()
    print(f"{label:<40} {time.perf_counter() - start:8.3f} s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="Write the graph and store here and keep them.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        triples = timed("generate", lambda: synthetic_triples(args.triples))
        nt, ttl = folder / "graph.nt", folder / "graph.ttl"
        timed("write N-Triples", lambda: write_graph(triples, nt))
        timed("write Turtle", lambda: write_graph(triples, ttl))
        del triples
        memory = timed("parse .nt into memory", lambda: load_graph(nt))
        print(f"{'triples in the store':<40} {len(memory):8d}")
        timed("parse .ttl into memory", lambda: load_graph(ttl))
        for named in list_queries():
            result = timed(f"in memory: --name {named.name}", lambda: query(memory, named))
            print(f"{'':<40} {len(result.rows):8d} rows")
        del memory
        store_dir = folder / "store"
        shutil.rmtree(store_dir, ignore_errors=True)
        store = timed("--store: first run (parse + index)", lambda: open_store(nt, store_dir))
        del store
        timed("--store: reopen", lambda: open_store(nt, store_dir))
        for named in list_queries():
            result = timed(f"query --name {named.name}", lambda: query(nt, named, store_dir=store_dir))
            print(f"{'':<40} {len(result.rows):8d} rows")
        for name, bindings in (("org-timeline", {"org": "KT"}), ("evidence", {"node": "KT PenaltyWaiver"})):
            result = timed(f"query --name {name} -p {next(iter(bindings.items()))[0]}=…",
                           lambda: query(nt, load_query(name), store_dir=store_dir, bindings=bindings))
            print(f"{'':<40} {len(result.rows):8d} rows")
        big = timed("SELECT every evidence sentence", lambda: query(
            nt, "SELECT ?e ?s WHERE { ?e kg:sentence ?s }", store_dir=store_dir))
        timed(f"  as CSV ({len(big.rows)} rows)", lambda: big.serialize("csv"))
        timed(f"  as SPARQL JSON ({len(big.rows)} rows)", lambda: big.serialize("json"))
        timed(f"  as a table ({len(big.rows)} rows)", lambda: big.format_table())
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
