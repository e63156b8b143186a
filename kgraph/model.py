"""The data passed between pipeline stages.

Every stage takes and returns these frozen dataclasses, so the pipeline reads top to bottom:

    ingest -> Article -> analyse -> AnalysedArticle -> extract -> Extraction
           -> resolve -> KnowledgeBase -> emit -> RDF

Offsets are character offsets (Python ``str`` indices) into ``Article.body`` for body sentences
and into ``Article.title`` for the headline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Section = Literal["title", "body"]
Status = Literal["demanded", "imposed", "planned", "considered", "rejected"]

#: The measure statuses, weakest claim first. See ``resolve.merge_status`` for how mentions combine.
STATUSES: tuple[Status, ...] = ("considered", "planned", "demanded", "rejected", "imposed")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article read from a file: its front matter exactly as written and its text.

    ``meta`` holds every front-matter key with its value as a string (whitespace normalised),
    in file order. ``body`` is the article text only, with the crawler's heading, byline line,
    separators and footer removed and HTML entities unescaped.
    """

    path: str
    meta: tuple[tuple[str, str], ...]
    title: str
    body: str
    published_at: str | None  # ISO 8601 with a zone, e.g. 2025-12-29T00:00:00+09:00
    crawled_at: str | None
    file_sha256: str

    def get(self, key: str, default: str | None = None) -> str | None:
        """Return the front-matter value for ``key`` (exactly as written), or ``default``."""
        for k, v in self.meta:
            if k == key:
                return v
        return default

    @property
    def key(self) -> str:
        """A stable identifier: the front-matter ``id``, else the ``content_hash``, else the file hash."""
        return self.get("id") or self.get("content_hash") or self.file_sha256

    def without_text(self) -> Article:
        """The article without its body and with only the front matter that identifies it
        (``id``, ``content_hash``, ``url``): what a build keeps of an article whose own triples
        it has written out already. Its ``key``, path, title and dates are unchanged."""
        kept = tuple((k, v) for k, v in self.meta if k in _IDENTITY_KEYS)
        return Article(self.path, kept, self.title, "", self.published_at, self.crawled_at, self.file_sha256)


#: The front-matter keys :meth:`Article.without_text` keeps.
_IDENTITY_KEYS = frozenset({"id", "content_hash", "url"})


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that was not built, with the reason a user can act on."""

    path: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """One morpheme from the analyser, with offsets into the article text of its section."""

    form: str
    tag: str
    start: int
    end: int
    #: The analyser does not know the word and guessed its tag (한울배달, 초록장터): nearly always
    #: a name, whatever tag it was given.
    oov: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the headline or body with its morphemes."""

    index: int
    section: Section
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class AnalysedArticle:
    """An article with its headline and body split into analysed sentences."""

    article: Article
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Where a fact was read: the sentence and the characters of the phrase within the section."""

    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organization named in a sentence.

    ``role`` is the grammatical position given by the following particle: ``topic`` (은/는),
    ``subject`` (이/가), ``object`` (을/를), ``dative`` (에/에게), ``locative`` (에서),
    ``possessive`` (의), ``modifier`` (directly followed by a noun), or ``other``.
    """

    surface: str
    name: str
    org_type: str
    span: Span
    role: str
    known: bool  # True when the gazetteer lists it


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person with a role and, when stated, the organization they belong to."""

    name: str
    role: str
    affiliation: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number stated in a sentence, normalised, with the property it measures."""

    prop: str  # e.g. victimCount, damageAmount, amount
    value: int
    surface: str
    span: Span


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date stated in a sentence, resolved against the publication date."""

    surface: str
    value: str  # YYYY-MM-DD or YYYY-MM
    span: Span


@dataclass(frozen=True, slots=True)
class IncidentMention:
    """An incident reported in a sentence."""

    incident_type: str
    affected: str | None
    trigger: str
    span: Span
    generic: bool  # a generic word (해킹 사고) that refers back to a known incident when there is one
    quantities: tuple[Quantity, ...] = ()
    #: When the incident happened, if its sentence dates it long before the article while the
    #: article also reports a recent one of its class at the same organization (업비트는 2019년
    #: 11월에도 … 도난당했다): a past incident, kept apart. None for the article's own incidents.
    happened: str | None = None


@dataclass(frozen=True, slots=True)
class MeasureMention:
    """A measure reported in a sentence, with the roles read from the sentence."""

    measure_type: str
    trigger: str
    span: Span
    status: Status
    strong: bool  # the sentence names who issued it, or the target itself acts
    issuer: str | None = None
    target: str | None = None
    referred_to: str | None = None
    amount: int | None = None
    date: str | None = None
    incident_type: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one article, names already canonical within the article."""

    analysed: AnalysedArticle
    orgs: tuple[OrgMention, ...]
    persons: tuple[PersonMention, ...]
    incidents: tuple[IncidentMention, ...]
    measures: tuple[MeasureMention, ...]
    dates: tuple[DateMention, ...]
    org_types: tuple[tuple[str, str], ...]  # canonical name -> type, for every org in the article


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a fact was read from."""

    article_key: str
    section: Section
    sentence: str
    start: int
    end: int
    trigger: str | None = None
    status: Status | None = None


@dataclass(slots=True)
class Organization:
    """One real-world organization, with every surface form seen for it."""

    name: str
    org_type: str
    english: str | None = None
    aliases: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Person:
    """One person, identified by name and affiliation."""

    name: str
    affiliation: str | None
    roles: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Incident:
    """One real-world incident: its class, the organization affected, and when it was reported."""

    incident_type: str
    affected: str | None
    quantities: dict[str, tuple[str, int]] = field(default_factory=dict)  # prop -> (published, value)
    observations: list[tuple[str, str | None, str, int]] = field(default_factory=list)  # (article, published, prop, value)
    first_reported: str | None = None
    last_reported: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Measure:
    """One real-world measure, identified by class, target, issuer and amount."""

    measure_type: str
    target: str | None
    issuers: set[str] = field(default_factory=set)
    referred_to: set[str] = field(default_factory=set)
    incident: tuple[str, str | None] | None = None
    statuses: list[tuple[bool, Status]] = field(default_factory=list)  # (strong, status) per mention
    amount: int | None = None
    date: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class KnowledgeBase:
    """The resolved entities of a whole build, ready to be emitted as RDF."""

    articles: list[Article] = field(default_factory=list)
    organizations: dict[str, Organization] = field(default_factory=dict)
    persons: dict[tuple[str, str | None], Person] = field(default_factory=dict)
    incidents: dict[tuple[str, str, str], Incident] = field(default_factory=dict)  # resolve.group_incidents
    measures: dict[tuple, Measure] = field(default_factory=dict)  # see resolve.group_measures
    mentions: dict[str, set[tuple[str, tuple]]] = field(default_factory=dict)  # article key -> refs
    authors: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    article_dates: dict[str, list[DateMention]] = field(default_factory=dict)


# --- Gold annotations (corpus/README.md documents the file format) -------------------------------


@dataclass(frozen=True, slots=True)
class GoldOrg:
    """An organization a careful reader finds in an article."""

    name: str
    org_type: str
    surfaces: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldPerson:
    """A person with role and affiliation, as annotated."""

    name: str
    role: str | None
    affiliation: str | None


@dataclass(frozen=True, slots=True)
class GoldIncident:
    """An incident as annotated, with the numbers the article states."""

    incident_type: str
    affected: str | None
    quantities: tuple[tuple[str, int], ...]
    evidence: str | None


@dataclass(frozen=True, slots=True)
class GoldMeasure:
    """A measure as annotated."""

    measure_type: str
    issuer: str | None
    target: str | None
    referred_to: str | None
    status: str | None
    amount: int | None
    concerns: str | None
    evidence: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """The gold annotation of one article."""

    path: str
    article: str
    kind: str  # event | distractor
    orgs: tuple[GoldOrg, ...]
    persons: tuple[GoldPerson, ...]
    incidents: tuple[GoldIncident, ...]
    measures: tuple[GoldMeasure, ...]
    dates: tuple[tuple[str, str], ...]  # (text, value)


def _fast_pickling(cls: type) -> None:
    """Give a slotted dataclass a pickled state read and restored by a fixed list of field names.

    The methods ``dataclass(slots=True)`` generates ask ``dataclasses.fields`` for every object,
    which made loading a build cache (some 66 objects an article) take most of a rebuild's
    time; the state is the same list of field values, so entries written either way load.
    """
    names = tuple(cls.__dataclass_fields__)
    setattr_ = object.__setattr__

    def __getstate__(self: object) -> list[object]:
        return [getattr(self, name) for name in names]

    def __setstate__(self: object, state: list[object]) -> None:
        for name, value in zip(names, state):
            setattr_(self, name, value)

    cls.__getstate__ = __getstate__  # type: ignore[attr-defined]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]


for _cls in (Article, SkippedFile, Token, Sentence, AnalysedArticle, Span, OrgMention, PersonMention, Quantity,
             DateMention, IncidentMention, MeasureMention, Extraction, Evidence):
    _fast_pickling(_cls)
del _cls
