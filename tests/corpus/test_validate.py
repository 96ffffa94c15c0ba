"""The validator over the whole gold corpus, and on broken files."""
import json

import pytest

from nrcie.corpus.standoff import CorpusError, load_doc, sha256
from nrcie.corpus.validate import validate, validate_file


def test_whole_gold_corpus_is_valid(seeds_available):
    n, errors = validate()
    assert n >= 6
    assert errors == []


def _write(tmp_path, text, records):
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    header = {"doc_id": "d", "source": "original", "text_file": "d.txt", "sha256": sha256(text)}
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [header, *records]) + "\n", encoding="utf-8")
    return p


TEXT = "召开会议9次，开展检查。"


@pytest.mark.parametrize("records,message", [
    ([{"id": "T1", "label": "NOPE", "start": 0, "end": 2, "text": "召开"}], "d.jsonl:2: unknown label"),
    ([{"id": "T1", "label": "COUNT", "start": 4, "end": 99, "text": "9次"}], "outside the text"),
    ([{"id": "T1", "label": "COUNT", "start": 3, "end": 5, "text": "9次"}], "not '9次'"),
    ([{"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会议"}], "tail of no COUNT_OF"),
    ([{"id": "T1", "label": "MEETING", "start": 2, "end": 4, "text": "会议"},
      {"id": "T2", "label": "COUNT", "start": 3, "end": 6, "text": "议9次"}], "d.jsonl:3: span 3..6 overlaps"),
    ([{"id": "T1", "label": "MEETING", "start": 2, "end": 4, "text": "会议"},
      {"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "9次"},
      {"label": "COUNT_OF", "head": "T2", "tail": "T1"}], "d.jsonl:4: COUNT_OF tail must be ACTIVITY"),
    ([{"label": "COUNT_OF", "head": "T9", "tail": "T1"}], "is no entity"),
])
def test_validator_names_file_and_line(tmp_path, records, message):
    errors = validate_file(_write(tmp_path, TEXT, records))
    assert any(message in e for e in errors), errors


def test_valid_file_has_no_errors(tmp_path):
    p = _write(tmp_path, TEXT, [
        {"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会议"},
        {"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "9次"},
        {"label": "COUNT_OF", "head": "T2", "tail": "T1"}])
    assert validate_file(p) == []
    assert validate(tmp_path) == (1, [])


def test_changed_text_is_refused_with_a_clear_message(tmp_path):
    p = _write(tmp_path, TEXT, [])
    (tmp_path / "d.txt").write_text(TEXT + "改", encoding="utf-8")
    with pytest.raises(CorpusError, match="has changed since it was annotated"):
        load_doc(p)


def test_missing_seed_texts_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("NRCIE_SEEDS", str(tmp_path / "nowhere"))
    header = {"doc_id": "s", "source": "seeds", "text_file": "s.txt", "sha256": "0"}
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps(header) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="Set NRCIE_SEEDS"):
        load_doc(p)
