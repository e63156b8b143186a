"""Views: the knowledge graph projected to a networkx ``MultiDiGraph``, and graph queries on it.

:func:`to_networkx` reads a built graph (a file in any format ``kgraph build`` writes, or an open
pyoxigraph store) with a handful of aggregating SPARQL queries and returns one node per
organization, person, incident and measure (articles optional) and one edge per relation,
weighted by the number of articles that support it. :func:`find_entity` resolves a name or any
alias; :func:`neighbors`, :func:`shortest_path`, :func:`centrality` and :func:`communities` return
plain data (lists and dicts of str, int and float, ready for ``json.dumps``).

>>> store = ox.Store()
>>> store.load(input='''
...     @prefix kg: <https://kgraph.example/ontology#> . @prefix id: <https://kgraph.example/id/> .
...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...     id:a1 a kg:Article ; kg:publishedAt "2025-12-29T00:00:00+09:00" ; kg:mentions id:KT, id:MSIT .
...     id:KT a kg:Company ; rdfs:label "KT"@ko .
...     id:MSIT a kg:GovernmentAgency ; rdfs:label "과학기술정보통신부"@ko ; skos:altLabel "과기정통부"@ko .
...     ''', format=ox.RdfFormat.TURTLE)
>>> G = to_networkx(store)
>>> G.nodes[find_entity(G, "과기정통부")]["type"]
'GovernmentAgency'
>>> [(G.nodes[u]["label"], key, w) for u, v, key, w in G.edges(keys=True, data="weight")]
[('KT', 'mentionedWith', 1)]
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations
from typing import TypedDict
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from .lexicon import ontology_dir
from .store import open_store
from .vocab import KG, PREFIXES

#: The kinds of node, each with the root class of its branch of the ontology.
KINDS: dict[str, str] = {
    "organization": str(KG.Organization),
    "person": str(KG.Person),
    "incident": str(KG.Incident),
    "measure": str(KG.Measure),
    "article": str(KG.Article),
}

#: Edge labels between entities: kg: properties from the node that carries the evidence, and
#: ``mentionedWith`` between organizations named in the same article.
RELATIONS: tuple[str, ...] = (
    "issuedBy", "appliesTo", "referredTo", "concerns", "affects", "affiliatedWith", "mentionedWith",
)
#: Edge labels from article nodes (only with ``include_articles``).
ARTICLE_RELATIONS: tuple[str, ...] = ("mentions", "publishedBy", "hasAuthor")

#: Betweenness is exact up to this many nodes; above, it is estimated from
#: :data:`BETWEENNESS_SAMPLE` sampled sources (networkx ``k=``), seeded so that it is repeatable.
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_SAMPLE = 200

_FACT_RELATIONS = ("issuedBy", "appliesTo", "referredTo", "concerns", "affects", "affiliatedWith")
_KG = PREFIXES["kg"]
_KGR = PREFIXES["kgr"]
_RDFS_SUBCLASS = PREFIXES["rdfs"] + "subClassOf"
_HEAD = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


class EntityNotFoundError(LookupError):
    """No node, or more than one, answers to a name; ``candidates`` holds close names."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


class NoPathError(LookupError):
    """Two entities are not connected in the view."""


class Neighbor(TypedDict):
    """A node near the one asked about, with the edges that reach it from one hop closer."""

    iri: str
    label: str
    type: str
    kind: str
    distance: int
    via: list[dict]  # {"source", "target", "relation", "weight"} (IRIs), edges in G's direction


class PathStep(TypedDict):
    """A node on a path, with every edge linking it to the previous node (none for the first)."""

    iri: str
    label: str
    type: str
    kind: str
    edges: list[dict]  # {"source", "target", "relation", "weight"}


# --- reading the RDF graph -----------------------------------------------------------------


@lru_cache(maxsize=1)
def class_kinds() -> dict[str, tuple[str, int]]:
    """Each ontology class IRI under a kind's root, with (kind, depth below the root).

    Read from ``rdfs:subClassOf`` in ``ontology/kgraph.ttl``, so a class added there is a node
    type here without a code change.

    >>> class_kinds()[str(KG.PoliceReferral)]
    ('measure', 1)
    """
    parent: dict[str, str] = {}
    for quad in ox.parse(path=str(ontology_dir() / "kgraph.ttl"), format=ox.RdfFormat.TURTLE):
        if quad.predicate.value == _RDFS_SUBCLASS and quad.subject.value.startswith(_KG):
            parent[quad.subject.value] = quad.object.value
    roots = {iri: kind for kind, iri in KINDS.items()}
    out: dict[str, tuple[str, int]] = {iri: (kind, 0) for iri, kind in roots.items()}
    for cls in parent:
        depth, node = 0, cls
        while node not in roots and node in parent and depth < 32:
            node, depth = parent[node], depth + 1
        if node in roots:
            out[cls] = (roots[node], depth)
    return out


def _day_bound(value: dt.date | str | None, *, end: bool) -> str | None:
    """``since``/``until`` as an ISO day; ``2025-12`` or ``2025`` stand for their first/last day."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", text):
            y, m = int(text[:4]), int(text[5:])
            return dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1).isoformat()
        if re.fullmatch(r"\d{4}", text):
            return f"{text}-12-31" if end else f"{text}-01-01"
    except ValueError:
        pass
    raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")


def _check_names(given: Iterable[str] | None, allowed: Iterable[str], what: str) -> frozenset[str] | None:
    if given is None:
        return None
    chosen = frozenset(given)
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(unknown)}; choose from {', '.join(allowed)}")
    return chosen


def _select(store: ox.Store, query: str) -> list[tuple]:
    """Run a SELECT (prefixes predeclared, named graphs included); rows of pyoxigraph terms."""
    solutions = store.query(_HEAD + query, use_default_graph_as_union=True)
    width = len(solutions.variables)
    return [tuple(row[i] for i in range(width)) for row in solutions]


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris))


def _dates(first: str | None, last: str | None) -> dict[str, str]:
    return {k: v for k, v in (("first", first), ("last", last)) if v}


def to_networkx(
    graph: str | os.PathLike[str] | ox.Store,
    *,
    kinds: Iterable[str] | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    min_weight: int = 1,
    include_articles: bool = False,
    relations: Iterable[str] | None = None,
    store_dir: str | os.PathLike[str] | None = None,
) -> nx.MultiDiGraph:
    """Project a built knowledge graph to a networkx ``MultiDiGraph``.

    Nodes are the organizations, persons, incidents and measures the articles name
    (``kg:mentions`` or evidence), keyed by IRI, with ``label`` (the Korean rdfs:label), ``type``
    (most specific kg: class, e.g. ``PoliceReferral``), ``kind``, ``iri``, ``aliases``
    (skos:altLabel and labels in other languages), ``articles`` (how many articles name it) and
    ``first``/``last`` (ISO days of the first and last of those articles, when known).
    An entity no article names but an edge points to (the incident a measure concerns, outside
    a date range) is a node too, with ``articles`` 0. Reporters and publishers that only appear
    in bylines are article metadata: they come in with ``include_articles``.

    Edges are keyed by relation name, with ``label`` (the same name), ``weight`` and
    ``first``/``last``: ``issuedBy``, ``appliesTo``, ``referredTo``, ``concerns`` (from a
    measure), ``affects`` (from an incident) and ``affiliatedWith`` (from a person) weigh the
    distinct articles whose evidence (``kg:evidence/kg:inArticle``) supports their source node
    (a source without evidence: the articles naming it); ``mentionedWith`` links two organizations named in the same article, once per pair, from
    the lexicographically smaller IRI, weighing the articles they share. With
    ``include_articles``, article nodes (``label`` the title) link to what they name by
    ``mentions``, ``publishedBy`` and ``hasAuthor`` edges of weight 1.

    Args:
        graph: a graph file (format from its extension) or an open ``pyoxigraph.Store``.
        kinds: keep only nodes of these kinds (see :data:`KINDS`); ``"article"`` implies
            ``include_articles``.
        since, until: count only articles published in this range of days (inclusive;
            ``date``, ``"2025-12-01"``, ``"2025-12"`` or ``"2025"``). Weights, counts and dates
            are recomputed from those articles (the day of ``kg:publishedAt`` as written, KST);
            nodes and edges none of them support are dropped.
        min_weight: drop edges of lower weight (a weight counts articles).
        include_articles: add article nodes and their edges.
        relations: keep only edges with these labels (see :data:`RELATIONS`).
        store_dir: with a file, keep its parsed store in this folder and reuse it
            (see :func:`kgraph.store.open_store`).

    Edge filters (``min_weight``, ``relations``) also drop the nodes they leave with no edge.

    Returns:
        A new ``MultiDiGraph``; nodes and edges are inserted in sorted order (deterministic).

    Raises:
        GraphFileError: the file is missing or not valid RDF.
        ValueError: an unknown kind or relation, a bad date, or ``since`` after ``until``.
    """
    kind_set = _check_names(kinds, KINDS, "kind")
    edge_set = _check_names(relations, RELATIONS + ARTICLE_RELATIONS, "relation")
    lo, hi = _day_bound(since, end=False), _day_bound(until, end=True)
    if lo and hi and lo > hi:
        raise ValueError(f"since ({lo}) is after until ({hi})")
    if min_weight < 1:
        raise ValueError(f"min_weight must be at least 1, not {min_weight}")
    with_articles = include_articles or (kind_set is not None and "article" in kind_set)
    store = graph if isinstance(graph, ox.Store) else open_store(graph, store_dir)

    classes = {c: kd for c, kd in class_kinds().items() if kd[0] != "article"}
    typed: dict[str, tuple[str, int, str]] = {}  # iri → (kind, depth, class local name)
    for x, t in _select(store, f"SELECT ?x ?t WHERE {{ VALUES ?t {{ {_values(classes)} }} ?x a ?t }}"):
        kind, depth = classes[t.value]
        name = t.value[len(_KG):]
        best = typed.get(x.value)
        # The most specific class wins (deepest below its root); equal depths, the first name.
        if best is None or depth > best[1] or (depth == best[1] and name < best[2]):
            typed[x.value] = (kind, depth, name)

    # The day of each article: the date part of kg:publishedAt as written (local time, KST unless
    # the source said otherwise), so that ranges and first/last agree with the dates readers see.
    day_of: dict[str, str] = {}
    for a, at in _select(store, "SELECT ?a ?at WHERE { ?a kg:publishedAt ?at }"):
        day_of[a.value] = min(day_of.get(a.value, "9999"), at.value[:10])
    ranged = None if lo is None and hi is None else {
        a for a, day in day_of.items() if (lo is None or day >= lo) and (hi is None or day <= hi)
    }

    def counted(articles: Iterable[str]) -> set[str]:
        return set(articles) if ranged is None else ranged.intersection(articles)

    # Counting happens in Python on rows grouped by SPARQL (article IRIs joined with spaces,
    # which IRIs cannot contain): on a million-triple graph this takes a third of the time of
    # GROUP BY/COUNT queries joined to the publication dates, the co-mention self-join most.
    named: dict[str, set[str]] = {}  # entity → articles in range that name it
    by_article: dict[str, list[str]] = {}  # article in range → organizations it mentions
    for a, xs in _select(store, """SELECT ?a (GROUP_CONCAT(STR(?x); separator=" ") AS ?xs)
                                   WHERE { ?a kg:mentions ?x } GROUP BY ?a"""):
        if ranged is None or a.value in ranged:
            for x in xs.value.split():
                named.setdefault(x, set()).add(a.value)
                if typed.get(x, ("",))[0] == "organization":
                    by_article.setdefault(a.value, []).append(x)
    supported: dict[str, set[str]] = {}  # entity → articles in range whose evidence supports it
    for x, articles in _select(store, """SELECT ?x (GROUP_CONCAT(DISTINCT STR(?a); separator=" ") AS ?as)
                                         WHERE { ?x kg:evidence/kg:inArticle ?a } GROUP BY ?x"""):
        found = counted(articles.value.split())
        if found:
            supported[x.value] = found
            named.setdefault(x.value, set()).update(found)
    meta_rows: list[tuple[str, str, str]] = []  # (article, relation, entity)
    if with_articles:
        for a, p, xs in _select(store, f"""SELECT ?a ?p (GROUP_CONCAT(STR(?x); separator=" ") AS ?xs) WHERE {{
                VALUES ?p {{ {_values(_KG + r for r in ARTICLE_RELATIONS)} }} ?a ?p ?x }} GROUP BY ?a ?p"""):
            if ranged is None or a.value in ranged:
                meta_rows += [(a.value, p.value[len(_KG):], x) for x in xs.value.split()]
        for a, _, x in meta_rows:
            named.setdefault(x, set()).add(a)

    def stats(articles: set[str]) -> dict:
        days = [d for d in map(day_of.get, articles) if d]
        return {"weight": len(articles), **_dates(min(days, default=None), max(days, default=None))}

    nodes: dict[str, dict] = {}

    def add_node(iri: str) -> bool:
        if iri in nodes:
            return True
        if iri not in typed:
            return False
        kind, _, name = typed[iri]
        s = stats(named.get(iri, set()))
        nodes[iri] = {"label": "", "type": name, "kind": kind, "iri": iri, **_dates(s.get("first"), s.get("last")),
                      "aliases": [], "articles": s["weight"]}
        return True

    for iri in sorted(named):
        add_node(iri)

    edges: dict[tuple[str, str, str], dict] = {}
    fact_values = _values(_KG + r for r in _FACT_RELATIONS)
    for s, p, o in _select(store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {fact_values} }} ?s ?p ?o }}"):
        source, target = s.value, o.value
        # Evidence of the source supports the edge; a source without evidence falls back on the
        # articles naming it; one that nothing (in range) names gives no edge.
        support = supported.get(source) or named.get(source)
        if support and add_node(source) and add_node(target):
            edges[(source, target, p.value[len(_KG):])] = stats(support)

    shared: dict[tuple[str, str], set[str]] = {}
    for a, orgs in by_article.items():
        for pair in combinations(sorted(set(orgs)), 2):
            shared.setdefault(pair, set()).add(a)
    for (x, y), articles in shared.items():
        if add_node(x) and add_node(y):
            edges[(x, y, "mentionedWith")] = stats(articles)

    if with_articles:
        for a, title in _select(store, """SELECT ?a (SAMPLE(?t) AS ?title) WHERE { ?a a kg:Article
                OPTIONAL { ?a kg:title ?t FILTER(LANG(?t) = "ko" || LANG(?t) = "") } } GROUP BY ?a"""):
            if ranged is None or a.value in ranged:
                day = day_of.get(a.value)
                nodes[a.value] = {"label": title.value if title else "", "type": "Article", "kind": "article",
                                  "iri": a.value, **_dates(day, day), "aliases": [], "articles": 1}
        for a, relation, x in meta_rows:
            if a in nodes and add_node(x):
                day = nodes[a].get("first")
                edges[(a, x, relation)] = {"weight": 1, **_dates(day, day)}

    _add_names(store, nodes)

    if kind_set is not None:
        nodes = {iri: attrs for iri, attrs in nodes.items() if attrs["kind"] in kind_set}
    edges = {k: e for k, e in edges.items() if k[0] in nodes and k[1] in nodes}
    if min_weight > 1 or edge_set is not None:
        linked = {k[0] for k in edges} | {k[1] for k in edges}
        edges = {k: e for k, e in edges.items()
                 if e["weight"] >= min_weight and (edge_set is None or k[2] in edge_set)}
        still = {k[0] for k in edges} | {k[1] for k in edges}
        nodes = {iri: attrs for iri, attrs in nodes.items() if iri not in linked or iri in still}

    G = nx.MultiDiGraph()
    G.add_nodes_from((iri, nodes[iri]) for iri in sorted(nodes))
    G.add_edges_from(
        (u, v, key, {"label": key, "weight": e["weight"], **_dates(e.get("first"), e.get("last"))})
        for (u, v, key), e in sorted(edges.items())
    )
    return G


def _add_names(store: ox.Store, nodes: dict[str, dict]) -> None:
    """Fill ``label`` (Korean rdfs:label, else any, else the IRI's last segment) and ``aliases``."""
    labels: dict[str, list[tuple[str, str]]] = {}
    rows = _select(store, """
        SELECT ?x ?l ?alt WHERE { { ?x rdfs:label ?l } UNION { ?x skos:altLabel ?alt } }""")
    for x, label, alt in rows:
        if x.value not in nodes:
            continue
        if label is not None:
            labels.setdefault(x.value, []).append((label.language or "", label.value))
        else:
            nodes[x.value]["aliases"].append(alt.value)
    for iri, attrs in nodes.items():
        names = sorted(labels.get(iri, []), key=lambda ln: (ln[0] != "ko", ln[0] != "", ln))
        if attrs["kind"] != "article":
            attrs["label"] = names[0][1] if names else _last_segment(iri)
        extra = {n for _, n in names} | set(attrs["aliases"])
        extra.discard(attrs["label"])
        attrs["aliases"] = sorted(extra)


def _last_segment(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


# --- finding entities ----------------------------------------------------------------------


def _fold(text: str) -> str:
    """Compare names ignoring case, spaces, full/half width and Hangul composition."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _describe(G: nx.MultiDiGraph, iri: str) -> str:
    attrs = G.nodes[iri]
    return f"{attrs['label']} ({attrs['type']}, {iri})"


def find_entity(G: nx.MultiDiGraph, name: str) -> str:
    """Return the IRI of the node called ``name``: its IRI (``kgr:`` prefix allowed), label or alias.

    Exact matches win (IRI, then label, then alias), then matches ignoring case, spaces and
    Unicode width. Two nodes answering at the same step is an error listing them (name one by
    its IRI).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://kgraph.example/id/org/과학기술정보통신부", label="과학기술정보통신부",
    ...            type="GovernmentAgency", aliases=["과기정통부", "Ministry of Science and ICT"])
    >>> find_entity(G, "과기정통부")
    'https://kgraph.example/id/org/과학기술정보통신부'
    >>> find_entity(G, "ministry of science and ict")
    'https://kgraph.example/id/org/과학기술정보통신부'

    Raises:
        EntityNotFoundError: no node, or several, answer to ``name``; the message and
            ``candidates`` list close names.
    """
    query = name.strip()
    iri = _KGR + query[4:] if query.startswith("kgr:") else query
    if iri in G:
        return iri
    folded = _fold(query)
    steps = (
        lambda a: [a.get("label", "")],
        lambda a: a.get("aliases", []),
        lambda a: [_fold(a.get("label", ""))],
        lambda a: [_fold(n) for n in a.get("aliases", [])],
    )
    for i, names_of in enumerate(steps):
        wanted = query if i < 2 else folded
        hits = [n for n, attrs in G.nodes(data=True) if wanted in names_of(attrs)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            listed = "; ".join(_describe(G, h) for h in sorted(hits))
            raise EntityNotFoundError(f"{name!r} names {len(hits)} entities: {listed}; give the IRI", sorted(hits))
    return _not_found(G, name, folded)


def _not_found(G: nx.MultiDiGraph, name: str, folded: str) -> str:
    scored = []  # (score, label, suggestion) per node, from its closest spelling
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(folded)
    for _, attrs in G.nodes(data=True):
        label = attrs.get("label", "")
        best, shown = 0.0, label
        for spelling in [label, *attrs.get("aliases", [])]:
            key = _fold(spelling)
            matcher.set_seq1(key)
            score = matcher.ratio() if matcher.quick_ratio() > best else 0.0
            if folded and key and (folded in key or key in folded):
                score = max(score, 0.75)  # a part of the name, or the name with more words
            if score > best:
                best, shown = score, label if spelling == label else f"{label} ({spelling})"
        if best >= 0.5:
            scored.append((-best, label, shown))
    suggestions = list(dict.fromkeys(shown for _, _, shown in sorted(scored)))[:5]
    hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
    raise EntityNotFoundError(f"no entity named {name!r} among the {len(G)} nodes of the graph{hint}", suggestions)


# --- graph queries -------------------------------------------------------------------------


def _undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected graph: one edge per linked pair, ``weight`` summed over relations."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for u, v, w in G.edges(data="weight", default=1):
        if u == v:
            continue
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    return U


def _node(G: nx.MultiDiGraph, iri: str) -> dict:
    attrs = G.nodes[iri]
    return {"iri": iri, "label": attrs["label"], "type": attrs["type"], "kind": attrs["kind"]}


def _edges_between(G: nx.MultiDiGraph, a: str, b: str) -> list[dict]:
    found = []
    for u, v in ((a, b), (b, a)):
        for key, attrs in sorted(G.get_edge_data(u, v, default={}).items()):
            found.append({"source": u, "target": v, "relation": key, "weight": attrs.get("weight", 1)})
    return found


def neighbors(G: nx.MultiDiGraph, name: str, depth: int = 1) -> list[Neighbor]:
    """The nodes within ``depth`` hops of the entity called ``name``, following edges either way.

    Each comes with its distance and the edges that reach it from nodes one hop closer; nearest
    first, then the most strongly linked, then by label. The entity itself is not listed.

    Raises:
        EntityNotFoundError: see :func:`find_entity`.
        ValueError: ``depth`` is below 1.
    """
    if depth < 1:
        raise ValueError(f"depth must be at least 1, not {depth}")
    start = find_entity(G, name)
    distance = {start: 0}
    frontier = [start]
    rows: list[Neighbor] = []
    for d in range(1, depth + 1):
        reached: dict[str, list[dict]] = {}
        for u in frontier:
            for v in set(G.successors(u)) | set(G.predecessors(u)):
                if v not in distance:
                    reached.setdefault(v, []).extend(_edges_between(G, u, v))
        for v in reached:
            distance[v] = d
        rows += [
            Neighbor(**_node(G, v), distance=d, via=via)
            for v, via in sorted(reached.items(), key=lambda kv: (-max(e["weight"] for e in kv[1]),
                                                                 G.nodes[kv[0]]["label"], kv[0]))
        ]
        frontier = sorted(reached)
    return rows


def shortest_path(G: nx.MultiDiGraph, a: str, b: str) -> list[PathStep]:
    """A shortest path (fewest edges) between two entities, ignoring edge direction.

    Direction is ignored because relations point from measures and incidents to organizations:
    KT and 경찰청 are linked through a measure that points at both. Each step lists the edges
    to the previous node in their own direction.

    Raises:
        EntityNotFoundError: see :func:`find_entity`.
        NoPathError: the two are in different connected components of the view.
    """
    source, target = find_entity(G, a), find_entity(G, b)
    try:
        path = nx.shortest_path(G.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        raise NoPathError(
            f"no path between {G.nodes[source]['label']} and {G.nodes[target]['label']}: "
            "they are in different connected components of this view"
        ) from None
    return [
        PathStep(**_node(G, v), edges=_edges_between(G, path[i - 1], v) if i else [])
        for i, v in enumerate(path)
    ]


def centrality(G: nx.MultiDiGraph, top: int = 20, by: str = "degree", exact: bool = False) -> dict:
    """Rank nodes by degree, betweenness or PageRank, on the undirected view of ``G``.

    ``degree`` counts distinct neighbours; ``betweenness`` is normalised and unweighted, and on
    graphs of more than :data:`BETWEENNESS_EXACT_MAX` nodes estimated from
    :data:`BETWEENNESS_SAMPLE` sampled sources (seeded, so repeatable) unless ``exact``;
    ``pagerank`` uses edge weights. Ties fall to the other measures, then the label.

    Returns:
        ``{"nodes", "edges", "by", "betweenness_sample" (None when exact), "ranking": [{"rank",
        "iri", "label", "type", "kind", "degree", "betweenness", "pagerank"}, ...]}``.

    Raises:
        ValueError: ``by`` is not one of degree, betweenness, pagerank.
    """
    measures = ("degree", "betweenness", "pagerank")
    if by not in measures:
        raise ValueError(f"cannot rank by {by!r}; choose from {', '.join(measures)}")
    U = _undirected(G)
    sample = min(BETWEENNESS_SAMPLE, len(U)) if len(U) > BETWEENNESS_EXACT_MAX and not exact else None
    between = nx.betweenness_centrality(U, k=sample, seed=0) if len(U) else {}
    rank = nx.pagerank(U, weight="weight") if len(U) else {}
    scores = {n: {"degree": U.degree(n), "betweenness": between[n], "pagerank": rank[n]} for n in U}
    order = [by] + [m for m in measures if m != by]
    ranked = sorted(U, key=lambda n: ([-scores[n][m] for m in order], G.nodes[n]["label"], n))
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "by": by,
        "betweenness_sample": sample,
        "ranking": [
            {"rank": i, **_node(G, n), **scores[n]} for i, n in enumerate(ranked[:top], 1)
        ],
    }


def communities(G: nx.MultiDiGraph, seed: int = 0, resolution: float = 1.0) -> dict:
    """Louvain communities of the undirected, weighted view of ``G``; every node in exactly one.

    Deterministic for a given ``seed``. Communities are numbered from 1, largest first; members
    are listed most linked first (weighted degree), then by label.

    Returns:
        ``{"modularity", "communities": [{"id", "size", "members": [{"iri", "label", "type",
        "kind", "weighted_degree"}, ...]}, ...]}``.
    """
    U = _undirected(G)
    parts = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed) if len(U) else []
    strength = dict(U.degree(weight="weight"))
    listed = [
        sorted(part, key=lambda n: (-strength[n], G.nodes[n]["label"], n)) for part in parts
    ]
    listed.sort(key=lambda members: (-len(members), G.nodes[members[0]]["label"], members[0]))
    modularity = nx.community.modularity(U, parts, weight="weight") if U.number_of_edges() else 0.0
    return {
        "modularity": modularity,
        "communities": [
            {"id": i, "size": len(members),
             "members": [{**_node(G, n), "weighted_degree": strength[n]} for n in members]}
            for i, members in enumerate(listed, 1)
        ],
    }
