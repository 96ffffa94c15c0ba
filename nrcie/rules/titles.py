"""Class a 《》 title as REGULATION or DOCUMENT (guidelines, decisions 1-3)."""
from __future__ import annotations

import re

from ..resources import load_yaml

TRAILING_PAREN = re.compile(r"[（(][^（）()]*[)）]$")


def title_core(title: str) -> str:
    """The title's words: brackets and trailing parentheticals removed."""
    t = title.strip()
    while True:
        t2 = TRAILING_PAREN.sub("", t).strip()
        t2 = t2.removeprefix("《").removesuffix("》").strip()
        if t2 == t:
            return t
        t = t2


def classify_title(title: str) -> str:
    """``"REGULATION"`` for legislation, ``"DOCUMENT"`` for any other title."""
    rules = load_yaml("titles.yaml")
    core = title_core(title)
    if core.endswith(tuple(rules["document_endings"])):
        return "DOCUMENT"
    if core.endswith(tuple(rules["regulation_endings"])):
        return "REGULATION"
    if core.endswith(tuple(rules["resolution_endings"])):
        if any(m in core for m in rules["party_markers"]):
            return "DOCUMENT"
        return "REGULATION"
    return "DOCUMENT"
