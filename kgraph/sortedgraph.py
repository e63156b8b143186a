"""Write a graph sorted and de-duplicated with bounded memory, and split it into N-Quads shards.

A build's output is sorted (so that the same input gives the same bytes). Sorting a list of
millions of pyoxigraph triples takes gigabytes; here the triples are streamed instead: they go
into a bounded buffer keyed by their N-Triples line (Oxigraph writes the keys of 8,192 triples
at a time), and a full buffer is sorted into a *run* on disk (see *Run folders* below).
A graph that fits in one run is written straight from the buffer; otherwise the runs are merged
line by line (an external merge sort) and the merged N-Triples stream is parsed back by Oxigraph
and serialized in the output format. Memory stays flat however large the graph is, and the
bytes are those of :func:`kgraph.emit.serialize` on the sorted list.

The sort key is the triple's N-Triples line (``str(triple)``), compared as UTF-8 bytes, which
orders like Python's comparison of the same text: the order of :func:`kgraph.emit.build_triples`.

*Shards* are the sorted graph cut into N-Quads files of at most ``shard_size`` triples
(``part-00000.nq``, ``part-00001.nq``, …), each a contiguous range of the sorted order, in the
default graph. Concatenated in name order they are the whole graph; ``oxigraph load`` reads
them in parallel into an on-disk store for graphs beyond one process's memory.

*Run folders*: a write's runs go into a folder of its own in the system's temporary folder,
``.kgraph-runs-<pid>-XXXXXXXX`` (made at the first spill, so a graph that fits in memory
touches no disk), removed when the write ends, however it ends. A killed write (``kill -9``,
power loss) cannot remove it; the next write removes it instead. A live write holds a lock on
the ``lock`` file inside its folder, so a folder whose lock nobody holds is a dead write's;
where files cannot be locked (or before the lock file exists), a folder whose process id is
not a running process is. Folders of other users are never touched.
"""

from __future__ import annotations

import heapq
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .emit import _lock, format_for, write_atomic
from .vocab import PREFIXES

#: Triples per in-memory run (some 130 MB of keys and triples for article-heavy graphs).
RUN_SIZE = 200_000
#: Triples per N-Quads shard.
SHARD_SIZE = 1_000_000
SHARD_GLOB = "part-*.nq"

_PREFIXED = {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD}
_QUADS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
_LINE_FORMATS = {ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS}  # a default-graph quad is a triple's line
#: The names of run folders: ``.kgraph-runs-<pid>-<random>`` (see the module docstring).
RUNS_PREFIX = ".kgraph-runs-"
_RUNS_NAME = re.compile(re.escape(RUNS_PREFIX) + r"(\d+)-[A-Za-z0-9_]+")
_LOCK = "lock"


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it exists, as another user's process
        return True
    return True


def remove_stale_run_folders(parent: str | os.PathLike[str] | None = None) -> list[Path]:
    """Remove the run folders that killed writes left in ``parent`` (default: the system's
    temporary folder); return them.

    Only this user's folders named like ours are looked at; a folder is removed when no live
    write holds its lock (or, without locks, when its process is gone). Never raises.
    """
    folder = Path(parent if parent is not None else tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(RUNS_PREFIX)]
    except OSError:
        return removed
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for entry in entries:
        match = _RUNS_NAME.fullmatch(entry.name)
        try:
            if not match or not entry.is_dir(follow_symlinks=False):
                continue
            if uid is not None and entry.stat(follow_symlinks=False).st_uid != uid:
                continue
        except OSError:
            continue
        runs = Path(entry.path)
        try:
            fd = os.open(runs / _LOCK, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            fd = None  # no lock file (yet): only the process id can tell
        try:
            locked = _lock(fd, wait=False) if fd is not None else None
            if locked is False or (locked is None and _process_alive(int(match.group(1)))):
                continue  # a write in progress
            shutil.rmtree(runs, ignore_errors=True)  # holding its lock, if any
            removed.append(runs)
        finally:
            if fd is not None:
                os.close(fd)
    return removed


class _RunFolder:
    """A write's own folder of runs in the temporary folder, made when first needed, locked
    while it lives and removed by :meth:`remove` (see the module docstring)."""

    def __init__(self, parent: str | os.PathLike[str] | None = None) -> None:
        self.parent = parent
        self.path: Path | None = None
        self._fd: int | None = None

    def get(self) -> Path:
        if self.path is None:
            parent = self.parent if self.parent is not None else tempfile.gettempdir()
            path = Path(tempfile.mkdtemp(prefix=f"{RUNS_PREFIX}{os.getpid()}-", dir=parent))
            self.path = path
            # Locked before it takes its name, so that no other write sees an unlocked lock file.
            fd = os.open(path / ".lock-new", os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
            self._fd = fd
            _lock(fd, wait=False)
            os.rename(path / ".lock-new", path / _LOCK)
        return self.path

    def remove(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def sorted_lines(triples: Iterable[ox.Triple], spill_dir: str | os.PathLike[str], *,
                 run_size: int = RUN_SIZE) -> Iterator[bytes]:
    """The triples' N-Triples forms (without `` .``), sorted, each once, as UTF-8 bytes.

    Buffers of ``run_size`` triples are sorted and, when there is more than one, spilled to
    files in ``spill_dir`` and merged; the files are removed when the iterator is exhausted or
    closed.

    >>> import tempfile
    >>> s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    >>> ts = [ox.Triple(s, p, ox.Literal(x)) for x in ("나", "가", "나")]
    >>> [line.decode() for line in sorted_lines(ts, tempfile.gettempdir(), run_size=2)]
    ['<http://example.org/s> <http://example.org/p> "가"', '<http://example.org/s> <http://example.org/p> "나"']
    """
    runs = _SortedRuns(spill_dir, run_size)
    runs.add_all(triples)
    return runs.lines()


class _SortedRuns:
    """Triples sorted by their N-Triples form: in memory while they fit in one run, else in
    sorted files merged when read."""

    def __init__(self, spill_dir: str | os.PathLike[str] | _RunFolder, run_size: int) -> None:
        self.folder = spill_dir if isinstance(spill_dir, _RunFolder) else Path(spill_dir)
        self.run_size = run_size
        self.buffer: dict[bytes, ox.Triple] = {}
        self.runs: list[Path] = []

    def add_all(self, triples: Iterable[ox.Triple]) -> None:
        chunk: list[ox.Triple] = []
        for triple in triples:
            chunk.append(triple)
            if len(chunk) == 8192:
                self._add(chunk)
                chunk = []
        self._add(chunk)

    def _add(self, chunk: list[ox.Triple]) -> None:
        # Oxigraph writes the keys of a whole chunk at once, faster than str() one by one; a
        # line ends in " .\n" and nowhere else (N-Triples escapes line breaks in literals).
        keys = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES).split(b" .\n")
        self.buffer.update(zip(keys, chunk))
        if len(self.buffer) >= self.run_size:
            self._spill()

    def _spill(self) -> None:
        folder = self.folder.get() if isinstance(self.folder, _RunFolder) else self.folder
        fd, name = tempfile.mkstemp(prefix=".kgraph-run-", suffix=".nt", dir=folder)
        self.runs.append(Path(name))
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(key + b"\n" for key in sorted(self.buffer))
        self.buffer = {}

    @property
    def in_memory(self) -> bool:
        return not self.runs

    def sorted_triples(self) -> list[ox.Triple]:
        """The triples in order, when they fitted in one run."""
        assert self.in_memory
        buffer = self.buffer
        return [buffer[key] for key in sorted(buffer)]

    def lines(self) -> Iterator[bytes]:
        if self.in_memory:
            yield from sorted(self.buffer)
            return
        if self.buffer:
            self._spill()
        files = [open(run, "rb") for run in self.runs]
        try:
            previous = None
            for line in heapq.merge(*files):
                if line != previous:
                    yield line[:-1]
                    previous = line
        finally:
            for fh in files:
                fh.close()
            self.remove()

    def remove(self) -> None:
        for run in self.runs:
            run.unlink(missing_ok=True)
        self.runs = []


class _LineReader(io.RawIOBase):
    """A binary stream of N-Triples lines made from sort keys (what Oxigraph's parser reads)."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self._lines = iter(lines)
        self._pending = memoryview(b"")
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:  # type: ignore[override]
        if not self._pending:
            chunk: list[bytes] = []
            size = 0
            for line in self._lines:  # a batch of lines per call: one Python call per line is slow
                chunk.append(line)
                size += len(line) + 3
                if size >= len(target):
                    break
            if not chunk:
                return 0
            self.count += len(chunk)
            chunk.append(b"")
            self._pending = memoryview(b" .\n".join(chunk))
        n = min(len(target), len(self._pending))
        target[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _write_lines(lines: Iterable[bytes], fmt: ox.RdfFormat, out: BinaryIO) -> int:
    """Write sorted N-Triples keys to ``out`` in ``fmt``; return how many triples."""
    if fmt in _LINE_FORMATS:
        count = 0
        chunk: list[bytes] = []
        for line in lines:
            chunk.append(line + b" .\n")
            if len(chunk) == 4096:
                out.writelines(chunk)
                count += len(chunk)
                chunk = []
        out.writelines(chunk)
        return count + len(chunk)
    reader = _LineReader(lines)
    quads = ox.parse(input=io.BufferedReader(reader, 1 << 16), format=ox.RdfFormat.N_TRIPLES)
    _serialize(quads, fmt, out)  # quads in the default graph serialize as triples
    return reader.count


def _serialize(data: Iterable, fmt: ox.RdfFormat, out: BinaryIO) -> None:
    ox.serialize(data, output=out, format=fmt, prefixes=PREFIXES if fmt in _PREFIXED else None)


def write_sorted_graph(
    triples: Iterable[ox.Triple],
    path: str | os.PathLike[str],
    *,
    shards: str | os.PathLike[str] | None = None,
    shard_size: int = SHARD_SIZE,
    run_size: int = RUN_SIZE,
) -> int:
    """Write ``triples`` sorted and de-duplicated to ``path`` (format by extension), atomically.

    The bytes are those of ``write_graph(build_triples(kb), path)`` for the same triples, made
    with bounded memory (see the module docstring).

    Args:
        triples: the triples, in any order, duplicates allowed.
        path: the graph file to write; the extension picks the format.
        shards: also write the graph as N-Quads shards in this folder (its old shards are
            removed first); the graph file is then made by reading the shards back in order.
        shard_size: triples per shard.
        run_size: triples sorted in memory at a time.

    Returns:
        The number of distinct triples written.

    Raises:
        OutputFormatError: unknown extension.
        OSError: a file cannot be written.
    """
    fmt = format_for(path)
    remove_stale_run_folders()
    folder = _RunFolder()
    runs = _SortedRuns(folder, run_size)
    try:
        runs.add_all(triples)
        count = 0

        def write(out: BinaryIO) -> None:
            nonlocal count
            if shards is None and runs.in_memory and fmt in _LINE_FORMATS:
                count = _write_lines(sorted(runs.buffer), fmt, out)  # the keys are the lines
                return
            if shards is None and runs.in_memory:  # the common case: no parsing back
                ordered = runs.sorted_triples()
                count = len(ordered)
                if fmt in _QUADS:
                    _serialize((ox.Quad(t.subject, t.predicate, t.object) for t in ordered), fmt, out)
                else:
                    _serialize(ordered, fmt, out)
                return
            lines = runs.lines()
            if shards is not None:
                lines = read_shards(write_shards(lines, shards, shard_size=shard_size))
            count = _write_lines(lines, fmt, out)

        write_atomic(path, write)
    finally:
        runs.remove()
        folder.remove()
    return count


def write_shards(lines: Iterable[bytes], folder: str | os.PathLike[str], *,
                 shard_size: int = SHARD_SIZE) -> list[Path]:
    """Write sorted N-Triples keys as N-Quads shards ``part-NNNNN.nq`` in ``folder``; list them.

    Shards already in the folder are removed first, so that a smaller graph does not leave
    parts of an older one behind.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob(SHARD_GLOB):
        old.unlink()
    parts: list[Path] = []
    out: BinaryIO | None = None
    in_part = shard_size
    try:
        for line in lines:
            if in_part == shard_size:
                if out is not None:
                    out.close()
                parts.append(target / f"part-{len(parts):05d}.nq")
                out = open(parts[-1], "wb")
                in_part = 0
            out.write(line + b" .\n")
            in_part += 1
    finally:
        if out is not None:
            out.close()
    return parts


def read_shards(parts: Iterable[str | os.PathLike[str]]) -> Iterator[bytes]:
    """The N-Triples keys of shards written by :func:`write_shards`, in order."""
    for part in parts:
        with open(part, "rb") as fh:
            for line in fh:
                yield line[:-3]  # drop " .\n"
