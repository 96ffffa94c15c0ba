"""Count, money and percent normalisation: value, unit, approximate flag."""
import pytest

from nrcie.normalize.numbers import normalize_quantity, parse_chinese_number, parse_number

CASES = [
    # surface, label, value, unit, approximate
    ("10次", "COUNT", 10, "次", False),
    ("18个", "COUNT", 18, "个", False),
    ("80人次", "COUNT", 80, "人次", False),
    ("5.87万人次", "COUNT", 58700, "人次", False),
    ("500余场次", "COUNT", 500, "场次", True),
    ("2000余人次", "COUNT", 2000, "人次", True),
    ("近万名", "COUNT", 10000, "名", True),
    ("1.1万余个", "COUNT", 11000, "个", True),
    ("十八个", "COUNT", 18, "个", False),
    ("两个", "COUNT", 2, "个", False),
    ("三十五件", "COUNT", 35, "件", False),
    ("一百二十项", "COUNT", 120, "项", False),
    ("两千五百名", "COUNT", 2500, "名", False),
    ("一万二千人", "COUNT", 12000, "人", False),
    ("十次", "COUNT", 10, "次", False),
    ("二十一期", "COUNT", 21, "期", False),
    ("１２次", "COUNT", 12, "次", False),
    ("２０００余人", "COUNT", 2000, "人", True),
    ("10 次", "COUNT", 10, "次", False),
    ("1,200人", "COUNT", 1200, "人", False),
    ("200多人次", "COUNT", 200, "人次", True),
    ("约50人", "COUNT", 50, "人", True),
    ("逾300件", "COUNT", 300, "件", True),
    ("超1000人次", "COUNT", 1000, "人次", True),
    ("40个左右", "COUNT", 40, "个", True),
    ("60人以上", "COUNT", 60, "人", True),
    ("3岁以下", "COUNT", 3, "岁", True),
    ("几十万个", "COUNT", 100000, "个", True),
    ("1700多万名", "COUNT", 17000000, "名", True),
    ("3%以内", "PERCENT", 3, "%", True),
    ("1300多亿美元", "MONEY", 130000000000, "美元", True),
    ("2.5万亿元以上", "MONEY", 2500000000000, "元", True),
    ("8件（次）", "COUNT", 8, "件", False),
    ("12场(次)", "COUNT", 12, "场", False),
    ("3至5次", "COUNT", 3, "次", True),
    ("1.3万件", "COUNT", 13000, "件", False),
    ("3万余件", "COUNT", 30000, "件", True),
    ("9583个", "COUNT", 9583, "个", False),
    ("451人", "COUNT", 451, "人", False),
    ("35批次", "COUNT", 35, "批次", False),
    ("334篇次", "COUNT", 334, "篇次", False),
    ("628万元", "MONEY", 6280000, "元", False),
    ("30万元", "MONEY", 300000, "元", False),
    ("39亿元", "MONEY", 3900000000, "元", False),
    ("2.5亿元", "MONEY", 250000000, "元", False),
    ("三十万元", "MONEY", 300000, "元", False),
    ("近千万元", "MONEY", 10000000, "元", True),
    ("1850万元", "MONEY", 18500000, "元", False),
    ("98%", "PERCENT", 98, "%", False),
    ("96.5％", "PERCENT", 96.5, "%", False),
    ("百分之九十五", "PERCENT", 95, "%", False),
    ("1.7倍", "PERCENT", 1.7, "倍", False),
    ("1.5个百分点", "PERCENT", 1.5, "个百分点", False),
]


@pytest.mark.parametrize("surface,label,value,unit,approx", CASES, ids=[c[0] for c in CASES])
def test_quantity_normalises_value_unit_and_approximate(surface, label, value, unit, approx):
    q = normalize_quantity(surface, label)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.approximate is approx


def test_enough_cases_are_covered():
    assert len(CASES) >= 40


def test_range_keeps_its_upper_bound():
    q = normalize_quantity("3至5万元", "MONEY")
    assert (q.value, q.value_max, q.approximate) == (30000, 50000, True)


def test_bracketed_alternative_measure_is_kept_apart():
    assert normalize_quantity("8件（次）").alt_unit == "次"


@pytest.mark.parametrize("text,value", [("二〇二三", 2023), ("十", 10), ("十五", 15), ("一百零五", 105),
                                        ("三千零二十", 3020), ("两万", 20000)])
def test_chinese_numerals(text, value):
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "多", "若干"])
def test_non_numbers_give_none(text):
    assert parse_number(text) is None
