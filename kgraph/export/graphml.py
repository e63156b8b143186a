"""GraphML for Gephi, Cytoscape, yEd, igraph and graphology.

Each node gets ``label``, ``type`` and its colour by type twice over: ``color`` (``#rrggbb``,
read by igraph and Cytoscape) and ``r``/``g``/``b`` integers (read by Gephi's and graphology's
GraphML importers). Each edge gets ``label`` (the relation) and ``weight``. Every attribute
key is declared once, with its type and ``for="node"``, ``for="edge"`` or ``for="graph"``.
See :mod:`kgraph.export._common` for how values are cleaned, typed and ordered.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("kg:kt", label="KT", type="Company")
>>> G.add_edge("kg:fine", "kg:kt", key="appliesTo", label="appliesTo", weight=2)
'appliesTo'
>>> text = "".join(generate_graphml(G))
>>> '<key id="d0" for="node" attr.name="label" attr.type="string"/>' in text
True
>>> '<data key="d2">#1f77b4</data>' in text
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import networkx as nx

from ._common import (
    EDGE_FIRST,
    NODE_FIRST,
    TEXT_OF,
    atomic_open,
    column_types,
    edge_rows,
    graph_attributes,
    node_rows,
    paused_gc,
    xml_attr,
    xml_text,
)
from .colours import colour_for, rgb

_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_COLOUR_KEYS = ("color", "r", "g", "b")


def _colour_attributes(node_type: object, kind: object) -> dict[str, str | int]:
    colour = colour_for(node_type if isinstance(node_type, str) else None, kind if isinstance(kind, str) else None)
    red, green, blue = rgb(colour)
    return {"color": colour, "r": red, "g": green, "b": blue}


def generate_graphml(G: nx.Graph) -> Iterator[str]:
    """Yield the GraphML document of ``G`` in pieces (nodes and edges sorted).

    Raises:
        TypeError: an attribute value of an unsupported type (the message names it).
        ExportError: two nodes would be written with the same id.
    """
    nodes = node_rows(G)
    edges = edge_rows(G)
    graph_attrs = graph_attributes(G)
    colours: dict[tuple[object, object], dict[str, str | int]] = {}
    for row in nodes:
        pair = (row.attrs.get("type"), row.attrs.get("kind"))
        extra = colours.get(pair)
        if extra is None:
            extra = colours[pair] = _colour_attributes(*pair)
        row.attrs.update(extra)

    node_types = column_types((row.attrs for row in nodes), NODE_FIRST[:2] + _COLOUR_KEYS + NODE_FIRST[2:])
    edge_types = column_types((row.attrs for row in edges), EDGE_FIRST)
    graph_types = column_types([graph_attrs])

    yield _HEADER
    # Per domain: (attribute name, the <data> opening tag, the value → text function).
    keys: dict[str, list[tuple[str, str, Callable]]] = {"graph": [], "node": [], "edge": []}
    number = 0
    for domain, types in (("graph", graph_types), ("node", node_types), ("edge", edge_types)):
        indent = "    " if domain == "graph" else "      "
        for name, kind in types.items():
            key_id = f"d{number}"
            number += 1
            keys[domain].append((name, f'{indent}<data key="{key_id}">', TEXT_OF[kind]))
            yield f'  <key id="{key_id}" for="{domain}" attr.name={xml_attr(name)} attr.type="{kind}"/>\n'

    directed = "directed" if G.is_directed() else "undirected"
    yield f'  <graph id="G" edgedefault="{directed}">\n'
    for name, opening, text_of in keys["graph"]:
        yield f"{opening}{xml_text(text_of(graph_attrs[name]))}</data>\n"

    node_keys = keys["node"]
    for row in nodes:
        attrs = row.attrs
        parts = [f"    <node id={xml_attr(row.id)}>\n"]
        for name, opening, text_of in node_keys:
            value = attrs.get(name)
            if value is not None:
                parts.append(f"{opening}{xml_text(text_of(value))}</data>\n")
        parts.append("    </node>\n")
        yield "".join(parts)

    edge_keys = keys["edge"]
    for row in edges:
        attrs = row.attrs
        parts = [f'    <edge id="{row.id}" source={xml_attr(row.source)} target={xml_attr(row.target)}>\n']
        for name, opening, text_of in edge_keys:
            value = attrs.get(name)
            if value is not None:
                parts.append(f"{opening}{xml_text(text_of(value))}</data>\n")
        parts.append("    </edge>\n")
        yield "".join(parts)
    yield "  </graph>\n</graphml>\n"


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as GraphML to ``path``, atomically (a failed write keeps the previous file).

    Raises:
        TypeError: an attribute value of an unsupported type.
        ExportError: two nodes would be written with the same id.
        OSError: the file cannot be written.
    """
    with atomic_open(path) as fh, paused_gc():
        fh.writelines(generate_graphml(G))
