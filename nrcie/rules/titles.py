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


def _issuer(before: str, rules: dict) -> str | None:
    """``"party"`` or ``"congress"``: which kind of body the words before a title name last
    (国务院作出《…决定》, 常委会通过《…决定》), None if neither."""
    best, kind = -1, None
    for k, markers in (("party", rules["party_markers"]), ("congress", rules["congress_markers"])):
        for m in markers:
            i = before.rfind(m)
            if i >= 0 and i + len(m) > best:
                best, kind = i + len(m), k
    return kind


def classify_title(title: str, before: str = "") -> str:
    """``"REGULATION"`` for legislation, ``"DOCUMENT"`` for any other title.  ``before``: the
    words before the title in its clause, which name the issuer of a 决定/决议 whose title
    does not (decision 2)."""
    rules = load_yaml("titles.yaml")
    core = title_core(title)
    if core.endswith(tuple(rules["document_endings"])):
        return "DOCUMENT"
    if core.endswith(tuple(rules["regulation_endings"])):
        return "REGULATION"
    if core.endswith(tuple(rules["resolution_endings"])):
        if any(m in core for m in rules["party_markers"]):
            return "DOCUMENT"
        maker = core.split("关于", 1)[0]  # the body a title names before 关于 made it
        if not any(m in maker for m in rules["congress_markers"]) and _issuer(before, rules) == "party":
            return "DOCUMENT"
        return "REGULATION"
    return "DOCUMENT"
