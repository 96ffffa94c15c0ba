"""What the tagger's training stages share: the optimiser and schedule, and the cache of a
stage's final state (``$NRCIE_CACHE/<stage>/<key>.safetensors``)."""
from __future__ import annotations

from pathlib import Path


#: the optimiser settings a stage's cached state depends on
OPTIMISER_KEYS = ("seed", "batch_size", "lr_encoder", "lr_head", "weight_decay", "warmup")


def stage_key(ident: dict, tr: dict) -> str:
    """The cache key of a stage: what it read (``ident``) and the optimiser settings of ``tr``."""
    import hashlib
    import json

    ident = {**ident, "training": {k: tr[k] for k in OPTIMISER_KEYS}}
    return hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()[:16]


def encoder_parameters(tagger) -> list:
    """The tagger's trainable parameters outside its tagging head (adapters, norms, word places)."""
    head = {id(p) for p in tagger.head.parameters()}
    return [p for p in tagger.parameters() if p.requires_grad and id(p) not in head]


def optimiser(body: list, head: list, tr: dict, total: int):
    """AdamW with the encoder's adapters and norms at ``lr_encoder``, a head at ``lr_head``,
    and a linear warm-up (``warmup`` of ``total`` steps) then decay to zero."""
    import torch

    opt = torch.optim.AdamW([{"params": body, "lr": tr["lr_encoder"]}, {"params": head, "lr": tr["lr_head"]}],
                            weight_decay=tr["weight_decay"])
    warm = max(1, int(total * tr["warmup"]))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm)))
    return opt, sched


def load_state(tagger, cached: Path, log, stage: str, corpus: str) -> bool:
    """Load a stage's cached state into ``tagger``; False when there is none or it is damaged."""
    if not cached.is_file():
        return False
    from safetensors.torch import load_file

    try:
        tagger.load_state_dict(load_file(str(cached)), strict=False)
    except Exception as e:  # a damaged cache entry is rebuilt
        log(f"nrcie: ignoring damaged {cached} ({e}); training the {stage} stage again")
        return False
    log(f"nrcie: {stage} stage on {corpus}: loaded from {cached}")
    return True


def save_state(tagger, cached: Path, log, stage: str) -> None:
    """Cache the tagger's trainable state after a stage (a read-only cache is said, not fatal)."""
    from safetensors.torch import save_file

    from .lora import trainable_state

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        save_file({k: v.contiguous() for k, v in trainable_state(tagger).items()}, str(tmp))
        tmp.replace(cached)
        log(f"nrcie: {stage} stage done, cached in {cached}")
    except OSError as e:
        log(f"nrcie: {stage} stage done; not cached ({cached.parent}: {e.strerror or e}; "
            "set NRCIE_CACHE to a writable folder to keep it)")
