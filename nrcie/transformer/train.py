"""Fine-tune the character tagger and assemble the accurate pipeline (``nrcie train accurate``).

``training/configs/accurate.cfg`` is a spaCy config: spaCy's config system builds
the pipeline from its ``[nlp]`` and ``[components]`` (the tagger's model block is
the registered architecture ``nrcie.CharTagger.v1``, the rule/model merge policy
is the rule component's settings), and the same config, the training documents'
ids filled in, is saved as the pipeline's ``config.cfg``.  The tagger is trained
by the loop here under ``[training.nrcie]``: LoRA adapters and layer norms on the
frozen base encoder at one learning rate, the tagging head at a higher one (the
base's outputs are small, so a single rate learns nothing), linear warm-up and
decay, the best dev epoch kept; optional first stages: masked characters of unlabeled
report text (``[training.nrcie.domain]``, :mod:`nrcie.transformer.domain`), then a
general NER corpus (``[training.nrcie.intermediate]``).  Then the boundary snap and the COUNT_OF
component are fitted on the training documents.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from ..corpus.convert import split_paragraphs
from ..corpus.standoff import GoldDoc
from ..paths import configs_dir


def load_config(path: Path | str | None = None):
    """The accurate pipeline's spaCy config (``training/configs/accurate.cfg`` by default)."""
    from thinc.api import Config

    from ..errors import UserError

    path = path or configs_dir() / "accurate.cfg"
    cfg = Config().from_disk(path, interpolate=False)
    if "nrcie" not in cfg.get("training", {}) or "components" not in cfg:
        raise UserError(f"{path}: not an accurate pipeline config (it needs [components] and [training.nrcie]; "
                        "see training/configs/accurate.cfg)")
    return cfg


def training_settings(cfg) -> dict:
    """``[training.nrcie]``: the tagger's training loop."""
    return cfg["training"]["nrcie"]


def training_pieces(golds: list[GoldDoc], width: int) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, spans) pieces of at most ``width`` characters, cut between lines and
    never inside an entity."""
    pieces = []
    for g in golds:
        for line in split_paragraphs(g):
            spans = sorted((e["start"], e["end"], e["label"]) for e in line.entities)
            inside = bytearray(len(line.text) + 1)
            for s, e, _ in spans:
                inside[s + 1:e] = b"\x01" * (e - s - 1)
            start = 0
            while start < len(line.text):
                end = min(len(line.text), start + width)
                while end < len(line.text) and end > start + width // 2 and inside[end]:
                    end -= 1
                piece = [(s - start, e - start, l) for s, e, l in spans if start <= s and e <= end]
                pieces.append((line.text[start:end], piece))
                start = end
    return pieces


def ner_f(tagger, golds: list[GoldDoc]) -> float:
    pred = tagger.predict([g.text for g in golds])
    tp = fp = fn = 0
    for g, p in zip(golds, pred):
        gs = {(e["start"], e["end"], e["label"]) for e in g.entities}
        ps = set(p)
        tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
    from ..metrics import PRF
    return PRF(tp, fp, fn).f


def _encode(tagger, pieces) -> list[tuple[list[int], list[int]]]:
    from .tagging import spans_to_tags

    out = []
    for text, spans in pieces:
        ids = [tagger.cls_id] + tagger.text_ids(text) + [tagger.sep_id]
        out.append((ids, [-100] + spans_to_tags(len(text), spans) + [-100]))
    return out


def train_stage(tagger, examples, dev: list[GoldDoc], tr: dict, total: int, log, desc: str = "training",
                eval_every: int | None = None) -> float:
    """One stage of ``total`` steps over ``examples`` (shuffled each pass): LoRA and
    layer norms at ``lr_encoder``, the head at ``lr_head``, linear warm-up and decay.
    Dev NER F is measured after every pass (or every ``eval_every`` steps) and the
    best state is kept; returns its F.  With ``dev=None`` nothing is measured and the
    final state is kept (returns -1.0)."""
    import torch
    from tqdm import tqdm

    from .lora import trainable_state
    from .stages import encoder_parameters, optimiser

    opt, sched = optimiser(encoder_parameters(tagger), list(tagger.head.parameters()), tr, total)
    bs = tr["batch_size"]
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    best = (-1.0, None)
    step, t0 = 0, time.time()
    bar = tqdm(total=total, desc=desc, unit="step", file=sys.stderr, disable=None)

    def evaluate_now():
        nonlocal best
        if dev is None:
            return
        f = ner_f(tagger, dev)
        log(f"nrcie: {desc} step {step}/{total}  dev NER F {f:.3f}  ({time.time() - t0:.0f} s)")
        if f > best[0]:
            best = (f, {k: v.clone() for k, v in trainable_state(tagger).items()})
        tagger.train()

    while step < total:
        random.shuffle(examples)
        tagger.train()
        for k in range(0, len(examples), bs):
            batch = examples[k:k + bs]
            input_ids, mask = tagger.batch([x for x, _ in batch])
            labels = torch.full(input_ids.shape, -100, dtype=torch.long)
            for i, (_, y) in enumerate(batch):
                labels[i, : len(y)] = torch.tensor(y)
            logits = tagger(input_ids, mask)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in tagger.parameters() if p.requires_grad], 1.0)
            opt.step()
            sched.step()
            step += 1
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}")
            if step >= total:
                break
            if eval_every and step % eval_every == 0:
                evaluate_now()
        if not eval_every or step >= total:
            evaluate_now()
    bar.close()
    if best[1] is not None:
        tagger.load_state_dict(best[1], strict=False)
    return best[0]


def intermediate_corpus(cfg: dict, override: str | None = None) -> str | None:
    """The intermediate corpus to train on first: ``override`` (``"none"`` skips the
    stage), else ``[training.nrcie.intermediate] corpus`` of the config, else none."""
    if override is not None:
        return None if override.strip().lower() == "none" else override
    return (training_settings(cfg).get("intermediate") or {}).get("corpus") or None


def _intermediate_key(corpus: str, inter: dict, t_cfg: dict, tr: dict, base_fingerprint: str,
                      after: str | None = None) -> str:
    from .intermediate import resolve_path
    from .stages import stage_key

    path = resolve_path(corpus)
    ident = {"corpus": str(corpus), "size": path.stat().st_size if path.is_file() else None,
             "max_chars": inter.get("max_chars", 500_000), "labels": dict(inter.get("labels") or {}),
             "tagger": {k: list(v) if isinstance(v, (list, tuple)) else v for k, v in t_cfg.items()},
             "base": base_fingerprint}
    if after:   # the stage started from a domain stage's state (the key stays as it was without one)
        ident["after_domain"] = after
    return stage_key(ident, tr)


def _tagger_settings(config) -> dict:
    """The tagger settings as the former ``[tagger]`` block gave them (the cache key of
    the intermediate stage stays the same)."""
    out = {k: getattr(config, k) for k in config.SHAPE}
    if config.word_features:   # only then: the key of a tagger without them stays what it was
        out["word_features"] = True
    return out


def intermediate_stage(tagger, corpus: str, cfg: dict, base_fingerprint: str, max_steps: int | None, log,
                       after: str | None = None) -> None:
    """Train ``tagger`` on the general NER corpus, or load the state such a run left.

    The stage depends only on the corpus, the tagger and optimiser settings and the
    base encoder (its final state is kept; no report text is involved), so its
    result is cached under ``$NRCIE_CACHE/intermediate/`` and a retraining on new
    gold skips it.  A run limited by ``max_steps`` is not cached.
    """
    from ..encoder.build import cache_root
    from .intermediate import intermediate_pieces
    from .stages import load_state, save_state

    tr = training_settings(cfg)
    inter = dict(tr.get("intermediate") or {})
    cached = cache_root() / "intermediate" / (
        _intermediate_key(corpus, inter, _tagger_settings(tagger.config), tr, base_fingerprint, after)
        + ".safetensors")
    if max_steps is None and load_state(tagger, cached, log, "intermediate", corpus):
        return
    pieces = intermediate_pieces(corpus, dict(inter.get("labels") or {"PER": "PERSON", "LOC": "PLACE",
                                                                       "ORG": "BODY"}),
                                 tagger.config.max_len - 2, inter.get("max_chars", 500_000), tr["seed"])
    examples = _encode(tagger, pieces)
    total = max_steps or (len(examples) + tr["batch_size"] - 1) // tr["batch_size"]
    log(f"nrcie: intermediate stage on {corpus}: {len(examples)} pieces "
        f"({sum(len(t) for t, _ in pieces):,} characters), {total} steps")
    train_stage(tagger, examples, None, tr, total, log, desc="intermediate")
    if max_steps is None:
        save_state(tagger, cached, log, "intermediate")


def build_pipeline(cfg):
    """The pipeline the config describes, untrained (spaCy's config system; no filler added)."""
    import spacy

    from .. import components  # noqa: F401
    from ..corpus import reader  # noqa: F401
    from . import component  # noqa: F401

    return spacy.util.load_model_from_config(cfg, auto_fill=False, validate=True)


def fine_tune(train: list[GoldDoc], dev: list[GoldDoc], cfg, max_steps: int | None = None,
              log=print, intermediate: str | None = None, tagger=None):
    """Train ``tagger`` (a new one, as the config's model block describes, by default):
    optionally first on a general NER corpus, then on ``train``; the best dev state is kept."""
    import torch

    tr = training_settings(cfg)
    torch.manual_seed(tr["seed"])
    random.seed(tr["seed"])
    torch.set_num_threads(tr.get("threads") or torch.get_num_threads())
    if tagger is None:
        tagger = build_pipeline(cfg).get_pipe("nrcie_transformer_ner").initialize_tagger()
    config = tagger.config
    n_trainable = sum(p.numel() for p in tagger.parameters() if p.requires_grad)
    bs = tr["batch_size"]

    from .domain import domain_settings, domain_stage

    domain, after = domain_settings(tr), None
    if domain:
        after = domain_stage(tagger, tr, domain, config.base_fingerprint, max_steps, log,
                             _tagger_settings(config))
    corpus = intermediate_corpus(cfg, intermediate)
    if corpus:
        intermediate_stage(tagger, corpus, cfg, config.base_fingerprint, max_steps, log, after)

    pieces = training_pieces(train, config.max_len - 2)
    examples = _encode(tagger, pieces)
    total = max_steps or (len(examples) + bs - 1) // bs * tr["epochs"]
    log(f"nrcie: fine-tuning {n_trainable:,} parameters on {len(examples)} pieces "
        f"({sum(len(t) for t, _ in pieces):,} characters), {total} steps")
    f = train_stage(tagger, examples, dev, tr, total, log)
    log(f"nrcie: best dev NER F {f:.3f}")
    return tagger


def assemble(tagger, train: list[GoldDoc], cfg):
    """The accurate pipeline of the config around a trained tagger: the tagger's settings
    must be the config's model block; the boundary snap and COUNT_OF component (where the
    config's pipeline has them) are fitted on ``train``."""
    from ..errors import UserError

    nlp = build_pipeline(cfg)
    ner = nlp.get_pipe("nrcie_transformer_ner")
    wanted = _tagger_settings(ner.model.tagger_config())
    have = _tagger_settings(tagger.config)
    differ = [k for k in sorted(set(wanted) | set(have)) if tuple_(wanted.get(k)) != tuple_(have.get(k))]
    if differ or ner.model.encoder.name != tagger.config.encoder:
        raise UserError(f"the tagger was trained with other settings than the config's model block "
                        f"({', '.join(differ) or 'encoder'}); use its own settings in the config, or retrain")
    ner.tagger = tagger
    if "nrcie_boundary_snap" in nlp.pipe_names:
        nlp.get_pipe("nrcie_boundary_snap").train(train)
    if "nrcie_relation" in nlp.pipe_names:
        nlp.get_pipe("nrcie_relation").train(train)
    return nlp


def tuple_(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _with_documents(cfg, train: list[GoldDoc], dev: list[GoldDoc], data: list[str]):
    """The config as saved with the pipeline: its corpora name the documents it was trained on."""
    from thinc.api import Config

    cfg = Config(cfg).copy()
    for name, golds in (("train", train), ("dev", dev)):
        if name in cfg.get("corpora", {}):
            cfg["corpora"][name].update({"ids": [g.doc_id for g in golds], "data": list(data), "real_weight": 1})
    return cfg


def train_accurate(train: list[GoldDoc], dev: list[GoldDoc], output: Path, config: Path | None = None,
                   max_steps: int | None = None, intermediate: str | None = None,
                   tagger_from: Path | None = None, data: list[str] | None = None) -> Path:
    """Fine-tune the tagger (or reuse the one of ``tagger_from``, a pipeline saved by this
    nrcie or an earlier one) and assemble the pipeline the config describes."""
    from ..training import replace_dir

    cfg = _with_documents(load_config(config), train, dev, [str(p) for p in data or []])
    if tagger_from is not None:
        from ..pipeline import load

        tagger = load(tagger_from).get_pipe("nrcie_transformer_ner").tagger
        print(f"nrcie: reusing the tagger of {tagger_from}", file=sys.stderr)
    else:
        corpus = intermediate_corpus(cfg, intermediate)
        if corpus:
            from .intermediate import resolve_path

            resolve_path(corpus)   # a missing corpus fails before any training
        tagger = fine_tune(train, dev, cfg, max_steps, log=lambda m: print(m, file=sys.stderr),
                           intermediate=intermediate)
    nlp = assemble(tagger, train, cfg)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".nrcie-train-", dir=output.parent) as tmp:
        nlp.to_disk(Path(tmp) / "model")
        replace_dir(Path(tmp) / "model", output)
    print(f"nrcie: accurate pipeline written to {output}", file=sys.stderr)
    return output
