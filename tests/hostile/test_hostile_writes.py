"""Hazard: half-replaced output sets. A folder where the deck goes, a rename that fails midway (on
Windows, the deck open in PowerPoint), Ctrl-C during the renames: every output is replaced or none,
the message names the file that failed and says what is on disk, and files get the user's umask."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REFERENCE
from reportkit import cli, output
from helpers import copy_reference


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_folder_in_the_decks_place_replaces_nothing_and_is_named(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    memo = out / "us-russia-talks-memo.pdf"
    memo.write_bytes(b"old memo")
    (out / "us-russia-talks-deck.pptx").mkdir()
    assert cli.main(["build", str(REFERENCE), "--out", str(out), "--format", "all"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"{out / 'us-russia-talks-deck.pptx'}:1:1: cannot write this output: a folder of that name is "
                   "in its place; nothing was written")
    assert snapshot(out) == {"us-russia-talks-memo.pdf": b"old memo"}  # and no temporary left


def test_all_audiences_with_one_blocked_target_replaces_none(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "us-russia-talks-staff-deck.pptx").mkdir()
    old = {f"us-russia-talks-{a}-{f}": b"old" for a in ("principals", "press") for f in ("memo.pdf", "deck.pptx")}
    for name, data in old.items():
        (out / name).write_bytes(data)
    assert cli.main(["build", str(REFERENCE), "--out", str(out), "--all-audiences", "--format", "all"]) == 2
    assert "us-russia-talks-staff-deck.pptx:1:1: cannot write this output" in capsys.readouterr().err
    assert snapshot(out) == old


def test_a_rename_failing_midway_puts_back_what_was_replaced(tmp_path, monkeypatch):
    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pptx", tmp_path / "c.docx"
    a.write_bytes(b"old a")
    c.write_bytes(b"old c")  # b is new: after the rollback it must not exist
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(Path(dst))
        if Path(dst) == c:
            raise PermissionError(13, "Permission denied")  # what Windows says for a file open elsewhere
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(output.WriteFailed) as info:
        output.write_all({a: b"new a", b: b"new b", c: b"new c"})
    assert calls[:3] == [a, b, c]
    assert info.value.target == c
    assert str(info.value) == (f"cannot write {c}: renaming it into place failed (Permission denied); the 2 file(s) "
                               "already replaced were put back: nothing was written")
    assert snapshot(tmp_path) == {"a.pdf": b"old a", "c.docx": b"old c"}  # no temporary, no backup left


def test_a_rename_failing_midway_in_a_build_exits_2_with_the_old_pair(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert cli.main(["build", str(REFERENCE), "--out", str(out), "--format", "all"]) == 0
    before = snapshot(out)
    real = os.replace

    def replace(src, dst):
        if str(dst).endswith("deck.pptx"):
            raise OSError(16, "Device or resource busy")
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    changed = copy_reference(tmp_path, text=REFERENCE.read_text(encoding="utf-8").replace("date: 2026-11-26",
                                                                                             "date: 2026-11-27", 1))
    capsys.readouterr()
    assert cli.main(["build", str(changed), "--out", str(out), "--format", "all"]) == 2
    err = capsys.readouterr().err
    assert "deck.pptx:1:1: cannot write this output: renaming it into place failed (Device or resource busy); " \
           "the 1 file(s) already replaced were put back: nothing was written" in err, err
    assert snapshot(out) == before


def test_ctrl_c_during_the_renames_says_what_was_replaced(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    assert cli.main(["build", str(REFERENCE), "--out", str(out), "--format", "all"]) == 130
    err = capsys.readouterr().err.strip()
    assert err == (f"reportkit: interrupted after the outputs were written; replaced: "
                   f"{out / 'us-russia-talks-memo.pdf'}, {out / 'us-russia-talks-deck.pptx'}")
    assert sorted(snapshot(out)) == ["us-russia-talks-deck.pptx", "us-russia-talks-memo.pdf"]


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_respect_the_umask(tmp_path, umask, mode):
    code = (f"import os, sys; os.umask({umask}); from reportkit import cli; "
            f"sys.exit(cli.main(['build', {str(REFERENCE)!r}, '--out', {str(tmp_path)!r}, '--format', 'memo']))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE((tmp_path / "us-russia-talks-memo.pdf").stat().st_mode) == mode
