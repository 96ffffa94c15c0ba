"""Compile the YAML recognizers and gazetteers; find and resolve candidate spans.

Every candidate carries the recognizer's name and its "why", so a user can see
why a span was found (``Entity.source``/``Entity.why``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import gazetteer_files, load_yaml
from .titles import classify_title

MACRO = re.compile(r"\{([A-Z_]+)\}")
QUOTE_PAIRS = {"“": "”", "《": "》", "「": "」", "‘": "’", "〈": "〉"}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    priority: int
    source: str
    why: str

    @property
    def length(self) -> int:
        return self.end - self.start


def _alternation(words) -> str:
    """A regex matching any of ``words``, longest first, as a character trie.

    Equivalent to ``w1|w2|...`` sorted longest first, but a trie (共同前缀 shared)
    lets the regex engine reject a position after one character instead of trying
    every term: thousands of gazetteer titles cost no more than a few dozen.
    """
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    firsts = sorted(ch for ch in trie if ch)
    # a class of the first characters up front: a position is rejected by one set lookup, not by
    # trying the trie's first branches one by one (thousands of region names)
    guard = "(?=[" + "".join(re.escape(ch) for ch in firsts) + "])" if len(firsts) > 8 else ""
    return guard + _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    # children first (longer matches win), then the end of a word here
    alts = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def number_macros() -> dict[str, str]:
    n = load_yaml("numbers.yaml")
    digits = n["digits"]
    return {
        "DIGIT": f"[{digits}]",
        "CNUM": "[" + "".join(n["chinese_digits"]) + "".join(n["chinese_units"]) + "]+",
        "MULT": _alternation(n["multipliers"]),
        "MEASURE": _alternation(n["measure_words"]),
        "APPROX_BEFORE": "(?<!接)" + _alternation(n["approx_before"]) + "(?!过)",   # 接近 is a verb
        "APPROX_BETWEEN": _alternation(n["approx_between"]),
        "APPROX_AFTER": _alternation(n["approx_after"]),
        "THRESHOLD": _alternation(n["thresholds"]),
        "CURRENCY": _alternation(n["currencies"]),
        "VAGUE": _alternation(n["vague"]),
    }


def expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 12:
        raise ValueError(f"macro recursion too deep in {pattern!r}")

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in macros:
            raise ValueError(f"unknown macro {{{name}}}")
        return expand(macros[name], macros, depth + 1)

    return MACRO.sub(sub, pattern)


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of text between paired quotes or title brackets."""
    regions: list[tuple[int, int]] = []
    for open_, close in QUOTE_PAIRS.items():
        start = text.find(open_)
        while start >= 0:
            end = text.find(close, start + 1)
            nl = text.find("\n", start + 1)
            if end < 0:
                break
            if nl < 0 or end < nl:
                regions.append((start, end + 1))
            start = text.find(open_, end + 1)
    for line_m in re.finditer(r"[^\n]+", text):
        line = line_m.group()
        qs = [i for i, ch in enumerate(line) if ch == '"']
        for a, b in zip(qs[0::2], qs[1::2]):
            regions.append((line_m.start() + a, line_m.start() + b + 1))
    return sorted(regions)


class Recognizer:
    """One pattern recognizer from a YAML file."""

    def __init__(self, spec: dict, macros: dict[str, str], terminators: str):
        self.name = spec["name"]
        self.label = spec["label"]
        self.priority = int(spec.get("priority", 50))
        self.why = spec.get("why", "")
        self.not_after = tuple(spec.get("not_after", ()))
        self.not_quoted = bool(spec.get("not_quoted", False))
        self.article_one = bool(spec.get("article_one", False))
        inside = [str(t) for t in spec.get("not_inside", ())]
        self.not_inside = re.compile(_alternation(inside)) if inside else None
        self.title_class = bool(spec.get("title_class", False))
        self.terminators = terminators
        try:
            self.regex = re.compile(expand(spec["pattern"], macros))
        except (re.error, ValueError) as e:
            raise ValueError(f"recognizer {self.name!r}: bad pattern ({e})") from None

    def set_phrases(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` holds one of the set phrases (``not_inside``) no span of this label lies in."""
        return [m.span() for m in self.not_inside.finditer(text)] if self.not_inside else []

    def find(self, text: str, quoted: list[int]) -> list[Candidate]:
        """Matches in ``text``; ``quoted[i]`` is the end of the quote enclosing position i (0 if none)."""
        out = []
        phrases = self.set_phrases(text)
        for m in self.regex.finditer(text):
            s, e = m.span()
            if s == e:
                continue
            if phrases and any(a <= s and e <= b for a, b in phrases):
                continue
            if self.not_after and text[max(0, s - 3):s].endswith(self.not_after):
                continue
            if self.not_quoted and quoted[s] >= e:
                continue
            surface = m.group()
            if self.article_one and _is_article_one(surface) and not (e == len(text) or text[e] in self.terminators):
                continue
            label = classify_title(surface, _clause_before(text, s)) if self.title_class else self.label
            out.append(Candidate(s, e, label, self.priority, f"rules:{self.name}", self.why))
        return out


_CLAUSE_END = re.compile(r"[，。；！？!?;\n]")


def _clause_before(text: str, start: int, width: int = 12) -> str:
    """Up to ``width`` characters before ``start`` in its clause (a title's issuer)."""
    before = text[max(0, start - width):start].rstrip("《\r\n \u3000")
    parts = _CLAUSE_END.split(before)
    return parts[-1]


def _is_article_one(surface: str) -> bool:
    body = surface.lstrip("近约逾超")
    return body.startswith("一") and (len(body) == 1 or body[1] not in "十百千万亿〇零一二三四五六七八九")


class Gazetteer:
    """Exact terms of one label (with optional prefixes and suffixes).

    ``regions`` adds the full names of those levels of the division table (宜宾市, 射阳县),
    found by looking back from each administrative suffix character rather than by the
    regex (three thousand names would slow every position down); ``chain`` joins a name
    ending in one of its suffixes to the name written right before it (湖南省华容县).
    """

    def __init__(self, spec: dict, name: str):
        self.name = name
        self.label = spec["label"]
        self.priority = int(spec.get("priority", 80))
        self.why = spec.get("why", "")
        terms = [str(t) for t in spec["terms"]]
        prefixes = spec.get("prefixes") or []
        pre = f"(?:{_alternation(prefixes)})?" if prefixes else ""
        # characters that may not follow a term: it is then the start of a longer word (公司法|人)
        not_before = [str(t) for t in spec.get("not_before", ())]
        post = f"(?!{_alternation(not_before)})" if not_before else ""
        self._blocked = re.compile(_alternation(not_before)) if not_before else None
        # words a term keeps when they follow it, the longest first (宪法 + 修正案: an amendment is a law)
        suffixes = sorted((str(t) for t in spec.get("suffixes", ())), key=len, reverse=True)
        suf = f"(?:{'|'.join(map(re.escape, suffixes))})?" if suffixes else ""
        self.regex = re.compile(pre + f"(?:{_alternation(terms)})" + suf + post)
        self.regions = frozenset(region_names(spec.get("regions") or ()))
        self._region_end = re.compile("[" + "".join(sorted({n[-1] for n in self.regions})) + "]") if self.regions else None
        self._region_len = max(map(len, self.regions), default=0)
        self.chain = tuple(str(t) for t in spec.get("chain") or ())
        self._list_before = re.compile(spec["list_before"]) if spec.get("list_before") else None

    def _spans(self, text: str) -> list[tuple[int, int]]:
        spans = [m.span() for m in self.regex.finditer(text)]
        if self._region_end is not None:
            for m in self._region_end.finditer(text):
                e = m.end()
                if self._blocked is not None and self._blocked.match(text, e):
                    continue
                for s in range(max(0, e - self._region_len), e - 2):
                    if text[s:e] in self.regions:
                        spans.append((s, e))
                        break
        if self._list_before is not None:
            spans += _listed_regions(text, self._list_before)
        if not self.chain and self._region_end is None:
            return spans
        out: list[tuple[int, int]] = []
        for s, e in sorted(spans, key=lambda x: (x[0], -x[1])):
            if out and s < out[-1][1]:
                continue      # inside (or across) a name already taken, the longer one first
            if out and self.chain and s == out[-1][1] and text[s:e].endswith(self.chain):
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        return out

    def find(self, text: str) -> list[Candidate]:
        return [Candidate(s, e, self.label, self.priority, f"rules:{self.name}", self.why)
                for s, e in self._spans(text)]


class RuleEngine:
    """All recognizers and gazetteers of the package's data files."""

    def __init__(self, pattern_files=("patterns.yaml", "patterns_names.yaml"), gazetteers=None):
        numbers = load_yaml("numbers.yaml")
        macros = number_macros()
        specs, blanks = [], []
        for f in pattern_files:
            data = load_yaml(f)
            macros.update(data.get("macros") or {})
            specs.extend(data["recognizers"])
            blanks.extend(data.get("unannotated") or ())
        self.recognizers = [Recognizer(s, macros, numbers["count_terminators"]) for s in specs]
        # stretches that carry no annotation at all (website and account names: C12)
        self.unannotated = [(b["name"], re.compile(expand(b["pattern"], macros))) for b in blanks]
        self.gazetteers = [Gazetteer(load_yaml(f), f.rsplit("/", 1)[-1].removesuffix(".yaml"))
                           for f in (gazetteers if gazetteers is not None else gazetteer_files())]

    def candidates(self, text: str) -> list[Candidate]:
        quoted = [0] * (len(text) + 1)
        for a, b in quoted_regions(text):
            for i in range(a + 1, b):
                if quoted[i] < b:
                    quoted[i] = b
        out: list[Candidate] = []
        for r in self.recognizers:
            out.extend(r.find(text, quoted))
        for g in self.gazetteers:
            out.extend(g.find(text))
        return out

    def set_phrases(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, label): set phrases in ``text`` that hold no span of that label
        (中央和地方两个积极性: no COUNT), whoever proposes one."""
        return [(a, b, r.label) for r in self.recognizers for a, b in r.set_phrases(text)]

    def blank_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the stretches of ``text`` no entity may overlap (``unannotated``:
        某市人大网, “某县发布”平台; C12)."""
        return [m.span() for _, rx in self.unannotated for m in rx.finditer(text)]

    def find(self, text: str, blanks: list[tuple[int, int]] | None = None) -> list[Candidate]:
        """Non-overlapping candidates, longest first then by priority, in text order; none
        overlapping an unannotated stretch (``blanks``: :meth:`blank_spans`, found here if the
        caller has not)."""
        cands = self.candidates(text)
        blanks = self.blank_spans(text) if blanks is None else blanks
        if blanks:
            cands = [c for c in cands if not any(a < c.end and c.start < b for a, b in blanks)]
        return resolve(cands)


def resolve(cands: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    taken = bytearray()
    if cands:
        taken = bytearray(max(c.end for c in cands))
    for c in sorted(cands, key=lambda c: (-c.length, -c.priority, c.start)):
        if any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * c.length
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def region_names(levels) -> list[str]:
    """Full names of the administrative divisions of these levels (``regions.json``: province,
    city, county), three characters or more (郊区, 矿区 are words, not names)."""
    if not levels:
        return []
    from ..document.regions import regions

    wanted = set(levels)
    return sorted({r.name for r in regions().by_code.values() if r.level in wanted and len(r.name) >= 3})


@lru_cache(maxsize=1)
def _region_short_names() -> frozenset[str]:
    from ..document.regions import regions

    table = regions()
    return frozenset(n for n in (*table.short, *table.full) if len(n) >= 2)


def _listed_regions(text: str, before: re.Pattern) -> list[tuple[int, int]]:
    """Divisions named in a list of two or more right before ``before`` (赴宜宾、南充等地): each
    item between 、 a division's full or short name, the first the longest such end of its
    chunk; short names that alone are everyday words (城关, 长安) are safe only there."""
    names = _region_short_names()
    out: list[tuple[int, int]] = []
    for m in before.finditer(text):
        end, items = m.start(), []
        while True:
            start = text.rfind("、", 0, end) + 1
            chunk = text[start:end]
            if start and chunk in names:          # an item with 、 before it
                items.append((start, end))
                end = start - 1
                continue
            k = next((k for k in range(min(len(chunk), 8), 1, -1) if chunk[-k:] in names), 0)
            if k:                                 # the first item, after the verb before it
                items.append((end - k, end))
            break
        if len(items) >= 2:
            out.extend(items)
    return out


@lru_cache(maxsize=1)
def default_engine() -> RuleEngine:
    return RuleEngine()
