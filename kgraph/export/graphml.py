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
from collections.abc import Iterator

import networkx as nx

from ._common import (
    EDGE_FIRST,
    NODE_FIRST,
    atomic_open,
    column_types,
    column_values,
    declare_columns,
    edge_rows,
    graph_attributes,
    node_rows,
    paused_gc,
    type_colour,
    xml_attr,
    xml_text,
)

_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_COLOUR_KEYS = ("color", "r", "g", "b")


def generate_graphml(G: nx.Graph) -> Iterator[str]:
    """Yield the GraphML document of ``G`` in pieces (nodes and edges sorted).

    Raises:
        TypeError: an attribute value of an unsupported type (the message names it).
        ExportError: two nodes would be written with the same id.
    """
    nodes = node_rows(G)
    edges = edge_rows(G)
    graph_attrs = graph_attributes(G)
    colours: dict = {}  # (type, kind) -> colour, for type_colour
    for row in nodes:
        colour, red, green, blue = type_colour(row.attrs, colours)
        row.attrs.update(color=colour, r=red, g=green, b=blue)

    node_types = column_types((row.attrs for row in nodes), NODE_FIRST[:2] + _COLOUR_KEYS + NODE_FIRST[2:])
    edge_types = column_types((row.attrs for row in edges), EDGE_FIRST)
    graph_types = column_types([graph_attrs])

    yield _HEADER
    # Per domain, the columns: each value is written as <data key="dN">text</data>.
    keys = {}
    number = 0
    for domain, types in (("graph", graph_types), ("node", node_types), ("edge", edge_types)):
        indent = "    " if domain == "graph" else "      "
        keys[domain] = declare_columns(types, lambda n: f'{indent}<data key="d{n}">', start=number)
        number += len(keys[domain])
        for c in keys[domain]:
            yield f'  <key id="d{c.number}" for="{domain}" attr.name={xml_attr(c.name)} attr.type="{c.kind}"/>\n'

    directed = "directed" if G.is_directed() else "undirected"
    yield f'  <graph id="G" edgedefault="{directed}">\n'
    yield from column_values(graph_attrs, keys["graph"], xml_text, "</data>\n")

    node_keys = keys["node"]
    for row in nodes:
        yield "".join([f"    <node id={xml_attr(row.id)}>\n",
                       *column_values(row.attrs, node_keys, xml_text, "</data>\n"), "    </node>\n"])

    edge_keys = keys["edge"]
    for row in edges:
        yield "".join([f'    <edge id="{row.id}" source={xml_attr(row.source)} target={xml_attr(row.target)}>\n',
                       *column_values(row.attrs, edge_keys, xml_text, "</data>\n"), "    </edge>\n"])
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
