"""``nrcie convert IN OUT`` (run through nrcie.formats.cli.main, as the main CLI will)."""
import argparse
import json

import pytest

from nrcie.formats import read_documents, write_documents
from nrcie.formats.cli import add_convert_command, main

from .samples import DOCS


@pytest.fixture
def studio(tmp_path):
    p = tmp_path / "export.json"
    write_documents(DOCS, p, "labelstudio")
    return p


@pytest.mark.parametrize("out,args,fmt", [
    ("train.spacy", [], "docbin"),
    ("out.jsonl", ["--to", "doccano"], "doccano"),
    ("out.jsonl", ["--to", "prodigy"], "prodigy"),
    ("gold", ["--to", "standoff"], "standoff"),
    ("out.json", [], "labelstudio"),
])
def test_convert(studio, tmp_path, capsys, out, args, fmt):
    assert main(["convert", str(studio), str(tmp_path / out), *args]) == 0
    cap = capsys.readouterr()
    assert cap.out.startswith("converted 4 documents, 14 entities, 4 relations: ")
    assert f"(labelstudio) -> {tmp_path / out} ({fmt})" in cap.out
    assert cap.err == ""
    back = sorted(read_documents(tmp_path / out, fmt=fmt), key=lambda d: d.doc_id)
    assert [(d.text, d.entities, d.relations) for d in back] == \
        [(d.text, d.entities, d.relations) for d in sorted(DOCS, key=lambda d: d.doc_id)]


def test_convert_to_conll_says_relations_are_dropped(studio, tmp_path, capsys):
    assert main(["convert", str(studio), str(tmp_path / "o.conll")]) == 0
    cap = capsys.readouterr()
    assert cap.err.count("nrcie: warning: CoNLL/BIO cannot hold relations: 4 relation(s)") == 1
    assert "converted 4 documents" in cap.out


def test_bad_records_exit_1_and_nothing_is_written(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "召开会议", "entities": [{"id": 1, "label": "ACTIVITY", "start_offset": 2, '
                   '"end_offset": 9}]}\n{"text": "开会", "entities": [{"id": 1, "label": "ORG", '
                   '"start_offset": 0, "end_offset": 2}]}\n', encoding="utf-8")
    out = tmp_path / "out.spacy"
    assert main(["convert", str(src), str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{src}:1: entities[0]: offsets 2..9 outside the text (0..4)"
    assert err[1].startswith(f"{src}:2: entities[0]: unknown label 'ORG'")
    assert err[2] == f"nrcie: 2 bad records; nothing written to {out}"
    assert not out.exists()
    # user labels: allowed with --labels +ORG, then line 1 is the only problem
    assert main(["convert", str(src), str(out), "--labels", "+ORG"]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 2


def test_writer_problems_exit_1_too(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "召 会议", "entities": [{"id": 1, "label": "MEETING", "start_offset": 1, '
                   '"end_offset": 4}]}\n', encoding="utf-8")
    assert main(["convert", str(src), str(tmp_path / "o.spacy")]) == 1
    assert "does not align" in capsys.readouterr().err
    assert not (tmp_path / "o.spacy").exists()


@pytest.mark.parametrize("args,message", [
    (["{d}/in.json", "{d}/out.jsonl"], "cannot tell the output format"),
    (["{d}/in.json", "{d}/out"], "give --to"),
    (["{d}/missing.json", "{d}/o.spacy"], "missing.json: no such file or folder"),
])
def test_usage_mistakes_exit_2(studio, tmp_path, capsys, args, message):
    (tmp_path / "in.json").write_text("[]", encoding="utf-8")
    assert main(["convert", *[a.format(d=tmp_path) for a in args]]) == 2
    assert message in capsys.readouterr().err


def test_from_overrides_detection_and_labels_exact_set(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": "市政府", "spans": [{"start": 0, "end": 3, "label": "ORG"}]},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["convert", str(src), str(tmp_path / "o.conll"), "--from", "prodigy", "--labels", "ORG"]) == 0
    assert (tmp_path / "o.conll").read_text(encoding="utf-8") == "市\tB-ORG\n政\tI-ORG\n府\tI-ORG\n"
    assert "(prodigy)" in capsys.readouterr().out


def test_add_convert_command_plugs_into_a_parser():
    parser = argparse.ArgumentParser(prog="nrcie")
    sub = parser.add_subparsers(dest="cmd")
    add_convert_command(sub)
    args = parser.parse_args(["convert", "a.json", "b.spacy", "--to", "docbin"])
    assert args.cmd == "convert" and args.to_fmt == "docbin" and callable(args.func)
    with pytest.raises(SystemExit):
        parser.parse_args(["convert", "a.json", "b.x", "--to", "brat"])
