"""Panel tables across reports: one row per report × activity type (``panel``), or one row
per activity row (``panel(..., long=True)``), with the report's document facts (body,
level, region, region code, year) as columns; or one row per report with all its
document facts (``documents``).

The input is parse results (``ParseResult``), their dicts, or the JSON Lines that
``nrcie parse``/``nrcie.batch.parse_folder`` write (a path, or records read from it),
so a large folder is parsed once and the table is rebuilt from its JSON Lines at will.
Totals count each figure once (:mod:`nrcie.aggregate`): repeats are one group,
sub-counts of a total of their type and counts of other bodies' work are left out.

Columns are flat with fixed dtypes (strings, nullable Int64, float64, boolean), so the
table writes to Parquet and reads in DuckDB as it is.

>>> import nrcie
>>> r = nrcie.parse("2023年，常委会开展执法检查3次。", model="rules")
>>> nrcie.panel([r])[["activity_type", "value"]].values.tolist()
[['enforcement_inspection', 3.0]]
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .aggregate import activity_totals, counted_groups
from .document.facts import FIELDS as FACT_FIELDS
from .errors import InputError, UserError

#: document-fact columns of the activity tables, in order
DOC_COLUMNS = ("file", "body", "level", "region", "region_code", "year")
#: every document fact (``DocumentFacts.to_dict()``), flat: ``years`` joined by ",", ``evidence`` as JSON
FACT_COLUMNS = (*FACT_FIELDS, "evidence")
#: the table of :func:`documents`: one row per report
DOCUMENT_COLUMNS = ("file", *FACT_COLUMNS)
WIDE_COLUMNS = (*DOC_COLUMNS, "activity_type", "value", "unit", "approximate", "n_mentions", "n_groups")
LONG_COLUMNS = (*DOC_COLUMNS, "row", "activity_type", "activity", "count", "value", "unit", "approximate", "group",
                "n_mentions", "part_of", "other_actor", "other_actor_why", "counted", "type_source", "sentence",
                "sentence_start", "sentence_end", "count_start", "count_end", "activity_start", "activity_end")
_DTYPES = {"year": "Int64", "delivery_year": "Int64", "value": "float64", "approximate": "boolean",
           "n_mentions": "Int64", "n_groups": "Int64", "row": "Int64", "group": "Int64", "part_of": "Int64",
           "other_actor": "boolean", "counted": "boolean",
           "sentence_start": "Int64", "sentence_end": "Int64", "count_start": "Int64", "count_end": "Int64",
           "activity_start": "Int64", "activity_end": "Int64"}


def read_jsonl(path: Path | str) -> Iterator[dict]:
    """The records of an ``nrcie parse`` JSON Lines file, one at a time (a partial last
    line, left by an interrupted run, is skipped)."""
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path} is a folder: parse it first (`nrcie panel {path} -o OUT.csv`, or "
                        "nrcie.batch.parse_folder) and give the JSON Lines file")
    if not path.is_file():
        raise UserError(f"no such file: {path}")
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            if not line.endswith("\n"):
                break
            try:
                rec = json.loads(line)
            except ValueError:
                raise UserError(f"{path}, line {lineno}: not JSON; is this nrcie parse output?") from None
            if not isinstance(rec, dict) or "activities" not in rec:
                raise UserError(f"{path}, line {lineno}: no activities; is this nrcie parse output?")
            yield rec


def _reports(results) -> Iterator[tuple[str | None, Any]]:
    """(file, ParseResult or record dict) per report of ``results`` (see :func:`panel`)."""
    if isinstance(results, (str, os.PathLike)):
        results = read_jsonl(results)
    elif isinstance(results, Mapping):
        results = results.items()
    for i, r in enumerate(results):
        name = None
        if isinstance(r, tuple) and len(r) == 2:
            name, r = r
        if isinstance(r, dict):
            yield (name if name is not None else r.get("file")), r
        elif hasattr(type(r), "activities"):
            yield (None if name is None else str(name)), r
        else:
            raise InputError(f"report {i}: {type(r).__name__} is not a ParseResult, a parse record (dict) "
                             "or a (file, result) pair")


def _facts(file, r) -> dict | None:
    """The document facts of one report as a dict (None where there are none)."""
    doc = r.get("document") if isinstance(r, dict) else getattr(r, "document", None)
    if hasattr(doc, "to_dict"):
        doc = doc.to_dict()
    if doc is not None and not isinstance(doc, Mapping):
        raise InputError(f"{file or 'a report'}: document facts are a {type(doc).__name__}, not a dict")
    return doc


def _records(results) -> Iterator[tuple[str | None, dict | None, list]]:
    """(file, document facts as a dict or None, activity rows) per report."""
    for file, r in _reports(results):
        acts = (r.get("activities") or []) if isinstance(r, dict) else r.activities
        yield file, _facts(file, r), acts


def _doc_columns(file, doc: dict | None) -> dict[str, Any]:
    doc = doc or {}
    return {"file": file, **{k: doc.get(k) for k in DOC_COLUMNS[1:]}}


def fact_row(doc: Mapping | None) -> dict[str, Any]:
    """One report's document facts (``DocumentFacts.to_dict()`` or None) as flat values for
    :data:`FACT_COLUMNS`: ``years`` joined by "," (``"2019,2020"``; None when empty),
    ``evidence`` as a JSON string (None when empty), missing facts None."""
    doc = doc or {}
    row = {k: doc.get(k) for k in FACT_COLUMNS}
    years = row["years"]
    if isinstance(years, (list, tuple)):
        years = ",".join(str(y) for y in years)
    row["years"] = str(years) if years else None
    row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False) if row["evidence"] else None
    return row


def typed_frame(rows: list[dict], columns: tuple[str, ...]):
    """A DataFrame of ``rows`` with exactly ``columns``, each of its fixed dtype (nullable
    ``Int64``, ``float64``, ``boolean``; ``string`` for the rest)."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=list(columns))
    for c in columns:
        df[c] = df[c].astype(_DTYPES.get(c, "string"))
    return df


def panel(results, long: bool = False):
    """A pandas DataFrame over many reports.

    ``results``: ParseResults, their ``to_dict()`` / JSON Lines records, ``(file, result)``
    pairs or a ``{file: result}`` dict, or the path of an ``nrcie parse`` JSON Lines file.  Default: one row per report × activity type with the
    columns ``file, body, level, region, region_code, year, activity_type, value, unit,
    approximate, n_mentions, n_groups`` (``value`` sums each figure once; ``unit`` lists
    the units summed, joined by "/"; ``n_mentions`` counts the mentions behind it).
    ``long=True``: one row per activity row (:func:`activities`)."""
    if long:
        return activities(results)
    rows = []
    for file, doc, acts in _records(results):
        base = _doc_columns(file, doc)
        for t, tot in sorted(activity_totals(acts).items()):
            rows.append({**base, "activity_type": t, "value": tot["value"], "unit": "/".join(tot["units"]) or None,
                         "approximate": tot["approximate"], "n_mentions": tot["n_mentions"],
                         "n_groups": tot["n_groups"]})
    return typed_frame(rows, WIDE_COLUMNS)


def activities(results):
    """The long table: one row per activity row of every report, with the report's facts,
    ``row`` (its index in the report), the grouping fields and ``counted`` (True on the
    one row per group that the totals sum)."""
    rows = []
    for file, doc, acts in _records(results):
        base = _doc_columns(file, doc)
        acts = [a if isinstance(a, dict) else a.to_dict() for a in acts]
        counted = {id(r) for r in counted_groups(acts).values()}
        for i, a in enumerate(acts):
            rows.append({**base, **{k: a.get(k) for k in LONG_COLUMNS if k in a}, "row": i,
                         "counted": id(a) in counted})
    return typed_frame(rows, LONG_COLUMNS)


def documents(results):
    """One row per report with its document facts (``nrcie.document``): the columns ``file,
    body, level, region, region_code, year, years, genre, session, delivery_year, evidence``
    (:data:`DOCUMENT_COLUMNS`; ``years`` joined by ",", ``evidence`` the JSON of
    ``{field: {"start", "end", "why"}}``; missing facts are <NA>).  ``results`` as for
    :func:`panel`; a report without facts still has its row.

    >>> import nrcie
    >>> r = nrcie.parse("大方县人大常委会2019年至2023年工作总结\\n五年来，召开常委会会议40次。", model="rules")
    >>> nrcie.documents({"a.txt": r})[["file", "region_code", "year", "years"]].values.tolist()
    [['a.txt', '520521', 2023, '2019,2020,2021,2022,2023']]
    """
    rows = [{"file": file, **fact_row(_facts(file, r))} for file, r in _reports(results)]
    return typed_frame(rows, DOCUMENT_COLUMNS)


def write_table(df, path: Path | str) -> Path:
    """Write ``df`` to ``path`` by its suffix (.csv or .parquet), atomically."""
    from .io import atomic_open, check_output_path

    path = check_output_path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with atomic_open(path, "w", encoding="utf-8") as f:
            df.to_csv(f, index=False)
    elif suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UserError("writing Parquet needs pyarrow: pip install 'nrcie[panel]' (or write .csv)") from None
        with atomic_open(path, "wb") as f:
            df.to_parquet(f, index=False, engine="pyarrow")
    else:
        raise UserError(f"{path}: unknown output type {suffix or '(no suffix)'!r}; use .csv or .parquet")
    return path


def check_table_path(path: Path | str) -> None:
    """A UserError for an output suffix :func:`write_table` cannot write (before any parsing)."""
    if Path(path).suffix.lower() not in (".csv", ".parquet"):
        raise UserError(f"{path}: unknown output type {Path(path).suffix or '(no suffix)'!r}; use .csv or .parquet")


def jsonl_for(output: Path | str) -> Path:
    """Where ``nrcie panel`` keeps the parse of a folder by default: beside the table,
    ``panel.csv`` → ``panel.jsonl``."""
    return Path(output).with_suffix(".jsonl")


def parse_inputs(inputs: Iterable, jsonl: Path | str, **kwargs):
    """Parse report files and folders into ``jsonl`` (resumable: files already there are
    skipped; :func:`nrcie.batch.parse_folder`).  A missing path or no ``.txt`` file is a
    UserError."""
    from .batch import parse_folder
    from .textio import expand_inputs

    inputs = [Path(p) for p in inputs]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise UserError(f"no such file or folder: {', '.join(missing)}")
    if not expand_inputs(inputs, report=None):
        raise UserError(f"no .txt reports in {', '.join(map(str, inputs))}")
    return parse_folder(inputs, jsonl, **kwargs)
