"""Any text in, exact offsets out: odd characters, web leftovers, traditional script, long texts."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nrcie
from nrcie.runner import chunk_bounds, run_one
from nrcie.schema import LABELS


def spans(r, label=None):
    return [(e.start, e.end, e.label, e.text) for e in r.entities if label in (None, e.label)]


@pytest.mark.parametrize("text,surface,label", [
    ("召开常委会会议１０次。", "１０次", "COUNT"),
    ("开展调研10\u00a0次，", "10\u00a0次", "COUNT"),
    ("开展调研10\u200b次，", "10\u200b次", "COUNT"),
    ("第一段\r\n2020 年 4 月，开会。", "2020 年 4 月", "DATE"),
    ("<p>召开主任会议&nbsp;12次</p>", "12次", "COUNT"),
    ("<div class=\"x\">审议《某省条例》</div>", "《某省条例》", "REGULATION"),
])
def test_entities_index_the_callers_original_string(text, surface, label):
    r = nrcie.parse(text, model="rules")
    found = [e for e in r.entities if e.label == label]
    assert [e.text for e in found] == [surface]
    assert text[found[0].start:found[0].end] == surface


def test_html_tags_and_entities_never_become_entities():
    r = nrcie.parse("<br/><span>&amp;&#12345;</span>")
    assert r.entities == []


def test_traditional_text_extracts_like_simplified():
    simp = "县人大常委会召开常委会会议9次，开展执法检查4次，听取专项工作报告12个。"
    trad = "縣人大常委會召開常委會會議9次，開展執法檢查4次，聽取專項工作報告12個。"
    assert len(simp) == len(trad)
    rs, rt = nrcie.parse(simp), nrcie.parse(trad)
    assert [(e.start, e.end, e.label) for e in rt.entities] == [(e.start, e.end, e.label) for e in rs.entities]
    # the surfaces are the caller's traditional characters, at the simplified text's spans
    expected = [trad[e.start:e.end] for e in rs.entities if e.label == "ACTIVITY"]
    assert [e.text for e in rt.entities if e.label == "ACTIVITY"] == expected
    assert {"常委會會議", "執法檢查"} <= set(expected)
    assert [a.activity_type for a in rt.activities] == [a.activity_type for a in rs.activities]
    assert {"meeting", "enforcement_inspection"} <= {a.activity_type for a in rt.activities}


@pytest.mark.parametrize("text", ["", " ", "\n\t\u3000", "hello world 123", "!!!???", "😀😀😀"])
def test_blank_or_non_chinese_text_gives_a_clean_result(text):
    r = nrcie.parse(text)
    assert r.text == text and r.relations == []
    for e in r.entities:
        assert text[e.start:e.end] == e.text


PARAS = [f"第{i}段：召开常委会会议{i % 9 + 1}次，开展执法检查{i % 5 + 1}次，审议《某市条例{i}》。" for i in range(60)]


def test_long_text_equals_the_concatenation_of_its_parts():
    text = "\n".join(PARAS)
    whole = run_one(nrcie.load("rules"), text, chunk_chars=10 ** 9)
    chunked = run_one(nrcie.load("rules"), text, chunk_chars=400)
    assert len(chunk_bounds(text, 400)) > 5
    assert spans(chunked) == spans(whole)
    assert [(r.head, r.tail) for r in chunked.relations] == [(r.head, r.tail) for r in whole.relations]
    offset, parts = 0, []
    for p in PARAS:
        parts += [(s + offset, e + offset, lab, t) for s, e, lab, t in spans(nrcie.parse(p, model="rules"))]
        offset += len(p) + 1
    assert spans(chunked) == parts


def test_chunk_bounds_cover_the_text_without_gaps():
    text = "甲。" * 1000 + "乙" * 3000
    b = chunk_bounds(text, 700)
    assert b[0][0] == 0 and b[-1][1] == len(text)
    assert all(x[1] == y[0] for x, y in zip(b, b[1:]))
    assert all(e - s <= 700 for s, e in b)


@pytest.mark.slow
def test_a_million_characters_parse_in_bounded_parts():
    text = ("\n".join(PARAS) + "\n") * (1_000_000 // (len("\n".join(PARAS)) + 1) + 1)
    text = text[:1_000_000]
    r = nrcie.parse(text, model="rules")
    assert r.doc is None and len(r.text) == 1_000_000
    assert len(r.entities) > 50_000
    for e in r.entities[::997]:
        assert text[e.start:e.end] == e.text


ALPHABET = st.sampled_from(list("召开常委会议次个项件名人余多近约万亿元%年月日第一二三十百千0123456789０１２"
                                "《》“”\"、，。；：（）()\n \u3000\u00a0县市省人大政府法条例执检查调研询问代表建议"
                                "<>&;abc😀縣會議"))
TEXTS = st.one_of(st.text(max_size=300), st.text(ALPHABET, max_size=300))


@pytest.mark.parametrize("model", ["rules", None], ids=["rules", "default"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_parse_any_string_properties(model, text):
    r = nrcie.parse(text, model=model)
    assert r.text == text
    prev_end = 0
    for e in r.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert e.label in LABELS
        assert e.start >= prev_end
        prev_end = e.end
    for rel in r.relations:
        assert 0 <= rel.head < len(r.entities) and 0 <= rel.tail < len(r.entities)
        assert (r.entities[rel.head].label, r.entities[rel.tail].label) == ("COUNT", "ACTIVITY")
    assert len(r.activities) == len(r.relations)
