"""Emit: turn a :class:`~kgraph.model.KnowledgeBase` into RDF and write it.

This is the only module that creates triples. Triples are built as pyoxigraph terms and
serialized by pyoxigraph (tens of times faster than rdflib's serializers); :func:`to_rdflib`
gives an ``rdflib.Graph`` for notebook users. Output is sorted, so the same input gives
byte-identical files.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .lexicon import ontology_dir
from .model import Article, Evidence, KnowledgeBase
from .resolve import merge_status
from .vocab import KG, PREFIXES, mint_iri

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_INTEGER = ox.NamedNode(XSD + "integer")
_XSD_DATETIME = ox.NamedNode(XSD + "dateTime")
_XSD_DATE = ox.NamedNode(XSD + "date")
_XSD_YEARMONTH = ox.NamedNode(XSD + "gYearMonth")
_XSD_ANYURI = ox.NamedNode(XSD + "anyURI")

#: Output formats by file extension.
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}
_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


class OutputFormatError(ValueError):
    """The output file's extension names no RDF format we write."""


def format_for(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """Return the RDF format for an output path, from its extension.

    >>> format_for("graph.ttl").name
    'Turtle'

    Raises:
        OutputFormatError: the extension is not one of :data:`FORMATS`.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OutputFormatError(
            f"{path}: unknown RDF format {suffix or '(no extension)'}; use one of {', '.join(FORMATS)}"
        )
    return FORMATS[suffix]


_KG_TERMS: dict[str, ox.NamedNode] = {}


def _kg(name: str) -> ox.NamedNode:
    term = _KG_TERMS.get(name)
    if term is None:  # once per name: rdflib's Namespace lookup is slow
        term = _KG_TERMS[name] = ox.NamedNode(str(getattr(KG, name)))
    return term


def _ko(text: str) -> ox.Literal:
    return ox.Literal(_clean(text), language="ko")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def _date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=_XSD_DATE if len(value) == 10 else _XSD_YEARMONTH)


#: Characters no RDF/XML file can hold (XML 1.0 allows no control characters but tab and line
#: breaks, nor U+FFFE/U+FFFF; a carriage return is read back as a line feed unless escaped,
#: which our serializer does not do), and lone surrogates, which no UTF-8 file can hold.
_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Replace characters that some RDF format cannot carry with U+FFFD, in every format alike.

    Files decoded strictly never hold lone surrogates, but file names and library callers may;
    control characters reach titles through YAML escapes (``"\\x01"``), bodies as raw bytes and
    file names as anything. Replacing them everywhere keeps the graph the same in every format.

    >>> _clean("a\\x01b\\udcff\\tc")
    'a\ufffdb\ufffd\\tc'
    """
    return _UNWRITABLE.sub("\ufffd", text)


@lru_cache(maxsize=1)
def class_labels() -> dict[str, str]:
    """The Korean label of each ontology class, read from ``ontology/kgraph.ttl``."""
    labels: dict[str, str] = {}
    path = ontology_dir() / "kgraph.ttl"
    if not path.is_file():
        return labels
    prefix = PREFIXES["kg"]
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if (
            quad.predicate == RDFS_LABEL
            and isinstance(quad.object, ox.Literal)
            and quad.object.language == "ko"
            and quad.subject.value.startswith(prefix)
        ):
            labels[quad.subject.value[len(prefix) :]] = quad.object.value
    return labels


def iri_of(kind: str, key: tuple) -> str:
    """The IRI of a resolved entity from its kind and knowledge-base key."""
    if kind == "org":
        return mint_iri("org", key[0])
    if kind == "person":
        name, affiliation = key
        return mint_iri("person", name, affiliation) if affiliation else mint_iri("person", name)
    if kind == "incident":
        itype, affected, first = key
        if affected.startswith("article:"):
            return mint_iri("incident", itype, "article", affected[len("article:") :], first)
        return mint_iri("incident", itype, affected, first)
    if kind == "measure":
        mtype, target, issuer, amount, scope = key
        parts = [mtype, target or "-", issuer or "-"]
        if amount is not None:
            parts.append(str(amount))
        if scope is not None:
            parts += ["article", scope]
        return mint_iri("measure", *parts)
    raise ValueError(f"unknown entity kind {kind!r}")


def article_triples(art: Article) -> Iterator[ox.Triple]:
    """Yield the triples of an article itself: its front matter, title, text and publisher.

    They depend on the article alone, not on resolution, so a build that writes a file hands
    them over as it reads each article and keeps the article without its text (see
    :meth:`kgraph.resolve.Resolver.add`); :func:`generate_triples` yields them otherwise.
    """
    T = ox.Triple
    a = RDF_TYPE
    s = ox.NamedNode(mint_iri("article", art.key))
    yield T(s, a, _kg("Article"))
    for key, value in art.meta:
        field_ = _ARTICLE_FIELDS.get(key)
        if field_ is not None:
            if value:
                yield T(s, _kg(field_), ox.Literal(_clean(value)))
        elif key == "url":
            if value:
                yield T(s, _kg("url"), ox.Literal(_clean(value), datatype=_XSD_ANYURI))
        elif key in ("title", "published_at", "crawled_at"):
            continue
        else:
            entry = ox.NamedNode(mint_iri("article", art.key, "meta", key))
            yield T(s, _kg("frontMatter"), entry)
            yield T(entry, a, _kg("FrontMatterEntry"))
            yield T(entry, _kg("key"), ox.Literal(_clean(key)))
            yield T(entry, _kg("value"), ox.Literal(_clean(value)))
    if art.title:
        yield T(s, _kg("title"), _ko(_clean(art.title)))
    if art.published_at:
        yield T(s, _kg("publishedAt"), ox.Literal(art.published_at, datatype=_XSD_DATETIME))
    if art.crawled_at:
        yield T(s, _kg("crawledAt"), ox.Literal(art.crawled_at, datatype=_XSD_DATETIME))
    yield T(s, _kg("sourceFile"), ox.Literal(_clean(art.path)))
    yield T(s, _kg("body"), ox.Literal(_clean(art.body)))
    publisher = art.get("publisher")
    if publisher:
        from .lexicon import load_lexicon

        canonical = load_lexicon().alias_to_org.get(publisher, publisher)
        yield T(s, _kg("publishedBy"), ox.NamedNode(iri_of("org", (canonical,))))


#: Front-matter keys written as a property of the article of their own.
_ARTICLE_FIELDS = {
    "id": "articleId", "oid": "oid", "aid": "aid", "content_hash": "contentHash",
    "category": "category", "publisher": "publisherName", "author": "author",
}


def generate_triples(kb: KnowledgeBase, *, articles: bool = True) -> Iterator[ox.Triple]:
    """Yield every triple of the knowledge base (unsorted; :func:`build_triples` sorts).

    ``articles=False`` leaves out each article's own triples (:func:`article_triples`), for a
    build that handed them over when it read the article; the links from an article to what it
    names, its authors and its dates are yielded either way.
    """
    T = ox.Triple
    a = RDF_TYPE
    labels = class_labels()
    # An IRI is minted again wherever a triple names it, except for the most recent few
    # thousand (organizations above all, named everywhere): a memo of every entity and article
    # of a build would grow with the corpus.
    entity = lru_cache(maxsize=4096)(lambda kind, key: ox.NamedNode(iri_of(kind, key)))
    article_node = lru_cache(maxsize=4096)(lambda key: ox.NamedNode(mint_iri("article", key)))

    for art in kb.articles:
        s = article_node(art.key)
        if articles:
            yield from article_triples(art)
        for person_key in kb.authors.get(art.key, []):
            yield T(s, _kg("hasAuthor"), entity("person", person_key))
        for kind, key in kb.mentions.get(art.key, ()):
            yield T(s, _kg("mentions"), entity(kind, key))
        for d in kb.article_dates.get(art.key, ()):
            yield T(s, _kg("statedDate"), _date(d.value))

    evidence_, evidence_class, sentence_, in_article, section_, start_offset, end_offset, trigger_, stated = (
        _kg(name) for name in ("evidence", "Evidence", "sentence", "inArticle", "section", "startOffset",
                               "endOffset", "trigger", "statedStatus"))

    def evidence_triples(owner: ox.NamedNode, evidence: list[Evidence]) -> Iterator[ox.Triple]:
        digest = hashlib.sha1(owner.value.encode("utf-8")).hexdigest()[:10]
        for ev in evidence:
            e = ox.NamedNode(mint_iri("evidence", ev.article_key, f"{ev.section}-{ev.start}-{ev.end}", digest))
            yield T(owner, evidence_, e)
            yield T(e, a, evidence_class)
            yield T(e, sentence_, _ko(ev.sentence))
            yield T(e, in_article, article_node(ev.article_key))
            yield T(e, section_, ox.Literal(ev.section))
            yield T(e, start_offset, _int(ev.start))
            yield T(e, end_offset, _int(ev.end))
            if ev.trigger:
                yield T(e, trigger_, ox.Literal(_clean(ev.trigger)))
            if ev.status:
                yield T(e, stated, ox.Literal(ev.status))

    for name, org in kb.organizations.items():
        s = entity("org", (name,))
        yield T(s, a, _kg(org.org_type))
        yield T(s, RDFS_LABEL, _ko(_clean(name)))
        if org.english:
            yield T(s, RDFS_LABEL, ox.Literal(org.english, language="en"))
        for alias in org.aliases:
            yield T(s, SKOS_ALT, _ko(_clean(alias)))

    for key, person in kb.persons.items():
        s = entity("person", key)
        yield T(s, a, _kg("Person"))
        yield T(s, RDFS_LABEL, _ko(_clean(person.name)))
        for role in person.roles:
            yield T(s, _kg("role"), ox.Literal(_clean(role)))
        if person.affiliation:
            yield T(s, _kg("affiliatedWith"), entity("org", (person.affiliation,)))
        yield from evidence_triples(s, person.evidence)

    for key, inc in kb.incidents.items():
        s = entity("incident", key)
        yield T(s, a, _kg(inc.incident_type))
        kind = labels.get(inc.incident_type, inc.incident_type)
        yield T(s, RDFS_LABEL, _ko(f"{inc.affected} {kind}" if inc.affected else kind))
        if inc.affected:
            yield T(s, _kg("affects"), entity("org", (inc.affected,)))
        for prop, (_, value) in inc.quantities.items():
            yield T(s, _kg(prop), _int(value))  # the current value: from the latest report
        for article_key, published, prop, value in inc.observations:
            # Every figure as each article reported it, so disagreements stay visible.
            digest = hashlib.sha1(f"{s.value}|{prop}|{value}".encode()).hexdigest()[:10]
            obs = ox.NamedNode(mint_iri("observation", article_key, digest))
            yield T(s, _kg("observation"), obs)
            yield T(obs, a, _kg("Observation"))
            yield T(obs, _kg("observedProperty"), _kg(prop))
            yield T(obs, _kg("observedValue"), _int(value))
            yield T(obs, _kg("inArticle"), article_node(article_key))
            if published:
                yield T(obs, _kg("reportedAt"), ox.Literal(published, datatype=_XSD_DATETIME))
        if inc.first_reported:
            yield T(s, _kg("firstReported"), ox.Literal(inc.first_reported, datatype=_XSD_DATETIME))
            yield T(s, _kg("lastReported"), ox.Literal(inc.last_reported or inc.first_reported, datatype=_XSD_DATETIME))
        yield from evidence_triples(s, inc.evidence)

    for key, m in kb.measures.items():
        s = entity("measure", key)
        yield T(s, a, _kg(m.measure_type))
        kind = labels.get(m.measure_type, m.measure_type)
        yield T(s, RDFS_LABEL, _ko(f"{m.target} {kind}" if m.target else kind))
        yield T(s, _kg("status"), ox.Literal(merge_status(m.statuses)))
        for issuer in m.issuers:
            yield T(s, _kg("issuedBy"), entity("org", (issuer,)))
        if m.target:
            yield T(s, _kg("appliesTo"), entity("org", (m.target,)))
        for police in m.referred_to:
            yield T(s, _kg("referredTo"), entity("org", (police,)))
        if m.incident and m.incident in kb.incidents:
            yield T(s, _kg("concerns"), entity("incident", m.incident))
        if m.amount is not None:
            yield T(s, _kg("amount"), _int(m.amount))
        if m.date:
            yield T(s, _kg("date"), _date(m.date))
        yield from evidence_triples(s, m.evidence)


def build_triples(kb: KnowledgeBase) -> list[ox.Triple]:
    """All triples of the knowledge base, without duplicates, in a stable order."""
    unique = {str(t): t for t in generate_triples(kb)}
    return [unique[k] for k in sorted(unique)]


def serialize(triples: Iterable[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    """Serialize triples in ``fmt`` with the kgraph prefixes (quad formats use the default graph)."""
    data: Iterable[ox.Triple | ox.Quad] = triples
    if fmt in _QUAD_FORMATS:
        data = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD) else None
    return ox.serialize(data, format=fmt, prefixes=prefixes)


#: The random part ``tempfile.mkstemp`` puts in the name of a temporary file, and our suffix.
_TEMP_NAME = re.compile(r"[a-z0-9_]{8}\.tmp")
#: Where files cannot be locked, a temporary file this old (seconds) is taken for a dead write's.
STALE_AFTER = 3600.0


def _lock(fd: int, *, wait: bool) -> bool | None:
    """Lock an open file: True when locked, False when another process holds it, None when locks are unavailable."""
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks
        return None
    return True


def _mode_of(target: Path) -> int:
    """The permissions to give a new version of ``target``: its own, or those ``open`` would give."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temporaries(path: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that killed writes of ``path`` left beside it; return them.

    :func:`write_atomic` writes ``.NAME.XXXXXXXX.tmp`` and holds a lock on it until it is renamed,
    so a temporary file that nobody holds a lock on belongs to a write that was killed (kill -9,
    power loss). Only files of exactly that pattern, for this ``path``, are touched; where files
    cannot be locked, only those older than :data:`STALE_AFTER` seconds.
    """
    target = Path(path)
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        names = [e.name for e in os.scandir(target.parent) if e.name.startswith(prefix)]
    except OSError:
        return removed
    for name in names:
        if not _TEMP_NAME.fullmatch(name[len(prefix) :]):
            continue
        stale = target.parent / name
        try:
            fd = os.open(stale, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            locked = _lock(fd, wait=False)
            if locked is False or (locked is None and time.time() - os.fstat(fd).st_mtime < STALE_AFTER):
                continue  # a write in progress
            os.unlink(stale)  # while holding its lock, so its writer cannot be starting on it
            removed.append(stale)
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


def write_atomic(path: str | os.PathLike[str], data: bytes | Callable[[BinaryIO], object], *,
                 fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, fsync, rename.

    A failed write (full disk, read-only folder) leaves the previous file intact and no
    temporary file behind. A killed write (kill -9, power loss) leaves the previous file intact
    and can only leave its temporary file, which the next write of ``path`` removes (see
    :func:`remove_stale_temporaries`).

    Args:
        path: the file to write.
        data: its new content, or a function that writes it to the open file (for output
            too large to hold in memory).
        fsync: flush the data to disk before the rename (the default); False for files that are
            checked when read, such as cache entries.
    """
    target = Path(path)
    remove_stale_temporaries(target)
    while True:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        # Held until the rename, so that no other run takes this file for a stale one. A run
        # that removed it as stale before we locked it left it unlinked: start again.
        if _lock(fd, wait=True) and os.fstat(fd).st_nlink == 0:
            os.close(fd)
            continue
        break
    try:
        # mkstemp makes the file private; give it the mode the file had, or a new file's mode.
        os.chmod(tmp, _mode_of(target))
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_graph(triples: Iterable[ox.Triple], path: str | os.PathLike[str]) -> None:
    """Write triples to ``path`` in the format its extension names, atomically.

    Raises:
        OutputFormatError: unknown extension.
        OSError: the file cannot be written.
    """
    write_atomic(path, serialize(triples, format_for(path)))


def to_rdflib(triples: Iterable[ox.Triple]):  # -> rdflib.Graph (imported lazily)
    """Return the triples as an ``rdflib.Graph`` (for notebooks and rdflib users)."""
    import rdflib

    graph = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.parse(data=serialize(triples, ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return graph
