"""DATE surfaces to ISO values: a calendar point or range, a period, or an explicitly
unresolved relative date.

Two steps.  :func:`parse_date` reads the surface alone (``2022年12月底`` → start and
end ``2022-12``, qualifier ``end``; ``五年`` → a period ``P5Y``; ``今年`` → a year
relative to the report's).  :func:`resolve_date` then places what the surface leaves
open using the text around the span and the report's years: ``一年`` in ``一年来`` or
``过去一年`` is the year the report covers, ``五年`` in ``过去五年`` the five years up to
it, ``7月`` the year named earlier in its sentence, else the covered year.  The rules
(``annotations/GUIDELINES.md``, "DATE values"):

* ``year`` is the year the report reviews (``DocumentFacts.year``), ``delivery_year``
  the year it was delivered (``DocumentFacts.delivery_year``).
* 今年/本年 = the delivery year; 去年/上年 = delivery year − 1; 前年 − 2; 明年 + 1. Without a
  delivery year they stay unresolved (a report delivered in January about the year before
  says 今年 for the new year, one delivered in December for the year it reviews).
* 一年来, 过去(的)一年, 这一年, 本年度 = the covered year; 过去/近 N 年, N 年来 = the N years
  ending with it; 本届以来 = the term's years (``DocumentFacts.years``); 今后/未来 N 年 and
  新的一年 = the years after it.
* Without the year they need, values are returned with ``resolved=False`` and why.

>>> parse_date("2022年12月底").start, parse_date("2022年12月底").qualifier
('2022-12', 'end')
>>> v = resolve_date(parse_date("一年"), "一年来，常委会", 0, 2, year=2023)
>>> (v.start, v.end, v.resolved)
('2023', '2023', True)
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from .numbers import parse_chinese_number, to_halfwidth

_CDIGIT = "〇○零一二三四五六七八九"
_CDIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_YEAR = rf"(?:1[0-9]|20)\d{{2}}|[一二][{_CDIGIT}]{{3}}"
_NUM = r"\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_DATE = re.compile(
    rf"^(?:(?P<y>{_YEAR})年?(?P<yq>度|初|底|末|上半年|下半年|第[一二三四1-4]季度)?)?"
    rf"(?:(?P<m>{_NUM})月(?:份)?(?P<mq>初|底|末|上旬|中旬|下旬)?)?"
    rf"(?:(?P<d>{_NUM})[日号])?$")
_ISO = re.compile(r"^(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?$")
_RANGE_SEP = re.compile(r"至|到|—+|－|-|~|～")
_PERIOD = re.compile(
    r"^(?P<n>\d+|[一二两三四五六七八九十百]+|半)(?P<more>多|余)?(?P<unit>年|个月|个多月|个工作日|天|周|个星期|星期|小时)"
    r"(?P<more2>多|余)?(?P<limit>以上|以内|以下)?$")
#: a year the sentence says the ordinal year is: (2003)年是…(的第一年), nothing ending the clause between
_NAMED_AS = re.compile(r"(?P<y>(?:19|20)\d\d)年是[^。；！？\n]*$")
#: a year the sentence calls "…的一年": (2022年|今年|去年|过去一年)…是…的(关键)一年, nothing ending the clause
#: between; the subject names the year (resolved like the subject itself)
_NAMED_ONE = re.compile(r"(?:(?P<y>(?:19|20)\d\d)年|(?P<rel>今年|本年|明年|去年|过去一年|过去的一年))"
                        r"[^。；！？\n]*是[^。；！？\n]*的[^，。；！？\n的]{0,4}$")
_ORDINAL = re.compile(r"^(?:第(?P<n>[一二三四五1-5])|(?P<head>头一?))(?P<unit>年|个月)$")
_ANNIV = re.compile(r"^(?P<n>\d+|[一二三四五六七八九十百]+)周年$|^(?P<c>百)年$")
_DECADE = re.compile(
    r"^(?:(?P<cent>二十|二十一|21|20|上|本)世纪)?(?P<dec>[一二三四五六七八九]十|[1-9]0)年代(?P<q>初|末|中期|中)?$")
_CENTURY_PART = re.compile(r"^(?P<cent>本|上|二十|二十一|20|21)世纪(?P<q>初|末|中叶|中期)?$")

#: relative years: surface → (offset, anchor); anchor "delivery" (the year it was delivered)
#: or "covered" (the year it reviews)
RELATIVE = {
    "今年": (0, "delivery"), "本年": (0, "delivery"), "当年": (None, None), "去年": (-1, "delivery"),
    "上年": (-1, "delivery"), "前年": (-2, "delivery"), "明年": (1, "delivery"), "来年": (1, "delivery"),
    "本年度": (0, "covered"), "过去一年": (0, "covered"), "过去的一年": (0, "covered"), "一年来": (0, "covered"),
    "这一年": (0, "covered"), "新的一年": (1, "covered"), "今后一年": (1, "covered"),
}
_QUALIFIER = {"初": "begin", "底": "end", "末": "end", "上旬": "early", "中旬": "mid", "下旬": "late",
              "上半年": "first_half", "下半年": "second_half", "度": "fiscal_year"}
_UNIT = {"年": "Y", "个月": "M", "个多月": "M", "月": "M", "天": "D", "日": "D", "个工作日": "D", "周": "W", "个星期": "W", "星期": "W",
         "小时": "H"}
_PAST_BEFORE = ("过去的", "过去", "最近", "近", "这", "连续", "前")
_PAST_AFTER = ("来", "以来", "多来", "多以来")
_FUTURE_BEFORE = ("今后", "未来", "后")


@dataclass(frozen=True)
class DateValue:
    """The value of one DATE: ISO ``start`` and ``end`` (``"2023"``, ``"2023-12"``,
    ``"2023-03-05"``; equal for a point), a ``qualifier`` (``begin``, ``end``, ``early``,
    ``mid``, ``late``, ``first_half``, ``second_half``, ``Q1``…``Q4``, ``fiscal_year``,
    ``about``, ``anniversary``, ``at_least``, ``at_most`` for a period with a threshold: 一个月以上),
    an ISO 8601 ``duration`` for periods (``P5Y``, ``P3M``; working days as days: ``P5D``),
    and ``resolved``: True when ``start``/``end`` place it on the calendar.  ``kind``:
    ``date``, ``range``, ``period``, ``relative``, ``anniversary``, ``decade``, ``century``, ``day``."""

    kind: str
    start: str | None = None
    end: str | None = None
    qualifier: str | None = None
    duration: str | None = None
    resolved: bool = False
    why: str = ""
    #: what resolve_date needs: years from the anchor and which anchor; month-only dates
    offset: int | None = None
    anchor: str | None = None
    month: int | None = None
    day: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    years: int | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


def _num(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s == "半":
        return None
    if len(s) == 2 and s[0] in "两二一三" and s[1] in "三四" and s != "二十":  # 两三年: about two
        return {"两": 2, "二": 2, "一": 1, "三": 3}[s[0]]
    v = parse_chinese_number(s.replace("两", "二"))
    return int(v) if v is not None else None


def _year(s: str) -> int:
    return int(s) if s.isdigit() else int("".join(str(_CDIGITS[ch]) for ch in s))


def _iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")


def _valid(m: int | None, d: int | None) -> bool:
    return (m is None or 1 <= m <= 12) and (d is None or 1 <= d <= 31)


def _calendar(s: str) -> DateValue | None:
    """One calendar expression (no range)."""
    mt = _ISO.match(s)
    if mt:
        y, m, d = int(mt["y"]), int(mt["m"]), _num(mt["d"])
        return DateValue("date", _iso(y, m, d), _iso(y, m, d), resolved=True, why="numeric date") if _valid(m, d) \
            else None
    mt = _DATE.match(s)
    if not mt or not (mt["y"] or mt["m"] or mt["d"]):
        return None
    y = _year(mt["y"]) if mt["y"] else None
    m, d = _num(mt["m"]), _num(mt["d"])
    if not _valid(m, d) or (mt["y"] and not s[len(mt["y"]):].startswith("年") and (m or d or mt["yq"])):
        return None
    q = mt["mq"] or mt["yq"]
    qualifier = _QUALIFIER.get(q) if q else None
    if q and q.startswith("第"):
        qualifier = f"Q{_num(q[1]) if not q[1].isdigit() else q[1]}"
    if y is None and m is None:
        return DateValue("day", qualifier=qualifier, day=d, why="a day of the month with no month")
    if y is None:
        return DateValue("date", qualifier=qualifier, month=m, day=d, why="month with no year")
    return DateValue("date", _iso(y, m, d), _iso(y, m, d), qualifier, resolved=True, why="calendar date")


def _range(s: str) -> DateValue | None:
    for sep in _RANGE_SEP.finditer(s):
        left, right = s[:sep.start()], s[sep.end():]
        a = _calendar(left) or (_calendar(left + "年") if re.fullmatch(_YEAR, left) else None)
        if a is None or a.kind == "day":
            continue
        b = _calendar(right)
        if b is None and a.start and re.fullmatch(_YEAR, right):
            b = _calendar(right + "年")
        if b is None:
            continue
        ya = int(a.start[:4]) if a.start else None
        ma = a.month or (int(a.start[5:7]) if a.start and len(a.start) >= 7 else None)
        if b.kind == "day":  # 7月16日至19日
            b = DateValue("date", _iso(ya, ma, b.day), _iso(ya, ma, b.day), resolved=ya is not None, month=ma,
                          day=b.day)
        elif b.start is None and ya is not None:  # 2022年3月至4月
            b = DateValue("date", _iso(ya, b.month, b.day), _iso(ya, b.month, b.day), resolved=True)
        if a.start and b.end:
            return DateValue("range", a.start, b.end, a.qualifier or b.qualifier, resolved=True, why="date range")
        # both without a year: 5月至7月, resolved later by the context year
        return DateValue("range", qualifier=a.qualifier, month=ma, day=a.day, end_month=b.month, end_day=b.day,
                         why="range with no year")
    return None


def parse_date(surface: str) -> DateValue | None:
    """The value of a DATE surface read alone; None if it is no date this module knows."""
    s = re.sub(r"\s+", "", to_halfwidth(surface)).strip("，,。()（）")
    if not s:
        return None
    if s in RELATIVE:
        off, anchor = RELATIVE[s]
        if off is None:
            return DateValue("relative", why=f"{s}: the year the text is talking about")
        return DateValue("relative", offset=off, anchor=anchor, why=f"{s}: {anchor} year {off:+d}")
    if s in ("本届以来", "本届", "本届任期"):
        return DateValue("relative", anchor="term", why=f"{s}: the term's years")
    v = _calendar(s) or _range(s)
    if v is not None:
        return v
    mt = _AFFIXED.match(s)
    if mt:  # 过去五年, 五年来: the period and where it lies
        inner = parse_date(mt["p1"] or mt["p2"] or mt["p3"])
        if inner is not None and inner.kind == "period" and inner.years:
            return replace(inner, anchor="future" if mt["fut"] else "past", why=f"{s}: numeral period")
    mt = _PERIOD.match(s)
    if mt:
        unit = _UNIT[mt["unit"]]
        if mt["n"] == "半":
            n, unit = (6, "M") if unit == "Y" else (None, unit)
        else:
            n = _num(mt["n"])
        if n is None:
            return DateValue("period", why="a period of unknown length")
        about = bool(mt["more"] or mt["more2"] or "多" in mt["unit"] or (len(mt["n"]) == 2 and mt["n"][1] in "三四"
                                                                        and mt["n"][0] in "两二一"))
        # a threshold (一个月以上, 5个工作日以内) bounds the period: qualifier at_least / at_most
        limit = {"以上": "at_least", "以内": "at_most", "以下": "at_most"}.get(mt["limit"] or "")
        working = "工作日" in mt["unit"]
        return DateValue("period", qualifier=limit or ("about" if about else None),
                         duration=f"PT{n}H" if unit == "H" else f"P{n}{unit}", years=n if unit == "Y" else None,
                         why="numeral period of working days" if working else "numeral period")
    mt = _ORDINAL.match(s)
    if mt:
        n = _num(mt["n"]) if mt["n"] else 1
        return DateValue("relative", anchor="term", offset=n - 1, duration="P1Y" if mt["unit"] == "年" else "P1M",
                         why=f"{s}: the term's year {n}")
    mt = _ANNIV.match(s)
    if mt:
        n = 100 if mt["c"] else _num(mt["n"])
        return DateValue("anniversary", qualifier="anniversary", duration=f"P{n}Y", why="anniversary")
    mt = _DECADE.match(s)
    if mt:
        dec = _num(mt["dec"])
        cent = {"二十": 1900, "20": 1900, "上": 1900, "二十一": 2000, "21": 2000}.get(mt["cent"] or "")
        if mt["cent"] == "本":
            return DateValue("decade", anchor="century", offset=dec, why="decade of this century")
        y = (cent if cent is not None else 1900) + dec
        q = {"初": "begin", "末": "end", "中期": "mid", "中": "mid"}.get(mt["q"] or "")
        return DateValue("decade", str(y), str(y + 9), q, resolved=True,
                         why="decade" + ("" if mt["cent"] else " (no century: the 1900s)"))
    mt = _CENTURY_PART.match(s)
    if mt:
        q = {"初": "begin", "末": "end", "中叶": "mid", "中期": "mid"}.get(mt["q"] or "")
        if mt["cent"] in ("本", "上"):
            return DateValue("century", qualifier=q, anchor="century", offset=0 if mt["cent"] == "本" else -100,
                             why=f"{mt['cent']}世纪: the century of the report")
        return _century(1900 if mt["cent"] in ("二十", "20") else 2000, q, "century")
    return None


def _century(c: int, q: str | None, why: str) -> DateValue:
    """The whole century (1901-2000 for the twentieth); 初/末/中叶 are its qualifier, not a
    change of the range (GUIDELINES, DATE values)."""
    return DateValue("century", str(c + 1), str(c + 100), q, resolved=True, why=why)


_AFFIXED = re.compile(r"^(?:(?:过去的?|最近|近)(?P<p1>.+)|(?P<p2>.+?)(?:多来|以来|来))$|^(?P<fut>今后|未来)(?P<p3>.+)$")
_SENTENCE = re.compile(r"[。！？!?；;\n]")
_YEAR_IN_TEXT = re.compile(rf"({_YEAR})\s*年")
_REL_BEFORE = re.compile(r"(今年|本年|去年|上年|前年|明年)\s*$")


def context_year(text: str, start: int) -> int | None:
    """The last year written in the sentence before ``start`` (2023年 … 5月 → 2023)."""
    s = 0
    for m in _SENTENCE.finditer(text, max(0, start - 300), start):
        s = m.end()
    found = None
    for m in _YEAR_IN_TEXT.finditer(text, max(s, start - 300), start):
        found = m
    return _year(found.group(1)) if found else None


def _anchor_year(anchor: str, year: int | None, delivery_year: int | None) -> int | None:
    return delivery_year if anchor == "delivery" else year


def _relative_year(offset: int, anchor: str, year: int | None, delivery_year: int | None) -> int | None:
    """The year ``offset`` years from the ``anchor`` year (``RELATIVE``'s pairs), None if unknown."""
    base = _anchor_year(anchor, year, delivery_year)
    return None if base is None else base + offset


def resolve_date(value: DateValue | None, text: str = "", start: int = 0, end: int = 0, *, year: int | None = None,
                 delivery_year: int | None = None, years: list[int] | None = None) -> DateValue | None:
    """``value`` placed on the calendar by its context (the text around ``text[start:end]``)
    and the report's covered ``year``, ``delivery_year`` and term ``years``; unchanged when
    already resolved, ``resolved=False`` with why when what it needs is unknown."""
    if value is None or value.resolved:
        return value
    before, after = text[max(0, start - 4):start], text[end:end + 4]
    if value.kind == "period" and value.years:
        n = value.years
        if value.anchor == "past" or (value.anchor is None and (after.startswith(_PAST_AFTER)
                                                                or before.endswith(_PAST_BEFORE))):
            # 一年来, 过去五年, 连续三年: the N years ending with the covered year
            if year is None:
                return replace(value, why=f"{value.why}: the {n} years up to the covered year, unknown")
            return replace(value, start=str(year - n + 1), end=str(year), resolved=True,
                           why=f"{value.why}: the {n} years up to the covered year")
        if value.anchor == "future" or before.endswith(_FUTURE_BEFORE) or (n == 1 and before.endswith(("新的", "新"))):
            if year is None:
                return replace(value, why=f"{value.why}: the years after the covered year, unknown")
            return replace(value, start=str(year + 1), end=str(year + n), resolved=True,
                           why=f"{value.why}: the {n} years after the covered year")
        if n == 1:
            named = _NAMED_ONE.search(text, max(0, start - 60), start)
            if named:  # 今年…是…十分重要的一年: the year the subject is
                y = (int(named.group("y")) if named.group("y")
                     else _relative_year(*RELATIVE[named.group("rel")], year, delivery_year))
                if y is not None:
                    return replace(value, start=str(y), end=str(y), resolved=True,
                                   why=f"{value.why}: the sentence calls {named.group(0)[:8]}… this year")
        return replace(value, why=f"{value.why}: a length of time, not placed on the calendar")
    if value.kind == "relative":
        if value.anchor == "term":
            named = _NAMED_AS.search(text, max(0, start - 60), start)
            if named:  # 2003年是…的第一年: the year the sentence says it is
                y = named.group("y")
                return replace(value, start=y, end=y, resolved=True, why=f"{value.why}: {y}年是… names it")
            if not years or len(years) < 2:
                return replace(value, why=f"{value.why}: the term's years unknown")
            if value.offset is None:
                return replace(value, start=str(years[0]), end=str(years[-1]), resolved=True)
            if value.offset < len(years):
                y = years[value.offset]
                return replace(value, start=str(y), end=str(y), resolved=True)
            return replace(value, why=f"{value.why}: beyond the term's years")
        if value.anchor is None or value.offset is None:
            return value
        y = _relative_year(value.offset, value.anchor, year, delivery_year)
        if y is None:
            return replace(value, why=f"{value.why}: unknown")
        return replace(value, start=str(y), end=str(y), resolved=True)
    if value.kind in ("decade", "century") and value.anchor == "century":
        y = year or delivery_year
        if y is None:
            return replace(value, why=f"{value.why}: unknown")
        if value.kind == "century":  # 本世纪 / 上世纪: 2000 is in the twentieth
            return _century(((y - 1) // 100) * 100 + (value.offset or 0), value.qualifier, value.why)
        d = (y // 100) * 100 + (value.offset or 0)  # 本世纪二十年代: offset is the decade
        return replace(value, start=str(d), end=str(d + 9), resolved=True)
    if value.kind in ("date", "range") and value.month is not None:
        m = _REL_BEFORE.search(text, max(0, start - 4), start)
        if m:  # 今年7月1日
            off, anchor = RELATIVE[m.group(1)]
            y, why = _anchor_year(anchor, year, delivery_year), f"the year of {m.group(1)}"
            y = None if y is None else y + off
        else:
            y, why = context_year(text, start), "the year written earlier in the sentence"
            if y is None:
                y, why = year, "the covered year"
        if y is None:
            return replace(value, why=f"{value.why}: no year in the sentence or the report")
        s_iso = _iso(y, value.month, value.day)
        e_iso = _iso(y, value.end_month, value.end_day) if value.kind == "range" else s_iso
        return replace(value, start=s_iso, end=e_iso, resolved=True, why=f"{value.why}: {why}")
    return value


def date_value(text: str, start: int, end: int, *, year: int | None = None, delivery_year: int | None = None,
               years: list[int] | None = None) -> DateValue | None:
    """:func:`parse_date` of ``text[start:end]``, then :func:`resolve_date` in its context."""
    return resolve_date(parse_date(text[start:end]), text, start, end, year=year, delivery_year=delivery_year,
                        years=years)
