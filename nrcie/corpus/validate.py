"""Validate stand-off gold files: every error names the file and the line."""
from __future__ import annotations

from pathlib import Path

from ..schema import ACTIVITY_TYPES, COUNT_OF, LABELS, RELATIONS
from .standoff import CorpusError, corpus_files, read_jsonl, read_text, surface_problem


def validate_file(path: Path | str) -> list[str]:
    """All problems found in one stand-off file (empty list when it is valid)."""
    path = Path(path)
    errors: list[str] = []
    try:
        rows = read_jsonl(path)
    except CorpusError as e:
        return [str(e)]
    if not rows:
        return [f"{path}: empty annotation file"]
    hno, header = rows[0]
    missing = [k for k in ("doc_id", "source", "text_file", "sha256") if k not in header]
    if missing:
        return [f"{path}:{hno}: header lacks {', '.join(missing)}"]
    try:
        text = read_text(header, path)
    except CorpusError as e:
        return [str(e)]
    ents: dict[str, tuple[int, dict]] = {}
    spans: list[tuple[int, int, int]] = []
    rels: list[tuple[int, dict]] = []
    for no, rec in rows[1:]:
        where = f"{path}:{no}"
        if "head" in rec or "tail" in rec:
            rels.append((no, rec))
            continue
        try:
            eid, label, start, end, surface = rec["id"], rec["label"], rec["start"], rec["end"], rec["text"]
        except KeyError as e:
            errors.append(f"{where}: entity lacks {e.args[0]!r}")
            continue
        if label not in LABELS:
            errors.append(f"{where}: unknown label {label!r}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errors.append(f"{where}: offsets {start}..{end} outside the text (0..{len(text)})")
            continue
        problem = surface_problem(rec, text)
        if problem:
            errors.append(f"{where}: {problem}")
        if text[start:end] != text[start:end].strip():
            errors.append(f"{where}: span {surface!r} starts or ends with white space")
        if "type" in rec and (label != "ACTIVITY" or rec["type"] not in ACTIVITY_TYPES):
            errors.append(f"{where}: type {rec['type']!r} is not an activity type of an ACTIVITY "
                          f"(types: {', '.join(ACTIVITY_TYPES)})")
        if eid in ents:
            errors.append(f"{where}: id {eid} already used on line {ents[eid][0]}")
        ents[eid] = (no, rec)
        spans.append((start, end, no))
    spans.sort()
    for (s1, e1, n1), (s2, e2, n2) in zip(spans, spans[1:]):
        if s2 < e1:
            errors.append(f"{path}:{n2}: span {s2}..{e2} overlaps line {n1} ({s1}..{e1})")
    tails: set[str] = set()
    seen_rel: set[tuple] = set()
    for no, rec in rels:
        where = f"{path}:{no}"
        label, head, tail = rec.get("label"), rec.get("head"), rec.get("tail")
        if label not in RELATIONS:
            errors.append(f"{where}: unknown relation {label!r}")
            continue
        if (label, head, tail) in seen_rel:
            errors.append(f"{where}: duplicate relation {head} -> {tail}")
        seen_rel.add((label, head, tail))
        want_head, want_tail = RELATIONS[label]
        for role, eid, want in (("head", head, want_head), ("tail", tail, want_tail)):
            if eid not in ents:
                errors.append(f"{where}: {role} {eid!r} is no entity of this file")
            elif ents[eid][1]["label"] != want:
                errors.append(f"{where}: {label} {role} must be {want}, is {ents[eid][1]['label']} ({eid})")
        if label == COUNT_OF:
            tails.add(tail)
    for eid, (no, rec) in ents.items():
        if rec.get("label") == "ACTIVITY" and eid not in tails:
            errors.append(f"{path}:{no}: ACTIVITY {rec.get('text')!r} is the tail of no COUNT_OF")
    return errors


def validate(root: Path | str | None = None) -> tuple[int, list[str]]:
    """Validate every stand-off file under ``root``; return (files checked, errors)."""
    files = corpus_files(root)
    errors: list[str] = []
    for p in files:
        errors.extend(validate_file(p))
    return len(files), errors
