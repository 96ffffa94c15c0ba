"""Data files of the rule layer: patterns, gazetteers, lexicons (YAML)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import RuleDataError

RESOURCES_DIR = Path(__file__).resolve().parent


class _UniqueKeyLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise RuleDataError(
                    f"{node.start_mark.name}, line {key_node.start_mark.line + 1}: "
                    f"key {key!r} is given twice; the earlier entry would be lost")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(stream) -> dict:
    """yaml.safe_load that refuses a key given twice in one mapping."""
    return yaml.load(stream, Loader=_UniqueKeyLoader)


@lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    """Load ``resources/<name>`` (cached)."""
    with open(RESOURCES_DIR / name, encoding="utf-8") as f:
        return parse_yaml(f)


def gazetteer_files() -> list[str]:
    return sorted(f"gazetteers/{p.name}" for p in (RESOURCES_DIR / "gazetteers").glob("*.yaml"))
