"""Train pipelines from the gold corpus (or a user's data): ``nrcie train``.

One command per pipeline, each driven by a config in ``training/configs/``:
- ``fast``: spaCy's CNN tok2vec + NER trained with ``spacy train``; the rule
  layer and the trained COUNT_OF component complete it.
- ``accurate``: the transformer encoder fine-tuned for token classification
  (see :mod:`nrcie.transformer`).
The trained pipeline is written atomically (built beside the target, then
renamed over it) and evaluated on the dev split.  The fast pipeline's weights are
stored in half precision (:mod:`nrcie.components.precision`).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from .corpus.standoff import GoldDoc
from .paths import configs_dir


def replace_dir(src: Path, dst: Path) -> None:
    """Move ``src`` to ``dst``, replacing it; the old ``dst`` survives until the new one is in place."""
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    old = dst.with_name(dst.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if dst.exists():
        dst.rename(old)
    shutil.move(str(src), str(dst))
    if old.exists():
        shutil.rmtree(old)


def train_fast(train: list[GoldDoc], dev: list[GoldDoc], output: Path, config: Path | None = None,
               max_steps: int | None = None, overrides: dict | None = None, data: list[str] | None = None,
               teacher: Path | None = None, teacher_chars: int = 300_000) -> Path:
    """Train the fast pipeline with ``spacy train``; write it to ``output``.

    The config's corpora are the gold corpus reader ``nrcie.GoldCorpus.v1``, told the
    ids of ``train`` and ``dev`` (documents of the gold corpus or of the ``data`` files),
    and ``teacher``: a trained pipeline whose entities on unannotated reports are added
    to the training data (:mod:`nrcie.distill`)."""
    from spacy.cli.train import train as spacy_train

    from . import components  # noqa: F401
    from .corpus import reader  # noqa: F401  (registers nrcie.GoldCorpus.v1)
    from .components.precision import store_half_precision

    config = Path(config or configs_dir() / "fast.cfg")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    data = [str(p) for p in data or []]
    with tempfile.TemporaryDirectory(prefix=".nrcie-train-", dir=output.parent) as tmp:
        tmp = Path(tmp)
        ov: dict = {}
        for name, golds in (("train", train), ("dev", dev)):
            ov[f"corpora.{name}.ids"] = [g.doc_id for g in golds]
            ov[f"corpora.{name}.data"] = data
            ov[f"corpora.{name}.real_weight"] = 1   # the repeats are in the ids already
        if teacher is not None:
            ov["corpora.train.teacher"] = str(teacher)
            ov["corpora.train.teacher_chars"] = teacher_chars
        if max_steps is not None:
            ov["training.max_steps"] = max_steps
            ov["training.eval_frequency"] = max(1, min(200, max_steps))
        ov.update(overrides or {})
        spacy_train(config, tmp / "out", overrides=ov)
        best = tmp / "out" / "model-best"
        if not best.is_dir():
            best = tmp / "out" / "model-last"
        store_half_precision(best)   # float16 on disk, float32 once loaded: half what a retrain adds to git
        replace_dir(best, output)
    print(f"nrcie: fast pipeline written to {output}", file=sys.stderr)
    return output
