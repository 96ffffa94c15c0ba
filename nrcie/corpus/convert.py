"""Gold documents to spaCy Docs and DocBin files (train/dev/test)."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..relations import links
from .splits import SPLITS, split_of
from .standoff import GoldDoc, load_corpus


def gold_to_doc(nlp: Language, gold: GoldDoc) -> Doc:
    """A Doc with the gold entities in ``doc.ents`` and relations in ``doc._.nrcie_relations``."""
    from ..components.extensions import register_extensions

    register_extensions()
    doc = nlp.make_doc(gold.text)
    spans = []
    for e in gold.entities:
        span = doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="strict")
        if span is None:
            raise ValueError(f"{gold.doc_id}: entity {e['start']}..{e['end']} {e['text']!r} "
                             "does not align with the tokenizer's tokens")
        spans.append(span)
    doc.ents = spans
    links.to_doc(doc, links.from_gold(gold))
    doc.user_data["doc_id"] = gold.doc_id
    return doc


def split_paragraphs(gold: GoldDoc) -> list[GoldDoc]:
    """One GoldDoc per non-blank line, entities and relations kept with their line
    (for training: shorter examples; no gold entity crosses a newline)."""
    out, start = [], 0
    for line in gold.text.split("\n"):
        end = start + len(line)
        if line.strip():
            ents = [{**e, "start": e["start"] - start, "end": e["end"] - start}
                    for e in gold.entities if start <= e["start"] and e["end"] <= end]
            ids = {e["id"] for e in ents}
            rels = [r for r in gold.relations if r["head"] in ids and r["tail"] in ids]
            out.append(GoldDoc(f"{gold.doc_id}#{start}", line, ents, rels, gold.source, gold.meta))
        start = end + 1
    return out


def corpus_docs(nlp: Language | None = None, root=None, split: str | None = None):
    """(split, Doc) pairs of the gold corpus, optionally one split only."""
    from ..pipeline import blank

    nlp = nlp or blank()
    for gold in load_corpus(root):
        s = split_of(gold.doc_id)
        if split is None or s == split:
            yield s, gold_to_doc(nlp, gold)


def write_docbins(out_dir: Path | str, root=None, paragraphs: tuple[str, ...] = ()) -> list[Path]:
    """Write ``train.spacy``, ``dev.spacy`` and ``test.spacy`` into ``out_dir``;
    documents of the splits named in ``paragraphs`` are cut into one Doc per line."""
    from ..io import atomic_open
    from ..pipeline import blank

    out_dir = Path(out_dir)
    nlp = blank()
    bins = {s: DocBin(store_user_data=True) for s in SPLITS}
    for gold in load_corpus(root):
        s = split_of(gold.doc_id)
        for part in (split_paragraphs(gold) if s in paragraphs else [gold]):
            bins[s].add(gold_to_doc(nlp, part))
    paths = []
    for s, db in bins.items():
        path = out_dir / f"{s}.spacy"
        with atomic_open(path, "wb") as f:
            f.write(db.to_bytes())
        paths.append(path)
    return paths
