"""Export a graph view for Gephi, Cytoscape, igraph, web tools and a quick look.

One module per format, each a ``generate_X(G)``/``write_X(G, path)`` pair over a
:class:`networkx.MultiDiGraph` as :func:`kgraph.views.to_networkx` gives it (node attributes
``label``, ``type``, ``kind``, ``first``/``last``, …; edge attributes ``label``, ``weight``, …):

=============  ==============================================================
``.graphml``   :mod:`.graphml` — Gephi, Cytoscape, yEd, igraph, graphology
``.gexf``      :mod:`.gexf` — GEXF 1.3, dynamic (Gephi's timeline)
``.csv``       :mod:`.tables` — nodes table + ``*-edges.csv`` (Gephi, Cytoscape)
``.json``      :mod:`.nodelink` — node-link JSON (d3, sigma.js, graphology)
``.png/.svg``  :mod:`.picture` — a drawing with labels and a legend of types
=============  ==============================================================

:mod:`.rdf` re-serializes the RDF graph file itself. :mod:`.colours` gives every format the
same colour per node type.

>>> exporter_for("graph.graphml").__name__
'write_graphml'
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from ._common import ExportError
from .gexf import generate_gexf, write_gexf
from .graphml import generate_graphml, write_graphml
from .nodelink import generate_node_link, write_node_link
from .picture import draw_graph, write_picture
from .tables import edges_path, write_csv

Exporter = Callable[[nx.Graph, "str | os.PathLike[str]"], None]

#: Network export writers by file extension.
EXPORTERS: dict[str, Exporter] = {
    ".graphml": write_graphml,
    ".gexf": write_gexf,
    ".csv": write_csv,
    ".json": write_node_link,
    ".png": write_picture,
    ".svg": write_picture,
}


def exporter_for(path: str | os.PathLike[str]) -> Exporter:
    """The writer for an output path, from its extension.

    Raises:
        ExportError: the extension names no export format (the message lists them).

    >>> exporter_for("graph.docx")
    Traceback (most recent call last):
    ...
    kgraph.export._common.ExportError: graph.docx: unknown export format .docx; use one of .graphml, .gexf, .csv, .json, .png, .svg (or an RDF format: .ttl, .nt, .nq, .trig, .jsonld, .rdf, .owl, .n3)
    """
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORTERS:
        from ..emit import FORMATS

        raise ExportError(
            f"{path}: unknown export format {suffix or '(no extension)'}; use one of {', '.join(EXPORTERS)}"
            f" (or an RDF format: {', '.join(FORMATS)})"
        )
    return EXPORTERS[suffix]


__all__ = [
    "EXPORTERS",
    "ExportError",
    "draw_graph",
    "edges_path",
    "exporter_for",
    "generate_gexf",
    "generate_graphml",
    "generate_node_link",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_node_link",
    "write_picture",
]
