"""``nrcie convert IN OUT``: annotation from one format to another.

Wire it into a parser with :func:`add_convert_command` (``sub`` is the object
``ArgumentParser.add_subparsers()`` returns); :func:`main` runs it alone
(``python -m nrcie.formats.cli convert IN OUT``).

Exit status: 0 converted; 1 bad records (each printed to standard error as
``file:line: reason``; nothing is written); 2 a usage mistake (raised as
:class:`nrcie.errors.UserError`).
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from ..errors import NrcieError, UserError
from . import FORMATS, FormatError, detect_format, output_format, read_documents, write_documents
from .base import FormatWarning

_EPILOG = """formats:
  labelstudio  Label Studio JSON export (.json; .jsonl: one task a line)
  doccano      doccano sequence labelling with relations (.jsonl)
  prodigy      Prodigy spans + relations, db-out (.jsonl)
  docbin       spaCy DocBin (.spacy), relations in doc._.nrcie_relations
  conll        BIO, one character a line, char<TAB>tag (.conll, .bio); no relations
  standoff     nrcie stand-off (.jsonl + .txt; a folder for several documents)
  markup       nrcie inline markup (.txt; a folder for several documents)

The input format is told by the extension, and for .jsonl by the content.
The output format is told by the extension (.spacy, .conll/.bio, .json, .txt);
.jsonl and folders need --to.  Labels must be the schema's unless --labels
says otherwise: --labels ORG,PER (exactly these) or --labels +ORG (the schema's and ORG).
"""


def add_convert_command(sub) -> argparse.ArgumentParser:
    """Register ``convert`` on a sub-parser collection; returns its parser."""
    names = list(FORMATS)
    p = sub.add_parser(
        "convert", help="convert annotation between Label Studio, doccano, Prodigy, DocBin, CoNLL and nrcie formats",
        description="Convert annotated documents (entities and COUNT_OF relations) from one format to another. "
        "Every bad record is reported as file:line: reason, and then nothing is written.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", metavar="IN", type=Path, help="an annotation file or a folder of them")
    p.add_argument("output", metavar="OUT", type=Path, help="the file (or, for standoff/markup, folder) to write")
    p.add_argument("--from", dest="from_fmt", choices=names, metavar="FMT",
                   help=f"input format ({', '.join(names)}); default: detected")
    p.add_argument("--to", dest="to_fmt", choices=names, metavar="FMT",
                   help="output format; default: from OUT's extension")
    p.add_argument("--labels", help="entity labels allowed: A,B,C (exactly these) or +A,B (the schema's and these)")
    p.set_defaults(func=cmd_convert)
    return p


def parse_labels(spec: str | None):
    from ..schema import LABELS

    if not spec:
        return None
    extra = spec.startswith("+")
    names = [x.strip() for x in spec.lstrip("+").split(",") if x.strip()]
    return (*LABELS, *names) if extra else tuple(names)


def cmd_convert(args) -> int:

    to = args.to_fmt or output_format(args.output)
    if to is None:
        raise UserError(f"cannot tell the output format from {args.output} "
                        f"(.jsonl and folders could be several); give --to ({', '.join(FORMATS)})")
    if not args.input.exists():
        raise UserError(f"{args.input}: no such file or folder")
    src = args.from_fmt
    if src is None:
        try:
            src = detect_format(args.input)
        except FormatError:
            src = None    # per file; read_documents reports what it cannot tell
    labels = parse_labels(args.labels)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs, problems = read_documents(args.input, fmt=args.from_fmt, labels=labels, errors="collect")
        if not problems:
            try:
                write_documents(docs, args.output, to, labels=labels)
            except FormatError as e:
                problems = e.problems
    for w in caught:
        if issubclass(w.category, FormatWarning):
            print(f"nrcie: warning: {w.message}", file=sys.stderr)
        else:   # a library's own warning stays that library's, shown as Python shows it
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"nrcie: {len(problems)} bad record{'s' if len(problems) != 1 else ''}; nothing written to "
              f"{args.output}", file=sys.stderr)
        return 1
    n_ents = sum(len(d.entities) for d in docs)
    n_rels = sum(len(d.relations) for d in docs)
    print(f"converted {_n(len(docs), 'document')}, {_n(n_ents, 'entity', 'entities')}, "
          f"{_n(n_rels, 'relation')}: "
          f"{args.input} ({src or 'detected per file'}) -> {args.output} ({to})")
    return 0


def _n(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def main(argv: list[str] | None = None) -> int:
    """``nrcie convert`` on its own (for tests and ``python -m nrcie.formats.cli``)."""

    parser = argparse.ArgumentParser(prog="nrcie")
    sub = parser.add_subparsers(dest="cmd", metavar="COMMAND", required=True)
    add_convert_command(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except NrcieError as e:
        print(f"nrcie: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
