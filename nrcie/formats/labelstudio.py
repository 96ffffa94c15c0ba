"""Label Studio: the JSON export (a list of tasks) and JSON Lines of tasks.

A task::

    {"id": 7, "data": {"text": "..."},
     "annotations": [{"was_cancelled": false, "result": [
         {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
          "value": {"start": 2, "end": 6, "text": "执法检查", "labels": ["ACTIVITY"]}},
         {"from_id": "r2", "to_id": "r1", "type": "relation", "direction": "right",
          "labels": ["COUNT_OF"]}]}],
     "predictions": [...]}

Reading: the text is ``data.text`` (or the only string in ``data``); of the
annotations not cancelled (``completions`` of Label Studio < 1.0 too) the latest
with a non-empty result is read (``updated_at``/``created_at``, else list order;
a warning names the one read when there were several), else the first
prediction, else the task counts as unannotated (text only).
Result items of type ``labels`` are spans, of type ``relation`` links; other
region types (``paragraphlabels``, ``hypertextlabels``...) are reported, and
per-task answers (choices, textarea, rating) are passed by.
A relation with ``direction`` ``right`` (or none) goes from ``from_id`` (head)
to ``to_id``; ``left`` the other way; ``bi`` is oriented COUNT → ACTIVITY.  A
relation without labels is COUNT_OF (the schema's only relation).

Offsets are code points.  Some Label Studio versions count UTF-16 units
(characters beyond U+FFFF, e.g. CJK extension B, count twice); when a text
holds such characters and the stated span texts only fit UTF-16 offsets, the
offsets are converted.

Writing: a JSON list of tasks (JSON Lines for a ``.jsonl`` path) with
``data.text`` and ``data.doc_id`` and one annotation (or prediction, with
``key="predictions"``) whose results use ``from_name="label"`` and
``to_name="text"``: the labelling config must name its tags so —
:func:`label_config` writes one that does.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..corpus.standoff import GoldDoc
from ..io import atomic_write_text
from ..schema import COUNT_OF, LABELS, RELATIONS
from .base import FormatWarning, RawDoc, RawLink, RawSpan, Where, json_lines, read_text

EXTENSIONS = (".json",)


def parse(path: Path) -> tuple[list[RawDoc], list[str]]:
    problems: list[str] = []
    docs: list[RawDoc] = []
    several: list[str] = []
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        items = [(Where(f"{path}:{no}"), no, task) for no, task in json_lines(path, problems)]
    else:
        text = read_text(path, problems)
        if text is None:
            return [], problems
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            return [], [f"{path}:{e.lineno}: not valid JSON ({e.msg}, column {e.colno})"]
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            return [], [f"{path}: expected a list of Label Studio tasks, found {type(data).__name__}"]
        items = [(Where(f"{path}:[{i}]", array=True), i + 1, task) for i, task in enumerate(data)]
    for where, n, task in items:
        doc, many = _task(task, where, f"{path.stem}-{n}", path)
        if many:
            several.append(f"{where} read {many}")
        if doc is not None:
            docs.append(doc)
        else:
            problems.append(f"{where}: expected a task object with \"data\", found {type(task).__name__}")
    if several:
        warnings.warn(f"{path}: {len(several)} task(s) have several annotations; the latest non-empty one not "
                      f"cancelled was read ({'; '.join(several[:5])}{' …' if len(several) > 5 else ''})",
                      FormatWarning, stacklevel=2)
    return docs, problems


def _chosen(anns: list, live: list[int]) -> int:
    """Of the live annotations, the latest with a non-empty result (else the latest)."""
    def stamp(i):
        a = anns[i]
        t = (a.get("updated_at") or a.get("created_at") or "") if isinstance(a, dict) else ""
        return (str(t), i)

    filled = [i for i in live if isinstance(anns[i], dict) and anns[i].get("result")]
    return max(filled or live, key=stamp)


def _task(task, where: Where, default_id: str, path: Path) -> tuple[RawDoc | None, str]:
    if not isinstance(task, dict):
        return None, ""
    data = task.get("data")
    problems: list[str] = []
    text = None
    if isinstance(data, dict):
        text = data.get("text")
        if text is None:
            strings = [v for v in data.values() if isinstance(v, str)]
            text = strings[0] if len(strings) == 1 else None
        if not isinstance(text, str):
            problems.append(f"{where('data')}: no \"text\" field (name the text field \"text\")")
    else:
        problems.append(f"{where}: the task has no \"data\" object")
    doc_id = (data or {}).get("doc_id") if isinstance(data, dict) else None
    if doc_id is None:
        doc_id = task.get("id", default_id)
    meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    raw = RawDoc(str(doc_id), text if isinstance(text, str) else "", str(where), meta=dict(meta), path=path,
                 problems=problems)

    key, index, result, several = None, 0, [], ""
    for k in ("annotations", "completions"):
        anns = task.get(k)
        if anns is None:
            continue
        if not isinstance(anns, list):
            problems.append(f"{where(k)}: expected a list")
            break
        live = [i for i, a in enumerate(anns) if not (isinstance(a, dict) and a.get("was_cancelled"))]
        if live:
            key, index = k, _chosen(anns, live)
            several = f"{k}[{index}] of {len(anns)}" if len(live) > 1 else ""
            break
    if key is None and isinstance(task.get("predictions"), list) and task["predictions"]:
        key, index = "predictions", 0
    if key is not None:
        ann = task[key][index]
        aw = where(key, f"[{index}]")
        if not isinstance(ann, dict) or not isinstance(ann.get("result", []), list):
            problems.append(f"{aw}: expected an object with a \"result\" list")
        else:
            result = ann.get("result", [])
            _results(raw, result, aw)
    if isinstance(text, str):
        _fix_utf16(raw)
    return raw, several


def _results(raw: RawDoc, result: list, aw: Where) -> None:
    links = []
    for k, item in enumerate(result):
        w = aw("result", f"[{k}]")
        if not isinstance(item, dict):
            raw.problems.append(f"{w}: expected an object")
            continue
        kind = item.get("type")
        if kind == "labels":
            value = item.get("value")
            if not isinstance(value, dict):
                raw.problems.append(f"{w}: a labels result needs a \"value\" object")
                continue
            labels = value.get("labels")
            if not (isinstance(labels, list) and len(labels) == 1):
                raw.problems.append(f"{w('value', 'labels')}: expected exactly one label, found {labels!r}")
                continue
            raw.spans.append(RawSpan(item.get("id"), labels[0], value.get("start"), value.get("end"),
                                     value.get("text"), str(w)))
        elif kind == "relation":
            labels = item.get("labels") or []
            if not isinstance(labels, list) or len(labels) > 1:
                raw.problems.append(f"{w('labels')}: expected at most one relation label, found {labels!r}")
                continue
            links.append((item, labels[0] if labels else None, w))
        elif isinstance(kind, str) and kind.endswith("labels"):
            raw.problems.append(f"{w('type')}: {kind!r} regions are not read; nrcie reads \"labels\" spans "
                                "on a <Text> tag")
    label_of = {}
    for sp in raw.spans:
        try:
            label_of[sp.id] = sp.label
        except TypeError:
            pass
    for item, label, w in links:
        a, b = item.get("from_id"), item.get("to_id")
        direction = item.get("direction", "right")
        if direction == "left":
            a, b = b, a
        elif direction == "bi":
            want = RELATIONS.get(label or COUNT_OF)
            if want and _get(label_of, a) == want[1] and _get(label_of, b) == want[0]:
                a, b = b, a
        elif direction not in ("right", None):
            raw.problems.append(f"{w('direction')}: unknown direction {direction!r} (right, left, bi)")
            continue
        raw.links.append(RawLink(label, a, b, str(w)))


def _get(d: dict, k):
    try:
        return d.get(k)
    except TypeError:
        return None


def _fix_utf16(raw: RawDoc) -> None:
    """Offsets counted in UTF-16 units → code points, when only they fit the stated texts."""
    text = raw.text
    if not any(ord(c) > 0xFFFF for c in text):
        return
    stated = [sp for sp in raw.spans if isinstance(sp.surface, str) and isinstance(sp.start, int)
              and isinstance(sp.end, int)]
    if not stated or all(text[sp.start:sp.end] == sp.surface for sp in stated):
        return
    cp: dict[int, int] = {}
    u = 0
    for i, c in enumerate(text):
        cp[u] = i
        u += 2 if ord(c) > 0xFFFF else 1
    cp[u] = len(text)
    moved = [(cp.get(sp.start), cp.get(sp.end)) for sp in stated]
    if all(s is not None and e is not None and text[s:e] == sp.surface for (s, e), sp in zip(moved, stated)):
        for sp in raw.spans:
            if isinstance(sp.start, int) and isinstance(sp.end, int):
                sp.start, sp.end = cp.get(sp.start, sp.start), cp.get(sp.end, sp.end)


def tasks(docs: list[GoldDoc], key: str = "annotations", from_name: str = "label", to_name: str = "text",
          model_version: str = "nrcie") -> list[dict]:
    """Label Studio tasks for the documents."""
    if key not in ("annotations", "predictions"):
        raise ValueError(f"key must be 'annotations' or 'predictions', not {key!r}")
    out = []
    for d in docs:
        result = [{"id": e["id"], "from_name": from_name, "to_name": to_name, "type": "labels",
                   "value": {"start": e["start"], "end": e["end"], "text": e["text"], "labels": [e["label"]]}}
                  for e in d.entities]
        result += [{"from_id": r["head"], "to_id": r["tail"], "type": "relation", "direction": "right",
                    "labels": [r["label"]]} for r in d.relations]
        task: dict = {"data": {"text": d.text, "doc_id": d.doc_id}}
        if d.meta:
            task["meta"] = d.meta
        if key == "predictions":
            task["predictions"] = [{"model_version": model_version, "result": result}]
        else:
            task["annotations"] = [{"result": result}]
        out.append(task)
    return out


def dump(docs: list[GoldDoc], path: Path, **options) -> None:
    items = tasks(docs, **options)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        body = "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in items)
    else:
        body = json.dumps(items, ensure_ascii=False, indent=1) + "\n"
    atomic_write_text(path, body)


def label_config(labels=LABELS, relations=tuple(RELATIONS)) -> str:
    """A Label Studio labelling config matching what :func:`dump` writes."""
    lab = "\n".join(f"    <Label value={quoteattr(x)}/>" for x in labels)
    rel = "\n".join(f"    <Relation value={quoteattr(x)}/>" for x in relations)
    return ("<View>\n  <Relations>\n" + rel + "\n  </Relations>\n"
            '  <Labels name="label" toName="text">\n' + lab + "\n  </Labels>\n"
            '  <Text name="text" value="$text" granularity="symbol"/>\n</View>\n')
