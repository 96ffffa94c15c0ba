"""``nrcie_relation_v1``: the trained COUNT_OF relation component.

It scores every COUNT × ACTIVITY pair of a sentence with the model of
:mod:`nrcie.relations.model` (which also reads the rule linker's vote: the
``Doc._.nrcie_rule_links`` a ``nrcie_count_linker`` with ``bounded_by_entities =
false`` left before it, or, without one, links of its own).  It is
trained from the gold links of the training examples when the pipeline is
initialised (``spacy train`` / ``nrcie train``) and saved with the pipeline.
"""

from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ..corpus.standoff import GoldDoc
from ..relations import links as count_of
from ..relations.model import RelationModel, activity_decision, training_examples
from ..relations.rule_linker import stored_links
from ..tokenizer import text_of
from .linker import score_relations


@Language.factory(
    "nrcie_relation_v1",
    requires=["doc.ents"],
    assigns=["doc.ents", "doc._.nrcie_relations"],
    default_config={"threshold": 0.5, "window": 80, "drop_unlinked_activities": True, "epochs": 15,
                    "untyped_max_chars": 2},
    default_score_weights={"rel_count_of_f": 1.0, "rel_count_of_p": 0.0, "rel_count_of_r": 0.0},
)
def make_relation(nlp: Language, name: str, threshold: float, window: int, drop_unlinked_activities: bool,
                  epochs: int, untyped_max_chars: int = 2) -> "RelationComponent":
    return RelationComponent(name, threshold, window, drop_unlinked_activities, epochs, untyped_max_chars)


class RelationComponent:
    """Links COUNT → ACTIVITY with a trained pair classifier.  An ACTIVITY no count
    links to is dropped when ``drop_unlinked_activities`` (the schema annotates an
    ACTIVITY only where a count quantifies it).  Before linking, an ACTIVITY of at most
    ``untyped_max_chars`` characters that nothing names as work (its type source is
    ``default``: no lexicon term, clause rule, inherited work or verb) is dropped: such a
    span is a generic noun before a count (单位, 难题) or a piece cut off a word (检察|开放日);
    0 keeps them all."""

    def __init__(self, name: str = "nrcie_relation", threshold: float = 0.5, window: int = 80,
                 drop_unlinked_activities: bool = True, epochs: int = 15, untyped_max_chars: int = 2):
        self.name = name
        self.untyped_max_chars = int(untyped_max_chars)
        self.model = RelationModel(threshold, window)
        self.drop_unlinked_activities = drop_unlinked_activities
        self.epochs = epochs
        self.is_trained = False

    def __call__(self, doc: Doc) -> Doc:
        if not self.is_trained:
            raise ValueError(f"component {self.name!r} is not trained: run nrcie train (or nlp.initialize)")
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        text = text_of(doc)
        types: dict = {}  # each activity typed once, here and by the model's features
        untyped = {(s, e) for s, e, label in ents if label == "ACTIVITY" and e - s <= self.untyped_max_chars
                   and activity_decision(text, (s, e), types).source == "default"}
        if untyped:
            ents = [x for x in ents if x[2] != "ACTIVITY" or (x[0], x[1]) not in untyped]
            doc.ents = [e for e in doc.ents if e.label_ != "ACTIVITY" or (e.start_char, e.end_char) not in untyped]
        # the rule linker's vote: nrcie_count_linker's, when it linked these COUNTs alone
        rule = stored_links(doc._.nrcie_rule_links, ents, bounded_by_entities=False)
        links = self.model.predict(text, ents, rule, types)
        count_of.to_doc(doc, [(c, a) for c, a, _ in links])
        if self.drop_unlinked_activities:
            linked = {a for _, a, _ in links}
            doc.ents = [e for e in doc.ents if e.label_ != "ACTIVITY" or (e.start_char, e.end_char) in linked]
        return doc

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None) -> None:
        """Train the pair classifier on the gold entities and links of the examples."""
        from ..distill import is_silver

        # teacher-labelled documents carry entities only, no links: they would teach "no link"
        golds = [g for g in (doc_to_gold(eg.reference) for eg in get_examples()) if not is_silver(g.doc_id)]
        self.train(golds)

    def train(self, golds: list[GoldDoc]) -> None:
        self.model.fit(training_examples(golds, self.model.window), epochs=self.epochs)
        self.is_trained = True

    score = staticmethod(score_relations)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self.model.to_disk(path)

    def from_disk(self, path, *, exclude=tuple()) -> "RelationComponent":
        """The saved weights under the config's settings: ``threshold`` is the config's
        (the ``cfg.json`` beside the weights records the one of training); the saved
        ``window`` (the features the weights were trained on) must be the config's."""
        model = RelationModel.from_disk(Path(path))
        if model.window != self.model.window:
            raise ValueError(f"{path}: the relation weights were trained with window {model.window}, "
                             f"the config says {self.model.window}")
        model.threshold = self.model.threshold
        self.model = model
        self.is_trained = True
        return self


def doc_to_gold(doc: Doc) -> GoldDoc:
    """A GoldDoc from a Doc holding gold entities and ``doc._.nrcie_relations``."""
    ents = [{"id": f"T{i}", "label": e.label_, "start": e.start_char, "end": e.end_char, "text": e.text}
            for i, e in enumerate(doc.ents)]
    return GoldDoc(doc.user_data.get("doc_id", "doc"), doc.text, ents, count_of.to_gold(ents, count_of.from_doc(doc)))
