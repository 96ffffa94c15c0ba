"""Normalise an ACTIVITY span to one of the schema's activity types."""
from __future__ import annotations

from functools import lru_cache

from ..resources import load_yaml
from ..schema import ACTIVITY_TYPES


@lru_cache(maxsize=1)
def _lexicon() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    data = load_yaml("activities.yaml")
    terms = [(t, typ) for typ, words in data["types"].items() for t in words]
    suffixes = [(s, typ) for typ, words in data["suffixes"].items() for s in words]
    for _, typ in terms + suffixes:
        if typ not in ACTIVITY_TYPES:
            raise ValueError(f"activities.yaml: unknown activity type {typ!r}")
    terms.sort(key=lambda tt: -len(tt[0]))
    suffixes.sort(key=lambda tt: -len(tt[0]))
    return terms, suffixes


def activity_type(text: str) -> str:
    """The activity type of an ACTIVITY surface: the longest lexicon term inside it
    (the rightmost on ties, the head of a Chinese noun phrase), else its ending, else ``other``."""
    terms, suffixes = _lexicon()
    best = None
    for term, typ in terms:
        pos = text.rfind(term)
        if pos >= 0:
            key = (len(term), pos + len(term))
            if best is None or key > best[0]:
                best = (key, typ)
    if best:
        return best[1]
    for suffix, typ in suffixes:
        if text.endswith(suffix):
            return typ
    return "other"
