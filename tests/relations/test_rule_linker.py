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
    # the object of a verb after its count, through its 的-phrase (C21)
    "检查[[3件|COUNT>a]][[法律的实施情况|ACTIVITY#a]]，督查[[2部|COUNT>b]][[法规的执行情况|ACTIVITY#b]]。",
    # the report noun phrase after 审查批准
    "审查批准[[国有资产管理情况报告|ACTIVITY#a]][[1个|COUNT>a]]。",
    # a list that is one term stays whole
    "批准[[条约和重要协定|ACTIVITY#a]][[14项|COUNT>a]]，收到[[建议、批评和意见|ACTIVITY#b]][[80件|COUNT>b]]。",
    # the people taking part stay out of the work
    "组织常委会组成人员[[专题学习|ACTIVITY#a]][[6次|COUNT>a]]。",
    # a verb that is itself work, right before its count; a verb inside a longer term is no verb
    "组织代表[[视察|ACTIVITY#a]][[5次|COUNT>a]]，开展[[执法检查|ACTIVITY#b]][[2次|COUNT>b]]。",
    # work terms of the amended taxonomy
    "作出[[法律解释|ACTIVITY#a]][[2件|COUNT>a]]，开展[[立法后评估|ACTIVITY#b]][[3项|COUNT>b]]。",
    # 讲, 报备, 安排, 发表 and 保障 are verbs: the work after them is the activity
    "班子成员讲[[专题党课|ACTIVITY#a]][[5场|COUNT>a]]，接收报备[[规范性文件|ACTIVITY#b]][[21件|COUNT>b]]。",
    "全年安排[[专题调研|ACTIVITY#a]][[4项|COUNT>a]]，发表[[理论文章|ACTIVITY#b]][[6篇|COUNT>b]]，服务保障[[常委会会议|ACTIVITY#c]][[8次|COUNT>c]]。",
    # and 推出, 梳理汇总, 颁布, 清理, 划分, 深入, 明确, 组建, 帮助
    "推出[[普法专题报道|ACTIVITY#a]][[12期|COUNT>a]]，梳理汇总[[立法项目|ACTIVITY#b]][[9件|COUNT>b]]。",
    "制定颁布[[地方性法规|ACTIVITY#a]][[3部|COUNT>a]]，清理[[法规|ACTIVITY#b]][[5件|COUNT>b]]。",
    # a verb's 的-phrase: the noun after 的 is the work; a 的-phrase right before the count names
    # none (the counted noun is left out: the count takes the earlier one's activity)
    "大会交付审议的[[议案|ACTIVITY#a]][[2件|COUNT>a]]。",
    "代表提出[[建议|ACTIVITY#a]][[90件|COUNT>a]]，其中与教育相关的[[25件|COUNT>a]]。",
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


# The sentences of the issue, through the rules pipeline: span, type, value and unit of each row.
ISSUE = [
    ("检查3件法律的实施情况。", "法律的实施情况", "enforcement_inspection", 3, "件"),
    ("审查批准国有资产管理情况报告1个。", "国有资产管理情况报告", "budget_review", 1, "个"),
    ("全年受理群众来信来访120件次。", "群众来信来访", "petition", 120, "件次"),
    ("组织开展满意度测评2次。", "满意度测评", "evaluation", 2, "次"),
    ("作出法律解释2件。", "法律解释", "legislation", 2, "件"),
    ("批准条约和重要协定14项。", "条约和重要协定", "foreign_affairs", 14, "项"),
    ("组织常委会组成人员专题学习6次。", "专题学习", "training", 6, "次"),
    ("开展立法后评估3项。", "立法后评估", "legislation", 3, "项"),
]


@pytest.mark.parametrize("text,activity,typ,value,unit", ISSUE)
def test_issue_sentences_are_linked_and_typed(rules_nlp, text, activity, typ, value, unit):
    import nrcie

    r = nrcie.parse(text, model=rules_nlp)
    [row] = r.activities
    start = text.index(activity)
    assert (row.activity_start, row.activity_end, row.activity_type, row.value, row.unit) == \
        (start, start + len(activity), typ, value, unit)
    assert row.type_source and r.unlinked_counts == []


def test_linker_component_adds_activities_and_relations(rules_nlp):
    doc = rules_nlp("召开常委会会议9次，开展执法检查4次。")
    acts = [e.text for e in doc.ents if e.label_ == "ACTIVITY"]
    assert acts == ["常委会会议", "执法检查"]
    assert len(doc._.nrcie_relations) == 2
