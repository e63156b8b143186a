"""Re-serialize a built graph file in another RDF syntax (``graph.ttl`` → ``graph.nt``, …).

The network exports are views of the graph; this one keeps every triple. Triples are read
with :func:`kgraph.store.open_store` and written with :func:`kgraph.emit.write_graph`, sorted
and without duplicates (a quad file's named graphs are merged into the default graph).
"""

from __future__ import annotations

import os

from ..emit import format_for, write_graph
from ..store import open_store


def write_rdf(
    source: str | os.PathLike[str], path: str | os.PathLike[str], *, store_dir: str | os.PathLike[str] | None = None
) -> int:
    """Write the triples of the graph file ``source`` to ``path`` in the format its extension names.

    Args:
        source: a graph file ``kgraph build`` wrote (any RDF format, by extension).
        path: the output file; its extension picks the format (see :data:`kgraph.emit.FORMATS`).
        store_dir: keep the parsed graph in this folder and reuse it (see :func:`kgraph.store.open_store`).

    Returns:
        The number of triples written.

    Raises:
        OutputFormatError: ``path`` (checked first) or ``source`` has no RDF extension.
        GraphFileError: ``source`` is missing or not valid RDF.
        OSError: ``path`` cannot be written.
    """
    format_for(path)
    store = open_store(source, store_dir)
    unique = {str(quad.triple): quad.triple for quad in store}
    triples = [unique[key] for key in sorted(unique)]
    write_graph(triples, path)
    return len(triples)
