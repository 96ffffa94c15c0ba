"""The rules of :mod:`nrcie.document.facts`, compiled once from
``resources/document_facts.yaml``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_yaml


@dataclass(frozen=True)
class Organ:
    pattern: re.Pattern
    canonical: str
    level: str | None = None


@dataclass(frozen=True)
class Rules:
    head_chars: int
    organs: tuple[Organ, ...]
    level_words: tuple[tuple[str, str], ...]  # longest first
    township: re.Pattern
    term_before_organ: re.Pattern
    foreign_before: tuple[str, ...]
    foreign_after: tuple[str, ...]
    supervised: tuple[tuple[re.Pattern, str], ...]
    session: tuple[re.Pattern, ...]
    delivery_date: tuple[re.Pattern, ...]
    covered_year: tuple[tuple[re.Pattern, str], ...]
    year_clues: tuple[tuple[re.Pattern, int, str], ...]
    term: re.Pattern
    genres: tuple[tuple[str, re.Pattern], ...]
    news_markers: re.Pattern
    report_markers: re.Pattern


@lru_cache(maxsize=1)
def rules() -> Rules:
    d = load_yaml("document_facts.yaml")
    return Rules(
        head_chars=int(d["head_chars"]),
        organs=tuple(Organ(re.compile(o["pattern"]), o["canonical"], o.get("level")) for o in d["organs"]),
        level_words=tuple(sorted(d["level_words"].items(), key=lambda kv: -len(kv[0]))),
        township=re.compile(d["township"]),
        term_before_organ=re.compile(d["term_before_organ"]),
        foreign_before=tuple(d["foreign_context"]["before"]),
        foreign_after=tuple(d["foreign_context"]["after"]),
        supervised=tuple((re.compile(s["pattern"]), s["level"]) for s in d["supervised"]),
        session=tuple(re.compile(p) for p in d["session"]),
        delivery_date=tuple(re.compile(p, re.M) for p in d["delivery_date"]),
        covered_year=tuple((re.compile(c["pattern"]), c["why"]) for c in d["covered_year"]),
        year_clues=tuple((re.compile(c["pattern"]), int(c["offset"]), c["why"]) for c in d["year_clues"]),
        term=re.compile(d["term"]),
        genres=tuple((g, re.compile(p)) for g, p in d["genres"].items()),
        news_markers=re.compile(d["news_markers"]),
        report_markers=re.compile(d["report_markers"]),
    )
