"""CSV node and edge tables for Gephi's spreadsheet import, Cytoscape and spreadsheets.

``write_csv(G, "graph.csv")`` writes two files: the **nodes** table at the path given and the
**edges** table beside it, named by :func:`edges_path` (``graph.csv`` → ``graph-edges.csv``;
``graph-nodes.csv`` → ``graph-edges.csv``).

Headers use the column names Gephi's import wizard recognises:

* nodes: ``Id,Label,Type,Color,`` then the other node attributes (``Kind,First,Last,Articles,
  Aliases,IRI`` for a kgraph graph), capitalised;
* edges: ``Source,Target,Type,Id,Label,Weight,`` then the other edge attributes (``First,Last``).
  ``Type`` here is Gephi's ``Directed``/``Undirected``; the relation is the ``Label``.

Files are UTF-8 without a byte-order mark, comma-separated, quoted where needed, one row per
line (``\\n``); lists are joined with ``|`` (Cytoscape's list delimiter); ``None`` is an empty
cell. Edge ``Id`` values are the same ``e0``, ``e1``… as in the GraphML and GEXF exports.

>>> import io, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("kg:kt", label="KT", type="Company", aliases=["케이티", "KT Corp"])
>>> G.add_edge("kg:fine", "kg:kt", key="appliesTo", label="appliesTo", weight=2)
'appliesTo'
>>> nodes, edges = io.StringIO(), io.StringIO()
>>> write_tables(G, nodes, edges)
>>> print(nodes.getvalue(), end="")
Id,Label,Type,Color,Aliases
kg:fine,kg:fine,,#bdbdbd,
kg:kt,KT,Company,#1f77b4,케이티|KT Corp
>>> print(edges.getvalue(), end="")
Source,Target,Type,Id,Label,Weight
kg:fine,kg:kt,Directed,e0,appliesTo,2
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import IO

import networkx as nx

from ._common import EDGE_FIRST, NODE_FIRST, atomic_open, column_types, edge_rows, node_rows, paused_gc, typed_text
from .colours import colour_for

_SPECIAL = {"iri": "IRI", "id": "ID"}


def edges_path(path: str | os.PathLike[str]) -> Path:
    """The edges table that goes with a nodes table at ``path``.

    >>> str(edges_path("out/graph.csv"))
    'out/graph-edges.csv'
    >>> str(edges_path("graph_nodes.csv"))
    'graph_edges.csv'
    """
    p = Path(path)
    stem = p.stem
    for sep in ("-", "_", "."):
        if stem.lower().endswith(f"{sep}nodes"):
            return p.with_name(f"{stem[: -len('nodes')]}edges{p.suffix}")
    return p.with_name(f"{stem}-edges{p.suffix or '.csv'}")


def _headers(names: list[str], taken: set[str]) -> list[str]:
    headers = []
    for name in names:
        header = _SPECIAL.get(name, name[:1].upper() + name[1:])
        if header.lower() in taken:
            header = name
        taken.add(header.lower())
        headers.append(header)
    return headers


def write_tables(G: nx.Graph, nodes: IO[str], edges: IO[str]) -> None:
    """Write the nodes and edges tables of ``G`` to two open text files.

    Raises:
        TypeError: an attribute value of an unsupported type (the message names it).
        ExportError: two nodes would be written with the same id.
    """
    node_list = node_rows(G)
    edge_list = edge_rows(G)
    node_types = column_types((r.attrs for r in node_list), NODE_FIRST)
    edge_types = column_types((r.attrs for r in edge_list), EDGE_FIRST)

    node_names = [n for n in node_types if n not in ("label", "type", "color")]
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(["Id", "Label", "Type", "Color", *_headers(node_names, {"id", "label", "type", "color"})])
    colours: dict[tuple[object, object], str] = {}
    for row in node_list:
        attrs = row.attrs
        node_type, kind = attrs.get("type"), attrs.get("kind")
        colour = colours.get((node_type, kind))
        if colour is None:
            colour = colours[(node_type, kind)] = colour_for(
                node_type if isinstance(node_type, str) else None, kind if isinstance(kind, str) else None
            )
        cells = [row.id, attrs["label"], "" if node_type is None else typed_text(node_type, node_types["type"]), colour]
        for name in node_names:
            value = attrs.get(name)
            cells.append("" if value is None else typed_text(value, node_types[name]))
        writer.writerow(cells)

    edge_names = [n for n in edge_types if n not in ("label", "weight")]
    fixed = {"source", "target", "type", "id", "label", "weight"}
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", *_headers(edge_names, fixed)])
    direction = "Directed" if G.is_directed() else "Undirected"
    for row in edge_list:
        attrs = row.attrs
        label = attrs.get("label")
        cells = [
            row.source, row.target, direction, row.id,
            "" if label is None else typed_text(label, edge_types["label"]),
            typed_text(attrs["weight"], edge_types["weight"]),
        ]
        for name in edge_names:
            value = attrs.get(name)
            cells.append("" if value is None else typed_text(value, edge_types[name]))
        writer.writerow(cells)


def write_csv(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write the nodes table of ``G`` to ``path`` and its edges table to :func:`edges_path`.

    Both files are written atomically; the edges table is renamed into place first, so a
    nodes table on disk always has its edges table beside it.

    Raises:
        TypeError: an attribute value of an unsupported type.
        ExportError: two nodes would be written with the same id.
        OSError: a file cannot be written.
    """
    with atomic_open(path) as nodes_fh, atomic_open(edges_path(path)) as edges_fh, paused_gc():
        write_tables(G, nodes_fh, edges_fh)
