"""The explorer's view of a graph: search over names, and one entity's story.

``kgraph serve`` answers its web page from these functions, and ``kgraph export -o story.html``
stores their answers in the page itself. Everything returned is plain JSON-ready data:

- :class:`SearchIndex` finds entities by label, alias (``skos:altLabel``) or article title,
  ignoring case, spaces and character width: ``과기정통부`` finds 과학기술정보통신부.
- :func:`entity` gives one node's type, names, properties, its neighbourhood (the facts that
  link it to organizations, people, incidents and measures, and theirs one step on), a timeline
  of the incidents and measures around it, and each fact's evidence sentences with the article
  they came from.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> kg, kgr = PREFIXES["kg"], PREFIXES["kgr"]
>>> org = ox.NamedNode(kgr + "org/과학기술정보통신부")
>>> store.add(ox.Quad(org, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(kg + "GovernmentAgency")))
>>> store.add(ox.Quad(org, ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.Literal("과학기술정보통신부", language="ko")))
>>> store.add(ox.Quad(org, ox.NamedNode(PREFIXES["skos"] + "altLabel"), ox.Literal("과기정통부", language="ko")))
>>> [hit["label"] for hit in SearchIndex.build(store).search("과기 정통부")]
['과학기술정보통신부']
>>> entity(store, org.value)["type"]
'GovernmentAgency'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

import pyoxigraph as ox

from .export.colours import KIND_ORDER, colour_for
from .lexicon import ontology_dir
from .vocab import PREFIXES
from .views import class_kinds

_KG = PREFIXES["kg"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_LABEL = PREFIXES["rdfs"] + "label"
_ALT = PREFIXES["skos"] + "altLabel"

#: Relations between entities that the neighbourhood graph draws.
FACT_RELATIONS: tuple[str, ...] = ("issuedBy", "appliesTo", "referredTo", "concerns", "affects", "affiliatedWith")

#: Caps that keep a page readable (and quick) for a hub such as a ministry.
MAX_NODES = 80
MAX_EVIDENCE_PER_FACT = 5
MAX_EVIDENCE = 200
MAX_ARTICLES = 30

_EVENT_KINDS = ("incident", "measure")
_HIDDEN = {_RDF_TYPE, _LABEL, _ALT, _KG + "evidence", _KG + "observation", _KG + "mentions", _KG + "body"}


class UnknownEntity(LookupError):
    """No node with this IRI in the graph."""


def fold(text: str) -> str:
    """A name for comparison: NFKC, case-folded, without spaces or middle dots.

    >>> fold("SK 텔레콤") == fold("sk텔레콤")
    True
    """
    return re.sub(r"[\s·ㆍ]+", "", unicodedata.normalize("NFKC", text)).casefold()


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else unquote(iri.rstrip("/").rsplit("/", 1)[-1])


def _prefixed(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and prefix != "kgr":
            return f"{prefix}:{iri[len(ns):]}"
    return iri


@lru_cache(maxsize=1)
def term_labels() -> dict[str, dict[str, str]]:
    """Korean and English labels of every ontology term, from ``ontology/kgraph.ttl``."""
    out: dict[str, dict[str, str]] = {}
    for quad in ox.parse(path=str(ontology_dir() / "kgraph.ttl"), format=ox.RdfFormat.TURTLE):
        if quad.predicate.value == _LABEL and isinstance(quad.object, ox.Literal):
            out.setdefault(quad.subject.value, {})[quad.object.language or ""] = quad.object.value
    return out


def _type_of(types: list[str]) -> tuple[str, str]:
    """(most specific kg: class local name, kind) of a node from its rdf:types."""
    kinds = class_kinds()
    best: tuple[int, str, str] | None = None
    for t in types:
        if t in kinds:
            kind, depth = kinds[t]
            cand = (-depth, _local(t), kind)
            if best is None or cand < best:
                best = cand
    if best is None:
        local = _local(types[0]) if types else ""
        return local, ""
    return best[1], best[2]


def _node(iri: str, label: str, type_: str, kind: str) -> dict:
    return {"iri": iri, "label": label, "type": type_, "kind": kind, "colour": colour_for(type_, kind)}


def _pick_label(labels: list[ox.Literal], iri: str) -> str:
    if not labels:
        return _local(iri)
    best = sorted(labels, key=lambda lit: (lit.language != "ko", lit.language is not None, lit.value))
    return best[0].value


def _select(store: ox.Store, text: str) -> list[tuple]:
    return [tuple(s) for s in store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)]


def _values(iris) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _literal_json(lit: ox.Literal) -> dict:
    out = {"value": lit.value}
    if lit.language:
        out["lang"] = lit.language
    elif lit.datatype.value != PREFIXES["xsd"] + "string":
        out["datatype"] = _prefixed(lit.datatype.value)
    return out


# --- search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    iri: str
    label: str
    type: str
    kind: str
    names: tuple[tuple[str, str, bool], ...]  # (folded name, name, is_label)


class SearchIndex:
    """Every entity's labels and aliases (and every article's title), folded for matching."""

    def __init__(self, entries: list[_Entry]):
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    @classmethod
    def build(cls, store: ox.Store) -> SearchIndex:
        """Read the names of organizations, people, incidents, measures and articles."""
        kinds = class_kinds()
        types: dict[str, list[str]] = {}
        for x, t in _select(store, "SELECT ?x ?t WHERE { ?x a ?t }"):
            if t.value in kinds and isinstance(x, ox.NamedNode):
                types.setdefault(x.value, []).append(t.value)
        names: dict[str, list[tuple[ox.Literal, bool]]] = {}
        rows = _select(store, """
            SELECT ?x ?name ?p WHERE {
              VALUES ?p { rdfs:label skos:altLabel kg:title }
              ?x ?p ?name FILTER(isLiteral(?name)) }""")
        for x, name, p in rows:
            if x.value in types:
                names.setdefault(x.value, []).append((name, p.value != _ALT))
        entries = []
        for iri in sorted(types):
            type_, kind = _type_of(types[iri])
            found = names.get(iri, [])
            label = _pick_label([n for n, is_label in found if is_label], iri)
            seen: dict[str, tuple[str, str, bool]] = {}
            for lit, is_label in sorted(found, key=lambda f: (not f[1], f[0].value)):
                key = fold(lit.value)
                if key and key not in seen:
                    seen[key] = (key, lit.value, is_label)
            if not seen:
                seen[fold(label)] = (fold(label), label, True)
            entries.append(_Entry(iri, label, type_, kind, tuple(seen.values())))
        return cls(entries)

    def search(self, text: str, limit: int = 20) -> list[dict]:
        """Entities whose label, alias or title matches ``text``, best first.

        Exact names before names that start with the text, before names that contain it;
        labels before aliases; organizations, people, incidents, measures, then articles.
        Each hit says which name matched (``matched``).
        """
        key = fold(text)
        if not key:
            return []
        order = {k: i for i, k in enumerate(KIND_ORDER)}
        scored = []
        for e in self._entries:
            best = None
            for folded, name, is_label in e.names:
                if folded == key:
                    rank = 0
                elif folded.startswith(key):
                    rank = 2
                elif key in folded:
                    rank = 4
                else:
                    continue
                rank += 0 if is_label else 1
                if best is None or rank < best[0]:
                    best = (rank, name)
            if best is not None:
                scored.append((best[0], order.get(e.kind, 9), len(e.label), e.label, e.iri, best[1], e))
        scored.sort(key=lambda s: s[:5])
        return [
            {**_node(e.iri, e.label, e.type, e.kind), "matched": name}
            for _, _, _, _, _, name, e in scored[:limit]
        ]

    def to_json(self) -> list[dict]:
        """The index as data (for a page that searches by itself)."""
        return [
            {**_node(e.iri, e.label, e.type, e.kind), "names": [[f, n, lab] for f, n, lab in e.names]}
            for e in self._entries
        ]


# --- one entity ------------------------------------------------------------------------------


def _describe_nodes(store: ox.Store, iris: set[str]) -> dict[str, dict]:
    """Label, type and kind of each IRI (in one query)."""
    if not iris:
        return {}
    types: dict[str, list[str]] = {}
    labels: dict[str, list[ox.Literal]] = {}
    rows = _select(store, f"""
        SELECT ?x ?t ?l WHERE {{ VALUES ?x {{ {_values(sorted(iris))} }}
          {{ ?x a ?t }} UNION {{ ?x rdfs:label ?l }} UNION {{ ?x kg:title ?l }} }}""")
    for x, t, lab in rows:
        if t is not None:
            types.setdefault(x.value, []).append(t.value)
        if lab is not None:
            labels.setdefault(x.value, []).append(lab)
    out = {}
    for iri in iris:
        if iri not in types:
            continue
        type_, kind = _type_of(types[iri])
        out[iri] = _node(iri, _pick_label(labels.get(iri, []), iri), type_, kind)
    return out


def _facts_around(store: ox.Store, iris: set[str]) -> list[tuple[str, str, str]]:
    """(subject, relation, object) of every fact relation touching one of ``iris``."""
    if not iris:
        return []
    rels = " ".join(f"kg:{r}" for r in FACT_RELATIONS)
    rows = _select(store, f"""
        SELECT ?s ?p ?o WHERE {{ VALUES ?x {{ {_values(sorted(iris))} }} VALUES ?p {{ {rels} }}
          {{ ?x ?p ?o BIND(?x AS ?s) }} UNION {{ ?s ?p ?x BIND(?x AS ?o) }} }}""")
    return sorted({(s.value, _local(p.value), o.value) for s, p, o in rows if isinstance(o, ox.NamedNode)})


def entity(store: ox.Store, iri: str) -> dict:
    """Everything the explorer shows about one node (see the module documentation).

    Raises:
        UnknownEntity: nothing in the graph has this IRI as a subject.
    """
    node = ox.NamedNode(iri)
    types, labels, aliases, props, links = [], [], [], [], []
    for quad in store.quads_for_pattern(node, None, None):
        p, o = quad.predicate.value, quad.object
        if p == _RDF_TYPE:
            types.append(o.value)
        elif p == _LABEL and isinstance(o, ox.Literal):
            labels.append(o)
        elif p == _ALT and isinstance(o, ox.Literal):
            aliases.append(o.value)
        elif p in _HIDDEN:
            continue
        elif isinstance(o, ox.Literal):
            props.append((p, o))
        elif isinstance(o, ox.NamedNode):
            links.append((p, o.value))
    if not types and not labels and not props and not links:
        raise UnknownEntity(f"no entity {iri} in this graph")
    type_, kind = _type_of(types)
    title = next((lit for p, lit in props if p == _KG + "title"), None)
    label = title.value if kind == "article" and title is not None else _pick_label(labels, iri)
    me = _node(iri, label, type_, kind)
    me.update(
        aliases=sorted(set(aliases) | {lab.value for lab in labels} - {label}),
        types=sorted(_prefixed(t) for t in types),
    )

    # Neighbourhood: facts touching the node, then those touching the events one step away.
    facts = _facts_around(store, {iri})
    near = {s for s, _, o in facts} | {o for _, _, o in facts}
    if kind == "article":
        mentioned = [o.value for (o,) in _select(store, f"SELECT ?o WHERE {{ <{iri}> kg:mentions ?o }}")]
        near |= set(mentioned)
        facts += [(iri, "mentions", o) for o in mentioned]
    nodes = _describe_nodes(store, near | {iri})
    first_events = {n for n, d in nodes.items() if d["kind"] in _EVENT_KINDS}
    hidden = 0
    if len(nodes) > MAX_NODES:  # a hub: draw the entity and the first of its neighbours, say how many more
        order = {k: i for i, k in enumerate(KIND_ORDER)}
        ranked = sorted((n for n in nodes if n != iri), key=lambda n: (order.get(nodes[n]["kind"], 9), nodes[n]["label"], n))
        keep = {iri, *ranked[: MAX_NODES - 1]}
        hidden = len(nodes) - len(keep & set(nodes))
        nodes = {n: d for n, d in nodes.items() if n in keep}
    events = {n for n, d in nodes.items() if d["kind"] in _EVENT_KINDS}
    if len(nodes) < MAX_NODES:
        more = [f for f in _facts_around(store, events - {iri}) if f not in facts]
        extra = _describe_nodes(store, ({s for s, _, _ in more} | {o for _, _, o in more}) - set(nodes))
        for s, r, o in more:
            for end in (s, o):
                if end not in nodes and end in extra and len(nodes) < MAX_NODES:
                    nodes[end] = extra[end]
            if s in nodes and o in nodes:
                facts.append((s, r, o))
    nodes.setdefault(iri, me)
    facts = sorted({f for f in facts if f[0] in nodes and f[2] in nodes})
    names = term_labels()
    edges = [
        {"source": s, "target": o, "relation": r, "label": names.get(_KG + r, {}).get("ko", r)} for s, r, o in facts
    ]
    events = {n for n, d in nodes.items() if d["kind"] in _EVENT_KINDS} | first_events
    described = {**_describe_nodes(store, first_events - set(nodes)), **nodes}

    # Properties: literals with their term labels; links to other nodes by name.
    properties = []
    for p, lit in sorted(props, key=lambda pl: (pl[0], pl[1].value)):
        properties.append({"property": _prefixed(p), "label": names.get(p, {}).get("ko", _local(p)), **_literal_json(lit)})
    for p, target in sorted(links):
        if target in nodes:
            properties.append({"property": _prefixed(p), "label": names.get(p, {}).get("ko", _local(p)),
                               "value": nodes[target]["label"], "iri": target})
        else:
            properties.append({"property": _prefixed(p), "label": names.get(p, {}).get("ko", _local(p)),
                               "value": _local(target) if target.startswith(PREFIXES["kgr"]) else target,
                               "iri": target})

    me.update(
        properties=properties,
        nodes=[nodes[n] for n in sorted(nodes, key=lambda n: (n != iri, nodes[n]["kind"], nodes[n]["label"]))],
        edges=edges,
        more_nodes=hidden,
        timeline=_timeline(store, events, described),
        evidence=_evidence(store, events | {iri}, described),
        observations=_observations(store, iri),
        articles=_articles(store, iri),
        type_labels={t: names.get(_KG + t, {}).get("ko", t) for t in {n["type"] for n in nodes.values()}},
    )
    return me


def _timeline(store: ox.Store, events: set[str], nodes: dict[str, dict]) -> list[dict]:
    """Dated incidents and measures, oldest first."""
    if not events:
        return []
    rows = _select(store, f"""
        SELECT ?x ?p ?d WHERE {{ VALUES ?x {{ {_values(sorted(events))} }}
          VALUES ?p {{ kg:date kg:firstReported kg:lastReported }} ?x ?p ?d }}""")
    dates: dict[str, dict[str, str]] = {}
    for x, p, d in rows:
        dates.setdefault(x.value, {})[_local(p.value)] = d.value[:10]
    out = []
    for iri, d in dates.items():
        when = d.get("date") or d.get("firstReported") or d.get("lastReported")
        entry = {**nodes[iri], "date": when}
        if "lastReported" in d and d.get("lastReported") != when:
            entry["until"] = d["lastReported"]
        out.append(entry)
    return sorted(out, key=lambda e: (e["date"], e["kind"], e["label"]))


def _evidence(store: ox.Store, facts: set[str], nodes: dict[str, dict]) -> list[dict]:
    """The sentences each fact was read from, with the article (title, outlet, date, link)."""
    if not facts:
        return []
    rows = _select(store, f"""
        SELECT ?x ?sentence ?article ?title ?url ?outlet ?published WHERE {{
          VALUES ?x {{ {_values(sorted(facts))} }}
          ?x kg:evidence ?ev . ?ev kg:sentence ?sentence ; kg:inArticle ?article .
          OPTIONAL {{ ?article kg:title ?title }} OPTIONAL {{ ?article kg:url ?url }}
          OPTIONAL {{ ?article kg:publisherName ?outlet }} OPTIONAL {{ ?article kg:publishedAt ?published }}
        }}""")
    per_fact: dict[str, list[dict]] = {}
    for x, sentence, article, title, url, outlet, published in rows:
        per_fact.setdefault(x.value, []).append({
            "sentence": sentence.value,
            "article": article.value,
            "title": title.value if title else "",
            "url": url.value if url else "",
            "outlet": outlet.value if outlet else "",
            "published": published.value[:10] if published else "",
        })
    out = []
    for x in sorted(per_fact, key=lambda i: (nodes.get(i, {}).get("kind", ""), nodes.get(i, {}).get("label", i))):
        items = sorted(per_fact[x], key=lambda e: (e["published"], e["article"], e["sentence"]))
        unique = list({(e["article"], e["sentence"]): e for e in items}.values())
        fact = nodes.get(x) or {"iri": x, "label": _local(x)}
        out.append({"fact": fact["iri"], "label": fact["label"], "kind": fact.get("kind", ""),
                    "type": fact.get("type", ""), "sentences": unique[:MAX_EVIDENCE_PER_FACT],
                    "more": max(0, len(unique) - MAX_EVIDENCE_PER_FACT)})
        if sum(len(e["sentences"]) for e in out) >= MAX_EVIDENCE:
            break
    if len(out) < len(per_fact):  # say so on the last entry rather than drop facts silently
        out[-1]["facts_not_shown"] = len(per_fact) - len(out)
    return out


def _observations(store: ox.Store, iri: str) -> list[dict]:
    """Figures reported about an incident, each with its article and date (latest last)."""
    rows = _select(store, f"""
        SELECT ?p ?v ?at ?article ?title WHERE {{ <{iri}> kg:observation ?obs .
          ?obs kg:observedProperty ?p ; kg:observedValue ?v .
          OPTIONAL {{ ?obs kg:reportedAt ?at }} OPTIONAL {{ ?obs kg:inArticle ?article
          OPTIONAL {{ ?article kg:title ?title }} }} }}""")
    names = term_labels()
    out = [{
        "property": _prefixed(p.value), "label": names.get(p.value, {}).get("ko", _local(p.value)),
        "value": v.value, "reported": at.value[:10] if at else "",
        "article": article.value if article else "", "title": title.value if title else "",
    } for p, v, at, article, title in rows]
    return sorted(out, key=lambda o: (o["property"], o["reported"], o["value"]))


def _articles(store: ox.Store, iri: str) -> dict:
    """How many articles mention the node, and the latest of them."""
    (count,) = _select(store, f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a kg:mentions <{iri}> }}")[0]
    rows = _select(store, f"""
        SELECT ?a ?title ?url ?published ?outlet WHERE {{ ?a kg:mentions <{iri}> .
          OPTIONAL {{ ?a kg:title ?title }} OPTIONAL {{ ?a kg:url ?url }}
          OPTIONAL {{ ?a kg:publishedAt ?published }} OPTIONAL {{ ?a kg:publisherName ?outlet }} }}
        ORDER BY DESC(?published) ?a LIMIT {MAX_ARTICLES}""")
    return {
        "count": int(count.value),
        "latest": [{"iri": a.value, "title": t.value if t else _local(a.value), "url": u.value if u else "",
                    "published": p.value[:10] if p else "", "outlet": o.value if o else ""}
                   for a, t, u, p, o in rows],
    }


def info(store: ox.Store) -> dict:
    """Counts for the start page (triples, nodes of each kind), Korean class names, the IRI base."""
    kinds = class_kinds()
    counts: dict[str, int] = {k: 0 for k in KIND_ORDER}
    for t, n in _select(store, "SELECT ?t (COUNT(?x) AS ?n) WHERE { ?x a ?t } GROUP BY ?t"):
        if t.value in kinds:
            counts[kinds[t.value][0]] += int(n.value)
    (triples,) = _select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]
    names = term_labels()
    type_labels = {_local(c): names.get(c, {}).get("ko", _local(c)) for c in kinds}
    return {"triples": int(triples.value), "kinds": counts, "type_labels": type_labels,
            "resource_base": PREFIXES["kgr"]}
