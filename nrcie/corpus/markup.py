"""Inline annotation markup: the authoring format for gold annotation.

Annotators write (or mark up a scratch copy of) a text with inline spans::

    召开[[常委会会议|ACTIVITY#a1]][[10次|COUNT>a1]]，开展[[执法检查|ACTIVITY#a2]][[7次|COUNT>a2]]

- ``[[surface|LABEL]]`` marks one entity;
- ``[[surface|ACTIVITY#id]]`` gives an ACTIVITY a document-local id, and
  ``[[surface|ACTIVITY=type#id]]`` its gold activity type as well
  (``[[执法检查|ACTIVITY=enforcement_inspection#a2]]``; one of
  ``schema.ACTIVITY_TYPES``, decided by the span and the verb governing it);
- ``[[surface|COUNT>id]]`` or ``[[surface|COUNT>id1,id2]]`` links a COUNT to the
  ACTIVITY (or activities) it counts (COUNT_OF); the ACTIVITY may stand before
  or after the count.

:func:`parse_markup` strips the markup and returns the plain text with
character-offset entities and relations; :func:`render_markup` is its inverse.
The stand-off gold (``annotations/``) is what the project stores; markup is a
way to write and review it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import MarkupError  # noqa: F401  (its old home)
from ..schema import ACTIVITY_TYPES, COUNT_OF, LABELS

MARK = re.compile(r"\[\[([^\[\]|\n]+)\|([A-Z]+)(?:=([a-z_]+))?(?:#([\w-]+))?(?:>([\w,-]+))?\]\]")


@dataclass
class Annotated:
    """Plain text with entity spans (char offsets, end exclusive) and relations."""

    text: str
    entities: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)


def _line_of(markup: str, pos: int) -> int:
    return markup.count("\n", 0, pos) + 1


def parse_markup(markup: str, *, where: str = "<markup>") -> Annotated:
    """Strip inline markup; return text, entities and relations.

    Entities are dicts ``{"id", "label", "start", "end", "text"}`` with ids
    ``T1, T2, ...`` in reading order; relations are ``{"label", "head", "tail"}``
    naming entity ids.  Errors name ``where`` and the markup line.
    """
    out: list[str] = []
    entities: list[dict] = []
    relations: list[dict] = []
    act_ids: dict[str, str] = {}
    pending: list[tuple[str, list[str], int]] = []
    pos = 0
    n_out = 0
    for m in MARK.finditer(markup):
        chunk = markup[pos : m.start()]
        if "[[" in chunk or "]]" in chunk:
            bad = pos + max(chunk.find("[["), chunk.find("]]"))
            raise MarkupError(f"{where}:{_line_of(markup, bad)}: malformed markup near {markup[bad:bad + 30]!r}")
        out.append(chunk)
        n_out += len(chunk)
        surface, label, atype, anchor, targets = m.groups()
        line = _line_of(markup, m.start())
        if label not in LABELS:
            raise MarkupError(f"{where}:{line}: unknown label {label!r} (labels: {', '.join(LABELS)})")
        if atype and label != "ACTIVITY":
            raise MarkupError(f"{where}:{line}: only ACTIVITY takes an =type, not {label}")
        if atype and atype not in ACTIVITY_TYPES:
            raise MarkupError(f"{where}:{line}: unknown activity type {atype!r} (types: {', '.join(ACTIVITY_TYPES)})")
        if anchor and label != "ACTIVITY":
            raise MarkupError(f"{where}:{line}: only ACTIVITY takes an #id, not {label}")
        if label == "ACTIVITY" and not anchor:
            raise MarkupError(f"{where}:{line}: ACTIVITY {surface!r} needs an #id that a COUNT links to")
        if targets and label != "COUNT":
            raise MarkupError(f"{where}:{line}: only COUNT takes >targets, not {label}")
        if surface != surface.strip():
            raise MarkupError(f"{where}:{line}: span {surface!r} starts or ends with white space")
        eid = f"T{len(entities) + 1}"
        ent = {"id": eid, "label": label, "start": n_out, "end": n_out + len(surface), "text": surface}
        if atype:
            ent["type"] = atype
        entities.append(ent)
        if anchor:
            if anchor in act_ids:
                raise MarkupError(f"{where}:{line}: ACTIVITY id #{anchor} used twice")
            act_ids[anchor] = eid
        if targets:
            pending.append((eid, [t for t in targets.split(",") if t], line))
        out.append(surface)
        n_out += len(surface)
        pos = m.end()
    tail = markup[pos:]
    if "[[" in tail or "]]" in tail:
        bad = pos + max(tail.find("[["), tail.find("]]"))
        raise MarkupError(f"{where}:{_line_of(markup, bad)}: malformed markup near {markup[bad:bad + 30]!r}")
    out.append(tail)
    linked: set[str] = set()
    for head, targets, line in pending:
        for t in targets:
            if t not in act_ids:
                raise MarkupError(f"{where}:{line}: COUNT links to #{t}, which no ACTIVITY defines")
            relations.append({"label": COUNT_OF, "head": head, "tail": act_ids[t]})
            linked.add(t)
    orphans = sorted(set(act_ids) - linked)
    if orphans:
        raise MarkupError(f"{where}: ACTIVITY #{', #'.join(orphans)} is not counted by any COUNT")
    return Annotated("".join(out), entities, relations)


def render_markup(text: str, entities: list[dict], relations: list[dict]) -> str:
    """Inverse of :func:`parse_markup`: write entities and relations inline."""
    tails: dict[str, list[str]] = {}
    for r in relations:
        tails.setdefault(r["head"], []).append(r["tail"])
    act_name = {}
    for e in entities:
        if e["label"] == "ACTIVITY":
            act_name[e["id"]] = "a" + e["id"].lstrip("T")
    parts, pos = [], 0
    for e in sorted(entities, key=lambda e: e["start"]):
        parts.append(text[pos : e["start"]])
        tag = e["label"]
        if e.get("type"):
            tag += "=" + e["type"]
        if e["id"] in act_name:
            tag += "#" + act_name[e["id"]]
        if e["id"] in tails:
            tag += ">" + ",".join(act_name[t] for t in tails[e["id"]])
        parts.append(f"[[{text[e['start']:e['end']]}|{tag}]]")
        pos = e["end"]
    parts.append(text[pos:])
    return "".join(parts)
