import pytest

from nrcie.normalize.text import normalize_for_model

CASES = [
    "召开会议１０次",
    "2020\u00a0年 4 月\u200b",
    "第一行\r\n第二行",
    "<p>召开会议&nbsp;10次</p>",
    "😀表情 and ASCII",
    "",
]


@pytest.mark.parametrize("text", CASES)
def test_normalisation_keeps_length(text):
    assert len(normalize_for_model(text)) == len(text)


def test_fullwidth_digits_become_ascii_and_html_is_blanked():
    assert normalize_for_model("１０次") == "10次"
    assert normalize_for_model("<b>会议</b>") == "   会议    "


def test_lone_surrogates_become_spaces_of_the_same_length():
    from nrcie.normalize.text import normalize_for_model

    assert normalize_for_model("会议\ud8008次") == "会议 8次"


@pytest.mark.parametrize("call", ["parse", "parse_many"])
def test_lone_surrogates_parse_with_offsets_into_the_input(call):
    import nrcie

    text = "召开常委会会议\ud8008次"
    r = nrcie.parse(text, model="rules") if call == "parse" else next(nrcie.parse_many([text], model="rules"))
    assert [(e.start, e.end, e.label) for e in r.entities] == [(2, 7, "ACTIVITY"), (8, 10, "COUNT")]
    assert [a.value for a in r.activities] == [8.0]


def test_result_line_of_text_with_a_surrogate_is_valid_json():
    import json

    import nrcie
    from nrcie.batch import result_line

    line = result_line("x.txt", nrcie.parse("召开常委会会议\ud8008次", model="rules"))
    line.encode("utf-8")
    assert json.loads(line)["text"] == "召开常委会会议\ud8008次"
