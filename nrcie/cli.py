"""The ``nrcie`` command line (also ``python -m nrcie``)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import NrcieError, UserError  # noqa: F401  (UserError: its old home)


def _cmd_validate(args) -> int:
    from .corpus.validate import validate

    n, errors = validate(args.path)
    for e in errors:
        print(e)
    if n == 0:
        raise UserError(f"no annotation files (*.jsonl) under {args.path or 'annotations/'}")
    print(f"{n} files checked, {len(errors)} errors")
    return 1 if errors else 0


def _cmd_corpus(args) -> int:
    from .corpus import authoring

    if args.corpus_cmd == "import-seed":
        for m in args.markup:
            print(authoring.import_seed(m, args.seed))
    elif args.corpus_cmd == "import-original":
        for m in args.markup:
            print(authoring.import_original(m))
    elif args.corpus_cmd == "import-unlabeled":
        for m in args.markup:
            print(authoring.import_unlabeled(m))
    elif args.corpus_cmd == "excerpt":
        from .io import atomic_write_text

        plan = authoring.excerpt_plan()
        if args.doc_id not in plan:
            raise UserError(f"no excerpt {args.doc_id!r} in {authoring.excerpt_plan_path()} "
                            f"(known: {', '.join(sorted(plan)) or 'none'})")
        entry = plan[args.doc_id]
        atomic_write_text(args.out, authoring.excerpt_scratch(entry["excerpt"], args.doc_id, entry.get("meta")))
        print(args.out)
    elif args.corpus_cmd == "render":
        sys.stdout.write(authoring.render(args.gold))
    elif args.corpus_cmd == "surfaces":
        for line in authoring.surface_report(args.path, args.min_len):
            print(line)
    elif args.corpus_cmd == "report":
        from .corpus.report import corpus_report

        print(corpus_report(args.path))
    elif args.corpus_cmd == "docbin":
        from .corpus.convert import write_docbins

        for path in write_docbins(args.out, args.path):
            print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nrcie",
        description="Extract regulations, bodies, meetings, initiatives, counts and the work they count "
        "from Chinese People's Congress work reports.",
    )
    p.add_argument("--version", action="version", version=f"nrcie {__version__}")
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND")

    from .commands import add_commands
    from .formats.cli import add_convert_command
    from .packaging import add_package_command

    add_commands(sub)
    add_convert_command(sub)
    add_package_command(sub)

    v = sub.add_parser("validate", help="check the gold annotation files (the whole corpus by default)",
                       description="Check stand-off gold files: labels, offsets, surfaces, overlaps, relations.")
    v.add_argument("path", nargs="?", help="a .jsonl file or a folder (default: annotations/)")
    v.set_defaults(func=_cmd_validate)

    c = sub.add_parser("corpus", help="author and inspect the gold corpus (import, render, reports, DocBin)",
                       description="Tools for the gold corpus.")
    csub = c.add_subparsers(dest="corpus_cmd", metavar="ACTION", required=True)
    s = csub.add_parser("import-seed", help="store the stand-off of a marked-up copy of a seed report")
    s.add_argument("markup", nargs="+", type=Path)
    s.add_argument("--seed", help="the seed file name (default: front matter 'seed')")
    o = csub.add_parser("import-original", help="store a marked-up original document as text + stand-off")
    o.add_argument("markup", nargs="+", type=Path)
    u = csub.add_parser("import-unlabeled",
                        help="store the stand-off of a marked-up excerpt of an unlabeled third-party report")
    u.add_argument("markup", nargs="+", type=Path)
    x = csub.add_parser("excerpt", help="write a markup-ready scratch copy of a planned unlabeled excerpt "
                        "(third-party text: keep it outside the repository)")
    x.add_argument("doc_id", help="an excerpt id of annotations/unlabeled/excerpts.json")
    x.add_argument("-o", "--out", type=Path, required=True)
    r = csub.add_parser("render", help="print one gold file as inline markup (for review)")
    r.add_argument("gold", type=Path)
    f = csub.add_parser("surfaces", help="consistency report: surfaces labelled two ways or left bare")
    f.add_argument("path", nargs="?")
    f.add_argument("--min-len", type=int, default=2)
    rep = csub.add_parser("report", help="characters, entities per label and relations, per split")
    rep.add_argument("path", nargs="?")
    d = csub.add_parser("docbin", help="write train/dev/test DocBin files from the gold corpus")
    d.add_argument("out", type=Path, help="output folder")
    d.add_argument("--path", help="corpus folder (default: annotations/)")
    c.set_defaults(func=_cmd_corpus)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except NrcieError as e:     # UserError, CorpusError, MarkupError, FormatError... (nrcie.errors)
        print(f"nrcie: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("nrcie: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
