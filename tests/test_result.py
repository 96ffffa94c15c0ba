"""ParseResult: why each activity has its type, and the counts of work no activity claims."""
import json

import pytest

import nrcie

TEXT = ("全年召开常委会会议8次，检查3件法律的实施情况。"
        "另办结12件，交办8个。覆盖12个乡镇，惠及群众2万人，阅读 1200 次。")


@pytest.fixture(scope="module")
def result(rules_nlp):
    return nrcie.parse(TEXT, model=rules_nlp)


def test_activity_rows_say_why_they_have_their_type(result):
    rows = [(a.activity, a.activity_type, a.type_source) for a in result.activities]
    assert rows == [("常委会会议", "meeting", "lexicon term 常委会会议"),
                    ("法律的实施情况", "enforcement_inspection", "clause: verb 检查 + noun 实施情况")]
    acts = {e.text: e.type_source for e in result.entities if e.label == "ACTIVITY"}
    assert acts["法律的实施情况"] == "clause: verb 检查 + noun 实施情况"


def test_counts_of_work_left_unlinked_are_reported(result):
    # 12件 and 8个 count work no activity was found for; places, people and page metadata do not
    rows = [(u.count, u.value, u.unit, TEXT[u.count_start:u.count_end]) for u in result.unlinked_counts]
    assert rows == [("12件", 12.0, "件", "12件"), ("8个", 8.0, "个", "8个")]
    u = result.unlinked_counts[0]
    assert TEXT[u.sentence_start:u.sentence_end] == u.sentence == "另办结12件，交办8个。"


def test_to_dict_and_dataframes_carry_types_and_unlinked_counts(result):
    d = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert [u["count"] for u in d["unlinked_counts"]] == ["12件", "8个"]
    assert d["activities"][1]["type_source"] == "clause: verb 检查 + noun 实施情况"
    assert any(e.get("type_source") for e in d["entities"] if e["label"] == "ACTIVITY")
    assert "type_source" in result.to_dataframe("activities").columns
    assert "type_source" in result.to_dataframe("entities").columns
    un = result.to_dataframe("unlinked_counts")
    assert list(un["count"]) == ["12件", "8个"] and "sentence" in un.columns


def test_long_texts_type_and_report_across_parts(rules_nlp):
    from nrcie.runner import run_one

    text = "召开主任会议6次，另办结3件。\n" * 40
    r = run_one(rules_nlp, text, chunk_chars=200)
    assert r.doc is None and len(r.activities) == 40 and len(r.unlinked_counts) == 40
    assert {a.type_source for a in r.activities} == {"lexicon term 主任会议"}
