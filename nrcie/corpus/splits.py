"""Fixed document splits of the gold corpus (``annotations/splits.json``).

``test``, ``dev`` and ``dev_own`` list document ids; every other document is
``train``, so a newly added document trains unless it is named here.  ``test``
and ``dev`` hold real text only (seed reports and excerpts of the unlabeled
government work reports): configurations are chosen on ``dev`` and reported on
``test``.  ``dev_own`` holds original documents we wrote, held out so that the
figures on our own writing are reported apart from the real ones.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..paths import annotations_dir

SPLITS = ("train", "dev", "test", "dev_own")


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, str]:
    p = Path(path)
    if not p.is_file():
        return {}
    data = json.loads(p.read_text(encoding="utf-8"))
    out = {}
    for split in SPLITS[1:]:
        for doc_id in data.get(split, []):
            out[doc_id] = split
    return out


def split_of(doc_id: str, splits_file: Path | str | None = None) -> str:
    return _load(str(splits_file or annotations_dir() / "splits.json")).get(doc_id, "train")
