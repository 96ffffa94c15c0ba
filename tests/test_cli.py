"""The nrcie command line: parse files, folders and stdin; evaluate; clear errors."""
import json
import subprocess
import sys

import pytest

from nrcie.cli import main

TEXT = "2024年，县人大常委会召开常委会会议9次，开展执法检查4次。"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "nrcie", *args], input=stdin, capture_output=True)


@pytest.fixture
def reports(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("召开主任会议12次。".encode("gb18030"))
    return tmp_path


def test_parse_file_to_jsonl(reports, capsys):
    assert main(["parse", str(reports / "a.txt"), "--model", "rules"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["file"].endswith("a.txt") and line["text"] == TEXT
    assert [a["activity_type"] for a in line["activities"]] == ["meeting", "enforcement_inspection"]


def test_parse_folder_reads_gb18030_and_says_so(reports, capsys):
    assert main(["parse", str(reports), "--no-progress", "--model", "rules"]) == 0
    cap = capsys.readouterr()
    rows = [json.loads(x) for x in cap.out.splitlines()]
    assert [r["file"].rsplit("/", 1)[-1] for r in rows] == ["a.txt", "b.txt"]
    assert rows[1]["activities"][0]["value"] == 12
    assert "gb18030" in cap.err


def test_parse_stdin():
    out = run("parse", stdin=TEXT.encode("utf-8"))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["file"] == "<stdin>"


def test_parse_csv_and_table_formats(reports, tmp_path, capsys):
    out = tmp_path / "acts.csv"
    assert main(["parse", str(reports / "a.txt"), "--format", "csv", "-o", str(out), "-m", "rules"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("file,activity,activity_type") and len(lines) == 3
    assert main(["parse", str(reports / "a.txt"), "--format", "csv", "--table", "entities"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("file,start,end,label,text")
    assert main(["parse", str(reports / "a.txt"), "--format", "table", "-m", "rules"]) == 0
    assert "enforcement_inspection" in capsys.readouterr().out


def test_missing_file_is_a_one_line_error():
    out = run("parse", "no/such/file.txt")
    assert out.returncode == 2
    assert out.stderr.decode().strip() == "nrcie: error: no such file or folder: no/such/file.txt"


def test_binary_file_is_reported_and_others_still_parsed(reports, capsys):
    (reports / "c.txt").write_bytes(b"\x00\x01\x02binary")
    assert main(["parse", str(reports), "--no-progress"]) == 1
    cap = capsys.readouterr()
    assert len(cap.out.splitlines()) == 2 and "c.txt: binary file" in cap.err


def test_missing_model_is_a_clear_error(reports):
    out = run("parse", str(reports / "a.txt"), "--model", "no-such-model")
    assert out.returncode == 2 and b"no nrcie pipeline" in out.stderr and b"Traceback" not in out.stderr


def test_version_and_help():
    assert run("--version").stdout.decode().startswith("nrcie ")
    help_text = run("--help").stdout.decode()
    for cmd in ("parse", "evaluate", "validate", "corpus"):
        assert cmd in help_text


def test_output_file_is_replaced_atomically(reports, tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    import nrcie.commands as commands

    def boom(name, result):
        raise RuntimeError("crash mid-write")

    monkeypatch.setattr(commands, "format_table", boom)
    with pytest.raises(RuntimeError):
        main(["parse", str(reports / "a.txt"), "-f", "table", "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "out.jsonl"]


def test_empty_and_whitespace_files_give_empty_results(tmp_path, capsys):
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "w.txt").write_text(" \n\t", encoding="utf-8")
    assert main(["parse", str(tmp_path), "--no-progress"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["entities"] for r in rows] == [[], []]


@pytest.mark.parametrize("args,message", [
    (["train", "fast", "--intermediate", "msra"], "--intermediate applies to the accurate pipeline only"),
    (["train", "accurate", "--intermediate", "no/such/corpus.txt", "--max-steps", "1"],
     "intermediate corpus no/such/corpus.txt not found"),
    (["train", "accurate", "--teacher", "models/fast"], "--teacher applies to the fast pipeline only"),
    (["train", "fast", "--teacher", "no/such/pipeline"], "--teacher no/such/pipeline: not a trained pipeline"),
])
def test_train_intermediate_mistakes_are_one_line_errors(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_evaluate_reports_activity_typing_with_types_laid_over(tmp_path, capsys):
    from nrcie.corpus.standoff import GoldDoc, write_doc

    text = "召开主任会议9次。"
    gold = GoldDoc("t1", text, [
        {"id": "T1", "label": "ACTIVITY", "start": 2, "end": 6, "text": "主任会议"},
        {"id": "T2", "label": "COUNT", "start": 6, "end": 8, "text": "9次"},
    ], [{"label": "COUNT_OF", "head": "T2", "tail": "T1"}])
    write_doc(tmp_path / "t1.jsonl", gold)
    types = tmp_path / "types.jsonl"
    types.write_text(json.dumps({"doc_id": "t1", "start": 2, "end": 6, "type": "meeting"}) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["evaluate", "rules", str(tmp_path / "t1.jsonl"), "--types", str(types), "-o", str(report)]) == 0
    out = capsys.readouterr().out
    assert "activity typing accuracy 1.000 (1/1" in out and "other among activity rows 0.0% (0/1," in out
    assert json.loads(report.read_text(encoding="utf-8"))["activity_typing"]["accuracy"] == 1.0


def test_train_accurate_with_a_config_of_the_former_layout_is_a_one_line_error(tmp_path, capsys):
    old = tmp_path / "old.cfg"    # the keys accurate.cfg had before it became a spaCy config
    old.write_text("[tagger]\nmax_len = 160\n\n[training]\nepochs = 1\n\n[pipeline]\nboundary_snap = true\n",
                   encoding="utf-8")
    assert main(["train", "accurate", "-c", str(old), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "not an accurate pipeline config" in err and "Traceback" not in err
