"""Normalise a REGULATION or DOCUMENT surface to its bare title."""
from __future__ import annotations

from ..rules.titles import title_core


def normalize_title(text: str) -> str:
    """《中华人民共和国乡村振兴促进法》 -> 乡村振兴促进法; quotes and brackets dropped."""
    core = title_core(text).strip("“”\"")
    return core.removeprefix("中华人民共和国") or core
