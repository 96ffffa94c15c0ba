"""DATE values: surfaces to ISO start/end, qualifier and duration, placed by context and the
report's years (covered year 2023, delivered 2024 unless a row says otherwise).  Sentences
written for these tests; the DATE span is the part in [[...]]."""
import re

import pytest

from nrcie.normalize.dates import context_year, date_value, parse_date

Y, D = 2023, 2024

# markup, expected (start, end, qualifier, duration, resolved), years given (year, delivery_year, term years)
CASES = [
    ("[[2023年]]，常委会召开会议8次。", ("2023", "2023", None, None, True), None),
    ("审查批准[[2022年度]]决算。", ("2022", "2022", "fiscal_year", None, True), None),
    ("截至[[2022年12月底]]，已办结。", ("2022-12", "2022-12", "end", None, True), None),
    ("[[2016年初]]，召开大会。", ("2016", "2016", "begin", None, True), None),
    ("[[2023年上半年]]预算执行情况", ("2023", "2023", "first_half", None, True), None),
    ("[[2023年下半年]]，开展检查。", ("2023", "2023", "second_half", None, True), None),
    ("[[2023年第三季度]]", ("2023", "2023", "Q3", None, True), None),
    ("[[2011年至2015年]]，共制定法规9件。", ("2011", "2015", None, None, True), None),
    ("[[2018—2020年]]新建学校。", ("2018", "2020", None, None, True), None),
    ("[[2019年3月5日]]，会议开幕。", ("2019-03-05", "2019-03-05", None, None, True), None),
    ("时间：[[2019-03-05]] 来源：本站", ("2019-03-05", "2019-03-05", None, None, True), None),
    ("[[2021 年 9 月 16 日]]", ("2021-09-16", "2021-09-16", None, None, True), None),
    ("[[２０２２年６月]]起施行。", ("2022-06", "2022-06", None, None, True), None),
    ("[[二〇二三年]]工作回顾", ("2023", "2023", None, None, True), None),
    ("[[二○二三年十二月]]召开。", ("2023-12", "2023-12", None, None, True), None),
    ("[[二〇二四年一月十七日]]在大会上", ("2024-01-17", "2024-01-17", None, None, True), None),
    ("[[2022年3月至4月]]，开展调研。", ("2022-03", "2022-04", None, None, True), None),
    ("[[2012年至2016年10月]]，共任免干部。", ("2012", "2016-10", None, None, True), None),
    ("[[2017年1月至6月]]，常委会共召开会议。", ("2017-01", "2017-06", None, None, True), None),
    ("2022年，常委会在[[5月]]听取报告。", ("2022-05", "2022-05", None, None, True), None),
    ("常委会在[[5月]]听取报告。", ("2023-05", "2023-05", None, None, True), (Y, D, None)),
    ("常委会在[[5月]]听取报告。", (None, None, None, None, False), (None, None, None)),
    ("今年[[7月1日]]起施行。", ("2024-07-01", "2024-07-01", None, None, True), (Y, D, None)),
    ("截至[[12月底]]，已整改。", ("2023-12", "2023-12", "end", None, True), (Y, D, None)),
    ("[[6月中旬]]，汛期来临前检查。", ("2023-06", "2023-06", "mid", None, True), (Y, D, None)),
    ("[[7月下旬]]，组织视察。", ("2023-07", "2023-07", "late", None, True), (Y, D, None)),
    ("[[7月16日至19日]]，召开会议。", ("2023-07-16", "2023-07-19", None, None, True), (Y, D, None)),
    ("[[5月至7月]]，分组检查。", ("2023-05", "2023-07", None, None, True), (Y, D, None)),
    ("[[十二月]]，召开全会。", ("2023-12", "2023-12", None, None, True), (Y, D, None)),
    ("[[一年]]来，常委会依法履职。", ("2023", "2023", None, "P1Y", True), (Y, D, None)),
    ("过去[[一年]]，常委会依法履职。", ("2023", "2023", None, "P1Y", True), (Y, D, None)),
    ("[[一年]]来，常委会依法履职。", (None, None, None, "P1Y", False), (None, None, None)),
    ("过去[[五年]]的主要工作", ("2019", "2023", None, "P5Y", True), (Y, D, None)),
    ("[[五年]]来，共制定法规。", ("2019", "2023", None, "P5Y", True), (Y, D, None)),
    ("连续[[三年]]开展检查。", ("2021", "2023", None, "P3Y", True), (Y, D, None)),
    ("这[[一年]]，是关键的一年。", ("2023", "2023", None, "P1Y", True), (Y, D, None)),
    ("新的[[一年]]，我们将继续努力。", ("2024", "2024", None, "P1Y", True), (Y, D, None)),
    ("今后[[五年]]，要加强立法。", ("2024", "2028", None, "P5Y", True), (Y, D, None)),
    ("[[过去五年]]，成绩显著。", ("2019", "2023", None, "P5Y", True), (Y, D, None)),
    ("在[[三个月]]内提交报告。", (None, None, None, "P3M", False), (Y, D, None)),
    ("办理时限为[[5个工作日以内]]。", (None, None, "at_most", "P5D", False), (Y, D, None)),
    ("审批时间压缩到不超过[[120个工作日]]。", (None, None, None, "P120D", False), (Y, D, None)),
    ("停工[[一个月以上]]的企业", (None, None, "at_least", "P1M", False), (Y, D, None)),
    ("调研不少于[[20天]]。", (None, None, None, "P20D", False), (Y, D, None)),
    ("[[两个多月]]来，交出答卷。", (None, None, "about", "P2M", False), (Y, D, None)),
    ("[[半年]]来，各站点轮流值班。", (None, None, None, "P6M", False), (Y, D, None)),
    ("停留时间延长至[[240小时]]。", (None, None, None, "PT240H", False), (Y, D, None)),
    ("[[今年]]是开局之年。", ("2024", "2024", None, None, True), (Y, D, None)),
    ("[[今年]]是开局之年。", (None, None, None, None, False), (Y, None, None)),
    ("[[去年]]，常委会召开会议。", ("2023", "2023", None, None, True), (Y, D, None)),
    ("[[前年]]通过的条例", ("2022", "2022", None, None, True), (Y, D, None)),
    ("[[明年]]将修改条例。", ("2025", "2025", None, None, True), (Y, D, None)),
    ("[[一年来]]，常委会依法履职。", ("2023", "2023", None, None, True), (Y, D, None)),
    ("[[本届以来]]，共制定法规。", ("2019", "2023", None, None, True), (Y, D, [2019, 2020, 2021, 2022, 2023])),
    ("任期的[[第一年]]。", ("2019", "2019", None, "P1Y", True), (Y, D, [2019, 2020, 2021, 2022, 2023])),
    ("任期的[[头一年]]。", (None, None, None, "P1Y", False), (Y, D, None)),
    # the sentence names the ordinal year itself, whatever the term
    ("2021年是实施规划的[[第一年]]。", ("2021", "2021", None, "P1Y", True), (Y, D, [2019, 2020, 2021, 2022, 2023])),
    ("2021年是规划实施的[[第一年]]。", ("2021", "2021", None, "P1Y", True), (Y, D, None)),
    # ... but not across a sentence end
    ("2021年是关键之年。今年是任期的[[第一年]]。", ("2019", "2019", None, "P1Y", True), (Y, D, [2019, 2020, 2021, 2022, 2023])),
    # a sentence calling a year "…的一年" names it; the subject decides which
    ("今年将召开代表大会，是全县发展中十分重要的[[一年]]。", ("2024", "2024", None, "P1Y", True), (Y, D, None)),
    ("今年是完成规划目标任务的关键[[一年]]。", ("2024", "2024", None, "P1Y", True), (Y, D, None)),
    ("2021年是极不平凡的[[一年]]。", ("2021", "2021", None, "P1Y", True), (Y, D, None)),
    ("过去一年是很不容易的[[一年]]。", ("2023", "2023", None, "P1Y", True), (Y, D, None)),
    ("今年是关键之年。要用[[一年]]时间完成清理。", (None, None, None, "P1Y", False), (Y, D, None)),
    ("今年是开局之年，用[[一年]]时间完成清理。", (None, None, None, "P1Y", False), (Y, D, None)),
    ("建县[[60周年]]", (None, None, "anniversary", "P60Y", False), (Y, D, None)),
    ("宪法施行[[四十周年]]", (None, None, "anniversary", "P40Y", False), (Y, D, None)),
    ("[[上世纪九十年代]]制定的条例", ("1990", "1999", None, None, True), (Y, D, None)),
    ("[[二十世纪八十年代]]", ("1980", "1989", None, None, True), (Y, D, None)),
    ("[[八十年代初]]已经普及", ("1980", "1989", "begin", None, True), (Y, D, None)),
    # a century is the whole century; 初/末 are its qualifier (GUIDELINES, DATE values)
    ("在[[本世纪]]内建成", ("2001", "2100", None, None, True), (Y, D, None)),
    ("到[[本世纪末]]实现", ("1901", "2000", "end", None, True), (1998, 1999, None)),
    ("[[21世纪初]]的任务", ("2001", "2100", "begin", None, True), (Y, D, None)),
    ("[[上世纪]]建成的水库", ("1901", "2000", None, None, True), (Y, D, None)),
    ("每月[[15日]]为接待日", (None, None, None, None, False), (Y, D, None)),
    ("预计[[9月]]起施行。", ("2023-09", "2023-09", None, None, True), (Y, D, None)),
]


def _parse(markup):
    m = re.search(r"\[\[(.+?)\]\]", markup)
    text = markup[:m.start()] + m.group(1) + markup[m.end():]
    return text, m.start(), m.start() + len(m.group(1))


def test_the_table_has_at_least_forty_rows():
    assert len(CASES) >= 40


@pytest.mark.parametrize("markup,expected,years", CASES, ids=[c[0] for c in CASES])
def test_date_value(markup, expected, years):
    text, s, e = _parse(markup)
    year, delivery, term = years or (None, None, None)
    v = date_value(text, s, e, year=year, delivery_year=delivery, years=term)
    assert v is not None, f"no value for {text[s:e]}"
    assert (v.start, v.end, v.qualifier, v.duration, v.resolved) == expected, v.why


@pytest.mark.parametrize("surface", ["会议", "2023次", "13月", "第三次", "", "2023年13月"])
def test_non_dates_have_no_value(surface):
    assert parse_date(surface) is None


def test_unresolved_values_say_why():
    v = date_value("今年是开局之年。", 0, 2)
    assert not v.resolved and "delivery" in v.why


def test_context_year_stops_at_the_sentence_end():
    text = "2022年召开会议。5月听取报告。"
    assert context_year(text, text.index("5月")) is None
    assert context_year("2022年，5月", 6) == 2022


def test_gold_date_surfaces_get_a_value(seeds_available):
    """Coverage on the gold corpus: nearly every DATE span gets a value, resolved or
    explicitly unresolved (the texts are read at run time, never copied here)."""
    from nrcie.corpus.standoff import load_corpus

    total = covered = 0
    for gold in load_corpus():
        for e in gold.entities:
            if e["label"] == "DATE":
                total += 1
                covered += date_value(gold.text, e["start"], e["end"], year=Y, delivery_year=D) is not None
    assert total > 100 and covered / total >= 0.95, f"{covered}/{total}"
