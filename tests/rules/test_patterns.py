"""Each label's rule patterns, table-driven: expected spans written as markup.

Only the label under test is compared, so a row states every span of that label
the rules must find in the sentence, and no other.
"""
import pytest

from nrcie.rules.engine import default_engine
from tests.helpers import marked

ROWS = {
    "COUNT": [
        "全年召开常委会会议[[12次|COUNT]]，听取专项报告[[十八个|COUNT]]。",
        "组织代表活动[[5500余人次|COUNT]]，收集意见[[1300余条|COUNT]]。",
        "惠及群众[[5.87万人次|COUNT]]，动员代表[[近万名|COUNT]]参加。",
        "开展培训[[１２场|COUNT]]，培训干部[[２０００余人|COUNT]]。",
        "审议议案[[10 次|COUNT]]，形成报告[[3至5篇|COUNT]]。",
        "办理建议[[8件（次）|COUNT]]，建成站点[[40个左右|COUNT]]。",
        "新增[[1.1万余个|COUNT]]，约见代表[[约50人|COUNT]]。",
        "专题询问[[一次|COUNT]]，效果良好。",
        # 多 before the multiplier; measures of outcomes (decision 118)
        "资助学生[[1700多万名|COUNT]]，救助群众[[三千多万人次|COUNT]]，新建住房[[22.5平方米|COUNT]]，装机[[500万千瓦|COUNT]]。",
        # numerals inside established formulas and set phrases count nothing (decision 113)
        "坚持和平共处五项原则，利用国内国际两个市场，调整三次产业结构，关键零部件，大家一起努力。",
        "这是一项重要职权，也是一个重要平台。",  # 一 as an article
        "第二次会议首次听取了报告，多次开展调研。",  # ordinals, vague
        "增强“四个意识”，坚持“一府两院”报告制度。",  # numerals inside slogans
        "共计[[389984个|COUNT]]字，第74页。",
        # a bare magnitude counting people (C16); not money, not 人 of 人民
        "惠及[[1.77亿|COUNT]]农民，资助[[2400多万|COUNT]]贫困家庭学生，全市[[120万|COUNT]]人民，投入50万元。",
    ],
    "MONEY": [
        "争取资金[[628万元|MONEY]]，另设[[30万元|MONEY]]专项经费。",
        "撬动投资[[2.5亿元|MONEY]]，节约[[近千万元|MONEY]]。",
        "安排[[三十万元|MONEY]]用于代表活动。",
        "实际使用外资[[1300多亿美元|MONEY]]，投入[[2.5万亿元以上|MONEY]]。",
    ],
    "PERCENT": [
        "办结率[[100%|PERCENT]]，满意率[[96.5％|PERCENT]]。",
        "增长[[1.7倍|PERCENT]]，下降[[1.5个百分点|PERCENT]]，达到[[百分之九十五|PERCENT]]。",
        "比上年提高[[2个多百分点|PERCENT]]。",
        # approximators and thresholds after it are inside; 接近 is a verb, not the approximator 近
        "增长[[7.5%左右|PERCENT]]，覆盖[[90%以上|PERCENT]]，赤字率[[3%以内|PERCENT]]，比重接近[[40%|PERCENT]]。",
    ],
    "DATE": [
        "[[2023年|DATE]]，常委会在[[2022年12月27日|DATE]]召开会议。",
        "[[2021—2025年|DATE]]规划，[[2022—2026|DATE]]五年行动。",
        "日期：[[2021-05-21|DATE]] 来源：本报",
        "[[一年|DATE]]来成效明显，过去[[五年|DATE]]稳步推进。",
        "[[2024年上半年|DATE]]完成，[[2023年度|DATE]]考核，[[3月15日|DATE]]启动。",
        "[[2020 年 4 月|DATE]]，今年以来，全年，近年来。",
        # a month after 今年/去年 (今年 itself stays bare); qualifiers inside the span
        "今年[[7月|DATE]]开会，去年[[12月20日|DATE]]通过，到[[2012年底|DATE]]，[[9月份|DATE]]，[[四月初|DATE]]。",
        # decades and centuries; 过去的一年, 新的一年, 十多年来
        "[[八十年代初|DATE]]普及，到[[本世纪末|DATE]]实现，过去的[[一年|DATE]]，新的[[一年|DATE]]，[[十多年|DATE]]来。",
    ],
    "REGULATION": [
        "制定[[《云南省河道管理条例》|REGULATION]]，修改[[《中华人民共和国民法典》|REGULATION]]。",
        "开展[[畜牧法|REGULATION]]、[[固体废物污染环境防治法|REGULATION]]执法检查，学习[[宪法|REGULATION]]。",
        # laws since replaced, as older reports name them
        "先后通过[[婚姻法|REGULATION]]、[[民法通则|REGULATION]]、[[国家公务员暂行条例|REGULATION]]。",
        "出台[[《关于加强预算审查监督的决定》|REGULATION]]和[[《某市促进办法（试行）》|REGULATION]]。",
        "审议[[《某省物业管理条例》（草案）|REGULATION]]，贯彻[[“两法两条例”|REGULATION]]。",
        "贯彻法律法规，健全地方性法规体系。",  # generic words are not names
        # a law name that starts a longer word is none (公司法|人), a short Basic Law name is one
        "健全现代企业制度和公司法人治理结构，落实[[澳门基本法|REGULATION]]。",
        # a session's resolution named after the session (decision 114)
        "第九届全国人民代表大会第二次会议[[关于政府工作报告的决议|REGULATION]]",
        # web copies with the title brackets on lines of their own: the title line is the span
        "制定《\n[[某市河道管理条例|REGULATION]]\n》，修改《\r\n[[某县禁牧办法（试行）|REGULATION]]\r\n》。",
        # rules of procedure named by their owner; a verb pair ending in 完善 starts no name
        "修订完善[[常委会议事规则|REGULATION]]和[[主任会议议事规则|REGULATION]]，建立健全议事规则。",
        # an amendment is a law (GUIDELINES 138); 法律 and 法制 after a law name are other words
        "[[宪法修正案|REGULATION]]通过后，审议[[个人所得税法修正案（草案）|REGULATION]]等议案。",
        "严格执行安全生产法律法规，加强安全生产法制建设。",
        # an enumerated instrument before 为 (以…办法、…办法为支撑)
        "以履职登记制度、[[述职测评办法|REGULATION]]为支撑。",
    ],
    "DOCUMENT": [
        "印发[[《某县2025年人大工作要点》|DOCUMENT]]，编发[[《人大通讯》|DOCUMENT]]。",
        "落实[[《中共某市委关于加强人大工作的决定》|DOCUMENT]]。",
        "制定[[《代表履职管理实施方案》|DOCUMENT]]。",
        # a plan named without 《》 after the verb that adopts it
        "县政府出台[[河道保护三年行动方案|DOCUMENT]]，制定实施[[农村教育发展纲要|DOCUMENT]]。",
        "国务院作出《\n[[关于加强农村学校建设的决定|DOCUMENT]]\n》。",
        # the government work report is a document, with its government's level inside
        "会议听取了总理所作的[[政府工作报告|DOCUMENT]]，审议[[镇人民政府工作报告|DOCUMENT]]。",
        "研究制定[[城乡建设总体方案|DOCUMENT]]，编制了[[旅游发展规划|DOCUMENT]]。",
        # ... not the clause around it, nor a plan whose drafting a 关于 title names
        "审议关于制定全县五年规划的建议，深入实施乡村振兴战略。",
        "制定好新的发展规划。",
        # a five-year plan by its number; a named sector's plan is left to the model
        "完成[[“十四五”规划|DOCUMENT]]目标，编制[[“十五五”规划纲要|DOCUMENT]]，抓好交通建设“十四五”规划。",
        # five-year plans by ordinal and the law-popularisation plans by number
        "实现[[第六个五年计划|DOCUMENT]]，编制[[国民经济和社会发展第九个五年计划|DOCUMENT]]，启动[[“八五”普法规划|DOCUMENT]]。",
        # plans adopted by 贯彻, 发布 or 签署; a list of laws and a plan is not one plan
        "认真贯彻[[农村教育发展实施纲要|DOCUMENT]]，发布[[城市防汛应急预案|DOCUMENT]]，签署[[区域合作框架协议|DOCUMENT]]。",
        "认真贯彻某某法、某某法和农村教育发展实施纲要。",
        # a congress body's own work report or summary by its title (C11): as a title line, after a
        # headline's dash, inline after a place; not a counted report, a section heading or 主要工作报告如下
        "[[某江县人大常委会2025年工作综述|DOCUMENT]]\n2025年，常委会……",
        "依法履职开新篇——[[某山区某湖街道人大工委2024年上半年工作总结|DOCUMENT]]",
        "[[某某土家族苗族自治州人民代表大会常务委员会工作报告|DOCUMENT]]\n各位代表：",
        "一是，[[某市人大常委会五年监督工作综述|DOCUMENT]]；二是，[[某某县人大常委会工作报告|DOCUMENT]]。",
        "听取审议县人大常委会工作报告两个，现将一年来的主要工作报告如下。\n一、2025年工作回顾",
    ],
    "BODY": [
        "[[县人大常委会|BODY]]在[[中共大理州委|BODY]]领导下，与[[市人民政府|BODY]]协同。",
        "[[主任会议|BODY]]研究，[[全国人大常委会|BODY]]部署，[[“一府一委两院”|BODY]]配合。",
        "[[市人大常委会党组|BODY]]听取汇报，[[县委|BODY]]高度重视。",
        "督促[[县人民政府|BODY]]整改，积极配合[[省人大常委会|BODY]]开展调研。",
        "，科学制定[[市人大常委会|BODY]]年度计划，通报[[县人民政府|BODY]]办理情况。",
        "，转交[[州人民政府|BODY]]研究，（图为[[县人大常委会|BODY]]调研），要求[[县人民政府|BODY]]报告。",
        # a committee or government by its level after a preposition or verb that takes it; not its secretary
        "在[[市委|BODY]]领导下，向[[县委|BODY]]报告，支持[[区政府|BODY]]工作，市委书记讲话。",
        # a congress's own offices with a level prefix
        "[[省人大机关|BODY]]开展学习，[[市人大机关|BODY]]干部参加。",
        # national and international institutions by their fixed names
        "[[世贸组织|BODY]]和[[联合国|BODY]]的报告提到[[深圳证券交易所|BODY]]。",
        # the two regions' governments named together are one body (decision 134)
        "支持[[香港、澳门特别行政区政府|BODY]]依法施政，[[特别行政区政府|BODY]]履职。",
        "听取[[“两院”|BODY]]工作报告，[[“两高”|BODY]]作出解释。",
    ],
    "MEETING": [
        "[[市七届人大三次会议|MEETING]]确定的任务，[[党的二十大|MEETING]]精神。",
        "[[省委十二届六次全会|MEETING]]，[[党的二十届三中全会|MEETING]]，[[中央人大工作会议|MEETING]]。",
        "[[常委会第十二次会议|MEETING]]审议，[[泸州市第九届人民代表大会第二次会议|MEETING]]上。",
        # a verb before the level word is no part of a place name, wherever it stands in the 1-4 characters
        "，圆满完成[[市七届人大三次会议|MEETING]]各项任务，提交[[区九届人大三次会议|MEETING]]审议。",
        # international summits by their fixed names; fairs and games are no meetings
        "出席[[金砖国家领导人会晤|MEETING]]和[[二十国集团领导人峰会|MEETING]]，办好广交会和冬奥会。",
        # summits, leaders' meetings and anniversary rallies named before their head, after the verb
        "成功举办[[某某合作组织滨海峰会|MEETING]]、[[中非团结抗疫特别峰会|MEETING]]、[[中欧领导人会晤|MEETING]]。",
        "主席在[[某某条约签署30周年纪念大会|MEETING]]上讲话，筹备全省峰会的文件。",
    ],
    "INITIATIVE": [
        "衷心拥护[[“两个确立”|INITIATIVE]]，强化[[“四个机关”建设|INITIATIVE]]。",
        "开展[[“我为群众办实事”实践活动|INITIATIVE]]和[[主题教育|INITIATIVE]]。",
        "践行[[全过程人民民主|INITIATIVE]]，落实[[河长制|INITIATIVE]]，推行[[“三会一课”制度|INITIATIVE]]。",
        "以[[习近平新时代中国特色社会主义思想|INITIATIVE]]为指导，推动高质量发展。",
        # national programmes named as such, with the 建设 that follows them
        "各地推进[[健康中国建设|INITIATIVE]]，为[[美丽中国|INITIATIVE]]添彩，响应[[全球发展倡议|INITIATIVE]]。",
        # established names the train gold supports (training/tools/initiative_terms.py)
        "坚持[[民主集中制|INITIATIVE]]，纠治[[“四风”|INITIATIVE]]，开展[[党纪学习教育|INITIATIVE]]。",
        # a five-year plan's number in quotes is no formula
        "“十四五”时期，坚持[[“三个代表”重要思想|INITIATIVE]]，完成\"十三五\"目标。",
        # formulas named to reject them and everyday categories are none (decision 136)
        "防止“一刀切”，压减“三公”经费，降低“五险一金”费率，落实[[“三会一课”|INITIATIVE]]。",
    ],
    "PLACE": [
        # a region by its one-character abbreviation in a policy's set phrase; not 台商
        "坚持中央对[[台|PLACE]]工作大政方针，加强援[[藏|PLACE]]援[[疆|PLACE]]工作，吸引台商投资。",
        # a website or account name carries no annotation, its place part included (C12)
        "某江人大网 > 工作动态\n通过“某县发布”平台直播，代表在[[四川|PLACE]]调研。",
        # two countries named by one character each; macro-regions and river reaches; not 中西部地区
        "[[中|PLACE]][[美|PLACE]]关系稳定，[[中|PLACE]][[欧|PLACE]]全面合作，集中美化环境。",
        "[[西部地区|PLACE]]和[[长江上游|PLACE]]，资金投向中西部地区。",
        "推进[[西部|PLACE]]开发、[[东北|PLACE]]振兴、[[中部|PLACE]]崛起、[[东部|PLACE]]率先发展，实施西部大开发。",
        "在[[贵州省|PLACE]]和[[四川|PLACE]]之间，[[赤水河流域|PLACE]]治理，保护[[长江|PLACE]]。",
        "全省、我县、基层单位都不是地名。",
        # 中国 alone is the country; inside a name or formula it is not (decision 135)
        "[[中国|PLACE]]与世界同发展，坚持中国特色社会主义，推进中国式现代化，建设平安中国和新中国的发展中国家伙伴。",
        "团结[[港澳|PLACE]]同胞，做好[[港澳台|PLACE]]工作，深化[[粤港澳|PLACE]]合作，支持香港、澳门特别行政区政府。",
        # countries and world regions (world.yaml); not at the start of a people's, a body's or a forum's name
        "发展同[[美国|PLACE]]、[[俄罗斯|PLACE]]和[[欧洲|PLACE]]的关系，加强同[[非洲|PLACE]]、[[拉丁美洲|PLACE]]的合作。",
        "延边朝鲜族群众参加博鳌亚洲论坛，出席东南亚国家联盟会议。",
        # a province's name starting an institution's is none (四川大学, 上海合作组织)
        "聘请四川大学教授，出席上海合作组织峰会，考察[[重庆|PLACE]]。",
        # county-level names with their suffix (regions.json); a division inside its parent's is one
        # PLACE; short county names stay out (城关 is a word); a region is no division (海东市|青藏高原)
        "走访[[平遥县|PLACE]]和[[涪陵区|PLACE]]，支援[[湖南省华容县|PLACE]]、[[西藏定日县|PLACE]]，城关社区。",
        "开展[[海东市|PLACE]][[青藏高原|PLACE]]牦牛产业调研。",
        # short names in a list of divisions before 等地; alone they stay out
        "调研组分赴[[宜宾|PLACE]]、[[南充|PLACE]]、[[涪陵|PLACE]]等地，长安街上，城关一带。",
    ],
}

CASES = [(label, row) for label, rows in ROWS.items() for row in rows]


@pytest.mark.parametrize("label,markup", CASES, ids=[f"{l}-{i}" for i, (l, _) in enumerate(CASES)])
def test_rules_find_exactly_the_marked_spans(label, markup):
    text, expected = marked(markup)
    found = {(c.start, c.end, c.label) for c in default_engine().find(text) if c.label == label}
    assert found == {x for x in expected if x[2] == label}


def test_every_span_says_why_it_matched():
    for c in default_engine().find("2023年，县人大常委会召开常委会会议10次，审议《某条例》。"):
        assert c.source.startswith("rules:") and c.why


def test_spans_never_overlap():
    cands = default_engine().find("召开县十八届人大二次会议，听取县人民政府工作报告3个，县委常委会会议5次。")
    for a, b in zip(cands, cands[1:]):
        assert a.end <= b.start


@pytest.mark.parametrize("surface, date", [
    ("2024年", True), ("三天", True), ("本世纪末", True), ("2019-11-28", True), ("一周", True),
    ("1362", False), ("第一个", False), ("百余", False),
])
def test_a_date_holds_a_time_word_or_a_date_separator(surface, date):
    from nrcie.rules.magnitudes import is_date

    assert is_date(surface) is date
