"""nrcie.parse / parse_many / load: offsets, result shape, errors.

Tests that assert what is extracted pin the deterministic rules pipeline; tests of
offsets and result shape run the shipped default pipeline."""
import json

import pytest

import nrcie
from nrcie.schema import LABELS

SAMPLE = "  2024年，县人大常委会召开常委会会议９次\n开展执法检查4次、专题调研11项😀，惠及群众5.87万人次。"


def test_offsets_index_the_exact_input_string():
    r = nrcie.parse(SAMPLE)
    assert r.entities
    for e in r.entities:
        assert SAMPLE[e.start:e.end] == e.text


@pytest.mark.parametrize("text,surface,label", [
    ("   召开会议5次", "5次", "COUNT"),            # leading spaces
    ("标题\n\n2023年工作", "2023年", "DATE"),      # newlines
    ("召开会议１２次", "１２次", "COUNT"),         # full-width digits keep their own text
    ("😀😀开展执法检查3次", "3次", "COUNT"),       # emoji before
    ("\u3000\u3000依法审议《某市条例》", "《某市条例》", "REGULATION"),
])
def test_entity_text_and_offsets_survive_odd_input(text, surface, label):
    r = nrcie.parse(text, model="rules")
    hits = [e for e in r.entities if e.label == label]
    assert [e.text for e in hits] == [surface]
    assert text[hits[0].start:hits[0].end] == surface and hits[0].start == text.index(surface)


def test_count_entities_carry_normalised_value():
    r = nrcie.parse("惠及群众5.87万人次，开展宣传500余场次。", model="rules")
    counts = {e.text: (e.value, e.unit, e.approximate) for e in r.entities if e.label == "COUNT"}
    assert counts == {"5.87万人次": (58700.0, "人次", False), "500余场次": (500.0, "场次", True)}


def test_activity_table_links_counts_to_typed_activities():
    r = nrcie.parse("一年来，召开常委会会议8次，开展执法检查5次。", model="rules")
    rows = [(a.activity, a.activity_type, a.value, a.unit) for a in r.activities]
    assert rows == [("常委会会议", "meeting", 8.0, "次"), ("执法检查", "enforcement_inspection", 5.0, "次")]
    a = r.activities[0]
    assert r.text[a.sentence_start:a.sentence_end] == a.sentence
    assert r.text[a.count_start:a.count_end] == "8次"


def test_to_dict_shape_is_json_serialisable():
    r = nrcie.parse(SAMPLE)
    d = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
    assert set(d) == {"text", "entities", "relations", "activities", "unlinked_counts", "document"}
    assert d["text"] == SAMPLE
    for e in d["entities"]:
        assert {"start", "end", "label", "text"} <= set(e) and e["label"] in LABELS
    for rel in d["relations"]:
        assert set(rel) == {"label", "head", "tail"}
        assert d["entities"][rel["head"]]["label"] == "COUNT"
        assert d["entities"][rel["tail"]]["label"] == "ACTIVITY"
    assert len(d["activities"]) == len(d["relations"])


def test_to_dataframe_tables():
    r = nrcie.parse(SAMPLE)
    ents = r.to_dataframe()
    assert list(ents.columns[:4]) == ["start", "end", "label", "text"] and len(ents) == len(r.entities)
    acts = r.to_dataframe("activities")
    assert len(acts) == len(r.activities) and "activity_type" in acts.columns
    assert len(r.to_dataframe("relations")) == len(r.relations)
    with pytest.raises(ValueError, match="table must be one of"):
        r.to_dataframe("nope")


def test_doc_is_the_spacy_doc():
    r = nrcie.parse(SAMPLE)
    assert len(r.doc.text) == len(SAMPLE)
    assert [(e.start_char, e.end_char) for e in r.doc.ents] == [(e.start, e.end) for e in r.entities]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_gives_empty_result(text):
    r = nrcie.parse(text)
    assert (r.entities, r.relations, r.activities, r.text) == ([], [], [], text)


@pytest.mark.parametrize("bad", [None, 42, b"\xe5\xbc\x80", ["text"]])
def test_non_str_input_is_a_clear_error(bad):
    with pytest.raises(nrcie.InputError, match="takes"):
        nrcie.parse(bad)


def test_missing_model_path_is_a_clear_error(tmp_path):
    with pytest.raises(nrcie.ModelNotFoundError, match="no nrcie pipeline"):
        nrcie.load(tmp_path / "missing")
    with pytest.raises(nrcie.ModelNotFoundError, match="no nrcie pipeline"):
        nrcie.parse("开展执法检查3次", model=str(tmp_path / "missing"))


def test_parse_many_streams_in_order():
    texts = ["召开会议3次", "", "开展调研5项"]
    out = list(nrcie.parse_many(texts, model="rules", batch_size=2))
    assert [r.text for r in out] == texts
    assert [e.text for e in out[2].entities if e.label == "COUNT"] == ["5项"]


@pytest.mark.parametrize("model", ["rules", "fast", "accurate"])
def test_parse_many_with_two_processes_gives_the_same_results(model):
    # accurate: torch's OpenMP pool does not survive fork; the workers must not hang
    texts = [f"召开常委会会议{i}次，开展执法检查{i + 1}次。" for i in range(1, 7)]
    one = [r.to_dict() for r in nrcie.parse_many(texts, model=model)]
    two = [r.to_dict() for r in nrcie.parse_many(texts, model=model, n_process=2, batch_size=2)]
    assert one == two


def test_accurate_workers_compute_on_one_thread_whatever_the_threads_setting():
    # a forked worker must not go back to torch's (dead) thread pool on its second batch
    nlp = nrcie.load("accurate")
    nlp.get_pipe("nrcie_transformer_ner").threads = 2
    texts = [f"召开常委会会议{i}次，开展执法检查{i + 1}次。" for i in range(1, 9)]
    one = [r.to_dict() for r in nrcie.parse_many(texts, model=nlp)]
    two = [r.to_dict() for r in nrcie.parse_many(texts, model=nlp, n_process=2, batch_size=1)]
    assert one == two


def test_parse_reuses_a_cached_pipeline():
    from nrcie.pipeline import _cached_load

    nrcie.parse("召开会议3次")
    before = _cached_load.cache_info().hits
    nrcie.parse("召开会议4次")
    assert _cached_load.cache_info().hits == before + 1


def test_model_may_be_given_as_a_path():
    from pathlib import Path

    from nrcie.pipeline import models_dir

    r = nrcie.parse("开展执法检查3次", model=Path(models_dir()) / "fast")
    assert [a.value for a in r.activities] == [3.0]


def test_parse_and_batch_resolve_a_model_argument_the_same_way():
    from pathlib import Path

    from nrcie import _nlp
    from nrcie.batch import _load
    from nrcie.pipeline import models_dir

    path = Path(models_dir()) / "fast"
    nlp = _nlp(path)
    assert _load(path) is nlp and _nlp(str(path)) is nlp   # one loader, one cache
    assert _nlp(nlp) is nlp and _load(nlp) is nlp


@pytest.mark.slow
def test_threads_started_together_load_the_pipeline_once():
    # a fresh process: two threads call nrcie.parse at the same moment (the default, accurate, pipeline)
    import subprocess
    import sys

    code = (
        "import threading, nrcie, nrcie.pipeline as p\n"
        "calls = []\n"
        "orig = p.load\n"
        "def counting(*a, **k):\n"
        "    calls.append(a)\n"
        "    return orig(*a, **k)\n"
        "p.load = counting\n"
        "barrier = threading.Barrier(2)\n"
        "out, errors = [], []\n"
        "def work():\n"
        "    barrier.wait()\n"
        "    try:\n"
        "        out.append([a.value for a in nrcie.parse('开展执法检查3次').activities])\n"
        "    except Exception as e:\n"
        "        errors.append(repr(e))\n"
        "ts = [threading.Thread(target=work) for _ in range(2)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "assert not errors, errors\n"
        "assert out == [[3.0], [3.0]], out\n"
        "assert len(calls) == 1, calls\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize("text, start, end, expected", [
    ("甲。乙丙；丁\n戊", 3, 4, (2, 5)),      # from after the previous end to the next one, included
    ("甲。乙丙；丁\n戊", 0, 1, (0, 2)),
    ("甲。乙丙；丁\n戊", 7, 8, (7, 8)),      # the last sentence runs to the end of the text
    ("甲。  乙丙 。", 4, 5, (4, 8)),         # white space around is stripped
])
def test_sentence_bounds(text, start, end, expected):
    from nrcie.result import sentence_bounds, sentence_ends

    assert sentence_bounds(text, start, end) == expected == sentence_bounds(text, start, end, sentence_ends(text))


def test_activity_table_is_built_once_and_again_when_relations_change():
    r = nrcie.parse("开展执法检查3次。召开常委会会议5次。", model="rules")
    first = r.activities
    assert r.activities == first and r._activities is not None
    r.relations = r.relations[:1]
    assert len(r.activities) == 1
