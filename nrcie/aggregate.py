"""Activity rows ready to aggregate: repeated figures grouped, sub-counts tied to their
total, counts of other bodies flagged, and per-type totals that count each figure once.

The rules (``resources/activity_rows.yaml``; ``annotations/GUIDELINES.md``, "Activity rows"):

* **Groups.** Rows of one report with the same activity type, value and unit whose
  activity names are the same or one inside the other (会议 / 常委会会议, not 主任会议 /
  常委会会议) are one figure mentioned again: one ``group`` (the index of its first row),
  ``n_mentions`` on every row.
* **Sub-counts.** A row after 其中 (包括, 含) with another row's count before the 其中 in
  the same sentence is part of that total: ``part_of`` = the total's group.
* **Other actors.** A row whose clause (or, when the clause has no subject, whose
  sentence) begins with another body (县政府, 法院, 检察院, 国务院, 承办单位 …) counts that
  body's work: ``other_actor`` and ``other_actor_why``.  Deputies are the body.
* **Totals** (:func:`activity_totals`): per type, the sum over groups of one value each,
  leaving out groups that are part of a total of the same type and groups whose every
  mention is another actor's.  A sub-count of a total of another type (监督检查12次，其中执法
  检查3次) counts for its own type, so sum across types only rows whose ``part_of`` is None.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .resources import load_yaml

_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


@lru_cache(maxsize=1)
def _rules():
    r = load_yaml("activity_rows.yaml")
    skip = "|".join(sorted(map(re.escape, r["skip_words"]), key=len, reverse=True))
    lead = rf"^[\s\u3000]*(?:(?:{skip})[，,\s\u3000]*)*"
    own = re.compile(lead + "(?:" + "|".join(r["own_subjects"]) + ")")
    other = re.compile(lead + "(?P<subj>" + "|".join(r["other_subjects"]) + ")")
    return r["subcount_markers"], own, other


def _core(activity: str) -> str:
    return re.sub(r"^(?:其中|包括|的|各类|各项)+", "", activity)


def _same_figure(a, b) -> bool:
    if a.value is None or a.activity_type != b.activity_type or a.value != b.value or a.unit != b.unit:
        return False
    x, y = _core(a.activity), _core(b.activity)
    return x in y or y in x


def _other_actor(text: str, row, bodies: dict[int, str]) -> str | None:
    """Why the row counts another body's work, or None.  ``bodies``: BODY entities by start."""
    _, own, other = _rules()
    first = min(row.count_start, row.activity_start)
    ss = row.sentence_start
    cs = ss
    for m in _CLAUSE_END.finditer(text, ss, first):
        cs = m.end()
    clause = text[cs:first]
    if own.match(clause):
        return None
    m = other.match(clause)
    if m:
        return f"clause subject {m.group('subj')}"
    body = bodies.get(cs + _lead(clause))
    if (body is not None and not own.match(body) and cs + _lead(clause) < first
            and not body.startswith(tuple(load_yaml("activity_rows.yaml")["not_subject_verbs"]))):
        return f"clause subject {body} (BODY)"
    # a clause with no subject of its own: the sentence's
    if any(own.match(text[c.end():first]) for c in _CLAUSE_END.finditer(text, ss, first)):
        return None
    m = other.match(text[ss:first])
    if m and cs > ss:
        return f"sentence subject {m.group('subj')}"
    return None


def _lead(clause: str) -> int:
    """Length of the leading words (一年来, 全年, 同时 …) and spaces of a clause."""
    return _rules_lead().match(clause).end()


@lru_cache(maxsize=1)
def _rules_lead():
    skip = "|".join(sorted(map(re.escape, load_yaml("activity_rows.yaml")["skip_words"]), key=len, reverse=True))
    return re.compile(rf"[\s\u3000]*(?:(?:{skip})[，,\s\u3000]*)*")


def _subcount_total(text: str, rows: list, i: int) -> int | None:
    """The index of the row whose total rows[i] is part of, or None."""
    markers, _, _ = _rules()
    row = rows[i]
    seg = text[row.sentence_start:row.count_start]
    pos = max((seg.rfind(w) for w in markers), default=-1)
    if pos < 0:
        return None
    at = row.sentence_start + pos
    before = [j for j, r in enumerate(rows) if j != i and r.sentence_start == row.sentence_start
              and r.count_end <= at and r.activity_end <= at]
    return max(before, key=lambda j: rows[j].count_end) if before else None


def annotate(text: str, rows: list, entities: Iterable = ()) -> list:
    """Set ``group``, ``n_mentions``, ``part_of``, ``other_actor`` and ``other_actor_why`` on
    the activity rows of one report (in place; returned).  ``entities``: the report's
    entities (its BODY spans name clause subjects the patterns miss)."""
    bodies = {e.start: e.text for e in entities if e.label == "BODY"}
    for r in rows:
        why = _other_actor(text, r, bodies)
        r.other_actor, r.other_actor_why = why is not None, why
    groups: list[int] = []
    for i, r in enumerate(rows):
        g = next((groups[j] for j in range(i) if _same_figure(rows[j], r)), i)
        groups.append(g)
    sizes: dict[int, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    for r, g in zip(rows, groups):
        r.group, r.n_mentions = g, sizes[g]
    for i, r in enumerate(rows):
        j = _subcount_total(text, rows, i)
        r.part_of = None if j is None or groups[j] == groups[i] else groups[j]
    return rows


def _get(row, key):
    return row.get(key) if isinstance(row, dict) else getattr(row, key, None)


def counted_groups(rows: Iterable) -> dict[int, dict]:
    """The groups that count: ``{group: first row}``, leaving out groups with a row that
    is part of a total of the same type (so a type's sum never counts a figure twice; a
    sub-count of a total of another type still counts for its own type) and groups whose
    every row is another actor's work.  ``rows``:
    Activity objects or their dicts (from JSON Lines)."""
    rows = list(rows)
    by_group: dict[int, list] = {}
    for i, r in enumerate(rows):
        g = _get(r, "group")
        by_group.setdefault(i if g is None else g, []).append(r)
    type_of = {g: _get(members[0], "activity_type") for g, members in by_group.items()}
    keep = {}
    for g, members in by_group.items():
        if any(_get(r, "part_of") is not None and type_of.get(_get(r, "part_of")) == type_of[g] for r in members):
            continue
        if all(_get(r, "other_actor") for r in members):
            continue
        keep[g] = members[0]
    return keep


def activity_totals(rows: Iterable) -> dict[str, dict]:
    """Per activity type: ``{"value": sum, "approximate": any approximate, "n_groups",
    "n_mentions", "units": sorted units}`` over :func:`counted_groups`; rows without a
    value add nothing to the sum."""
    rows = list(rows)
    counted = counted_groups(rows)
    mentions: dict[int, int] = {}
    for i, r in enumerate(rows):
        g = _get(r, "group")
        mentions[i if g is None else g] = mentions.get(i if g is None else g, 0) + 1
    out: dict[str, dict] = {}
    for g, r in counted.items():
        t = out.setdefault(_get(r, "activity_type") or "other",
                           {"value": 0.0, "approximate": False, "n_groups": 0, "n_mentions": 0, "units": []})
        v = _get(r, "value")
        if v is not None:
            t["value"] += v
        t["approximate"] = t["approximate"] or bool(_get(r, "approximate"))
        t["n_groups"] += 1
        t["n_mentions"] += mentions[g]
        u = _get(r, "unit")
        if u and u not in t["units"]:
            t["units"] = sorted([*t["units"], u])
    return out
