"""File input and output: atomic writes and robust text reading."""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .errors import OutputError


def check_output_path(path: Path | str) -> Path:
    """``path`` as a file to write: a folder is an OutputError."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give the name of a file to write")
    return path


def fsync_quietly(f) -> None:
    """``os.fsync`` where the target is a regular file (devices and pipes refuse it)."""
    try:
        os.fsync(f.fileno())
    except OSError:
        if stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise


@contextmanager
def atomic_open(path: Path | str, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; move it over ``path`` only on success.

    A crash or exception mid-write leaves the old file as it was.  A symbolic link
    is written through (its target is replaced, the link stays), an existing
    file keeps its permissions, and a target that is no regular file
    (``/dev/null``, a pipe) is written directly.  A folder is an OutputError.
    """
    path = check_output_path(path)
    kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
    if path.exists() and not path.is_file():
        with open(path, mode, **kwargs) as f:
            yield f
        return
    path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        perms = stat.S_IMODE(path.stat().st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        perms = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, perms)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path | str, text: str) -> None:
    with atomic_open(path, "w") as f:
        f.write(text)
