"""GoldDoc → write → read gives back the same text, entities and relations, in every format."""
import warnings

import pytest

from nrcie.formats import FORMATS, FormatWarning, read_documents, write_documents

from .samples import DOCS


def _plain(docs):
    return [(d.text, d.entities, d.relations) for d in docs]


@pytest.mark.parametrize("fmt,name", [
    ("labelstudio", "tasks.json"),
    ("labelstudio", "tasks.jsonl"),
    ("doccano", "docs.jsonl"),
    ("prodigy", "docs.jsonl"),
    ("docbin", "docs.spacy"),
    ("standoff", "standoff_dir"),
    ("markup", "markup_dir"),
])
def test_round_trip_keeps_text_entities_relations_and_ids(tmp_path, fmt, name):
    out = tmp_path / name
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # no format but CoNLL may warn
        write_documents(DOCS, out, fmt)
    back = list(read_documents(out, fmt=fmt))
    if FORMATS[fmt].folder:              # one file per document, read in file-name order
        back.sort(key=lambda d: [x.doc_id for x in DOCS].index(d.doc_id))
    assert _plain(back) == _plain(DOCS)
    assert [d.doc_id for d in back] == [d.doc_id for d in DOCS]
    assert back[0].meta == {"year": 2024}


@pytest.mark.parametrize("fmt,name", [("standoff", "one.jsonl"), ("markup", "one.txt")])
def test_one_document_to_one_file(tmp_path, fmt, name):
    write_documents(DOCS[:1], tmp_path / name, fmt)
    assert _plain(read_documents(tmp_path / name)) == _plain(DOCS[:1])


@pytest.mark.parametrize("detected", [True, False])
def test_round_trip_with_detected_format(tmp_path, detected):
    for fmt, name in (("doccano", "d.jsonl"), ("prodigy", "p.jsonl"), ("labelstudio", "l.json"),
                      ("docbin", "b.spacy")):
        write_documents(DOCS, tmp_path / name, fmt)
        back = read_documents(tmp_path / name, fmt=None if detected else fmt)
        assert _plain(back) == _plain(DOCS), fmt


@pytest.mark.parametrize("name", ["docs.conll", "docs.bio"])
def test_conll_keeps_entities_and_warns_once_that_relations_are_dropped(tmp_path, name):
    out = tmp_path / name
    with pytest.warns(FormatWarning) as caught:
        write_documents(DOCS, out, "conll")
    assert len(caught) == 1
    assert "4 relation(s) in 3 document(s)" in str(caught[0].message)
    back = list(read_documents(out))
    assert [(d.text, d.entities) for d in back] == [(d.text, d.entities) for d in DOCS]
    assert all(d.relations == [] for d in back)


def test_conll_without_relations_does_not_warn(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write_documents(DOCS[3:], tmp_path / "x.conll", "conll")


def test_conll_escapes_white_space_and_backslash(tmp_path):
    out = tmp_path / "x.conll"
    with pytest.warns(FormatWarning):
        write_documents(DOCS[1:2], out, "conll")
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[:7] == ["2\tB-DATE", "0\tI-DATE", "2\tI-DATE", "3\tI-DATE", "年\tI-DATE", "\\s\tO", "审\tB-ACTIVITY"]
    assert ["\\n\tO", "\\n\tO", "\\u3000\tO"] == lines[15:18]
    assert "\\t\tO" in lines and "\\\\\tO" in lines
    assert all(len(line.split()) == 2 for line in lines if line)


def test_every_format_is_covered():
    assert set(FORMATS) == {"labelstudio", "doccano", "prodigy", "docbin", "conll", "standoff", "markup"}


def test_format_objects_read_and_write(tmp_path):
    FORMATS["doccano"].write(DOCS, tmp_path / "d.jsonl")
    assert _plain(FORMATS["doccano"].read(tmp_path / "d.jsonl")) == _plain(DOCS)
