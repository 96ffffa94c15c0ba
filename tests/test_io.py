import pytest

from nrcie.io import atomic_open, atomic_write_text
from nrcie.textio import InputFileError, decode_bytes


def test_atomic_write_replaces_only_on_success(tmp_path):
    p = tmp_path / "f.txt"
    atomic_write_text(p, "one")
    with pytest.raises(ZeroDivisionError):
        with atomic_open(p) as f:
            f.write("two")
            1 / 0
    assert p.read_text() == "one"
    assert [x.name for x in tmp_path.iterdir()] == ["f.txt"]


@pytest.mark.parametrize("data,encoding", [
    ("召开会议".encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + "会议".encode("utf-8"), "utf-8 (BOM)"),
    ("召开会议".encode("gb18030"), "gb18030"),
    (b"plain", "ascii"),
])
def test_decoding_tries_utf8_then_gb18030(data, encoding):
    text, enc = decode_bytes(data)
    assert enc == encoding and text in ("召开会议", "会议", "plain")


@pytest.mark.parametrize("data", [b"\x00\x01\x02", bytes(range(1, 32)) * 20])
def test_binary_data_is_refused(data):
    with pytest.raises(InputFileError, match="binary"):
        decode_bytes(data, "x.bin")
