"""Test helpers: write expectations as inline markup, compare on character offsets."""
from nrcie.corpus.markup import parse_markup
from nrcie.corpus.standoff import GoldDoc


def gold_doc(doc_id: str, markup: str, meta: dict | None = None) -> GoldDoc:
    """A gold document (entities and COUNT_OF links) from inline markup."""
    ann = parse_markup(markup)
    return GoldDoc(doc_id, ann.text, ann.entities, ann.relations, meta=meta or {})


def marked(markup: str):
    """(text, {(start, end, label)}) from ``[[surface|LABEL]]`` markup."""
    ann = parse_markup(markup)
    return ann.text, {(e["start"], e["end"], e["label"]) for e in ann.entities}


def marked_with_links(markup: str):
    """(text, entities, {(count span, activity span)}) from markup with COUNT_OF links."""
    ann = parse_markup(markup)
    by_id = {e["id"]: (e["start"], e["end"]) for e in ann.entities}
    links = {(by_id[r["head"]], by_id[r["tail"]]) for r in ann.relations}
    return ann.text, ann.entities, links
