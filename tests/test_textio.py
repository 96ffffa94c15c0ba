"""Reading report files: byte order marks, legacy Chinese encodings, folder expansion."""
import pytest

from nrcie.textio import InputFileError, decode_bytes, expand_inputs

TEXT = "县人大常委会召开常委会会议8次，开展执法检查5次，听取专项工作报告。"
TRAD = "縣人大常委會召開常委會會議8次，開展執法檢查5次，聽取專項工作報告。"


@pytest.mark.parametrize("data, text, encoding", [
    (TEXT.encode("utf-8"), TEXT, "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, "utf-8 (BOM)"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), TEXT, "utf-16-le (BOM)"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT, "utf-16-be (BOM)"),
    (TEXT.encode("gb18030"), TEXT, "gb18030"),
    (TRAD.encode("big5"), TRAD, "big5"),
])
def test_bytes_decode_with_the_encoding_they_are_in(data, text, encoding):
    assert decode_bytes(data, "x") == (text, encoding)


@pytest.mark.parametrize("data, reason", [
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"\xff\xfe\x00\xd8", "byte order mark"),       # UTF-16 BOM, then a lone surrogate
])
def test_undecodable_bytes_are_a_clear_error(data, reason):
    with pytest.raises(InputFileError, match=reason):
        decode_bytes(data, "x")


def test_folders_expand_to_txt_files_of_any_case_and_say_what_they_skip(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "B.TXT").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    outside = tmp_path.parent / (tmp_path.name + "_outside")
    outside.mkdir()
    (outside / "c.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "linked").symlink_to(outside, target_is_directory=True)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    said = []
    files = expand_inputs([tmp_path], report=said.append)
    assert sorted(f.name for f in files) == ["B.TXT", "a.txt", "c.txt"]
    assert any("gone.txt" in s and "link" in s for s in said)
    assert any("1 file(s) without a .txt ending" in s for s in said)
