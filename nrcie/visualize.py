"""displaCy views of nrcie results: entities, and COUNT_OF links sentence by sentence.

>>> import nrcie
>>> from nrcie.visualize import render_entities, render_relations
>>> r = nrcie.parse("一年来，召开常委会会议8次，开展执法检查5次。")
>>> html = render_entities(r, jupyter=False)      # in Jupyter: shown inline, returns None
>>> svg = render_relations(r, jupyter=False)      # one arc per COUNT_OF link

Both take the ``jupyter`` argument of :func:`spacy.displacy.render`: ``None``
detects Jupyter (display inline and return ``None``), ``False`` returns the
HTML string, ``True`` forces inline display.

Colours: :data:`COLORS` gives every label of the schema its own colour.
:func:`displacy_colors` returns them for the ``spacy_displacy_colors`` entry
point, through which spaCy's entity view picks them up for any Doc.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from .result import ParseResult, sentence_bounds, sentence_ends
from .schema import COUNT_OF

#: One colour per label of the schema (light enough for black text on it).
COLORS: dict[str, str] = {
    "REGULATION": "#f4a6a6",   # red
    "DOCUMENT": "#f7c6e0",     # pink
    "BODY": "#9fc5f8",         # blue
    "MEETING": "#b4a7d6",      # violet
    "INITIATIVE": "#ffd966",   # yellow
    "ACTIVITY": "#93d9a3",     # green
    "COUNT": "#f9b872",        # orange
    "MONEY": "#d9ead3",        # pale green
    "PERCENT": "#ffe5b4",      # peach
    "DATE": "#c9daf8",         # pale blue
    "PERSON": "#d5a6bd",       # mauve
    "PLACE": "#a2e0e0",        # teal
}

#: Non-entity chunks longer than this are shortened in the relation view (head…tail).
MAX_CHUNK = 10


def displacy_colors() -> dict[str, str]:
    """Our label colours, for spaCy's ``spacy_displacy_colors`` entry point."""
    return dict(COLORS)


def _html_of(parsed: list[dict], style: str, options: dict) -> str:
    from spacy import displacy

    return displacy.render(parsed, style=style, manual=True, options=options, jupyter=False)


def _show(markup: str, jupyter: bool | None):
    """Like displaCy: display inline in Jupyter (returning None), else return the HTML."""
    if jupyter or (jupyter is None and _in_jupyter()):
        from IPython.display import HTML, display

        return display(HTML(f'<span class="tex2jax_ignore">{markup}</span>'))
    return markup


def _in_jupyter() -> bool:
    from spacy.util import is_in_jupyter

    return is_in_jupyter()


def _ent_view(item) -> dict[str, Any]:
    """displaCy's manual "ent" input for a ParseResult or a spaCy Doc/Span."""
    if isinstance(item, ParseResult):
        text = item.text
        ents = [{"start": e.start, "end": e.end, "label": e.label} for e in item.entities]
    elif hasattr(item, "ents") and hasattr(item, "text"):
        if hasattr(item, "as_doc") and not hasattr(item, "user_data"):   # a Span
            item = item.as_doc()
        text = item.text
        ents = [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in item.ents]
    else:
        raise TypeError(f"render_entities takes a ParseResult or a spaCy Doc, not {type(item).__name__}")
    return {"text": text, "ents": sorted(ents, key=lambda x: (x["start"], x["end"])),
            "settings": {"lang": "zh", "direction": "ltr"}}


def render_entities(result_or_doc, jupyter: bool | None = None, *, labels: Iterable[str] | None = None):
    """Highlight the entities of a ``ParseResult`` or a spaCy ``Doc`` in our colours.

    A list of them renders one after the other.  ``labels`` limits the view to
    those labels.  Offsets of a ParseResult index its original text, so a long
    text (parsed in parts, ``result.doc`` is None) renders as well.
    """
    items = result_or_doc if isinstance(result_or_doc, (list, tuple)) else [result_or_doc]
    parsed = [_ent_view(x) for x in items]
    options: dict[str, Any] = {"colors": dict(COLORS)}
    if labels is not None:
        options["ents"] = [l.upper() for l in labels]
    return _show(_html_of(parsed, "ent", options), jupyter)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _shorten(chunk: str, max_chunk: int | None) -> str:
    if max_chunk is None or len(chunk) <= max_chunk:
        return chunk
    keep = max(1, (max_chunk - 1) // 2)
    return chunk[:keep] + "…" + chunk[-keep:]


def relation_views(result: ParseResult, sentence_filter: Callable[[str], bool] | str | None = None,
                   max_chunk: int | None = MAX_CHUNK) -> list[dict[str, Any]]:
    """displaCy's manual "dep" input, one dict per sentence holding a COUNT_OF link.

    ``words`` are the sentence cut into entity and non-entity chunks (``tag`` is
    the entity label, empty for plain text; plain chunks longer than ``max_chunk``
    are shortened, ``None`` keeps them whole); ``arcs`` go from each COUNT to the
    ACTIVITY it counts, labelled COUNT_OF.  ``sentence_filter``: a string the
    sentence must contain, or a function of the sentence text returning a bool.
    """
    if isinstance(sentence_filter, str):
        needle = sentence_filter
        sentence_filter = lambda s: needle in s  # noqa: E731
    text, ents = result.text, result.entities
    links = [r for r in result.relations if r.label == COUNT_OF]
    spans, ends = {}, sentence_ends(text)
    for r in links:
        h, t = ents[r.head], ents[r.tail]
        spans[(r.head, r.tail)] = sentence_bounds(text, min(h.start, t.start), max(h.end, t.end), ends)
    views = []
    for s, e in _merge(list(spans.values())):
        sentence = text[s:e]
        if sentence_filter is not None and not sentence_filter(sentence):
            continue
        inside = sorted((i for i, x in enumerate(ents) if s <= x.start and x.end <= e),
                        key=lambda i: (ents[i].start, ents[i].end))
        words: list[dict[str, str]] = []
        word_of: dict[int, int] = {}
        pos = s

        def plain(a: int, b: int) -> None:
            chunk = text[a:b].strip()
            if chunk:
                words.append({"text": _shorten(chunk, max_chunk), "tag": ""})

        for i in inside:
            if ents[i].start < pos:          # overlaps the previous entity: leave it out
                continue
            plain(pos, ents[i].start)
            word_of[i] = len(words)
            words.append({"text": ents[i].text, "tag": ents[i].label})
            pos = ents[i].end
        plain(pos, e)
        arcs = []
        for r in links:
            if not s <= spans[(r.head, r.tail)][0] < e or r.head not in word_of or r.tail not in word_of:
                continue
            c, a = word_of[r.head], word_of[r.tail]
            # the arrow points at the ACTIVITY: "left" puts the head of the arrow at ``start``
            arcs.append({"start": min(c, a), "end": max(c, a), "label": COUNT_OF,
                         "dir": "left" if a < c else "right"})
        views.append({"words": words, "arcs": arcs, "title": f"characters {s}–{e}",
                      "settings": {"lang": "zh", "direction": "ltr"}})
    return views


def render_relations(result: ParseResult, jupyter: bool | None = None,
                     sentence_filter: Callable[[str], bool] | str | None = None, *,
                     max_sentences: int | None = None, max_chunk: int | None = MAX_CHUNK):
    """COUNT_OF links drawn as arcs, one figure per sentence that holds a link.

    Uses displaCy's manual "dep" mode (see :func:`relation_views`).
    ``max_sentences`` keeps the first N sentences.  With no link to show, the
    HTML is a short note saying so.
    """
    if not isinstance(result, ParseResult):
        raise TypeError(f"render_relations takes a ParseResult, not {type(result).__name__}")
    views = relation_views(result, sentence_filter, max_chunk)
    if max_sentences is not None:
        views = views[:max_sentences]
    if not views:
        return _show('<div class="nrcie-relations">(no COUNT_OF links to show)</div>', jupyter)
    # one render per sentence, each spaced for its own longest chunk (about 1em a character)
    parts = []
    for view in views:
        longest = max(len(w["text"]) for w in view["words"])
        options = {"distance": max(90, 16 * longest + 30), "font": "sans-serif"}
        parts.append(_html_of([view], "dep", options))
    return _show("\n".join(parts), jupyter)
