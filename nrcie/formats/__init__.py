"""Annotation formats in and out: Label Studio, doccano, Prodigy, spaCy DocBin,
BIO/CoNLL, and nrcie's own stand-off and inline markup.

>>> from nrcie.formats import read_documents, write_documents
>>> docs = list(read_documents("export.json"))              # doctest: +SKIP
>>> write_documents(docs, "train.spacy", "docbin")          # doctest: +SKIP

Every reader gives :class:`~nrcie.corpus.standoff.GoldDoc` objects: ``text``,
entities ``{"id", "label", "start", "end", "text"}`` (character offsets into
``text``, end exclusive, numbered ``T1, T2...`` in reading order) and relations
``{"label": "COUNT_OF", "head": id, "tail": id}`` (head the COUNT, tail the
ACTIVITY).  Bad records — offsets outside the text, a stated span text that
differs from the text, a relation whose end is no entity, overlapping spans,
labels outside :data:`nrcie.schema.LABELS` (unless ``labels=`` allows them) —
are all reported together as ``file:line: reason``, never dropped: with
``errors="raise"`` (default) in one :class:`FormatError`; with
``errors="collect"`` the good documents come back with the list of problems.

=============  ===========================  =====================================
format         files                        relations
=============  ===========================  =====================================
labelstudio    ``.json`` (``.jsonl``)       ``relation`` results
doccano        ``.jsonl``                   ``relations`` (from_id → to_id)
prodigy        ``.jsonl``                   ``relations`` (head → child)
docbin         ``.spacy``                   ``doc._.nrcie_relations``
conll          ``.conll``, ``.bio``         none (dropped on writing, with a warning)
standoff       ``.jsonl`` + ``.txt``        relation lines
markup         ``.txt``                     ``COUNT>id`` links
=============  ===========================  =====================================
"""
from __future__ import annotations

import importlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..corpus.standoff import GoldDoc
from .base import FormatError, FormatWarning, allowed_labels, build, raw_from_gold, read_text

__all__ = ["read_documents", "write_documents", "check_documents", "detect_format", "output_format", "FORMATS",
           "Format", "FormatError", "FormatWarning"]


@dataclass(frozen=True)
class Format:
    """One annotation format: ``reader(path) -> (raw docs, problems)`` and
    ``writer(gold docs, path, **options)``; :meth:`read` and :meth:`write` are
    :func:`read_documents` and :func:`write_documents` for this format."""

    name: str
    extensions: tuple[str, ...]
    description: str
    module: str
    reader_name: str = "parse"
    writer_name: str = "dump"
    folder: bool = False          # writes one file per document into a folder

    @property
    def reader(self) -> Callable:
        return getattr(importlib.import_module(f"{__name__}.{self.module}"), self.reader_name)

    @property
    def writer(self) -> Callable:
        return getattr(importlib.import_module(f"{__name__}.{self.module}"), self.writer_name)

    def read(self, paths, **kwargs):
        return read_documents(paths, fmt=self.name, **kwargs)

    def write(self, docs, path, **kwargs) -> None:
        write_documents(docs, path, self.name, **kwargs)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("labelstudio", (".json", ".jsonl"), "Label Studio JSON export (tasks with annotations)", "labelstudio"),
    Format("doccano", (".jsonl",), "doccano sequence labelling (+ relations) JSONL", "doccano"),
    Format("prodigy", (".jsonl",), "Prodigy spans + relations JSONL (db-out)", "prodigy"),
    Format("docbin", (".spacy",), "spaCy DocBin; relations in doc._.nrcie_relations", "docbin"),
    Format("conll", (".conll", ".bio", ".iob"), "BIO/CoNLL, one character a line; no relations", "conll"),
    Format("standoff", (".jsonl",), "nrcie stand-off: header + entity/relation lines, text beside", "standoff",
           folder=True),
    Format("markup", (".txt",), "nrcie inline markup [[surface|LABEL]]", "standoff", "parse_markup_file",
           "dump_markup", folder=True),
)}

#: What a folder is searched for when no format is named.
SCANNED = (".json", ".jsonl", ".ndjson", ".spacy", ".conll", ".bio", ".iob")
_BY_EXTENSION = {".spacy": "docbin", ".conll": "conll", ".bio": "conll", ".iob": "conll", ".json": "labelstudio",
                 ".txt": "markup"}


def _check_fmt(fmt: str) -> Format:
    if fmt not in FORMATS:
        raise FormatError([f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})"])
    return FORMATS[fmt]


def _files(path: Path, fmt: str | None) -> list[Path]:
    exts = FORMATS[fmt].extensions if fmt else SCANNED
    if fmt == "labelstudio":
        exts = exts + (".ndjson",)
    files = sorted(p for p in path.rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
    found = [p for p in files if p.suffix.lower() in exts]
    if not found and fmt is None:   # a folder of markup .txt only
        found = [p for p in files if p.suffix.lower() == ".txt"]
    return found


def _sniff(rec: dict) -> str | None:
    if "text_file" in rec and "sha256" in rec:
        return "standoff"
    if isinstance(rec.get("data"), dict) or "annotations" in rec or "predictions" in rec:
        return "labelstudio"
    if any(k in rec for k in ("spans", "tokens", "_input_hash", "_task_hash", "answer")):
        return "prodigy"
    if any(k in rec for k in ("entities", "label", "labels")):
        return "doccano"
    rels = rec.get("relations")
    if isinstance(rels, list) and rels and isinstance(rels[0], dict):
        return "prodigy" if "child" in rels[0] or "head_span" in rels[0] else "doccano"
    return None


def detect_format(path) -> str:
    """The format name of a file (by extension, and by content for ``.jsonl``) or of
    a folder (the one format of its annotation files); FormatError if it cannot tell."""
    path = Path(path)
    if path.is_dir():
        names = set()
        for f in _files(path, None):
            names.add(detect_format(f))
        if len(names) == 1:
            return names.pop()
        if not names:
            raise FormatError([f"{path}: no annotation files ({', '.join(SCANNED)}) in this folder"])
        raise FormatError([f"{path}: the folder mixes formats ({', '.join(sorted(names))}); name one"])
    ext = path.suffix.lower()
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if ext in (".jsonl", ".ndjson"):
        problems: list[str] = []
        text = read_text(path, problems)
        if text is None:
            raise FormatError(problems)
        seen_json = False
        for i, line in enumerate(text.split("\n")):
            if i > 200:
                break
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict):
                seen_json = True
                guess = _sniff(rec)
                if guess:
                    return guess
        if seen_json:
            return "doccano"   # plain {"text": ...} lines: doccano and Prodigy read them alike
        raise FormatError([f"{path}: cannot tell the format (no JSON object in its first lines); name it"])
    raise FormatError([f"{path}: cannot tell the format from the extension {ext or '(none)'!r}; name it "
                       f"({', '.join(FORMATS)})"])


def output_format(path) -> str | None:
    """The format an output path implies, or None when it does not say (``.jsonl``, folders)."""
    ext = Path(path).suffix.lower()
    return _BY_EXTENSION.get(ext)


def _expand(paths, fmt: str | None, problems: list[str]) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            found = _files(p, fmt)
            if not found:
                exts = FORMATS[fmt].extensions if fmt else SCANNED
                problems.append(f"{p}: no annotation files ({', '.join(exts)}) in this folder")
            out += found
        elif p.is_file():
            out.append(p)
        else:
            problems.append(f"{p}: no such file or folder")
    return out


def _place(problem: str, path: str) -> int:
    """The line (or array index) a problem names, to list a file's problems in order."""
    m = re.match(r"(\d+)|\[(\d+)\]", problem[len(path) + 1:]) if problem.startswith(path + ":") else None
    return int(m.group(1) or m.group(2)) if m else -1


def read_documents(paths, fmt: str | None = None, *, labels: Iterable[str] | None = None,
                   errors: str = "raise") -> Iterator[GoldDoc] | tuple[list[GoldDoc], list[str]]:
    """Read annotated documents from files or folders.

    ``paths``: a path or a list of paths; a folder is searched (recursively)
    for the files of ``fmt`` (by default ``.json .jsonl .spacy .conll .bio``;
    markup ``.txt`` files with ``fmt="markup"``, or when a folder holds no
    other annotation files).  ``fmt``: a name of
    :data:`FORMATS`, or None to detect each file's format.  ``labels``: the
    entity labels allowed (default :data:`nrcie.schema.LABELS`; to add your own
    give the whole set, e.g. ``(*LABELS, "ORG")``).

    ``errors="raise"``: an iterator of GoldDoc, or FormatError naming every bad
    record (all files are checked before anything is returned).
    ``errors="collect"``: ``(documents, problems)``, the documents without a bad
    record and the list of ``"file:line: reason"`` strings.
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
    if fmt is not None:
        _check_fmt(fmt)
    allowed = allowed_labels(labels)
    problems: list[str] = []
    docs: list[GoldDoc] = []
    for f in _expand(paths, fmt, problems):
        try:
            name = fmt or detect_format(f)
        except FormatError as e:
            problems += e.problems
            continue
        raws, file_problems = FORMATS[name].reader(f)
        for raw in raws:
            gold, probs = build(raw, allowed)
            file_problems += probs
            if gold is not None:
                docs.append(gold)
        problems += sorted(file_problems, key=lambda p, f=str(f): _place(p, f))
    if errors == "collect":
        return docs, problems
    if problems:
        raise FormatError(problems)
    return iter(docs)


def check_documents(docs: Iterable[GoldDoc], labels: Iterable[str] | None = None) -> list[GoldDoc]:
    """Check GoldDocs as a writer does; return them normalised, or raise FormatError."""
    allowed = allowed_labels(labels)
    out, problems = [], []
    for d in docs:
        gold, probs = build(raw_from_gold(d), allowed)
        problems += probs
        if gold is not None:
            out.append(gold)
    if problems:
        raise FormatError(problems)
    return out


def write_documents(docs: Iterable[GoldDoc], path, fmt: str, *, labels: Iterable[str] | None = None,
                    **options) -> None:
    """Write GoldDocs to ``path`` in format ``fmt`` (atomically: a file is replaced
    only once it is complete; nothing is written when a document is bad).

    The documents are checked like read ones (``labels`` as for
    :func:`read_documents`), and for what the format can hold (token alignment
    for docbin/prodigy, markup's rules); every problem is raised together in a
    FormatError.  ``standoff`` and ``markup`` write one file per document into
    the folder ``path`` (or a single document to a ``.jsonl``/``.txt`` file).
    Writing relations to ``conll`` warns (FormatWarning) that they are dropped.
    ``options`` go to the writer (labelstudio: ``key="predictions"``,
    ``from_name``, ``to_name``, ``model_version``).
    """
    f = _check_fmt(fmt)
    norm = check_documents(docs, labels)
    f.writer(norm, Path(path), **options)
