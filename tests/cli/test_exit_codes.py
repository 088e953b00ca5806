"""Exit codes end to end, through a real process: 0 success; 2 the input is wrong (located, no
traceback); 1 reportkit itself failed (one short line; the traceback only with --debug)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from helpers import run_cli, copy_reference
from conftest import REFERENCE

# Runs the real CLI in a fresh interpreter with the deck renderer replaced by one that fails the way
# a reportkit bug would (no hook in the product: the test patches the module, then calls main).
FAILING_DECK = """
import sys
import reportkit.deck
def broken(edition):
    raise RuntimeError("deck renderer broke")
reportkit.deck.render = broken
from reportkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_success_exits_0(tmp_path):
    r = run_cli("build", str(REFERENCE), "--out", str(tmp_path), "--format", "memo")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / f"{REFERENCE.stem}-memo.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("text, where", [
    ("reportkit: 1\nbriefing: [\n", ":3:1: "),  # unclosed flow sequence: located at the end
    ("reportkit: 1\nbriefing:\n\ttitle: x\n", ":3:1: "),  # a tab used for indentation
    ("a: !!python/object/apply:os.system ['echo pwned']\n", ":1:4: "),
    ("- just\n- a list\n", ":1:1: "),
])
def test_input_errors_exit_2_located_without_traceback(tmp_path, text, where):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    for command in (["build", str(path), "--out", str(tmp_path / "out")], ["validate", str(path)]):
        r = run_cli(*command)
        assert r.returncode == 2, (command, r.stderr)
        assert "Traceback" not in r.stderr and r.stdout == ""
        lines = r.stderr.strip().splitlines()
        assert lines and all(re.match(rf"{re.escape(str(path))}:\d+:\d+: \S", ln) for ln in lines), lines
        assert where in lines[0], lines
    assert not (tmp_path / "out").exists()


def test_missing_content_file_exits_2(tmp_path):
    r = run_cli("build", str(tmp_path / "nowhere.yaml"), "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "nowhere.yaml" in r.stderr


def test_unknown_option_exits_2():
    r = run_cli("build", "--format", "poster")
    assert r.returncode == 2 and "Traceback" not in r.stderr and "poster" in r.stderr


def test_internal_failure_exits_1_with_one_short_line(tmp_path):
    r = run_cli("build", str(REFERENCE), "--out", str(tmp_path), code=FAILING_DECK)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 200, lines
    assert "internal error" in lines[0] and "deck renderer broke" in lines[0] and "--debug" in lines[0]


def test_internal_failure_shows_the_traceback_with_debug(tmp_path):
    r = run_cli("--debug", "build", str(REFERENCE), "--out", str(tmp_path), code=FAILING_DECK)
    assert r.returncode == 1
    assert "Traceback (most recent call last)" in r.stderr
    assert "RuntimeError: deck renderer broke" in r.stderr
    assert "in broken" in r.stderr  # the frame that raised is shown


def test_in_process_main_returns_1_and_the_message(tmp_path, monkeypatch, capsys):
    """The same guarantee for callers of ``cli.main`` (watch, scripts): a return value, not a raise."""
    import reportkit.memo
    from reportkit import cli

    def broken(edition):
        raise ValueError("memo renderer broke")

    monkeypatch.setattr(reportkit.memo, "render", broken)
    assert cli.main(["build", str(REFERENCE), "--out", str(tmp_path), "--format", "memo"]) == 1
    err = capsys.readouterr().err
    assert "ValueError: memo renderer broke" in err and "Traceback" not in err
    with pytest.raises(ValueError, match="memo renderer broke"):
        cli.main(["--debug", "build", str(REFERENCE), "--out", str(tmp_path), "--format", "memo"])


def test_an_out_folder_that_is_a_file_exits_2_naming_it(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    for out in (blocker, blocker / "sub"):
        r = run_cli("build", str(REFERENCE), "--out", str(out), "--format", "memo")
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.strip() == f"{out}:1:1: cannot write the outputs here: {blocker} is a file, not a folder"
    assert blocker.read_text() == "not a folder" and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_warnings_are_one_reportkit_line_each(tmp_path):
    """A glyph no font has is worth a warning, printed for a user, not as Python source lines."""
    text = REFERENCE.read_text(encoding="utf-8").replace("title:", "title: 𩸽 ", 1)
    path = copy_reference(tmp_path, "b.yaml", text=text)
    r = run_cli("build", str(path), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    lines = r.stderr.strip().splitlines()
    # "reportkit: ..." or, for a warning about one place in the content, "FILE:LINE:COL: warning: ..."
    assert lines and all(ln.startswith(("reportkit: ", f"{path}:")) for ln in lines), lines
    assert any("𩸽" in ln and "memo" in ln and ln.startswith(f"{path}:11:") for ln in lines), lines
