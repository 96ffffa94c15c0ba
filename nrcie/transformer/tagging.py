"""Character-level BIO tags: spans to tags, tags (scores) to spans with constrained decoding."""
from __future__ import annotations

import numpy as np

from ..schema import LABELS

TAGS: tuple[str, ...] = ("O",) + tuple(f"{p}-{l}" for l in LABELS for p in ("B", "I"))
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}


def spans_to_tags(n: int, spans: list[tuple[int, int, str]]) -> list[int]:
    tags = [0] * n
    for s, e, label in spans:
        tags[s] = TAG_INDEX[f"B-{label}"]
        for i in range(s + 1, e):
            tags[i] = TAG_INDEX[f"I-{label}"]
    return tags


def _allowed() -> np.ndarray:
    """allowed[prev, cur]: I-X may only follow B-X or I-X."""
    n = len(TAGS)
    ok = np.ones((n, n), dtype=bool)
    for j, t in enumerate(TAGS):
        if t.startswith("I-"):
            label = t[2:]
            ok[:, j] = False
            ok[TAG_INDEX[f"B-{label}"], j] = ok[j, j] = True
    return ok


ALLOWED = _allowed()
START_ALLOWED = np.array([not t.startswith("I-") for t in TAGS])


def viterbi(logprobs: np.ndarray) -> list[int]:
    """Best tag sequence under the BIO constraints; ``logprobs`` is (n, n_tags)."""
    n = len(logprobs)
    if n == 0:
        return []
    neg = -1e9
    trans = np.where(ALLOWED, 0.0, neg)
    score = np.where(START_ALLOWED, logprobs[0], neg)
    back = np.zeros((n, len(TAGS)), dtype=np.int32)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(0)
        score = cand.max(0) + logprobs[i]
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
