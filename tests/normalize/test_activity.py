"""Activity types by the span and its clause, on sentences written for these tests.

Each row marks one typed ACTIVITY (and the COUNT that makes it one) in inline markup;
the typer must give the marked type, for the reason given (the start of ``type_source``).
"""
import pytest

from nrcie.corpus.markup import parse_markup
from nrcie.normalize.activity import activity_type, is_work_count, type_activity, typing_lexicon
from nrcie.schema import ACTIVITY_TYPES

# one sentence per type
PER_TYPE = [
    ("全年召开[[主任会议|ACTIVITY=meeting#a]][[15次|COUNT>a]]。", "lexicon term 主任会议"),
    ("听取和审议[[专项工作报告|ACTIVITY=report_review#a]][[12个|COUNT>a]]。", "clause: verb 听取和审议 + noun 报告"),
    ("检查[[3件|COUNT>a]][[法律的实施情况|ACTIVITY=enforcement_inspection#a]]。", "clause: verb 检查 + noun 实施情况"),
    ("围绕乡村振兴开展[[专题调研|ACTIVITY=research#a]][[6项|COUNT>a]]。", "lexicon term 专题调研"),
    ("就城区供水开展[[专题询问|ACTIVITY=inquiry#a]][[1次|COUNT>a]]。", "lexicon term 专题询问"),
    ("作出[[决议决定|ACTIVITY=resolution#a]][[9项|COUNT>a]]。", "lexicon term 决议决定"),
    ("依法任命[[政府组成人员|ACTIVITY=appointment#a]][[7名|COUNT>a]]。", "clause: verb 依法任命"),
    ("作出[[法律解释|ACTIVITY=legislation#a]][[2件|COUNT>a]]。", "lexicon term 法律解释"),
    ("对报送备案的[[规范性文件|ACTIVITY=filing_review#a]][[21件|COUNT>a]]逐件审查。", "clause: verb 备案 + noun 规范性文件"),
    ("督促办理[[代表建议|ACTIVITY=suggestion#a]][[140件|COUNT>a]]。", "lexicon term 代表建议"),
    ("组织常委会组成人员[[专题学习|ACTIVITY=training#a]][[6次|COUNT>a]]。", "lexicon term 专题学习"),
    ("组织代表[[视察|ACTIVITY=inspection_visit#a]][[5次|COUNT>a]]。", "lexicon term 视察"),
    ("在市报刊发[[稿件|ACTIVITY=publicity#a]][[45篇|COUNT>a]]。", "lexicon term 稿件"),
    ("常委会组成人员每人联系[[基层代表|ACTIVITY=outreach#a]][[4名|COUNT>a]]。", "clause: verb 联系 + noun 代表"),
    ("新建[[村级代表联络站|ACTIVITY=facility#a]][[9个|COUNT>a]]。", "lexicon term 代表联络站"),
    ("审查批准[[国有资产管理情况报告|ACTIVITY=budget_review#a]][[1个|COUNT>a]]。", "clause: verb 审查批准 + noun 国有资产"),
    ("组织开展[[满意度测评|ACTIVITY=evaluation#a]][[2次|COUNT>a]]。", "lexicon term 满意度测评"),
    ("全年受理[[群众来信来访|ACTIVITY=petition#a]][[120件次|COUNT>a]]。", "clause: verb 受理 + noun 来访"),
    ("批准[[条约和重要协定|ACTIVITY=foreign_affairs#a]][[14项|COUNT>a]]。", "clause: verb 批准 + noun 协定"),
    ("修订机关考勤等[[制度|ACTIVITY=other#a]][[6项|COUNT>a]]。", "lexicon term 制度"),
]

# one sentence per way the clause decides
PER_PATTERN = [
    # the governing verb outranks the head term: a report on an inspection is heard
    ("听取和审议[[执法检查报告|ACTIVITY=report_review#a]][[2个|COUNT>a]]。", "clause: verb 听取和审议 + noun 报告"),
    # the term that heads the span decides, not the longest one
    ("开展[[法律法规宣传|ACTIVITY=publicity#a]][[30场次|COUNT>a]]。", "lexicon term 宣传"),
    # a topic noun outranks the head term
    ("印发[[预算执行情况报告|ACTIVITY=budget_review#a]][[3份|COUNT>a]]。", "clause: noun 预算执行情况"),
    # the verb alone: what is visited, who is trained, attending sittings
    ("走访[[企业|ACTIVITY=inspection_visit#a]][[18家|COUNT>a]]。", "clause: verb 走访"),
    ("培训[[乡镇人大干部|ACTIVITY=training#a]][[260人次|COUNT>a]]。", "clause: verb 培训"),
    ("邀请[[35人次|COUNT>a]]代表列席[[常委会会议|ACTIVITY=outreach#a]]。", "clause: verb 列席"),
    # a span that swallowed its verb
    ("[[走访企业|ACTIVITY=inspection_visit#a]][[20家|COUNT>a]]。", "clause: verb 走访"),
    # words before the span in its sentence, words after it in its clause
    ("听取审计工作报告，督促审计查出的[[46个|COUNT>a]][[问题|ACTIVITY=budget_review#a]]整改到位。",
     "clause: 审计 before + noun 问题"),
    ("开展执法检查，检查组[[随机抽查|ACTIVITY=enforcement_inspection#a]]工地[[30处|COUNT>a]]。",
     "clause: 执法检查 before + noun 随机抽查"),
    ("开展专题询问，[[7名|COUNT>a]]部门[[负责人|ACTIVITY=inquiry#a]]到会应询。", "clause: noun 负责人 + 应询 after"),
    # an object takes the type of the work named before it
    ("组织代表开展集中视察，督促整改[[问题|ACTIVITY=inspection_visit#a]][[8个|COUNT>a]]。", "inherit: 问题 after 集中视察"),
    # a span cut short inside a longer term is said so
    ("批准条约和重要[[协定|ACTIVITY=foreign_affairs#a]][[14项|COUNT>a]]。", "clause: verb 批准 + noun 协定; lexicon term 条约和重要协定"),
    ("全年开展执法[[检查|ACTIVITY=enforcement_inspection#a]][[6次|COUNT>a]]。", "lexicon term 执法检查 across the span edge"),
    # recurring cases of the guidelines
    ("向县委请示报告[[重大事项|ACTIVITY=report_review#a]][[3件|COUNT>a]]。", "clause: verb 请示报告 + noun 事项"),
    ("讨论决定[[重大事项|ACTIVITY=resolution#a]][[3件|COUNT>a]]。", "lexicon term 重大事项"),
    ("为群众办[[实事|ACTIVITY=outreach#a]][[15件|COUNT>a]]。", "lexicon term 实事"),
    ("票决产生[[民生实事项目|ACTIVITY=evaluation#a]][[8个|COUNT>a]]。", "clause: 票决 before + noun 项目"),
    ("全年开展信访接待，接待[[群众|ACTIVITY=petition#a]][[80人次|COUNT>a]]。", "clause: 信访 before + noun 群众"),
    ("备案审查中提出[[纠正意见|ACTIVITY=filing_review#a]][[2条|COUNT>a]]。", "clause: 备案审查 before + noun 纠正意见"),
    # the last characters; nothing at all
    ("举办[[恳谈会|ACTIVITY=meeting#a]][[3场|COUNT>a]]。", "suffix 会"),
    ("办结[[回函|ACTIVITY=other#a]][[5份|COUNT>a]]。", "default"),
]


def _typed(markup):
    ann = parse_markup(markup)
    [act] = [e for e in ann.entities if e["label"] == "ACTIVITY"]
    return ann.text, act


@pytest.mark.parametrize("markup,why", PER_TYPE + PER_PATTERN)
def test_type_by_span_and_clause(markup, why):
    text, act = _typed(markup)
    d = type_activity(text, act["start"], act["end"])
    assert (d.type, d.source[:len(why)]) == (act["type"], why)


def test_every_schema_type_has_a_sentence():
    assert {_typed(m)[1]["type"] for m, _ in PER_TYPE} == set(ACTIVITY_TYPES)


def test_a_span_alone_is_typed_by_its_terms():
    assert activity_type("执法检查") == "enforcement_inspection"
    assert activity_type("代表履职培训班") == "training"
    assert activity_type("法律的实施情况") == "enforcement_inspection"
    assert type_activity("回函").source == "default"


def test_the_lexicon_is_data_and_its_types_are_the_schema_types():
    lex = typing_lexicon()
    assert set(lex.term_type.values()) | {r.type for r in lex.rules} <= set(ACTIVITY_TYPES)
    assert set(lex.term_type.values()) == set(ACTIVITY_TYPES)   # every type has noun terms


@pytest.mark.parametrize("markup,work", [
    ("共办结[[12件|COUNT]]。", True),
    ("开展集中视察[[4次|COUNT]]。", True),
    ("形成[[3个|COUNT]]。", True),
    ("覆盖[[12个|COUNT]]乡镇。", False),          # places
    ("对[[36个|COUNT]]部门开展测评。", False),     # bodies
    ("惠及群众[[5万人|COUNT]]。", False),          # people
    ("走访[[300户|COUNT]]。", False),              # households
    ("阅读 [[1200 次|COUNT]]。", False),          # page metadata
])
def test_work_counts_are_told_apart_mechanically(markup, work):
    from nrcie.normalize.numbers import normalize_quantity

    ann = parse_markup(markup)
    [c] = ann.entities
    assert is_work_count(ann.text, c["start"], c["end"], normalize_quantity(c["text"], "COUNT").unit) is work
