import pytest

from nrcie.normalize.activity import activity_type
from nrcie.schema import ACTIVITY_TYPES

CASES = [
    ("常委会会议", "meeting"), ("党员大会", "meeting"), ("专项工作报告", "report_review"),
    ("执法检查", "enforcement_inspection"), ("专题调研", "research"), ("专题询问", "inquiry"),
    ("决议决定", "resolution"), ("国家机关工作人员", "appointment"), ("地方性法规", "legislation"),
    ("备案审查", "filing_review"), ("代表意见建议", "suggestion"), ("业务培训", "training"),
    ("集中视察", "inspection_visit"), ("宣传稿件", "publicity"), ("走访", "outreach"),
    ("基层立法联络室", "facility"), ("工作环节", "other"),
]


@pytest.mark.parametrize("text,typ", CASES)
def test_activity_type(text, typ):
    assert activity_type(text) == typ


def test_every_schema_type_is_reachable_from_the_lexicon():
    assert {t for _, t in CASES} == set(ACTIVITY_TYPES)
