"""GEXF 1.3 for Gephi, with time: the timeline plays an incident's story.

The graph is written with ``mode="dynamic"`` and ``timeformat="date"``; a node or edge with
``first``/``last`` dates gets ``start``/``end`` (a month or year alone widens to its first or
last day), so Gephi's timeline shows companies, incidents and measures appearing as the news
reported them. Nodes carry ``label`` and ``viz:color`` by type; edges ``label``, ``kind`` (the
relation, which lets Gephi keep parallel edges of different relations apart) and ``weight``.
Other attributes are declared once in ``<attributes>`` with their GEXF type; ``first`` and
``last`` are kept as string attributes as well, for readers that ignore time (Gephi Lite).
See :mod:`kgraph.export._common` for how values are cleaned, typed and ordered.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("kg:kt", label="KT", type="Company", first="2025-12-01", last="2025-12-05")
>>> text = "".join(generate_gexf(G))
>>> '<node id="kg:kt" label="KT" start="2025-12-01" end="2025-12-05">' in text
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import networkx as nx

from ._common import (
    EDGE_FIRST,
    NODE_FIRST,
    TEXT_OF,
    Column,
    atomic_open,
    column_types,
    column_values,
    declare_columns,
    edge_rows,
    interval,
    node_rows,
    paused_gc,
    type_colour,
    xml_attr,
)

_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
    "  <meta>\n    <creator>kgraph</creator>\n  </meta>\n"
)
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "long": "long", "double": "double", "string": "string"}
# Written as XML attributes of <node>/<edge>, not as <attvalue>s.
_NODE_OWN = {"label"}
_EDGE_OWN = {"label", "weight"}


def _attributes_block(domain: str, types: dict[str, str], own: set[str]) -> tuple[list[str], list[Column]]:
    """The <attributes> declaration, and the columns whose values are ``<attvalue>``s."""
    columns = declare_columns(types, lambda number: f'          <attvalue for="{number}" value=', skip=own)
    lines = [f'    <attributes class="{domain}" mode="static">\n']
    lines += [f'      <attribute id="{c.number}" title={xml_attr(c.name)} type="{_GEXF_TYPES[c.kind]}"/>\n'
              for c in columns]
    lines.append("    </attributes>\n")
    return lines, columns


def _attvalues(attrs: dict, columns: list[Column]) -> list[str]:
    values = column_values(attrs, columns, xml_attr, "/>\n")
    if not values:
        return []
    return ["        <attvalues>\n", *values, "        </attvalues>\n"]


def _span(start: str | None, end: str | None) -> str:
    return (f' start="{start}"' if start else "") + (f' end="{end}"' if end else "")


def generate_gexf(G: nx.Graph) -> Iterator[str]:
    """Yield the GEXF 1.3 document of ``G`` in pieces (nodes and edges sorted).

    Raises:
        TypeError: an attribute value of an unsupported type (the message names it).
        ExportError: a ``first``/``last`` that is not an ISO date, ``first`` after ``last``, or
            two nodes written with the same id.
    """
    nodes = node_rows(G)
    edges = edge_rows(G)
    node_spans = [interval(row.attrs, ("node", row.id)) for row in nodes]
    edge_spans = [interval(row.attrs, ("edge", row.source, row.target)) for row in edges]
    node_block, node_declared = _attributes_block("node", column_types((r.attrs for r in nodes), NODE_FIRST), _NODE_OWN)
    edge_types = column_types((r.attrs for r in edges), EDGE_FIRST)
    edge_block, edge_declared = _attributes_block("edge", edge_types, _EDGE_OWN)
    weight_text = TEXT_OF[edge_types.get("weight", "int")]

    yield _HEADER
    default = "directed" if G.is_directed() else "undirected"
    yield f'  <graph defaultedgetype="{default}" mode="dynamic" timeformat="date">\n'
    yield "".join(node_block)
    yield "".join(edge_block)

    yield "    <nodes>\n"
    colours: dict = {}  # (type, kind) -> colour, for type_colour
    viz: dict[tuple[str, int, int, int], str] = {}
    for row, (start, end) in zip(nodes, node_spans):
        attrs = row.attrs
        rgb_colour = type_colour(attrs, colours)
        colour = viz.get(rgb_colour)
        if colour is None:
            _, red, green, blue = rgb_colour
            colour = viz[rgb_colour] = f'        <viz:color r="{red}" g="{green}" b="{blue}"/>\n'
        yield "".join([
            f"      <node id={xml_attr(row.id)} label={xml_attr(str(attrs['label']))}{_span(start, end)}>\n",
            *_attvalues(attrs, node_declared),
            colour,
            "      </node>\n",
        ])
    yield "    </nodes>\n"

    yield "    <edges>\n"
    for row, (start, end) in zip(edges, edge_spans):
        attrs = row.attrs
        label = attrs.get("label")
        if label is not None:
            quoted = xml_attr(str(label))
            named = f" label={quoted} kind={quoted}"
        else:
            named = ""
        head = (
            f'      <edge id="{row.id}" source={xml_attr(row.source)} target={xml_attr(row.target)}'
            f'{named} weight="{weight_text(attrs["weight"])}"{_span(start, end)}'
        )
        values = _attvalues(attrs, edge_declared)
        yield "".join([head, ">\n", *values, "      </edge>\n"]) if values else head + "/>\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as dynamic GEXF 1.3 to ``path``, atomically (a failed write keeps the previous file).

    Raises:
        TypeError: an attribute value of an unsupported type.
        ExportError: a malformed date, or two nodes written with the same id.
        OSError: the file cannot be written.
    """
    with atomic_open(path) as fh, paused_gc():
        fh.writelines(generate_gexf(G))
