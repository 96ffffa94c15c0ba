"""Traditional → simplified Chinese, one character to one character.

The table (``resources/traditional.tsv``) keeps only one-to-one pairs, so offsets
never move; multi-character conversions (phrases) are out of scope.
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import RESOURCES_DIR


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    path = RESOURCES_DIR / "traditional.tsv"
    if not path.is_file():
        return {}
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            trad, simp = line.rstrip("\n").split("\t")[:2]
            if len(trad) == 1 and len(simp) == 1:
                table[ord(trad)] = simp
    return table


def to_simplified(text: str) -> str:
    table = _table()
    return text.translate(table) if table else text
