"""Numbers without a measure word: which ones the schema still calls a COUNT, or a DATE.

A COUNT has a measure word, except a bare magnitude counting people (C16: 全市120万人民 → 120万,
上亿群众 → 上亿). Used by ``nrcie validate`` on the gold and by the rule layer on a model's
COUNT spans (上亿市场主体 is no count). A DATE has a time word or a date separator
(``date_marks`` in ``numbers.yaml``): a model's DATE on a bare number (浏览次数：1362) or an
ordinal (第一个) is none.
"""
import re
from functools import lru_cache

from ..resources import load_yaml

#: characters of a numeral, its approximators, range words and brackets: a COUNT needs one more (a measure word)
NUMERAL_CHARS = set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿.,，．、余多近约逾超左右以上下至到—－-~～（）() 　数几")
PEOPLE_NOUN = re.compile("(?:各级|各族|全市|全县|全省|全区|贫困|农村|城镇|城乡|困难|退休|失业|返乡|外出)?"
                         "(?:人民|群众|居民|人大代表|代表|农民工|农民|职工|党员|干部|市民|村民|游客|选民|人口|学生|老人|"
                         "儿童|孩子|妇女|青年|师生|医务人员|劳动力|毕业生|工人|人员|寄宿生|家庭)")
MAGNITUDE = re.compile("(?:近|约|逾|超)?(?:[0-9０-９][0-9０-９.． ]*|[一二两三四五六七八九十][一二两三四五六七八九十百千几]*|[上数几][十百千]?)"
                       "(?:余|多)?[万亿]"
                       "(?:余|多|以上|左右)?")
PEOPLE_WORD = re.compile("人|民|群众|代表|员|职工|学生|干部|党员|户")
CLAUSE_STOP = re.compile("[，。；：、！？,;:!?\n]")


def counts_people(text: str, s: int, e: int) -> bool:
    """A bare magnitude at [s, e) counts people: a people word right after it, or in its
    clause (up to 12 characters after, 16 before: 1700多万困难群众, 员额20万, 贫困人口比上年减少290万)."""
    if PEOPLE_NOUN.match(text[e:e + 8]):
        return True
    after = CLAUSE_STOP.split(text[e:e + 12], 1)[0]
    before = CLAUSE_STOP.split(text[max(0, s - 16):s])[-1]
    return bool(PEOPLE_WORD.search(after) or PEOPLE_WORD.search(before))


def bare_count(surface: str) -> bool:
    """Only numerals and approximators: no measure word."""
    s = "".join(surface.split())
    return all(ch in NUMERAL_CHARS for ch in s)


def is_count(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` may be a COUNT: it has a measure word, or it is a bare
    magnitude counting people (C16)."""
    flat = "".join(text[s:e].split())
    return not bare_count(flat) or bool(MAGNITUDE.fullmatch(flat) and counts_people(text, s, e))


@lru_cache(maxsize=1)
def _date_marks() -> frozenset[str]:
    return frozenset(load_yaml("numbers.yaml")["date_marks"])


def is_date(surface: str) -> bool:
    """Whether ``surface`` may be a DATE: it holds a time word or a date separator."""
    return not _date_marks().isdisjoint(surface)
