"""``reportkit watch``: a real watch process in a temporary folder, driven by editing its files.

No timing assertions: every wait polls with a generous but bounded timeout.
"""
from __future__ import annotations

import io
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import wait_for, copy_reference


TIMEOUT = 90  # seconds for any one expected change; a rebuild takes well under one




def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)


def _changed(path: Path, old: bytes):
    """The file's new bytes once they differ from ``old`` (None until then)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return data if data != old else None


@pytest.fixture
def project(tmp_path, reference_path):
    """A copy of the reference briefing and a project theme that extends the default one."""
    content = copy_reference(tmp_path, "brief.yaml")
    (tmp_path / "house.yaml").write_text("extends: default\nname: house\ncolor:\n  primary: \"#1F3A5F\"\n", encoding="utf-8")
    return tmp_path, content


def test_watch_rebuilds_on_save_keeps_last_good_output_and_recovers(project):
    folder, content = project
    original = content.read_text(encoding="utf-8")
    memo = folder / "out" / "brief-memo.pdf"
    err_path = folder / "stderr.txt"
    with open(err_path, "wb") as err, open(folder / "stdout.txt", "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reportkit", "watch", "brief.yaml", "--out", "out", "--format", "memo", "--theme", "house"],
            cwd=folder, stdout=out, stderr=err)
    try:
        first = wait_for(lambda: _changed(memo, b""), "the first memo", proc)
        assert "Zanzibar" not in _pdf_text(first)
        time.sleep(0.5)  # the watch is armed before the first build, but give the observer a moment

        # 1. A save with a new title and subject: the memo is rebuilt and says so.
        edited = original.replace("  title: U.S.", "  title: Zanzibar U.S.", 1).replace(
            "    subject: U.S. and Russia", "    subject: Zanzibar report, U.S. and Russia", 1)
        assert edited != original
        content.write_text(edited, encoding="utf-8")
        second = wait_for(lambda: _changed(memo, first), "the memo rebuilt after the title changed", proc)
        assert "Zanzibar" in _pdf_text(second)

        # 2. A broken save: a located error on stderr, and the last good memo stays byte-identical.
        lines = edited.splitlines(keepends=True)
        bad_line = next(n for n, line in enumerate(lines, start=1) if re.search(r"score: 2, basis: stated", line))
        lines[bad_line - 1] = lines[bad_line - 1].replace("score: 2,", "score: 9,", 1)
        content.write_text("".join(lines), encoding="utf-8")
        located = re.compile(rf"brief\.yaml:{bad_line}:\d+: .*score")
        wait_for(lambda: located.search(err_path.read_text(encoding="utf-8", errors="replace")),
                  f"a located error for line {bad_line} on stderr", proc)
        assert memo.read_bytes() == second
        assert not list(memo.parent.glob(".*.tmp")), "a failed build left a temporary file behind"

        # 3. The fix: rebuilt again, with the text of the fixed file.
        content.write_text(edited.replace("  title: Zanzibar U.S.", "  title: Zanzibar Two U.S.", 1), encoding="utf-8")
        third = wait_for(lambda: _changed(memo, second), "the memo rebuilt after the fix", proc)
        assert "Two" in _pdf_text(third)

        # 4. The theme is watched too: a new primary colour changes the memo's bytes.
        theme = folder / "house.yaml"
        theme.write_text(theme.read_text(encoding="utf-8").replace("#1F3A5F", "#7A1F5F"), encoding="utf-8")
        wait_for(lambda: _changed(memo, third), "the memo rebuilt after the theme changed", proc)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0, err_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in err_path.read_text(encoding="utf-8", errors="replace")


def test_rebuilder_reports_problems_and_watches_the_theme_chain(project):
    from reportkit.commands.watch import Rebuilder

    folder, content = project
    said, complaints = [], []
    rb = Rebuilder(content, folder / "out", ["memo"], theme="house", say=said.append, complain=complaints.append)
    assert rb.rebuild() is not None
    assert {content.resolve(), (folder / "house.yaml").resolve()} <= rb.files
    assert any(f.name == "default.yaml" for f in rb.files)  # the built-in parent of the project theme
    assert any(line.startswith("wrote ") for line in said)

    # A broken theme is reported located, and the broken file stays watched so its fix rebuilds.
    (folder / "house.yaml").write_text("extends: default\ncolor:\n  primary: blue\n", encoding="utf-8")
    before = (folder / "out" / "brief-memo.pdf").read_bytes()
    assert rb.rebuild() is None
    assert any(re.match(r".*house\.yaml:3:\d+: ", c) for c in complaints), complaints
    assert (folder / "house.yaml").resolve() in rb.files
    assert (folder / "out" / "brief-memo.pdf").read_bytes() == before


def test_input_files_lists_the_project_template_and_logo_not_the_built_ins(tmp_path, reference_path):
    from reportkit.pipeline import PACKAGE_DIR, input_files, load_edition

    content = copy_reference(tmp_path, "brief.yaml")
    shutil.copy(PACKAGE_DIR / "deck" / "templates" / "base.pptx", tmp_path / "mine.pptx")
    (tmp_path / "house.yaml").write_text("extends: default\ndeck:\n  template: mine.pptx\n", encoding="utf-8")
    files = input_files(content, load_edition(content, theme_name="house"))
    assert (tmp_path / "mine.pptx").resolve() in files
    assert (tmp_path / "house.yaml").resolve() in files
    # The default theme's template and fonts ship with reportkit: nothing of them is watched.
    assert input_files(content, load_edition(content)) == {  # and the reference's figure
        content.resolve(), *(f.resolve() for f in load_edition(content).theme.files),
        (tmp_path / "figures" / "talks-schematic.png").resolve()}


def test_own_outputs_and_other_files_in_the_folder_do_not_trigger_a_rebuild(tmp_path, reference_path):
    from watchdog.observers import Observer

    from reportkit.commands.watch import Rebuilder, _Changes, _schedule

    content = copy_reference(tmp_path, "brief.yaml")
    rb = Rebuilder(content, tmp_path, ["memo"], say=None, complain=print)  # outputs beside the content
    changes, watches, observer = _Changes(), {}, Observer()
    _schedule(observer, changes, rb.files, watches)
    observer.start()
    try:
        assert rb.rebuild() is not None  # writes brief-memo.pdf (and its temporary file) into the watched folder
        (tmp_path / "notes.txt").write_text("an unrelated file", encoding="utf-8")
        assert not changes.pending(1.0), "the build's own output (or another file) would rebuild forever"
        content.write_text(content.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert changes.pending(TIMEOUT)
    finally:
        observer.stop()
        observer.join(timeout=5)
