"""ParseResult: why each activity has its type, and the counts of work no activity claims."""
import json

import pandas as pd
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


# Document facts as a one-row table: texts written for these tests
HEADED = ("青石县人民代表大会常务委员会工作报告\n——2024年1月9日在青石县第九届人民代表大会第三次会议上\n"
          "各位代表：\n过去一年，县人大常委会召开常委会会议8次。")
TERM = "大方县人大常委会2019年至2023年工作总结\n五年来，县人大常委会召开常委会会议40次。"
BARE = "召开主任会议12次。"
FACT_COLUMNS = ["body", "level", "region", "region_code", "year", "years", "genre", "session", "delivery_year",
                "evidence"]


@pytest.mark.parametrize("text, expected", [
    (HEADED, {"body": "青石县人大常委会", "level": "county", "region": "青石县", "region_code": None, "year": 2023,
              "years": "2023", "genre": "work_report", "session": "青石县第九届人民代表大会第三次会议",
              "delivery_year": 2024}),
    (TERM, {"body": "大方县人大常委会", "level": "county", "region": "大方县", "region_code": "520521", "year": 2023,
            "years": "2019,2020,2021,2022,2023", "genre": "work_summary", "session": None, "delivery_year": None}),
    (BARE, {k: None for k in FACT_COLUMNS[:-1]}),
])
def test_the_document_table_is_one_row_of_the_facts(rules_nlp, text, expected):
    df = nrcie.parse(text, model=rules_nlp).to_dataframe("document")
    assert list(df.columns) == FACT_COLUMNS and len(df) == 1
    row = {k: (None if pd.isna(v) else v) for k, v in df.iloc[0].items()}
    assert {k: row[k] for k in expected} == expected


def test_the_document_table_keeps_the_evidence_offsets_as_json(rules_nlp):
    df = nrcie.parse(TERM, model=rules_nlp).to_dataframe("document")
    evidence = json.loads(df.loc[0, "evidence"])
    s, e = evidence["region_code"]["start"], evidence["region_code"]["end"]
    assert TERM[s:e] == "大方县人大常委会" and evidence["years"]["why"]


@pytest.mark.parametrize("column, dtype", [("body", "string"), ("year", "Int64"), ("years", "string"),
                                           ("delivery_year", "Int64"), ("evidence", "string")])
def test_the_document_table_has_fixed_nullable_dtypes_even_without_facts(rules_nlp, column, dtype):
    r = nrcie.parse(BARE, model=rules_nlp)
    r.document = None
    df = r.to_dataframe("document")
    assert len(df) == 1 and df[column].isna().all() and str(df[column].dtype) == dtype


def test_an_unknown_table_is_a_table_error_naming_the_tables(result):
    with pytest.raises(nrcie.errors.TableError, match="unlinked_counts, document, not 'documents'"):
        result.to_dataframe("documents")
    assert issubclass(nrcie.errors.TableError, ValueError)
