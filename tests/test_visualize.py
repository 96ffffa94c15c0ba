"""nrcie.visualize: displaCy views of entities and COUNT_OF links."""
import re
from importlib.metadata import entry_points

import pytest

import nrcie
from nrcie.schema import COUNT_OF, LABELS
from nrcie.visualize import COLORS, displacy_colors, relation_views, render_entities, render_relations

# Two sentences with links (activity before its count, and a count before its
# activity), then one with entities but no link.
TEXT = ("本年度共召开常委会会议6次，开展执法检查3次。"
        "对12件规范性文件开展备案审查。"
        "审议《某县河道管理条例（草案）》。")

ARC = re.compile(r'class="displacy-arc"')


@pytest.fixture(scope="module")
def result(rules_nlp):
    r = nrcie.parse(TEXT, model=rules_nlp)
    assert sum(rel.label == COUNT_OF for rel in r.relations) >= 3, r.relations
    return r


def test_colors_give_each_schema_label_its_own_colour():
    assert set(COLORS) == set(LABELS)
    assert len(set(COLORS.values())) == len(COLORS)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in COLORS.values())


def test_displacy_colors_returns_a_copy_of_colors():
    got = displacy_colors()
    assert got == COLORS
    got["COUNT"] = "#000000"
    assert COLORS["COUNT"] != "#000000"


def test_entry_point_when_declared_loads_displacy_colors():
    eps = [ep for ep in entry_points(group="spacy_displacy_colors") if ep.value.startswith("nrcie.")]
    if not eps:
        pytest.skip("spacy_displacy_colors entry point not declared in pyproject.toml (or not reinstalled)")
    assert [ep.value for ep in eps] == ["nrcie.visualize:displacy_colors"]
    assert eps[0].load()() == COLORS


def test_render_entities_html_holds_entity_texts_and_our_colours(result):
    html = render_entities(result, jupyter=False)
    assert isinstance(html, str)
    for e in result.entities:
        assert e.text in html
        assert f"background: {COLORS[e.label]}" in html
    assert html.count('class="entity"') == len(result.entities)
    assert "本年度共召开" in html                      # plain text is kept too


def test_render_entities_of_a_doc_matches_the_result(result):
    assert render_entities(result.doc, jupyter=False) == render_entities(result, jupyter=False)


def test_render_entities_takes_a_list_and_a_label_filter(result):
    html = render_entities([result, result], jupyter=False, labels=["COUNT"])
    n_counts = sum(e.label == "COUNT" for e in result.entities)
    assert html.count('class="entity"') == 2 * n_counts
    assert "《某县河道管理条例（草案）》" in html         # unmarked, still there as text


def test_render_entities_refuses_other_input():
    with pytest.raises(TypeError, match="ParseResult or a spaCy Doc"):
        render_entities("召开会议3次", jupyter=False)


def test_render_relations_draws_one_arc_per_count_of(result):
    html = render_relations(result, jupyter=False)
    n = sum(r.label == COUNT_OF for r in result.relations)
    assert len(ARC.findall(html)) == n
    assert html.count('class="displacy-arrowhead"') == n
    assert COUNT_OF in html
    for r in result.relations:
        assert result.entities[r.head].text in html and result.entities[r.tail].text in html


def test_relation_views_cut_sentences_into_entity_chunks(result):
    views = relation_views(result)
    assert len(views) == 2                             # the third sentence has no link
    first = views[0]
    assert "".join(w["text"] for w in first["words"]) == "本年度共召开常委会会议6次，开展执法检查3次。"
    tags = {w["text"]: w["tag"] for w in first["words"]}
    assert tags["执法检查"] == "ACTIVITY" and tags["3次"] == "COUNT" and tags["，开展"] == ""
    for view in views:
        for arc in view["arcs"]:
            assert arc["label"] == COUNT_OF and arc["start"] < arc["end"]
            # the arrow points at the ACTIVITY: "left" puts the arrow head at ``start``
            target = arc["start"] if arc["dir"] == "left" else arc["end"]
            source = arc["end"] if arc["dir"] == "left" else arc["start"]
            assert view["words"][target]["tag"] == "ACTIVITY"
            assert view["words"][source]["tag"] == "COUNT"
    assert {a["dir"] for v in views for a in v["arcs"]} == {"left", "right"}


def test_long_plain_chunks_are_shortened_unless_asked_not_to(result):
    short = relation_views(result, max_chunk=4)
    assert any("…" in w["text"] and not w["tag"] for v in short for w in v["words"])
    assert all(len(w["text"]) <= 4 for v in short for w in v["words"] if not w["tag"])
    whole = relation_views(result, max_chunk=None)
    assert not any("…" in w["text"] for v in whole for w in v["words"])


def test_sentence_filter_and_max_sentences(result):
    assert len(relation_views(result, sentence_filter="备案审查")) == 1
    assert len(relation_views(result, sentence_filter=lambda s: "常委会会议" in s)) == 1
    assert len(relation_views(result, sentence_filter="没有这句")) == 0
    one = render_relations(result, jupyter=False, max_sentences=1)
    assert len(ARC.findall(one)) == len(relation_views(result)[0]["arcs"])


def test_no_links_gives_a_note_and_no_arc(rules_nlp):
    r = nrcie.parse("审议《某县河道管理条例》。", model=rules_nlp)
    html = render_relations(r, jupyter=False)
    assert "no COUNT_OF links" in html and not ARC.search(html)
    assert render_relations(nrcie.parse("", model=rules_nlp), jupyter=False) == html


def test_render_relations_refuses_a_doc(result):
    with pytest.raises(TypeError, match="ParseResult"):
        render_relations(result.doc, jupyter=False)


def test_a_text_parsed_in_parts_renders_from_its_offsets(rules_nlp):
    from nrcie.runner import CHUNK_CHARS

    text = TEXT * (CHUNK_CHARS // len(TEXT) + 2)
    r = nrcie.parse(text, model=rules_nlp)
    assert r.doc is None                               # long text: no single Doc
    html = render_entities(r, jupyter=False)
    assert html.count('class="entity"') == len(r.entities)
    n = sum(rel.label == COUNT_OF for rel in r.relations)
    assert len(ARC.findall(render_relations(r, jupyter=False))) == n


def test_jupyter_true_displays_and_returns_none(result, capsys):
    pytest.importorskip("IPython")
    assert render_entities(result, jupyter=True) is None
    assert render_relations(result, jupyter=True) is None
