"""nrcie: structured data from Chinese People's Congress work reports.

>>> import nrcie
>>> r = nrcie.parse("一年来，召开常委会会议8次，开展执法检查5次。")
>>> [(a.activity_type, a.value) for a in r.activities]
[('meeting', 8.0), ('enforcement_inspection', 5.0)]
"""
from __future__ import annotations

from typing import Iterable, Iterator

__version__ = "0.1.0"

__all__ = ["parse", "parse_many", "load", "panel", "documents", "ParseResult", "Entity", "Relation", "Activity",
           "UnlinkedCount", "InputError", "ModelNotFoundError", "__version__"]

from .errors import InputError, ModelNotFoundError
from .result import Activity, Entity, ParseResult, Relation, UnlinkedCount
# nrcie.panel is the function; `from nrcie.panel import activities` still reads the module.
# nrcie.documents (one row of document facts per report) is not nrcie.document (the facts' rules)
from .panel import documents, panel


def load(name_or_path=None, **kwargs):
    """The spaCy ``Language`` of a pipeline: ``None`` (the default), a name (``"rules"``,
    ``"fast"``, ``"accurate"``: ``models/NAME`` of the checkout, else the installed package
    ``zh_nrcie_NAME``), a package name (``"zh_nrcie_fast"``) or the path of a saved pipeline.
    A missing or unreadable pipeline is a ModelNotFoundError saying how to install it."""
    from .pipeline import load as _load

    return _load(name_or_path, **kwargs)


def _check_text(text) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputError("nrcie.parse takes str, not bytes: decode it first, e.g. data.decode('utf-8') "
                         "(the CLI reads files and tries UTF-8 then GB18030 for you)")
    raise InputError(f"nrcie.parse takes a str, not {type(text).__name__}")


def _nlp(model):
    from .pipeline import as_language

    return as_language(model)


def parse(text: str, model=None) -> ParseResult:
    """Parse one text. ``model``: a name, a path or a loaded ``Language``
    (default: the shipped default pipeline, loaded once and cached)."""
    from .runner import run_one

    return run_one(_nlp(model), _check_text(text))


def parse_many(texts: Iterable[str], model=None, n_process: int = 1, batch_size: int = 16) -> Iterator[ParseResult]:
    """Parse many texts, yielding one ParseResult per text in order (streamed)."""
    from .runner import run_many

    return run_many(_nlp(model), (_check_text(t) for t in texts), n_process=n_process, batch_size=batch_size)
