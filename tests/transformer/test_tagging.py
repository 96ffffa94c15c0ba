"""BIO tagging, constrained decoding and windowing of the character tagger."""
import numpy as np
import pytest

from nrcie.transformer.model import owner_window, windows
from nrcie.transformer.tagging import TAGS, spans_to_tags, tags_to_spans, viterbi

SPANS = [(0, 2, "DATE"), (3, 9, "BODY"), (9, 11, "COUNT")]


def test_spans_to_tags_and_back():
    assert tags_to_spans(spans_to_tags(12, SPANS)) == SPANS


def test_viterbi_repairs_an_orphan_inside_tag():
    lp = np.log(np.full((4, len(TAGS)), 1e-4))
    lp[0, TAGS.index("O")] = 0
    lp[1, TAGS.index("I-COUNT")] = 0      # I without B is not allowed...
    lp[1, TAGS.index("B-COUNT")] = -0.5   # ...so the best allowed path starts the span here
    lp[2, TAGS.index("I-COUNT")] = 0
    lp[3, TAGS.index("O")] = 0
    assert tags_to_spans(viterbi(lp)) == [(1, 3, "COUNT")]


def test_spans_are_trimmed_of_white_space():
    tags = spans_to_tags(6, [(0, 4, "BODY")])
    assert tags_to_spans(tags, " 县委 x") == [(1, 3, "BODY")]


@pytest.mark.parametrize("n", [0, 1, 100, 254, 255, 1000, 4097])
def test_windows_cover_text_and_each_char_has_one_owner(n):
    wins = windows(n, 254, 192)
    if n == 0:
        return
    assert wins[0][0] == 0 and wins[-1][1] == n
    assert all(e - s <= 254 for s, e in wins)
    owner = owner_window(n, wins)
    assert (owner >= 0).all()
    for i in range(0, n, 37):
        s, e = wins[owner[i]]
        assert s <= i < e
