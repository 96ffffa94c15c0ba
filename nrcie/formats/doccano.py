"""doccano: sequence labelling (with relations) as JSON Lines.

One document a line, in either shape doccano exports::

    {"id": 3, "text": "...",
     "entities": [{"id": 11, "label": "ACTIVITY", "start_offset": 2, "end_offset": 6}],
     "relations": [{"id": 1, "from_id": 12, "to_id": 11, "type": "COUNT_OF"}]}

    {"id": 3, "text": "...", "label": [[2, 6, "ACTIVITY"], [6, 8, "COUNT"]]}

(the second, older one has no relations; doccano 1.x called the text ``data``
and some versions the spans ``labels``).  ``from_id`` is the head (the COUNT),
``to_id`` the tail; a relation without ``type`` is COUNT_OF.  Offsets are code
points.  Other top-level fields are kept as the document's meta data.

Writing gives the first shape, with ``doc_id`` and the meta data as extra fields
(doccano keeps them as meta data on import).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..corpus.standoff import GoldDoc
from ..io import atomic_write_text
from .base import RawDoc, RawLink, RawSpan, Where, json_lines, object_items

EXTENSIONS = (".jsonl",)
KNOWN = {"id", "doc_id", "text", "data", "entities", "relations", "label", "labels", "Comments"}


def parse(path: Path) -> tuple[list[RawDoc], list[str]]:
    problems: list[str] = []
    docs = []
    n = 0
    for no, rec in json_lines(path, problems):
        n += 1
        w = Where(f"{path}:{no}")
        text = rec.get("text")
        if text is None and isinstance(rec.get("data"), str):
            text = rec["data"]
        doc_id = rec.get("doc_id", rec.get("id"))
        doc_id = f"{path.stem}-{n}" if doc_id is None else str(doc_id)
        meta = {k: v for k, v in rec.items() if k not in KNOWN}
        raw = RawDoc(doc_id, text, str(w), meta=meta, path=path)
        if "entities" in rec:
            for ew, e in object_items(raw, rec, "entities", w):
                raw.spans.append(RawSpan(e.get("id"), e.get("label"), e.get("start_offset"),
                                         e.get("end_offset"), None, str(ew)))
        else:
            key = "label" if "label" in rec else "labels" if "labels" in rec else None
            items = rec.get(key, []) if key else []
            if not isinstance(items, list):
                raw.problems.append(f"{w(key)}: expected a list of [start, end, label]")
                items = []
            for k, item in enumerate(items):
                ew = w(key, f"[{k}]")
                if isinstance(item, (list, tuple)) and len(item) == 3:
                    raw.spans.append(RawSpan(None, item[2], item[0], item[1], None, str(ew)))
                elif isinstance(item, dict) and "start_offset" in item:
                    raw.spans.append(RawSpan(item.get("id"), item.get("label"), item.get("start_offset"),
                                             item.get("end_offset"), None, str(ew)))
                else:
                    raw.problems.append(f"{ew}: expected [start, end, label], found {item!r}")
        for rw, r in object_items(raw, rec, "relations", w):
            raw.links.append(RawLink(r.get("type"), r.get("from_id"), r.get("to_id"), str(rw)))
        docs.append(raw)
    return docs, problems


def records(docs: list[GoldDoc]) -> list[dict]:
    out = []
    for d in docs:
        num = {e["id"]: i for i, e in enumerate(d.entities, 1)}
        rec = {k: v for k, v in (d.meta or {}).items() if k not in KNOWN}
        rec.update({
            "doc_id": d.doc_id,
            "text": d.text,
            "entities": [{"id": num[e["id"]], "label": e["label"], "start_offset": e["start"],
                          "end_offset": e["end"]} for e in d.entities],
            "relations": [{"id": k, "from_id": num[r["head"]], "to_id": num[r["tail"]], "type": r["label"]}
                          for k, r in enumerate(d.relations, 1)],
        })
        out.append(rec)
    return out


def dump(docs: list[GoldDoc], path: Path) -> None:
    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(docs)))
