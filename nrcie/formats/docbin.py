"""spaCy DocBin (``.spacy``): what ``spacy train`` and ``nrcie train`` read.

Entities are ``doc.ents``; COUNT_OF relations ``doc._.nrcie_relations``
(``[{"label", "head": [start, end], "tail": [start, end]}]``, character
offsets, stored with the user data); the document id is
``doc.user_data["doc_id"]`` and meta data ``doc.user_data["nrcie_meta"]``.
Writing goes through :func:`nrcie.corpus.convert.gold_to_doc` with nrcie's
character tokenisation, so a span may not start or end inside white space.
A DocBin from elsewhere (``prodigy data-to-spacy``, ``spacy convert``) reads
too; it simply has no relations.  Problems name the document as ``file:[i]``
(0-based), then ``ents[j]`` or ``_.nrcie_relations[k]``.
"""
from __future__ import annotations

from pathlib import Path

from ..corpus.standoff import GoldDoc
from ..io import atomic_open
from .base import FormatError, RawDoc, RawLink, RawSpan, Where, char_nlp

EXTENSIONS = (".spacy",)


def parse(path: Path) -> tuple[list[RawDoc], list[str]]:
    from spacy.tokens import DocBin

    from ..components.extensions import register_extensions

    register_extensions()
    nlp = char_nlp()
    try:
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    except Exception as e:  # noqa: BLE001 - any failure means "not a DocBin"
        return [], [f"{path}: not a spaCy DocBin file ({type(e).__name__}: {e})"]
    out = []
    for i, doc in enumerate(docs):
        w = Where(f"{path}:[{i}]", array=True)
        meta = doc.user_data.get("nrcie_meta")
        raw = RawDoc(str(doc.user_data.get("doc_id") or f"{path.stem}-{i + 1}"), doc.text, str(w),
                     meta=dict(meta) if isinstance(meta, dict) else {}, path=path)
        for j, ent in enumerate(doc.ents):
            raw.spans.append(RawSpan((ent.start_char, ent.end_char), ent.label_, ent.start_char, ent.end_char,
                                     None, str(w("ents", f"[{j}]"))))
        rels = doc._.nrcie_relations or []
        if not isinstance(rels, (list, tuple)):   # msgpack gives tuples back
            raw.problems.append(f"{w('_.nrcie_relations')}: expected a list")
            rels = []
        for k, r in enumerate(rels):
            rw = w("_.nrcie_relations", f"[{k}]")
            try:
                head, tail = tuple(r["head"]), tuple(r["tail"])
                if len(head) != 2 or len(tail) != 2:
                    raise TypeError
            except (KeyError, TypeError):
                raw.problems.append(f"{rw}: expected {{\"label\", \"head\": [start, end], \"tail\": [start, end]}}")
                continue
            raw.links.append(RawLink(r.get("label"), head, tail, str(rw)))
        out.append(raw)
    return out, []


def dump(docs: list[GoldDoc], path: Path) -> None:
    from spacy.tokens import DocBin

    from ..corpus.convert import gold_to_doc

    nlp = char_nlp()
    db = DocBin(store_user_data=True)
    problems = []
    for g in docs:
        try:
            doc = gold_to_doc(nlp, g)
        except ValueError as e:
            problems.append(f"{e} (it starts or ends inside white space)")
            continue
        if g.meta:
            doc.user_data["nrcie_meta"] = dict(g.meta)
        db.add(doc)
    if problems:
        raise FormatError(problems)
    with atomic_open(path, "wb") as f:
        f.write(db.to_bytes())
