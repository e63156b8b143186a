"""Evaluate extraction against gold annotations (``kgraph eval``).

Each article is compared with its gold file (format in ``corpus/README.md``) and the counts are
summed over all articles (micro-averaged). Matching is one to one:

- organizations: the predicted canonical name equals the gold name or one of its surface forms;
  type accuracy is over matched organizations;
- persons: name and role;
- incidents: class and affected organization;
- measures: a gold measure pairs with a predicted one of the same class, preferring the same
  target, then the same issuer; issuer, target, status and amount accuracy are over pairs;
- quantities: (incident class, affected, property, value) and (measure class, target, amount);
- dates: resolved values.

Every miss and every spurious item is listed with the sentence it concerns.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .analyse import analyse_article
from .extract import extract_article, more_precise
from .ingest import load_articles
from .lexicon import INCIDENT_TYPES, MEASURE_TYPES, ORG_TYPES, load_lexicon
from .model import (
    Extraction,
    GoldArticle,
    GoldIncident,
    GoldMeasure,
    GoldOrg,
    GoldPerson,
    SkippedFile,
)
from .resolve import group_measures, merge_status, resolve

QUANTITY_PROPS = ("victimCount", "accountCount", "serverCount", "malwareVariantCount", "recordCount", "damageAmount")
STATUSES = ("demanded", "imposed", "planned", "considered", "rejected")


class GoldFileError(ValueError):
    """A gold file is malformed; the message names the file and the problem."""


# --- Reading gold files ------------------------------------------------------------------------


def _int_or_none(value: object, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise GoldFileError(f"{where}: expected a whole number, got {value!r}")
    return value


def load_gold_file(path: str | os.PathLike[str]) -> GoldArticle:
    """Read one gold file.

    Raises:
        GoldFileError: the YAML is broken or a field holds an unknown class or status.
    """
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{p}: {exc}") from None
    if not isinstance(data, dict) or "article" not in data:
        raise GoldFileError(f"{p}: a gold file is a mapping with an 'article' key")

    def check(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
        if value is not None and value not in allowed:
            raise GoldFileError(f"{p}: {what} {value!r} is not one of {', '.join(allowed)}")
        return value

    orgs = tuple(
        GoldOrg(o["name"], check(o["type"], ORG_TYPES, "organization type") or "",
                tuple(str(s) for s in (o.get("surfaces") or [o["name"]])))
        for o in data.get("organizations") or []
    )
    persons = tuple(
        GoldPerson(str(x["name"]), x.get("role"), x.get("affiliation")) for x in data.get("persons") or []
    )
    incidents = tuple(
        GoldIncident(
            check(i["type"], INCIDENT_TYPES, "incident type") or "",
            i.get("affected"),
            tuple((k, v) for k in QUANTITY_PROPS if (v := _int_or_none(i.get(k), f"{p}: {k}")) is not None),
            i.get("evidence"),
        )
        for i in data.get("incidents") or []
    )
    measures = tuple(
        GoldMeasure(
            check(m["type"], MEASURE_TYPES, "measure type") or "",
            m.get("issuedBy"), m.get("appliesTo"), m.get("referredTo"),
            check(m.get("status"), STATUSES, "status"),
            _int_or_none(m.get("amount"), f"{p}: amount"),
            m.get("concerns"), m.get("evidence"),
        )
        for m in data.get("measures") or []
    )
    dates = tuple((str(d.get("text", "")), str(d["value"])) for d in data.get("dates") or [])
    return GoldArticle(str(p), str(data["article"]), str(data.get("kind", "event")), orgs, persons,
                       incidents, measures, dates)


def load_gold(folder: str | os.PathLike[str]) -> dict[str, GoldArticle]:
    """Read every ``*.gold.yaml`` under ``folder``, keyed by the article file name they annotate."""
    out: dict[str, GoldArticle] = {}
    for path in sorted(Path(folder).rglob("*.gold.yaml")):
        gold = load_gold_file(path)
        out[Path(gold.article).name] = gold
    return out


# --- Scores ------------------------------------------------------------------------------------


@dataclass
class Score:
    """Counts for one category, with the items behind them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (article, item, sentence)
    spurious: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    """Correct out of judged, for an attribute of matched items."""

    correct: int = 0
    total: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def judge(self, ok: bool, article: str, item: str, sentence: str) -> None:
        self.total += 1
        if ok:
            self.correct += 1
        else:
            self.wrong.append((article, item, sentence))


@dataclass
class Evaluation:
    """The result of ``kgraph eval``."""

    articles: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    distractor_facts: list[tuple[str, str, str]] = field(default_factory=list)
    distractor_articles: int = 0
    missing_gold: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    surface_forms: list[tuple[str, int, list[str]]] = field(default_factory=list)

    def score(self, name: str) -> Score:
        return self.scores.setdefault(name, Score())

    def accuracy(self, name: str) -> Accuracy:
        return self.accuracies.setdefault(name, Accuracy())

    def as_dict(self) -> dict:
        """Plain data for ``--json``."""
        return {
            "articles": self.articles,
            "scores": {
                k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                    "tp": s.tp, "fp": s.fp, "fn": s.fn,
                    "misses": [list(m) for m in s.misses], "spurious": [list(m) for m in s.spurious]}
                for k, s in self.scores.items()
            },
            "accuracies": {
                k: {"accuracy": round(a.value, 4), "correct": a.correct, "total": a.total,
                    "wrong": [list(w) for w in a.wrong]}
                for k, a in self.accuracies.items()
            },
            "distractor_articles": self.distractor_articles,
            "distractor_facts": [list(d) for d in self.distractor_facts],
            "missing_gold": self.missing_gold,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "surface_forms": [{"name": n, "forms": c, "aliases": a} for n, c, a in self.surface_forms],
        }


# --- Comparing one article ---------------------------------------------------------------------


def _sentence_with(ex: Extraction, phrase: str | None) -> str:
    if phrase:
        for sent in ex.analysed.sentences:
            if phrase in sent.text:
                return sent.text
        for sent in ex.analysed.sentences:  # evidence phrases may span two sentences
            if phrase[:12] in sent.text:
                return sent.text
    return ""


def _sentence_at(ex: Extraction, index: int) -> str:
    return ex.analysed.sentences[index].text


def _compare(name: str, gold: GoldArticle, ex: Extraction, ev: Evaluation) -> None:
    # Organizations: predicted names mapped to the gold names they match.
    alias_to_gold: dict[str, str] = {}
    for org in gold.orgs:
        alias_to_gold[org.name] = org.name
        for s in org.surfaces:
            alias_to_gold.setdefault(s, org.name)

    def norm(value: str | None) -> str | None:
        return alias_to_gold.get(value, value) if value else value

    pred_orgs: dict[str, tuple[str, int]] = {}
    for m in ex.orgs:
        pred_orgs.setdefault(m.name, (m.org_type, m.span.sentence))
    matched_gold: set[str] = set()
    score = ev.score("organizations")
    type_acc = ev.accuracy("organization type")
    for pname, (ptype, sent) in sorted(pred_orgs.items()):
        gname = alias_to_gold.get(pname)
        if gname is None:
            score.fp += 1
            score.spurious.append((name, pname, _sentence_at(ex, sent)))
            continue
        if gname in matched_gold:
            continue  # two predicted spellings of one gold organization: counted once
        matched_gold.add(gname)
        score.tp += 1
        gtype = next(o.org_type for o in gold.orgs if o.name == gname)
        type_acc.judge(ptype == gtype, name, f"{gname}: {ptype} (gold {gtype})", _sentence_at(ex, sent))
    for org in gold.orgs:
        if org.name not in matched_gold:
            score.fn += 1
            score.misses.append((name, org.name, _sentence_with(ex, org.surfaces[0])))

    # Persons: name and role.
    score = ev.score("persons with role")
    pred_persons = {(p.name, p.role): p for p in ex.persons}
    gold_persons = {(p.name, p.role): p for p in gold.persons}
    for key, p in sorted(pred_persons.items()):
        if key in gold_persons:
            score.tp += 1
        else:
            score.fp += 1
            score.spurious.append((name, f"{key[0]} ({key[1]})", _sentence_at(ex, p.span.sentence)))
    for key in sorted(set(gold_persons) - set(pred_persons)):
        score.fn += 1
        score.misses.append((name, f"{key[0]} ({key[1]})", _sentence_with(ex, key[0])))

    # Incidents: class + affected.
    score = ev.score("incidents (type + affected)")
    pred_inc: dict[tuple[str, str | None], dict[str, int]] = {}
    inc_sent: dict[tuple[str, str | None], int] = {}
    # A past incident the article compares with its own (happened) keeps its own figures.
    past_values: dict[tuple[str, str | None, str], dict[str, int]] = {}
    for inc in ex.incidents:
        key = (inc.incident_type, norm(inc.affected))
        values = pred_inc.setdefault(key, {})
        inc_sent.setdefault(key, inc.span.sentence)
        if inc.happened:
            values = past_values.setdefault((*key, inc.happened), {})
        for q in inc.quantities:
            values[q.prop] = more_precise(values[q.prop], q.value) if q.prop in values else q.value
    gold_inc = {(g.incident_type, g.affected): g for g in gold.incidents}
    for key in sorted(pred_inc, key=str):
        if key in gold_inc:
            score.tp += 1
        else:
            score.fp += 1
            score.spurious.append((name, f"{key[0]} affecting {key[1]}", _sentence_at(ex, inc_sent[key])))
    for key, g in sorted(gold_inc.items(), key=str):
        if key not in pred_inc:
            score.fn += 1
            score.misses.append((name, f"{key[0]} affecting {key[1]}", _sentence_with(ex, g.evidence)))

    # Quantities on incidents and measure amounts.
    qscore = ev.score("quantities")
    gold_q = {(g.incident_type, g.affected, prop, value) for g in gold.incidents for prop, value in g.quantities}
    gold_q |= {(m.measure_type, m.target, "amount", m.amount) for m in gold.measures if m.amount is not None}
    pred_q = {(t, a, prop, v) for (t, a), values in pred_inc.items() for prop, v in values.items()}
    pred_q |= {(t, a, prop, v) for (t, a, _), values in past_values.items() for prop, v in values.items()}

    # Measures: one-to-one pairing.
    preds = _predicted_measures(ex, norm)
    pred_q |= {(p["type"], p["target"], "amount", p["amount"]) for p in preds if p["amount"] is not None}
    for q in sorted(pred_q, key=str):
        if q in gold_q:
            qscore.tp += 1
        else:
            qscore.fp += 1
            qscore.spurious.append((name, f"{q[0]}/{q[1]} {q[2]}={q[3]}", ""))
    for q in sorted(gold_q - pred_q, key=str):
        qscore.fn += 1
        qscore.misses.append((name, f"{q[0]}/{q[1]} {q[2]}={q[3]}", ""))

    score = ev.score("measures (type)")
    used: set[int] = set()
    for g, best in _pair_measures(gold.measures, preds):
        if best is None:
            score.fn += 1
            score.misses.append((name, f"{g.measure_type} {g.issuer}→{g.target}", _sentence_with(ex, g.evidence)))
            continue
        used.add(best)
        p = preds[best]
        score.tp += 1
        label = f"{g.measure_type} {g.issuer}→{g.target}"
        sentence = p["sentence"]
        if g.issuer is not None:
            ev.accuracy("measure issuer").judge(g.issuer in p["issuers"], name, f"{label}: got {sorted(p['issuers'])}", sentence)
        ev.accuracy("measure target").judge(p["target"] == g.target, name, f"{label}: got {p['target']}", sentence)
        if g.status:
            ev.accuracy("measure status").judge(p["status"] == g.status, name, f"{label}: got {p['status']} (gold {g.status})", sentence)
        if g.amount is not None:
            ev.accuracy("measure amount").judge(p["amount"] == g.amount, name, f"{label}: got {p['amount']} (gold {g.amount})", sentence)
    for i, p in enumerate(preds):
        if i not in used:
            score.fp += 1
            score.spurious.append((name, f"{p['type']} {sorted(p['issuers'])}→{p['target']}", p["sentence"]))

    # Dates.
    score = ev.score("dates")
    pred_dates = {d.value for d in ex.dates}
    gold_dates = {value for _, value in gold.dates}
    score.tp += len(pred_dates & gold_dates)
    for value in sorted(pred_dates - gold_dates):
        score.fp += 1
        sent = next(d.span.sentence for d in ex.dates if d.value == value)
        score.spurious.append((name, value, _sentence_at(ex, sent)))
    for text, value in sorted(set(gold.dates)):
        if value not in pred_dates:
            score.fn += 1
            score.misses.append((name, f"{value} ({text})", _sentence_with(ex, text)))


def _pair_measures(golds, preds: list[dict]) -> list[tuple[object, int | None]]:
    """Pair each gold measure with at most one predicted measure of its class, one to one, so
    that the pairs agree on target, issuer and amount as much as possible overall (an optimal
    assignment: a greedy one lets an early gold measure take the prediction a later one matches).
    Returns ``(gold, index of its prediction or None)`` in gold order.
    """
    from scipy.optimize import linear_sum_assignment

    pairs: dict[int, int | None] = {}
    for kind in dict.fromkeys(g.measure_type for g in golds):
        rows = [k for k, g in enumerate(golds) if g.measure_type == kind]
        cols = [i for i, p in enumerate(preds) if p["type"] == kind]
        if not cols:
            pairs.update((k, None) for k in rows)
            continue

        def agreement(g, p: dict) -> float:
            checks = (p["target"] == g.target, g.issuer in p["issuers"],
                      g.amount is not None and p["amount"] == g.amount)
            # weights keep the old preference order: more agreements, then target, issuer, amount
            return sum(checks) * 8 + checks[0] * 4 + checks[1] * 2 + checks[2] * 1
        cost = [[-agreement(golds[k], preds[i]) for i in cols] for k in rows]
        matched_rows, matched_cols = linear_sum_assignment(cost)
        chosen = {rows[r]: cols[c] for r, c in zip(matched_rows, matched_cols)}
        pairs.update((k, chosen.get(k)) for k in rows)
    return [(g, pairs[k]) for k, g in enumerate(golds)]


def _predicted_measures(ex: Extraction, norm) -> list[dict]:
    """Measures of one article, grouped exactly as the resolver groups them."""
    out = []
    lexicon = load_lexicon()
    groups = group_measures(((ex.analysed.article.key, m) for m in ex.measures), lexicon.generic_orgs,
                            lexicon.company_measures)
    for (mtype, target, issuer, amount, _), members in sorted(groups.items(), key=lambda kv: str(kv[0])):
        issuers = {norm(issuer)} if issuer else {norm(m.issuer) for _, m in members if m.issuer}
        first = min(members, key=lambda am: (am[1].span.sentence, am[1].span.start))[1]
        out.append({
            "type": mtype, "target": norm(target), "issuers": issuers,
            "status": merge_status((m.strong, m.status) for _, m in members),
            "amount": amount if amount is not None else next((m.amount for _, m in members if m.amount is not None), None),
            "sentence": _sentence_at(ex, first.span.sentence),
        })
    return out


# --- Running it --------------------------------------------------------------------------------


def evaluate(articles: Iterable[str | os.PathLike[str]], gold_folder: str | os.PathLike[str]) -> Evaluation:
    """Extract from the articles under ``articles`` and score them against the gold files.

    Raises:
        GoldFileError: a gold file is malformed.
    """
    gold = load_gold(gold_folder)
    lexicon = load_lexicon()
    ev = Evaluation()
    extractions: list[Extraction] = []
    for result in load_articles(list(articles)):
        if result.skipped:
            ev.skipped.append(result.skipped)
            continue
        article = result.article
        assert article is not None
        name = Path(article.path).name
        ex = extract_article(analyse_article(article, lexicon=lexicon), lexicon=lexicon)
        extractions.append(ex)
        g = gold.get(name)
        if g is None:
            ev.missing_gold.append(article.path)
            continue
        ev.articles += 1
        if g.kind == "distractor":
            ev.distractor_articles += 1
            for inc in ex.incidents:
                ev.distractor_facts.append((name, f"{inc.incident_type} affecting {inc.affected}", _sentence_at(ex, inc.span.sentence)))
            for m in ex.measures:
                ev.distractor_facts.append((name, f"{m.measure_type} → {m.target}", _sentence_at(ex, m.span.sentence)))
        _compare(name, g, ex, ev)
    kb = resolve(extractions, lexicon=lexicon)
    forms = [(o.name, len(o.aliases) + 1, sorted(o.aliases)) for o in kb.organizations.values() if o.aliases]
    ev.surface_forms = sorted(forms, key=lambda f: (-f[1], f[0]))
    return ev


def summary_rows(ev: Evaluation) -> list[tuple[str, str, str, str, str]]:
    """(category, precision, recall, F1 or accuracy, counts) rows for a table."""
    rows = []
    for name, s in ev.scores.items():
        rows.append((name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"tp {s.tp} fp {s.fp} fn {s.fn}"))
    for name, a in ev.accuracies.items():
        rows.append((name + " (accuracy)", "", "", f"{a.value:.3f}", f"{a.correct}/{a.total}"))
    return rows


def count_by_type(ev: Evaluation) -> Counter:
    """How many misses each category has (for a quick look)."""
    return Counter({k: len(s.misses) for k, s in ev.scores.items()})
