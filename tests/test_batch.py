"""Batch parsing (nrcie.batch, `nrcie parse DIR -o OUT.jsonl`): streamed, resumable,
bad files recorded and retried, --overwrite, and the same bytes on a Dask cluster."""
import json
import os

import pytest

import nrcie.runner as runner
from nrcie.batch import errors_path_for, parse_folder
from nrcie.cli import main

# texts written for these tests (invented facts)
TEXTS = {
    "a.txt": "2023年，河湾市人大常委会召开常委会会议7次，开展执法检查3次。",
    "b.txt": "全年审议地方性法规草案5件，听取和审议专项工作报告9个，开展专题询问2次。",
    "c.txt": "常委会制定《河湾市湿地保护条例》，备案审查规范性文件14件。",
    "d.txt": "召开主任会议15次，任免国家机关工作人员41人次。",
    "sub/e.txt": "新建代表联络站6个，组织代表开展视察调研120余人次。",
}
GB_TEXT = "办理代表建议86件，推动落实民生实事资金300万元。"   # written as GB18030


@pytest.fixture
def reports(tmp_path):
    d = tmp_path / "reports"
    for name, text in TEXTS.items():
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        (d / name).write_text(text + "\n", encoding="utf-8")
    (d / "f.txt").write_bytes(GB_TEXT.encode("gb18030"))
    return d


@pytest.fixture
def parsed_texts(monkeypatch):
    """Every text the pipeline is run on (nrcie.runner.run_many is what batches call)."""
    seen = []
    real = runner.run_many

    def counting(nlp, texts, *a, **kw):
        texts = list(texts)
        seen.extend(texts)
        return real(nlp, texts, *a, **kw)

    monkeypatch.setattr(runner, "run_many", counting)
    return seen


def plain_parse(reports, capsys) -> str:
    """What the non-batch `nrcie parse DIR` prints."""
    assert main(["parse", str(reports), "--no-progress"]) == 0
    return capsys.readouterr().out


def files_of(path):
    return [json.loads(line)["file"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_output_equals_plain_parse(reports, tmp_path, capsys):
    expected = plain_parse(reports, capsys)
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(reports), "-o", str(out), "--no-progress"]) == 0
    assert out.read_text(encoding="utf-8") == expected
    assert "read " in capsys.readouterr().err          # f.txt read as gb18030, said on stderr
    two = tmp_path / "two.jsonl"
    report = parse_folder([reports], two, n_process=2, batch_size=2, progress=False)
    assert (report.total, report.parsed, report.failed) == (6, 6, [])
    assert two.read_text(encoding="utf-8") == expected
    assert not errors_path_for(out).exists()


def test_rerun_skips_files_already_recorded(reports, tmp_path, parsed_texts, capsys):
    out = tmp_path / "out.jsonl"
    first = sorted(reports.glob("*.txt"))[:3]       # a.txt b.txt c.txt: the first 3 in folder order
    parse_folder(first, out, progress=False)
    assert len(parsed_texts) == 3
    parsed_texts.clear()
    report = parse_folder([reports], out, progress=False)
    assert (report.skipped, report.parsed) == (3, 3)
    assert sorted(t.strip() for t in parsed_texts) == sorted([TEXTS["d.txt"], TEXTS["sub/e.txt"], GB_TEXT])
    assert "resuming" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == plain_parse(reports, capsys)
    parsed_texts.clear()
    assert main(["parse", str(reports), "-o", str(out), "--no-progress"]) == 0
    assert parsed_texts == []


def test_interrupted_run_resumes_where_it_stopped(reports, tmp_path, monkeypatch, parsed_texts, capsys):
    expected = plain_parse(reports, capsys)
    out = tmp_path / "out.jsonl"
    real = runner.run_many
    calls = []

    def crash_on_third(nlp, texts, *a, **kw):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(nlp, texts, *a, **kw)

    monkeypatch.setattr(runner, "run_many", crash_on_third)
    assert main(["parse", str(reports), "-o", str(out), "--batch-size", "1", "--no-progress"]) == 130
    assert len(files_of(out)) == 2                   # whole lines, written as each file was done
    monkeypatch.setattr(runner, "run_many", real)
    parse_folder([reports], out, batch_size=1, progress=False)
    assert out.read_text(encoding="utf-8") == expected


def test_partial_last_line_is_dropped_and_redone(reports, tmp_path, parsed_texts, capsys):
    out = tmp_path / "out.jsonl"
    parse_folder([reports], out, progress=False)
    expected = out.read_bytes()
    out.write_bytes(expected[:-40])                  # a crash in the middle of the last line
    parsed_texts.clear()
    report = parse_folder([reports], out, progress=False)
    assert report.dropped_partial_line and (report.skipped, report.parsed) == (5, 1)
    assert parsed_texts == [TEXTS["sub/e.txt"] + "\n"]    # the last file in folder order
    assert "partial line" in capsys.readouterr().err
    assert out.read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "reports"]  # no temp file left


def test_bad_files_are_reported_recorded_and_retried(reports, tmp_path, parsed_texts, capsys):
    (reports / "bin.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    (reports / "bad.txt").write_bytes(b"\x80\x81\xff\x80\x81\xff")   # neither UTF-8, GB18030 nor Big5
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(reports), "-o", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "bin.txt: binary file" in err and "bad.txt: neither UTF-8, GB18030 nor Big5" in err
    assert len(files_of(out)) == 6                   # the others all parsed
    recorded = [json.loads(x) for x in errors_path_for(out).read_text(encoding="utf-8").splitlines()]
    assert [(r["file"].rsplit("/", 1)[-1], r["error"]) for r in recorded] == [
        ("bad.txt", "neither UTF-8, GB18030 nor Big5 text"), ("bin.txt", "binary file (contains NUL bytes), not text")]

    (reports / "bin.txt").write_text("开展执法检查2次。", encoding="utf-8")  # fixed; bad.txt still bad
    parsed_texts.clear()
    assert main(["parse", str(reports), "-o", str(out), "--no-progress"]) == 1
    assert parsed_texts == ["开展执法检查2次。"]     # only the failed files were tried again
    assert [json.loads(x)["file"].rsplit("/", 1)[-1]
            for x in errors_path_for(out).read_text(encoding="utf-8").splitlines()] == ["bad.txt"]
    (reports / "bad.txt").unlink()
    assert main(["parse", str(reports), "-o", str(out), "--no-progress"]) == 0
    assert not errors_path_for(out).exists()
    assert len(files_of(out)) == 7


def test_a_text_the_pipeline_fails_on_is_recorded_not_fatal(reports, tmp_path, monkeypatch, capsys):
    real = runner.run_many

    def fails_on_c(nlp, texts, *a, **kw):
        texts = list(texts)
        if any("湿地" in t for t in texts):
            raise ValueError("boom")
        return real(nlp, texts, *a, **kw)

    monkeypatch.setattr(runner, "run_many", fails_on_c)
    report = parse_folder([reports], tmp_path / "out.jsonl", progress=False)
    assert report.parsed == 5 and [(f.rsplit("/", 1)[-1], e) for f, e in report.failed] == [
        ("c.txt", "parse failed: ValueError: boom")]


def test_overwrite_starts_afresh_and_replaces_atomically(reports, tmp_path, monkeypatch, capsys):
    expected = plain_parse(reports, capsys)
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    assert main(["parse", str(reports), "-o", str(out)]) == 2   # not nrcie output: not resumed
    assert "not a line of nrcie parse output" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "previous\n"

    def interrupted(*a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run_many", interrupted)
    assert main(["parse", str(reports), "-o", str(out), "--overwrite", "--no-progress"]) == 130
    assert out.read_text(encoding="utf-8") == "previous\n"       # left as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "reports"]
    monkeypatch.undo()
    assert main(["parse", str(reports), "-o", str(out), "--overwrite", "--no-progress"]) == 0
    assert out.read_text(encoding="utf-8") == expected


def test_dask_flags_need_jsonl_to_a_file(reports, tmp_path, capsys):
    out = tmp_path / "x.jsonl"
    assert main(["parse", str(reports), "-f", "csv", "--dask", "local:2"]) == 2
    assert main(["parse", str(reports), "-o", str(out), "--dask", "local:2", "--n-process", "2"]) == 2
    err = capsys.readouterr().err
    assert "--dask writes JSON Lines to a file" in err and "--n-process does not apply" in err
    assert not out.exists()


@pytest.fixture
def distributed():
    try:
        import distributed
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("dask[distributed] is not installed in CI")
        pytest.skip("dask[distributed] is not installed")
    return distributed


def test_dask_local_cluster_output_is_byte_identical(reports, tmp_path, distributed):
    from nrcie.batch import parse_folder_dask

    (reports / "bin.txt").write_bytes(b"\x00binary")
    single = tmp_path / "single.jsonl"
    parse_folder([reports], single, progress=False)
    expected = single.read_bytes()
    import dask

    with dask.config.set({"temporary-directory": str(tmp_path)}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=None) as cluster, \
            distributed.Client(cluster, set_as_default=False) as client:
        out = tmp_path / "dask.jsonl"
        report = parse_folder_dask([reports], out, scheduler=client, files_per_task=2, progress=False)
        assert out.read_bytes() == expected
        assert (report.parsed, [f.rsplit("/", 1)[-1] for f, _ in report.failed]) == (6, ["bin.txt"])
        assert errors_path_for(out).read_text() == errors_path_for(single).read_text()

        out.write_bytes(expected[:len(expected) // 2])             # interrupted mid-line: resume on the cluster
        report = parse_folder_dask([reports], out, scheduler=client, files_per_task=2, progress=False)
        assert report.dropped_partial_line and out.read_bytes() == expected

        cli_out = tmp_path / "cli.jsonl"                            # the CLI, given the scheduler's address
        assert main(["parse", str(reports), "-o", str(cli_out), "--dask", cluster.scheduler_address,
                     "--files-per-task", "3", "--no-progress"]) == 1
        assert cli_out.read_bytes() == expected


# ------------------------------------------------- the pipeline of an output; duplicates

def pipelines_of(path):
    return [json.loads(line)["pipeline"] for line in path.read_text(encoding="utf-8").splitlines()]


def as_if_written_by(path, name, version="0.0.0"):
    """Rewrite an output's lines as if another pipeline had written them."""
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        line["pipeline"] = {**line["pipeline"], "name": name, "version": version}
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")


def test_each_line_records_the_pipeline_and_the_resolved_path(reports, tmp_path):
    from nrcie import __version__

    out = tmp_path / "out.jsonl"
    parse_folder([reports], out, model="rules", progress=False)
    assert pipelines_of(out) == [{"name": "rules", "version": __version__, "nrcie": __version__}] * 6
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert list(first)[:3] == ["file", "path", "pipeline"]
    assert first["path"] == os.path.realpath(reports / "a.txt")


@pytest.mark.parametrize("written_by, resumed_with, message", [
    # an `accurate` output resumed with rules: refused, both named
    (("accurate", "0.0.0"), "rules", "written by pipeline accurate 0.0.0 (nrcie {v}), not rules {v} (nrcie {v})"),
    # an older nrcie wrote it
    (("rules", "0.0.9"), "rules", "written by pipeline rules 0.0.9 (nrcie {v}), not rules {v} (nrcie {v})"),
    # a line with no pipeline record (nrcie before the record): not resumed either
    (None, "rules", "line 1 records no pipeline (written by an older nrcie), not rules {v} (nrcie {v})"),
], ids=["accurate-then-rules", "older-version", "no-record"])
def test_resume_with_another_pipeline_is_refused(reports, tmp_path, parsed_texts, capsys,
                                                 written_by, resumed_with, message):
    from nrcie import __version__
    from nrcie.batch import BatchError

    out = tmp_path / "out.jsonl"
    parse_folder(sorted(reports.glob("*.txt"))[:3], out, model="rules", progress=False)
    if written_by:
        as_if_written_by(out, *written_by)
    else:
        out.write_text("".join(json.dumps({k: v for k, v in json.loads(x).items() if k != "pipeline"},
                                          ensure_ascii=False) + "\n"
                               for x in out.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    out.write_bytes(out.read_bytes() + b'{"file": "partial')      # not even repaired when refused
    before = out.read_bytes()
    parsed_texts.clear()
    with pytest.raises(BatchError, match="not ") as err:
        parse_folder([reports], out, model=resumed_with, progress=False)
    assert message.format(v=__version__) in str(err.value) and "\n" not in str(err.value)
    assert parsed_texts == [] and out.read_bytes() == before
    assert main(["parse", str(reports), "-o", str(out), "-m", resumed_with, "--no-progress"]) == 2
    assert "--overwrite" in capsys.readouterr().err and out.read_bytes() == before
    assert main(["parse", str(reports), "-o", str(out), "-m", resumed_with, "--no-progress", "--overwrite"]) == 0
    assert len(files_of(out)) == 6 and pipelines_of(out)[0]["name"] == "rules"


def test_resume_with_another_shipped_pipeline_is_refused_by_the_cli(reports, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(reports / "a.txt"), "-o", str(out), "-m", "rules"]) == 0
    assert main(["parse", str(reports), "-o", str(out), "-m", "fast", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "written by pipeline rules" in err and "not fast 0.0.0" in err
    assert len(files_of(out)) == 1


@pytest.mark.parametrize("inputs, n_lines", [
    (lambda d: [d / "a.txt", d / "a.txt"], 1),                     # the same file named twice
    (lambda d: [d / "a.txt", d / "sub" / ".." / "a.txt"], 1),      # two spellings of one file
    (lambda d: [d / "a.txt", d / "link.txt"], 1),                  # a file and a symbolic link to it
    (lambda d: [d, d], 6),                                         # a folder named twice (link.txt is a.txt)
    (lambda d: [d.name, d], 6),                                    # once relative, once absolute
    (lambda d: [d / "sub", d], 6),                                 # a folder and its parent
], ids=["file-twice", "two-spellings", "file-and-link", "folder-twice", "relative-and-absolute",
        "folder-and-parent"])
def test_a_file_named_twice_is_parsed_once(reports, tmp_path, monkeypatch, parsed_texts, capsys, inputs, n_lines):
    (reports / "link.txt").symlink_to(reports / "a.txt")
    monkeypatch.chdir(reports.parent)
    out = tmp_path / "out.jsonl"
    report = parse_folder(inputs(reports), out, model="rules", progress=False)
    assert len(files_of(out)) == n_lines == report.total == report.parsed == len(parsed_texts)
    assert len({json.loads(x)["path"] for x in out.read_text(encoding="utf-8").splitlines()}) == n_lines
    assert "parsed once" in capsys.readouterr().err
    # the same through the CLI, to a file and to standard output
    assert main(["parse", *map(str, inputs(reports)), "-o", str(out), "-m", "rules", "--overwrite",
                 "--no-progress"]) == 0
    assert len(files_of(out)) == n_lines
    assert main(["parse", *map(str, inputs(reports)), "-m", "rules", "--no-progress"]) == 0
    cap = capsys.readouterr()
    assert len(cap.out.splitlines()) == n_lines and "parsed once" in cap.err


@pytest.mark.parametrize("first, then", [
    ("reports", "{abs}"),               # relative, then absolute
    ("{abs}", "reports"),               # absolute, then relative
    ("reports", "{link}"),              # then through a symbolic link to the folder
    ("reports", "elsewhere:{abs}"),     # then from another working directory
], ids=["relative-then-absolute", "absolute-then-relative", "then-through-a-link", "then-from-elsewhere"])
def test_resume_keys_on_the_resolved_path(reports, tmp_path, monkeypatch, parsed_texts, capsys, first, then):
    (tmp_path / "link").symlink_to(reports)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.jsonl"
    spell = {"abs": str(reports), "link": str(tmp_path / "link")}
    parse_folder([first.format(**spell)], out, model="rules", progress=False)
    expected = out.read_bytes()
    parsed_texts.clear()
    where, _, then = then.rpartition(":")
    if where:
        monkeypatch.chdir(tmp_path / where)
    report = parse_folder([then.format(**spell)], out, model="rules", progress=False)
    assert (report.skipped, report.parsed, parsed_texts) == (6, 0, [])
    assert out.read_bytes() == expected            # "file" stays as first given


@pytest.mark.parametrize("rec", [
    {"file": "a.txt", "error": "not UTF-8"},
    {"file": "bad-\udcff.txt", "error": "binary file"},           # a file name that was not UTF-8
    {"file": "c.txt", "text": "召开会议\ud8003次"},                   # a lone surrogate in the text
])
def test_result_and_error_lines_are_one_utf8_json_line_each(rec):
    from nrcie.batch import _error_line, json_line

    line = json_line(rec)
    assert line.endswith("\n") and line.count("\n") == 1
    assert json.loads(line.encode("utf-8")) == rec
    if "error" in rec:
        assert _error_line(rec["file"], rec["error"]) == line.encode("utf-8")
