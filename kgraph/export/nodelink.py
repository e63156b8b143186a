"""JSON node-link for web tools (d3, sigma.js, graphology, Cytoscape.js after a small map).

The document is :func:`networkx.node_link_data` with ``edges="edges"``: ``{"directed",
"multigraph", "graph", "nodes": [{"id", ...}], "edges": [{"source", "target", "key", ...}]}``,
nodes sorted by id and edges by source, target and key. Lists stay lists; ``None``, NaN and
infinite numbers are dropped; text keeps Hangul as is (``ensure_ascii=False``), minus the
characters XML forbids (the same cleaning as every other export). Each node also gets its
``color`` by type. :func:`networkx.node_link_graph` reads the file back.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("kg:kt", label="KT", type="Company", aliases=["케이티"], first=None)
>>> print(generate_node_link(G), end="")
{"directed": true, "multigraph": true, "graph": {}, "nodes": [
{"id": "kg:kt", "label": "KT", "type": "Company", "aliases": ["케이티"], "color": "#1f77b4"}
], "edges": []}
"""

from __future__ import annotations

import json
import os

import networkx as nx

from ._common import Owner, atomic_open, clean_text, paused_gc, to_value
from .colours import colour_for


def _clean(data: dict, owner: Owner) -> dict:
    out = {}
    for name, value in data.items():
        key = clean_text(name if isinstance(name, str) else str(name))
        cleaned = to_value(value, key, owner, keep_lists=True)
        if cleaned is not None:
            out[key] = cleaned
    return out


def _sorted_copy(G: nx.Graph) -> nx.Graph:
    H = G.__class__()
    H.graph.update(_clean({k: v for k, v in G.graph.items() if k not in ("node_default", "edge_default")}, "graph"))
    for node in sorted(G.nodes, key=str):
        attrs = _clean(G.nodes[node], ("node", str(node)))
        node_type, kind = attrs.get("type"), attrs.get("kind")
        attrs["color"] = colour_for(
            node_type if isinstance(node_type, str) else None, kind if isinstance(kind, str) else None
        )
        H.add_node(node, **attrs)
    if G.is_multigraph():
        edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
        for u, v, key, data in edges:
            H.add_edge(u, v, key=key, **_clean(data, ("edge", str(u), str(v))))
    else:
        for u, v, data in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
            H.add_edge(u, v, **_clean(data, ("edge", str(u), str(v))))
    return H


def generate_node_link(G: nx.Graph) -> str:
    """The node-link JSON text of ``G``: one node or edge per line, ending with a newline.

    Raises:
        TypeError: an attribute value of an unsupported type (the message names it), or a node
            id that JSON cannot hold.
    """
    data = nx.node_link_data(_sorted_copy(G), edges="edges")
    dump = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode

    def clean_id(value):
        return clean_text(value) if isinstance(value, str) else value

    nodes = [{"id": clean_id(node.pop("id")), **node} for node in data["nodes"]]
    edges = []
    for edge in data["edges"]:
        head = {"source": clean_id(edge.pop("source")), "target": clean_id(edge.pop("target"))}
        if "key" in edge:
            head["key"] = clean_id(edge.pop("key"))
        edges.append({**head, **edge})

    def array(items: list[dict]) -> str:
        return "[\n" + ",\n".join(dump(item) for item in items) + "\n]" if items else "[]"

    top = dump({k: v for k, v in data.items() if k not in ("nodes", "edges")})
    parts = [top[:-1], ', "nodes": ', array(nodes), ', "edges": ', array(edges), "}\n"]
    return "".join(parts)


def write_node_link(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as node-link JSON to ``path``, atomically (a failed write keeps the previous file).

    Raises:
        TypeError: an attribute value of an unsupported type.
        OSError: the file cannot be written.
    """
    with paused_gc():
        text = generate_node_link(G)
    with atomic_open(path) as fh:
        fh.write(text)
