"""The explorer of ``kgraph serve`` as one self-contained HTML file, for sharing by e-mail.

The page, its style, its scripts (cytoscape.js included) and the graph's data — the search
index, every entity's story (:func:`kgraph.explore.entity`) and the named queries' results —
go into one file that opens from disk with no server and no internet access. Queries cannot
be edited there (that needs ``kgraph serve``); the named queries show their results.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from ..emit import write_atomic
from ._common import ExportError

#: Above this many entities the page would be too heavy to open; ``kgraph serve`` is the tool.
MAX_ENTITIES = 20_000

_ASSET = re.compile(r'<(?:link rel="stylesheet" href="static/([^"]+)">|script src="static/([^"]+)"></script>)')


def story_data(store, progress: Callable[[int, int], None] | None = None) -> dict:
    """The data the page needs: ``info``, ``index``, ``entities`` and ``queries``.

    Raises:
        ExportError: more than :data:`MAX_ENTITIES` entities.
    """
    from .. import explore
    from ..query import QueryError, list_queries, query

    index = explore.SearchIndex.build(store)
    entries = index.to_json()
    if len(entries) > MAX_ENTITIES:
        raise ExportError(
            f"the graph has {len(entries)} entities; a single HTML page holds at most {MAX_ENTITIES}. "
            "Share it with `kgraph serve` instead, or build a smaller graph."
        )
    entities = {}
    for i, entry in enumerate(entries):
        entities[entry["iri"]] = explore.entity(store, entry["iri"])
        if progress:
            progress(i + 1, len(entries))
    queries = []
    for q in list_queries():
        item = {"name": q.name, "description": q.description, "text": q.text,
                "params": [{"name": p.name, "default": p.default, "description": p.description} for p in q.params]}
        try:
            item["result"] = json.loads(query(store, q).serialize("json"))
        except QueryError as exc:
            item["error"] = str(exc)
        queries.append(item)
    return {"info": explore.info(store), "index": entries, "entities": entities, "queries": queries}


def render_story(data: dict) -> str:
    """The explorer page with its assets and ``data`` inlined."""
    from ..serve.app import STATIC

    page = (STATIC / "index.html").read_text(encoding="utf-8")
    found: set[str] = set()

    def inline(m: re.Match[str]) -> str:
        css, js = m.group(1), m.group(2)
        found.add(css or js)
        text = (STATIC / (css or js)).read_text(encoding="utf-8")
        if css:
            return "<style>\n" + re.sub(r"</(style)", r"<\\/\1", text, flags=re.I) + "\n</style>"
        # "</script" would end the element early, and "<!--" could start the parser's escaped
        # state where "</script>" no longer ends it; both stay the same JavaScript escaped.
        text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")
        return "<script>\n" + text + "\n</script>"

    page = _ASSET.sub(inline, page)
    if not found:
        raise ExportError(f"{STATIC / 'index.html'}: no assets to inline (the page's asset tags changed?)")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "<" only occurs inside JSON strings, where \u003c means the same: no "</script>" can end it early.
    payload = payload.replace("<", "\\u003c")
    tag = f'<script id="kgraph-data" type="application/json">{payload}</script>\n'
    if "</head>" not in page:
        raise ExportError(f"{STATIC / 'index.html'}: no </head> to put the data before")
    return page.replace("</head>", tag + "</head>", 1)


def write_story(graph: str | os.PathLike[str], output: str | os.PathLike[str],
                store_dir: str | os.PathLike[str] | None = None,
                progress: Callable[[int, int], None] | None = None) -> dict:
    """Write ``output`` as a self-contained explorer of ``graph``; returns the page's ``info``.

    Raises:
        GraphFileError: the graph file is missing or not valid RDF.
        ExportError: the graph is too large for one page.
        OSError: the output cannot be written.
    """
    from ..store import open_store

    store = open_store(Path(graph), store_dir)
    data = story_data(store, progress)
    write_atomic(output, render_story(data).encode("utf-8"))
    return {**data["info"], "entities": len(data["entities"])}
