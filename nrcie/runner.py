"""Run a pipeline over texts: normalise (same length), cut long texts, process, build results.

A text longer than ``CHUNK_CHARS`` is cut into parts at paragraph ends (else
sentence ends, else anywhere) and its parts go through the pipeline one by one,
so memory stays bounded for any input length; the entities and relations of the
parts are joined with their offsets shifted.  The result then has no single
``doc`` (``ParseResult.doc`` is None).  Windowed models window inside their part.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.language import Language

from .normalize.text import normalize_for_model
from .document import document_facts
from .result import Entity, ParseResult, Relation, result_from_doc

CHUNK_CHARS = 20_000
#: at most this many characters go through the pipeline in one batch: a batch of 16
#: whole parts of a long text held 5.6 GB in the CNN pipeline's activations
BATCH_CHARS = 40_000
PARAGRAPH_END = re.compile(r"\n")
SENTENCE_END = re.compile(r"[。！？!?；;]")


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut points: each part at most ``size`` characters, cut after a newline if one
    falls in the part's second half, else after a sentence end, else at ``size``."""
    bounds, start, n = [], 0, len(text)
    while n - start > size:
        lo, hi = start + size // 2, start + size
        cut = None
        for pattern in (PARAGRAPH_END, SENTENCE_END):
            ends = [m.end() for m in pattern.finditer(text, lo, hi)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or hi
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def _shift(part: ParseResult, offset: int, entities: list[Entity], relations: list[Relation]) -> None:
    base = len(entities)
    for e in part.entities:
        e.start += offset
        e.end += offset
        entities.append(e)
    relations.extend(Relation(r.label, r.head + base, r.tail + base) for r in part.relations)


def _pipe_by_size(nlp: Language, items: Iterable[tuple[str, tuple]], batch_size: int) -> Iterator:
    """``nlp.pipe`` over (text, context) pairs in batches of at most ``batch_size``
    texts and :data:`BATCH_CHARS` characters (a single longer text is its own batch)."""
    batch: list[tuple[str, tuple]] = []
    size = 0
    for item in items:
        if batch and (len(batch) >= batch_size or size + len(item[0]) > BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def _finish(result: ParseResult) -> ParseResult:
    """The whole text's own step: DATE values placed by the report's years."""
    result.resolve_dates()
    return result


def _with_facts(result: ParseResult) -> ParseResult:
    """The document's own facts, read from its head and the entities found."""
    result.document = document_facts(result.text, result.entities)
    return result


def run_one(nlp: Language, text: str, chunk_chars: int = CHUNK_CHARS) -> ParseResult:
    return next(run_many(nlp, [text], chunk_chars=chunk_chars))


def run_many(nlp: Language, texts: Iterable[str], n_process: int = 1, batch_size: int = 16,
             chunk_chars: int = CHUNK_CHARS) -> Iterator[ParseResult]:
    """Results in input order, streamed; long texts are processed part by part."""
    pending: dict[int, dict] = {}

    def parts() -> Iterator[tuple[str, tuple[int, int, int, bool]]]:
        for idx, text in enumerate(texts):
            norm = normalize_for_model(text)
            bounds = chunk_bounds(norm, chunk_chars)
            pending[idx] = {"text": text, "entities": [], "relations": [], "n": len(bounds)}
            for k, (s, e) in enumerate(bounds):
                yield norm[s:e], (idx, s, e, k == len(bounds) - 1)

    if n_process == 1:
        docs = _pipe_by_size(nlp, parts(), batch_size)
    else:
        docs = nlp.pipe(parts(), as_tuples=True, n_process=n_process,
                        batch_size=max(1, min(batch_size, BATCH_CHARS // max(1, chunk_chars))))
    for doc, (idx, s, e, last) in docs:
        state = pending[idx]
        text = state["text"]
        if state["n"] == 1:
            del pending[idx]
            yield _finish(_with_facts(result_from_doc(doc, text)))
            continue
        _shift(result_from_doc(doc, text[s:e]), s, state["entities"], state["relations"])
        if last:
            del pending[idx]
            yield _finish(_with_facts(ParseResult(text, state["entities"], state["relations"], None)))
