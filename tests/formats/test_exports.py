"""Files in each tool's own export shape (hand-written here) read into the expected entities and links."""
import pytest
from spacy.tokens import DocBin

from nrcie.components.extensions import register_extensions
from nrcie.formats import FormatWarning, read_documents
from nrcie.pipeline import blank

# Label Studio "JSON" export: a list of tasks; a cancelled annotation first, relations drawn
# in both directions, a task annotated only by a model (predictions), a task not annotated.
LABEL_STUDIO = """[
 {"id": 101, "project": 3, "inner_id": 1, "created_at": "2024-05-06T08:10:11.123456Z",
  "data": {"text": "今年市人大常委会听取专项报告6项，开展视察调研9次。"},
  "meta": {}, "total_annotations": 2, "cancelled_annotations": 1, "total_predictions": 0,
  "annotations": [
   {"id": 7, "completed_by": 1, "was_cancelled": true, "ground_truth": false, "result": [],
    "lead_time": 3.2, "task": 101},
   {"id": 8, "completed_by": 1, "was_cancelled": false, "ground_truth": false, "lead_time": 41.5, "task": 101,
    "result": [
     {"value": {"start": 0, "end": 2, "text": "今年", "labels": ["DATE"]},
      "id": "Rk1x", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
     {"value": {"start": 2, "end": 8, "text": "市人大常委会", "labels": ["BODY"]},
      "id": "Rk2x", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
     {"value": {"start": 10, "end": 14, "text": "专项报告", "labels": ["ACTIVITY"]},
      "id": "act-a", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
     {"value": {"start": 14, "end": 16, "text": "6项", "labels": ["COUNT"]},
      "id": "cnt-a", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
     {"value": {"start": 19, "end": 23, "text": "视察调研", "labels": ["ACTIVITY"]},
      "id": "act-b", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
     {"value": {"start": 23, "end": 25, "text": "9次", "labels": ["COUNT"]},
      "id": "cnt-b", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
     {"from_id": "cnt-a", "to_id": "act-a", "type": "relation", "direction": "right", "labels": ["COUNT_OF"]},
     {"from_id": "act-b", "to_id": "cnt-b", "type": "relation", "direction": "left", "labels": []},
     {"value": {"choices": ["完整"]}, "id": "doc1", "from_name": "quality", "to_name": "text",
      "type": "choices", "origin": "manual"}
    ]}],
  "predictions": []},
 {"id": 102, "data": {"text": "区人大代表接待选民1200余人次。"}, "annotations": [],
  "predictions": [{"id": 3, "model_version": "v1", "score": 0.8, "result": [
     {"value": {"start": 5, "end": 9, "text": "接待选民", "labels": ["ACTIVITY"]},
      "id": "p1", "from_name": "label", "to_name": "text", "type": "labels"},
     {"value": {"start": 9, "end": 16, "text": "1200余人次", "labels": ["COUNT"]},
      "id": "p2", "from_name": "label", "to_name": "text", "type": "labels"},
     {"from_id": "p1", "to_id": "p2", "type": "relation", "direction": "bi"}]}]},
 {"id": 103, "data": {"text": "本页无标注。"}, "annotations": [], "predictions": []}
]"""

# doccano "sequence labeling" with relations, then the older shapes ("label", doccano 1.x "data").
DOCCANO = "\n".join([
    '{"id": 31, "text": "全年共审查规范性文件43件，纠正2件。", "Comments": [], "reviewer": "li",'
    ' "entities": [{"id": 41, "label": "ACTIVITY", "start_offset": 3, "end_offset": 10},'
    ' {"id": 42, "label": "COUNT", "start_offset": 10, "end_offset": 13},'
    ' {"id": 43, "label": "ACTIVITY", "start_offset": 14, "end_offset": 16},'
    ' {"id": 44, "label": "COUNT", "start_offset": 16, "end_offset": 18}],'
    ' "relations": [{"id": 7, "from_id": 42, "to_id": 41, "type": "COUNT_OF"},'
    ' {"id": 8, "from_id": 44, "to_id": 43, "type": "COUNT_OF"}]}',
    '{"id": 32, "text": "2024年5月，召开主任会议。", "label": [[0, 7, "DATE"], [10, 14, "MEETING"]]}',
    '',
    '{"id": 33, "data": "办理议案5件", "label": [[4, 6, "COUNT"]]}',
]) + "\n"

# Prodigy rel.manual, db-out: tokens, spans (token_end inclusive), relations whose head/child is a
# span's last token; a rejected task; an older task whose relations give only token indices.
PRODIGY = "\n".join([
    '{"text": "组织代表培训3期。", "_input_hash": -1046735114, "_task_hash": 1852139151,'
    ' "tokens": [{"text": "组", "start": 0, "end": 1, "id": 0, "ws": false},'
    ' {"text": "织", "start": 1, "end": 2, "id": 1, "ws": false}, {"text": "代", "start": 2, "end": 3, "id": 2, "ws": false},'
    ' {"text": "表", "start": 3, "end": 4, "id": 3, "ws": false}, {"text": "培", "start": 4, "end": 5, "id": 4, "ws": false},'
    ' {"text": "训", "start": 5, "end": 6, "id": 5, "ws": false}, {"text": "3", "start": 6, "end": 7, "id": 6, "ws": false},'
    ' {"text": "期", "start": 7, "end": 8, "id": 7, "ws": false}, {"text": "。", "start": 8, "end": 9, "id": 8, "ws": false}],'
    ' "_view_id": "relations",'
    ' "spans": [{"start": 2, "end": 6, "token_start": 2, "token_end": 5, "label": "ACTIVITY"},'
    ' {"start": 6, "end": 8, "token_start": 6, "token_end": 7, "label": "COUNT"}],'
    ' "relations": [{"head": 7, "child": 5, "label": "COUNT_OF",'
    ' "head_span": {"start": 6, "end": 8, "token_start": 6, "token_end": 7, "label": "COUNT"},'
    ' "child_span": {"start": 2, "end": 6, "token_start": 2, "token_end": 5, "label": "ACTIVITY"}, "color": "#c5bdf4"}],'
    ' "answer": "accept", "_timestamp": 1714990000, "meta": {"doc_id": "peixun", "source": "pilot"}}',
    '{"text": "召开会议", "spans": [], "relations": [], "answer": "reject", "_timestamp": 1714990001}',
    '{"text": "办理议案5件", "spans": [{"start": 0, "end": 4, "token_start": 0, "token_end": 3, "label": "ACTIVITY"},'
    ' {"start": 4, "end": 6, "token_start": 4, "token_end": 5, "label": "COUNT"}],'
    ' "relations": [{"head": 5, "child": 3, "label": "COUNT_OF"}], "answer": "accept"}',
]) + "\n"

# CoNLL-2003 layout (extra columns, -DOCSTART-), IOB1 (I- opens), BIOES, a word token, an escaped space.
CONLL = """-DOCSTART- -X- O O

开 _ _ O
展 _ _ O
立 _ _ B-ACTIVITY
法 _ _ I-ACTIVITY
调 _ _ I-ACTIVITY
研 _ _ I-ACTIVITY
5 _ _ B-COUNT
次 _ _ I-COUNT

-DOCSTART- -X- O O

省 _ _ I-PLACE
城 _ _ I-PLACE
有 _ _ O
代表之家 _ _ S-BODY
\\s _ _ O
2 _ _ B-COUNT
个 _ _ E-COUNT
"""

STANDOFF_TEXT = "召开常委会会议6次。"
STANDOFF = """{"doc_id": "huiyi", "source": "original", "text_file": "huiyi.txt", "sha256": "%s", "n_chars": 10, "meta": {"year": 2023}}
{"id": "T1", "label": "ACTIVITY", "start": 2, "end": 7, "text": "常委会会议"}
{"id": "T2", "label": "COUNT", "start": 7, "end": 9, "text": "6次"}
{"label": "COUNT_OF", "head": "T2", "tail": "T1"}
"""

MARKUP = """%% {"doc_id": "jianyi", "year": 2022}
交办[[代表建议|ACTIVITY#j]][[187件|COUNT>j]]，
满意率达[[98%|PERCENT]]……"""


def triples(doc):
    by_id = {e["id"]: e for e in doc.entities}
    ents = [(e["start"], e["end"], e["label"], e["text"]) for e in doc.entities]
    rels = [(by_id[r["head"]]["text"], by_id[r["tail"]]["text"]) for r in doc.relations]
    return ents, rels


def read(tmp_path, name, content, **kw):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    return p, list(read_documents(p, **kw))


def test_label_studio_export(tmp_path):
    _, docs = read(tmp_path, "project-3-at-2024.json", LABEL_STUDIO)
    assert [d.doc_id for d in docs] == ["101", "102", "103"]
    ents, rels = triples(docs[0])
    assert ents == [(0, 2, "DATE", "今年"), (2, 8, "BODY", "市人大常委会"), (10, 14, "ACTIVITY", "专项报告"),
                    (14, 16, "COUNT", "6项"), (19, 23, "ACTIVITY", "视察调研"), (23, 25, "COUNT", "9次")]
    assert rels == [("6项", "专项报告"), ("9次", "视察调研")]
    assert triples(docs[1]) == ([(5, 9, "ACTIVITY", "接待选民"), (9, 16, "COUNT", "1200余人次")],
                                [("1200余人次", "接待选民")])
    assert docs[2].text == "本页无标注。" and docs[2].entities == []


def test_label_studio_jsonl_and_single_task(tmp_path):
    import json

    tasks = json.loads(LABEL_STUDIO)
    _, docs = read(tmp_path, "tasks.jsonl", "\n".join(json.dumps(t, ensure_ascii=False) for t in tasks[1:]))
    assert [d.doc_id for d in docs] == ["102", "103"]
    _, docs = read(tmp_path, "task.json", json.dumps(tasks[1], ensure_ascii=False))
    assert triples(docs[0])[1] == [("1200余人次", "接待选民")]


def test_label_studio_reads_the_first_live_of_several_annotations_and_says_so(tmp_path):
    task = ('[{"id": 5, "data": {"text": "召开会议"}, "annotations": ['
            '{"result": [{"id": "x", "type": "labels", "value": {"start": 2, "end": 4, "labels": ["MEETING"]}}]},'
            '{"result": []}]}]')
    with pytest.warns(FormatWarning, match="1 task"):
        _, docs = read(tmp_path, "two.json", task)
    assert triples(docs[0])[0] == [(2, 4, "MEETING", "会议")]


def test_label_studio_utf16_offsets_are_converted(tmp_path):
    # a Label Studio version that counts UTF-16 units: 𠀾 counts twice
    task = ('[{"id": 1, "data": {"text": "𠀾村召开座谈会2场"}, "annotations": [{"result": ['
            '{"id": "a", "type": "labels", "from_name": "label", "to_name": "text",'
            ' "value": {"start": 5, "end": 8, "text": "座谈会", "labels": ["ACTIVITY"]}},'
            '{"id": "b", "type": "labels", "from_name": "label", "to_name": "text",'
            ' "value": {"start": 0, "end": 3, "text": "𠀾村", "labels": ["PLACE"]}}]}]}]')
    _, docs = read(tmp_path, "u.json", task)
    assert triples(docs[0])[0] == [(0, 2, "PLACE", "𠀾村"), (4, 7, "ACTIVITY", "座谈会")]


def test_doccano_relation_and_older_exports(tmp_path):
    _, docs = read(tmp_path, "admin.jsonl", DOCCANO)
    assert [d.doc_id for d in docs] == ["31", "32", "33"]
    assert triples(docs[0]) == ([(3, 10, "ACTIVITY", "审查规范性文件"), (10, 13, "COUNT", "43件"),
                                 (14, 16, "ACTIVITY", "纠正"), (16, 18, "COUNT", "2件")],
                                [("43件", "审查规范性文件"), ("2件", "纠正")])
    assert docs[0].meta == {"reviewer": "li"}
    assert triples(docs[1]) == ([(0, 7, "DATE", "2024年5月"), (10, 14, "MEETING", "主任会议")], [])
    assert docs[2].text == "办理议案5件" and triples(docs[2])[0] == [(4, 6, "COUNT", "5件")]


def test_prodigy_db_out(tmp_path):
    with pytest.warns(FormatWarning, match="1 task"):       # the rejected one
        _, docs = read(tmp_path, "rel_dataset.jsonl", PRODIGY)
    assert [d.doc_id for d in docs] == ["peixun", "rel_dataset-3"]
    assert docs[0].meta == {"source": "pilot"}
    assert triples(docs[0]) == ([(2, 6, "ACTIVITY", "代表培训"), (6, 8, "COUNT", "3期")], [("3期", "代表培训")])
    assert triples(docs[1])[1] == [("5件", "办理议案")]


def test_conll_2003_layout_iob1_and_bioes(tmp_path):
    _, docs = read(tmp_path, "train.bio", CONLL)
    assert [(d.doc_id, d.text) for d in docs] == [("train-1", "开展立法调研5次"), ("train-2", "省城有代表之家 2个")]
    assert triples(docs[0])[0] == [(2, 6, "ACTIVITY", "立法调研"), (6, 8, "COUNT", "5次")]
    assert triples(docs[1])[0] == [(0, 2, "PLACE", "省城"), (3, 7, "BODY", "代表之家"), (8, 10, "COUNT", "2个")]


def test_conll_blank_lines_separate_documents_and_crlf_reads(tmp_path):
    _, docs = read(tmp_path, "x.conll", "开\tO\r\n会\tB-ACTIVITY\r\n\r\n\r\n3\tB-COUNT\r\n次\tI-COUNT\r\n")
    assert [(d.text, triples(d)[0]) for d in docs] == [("开会", [(1, 2, "ACTIVITY", "会")]),
                                                      ("3次", [(0, 2, "COUNT", "3次")])]


def test_conll_bmes_middle_tag_continues_a_span(tmp_path):
    # the BMES scheme of Chinese NER corpora (MSRA): B- M- ... E-, S- for one character
    bmes = "县\tB-ORG\r\n人\tM-ORG\r\n大\tE-ORG\r\n在\tO\r\n沪\tS-LOC\r\n"
    _, docs = read(tmp_path, "msra.conll", bmes, labels=("ORG", "LOC"))
    assert triples(docs[0])[0] == [(0, 3, "ORG", "县人大"), (4, 5, "LOC", "沪")]


def _docbin(path, with_relations=True):
    register_extensions()
    nlp = blank()
    doc = nlp.make_doc("开展集中视察4次")
    doc.ents = [doc.char_span(2, 6, label="ACTIVITY"), doc.char_span(6, 8, label="COUNT")]
    db = DocBin(store_user_data=with_relations)
    if with_relations:
        doc._.nrcie_relations = [{"label": "COUNT_OF", "head": [6, 8], "tail": [2, 6]}]
        doc.user_data["doc_id"] = "shicha"
    db.add(doc)
    db.to_disk(path)


@pytest.mark.parametrize("with_relations,doc_id,rels", [
    (True, "shicha", [("4次", "集中视察")]),
    (False, "train-1", []),          # a DocBin made elsewhere: entities only
])
def test_docbin(tmp_path, with_relations, doc_id, rels):
    _docbin(tmp_path / "train.spacy", with_relations)
    docs = list(read_documents(tmp_path / "train.spacy"))
    assert docs[0].doc_id == doc_id
    assert triples(docs[0]) == ([(2, 6, "ACTIVITY", "集中视察"), (6, 8, "COUNT", "4次")], rels)


def test_standoff_and_markup(tmp_path):
    from nrcie.corpus.standoff import sha256

    (tmp_path / "huiyi.txt").write_text(STANDOFF_TEXT, encoding="utf-8")
    _, docs = read(tmp_path, "huiyi.jsonl", STANDOFF % sha256(STANDOFF_TEXT))
    assert docs[0].doc_id == "huiyi" and docs[0].meta == {"year": 2023}
    assert triples(docs[0]) == ([(2, 7, "ACTIVITY", "常委会会议"), (7, 9, "COUNT", "6次")], [("6次", "常委会会议")])
    _, docs = read(tmp_path, "jianyi.txt", MARKUP)
    assert docs[0].doc_id == "jianyi" and docs[0].meta == {"year": 2022}
    assert docs[0].text == "交办代表建议187件，\n满意率达98%……"
    assert triples(docs[0])[1] == [("187件", "代表建议")]


def test_folder_reads_every_annotation_file_and_skips_texts_and_hidden_files(tmp_path):
    from nrcie.corpus.standoff import sha256

    (tmp_path / "so").mkdir()
    (tmp_path / "so" / "huiyi.txt").write_text(STANDOFF_TEXT, encoding="utf-8")
    (tmp_path / "so" / "huiyi.jsonl").write_text(STANDOFF % sha256(STANDOFF_TEXT), encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(DOCCANO, encoding="utf-8")
    (tmp_path / "b.conll").write_text(CONLL, encoding="utf-8")
    (tmp_path / ".a.jsonl.123.tmp").write_text("half", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.jsonl").write_text("{not json", encoding="utf-8")
    docs = list(read_documents(tmp_path))
    assert [d.doc_id for d in docs] == ["31", "32", "33", "b-1", "b-2", "huiyi"]


@pytest.mark.parametrize("annotations, expected_count", [
    # an empty annotation first, the one with entities second: the non-empty one is read
    ([{"id": 1, "result": []},
      {"id": 2, "result": [{"id": "c", "type": "labels", "from_name": "label", "to_name": "text",
                            "value": {"start": 4, "end": 6, "text": "3次", "labels": ["COUNT"]}}]}], 1),
    # two non-empty ones: the latest by updated_at (here the first in the list)
    ([{"id": 1, "updated_at": "2026-02-01T10:00:00Z",
       "result": [{"id": "c", "type": "labels", "from_name": "label", "to_name": "text",
                   "value": {"start": 4, "end": 6, "text": "3次", "labels": ["COUNT"]}},
                  {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
                   "value": {"start": 0, "end": 4, "text": "执法检查", "labels": ["ACTIVITY"]}}]},
      {"id": 2, "updated_at": "2026-01-01T10:00:00Z",
       "result": [{"id": "c", "type": "labels", "from_name": "label", "to_name": "text",
                   "value": {"start": 4, "end": 6, "text": "3次", "labels": ["COUNT"]}}]}], 2),
])
def test_label_studio_reads_the_latest_non_empty_annotation_and_says_which(tmp_path, annotations, expected_count):
    import json
    import warnings

    from nrcie.formats import read_documents

    p = tmp_path / "ls.json"
    p.write_text(json.dumps([{"id": 5, "data": {"text": "执法检查3次"}, "annotations": annotations}],
                            ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = list(read_documents([str(p)]))
    assert len(docs[0].entities) == expected_count
    assert any("annotations[" in str(w.message) for w in caught)
