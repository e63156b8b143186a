"""The kgraph vocabulary and the one place that mints IRIs.

Terms are attributes of :class:`KG`; a misspelt term raises ``AttributeError`` instead of
silently minting a new IRI. Every term here is documented in ``ontology/kgraph.ttl`` (a test
checks both ways).

>>> str(KG.Fine)
'https://kgraph.example/ontology#Fine'
>>> mint_iri("org", "과학기술정보통신부")
'https://kgraph.example/id/org/과학기술정보통신부'
>>> mint_iri("org", "KT 침해사고 민관합동조사단")
'https://kgraph.example/id/org/KT%20침해사고%20민관합동조사단'
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://kgraph.example/ontology"
RESOURCE_BASE = "https://kgraph.example/id/"


class KG(DefinedNamespace):
    """The kgraph ontology terms (``kg:``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # Classes
    Article: URIRef
    Organization: URIRef
    Company: URIRef
    GovernmentAgency: URIRef
    LawEnforcement: URIRef
    Legislature: URIRef
    Court: URIRef
    Publisher: URIRef
    Person: URIRef
    Incident: URIRef
    Hacking: URIRef
    DataBreach: URIRef
    MalwareInfection: URIRef
    Ransomware: URIRef
    UnauthorizedPayment: URIRef
    Measure: URIRef
    PenaltyWaiver: URIRef
    PoliceReferral: URIRef
    Fine: URIRef
    CorrectiveOrder: URIRef
    Investigation: URIRef
    Compensation: URIRef
    BusinessSuspension: URIRef
    Evidence: URIRef
    FrontMatterEntry: URIRef
    Observation: URIRef

    # Article properties (front matter)
    articleId: URIRef
    oid: URIRef
    aid: URIRef
    url: URIRef
    title: URIRef
    category: URIRef
    publisherName: URIRef
    publishedBy: URIRef
    author: URIRef
    hasAuthor: URIRef
    publishedAt: URIRef
    crawledAt: URIRef
    contentHash: URIRef
    sourceFile: URIRef
    body: URIRef
    frontMatter: URIRef
    key: URIRef
    value: URIRef
    mentions: URIRef
    statedDate: URIRef

    # Person properties
    role: URIRef
    affiliatedWith: URIRef

    # Incident properties
    affects: URIRef
    victimCount: URIRef
    accountCount: URIRef
    serverCount: URIRef
    malwareVariantCount: URIRef
    recordCount: URIRef
    damageAmount: URIRef
    firstReported: URIRef
    lastReported: URIRef
    observation: URIRef
    observedProperty: URIRef
    observedValue: URIRef
    reportedAt: URIRef

    # Measure properties
    issuedBy: URIRef
    appliesTo: URIRef
    referredTo: URIRef
    concerns: URIRef
    status: URIRef
    amount: URIRef
    date: URIRef

    # Evidence
    evidence: URIRef
    sentence: URIRef
    inArticle: URIRef
    section: URIRef
    startOffset: URIRef
    endOffset: URIRef
    trigger: URIRef
    statedStatus: URIRef


#: Prefixes written into Turtle/TriG output and predeclared for queries.
PREFIXES: dict[str, str] = {
    "kg": ONTOLOGY_IRI + "#",
    "kgr": RESOURCE_BASE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
}

# Characters kept as they are in an IRI path segment: RFC 3987 iunreserved (ASCII letters,
# digits, "-._~" and non-ASCII ucschar). Everything else, "%" included, is percent-encoded,
# which keeps minting injective.
_ASCII_KEEP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _is_ucschar(ch: str) -> bool:
    """RFC 3987 ``ucschar``, less invisible format characters (kept but percent-encoded)."""
    cp = ord(ch)
    if 0x200B <= cp <= 0x200F or 0x202A <= cp <= 0x202E or 0x2060 <= cp <= 0x206F:
        return False
    if cp in (0x2028, 0x2029) or ch.isspace():
        # Non-ASCII spaces (U+00A0, U+3000, …) are legal, but read as a break by people and by
        # rdflib's N-Triples parser.
        return False
    return (
        0xA0 <= cp <= 0xD7FF
        or 0xF900 <= cp <= 0xFDCF
        or 0xFDF0 <= cp <= 0xFFEF
        or (0x10000 <= cp <= 0xDFFFD and (cp & 0xFFFF) <= 0xFFFD)
        or 0xE1000 <= cp <= 0xEFFFD
    )


#: Text made only of characters that :func:`encode_segment` keeps as they are (the ASCII ones
#: and Hangul syllables, nearly all of a segment): it is its own encoding, found by one match.
_KEPT_AS_IS = re.compile("[A-Za-z0-9._~\\-\uac00-\ud7a3]+")


def encode_segment(text: str) -> str:
    """Percent-encode ``text`` as one IRI path segment, keeping Korean readable.

    >>> encode_segment("LG U+")
    'LG%20U%2B'
    >>> encode_segment("100%")
    '100%25'
    >>> encode_segment("과기정통부-2025_v1.0~")
    '과기정통부-2025_v1.0~'
    """
    if text == "_":
        return "%5F"  # "_" stands for the empty segment: the two must not meet
    if _KEPT_AS_IS.fullmatch(text):
        return text
    out: list[str] = []
    for ch in text:
        if ch in _ASCII_KEEP or _is_ucschar(ch):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    return "".join(out) or "_"


def mint_iri(kind: str, *parts: str) -> str:
    """Mint the IRI of a resource from its kind and identifying parts.

    IRIs derive only from canonical names and content, never from run order, so the same input
    gives the same IRIs on every run.

    >>> mint_iri("incident", "UnauthorizedPayment", "KT", "2025-09-08")
    'https://kgraph.example/id/incident/UnauthorizedPayment/KT/2025-09-08'
    >>> mint_iri("org", "Acme Co.")
    'https://kgraph.example/id/org/Acme%20Co%2E'
    """
    iri = RESOURCE_BASE + kind + "/" + "/".join(encode_segment(p) for p in parts)
    # Turtle writes an IRI ending in "." as a prefixed name ending in an escaped dot
    # (kgr:org/Co\.), which rdflib cannot read; a final dot is percent-encoded instead.
    return iri[:-1] + "%2E" if iri.endswith(".") else iri
