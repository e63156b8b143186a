"""The writer processes of :mod:`kgraph.sortedgraph`: sort and serialize one bucket of a spilled
graph at a time.

This module imports nothing but the standard library and pyoxigraph, and a writer process
loads it by its file path, not as part of the ``kgraph`` package, so that a writer starts in a
few hundredths of a second instead of importing the whole package (which would compete for the
cores with the build it serves).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

PREFIXED = {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD}
QUADS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
LINE_FORMATS = {ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS}  # a default-graph quad is a triple's line


def parse_block(block: list[bytes]) -> ox.QuadParser:
    """Sorted N-Triples keys (lines without `` .``) parsed back by Oxigraph."""
    return ox.parse(b" .\n".join(block) + b" .\n", format=ox.RdfFormat.N_TRIPLES)


def serialize(data: Iterable, fmt: ox.RdfFormat, out: BinaryIO, prefixes: dict[str, str]) -> None:
    ox.serialize(data, output=out, format=fmt, prefixes=prefixes if fmt in PREFIXED else None)


def prefix_lines(fmt: ox.RdfFormat, prefixes: dict[str, str]) -> bytes:
    """What ``fmt``'s serializer writes before the first triple (its ``@prefix`` lines)."""
    if fmt in LINE_FORMATS:
        return b""
    x = ox.NamedNode("urn:x")
    out = io.BytesIO()
    serialize([ox.Quad(x, x, x) if fmt in QUADS else ox.Triple(x, x, x)], fmt, out, prefixes)
    return out.getvalue()[: -len(b"<urn:x> <urn:x> <urn:x> .\n")]


def bucket_bytes(path: str, extension: str, prefixes: dict[str, str]) -> tuple[bytes, int]:
    """A bucket file read, sorted, de-duplicated and serialized without the prefix lines, and
    how many triples it holds."""
    with open(path, "rb") as fh:
        keys = fh.read().split(b"\n")
    keys.pop()  # after the last line break
    keys = sorted(set(keys))
    fmt = ox.RdfFormat.from_extension(extension)
    if fmt in LINE_FORMATS:
        return b" .\n".join(keys) + b" .\n", len(keys)
    out = io.BytesIO()
    serialize(parse_block(keys), fmt, out, prefixes)
    data = out.getvalue()
    header = prefix_lines(fmt, prefixes)
    if not data.startswith(header):
        raise RuntimeError("the serializer wrote no prefix lines first")
    return data[len(header):], len(keys)


def serve(prefixes: dict[str, str]) -> None:
    """A writer process: reads ``<extension> <bucket path>`` lines on stdin and answers each
    with ``<triples> <bytes>`` and the bytes on stdout (``error <bytes>`` and a message when
    it fails), until stdin closes."""
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        extension, path = line.rstrip(b"\n").decode("utf-8", "surrogateescape").split(" ", 1)
        try:
            data, count = bucket_bytes(path, extension, prefixes)
            out.write(b"%d %d\n" % (count, len(data)))
        except Exception as error:  # reported to the building process, which writes the bucket itself
            data = repr(error).encode("utf-8", "replace")
            out.write(b"error %d\n" % len(data))
        out.write(data)
        out.flush()


#: What a writer process runs (``python -c``, the module's path and the prefixes as arguments).
LAUNCH = ("import importlib.util, json, sys; "
          "spec = importlib.util.spec_from_file_location('kgraph_bucketwriter', sys.argv[1]); "
          "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
          "module.serve(json.loads(sys.argv[2]))")
