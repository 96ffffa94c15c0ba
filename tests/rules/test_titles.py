"""《》 titles are classed by the instrument they name (guidelines, decisions 1-3)."""
import pytest

from nrcie.rules.titles import classify_title, title_core

CASES = [
    ("《贵州省政务服务条例》", "REGULATION"),
    ("《中华人民共和国立法法》", "REGULATION"),
    ("《某市献血条例》", "REGULATION"),
    ("《关于支持检察院开展民事支持起诉的工作办法(试行)》", "REGULATION"),
    ("《某省人大常委会议事规则》", "REGULATION"),
    ("《某市人民代表大会常务委员会关于加强国有资产管理情况监督的决定》", "REGULATION"),
    ("《关于批准2024年市级预算调整方案的决议》", "REGULATION"),
    ("《中共某县委关于加强新时代人大工作的决定》", "DOCUMENT"),
    ("《某县人大常委会2024年工作要点》", "DOCUMENT"),
    ("《代表声音》", "DOCUMENT"),
    ("《关于推进基层立法联络站建设的实施方案》", "DOCUMENT"),
    ("《某市法治政府建设规划》", "DOCUMENT"),
    ("《某省乡村清洁条例（草案）》", "REGULATION"),
]


@pytest.mark.parametrize("title,label", CASES, ids=[c[0] for c in CASES])
def test_title_class(title, label):
    assert classify_title(title) == label


def test_title_core_drops_brackets_and_trailing_parentheticals():
    assert title_core("《某市促进办法（试行）》") == "某市促进办法"


@pytest.mark.parametrize("before,title,label", [
    ("国务院作出", "《关于加强农村学校建设的决定》", "DOCUMENT"),      # the issuer before the title
    ("中共某省委印发", "《关于加强人大工作的决定》", "DOCUMENT"),
    ("市人大常委会作出", "《关于加强预算审查监督的决定》", "REGULATION"),
    ("国务院提请常委会审议通过", "《关于授权开展试点的决定》", "REGULATION"),  # the congress named last decides
    ("", "《关于加强预算审查监督的决定》", "REGULATION"),
    ("国务院制定", "《某某条例》", "REGULATION"),                        # the issuer only decides 决定/决议
], ids=lambda x: x if isinstance(x, str) else None)
def test_a_decision_is_classed_by_the_issuer_named_before_it(before, title, label):
    assert classify_title(title, before) == label
