"""Nothing lost: a failed or interrupted build leaves every earlier output byte-identical and no
temporary file behind; ``--format all`` replaces the memo and the deck together or not at all."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REFERENCE
from helpers import copy_reference
from reportkit import build, cli, output

STEM = REFERENCE.stem
NAMES = {f"{STEM}-memo.pdf", f"{STEM}-deck.pptx"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """An out folder holding a good memo and deck of the reference, and their bytes."""
    out = tmp_path_factory.mktemp("out")
    assert cli.main(["build", str(REFERENCE), "--out", str(out), "--quiet"]) == 0
    return out, snapshot(out)


@pytest.fixture
def out(built, tmp_path) -> Path:
    """A fresh copy of the built out folder for one test."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name, data in built[1].items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def changed(tmp_path) -> Path:
    """A valid content file with the reference's name whose memo and deck would differ."""
    text = REFERENCE.read_text(encoding="utf-8")
    return copy_reference(tmp_path / "project", text=text.replace("title:", "title: CHANGED", 1))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (hidden temporaries included) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_fixture_builds_both_outputs(built):
    assert set(built[1]) == NAMES


def test_a_changed_briefing_really_changes_both_outputs(out, changed, built):
    """Guards the tests below: a successful build of ``changed`` replaces both files."""
    assert cli.main(["build", str(changed), "--out", str(out), "--quiet"]) == 0
    after = snapshot(out)
    assert set(after) == NAMES
    assert all(after[n] != built[1][n] for n in NAMES)


def test_bad_content_leaves_outputs_byte_identical(out, changed, built, capsys):
    changed.write_text(changed.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
    assert cli.main(["build", str(changed), "--out", str(out)]) == 2
    assert "unknown_key" in capsys.readouterr().err
    assert snapshot(out) == built[1]


@pytest.mark.parametrize("failing", ["memo", "deck"])
def test_a_renderer_failing_replaces_neither_output(out, changed, built, monkeypatch, failing):
    """The memo renders first: a deck failure after it must not leave a new memo beside an old deck."""
    real = build.render

    def render(edition, fmt):
        if fmt == failing:
            raise RuntimeError(f"{fmt} broke")
        return real(edition, fmt)

    monkeypatch.setattr(build, "render", render)
    assert cli.main(["build", str(changed), "--out", str(out), "--format", "all"]) == 1
    assert snapshot(out) == built[1]


def test_ctrl_c_in_process_leaves_outputs_and_exits_130(out, changed, built, monkeypatch, capsys):
    real = build.render

    def render(edition, fmt):
        if fmt == "deck":
            raise KeyboardInterrupt
        return real(edition, fmt)

    monkeypatch.setattr(build, "render", render)
    assert cli.main(["build", str(changed), "--out", str(out)]) == 130
    assert capsys.readouterr().err.strip().splitlines() == ["reportkit: interrupted; earlier outputs are unchanged"]
    assert snapshot(out) == built[1]


def test_a_failure_while_writing_removes_every_temporary(tmp_path):
    """Disk full on the second file: the first file's temporary goes too, both targets unchanged."""
    a, b = tmp_path / "a.pdf", tmp_path / "b.pptx"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    with pytest.raises(TypeError):
        output.write_all({a: b"new a", b: object()})  # not bytes: write_bytes raises midway
    assert snapshot(tmp_path) == {"a.pdf": b"old a", "b.pptx": b"old b"}


def test_ctrl_c_during_the_renames_is_held_until_both_are_done(tmp_path, monkeypatch):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pptx"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C between the two renames
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        output.write_all({a: b"new a", b: b"new b"})
    assert calls == [a, b]
    assert snapshot(tmp_path) == {"a.pdf": b"new a", "b.pptx": b"new b"}  # a matching pair


# A real process, interrupted by SIGINT while it renders the deck (after the memo has rendered). The
# renderer is made to wait by the test, not by a hook in the product: the test patches the module.
SLOW_DECK = """
import sys, time
import reportkit.deck
def slow(edition):
    print("rendering deck", flush=True)
    time.sleep(120)
reportkit.deck.render = slow
from reportkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_sigint_while_rendering_exits_130_and_loses_nothing(out, changed, built):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_DECK, "build", str(changed), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "rendering deck"
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["reportkit: interrupted; earlier outputs are unchanged"]
    assert "Traceback" not in stderr and stdout == ""
    assert snapshot(out) == built[1]


def test_all_audiences_write_every_file_or_none(out, changed, monkeypatch):
    """One failing (audience, format) job leaves no new file at all (workers inherit the patch)."""
    real = build.render

    def render(edition, fmt):
        if edition.audience == "press" and fmt == "deck":
            raise RuntimeError("press deck broke")
        return real(edition, fmt)

    monkeypatch.setattr(build, "render", render)
    before = snapshot(out)
    assert cli.main(["build", str(changed), "--out", str(out), "--all-audiences"]) == 1
    assert snapshot(out) == before


SLOW_ALL = """
import os, sys, time
import reportkit.build
def slow(edition, fmt):  # every job, queued ones too, would take two minutes: Ctrl-C must not wait
    os.write(1, b"rendering\\n")  # one write: workers' lines never interleave
    time.sleep(120)
reportkit.build.render = slow  # workers are forked from this process and inherit it
from reportkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_to_the_process_group_during_all_audiences(out, changed, built):
    """Ctrl-C in a terminal reaches the parent and every worker: still one line, exit 130, nothing lost."""
    proc = subprocess.Popen([sys.executable, "-c", SLOW_ALL, "build", str(changed), "--out", str(out), "--all-audiences"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        for _ in range(min(6, os.cpu_count() or 1)):  # every worker busy: 3 audiences x 2 formats
            assert proc.stdout.readline().strip() == "rendering"
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["reportkit: interrupted; earlier outputs are unchanged"]
    assert snapshot(out) == built[1]
