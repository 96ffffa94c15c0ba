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
    (["train", "fast", "--no-corpus", "--data", "x.json", "--with-dev"],
     "--with-dev chooses splits of the gold corpus; --no-corpus trains on --data alone"),
    (["train", "fast", "--no-corpus", "--data", "x.json", "--all-gold"],
     "--all-gold chooses splits of the gold corpus; --no-corpus trains on --data alone"),
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


# Document facts on the command line: --table document and the header of --format table
HEADED = ("青石县人民代表大会常务委员会工作报告\n——2024年1月9日在青石县第九届人民代表大会第三次会议上\n"
          "过去一年，县人大常委会召开常委会会议8次。")
TERM = "大方县人大常委会2019年至2023年工作总结\n五年来，县人大常委会召开常委会会议40次。"


@pytest.fixture
def headed(tmp_path):
    (tmp_path / "h.txt").write_text(HEADED, encoding="utf-8")
    (tmp_path / "t.txt").write_text(TERM, encoding="utf-8")
    (tmp_path / "x.txt").write_text("召开主任会议12次。", encoding="utf-8")
    return tmp_path


def test_parse_csv_document_table_has_one_row_per_file(headed, capsys):
    import csv

    assert main(["parse", str(headed), "-f", "csv", "--table", "document", "-m", "rules", "--no-progress"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [r["file"].rsplit("/", 1)[-1] for r in rows] == ["h.txt", "t.txt", "x.txt"]
    assert list(rows[0]) == ["file", "body", "level", "region", "region_code", "year", "years", "genre", "session",
                             "delivery_year", "evidence"]
    assert [(r["level"], r["region_code"], r["year"], r["years"]) for r in rows] == [
        ("county", "", "2023", "2023"), ("county", "520521", "2023", "2019,2020,2021,2022,2023"), ("", "", "", "")]
    assert json.loads(rows[1]["evidence"])["body"] == {"start": 0, "end": 8,
                                                       "why": "the head names the body: 大方县人大常委会"}


def test_parse_csv_writes_missing_values_as_empty_cells(reports, capsys):
    assert main(["parse", str(reports / "a.txt"), "-f", "csv", "--table", "entities", "-m", "rules"]) == 0
    out = capsys.readouterr().out
    assert "nan" not in out and "<NA>" not in out


@pytest.mark.parametrize("name, block", [
    ("h.txt", ["Document", "  body     青石县人大常委会", "  level    county", "  region   青石县", "  year     2023",
               "  genre    work_report", "  session  青石县第九届人民代表大会第三次会议"]),
    ("t.txt", ["Document", "  body     大方县人大常委会", "  level    county", "  region   大方县 (520521)",
               "  years    2019–2023", "  genre    work_summary"]),
    ("x.txt", []),                                  # no fact: no block
])
def test_table_format_heads_each_file_with_its_document_facts(headed, capsys, name, block):
    assert main(["parse", str(headed / name), "-f", "table", "-m", "rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"== {headed / name}:") and lines[1] == ""
    assert lines[2:2 + len(block)] == block
    after = lines[2 + len(block):]
    assert after[:2] == ["", "Entities"] if block else after[0] == "Entities"


@pytest.mark.parametrize("facts, lines", [
    ({"year": 2022, "years": [2022]}, ["  year     2022"]),
    ({"year": 2022, "years": [2020, 2022]}, ["  years    2020, 2022"]),
    ({"region_code": "520000"}, ["  region   (520000)"]),
    ({"level": "township", "session": "某镇第五届人民代表大会第二次会议"},
     ["  level    township", "  session  某镇第五届人民代表大会第二次会议"]),
    ({"delivery_year": 2024, "genre": None}, []),      # not in the header: no block
])
def test_the_facts_header_leaves_out_what_is_none(facts, lines):
    from nrcie.commands import document_lines
    from nrcie.document import DocumentFacts

    assert document_lines(DocumentFacts(**facts)) == (["Document", *lines, ""] if lines else [])
    assert document_lines(None) == []


def test_an_unknown_table_is_refused_before_parsing(reports, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["parse", str(reports / "a.txt"), "-f", "csv", "--table", "documents"])
    assert exit_.value.code == 2 and "invalid choice: 'documents'" in capsys.readouterr().err


@pytest.mark.parametrize("flags, trained_on", [
    ([], {"train"}),
    (["--with-dev"], {"train", "dev"}),
    (["--all-gold"], {"train", "dev", "dev_own", "test"}),
])
def test_train_scope_flags_choose_the_splits_trained_on(flags, trained_on, monkeypatch):
    from nrcie.cli import build_parser
    from nrcie.commands import training_data
    from nrcie.corpus import splits, standoff
    from nrcie.corpus.standoff import GoldDoc

    docs = {f"doc_{s}": s for s in ("train", "dev", "dev_own", "test")}
    monkeypatch.setattr(standoff, "load_corpus", lambda *a, **k: [GoldDoc(i, "召开会议。", [], []) for i in docs])
    monkeypatch.setattr(splits, "split_of", lambda doc_id: docs[doc_id])
    train, dev = training_data(build_parser().parse_args(["train", "fast", *flags]))
    assert {docs[g.doc_id] for g in train} == trained_on
    assert [g.doc_id for g in dev] == ["doc_dev"]


def test_with_dev_and_all_gold_together_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["train", "fast", "--with-dev", "--all-gold"])
    assert exc.value.code == 2 and "not allowed with argument" in capsys.readouterr().err
