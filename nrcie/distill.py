"""Teacher labels for distillation (``nrcie train fast --teacher PIPELINE``).

A trained pipeline (the teacher, normally ``accurate``) labels in-register text
nobody annotated: the government work reports of ``../shared/unlabeled`` (read at
training time, never stored in the repository). Its entities become extra NER
training documents for the student (``fast``); they carry no COUNT_OF links and
the relation component skips them (:func:`is_silver`).

Rows that hold an excerpt of the gold corpus are left out whole, so no dev or
test text reaches the student through its teacher. The labelled lines are cached
under ``$NRCIE_CACHE/silver/`` keyed by the teacher's weights and the selection.
"""
from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from .corpus.standoff import GoldDoc, sha256
from .errors import CorpusError

SILVER_PREFIX = "silver:"
#: the reports before this year are written in a register far from today's
MIN_YEAR = 1978
#: lines shorter than this carry little for NER
MIN_LINE = 20


def is_silver(doc_id: str) -> bool:
    """Whether a training document is teacher-labelled (no gold links)."""
    return doc_id.startswith(SILVER_PREFIX)


def candidate_lines(rows: list[dict], excluded: set[str], max_chars: int, seed: int = 0) -> list[tuple[str, str]]:
    """``(line_id, text)`` of report lines for the teacher: rows from :data:`MIN_YEAR` on whose
    content hash is not in ``excluded``, lines of at least :data:`MIN_LINE` characters, drawn at
    random (``seed``) until ``max_chars``."""
    lines = []
    for row in rows:
        content = row.get("content") or ""
        year = int(row.get("year") or 0)
        if year < MIN_YEAR or sha256(content) in excluded:
            continue
        for k, line in enumerate(content.split("\n")):
            line = line.strip()
            if len(line) >= MIN_LINE:
                lines.append((f"{year}:{k}", line))
    random.Random(seed).shuffle(lines)
    out, total = [], 0
    for line_id, text in lines:
        if total >= max_chars:
            break
        out.append((line_id, text))
        total += len(text)
    return out


def excluded_rows(golds: list[GoldDoc]) -> set[str]:
    """Content hashes of the unlabeled rows any gold excerpt comes from."""
    return {g.excerpt["content_sha256"] for g in golds if g.excerpt and g.excerpt.get("content_sha256")}


def _teacher_key(teacher: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(Path(teacher).rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(teacher)).encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def silver_docs(teacher: Path | str, golds: list[GoldDoc], max_chars: int = 300_000, seed: int = 0,
                log=print) -> list[GoldDoc]:
    """Teacher-labelled training documents (one per report line), cached."""
    from . import parse_many
    from .encoder.build import cache_root
    from .normalize.text import normalize_for_model
    from .paths import unlabeled_dir

    src = unlabeled_dir() / "government_work_reports.jsonl"
    if not src.is_file():
        raise CorpusError(f"distillation needs the unlabeled reports: {src} not found. Set NRCIE_UNLABELED "
                          "to the folder holding government_work_reports.jsonl")
    teacher = Path(teacher)
    excluded = excluded_rows(golds)
    raw = src.read_text("utf-8")
    lines = candidate_lines([json.loads(x) for x in raw.splitlines() if x.strip()], excluded, max_chars, seed)
    key = hashlib.sha256(json.dumps({"teacher": _teacher_key(teacher), "src": sha256(raw),
                                     "excluded": sorted(excluded), "max_chars": max_chars, "seed": seed,
                                     "min_year": MIN_YEAR, "min_line": MIN_LINE}).encode()).hexdigest()[:16]
    cached = cache_root() / "silver" / f"{key}.jsonl"
    if cached.is_file():
        log(f"nrcie: teacher labels loaded from {cached}")
        return [_from_record(json.loads(x)) for x in cached.read_text("utf-8").splitlines() if x.strip()]
    log(f"nrcie: labelling {len(lines)} report lines ({sum(len(t) for _, t in lines):,} characters, "
        f"{len(excluded)} rows with gold excerpts left out) with the teacher {teacher}")
    texts = [normalize_for_model(t) for _, t in lines]
    docs = []
    for (line_id, _), text, res in zip(lines, texts, parse_many(texts, model=teacher)):
        ents = [{"id": f"T{i}", "label": e.label, "start": e.start, "end": e.end, "text": e.text}
                for i, e in enumerate(res.entities)]
        docs.append(GoldDoc(f"{SILVER_PREFIX}{line_id}", text, ents, [], "silver"))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_text("".join(json.dumps(_to_record(d), ensure_ascii=False) + "\n" for d in docs), "utf-8")
        tmp.replace(cached)
    except OSError as e:
        print(f"nrcie: teacher labels not cached ({e})", file=sys.stderr)
    return docs


def _to_record(d: GoldDoc) -> dict:
    return {"doc_id": d.doc_id, "text": d.text, "entities": d.entities}


def _from_record(r: dict) -> GoldDoc:
    return GoldDoc(r["doc_id"], r["text"], r["entities"], [], "silver")
