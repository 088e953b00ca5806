"""The command line's first hour, through a real process: --version, -q, the project's one content file
when FILE is left out, output into a closed pipe, diff's exit codes, init's .gitignore and a DIR that
is a file, and an example in every command's --help."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REFERENCE
from reportkit import __version__
from reportkit.cli import COMMANDS, EXAMPLES

MINIMAL = Path(__file__).parents[1] / "bad_inputs" / "valid-minimal.yaml"
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}  # also from another cwd


def run(*args: str, cwd: Path | None = None, code: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "reportkit", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=cwd, env=ENV)


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"reportkit {__version__}"


def test_q_is_quiet(tmp_path):
    shutil.copy(MINIMAL, tmp_path / "briefing.yaml")
    r = run("build", "-q", "--format", "memo", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""  # not even which content file it chose
    assert (tmp_path / "out" / "briefing-memo.pdf").is_file()


def test_build_without_file_builds_the_projects_one_content_file_and_says_which(tmp_path):
    (tmp_path / "content").mkdir()
    shutil.copy(MINIMAL, tmp_path / "content" / "talks.yaml")
    (tmp_path / "house.yaml").write_text("extends: default\n")  # a theme beside it is not a content file
    r = run("build", "--format", "memo", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "using content/talks.yaml" in r.stderr
    assert (tmp_path / "out" / "talks-memo.pdf").is_file()


def test_build_without_file_lists_the_candidates_when_there_are_several(tmp_path):
    shutil.copy(MINIMAL, tmp_path / "a.yaml")
    (tmp_path / "content").mkdir()
    shutil.copy(MINIMAL, tmp_path / "content" / "b.yaml")
    r = run("build", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == "reportkit: 2 content files here; name one as FILE: a.yaml, content/b.yaml"
    assert not (tmp_path / "out").exists()


def test_build_without_file_in_an_empty_folder_says_what_to_do(tmp_path):
    r = run("build", cwd=tmp_path)
    assert r.returncode == 2
    assert "no content file here" in r.stderr and "reportkit init DIR" in r.stderr


def test_the_folder_init_made_builds_without_a_file(tmp_path):
    assert run("init", str(tmp_path / "proj")).returncode == 0
    r = run("build", "--format", "memo", cwd=tmp_path / "proj")
    assert r.returncode == 0, r.stderr
    assert "using briefing.yaml" in r.stderr  # not themes/default.yaml
    r = run("validate", cwd=tmp_path / "proj")
    assert r.returncode == 0 and r.stdout.startswith("briefing.yaml: valid"), r.stderr


@pytest.mark.parametrize("command", [["schema"], ["diff", str(MINIMAL), str(REFERENCE), "--json"]])
def test_output_into_a_closed_pipe_ends_quietly(command):
    """``reportkit diff --json | head -1``: the reader leaves early; no "internal error", no traceback."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte: deterministic, unlike racing `head`
    p = subprocess.Popen([sys.executable, "-m", "reportkit", *command], stdout=write, stderr=subprocess.PIPE, env=ENV)
    os.close(write)
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 141, err  # 128 + SIGPIPE, as a shell reports a program its reader left
    assert err == ""


# The diff command with its comparison broken the way a reportkit bug would break it.
FAILING_DIFF = """
import sys
import reportkit.diff
def broken(old, new):
    raise RuntimeError("diff broke")
reportkit.diff.diff = broken
from reportkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_diff_exit_codes_keep_failure_apart_from_changes_found(tmp_path):
    assert run("diff", str(MINIMAL), str(MINIMAL)).returncode == 0
    assert run("diff", str(MINIMAL), str(REFERENCE)).returncode == 1  # changes found
    assert run("diff", str(MINIMAL), str(tmp_path / "nowhere.yaml")).returncode == 2
    r = run("diff", str(MINIMAL), str(REFERENCE), code=FAILING_DIFF)
    assert r.returncode == 3 and "internal error: RuntimeError: diff broke" in r.stderr


def test_init_refuses_a_dir_that_is_a_file(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    r = run("init", str(target))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().startswith(f"{target}: is a file, not a folder")
    assert target.read_text() == "mine"


def test_every_command_has_an_example_in_its_help():
    """A new command adds its line to ``COMMANDS`` *and* its examples to ``EXAMPLES`` in
    reportkit/cli.py (e.g. "check-a11y", "preview", "batch"): --help shows them under "examples:"."""
    missing = [name for name in COMMANDS if not EXAMPLES.get(name)]
    assert not missing, f"add examples for {missing} to EXAMPLES in reportkit/cli.py"
    for name in COMMANDS:
        r = run(name, "--help")
        assert r.returncode == 0, r.stderr
        assert "examples:" in r.stdout and EXAMPLES[name][0] in r.stdout, name
        assert all(e.startswith("reportkit ") for e in EXAMPLES[name])
