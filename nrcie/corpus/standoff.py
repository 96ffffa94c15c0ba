"""Stand-off gold annotation: the files under ``annotations/`` and their loader.

One JSON Lines file per document.  Line 1 is the header; then one line per
entity, in reading order; then one line per relation::

    {"doc_id": "000_936f...", "source": "seeds", "text_file": "000_936f....txt",
     "sha256": "...", "n_chars": 5431, "meta": {"level": "county", ...}}
    {"id": "T1", "label": "BODY", "start": 30, "end": 38, "text": "..."}
    {"label": "COUNT_OF", "head": "T7", "tail": "T6"}

``source`` says where the text lives: ``"seeds"`` — a third-party report in the
seeds folder (``NRCIE_SEEDS``, else ``../shared/seeds`` beside the repository),
never copied into the repository; ``"unlabeled"`` — an excerpt of one row of a
third-party JSON Lines collection in the unlabeled folder (``NRCIE_UNLABELED``,
else ``../shared/unlabeled``), never copied either: the header's ``excerpt``
names the row (``title``, ``year``, ``content_sha256``) and the excerpt's
``start``/``end`` in its ``content``, and entity offsets index the excerpt;
``"original"`` — text the project wrote, stored beside the annotation as
``<doc_id>.txt``.  An ACTIVITY may carry its gold ``"type"`` (one of
``schema.ACTIVITY_TYPES``).  ``text`` next to each span lets a
check prove the offsets; ``sha256`` proves the text is the one annotated.

In seed and unlabeled-excerpt files a long surface (``SEED_SURFACE_MAX`` characters or more, 《》
titles not counted) is stored abbreviated (``"text": "first…last"``) with its
``text_sha256``: the offsets are still proven, and the repository never holds a
long run of the third-party text.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..errors import CorpusError  # noqa: F401  (its old home)
from ..paths import annotations_dir, checkout_root, seeds_dir, unlabeled_dir  # noqa: F401  (re-exported)

SOURCES = ("seeds", "unlabeled", "original")
#: sources whose text is third-party: never stored in the repository, long surfaces abbreviated
THIRD_PARTY = ("seeds", "unlabeled")
SEED_SURFACE_MAX = 16
#: JSON Lines files under annotations/ that are no documents: the gold document facts and DATE values
NOT_DOCUMENTS = ("document_facts.jsonl", "date_values.jsonl")
_TITLE = re.compile(r"《[^《》]*》")


@dataclass
class GoldDoc:
    doc_id: str
    text: str
    entities: list[dict]
    relations: list[dict]
    source: str = "original"
    meta: dict = field(default_factory=dict)
    path: Path | None = None
    #: for source "unlabeled": the row (title, year, content_sha256) and start/end of the excerpt
    excerpt: dict | None = None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def __getattr__(name: str):
    # the module constants this module had before nrcie.paths, computed when asked
    if name == "ANNOTATIONS_DIR":
        return annotations_dir()
    if name == "REPO_ROOT":
        return checkout_root()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=4)
def _unlabeled_rows(path: str, mtime: float) -> dict[str, str]:
    """``content_sha256 -> content`` of every row of an unlabeled JSON Lines file."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                content = json.loads(line).get("content") or ""
                rows[sha256(content)] = content
    return rows


def unlabeled_row(text_file: str, content_sha256: str, where: str = "") -> str:
    """The content of the unlabeled row whose content hashes to ``content_sha256``."""
    p = unlabeled_dir() / text_file
    if not p.is_file():
        raise CorpusError(f"{where}text {p} not found. Set NRCIE_UNLABELED to the folder holding "
                          "the unlabeled reports, or put them at ../shared/unlabeled.")
    content = _unlabeled_rows(str(p), p.stat().st_mtime).get(content_sha256)
    if content is None:
        raise CorpusError(f"{where}no row of {p} has the annotated content (sha256 {content_sha256[:12]}…); "
                          "the collection has changed since it was annotated")
    return content


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    """``(line number, record)`` pairs; a bad line raises CorpusError naming file and line."""
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            lines = list(f)
    except UnicodeDecodeError as e:
        raise CorpusError(f"{path}: not UTF-8 text (byte {e.start})") from None
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise CorpusError(f"{path}:{no}: not valid JSON ({e.msg}, column {e.colno})") from None
        if not isinstance(rec, dict):
            raise CorpusError(f"{path}:{no}: expected a JSON object, found {type(rec).__name__}")
        rows.append((no, rec))
    return rows


#: the keys every stand-off header has
HEADER_KEYS = ("doc_id", "source", "text_file", "sha256")


def is_relation_line(rec: dict) -> bool:
    return "head" in rec or "tail" in rec


def is_entity_line(rec: dict) -> bool:
    return not is_relation_line(rec) and ("start" in rec or "end" in rec)


@dataclass
class StandoffLines:
    """A stand-off file read once: its header, the document text (proven by its hash) and
    its other lines by kind, each with its line number.  What :func:`load_doc`, the
    validator (:mod:`nrcie.corpus.validate`) and the ``standoff`` format read."""

    path: Path
    header_line: int
    header: dict
    text: str
    entities: list[tuple[int, dict]]
    relations: list[tuple[int, dict]]
    #: lines that are neither an entity (start, end) nor a relation (head, tail)
    other: list[tuple[int, dict]]


def read_standoff(path: Path | str) -> StandoffLines:
    """Read a stand-off file: every line JSON, a header with :data:`HEADER_KEYS`, the text
    found and unchanged; otherwise a CorpusError naming the file and the line.  The lines are
    not checked further (:func:`nrcie.corpus.validate.validate_file` does that)."""
    path = Path(path)
    rows = read_jsonl(path)
    if not rows:
        raise CorpusError(f"{path}: empty annotation file")
    hno, header = rows[0]
    missing = [k for k in HEADER_KEYS if k not in header]
    if missing:
        raise CorpusError(f"{path}:{hno}: the header lacks {', '.join(missing)} (is this a stand-off file?)")
    text = read_text(header, path)
    body = rows[1:]
    return StandoffLines(path, hno, header, text,
                         [(no, r) for no, r in body if is_entity_line(r)],
                         [(no, r) for no, r in body if is_relation_line(r)],
                         [(no, r) for no, r in body if not is_entity_line(r) and not is_relation_line(r)])


def text_path(header: dict, path: Path) -> Path:
    if header.get("source") == "unlabeled":
        return unlabeled_dir() / header["text_file"]
    if header.get("source") == "seeds":
        return seeds_dir() / header["text_file"]
    return path.with_name(header["text_file"])


def read_text(header: dict, path: Path) -> str:
    """The document text, checked against the stored hash."""
    if header.get("source") == "unlabeled":
        ex = header.get("excerpt") or {}
        try:
            content = unlabeled_row(header["text_file"], ex["content_sha256"], f"{path}:1: ")
            text = content[ex["start"]:ex["end"]]
        except (KeyError, TypeError):
            raise CorpusError(f"{path}:1: an unlabeled excerpt's header needs "
                              "excerpt.content_sha256, excerpt.start and excerpt.end") from None
        if sha256(text) != header.get("sha256"):
            raise CorpusError(f"{path}:1: excerpt {ex['start']}..{ex['end']} of the row no longer "
                              "matches the stored hash; the offsets no longer apply")
        return text
    tp = text_path(header, path)
    if not tp.is_file():
        hint = (" Set NRCIE_SEEDS to the folder holding the seed reports, or put them at ../shared/seeds."
                if header.get("source") == "seeds" else "")
        raise CorpusError(f"{path}:1: text {tp} not found.{hint}")
    with open(tp, encoding="utf-8", newline="") as f:
        text = f.read()
    if sha256(text) != header.get("sha256"):
        raise CorpusError(
            f"{path}:1: text {tp} has changed since it was annotated (sha256 differs); "
            "the offsets no longer apply")
    return text


def load_doc(path: Path | str) -> GoldDoc:
    """The GoldDoc of a stand-off file (long seed surfaces restored from the text)."""
    f = read_standoff(path)
    h = f.header
    return GoldDoc(h["doc_id"], f.text, [resolve_surface(r, f.text) for _, r in f.entities],
                   [r for _, r in f.relations], h["source"], h.get("meta", {}), f.path, h.get("excerpt"))


def is_long_surface(surface: str) -> bool:
    return len("".join(_TITLE.sub("《》", surface).split())) >= SEED_SURFACE_MAX


def abbreviate(surface: str) -> str:
    return surface[:5] + "…" + surface[-5:]


def stored_entity(e: dict, source: str) -> dict:
    """The record written for an entity (seed surfaces of some length abbreviated)."""
    rec = {k: e[k] for k in ("id", "label", "start", "end", "text")}
    if e.get("type"):
        rec["type"] = e["type"]
    if source in THIRD_PARTY and is_long_surface(e["text"]):
        rec["text"] = abbreviate(e["text"])
        rec["text_sha256"] = sha256(e["text"])
    return rec


def surface_problem(rec: dict, text: str) -> str | None:
    """Why a stored entity's surface does not match ``text`` (None when it does)."""
    actual = text[rec["start"]:rec["end"]]
    if "text_sha256" in rec:
        if sha256(actual) != rec["text_sha256"] or abbreviate(actual) != rec["text"]:
            return f"text[{rec['start']}:{rec['end']}] does not match the stored hash of {rec['text']!r}"
        return None
    if actual != rec["text"]:
        return f"text[{rec['start']}:{rec['end']}] is {actual!r}, not {rec['text']!r}"
    return None


def resolve_surface(rec: dict, text: str) -> dict:
    """An entity dict with its full surface (abbreviated seed surfaces restored from the text)."""
    if "text_sha256" not in rec:
        return rec
    out = {k: v for k, v in rec.items() if k != "text_sha256"}
    out["text"] = text[rec["start"]:rec["end"]]
    return out


def corpus_files(root: Path | str | None = None) -> list[Path]:
    root = Path(root) if root else annotations_dir()
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.jsonl") if p.name not in NOT_DOCUMENTS)


def load_corpus(root: Path | str | None = None) -> Iterator[GoldDoc]:
    for p in corpus_files(root):
        yield load_doc(p)


def write_doc(path: Path | str, doc: GoldDoc, text_file: str | None = None) -> None:
    """Write a stand-off file (and, for original text, the text beside it), atomically."""
    from ..io import atomic_write_text

    path = Path(path)
    text_file = text_file or f"{doc.doc_id}.txt"
    header = {"doc_id": doc.doc_id, "source": doc.source, "text_file": text_file,
              "sha256": sha256(doc.text), "n_chars": len(doc.text), "meta": doc.meta}
    if doc.excerpt is not None:
        header["excerpt"] = doc.excerpt
    lines = [json.dumps(header, ensure_ascii=False)]
    for e in sorted(doc.entities, key=lambda e: (e["start"], e["end"])):
        lines.append(json.dumps(stored_entity(e, doc.source), ensure_ascii=False))
    for r in doc.relations:
        lines.append(json.dumps({k: r[k] for k in ("label", "head", "tail")}, ensure_ascii=False))
    if doc.source == "original":
        atomic_write_text(path.with_name(text_file), doc.text)
    atomic_write_text(path, "\n".join(lines) + "\n")
