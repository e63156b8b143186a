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

__all__ = [
    "BuildError",
    "BuildReport",
    "BuildResult",
    "IngestError",
    "__version__",
    "build",
    "load_articles",
    "read_article",
    "to_rdflib",
    "write_graph",
]
