"""Character tokenizers: one token per character, entity edges fall anywhere.

``nrcie.CharTokenizer.v1`` gives exactly the tokens and whitespace of spaCy's
``ChineseTokenizer`` with the ``char`` segmenter (``spacy.zh.ChineseTokenizer``), in
linear time: spaCy's aligns every character by searching the rest of the text, which is
quadratic in the text's length (3.3 times as slow on 100,000 characters; on a
10,000-character report the difference is a few milliseconds).

A character alone does not say where the words are, so ``nrcie.CharWordTokenizer.v1``
also segments the text with jieba (:func:`jieba_words`, dictionary only, no HMM: the
segmenter the boundary snap uses too) and gives each character token

- ``lemma_``: the word it belongs to (a word of jieba's dictionary, or the character),
- ``tag_``:   its place in that word: ``S`` (a one-character word), ``B``, ``M``, ``E``.

A CNN that embeds ``LEMMA`` and ``TAG`` beside ``NORM`` sees both (measured for fast
and not shipped: ``training/configs/fast.cfg``, ``benchmarks/README.md``). Tokens,
offsets and whitespace are exactly those of the plain character tokenizer, so gold
spans align the same way.
"""
from __future__ import annotations

import logging
import re

from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.tokens import Doc
from spacy.util import registry

_JIEBA = None


def jieba_words(text: str) -> list[str]:
    """jieba's words of ``text`` (dictionary only, no HMM); they join back to ``text``."""
    global _JIEBA
    if _JIEBA is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _JIEBA = jieba
    return list(_JIEBA.cut(text, HMM=False))


def word_positions(words: list[str]) -> list[tuple[str, str]]:
    """(word, place) for each character of the words joined: place S, B, M or E."""
    out = []
    for w in words:
        if len(w) == 1:
            out.append((w, "S"))
        else:
            out.extend((w, "B" if i == 0 else "E" if i == len(w) - 1 else "M") for i in range(len(w)))
    return out


_SPACE = re.compile(r"\s")
_PIECE = re.compile(r"(\S)( ?)|(\s+)")


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The words and spaces of spaCy's character segmentation of ``text``: each
    non-whitespace character a word, one plain space after it its trailing space, any
    other run of whitespace a word of its own."""
    if not _SPACE.search(text):
        return list(text), [False] * len(text)
    words, spaces = [], []
    for m in _PIECE.finditer(text):
        char, space, run = m.groups()
        if run is None:
            words.append(char)
            spaces.append(bool(space))
        else:
            words.append(run)
            spaces.append(False)
    return words, spaces


# the text a tokenizer made the Doc from, kept on it: spaCy's Doc.text joins the tokens on every
# read (7 ms for 2,500 characters), and every component and the result read it
TEXT_KEY = "nrcie_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, from the copy nrcie's tokenizers keep on the Doc when it still fits it
    (same length as the tokens: a Doc's tokens never change in a pipeline), else joined."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is not None and len(doc) and len(cached) == doc[-1].idx + len(doc[-1].text_with_ws):
        return cached
    return doc.text


def _keep_text(doc: Doc, text: str) -> Doc:
    doc.user_data[TEXT_KEY] = text
    return doc


class CharTokenizer(ChineseTokenizer):
    """One token per character, as ``spacy.zh.ChineseTokenizer`` (char), in linear time."""

    def __init__(self, vocab):
        super().__init__(vocab, segmenter=Segmenter.char)

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words_and_spaces(text)
        return _keep_text(Doc(self.vocab, words=words, spaces=spaces), text)


class CharWordTokenizer(CharTokenizer):
    """One token per character, with the jieba word and the place in it (module docstring)."""

    def __call__(self, text: str) -> Doc:
        words, spaces = char_words_and_spaces(text)
        per_char = word_positions(jieba_words(text))
        lemmas, tags, pos = [], [], 0
        for w, sp in zip(words, spaces):
            word, place = (w, "S") if w.isspace() else per_char[pos]
            lemmas.append(word)
            tags.append(place)
            pos += len(w) + sp
        return _keep_text(Doc(self.vocab, words=words, spaces=spaces, lemmas=lemmas, tags=tags), text)


@registry.tokenizers("nrcie.CharTokenizer.v1")
def create_char_tokenizer():
    def make(nlp):
        return CharTokenizer(nlp.vocab)

    return make


@registry.tokenizers("nrcie.CharWordTokenizer.v1")
def create_char_word_tokenizer():
    def make(nlp):
        return CharWordTokenizer(nlp.vocab)

    return make
