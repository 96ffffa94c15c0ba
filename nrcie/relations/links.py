"""COUNT_OF links: one representation, one converter each way.

Inside nrcie a COUNT_OF link is a :class:`CountOf`: the character offsets of the
COUNT and of the ACTIVITY it counts (a named tuple, so ``(count, activity)`` pairs
compare and hash equal to it).  The forms a link takes at nrcie's edges, and the
converters to and from each:

=========================  =============================================  =========================
form                       shape                                          from / to
=========================  =============================================  =========================
``Doc._.nrcie_relations``  ``{"label", "head": [s, e], "tail": [s, e]}``  :func:`from_doc` / :func:`to_doc`
``GoldDoc.relations``      ``{"label", "head": "T7", "tail": "T6"}``      :func:`from_gold` / :func:`to_gold`
``ParseResult.relations``  ``Relation(label, head index, tail index)``    :func:`from_result` / :func:`to_result`
=========================  =============================================  =========================

The rule linker (:func:`nrcie.relations.rule_linker.link_counts`) and the relation
model return (count, activity) pairs, i.e. CountOf values.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from ..schema import COUNT_OF

Span = tuple[int, int]


class CountOf(NamedTuple):
    """A COUNT_OF link by character offsets (end exclusive)."""

    count: Span
    activity: Span


def _link(head, tail) -> CountOf:
    return CountOf((int(head[0]), int(head[1])), (int(tail[0]), int(tail[1])))


def from_doc(doc) -> list[CountOf]:
    """The COUNT_OF links of ``doc._.nrcie_relations`` (lists, or tuples after a DocBin)."""
    return [_link(r["head"], r["tail"]) for r in (doc._.nrcie_relations or []) if r["label"] == COUNT_OF]


def to_doc(doc, links: Iterable[tuple[Span, Span]]) -> None:
    """Set ``doc._.nrcie_relations`` to ``links``."""
    doc._.nrcie_relations = [{"label": COUNT_OF, "head": list(c), "tail": list(a)} for c, a in links]


def from_gold(gold) -> list[CountOf]:
    """The COUNT_OF links of a GoldDoc (its relations name entities by id)."""
    span = {e["id"]: (e["start"], e["end"]) for e in gold.entities}
    return [_link(span[r["head"]], span[r["tail"]]) for r in gold.relations if r["label"] == COUNT_OF]


def to_gold(entities: list[dict], links: Iterable[tuple[Span, Span]]) -> list[dict]:
    """GoldDoc relations (``{"label", "head": id, "tail": id}``) for ``links`` between the
    given entities (dicts with ``id``, ``start``, ``end``); a link to a span no entity has is left out."""
    ids = {(e["start"], e["end"]): e["id"] for e in entities}
    return [{"label": COUNT_OF, "head": ids[tuple(c)], "tail": ids[tuple(a)]}
            for c, a in links if tuple(c) in ids and tuple(a) in ids]


def from_result(result) -> list[CountOf]:
    """The COUNT_OF links of a ParseResult (its relations name entities by index)."""
    ents = result.entities
    return [CountOf((ents[r.head].start, ents[r.head].end), (ents[r.tail].start, ents[r.tail].end))
            for r in result.relations if r.label == COUNT_OF]


def to_result(entities: list, links: Iterable[tuple[Span, Span]]) -> list:
    """``Relation``\\ s (by index into ``entities``, objects with ``start`` and ``end``) for
    ``links``; a link to a span no entity has is left out."""
    from ..result import Relation

    index = {(e.start, e.end): i for i, e in enumerate(entities)}
    return [Relation(COUNT_OF, index[tuple(c)], index[tuple(a)])
            for c, a in links if tuple(c) in index and tuple(a) in index]
