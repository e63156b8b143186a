"""kgraph: build an RDF knowledge graph from Korean news articles.

The pipeline, one stage per module:
``ingest`` → ``analyse`` (kiwipiepy) → ``extract`` → ``resolve`` → ``emit``.

>>> import kgraph
>>> result = kgraph.build(["seeds"])
>>> result.report.articles_built
1
"""

from __future__ import annotations

__version__ = "0.1.0"

from .build import BuildError, BuildReport, BuildResult, build
from .emit import to_rdflib, write_graph
from .ingest import IngestError, load_articles, read_article
from .query import QueryError, QueryResult, list_queries, load_query, query

__all__ = [
    "BuildError",
    "BuildReport",
    "BuildResult",
    "IngestError",
    "QueryError",
    "QueryResult",
    "__version__",
    "build",
    "list_queries",
    "load_articles",
    "load_query",
    "query",
    "read_article",
    "to_networkx",
    "to_rdflib",
    "write_graph",
]


def __getattr__(name: str):
    # kgraph.to_networkx imports networkx (about 0.3 s) only when used, not on every command.
    if name == "to_networkx":
        from .views import to_networkx

        return to_networkx
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
