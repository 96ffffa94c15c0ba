"""Authoring gold: markup in, stand-off out, and back; consistency reports.

Used by ``nrcie corpus ...`` (see ``nrcie corpus --help``) and by annotators.

A markup file may start with one front-matter line ``%% {json}`` giving
``doc_id`` and meta data (level, province, year, genre); it is not part of
the text.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from ..paths import annotations_dir
from .markup import Annotated, MarkupError, parse_markup, render_markup
from .standoff import (CorpusError, GoldDoc, load_corpus, load_doc, seeds_dir, sha256,
                       unlabeled_row, write_doc)

FRONT = re.compile(r"\A%% (\{.*\})\n")


def split_front_matter(markup: str, where: str) -> tuple[dict, str]:
    m = FRONT.match(markup)
    if not m:
        return {}, markup
    try:
        meta = json.loads(m.group(1))
    except json.JSONDecodeError as e:
        raise MarkupError(f"{where}:1: front matter is not valid JSON ({e.msg})") from None
    return meta, markup[m.end():]


def first_difference(a: str, b: str) -> str:
    """Describe where two texts first differ (line, column, context)."""
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    line = a.count("\n", 0, n) + 1
    col = n - (a.rfind("\n", 0, n) + 1) + 1
    return (f"first difference at char {n} (line {line}, column {col}): "
            f"markup text has {a[max(0, n - 15):n + 15]!r}, original has {b[max(0, n - 15):n + 15]!r}")


def _read_markup(path: Path) -> tuple[dict, Annotated]:
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    meta, body = split_front_matter(raw, str(path))
    return meta, parse_markup(body, where=str(path))


def import_seed(markup_path: Path | str, seed_name: str | None = None, out_dir: Path | None = None) -> Path:
    """Check a marked-up copy of a seed against the seed itself and store its stand-off."""
    markup_path = Path(markup_path)
    meta, ann = _read_markup(markup_path)
    name = seed_name or meta.pop("seed", None)
    if not name:
        raise MarkupError(f"{markup_path}: name the seed file (front matter 'seed' or argument)")
    name = Path(name).name
    seed_file = seeds_dir() / name
    if not seed_file.is_file():
        raise CorpusError(f"seed {seed_file} not found (set NRCIE_SEEDS)")
    with open(seed_file, encoding="utf-8", newline="") as f:
        seed_text = f.read()
    if ann.text != seed_text:
        raise MarkupError(f"{markup_path}: stripped markup is not the seed text: "
                          + first_difference(ann.text, seed_text))
    doc_id = meta.pop("doc_id", None) or Path(name).stem
    doc = GoldDoc(doc_id, ann.text, ann.entities, ann.relations, "seeds", meta)
    out = (out_dir or annotations_dir() / "seeds") / f"{doc_id}.jsonl"
    write_doc(out, doc, text_file=name)
    return out


def excerpt_plan_path() -> Path:
    """The planned excerpts of unlabeled reports (ids, rows and offsets only): training/select_excerpts.py."""
    return annotations_dir() / "unlabeled" / "excerpts.json"


def __getattr__(name: str):
    if name == "EXCERPT_PLAN":     # the module constant this was before nrcie.paths
        return excerpt_plan_path()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def excerpt_plan(path: Path | None = None) -> dict[str, dict]:
    """``doc_id -> {"excerpt": {...}, "meta": {...}}`` of the planned unlabeled excerpts."""
    p = path or excerpt_plan_path()
    if not p.is_file():
        return {}
    return {e["doc_id"]: e for e in json.loads(p.read_text(encoding="utf-8"))["excerpts"]}


def excerpt_scratch(excerpt: dict, doc_id: str, meta: dict | None = None) -> str:
    """A markup-ready scratch copy of an unlabeled excerpt: front matter + plain text.

    ``excerpt`` names the row (``text_file``, ``title``, ``year``, ``content_sha256``)
    and ``start``/``end`` in its content.  The scratch copy holds third-party text:
    keep it outside the repository.
    """
    content = unlabeled_row(excerpt["text_file"], excerpt["content_sha256"])
    front = {"doc_id": doc_id, "unlabeled": excerpt, **(meta or {})}
    return "%% " + json.dumps(front, ensure_ascii=False) + "\n" + content[excerpt["start"]:excerpt["end"]]


def import_unlabeled(markup_path: Path | str, out_dir: Path | None = None) -> Path:
    """Check a marked-up unlabeled excerpt against its row and store its stand-off."""
    markup_path = Path(markup_path)
    meta, ann = _read_markup(markup_path)
    ex = meta.pop("unlabeled", None)
    doc_id = meta.pop("doc_id", None)
    if not isinstance(ex, dict) or not doc_id:
        raise MarkupError(f"{markup_path}:1: front matter needs doc_id and unlabeled "
                          "(write the scratch copy with `nrcie corpus excerpt`)")
    content = unlabeled_row(ex["text_file"], ex["content_sha256"], f"{markup_path}:1: ")
    want = content[ex["start"]:ex["end"]]
    if ann.text != want:
        raise MarkupError(f"{markup_path}: stripped markup is not the excerpt text: "
                          + first_difference(ann.text, want))
    doc = GoldDoc(doc_id, ann.text, ann.entities, ann.relations, "unlabeled", meta, excerpt=ex)
    out = (out_dir or annotations_dir() / "unlabeled") / f"{doc_id}.jsonl"
    write_doc(out, doc, text_file=ex["text_file"])
    return out


def import_original(markup_path: Path | str, out_dir: Path | None = None) -> Path:
    """Store an original (project-written) marked-up document as text + stand-off."""
    markup_path = Path(markup_path)
    meta, ann = _read_markup(markup_path)
    doc_id = meta.pop("doc_id", None) or markup_path.stem
    doc = GoldDoc(doc_id, ann.text, ann.entities, ann.relations, "original", meta)
    out = (out_dir or annotations_dir() / "original") / f"{doc_id}.jsonl"
    write_doc(out, doc)
    return out


def render(gold_path: Path | str) -> str:
    """The markup view of one stand-off file (front matter included)."""
    doc = load_doc(gold_path)
    front = {"doc_id": doc.doc_id, **doc.meta}
    if doc.source == "unlabeled":
        front["unlabeled"] = doc.excerpt
    if doc.source == "seeds":
        front["seed"] = json.loads(Path(gold_path).read_text(encoding="utf-8").split("\n", 1)[0])["text_file"]
    return "%% " + json.dumps(front, ensure_ascii=False) + "\n" + render_markup(doc.text, doc.entities, doc.relations)


def surface_report(root: Path | str | None = None, min_len: int = 2) -> list[str]:
    """Consistency pass: surfaces labelled two ways, and unannotated occurrences of annotated surfaces.

    Each line names the surface, its labels with counts, and where a bare
    occurrence stands (doc id and offset), so an annotator can decide each.
    """
    docs = list(load_corpus(root))
    labels: dict[str, Counter] = defaultdict(Counter)
    for d in docs:
        for e in d.entities:
            labels[e["text"]][e["label"]] += 1
    lines = []
    for surface, cnt in sorted(labels.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        if len(surface) < min_len:
            continue
        issues = []
        if len(cnt) > 1:
            issues.append("labels " + ", ".join(f"{k}×{v}" for k, v in cnt.most_common()))
        bare = []
        for d in docs:
            covered = [(e["start"], e["end"]) for e in d.entities]
            start = d.text.find(surface)
            while start >= 0:
                end = start + len(surface)
                if not any(s <= start and end <= e for s, e in covered):
                    inside = any(s < end and start < e for s, e in covered)
                    bare.append(f"{d.doc_id}@{start}{'(crosses a span)' if inside else ''}")
                start = d.text.find(surface, start + 1)
        if bare:
            issues.append(f"{len(bare)} unannotated: " + " ".join(bare[:12]) + (" …" if len(bare) > 12 else ""))
        if issues:
            lines.append(f"{surface}\t{dict(cnt)}\t" + "; ".join(issues))
    return lines
