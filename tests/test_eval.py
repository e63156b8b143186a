"""kgraph eval: the scoring mechanics, and quality floors on the held-out test split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, make_article_text
from kgraph.cli import main
from kgraph.evaluate import GoldFileError, evaluate, load_gold_file

TEST_SPLIT = ROOT / "corpus" / "test"

# Floors just under the figures measured late on 2026-12-03 (README, "Extraction quality"): quality
# may only go up. Raise a floor when a change lifts the figure. A floor is lowered only for a
# measured trade recorded in the commit: re-finding names an article introduced (푸른나래) raised
# issuer accuracy on both splits and cost one target of 84 on this split (0.821 -> 0.810); reading
# the particle after a bracketed short name (한국인터넷진흥원(KISA)도) found five more measures on the
# dev split and one more issuer here, and cost one status of 91 here (0.934 -> 0.923).
F1_FLOORS = {
    "organizations": 0.94,
    "persons with role": 0.85,
    "incidents (type + affected)": 0.89,
    "measures (type)": 0.89,
    "quantities": 0.87,
    "dates": 0.95,
}
#: The issue's target for figures is a recall (amounts and counts found): it has a floor of its own.
RECALL_FLOORS = {"quantities": 0.87}
ACCURACY_FLOORS = {
    "organization type": 0.99,
    "measure issuer": 0.89,
    "measure target": 0.95,
    "measure status": 0.92,
    "measure amount": 0.94,
}


@pytest.fixture(scope="module")
def test_split_evaluation():
    return evaluate([TEST_SPLIT], TEST_SPLIT)


def test_every_test_article_has_a_gold_file(test_split_evaluation):
    assert test_split_evaluation.missing_gold == []
    assert test_split_evaluation.articles >= 30


@pytest.mark.parametrize("category", sorted(F1_FLOORS))
def test_f1_does_not_drop(test_split_evaluation, category):
    assert test_split_evaluation.scores[category].f1 >= F1_FLOORS[category]


@pytest.mark.parametrize("category", sorted(RECALL_FLOORS))
def test_recall_does_not_drop(test_split_evaluation, category):
    assert test_split_evaluation.scores[category].recall >= RECALL_FLOORS[category]


@pytest.mark.parametrize("category", sorted(ACCURACY_FLOORS))
def test_accuracy_does_not_drop(test_split_evaluation, category):
    assert test_split_evaluation.accuracies[category].value >= ACCURACY_FLOORS[category]


def test_nothing_is_read_from_distractors(test_split_evaluation):
    assert test_split_evaluation.distractor_articles >= 5
    assert test_split_evaluation.distractor_facts == []


GOLD = """\
article: 001_fine.md
kind: event
organizations:
  - {name: 개인정보보호위원회, type: GovernmentAgency, surfaces: [개인정보위]}
  - {name: 누리페이, type: Company, surfaces: [누리페이]}
  - {name: 한결저축은행, type: Company, surfaces: [한결저축은행]}
persons: []
incidents:
  - {type: DataBreach, affected: 누리페이, victimCount: 3200, evidence: "3200명의 개인정보가 유출"}
measures:
  - {type: Fine, issuedBy: 개인정보보호위원회, appliesTo: 누리페이, referredTo: null,
     status: imposed, amount: 500000000, concerns: DataBreach, evidence: "과징금 5억원을 부과"}
  - {type: CorrectiveOrder, issuedBy: 개인정보보호위원회, appliesTo: 누리페이, referredTo: null,
     status: imposed, amount: null, concerns: DataBreach, evidence: "시정명령도 내렸다"}
dates:
  - {text: "3일", value: 2025-12-03}
"""


def _mini(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    folder.mkdir()
    body = ("누리페이에서 고객 3200명의 개인정보가 유출됐다. 개인정보위는 3일 누리페이에 과징금 5억원을 부과했다. "
            "한결저축은행은 이번 일과 관계가 없다.")
    (folder / "001_fine.md").write_text(make_article_text("누리페이 과징금", body), encoding="utf-8")
    (folder / "001_fine.gold.yaml").write_text(GOLD, encoding="utf-8")
    return folder


def test_scores_count_hits_misses_and_spurious_items(tmp_path):
    folder = _mini(tmp_path)
    ev = evaluate([folder], folder)
    orgs = ev.scores["organizations"]
    assert (orgs.tp, orgs.fn) == (3, 0)
    measures = ev.scores["measures (type)"]
    assert (measures.tp, measures.fn) == (1, 1)
    (miss,) = measures.misses
    assert miss[0] == "001_fine.md" and miss[1].startswith("CorrectiveOrder")
    assert ev.accuracies["measure amount"].value == 1.0
    assert ev.scores["quantities"].tp == 2  # victimCount and the fine's amount
    assert ev.scores["incidents (type + affected)"].f1 == 1.0


def test_eval_command_prints_json(tmp_path):
    folder = _mini(tmp_path)
    result = CliRunner().invoke(main, ["eval", str(folder), str(folder), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == 1
    assert data["scores"]["measures (type)"]["fn"] == 1


def test_eval_command_lists_misses_with_their_sentence(tmp_path):
    folder = _mini(tmp_path)
    result = CliRunner().invoke(main, ["eval", str(folder), str(folder)])
    assert result.exit_code == 0, result.output
    assert "measures (type) missed 001_fine.md: CorrectiveOrder" in result.output


def test_malformed_gold_is_reported_with_its_file(tmp_path):
    bad = tmp_path / "x.gold.yaml"
    bad.write_text("article: x.md\nincidents:\n  - {type: Flood, affected: KT}\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="x.gold.yaml.*Flood"):
        load_gold_file(bad)


def test_measures_are_paired_to_agree_best_overall():
    from kgraph.evaluate import _pair_measures

    class G:  # a gold measure's fields, as the pairing reads them
        def __init__(self, issuer, target):
            self.measure_type, self.issuer, self.target, self.amount = "Investigation", issuer, target, None

    golds = [G("과학기술정보통신부", "KT"), G("개인정보보호위원회", "KT")]
    preds = [{"type": "Investigation", "target": "KT", "issuers": ["개인정보보호위원회"], "amount": None},
             {"type": "Investigation", "target": "KT", "issuers": ["과학기술정보통신부"], "amount": None}]
    # A greedy pairing in gold order gives the first gold the first prediction (same target), so
    # both issuers look wrong; the optimal one pairs each with its own issuer.
    assert [index for _, index in _pair_measures(golds, preds)] == [1, 0]
    assert [index for _, index in _pair_measures(golds, preds[:1])] == [None, 0]
