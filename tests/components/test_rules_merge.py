"""How the rule component merges its spans with a model's entities (character offsets)."""
import pytest

from nrcie.components.rules import RulesComponent
from nrcie.pipeline import blank

TEXT = "审议《县物业管理条例》草案，开展执法检查2次"
TITLE = (2, 11)          # 《县物业管理条例》
COUNT = (20, 22)         # 2次


def _doc(model_ents):
    nlp = blank()
    doc = nlp.make_doc(TEXT)
    doc.ents = [doc.char_span(s, e, label=l) for s, e, l in model_ents]
    return doc


def _ents(doc):
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


CASES = [
    # (model entities, component options, expected entities)
    ([(3, 9, "BODY")], {"overwrite_labels": ["REGULATION", "COUNT"]},
     [(*TITLE, "REGULATION"), (*COUNT, "COUNT")]),
    ([(14, 16, "REGULATION")], {"overwrite_labels": ["REGULATION", "COUNT"]},
     [(*TITLE, "REGULATION"), (14, 16, "REGULATION"), (*COUNT, "COUNT")]),
    ([(14, 16, "REGULATION")], {"overwrite_labels": ["REGULATION", "COUNT"], "exclusive_labels": ["REGULATION"]},
     [(*TITLE, "REGULATION"), (*COUNT, "COUNT")]),
    ([(14, 16, "MEETING")], {"overwrite_labels": ["REGULATION", "COUNT"], "exclusive_labels": ["REGULATION"]},
     [(*TITLE, "REGULATION"), (14, 16, "MEETING"), (*COUNT, "COUNT")]),
    ([(3, 9, "BODY")], {"overwrite_ents": False, "labels": ["COUNT"]},
     [(3, 9, "BODY"), (*COUNT, "COUNT")]),
]


@pytest.mark.parametrize("model_ents,options,expected", CASES)
def test_rule_spans_merge_with_model_entities(model_ents, options, expected):
    assert _ents(RulesComponent(**options)(_doc(model_ents))) == expected


def test_exclusive_labels_is_a_factory_setting_that_round_trips(tmp_path):
    import spacy

    nlp = blank()
    nlp.add_pipe("nrcie_rules_v1", config={"exclusive_labels": ["REGULATION"]})
    nlp.to_disk(tmp_path / "p")
    assert spacy.load(tmp_path / "p").get_pipe("nrcie_rules_v1").exclusive_labels == {"REGULATION"}



def _kept(text, model_ents):
    """The model entities a rule layer that overwrites with its COUNTs keeps."""
    doc = blank().make_doc(text)
    doc.ents = [doc.char_span(s, e, label=l) for s, e, l in model_ents]
    out = {(e.start_char, e.end_char, e.label_) for e in RulesComponent(overwrite_labels=["COUNT"])(doc).ents}
    return [x for x in model_ents if x in out]


@pytest.mark.parametrize("text, model_ents, kept", [
    # a model COUNT inside a set phrase whose numeral counts nothing is dropped
    ("发挥中央和地方两个积极性。", [(7, 9, "COUNT")], []),
    ("增强四个意识。", [(2, 4, "COUNT")], []),
    # other labels there, and counts outside the phrase, stay
    ("发挥中央和地方两个积极性。", [(7, 12, "INITIATIVE")], [(7, 12, "INITIATIVE")]),
    ("开展调研两个，发挥两个积极性。", [(4, 6, "COUNT"), (9, 11, "COUNT")], [(4, 6, "COUNT")]),
    # a model INITIATIVE on a formula named to reject it is dropped (decision 136), a longer name stays
    ("防止政策执行“一刀切”。", [(6, 11, "INITIATIVE")], []),
    ("规范“三公”经费管理改革。", [(2, 13, "INITIATIVE")], [(2, 13, "INITIATIVE")]),
    # a fair or games are no meeting: a model MEETING on one is dropped
    ("成功举办广交会。", [(4, 7, "MEETING")], []),
])
def test_model_counts_inside_set_phrases_are_dropped(text, model_ents, kept):
    assert _kept(text, model_ents) == kept


@pytest.mark.parametrize("text, model_ents, kept", [
    # a number with no measure word is a COUNT only as a magnitude counting people (C16)
    ("上亿市场主体渡过难关。", [(0, 2, "COUNT")], []),
    ("上亿群众喝上了干净的水。", [(0, 2, "COUNT")], [(0, 2, "COUNT")]),
    ("裁减军队员额20万。", [(6, 9, "COUNT")], [(6, 9, "COUNT")]),
    ("浏览:57", [(3, 5, "COUNT")], []),
])
def test_model_counts_without_a_measure_word_must_count_people(text, model_ents, kept):
    assert _kept(text, model_ents) == kept


@pytest.mark.parametrize("text, model_ents, kept", [
    # a DATE holds a time word or a date separator (C17): not a page counter, not an ordinal
    ("浏览次数：1362", [(5, 9, "DATE")], []),
    ("新征程的第一个五年。", [(4, 7, "DATE")], []),
    ("发布时间：2024-05-06", [(5, 15, "DATE")], [(5, 15, "DATE")]),
    ("用了三天时间完成。", [(2, 4, "DATE")], [(2, 4, "DATE")]),
])
def test_model_dates_without_a_time_word_are_dropped(text, model_ents, kept):
    assert _kept(text, model_ents) == kept


# a sentence written for this test: the rules find 射阳县人大常委会 (BODY) and 县委 (BODY)
BODY_TEXT = "2024年，射阳县人大常委会在县委领导下开展工作。"
OVERWRITE = ["COUNT", "DATE"]


def _apply(text, model_ents, **options):
    """The rule component (counts and dates overwrite) run on ``text`` holding the model's entities."""
    doc = blank().make_doc(text)
    doc.ents = [doc.char_span(s, e, label=l) for s, e, l in model_ents]
    return _ents(RulesComponent(overwrite_labels=OVERWRITE, **options)(doc))


@pytest.mark.parametrize("model_ents, labels, expected", [
    # the model cut the place off the body's name: the rule span takes its place
    ([(8, 14, "BODY")], ["DATE", "BODY"], [(0, 5, "DATE"), (6, 14, "BODY"), (15, 17, "BODY")]),
    # BODY extended only (not in labels): the name is taken, the gap at 县委 is not filled
    ([(8, 14, "BODY")], ["DATE"], [(0, 5, "DATE"), (6, 14, "BODY")]),
    # a place inside the body's name is taken in too
    ([(6, 8, "PLACE"), (8, 14, "BODY")], ["DATE"], [(0, 5, "DATE"), (6, 14, "BODY")]),
    # a span of a label the name does not hold in its way: left alone
    ([(6, 8, "PERSON"), (8, 14, "BODY")], ["DATE"], [(0, 5, "DATE"), (6, 8, "PERSON"), (8, 14, "BODY")]),
])
def test_extend_labels_let_a_rule_span_replace_the_model_spans_it_holds(model_ents, labels, expected):
    assert _apply(BODY_TEXT, model_ents, labels=labels, extend_labels=["BODY"]) == expected


def test_a_rule_meeting_takes_in_a_body_the_model_found_inside_its_name():
    model_ents = [(4, 10, "BODY")]       # 某某合作组织
    assert _apply("成功举办某某合作组织滨海峰会。", model_ents, labels=["DATE"], extend_labels=["MEETING"]) == [(4, 14, "MEETING")]


@pytest.mark.parametrize("text, model_ents, kept", [
    # a model's entity overlapping a website or account name is dropped (C12)
    ("四川人大网 > 工作动态", [(0, 2, "PLACE")], []),
    ("通过“射阳发布”平台直播", [(2, 10, "INITIATIVE")], []),
    # the same place in running text stays
    ("代表在四川调研", [(3, 5, "PLACE")], [(3, 5, "PLACE")]),
])
def test_model_entities_in_website_and_account_names_are_dropped(text, model_ents, kept):
    assert _apply(text, model_ents, labels=["DATE"]) == kept


@pytest.mark.parametrize("text, model_ents, kept", [
    # a class of bodies by their level names no body: the model's BODY is dropped
    ("对县级人大常委会的报备情况进行通报", [(1, 8, "BODY")], []),
    # a body named by its place stays
    ("对射阳县人大常委会的报备情况进行通报", [(1, 9, "BODY")], [(1, 9, "BODY")]),
])
def test_model_bodies_naming_a_class_of_bodies_are_dropped(text, model_ents, kept):
    assert _apply(text, model_ents, labels=["DATE"]) == kept


def test_a_rule_place_takes_the_place_of_the_model_places_inside_it():
    model_ents = [(1, 3, "PLACE")]        # 中国|大陆
    assert _apply("在中国大陆，也可能在其他地方", model_ents, labels=["DATE"], extend_labels=["PLACE"]) == [(1, 5, "PLACE")]


@pytest.mark.parametrize("model_ents, expected", [
    # a model PLACE the rule's two one-character countries cover exactly: the two
    ([(2, 4, "PLACE")], [(2, 3, "PLACE"), (3, 4, "PLACE")]),
    # a model span of another label is left to itself
    ([(2, 4, "BODY")], [(2, 4, "BODY")]),
])
def test_a_model_place_two_rule_places_cover_is_split(model_ents, expected):
    text = "推动中欧全面合作"
    assert _apply(text, model_ents, labels=["DATE"], extend_labels=["PLACE", "BODY"]) == expected
