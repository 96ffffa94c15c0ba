"""Reading report files: encodings, binary files, folders."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from .errors import InputFileError, NrcieError  # noqa: F401  (InputFileError: its old home)

#: byte order marks, longest first (UTF-32 LE starts like UTF-16 LE)
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: legacy Chinese encodings tried (strictly) when the bytes are not UTF-8
LEGACY = ("gb18030", "big5")


def _check_text(text: str, name: str) -> None:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text[:4096]) // 50):
        raise InputFileError(f"{name}: looks binary (many control characters), not text")


def _legacy(data: bytes) -> str | None:
    """The legacy encoding the bytes are in: the one that decodes strictly, and where
    both GB18030 and Big5 do (short texts), the one charset-normalizer finds likelier."""
    fits = []
    for enc in LEGACY:
        try:
            data.decode(enc)
            fits.append(enc)
        except UnicodeDecodeError:
            pass
    if len(fits) < 2:
        return fits[0] if fits else None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY)).best()
    return best.encoding.replace("_", "") if best is not None and best.encoding.replace("_", "") in LEGACY \
        else "gb18030"


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding used).

    A byte order mark decides (UTF-8, UTF-16, UTF-32); else UTF-8, else GB18030 or
    Big5 (strict decoding, charset-normalizer between the two).  Binary data is refused.
    """
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError:
                raise InputFileError(f"{name}: starts with a {enc.upper()} byte order mark but is not "
                                     f"{enc.upper()} text") from None
            _check_text(text, name)
            return text, enc + " (BOM)"
    if b"\x00" in data[:8192]:
        raise InputFileError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
        enc = "ascii" if data.isascii() else "utf-8"
    except UnicodeDecodeError:
        enc = _legacy(data)
        if enc is None:
            raise InputFileError(f"{name}: neither UTF-8, GB18030 nor Big5 text") from None
        text = data.decode(enc)
    _check_text(text, name)
    return text, enc


def read_text_file(path: Path | str) -> tuple[str, str]:
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputFileError(f"{path}: a folder where a file was expected") from None
    except OSError as e:
        raise InputFileError(f"{path}: {e.strerror or e}") from None
    return decode_bytes(data, str(path))


def _say(message: str) -> None:
    print(f"nrcie: {message}", file=sys.stderr)


def expand_inputs(paths, report: Callable[[str], None] | None = _say) -> list[Path]:
    """Files as given; folders become their ``.txt`` files (any case), recursively,
    sorted, following symbolic links to folders once each.  What a folder holds
    but is not parsed is reported through ``report`` (None: silently): dangling
    links, and a count of files with other endings.  A file reached twice (named
    twice, by two spellings, through a symbolic link, or a folder given twice,
    relative and absolute) is listed once, where first reached, by its
    ``os.path.realpath``; that is reported too."""
    out = _expand(paths, report)
    seen: dict[str, Path] = {}
    twice: list[tuple[Path, Path]] = []
    for p in out:
        first = seen.setdefault(os.path.realpath(p), p)
        if first is not p:
            twice.append((p, first))
    if not twice:
        return out
    if report:
        p, first = twice[0]
        same = f"{p} was named twice" if str(p) == str(first) else f"{p} is the same file as {first}"
        report(f"{same}: parsed once" if len(twice) == 1 else
               f"{len(twice)} files were named more than once (e.g. {same}): each parsed once")
    return list(seen.values())


def _expand(paths, report: Callable[[str], None] | None) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        found, other, seen = [], 0, set()
        for root, dirs, files in os.walk(p, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:       # a link back up the tree: walked once
                dirs[:] = []
                continue
            seen.add(real)
            dirs.sort()
            for f in files:
                fp = Path(root) / f
                if not fp.exists():
                    if report:
                        report(f"skipped {fp}: a symbolic link to nothing")
                elif fp.suffix.lower() == ".txt":
                    found.append(fp)
                else:
                    other += 1
        if other and report:
            report(f"{p}: {other} file(s) without a .txt ending not parsed")
        out.extend(sorted(found))
    return out
