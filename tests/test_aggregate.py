"""Activity rows ready to aggregate (nrcie/aggregate.py), on sentences written for these
tests, with the rules pipeline: repeats grouped, sub-counts tied to their total, other
bodies' counts flagged, per-type totals that count each figure once."""
import pytest

import nrcie
from nrcie.aggregate import activity_totals

# text, the rows as (count, n_mentions, part_of is set, other_actor), totals {type: value}
CASES = [
    ("常委会开展执法检查3次。全年开展执法检查3次。",
     [("3次", 2, False, False), ("3次", 2, False, False)], {"enforcement_inspection": 3}),
    ("开展执法检查3次。开展执法检查4次。",
     [("3次", 1, False, False), ("4次", 1, False, False)], {"enforcement_inspection": 7}),
    ("召开主任会议12次，召开常委会会议12次。",
     [("12次", 1, False, False), ("12次", 1, False, False)], {"meeting": 24}),
    ("召开常委会会议6次。全年召开会议6次。",
     [("6次", 2, False, False), ("6次", 2, False, False)], {"meeting": 6}),
    ("听取和审议专项工作报告8个，其中，听取县政府专项工作报告5个。",
     [("8个", 1, False, False), ("5个", 1, True, False)], {"report_review": 8}),
    ("全年开展监督检查12次，其中执法检查3次，专题调研9次。",
     [("12次", 1, False, False), ("3次", 1, True, False), ("9次", 1, True, False)],
     {"inspection_visit": 12, "enforcement_inspection": 3, "research": 9}),
    ("县政府提请审议议案5件。",
     [("5件", 1, False, True)], {}),
    ("县人民政府办理代表建议120件。",
     [("120件", 1, False, True)], {}),
    ("一年来，县政府办理代表建议120件。",
     [("120件", 1, False, True)], {}),
    ("县政府高度重视，办理代表建议120件。",
     [("120件", 1, False, True)], {}),
    ("督促县政府办理代表建议120件。",
     [("120件", 1, False, False)], {"suggestion": 120}),
    ("代表提出建议150件。",
     [("150件", 1, False, False)], {"suggestion": 150}),
    ("常委会审议县政府提请的议案5件。",
     [("5件", 1, False, False)], {"suggestion": 5}),
    ("县政府提请审议议案5件，常委会审议议案5件。",
     [("5件", 2, False, True), ("5件", 2, False, False)], {"suggestion": 5}),
    ("县政府高度重视，常委会开展执法检查2次。",
     [("2次", 1, False, False)], {"enforcement_inspection": 2}),
]


@pytest.mark.parametrize("text,rows,totals", CASES, ids=[c[0] for c in CASES])
def test_rows_and_totals(rules_nlp, text, rows, totals):
    r = nrcie.parse(text, model=rules_nlp)
    got = [(a.count, a.n_mentions, a.part_of is not None, a.other_actor) for a in r.activities]
    assert got == rows
    assert {t: v["value"] for t, v in r.activity_totals().items()} == totals


def test_a_sub_count_points_at_its_totals_group(rules_nlp):
    r = nrcie.parse("召开会议20次，其中常委会会议6次。", model=rules_nlp)
    total, sub = r.activities
    assert sub.part_of == total.group and total.part_of is None


@pytest.mark.parametrize("text,why", [
    ("县人民法院开展专题调研3次。", "clause subject 县人民法院"),
    ("甲乙县人民政府办理代表建议12件。", "clause subject 甲乙县人民政府 (BODY)"),
    ("县政府高度重视，办理代表建议12件。", "sentence subject 县政府"),
    ("甲乙县人大常委会开展执法检查2次。", None),
    ("市十五届人大常委会共举行常委会会议46次。", None),          # a term before 人大 is still the body
    ("任命区人民法院审判员15名。", None),                        # the court is what is appointed to
    ("县政府向人大常委会报告工作3次。", "clause subject 县政府"),
])
def test_other_actor_says_why(rules_nlp, text, why):
    (a,) = nrcie.parse(text, model=rules_nlp).activities
    assert (a.other_actor, a.other_actor_why) == (why is not None, why)


def test_totals_read_rows_from_json_lines(rules_nlp):
    r = nrcie.parse("常委会开展执法检查3次。全年开展执法检查3次。县政府办理建议9件。", model=rules_nlp)
    rows = r.to_dict()["activities"]
    assert {"group", "n_mentions", "part_of", "other_actor", "other_actor_why"} <= set(rows[0])
    assert activity_totals(rows) == r.activity_totals()
