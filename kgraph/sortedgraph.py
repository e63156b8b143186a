"""Write a graph sorted and de-duplicated with bounded memory, and split it into N-Quads shards.

A build's output is sorted (so that the same input gives the same bytes). Sorting a list of
millions of pyoxigraph triples takes gigabytes; here the triples are streamed instead: they go
into a bounded buffer keyed by their N-Triples line (Oxigraph writes the keys of 8,192 triples
at a time). A graph that fits in the buffer is written straight from it. A larger one is sorted
by distribution: the first full buffer picks cut points between subjects, and every buffer,
sorted, is cut at them and appended to one *bucket* file per range on disk (see *Run folders*
below); at the end each bucket is read back, sorted and de-duplicated in memory, parsed by
Oxigraph and serialized in the output format, bucket after bucket, by one serializer. No Python
code runs per triple after the buffer, memory stays flat however large the graph is, and the
bytes are those of :func:`kgraph.emit.serialize` on the sorted list.

The sort key is the triple's N-Triples line (``str(triple)``), compared as UTF-8 bytes, which
orders like Python's comparison of the same text: the order of :func:`kgraph.emit.build_triples`.

*Shards* are the sorted graph cut into N-Quads files of at most ``shard_size`` triples
(``part-00000.nq``, ``part-00001.nq``, …), each a contiguous range of the sorted order, in the
default graph. Concatenated in name order they are the whole graph; ``oxigraph load`` reads
them in parallel into an on-disk store for graphs beyond one process's memory.

*Run folders*: a write's buckets (and the runs of a bucket that outgrew its share) go into a
folder of its own in the system's temporary folder, ``.kgraph-runs-<pid>-XXXXXXXX`` (made at
the first spill, so a graph that fits in memory touches no disk), removed when the write ends, however it ends. A killed write (``kill -9``,
power loss) cannot remove it; the next write removes it instead. A live write holds a lock on
the ``lock`` file inside its folder, so a folder whose lock nobody holds is a dead write's;
where files cannot be locked (or before the lock file exists), a folder whose process id is
not a running process is. Folders of other users are never touched.
"""

from __future__ import annotations

import atexit
import heapq
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

try:
    import fcntl
except ImportError:  # not on a POSIX system
    fcntl = None  # type: ignore[assignment]

from . import bucketwriter
from .emit import _lock, format_for, write_atomic
from .vocab import PREFIXES

#: Triples per in-memory run (some 130 MB of keys and triples for article-heavy graphs).
RUN_SIZE = 200_000
#: Triples per N-Quads shard.
SHARD_SIZE = 1_000_000
SHARD_GLOB = "part-*.nq"

_PREFIXED, _QUADS, _LINE_FORMATS = bucketwriter.PREFIXED, bucketwriter.QUADS, bucketwriter.LINE_FORMATS
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
    bucket files in ``spill_dir`` (see :class:`_SortedRuns`); the files are removed when the
    iterator is exhausted or closed.

    >>> import tempfile
    >>> s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    >>> ts = [ox.Triple(s, p, ox.Literal(x)) for x in ("나", "가", "나")]
    >>> [line.decode() for line in sorted_lines(ts, tempfile.gettempdir(), run_size=2)]
    ['<http://example.org/s> <http://example.org/p> "가"', '<http://example.org/s> <http://example.org/p> "나"']
    """
    runs = _SortedRuns(spill_dir, run_size)
    runs.add_all(triples)
    return runs.lines()


#: Numbers the bucket files of writer processes apart within a run folder.
_HELPER_FILES = itertools.count()


def _existing(files: Iterable[Path]) -> Iterator[Path]:
    """The files that exist: a bucket file no line went to may never have been made."""
    return (path for path in files if path.exists())


def _subject(key: bytes) -> bytes:
    """The subject of an N-Triples line: an IRI or blank node holds no space."""
    return key[: key.index(b" ")]


class _SortedRuns:
    """Triples sorted by their N-Triples form: in memory while they fit in one run, else
    distributed over sorted *buckets* on disk (a distribution sort).

    At the first spill the full buffer, sorted, picks up to ``BUCKETS - 1`` subjects that cut
    it into equal parts; every spilled line goes to a file of the range its subject falls in,
    so a subject's triples share one bucket and the buckets, each sorted on its own, are the
    whole sort in bucket order. The cut points only decide how the work is shared, never the
    bytes. A bucket is read back, sorted and de-duplicated in memory. One that grew past a run
    size (the stream changed its mix after the first spill: a build streams its articles first
    and the resolved entities last) is distributed again over buckets of its own, cut by the
    subjects of its first run; one still too large at ``MAX_DEPTH`` (a single subject's lines)
    is sorted by runs merged line by line. Memory stays bounded either way.

    With writer processes (:meth:`use_writers`), the spills after the first are theirs: each
    part of lines goes, as Oxigraph wrote it, to the next writer in turn, which sorts it and
    appends it to bucket files of its own, while this process goes on. A bucket is then the
    lines of several files (this process's and each writer's).
    """

    BUCKETS = 128
    CHUNK = 8192  # triples written as keys at a time
    MAX_DEPTH = 2  # distributions of an oversized bucket before it is merge-sorted instead
    PART_DIVISOR = 4  # lines spilled, and bucket lines sorted in memory, at a time: run size / this

    def __init__(self, spill_dir: str | os.PathLike[str] | _RunFolder, run_size: int, depth: int = 0) -> None:
        self.folder = spill_dir if isinstance(spill_dir, _RunFolder) else Path(spill_dir)
        self.run_size = run_size
        # After the first spill only lines are kept: they are spilled, and buckets are sorted in
        # memory, a quarter run at a time (a line costs about a third of a buffered triple, and a
        # bucket read back is held as lines, a set and a sorted list, then joined for parsing).
        self.part = max(1, run_size // self.PART_DIVISOR)
        self.depth = depth
        self.buffer: dict[bytes, ox.Triple] = {}  # before the first spill
        self.pending: list[bytes] = []  # lines after it, not yet spilled
        self.bounds: list[bytes] | None = None  # the least key of buckets 1, 2, …
        self.buckets: list[list[Path]] = []  # each bucket's files: this process's first
        self.sizes: list[int] = []  # lines per bucket
        self.runs: list[Path] = []  # merge-sort runs of an oversized bucket
        self.helpers: list[_SpillHelper] = []  # writer processes that spill (see use_writers)
        self.raw: list[bytes] = []  # N-Triples lines for the next helper, as written
        self.raw_lines = 0
        self.turn = 0
        self.helpers_failed = False

    def add_all(self, triples: Iterable[ox.Triple]) -> None:
        iterator = iter(triples)
        while chunk := list(itertools.islice(iterator, self.CHUNK)):
            self._add(chunk)

    def _add(self, chunk: list[ox.Triple]) -> None:
        # Oxigraph writes the keys of a whole chunk at once, faster than str() one by one; a
        # line ends in " .\n" and nowhere else (N-Triples escapes line breaks in literals).
        data = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)
        if self.helpers:  # a writer splits, sorts and spills them
            self.raw.append(data)
            self.raw_lines += len(chunk)
            if self.raw_lines >= self.part:
                self._hand_over()
            return
        keys = data.split(b" .\n")
        keys.pop()  # after the last line
        if self.bounds is not None:  # spilling already: the lines are all that is kept
            self.pending.extend(keys)
            if len(self.pending) >= self.part:
                self._spill()
            return
        self.buffer.update(zip(keys, chunk))
        if len(self.buffer) >= self.run_size:
            self._spill()

    def _folder(self) -> Path:
        return self.folder.get() if isinstance(self.folder, _RunFolder) else self.folder

    def _new_files(self) -> list[Path]:
        """A new file for each bucket."""
        assert self.bounds is not None
        folder = self._folder()
        files = []
        for _ in range(len(self.bounds) + 1):
            fd, name = tempfile.mkstemp(prefix=".kgraph-bucket-", suffix=".nt", dir=folder)
            os.close(fd)
            files.append(Path(name))
        return files

    def _spill(self) -> None:
        keys = sorted(self.buffer or self.pending)
        self.buffer, self.pending = {}, []
        if self.bounds is None:
            # Cut after a subject's last line: "<s> " sorts after every line of <s>' subjects
            # that it is a prefix of (a blank node's label) and before every line of <s>.
            step = max(1, len(keys) // self.BUCKETS)
            cuts = sorted({_subject(keys[i]) + b" " for i in range(step, len(keys), step)})
            self.bounds = [cut for cut in cuts if cut > keys[0]]
            self.buckets = [[path] for path in self._new_files()]
            self.sizes = [0] * len(self.buckets)
        added = bucketwriter.distribute(keys, self.bounds, [str(files[0]) for files in self.buckets])
        self.sizes = [size + n for size, n in zip(self.sizes, added)]

    def use_writers(self, writers: list[_WriterProcess]) -> None:
        """Let ``writers`` do the spills from now on (after the first, which picked the bounds).

        Each writer gets a file of its own for each bucket, named here in this sort's own run
        folder and made by the writer at its first line (making a file costs more than half a
        millisecond on a journaling file system: hundreds of them are better made in parallel).
        """
        if self.bounds is None or self.helpers or self.helpers_failed or not writers:
            return
        if not isinstance(self.folder, _RunFolder):  # a shared folder: names must be made unique
            return
        folder = self._folder()
        for writer in writers:
            k = next(_HELPER_FILES)
            files = [folder / f".kgraph-bucket-w{k}-{i:03d}.nt" for i in range(len(self.buckets))]
            for bucket, path in zip(self.buckets, files):
                bucket.append(path)
            self.helpers.append(_SpillHelper(writer, files, self.bounds))

    def _take_raw(self) -> bytes:
        """The lines gathered for the next writer, taken out."""
        data = b"".join(self.raw)
        self.raw, self.raw_lines = [], 0
        return data

    def _hand_over(self) -> None:
        """The lines gathered so far to the next writer, once it has answered for its last part."""
        data = self._take_raw()
        helper = self.helpers[self.turn % len(self.helpers)]
        self.turn += 1
        try:
            self._collect(helper)
            helper.submit(data)
        except OSError:
            self._lose_helpers()
            self._spill_here(data)

    def _collect(self, helper: _SpillHelper) -> None:
        added = helper.collect()
        self.sizes = [size + n for size, n in zip(self.sizes, added)]

    def _spill_here(self, data: bytes) -> None:
        keys = data.split(b" .\n")
        keys.pop()
        self.pending.extend(keys)
        self._spill()

    def _lose_helpers(self) -> None:
        """A writer failed: stop them all, cut their files back to what they had answered for,
        and spill here what they had not (the answered lines stay, and are counted)."""
        self.helpers_failed = True
        for helper in self.helpers:
            helper.writer.stop()
        for helper in self.helpers:
            helper.truncate()
            if helper.unanswered is not None:
                self._spill_here(helper.unanswered)
        self.helpers = []

    def finish_spills(self) -> None:
        """Everything added, spilled and answered for (before the buckets are read)."""
        if self.raw:
            if self.helpers:
                self._hand_over()
            else:
                self._spill_here(self._take_raw())
        for helper in self.helpers:
            try:
                self._collect(helper)
            except OSError:
                self._lose_helpers()
                break
        if self.buffer or self.pending:
            self._spill()

    @property
    def in_memory(self) -> bool:
        return not self.buckets

    def sorted_triples(self) -> list[ox.Triple]:
        """The triples in order, when they fitted in one run."""
        assert self.in_memory
        buffer = self.buffer
        return [buffer[key] for key in sorted(buffer)]

    def blocks(self) -> Iterator[list[bytes]]:
        """The sorted, distinct keys in consecutive blocks (one per bucket when spilled)."""
        if self.in_memory:
            yield sorted(self.buffer)
            return
        self.finish_spills()
        try:
            for files, size in zip(self.buckets, self.sizes):
                if size > self.part:
                    yield from (self._merge_sorted(files) if self.depth >= self.MAX_DEPTH else self._redistributed(files))
                    continue
                keys = bucketwriter.read_bucket(map(str, files), size)
                for path in files:
                    path.unlink(missing_ok=True)
                yield keys
        finally:
            self.remove()

    def _redistributed(self, files: list[Path]) -> Iterator[list[bytes]]:
        """An oversized bucket, spread over buckets of its own and read back in order."""
        inner = _SortedRuns(self.folder, self.run_size, self.depth + 1)
        part = self.part
        for path in _existing(files):
            with open(path, "rb") as fh:
                while lines := list(itertools.islice(fh, part)):
                    inner.pending.extend(line[:-1] for line in lines)
                    del lines
                    if len(inner.pending) >= part:
                        inner._spill()
            path.unlink()
        yield from inner.blocks()

    def _merge_sorted(self, files: list[Path]) -> Iterator[list[bytes]]:
        """An oversized bucket, sorted by runs of ``run_size`` lines merged line by line."""
        folder = self._folder()
        for path in _existing(files):
            with open(path, "rb") as fh:
                while True:
                    keys = list(itertools.islice(fh, self.part))
                    if not keys:
                        break
                    fd, name = tempfile.mkstemp(prefix=".kgraph-run-", suffix=".nt", dir=folder)
                    self.runs.append(Path(name))
                    with os.fdopen(fd, "wb") as run:
                        run.writelines(sorted(keys))
            path.unlink()
        handles = [open(run, "rb") for run in self.runs]
        try:
            previous = None
            block: list[bytes] = []
            for line in heapq.merge(*handles):
                if line != previous:
                    block.append(line[:-1])
                    previous = line
                    if len(block) == 8192:
                        yield block
                        block = []
            yield block
        finally:
            for fh in handles:
                fh.close()
            for run in self.runs:
                run.unlink(missing_ok=True)
            self.runs = []

    def lines(self) -> Iterator[bytes]:
        for block in self.blocks():
            yield from block

    def remove(self) -> None:
        for path in [path for files in self.buckets for path in files] + self.runs:
            path.unlink(missing_ok=True)
        self.buckets, self.sizes, self.runs = [], [], []


_parse_block = bucketwriter.parse_block


def _parsed(blocks: Iterable[list[bytes]]) -> Iterator[ox.Quad]:
    """The triples of blocks of sorted keys, parsed back by Oxigraph a block at a time (the
    chain runs in C, so that no Python code runs per triple)."""
    return itertools.chain.from_iterable(map(_parse_block, blocks))


def _write_blocks(blocks: Iterable[list[bytes]], fmt: ox.RdfFormat, out: BinaryIO) -> int:
    """Write blocks of sorted N-Triples keys to ``out`` in ``fmt``; return how many triples."""
    count = 0
    if fmt in _LINE_FORMATS:
        for block in blocks:
            if block:
                out.write(b" .\n".join(block) + b" .\n")
                count += len(block)
        return count

    def counted() -> Iterator[list[bytes]]:
        nonlocal count
        for block in blocks:
            count += len(block)
            yield block

    _serialize(_parsed(counted()), fmt, out)  # quads in the default graph serialize as triples
    return count


def _in_blocks(lines: Iterable[bytes], size: int = 8192) -> Iterator[list[bytes]]:
    iterator = iter(lines)
    while block := list(itertools.islice(iterator, size)):
        yield block


def _serialize(data: Iterable, fmt: ox.RdfFormat, out: BinaryIO) -> None:
    bucketwriter.serialize(data, fmt, out, PREFIXES)


#: Formats whose serialization of a graph cut between subjects is the serializations of its
#: parts, one after the other (the prefix lines once, at the start): the last pass of a
#: spilled graph can then write its buckets in parallel processes.
_CONCATENABLE = _LINE_FORMATS | {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG}
#: Most processes the last pass of a spilled graph uses.
MAX_WRITE_JOBS = 4


def write_jobs() -> int:
    """Processes for the last pass of a spilled graph: the usable cores, at most
    :data:`MAX_WRITE_JOBS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WRITE_JOBS, cores))


def _prefix_lines(fmt: ox.RdfFormat) -> bytes:
    return bucketwriter.prefix_lines(fmt, PREFIXES)


class _WriterProcess:
    """A process running :func:`kgraph.bucketwriter.serve` (started with ``subprocess``, so
    that it never imports the caller's ``__main__`` module, as multiprocessing's spawn would:
    scripts need no ``if __name__ == "__main__"`` guard for it). Answers come in the order of
    the requests; ``outstanding`` counts those not yet read."""

    def __init__(self) -> None:
        argv = [sys.executable, "-c", bucketwriter.LAUNCH, bucketwriter.__file__, json.dumps(PREFIXES)]
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.outstanding = 0
        for stream in (self.process.stdin, self.process.stdout):  # parts of megabytes go through
            if fcntl is not None:  # the pipes: a larger buffer saves most switches between processes
                try:
                    fcntl.fcntl(stream.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
                except OSError:  # not Linux, or over the system's limit
                    pass

    def request(self, head: bytes, *payload: bytes) -> None:
        """Send a request; OSError when the process has gone."""
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(head)
            for data in payload:
                stdin.write(data)
            stdin.flush()
        except ValueError as error:  # the pipe was closed here (the process was stopped)
            raise OSError(f"writer process {self.process.pid} is stopped") from error
        self.outstanding += 1

    def submit(self, files: list[Path], lines: int, extension: str) -> None:
        """Ask for a bucket sorted and serialized (see :func:`kgraph.bucketwriter.bucket_bytes`)."""
        paths = "\0".join(map(str, files)).encode("utf-8", "surrogateescape")
        self.request(f"write {extension} {lines} {len(paths)}\n".encode("ascii"), paths)

    def result(self) -> tuple[bytes, int]:
        """The next answer; OSError when the process has died or the request failed."""
        stdout = self.process.stdout
        assert stdout is not None
        try:
            head = stdout.readline().split()
        except ValueError as error:
            raise OSError(f"writer process {self.process.pid} is stopped") from error
        if len(head) != 2:
            raise OSError(f"writer process {self.process.pid} ended (exit status {self.process.poll()})")
        size = int(head[1])
        data = stdout.read(size)
        if len(data) != size:
            raise OSError(f"writer process {self.process.pid} ended mid-answer")
        self.outstanding -= 1
        if head[0] == b"error":
            raise OSError(f"writer process {self.process.pid}: {data.decode('utf-8', 'replace')}")
        return data, int(head[0])

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:  # a pipe to a process that died with bytes unread
                    pass


class _SpillHelper:
    """A writer process doing the spills of one sort: its own file for each bucket, and how far
    each file reached at its last answer."""

    def __init__(self, writer: _WriterProcess, files: list[Path], bounds: list[bytes]) -> None:
        self.writer, self.files = writer, files
        self.ends = [0] * len(files)
        self.unanswered: bytes | None = None  # the lines of the spill in flight
        self.meta = json.dumps({"files": [str(path) for path in files],
                                "bounds": [bound.decode("latin-1") for bound in bounds]}).encode("ascii")

    def submit(self, data: bytes) -> None:
        self.writer.request(b"spill %d %d\n" % (len(self.meta), len(data)), self.meta, data)
        self.unanswered = data

    def collect(self) -> list[int]:
        """Wait for the spill in flight; how many lines each bucket got."""
        if self.unanswered is None:
            return [0] * len(self.files)
        answer = json.loads(self.writer.result()[0])
        if len(answer["added"]) != len(self.files) or len(answer["ends"]) != len(self.files):
            raise OSError(f"writer process {self.writer.process.pid} answered for other files")
        self.ends, self.unanswered = answer["ends"], None
        return answer["added"]

    def truncate(self) -> None:
        """Cut the files back to their last answer (the process is stopped)."""
        for path, end in zip(self.files, self.ends):
            try:
                os.truncate(path, end)
            except FileNotFoundError:
                if end:
                    raise


#: Writer processes started by this process and free for the next write.
_WRITERS: list[_WriterProcess] = []
#: Every writer process started, for the exit hook.
_STARTED: list[_WriterProcess] = []


def _lease(jobs: int) -> list[_WriterProcess]:
    """``jobs`` running writer processes for one write, the free ones first, the rest started
    (fewer where no more can be started); give them back with :func:`_release`."""
    _WRITERS[:] = [w for w in _WRITERS if w.alive()]
    leased = _WRITERS[:jobs]
    del _WRITERS[:jobs]
    while len(leased) < jobs:
        try:
            writer = _WriterProcess()
        except OSError:
            break
        _STARTED.append(writer)
        leased.append(writer)
    return leased


def _release(writers: list[_WriterProcess]) -> None:
    """Writers back to the free ones, unless they died or owe answers (then they are stopped)."""
    for writer in writers:
        if writer.alive() and writer.outstanding == 0:
            _WRITERS.append(writer)
        else:
            writer.stop()
    _STARTED[:] = [w for w in _STARTED if w.alive()]


@atexit.register
def _stop_writers() -> None:
    for writer in _STARTED:
        writer.stop()
    _STARTED.clear()
    _WRITERS.clear()


class _SkipFirst:
    """A binary file that drops the first ``n`` bytes written to it."""

    def __init__(self, out: BinaryIO, n: int) -> None:
        self.out, self.n = out, n

    def write(self, data: bytes) -> int:
        size = len(data)
        if self.n:
            cut = min(self.n, size)
            data, self.n = data[cut:], self.n - cut
        if data:
            self.out.write(data)
        return size

    def flush(self) -> None:
        self.out.flush()


def _write_buckets_parallel(runs: _SortedRuns, fmt: ox.RdfFormat, out: BinaryIO,
                            writers: list[_WriterProcess]) -> int:
    """Write a spilled graph's buckets to ``out`` in order, each sorted and serialized by one of
    ``writers`` in turn; return how many triples. A bucket too large for one part, and every
    bucket after a writer fails, is done here as in the serial pass, with the same bytes. At
    most two buckets per writer are in flight, so memory stays bounded."""
    runs.finish_spills()
    writers = [w for w in writers if w.alive()]
    if not writers:  # they failed in the spills
        return _write_blocks(runs.blocks(), fmt, out)
    header = _prefix_lines(fmt)
    out.write(header)
    extension = fmt.file_extension
    count = 0
    window: deque[tuple[int, _WriterProcess | None]] = deque()
    todo: deque[int] = deque()
    for i, files in enumerate(runs.buckets):
        if runs.sizes[i]:
            todo.append(i)
        else:
            for path in files:
                path.unlink(missing_ok=True)
    turn = itertools.cycle(writers)
    failed = False

    def here(i: int) -> int:
        files = runs.buckets[i]
        if runs.sizes[i] <= runs.part:  # what a writer would have done, done here
            data, n = bucketwriter.bucket_bytes(map(str, files), runs.sizes[i], extension, PREFIXES)
            out.write(data)
            for path in files:
                path.unlink(missing_ok=True)
            return n
        blocks = runs._merge_sorted(files) if runs.depth >= runs.MAX_DEPTH else runs._redistributed(files)
        return _write_blocks(blocks, fmt, _SkipFirst(out, len(header)))

    try:
        while todo or window:
            while todo and len(window) < 2 * len(writers):
                i = todo.popleft()
                writer = None if failed or runs.sizes[i] > runs.part else next(turn)
                if writer is not None:
                    try:
                        writer.submit(runs.buckets[i], runs.sizes[i], extension)
                    except OSError:
                        failed, writer = True, None
                window.append((i, writer))
            i, writer = window.popleft()
            if writer is not None and not failed:
                try:
                    data, n = writer.result()
                except OSError:
                    failed = True  # this bucket and the rest are written here
                else:
                    out.write(data)
                    for path in runs.buckets[i]:
                        path.unlink(missing_ok=True)
                    count += n
                    continue
            count += here(i)
    finally:
        if failed:
            for writer in writers:  # answers may be pending: never reuse these processes
                writer.stop()
        runs.remove()
    return count


class SortedGraphWriter:
    """Triples gathered a batch at a time, then written sorted and de-duplicated (see the
    module docstring), so that a build can hand over each article's triples as it reads it.

    >>> import tempfile, os
    >>> s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    >>> path = os.path.join(tempfile.mkdtemp(), "g.nt")
    >>> with SortedGraphWriter() as graph:
    ...     graph.add([ox.Triple(s, p, ox.Literal("나"))])
    ...     graph.add([ox.Triple(s, p, ox.Literal("가")), ox.Triple(s, p, ox.Literal("나"))])
    ...     graph.write(path)
    2
    """

    def __init__(self, *, run_size: int | None = None, jobs: int | None = None) -> None:
        remove_stale_run_folders()
        self._folder = _RunFolder()
        self._runs = _SortedRuns(self._folder, RUN_SIZE if run_size is None else run_size)
        self._batch: list[ox.Triple] = []  # small additions, passed on a chunk at a time
        self._written = False
        self._jobs = write_jobs() if jobs is None else jobs
        if self._jobs < 1:
            raise ValueError("jobs must be at least 1")
        self._writers: list[_WriterProcess] | None = None

    def _start_writers(self) -> None:
        """Lease the writer processes at the first spill, so that they do the spills after it
        and are up by the last pass (none for ``jobs=1``, nor where no process can start)."""
        if self._writers is not None or self._runs.in_memory:
            return
        self._writers = _lease(self._jobs) if self._jobs > 1 else []
        self._runs.use_writers(self._writers)

    def add(self, triples: Iterable[ox.Triple]) -> None:
        """Add triples, in any order, duplicates allowed."""
        if self._written:
            raise RuntimeError("this graph is written already")
        iterator = iter(triples)
        while True:  # never more than a chunk held here, however long ``triples`` is
            self._batch.extend(itertools.islice(iterator, _SortedRuns.CHUNK - len(self._batch)))
            if len(self._batch) < _SortedRuns.CHUNK:
                return
            self._runs._add(self._batch)
            self._batch = []
            if self._writers is None:
                self._start_writers()

    def write(self, path: str | os.PathLike[str], *, shards: str | os.PathLike[str] | None = None,
              shard_size: int = SHARD_SIZE) -> int:
        """Write the triples added so far to ``path`` (format by extension), atomically; return
        how many distinct triples it holds. See :func:`write_sorted_graph` for ``shards``."""
        fmt = format_for(path)
        if self._written:
            raise RuntimeError("this graph is written already")
        self._written = True
        runs = self._runs
        try:
            runs.add_all(self._batch)
            self._batch = []
            count = 0

            def write(out: BinaryIO) -> None:
                nonlocal count
                if shards is None and runs.in_memory and fmt in _LINE_FORMATS:
                    count = _write_blocks(runs.blocks(), fmt, out)  # the keys are the lines
                    return
                if shards is None and runs.in_memory:  # the common case: no parsing back
                    ordered = runs.sorted_triples()
                    count = len(ordered)
                    if fmt in _QUADS:
                        _serialize((ox.Quad(t.subject, t.predicate, t.object) for t in ordered), fmt, out)
                    else:
                        _serialize(ordered, fmt, out)
                    return
                if shards is None and fmt in _CONCATENABLE:
                    self._start_writers()
                    if any(w.alive() for w in self._writers or []):
                        count = _write_buckets_parallel(runs, fmt, out, self._writers)
                        return
                blocks = runs.blocks()
                if shards is not None:
                    blocks = _in_blocks(read_shards(write_shards(runs.lines(), shards, shard_size=shard_size)))
                count = _write_blocks(blocks, fmt, out)

            write_atomic(path, write)
        finally:
            self.close()
        return count

    def close(self) -> None:
        """Remove the files spilled so far (a write does it itself)."""
        self._batch = []
        for helper in self._runs.helpers:  # a spill in flight is waited for, so that the
            try:  # writer owes nothing and can serve the next write
                helper.collect()
            except OSError:
                pass
        self._runs.remove()
        self._folder.remove()
        _release(self._writers or [])
        self._writers = []

    def __enter__(self) -> SortedGraphWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_sorted_graph(
    triples: Iterable[ox.Triple],
    path: str | os.PathLike[str],
    *,
    shards: str | os.PathLike[str] | None = None,
    shard_size: int = SHARD_SIZE,
    run_size: int = RUN_SIZE,
    jobs: int | None = None,
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
        jobs: processes that sort and serialize the buckets of a graph larger than one run in
            the last pass (Turtle, TriG, N-Triples and N-Quads; other formats and shards are
            written by this process alone); None for :func:`write_jobs`, the usable cores (at
            most four); 1 for none. The bytes are the same whatever ``jobs`` is.

    Returns:
        The number of distinct triples written.

    Raises:
        OutputFormatError: unknown extension.
        OSError: a file cannot be written.
    """
    format_for(path)  # before any work
    with SortedGraphWriter(run_size=run_size, jobs=jobs) as graph:
        graph.add(triples)
        return graph.write(path, shards=shards, shard_size=shard_size)


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
