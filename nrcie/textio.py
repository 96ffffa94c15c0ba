"""Reading report files: encodings, binary files, folders."""
from __future__ import annotations

from pathlib import Path

from .errors import NrcieError

ENCODINGS = ("utf-8", "gb18030")


class InputFileError(NrcieError):
    """A file that is not readable text."""


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes: UTF-8 (BOM dropped), else GB18030. Binary data is refused."""
    head = data[:8192]
    if b"\x00" in head:
        raise InputFileError(f"{name}: binary file (contains NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for enc in ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
        if controls > max(8, len(text[:4096]) // 50):
            raise InputFileError(f"{name}: looks binary (many control characters), not text")
        return text, ("ascii" if enc == "utf-8" and data.isascii() else enc)
    raise InputFileError(f"{name}: neither UTF-8 nor GB18030 text")


def read_text_file(path: Path | str) -> tuple[str, str]:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputFileError(f"{path}: {e.strerror or e}") from None
    return decode_bytes(data, str(path))


def expand_inputs(paths) -> list[Path]:
    """Files as given; folders become their ``*.txt`` files, recursively, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*.txt") if x.is_file()))
        else:
            out.append(p)
    return out
