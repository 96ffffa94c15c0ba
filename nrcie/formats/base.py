"""What every format module shares: raw records, the checks that turn them into
:class:`~nrcie.corpus.standoff.GoldDoc`, and the way problems are named.

A reader (``parse(path) -> (raw docs, problems)``) only translates a tool's
shape into :class:`RawDoc`: text, spans with the place they were read from, and
links between span ids.  :func:`build` then checks every record of a document
(offsets, surfaces, labels, overlaps, relation endpoints) and either returns a
normalised GoldDoc or the list of its problems, each ``"where: reason"`` where
``where`` is ``file:line`` (JSON Lines, CoNLL, stand-off) or ``file:[i].json.path``
(a JSON array, a DocBin).  Nothing is dropped quietly: a document with one bad
record is reported, never half-read.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..corpus.standoff import GoldDoc
from ..errors import FormatError  # noqa: F401  (defined in nrcie.errors; its old home)
from ..schema import COUNT_OF, LABELS, RELATIONS


class FormatWarning(UserWarning):
    """Something a format cannot hold was left out on writing (e.g. relations in CoNLL)."""


@dataclass
class RawSpan:
    id: Any            # the source's id (str, int, (start, end)...) or None
    label: Any
    start: Any
    end: Any
    surface: Any       # the span text the source states, or None
    where: str


@dataclass
class RawLink:
    label: Any         # None: the schema's only relation, COUNT_OF
    head: Any          # span ids
    tail: Any
    where: str


@dataclass
class RawDoc:
    doc_id: str
    text: Any
    where: str
    spans: list[RawSpan] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    source: str = "original"
    path: Path | None = None
    problems: list[str] = field(default_factory=list)   # found while parsing


class Where:
    """A place in a file: ``file:12`` (a line), or ``file:[3]`` (an array item),
    refined with a JSON path: ``file:12: entities[2]``, ``file:[3].annotations[0]``."""

    def __init__(self, base: str, path: str = "", array: bool = False):
        self.base, self.path, self.array = base, path, array

    def __call__(self, *parts: str) -> "Where":
        path = self.path
        for part in parts:
            path = path + part if (not path or part.startswith("[")) else f"{path}.{part}"
        return Where(self.base, path, self.array)

    def __str__(self) -> str:
        if not self.path:
            return self.base
        if self.array:
            return self.base + (self.path if self.path.startswith("[") else "." + self.path)
        return f"{self.base}: {self.path}"


def object_items(raw: "RawDoc", rec: dict, key: str, where: "Where") -> Iterator[tuple["Where", dict]]:
    """The objects of the list ``rec[key]`` (absent: none), each with its place; a
    value that is not a list, or an item that is not an object, is recorded as a
    problem of ``raw`` and skipped."""
    items = rec.get(key, [])
    if not isinstance(items, list):
        raw.problems.append(f"{where(key)}: expected a list")
        return
    for k, item in enumerate(items):
        w = where(key, f"[{k}]")
        if isinstance(item, dict):
            yield w, item
        else:
            raw.problems.append(f"{w}: expected an object")


def show_id(x: Any) -> str:
    if isinstance(x, tuple) and len(x) == 2:
        return f"{x[0]}..{x[1]}"
    return repr(x)


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def allowed_labels(labels: Iterable[str] | None) -> frozenset[str]:
    if labels is None:
        return frozenset(LABELS)
    if isinstance(labels, str):
        labels = [x for x in re.split(r"[,\s]+", labels) if x]
    return frozenset(labels)


def build(raw: RawDoc, labels: frozenset[str] | None = None) -> tuple[GoldDoc | None, list[str]]:
    """Check one raw document; return a normalised GoldDoc, or None and every problem.

    Normalised: entities sorted by offsets and numbered ``T1, T2, ...``, their
    ``text`` taken from the document; relations ``{"label", "head", "tail"}`` on
    those ids, sorted by head then tail."""
    labels = labels if labels is not None else frozenset(LABELS)
    problems = list(raw.problems)
    text = raw.text
    if not isinstance(text, str):
        problems.append(f"{raw.where}: the document has no text (a string), found {type(text).__name__}")
        return None, problems

    good: list[RawSpan] = []
    seen: dict[Any, RawSpan] = {}
    for sp in raw.spans:
        ok = True
        if not isinstance(sp.label, str) or not sp.label:
            problems.append(f"{sp.where}: missing label")
            ok = False
        elif sp.label not in labels:
            extra = "" if labels != frozenset(LABELS) else "; pass labels= (--labels) to allow your own"
            problems.append(f"{sp.where}: unknown label {sp.label!r} (allowed: {', '.join(sorted(labels))}{extra})")
            ok = False
        s, e = sp.start, sp.end
        if not (_is_int(s) and _is_int(e)):
            problems.append(f"{sp.where}: offsets {s!r}..{e!r} are not whole numbers")
            continue
        if not 0 <= s < e <= len(text):
            problems.append(f"{sp.where}: offsets {s}..{e} outside the text (0..{len(text)})"
                            if not (0 <= s <= len(text) and 0 <= e <= len(text))
                            else f"{sp.where}: offsets {s}..{e} make an empty or reversed span")
            continue
        if sp.surface is not None and text[s:e] != sp.surface:
            problems.append(f"{sp.where}: text[{s}:{e}] is {text[s:e]!r}, not {sp.surface!r}")
            ok = False
        if sp.id is not None:
            try:
                prev = seen.get(sp.id)
            except TypeError:
                problems.append(f"{sp.where}: id {sp.id!r} is not a plain value")
                continue
            if prev is not None:
                problems.append(f"{sp.where}: id {show_id(sp.id)} already used at {prev.where}")
                continue
            seen[sp.id] = sp
        if ok:
            good.append(sp)

    # overlaps, among spans whose offsets are sound
    spans_sorted = sorted((sp for sp in raw.spans if _is_int(sp.start) and _is_int(sp.end)
                           and 0 <= sp.start < sp.end <= len(text)), key=lambda sp: (sp.start, sp.end))
    reach: RawSpan | None = None
    for sp in spans_sorted:
        if reach is not None and sp.start < reach.end:
            problems.append(f"{sp.where}: span {sp.start}..{sp.end} overlaps {reach.where} ({reach.start}..{reach.end})")
        if reach is None or sp.end > reach.end:
            reach = sp

    good.sort(key=lambda sp: (sp.start, sp.end))
    new_id: dict[Any, str] = {}
    entities = []
    for i, sp in enumerate(good, 1):
        eid = f"T{i}"
        if sp.id is not None:
            new_id[sp.id] = eid
        entities.append({"id": eid, "label": sp.label, "start": sp.start, "end": sp.end,
                         "text": text[sp.start:sp.end]})
    label_of = {sp.id: sp.label for sp in raw.spans if sp.id is not None and _hashable(sp.id)}

    relations = []
    seen_rel: dict[tuple, str] = {}
    for ln in raw.links:
        label = COUNT_OF if ln.label is None else ln.label
        if label not in RELATIONS:
            problems.append(f"{ln.where}: unknown relation {label!r} (relations: {', '.join(RELATIONS)})")
            continue
        bad = False
        for role, ref, want in (("head", ln.head, RELATIONS[label][0]), ("tail", ln.tail, RELATIONS[label][1])):
            if not _hashable(ref) or ref is None or ref not in label_of:
                problems.append(f"{ln.where}: {role} {show_id(ref)} is no entity of this document")
                bad = True
            elif label_of[ref] != want and label_of[ref] in labels:
                problems.append(f"{ln.where}: {label} {role} must be {want}, is {label_of[ref]} ({show_id(ref)})")
                bad = True
        if bad:
            continue
        key = (label, ln.head, ln.tail)
        if key in seen_rel:
            problems.append(f"{ln.where}: repeats the relation at {seen_rel[key]}")
            continue
        seen_rel[key] = ln.where
        if ln.head in new_id and ln.tail in new_id:
            relations.append({"label": label, "head": new_id[ln.head], "tail": new_id[ln.tail]})

    if problems:
        return None, problems
    order = {e["id"]: i for i, e in enumerate(entities)}
    relations.sort(key=lambda r: (order[r["head"]], order[r["tail"]], r["label"]))
    return GoldDoc(str(raw.doc_id), text, entities, relations, raw.source, dict(raw.meta), raw.path), []


def _hashable(x: Any) -> bool:
    try:
        hash(x)
    except TypeError:
        return False
    return True


def raw_from_gold(doc: GoldDoc) -> RawDoc:
    """A GoldDoc handed to a writer, as raw records (so the same checks apply)."""
    if not isinstance(doc, GoldDoc):
        raise TypeError(f"write_documents takes GoldDoc objects, not {type(doc).__name__}")
    name = str(doc.doc_id)
    spans = []
    for i, e in enumerate(doc.entities):
        e = e if isinstance(e, dict) else {}
        spans.append(RawSpan(e.get("id", f"#{i}"), e.get("label"), e.get("start"), e.get("end"),
                             e.get("text"), f"{name}: entity {e.get('id', i)}"))
    links = []
    for i, r in enumerate(doc.relations):
        r = r if isinstance(r, dict) else {}
        links.append(RawLink(r.get("label"), r.get("head"), r.get("tail"), f"{name}: relation {i}"))
    return RawDoc(name, doc.text, name, spans, links, dict(doc.meta or {}), doc.source or "original", doc.path)


# ---------------------------------------------------------------- file reading

def read_text(path: Path, problems: list[str]) -> str | None:
    """A UTF-8 file's text (a leading byte-order mark is dropped), or None and a problem."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return f.read()
    except UnicodeDecodeError as e:
        problems.append(f"{path}: not UTF-8 text (byte {e.start})")
    except OSError as e:
        problems.append(f"{path}: cannot read ({e.strerror})")
    return None


def json_lines(path: Path, problems: list[str]) -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` for each non-blank line; bad lines become problems."""
    text = read_text(path, problems)
    if text is None:
        return
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{path}:{no}: not valid JSON ({e.msg}, column {e.colno})")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{path}:{no}: expected a JSON object, found {type(rec).__name__}")
            continue
        yield no, rec


def safe_name(doc_id: str) -> str:
    """A file name for a document id (path separators and odd characters become ``_``)."""
    name = re.sub(r"[^\w.\-]+", "_", str(doc_id)).strip("._") or "doc"
    return name


@lru_cache(maxsize=1)
def char_nlp():
    """nrcie's blank ``zh`` pipeline (character tokens), loaded once."""
    from ..pipeline import blank

    return blank()
