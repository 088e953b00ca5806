"""Hazard: a huge or over-limit save while ``reportkit watch`` runs. The watch reads at most the file
size limit, refuses what is over a limit with a located error at once (no build is attempted), keeps
the last good outputs, and the next good save rebuilds. A real watch process, real saves."""
from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
import yaml

from conftest import REFERENCE, require_tool
from helpers import copy_reference, wait_for

QUICK = 60  # seconds: a refusal needs no build; generous for the busy 2-core machine


def _over_counts(text: str) -> str:
    data = yaml.safe_load(text)
    data["parties"] += [{"id": f"extra{i}", "name": f"Party {i}", "role": "observer"} for i in range(80)]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000)


def _over_label(text: str) -> str:
    return text.replace("  title: U.S.", "  title: " + "W" * 19_000 + " U.S.", 1)


def _over_size(text: str) -> str:
    return text + "\n# " + "x" * 3_000_000 + "\n"  # a 3 MB comment: over the 1,000,000-byte file limit


@pytest.mark.parametrize("spoil,says", [
    (_over_size, r"brief\.yaml:1:1: file is larger than the limit of 1,000,000 bytes"),
    (_over_counts, r"brief\.yaml:\d+:\d+: .*at most 60 items, got 86"),
    (_over_label, r"brief\.yaml:\d+:\d+: .*title: 19,\d+ characters; at most 300 here"),
], ids=["file-size", "counts", "label"])
def test_watch_refuses_an_over_limit_save_at_once_and_rebuilds_after_a_good_one(tmp_path, spoil, says):
    content = copy_reference(tmp_path, "brief.yaml")
    good = content.read_text(encoding="utf-8")
    memo = tmp_path / "out" / "brief-memo.pdf"
    err_path = tmp_path / "stderr.txt"
    with open(err_path, "wb") as err, open(tmp_path / "stdout.txt", "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "reportkit", "watch", "brief.yaml", "--out", "out",
                                 "--format", "memo"], cwd=tmp_path, stdout=out, stderr=err)
    try:
        wait_for(lambda: memo.is_file() and (tmp_path / "stdout.txt").read_text().count("rebuilt in"),
                  "first build", proc, 180)
        first = memo.read_bytes()
        time.sleep(0.5)

        content.write_text(spoil(good), encoding="utf-8")
        t0 = time.monotonic()
        wait_for(lambda: re.search(says, err_path.read_text(encoding="utf-8", errors="replace")),
                  f"located error matching {says!r}", proc, QUICK)
        refused_in = time.monotonic() - t0
        wait_for(lambda: "not rebuilt: fix the problems above" in err_path.read_text(encoding="utf-8", errors="replace"),
                  "the 'not rebuilt' line after the error", proc, QUICK)  # written just after the error line
        assert memo.read_bytes() == first, "the last good memo was replaced"

        content.write_text(good.replace("  title: U.S.", "  title: Recovered U.S.", 1), encoding="utf-8")
        wait_for(lambda: memo.read_bytes() != first, "rebuild after the good save", proc, 180)
        print(f"{spoil.__name__}: refused in {refused_in:.1f} s")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    assert code == 0 and "Traceback" not in stderr, stderr


def _titled(text: str, title: str) -> str:
    old = "  title: 'Synthetic Talks: 60 Parties, 60 Issues, 100 Outcomes'"
    assert text.count(old) == 1
    return text.replace(old, f"  title: '{title}'")


def _memo_title(memo) -> str:
    r = subprocess.run(["pdftotext", "-l", "1", str(memo), "-"], capture_output=True, text=True, check=True)
    return r.stdout


def test_watch_on_the_largest_briefing_coalesces_saves_and_stops_mid_rebuild(tmp_path):
    """The largest valid briefing takes seconds to rebuild (memo and deck, one after the other: watch
    has threads, so it does not fork). A burst of saves during a rebuild gives one more rebuild, of the
    last save, not one per save; Ctrl-C in the middle of a rebuild stops at once, keeps the last good
    outputs whole and leaves no temporary file."""
    from hostile import largest_briefing

    require_tool("pdftotext")
    content = largest_briefing(tmp_path)
    good = content.read_text(encoding="utf-8")
    out_dir = tmp_path / "out"
    stdout, err_path = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with open(err_path, "wb") as err, open(stdout, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "reportkit", "watch", content.name, "--out", "out",
                                 "--format", "memo,deck"], cwd=tmp_path, stdout=out, stderr=err)
    rebuilds = lambda: stdout.read_text().count("rebuilt in")  # noqa: E731
    try:
        wait_for(lambda: rebuilds() == 1, "first build", proc, 600)
        for i in range(5):  # the first starts a rebuild; the other four arrive while it runs
            content.write_text(_titled(good, f"Save {i}"), encoding="utf-8")
            time.sleep(0.3)
        memo = out_dir / "largest-memo.pdf"
        wait_for(lambda: "Save 4" in _memo_title(memo), "the memo of the last save", proc, 600)
        settled = rebuilds()
        time.sleep(5)  # a rebuild per save would still be running or starting now
        assert rebuilds() == settled <= 3, stdout.read_text()  # the first build, then at most two

        before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
        content.write_text(_titled(good, "Stopped"), encoding="utf-8")
        time.sleep(2)  # the rebuild has started (it takes several seconds)
        assert rebuilds() == settled, "the rebuild finished before Ctrl-C: the test proves nothing"
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=QUICK)
        stopped_in = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    assert code == 0 and "Traceback" not in stderr, stderr[-2000:]
    assert "stopped watching" in stdout.read_text()
    assert stopped_in < 5, f"Ctrl-C took {stopped_in:.1f} s"  # 0.15 s; 3-8 s while the heap was torn down
    after = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    assert after == before, "a file was added, removed or replaced by the interrupted rebuild"
