"""Run a pipeline over texts: normalise (same length), process, build results."""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language

from .normalize.text import normalize_for_model
from .result import ParseResult, result_from_doc


def run_one(nlp: Language, text: str) -> ParseResult:
    return result_from_doc(nlp(normalize_for_model(text)), text)


def run_many(nlp: Language, texts: Iterable[str], n_process: int = 1, batch_size: int = 16) -> Iterator[ParseResult]:
    originals: list[str] = []

    def normalised() -> Iterator[str]:
        for t in texts:
            originals.append(t)
            yield normalize_for_model(t)

    for i, doc in enumerate(nlp.pipe(normalised(), n_process=n_process, batch_size=batch_size)):
        yield result_from_doc(doc, originals[i])
        originals[i] = None  # free memory as we stream
