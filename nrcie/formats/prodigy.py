"""Prodigy: tasks with ``spans`` and ``relations`` as JSON Lines (``prodigy db-out``).

A task (``rel.manual`` / ``ner.manual``)::

    {"text": "...", "tokens": [{"text": "召", "start": 0, "end": 1, "id": 0, "ws": false}, ...],
     "spans": [{"start": 2, "end": 6, "token_start": 2, "token_end": 5, "label": "ACTIVITY"}],
     "relations": [{"head": 7, "child": 5, "label": "COUNT_OF",
                    "head_span": {"start": 6, "end": 8, "token_start": 6, "token_end": 7, "label": "COUNT"},
                    "child_span": {"start": 2, "end": 6, "token_start": 2, "token_end": 5, "label": "ACTIVITY"}}],
     "answer": "accept", "meta": {"doc_id": "..."}}

``token_end`` is inclusive, and a relation's ``head``/``child`` is the
``token_end`` of its span, as Prodigy writes them.  Reading: span offsets are
the characters ``start``/``end``; a relation's ends are found by the character
offsets of ``head_span``/``child_span`` (else by the token index against the
spans' ``token_end``), and must be spans of the task.  Tasks answered
``reject`` or ``ignore`` are not annotation: they are skipped, with a warning
saying how many.  A relation without label is COUNT_OF.

Writing: one accepted task per document; tokens are nrcie's character
tokenisation (spaCy's ``zh`` ``char`` segmenter, the one the pipelines use):
one token per character, a single space after a character is that token's
``ws`` flag, other white space runs are tokens of their own.  So a span cannot
start or end inside white space; such spans are reported.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

from ..corpus.standoff import GoldDoc
from ..io import atomic_write_text
from .base import FormatError, FormatWarning, RawDoc, RawLink, RawSpan, Where, char_nlp, json_lines, object_items

EXTENSIONS = (".jsonl",)


def parse(path: Path) -> tuple[list[RawDoc], list[str]]:
    problems: list[str] = []
    docs = []
    skipped = 0
    n = 0
    for no, rec in json_lines(path, problems):
        n += 1
        if rec.get("answer") in ("reject", "ignore"):
            skipped += 1
            continue
        w = Where(f"{path}:{no}")
        meta = rec.get("meta") if isinstance(rec.get("meta"), dict) else {}
        meta = dict(meta)
        doc_id = meta.pop("doc_id", None) or rec.get("doc_id") or f"{path.stem}-{n}"
        raw = RawDoc(str(doc_id), rec.get("text"), str(w), meta=meta, path=path)
        by_token_end = {}
        for sw, s in object_items(raw, rec, "spans", w):
            sid = (s.get("start"), s.get("end"))
            raw.spans.append(RawSpan(sid, s.get("label"), s.get("start"), s.get("end"), s.get("text"), str(sw)))
            if isinstance(s.get("token_end"), int):
                by_token_end[s["token_end"]] = sid
        for rw, r in object_items(raw, rec, "relations", w):
            ends = []
            for key, span_key in (("head", "head_span"), ("child", "child_span")):
                sp = r.get(span_key)
                if isinstance(sp, dict) and "start" in sp and "end" in sp:
                    ends.append((sp["start"], sp["end"]))
                elif isinstance(r.get(key), int) and r[key] in by_token_end:
                    ends.append(by_token_end[r[key]])
                else:
                    ends.append(f"token {r.get(key)}")
            raw.links.append(RawLink(r.get("label"), ends[0], ends[1], str(rw)))
        docs.append(raw)
    if skipped:
        warnings.warn(f"{path}: {skipped} task(s) answered reject or ignore were skipped", FormatWarning,
                      stacklevel=2)
    return docs, problems


def tasks(docs: list[GoldDoc]) -> list[dict]:
    nlp = char_nlp()
    out, problems = [], []
    for d in docs:
        doc = nlp.make_doc(d.text)
        tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
                  for t in doc]
        first = {t.idx: t.i for t in doc}
        last = {t.idx + len(t.text): t.i for t in doc}
        spans, by_id = [], {}
        for e in d.entities:
            ts, te = first.get(e["start"]), last.get(e["end"])
            if ts is None or te is None:
                problems.append(f"{d.doc_id}: entity {e['id']} {e['start']}..{e['end']} {e['text']!r} does not "
                                "align with the character tokens (it starts or ends inside white space)")
                continue
            span = {"start": e["start"], "end": e["end"], "token_start": ts, "token_end": te, "label": e["label"]}
            by_id[e["id"]] = span
            spans.append({**span, "text": e["text"]})
        rels = []
        for r in d.relations:
            h, c = by_id.get(r["head"]), by_id.get(r["tail"])
            if h is None or c is None:
                continue
            rels.append({"head": h["token_end"], "child": c["token_end"], "head_span": dict(h),
                         "child_span": dict(c), "label": r["label"]})
        out.append({"text": d.text, "tokens": tokens, "spans": spans, "relations": rels,
                    "answer": "accept", "meta": {**(d.meta or {}), "doc_id": d.doc_id}})
    if problems:
        raise FormatError(problems)
    return out


def dump(docs: list[GoldDoc], path: Path) -> None:
    items = tasks(docs)
    atomic_write_text(path, "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in items))
