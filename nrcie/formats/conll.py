r"""BIO / CoNLL: one character a line, ``char<TAB>tag``; a blank line between documents.

::

    -DOCSTART-	O
    召	O
    开	O
    执	B-ACTIVITY
    法	I-ACTIVITY
    ...

Tags are ``O``, ``B-LABEL``, ``I-LABEL`` (``M-`` continues like ``I-``,
``E-``/``L-`` close and ``S-``/``U-`` make a one-token span, for BIOES/BILOU
and the BMES files common in Chinese NER, such as the MSRA corpus).  An ``I-`` tag that does not
continue a span of its label starts one (the IOB1 reading).  Columns are
separated by white space; the first is the token, the last the tag (so
CoNLL-2003 files with extra columns read too).  A token of several characters
(a word-segmented file) adds its characters with no space between.
``-DOCSTART-`` lines end a document like a blank line does.  Documents are
named ``<file stem>-<n>``.

White space cannot stand in a column, so a token is escaped:

=========  ===============================
``\s``     space
``\t``     tab
``\n``     line feed
``\r``     carriage return
``\uXXXX`` any other white space (``\u3000`` ideographic space) or U+FEFF
``\\``     a backslash
=========  ===============================

CoNLL holds no relations: writing a document with relations warns
(:class:`~nrcie.formats.base.FormatWarning`, once per write) that they are
dropped.  It cannot hold an empty document either; that is reported.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path

from ..corpus.standoff import GoldDoc
from ..io import atomic_write_text
from .base import FormatError, FormatWarning, RawDoc, RawSpan, read_text

EXTENSIONS = (".conll", ".bio", ".iob")
_ESC = {"\\": "\\\\", " ": "\\s", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESC = {"\\": "\\", "s": " ", "t": "\t", "n": "\n", "r": "\r"}
TAG = re.compile(r"([BIMESLU])-(\S+)\Z")


def escape(ch: str) -> str:
    if ch in _ESC:
        return _ESC[ch]
    if ch.isspace() or ch == "\ufeff":
        return f"\\u{ord(ch):04x}"
    return ch


def unescape(token: str) -> str:
    """The characters of an escaped token; ValueError on a bad escape."""
    if "\\" not in token:
        return token
    out, i = [], 0
    while i < len(token):
        c = token[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = token[i + 1 : i + 2]
        if nxt in _UNESC:
            out.append(_UNESC[nxt])
            i += 2
        elif nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", token[i + 2 : i + 6]):
            out.append(chr(int(token[i + 2 : i + 6], 16)))
            i += 6
        else:
            raise ValueError(f"bad escape {token[i:i + 6]!r} (use \\s \\t \\n \\r \\uXXXX or \\\\)")
    return "".join(out)


def parse(path: Path) -> tuple[list[RawDoc], list[str]]:
    problems: list[str] = []
    text = read_text(path, problems)
    if text is None:
        return [], problems
    docs: list[RawDoc] = []
    state = {"chars": [], "spans": [], "open": None, "problems": [], "first": None}

    def flush():
        if state["chars"] or state["problems"]:
            n = len(docs) + 1
            docs.append(RawDoc(f"{path.stem}-{n}", "".join(state["chars"]), f"{path}:{state['first']}",
                               spans=state["spans"], path=path, problems=state["problems"]))
        state.update(chars=[], spans=[], open=None, problems=[], first=None)

    pos = 0
    for no, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        fields = line.split()
        if not fields:
            flush()
            continue
        if fields[0] == "-DOCSTART-":
            flush()
            continue
        if state["first"] is None:
            state["first"] = no
            pos = 0
        where = f"{path}:{no}"
        if len(fields) < 2:
            state["problems"].append(f"{where}: expected a character and a tag, found {line!r} "
                                     "(escape white space: \\s, \\t, \\n, \\u3000...)")
            state["open"] = None
            continue
        try:
            chars = unescape(fields[0])
        except ValueError as e:
            state["problems"].append(f"{where}: {e}")
            state["open"] = None
            continue
        tag = fields[-1]
        start, pos = pos, pos + len(chars)
        state["chars"].append(chars)
        if tag == "O":
            state["open"] = None
            continue
        m = TAG.match(tag)
        if not m:
            state["problems"].append(f"{where}: tag {tag!r} is not O, B-LABEL or I-LABEL")
            state["open"] = None
            continue
        kind, label = m.groups()
        cur = state["open"]
        if kind in "IMEL" and cur is not None and cur.label == label:
            cur.end = pos
        else:
            cur = RawSpan(None, label, start, pos, None, where)
            state["spans"].append(cur)
        state["open"] = None if kind in "ESLU" else cur
    flush()
    return docs, problems


def render(docs: list[GoldDoc]) -> str:
    blocks, problems = [], []
    for d in docs:
        if not d.text:
            problems.append(f"{d.doc_id}: an empty document cannot be written to CoNLL")
            continue
        tags = ["O"] * len(d.text)
        for e in d.entities:
            if re.search(r"\s", e["label"]):
                problems.append(f"{d.doc_id}: entity {e['id']}: label {e['label']!r} contains white space")
            tags[e["start"]] = f"B-{e['label']}"
            for i in range(e["start"] + 1, e["end"]):
                tags[i] = f"I-{e['label']}"
        blocks.append("".join(f"{escape(c)}\t{t}\n" for c, t in zip(d.text, tags)))
    if problems:
        raise FormatError(problems)
    return "\n".join(blocks)


def dump(docs: list[GoldDoc], path: Path) -> None:
    body = render(docs)
    n_rel = sum(len(d.relations) for d in docs)
    if n_rel:
        n_docs = sum(1 for d in docs if d.relations)
        warnings.warn(f"CoNLL/BIO cannot hold relations: {n_rel} relation(s) in {n_docs} document(s) "
                      f"were not written to {path}", FormatWarning, stacklevel=3)
    atomic_write_text(path, body)
