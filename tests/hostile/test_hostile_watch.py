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

from conftest import REFERENCE
from helpers import wait_for

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
    content = tmp_path / "brief.yaml"
    shutil.copy(REFERENCE, content)
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
