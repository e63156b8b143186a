"""The writer processes of :mod:`kgraph.sortedgraph`: sort and serialize one bucket of a spilled
graph at a time.

This module imports nothing but the standard library and pyoxigraph, and a writer process
loads it by its file path, not as part of the ``kgraph`` package, so that a writer starts in a
few hundredths of a second instead of importing the whole package (which would compete for the
cores with the build it serves).
"""

from __future__ import annotations

import bisect
import io
import json
import os
import sys
from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

PREFIXED = {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD}
QUADS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
LINE_FORMATS = {ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS}  # a default-graph quad is a triple's line


def parse_block(block: list[bytes]) -> ox.QuadParser:
    """Sorted N-Triples keys (lines without `` .``) parsed back by Oxigraph.

    Leniently: the keys were written by Oxigraph from terms it validated when they were made
    (an IRI, a language tag), so checking them again would only cost time, some 40 % of a
    bucket's parsing and serializing; the triples are the same.
    """
    return ox.parse(b" .\n".join(block) + b" .\n", format=ox.RdfFormat.N_TRIPLES, lenient=True)


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


def distribute(keys: list[bytes], bounds: list[bytes], files: list[str]) -> list[int]:
    """Sorted keys appended to ``files`` (made if need be), one per range that ``bounds`` (the
    least key of the second range, the third, …) cut; how many lines each file got."""
    added = [0] * len(files)
    start = 0
    for i, path in enumerate(files):
        end = bisect.bisect_left(keys, bounds[i], start) if i < len(bounds) else len(keys)
        if end > start:
            with open(path, "ab") as fh:
                fh.write(b"\n".join(keys[start:end]) + b"\n")
            added[i] = end - start
        start = end
    return added


def read_bucket(files: Iterable[str], lines: int) -> list[bytes]:
    """A bucket's lines, from each of its files, sorted and each once. A file no line went to
    may not exist; ``lines`` is how many the files hold in all, checked (a bucket never comes
    out short)."""
    keys: list[bytes] = []
    for path in files:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            continue
        keys.extend(data.split(b"\n"))
        keys.pop()  # after the last line break
    if len(keys) != lines:
        raise RuntimeError(f"a bucket of the sort holds {len(keys)} lines instead of {lines}: its files were changed")
    # Each file is sorted runs, one after another: sorting the list merges them (faster than
    # sorting a set, which has no order left), and dict.fromkeys drops repeats in order.
    keys.sort()
    return list(dict.fromkeys(keys))


def bucket_bytes(files: Iterable[str], lines: int, extension: str, prefixes: dict[str, str]) -> tuple[bytes, int]:
    """A bucket (the ``lines`` of its files) sorted, de-duplicated and serialized without the
    prefix lines, and how many triples it holds."""
    keys = read_bucket(files, lines)
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


def spill(data: bytes, bounds: list[bytes], files: list[str]) -> bytes:
    """N-Triples lines (each ending in `` .\n``) sorted and appended to the bucket files; the
    answer: how many lines each file got and each file's length after it, as JSON."""
    keys = data.split(b" .\n")
    keys.pop()  # after the last line
    keys.sort()
    added = distribute(keys, bounds, files)
    ends = [os.path.getsize(path) if n or os.path.exists(path) else 0 for path, n in zip(files, added)]
    return json.dumps({"added": added, "ends": ends}).encode("ascii")


def _read(stream: BinaryIO, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise EOFError("the building process closed the pipe mid-request")
    return data


def serve(prefixes: dict[str, str]) -> None:
    """A writer process. Requests come on stdin, each a line and a payload of the length it
    names, and are answered in order on stdout with ``<count> <length>`` and that many bytes
    (``error <length>`` and a message when a request fails), until stdin closes:

    - ``write <extension> <lines> <length>``, the paths of a bucket's files separated by NUL
      bytes: the bucket sorted and serialized (see :func:`bucket_bytes`); the count is its
      triples.
    - ``spill <meta length> <data length>``, JSON ``{"files": [...], "bounds": [...]}`` (the
      bounds as Latin-1 strings, one character a byte) and N-Triples lines: see :func:`spill`.
    """
    stdin, out = sys.stdin.buffer, sys.stdout.buffer
    while line := stdin.readline():
        words = line.split()
        try:
            if words[0] == b"write":
                files = _read(stdin, int(words[3])).decode("utf-8", "surrogateescape").split("\0")
                data, count = bucket_bytes(files, int(words[2]), words[1].decode("ascii"), prefixes)
            elif words[0] == b"spill":
                meta = json.loads(_read(stdin, int(words[1])))
                lines = _read(stdin, int(words[2]))
                bounds = [bound.encode("latin-1") for bound in meta["bounds"]]
                data, count = spill(lines, bounds, meta["files"]), 0
            else:
                raise ValueError(f"unknown request {line!r}")
            out.write(b"%d %d\n" % (count, len(data)))
        except EOFError:
            return
        except Exception as error:  # reported to the building process, which does the work itself
            data = repr(error).encode("utf-8", "replace")
            out.write(b"error %d\n" % len(data))
        out.write(data)
        out.flush()


#: What a writer process runs (``python -c``, the module's path and the prefixes as arguments).
LAUNCH = ("import importlib.util, json, sys; "
          "spec = importlib.util.spec_from_file_location('kgraph_bucketwriter', sys.argv[1]); "
          "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
          "module.serve(json.loads(sys.argv[2]))")
