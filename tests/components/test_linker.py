"""nrcie_count_linker_v1: which ACTIVITY spans the rule linker adds, and what it links."""
import pytest
import spacy

import nrcie.components  # noqa: F401  (registers the factories and the Doc extensions)
from nrcie.components.linker import CountLinker
from nrcie.relations import links
from tests.helpers import marked_with_links


def _run(linker, markup):
    """The model's entities from the markup (no ACTIVITY: the linker's to add), then the linker."""
    text, ents, _ = marked_with_links(markup)
    doc = spacy.blank("zh").make_doc(text)
    doc.ents = [doc.char_span(e["start"], e["end"], label=e["label"]) for e in ents]
    doc = linker(doc)
    return ({doc.text[e.start_char:e.end_char] for e in doc.ents if e.label_ == "ACTIVITY"},
            {(text[c[0]:c[1]], text[a[0]:a[1]]) for c, a in links.from_doc(doc)})


# sentences written for these tests
@pytest.mark.parametrize("markup, added", [
    # a lexicon term right before its count, or a short phrase it heads, or a list whose last item is
    ("党组成员讲专题党课[[七场|COUNT]]。", {"专题党课"}),
    ("在两个镇召开现场推进会[[两次|COUNT]]。", {"现场推进会"}),
    ("开展执法检查、专题询问和专题调研 [[十三次|COUNT]]。", {"执法检查", "专题询问", "专题调研"}),
    # a term after its count is often the object of work named later: not added
    ("对[[九部|COUNT]]法规草案开展立法征询。", set()),
    # a phrase longer than eight characters, one no work term heads, or a word between term and
    # count: not added
    ("召开全市基层人大工作规范化建设推进会[[九场|COUNT]]。", set()),
    ("走访困难家庭[[三十户|COUNT]]。", set()),
    ("开展执法检查共[[七次|COUNT]]。", set()),
    # a term overlapping another entity is left to it
    ("组织[[宪法|REGULATION]]宣誓[[六场次|COUNT]]。", set()),
])
def test_add_terms_adds_a_work_term_standing_right_before_its_count(markup, added):
    linker = CountLinker(add_activities=False, bounded_by_entities=False, add_terms=True)
    acts, linked = _run(linker, markup)
    assert acts == added
    assert {a for _, a in linked} == added


def test_without_add_terms_or_add_activities_no_activity_is_added():
    linker = CountLinker(add_activities=False, bounded_by_entities=False)
    assert _run(linker, "党组成员讲专题党课[[七场|COUNT]]。") == (set(), set())
