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


def _peaked(best: list[str], second: dict[int, tuple[str, float]] | None = None) -> np.ndarray:
    """Log-probabilities with ``best[i]`` at 0 and, where given, a runner-up at its score."""
    lp = np.log(np.full((len(best), len(TAGS)), 1e-4))
    for i, t in enumerate(best):
        lp[i, TAGS.index(t)] = 0
    for i, (t, v) in (second or {}).items():
        lp[i, TAGS.index(t)] = v
    return lp


# (best tag per character, runner-ups) -> spans decoded with the schema's span length
ONE_CHAR_CASES = [
    # a one-character BODY the tagger would open and close at once is extended when the
    # next character's I- is the runner-up (市|人大: the span goes on) ...
    (["O", "B-BODY", "O", "O"], {2: ("I-BODY", -1.0)}, [(1, 3, "BODY")]),
    # ... or not opened when going on costs more than leaving the character out
    (["O", "B-ACTIVITY", "O", "O"], {2: ("I-ACTIVITY", -12.0)}, []),
    # PLACE may be a single character (川, 沪)
    (["O", "B-PLACE", "O"], None, [(1, 2, "PLACE")]),
    # the last character cannot open a span that must go on
    (["O", "O", "B-COUNT"], None, []),
]


@pytest.mark.parametrize("best, second, spans", ONE_CHAR_CASES)
def test_only_single_char_labels_decode_as_one_character(best, second, spans):
    lp = _peaked(best, second)
    assert tags_to_spans(viterbi(lp)) == spans


def test_one_char_spans_setting_gives_the_unconstrained_decoder():
    lp = _peaked(["O", "B-BODY", "O", "O"], {2: ("I-BODY", -1.0)})
    assert tags_to_spans(viterbi(lp, one_char_spans=True)) == [(1, 2, "BODY")]


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
