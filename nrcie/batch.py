"""Parse many report files into one JSON Lines file: streamed, resumable, on one
machine (``parse_folder``) or on a Dask cluster (``parse_folder_dask``).

The output protocol (the same for both):

* one line per parsed file, exactly the line ``nrcie parse`` prints:
  ``{"file": NAME, "path": PATH, "pipeline": {"name", "version", "nrcie"}, "text": ...,
  "entities": ..., "relations": ..., "activities": ...}``, NAME being the path as given
  (folders expanded to their ``*.txt`` files, sorted), PATH its ``os.path.realpath``
  and ``pipeline`` the pipeline that parsed it (``pipeline.pipeline_record``: name and
  version from ``nlp.meta``, the folder's name for spaCy's placeholder name
  ``pipeline``, and nrcie's version). Every line carries both, so a line stands
  alone: no header or sidecar has to be kept with the output, and ``nrcie parse``
  output stays one JSON object per file;
* a file reached twice (named twice, two spellings, a symbolic link, a folder given
  relative and absolute) is parsed once, where first reached (said on stderr);
* lines are written in input order, each whole and flushed as soon as its file is
  done, so an interrupted run leaves whole lines and at most one partial last line;
* resume (the default): files already recorded in the output (by ``"path"``, so
  whatever spelling or working directory named them) are skipped and new lines
  appended; a partial last line is dropped (the file is rewritten without it,
  atomically) and its file parsed again. An output written by another pipeline (or
  another version of it or of nrcie, or lines with no ``pipeline``) is not resumed:
  a one-line ``BatchError`` names both, before anything is parsed or rewritten;
* a file that cannot be read, is binary or undecodable (or that the pipeline fails
  on) is reported on stderr and recorded in the sidecar ``OUT.errors`` (JSON lines
  ``{"file", "error"}``, written as they happen) without stopping the batch; it is
  not in the output, so the next run tries it again; the sidecar lists the failures
  of the latest run and is removed when that run had none;
* ``resume=False`` starts afresh: output and sidecar are written to temporary files
  and moved over the old ones at the end (an interrupted run leaves them as they were).

Memory stays bounded: files are read, parsed and written a chunk at a time, and at
most a fixed window of chunks is in flight; neither texts nor results are collected.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from .errors import BatchError, NrcieError  # noqa: F401  (BatchError: its old home)
from .io import atomic_open, check_output_path, fsync_quietly
from .textio import InputFileError, decode_bytes, expand_inputs

__all__ = ["parse_folder", "parse_folder_dask", "BatchReport", "BatchError", "parse_files",
           "errors_path_for", "recorded_files", "read_output", "check_pipeline"]


@dataclass
class BatchReport:
    """What a batch run did."""

    output: Path
    errors_path: Path
    total: int = 0                 # input files found
    skipped: int = 0               # already recorded in the output (resume)
    parsed: int = 0                # parsed and written by this run
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, error) of this run
    dropped_partial_line: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        s = f"{self.parsed} file(s) parsed in {self.seconds:.1f} s"
        if self.skipped:
            s += f", {self.skipped} already in {self.output}"
        if self.failed:
            s += f", {len(self.failed)} failed (recorded in {self.errors_path})"
        return s


class Outcome(NamedTuple):
    """One input file after a worker is done with it: its output line or its error."""

    file: str
    line: str | None = None        # the JSON line, newline included
    error: str | None = None
    note: str | None = None        # e.g. "read X as gb18030"
    pipeline: dict | None = None   # the pipeline_record of the pipeline that made ``line``


def errors_path_for(out_path: Path | str) -> Path:
    out_path = Path(out_path)
    return out_path.with_name(out_path.name + ".errors")


# --------------------------------------------------------------------- worker side

def _read(name: str, path: str) -> tuple[str, str]:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputFileError(f"{name}: {e.strerror or e}") from None
    return decode_bytes(data, name)


def _reason(err: Exception, name: str) -> str:
    msg = str(err)
    return msg[len(name) + 2:] if msg.startswith(f"{name}: ") else msg


def json_line(rec: dict) -> str:
    """One line of nrcie's JSON Lines output (results and errors alike), newline included.

    Text with lone surrogates (which UTF-8 cannot hold: a text or a file name that was not
    valid UTF-8) is written with ASCII escapes, so the line is still valid JSON and the
    offsets still apply."""
    line = json.dumps(rec, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(rec, ensure_ascii=True)
    return line + "\n"


def result_line(name: str, result, pipeline: dict | None = None, path: str | None = None) -> str:
    """The JSON Lines record of one parsed file: what `nrcie parse` prints and batches write:
    ``file`` (``name``), ``path`` (the resolved path, if given), ``pipeline`` (its
    ``pipeline_record``, if given), then ``result.to_dict()``."""
    rec = {"file": name}
    if path is not None:
        rec["path"] = path
    if pipeline is not None:
        rec["pipeline"] = pipeline
    rec.update(result.to_dict())
    return json_line(rec)


def parse_files(nlp, pairs: list[tuple], batch_size: int = 8) -> list[Outcome]:
    """Read and parse ``(name, path)`` or ``(name, path, resolved path)`` tuples with
    ``nlp``: one ``Outcome`` per tuple, in order. Never raises for one bad file:
    unreadable, binary or undecodable files, and texts the pipeline fails on, come
    back with ``error`` set."""
    from .pipeline import pipeline_record
    from .runner import run_many, run_one

    record = pipeline_record(nlp)
    outcomes: list[Outcome] = []
    texts: list[str] = []
    where: list[int] = []
    resolved: list[str] = []
    for name, path, *real in pairs:
        try:
            text, encoding = _read(name, path)
        except InputFileError as err:
            outcomes.append(Outcome(name, error=_reason(err, name)))
            continue
        note = None if encoding in ("utf-8", "ascii") else f"read {name} as {encoding}"
        where.append(len(outcomes))
        outcomes.append(Outcome(name, note=note, pipeline=record))
        texts.append(text)
        resolved.append(real[0] if real else os.path.realpath(path))
    k = 0
    try:
        for k, result in enumerate(run_many(nlp, texts, batch_size=batch_size)):
            i = where[k]
            outcomes[i] = outcomes[i]._replace(line=result_line(outcomes[i].file, result, record, resolved[k]))
        k = len(texts)
    except Exception:  # one text broke the batch: do the rest one by one to find it
        pass
    for k in range(k, len(texts)):
        i = where[k]
        if outcomes[i].line is not None:
            continue
        try:
            line = result_line(outcomes[i].file, run_one(nlp, texts[k]), record, resolved[k])
            outcomes[i] = outcomes[i]._replace(line=line)
        except Exception as e:
            outcomes[i] = outcomes[i]._replace(error=f"parse failed: {type(e).__name__}: {e}")
    return outcomes


# process pool (parse_folder with n_process > 1): one pipeline per process
_POOL: dict = {}


def _pool_init(model) -> None:
    _POOL["nlp"] = _load(model)
    # a pool process outlives a killed parent (it waits on a queue forever): leave with it
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="nrcie-parent-watch", daemon=True).start()


def _pool_task(pairs: list[tuple], batch_size: int) -> list[Outcome]:
    return parse_files(_POOL["nlp"], pairs, batch_size)


# Dask workers: one pipeline per worker (several workers may share a process when
# processes=False), loaded on the worker's first task and kept; a lock per pipeline
# because spaCy pipelines are not made to be called from two threads at once.
_WORKER_PIPELINES: dict[tuple[str, str | None], tuple[object, threading.Lock]] = {}
_WORKER_LOCK = threading.Lock()


def _worker_pipeline(model: str | None) -> tuple[object, threading.Lock]:
    from distributed import get_worker

    key = (get_worker().id, model)
    with _WORKER_LOCK:
        if key not in _WORKER_PIPELINES:  # a pipeline of its own (not the process-wide cached one)
            from .pipeline import load

            _WORKER_PIPELINES[key] = (load(model), threading.Lock())
        return _WORKER_PIPELINES[key]


def _dask_task(pairs: list[tuple], model: str | None, batch_size: int) -> list[Outcome]:
    nlp, lock = _worker_pipeline(model)
    with lock:
        return parse_files(nlp, pairs, batch_size)


def _dask_pipeline_record(model: str | None) -> dict:
    """Load the pipeline on a worker (kept for its tasks) and say which it is."""
    from .pipeline import pipeline_record

    return pipeline_record(_worker_pipeline(model)[0])


def _load(model):
    from .pipeline import as_language

    return as_language(model)


# --------------------------------------------------------------------- output file

_DECODER = json.JSONDecoder()
_HEAD_KEYS = ("file", "path", "pipeline")


def _head_of(raw: bytes) -> dict | None:
    """``file``, ``path`` and ``pipeline`` of one complete output line (those present),
    or None if it is not a line of nrcie output (a JSON object with a string ``file``).
    Our own lines start with these keys: they are read without decoding the text."""
    head: dict = {}
    try:
        s = raw.decode("utf-8")
        if s.startswith('{"file": ') and s.endswith("}\n"):
            i = 1
            while True:
                key, j = _DECODER.raw_decode(s, i)
                if key not in _HEAD_KEYS or s[j:j + 2] != ": ":
                    break
                head[key], i = _DECODER.raw_decode(s, j + 2)
                if s[i:i + 2] != ", ":
                    break
                i += 2
        else:
            raise ValueError
    except ValueError:  # not our layout (or not UTF-8 JSON at all): read it whole
        try:
            obj = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(obj, dict):
            return None
        head = {k: obj[k] for k in _HEAD_KEYS if k in obj}
    return head if isinstance(head.get("file"), str) else None


class Recorded(NamedTuple):
    """What an output file holds (``read_output``)."""

    paths: set[str]            # the resolved paths of the files recorded
    pipelines: dict            # the pipeline records met (json text, or None: no record) -> first line number
    partial: int               # bytes of a partial last line (0: none)
    whole: int                 # bytes of the whole lines before it


def read_output(out_path: Path | str) -> Recorded:
    """Read an output file's records without changing it. A complete line that is
    not nrcie output is a BatchError. A line with no ``"path"`` (written by an older
    nrcie) is keyed on the resolved ``"file"``."""
    out_path = Path(out_path)
    paths: set[str] = set()
    pipelines: dict = {}
    whole = partial = 0
    with open(out_path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.endswith(b"\n"):  # only the last line can lack its newline
                partial = len(raw)
                break
            if raw.strip():
                head = _head_of(raw)
                if head is None:
                    raise BatchError(f"{out_path}, line {lineno}: not a line of nrcie parse output; "
                                     "fix the file, or start afresh (--overwrite, resume=False)")
                path = head.get("path")
                paths.add(path if isinstance(path, str) else os.path.realpath(head["file"]))
                key = json.dumps(head.get("pipeline"), sort_keys=True) if "pipeline" in head else None
                pipelines.setdefault(key, lineno)
            whole += len(raw)
    return Recorded(paths, pipelines, partial, whole)


def check_pipeline(out_path: Path | str, recorded: Recorded, pipeline: dict) -> None:
    """A BatchError unless every line of the output was written by ``pipeline``."""
    from .pipeline import format_record

    for key, lineno in recorded.pipelines.items():
        theirs = None if key is None else json.loads(key)
        if theirs == pipeline:
            continue
        if not isinstance(theirs, dict):
            what = f"{out_path}, line {lineno} records no pipeline (written by an older nrcie)"
        else:
            what = f"{out_path} was written by pipeline {format_record(theirs)}"
        raise BatchError(f"{what}, not {format_record(pipeline)}: resume it with the same pipeline, "
                         "or start afresh (--overwrite; resume=False in Python)")


def drop_partial_line(out_path: Path | str, recorded: Recorded) -> None:
    """Rewrite the output without its partial last line, atomically."""
    with open(out_path, "rb") as src, atomic_open(out_path, "wb") as dst:
        left = recorded.whole
        while left:
            block = src.read(min(left, 1 << 20))
            if not block:
                break
            dst.write(block)
            left -= len(block)


def recorded_files(out_path: Path | str, repair: bool = True) -> tuple[set[str], int]:
    """The resolved paths of the files recorded in an output file, and the size in
    bytes of a partial last line (0 if none). With ``repair``, that line is dropped:
    the file is rewritten without it, atomically. A complete line that is not nrcie
    output is an error."""
    recorded = read_output(out_path)
    if recorded.partial and repair:
        drop_partial_line(out_path, recorded)
    return recorded.paths, recorded.partial


def _error_line(name: str, error: str) -> bytes:
    return json_line({"file": name, "error": error}).encode("utf-8")


def _write_errors(path: Path, errors: Iterable[tuple[str, str]]) -> None:
    lines = [_error_line(n, e) for n, e in errors]
    if lines:
        with atomic_open(path, "wb") as f:
            f.writelines(lines)
    elif path.exists():
        path.unlink()


# --------------------------------------------------------------------- the batch loop

def _chunks(pairs: list[tuple], size: int) -> Iterator[list[tuple]]:
    for i in range(0, len(pairs), size):
        yield pairs[i:i + size]


def _in_order(chunks: Iterator, submit: Callable, next_done: Callable, window: Callable[[], int]) -> Iterator:
    """Submit chunks, keeping at most ``window()`` submitted-but-unyielded at once, and
    yield their results in chunk order as soon as each is next in line.
    ``submit(chunk) -> future``; ``next_done(pending futures) -> futures now done``."""
    pending: dict = {}   # future -> chunk index
    ready: dict = {}     # chunk index -> result, waiting for an earlier chunk
    next_index = submitted = 0
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) + len(ready) < max(1, window()):
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pending[submit(chunk)] = submitted
                submitted += 1
            if not pending:
                return
            for fut in next_done(pending):
                ready[pending.pop(fut)] = fut.result()
            while next_index in ready:
                yield ready.pop(next_index)
                next_index += 1
    finally:
        for fut in pending:
            fut.cancel()


def _say(msg: str) -> None:
    from tqdm import tqdm

    tqdm.write(msg, file=sys.stderr)


def _run_batch(inputs, out_path, resume: bool, progress, chunk_size: int, executor, pipeline: dict) -> BatchReport:
    """The batch loop. ``executor`` is a context manager factory giving a function
    ``chunks -> iterator of lists of Outcome`` (in chunk order); it is entered only
    when there is something to parse. ``pipeline``: the ``pipeline_record`` of the
    pipeline the executor runs (an output written by another is not resumed)."""
    from tqdm import tqdm

    t0 = time.perf_counter()
    out_path = check_output_path(out_path)
    report = BatchReport(out_path, errors_path_for(out_path))
    # each file once (by its resolved path: said on stderr), keyed on that path
    files = expand_inputs([inputs] if isinstance(inputs, (str, os.PathLike)) else inputs,
                          report=lambda msg: _say(f"nrcie: {msg}"))
    report.total = len(files)
    done: set[str] = set()
    if resume and out_path.exists():
        recorded = read_output(out_path)
        check_pipeline(out_path, recorded, pipeline)   # before anything is parsed or rewritten
        done = recorded.paths
        if recorded.partial:
            drop_partial_line(out_path, recorded)
            report.dropped_partial_line = True
            _say(f"nrcie: {out_path} ended in a partial line ({recorded.partial} bytes, left by an interrupted "
                 "run); dropped it and rewrote the file")
    todo = [(str(p), os.path.abspath(p), real) for p in files
            if (real := os.path.realpath(p)) not in done]
    report.skipped = report.total - len(todo)
    if report.skipped:
        _say(f"nrcie: resuming {out_path}: {report.skipped} of {report.total} files already there, skipping them")

    # the workers (a pool, a cluster) are ready before the output is touched
    with (executor() if todo else nullcontext(None)) as run:
        if resume:
            # the sidecar lists the failures of the latest run: those of earlier runs are
            # not in the output, so they are tried again now and recorded again if they fail
            if report.errors_path.exists():
                report.errors_path.unlink()
            try:
                out_path.parent.mkdir(parents=True, exist_ok=True)
                out_cm = open(out_path, "ab")
            except OSError as e:
                raise BatchError(f"cannot write {out_path}: {e.strerror or e}") from None
        else:
            out_cm = atomic_open(out_path, "wb")
        err_file = None
        bar = tqdm(total=report.total, initial=report.skipped, unit="file", desc="parsing", file=sys.stderr,
                   disable=(None if progress is None else not progress), dynamic_ncols=True)
        try:
            with out_cm as out:
                for outcomes in run(_chunks(todo, chunk_size)) if run else ():
                    for o in outcomes:
                        if o.note:
                            _say(f"nrcie: {o.note}")
                        if o.error is not None:
                            _say(f"nrcie: skipped {o.file}: {o.error}")
                            report.failed.append((o.file, o.error))
                            if resume:
                                if err_file is None:
                                    err_file = open(report.errors_path, "ab")
                                err_file.write(_error_line(o.file, o.error))
                                err_file.flush()
                        else:
                            if o.pipeline != pipeline:  # e.g. a Dask worker with another pipeline
                                from .pipeline import format_record

                                raise BatchError(f"{o.file} was parsed with {format_record(o.pipeline)}, "
                                                 f"not {format_record(pipeline)}: give every worker the same "
                                                 "pipeline (and nrcie)")
                            out.write(o.line.encode("utf-8"))
                            out.flush()
                            report.parsed += 1
                    bar.update(len(outcomes))
                if resume:
                    fsync_quietly(out)
        finally:
            bar.close()
            if err_file is not None:
                err_file.close()
    if not resume:
        _write_errors(report.errors_path, report.failed)
    report.seconds = time.perf_counter() - t0
    return report


# --------------------------------------------------------------------- one machine

def parse_folder(inputs, out_path, model=None, n_process: int = 1, batch_size: int = 8,
                 resume: bool = True, progress: bool | None = True) -> BatchReport:
    """Parse files and folders (their ``*.txt``, recursively, sorted) into the JSON Lines
    file ``out_path``, one line per file, as ``nrcie parse`` prints them.

    ``resume=True`` skips files already recorded in ``out_path`` and appends; ``False``
    starts afresh (atomic replace at the end). Failed files go to ``out_path + ".errors"``
    and ``report.failed``; they are tried again on the next run. An output written
    by another pipeline is a BatchError (see the module docstring). ``model``: a name, a
    path or a loaded ``Language``. ``n_process > 1`` parses in that many processes (each
    reads its files and loads the pipeline once). ``progress``: True, False, or None
    (only on a terminal)."""
    from .pipeline import pipeline_record

    if n_process < 1:
        raise ValueError("n_process must be at least 1")
    nlp = _load(model)  # loaded (and checked) before the output is touched

    @contextmanager
    def executor():
        if n_process == 1:
            yield lambda chunks: (parse_files(nlp, c, batch_size) for c in chunks)
            return
        # each process loads the pipeline once (by name, or inherits/unpickles a given Language)
        spec = nlp if model is not None and not isinstance(model, (str, os.PathLike)) else model
        pool = ProcessPoolExecutor(n_process, initializer=_pool_init, initargs=(spec,))
        try:
            yield lambda chunks: _in_order(
                chunks, lambda c: pool.submit(_pool_task, c, batch_size),
                lambda fs: wait_futures(list(fs), return_when=FIRST_COMPLETED).done, lambda: 4 * n_process)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    return _run_batch(inputs, out_path, resume, progress, batch_size, executor, pipeline_record(nlp))


# --------------------------------------------------------------------- a Dask cluster

def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise BatchError("parsing on a cluster needs Dask: pip install 'dask[distributed]'") from None
    return distributed


@contextmanager
def dask_client(scheduler=None):
    """A ``distributed.Client`` for ``scheduler``: a Client (used as is), a scheduler
    address (``tcp://host:8786``), ``"local"`` or ``"local:N"`` (a LocalCluster of N
    single-threaded worker processes, closed afterwards), or None (the default Client if
    there is one, else a LocalCluster with one worker per core)."""
    distributed = _import_distributed()
    if isinstance(scheduler, distributed.Client):
        yield scheduler
        return
    if scheduler is None:
        try:
            client = distributed.default_client()
        except ValueError:  # none: a local cluster
            scheduler = "local"
        else:
            yield client
            return
    spec = str(scheduler)
    if spec == "local" or spec.startswith("local:"):
        n = spec.partition(":")[2]
        if n and not (n.isdigit() and int(n) > 0):
            raise BatchError(f"--dask local:N needs a number of workers N > 0, not {n!r}")
        cluster = distributed.LocalCluster(n_workers=int(n) if n else os.cpu_count() or 1, threads_per_worker=1,
                                           processes=True, dashboard_address=None)
        try:
            with distributed.Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(spec, set_as_default=False, timeout=30)
    except (OSError, TimeoutError, ValueError) as e:
        raise BatchError(f"cannot reach the Dask scheduler at {spec}: {e}") from None
    with client:
        yield client


def parse_folder_dask(inputs, out_path, scheduler=None, model=None, files_per_task: int = 50,
                      batch_size: int = 8, resume: bool = True, progress: bool | None = True) -> BatchReport:
    """``parse_folder`` on a Dask cluster: lists of ``files_per_task`` files go to the
    workers, each worker reads its files and loads the pipeline once, and the results
    are written as they complete, in input order, so the output is byte-identical to
    ``parse_folder``'s (same resume, errors sidecar and atomicity rules).

    ``scheduler``: see ``dask_client`` (None, ``"local:N"``, an address or a Client).
    ``model``: None or a pipeline name or path that the workers can load. The input
    paths must be readable by the workers at the same absolute path (e.g. a shared
    filesystem), and nrcie installed on them."""
    if files_per_task < 1:
        raise ValueError("files_per_task must be at least 1")
    if model is not None and not isinstance(model, (str, os.PathLike)):
        raise BatchError("on a cluster, model must be a pipeline name or path (workers load it themselves)")
    if model is not None and Path(model).is_dir():
        model = os.path.abspath(model)
    elif model is not None:
        model = str(model)
    from .pipeline import describe_model, format_record

    pipeline = describe_model(model)   # from its meta.json here; the workers' is checked against it

    @contextmanager
    def executor():
        distributed = _import_distributed()
        with dask_client(scheduler) as client:
            completed = distributed.as_completed([], loop=client.loop)

            def submit(chunk):
                fut = client.submit(_dask_task, chunk, model, batch_size, pure=False)
                completed.add(fut)
                return fut

            def window() -> int:
                return max(4, 2 * sum(client.nthreads().values()))

            # one worker loads the pipeline first: a wrong model fails here, cleanly
            theirs = client.submit(_dask_pipeline_record, model, pure=False).result()
            if theirs != pipeline:
                raise BatchError(f"the Dask workers load {format_record(theirs)} for this model, this machine "
                                 f"{format_record(pipeline)}: install the same pipeline and nrcie on both")

            yield lambda chunks: _in_order(chunks, submit, lambda _: completed.next_batch(block=True), window)

    return _run_batch(inputs, out_path, resume, progress, files_per_task, executor, pipeline)
