"""The pipeline as one stage: the content file is read once per command, every audience's theme is
checked by ``validate`` where the audience names it, and a build returns its result as data."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportkit import build, cli
from reportkit.errors import InputError
from reportkit.pipeline import prepare, prepare_all, read_source
from helpers import copy_reference

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "content" / "us-russia-talks.yaml"

# The real CLI in a fresh interpreter with an audit hook logging every open of the content file, by
# pid: forked workers inherit the hook, and append to the same log (one write per line).
COUNTED = """
import os, sys
log = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
content = os.path.realpath(sys.argv[2])
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if os.path.realpath(path) == content:
            os.write(log, f"{os.getpid()}\\n".encode())
sys.addaudithook(hook)
from reportkit.cli import main
sys.exit(main(sys.argv[3:]))
"""


def opens_of_content(tmp_path: Path, *args: str) -> list[str]:
    content = copy_reference(tmp_path / "project")
    log = tmp_path / "opens.log"
    r = subprocess.run([sys.executable, "-c", COUNTED, str(log), str(content), "build", str(content),
                        "--out", str(tmp_path / "out"), *args], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return log.read_text().split() if log.exists() else []


@pytest.mark.parametrize("args", [("--all-audiences",), ("--all-audiences", "--format", "memo", "--since",
                                                          str(ROOT / "tests" / "data" / "diff-old.yaml")),
                                  ("--audience", "press"), ()], ids=["all-audiences", "all-since", "one", "plain"])
def test_a_build_reads_the_content_file_once(tmp_path, args):
    opens = opens_of_content(tmp_path, *args)
    assert len(opens) == 1, opens


def test_prepare_all_makes_every_audience_from_one_source():
    source = read_source(REFERENCE)
    prepared = prepare_all(source)
    assert [p.audience for p in prepared] == ["principals", "staff", "press"]
    assert [p.edition.detail for p in prepared] == ["brief", "full", "full"]
    assert prepared[2].edition.speaker_notes is False and len(prepared[2].withheld) > 0
    assert prepare(source).withheld is None and prepare(source).audience is None


def _with_audience_theme(tmp_path: Path, theme: str) -> tuple[Path, int, int]:
    """The reference with a ``house`` audience naming ``theme``; its ``theme:`` value's line and column."""
    text = REFERENCE.read_text(encoding="utf-8")
    lines = text.splitlines()
    addition = ["audiences:", "  house:", "    label: House", f"    theme: {theme}"]
    path = copy_reference(tmp_path, "b.yaml", text="\n".join(lines + addition) + "\n")
    return path, len(lines) + 4, len("    theme: ") + 1


def test_validate_reports_an_audience_theme_that_does_not_exist_at_its_line(tmp_path, capsys):
    path, line, col = _with_audience_theme(tmp_path, "hosue")
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}:{line}:{col}: unknown theme 'hosue'"), err
    # and a build of every audience fails at the same place, not at 1:1
    assert cli.main(["build", str(path), "--all-audiences", "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == err
    assert not (tmp_path / "out").exists()


def test_validate_reports_a_broken_audience_theme_file_in_that_file(tmp_path, capsys):
    path, _, _ = _with_audience_theme(tmp_path, "house.yaml")
    (tmp_path / "house.yaml").write_text("extends: default\ncolor:\n  primary: blue\n", encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{tmp_path / 'house.yaml'}:3:12: color.primary is not a colour: 'blue' (write #RRGGBB)"], err


def test_validate_passes_an_audience_whose_theme_exists(tmp_path, capsys):
    path, _, _ = _with_audience_theme(tmp_path, "print")
    assert cli.main(["validate", str(path)]) == 0
    assert "valid" in capsys.readouterr().out


def test_build_returns_outputs_warnings_and_withheld_as_data(tmp_path, capsys):
    text = REFERENCE.read_text(encoding="utf-8").replace("title:", "title: 𩸽 ", 1)  # a glyph no font has
    path = copy_reference(tmp_path, "b.yaml", text=text)
    result = build.build(path, tmp_path / "out", ["memo"], audience="press")
    assert capsys.readouterr() == ("", "")  # the library prints nothing
    (written,) = result.outputs
    assert written.path.is_file() and written.audience == "press" and written.format == "memo"
    assert [str(w) for w in result.warnings] == [  # located at the title's line in the content file
        f"{path}:11:10: warning: memo for press: {written.warnings[0].message}"] and "𩸽" in written.warnings[0].message
    assert [w.audience for w in result.withheld] == ["press"]
