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


def test_atomic_write_keeps_the_mode_of_an_existing_file(tmp_path):
    import os
    import stat

    from nrcie.io import atomic_write_text

    p = tmp_path / "out.txt"
    p.write_text("old", encoding="utf-8")
    os.chmod(p, 0o600)
    atomic_write_text(p, "new")
    assert p.read_text(encoding="utf-8") == "new" and stat.S_IMODE(p.stat().st_mode) == 0o600


def test_atomic_write_goes_through_a_symbolic_link(tmp_path):
    from nrcie.io import atomic_write_text

    target = tmp_path / "target.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    atomic_write_text(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_writing_to_a_device_or_a_folder(tmp_path):
    from nrcie.errors import OutputError
    from nrcie.io import atomic_write_text

    atomic_write_text("/dev/null", "discarded")
    with pytest.raises(OutputError, match="is a folder"):
        atomic_write_text(tmp_path, "x")


@pytest.mark.parametrize("target", ["/dev/null", "FOLDER"])
def test_cli_output_to_dev_null_or_a_folder_is_no_traceback(tmp_path, target, capsys):
    from nrcie.cli import main

    (tmp_path / "r.txt").write_text("开展执法检查3次", encoding="utf-8")
    out = str(tmp_path) if target == "FOLDER" else target
    code = main(["parse", str(tmp_path / "r.txt"), "-o", out, "-m", "rules", "--no-progress"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (code, "is a folder" in err) == ((2, True) if target == "FOLDER" else (0, False))
