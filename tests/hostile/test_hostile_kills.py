"""Hazard: a build killed from outside. The forked deck renderer ends with its parent (kill -9 or
SIGTERM of the build), instead of rendering on for no one; nothing is written."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REFERENCE

# The deck's render (in the forked child) sleeps, so the test can find the child and kill the parent.
SLOW_DECK = """
import sys, time
from reportkit import build, cli
real = build.render
def render(edition, fmt):
    if fmt == "deck":
        time.sleep(60)
    return real(edition, fmt)
build.render = render
sys.exit(cli.main(["build", sys.argv[1], "--out", sys.argv[2], "--format", "all"]))
"""


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status  # a zombie has ended


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_the_forked_renderer_dies_with_its_parent(tmp_path, sig):
    out = tmp_path / "out"
    parent = subprocess.Popen([sys.executable, "-c", SLOW_DECK, str(REFERENCE), str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    child = None
    try:
        deadline = time.monotonic() + 60
        while not _children(parent.pid):
            assert parent.poll() is None and time.monotonic() < deadline, "no forked child appeared"
            time.sleep(0.02)
        (child,) = _children(parent.pid)
        time.sleep(0.2)  # the child is past its start and inside the slow render
        os.kill(parent.pid, sig)
        parent.wait(10)
        deadline = time.monotonic() + 2
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _alive(child), "the render child outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if child is not None and _alive(child):  # the test failed: leave no sleeping orphan behind
            os.kill(child, signal.SIGKILL)
    assert not out.exists() or not any(p.suffix in (".pdf", ".pptx") for p in out.iterdir())
