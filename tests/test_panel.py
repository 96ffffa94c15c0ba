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
