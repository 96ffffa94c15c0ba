"""Input normalisation that never moves an offset.

:func:`normalize_for_model` returns a string of the *same length* as its input,
character for character, so every offset found in it indexes the caller's
original string.  It maps full-width ASCII (digits, letters, signs) to
half-width, odd spaces (no-break, zero-width, ideographic) and carriage returns
to a plain space, and blanks out HTML tags and entities left over from web pages
(replaced by spaces of the same length).  Traditional characters map to
simplified one to one (see :mod:`nrcie.normalize.traditional`).  Lone
surrogates (``"\ud800"``, left by a broken decoder; UTF-8 cannot hold them and
spaCy stops on them) become spaces, one for one: they carry no text, and a
space keeps them out of every span.
"""
from __future__ import annotations

import re

ODD_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u200a\u200b\u200c\u200d\u2060\ufeff\r\t\x0b\x0c"), " ")
FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Keep the Chinese punctuation that the rules and the models read as such.
for ch in "，；：！？（）":
    FULLWIDTH.pop(ord(ch), None)
SURROGATE = re.compile("[\ud800-\udfff]")
HTML = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}?>|&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def normalize_for_model(text: str) -> str:
    """Same-length normalised copy of ``text`` (see module doc)."""
    from .traditional import to_simplified

    out = text.translate(ODD_SPACES).translate(FULLWIDTH)
    if "<" in out or "&" in out:
        out = HTML.sub(_blank, out)
    out = to_simplified(out)
    if SURROGATE.search(out):
        out = SURROGATE.sub(" ", out)
    assert len(out) == len(text)
    return out
