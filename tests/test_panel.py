"""nrcie.panel and `nrcie panel`: report × activity type tables from parse results or the
JSON Lines `nrcie parse` writes; CSV and Parquet; clear errors.  Reports written for
these tests."""
import json

import pandas as pd
import pytest

import nrcie
from nrcie.cli import main
from nrcie.panel import activities, read_jsonl

A = "一年来，常委会召开会议8次，开展执法检查3次。全年开展执法检查3次。县政府办理代表建议50件。"
B = "全年开展执法检查2次，其中联动检查1次。开展专题调研4次。"


@pytest.fixture
def results(rules_nlp):
    return {"a.txt": nrcie.parse(A, model=rules_nlp), "b.txt": nrcie.parse(B, model=rules_nlp)}


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "reports"
    (d / "county").mkdir(parents=True)
    (d / "a.txt").write_text(A, encoding="utf-8")
    (d / "county" / "b.txt").write_text(B, encoding="utf-8")
    return d


def _values(df):
    return sorted(zip(df["file"], df["activity_type"], df["value"], df["n_mentions"]))


def test_panel_has_one_row_per_report_and_type_counting_each_figure_once(results):
    df = nrcie.panel(results)
    assert list(df.columns) == ["file", "body", "level", "region", "region_code", "year", "activity_type", "value",
                                "unit", "approximate", "n_mentions", "n_groups"]
    assert _values(df) == [("a.txt", "enforcement_inspection", 3.0, 2), ("a.txt", "meeting", 8.0, 1),
                           ("b.txt", "enforcement_inspection", 2.0, 1), ("b.txt", "research", 4.0, 1)]


def test_panel_has_flat_typed_columns(results):
    df = nrcie.panel(results)
    assert str(df["year"].dtype) == "Int64" and df["value"].dtype == "float64"
    assert str(df["approximate"].dtype) == "boolean" and str(df["file"].dtype) == "string"


def test_document_facts_fill_the_report_columns(results):
    class Facts:
        def to_dict(self):
            return {"body": "某县人大常委会", "level": "county", "region": "某县", "region_code": "123456",
                    "year": 2023}

    r = results["a.txt"]
    r.document = Facts()
    df = nrcie.panel({"a.txt": r})
    assert set(df["level"]) == {"county"} and set(df["year"]) == {2023}


def test_the_long_table_marks_what_the_totals_count(results):
    df = nrcie.panel(results, long=True)
    a = df[df["file"] == "a.txt"]
    assert list(a["counted"]) == [True, True, False, False]          # a repeat; another body's count
    assert list(a["other_actor"]) == [False, False, False, True]
    b = df[df["file"] == "b.txt"]
    assert b["part_of"].notna().sum() == 1


def test_panel_reads_dicts_and_json_lines_alike(results, tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps({"file": k, **r.to_dict()}, ensure_ascii=False) + "\n"
                            for k, r in results.items()), encoding="utf-8")
    pd.testing.assert_frame_equal(nrcie.panel(path), nrcie.panel(results))
    pd.testing.assert_frame_equal(activities(str(path)), nrcie.panel(results, long=True))


def test_a_partial_last_line_is_left_out(results, tmp_path):
    path = tmp_path / "p.jsonl"
    line = json.dumps({"file": "a.txt", **results["a.txt"].to_dict()}, ensure_ascii=False)
    path.write_text(line + "\n" + line[:50], encoding="utf-8")
    assert len(list(read_jsonl(path))) == 1


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_cli_parses_the_folder_once_and_writes_the_table(folder, tmp_path, suffix, capsys):
    out = tmp_path / f"panel.{suffix}"
    assert main(["panel", str(folder), "-o", str(out), "-m", "rules", "--no-progress"]) == 0
    df = pd.read_csv(out) if suffix == "csv" else pd.read_parquet(out)
    assert len(df) == 4 and set(df["activity_type"]) == {"enforcement_inspection", "meeting", "research"}
    assert (tmp_path / "panel.jsonl").is_file()
    # again: nothing parsed anew, the table rebuilt from the JSON Lines
    assert main(["panel", str(folder), "-o", str(out), "-m", "rules", "--no-progress", "--long"]) == 0
    assert "2 already in" in capsys.readouterr().err


def test_cli_reads_an_existing_parse(folder, tmp_path):
    jsonl = tmp_path / "parsed.jsonl"
    assert main(["parse", str(folder), "-o", str(jsonl), "-m", "rules", "--no-progress"]) == 0
    assert main(["panel", str(jsonl), "-o", str(tmp_path / "t.csv"), "--no-progress"]) == 0
    assert len(pd.read_csv(tmp_path / "t.csv")) == 4


@pytest.mark.parametrize("args,message", [
    (["{tmp}/missing", "-o", "{tmp}/t.csv"], "no such file or folder"),
    (["{tmp}/empty", "-o", "{tmp}/t.csv"], "no .txt reports in"),
    (["{folder}", "-o", "{tmp}/t.xlsx"], "unknown output type '.xlsx'; use .csv or .parquet"),
    (["{tmp}/none.jsonl", "-o", "{tmp}/t.csv"], "no such file"),
])
def test_cli_errors_are_one_line(folder, tmp_path, capsys, args, message):
    (tmp_path / "empty").mkdir()
    argv = [a.format(tmp=tmp_path, folder=folder) for a in args]
    assert main(["panel", *argv, "-m", "rules", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_panel_of_a_folder_says_to_parse_it_first(folder):
    with pytest.raises(nrcie.errors.UserError, match="is a folder: parse it first"):
        nrcie.panel(folder)


# One row per report with its document facts: nrcie.documents / nrcie panel --documents
HEADED = ("青石县人民代表大会常务委员会工作报告\n——2024年1月9日在青石县第九届人民代表大会第三次会议上\n"
          "过去一年，县人大常委会召开常委会会议8次。")
TERM = "大方县人大常委会2019年至2023年工作总结\n五年来，县人大常委会召开常委会会议40次。"
DOCUMENT_COLUMNS = ["file", "body", "level", "region", "region_code", "year", "years", "genre", "session",
                    "delivery_year", "evidence"]


@pytest.fixture
def headed(rules_nlp):
    return {"h.txt": nrcie.parse(HEADED, model=rules_nlp), "t.txt": nrcie.parse(TERM, model=rules_nlp),
            "b.txt": nrcie.parse(B, model=rules_nlp)}


def _facts(df):
    return [tuple(None if pd.isna(v) else v for v in row)
            for row in df[["file", "level", "region_code", "year", "years"]].itertuples(index=False)]


def test_documents_has_one_row_per_report_with_its_facts(headed):
    df = nrcie.documents(headed)
    assert list(df.columns) == DOCUMENT_COLUMNS
    assert _facts(df) == [("h.txt", "county", None, 2023, "2023"),
                          ("t.txt", "county", "520521", 2023, "2019,2020,2021,2022,2023"),
                          ("b.txt", None, None, None, None)]          # no header: a row of <NA> all the same
    assert str(df["year"].dtype) == "Int64" and str(df["body"].dtype) == "string"


def test_documents_is_the_panel_modules_function_and_matches_to_dataframe(headed):
    from nrcie.panel import documents

    assert nrcie.documents is documents
    one = nrcie.documents({"t.txt": headed["t.txt"]}).drop(columns="file")
    pd.testing.assert_frame_equal(one, headed["t.txt"].to_dataframe("document"))


@pytest.mark.parametrize("form", ["results", "dicts", "pairs", "jsonl path", "jsonl records"])
def test_documents_reads_results_dicts_and_json_lines_alike(headed, tmp_path, form):
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps({"file": k, **r.to_dict()}, ensure_ascii=False) + "\n"
                            for k, r in headed.items()), encoding="utf-8")
    given = {"results": headed, "dicts": [{"file": k, **r.to_dict()} for k, r in headed.items()],
             "pairs": list(headed.items()), "jsonl path": str(path), "jsonl records": read_jsonl(path)}[form]
    pd.testing.assert_frame_equal(nrcie.documents(given), nrcie.documents(headed))


@pytest.mark.parametrize("given, error, message", [
    ([42], nrcie.errors.InputError, "report 0: int is not a ParseResult"),
    ([("a.txt", "text")], nrcie.errors.InputError, "report 0: str is not a ParseResult"),
    ([{"file": "a.txt", "activities": [], "document": "county"}], nrcie.errors.InputError,
     "a.txt: document facts are a str, not a dict"),
    ("{tmp}/none.jsonl", nrcie.errors.UserError, "no such file"),
])
def test_documents_of_bad_input_is_a_clear_error(tmp_path, given, error, message):
    if isinstance(given, str):
        given = given.format(tmp=tmp_path)
    with pytest.raises(error, match=message):
        nrcie.documents(given)


def test_cli_writes_the_document_table_from_the_same_parse(folder, tmp_path, capsys):
    (folder / "h.txt").write_text(HEADED, encoding="utf-8")
    out = tmp_path / "docs.csv"
    assert main(["panel", str(folder), "-o", str(out), "-m", "rules", "--no-progress", "--documents"]) == 0
    df = pd.read_csv(out, dtype={"region_code": str})
    assert list(df.columns) == DOCUMENT_COLUMNS and len(df) == 3
    assert df.set_index(df["file"].str.rsplit("/", n=1).str[-1]).loc["h.txt", "year"] == 2023
    # again as Parquet, from the JSON Lines just written: nothing parsed again
    assert main(["panel", str(folder), "-o", str(tmp_path / "docs.parquet"), "-m", "rules", "--no-progress",
                 "--documents", "--jsonl", str(tmp_path / "docs.jsonl")]) == 0
    assert len(pd.read_parquet(tmp_path / "docs.parquet")) == 3
    assert "3 already in" in capsys.readouterr().err


def test_cli_documents_and_long_are_one_or_the_other(folder, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["panel", str(folder), "-o", str(tmp_path / "t.csv"), "--long", "--documents"])
    assert exit_.value.code == 2 and "not allowed with argument" in capsys.readouterr().err
