"""The gold corpus as a spaCy corpus reader: ``nrcie.GoldCorpus.v1``.

In a training config::

    [corpora.train]
    @readers = "nrcie.GoldCorpus.v1"
    splits = ["train"]

gives the Examples of the gold documents of those splits (``all_gold = true``:
every split), plus the annotated documents of ``data`` (files or folders in any
format ``nrcie convert`` reads); ``ids`` instead names the documents one by one
(from the whole corpus and ``data``; a repeated id is a repeated document);
``real_weight`` repeats each real document (seed reports, report excerpts) that
many times.  Training documents are cut into their lines (``cut_lines``); the
gold corpus is read when spaCy first asks for the examples, no DocBin is written.
``teacher`` (a trained pipeline's folder) adds ``teacher_chars`` characters of
teacher-labelled report lines (:mod:`nrcie.distill`): distillation.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.training import Example

from ..errors import CorpusError
from .splits import SPLITS, split_of
from .standoff import THIRD_PARTY, GoldDoc, corpus_files, load_corpus, load_doc


def select_gold(splits: Iterable[str] = ("train",), *, all_gold: bool = False, ids: list[str] | None = None,
                data: Iterable[str] = (), real_weight: int = 1) -> list[GoldDoc]:
    """The gold documents a reader gives (see the module's docstring)."""
    wanted = set(SPLITS) if all_gold or ids is not None else set(splits or ())
    unknown = wanted - set(SPLITS)
    if unknown:
        raise CorpusError(f"no split named {sorted(unknown)[0]!r} (splits: {', '.join(SPLITS)})")
    if ids is not None:     # only the files of the named documents are read (no seed texts needed otherwise)
        docs = [load_doc(p) for p in corpus_files() if _doc_id(p) in set(ids)]
    else:
        docs = [g for g in load_corpus() if split_of(g.doc_id) in wanted] if wanted else []
    data = list(data or ())
    if data:
        from ..formats import read_documents

        docs += list(read_documents(data))
    if ids is not None:
        by_id = {g.doc_id: g for g in docs}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise CorpusError(f"no gold document {missing[0]!r} in the corpus or {', '.join(data) or 'the data'}")
        docs = [by_id[i] for i in ids]
    if real_weight > 1:
        docs = docs + [g for g in docs if g.source in THIRD_PARTY] * (real_weight - 1)
    return docs


def _doc_id(path) -> str | None:
    import json

    with open(path, encoding="utf-8") as f:
        try:
            return json.loads(f.readline()).get("doc_id")
        except (ValueError, AttributeError):
            return None


def gold_examples(nlp: Language, golds: Iterable[GoldDoc], cut_lines: bool = True) -> Iterator[Example]:
    """One Example per document (per line with ``cut_lines``): the gold entities and
    COUNT_OF relations as the reference, the bare tokenized text as the prediction."""
    from .convert import gold_to_doc, split_paragraphs

    for g in golds:
        for part in (split_paragraphs(g) if cut_lines else [g]):
            reference = gold_to_doc(nlp, part)
            yield Example(nlp.make_doc(reference.text), reference)


@spacy.registry.readers("nrcie.GoldCorpus.v1")
def create_gold_corpus(splits: list[str] = ["train"], all_gold: bool = False, ids: list[str] | None = None,
                       data: list[str] = [], real_weight: int = 1, cut_lines: bool = True,
                       teacher: str | None = None,
                       teacher_chars: int = 300_000) -> Callable[[Language], Iterable[Example]]:
    """A spaCy corpus reader over the gold corpus (see the module's docstring)."""
    golds: list[GoldDoc] | None = None

    def read(nlp: Language) -> Iterator[Example]:
        nonlocal golds
        if golds is None:
            golds = select_gold(splits, all_gold=all_gold, ids=ids, data=data, real_weight=real_weight)
            if teacher:
                import sys

                from ..distill import silver_docs

                silver = silver_docs(teacher, list(load_corpus()), teacher_chars,
                                     log=lambda m: print(m, file=sys.stderr))
                print(f"nrcie: {len(silver)} teacher-labelled lines added to the NER training data", file=sys.stderr)
                golds = golds + silver
        return gold_examples(nlp, golds, cut_lines)

    return read
