"""Normalise COUNT, MONEY and PERCENT surfaces to value, unit and approximate flag.

>>> normalize_quantity("5.87万人次")
Quantity(value=58700.0, unit='人次', approximate=False, value_max=None, alt_unit=None)
>>> normalize_quantity("500余场次").approximate
True
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache

from ..resources import load_yaml


@dataclass(frozen=True)
class Quantity:
    value: float | None
    unit: str | None
    approximate: bool
    value_max: float | None = None
    alt_unit: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def _vocab():
    n = load_yaml("numbers.yaml")
    measures = sorted(n["measure_words"], key=len, reverse=True)
    return n, measures


def to_halfwidth(s: str) -> str:
    """Full-width digits, letters and signs to ASCII (NFKC on those only)."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" else ch for ch in s)


def parse_chinese_number(s: str) -> float | None:
    """Value of a Chinese numeral (十八, 两千五百, 一万二千, 二〇二三); None if not one."""
    n, _ = _vocab()
    digits, units = n["chinese_digits"], n["chinese_units"]
    if not s:
        return None
    if all(ch in digits for ch in s) and len(s) > 1:  # digit by digit: 二〇二三
        return float("".join(str(digits[ch]) for ch in s))
    total, section, num = 0, 0, None
    for ch in s:
        if ch in digits:
            num = digits[ch]
        elif ch in units:
            section += (num if num is not None else 1) * units[ch]
            num = None
        elif ch in ("万", "亿"):
            section += num or 0
            total = (total + section) * (10000 if ch == "万" else 100000000)
            section, num = 0, None
        else:
            return None
    return float(total + section + (num or 0))


_ARABIC = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?$")


def parse_number(s: str) -> float | None:
    """Value of an Arabic or Chinese numeral with 万/亿 multipliers; None if not one."""
    s = to_halfwidth(s).replace(" ", "").replace("\u00a0", "").replace("\u3000", "").replace("．", ".")
    s = s.replace("·", ".")
    if not s:
        return None
    for suffix, factor in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
        if s.endswith(suffix) and len(s) > len(suffix):
            head = s[: -len(suffix)]
            if _ARABIC.match(head):
                return float(head.replace(",", "")) * factor
            if not any(ch in "万亿" for ch in head):
                val = parse_chinese_number(head)
                return None if val is None else val * factor
        elif s == suffix:  # 近万
            return factor
    if _ARABIC.match(s):
        return float(s.replace(",", ""))
    return parse_chinese_number(s)


_RANGE = re.compile(r"(?:至|到|-|－|~|～|—)")
_ALT = re.compile(r"[（(]([^（）()]+)[)）]$")


def normalize_quantity(surface: str, label: str = "COUNT") -> Quantity:
    """Value, unit and approximate flag of a COUNT, MONEY or PERCENT span."""
    n, measures = _vocab()
    s = to_halfwidth(surface).strip()
    s = re.sub(r"[ \u00a0\u3000]", "", s)
    approximate = False
    alt_unit = None
    for pre in sorted(n["approx_before"], key=len, reverse=True):
        if s.startswith(pre):
            s, approximate = s[len(pre):], True
            break
    if s.startswith("几") and s[1:2] in ("十", "百", "千", "万"):   # 几十万个: some hundreds of thousands
        s, approximate = s[1:], True
    for post in (*n["approx_after"], *n["thresholds"]):
        if s.endswith(post):
            s, approximate = s[: -len(post)], True
    m = _ALT.search(s)
    if m:
        alt_unit, s = m.group(1), s[: m.start()]
    unit = None
    if label == "MONEY" or s.endswith("元"):
        unit = next((c for c in n["currencies"] if s.endswith(c)), "元")  # in the listed order: 美元 before 元
        s = s.removesuffix(unit)
    elif label == "PERCENT" or s.endswith(("%", "倍", "个百分点")):
        if s.startswith("百分之"):
            unit, s = "%", s[3:].replace("点", ".")
            val = parse_number(s) if not re.search("[零〇一二三四五六七八九十百]", s) else _chinese_decimal(s)
            return Quantity(val, unit, approximate, None, alt_unit)
        for u in ("个百分点", "%", "倍"):
            if s.endswith(u):
                unit, s = u, s[: -len(u)]
                break
    else:
        for mw in measures:
            if s.endswith(mw) and len(s) > len(mw):
                unit, s = mw, s[: -len(mw)]
                break
    for mid in n["approx_between"]:
        if s.endswith(mid):
            s, approximate = s[: -len(mid)], True
        elif mid in s and re.search(f"{mid}[万亿]$", s):  # 1.1余万 is rare, but accept
            s, approximate = s.replace(mid, ""), True
    parts = _RANGE.split(s, maxsplit=1)
    value = parse_number(parts[0])
    value_max = parse_number(parts[1]) if len(parts) == 2 else None
    if value_max is not None:
        approximate = True
        # 3至5万: the multiplier written once applies to both ends
        for suffix, factor in (("亿", 1e8), ("万", 1e4)):
            if parts[1].endswith(suffix) and not parts[0].endswith(suffix) and value is not None:
                value *= factor
    return Quantity(value, unit, approximate, value_max, alt_unit)


def _chinese_decimal(s: str) -> float | None:
    whole, _, frac = s.partition(".")
    w = parse_chinese_number(whole)
    if w is None:
        return None
    if not frac:
        return w
    n, _ = _vocab()
    digits = n["chinese_digits"]
    try:
        return float(f"{int(w)}." + "".join(str(digits[ch]) for ch in frac))
    except KeyError:
        return None
