"""Document facts from a report's head: table of texts we wrote, expected fields and
the offsets of the evidence."""
import pytest

from nrcie.document import DocumentFacts, document_facts

HEADER = ("青山县人民代表大会常务委员会工作报告\n"
          "——2024年1月9日在青山县第九届人民代表大会第三次会议上\n各位代表：\n过去一年，县人大常委会依法履职。")

CASES = [
    # a county report with a header: body, code, session, year before delivery
    ("大方县人民代表大会常务委员会工作报告\n——2024年1月10日在大方县第十八届人民代表大会第三次会议上\n"
     "各位代表：\n过去一年，县人大常委会召开会议8次。",
     {"body": "大方县人大常委会", "level": "county", "region": "大方县", "region_code": "520521", "year": 2023,
      "years": [2023], "genre": "work_report", "session": "大方县第十八届人民代表大会第三次会议",
      "delivery_year": 2024}),
    # parent and county in the title
    ("毕节市大方县人大常委会2023年工作综述\n2023年，县人大常委会在县委领导下开展工作。",
     {"body": "大方县人大常委会", "region_code": "520521", "year": 2023, "genre": "work_summary"}),
    # a township presidium: no code for townships
    ("石桥镇人民代表大会主席团工作报告\n——2023年1月6日在石桥镇第五届人民代表大会第二次会议上\n各位代表：",
     {"body": "石桥镇人大主席团", "level": "township", "region": "石桥镇", "region_code": None, "year": 2022}),
    # a term report delivered in December covers five years ending that year
    ("贵州省人民代表大会常务委员会工作报告\n——2022年12月28日在贵州省第十四届人民代表大会第一次会议上\n"
     "各位代表：\n五年来，常委会依法履职。",
     {"level": "province", "region_code": "520000", "year": 2022, "years": [2018, 2019, 2020, 2021, 2022]}),
    # the national standing committee
    ("全国人民代表大会常务委员会工作报告\n各位代表：\n2023年，常委会审议法律案20件。",
     {"body": "全国人大常委会", "level": "national", "region": "全国", "region_code": None, "year": 2023}),
    # a news page about a standing committee's inspection
    ("首页 > 新闻中心\n毕节市人大常委会开展执法检查\n发布时间：2023-05-12　来源：市人大常委会办公室\n"
     "5月10日，检查组深入乡镇。",
     {"body": "毕节市人大常委会", "level": "city", "region_code": "520500", "genre": "news", "year": 2023,
      "session": None}),
    # an excerpt with no header: the level from whom the body supervises and who leads it
    ("二、加强监督\n常委会在县委领导下，听取审议县人民政府专项工作报告5个。",
     {"body": "县人大常委会", "level": "county", "region": None, "year": None, "genre": "work_report"}),
    # no header, no date: the year from what its work says of other years (year_clues) ...
    ("二、加强监督\n常委会审查批准2021年县级决算，听取审议专项工作报告6个。",
     {"year": 2022, "years": [2022]}),
    ("二、加强监督\n常委会审查批准2023年县级决算，批准2024年县级预算调整方案。",
     {"year": 2024}),
    # ... the plan section opening on the coming year, for a term report five years
    ("一、五年来的主要工作\n五年来，常委会依法履职。\n\n二、今后一年工作的建议\n\n2026年是深化改革的关键之年。",
     {"year": 2025, "years": [2021, 2022, 2023, 2024, 2025]}),
    # ... not a review heading (主要工作), which names its own year
    ("一、2025年主要工作\n\n2025年是很不平凡的一年。常委会召开会议6次。",
     {"year": 2025}),
    # ... nor the final accounts together with the adjustment of the year before
    ("常委会审查批准2022年区级决算和预算调整方案，听取审议工作报告8个。",
     {"year": 2023}),
    # another body named as the guide is not the reporting body
    ("2023年，在市人大常委会的有力指导下，大方县人大常委会依法履职。",
     {"body": "大方县人大常委会", "level": "county"}),
    # a name the division table lacks is not the known one inside it (南县 in 滇南县) ...
    ("凝心聚力——滇南县人大常委会2024年工作回顾\n2024年，县人大常委会依法履职。",
     {"body": "滇南县人大常委会", "region": "滇南县", "region_code": None}),
    # ... while the known one alone keeps its code
    ("——南县人大常委会2024年工作回顾\n2024年，县人大常委会依法履职。",
     {"body": "南县人大常委会", "region": "南县", "region_code": "430921"}),
    # a bare level body takes the region its own instruments' titles name, far from the head
    ("市人大常委会工作报告\n" + "常委会坚持依法履职，认真开展监督工作。" * 30
     + "审议通过《孝感市古树名木保护条例》《孝感市物业管理条例》，批准《武汉市养犬管理条例》。",
     {"body": "孝感市人大常委会", "region": "孝感市", "region_code": "420900"}),
    # ... not when two divisions of its level are named as often
    ("市人大常委会工作报告\n" + "常委会坚持依法履职，认真开展监督工作。" * 30
     + "审议通过《孝感市古树名木保护条例》，批准《武汉市养犬管理条例》。",
     {"body": "市人大常委会", "region": None, "region_code": None}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_facts_read_from_the_head(text, expected):
    facts = document_facts(text, [])
    got = {k: getattr(facts, k) for k in expected}
    assert got == expected


def test_evidence_points_at_the_text():
    facts = document_facts(HEADER, [])
    ev = facts.evidence["session"]
    assert HEADER[ev["start"]:ev["end"]] == "青山县第九届人民代表大会第三次会议"
    assert facts.evidence["body"]["why"]
    assert facts.region_code is None  # 青山县 names several counties: ambiguous


def test_title_given_apart_reads_a_government_work_report():
    facts = document_facts("我们要加强社会保障。", [], title="2024年中华人民共和国国务院政府工作报告")
    assert (facts.body, facts.level, facts.year, facts.delivery_year, facts.genre) == (
        "国务院", "national", 2023, 2024, "work_report")
    assert facts.evidence["body"]["start"] is None


@pytest.mark.parametrize("title, text, expected", [
    # a report at an NPC first session (1983 + 5k) reviews the government's five years
    ("2018年中华人民共和国国务院政府工作报告", "五年来，我们推进改革。", (2017, [2013, 2014, 2015, 2016, 2017], "work_report")),
    ("2019年中华人民共和国国务院政府工作报告", "2019年，我们要推进改革。", (2018, [2018], "work_report")),
    # the NPC's resolution on the report: the plan year it names, less one; genre other
    ("第九届全国人民代表大会第二次会议关于政府工作报告的决议",
     "第九届全国人民代表大会第二次会议审议了政府工作报告，同意报告提出的1999年工作任务。",
     (1998, [1998], "other")),
    ("第九届全国人民代表大会第一次会议关于政府工作报告的决议",
     "（1998年3月19日第九届全国人民代表大会第一次会议通过）\n会议充分肯定国务院五年来的工作。",
     (1997, [1993, 1994, 1995, 1996, 1997], "other")),
    ("第九届全国人民代表大会第三次会议关于政府工作报告的决议", "会议批准这个报告。", (None, [], "other")),
])
def test_collection_titles_give_the_years(title, text, expected):
    facts = document_facts(text, [], title=title)
    assert (facts.year, facts.years or [], facts.genre) == expected
    if "决议" in title and "第九届" in text:
        assert facts.session == text[text.index("第九届"):text.index("会议", text.index("第九届") + 10) + 2]


@pytest.mark.parametrize("text", ["", "   \n", "今天天气很好。"])
def test_text_that_says_nothing_gives_empty_facts(text):
    facts = document_facts(text, [])
    assert facts.body is None and facts.year is None and facts.years == []


def test_to_dict_has_every_field():
    d = DocumentFacts().to_dict()
    assert set(d) >= {"body", "level", "region", "region_code", "year", "years", "genre", "session", "evidence"}


def test_parse_result_carries_facts_and_place_codes():
    import nrcie

    r = nrcie.parse("贵州省毕节市大方县人大常委会2023年工作综述\n2023年，县人大常委会赴贵州省、毕节市大方县调研。",
                    model="rules")
    assert r.document.region_code == "520521"
    assert r.to_dict()["document"]["body"] == "大方县人大常委会"
    # the title line is one DOCUMENT (C11); the places in the text carry their codes, a county
    # written inside its city's name is one PLACE with the county's code
    places = {e.text: e.region_code for e in r.entities if e.label == "PLACE"}
    assert places == {"贵州省": "520000", "毕节市大方县": "520521"}
