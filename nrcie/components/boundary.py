"""``nrcie_boundary_snap_v1``: move model span edges that stop inside a word.

A character tagger sees no word boundaries, so a span sometimes swallows the
first character of the next word (党中央|团结 → 党中央团, 县委|部署 → 县委部) or
stops one character short (…规|划).  This component looks at each edge of the
model's spans of the configured labels:

1. an edge that falls on a word boundary of the segmenter (jieba, whose
   dictionary ships in its package) is left alone;
2. otherwise the edge may move by one character, to the position whose
   characters are most typical of that label's edges in the gold training
   data (the last two characters for an end, the first two for a start, with
   the single character as back-off), but only when that is ``margin`` times
   more typical than where the edge is now.

3. a span of a label in ``gazetteer_labels`` (INITIATIVE, PLACE, BODY) that stops inside an
   established name of the rule gazetteers (社会主义核心|价值观, 铸|牢中华民族共同体意识,
   海东|市, 港|澳) or crosses one is moved onto the name, when no other span is in the way but
   other pieces of the same name with its label (党的|群众路线教育实践活动) or places inside a
   BODY's name (香港|、澳门特别行政区政府): one span, the pieces dropped; places alone
   inside a BODY's name (北京|证券交易所 tagged PLACE) become that BODY; a span
   containing a name whole is left alone (全面依法治国专题学习), unless it starts with
   the name and goes on with a word that the training gold leaves outside such names
   more often than it takes in (全面从严治党|要求, 全面从严治党|战略: ``tails``).

4. a span of a label in ``end_labels`` whose last character ends no gold span of
   that label in the training data (国务院大督|查, 中国人民有战|胜, 港澳抓住共建|“) is
   no name of that label as it stands: with ``unseen_ends = "trim"`` it is cut back to
   the longest established name of its label it starts with (a label of
   ``gazetteer_labels``: 海东市青藏高原牦牛 → 海东市), else to its longest prefix that ends on
   a word boundary with two characters that do end gold spans of its label (国务院大督查 →
   国务院), and dropped when it has neither;
   ``"drop"`` drops it, ``"keep"`` leaves it.

5. a span of a label in ``term_end_labels`` (ACTIVITY) that stops inside a term of the
   activity lexicon (a term starting in the span and ending after it: 满意度|测评,
   宣传|资料, 建议、批评|和意见) is extended to the term's end, when no other span is in
   the way.  Only ends move: on the gold (train, dev, dev_own) no ACTIVITY ends inside a
   term that starts in it, while 23 of 1,442 start inside one (重要|事项, 接待|选民).

6. a span of a label in ``start_labels`` (MEETING) whose first two characters start no gold
   span of its label and which no rule of its label starts at (工作推进会, 30周年纪念峰会) is
   extended to the start of its phrase: back over whole words, at most ``START_REACH``
   characters, to a word the training gold has right before spans of that label (召开, 在,
   、, 贯彻: ``befores``) or punctuation; entities in the stretch of a label a name may hold
   (BODY, PLACE, INITIATIVE, DOCUMENT: 省委, 《告台湾同胞书》) become part of it.  With no
   such word in reach the span is left alone.

7. two spans of one label in ``merge_labels`` (none by default; the accurate pipeline: ACTIVITY,
   BODY, MEETING) with nothing between
   them are one span (接待|选民活动, 大会|主席团): the gold never has two such spans touching.
   Not when the first ends in a verb of the activity lexicon that is no work term itself
   (法律法规开展|执法检查; but 接待|选民活动).
   Whatever ``merge_labels`` says, two PERSON spans joined by a name dot (·, with the dot in
   either span or between them) are one name: the dot joins the parts of a transliterated
   name (哈力木拉提·|阿不都).

8. a span of a label in ``gazetteer_labels`` that is two or more established names of its label
   joined by 、 and nothing else (河长制、湖长制) is split into the names: the gold splits 73 such
   pairs and joins 2 (科技强军、依法治军).

The statistics are learned from the training gold (``initialize`` / ``train``)
and saved with the pipeline.  Each moved span keeps its label; the component
never moves an edge into another span (nor, but for a lexicon term's own 、, across
punctuation or white space), and never
leaves a span one character long unless its label may be (``SINGLE_CHAR_LABELS``:
PLACE); a model span of one character of any other of its labels is dropped (no
gold span is one, see GUIDELINES "Span length"), and so is a model span of any label that
is punctuation or white space only.
"""

import json
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ..schema import SINGLE_CHAR_LABELS
from ..tokenizer import jieba_words, text_of

DEFAULT_LABELS = ["BODY", "MEETING", "INITIATIVE", "DOCUMENT", "ACTIVITY", "PLACE", "PERSON"]
# labels whose spans end in a closed set of head characters or measure words (not PERSON: any
# character ends a name; not ACTIVITY: chosen on dev, where it lost)
DEFAULT_END_LABELS = ["BODY", "MEETING", "INITIATIVE", "DOCUMENT", "PLACE", "COUNT"]
# labels whose spans move onto the gazetteer name they cut (step 3; PLACE since 2026-12-06:
# real dev accurate 0.8838 -> 0.8851, fast 0.8587 -> 0.8615; BODY with the larger BODY gazetteer:
# accurate 0.8908 -> 0.8934, dev_own 0.9229 -> 0.9240, fast unchanged)
DEFAULT_GAZETTEER_LABELS = ["INITIATIVE", "PLACE", "BODY"]
# labels whose spans are extended to the end of an activity-lexicon term they stop inside
DEFAULT_TERM_END_LABELS = ["ACTIVITY"]
# labels whose touching spans are merged (step 7; the gold has no two touching spans of one of them);
# off by default: chosen for the accurate tagger only (its config), fast lost with it on dev_own
DEFAULT_MERGE_LABELS: list = []
# labels whose spans are extended back to the start of their phrase (step 6)
DEFAULT_START_LABELS = ["MEETING"]
START_REACH = 12
# labels of entities a name extended back may take in (a body, place, programme or title in it)
_HELD = {"BODY", "PLACE", "INITIATIVE", "DOCUMENT"}
UNSEEN_ENDS = ("keep", "drop", "trim")
WORD_END_REACH = 2
STATS_FILE = "edges.json"
_STOP = set("，。；：、！？,.;:!?（）()《》“”\"'‘’「」【】 \n\t\u3000")
# sentence and list punctuation and white space: no gold span starts or ends with one (of 12,102)
_EDGE = set("，。；：、！？,.;:!? \n\t\u3000")
# the dots that join the parts of a transliterated name (step 7)
NAME_DOTS = set("·•・‧")


@Language.factory(
    "nrcie_boundary_snap_v1",
    requires=["doc.ents"],
    assigns=["doc.ents"],
    default_config={"labels": DEFAULT_LABELS, "margin": 2.0, "gazetteer_labels": DEFAULT_GAZETTEER_LABELS,
                    "end_labels": DEFAULT_END_LABELS, "unseen_ends": "trim",
                    "term_end_labels": DEFAULT_TERM_END_LABELS, "start_labels": DEFAULT_START_LABELS,
                    "merge_labels": DEFAULT_MERGE_LABELS},
    default_score_weights={},
)
def make_boundary_snap(nlp: Language, name: str, labels: list, margin: float,
                       gazetteer_labels: list = tuple(DEFAULT_GAZETTEER_LABELS), end_labels: list = tuple(DEFAULT_END_LABELS),
                       unseen_ends: str = "trim",
                       term_end_labels: list = tuple(DEFAULT_TERM_END_LABELS),
                       start_labels: list = tuple(DEFAULT_START_LABELS),
                       merge_labels: list = tuple(DEFAULT_MERGE_LABELS)) -> "BoundarySnap":
    if unseen_ends not in UNSEEN_ENDS:
        raise ValueError(f"nrcie_boundary_snap: unseen_ends must be one of {', '.join(UNSEEN_ENDS)}, "
                         f"not {unseen_ends!r}")
    return BoundarySnap(name, labels, margin, gazetteer_labels, end_labels, unseen_ends, term_end_labels,
                        start_labels, merge_labels)


# (piece label, name label): a piece of another label a name may hold (a place in a body's name:
# 香港|、澳门特别行政区政府 → 香港、澳门特别行政区政府)
_PIECES = {("PLACE", "BODY")}


def _each(spans: list, step: Callable) -> list:
    """``step(start, end, label)`` on each span, a span an earlier step dropped (None) kept dropped."""
    return [None if x is None else step(*x) for x in spans]


_PAIRS = {"“": "”", "《": "》", "（": "）", "(": ")", "‘": "’"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _trimmed(text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
    """The span without the punctuation and white space at its edges (人大代表之家|、 → 人大代表之家)
    and without an opening bracket or quote at its start that it does not close (“法工委 → 法工委),
    or a closing one at its end that it does not open; no gold span has either."""
    while True:
        s0, e0 = start, end
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if start < end and text[start] in _PAIRS and _PAIRS[text[start]] not in text[start + 1:end]:
            start += 1
        if start < end and text[end - 1] in _CLOSERS and _CLOSERS[text[end - 1]] not in text[start:end - 1]:
            end -= 1
        if (start, end) == (s0, e0):
            return start, end, label


def _bare(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is punctuation or white space only (各位代表|！ tagged DATE): no entity."""
    return all(ch in _STOP for ch in text[start:end])


def _names(text: str, label: str) -> list[tuple[int, int]]:
    """(start, end) of the rule gazetteers' established names of ``label`` in ``text``."""
    from ..rules.engine import default_engine

    return [(c.start, c.end) for g in default_engine().gazetteers if g.label == label for c in g.find(text)]


class _Segmenter:
    """Word boundaries of a text from jieba (dictionary only, no HMM; :func:`nrcie.tokenizer.jieba_words`)."""

    @staticmethod
    def boundaries(text: str) -> set[int]:
        out, pos = {0}, 0
        for w in jieba_words(text):
            pos += len(w)
            out.add(pos)
        return out


class BoundarySnap:
    def __init__(self, name: str = "nrcie_boundary_snap", labels: Iterable[str] = DEFAULT_LABELS,
                 margin: float = 2.0, gazetteer_labels: Iterable[str] = DEFAULT_GAZETTEER_LABELS,
                 end_labels: Iterable[str] = DEFAULT_END_LABELS, unseen_ends: str = "trim",
                 term_end_labels: Iterable[str] = DEFAULT_TERM_END_LABELS,
                 start_labels: Iterable[str] = DEFAULT_START_LABELS,
                 merge_labels: Iterable[str] = DEFAULT_MERGE_LABELS):
        self.name = name
        self.labels = set(labels)
        self.margin = float(margin)
        self.gazetteer_labels = set(gazetteer_labels)
        self.end_labels = set(end_labels)
        self.unseen_ends = unseen_ends
        self.term_end_labels = set(term_end_labels)
        self.start_labels = set(start_labels)
        self.merge_labels = set(merge_labels)
        self.ends: dict[str, Counter] = {}
        # the word right before each gold span, per label (step 6)
        self.befores: dict[str, Counter] = {}
        self.starts: dict[str, Counter] = {}
        # the two characters after an established name: [times inside the gold span, times outside]
        self.tails: dict[str, list[int]] = {}
        self.moves = 0
        self._found: tuple = (None, {})      # (text, {label: names}) of the last text (names())

    def names(self, text: str, label: str) -> list[tuple[int, int]]:
        """:func:`_names`, found once per text and label: steps 3, 4 and 8 all look them up
        (the text is the same object through one call of the component)."""
        if self._found[0] is not text:
            self._found = (text, {})
        found = self._found[1]
        if label not in found:
            found[label] = _names(text, label)
        return found[label]

    # -- statistics -----------------------------------------------------------------
    def train(self, golds) -> None:
        """Count the first and last one and two characters of each gold span, per label, and
        the words after established names, inside or outside their gold span."""
        self.ends, self.starts, self.tails, self.befores = {}, {}, {}, {}
        golds = list(golds)
        self._train_tails(golds)
        for g in golds:
            for e in g.entities:
                s = g.text[e["start"]:e["end"]]
                before = jieba_words(g.text[max(0, e["start"] - 10):e["start"]])
                if before:
                    self.befores.setdefault(e["label"], Counter())[before[-1]] += 1
                ends = self.ends.setdefault(e["label"], Counter())
                starts = self.starts.setdefault(e["label"], Counter())
                ends[s[-1:]] += 1
                starts[s[:1]] += 1
                if len(s) >= 2:
                    ends[s[-2:]] += 1
                    starts[s[:2]] += 1

    def _train_tails(self, golds) -> None:
        if not self.gazetteer_labels:
            return
        from ..rules.engine import default_engine

        gazetteers = [g for g in default_engine().gazetteers if g.label in self.gazetteer_labels]
        for g in golds:
            spans = [(e["start"], e["end"]) for e in g.entities if e["label"] in self.gazetteer_labels]
            for gz in gazetteers:
                for c in gz.find(g.text):
                    word = g.text[c.end:c.end + 2]
                    if len(word) < 2 or any(ch in _STOP for ch in word):
                        continue
                    cover = [e for s, e in spans if s <= c.start and e >= c.end]
                    if cover:
                        self.tails.setdefault(word, [0, 0])[0 if cover[0] >= c.end + 2 else 1] += 1

    def tail_is_outside(self, word: str) -> bool:
        inside, outside = self.tails.get(word, (0, 0))
        return outside > inside

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None) -> None:
        from .relation import doc_to_gold

        self.train([doc_to_gold(eg.reference) for eg in get_examples()])

    def _typical(self, table: Counter, two: str, one: str) -> float:
        # two characters decide; the single character breaks ties and backs off
        return table.get(two, 0) + 0.1 * table.get(one, 0) + 0.01

    def end_score(self, label: str, text: str, end: int, start: int) -> float:
        if end - start < 1:
            return 0.0
        return self._typical(self.ends.get(label, Counter()), text[max(start, end - 2):end], text[end - 1])

    def start_score(self, label: str, text: str, start: int, end: int) -> float:
        if end - start < 1:
            return 0.0
        return self._typical(self.starts.get(label, Counter()), text[start:min(end, start + 2)], text[start])

    # -- application ----------------------------------------------------------------
    def snap(self, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The spans with their edges moved where the rules above say; order kept."""
        if not self.ends:
            return spans
        occupied = [False] * (len(text) + 1)
        for s, e, _ in spans:
            for i in range(s, e):
                occupied[i] = True
        out = []
        for s, e, label in spans:
            if label in self.labels and e - s >= 2:
                s, e = self._snap_one(text, s, e, label, occupied)
            out.append((s, e, label))
        return out

    def too_short(self, s: int, e: int, label: str) -> bool:
        """A span of one of this component's labels that no gold span of its label could be."""
        return label in self.labels and e - s < 2 and label not in SINGLE_CHAR_LABELS

    def _snap_one(self, text, s, e, label, occupied):
        lo, hi = max(0, s - 4), min(len(text), e + 4)
        bounds = {b + lo for b in _Segmenter.boundaries(text[lo:hi])}
        s0, e0 = s, e
        if e not in bounds:
            best, best_score = e, self.end_score(label, text, e, s)
            # one character either way, or the end of the word the edge cuts (市属国有|企业)
            word_end = min((b for b in bounds if b > e), default=e)
            for c in sorted({e - 1, e + 1, word_end if word_end <= e + WORD_END_REACH else e + 1}):
                if c <= s or c > len(text) or (c > e and any(occupied[i] or text[i] in _STOP for i in range(e, c))) \
                        or self.too_short(s, c, label):
                    continue
                sc = self.end_score(label, text, c, s)
                if sc > self.margin * best_score and sc > best_score:
                    best, best_score = c, sc
            e = best
        if s not in bounds:
            best, best_score = s, self.start_score(label, text, s, e)
            for c in (s - 1, s + 1):
                if c >= e or c < 0 or (c < s and (occupied[c] or text[c] in _STOP)) or self.too_short(c, e, label):
                    continue
                sc = self.start_score(label, text, c, e)
                if sc > self.margin * best_score and sc > best_score:
                    best, best_score = c, sc
            s = best
        if (s, e) != (s0, e0):
            self.moves += 1
            for i in range(s0, e0):
                occupied[i] = False
            for i in range(s, e):
                occupied[i] = True
        return s, e

    def to_terms(self, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Step 3: spans of ``gazetteer_labels`` moved onto the established name they stop
        inside or cross; order kept."""
        if not any(label in self.gazetteer_labels for _, _, label in spans):
            return spans
        terms = {label: self.names(text, label) for label in self.gazetteer_labels}
        # a piece alone inside a name of the label that holds it (北京|证券交易所 tagged PLACE)
        holders = {piece: [(a, b, name) for name in self.gazetteer_labels if (piece, name) in _PIECES
                           for a, b in terms.get(name, ())] for piece, _ in _PIECES}
        out: list = []
        pieces: set[int] = set()     # indices of pieces of a name given whole to one span of it
        for k, (s, e, label) in enumerate(spans):
            if k in pieces:
                out.append(None)
                continue
            # (a span of the name's label there takes the name itself, below)
            held = [(a, b, name) for a, b, name in holders.get(label, ()) if a <= s and e <= b and (a, b) != (s, e)]
            if held and not any(n != k and x[0] < held[0][1] and held[0][0] < x[1] and not (
                    held[0][0] <= x[0] and x[1] <= held[0][1] and x[2] == label)
                    for n, x in enumerate(spans)):
                a, b, name = held[0]
                pieces.update(n for n, x in enumerate(spans) if n != k and a <= x[0] and x[1] <= b)
                out.append((a, b, name))
                self.moves += 1
                continue
            for a, b in terms.get(label, ()):
                inside = a <= s and e <= b and (a, b) != (s, e)
                crossing = s < a < e < b or a < s < b < e
                if s == a and e > b and self.tail_is_outside(text[b:b + 2]):
                    e = b      # the name and a word the gold leaves outside (全面从严治党|要求)
                    self.moves += 1
                    break
                if not (inside or crossing):
                    continue
                others = [n for n, x in enumerate(spans) if n != k and x[0] < b and a < x[1]]
                # other spans in the way leave it alone, unless they are pieces of the same name:
                # with this label (党的|群众路线教育实践活动) or a place in a body's name
                # (香港|、澳门特别行政区政府); the name is then one span
                if all(a <= spans[n][0] and spans[n][1] <= b
                       and (spans[n][2] == label or (spans[n][2], label) in _PIECES) for n in others):
                    pieces.update(others)
                    s, e = a, b
                    self.moves += 1
                    break
            out.append((s, e, label))
        return [None if n in pieces else x for n, x in enumerate(out)]

    def to_term_ends(self, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Step 5: spans of ``term_end_labels`` that stop inside an activity-lexicon term
        starting in them, extended to its end; order kept."""
        if not any(x and x[2] in self.term_end_labels for x in spans):
            return spans
        from ..relations.rule_linker import lexicon

        terms = lexicon().terms

        def extend(s: int, e: int, label: str) -> tuple[int, int, str]:
            if label in self.term_end_labels:
                end = max((m.end() for m in (terms.match(text, a) for a in range(s, e)) if m), default=e)
                if end > e and not any(o and o[0] < end and e < o[1] for o in spans if o and o[:2] != (s, e)):
                    self.moves += 1
                    return s, end, label
            return s, e, label

        return _each(spans, extend)

    def to_phrase_starts(self, text: str, spans: list) -> list:
        """Step 6: spans of ``start_labels`` that start where no gold span of their label does
        extended back to the start of their phrase, taking in the entities there; order kept,
        entities taken in become None."""
        if not self.befores or not any(x and x[2] in self.start_labels for x in spans):
            return spans
        out, held = list(spans), set()
        for k, x in enumerate(spans):
            if x is None or x[2] not in self.start_labels or self.starts.get(x[2], Counter()).get(text[x[0]:x[0] + 2]):
                continue
            s, e, label = x
            new = self._phrase_start(text, s, label)
            if new is None or new == s or self._rule_starts(text, s, label):
                continue
            inside, j = [], k - 1          # the spans before it in [new, s): the nearest ones
            while j >= 0 and (spans[j] is None or spans[j][1] > new):
                if spans[j] is not None and spans[j][0] < s:
                    inside.append(j)
                j -= 1
            if all(spans[n][0] >= new and spans[n][2] in _HELD for n in inside):
                held.update(inside)
                out[k] = (new, e, label)
                self.moves += 1
        return [None if n in held else x for n, x in enumerate(out)]

    def to_merged(self, text: str, spans: list) -> list:
        """Step 7: touching spans of one label of ``merge_labels`` as one span, and PERSON parts
        joined by a name dot (the first takes the second's end, the second becomes None); order kept."""
        def dotted(s: int, e: int, label: str, at: Callable) -> int | None:
            if label != "PERSON" or e >= len(text):
                return None
            if text[e - 1] in NAME_DOTS or text[e] in NAME_DOTS:    # touching, the dot at the seam
                n = at(e)
                if n is not None:
                    return n
            return at(e + 1) if text[e] in NAME_DOTS else None         # the dot between them

        spans = self._chained(spans, dotted)
        if not self.merge_labels:
            return spans
        from ..relations.rule_linker import lexicon

        lex = lexicon()

        def ends_in_verb(s: int, e: int) -> bool:     # a verb that is no work term itself (开展, not 接待)
            return any(text.endswith(v, s, e) and not lex.terms.fullmatch(text, e - len(v), e) for v in lex.verbs)

        def touching(s: int, e: int, label: str, at: Callable) -> int | None:
            return at(e) if label in self.merge_labels and not ends_in_verb(s, e) else None

        return self._chained(spans, touching)

    def _chained(self, spans: list, follows: Callable) -> list:
        """Each span with the spans that continue it as one span: ``follows(s, e, label, at)``
        gives the index of the span of the same label that continues (s, e) or None, where
        ``at(pos)`` is the index of the span of that label starting at ``pos``."""
        out = list(spans)
        by_start = {(x[0], x[2]): n for n, x in enumerate(spans) if x}
        for k, x in enumerate(spans):
            if out[k] is None or x is None:
                continue
            s, e, label = out[k]
            at = lambda pos, label=label: by_start.get((pos, label))  # noqa: E731
            n = follows(s, e, label, at)
            while n is not None and n != k and out[n] is not None:
                e = out[n][1]
                out[n] = None
                self.moves += 1
                n = follows(s, e, label, at)
            out[k] = (s, e, label)
        return out

    def to_split_names(self, text: str, spans: list) -> list:
        """Step 8: a span of ``gazetteer_labels`` that is established names of its label joined by
        、 becomes a list of those names; other entries as they are."""
        if not any(x and x[2] in self.gazetteer_labels and "、" in text[x[0]:x[1]] for x in spans):
            return spans
        out = []
        for x in spans:
            if x and x[2] in self.gazetteer_labels and "、" in text[x[0]:x[1]]:
                s, e, label = x
                names = sorted((a, b) for a, b in self.names(text, label) if s <= a and b <= e)
                pieces, pos = [], s
                for a, b in names:
                    if a == pos or (a == pos + 1 and pieces and text[pos] == "、"):
                        pieces.append((a, b, label))
                        pos = b
                if len(pieces) >= 2 and pos == e:
                    self.moves += 1
                    out.append(pieces)
                    continue
            out.append(x)
        return out

    def _phrase_start(self, text: str, start: int, label: str) -> int | None:
        """Where the phrase ending at ``start`` begins: after the nearest word within reach that
        the gold has right before spans of ``label``, or after punctuation; None if none is."""
        befores = self.befores.get(label, Counter())
        pos = start
        for w in reversed(jieba_words(text[max(0, start - START_REACH):start])):
            if befores.get(w) or w == "的" or any(ch in _STOP for ch in w):
                return pos
            pos -= len(w)
        return None

    @staticmethod
    def _rule_starts(text: str, start: int, label: str) -> bool:
        """Whether a rule of ``label`` finds a name starting at ``start`` (市七届人大三次会议)."""
        from ..rules.engine import default_engine

        lo = max(0, start - 20)
        return any(c.label == label and c.start + lo == start for c in default_engine().find(text[lo:start + 40]))

    def seen_end(self, label: str, text: str, end: int) -> bool:
        """Whether the character before ``end`` ends a gold span of ``label``."""
        return self.ends.get(label, Counter()).get(text[end - 1], 0) > 0

    def to_seen_ends(self, text: str, spans: list[tuple[int, int, str]]) -> list:
        """Step 4: spans of ``end_labels`` that end where no gold span of their label
        does, cut back (``trim``) or dropped (None in the list); order kept."""
        if self.unseen_ends == "keep" or not self.ends:
            return spans

        def cut_back(s: int, e: int, label: str) -> tuple[int, int, str] | None:
            if label not in self.end_labels or label not in self.ends or self.seen_end(label, text, e):
                return s, e, label
            self.moves += 1
            if self.unseen_ends == "trim":
                # the longest established name of its label the span starts with (海东市|青藏高原牦牛)
                if label in self.gazetteer_labels:
                    ends = [b for a, b in self.names(text, label) if a == s and b < e]
                    if ends:
                        return s, max(ends), label
                bounds = {b + s for b in _Segmenter.boundaries(text[s:e])}
                for p in range(e - 1, s + 1, -1):
                    if p in bounds and self.ends[label].get(text[p - 2:p], 0) > 0 and self.seen_end(label, text, p):
                        return s, p, label
            return None

        return _each(spans, cut_back)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        spans = [_trimmed(text, e.start_char, e.end_char, e.label_) for e in doc.ents]
        snapped = self.to_merged(text, self.to_phrase_starts(text, self.to_seen_ends(
            text, self.to_term_ends(text, self.to_terms(text, self.snap(text, spans))))))
        snapped = self.to_split_names(text, snapped)
        if snapped == [(e.start_char, e.end_char, e.label_) for e in doc.ents] and not any(
                self.too_short(*x) or _bare(text, x[0], x[1]) for x in spans):
            return doc
        ents = []
        for x, old in zip(snapped, doc.ents):
            if isinstance(x, list):      # names split apart (河长制、湖长制)
                pieces = [doc.char_span(s, e, label=label) for s, e, label in x]
                ents.extend(pieces if all(p is not None for p in pieces) else [old])
                continue
            if x is None:
                continue
            s, e, label = x
            if self.too_short(old.start_char, old.end_char, label) or self.too_short(s, e, label) or _bare(text, s, e):
                continue
            span = doc.char_span(s, e, label=label) if (s, e) != (old.start_char, old.end_char) else old
            ents.append(span if span is not None else old)
        doc.ents = ents
        return doc

    # -- serialisation --------------------------------------------------------------
    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = {"ends": {k: dict(v) for k, v in self.ends.items()},
                "starts": {k: dict(v) for k, v in self.starts.items()}, "tails": self.tails,
                "befores": {k: dict(v) for k, v in self.befores.items()}}
        (path / STATS_FILE).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def from_disk(self, path, *, exclude=tuple()) -> "BoundarySnap":
        data = json.loads((Path(path) / STATS_FILE).read_text(encoding="utf-8"))
        self.ends = {k: Counter(v) for k, v in data["ends"].items()}
        self.starts = {k: Counter(v) for k, v in data["starts"].items()}
        self.tails = {k: list(v) for k, v in data.get("tails", {}).items()}   # older pipelines have none
        self.befores = {k: Counter(v) for k, v in data.get("befores", {}).items()}   # nor these
        return self
