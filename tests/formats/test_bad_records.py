"""Every kind of bad record is reported with its file and line (or JSON path), all together."""
import json

import pytest

from nrcie.corpus.standoff import GoldDoc, sha256
from nrcie.formats import FormatError, read_documents, write_documents
from nrcie.schema import LABELS

from .samples import DOCS

LS = lambda *results, text="召开会议3次": json.dumps(  # noqa: E731
    [{"id": 1, "data": {"text": text}, "annotations": [{"result": list(results)}]}], ensure_ascii=False)


def ls_span(rid, start, end, label, text=None):
    value = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        value["text"] = text
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def ls_rel(a, b, direction="right", labels=("COUNT_OF",)):
    return {"from_id": a, "to_id": b, "type": "relation", "direction": direction, "labels": list(labels)}


def dc(text, ents=(), rels=()):
    return json.dumps({"text": text, "entities": [
        {"id": i, "label": lab, "start_offset": s, "end_offset": e} for i, s, e, lab in ents],
        "relations": [{"id": k, "from_id": a, "to_id": b, "type": t} for k, (a, b, t) in enumerate(rels)]},
        ensure_ascii=False)


ACT, CNT = ("a", 2, 4, "ACTIVITY"), ("c", 4, 6, "COUNT")
UNKNOWN_ORG = ("unknown label 'ORG' (allowed: ACTIVITY, BODY, COUNT, DATE, DOCUMENT, INITIATIVE, MEETING, "
               "MONEY, PERCENT, PERSON, PLACE, REGULATION; pass labels= (--labels) to allow your own)")

CASES = [
    # --- offsets outside the text
    ("offsets", "d.jsonl", dc("召开会议", [(1, 2, 9, "ACTIVITY")]) + "\n",
     ["{p}:1: entities[0]: offsets 2..9 outside the text (0..4)"]),
    ("offsets", "l.json", LS(ls_span("a", -1, 2, "ACTIVITY")),
     ["{p}:[0].annotations[0].result[0]: offsets -1..2 outside the text (0..6)"]),
    ("offsets", "l.json", LS(ls_span("a", 3, 3, "ACTIVITY")),
     ["{p}:[0].annotations[0].result[0]: offsets 3..3 make an empty or reversed span"]),
    ("offsets", "p.jsonl", '{"text": "开会", "spans": [{"start": "0", "end": 2, "label": "MEETING"}]}\n',
     ["{p}:1: spans[0]: offsets '0'..2 are not whole numbers"]),
    # --- surface mismatch
    ("surface", "l.json", LS(ls_span("a", 2, 4, "ACTIVITY", "会意")),
     ["{p}:[0].annotations[0].result[0]: text[2:4] is '会议', not '会意'"]),
    ("surface", "p.jsonl", '{"text": "开会", "spans": [{"start": 0, "end": 2, "label": "MEETING", "text": "开"}]}\n',
     ["{p}:1: spans[0]: text[0:2] is '开会', not '开'"]),
    # --- unknown relation endpoints
    ("endpoint", "l.json", LS(ls_span("a", *ACT[1:]), ls_rel("zz", "a")),
     ["{p}:[0].annotations[0].result[1]: head 'zz' is no entity of this document"]),
    ("endpoint", "d.jsonl", dc("召开会议3次", [(1, 2, 4, "ACTIVITY")], [(9, 1, "COUNT_OF")]) + "\n",
     ["{p}:1: relations[0]: head 9 is no entity of this document"]),
    ("endpoint", "p.jsonl", '{"text": "开会3次", "spans": [{"start": 0, "end": 2, "label": "ACTIVITY"}],'
                            ' "relations": [{"head": 3, "child": 1, "label": "COUNT_OF",'
                            ' "head_span": {"start": 2, "end": 4}, "child_span": {"start": 0, "end": 2}}]}\n',
     ["{p}:1: relations[0]: head 2..4 is no entity of this document"]),
    # --- relation of the wrong kind or direction
    ("relation", "l.json", LS(ls_span("a", *ACT[1:]), ls_span("c", *CNT[1:]), ls_rel("a", "c")),
     ["{p}:[0].annotations[0].result[2]: COUNT_OF head must be COUNT, is ACTIVITY ('a')",
      "{p}:[0].annotations[0].result[2]: COUNT_OF tail must be ACTIVITY, is COUNT ('c')"]),
    ("relation", "d.jsonl", dc("召开会议3次", [(1, 2, 4, "ACTIVITY"), (2, 4, 6, "COUNT")], [(2, 1, "PART_OF")]) + "\n",
     ["{p}:1: relations[0]: unknown relation 'PART_OF' (relations: COUNT_OF)"]),
    ("relation", "d.jsonl", dc("召开会议3次", [(1, 2, 4, "ACTIVITY"), (2, 4, 6, "COUNT")],
                               [(2, 1, "COUNT_OF"), (2, 1, "COUNT_OF")]) + "\n",
     ["{p}:1: relations[1]: repeats the relation at {p}:1: relations[0]"]),
    # --- overlapping spans, repeated ids
    ("overlap", "p.jsonl", '{"text": "召开会议", "spans": [{"start": 0, "end": 4, "label": "ACTIVITY"},'
                           ' {"start": 2, "end": 4, "label": "MEETING"}]}\n',
     ["{p}:1: spans[1]: span 2..4 overlaps {p}:1: spans[0] (0..4)"]),
    ("overlap", "l.json", LS(ls_span("a", *ACT[1:]), ls_span("a", *CNT[1:])),
     ["{p}:[0].annotations[0].result[1]: id 'a' already used at {p}:[0].annotations[0].result[0]"]),
    # --- labels outside the schema
    ("label", "d.jsonl", dc("召开会议", [(1, 0, 2, "ORG")]) + "\n", ["{p}:1: entities[0]: " + UNKNOWN_ORG]),
    ("label", "c.conll", "召\tO\n开\tO\n会\tB-ORG\n议\tI-ORG\n", ["{p}:3: " + UNKNOWN_ORG]),
    ("label", "l.json", LS({"id": "a", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["DATE", "BODY"]}}),
     ["{p}:[0].annotations[0].result[0].value.labels: expected exactly one label, found ['DATE', 'BODY']"]),
    # --- malformed records
    ("json", "d.jsonl", '{"text": "开会"}\n{"text": "开会",\n[1, 2]\n',
     ["{p}:2: not valid JSON (Expecting property name enclosed in double quotes, column 15)",
      "{p}:3: expected a JSON object, found list"]),
    ("json", "l.json", '[{"data": {"text": "开会"}},\n {"data": }]',
     ["{p}:2: not valid JSON (Expecting value, column 11)"]),
    ("json", "l.json", '[{"data": {"txt": 1, "body": 2}}, "x"]',
     ["{p}:[0].data: no \"text\" field (name the text field \"text\")",
      "{p}:[1]: expected a task object with \"data\", found str"]),
    ("json", "d.jsonl", '{"text": "开会", "label": [[0, 2]]}\n',
     ["{p}:1: label[0]: expected [start, end, label], found [0, 2]"]),
    ("json", "d.jsonl", '{"entities": []}\n', ["{p}:1: the document has no text (a string), found NoneType"]),
    ("regions", "l.json", LS({"id": "h", "type": "hypertextlabels", "value": {"start": "/p[1]", "end": "/p[1]",
                                                                            "hypertextlabels": ["BODY"]}}),
     ["{p}:[0].annotations[0].result[0].type: 'hypertextlabels' regions are not read; nrcie reads \"labels\" "
      "spans on a <Text> tag"]),
    ("direction", "l.json", LS(ls_span("a", *ACT[1:]), ls_span("c", *CNT[1:]), ls_rel("c", "a", "up")),
     ["{p}:[0].annotations[0].result[2].direction: unknown direction 'up' (right, left, bi)"]),
    # --- CoNLL lines
    ("conll", "c.conll", "召\tO\n开 O\n会\tX-ACT\n议\n \tO\n\\q\tO\n",
     ["{p}:3: tag 'X-ACT' is not O, B-LABEL or I-LABEL",
      "{p}:4: expected a character and a tag, found '议' (escape white space: \\s, \\t, \\n, \\u3000...)",
      "{p}:5: expected a character and a tag, found ' \\tO' (escape white space: \\s, \\t, \\n, \\u3000...)",
      "{p}:6: bad escape '\\\\q' (use \\s \\t \\n \\r \\uXXXX or \\\\)"]),
    # --- our own formats
    ("standoff", "s.jsonl", None,    # written by the test below (needs its text beside it)
     ["{p}:2: text[2:4] is '会议', not '会计'", "{p}:4: tail 'T9' is no entity of this document",
      "{p}:5: neither an entity (start, end) nor a relation (head, tail)"]),
    ("markup", "m.txt", '%% {"doc_id": "x"}\n召开[[会议|ACTIVITY#a]][[3次|COUNT>a]]\n开展[[调研|ACTIVITY]]',
     ["{p}:3: ACTIVITY '调研' needs an #id that a COUNT links to"]),
    ("markup", "m.txt", "召开[[会议|ORG]]", ["{p}:1: unknown label 'ORG' (labels: " + ", ".join(LABELS) + ")"]),
]


def _write(tmp_path, name, content):
    p = tmp_path / name
    if content is None:          # stand-off: text beside, lines 2 and 4 bad
        text = "召开会议3次"
        (tmp_path / "s.txt").write_text(text, encoding="utf-8")
        content = "\n".join([
            json.dumps({"doc_id": "s", "source": "original", "text_file": "s.txt", "sha256": sha256(text)}),
            '{"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会计"}',
            '{"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "3次"}',
            '{"label": "COUNT_OF", "head": "T2", "tail": "T9"}',
            '{"note": "?"}']) + "\n"
    p.write_text(content, encoding="utf-8")
    return p


@pytest.mark.parametrize("kind,name,content,expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_bad_records_are_reported_with_file_and_line(tmp_path, kind, name, content, expected):
    p = _write(tmp_path, name, content)
    with pytest.raises(FormatError) as err:
        list(read_documents(p))
    assert err.value.problems == [x.format(p=p) for x in expected]


def test_all_problems_of_all_files_come_together_and_collect_keeps_the_good_documents(tmp_path):
    good = dc("召开会议3次", [(1, 2, 4, "ACTIVITY"), (2, 4, 6, "COUNT")], [(2, 1, "COUNT_OF")])
    bad = dc("召开会议", [(1, 2, 9, "ACTIVITY")])
    _write(tmp_path, "a.jsonl", "\n".join([good, bad, good, "{oops"]) + "\n")
    _write(tmp_path, "b.conll", "会\tB-ORG\n")
    with pytest.raises(FormatError) as err:
        list(read_documents(tmp_path))
    assert [x.split(": ")[0].rsplit("/", 1)[-1] for x in err.value.problems] == ["a.jsonl:2", "a.jsonl:4", "b.conll:1"]
    assert str(err.value).startswith("3 bad records:\n")
    docs, problems = read_documents(tmp_path, errors="collect")
    assert [d.doc_id for d in docs] == ["a-1", "a-3"] and len(problems) == 3
    assert docs[0].relations == [{"label": "COUNT_OF", "head": "T2", "tail": "T1"}]


@pytest.mark.parametrize("labels", [(*LABELS, "ORG"), ["ORG", "ACTIVITY", "COUNT"], "ORG,ACTIVITY,COUNT"])
def test_labels_allow_user_labels(tmp_path, labels):
    p = _write(tmp_path, "d.jsonl", dc("市政府召开会议3次", [(1, 0, 3, "ORG"), (2, 5, 7, "ACTIVITY"), (3, 7, 9, "COUNT")],
                                       [(3, 2, "COUNT_OF")]) + "\n")
    docs = list(read_documents(p, labels=labels))
    assert [e["label"] for e in docs[0].entities] == ["ORG", "ACTIVITY", "COUNT"]


def test_given_labels_are_the_whole_set(tmp_path):
    p = _write(tmp_path, "d.jsonl", dc("市政府召开会议", [(1, 0, 3, "BODY")]) + "\n")
    with pytest.raises(FormatError, match="unknown label 'BODY' \\(allowed: ORG\\)"):
        list(read_documents(p, labels=["ORG"]))


def test_unknown_files_and_formats(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(FormatError) as err:
        list(read_documents([tmp_path / "nope.json", tmp_path / "empty", _write(tmp_path, "x.csv", "a,b")]))
    assert err.value.problems == [
        f"{tmp_path / 'nope.json'}: no such file or folder",
        f"{tmp_path / 'empty'}: no annotation files (.json, .jsonl, .ndjson, .spacy, .conll, .bio, .iob) in this folder",
        f"{tmp_path / 'x.csv'}: cannot tell the format from the extension '.csv'; name it "
        "(labelstudio, doccano, prodigy, docbin, conll, standoff, markup)"]
    with pytest.raises(FormatError, match="unknown format 'brat'"):
        read_documents(tmp_path, fmt="brat")
    with pytest.raises(ValueError, match="errors must be"):
        read_documents(tmp_path, errors="ignore")


def test_docbin_relation_to_no_entity_and_a_file_that_is_no_docbin(tmp_path):
    from spacy.tokens import DocBin

    from nrcie.components.extensions import register_extensions
    from nrcie.pipeline import blank

    register_extensions()
    doc = blank().make_doc("开会3次")
    doc.ents = [doc.char_span(0, 2, label="ACTIVITY")]
    doc._.nrcie_relations = [{"label": "COUNT_OF", "head": [2, 4], "tail": [0, 2]}]
    DocBin(docs=[doc], store_user_data=True).to_disk(tmp_path / "a.spacy")
    (tmp_path / "b.spacy").write_bytes(b"not a docbin")
    docs, problems = read_documents(tmp_path, errors="collect")
    assert docs == []
    assert problems[0] == f"{tmp_path / 'a.spacy'}:[0]._.nrcie_relations[0]: head 2..4 is no entity of this document"
    assert problems[1].startswith(f"{tmp_path / 'b.spacy'}: not a spaCy DocBin file")


# ------------------------------------------------------------------ writing

def _doc(entities, relations=(), text="召开会议3次", doc_id="w"):
    return GoldDoc(doc_id, text, list(entities), list(relations))


E_ACT = {"id": "T1", "label": "ACTIVITY", "start": 2, "end": 4, "text": "会议"}
E_CNT = {"id": "T2", "label": "COUNT", "start": 4, "end": 6, "text": "3次"}
REL = {"label": "COUNT_OF", "head": "T2", "tail": "T1"}

WRITE_CASES = [
    ("doccano", "o.jsonl", [_doc([{**E_ACT, "end": 40}])], ["w: entity T1: offsets 2..40 outside the text (0..6)"]),
    ("doccano", "o.jsonl", [_doc([{**E_ACT, "text": "会"}])], ["w: entity T1: text[2:4] is '会议', not '会'"]),
    ("labelstudio", "o.json", [_doc([E_ACT, E_CNT], [{**REL, "tail": "T7"}])],
     ["w: relation 0: tail 'T7' is no entity of this document"]),
    ("docbin", "o.spacy", [_doc([E_ACT, {**E_CNT, "start": 3}])],
     ["w: entity T2: text[3:6] is '议3次', not '3次'", "w: entity T2: span 3..6 overlaps w: entity T1 (2..4)"]),
    ("prodigy", "o.jsonl", [_doc([{**E_ACT, "start": 1, "end": 4, "text": " 会议"}], text="召 会议3次")],
     ["w: entity T1 1..4 ' 会议' does not align with the character tokens (it starts or ends inside white space)"]),
    ("docbin", "o.spacy", [_doc([{**E_ACT, "start": 1, "end": 4, "text": " 会议"}], text="召 会议3次")],
     ["w: entity 1..4 ' 会议' does not align with the tokenizer's tokens (it starts or ends inside white space)"]),
    ("markup", "o.txt", [_doc([E_ACT])],
     ["w: entity T1: ACTIVITY '会议' is counted by no COUNT; markup needs every ACTIVITY linked"]),
    ("markup", "out", [_doc([E_ACT, E_CNT], [REL], text="召开会议3次[[注]]"),
                       _doc([{**E_ACT, "label": "ORG"}], doc_id="v")],
     ["w: the text contains '[[' or ']]', which markup reserves",
      "v: entity T1: markup holds only the schema's labels, not 'ORG'"]),
    ("markup", "out", [_doc([], doc_id="a/b"), _doc([], doc_id="a_b")],
     ["a_b: its file name a_b.txt is also that of document a/b"]),
    ("standoff", "o.jsonl", DOCS[:2],
     ["{out}: a .jsonl file holds one document, not 2; give a folder to write one file per document"]),
    ("conll", "o.conll", [_doc([], text="")], ["w: an empty document cannot be written to CoNLL"]),
]


@pytest.mark.parametrize("fmt,name,docs,expected", WRITE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(WRITE_CASES)])
def test_writers_refuse_bad_documents_and_write_nothing(tmp_path, fmt, name, docs, expected):
    out = tmp_path / name
    with pytest.raises(FormatError) as err:
        write_documents(docs, out, fmt, labels=(*LABELS, "ORG"))
    assert err.value.problems == [x.format(out=out) for x in expected]
    assert list(tmp_path.iterdir()) == []


def test_writer_takes_gold_docs_only(tmp_path):
    with pytest.raises(TypeError, match="GoldDoc"):
        write_documents([{"text": "x"}], tmp_path / "o.jsonl", "doccano")
