"""Exceptions nrcie raises for mistakes a user can fix."""


class NrcieError(Exception):
    """Base class of nrcie's own errors."""


class InputError(NrcieError, TypeError):
    """The input is not text nrcie can parse (None, bytes, a number...)."""


class ModelNotFoundError(NrcieError, OSError):
    """No pipeline under that name or path."""


class IntermediateCorpusError(NrcieError, ValueError):
    """The intermediate training corpus (``nrcie train accurate --intermediate``) is missing or unusable."""


class OutputError(NrcieError, OSError):
    """An output path nrcie cannot write to as asked (a folder, say)."""
