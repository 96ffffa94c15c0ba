"""Validate stand-off gold files: every error names the file and the line.

Besides the format (offsets, surfaces, overlaps, relations), :func:`convention_problems`
checks what the annotation guidelines (``annotations/GUIDELINES.md``, conventions
C01–C23) decide mechanically: bare meeting types as MEETING, counted meeting types,
COUNTs without a measure word, relative dates, titles in PERSON spans, the fixed
formulas of C05–C07, website names, roads named by their ends, determiners in
ACTIVITY spans, and 一年 / 万-people counts left bare.  A problem with a span is
reported on the span's line; one with unannotated text on the line of the next
span (the header when none follows), with the text offset.
"""
from __future__ import annotations

import bisect
import re
from pathlib import Path

from ..schema import ACTIVITY_TYPES, COUNT_OF, LABELS, RELATIONS, SINGLE_CHAR_LABELS
from ..rules.magnitudes import MAGNITUDE as _MAGNITUDE
from ..rules.magnitudes import NUMERAL_CHARS as _NUMERAL_CHARS
from ..rules.magnitudes import PEOPLE_NOUN as _PEOPLE_NOUN
from ..rules.magnitudes import is_count, is_date
from .standoff import CorpusError, corpus_files, read_standoff, surface_problem


def validate_file(path: Path | str) -> list[str]:
    """All problems found in one stand-off file (empty list when it is valid)."""
    path = Path(path)
    errors: list[str] = []
    try:
        f = read_standoff(path)
    except CorpusError as e:
        return [str(e)]
    hno, text, rels = f.header_line, f.text, f.relations
    ents: dict[str, tuple[int, dict]] = {}
    spans: list[tuple[int, int, int]] = []
    for no, _ in f.other:
        errors.append(f"{path}:{no}: neither an entity (start, end) nor a relation (head, tail)")
    for no, rec in f.entities:
        where = f"{path}:{no}"
        try:
            eid, label, start, end, surface = rec["id"], rec["label"], rec["start"], rec["end"], rec["text"]
        except KeyError as e:
            errors.append(f"{where}: entity lacks {e.args[0]!r}")
            continue
        if label not in LABELS:
            errors.append(f"{where}: unknown label {label!r}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errors.append(f"{where}: offsets {start}..{end} outside the text (0..{len(text)})")
            continue
        problem = surface_problem(rec, text)
        if problem:
            errors.append(f"{where}: {problem}")
        if text[start:end] != text[start:end].strip():
            errors.append(f"{where}: span {surface!r} starts or ends with white space")
        if "type" in rec and (label != "ACTIVITY" or rec["type"] not in ACTIVITY_TYPES):
            errors.append(f"{where}: type {rec['type']!r} is not an activity type of an ACTIVITY "
                          f"(types: {', '.join(ACTIVITY_TYPES)})")
        if eid in ents:
            errors.append(f"{where}: id {eid} already used on line {ents[eid][0]}")
        ents[eid] = (no, rec)
        spans.append((start, end, no))
    spans.sort()
    for (s1, e1, n1), (s2, e2, n2) in zip(spans, spans[1:]):
        if s2 < e1:
            errors.append(f"{path}:{n2}: span {s2}..{e2} overlaps line {n1} ({s1}..{e1})")
    tails: set[str] = set()
    seen_rel: set[tuple] = set()
    for no, rec in rels:
        where = f"{path}:{no}"
        label, head, tail = rec.get("label"), rec.get("head"), rec.get("tail")
        if label not in RELATIONS:
            errors.append(f"{where}: unknown relation {label!r}")
            continue
        if (label, head, tail) in seen_rel:
            errors.append(f"{where}: duplicate relation {head} -> {tail}")
        seen_rel.add((label, head, tail))
        want_head, want_tail = RELATIONS[label]
        for role, eid, want in (("head", head, want_head), ("tail", tail, want_tail)):
            if eid not in ents:
                errors.append(f"{where}: {role} {eid!r} is no entity of this file")
            elif ents[eid][1]["label"] != want:
                errors.append(f"{where}: {label} {role} must be {want}, is {ents[eid][1]['label']} ({eid})")
        if label == COUNT_OF:
            tails.add(tail)
    for eid, (no, rec) in ents.items():
        if rec.get("label") == "ACTIVITY" and eid not in tails:
            errors.append(f"{path}:{no}: ACTIVITY {rec.get('text')!r} is the tail of no COUNT_OF")
    good = [(no, rec) for no, rec in ents.values()
            if rec.get("label") in LABELS and isinstance(rec.get("start"), int) and isinstance(rec.get("end"), int)
            and 0 <= rec["start"] < rec["end"] <= len(text)]
    for no, reason in convention_problems(text, good, hno):
        errors.append(f"{path}:{no}: {reason}")
    return errors


# --- the annotation conventions (GUIDELINES.md section 4; C01-C23), as far as they are mechanical ---

_CJK = "\u4e00-\u9fff"
#: meeting types that get no label when no COUNT quantifies them, also with an owner prefix (C01)
_MEETING_TYPE = "(?:常委会会议|常务委员会会议|党组会议|党组[（(]扩大[)）]会议|民主生活会|组织生活会|党员大会|常务会议)"
_BARE_MEETING = re.compile(f"[{_CJK}]{{0,12}}?{_MEETING_TYPE}|代表大会|座谈会|大会|人代会")
_RELATIVE_DATE = re.compile("今年|全年|近年来|近年|近几年|当前|目前|上半年|下半年")
_CLOCK = re.compile("[0-9０-９]{1,2}[:：][0-9０-９]{2}")
_PERSON_TITLE = re.compile("总书记|书记|主任|委员长|省长|市长|县长|区长|镇长|乡长|同志")
#: two countries by their one-character names (中美关系, 中葡两国): each character is PLACE (GUIDELINES 139)
_COUNTRY_PAIR = re.compile("(?<![\u4e00-\u9fff])([中美苏日英法德俄葡朝韩欧印越])([美苏日英法德俄葡朝韩欧印越非])"
                           "(?=关系|两国|双方|经贸|战略协作|全面合作)")
_FORMULA_C05 = re.compile("[“\"]?党的(?:全面)?领导、人民当家作主(?:、|和)依法治国有机统一[”\"]?")
_THOUGHT_C06 = re.compile(f"习近平(总书记关于[^。；！？\n]{{1,60}}?的重要思想)")
_WEBSITE_AFTER = re.compile("[“\"”]?(?:(?:人大|政府|新闻|发布)[”\"]?(?:网站|网|微信公众号|公众号|微信号|客户端|APP|App)"
                            "|[”\"]?(?:网站|微信公众号|公众号|微信号|客户端))")
_QUOTED_ACCOUNT_AFTER = re.compile(f"[{_CJK}]{{0,6}}[”\"](?:平台|网站|公众号|微信|客户端|APP|App)")
_ROAD = re.compile("(?:通村|通组)?(?:公路|道路|大道|铁路|高速公路|高速|路)")
_ACTIVITY_DETERMINER = re.compile("各类|各级|各项|有关|相关|其他|全部|所有|重要|重点")
_ACTIVITY_VERB = re.compile("开展|召开|举办|举行|完成|推动")
_VOLUME = re.compile("第[一二三四五六七八九十百0-9０-９]+[卷辑册]")


_THRESHOLDS = ("以内", "以上", "以下")


def convention_problems(text: str, entities: list[tuple[int, dict]], header_line: int = 1) -> list[tuple[int, str]]:
    """``(line, reason)`` for each place where the annotation breaks a mechanical rule of the guidelines.

    ``entities`` are ``(line number, record)`` pairs with valid offsets; surfaces are read from ``text``
    (third-party files store long ones abbreviated).
    """
    ents = sorted(((rec["start"], rec["end"], rec["label"], no) for no, rec in entities))
    starts = [e[0] for e in ents]
    out: list[tuple[int, str]] = []

    def covered(a: int, b: int) -> bool:
        i = bisect.bisect_right(starts, a) - 1
        return i >= 0 and ents[i][0] <= a and b <= ents[i][1]

    def line_after(pos: int) -> int:
        i = bisect.bisect_left(starts, pos)
        return ents[i][3] if i < len(ents) else header_line

    def span(label: str, a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, a)
        return any(s == a and e == b and lab == label for s, e, lab, _ in ents[i:i + 2])

    for k, (s, e, label, no) in enumerate(ents):
        surf = text[s:e]
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        prv = ents[k - 1] if k else None
        after = text[e:e + 12]
        if e - s == 1 and label not in SINGLE_CHAR_LABELS:
            out.append((no, f"{label} {surf!r} is one character: only "
                            f"{', '.join(sorted(SINGLE_CHAR_LABELS))} may be (span length)"))
        if label in ("COUNT", "PERCENT", "MONEY") and after[:2] in _THRESHOLDS:
            out.append((no, f"{label} {surf!r} leaves out the threshold {after[:2]!r} after it: thresholds "
                            f"are inside the span (decision 64, GUIDELINES 120)"))
        if label == "MEETING":
            if _BARE_MEETING.fullmatch(surf):
                out.append((no, f"MEETING {surf!r} is a bare meeting type: uncounted it gets no label, "
                                f"counted it is an ACTIVITY or bare (C01-C03)"))
            for other in (prv, nxt):
                if other and other[2] == "COUNT" and not text[min(e, other[1]):max(s, other[0])].strip():
                    out.append((no, f"MEETING {surf!r} is counted: a counted meeting type is an ACTIVITY "
                                    f"(the reporting body's sittings) or bare (another body's) (C02)"))
        elif label == "BODY":
            for other in (prv, nxt):
                if other and other[2] == "COUNT" and not text[min(e, other[1]):max(s, other[0])].strip() \
                        and re.search("[次场][）)]?$", text[other[0]:other[1]]) \
                        and re.search("(?:常委会|主任会议|党组|主席团)$", surf):
                    out.append((no, f"BODY {surf!r} is counted as sittings: it is an ACTIVITY (C02)"))
        elif label == "COUNT":
            flat = "".join(surf.split())
            if flat.startswith("第"):
                out.append((no, f"COUNT {surf!r} is an ordinal, not a COUNT"))
            elif not is_count(text, s, e):
                out.append((no, f"COUNT {surf!r} has no measure word (only a bare magnitude counting "
                                f"people is a COUNT without one: C16, C17)"))
        elif label == "DATE":
            if _RELATIVE_DATE.fullmatch(surf):
                out.append((no, f"DATE {surf!r}: 今年, 全年, 近年来, 当前 and a bare 上半年 are not DATEs"))
            elif _CLOCK.search(surf):
                out.append((no, f"DATE {surf!r} contains a clock time; clock times are not DATE (C17)"))
            elif not is_date(surf):
                out.append((no, f"DATE {surf!r} has no time word or date separator: a bare number or an "
                                f"ordinal is no DATE (C17)"))
            if surf == "一年" and text[s - 1:s] == "第":
                out.append((no, "第一年 is one DATE (C04)"))
        elif label == "PERSON":
            if _PERSON_TITLE.search(surf):
                out.append((no, f"PERSON {surf!r} holds a title; PERSON is the name only "
                                f"(总书记 alone is no PERSON: C06)"))
        elif label == "INITIATIVE":
            if surf == "全面深化改革":
                out.append((no, "全面深化改革 is a broad policy word, not an INITIATIVE (C07)"))
        elif label == "PLACE":
            if _WEBSITE_AFTER.match(after) or (s > 0 and text[s - 1] in "“\"" and _QUOTED_ACCOUNT_AFTER.match(after)):
                out.append((no, f"PLACE {surf!r} is part of a website or account name, which gets no "
                                f"annotation (C12)"))
            if nxt and nxt[2] == "PLACE" and text[e:nxt[0]] in ("至", "到") and _ROAD.match(text[nxt[1]:nxt[1] + 4]):
                out.append((no, f"a road named by its ends ({surf!r}{text[e:nxt[1]]}…) is one PLACE (C14)"))
        elif label == "ACTIVITY":
            if _ACTIVITY_DETERMINER.match(surf) and not surf.startswith("有关法律问题和重大问题"):
                out.append((no, f"ACTIVITY {surf!r} starts with a determiner or evaluative word "
                                f"(only 有关法律问题和重大问题的决定 keeps its 有关: C22)"))
            elif _ACTIVITY_VERB.match(surf):
                out.append((no, f"ACTIVITY {surf!r} starts with a verb"))
            if surf.startswith("法律问题和重大问题") and text[s - 2:s] == "有关":
                out.append((no, "有关 stays inside 有关法律问题和重大问题的决定 (C22)"))
        elif label == "DOCUMENT":
            if surf.endswith("》") and _VOLUME.match(after):
                out.append((no, f"the volume number after {surf!r} belongs to the DOCUMENT (C10)"))
    # fixed formulas spanning several words (C05, C06)
    for m in _FORMULA_C05.finditer(text):
        a, b = m.start(), m.end()
        if not span("INITIATIVE", a, b):
            out.append((line_after(a), f"text offset {a}: {m.group()!r} is one INITIATIVE from 党的 to 有机统一, "
                                       f"quotes inside (C05)"))
    for m in _THOUGHT_C06.finditer(text):
        if not (span("PERSON", m.start(), m.start() + 3) and span("INITIATIVE", m.start(1), m.end(1))):
            out.append((line_after(m.start()), f"text offset {m.start()}: 习近平 is PERSON and {m.group(1)!r} "
                                               f"one INITIATIVE (C06)"))
    # text left bare that the conventions annotate (C04, C16)
    for m in re.finditer("一年", text):
        a = m.start()
        if covered(a, a + 2) or text[a - 1:a] == "下" or text[a + 2:a + 3] in ("级", "度") \
                or text[a + 2:a + 4] in ("一度", "四季"):
            continue
        out.append((line_after(a), f"text offset {a}: 一年 meaning a year is a DATE, also as a stage (C04)"))
    for m in _MAGNITUDE.finditer(text):
        a, b = m.start(), m.end()
        if text[b:b + 1] in "余多" or not _PEOPLE_NOUN.match(text[b:b + 8]) or covered(a, b):
            continue
        if text[a - 1:a] and (text[a - 1] in _NUMERAL_CHARS - set("、，, 　（(")):
            continue
        out.append((line_after(a), f"text offset {a}: {m.group()!r} counting people is a COUNT without relation (C16)"))
    for m in _COUNTRY_PAIR.finditer(text):
        a = m.start()
        if not (covered(a, a + 2) or (span("PLACE", a, a + 1) and span("PLACE", a + 1, a + 2))):
            out.append((line_after(a), f"text offset {a}: {m.group()!r} names two countries: each character is "
                                       f"a PLACE (GUIDELINES 139)"))
    return sorted(out)


def validate(root: Path | str | None = None) -> tuple[int, list[str]]:
    """Validate every stand-off file under ``root``; return (files checked, errors)."""
    files = corpus_files(root)
    errors: list[str] = []
    for p in files:
        errors.extend(validate_file(p))
    return len(files), errors
