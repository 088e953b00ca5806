"""``reportkit build --format all`` renders the deck in a forked child while the parent renders the memo
(reportkit/forked.py). The same bytes as one after the other; a failure or Ctrl-C in either process
means what it meant before (exit 1, 2 or 130, earlier outputs byte-identical, no temporary file, no
child left running); a process with threads stays sequential. Every test checks that the deck really
was rendered in another process (its pid), so none passes by not forking."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import REFERENCE
from reportkit import build, cli
from reportkit.pipeline import load_edition
from helpers import run_cli, copy_reference

STEM = REFERENCE.stem
NAMES = {f"{STEM}-memo.pdf", f"{STEM}-deck.pptx"}

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform: builds are sequential")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (hidden temporaries included) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def recording_render(log: Path):
    """``build.render`` that appends ``format pid`` to ``log`` (one write, so processes never interleave)."""
    real = build.render

    def render(edition, fmt):
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, f"{fmt} {os.getpid()}\n".encode())
        os.close(fd)
        return real(edition, fmt)

    return render


def pids(log: Path) -> dict[str, int]:
    return {fmt: int(pid) for fmt, pid in (line.split() for line in log.read_text().splitlines())}


@pytest.mark.parametrize("audience", [None, "press"])
def test_parallel_and_sequential_builds_give_the_same_bytes(tmp_path, monkeypatch, audience):
    edition = load_edition(REFERENCE, audience)
    out = {}
    for parallel in (False, True):
        log = tmp_path / f"pids-{parallel}.txt"
        monkeypatch.setattr(build, "render", recording_render(log))
        folder = tmp_path / f"out-{parallel}"
        written = build.build_edition(edition, REFERENCE, folder, ["memo", "deck"], parallel=parallel).outputs
        assert [w.format for w in written] == ["memo", "deck"] and all(w.seconds > 0 for w in written)
        out[parallel] = snapshot(folder)
        rendered_by = pids(log)
        assert rendered_by["memo"] == os.getpid()
        assert (rendered_by["deck"] != os.getpid()) is parallel  # forked only when asked
    assert len(out[True]) == 2 and out[True] == out[False]


def test_the_command_line_build_equals_one_format_at_a_time(tmp_path):
    """End to end: the forked ``build`` (both formats) and two single-format builds (never forked)."""
    def run(out: Path, *args: str) -> None:
        r = run_cli("build", str(REFERENCE), "--out", str(out), *args, timeout=180)
        assert r.returncode == 0, r.stderr

    run(tmp_path / "all")
    run(tmp_path / "one", "--format", "memo")
    run(tmp_path / "one", "--format", "deck")
    assert set(snapshot(tmp_path / "all")) == NAMES
    assert snapshot(tmp_path / "all") == snapshot(tmp_path / "one")


def test_a_process_with_threads_renders_sequentially(tmp_path, monkeypatch):
    """``reportkit watch`` runs a file observer thread: forking there could copy a held lock."""
    log = tmp_path / "pids.txt"
    monkeypatch.setattr(build, "render", recording_render(log))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        build.build_edition(load_edition(REFERENCE), REFERENCE, tmp_path / "out", ["memo", "deck"], parallel=True)
    finally:
        stop.set()
        thread.join()
    assert pids(log) == {"memo": os.getpid(), "deck": os.getpid()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("built")
    assert cli.main(["build", str(REFERENCE), "--out", str(out), "--quiet"]) == 0
    return snapshot(out)


@pytest.fixture
def project(tmp_path, built) -> tuple[Path, Path]:
    """A changed (valid) copy of the reference, and an out folder holding the reference's outputs."""
    content = copy_reference(tmp_path / "project",
                             text=REFERENCE.read_text(encoding="utf-8").replace("title:", "title: CHANGED", 1))
    out = tmp_path / "out"
    out.mkdir()
    for name, data in built.items():
        (out / name).write_bytes(data)
    return content, out


# The real CLI in a fresh interpreter, its deck renderer replaced by the test (not by a hook in the
# product); the replacement names its pid, so the test knows it ran in the child.
PATCHED_DECK = """
import os, sys, time, warnings
import reportkit.deck
from reportkit.errors import InputError, Problem
def deck(edition):
    pid = os.getpid()
    {body}
reportkit.deck.render = deck
from reportkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_patched(body: str, *args: str, **popen) -> subprocess.Popen:
    code = PATCHED_DECK.replace("{body}", body)
    return subprocess.Popen([sys.executable, "-c", code, "build", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def finish(proc: subprocess.Popen) -> tuple[str, str]:
    try:
        return proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_deck_failure_in_the_child_exits_1_and_leaves_the_outputs(project, built):
    content, out = project
    proc = run_patched('raise RuntimeError(f"deck broke in {pid}")', str(content), "--out", str(out))
    stdout, stderr = finish(proc)
    assert proc.returncode == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "internal error: RuntimeError: deck broke in" in lines[0] and "--debug" in lines[0]
    assert int(lines[0].split("deck broke in ")[1].split()[0]) != proc.pid  # it failed in the child
    assert stdout == "" and snapshot(out) == built


def test_the_childs_traceback_is_shown_with_debug(project):
    content, out = project
    code = PATCHED_DECK.replace("{body}", 'raise ValueError("deck broke")')
    r = subprocess.run([sys.executable, "-c", code, "--debug", "build", str(content), "--out", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "ValueError: deck broke" in r.stderr and "in deck" in r.stderr  # the child's frame, by name


def test_an_input_error_in_the_child_keeps_its_located_message(project, built):
    content, out = project
    body = 'raise InputError([Problem("theme.yaml", 3, 7, f"deck: no such layout ({pid})"), Problem("theme.yaml", 9, 1, "second")])'
    proc = run_patched(body, str(content), "--out", str(out))
    stdout, stderr = finish(proc)
    assert proc.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in stderr, lines
    assert lines[0].startswith("theme.yaml:3:7: deck: no such layout (") and lines[1] == "theme.yaml:9:1: second"
    assert int(lines[0].rsplit("(", 1)[1].rstrip(")")) != proc.pid
    assert snapshot(out) == built


@pytest.mark.parametrize("how", ["data", "warnings.warn"])
def test_warnings_from_the_child_are_shown_once_as_reportkit_lines(project, how):
    """A renderer's warnings come back from the child as data (a library's ``warnings.warn`` becomes
    data too) and are printed once, by the parent, as one ``reportkit: FORMAT: ...`` line."""
    content, out = project
    body = ('from reportkit.registry import BuildWarning, Rendered\n    '
            'return Rendered(b"deck", (BuildWarning(f"something to know ({pid})"),))' if how == "data" else
            'warnings.warn(f"something to know ({pid})")\n    return b"deck"')
    proc = run_patched(body, str(content), "--out", str(out), "--quiet")
    stdout, stderr = finish(proc)
    assert proc.returncode == 0, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reportkit: deck: something to know ("), lines
    assert int(lines[0].rsplit("(", 1)[1].rstrip(")")) != proc.pid
    assert (out / f"{STEM}-deck.pptx").read_bytes() == b"deck"


@pytest.mark.parametrize("to_group", [False, True], ids=["parent-only", "process-group"])
def test_ctrl_c_while_the_child_renders_exits_130_and_leaves_no_child(project, built, to_group):
    content, out = project
    body = 'print(f"rendering deck {pid}", flush=True)\n    time.sleep(120)'
    proc = run_patched(body, str(content), "--out", str(out), start_new_session=True)
    child = None
    try:
        words = proc.stdout.readline().split()
        assert words[:2] == ["rendering", "deck"], words
        child = int(words[2])
        assert child != proc.pid
        if to_group:  # a terminal's Ctrl-C reaches every process in the group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr
        assert stderr.strip().splitlines() == ["reportkit: interrupted; earlier outputs are unchanged"]
        assert stdout == ""
        assert snapshot(out) == built  # no temporary file either
        with pytest.raises(ProcessLookupError):  # ended and reaped by the parent, not left sleeping
            os.kill(child, 0)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        if child is not None:
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass


# Every file opened and every network attempt, from the parent and the forked child alike: the hook is
# inherited by fork, and writes each event through to a file opened before it was installed.
WATCHED_BUILD = """
import json, os, sys
log = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        entry = ["open", os.fsdecode(args[0])]
    elif event.startswith(("socket.", "urllib.Request")):
        entry = ["net", event]
    else:
        return
    os.write(log, (json.dumps([os.getpid(), *entry]) + "\\n").encode())
sys.addaudithook(hook)
from reportkit.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_the_child_reads_only_what_a_sequential_build_may_and_connects_nowhere(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    content = copy_reference(project)
    log = tmp_path / "log.jsonl"
    r = subprocess.run([sys.executable, "-c", WATCHED_BUILD, str(log), "build", str(content), "--out",
                        str(project / "out")], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr
    events = [json.loads(line) for line in log.read_text().splitlines()]
    parent = events[0][0]  # the first event is the parent's, before the fork
    opened = {pid: [w for p, kind, w in events if p == pid and kind == "open"] for pid, _, _ in events}
    assert len(opened) == 2, sorted(opened)  # the parent and the deck's child, both watched
    child = next(pid for pid in opened if pid != parent)
    assert any("/pptx/" in w for w in opened[child]) and not any("/pptx/" in w for w in opened[parent])
    assert any("/reportlab/" in w for w in opened[parent])
    assert [e for e in events if e[1] == "net"] == []
    allowed = [project, Path(sys.prefix), Path(sys.base_prefix), Path(__file__).resolve().parents[2] / "reportkit",
               Path.home() / ".reportlab_mods", Path.home() / ".reportlab_settings", Path.home() / ".cache",
               Path.home() / ".config", Path("/dev"), Path("/proc"), Path("/etc/fonts"), Path("/usr/share/fonts"),
               Path("/etc/localtime"), Path("/usr/share/zoneinfo")]
    outside = sorted({w for _, kind, w in events if kind == "open" and not any(_inside(Path(w), a) for a in allowed)})
    assert outside == []


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve()) or path.is_relative_to(folder)
    except OSError:
        return False
