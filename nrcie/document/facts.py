"""What a report says about itself: the reporting body, its level and region, the
year(s) covered, the genre and the meeting it was delivered at.

Read from the head of the text (title, header line, first paragraph) by the rules in
``resources/document_facts.yaml``, with the division table of
:mod:`nrcie.document.regions` for names and codes; where the head names no body, from
the whole text (the body that names itself most often; else the level of the bodies
it supervises and the party committee that leads it).  Self-references (县人大常委会,
常委会, 过去一年) are resolved against the header and its dates.  Every field keeps the
offsets it rests on and why (``evidence``).  A few milliseconds a report.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..normalize.text import normalize_for_model
from .patterns import Rules, rules
from .regions import Region, regions

LEVEL_WORD = {"national": "全国", "province": "省", "city": "市", "county": "县", "township": "镇"}
FIELDS = ("body", "level", "region", "region_code", "year", "years", "genre", "session", "delivery_year")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_HEADER = re.compile(r"\d\s*日?\s*在[^\n]{2,40}会议上")
_NOT_NAME = set("的在和及与受我代表向对由为是了、")
#: single characters that start a clause, not a name (请大方县…, 经大方县…)
_NOT_FIRST = set("请经将把被从到使让令据按该本全各原新")


@dataclass
class DocumentFacts:
    """Facts about one document; None where the text does not say.

    ``year`` is the last year whose work the text reviews and ``years`` all of them
    (five for a term report); ``delivery_year`` the year it was delivered or published
    (今年 in a report delivered in January is ``delivery_year``, 去年 and 过去一年 ``year``).
    ``evidence`` maps each field found to ``{"start", "end", "why"}`` (offsets into the
    input; None when the fact came from a title given apart from the text).
    """

    body: str | None = None
    level: str | None = None
    region: str | None = None
    region_code: str | None = None
    year: int | None = None
    years: list[int] = field(default_factory=list)
    genre: str | None = None
    session: str | None = None
    delivery_year: int | None = None
    evidence: dict[str, dict] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in FIELDS}, "evidence": dict(self.evidence)}

    def note(self, name: str, value, start: int | None, end: int | None, why: str) -> None:
        setattr(self, name, value)
        self.evidence[name] = {"start": start, "end": end, "why": why}


@dataclass
class _Body:
    start: int  # of the place (or the organ when none)
    end: int  # of the organ
    organ: str
    level: str | None
    region: Region | None = None
    place: str | None = None  # the name as written (a township's, a level word)
    why: str = ""


def _is_foreign(text: str, start: int, end: int, r: Rules) -> bool:
    before = text[max(0, start - 3):start]
    after = text[end:end + 5]
    return any(before.endswith(w) for w in r.foreign_before) or any(after.startswith(w) for w in r.foreign_after)


def _place_before(text: str, end: int, line_start: int, r: Rules) -> tuple[int, Region | None, str | None, str | None]:
    """What names the organ ending its place at ``end``: (start, region, surface, level)."""
    table = regions()
    t = r.term_before_organ.search(text, max(line_start, end - 6), end)
    if t:
        end = t.start()  # 省十三届人大常委会: the place before the term
    # a township or street, after a county (江岸区塔子湖街道) or alone (九阡镇)
    lo = max(line_start, end - 8)
    towns = [s for s in range(lo, end - 2) if r.township.match(text[s:end])]
    for s in reversed(towns):
        if table.ending_at(text, s, line_start):
            return s, None, text[s:end], "township"
    for s in towns:
        if s == line_start or not _CJK.match(text[s - 1]) or text[s - 1] in _NOT_NAME:
            if _NOT_NAME.isdisjoint(text[s:end]):
                return s, None, text[s:end], "township"
    found = table.ending_at(text, end, line_start)
    if found:
        s, reg = found
        b = s - 1
        if (b >= line_start and _CJK.match(text[b]) and text[b] not in _NOT_NAME and text[b] not in _NOT_FIRST
                and (b == line_start or not _CJK.match(text[b - 1]))):
            # one more name character before a known name, after a boundary (——滇南县人大常委会):
            # a longer name the table lacks, not the known one inside it (南县)
            return b, None, text[b:end], reg.level
        return s, reg, text[s:end], reg.level
    for word, level in r.level_words:
        if text.startswith(word, end - len(word)):
            name = text[line_start:end]
            # a name the table lacks, alone at the start of the title line (青石县人民代表大会...)
            if 2 <= len(name) - len(word) <= 8 and _NOT_NAME.isdisjoint(name) and all(map(_CJK.match, name)):
                return line_start, None, name, level
            return end - len(word), None, word, level
    return end, None, None, None


def _region_in_head(text: str, head: int, level: str, word: str | None) -> tuple[int, Region] | None:
    """The first division of ``level`` named in the head (full names; short ones for
    provinces): 省人大常委会 on a page of 四川人大网 is Sichuan's."""
    table = regions()
    municipal = word == "市" and level == "city"
    for s in range(head):
        for n in range(8, 1, -1):
            name = text[s:s + n]
            cands = table.full.get(name) or (table.short.get(name) if level == "province" or municipal else None)
            if not cands:
                continue
            for reg in cands:
                if reg.level == level or (municipal and reg.level == "province" and reg.name.endswith("市")):
                    return s, reg
    return None


def _bodies(text: str, lo: int, hi: int, r: Rules, allow_foreign: bool = False) -> Iterable[_Body]:
    """The organs named in text[lo:hi], with the place before each, in order."""
    seen: set[int] = set()
    hits = []
    for organ in r.organs:
        for m in organ.pattern.finditer(text, lo, hi):
            hits.append((m.start(), m.end(), organ))
    hits.sort(key=lambda h: (h[0], -h[1]))
    for start, end, organ in hits:
        if start in seen or any(s < start < e for s, e, _ in hits if (s, e) != (start, end) and s in seen):
            continue
        seen.add(start)
        if organ.level:
            yield _Body(start, end, organ.canonical, organ.level, why=f"organ {organ.canonical}")
            continue
        line_start = text.rfind("\n", 0, start) + 1
        s, reg, place, level = _place_before(text, start, line_start, r)
        if not allow_foreign and _is_foreign(text, s, end, r):
            continue
        yield _Body(s, end, organ.canonical, level, reg, place, why=f"{place or ''}{organ.canonical}")


def _head_end(text: str, r: Rules) -> int:
    return min(len(text), r.head_chars)


def _choose_body(text: str, r: Rules) -> tuple[_Body | None, str]:
    head = _head_end(text, r)
    found = [b for b in _bodies(text, 0, head, r) if b.level]
    if found:
        first = found[0]
        if first.region is None and first.level != "township":
            # 县人大常委会 in the title, 大方县 named later in the head: the same body
            named = [b for b in found if b.region is not None and b.level == first.level]
            if named:
                return named[0], "the head names the body"
        if first.region is None and first.level in ("province", "city", "county"):
            hit = _region_in_head(text, head, first.level, first.place)
            if hit and first.start <= hit[0] < first.end:
                hit = None  # a known name inside the body's own unknown one (南县 in 滇南县)
            if hit:
                s, reg = hit
                return _Body(first.start, first.end, first.organ, reg.level, reg, text[s:s + len(reg.name)],
                             why=f"{first.why}, {reg.name} named in the head"), "the head names the body"
        return first, "the head names the body"
    # nothing in the head: the body the whole text names most often as its own
    counted = Counter()
    firsts: dict[tuple, _Body] = {}
    for b in _bodies(text, head, len(text), r):
        if b.level:
            key = (b.level, b.region.code if b.region else b.place)
            counted[key] += 1
            firsts.setdefault(key, b)
    ctx = _level_from_context(text, r)
    if ctx:
        mine = [k for k, _ in counted.most_common() if k[0] == ctx[0]]
        if mine:
            return firsts[mine[0]], "the body of the level the text's context says, named most often"
        level, s, e = ctx
        hit = _region_in_head(text, head, level, None)
        word = LEVEL_WORD[level] if level != "national" else "全国"
        if hit:
            rs, reg = hit
            return _Body(s, e, "人大常委会", level, reg, text[rs:rs + len(reg.name)],
                         why=f"常委会 led by or supervising bodies of this level ({text[s:e]}); {reg.name} in the head"), \
                "the context"
        if "常委会" in text:
            return _Body(s, e, "人大常委会", level, None, word,
                         why=f"常委会 led by or supervising bodies of this level ({text[s:e]})"), "the context"
    return None, ""


_NPC_SESSION = re.compile(r"第[一二三四五六七八九十]{1,3}届全国人民代表大会第[一二三四五六七八九十]{1,3}次会议")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")


def _region_in_titles(text: str, level: str) -> tuple[int, Region] | None:
    """The division of ``level`` that the text's 《》 titles name at their start
    (《孝感市文明行为促进条例》): a body's own instruments carry its region's name. Only
    when one division is named more often than any other."""
    table = regions()
    counted: Counter = Counter()
    first: dict[str, tuple[int, Region]] = {}
    for m in _TITLE.finditer(text):
        name = m.group(1)
        if name.startswith("关于"):
            name = name[2:]
        for n in range(min(8, len(name)), 1, -1):
            cands = [reg for reg in table.full.get(name[:n], ()) if reg.level == level]
            if len(cands) == 1:
                counted[cands[0].code] += 1
                first.setdefault(cands[0].code, (m.end(1) - len(name), cands[0]))
                break
    top = counted.most_common(2)
    if not top or (len(top) > 1 and top[0][1] == top[1][1]):
        return None
    return first[top[0][0]]


def _level_from_context(text: str, r: Rules) -> tuple[str, int, int] | None:
    votes: Counter = Counter()
    where: dict[str, tuple[int, int]] = {}
    for pattern, level in r.supervised:
        for m in pattern.finditer(text):
            votes[level] += 1
            where.setdefault(level, (m.start(), m.end()))
    if not votes:
        return None
    level, _ = votes.most_common(1)[0]
    return level, *where[level]


def _genre(text: str, r: Rules) -> tuple[str, int, int, str] | None:
    head = text[:_head_end(text, r)]
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", head)][:4]
    title = [(s, l) for s, l in lines if len(l.strip()) <= 60]
    news = r.news_markers.search(head[:300])
    for name, pattern in r.genres:
        for s, line in title:
            m = pattern.search(line)
            if not m:
                continue
            if name == "work_report" and news and not _HEADER.search(head):
                return "news", news.start(), news.end(), f"news page ({news.group()}) about a report"
            return name, s + m.start(), s + m.end(), f"title says {m.group()}"
    if news:
        return "news", news.start(), news.end(), f"news page ({news.group()})"
    m = r.report_markers.search(text)
    if m:
        return "work_report", m.start(), m.end(), f"a report's words ({m.group()})"
    return None


def _delivery(text: str, r: Rules, title: str | None):
    head = text[:_head_end(text, r)]
    for source, s in (("title", title or ""), ("text", head)):
        for p in r.delivery_date:
            m = p.search(s)
            if m:
                month = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else None
                return int(m.group("y")), month, source, m
    return None


def _title_year(title: str) -> int | None:
    m = re.match(r"\s*((?:19|20)\d\d)\s*年", title)
    return int(m.group(1)) if m else None


def document_facts(text: str, entities: Iterable | None = None, title: str | None = None) -> DocumentFacts:
    """The facts of one document.  ``entities`` (a result's, any pipeline's) add MEETING
    spans for the session and PLACE spans for a region the rules miss; ``title`` is a
    title known apart from the text (a collection's metadata), read before the text."""
    r = rules()
    facts = DocumentFacts()
    if not text or not text.strip():
        return facts
    norm = normalize_for_model(text)
    entities = list(entities or [])
    head = _head_end(norm, r)

    # body, level, region
    gwr = title is not None and "政府工作报告" in title
    resolution = gwr and _is_resolution(title)
    if gwr:
        facts.note("body", "国务院", None, None, f"title: {title}")
        facts.note("level", "national", None, None, "the State Council's report")
        facts.note("region", "全国", None, None, "the State Council's report")
    else:
        body, why = _choose_body(norm, r)
        if body is not None:
            place = body.region.name if body.region else body.place
            if body.organ == "国务院":
                name, place = "国务院", "全国"
            elif body.level == "national":
                name, place = "全国人大常委会", "全国"
            else:
                name = f"{place or LEVEL_WORD.get(body.level, '')}{body.organ}"
            facts.note("body", name, body.start, body.end, f"{why}: {body.why}")
            facts.note("level", body.level, body.start, body.end, f"from the body {name}")
            if place and place not in LEVEL_WORD.values() and place not in ("区", "州", "旗", "乡", "街道", "自治区",
                                                                            "自治州"):
                facts.note("region", place, body.start, body.start + len(body.place or place),
                           f"named before {body.organ}")
            if body.region is not None:
                facts.note("region_code", body.region.code, body.start, body.end,
                           f"division table: {body.region.name} {body.region.code}")
            elif body.level in ("province", "city", "county") and (not place or place in LEVEL_WORD.values()):
                # a bare level body (省人大常委会): the region its own instruments' titles name
                hit = _region_in_titles(norm, body.level)
                if hit:
                    s, reg = hit
                    why_t = f"the text's 《》 titles name {reg.name}"
                    facts.note("body", f"{reg.name}{body.organ}", body.start, body.end, f"{why}: {body.why}; {why_t}")
                    facts.note("region", reg.name, s, s + len(reg.name), why_t)
                    facts.note("region_code", reg.code, s, s + len(reg.name), f"division table: {reg.name} {reg.code}")
    if facts.level == "national":
        facts.region = "全国"

    # genre
    if resolution:
        facts.note("genre", "other", None, None, "title: the NPC's resolution on the report")
    elif gwr:
        facts.note("genre", "work_report", None, None, "title: 政府工作报告")
    else:
        g = _genre(norm, r)
        if g:
            facts.note("genre", g[0], g[1], g[2], g[3])

    # session
    if resolution:
        m = _NPC_SESSION.search(norm)
        if m:
            facts.note("session", text[m.start():m.end()], m.start(), m.end(), "the session the resolution names")
    for p in r.session if facts.session is None and (facts.genre != "news" or "工作报告" in norm[:head]) else ():
        m = p.search(norm, 0, head)
        if m:
            facts.note("session", text[m.start("s"):m.end("s")], m.start("s"), m.end("s"), "the meeting named in the head")
            break
    if facts.session is None and facts.genre == "work_report":
        meeting = next((e for e in entities if getattr(e, "label", None) == "MEETING" and e.start < head
                        and "人民代表大会" in e.text and "常务委员会" not in e.text), 
                       None)
        if meeting is not None:
            facts.note("session", meeting.text, meeting.start, meeting.end, "MEETING entity in the head")

    # years
    _years(norm, facts, r, title)

    # a region the rules missed: a PLACE entity in the body's line of the head
    if facts.region_code is None and facts.region and facts.level in ("province", "city", "county"):
        reg = regions().lookup(facts.region)
        if reg is not None:
            facts.note("region_code", reg.code, *[facts.evidence["region"][k] for k in ("start", "end")],
                       f"division table: {reg.name}")
    return facts


#: NPC sessions that open a term (六届 1983, every five years): the government work report
#: given there reviews the five years of the outgoing government
FIRST_SESSION = (1983, 5)
#: where a resolution dates itself; either way the year it reviews is the one before
_RESOLUTION_YEAR = (
    (re.compile(r"(?:报告提出的\s*|(?=(?:19|20)\d\d\s*年的?(?:工作部署|各项工作任务)))(?P<y>(?:19|20)\d\d)\s*年"),
     "the plan year the resolution names, less one"),
    (re.compile(r"[（(]\s*(?P<y>(?:19|20)\d\d)\s*年\s*[1-6]\s*月[^）)\n]{0,40}通过"),
     "adopted early in the year: the year before"),
)


def _is_resolution(title: str) -> bool:
    """The NPC's resolution on a government work report (…关于政府工作报告的决议)."""
    return "决议" in title


def _collection_years(norm: str, facts: DocumentFacts, title: str) -> bool:
    """Years of an excerpt of a government work report or of the NPC's resolution on one,
    read with the row's title (GUIDELINES, Document facts); False when ``title`` is neither."""
    if "政府工作报告" not in title:
        return False
    resolution = _is_resolution(title)
    if resolution:
        for pattern, why in _RESOLUTION_YEAR:
            m = pattern.search(norm)
            if m:
                y, s, e = int(m.group("y")) - 1, m.start("y"), m.end("y")
                break
        else:
            return True
    else:
        ty = _title_year(title)
        if ty is None:
            return False
        y, s, e, why = ty - 1, None, None, "title year less one: the report reviews the year before"
    facts.note("year", y, s, e, why)
    first, step = FIRST_SESSION
    term = bool(re.search(r"过去的?五年|五年来|五年的工作", norm)) if resolution else (y + 1 - first) % step == 0
    years = list(range(y - 4, y + 1)) if term else [y]
    facts.note("years", years, s, e, "the five years of a term (first session of an NPC)" if term else why)
    return True


def _year_from_clues(norm: str, facts: DocumentFacts, r: Rules) -> None:
    """The year covered from what the year's work says of other years (``year_clues``):
    the latest match of the first clue that matches."""
    for pattern, offset, why in r.year_clues:
        hits = [(int(m.group("y")) + offset, m) for m in pattern.finditer(norm)]
        if hits:
            y, m = max(hits, key=lambda h: h[0])
            facts.note("year", y, m.start("y"), m.end("y"), why)
            facts.note("years", [y], m.start("y"), m.end("y"), why)
            return


def _years(norm: str, facts: DocumentFacts, r: Rules, title: str | None) -> None:
    delivered = _delivery(norm, r, title)
    if delivered is None and title and _title_year(title):
        y = _title_year(title)
        delivered = (y, None, "title", None)
    if delivered:
        y, month, source, m = delivered
        s, e = (m.start(), m.end()) if source == "text" and m else (None, None)
        facts.note("delivery_year", y, s, e, f"date in the {source}")
    if title and _collection_years(norm, facts, title):
        return
    # said outright
    window = norm[:max(_head_end(norm, r), 600)]
    # a year a clue reads (2026年是… under the plan heading) is not the year covered
    clued = {m.start("y") for pattern, _, _ in r.year_clues for m in pattern.finditer(window)}
    for k, (pattern, why) in enumerate(r.covered_year):
        if k == len(r.covered_year) - 1 and facts.genre == "other":
            break  # a speech's first paragraph names past years; its date says when
        m = next((m for m in pattern.finditer(window) if m.start("y") not in clued), None)
        if m:
            y = int(m.group("y"))
            facts.note("year", y, m.start("y"), m.end("y"), why)
            facts.note("years", [y], m.start("y"), m.end("y"), why)
            break
    if facts.year is None and delivered:
        y, month, source, m = delivered
        ev = facts.evidence["delivery_year"]
        if facts.genre == "work_report":
            last = y if month and month >= 11 else y - 1
            why = "delivered in December: that year" if last == y else "delivered early in the year: the year before"
        else:
            last, why = y, "the year of the date"
            if facts.genre == "news" and month and month <= 3 and "工作报告" in norm[:300]:
                last, why = y - 1, "news of a report in the first months: the year before"
        facts.note("year", last, ev["start"], ev["end"], why)
        facts.note("years", [last], ev["start"], ev["end"], why)
    if facts.year is None:
        _year_from_clues(norm, facts, r)
    t = r.term.search(norm, 0, 600) if facts.genre in ("work_report", "work_summary") else None
    if t and delivered:
        y, month = delivered[0], delivered[1]
        last = y if month and month >= 11 else y - 1
        facts.note("year", last, t.start(), t.end(), f"a term report ({t.group()}) delivered in {y}")
    if t and facts.year is not None:
        if True:
            facts.note("years", list(range(facts.year - 4, facts.year + 1)), t.start(), t.end(),
                       f"a term report ({t.group()})")
