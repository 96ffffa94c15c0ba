"""nrcie_relation_v1 as a component: which ACTIVITY spans it keeps and links."""
import pytest
import spacy

import nrcie.components  # noqa: F401  (registers the factories and Doc._.nrcie_relations)
from nrcie.components.relation import RelationComponent
from nrcie.relations import links
from tests.helpers import gold_doc, marked_with_links

# sentences written for these tests
TRAIN_MARKUP = [
    "召开[[常委会会议|ACTIVITY#a]][[9次|COUNT>a]]，开展[[执法检查|ACTIVITY#b]][[4次|COUNT>b]]、[[专题调研|ACTIVITY#c]][[11项|COUNT>c]]。",
    "听取[[专项工作报告|ACTIVITY#a]][[16个|COUNT>a]]，作出[[决议决定|ACTIVITY#b]][[19项|COUNT>b]]，惠及群众[[2万人|COUNT]]。",
    "开展[[专题询问|ACTIVITY#a]][[3次|COUNT>a]]，组织[[视察|ACTIVITY#b]][[8次|COUNT>b]]，审议[[议题|ACTIVITY#c]][[26项|COUNT>c]]。",
] * 3


@pytest.fixture(scope="module")
def relation():
    component = RelationComponent()
    component.train([gold_doc(f"d{i}", m) for i, m in enumerate(TRAIN_MARKUP)])
    return component


def _run(component, markup):
    text, ents, _ = marked_with_links(markup)   # the model's entities; the links are the component's
    doc = spacy.blank("zh").make_doc(text)
    doc.ents = [doc.char_span(e["start"], e["end"], label=e["label"]) for e in ents]
    doc = component(doc)
    return ([(e.text, e.label_) for e in doc.ents if e.label_ == "ACTIVITY"],
            {(text[c[0]:c[1]], text[a[0]:a[1]]) for c, a in links.from_doc(doc)})


@pytest.mark.parametrize("markup, kept, linked", [
    # two characters nothing names as work: a generic noun before a count, a piece of a word
    ("协调解决各方面[[难题|ACTIVITY#a]][[35件|COUNT>a]]。", [], set()),
    ("代表参加[[检察|ACTIVITY#a]]开放日活动[[2次|COUNT>a]]。", [], set()),
    # two characters the lexicon or the clause names as work stay and link
    ("组织[[视察|ACTIVITY#a]][[6次|COUNT>a]]。", [("视察", "ACTIVITY")], {("6次", "视察")}),
    ("审议[[议题|ACTIVITY#a]][[41项|COUNT>a]]。", [("议题", "ACTIVITY")], {("41项", "议题")}),
    # longer spans are left to the linker whatever their type
    ("新设[[自贸试验区|ACTIVITY#a]][[11个|COUNT>a]]。", [("自贸试验区", "ACTIVITY")], {("11个", "自贸试验区")}),
])
def test_a_short_activity_nothing_types_as_work_is_dropped_before_linking(relation, markup, kept, linked):
    assert _run(relation, markup) == (kept, linked)


def test_untyped_max_chars_zero_keeps_every_activity(relation):
    relation.untyped_max_chars = 0
    relation.drop_unlinked_activities = False
    try:
        kept, _ = _run(relation, "协调解决各方面[[难题|ACTIVITY#a]][[35件|COUNT>a]]。")
    finally:
        relation.untyped_max_chars = 2
        relation.drop_unlinked_activities = True
    assert kept == [("难题", "ACTIVITY")]
