"""The stand-off format is read in one place (corpus.standoff.read_standoff): the loader,
the validator and the ``standoff`` format report a broken file the same way."""
import json

import pytest

from nrcie.corpus.standoff import CorpusError, load_doc, read_standoff, sha256
from nrcie.corpus.validate import validate_file
from nrcie.formats.standoff import parse as parse_format

TEXT = "召开会议3次"   # written for this test
HEADER = json.dumps({"doc_id": "s", "source": "original", "text_file": "s.txt", "sha256": sha256(TEXT)})
ENT = '{"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会议"}'


def _write(tmp_path, content: bytes):
    (tmp_path / "s.txt").write_text(TEXT, encoding="utf-8")
    p = tmp_path / "s.jsonl"
    p.write_bytes(content)
    return p


@pytest.mark.parametrize("content, problem", [
    (b"", "{p}: empty annotation file"),
    (b'{"doc_id": "s"}\n', "{p}:1: the header lacks source, text_file, sha256 (is this a stand-off file?)"),
    ((HEADER + "\n{oops\n").encode(), "{p}:2: not valid JSON (Expecting property name enclosed in double quotes, "
                                      "column 2)"),
    ((HEADER + "\n[1]\n").encode(), "{p}:2: expected a JSON object, found list"),
    ((HEADER + "\n").encode() + b'{"text": "\xff"}\n', "{p}: not UTF-8 text (byte "),
    (HEADER.replace(sha256(TEXT), "0" * 64).encode() + b"\n", "{p}:1: text {t} has changed since it was annotated"),
])
def test_a_broken_file_is_one_error_naming_file_and_line_for_every_reader(tmp_path, content, problem):
    p = _write(tmp_path, content)
    want = problem.format(p=p, t=tmp_path / "s.txt")
    with pytest.raises(CorpusError) as err:
        load_doc(p)
    assert str(err.value).startswith(want)
    assert [x[:len(want)] for x in validate_file(p)] == [want]
    docs, problems = parse_format(p)
    assert docs == [] and [x[:len(want)] for x in problems] == [want]


def test_lines_are_sorted_by_kind_with_their_numbers(tmp_path):
    rel = '{"label": "COUNT_OF", "head": "T2", "tail": "T1"}'
    count = '{"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "3次"}'
    p = _write(tmp_path, "\n".join([HEADER, ENT, "", count, rel, '{"note": 1}']).encode() + b"\n")
    f = read_standoff(p)
    assert (f.header_line, f.text) == (1, TEXT)
    assert [no for no, _ in f.entities] == [2, 4] and [no for no, _ in f.relations] == [5]
    assert f.other == [(6, {"note": 1})]
    assert validate_file(p) == [f"{p}:6: neither an entity (start, end) nor a relation (head, tail)"]
    assert [e["id"] for e in load_doc(p).entities] == ["T1", "T2"]
