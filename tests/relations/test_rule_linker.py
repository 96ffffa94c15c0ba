"""COUNT_OF by rules, on sentences written for these tests (schema linking order)."""
import pytest

from tests.helpers import marked_with_links

# Each row marks every COUNT and every ACTIVITY the linker must link, with the links.
ROWS = [
    # 1. the noun phrase the count quantifies
    "召开[[常委会会议|ACTIVITY#a]][[9次|COUNT>a]]，开展[[执法检查|ACTIVITY#b]][[4次|COUNT>b]]、[[专题调研|ACTIVITY#c]][[11项|COUNT>c]]。",
    "听取和审议[[专项工作报告|ACTIVITY#a]][[16个|COUNT>a]]，作出[[决议决定|ACTIVITY#b]][[19项|COUNT>b]]。",
    "任免[[国家机关工作人员|ACTIVITY#a]][[57人次|COUNT>a]]，督促办理[[代表意见建议|ACTIVITY#b]][[112件|COUNT>b]]。",
    "全年共召开[[主任会议|ACTIVITY#a]]共[[14次|COUNT>a]]。",
    # count before the noun
    "召开[[5次|COUNT>a]][[主任会议|ACTIVITY#a]]研究代表工作。",
    "建成[[28个|COUNT>a]]乡(镇、街道)[[基层立法联络室|ACTIVITY#a]]。",
    # 2. objects or people: the work noun of the clause
    "对[[26件|COUNT>a]]规范性文件进行[[备案审查|ACTIVITY#a]]，效果明显。",
    "邀请[[32名|COUNT>a]]基层代表列席[[常委会会议|ACTIVITY#a]]，听取意见。",
    # a list sharing one count
    "组织开展[[执法检查|ACTIVITY#a]]、[[集中视察|ACTIVITY#b]]和[[专题询问|ACTIVITY#c]][[65次|COUNT>a,b,c]]。",
    # elliptical counts
    "制定[[地方性法规|ACTIVITY#a]][[4件|COUNT>a]]、修改[[2件|COUNT>a]]、废止[[1件|COUNT>a]]。",
    # counts that link to nothing
    "惠及群众[[2万余人|COUNT]]，覆盖[[12个|COUNT]]乡镇。",
]


def _link(text, entities):
    from nrcie.relations.rule_linker import link_counts

    counts = [(e["start"], e["end"], "COUNT") for e in entities if e["label"] == "COUNT"]
    return link_counts(text, counts)


@pytest.mark.parametrize("markup", ROWS)
def test_rule_linker_links_counts_as_marked(markup):
    text, entities, links = marked_with_links(markup)
    activities, found = _link(text, entities)
    assert set(found) == links
    assert set(activities) == {(e["start"], e["end"]) for e in entities if e["label"] == "ACTIVITY"}


def test_linker_component_adds_activities_and_relations(rules_nlp):
    doc = rules_nlp("召开常委会会议9次，开展执法检查4次。")
    acts = [e.text for e in doc.ents if e.label_ == "ACTIVITY"]
    assert acts == ["常委会会议", "执法检查"]
    assert len(doc._.nrcie_relations) == 2
