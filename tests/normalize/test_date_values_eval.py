"""Scoring DATE values against gold values (``nrcie.evaluation.score_date_values``)."""
import json

import pytest

from nrcie.corpus.standoff import GoldDoc
from nrcie.evaluation import format_scores, gold_date_values, score_date_values, score_docs
from nrcie.result import Entity, ParseResult

TEXT = "2020年底，常委会一年来召开会议5次，建县60周年。"
#        0-6 2020年底 | 10-12 一年 | 22-26 60周年
GOLD = GoldDoc("d", TEXT, [
    {"id": "T1", "label": "DATE", "start": 0, "end": 6, "text": TEXT[0:6]},
    {"id": "T2", "label": "DATE", "start": 10, "end": 12, "text": TEXT[10:12]},
    {"id": "T3", "label": "DATE", "start": 22, "end": 26, "text": TEXT[22:26]},
], [])
VALUES = {("d", 0, 6): ("2020", "2020"), ("d", 10, 12): ("2020", "2020"), ("d", 22, 26): (None, None)}


def date(s, e, start, end, label="DATE"):
    ent = Entity(s, e, label, TEXT[s:e])
    ent.date_start, ent.date_end = start, end
    return ent


@pytest.mark.parametrize("pred, values, expected", [
    # every gold DATE found with its value, an unresolved one included
    ([date(0, 6, "2020", "2020"), date(10, 12, "2020", "2020"), date(22, 26, None, None)], VALUES, [3, 3]),
    # a wrong year counts against; a range where a point is gold too
    ([date(0, 6, "2019", "2019"), date(10, 12, "2016", "2020")], VALUES, [0, 2]),
    # a value given where gold leaves it unresolved is wrong
    ([date(22, 26, "1960", "1960")], VALUES, [0, 1]),
    # spans not found exactly, or with another label, are not scored
    ([date(0, 5, "2020", "2020"), date(10, 13, "2020", "2020"), date(22, 26, None, None, "COUNT")], VALUES, [0, 0]),
    # gold DATEs without a gold value are not scored
    ([date(0, 6, "2020", "2020")], {("d", 10, 12): ("2020", "2020")}, [0, 0]),
    ([], VALUES, [0, 0]),
])
def test_date_value_exact_on_found_gold_dates(pred, values, expected):
    tally = [0, 0]
    score_date_values(GOLD, ParseResult(TEXT, pred, []), values, tally)
    assert tally == expected


def test_offsets_of_the_table_are_the_dates():
    assert [TEXT[e["start"]:e["end"]] for e in GOLD.entities] == ["2020年底", "一年", "60周年"]


def test_resolved_values_of_the_pipeline_score_against_gold():
    from nrcie.document import DocumentFacts

    res = ParseResult(TEXT, [date(0, 6, None, None), date(10, 12, None, None), date(22, 26, None, None)], [])
    res.document = DocumentFacts(year=2020, years=[2020])
    res.resolve_dates()
    tally = [0, 0]
    score_date_values(GOLD, res, VALUES, tally)
    assert tally == [3, 3]


def test_report_has_a_date_values_line_and_key():
    d = score_docs([(GOLD, ParseResult(TEXT, [], []))]).to_dict()
    assert d["date_values"] == {"accuracy": None, "correct": 0, "found": 0}
    d["date_values"] = {"accuracy": 0.5, "correct": 1, "found": 2}
    assert "DATE values (exact start/end, on gold DATEs found exactly): 0.500 (1/2)" in format_scores(d)


def test_gold_date_values_read_from_a_file(tmp_path):
    p = tmp_path / "date_values.jsonl"
    p.write_text(json.dumps({"doc_id": "d", "start": 0, "end": 6, "date_start": "2020", "date_end": "2020",
                             "resolved": True}) + "\n\n", encoding="utf-8")
    assert gold_date_values(p) == {("d", 0, 6): ("2020", "2020")}
    assert gold_date_values(tmp_path / "missing.jsonl") == {}


def test_excerpt_dates_are_placed_by_the_facts_of_its_title():
    text = "过去一年，常委会召开会议5次。"
    gold = GoldDoc("x", text, [{"id": "T1", "label": "DATE", "start": 2, "end": 4, "text": text[2:4]}], [],
                   source="unlabeled", excerpt={"title": "2021年政府工作报告", "start": 0, "end": len(text)})
    res = ParseResult(text, [Entity(2, 4, "DATE", text[2:4])], [])  # left unresolved by the text alone
    tally = [0, 0]
    score_date_values(gold, res, {("x", 2, 4): ("2020", "2020")}, tally)
    assert tally == [1, 1]
