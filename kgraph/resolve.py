"""Resolve: merge the facts of many articles into one node per real-world entity.

Identity rules (documented in the README):

- Organization: its canonical name (every gazetteer alias resolves to it; names nobody listed
  are resolved within an article first: 민관합동조사단 → KT 침해사고 민관합동조사단).
- Person: name and affiliation.
- Incident: its class and the organization affected.
- Measure: its class and target; a measure with no target, its class and issuer.

A measure's status comes from the sentences that name its issuer (or where the target itself
acts) when there are any, and then the most definite claim wins:
imposed > rejected > demanded > planned > considered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .extract import parse_byline
from .lexicon import Lexicon, load_lexicon
from .model import (
    STATUSES,
    Evidence,
    Extraction,
    Incident,
    KnowledgeBase,
    Measure,
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


class _Resolver:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.kb = KnowledgeBase()
        self._type_votes: dict[str, Counter[str]] = {}

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

    def add(self, ex: Extraction) -> None:
        article = ex.analysed.article
        key = article.key
        kb = self.kb
        kb.articles.append(article)
        refs = kb.mentions.setdefault(key, set())
        sentences = ex.analysed.sentences

        def evidence(span: Span, trigger: str | None = None, status: Status | None = None) -> Evidence:
            sent = sentences[span.sentence]
            return Evidence(key, sent.section, sent.text, sent.start, sent.end, trigger, status)

        for m in ex.orgs:
            self.org(m.name, m.org_type, m.surface)
            refs.add(("org", (m.name,)))

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
            refs.add(("person", (p.name, affiliation)))
            if affiliation:
                self.org(affiliation, self.lex.org_types.get(affiliation, "GovernmentAgency"))

        published = article.published_at
        for inc in ex.incidents:
            ikey = (inc.incident_type, inc.affected or f"article:{key}")
            node = kb.incidents.get(ikey)
            if node is None:
                node = kb.incidents[ikey] = Incident(inc.incident_type, inc.affected)
            node.evidence.append(evidence(inc.span, inc.trigger))
            if published:
                node.first_reported = min(filter(None, (node.first_reported, published)))
                node.last_reported = max(filter(None, (node.last_reported, published)))
            for q in inc.quantities:
                stamp = (published or "", q.value)
                current = node.quantities.get(q.prop)
                if current is None or stamp >= (current[0], current[1]):
                    node.quantities[q.prop] = stamp
            refs.add(("incident", ikey))

        for m in ex.measures:
            mkey = (m.measure_type, m.target, None if m.target else (m.issuer or f"article:{key}"))
            node = kb.measures.get(mkey)
            if node is None:
                node = kb.measures[mkey] = Measure(m.measure_type, m.target)
            if m.issuer:
                node.issuers.add(m.issuer)
            if m.referred_to:
                node.referred_to.add(m.referred_to)
            if m.incident_type and m.target and node.incident is None:
                node.incident = (m.incident_type, m.target)
            node.statuses.append((m.strong, m.status))
            if m.amount is not None:
                node.amount = m.amount
            if m.date and node.date is None:
                node.date = m.date
            node.evidence.append(evidence(m.span, m.trigger, m.status))
            refs.add(("measure", mkey))

        kb.article_dates[key] = list(ex.dates)


def resolve(extractions: Iterable[Extraction], *, lexicon: Lexicon | None = None) -> KnowledgeBase:
    """Merge per-article extractions into a :class:`~kgraph.model.KnowledgeBase`."""
    resolver = _Resolver(lexicon or load_lexicon())
    for ex in extractions:
        resolver.add(ex)
    kb = resolver.kb
    # A measure whose sentences state no date is dated by the first article that reports it.
    published = {a.key: a.published_at for a in kb.articles}
    for measure in kb.measures.values():
        if measure.date is None:
            dates = sorted(p[:10] for e in measure.evidence if (p := published.get(e.article_key)))
            measure.date = dates[0] if dates else None
    return kb
