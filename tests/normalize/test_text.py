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
