"""nrcie's own formats: stand-off ``.jsonl`` (+ ``.txt``) and inline markup ``.txt``.

Stand-off (:mod:`nrcie.corpus.standoff`): one document a file, a header line,
one line per entity, one per relation; the text lives in the ``text_file``
beside it (``source: original``) or in the seeds folder (``source: seeds``),
checked by its sha256.  Writing a single document may name a ``.jsonl`` file;
several go to a folder, ``<doc_id>.jsonl`` and ``<doc_id>.txt`` each (a seed
document's text is never copied: its header points to the seeds folder).

Markup (:mod:`nrcie.corpus.markup`): ``[[surface|LABEL]]``, ``ACTIVITY#id``,
``COUNT>id``, after an optional ``%% {"doc_id": ...}`` front-matter line.  It
holds only the schema's labels, every ACTIVITY must be counted by a COUNT,
and a span may not contain ``[``, ``]``, ``|`` or a line break or begin or end
with white space; documents that break these rules are reported on writing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..corpus.authoring import FRONT, split_front_matter
from ..corpus.markup import MarkupError, parse_markup, render_markup
from ..corpus.standoff import CorpusError, GoldDoc, read_standoff, write_doc
from ..io import atomic_write_text
from ..schema import COUNT_OF, LABELS
from .base import FormatError, RawDoc, RawLink, RawSpan, read_text, safe_name

EXTENSIONS = (".jsonl",)
MARKUP_EXTENSIONS = (".txt",)


def is_header(rec: dict) -> bool:
    return "text_file" in rec and "sha256" in rec


# ---------------------------------------------------------------- stand-off

def parse(path: Path) -> tuple[list[RawDoc], list[str]]:
    try:
        f = read_standoff(path)   # the one reader of the stand-off format (nrcie.corpus.standoff)
    except CorpusError as e:
        return [], [str(e)]
    header = f.header
    meta = header.get("meta") if isinstance(header.get("meta"), dict) else {}
    raw = RawDoc(str(header["doc_id"]), f.text, f"{path}:{f.header_line}", meta=dict(meta),
                 source=str(header.get("source", "original")), path=path)
    for no, rec in f.relations:
        raw.links.append(RawLink(rec.get("label"), rec.get("head"), rec.get("tail"), f"{path}:{no}"))
    for no, rec in f.entities:
        if "id" in rec:
            raw.spans.append(RawSpan(rec["id"], rec.get("label"), rec.get("start"), rec.get("end"),
                                     rec.get("text"), f"{path}:{no}"))
    raw.problems += [f"{path}:{no}: entity lacks 'id'" if "start" in rec or "end" in rec else
                     f"{path}:{no}: neither an entity (start, end) nor a relation (head, tail)"
                     for no, rec in sorted([x for x in f.entities if "id" not in x[1]] + f.other, key=lambda x: x[0])]
    return [raw], []


def _targets(docs: list[GoldDoc], path: Path, suffix: str) -> list[tuple[Path, GoldDoc]]:
    if path.suffix.lower() == suffix:
        if len(docs) != 1:
            raise FormatError([f"{path}: a {suffix} file holds one document, not {len(docs)}; "
                               "give a folder to write one file per document"])
        return [(path, docs[0])]
    seen: dict[str, str] = {}
    out, problems = [], []
    for d in docs:
        name = safe_name(d.doc_id)
        if name.lower() in seen:
            problems.append(f"{d.doc_id}: its file name {name}{suffix} is also that of document {seen[name.lower()]}")
            continue
        seen[name.lower()] = d.doc_id
        out.append((path / f"{name}{suffix}", d))
    if problems:
        raise FormatError(problems)
    return out


def dump(docs: list[GoldDoc], path: Path) -> None:
    targets = _targets(docs, path, ".jsonl")
    for p, d in targets:
        if d.source not in ("seeds", "original"):
            d = GoldDoc(d.doc_id, d.text, d.entities, d.relations, "original", d.meta, d.path)
        write_doc(p, d, text_file=f"{p.stem}.txt")


# ---------------------------------------------------------------- markup

def parse_markup_file(path: Path) -> tuple[list[RawDoc], list[str]]:
    problems: list[str] = []
    raw_text = read_text(path, problems)
    if raw_text is None:
        return [], problems
    try:
        meta, body = split_front_matter(raw_text, str(path))
    except MarkupError as e:
        return [], [str(e)]
    shift = 1 if FRONT.match(raw_text) else 0
    try:
        ann = parse_markup(body, where=str(path))
    except MarkupError as e:
        msg = str(e)
        if shift:
            msg = re.sub(rf"^{re.escape(str(path))}:(\d+):",
                         lambda m: f"{path}:{int(m.group(1)) + shift}:", msg)
        return [], [msg]
    doc_id = str(meta.pop("doc_id", None) or path.stem)
    raw = RawDoc(doc_id, ann.text, str(path), meta=meta, path=path)
    for e in ann.entities:
        line = ann.text.count("\n", 0, e["start"]) + 1 + shift
        raw.spans.append(RawSpan(e["id"], e["label"], e["start"], e["end"], e["text"], f"{path}:{line}"))
    for r in ann.relations:
        line = ann.text.count("\n", 0, next(e["start"] for e in ann.entities if e["id"] == r["head"])) + 1 + shift
        raw.links.append(RawLink(r["label"], r["head"], r["tail"], f"{path}:{line}"))
    return [raw], []


def markup_text(d: GoldDoc) -> str:
    """One document as markup with front matter; FormatError if markup cannot hold it."""
    problems = []
    if "[[" in d.text or "]]" in d.text:
        problems.append(f"{d.doc_id}: the text contains '[[' or ']]', which markup reserves")
    counted = {r["tail"] for r in d.relations if r["label"] == COUNT_OF}
    for e in d.entities:
        if e["label"] not in LABELS or not re.fullmatch(r"[A-Z]+", e["label"]):
            problems.append(f"{d.doc_id}: entity {e['id']}: markup holds only the schema's labels, "
                            f"not {e['label']!r}")
        if re.search(r"[\[\]|\n]", e["text"]) or e["text"] != e["text"].strip():
            problems.append(f"{d.doc_id}: entity {e['id']} {e['text']!r}: a markup span may not contain "
                            "[ ] | or a line break, nor begin or end with white space")
        if e["label"] == "ACTIVITY" and e["id"] not in counted:
            problems.append(f"{d.doc_id}: entity {e['id']}: ACTIVITY {e['text']!r} is counted by no COUNT; "
                            "markup needs every ACTIVITY linked")
    if problems:
        raise FormatError(problems)
    front = {"doc_id": d.doc_id, **{k: v for k, v in (d.meta or {}).items() if k != "doc_id"}}
    return "%% " + json.dumps(front, ensure_ascii=False) + "\n" + render_markup(d.text, d.entities, d.relations)


def dump_markup(docs: list[GoldDoc], path: Path) -> None:
    targets = _targets(docs, path, ".txt")
    bodies, problems = [], []
    for p, d in targets:
        try:
            bodies.append((p, markup_text(d)))
        except FormatError as e:
            problems += e.problems
    if problems:
        raise FormatError(problems)
    for p, body in bodies:
        atomic_write_text(p, body)
