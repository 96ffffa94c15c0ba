"""nrcie_boundary_snap_v1: model span edges that stop inside a word move by one character."""
import json
import pytest

from nrcie.components.boundary import BoundarySnap
from nrcie.corpus.standoff import GoldDoc


def _gold(text, *spans):
    ents = []
    for i, (surface, label) in enumerate(spans):
        start = text.index(surface)
        ents.append({"id": f"T{i}", "label": label, "start": start, "end": start + len(surface), "text": surface})
    return GoldDoc(f"d{len(text)}", text, ents, [])


# a tiny training set written for this test: typical edges of BODY and DOCUMENT spans
TRAIN = [
    _gold("党中央作出部署，县委召开会议，市人大常委会听取报告。", ("党中央", "BODY"), ("县委", "BODY"), ("市人大常委会", "BODY")),
    _gold("省法院和市中级法院报告工作，区委研究。", ("省法院", "BODY"), ("市中级法院", "BODY"), ("区委", "BODY")),
    _gold("编制发展规划，实施五年立法规划。", ("发展规划", "DOCUMENT"), ("五年立法规划", "DOCUMENT")),
]


def _trained(golds, **options):
    s = BoundarySnap(**options)
    s.train(golds)
    return s


@pytest.fixture(scope="module")
def snap():
    return _trained(TRAIN)


@pytest.mark.parametrize("text, span, expected", [
    ("党中央团结带领人民", (0, 4, "BODY"), (0, 3, "BODY")),          # swallowed the first character of 团结
    ("县委部署的工作", (0, 3, "BODY"), (0, 2, "BODY")),              # 县委|部署
    ("省法院院长出席", (0, 4, "BODY"), (0, 3, "BODY")),              # 省法院|院长
    ("编制发展规划纲要", (2, 5, "DOCUMENT"), (2, 6, "DOCUMENT")),     # one short: …规|划
    ("县委召开会议", (0, 2, "BODY"), (0, 2, "BODY")),                # already on a word boundary: left alone
    ("市人大常委会主任出席", (0, 6, "BODY"), (0, 6, "BODY")),         # 常委会|主任: left alone
    ("党中央团结带领人民", (0, 4, "PERSON"), (0, 4, "PERSON")),       # no statistics for the label: left alone
])
def test_edges_move_to_the_typical_word_boundary(snap, text, span, expected):
    assert snap.snap(text, [span]) == [expected]


def test_an_edge_never_moves_into_another_span_or_across_punctuation(snap):
    text = "编制发展规，纲要"
    assert snap.snap(text, [(2, 5, "DOCUMENT")]) == [(2, 5, "DOCUMENT")]
    text = "编制发展规划纲要"
    assert snap.snap(text, [(2, 5, "DOCUMENT"), (5, 8, "DOCUMENT")]) == [(2, 5, "DOCUMENT"), (5, 8, "DOCUMENT")]


def test_untrained_component_changes_nothing():
    assert BoundarySnap().snap("党中央团结", [(0, 4, "BODY")]) == [(0, 4, "BODY")]


def test_statistics_round_trip_through_disk(snap, tmp_path):
    snap.to_disk(tmp_path / "snap")
    loaded = BoundarySnap().from_disk(tmp_path / "snap")
    assert loaded.ends == snap.ends and loaded.starts == snap.starts


def test_component_in_a_pipeline_moves_doc_ents(snap):
    from nrcie.pipeline import blank

    nlp = blank()
    comp = nlp.add_pipe("nrcie_boundary_snap_v1")
    comp.train(TRAIN)
    doc = nlp.make_doc("党中央团结带领人民")
    doc.ents = [doc.char_span(0, 4, label="BODY")]
    doc = comp(doc)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(0, 3, "BODY")]


@pytest.mark.parametrize("ents, kept", [
    # a one-character BODY (市|人大) is no gold span: dropped; a PLACE may be one character (川)
    ([(0, 1, "BODY"), (4, 5, "PLACE")], [(4, 5, "PLACE")]),
    # a one-character span of a label the component does not handle stays
    ([(0, 1, "COUNT")], [(0, 1, "COUNT")]),
    # two characters and more stay
    ([(0, 3, "BODY")], [(0, 3, "BODY")]),
])
def test_one_character_spans_only_of_labels_that_may_be_one(snap, ents, kept):
    from nrcie.pipeline import blank

    nlp = blank()
    # unseen ends kept: no BODY of TRAIN ends in 大 (市人大), that is another test's case
    comp = nlp.add_pipe("nrcie_boundary_snap_v1", config={"unseen_ends": "keep"})
    comp.train(TRAIN)
    doc = nlp.make_doc("市人大与川渝两地")
    doc.ents = [doc.char_span(s, e, label=l) for s, e, l in ents]
    doc = comp(doc)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize("text, span, expected", [
    # stops inside an established name: moved onto it
    ("培育和践行社会主义核心价值观。", (5, 11, "INITIATIVE"), (5, 14, "INITIATIVE")),
    ("坚持铸牢中华民族共同体意识。", (3, 13, "INITIATIVE"), (2, 13, "INITIATIVE")),
    # crosses one (starts inside it, ends a word after it)
    ("落实全面从严治党要求。", (4, 10, "INITIATIVE"), (2, 8, "INITIATIVE")),
    # contains one whole: left alone (the longer name is the span)
    ("开展全面依法治国专题学习。", (2, 12, "INITIATIVE"), (2, 12, "INITIATIVE")),
    # PLACE too: a division's name cut short, a pair of short names cut in two
    ("前往平安区调研。", (2, 4, "PLACE"), (2, 5, "PLACE")),
    ("团结港澳同胞。", (2, 3, "PLACE"), (2, 4, "PLACE")),
    # a label without gazetteer_labels: left alone
    ("培育和践行社会主义核心价值观。", (5, 11, "DOCUMENT"), (5, 11, "DOCUMENT")),
])
def test_spans_move_onto_the_established_names_they_cut(text, span, expected):
    assert BoundarySnap().to_terms(text, [span]) == [expected]


def test_pieces_of_one_name_with_its_label_become_the_name():
    text = "深入开展党的群众路线教育实践活动。"
    spans = [(4, 6, "INITIATIVE"), (6, 16, "INITIATIVE")]
    assert BoundarySnap().to_terms(text, spans) == [(4, 16, "INITIATIVE"), None]
    # a piece of another label stays in the way
    assert BoundarySnap().to_terms(text, [(4, 6, "BODY"), (6, 16, "INITIATIVE")]) == [(4, 6, "BODY"), (6, 16, "INITIATIVE")]


def test_a_body_name_takes_the_place_pieces_inside_it():
    text = "支持香港、澳门特别行政区政府依法施政。"
    spans = [(2, 4, "PLACE"), (5, 14, "BODY")]
    assert BoundarySnap().to_terms(text, spans) == [None, (2, 14, "BODY")]


@pytest.mark.parametrize("text, spans, expected", [
    # places alone inside a body's name, no BODY span there: the name, as a BODY
    ("设立北京证券交易所和广州期货交易所。", [(2, 4, "PLACE"), (10, 12, "PLACE")], [(2, 9, "BODY"), (10, 17, "BODY")]),
    ("支持香港、澳门特别行政区政府依法施政。", [(2, 4, "PLACE"), (5, 12, "PLACE")], [(2, 14, "BODY"), None]),
    # a place that is the whole name, or a span of another label in the way: left alone
    ("他们来自北京，也去过广州。", [(4, 6, "PLACE")], [(4, 6, "PLACE")]),
    ("设立北京证券交易所。", [(2, 4, "PLACE"), (4, 6, "ACTIVITY")], [(2, 4, "PLACE"), (4, 6, "ACTIVITY")]),
])
def test_places_alone_inside_a_body_name_become_the_body(text, spans, expected):
    assert BoundarySnap().to_terms(text, spans) == expected


def test_a_name_is_not_taken_when_another_span_is_in_the_way():
    text = "培育和践行社会主义核心价值观。"
    spans = [(5, 11, "INITIATIVE"), (11, 13, "BODY")]
    assert BoundarySnap().to_terms(text, spans) == spans


@pytest.mark.parametrize("text, span, mode, expected", [
    # 会 never ends a gold DOCUMENT here, 委/院/央 end BODY spans: a BODY ending in 查 is cut
    # back to the longest prefix whose last two characters end a gold BODY (…法院, 县委)
    ("省法院大督查启动", (0, 6, "BODY"), "trim", (0, 3, "BODY")),
    ("县委带头督查", (0, 6, "BODY"), "trim", (0, 2, "BODY")),
    # no such prefix: dropped
    ("预警预防和应急", (0, 7, "BODY"), "trim", None),
    ("省法院大督查启动", (0, 6, "BODY"), "drop", None),
    ("省法院大督查启动", (0, 6, "BODY"), "keep", (0, 6, "BODY")),
    # a span whose last character ends gold spans of its label stays
    ("市人大常委会", (0, 6, "BODY"), "trim", (0, 6, "BODY")),
    # labels outside end_labels (PERSON: any character ends a name) and labels without statistics stay
    ("王小查出席", (0, 3, "PERSON"), "trim", (0, 3, "PERSON")),
    ("检查督查", (0, 4, "MEETING"), "trim", (0, 4, "MEETING")),
])
def test_spans_ending_where_no_gold_span_of_their_label_ends(snap, text, span, mode, expected):
    snap.unseen_ends = mode
    try:
        assert snap.to_seen_ends(text, [span]) == [expected]
    finally:
        snap.unseen_ends = "trim"


def test_unseen_ends_setting_is_validated():
    from nrcie.pipeline import blank

    with pytest.raises(ValueError, match="unseen_ends"):
        blank().add_pipe("nrcie_boundary_snap_v1", config={"unseen_ends": "cut"})


def test_component_drops_a_span_with_an_unseen_end(snap):
    from nrcie.pipeline import blank

    nlp = blank()
    comp = nlp.add_pipe("nrcie_boundary_snap_v1")
    comp.train(TRAIN)
    doc = nlp.make_doc("预警预防和应急，县委带头督查")
    doc.ents = [doc.char_span(0, 7, label="BODY"), doc.char_span(8, 14, label="BODY")]
    doc = comp(doc)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(8, 10, "BODY")]


# established names (rule gazetteer) followed by a word: the gold leaves 要求 outside the
# name twice and takes 定位 in once
TAILS = [
    _gold("落实全面从严治党要求。", ("全面从严治党", "INITIATIVE")),
    _gold("坚持全面从严治党要求不动摇。", ("全面从严治党", "INITIATIVE")),
    _gold("明确“四个机关”定位，提升能力。", ("“四个机关”定位", "INITIATIVE")),
]


@pytest.mark.parametrize("text, span, expected", [
    # the name and a word the gold leaves outside: cut back to the name
    ("贯彻全面从严治党要求。", (2, 10, "INITIATIVE"), (2, 8, "INITIATIVE")),
    # a word the gold takes in stays (“四个机关”定位)
    ("突出“四个机关”定位。", (2, 10, "INITIATIVE"), (2, 10, "INITIATIVE")),
    # a word the gold has not shown after a name: left alone (全面依法治国专题学习)
    ("开展全面依法治国专题学习。", (2, 12, "INITIATIVE"), (2, 12, "INITIATIVE")),
])
def test_a_name_followed_by_a_word_the_gold_leaves_outside_is_cut_back(text, span, expected):
    snap = _trained(TAILS)
    assert snap.tails["要求"] == [0, 2] and snap.tails["定位"] == [1, 0]
    assert snap.to_terms(text, [span]) == [expected]


def test_tails_round_trip_and_older_statistics_load_without_them(tmp_path):
    snap = _trained(TAILS)
    snap.to_disk(tmp_path / "snap")
    assert BoundarySnap().from_disk(tmp_path / "snap").tails == snap.tails
    import json

    data = json.loads((tmp_path / "snap" / "edges.json").read_text(encoding="utf-8"))
    del data["tails"]
    (tmp_path / "snap" / "edges.json").write_text(json.dumps(data), encoding="utf-8")
    assert BoundarySnap().from_disk(tmp_path / "snap").tails == {}


def test_a_count_running_into_the_next_word_is_cut_back_to_its_measure():
    snap = _trained([_gold("惠及近600万群众，新建12个站点。", ("近600万", "COUNT"), ("12个", "COUNT"))])
    text = "惠及近6000万低保人员"
    assert snap.to_seen_ends(text, [(2, 9, "COUNT")]) == [(2, 8, "COUNT")]      # 近6000万|低
    assert snap.to_seen_ends("学雷锋活动", [(1, 3, "COUNT")]) == [None]            # 雷锋: no count ends in 锋


def _at(text, surface, label="ACTIVITY"):
    start = text.index(surface)
    return (start, start + len(surface), label)


@pytest.mark.parametrize("text, cut, whole", [
    # stops inside a lexicon term that starts in the span: extended to the term's end
    ("年底组织满意度测评两次。", "满意度", "满意度测评"),
    ("印发宣传资料三千份。", "宣传", "宣传资料"),
    ("答复代表建议、批评和意见四十件。", "建议、批评", "建议、批评和意见"),
    # ends on a term's end already, or starts inside a term (重要|事项): left alone
    ("开展执法检查六次。", "执法检查", "执法检查"),
    ("报告重要事项九件。", "事项", "事项"),
])
def test_an_activity_cut_short_inside_a_lexicon_term_is_extended_to_its_end(text, cut, whole):
    assert BoundarySnap().to_term_ends(text, [_at(text, cut)]) == [_at(text, whole)]


@pytest.mark.parametrize("text, cut, label, other", [
    ("年底组织满意度测评两次。", "满意度", "BODY", None),           # only term_end_labels
    ("年底组织满意度测评两次。", "满意度", "ACTIVITY", "测评"),      # another span in the way
])
def test_an_activity_is_not_extended_for_another_label_or_into_another_span(text, cut, label, other):
    spans = [_at(text, cut, label)] + ([_at(text, other, "MEETING")] if other else [])
    assert BoundarySnap().to_term_ends(text, spans) == spans


def test_term_end_labels_can_be_switched_off_in_the_component():
    text = "年底组织满意度测评两次。"
    assert BoundarySnap(term_end_labels=[]).to_term_ends(text, [_at(text, "满意度")]) == [_at(text, "满意度")]


@pytest.mark.parametrize("label", ["DATE", "COUNT", "BODY"])
def test_component_drops_a_span_of_punctuation_only_of_any_label(snap, label):
    import spacy

    doc = spacy.blank("zh").make_doc("各位代表！五年来，")
    doc.ents = [doc.char_span(4, 5, label=label), doc.char_span(5, 8, label="DATE")]
    assert [(e.text, e.label_) for e in snap(doc).ents] == [("五年来", "DATE")]


# gold written for this test: activities ending in 企业
FIRMS = [_gold("走访民营企业五家，调研重点企业三家。", ("走访民营企业", "ACTIVITY"), ("调研重点企业", "ACTIVITY"))]


@pytest.mark.parametrize("text, cut, expected", [
    ("常委会走访市属国有企业十家。", "走访市属国有", "走访市属国有企业"),   # two short of the word's end
    ("常委会走访市属国有企业十家。", "走访市属国有企", "走访市属国有企业"),  # one short
    ("常委会走访市属国有企，业十家。", "走访市属国有企", "走访市属国有企"),  # punctuation in the way
])
def test_an_end_cutting_a_word_may_move_to_the_word_end_two_characters_on(text, cut, expected):
    assert _trained(FIRMS).snap(text, [_at(text, cut)]) == [_at(text, expected)]


@pytest.mark.parametrize("text, span, label, expected", [
    ("全市建成人大代表之家、联络站二百个。", "人大代表之家、", "ACTIVITY", "人大代表之家"),
    ("会上，县委书记讲话。", "，县委", "BODY", "县委"),
    ("召开会议三次；", "三次；", "COUNT", "三次"),
    # an opening quote or bracket the span does not close, a closing one it does not open
    ("（以下简称“法工委”）在会上发言。", "“法工委", "BODY", "法工委"),
    ("他说：“张明华”。", "张明华”", "PERSON", "张明华"),
    # balanced ones stay
    ("践行“两个确立”。", "“两个确立”", "INITIATIVE", "“两个确立”"),
])
def test_component_trims_punctuation_off_the_edges_of_a_span(snap, text, span, label, expected):
    import spacy

    doc = spacy.blank("zh").make_doc(text)
    s = text.index(span)
    doc.ents = [doc.char_span(s, s + len(span), label=label)]
    assert [(e.text, e.label_) for e in snap(doc).ents] == [(expected, label)]


# gold written for this test: meetings and the words before them
MEETINGS = [
    _gold("常委会召开主任会议，主任出席座谈会。", ("主任会议", "MEETING"), ("座谈会", "MEETING")),
    _gold("认真贯彻全省人大工作会议精神，在全市推进会上讲话。", ("全省人大工作会议", "MEETING"), ("全市推进会", "MEETING")),
]


@pytest.fixture(scope="module")
def meeting_snap():
    return _trained(MEETINGS)


@pytest.mark.parametrize("text, model, expected", [
    # starts where no gold meeting does: back to the word the gold has before meetings (召开, 在)
    ("常委会召开代表建议重点督办工作推进会。", "工作推进会", "代表建议重点督办工作推进会"),
    ("领导在纪念大会成立30周年纪念峰会上讲话。", "30周年纪念峰会", "纪念大会成立30周年纪念峰会"),
    # or back to punctuation
    ("二是，代表建议督办工作推进会。", "工作推进会", "代表建议督办工作推进会"),
    # a start the gold knows, or no such word within twelve characters: left alone
    ("常委会召开全市推进会。", "全市推进会", "全市推进会"),
    ("这是关于进一步加强和改进代表建议办理工作的推进会", "工作的推进会", "工作的推进会"),
])
def test_a_meeting_starting_where_no_gold_meeting_does_takes_its_phrase(meeting_snap, text, model, expected):
    assert meeting_snap.to_phrase_starts(text, [_at(text, model, "MEETING")]) == [_at(text, expected, "MEETING")]


def test_a_meeting_takes_in_a_body_before_it_but_not_a_date(meeting_snap):
    snap = meeting_snap
    text = "认真贯彻省委深化改革实践活动座谈会精神。"
    spans = [_at(text, "省委", "BODY"), _at(text, "实践活动座谈会", "MEETING")]
    assert snap.to_phrase_starts(text, spans) == [None, _at(text, "省委深化改革实践活动座谈会", "MEETING")]
    text = "召开2024年工作推进会。"
    spans = [_at(text, "2024年", "DATE"), _at(text, "工作推进会", "MEETING")]
    assert snap.to_phrase_starts(text, spans) == spans


def test_a_meeting_a_rule_starts_is_left_alone(meeting_snap):
    text = "，圆满完成市七届人大三次会议各项任务。"
    assert meeting_snap.to_phrase_starts(text, [_at(text, "市七届人大三次会议", "MEETING")]) == [
        _at(text, "市七届人大三次会议", "MEETING")]


def test_befores_round_trip_and_older_statistics_load_without_them(meeting_snap, tmp_path):
    meeting_snap.to_disk(tmp_path / "snap")
    assert BoundarySnap().from_disk(tmp_path / "snap").befores == meeting_snap.befores
    data = json.loads((tmp_path / "snap" / "edges.json").read_text(encoding="utf-8"))
    del data["befores"]
    (tmp_path / "snap" / "edges.json").write_text(json.dumps(data), encoding="utf-8")
    old = BoundarySnap().from_disk(tmp_path / "snap")
    text = "常委会召开代表建议重点督办工作推进会。"
    assert old.to_phrase_starts(text, [_at(text, "工作推进会", "MEETING")]) == [_at(text, "工作推进会", "MEETING")]


@pytest.mark.parametrize("text, span, expected", [
    # an unseen end: back to the longest established name of its label the span starts with
    ("开展海东市青藏高原牦牛产业调研。", "海东市青藏高原牦牛", "海东市"),
    ("开展格尔木市青新藏陆港项目调研。", "格尔木市青新藏陆港", "格尔木市"),
])
def test_a_span_with_an_unseen_end_is_cut_back_to_the_name_it_starts_with(text, span, expected):
    snap = _trained([_gold("赴海东市和西宁市调研。", ("海东市", "PLACE"), ("西宁市", "PLACE")),
                     _gold("在海东调研。", ("海东", "PLACE"))])
    assert snap.to_seen_ends(text, [_at(text, span, "PLACE")]) == [_at(text, expected, "PLACE")]


@pytest.mark.parametrize("text, spans, expected", [
    # touching spans of one label: one span
    ("全年开展接待选民活动九场。", [("接待", "ACTIVITY"), ("选民活动", "ACTIVITY")], [("接待选民活动", "ACTIVITY"), None]),
    ("由大会主席团交付审议。", [("大会", "BODY"), ("主席团", "BODY")], [("大会主席团", "BODY"), None]),
    # not after a verb that is no work term itself, not across labels or a gap
    ("对法规开展执法检查两次。", [("法规开展", "ACTIVITY"), ("执法检查", "ACTIVITY")],
     [("法规开展", "ACTIVITY"), ("执法检查", "ACTIVITY")]),
    ("县委常委会会议", [("县委", "BODY"), ("常委会会议", "MEETING")], [("县委", "BODY"), ("常委会会议", "MEETING")]),
    ("接待、选民活动", [("接待", "ACTIVITY"), ("选民活动", "ACTIVITY")], [("接待", "ACTIVITY"), ("选民活动", "ACTIVITY")]),
])
def test_touching_spans_of_one_merge_label_become_one(text, spans, expected):
    snap = BoundarySnap(merge_labels=["ACTIVITY", "BODY", "MEETING"])
    got = snap.to_merged(text, [_at(text, s, label) for s, label in spans])
    assert got == [_at(text, *x) if x else None for x in expected]


def test_merging_is_off_by_default():
    text = "全年开展接待选民活动九场。"
    spans = [_at(text, "接待"), _at(text, "选民活动")]
    assert BoundarySnap().to_merged(text, spans) == spans


@pytest.mark.parametrize("text, spans, expected", [
    # the dot in the first part, in the second, or between them: one name, merging on or off
    ("主任艾山江·吐尔逊说，", [("艾山江·", "PERSON"), ("吐尔逊", "PERSON")], [("艾山江·吐尔逊", "PERSON"), None]),
    ("主任艾山江·吐尔逊说，", [("艾山江", "PERSON"), ("·吐尔逊", "PERSON")], [("艾山江·吐尔逊", "PERSON"), None]),
    ("主任艾山江·吐尔逊说，", [("艾山江", "PERSON"), ("吐尔逊", "PERSON")], [("艾山江·吐尔逊", "PERSON"), None]),
    # three parts
    ("主任阿米娜·艾山·吐尔逊说，", [("阿米娜", "PERSON"), ("艾山", "PERSON"), ("吐尔逊", "PERSON")],
     [("阿米娜·艾山·吐尔逊", "PERSON"), None, None]),
    # no dot, another label or a gap: left alone
    ("王明李华说，", [("王明", "PERSON"), ("李华", "PERSON")], [("王明", "PERSON"), ("李华", "PERSON")]),
    ("主任艾山江·吐尔逊说，", [("艾山江", "PERSON"), ("吐尔逊", "PLACE")], [("艾山江", "PERSON"), ("吐尔逊", "PLACE")]),
    ("主任艾山江·和吐尔逊说，", [("艾山江", "PERSON"), ("吐尔逊", "PERSON")], [("艾山江", "PERSON"), ("吐尔逊", "PERSON")]),
])
def test_person_parts_joined_by_a_name_dot_become_one_name(text, spans, expected):
    got = BoundarySnap().to_merged(text, [_at(text, s, label) for s, label in spans])
    assert got == [_at(text, *x) if x else None for x in expected]


@pytest.mark.parametrize("text, span, expected", [
    # established names joined by 、 and nothing else: the names
    ("推行河长制、湖长制，开展巡查。", "河长制、湖长制", ["河长制", "湖长制"]),
    # anything else between or around them: left alone
    ("推行河长制和湖长制，开展巡查。", "河长制和湖长制", "河长制和湖长制"),
    ("推行河长制、湖长制工作，开展巡查。", "河长制、湖长制工作", "河长制、湖长制工作"),
])
def test_names_joined_by_a_list_comma_are_split(text, span, expected):
    want = [_at(text, x, "INITIATIVE") for x in expected] if isinstance(expected, list) else _at(text, expected, "INITIATIVE")
    assert BoundarySnap().to_split_names(text, [_at(text, span, "INITIATIVE")]) == [want]


def test_component_splits_names_into_entities():
    import spacy

    text = "推行河长制、湖长制，开展巡查。"
    doc = spacy.blank("zh").make_doc(text)
    doc.ents = [doc.char_span(2, 9, label="INITIATIVE")]
    assert [(e.text, e.label_) for e in BoundarySnap()(doc).ents] == [("河长制", "INITIATIVE"), ("湖长制", "INITIATIVE")]


def test_gazetteer_names_are_looked_up_once_per_text_and_label(monkeypatch):
    import spacy

    from nrcie.components import boundary

    calls = []
    real = boundary._names
    monkeypatch.setattr(boundary, "_names", lambda text, label: calls.append(label) or real(text, label))
    snap = _trained([_gold("赴海东市调研，推行河长制。", ("海东市", "PLACE"), ("河长制", "INITIATIVE"))])
    text = "推行河长制、湖长制，赴海东市青藏高原牦牛产业调研。"
    doc = spacy.blank("zh").make_doc(text)
    doc.ents = [doc.char_span(2, 9, label="INITIATIVE"), doc.char_span(11, 20, label="PLACE")]
    snap(doc)
    assert sorted(calls) == sorted(set(calls)) == sorted(snap.gazetteer_labels)
