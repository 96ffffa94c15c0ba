"""Data files of the rule layer: patterns, gazetteers, lexicons (YAML)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

RESOURCES_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    """Load ``resources/<name>`` (cached)."""
    with open(RESOURCES_DIR / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def gazetteer_files() -> list[str]:
    return sorted(f"gazetteers/{p.name}" for p in (RESOURCES_DIR / "gazetteers").glob("*.yaml"))
