"""Resolve: merge the facts of many articles into one node per real-world entity.

Identity rules (documented in the README):

- Organization: its canonical name (every gazetteer alias resolves to it; names nobody listed
  are resolved within an article first: 민관합동조사단 → KT 침해사고 민관합동조사단).
- Person: name and affiliation.
- Incident: its class and the organization affected.
- Measure: its class, target, issuer and amount (see :func:`group_measures`): the 과징금 of
  개인정보보호위원회 on SK텔레콤 reported by five outlets is one measure with five pieces of
  evidence, while its 과태료 of another amount, or another agency's investigation of the same
  company, is a measure of its own.

A measure's status comes from the sentences that name its issuer (or where the target itself
acts) when there are any, and then the most definite claim wins:
imposed > rejected > demanded > planned > considered.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from collections.abc import Iterable

from .extract import more_precise, parse_byline
from .lexicon import Lexicon, load_lexicon
from .model import (
    STATUSES,
    Evidence,
    Extraction,
    Incident,
    KnowledgeBase,
    IncidentMention,
    Measure,
    MeasureMention,
    Organization,
    Person,
    Span,
    Status,
)


def merge_status(statuses: Iterable[tuple[bool, Status]]) -> Status:
    """Combine the statuses stated by several sentences into one.

    >>> merge_status([(False, "rejected"), (True, "demanded")])
    'demanded'
    >>> merge_status([(True, "considered"), (True, "imposed")])
    'imposed'
    """
    items = list(statuses)
    strong = [s for is_strong, s in items if is_strong]
    pool = strong or [s for _, s in items]
    return max(pool, key=STATUSES.index) if pool else "imposed"


#: Reports of one organization's incidents of one class further apart than this are different
#: incidents (KT's 2024 malware case is not its 2025 one); reports closer are one incident.
INCIDENT_GAP_DAYS = 180

IncidentKey = tuple[str, str, str]  # (class, affected, first reported YYYY-MM-DD or "undated")


def _day(published: str | None) -> date | None:
    """The day of a time stamp or date; a month (YYYY-MM) counts from its first day."""
    try:
        if not published:
            return None
        return date.fromisoformat(published[:10] if len(published) != 7 else published + "-01")
    except ValueError:
        return None


def _when(item: tuple[str, str | None, IncidentMention]) -> str | None:
    """When a mention's incident happened for grouping: the past date its sentence gives
    (:attr:`IncidentMention.happened`), else the article's publication time."""
    return item[2].happened or item[1]


def group_incidents(
    mentions: Iterable[tuple[str, str | None, IncidentMention]],
) -> dict[IncidentKey, list[tuple[str, str | None, IncidentMention]]]:
    """Group incident mentions (article key, publication time, mention) into real-world incidents.

    1. Mentions of one class and affected organization form one incident while consecutive
       reports are at most :data:`INCIDENT_GAP_DAYS` apart; a longer silence starts another.
    2. A generic word the article could not tie to a specific incident (해킹 사고) joins the
       organization's incident of any class reported closest in time, within the gap; failing
       that it is a Hacking incident of its own.
    3. Undated articles join the organization's incident of that class reported last.
    4. A past incident an article compares with its own (:attr:`IncidentMention.happened`) is
       placed at the date its sentence gives, not at the article's: 업비트's 2019 theft named
       in a 2025 article joins the 2019 reports, not the 2025 theft.

    An incident's key is (class, affected, date of its first report).
    """
    items = sorted(mentions, key=lambda it: (_when(it) or "", it[0], it[2].span.sentence, it[2].span.start))
    generic = [it for it in items if it[2].generic and it[2].incident_type == "Hacking"]
    specific = [it for it in items if not (it[2].generic and it[2].incident_type == "Hacking")]
    clusters: dict[tuple[str, str], list[list[tuple[str, str | None, IncidentMention]]]] = {}
    classes_of: dict[str, list[str]] = {}  # affected -> the classes of its clusters, in order

    def add(cls: str, affected: str, item: tuple[str, str | None, IncidentMention], alone: bool = False) -> None:
        runs = clusters.get((cls, affected))
        if runs is None:
            runs = clusters[(cls, affected)] = []
            classes_of.setdefault(affected, []).append(cls)
        day = _day(_when(item))
        if runs and not alone and (day is None or _day(_when(runs[-1][-1])) is None
                                   or (day - _day(_when(runs[-1][-1]))).days <= INCIDENT_GAP_DAYS):
            runs[-1].append(item)
        else:
            runs.append([item])

    for item in specific:
        add(item[2].incident_type, item[2].affected or f"article:{item[0]}", item)
    for item in generic:
        affected = item[2].affected or f"article:{item[0]}"
        day = _day(_when(item))
        best = None
        for cls in classes_of.get(affected, ()):
            for run in clusters[(cls, affected)]:
                days = [d for it in run if (d := _day(_when(it))) is not None]
                if day is None or not days:
                    distance = 0
                else:
                    distance = 0 if min(days) <= day <= max(days) else min(abs((day - d).days) for d in days)
                if distance <= INCIDENT_GAP_DAYS and (best is None or (distance, cls) < best[0]):
                    best = ((distance, cls), run)
        if best is not None:
            best[1].append(item)
        else:  # no incident of the organization within the gap, earlier or later: a new one
            add("Hacking", affected, item, alone=True)
    out: dict[IncidentKey, list[tuple[str, str | None, IncidentMention]]] = {}
    for (cls, affected), runs in clusters.items():
        for run in runs:
            first = min((w for it in run if (w := _when(it))), default=None)
            out[(cls, affected, first[:10] if first else "undated")] = run
    return out


def _amounts_agree(rounded: int, exact: int) -> bool:
    """Whether ``rounded`` (1347억) is ``exact`` (1347억9100만) written less exactly."""
    text = str(rounded)
    unit = 10 ** (len(text) - len(text.rstrip("0")))
    # Cut or rounded to that unit (1347억9100만 → 1347억 or 1348억), not merely near it: 1억 is
    # not 960만 written less exactly.
    return rounded != exact and unit > 1 and rounded // unit in (exact // unit, round(exact / unit))


MeasureKey = tuple[str, "str | None", "str | None", "int | None", "str | None"]


def _holds_other_amount(members: Iterable[tuple[str, MeasureMention]], amount: int) -> bool:
    """Whether a group without an amount of its own already took a different one from a member
    (과징금 8억2천만 원 … 과태료 960만 원: two fines of one issuer, not one)."""
    return any(m.amount is not None and m.amount != amount and not _amounts_agree(m.amount, amount)
               and not _amounts_agree(amount, m.amount) for _, m in members)


def group_measures(
    mentions: Iterable[tuple[str, MeasureMention]], generic: frozenset[str] = frozenset(),
    company_measures: frozenset[str] = frozenset(),
) -> dict[MeasureKey, list[tuple[str, MeasureMention]]]:
    """Group measure mentions (with their article keys) into real-world measures.

    A measure is identified by (class, target, issuer, amount, scope):

    1. Mentions that name a specific issuer group by class, target, issuer and amount; one with
       no amount joins the group of the same class, target and issuer that has most mentions.
    2. Mentions with no issuer, or a generic one (정부), join the group of the same class and
       target (and amount, when they state one; a group without one, unless a member already
       gave it another) that has most mentions; failing that they make a group without issuer.
    3. A mention with neither target nor issuer joins a group of its class without target that
       a mention of its own article is in, else, for what a company does itself
       (``company_measures``: compensation, penalty waiver, a complaint), the one group of its
       class its article is in; failing that, it is only identified within its article (scope).

    Ties break on the key, so the result does not depend on input order.
    """
    items = sorted(mentions, key=lambda it: (it[0], it[1].span.sentence, it[1].span.start, it[1].issuer or ""))
    groups: dict[MeasureKey, list[tuple[str, MeasureMention]]] = {}
    # The groups' keys by (class, target, issuer) and by (class, target), in insertion order, so
    # that finding a mention's siblings does not scan every group (quadratic in a large build).
    by_issuer: dict[tuple, dict[MeasureKey, None]] = {}
    by_target: dict[tuple, dict[MeasureKey, None]] = {}
    # …and by (class, article) the groups holding a mention of that article.
    by_article: dict[tuple[str, str], dict[MeasureKey, None]] = {}

    def group(key: MeasureKey) -> list[tuple[str, MeasureMention]]:
        members = groups.get(key)
        if members is None:
            members = groups[key] = []
            by_issuer.setdefault(key[:3], {})[key] = None
            by_target.setdefault(key[:2], {})[key] = None
        return members

    def join(key: MeasureKey, a: str, m: MeasureMention) -> None:
        group(key).append((a, m))
        by_article.setdefault((key[0], a), {})[key] = None

    def best(candidates: list[MeasureKey]) -> MeasureKey | None:
        if not candidates:
            return None
        return min(candidates, key=lambda k: (-len(groups.get(k, ())), str(k)))

    specific = [(a, m) for a, m in items if m.issuer and m.issuer not in generic]
    rest = [(a, m) for a, m in items if not (m.issuer and m.issuer not in generic)]
    for a, m in specific:
        if m.amount is not None:
            group((m.measure_type, m.target, m.issuer, m.amount, None))
    for key in list(groups):  # 1347억 is 1347억9100만 written less exactly
        same = by_issuer[key[:3]]
        if any(k[3] is not None and _amounts_agree(key[3], k[3]) for k in same):
            del groups[key]
            del same[key]
            del by_target[key[:2]][key]
    for a, m in specific:
        key: MeasureKey = (m.measure_type, m.target, m.issuer, m.amount, None)
        if key not in groups:
            siblings = [k for k in by_issuer.get(key[:3], ())
                        if m.amount is None or k[3] is not None and _amounts_agree(m.amount, k[3])]
            key = best(siblings) or key
        join(key, a, m)
    for a, m in rest:
        chosen = None
        if m.target is not None:
            siblings = [k for k in by_target.get((m.measure_type, m.target), ()) if k[2] is not None
                        and (m.amount is None or k[3] == m.amount
                             or k[3] is None and not _holds_other_amount(groups.get(k, ()), m.amount)
                             or k[3] is not None and _amounts_agree(m.amount, k[3]))]
            chosen = best(siblings)
        else:
            # 일당 송치 (headline) … 경찰은 3명을 검찰에 송치했다: with neither target nor issuer, a
            # mention joins a measure of its class without target that its own article names
            own = [k for k in by_article.get((m.measure_type, a), ()) if k[2] is not None
                   and (m.amount is None or k[3] == m.amount)]
            chosen = best([k for k in own if k[1] is None])
            if chosen is None and m.measure_type in company_measures:
                # 배달앱 오늘한상 … 3억2천만원 전액 환불 (headline) … 오늘한상은 … 환불하기로 했다:
                # or the one measure of its class that its article names with a target
                chosen = own[0] if len(own) == 1 else None
        if chosen is None:
            scope = a if m.target is None else None
            chosen = (m.measure_type, m.target, None, m.amount, scope)
        join(chosen, a, m)
    return {k: v for k, v in groups.items() if v}


class Resolver:
    """Resolve articles one at a time (``add``), then build the knowledge base (``finish``).

    Only what resolution needs is kept between articles, so a build can stream articles
    through it without holding their analyses.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.kb = KnowledgeBase()
        self._type_votes: dict[str, Counter[str]] = {}
        self.measure_mentions: list[tuple[str, MeasureMention, Evidence]] = []
        self.incident_mentions: list[tuple[str, str | None, IncidentMention, Evidence]] = []
        #: One object for each entity reference, however many articles hold it (a build keeps
        #: about ten per article in ``kb.mentions``).
        self._refs: dict[tuple[str, tuple], tuple[str, tuple]] = {}
        self._finished = False

    def ref(self, kind: str, key: tuple) -> tuple[str, tuple]:
        """The reference ``(kind, key)`` to an entity, as one shared object."""
        ref = (kind, key)
        return self._refs.setdefault(ref, ref)

    def org(self, name: str, org_type: str, surface: str | None = None) -> None:
        known_type = self.lex.org_types.get(name)
        org = self.kb.organizations.get(name)
        if org is None:
            org = Organization(name, known_type or org_type, self.lex.org_english.get(name))
            self.kb.organizations[name] = org
        if known_type is None:
            votes = self._type_votes.setdefault(name, Counter())
            votes[org_type] += 1
            org.org_type = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if surface and surface != name:
            org.aliases.add(surface)

    def add(self, ex: Extraction, *, keep_text: bool = True) -> None:
        """Resolve one article's extraction into the knowledge base.

        ``keep_text=False`` keeps the article in ``kb.articles`` without its body and most of
        its front matter (:meth:`~kgraph.model.Article.without_text`), for a build that has
        written the article's own triples already (:func:`kgraph.emit.article_triples`).
        """
        if self._finished:
            raise RuntimeError("this resolver is finished: make a new one to resolve more articles")
        article = ex.analysed.article
        key = article.key
        kb = self.kb
        kb.articles.append(article if keep_text else article.without_text())
        refs = kb.mentions.setdefault(key, set())
        sentences = ex.analysed.sentences

        def evidence(span: Span, trigger: str | None = None, status: Status | None = None) -> Evidence:
            sent = sentences[span.sentence]
            return Evidence(key, sent.section, sent.text, sent.start, sent.end, trigger, status)

        for m in ex.orgs:
            self.org(m.name, m.org_type, m.surface)
            refs.add(self.ref("org", (m.name,)))

        publisher = article.get("publisher")
        if publisher:
            canonical = self.lex.alias_to_org.get(publisher, publisher)
            self.org(canonical, "Publisher", publisher)
        for name, role in parse_byline(article.get("author"), self.lex):
            affiliation = self.lex.alias_to_org.get(publisher, publisher) if publisher else None
            person = kb.persons.setdefault((name, affiliation), Person(name, affiliation))
            person.roles.add(role)
            kb.authors.setdefault(key, []).append((name, affiliation))

        affiliations: dict[str, str] = {}
        for p in ex.persons:
            if p.affiliation:
                affiliations.setdefault(p.name, p.affiliation)
        for p in ex.persons:
            affiliation = p.affiliation or affiliations.get(p.name)
            person = kb.persons.setdefault((p.name, affiliation), Person(p.name, affiliation))
            person.roles.add(p.role)
            person.evidence.append(evidence(p.span))
            refs.add(self.ref("person", (p.name, affiliation)))
            if affiliation:
                self.org(affiliation, self.lex.org_types.get(affiliation, "GovernmentAgency"))

        for inc in ex.incidents:
            self.incident_mentions.append((key, article.published_at, inc, evidence(inc.span, inc.trigger)))
        # An operator the lexicon knows for a brand (brand_operators.tsv) may be named nowhere in
        # the article: it is an organization of the graph all the same.
        for name in {i.affected for i in ex.incidents} | {m.target for m in ex.measures}:
            if name and name not in kb.organizations and name in self.lex.org_types:
                self.org(name, self.lex.org_types[name])

        for m in ex.measures:
            self.measure_mentions.append((key, m, evidence(m.span, m.trigger, m.status)))
        kb.article_dates[key] = list(ex.dates)

    def finish(self) -> KnowledgeBase:
        """Group incidents and measures over every article added, and return the result.

        The resolver is done then: the mentions it held for grouping are let go (a build writes
        its graph next, and they are no part of it), and a later :meth:`add` raises.
        """
        kb = _finish(self)
        self.incident_mentions, self.measure_mentions, self._refs = [], [], {}
        self._finished = True
        return kb


def _nearest_incident(kb: KnowledgeBase, cls: str, affected: str, published: str | None,
                      index: dict[tuple[str, str], list[IncidentKey]] | None = None) -> IncidentKey | None:
    """The incident of this class and organization reported closest to ``published``.

    ``index``: the keys of ``kb.incidents`` by (class, affected), in order, when the caller has it.
    """
    keys = index.get((cls, affected), []) if index is not None else \
        [k for k in kb.incidents if k[0] == cls and k[1] == affected]
    if not keys:
        return None
    day = _day(published)

    def distance(k: IncidentKey) -> tuple[int, str]:
        node = kb.incidents[k]
        first, last = _day(node.first_reported), _day(node.last_reported)
        if day is None or first is None or last is None:
            return (0, k[2])
        return (0 if first <= day <= last else min(abs((day - first).days), abs((day - last).days)), k[2])

    return min(keys, key=distance)


def resolve(extractions: Iterable[Extraction], *, lexicon: Lexicon | None = None) -> KnowledgeBase:
    """Merge per-article extractions into a :class:`~kgraph.model.KnowledgeBase`."""
    resolver = Resolver(lexicon or load_lexicon())
    for ex in extractions:
        resolver.add(ex)
    return resolver.finish()


def _finish(resolver: Resolver) -> KnowledgeBase:
    kb = resolver.kb
    inc_evidence = {(a, id(m)): e for a, _, m, e in resolver.incident_mentions}
    incident_groups = group_incidents((a, p, m) for a, p, m, _ in resolver.incident_mentions)
    for ikey, members in sorted(incident_groups.items(), key=lambda kv: str(kv[0])):
        cls, affected, _ = ikey
        node = kb.incidents[ikey] = Incident(cls, None if affected.startswith("article:") else affected)
        for article_key, published, m in members:
            node.evidence.append(inc_evidence[(article_key, id(m))])
            if published:
                node.first_reported = min(filter(None, (node.first_reported, published)))
                node.last_reported = max(filter(None, (node.last_reported, published)))
            for q in m.quantities:
                node.observations.append((article_key, published, q.prop, q.value))
                # The latest article wins; within one article the most exact figure does.
                current = node.quantities.get(q.prop)
                stamp = published or ""
                if current is None or stamp > current[0]:
                    node.quantities[q.prop] = (stamp, q.value)
                elif stamp == current[0]:
                    node.quantities[q.prop] = (stamp, more_precise(current[1], q.value))
            kb.mentions.setdefault(article_key, set()).add(resolver.ref("incident", ikey))
    incidents_by: dict[tuple[str, str], list[IncidentKey]] = {}
    for ikey in kb.incidents:
        incidents_by.setdefault(ikey[:2], []).append(ikey)
    evidence_of = {(a, id(m)): e for a, m, e in resolver.measure_mentions}
    published_of = {a.key: a.published_at for a in kb.articles}
    grouped = group_measures(((a, m) for a, m, _ in resolver.measure_mentions), resolver.lex.generic_orgs,
                             resolver.lex.company_measures)
    for mkey, members in sorted(grouped.items(), key=lambda kv: str(kv[0])):
        mtype, target, issuer, amount, _ = mkey
        node = kb.measures[mkey] = Measure(mtype, target, amount=amount)
        for article_key, m in members:
            if issuer:
                node.issuers.add(issuer)
            elif m.issuer:
                node.issuers.add(m.issuer)  # only generic issuers reach a group without one
            if m.referred_to:
                node.referred_to.add(m.referred_to)
            if m.incident_type and m.target and node.incident is None:
                node.incident = _nearest_incident(kb, m.incident_type, m.target, published_of.get(article_key),
                                                  incidents_by)
            node.statuses.append((m.strong, m.status))
            if node.amount is None and m.amount is not None:
                node.amount = m.amount
            if m.date and node.date is None:
                node.date = m.date
            node.evidence.append(evidence_of[(article_key, id(m))])
            kb.mentions.setdefault(article_key, set()).add(resolver.ref("measure", mkey))
    # A measure whose sentences state no date is dated by the first article that reports it.
    published = {a.key: a.published_at for a in kb.articles}
    for measure in kb.measures.values():
        if measure.date is None:
            dates = sorted(p[:10] for e in measure.evidence if (p := published.get(e.article_key)))
            measure.date = dates[0] if dates else None
    return kb
