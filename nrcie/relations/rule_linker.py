"""Rule-based COUNT_OF linking: which work does each count count?

Pure functions over the text and its entity spans, so that the spaCy component
(``nrcie_count_linker_v1``) and the evaluation can share them.  The steps follow
the schema's order (guidelines §COUNT_OF):

1. the noun phrase right before the count, after the last verb
   (开展执法检查7次 → 执法检查; a verb inside a longer term, 检查 in 执法检查, is
   no verb); a coordinated list there links to every item (开展执法检查、专题询问共9次
   → both), but a list that is one term stays whole (批准条约和重要协定14项);
   participants before the work are left out (组织常委会组成人员专题学习6次 → 专题学习);
2. a work term right after the count, with the 的-phrase that leads to it (召开5次县委常委会会议 → 县委常委会会议;
   检查3件法律的实施情况 → 法律的实施情况, schema C21);
3. a count of people with a work term later in the clause
   (邀请12名代表列席常委会会议 → 常委会会议);
4. a verb that is itself a work term, right before the count, when nothing else
   is counted (组织代表视察5次 → 视察);
5. an elliptical count after a verb or a 的-phrase (制定5件、修改3件; 其中与教育相关的25件) →
   the activity of the nearest preceding linked count in the same sentence.
A noun phrase qualifies only when a term of the activity lexicon is inside it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_yaml
from ..result import SENTENCE_END

PEOPLE_UNITS = ("名", "人", "人次", "位")
LIST_SPLIT = re.compile(r"[、和及与]|以及")
MAX_NP = 16
RIGHT_WINDOW = 14


@dataclass(frozen=True)
class Lexicon:
    terms: re.Pattern
    verbs: tuple[str, ...]
    objects: frozenset[str]
    modifiers: tuple[str, ...]
    meeting_terms: frozenset[str]
    joiners: tuple[str, ...]
    clause_ends: str
    participants: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml("activities.yaml")
    terms = sorted({t for words in data["types"].values() for t in words}, key=len, reverse=True)
    return Lexicon(
        terms=re.compile("|".join(re.escape(t) for t in terms)),
        verbs=tuple(sorted(data["verbs"], key=len, reverse=True)),
        objects=frozenset(data.get("objects", ())),
        modifiers=tuple(sorted(data.get("modifiers", ()), key=len, reverse=True)),
        meeting_terms=frozenset(terms),
        joiners=tuple(sorted(data["joiners"], key=len, reverse=True)),
        clause_ends=data["clause_ends"],
        participants=tuple(sorted(data.get("participants", ()), key=len, reverse=True)),
    )


Span = tuple[int, int]


class _Bounds:
    """Clause and sentence ends of a text, found once, looked up by bisection."""

    def __init__(self, text: str, clause_ends: str):
        self.n = len(text)
        self.clause = [i for i, ch in enumerate(text) if ch in clause_ends]
        self.sentence = [m.start() for m in SENTENCE_END.finditer(text)]


def _clause_bounds(b: "_Bounds", start: int, end: int) -> tuple[int, int]:
    i = bisect_left(b.clause, start)
    left = b.clause[i - 1] + 1 if i else 0
    j = bisect_left(b.clause, end)
    return left, b.clause[j] if j < len(b.clause) else b.n


def _sentence_start(b: "_Bounds", pos: int) -> int:
    i = bisect_left(b.sentence, pos)
    return b.sentence[i - 1] + 1 if i else 0


def _strip_np(text: str, s: int, e: int, lex: Lexicon) -> Span:
    """Trim joiners and white space at the edges of a noun phrase."""
    changed = True
    while changed and s < e:
        changed = False
        for j in lex.joiners:
            if text.endswith(j, s, e):
                e -= len(j)
                changed = True
        while s < e and text[s] in " \u3000\u00a0、":
            s += 1
            changed = True
        while s < e and text[e - 1] in " \u3000\u00a0":
            e -= 1
            changed = True
    return s, e


def _term_spans(text: str, lo: int, hi: int, lex: Lexicon) -> list[Span]:
    return [m.span() for m in lex.terms.finditer(text, lo, hi)]


def _inside_longer_term(terms: list[Span], s: int, e: int) -> bool:
    """Whether [s, e) lies inside a strictly longer lexicon term (检查 in 执法检查)."""
    return any(ts <= s and e <= te and te - ts > e - s for ts, te in terms)


def _last_verb(text: str, lo: int, hi: int, lex: Lexicon) -> Span | None:
    """The verb ending last in text[lo:hi], not counting verbs inside longer terms."""
    terms = _term_spans(text, lo, hi, lex)
    best = None
    for v in lex.verbs:
        i = text.rfind(v, lo, hi)
        while i >= 0 and _inside_longer_term(terms, i, i + len(v)):
            i = text.rfind(v, lo, i + len(v) - 1)
        if i >= 0 and (best is None or (i + len(v), len(v)) > (best[1], best[1] - best[0])):
            best = (i, i + len(v))
    return best


def _left_np(text: str, count: Span, floor: int, lex: Lexicon) -> tuple[list[Span], Span | None]:
    """Activity spans in the noun phrase right before ``count`` (one per list item), and the
    verb right before the count when no noun phrase stands between them and it is itself a
    work term (组织代表视察5次: 视察)."""
    start = max(floor, count[0] - 40)
    _, cs = _strip_np(text, start, count[0], lex)  # 召开主任会议共14次: 共 is no verb here
    verb = _last_verb(text, start, cs, lex)
    cut = verb[1] if verb else start
    s, e = _strip_np(text, cut, cs, lex)
    verb_term = None
    if verb and s >= e and lex.terms.fullmatch(text, verb[0], verb[1]):
        verb_term = verb
    if s >= e or e - s > 3 * MAX_NP:
        return [], verb_term
    if text[e - 1] == "的":
        return [], None       # 与民生实事相关的48件: the counted noun is left out, the 的-phrase is no work
    while s < e and text[s] == "的":
        s += 1                # 交付审议的议案3件: the phrase after the verb's 的
    s = _after_participants(text, s, e, lex)
    terms = _term_spans(text, s, e, lex)
    items: list[Span] = []
    pos = s
    splits = [m for m in LIST_SPLIT.finditer(text, s, e)
              if not any(ts < m.start() and m.end() < te for ts, te in terms)]  # 条约和重要协定 is one term
    for m in splits + [None]:
        a, b = pos, (m.start() if m else e)
        a, b = _strip_np(text, a, b, lex)
        if a < b:
            items.append((a, b))
        if m:
            pos = m.end()
    if not items or any(b - a > MAX_NP for a, b in items):
        return [], None
    good = [(a, b) for a, b in items if lex.terms.search(text, a, b)]
    # a list links to every item only if every item is work (else the last item alone)
    if len(good) == len(items):
        return items, None
    last = items[-1]
    return ([last] if last in good else []), None


def _after_participants(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Start of the noun phrase after the people taking part, when work follows them
    (常委会组成人员专题学习 → 专题学习)."""
    terms = _term_spans(text, s, e, lex)
    for p in lex.participants:
        i = text.rfind(p, s, e)
        if i >= 0 and not _inside_longer_term(terms, i, i + len(p)) and lex.terms.search(text, i + len(p), e):
            return i + len(p)
    return s


def _right_term(text: str, count: Span, ceiling: int, lex: Lexicon) -> Span | None:
    hi = min(ceiling, count[1] + RIGHT_WINDOW)
    m = lex.terms.search(text, count[1], hi)
    if not m:
        return None
    # keep parenthesised lists (乡(镇、街道)) but not a list of other items
    between = text[count[1]:m.start()]
    depth = 0
    for ch in between:
        depth += ch in "(（"
        depth -= ch in ")）"
        if ch == "、" and depth <= 0:
            return None
    s, e = m.span()
    # the object noun phrase of the verb goes on through a 的-phrase to its head
    # (检查3件法律的实施情况 → 法律的实施情况, schema C21)
    for n in lex.terms.finditer(text, e, hi):
        gap = text[e:n.start()]
        if "的" in gap and len(gap) <= 6 and not any(ch in lex.clause_ends or ch in "、（）()《》“”" for ch in gap):
            return count[1], n.end()
        break
    extended = True
    while extended:
        extended = False
        for mod in lex.modifiers:
            if s - len(mod) >= count[1] and text.endswith(mod, 0, s):
                s -= len(mod)
                extended = True
                break
    return s, e


def _overlaps(spans: list[Span], f: Span) -> bool:
    """Whether ``f`` overlaps any of the sorted, non-overlapping ``spans``."""
    k = bisect_left(spans, (f[1], -1))
    return bool(k) and spans[k - 1][1] > f[0]


HEADED_MAX = 8


def names_work(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a short noun phrase (at most ``HEADED_MAX`` characters)
    ending in a term of the activity lexicon that names work, not an object of work
    (执法检查, 现场推进会, 信息稿件; not 规范性文件)."""
    if end - start > HEADED_MAX:
        return False
    lex = lexicon()
    head = next((m for m in (lex.terms.match(text, a, end) for a in range(start, end)) if m and m.end() == end), None)
    return head is not None and text[head.start():end] not in lex.objects


def rule_links(text: str, entities: list[tuple[int, int, str]], bounded_by_entities: bool = True) -> dict:
    """:func:`link_counts` as stored on ``Doc._.nrcie_rule_links`` by ``nrcie_count_linker_v1``,
    so that the relation component reads the rule linker's vote instead of linking again.

    ``bounded_by_entities`` off links the COUNT entities alone (the other entities do not
    bound the noun phrase before a count): the vote the relation model is trained on.  The
    record says which COUNTs were linked and how, so a reader can tell whether it fits:
    ``{"counts": [[s, e], ...], "bounded_by_entities": bool, "activities": [[s, e], ...],
    "links": [[[cs, ce], [as, ae]], ...]}`` (plain lists: it serialises with the Doc).
    """
    if not bounded_by_entities:
        entities = [x for x in entities if x[2] == "COUNT"]
    activities, links = link_counts(text, entities)
    return {"counts": [list(c) for c in sorted((s, e) for s, e, label in entities if label == "COUNT")],
            "bounded_by_entities": bounded_by_entities,
            "activities": [list(a) for a in activities],
            "links": [[list(c), list(a)] for c, a in links]}


def stored_links(record: dict | None, entities: list[tuple[int, int, str]],
                 bounded_by_entities: bool) -> list[tuple[Span, Span]] | None:
    """The links of a :func:`rule_links` record when it was made the given way for the same
    COUNT entities, else None (the caller links itself)."""
    if not record or record.get("bounded_by_entities") != bounded_by_entities:
        return None
    counts = sorted((s, e) for s, e, label in entities if label == "COUNT")
    if [tuple(c) for c in record.get("counts", ())] != counts:  # lists, or tuples after a DocBin
        return None
    return [(tuple(c), tuple(a)) for c, a in record["links"]]


def link_counts(text: str, entities: list[tuple[int, int, str]]) -> tuple[list[Span], list[tuple[Span, Span]]]:
    """Find ACTIVITY spans and COUNT_OF links for the COUNT entities of ``text``.

    ``entities`` are (start, end, label) triples.  Returns the new activity spans
    and (count span, activity span) pairs.  Activities never overlap a COUNT.
    """
    lex = lexicon()
    counts = sorted((s, e) for s, e, label in entities if label == "COUNT")
    # entities that bound a noun phrase; a counted meeting type or organ (常委会会议, 主任会议) does not
    others = sorted((s, e) for s, e, label in entities
                    if label not in ("COUNT", "ACTIVITY") and text[s:e] not in lex.meeting_terms)
    activities: set[Span] = set()
    links: list[tuple[Span, Span]] = []
    last_linked: dict[int, list[Span]] = {}
    bounds = _Bounds(text, lex.clause_ends)
    other_ends = sorted(e for _, e in others)
    for i, count in enumerate(counts):
        c_left, c_right = _clause_bounds(bounds, count[0], count[1])
        prev_count_end = counts[i - 1][1] if i and counts[i - 1][1] > c_left else c_left
        k = bisect_right(other_ends, count[0])
        prev_entity_end = other_ends[k - 1] if k and other_ends[k - 1] > c_left else c_left
        floor = max(prev_count_end, prev_entity_end)
        next_count = counts[i + 1][0] if i + 1 < len(counts) and counts[i + 1][0] < c_right else c_right
        found, verb_term = _left_np(text, count, floor, lex)
        if not found:
            r = _right_term(text, count, next_count, lex)
            if r and text[r[0]:r[1]] in lex.objects:
                work = [m.span() for m in lex.terms.finditer(text, r[1], c_right)
                        if text[m.start():m.end()] not in lex.objects]
                r = work[0] if work else r
            if r:
                found = [r]
        if not found and verb_term:
            found = [verb_term]
        if not found and text.endswith(PEOPLE_UNITS, count[0], count[1]):
            m = None
            for m in lex.terms.finditer(text, count[1], c_right):
                pass
            if m:
                found = [m.span()]
        if not found:
            left_ctx = text[max(c_left, count[0] - 4):count[0]]
            sent = _sentence_start(bounds, count[0])
            if left_ctx.endswith(lex.verbs) or left_ctx.endswith("的"):   # 已办结5件, 其中相关的3件
                prior = [k for k in last_linked if k >= sent]
                if prior:
                    found = last_linked[max(prior)]
        if found:
            found = [f for f in found if not _overlaps(counts, f)]
        for act in found:
            activities.add(act)
            links.append((count, act))
        if found:
            last_linked[count[0]] = found
    return sorted(activities), links
