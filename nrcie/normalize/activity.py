"""Type an ACTIVITY by its span and its clause (schema: activity types).

The kind of work is often said by the verb, not by the span: 检查3件法律的实施情况
is an enforcement inspection although the span is 法律的实施情况.  So the type is
decided by the span *and* the clause around it, by the rules of
``resources/activities.yaml`` (data, not code), in this order:

1. clause rules: the governing verb (the nearest verb before the span in its clause,
   or a verb the span starts with) with a noun inside the span, or words before the
   span in its sentence, or after it in its clause (检查 + 实施情况 → enforcement_inspection);
2. the noun term of the lexicon that heads the span: the one ending last, the longest
   of those (执法检查报告 → 报告: report_review);
3. inherit: an object noun (问题, 跟踪监督) takes the type of the nearest work term
   before it in its sentence (问题 found in an 执法检查);
4. the governing verb alone (走访企业 → inspection_visit);
5. the span's last characters (…会 → meeting);
6. ``other``.

A lexicon term longer than the deciding one that straddles an edge of the span
(span 协定 inside 条约和重要协定) means the span was probably cut short: the
straddling term decides, and the reason says so, so that a boundary error is not
hidden behind a plausible type.

Every decision says why (:class:`TypeDecision.source`), like rule spans carry ``why``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_yaml
from ..schema import ACTIVITY_TYPES

#: characters searched before a span for its governing verb (within its clause)
VERB_WINDOW = 30
#: characters searched before a span, within its sentence, for context words and inherited work
SENTENCE_WINDOW = 160
#: characters searched after a span, within its clause, for `after` words
AFTER_WINDOW = 16
#: characters around a span searched for a term straddling its edges
EDGE_WINDOW = 10
SENTENCE_ENDS = "。！？!?；;\n"
_TITLE = re.compile(r"《[^《》]*》")


@dataclass(frozen=True)
class TypeDecision:
    """An activity type and why it was chosen (``source``)."""

    type: str
    source: str


@dataclass(frozen=True)
class Rule:
    type: str
    verbs: frozenset[str]
    nouns: tuple[str, ...]
    context: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class Typing:
    """The compiled typing lexicon."""

    term_type: dict[str, str]
    terms: re.Pattern
    rules: tuple[Rule, ...]
    inherit: tuple[str, ...]
    minor: frozenset[str]
    verb_type: dict[str, str]
    verbs: tuple[str, ...]
    suffixes: tuple[tuple[str, str], ...]
    clause_ends: str


def _by_length(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def _check_type(typ: str, where: str) -> str:
    if typ not in ACTIVITY_TYPES:
        raise ValueError(f"activities.yaml: {where}: unknown activity type {typ!r} "
                         f"(types: {', '.join(ACTIVITY_TYPES)})")
    return typ


@lru_cache(maxsize=1)
def typing_lexicon() -> Typing:
    data = load_yaml("activities.yaml")
    term_type: dict[str, str] = {}
    for typ, words in data["types"].items():
        _check_type(typ, "types")
        for w in words:
            if w in term_type:
                raise ValueError(f"activities.yaml: term {w!r} is listed under {term_type[w]} and {typ}")
            term_type[w] = typ
    rules = []
    for i, r in enumerate(data.get("clause_rules", ())):
        unknown = set(r) - {"type", "verbs", "nouns", "context", "after"}
        if unknown or not (r.get("verbs") or r.get("context") or r.get("after") or r.get("nouns")):
            raise ValueError(f"activities.yaml: clause rule {i + 1} needs verbs, context, after or nouns "
                             f"(and knows only type/verbs/nouns/context/after): {r}")
        rules.append(Rule(_check_type(r["type"], f"clause rule {i + 1}"), frozenset(r.get("verbs", ())),
                          _by_length(r.get("nouns", ())), tuple(r.get("context", ())), tuple(r.get("after", ()))))
    verb_type: dict[str, str] = {}
    for typ, words in data.get("verb_types", {}).items():
        _check_type(typ, "verb_types")
        for w in words:
            verb_type[w] = typ
    verbs = set(verb_type) | set(data.get("neutral_verbs", ()))
    for r in rules:
        verbs |= r.verbs
    inherit = data.get("inherit", {})
    suffixes = [(s, _check_type(typ, "suffixes")) for typ, words in data["suffixes"].items() for s in words]
    return Typing(
        term_type=term_type,
        terms=re.compile("|".join(re.escape(t) for t in _by_length(term_type))),
        rules=tuple(rules),
        inherit=_by_length(inherit.get("nouns", ())),
        minor=frozenset(inherit.get("minor", ())),
        verb_type=verb_type,
        verbs=_by_length(verbs),
        suffixes=tuple(sorted(suffixes, key=lambda x: -len(x[0]))),
        clause_ends=data["clause_ends"],
    )


def _back_to(text: str, pos: int, stops: str, window: int) -> int:
    """Start of the stretch before ``pos`` that contains none of ``stops`` (at most ``window`` long)."""
    lo = max(0, pos - window)
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in stops:
            return i + 1
    return lo


def _forward_to(text: str, pos: int, stops: str, window: int) -> int:
    hi = min(len(text), pos + window)
    for i in range(pos, hi):
        if text[i] in stops:
            return i
    return hi


def _term_spans(lex: Typing, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [m.span() for m in lex.terms.finditer(text, lo, hi)]


def _masked(spans: list[tuple[int, int]], s: int, e: int, start: int = -1) -> bool:
    """Whether [s, e) lies inside a strictly longer term (检查 in 执法检查 is no verb); a term
    ending with the verb right before the span (进站接待|群众) leaves it a verb."""
    return any(ts <= s and e <= te and te - ts > e - s and not (e == te == start) for ts, te in spans)


def _governing_verb(lex: Typing, text: str, lo: int, start: int) -> str | None:
    """The verb ending nearest to ``start`` in text[lo:start] (the longest on ties)."""
    terms = _term_spans(lex, text, lo, start)
    best = None
    for v in lex.verbs:
        i = text.rfind(v, lo, start)
        while i >= 0 and _masked(terms, i, i + len(v), start):
            i = text.rfind(v, lo, i + len(v) - 1)
        if i >= 0:
            key = (i + len(v), len(v))
            if best is None or key > best[0]:
                best = (key, v)
    return best[1] if best else None


def _leading_verb(lex: Typing, text: str, start: int, end: int) -> str | None:
    """A verb the span starts with, when something follows it (a span that swallowed its verb)."""
    terms = _term_spans(lex, text, start, end)
    for v in lex.verbs:
        if len(v) < end - start and text.startswith(v, start) and not _masked(terms, start, start + len(v)):
            return v
    return None


def _best_term(lex: Typing, text: str, lo: int, hi: int) -> tuple[str, int] | None:
    """The term heading text[lo:hi]: the one ending last (the head of a Chinese noun
    phrase comes last), the longest of those: (term, its end)."""
    best = None
    for t in lex.term_type:
        i = text.rfind(t, lo, hi)
        if i >= 0:
            key = (i + len(t), len(t))
            if best is None or key > best[0]:
                best = (key, t)
    return (best[1], best[0][0]) if best else None


def _work_before(lex: Typing, text: str, lo: int, hi: int, minor: bool = False) -> tuple[int, int] | None:
    """The work term ending last in text[lo:hi] (the longest of those), not an object noun,
    not inside a 《》 title, and a minor term only when ``minor``."""
    titles = [m.span() for m in _TITLE.finditer(text, lo, hi)]
    best = None
    for t in lex.term_type:
        if t in lex.inherit or (t in lex.minor) != minor:
            continue
        i = text.rfind(t, lo, hi)
        while i >= 0 and any(a <= i and i + len(t) <= b for a, b in titles):
            i = text.rfind(t, lo, i + len(t) - 1)
        if i >= 0 and (best is None or (i + len(t), len(t)) > (best[1], best[1] - best[0])):
            best = (i, i + len(t))
    return best


def _straddling_term(lex: Typing, text: str, start: int, end: int, lo: int, hi: int) -> str | None:
    """The longest term that overlaps [start, end) and crosses one of its edges, within [lo, hi)."""
    best = None
    window = text[lo:hi]
    for t in lex.term_type:
        if len(t) <= 1:
            continue
        i = window.find(t)
        while i >= 0:
            s, e = lo + i, lo + i + len(t)
            if s < end and start < e and (s < start or e > end):
                if best is None or len(t) > len(best):
                    best = t
                break
            i = window.find(t, i + 1)
    return best


def _head_noun(nouns: tuple[str, ...], text: str, start: int, end: int) -> str | None:
    """The one of ``nouns`` inside text[start:end] that ends last (the longest of those)."""
    best = None
    for n in nouns:
        i = text.rfind(n, start, end)
        if i >= 0 and (best is None or (i + len(n), len(n)) > best[0]):
            best = ((i + len(n), len(n)), n)
    return best[1] if best else None


def _clause_rule(lex: Typing, text: str, start: int, end: int, noun_lo: int, verb: str | None,
                 sent_lo: int, clause_hi: int) -> TypeDecision | None:
    for r in lex.rules:
        if r.verbs and verb not in r.verbs:
            continue
        noun = _head_noun(r.nouns, text, start, end) if r.nouns else ""
        if noun is None:
            continue
        ctx = None
        if r.context:
            ctx = next((c for c in r.context if text.find(c, sent_lo, start) >= 0), None)
            if ctx is None:
                continue
        aft = None
        if r.after:
            aft = next((a for a in r.after if text.find(a, end, clause_hi) >= 0), None)
            if aft is None:
                continue
        parts = []
        if r.verbs:
            parts.append(f"verb {verb}")
        if ctx:
            parts.append(f"{ctx} before")
        if noun:
            parts.append(f"noun {noun}")
        if aft:
            parts.append(f"{aft} after")
        return TypeDecision(r.type, "clause: " + " + ".join(parts))
    return None


def _decide(lex: Typing, text: str, start: int, end: int, inherit: bool = True) -> tuple[TypeDecision, str]:
    """(decision, step) where step is clause/term/inherit/verb/suffix/default."""
    clause_lo = _back_to(text, start, lex.clause_ends, VERB_WINDOW)
    clause_hi = _forward_to(text, end, lex.clause_ends, AFTER_WINDOW)
    sent_lo = _back_to(text, start, SENTENCE_ENDS, SENTENCE_WINDOW)
    verb = _leading_verb(lex, text, start, end)
    noun_lo = start + len(verb) if verb else start
    if verb is None:
        verb = _governing_verb(lex, text, clause_lo, start)
    d = _clause_rule(lex, text, start, end, noun_lo, verb, sent_lo, clause_hi)
    if d:
        return d, "clause"
    best = _best_term(lex, text, noun_lo, end)
    if best:
        return TypeDecision(lex.term_type[best[0]], f"lexicon term {best[0]}"), "term"
    if inherit:
        noun = next((n for n in lex.inherit if text.endswith(n, noun_lo, end)), None)
        if noun:
            work = _work_before(lex, text, sent_lo, start) or _work_before(lex, text, sent_lo, start, minor=True)
            if work:
                s, e = work
                d, _ = _decide(lex, text, s, e, inherit=False)
                return TypeDecision(d.type, f"inherit: {noun} after {text[s:e]}"), "inherit"
    if verb and verb in lex.verb_type:
        return TypeDecision(lex.verb_type[verb], f"clause: verb {verb}"), "verb"
    span = text[noun_lo:end]
    for suffix, typ in lex.suffixes:
        if span.endswith(suffix):
            return TypeDecision(typ, f"suffix {suffix}"), "suffix"
    return TypeDecision("other", "default"), "default"


def type_activity(text: str, start: int = 0, end: int | None = None) -> TypeDecision:
    """The activity type of the ACTIVITY at ``text[start:end]``, decided by the span and its
    clause (see the module doc), with the reason.  ``type_activity(span_text)`` types a span
    alone."""
    end = len(text) if end is None else end
    lex = typing_lexicon()
    d, step = _decide(lex, text, start, end)
    lo = max(_back_to(text, start, lex.clause_ends, EDGE_WINDOW), 0)
    hi = _forward_to(text, end, lex.clause_ends, EDGE_WINDOW)
    if lo < start or hi > end:
        inner = _best_term(lex, text, start, end)
        wide = _straddling_term(lex, text, start, end, lo, hi)
        if wide and (inner is None or len(wide) > len(inner[0])):
            note = f"lexicon term {wide} across the span edge (span cut short?)"
            if step == "clause":
                return TypeDecision(d.type, f"{d.source}; {note}")
            return TypeDecision(lex.term_type[wide], note)
    return d


def activity_type(text: str, start: int = 0, end: int | None = None) -> str:
    """The activity type only (see :func:`type_activity`)."""
    return type_activity(text, start, end).type


@dataclass(frozen=True)
class WorkCounts:
    units: frozenset[str]
    after_noun_only: frozenset[str]
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]
    near_before: tuple[str, ...]


@lru_cache(maxsize=1)
def work_count_rules() -> WorkCounts:
    data = load_yaml("activities.yaml")["work_counts"]
    return WorkCounts(frozenset(data["units"]), frozenset(data.get("after_noun_only", ())),
                      _by_length(data.get("not_after", ())), _by_length(data.get("not_before", ())),
                      tuple(data.get("near_before", ())))


_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_work_count(text: str, start: int, end: int, unit: str | None) -> bool:
    """Whether the COUNT at ``text[start:end]`` (measure word ``unit``) counts the reporting
    body's work, mechanically (``work_counts`` in ``resources/activities.yaml``): its measure
    word counts work items (次, 件, 项, 场, 个 ...; not people 名/人/人次, households 户, places
    处/家; MONEY and PERCENT are no COUNT); 个-like measure words only after their noun
    (专项工作报告18个, not 12个乡镇); no place, body or period follows it (5个镇区, 3个月); no
    page metadata precedes it (阅读 1200 次); no outcome, rule or target marker stands just
    before it (已整改26个, 其余5个, 每季度通报一次, 至少述职1次)."""
    rules = work_count_rules()
    if unit not in rules.units:
        return False
    after = text[end:end + 8].lstrip(" \u3000")
    if after.startswith(rules.not_after):
        return False
    if unit in rules.after_noun_only and _CJK.match(after[:1] or " "):
        return False
    before = text[max(0, start - 8):start].rstrip(" \u3000")
    if before.endswith(rules.not_before):
        return False
    near = text[max(0, start - 6):start]
    return not any(w in near for w in rules.near_before)
