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


TYPED_TEXT = "召开主任会议9次，走访企业12家，办结回函5份。"
TYPED_GOLD = GoldDoc("t", TYPED_TEXT, [
    {"id": "T1", "label": "ACTIVITY", "start": 2, "end": 6, "text": "主任会议", "type": "meeting"},
    {"id": "T2", "label": "COUNT", "start": 6, "end": 8, "text": "9次"},
    {"id": "T3", "label": "ACTIVITY", "start": 12, "end": 14, "text": "企业", "type": "outreach"},
    {"id": "T4", "label": "COUNT", "start": 14, "end": 17, "text": "12家"},
    {"id": "T5", "label": "ACTIVITY", "start": 20, "end": 22, "text": "回函", "type": "other"},
    {"id": "T6", "label": "COUNT", "start": 22, "end": 24, "text": "5份"},
], [{"label": "COUNT_OF", "head": "T2", "tail": "T1"}, {"label": "COUNT_OF", "head": "T4", "tail": "T3"},
    {"label": "COUNT_OF", "head": "T6", "tail": "T5"}])


def test_typing_accuracy_on_found_activities_and_share_of_other():
    # predicted: 主任会议 meeting (right), 企业 inspection_visit (gold says outreach), 回函 missed;
    # a spurious 办结 typed other is a row too
    ents = [Entity(2, 6, "ACTIVITY", "主任会议", activity_type="meeting"), Entity(6, 8, "COUNT", "9次"),
            Entity(12, 14, "ACTIVITY", "企业", activity_type="inspection_visit"), Entity(14, 17, "COUNT", "12家"),
            Entity(18, 20, "ACTIVITY", "办结", activity_type="other", type_source="default"),
            Entity(22, 24, "COUNT", "5份")]
    rels = [Relation("COUNT_OF", 1, 0), Relation("COUNT_OF", 3, 2), Relation("COUNT_OF", 5, 4)]
    sc = score_docs([(TYPED_GOLD, ParseResult(TYPED_TEXT, ents, rels))]).to_dict()
    assert sc["activity_typing"] == {"accuracy": 0.5, "correct": 1, "total": 2,
                                     "errors": {"outreach->inspection_visit": 1}}
    # the gold has three rows, one of them (回函) other by right
    assert sc["activity_rows"] == {"rows": 3, "other": 1, "other_share": 0.3333, "other_default": 1,
                                   "unlinked_counts": 0, "gold_rows": 3, "gold_other": 1,
                                   "gold_other_share": 0.3333}
    from nrcie.evaluation import format_scores

    text = format_scores(sc)
    assert "activity typing accuracy 0.500 (1/2" in text and "other among activity rows 33.3% (1/3, 1 with no evidence" in text
    assert "other among the gold's activity rows 33.3% (1/3" in text


def test_gold_rows_are_one_per_count_of_typed_by_their_activity():
    from nrcie.evaluation import gold_row_types

    assert gold_row_types(TYPED_GOLD) == ["meeting", "outreach", "other"]
    assert gold_row_types(GOLD) == [None] * len(GOLD.relations)   # untyped gold: no type, still rows


def test_without_gold_types_typing_accuracy_is_not_available(rules_nlp):
    from nrcie.evaluation import evaluate

    sc = evaluate(rules_nlp, [GOLD]).to_dict()
    assert sc["activity_typing"]["accuracy"] is None and sc["activity_rows"]["rows"] == 1


def test_types_laid_over_from_a_file(tmp_path, rules_nlp):
    import json

    from nrcie.evaluation import evaluate, with_types

    path = tmp_path / "types.jsonl"
    path.write_text(json.dumps({"doc_id": "g", "start": 2, "end": 4, "type": "meeting"}) + "\n", encoding="utf-8")
    [typed] = with_types([GOLD], path)
    assert typed.entities[0]["type"] == "meeting" and "type" not in GOLD.entities[0]
    sc = evaluate(rules_nlp, [typed]).to_dict()
    assert sc["activity_typing"]["accuracy"] == 1.0 and sc["activity_typing"]["total"] == 1


DATED_TEXT = "常委会审查批准2022年县级决算。过去一年，常委会召开会议8次。"
DATED_GOLD = GoldDoc("d", DATED_TEXT, [
    {"id": "T1", "label": "DATE", "start": 7, "end": 12, "text": "2022年"},
    {"id": "T2", "label": "DATE", "start": 17, "end": 21, "text": "过去一年"},
], [])
# (gold DATE values, the pipeline's DATE spans) -> (found: correct/found, on gold spans: correct/gold)
DATE_VALUE_CASES = [
    # both found, both values right (过去一年 = the year the final accounts' clue gives: 2023)
    ({(7, 12): ("2022", "2022"), (17, 21): ("2023", "2023")}, [(7, 12), (17, 21)], (2, 2), (2, 2)),
    # the tagger misses 过去一年: the found score leaves it out, the normaliser still reads it
    ({(7, 12): ("2022", "2022"), (17, 21): ("2023", "2023")}, [(7, 12)], (1, 1), (2, 2)),
    # a wrong gold value counts against both
    ({(7, 12): ("2022", "2022"), (17, 21): ("2024", "2024")}, [(7, 12), (17, 21)], (1, 2), (1, 2)),
    # DATEs without a gold value are not scored
    ({}, [(7, 12), (17, 21)], (0, 0), (0, 0)),
]


@pytest.mark.parametrize("values, spans, found, on_gold", DATE_VALUE_CASES)
def test_date_values_scored_on_found_and_on_gold_spans(values, spans, found, on_gold):
    from nrcie.document import document_facts
    from nrcie.evaluation import score_date_values
    from nrcie.normalize.dates import date_value

    facts = document_facts(DATED_TEXT, [])
    ctx = {k: getattr(facts, k) for k in ("year", "delivery_year", "years")}
    ents = []
    for s, e in spans:
        v = date_value(DATED_TEXT, s, e, **ctx)
        ents.append(Entity(s, e, "DATE", DATED_TEXT[s:e], date_start=v.start, date_end=v.end))
    result = ParseResult(DATED_TEXT, ents, [])
    tally, tally_gold = [0, 0], [0, 0]
    gold_dates = {("d", s, e): v for (s, e), v in values.items()}
    score_date_values(DATED_GOLD, result, gold_dates, tally, facts, tally_gold)
    assert (tuple(tally), tuple(tally_gold)) == (found, on_gold)
