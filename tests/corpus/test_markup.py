import pytest

from nrcie.corpus.markup import MarkupError, parse_markup, render_markup

MARKUP = "召开[[常委会会议|ACTIVITY#a1]][[9次|COUNT>a1]]，[[县人大常委会|BODY]]审议[[《某条例》|REGULATION]]。"


def test_markup_is_stripped_to_text_with_offsets():
    ann = parse_markup(MARKUP)
    assert ann.text == "召开常委会会议9次，县人大常委会审议《某条例》。"
    for e in ann.entities:
        assert ann.text[e["start"]:e["end"]] == e["text"]
    assert ann.relations == [{"label": "COUNT_OF", "head": "T2", "tail": "T1"}]


def test_render_is_the_inverse_of_parse():
    ann = parse_markup(MARKUP)
    again = parse_markup(render_markup(ann.text, ann.entities, ann.relations))
    assert (again.text, again.entities, again.relations) == (ann.text, ann.entities, ann.relations)


@pytest.mark.parametrize("bad,message", [
    ("[[会议|MEETINGS]]", "unknown label"),
    ("[[执法检查|ACTIVITY]]", "needs an #id"),
    ("[[执法检查|ACTIVITY#a]]", "not counted"),
    ("[[3次|COUNT>zz]]", "no ACTIVITY defines"),
    ("召开[[会议|MEETING]", "malformed markup"),
    ("[[ 会议|MEETING]]", "white space"),
])
def test_bad_markup_is_reported_with_line(bad, message):
    with pytest.raises(MarkupError, match=message):
        parse_markup("第一行\n" + bad, where="x.txt")
