"""Evaluation on hand-made predictions with known scores."""
import pytest

from nrcie.corpus.standoff import GoldDoc
from nrcie.evaluation import score_docs
from nrcie.result import Entity, ParseResult, Relation

TEXT = "召开会议9次，审议《某条例》。"
GOLD = GoldDoc("g", TEXT, [
    {"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会议"},
    {"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "9次"},
    {"id": "T3", "label": "REGULATION", "start": 9, "end": 15, "text": "《某条例》"},
], [{"label": "COUNT_OF", "head": "T2", "tail": "T1"}])


def pred(ents, rels=()):
    return ParseResult(TEXT, [Entity(s, e, l, TEXT[s:e]) for s, e, l in ents], [Relation("COUNT_OF", h, t) for h, t in rels])


def test_perfect_prediction_scores_one():
    sc = score_docs([(GOLD, pred([(2, 4, "ACTIVITY"), (4, 6, "COUNT"), (9, 15, "REGULATION")], [(1, 0)]))]).to_dict()
    assert sc["micro"]["f"] == 1.0 and sc["count_of"]["f"] == 1.0


def test_known_partial_scores():
    # COUNT right, REGULATION labelled DOCUMENT, ACTIVITY missed, one spurious PLACE
    p = pred([(0, 2, "PLACE"), (4, 6, "COUNT"), (9, 15, "DOCUMENT")])
    sc = score_docs([(GOLD, p)]).to_dict()
    assert sc["micro"] == {"p": pytest.approx(1 / 3, abs=1e-4), "r": pytest.approx(1 / 3, abs=1e-4),
                           "f": pytest.approx(1 / 3, abs=1e-4), "tp": 1, "fp": 2, "fn": 2, "support": 3}
    assert sc["untyped"]["tp"] == 2 and sc["untyped"]["fp"] == 1
    assert sc["per_label"]["COUNT"]["f"] == 1.0 and sc["per_label"]["REGULATION"]["r"] == 0.0
    assert sc["confusion"]["REGULATION->DOCUMENT"] == 1
    assert sc["confusion"]["ACTIVITY->NONE"] == 1 and sc["confusion"]["NONE->PLACE"] == 1
    assert sc["count_of"] == {"p": 0.0, "r": 0.0, "f": 0.0, "tp": 0, "fp": 0, "fn": 1, "support": 1}


def test_relation_on_gold_entities_scored_separately():
    sc = score_docs([(GOLD, pred([]))], rel_on_gold=[{((4, 6), (2, 4))}]).to_dict()
    assert sc["count_of_on_gold_entities"]["f"] == 1.0 and sc["count_of"]["f"] == 0.0


def test_evaluate_rules_pipeline_end_to_end(rules_nlp):
    from nrcie.evaluation import evaluate

    sc = evaluate(rules_nlp, [GOLD]).to_dict()
    assert sc["per_label"]["COUNT"]["f"] == 1.0
    assert sc["count_of_on_gold_entities"]["f"] == 1.0
