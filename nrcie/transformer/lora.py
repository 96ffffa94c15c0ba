"""Low-rank adapters (LoRA) for the encoder's linear layers: what a retrain changes is small.

Each adapted ``nn.Linear`` keeps its frozen weight W and learns ``B @ A`` (rank r),
so the fine-tuned model is W + (alpha / r) B A. Only A, B (and the layer norms and
the tagging head) are trained and shipped.
"""
from __future__ import annotations

import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float = 0.0):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.rank = rank
        self.scale = alpha / rank
        self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.dropout = nn.Dropout(dropout) if dropout else nn.Identity()
        self.merged = False

    def delta(self) -> torch.Tensor:
        return (self.lora_b @ self.lora_a) * self.scale

    @torch.no_grad()
    def merge(self) -> None:
        """Fold B A into the frozen weight for inference: one matrix product per call
        instead of three (the adapters stay, for saving; ``train()`` unfolds them)."""
        if not self.merged:
            self.base.weight += self.delta().to(self.base.weight.dtype)
            self.merged = True

    @torch.no_grad()
    def unmerge(self) -> None:
        if self.merged:
            self.base.weight -= self.delta().to(self.base.weight.dtype)
            self.merged = False

    def train(self, mode: bool = True) -> "LoRALinear":
        if mode:
            self.unmerge()
        return super().train(mode)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.merged:
            return self.base(x)
        return self.base(x) + (self.dropout(x) @ self.lora_a.T @ self.lora_b.T) * self.scale


def add_lora(model: nn.Module, targets: tuple[str, ...], rank: int, alpha: float, dropout: float = 0.0) -> int:
    """Replace every ``nn.Linear`` whose name ends with one of ``targets``; return how many."""
    n = 0
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            full = f"{name}.{child_name}" if name else child_name
            if isinstance(child, nn.Linear) and full.endswith(targets):
                setattr(module, child_name, LoRALinear(child, rank, alpha, dropout))
                n += 1
    return n


def merge_lora(model: nn.Module) -> int:
    """Fold every adapter of ``model`` into its weight (inference); return how many."""
    n = 0
    for m in model.modules():
        if isinstance(m, LoRALinear):
            m.merge()
            n += 1
    return n


def trainable_state(model: nn.Module) -> dict[str, torch.Tensor]:
    """The parameters that training changed (those with requires_grad)."""
    return {k: v.detach().cpu() for k, v in model.named_parameters() if v.requires_grad}
