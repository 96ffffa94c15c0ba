"""Character-level BIO tags: spans to tags, tags (scores) to spans with constrained decoding."""
from __future__ import annotations

import numpy as np

from ..schema import LABELS, SINGLE_CHAR_LABELS

TAGS: tuple[str, ...] = ("O",) + tuple(f"{p}-{l}" for l in LABELS for p in ("B", "I"))
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}


def spans_to_tags(n: int, spans: list[tuple[int, int, str]]) -> list[int]:
    tags = [0] * n
    for s, e, label in spans:
        tags[s] = TAG_INDEX[f"B-{label}"]
        for i in range(s + 1, e):
            tags[i] = TAG_INDEX[f"I-{label}"]
    return tags


def _allowed(single: frozenset[str] | None = None) -> np.ndarray:
    """allowed[prev, cur]: I-X may only follow B-X or I-X; with ``single`` (the labels a
    single character may be), B-X of any other label must be followed by I-X."""
    n = len(TAGS)
    ok = np.ones((n, n), dtype=bool)
    for j, t in enumerate(TAGS):
        if t.startswith("I-"):
            label = t[2:]
            ok[:, j] = False
            ok[TAG_INDEX[f"B-{label}"], j] = ok[j, j] = True
    if single is not None:
        for label in LABELS:
            if label not in single:
                b = TAG_INDEX[f"B-{label}"]
                ok[b, :] = False
                ok[b, TAG_INDEX[f"I-{label}"]] = True
    return ok


#: the BIO constraints alone (any label may be one character) ...
ALLOWED_ANY = _allowed()
#: ... and with the schema's span length: only SINGLE_CHAR_LABELS may be one character
ALLOWED = _allowed(SINGLE_CHAR_LABELS)
START_ALLOWED = np.array([not t.startswith("I-") for t in TAGS])
#: the last character may not open a span that must go on
END_ALLOWED = np.array([not (t.startswith("B-") and t[2:] not in SINGLE_CHAR_LABELS) for t in TAGS])


def viterbi(logprobs: np.ndarray, one_char_spans: bool = False) -> list[int]:
    """Best tag sequence under the BIO constraints; ``logprobs`` is (n, n_tags).  Unless
    ``one_char_spans``, only the labels of ``SINGLE_CHAR_LABELS`` may be a single character
    (a span the tagger would open and close at once is extended or not opened)."""
    n = len(logprobs)
    if n == 0:
        return []
    neg = -1e9
    trans = np.where(ALLOWED_ANY if one_char_spans else ALLOWED, 0.0, neg)
    score = np.where(START_ALLOWED, logprobs[0], neg)
    back = np.zeros((n, len(TAGS)), dtype=np.int32)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(0)
        score = cand.max(0) + logprobs[i]
    if not one_char_spans:
        score = np.where(END_ALLOWED, score, neg)
    best = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return best[::-1]


def tags_to_spans(tags: list[int], text: str | None = None) -> list[tuple[int, int, str]]:
    """Spans from a (valid) BIO sequence; spans are trimmed of white space at their edges."""
    spans, start, label = [], None, None
    for i, t in enumerate(list(tags) + [0]):
        name = TAGS[t]
        if start is not None and not (name.startswith("I-") and name[2:] == label):
            spans.append((start, i, label))
            start = label = None
        if name.startswith("B-"):
            start, label = i, name[2:]
    if text is not None:
        trimmed = []
        for s, e, l in spans:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                trimmed.append((s, e, l))
        spans = trimmed
    return spans
