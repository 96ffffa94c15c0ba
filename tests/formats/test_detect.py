"""The format of a file is told by its extension, and for JSON Lines by its content."""
import pytest

from nrcie.formats import FormatError, detect_format, output_format

JSONL_CASES = [
    ('{"text": "开会", "entities": [], "relations": []}', "doccano"),
    ('{"text": "开会", "label": [[0, 2, "MEETING"]]}', "doccano"),
    ('{"id": 1, "data": "开会", "label": []}', "doccano"),
    ('{"text": "开会"}\n{"text": "开会", "relations": [{"from_id": 1, "to_id": 2, "type": "COUNT_OF"}]}', "doccano"),
    ('{"text": "开会", "spans": []}', "prodigy"),
    ('{"text": "开会", "tokens": [], "answer": "accept"}', "prodigy"),
    ('{"text": "开会", "relations": [{"head": 1, "child": 0, "label": "COUNT_OF"}]}', "prodigy"),
    ('{"data": {"text": "开会"}, "annotations": []}', "labelstudio"),
    ('{"doc_id": "a", "source": "original", "text_file": "a.txt", "sha256": "0"}\n{"id": "T1"}', "standoff"),
    ('\n\n{"text": "开会"}', "doccano"),                      # text only: doccano and Prodigy read alike
    ('not json\n{"text": "开会", "spans": []}', "prodigy"),   # the reader reports line 1
]


@pytest.mark.parametrize("content,fmt", JSONL_CASES)
def test_jsonl_by_content(tmp_path, content, fmt):
    p = tmp_path / "x.jsonl"
    p.write_text(content, encoding="utf-8")
    assert detect_format(p) == fmt


@pytest.mark.parametrize("name,fmt", [
    ("a.spacy", "docbin"), ("a.conll", "conll"), ("a.BIO", "conll"), ("a.iob", "conll"),
    ("a.json", "labelstudio"), ("a.txt", "markup"),
])
def test_by_extension(tmp_path, name, fmt):
    assert detect_format(tmp_path / name) == fmt


@pytest.mark.parametrize("name,content,message", [
    ("a.csv", "", "cannot tell the format from the extension '.csv'"),
    ("noext", "", "from the extension '(none)'"),
    ("a.jsonl", "just text\n", "cannot tell the format (no JSON object in its first lines)"),
])
def test_undetectable(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        detect_format(tmp_path / name)


def test_folders(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.conll").write_text("", encoding="utf-8")
    (tmp_path / "one" / "b.bio").write_text("", encoding="utf-8")
    assert detect_format(tmp_path / "one") == "conll"
    (tmp_path / "mk").mkdir()
    (tmp_path / "mk" / "a.txt").write_text("", encoding="utf-8")
    assert detect_format(tmp_path / "mk") == "markup"
    (tmp_path / "one" / "c.spacy").write_bytes(b"")
    with pytest.raises(FormatError, match="mixes formats \\(conll, docbin\\)"):
        detect_format(tmp_path / "one")


@pytest.mark.parametrize("name,fmt", [
    ("o.spacy", "docbin"), ("o.conll", "conll"), ("o.bio", "conll"), ("o.json", "labelstudio"),
    ("o.txt", "markup"), ("o.jsonl", None), ("out_dir", None),
])
def test_output_format(name, fmt):
    assert output_format(name) == fmt
