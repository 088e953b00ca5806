"""The first-hour mistakes (tests/cli/first_hour/cases.yaml), each through the real CLI in a fresh process:
the message, where it points (content FILE:LINE:COL, or the command line for a flag) and the exit code."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "first_hour" / "cases.yaml").read_text(encoding="utf-8"))["cases"]
MINIMAL = (HERE.parent / "bad_inputs" / "valid-minimal.yaml").read_text(encoding="utf-8")


def content_for(case: dict) -> str:
    if "edit" not in case:
        return MINIMAL
    old, new = case["edit"]
    assert MINIMAL.count(old) == 1, f"{case['name']}: {old!r} must occur once in valid-minimal.yaml"
    return MINIMAL.replace(old, new)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_first_hour_mistake(case, tmp_path):
    path = tmp_path / "briefing.yaml"
    path.write_text(content_for(case), encoding="utf-8")
    out = tmp_path / "out"
    if "config" in case:  # a batch config, read from the folder batch runs in
        (tmp_path / "reportkit-batch.yaml").write_text(case["config"].replace("{out}", str(out)), encoding="utf-8")
    argv = [a.format(file=path, out=out) for a in shlex.split(case.get("run", "validate {file}"))]
    r = subprocess.run([sys.executable, "-m", "reportkit", *argv], capture_output=True, text=True, timeout=300,
                       cwd=tmp_path)
    assert r.returncode == case.get("exit", 2), r.stderr
    assert "Traceback" not in r.stderr
    if "at" not in case:  # a success: the message is in what the command printed
        assert case["says"] in r.stdout + r.stderr, r.stdout + r.stderr
        return
    lines = [ln for ln in r.stderr.splitlines() if case["says"] in ln]
    assert lines, f"no stderr line says {case['says']!r}:\n{r.stderr}"
    line = lines[0]
    if case["at"] == "command line" or case["at"].startswith("config "):
        assert len(lines) == 1, f"said more than once (once per job?):\n{r.stderr}"
    if case["at"] == "command line":
        assert line.startswith("reportkit"), line
        assert str(path) not in line and not re.search(r":\d+:\d+:", line), line
        assert not out.exists()
    elif case["at"].startswith("config "):  # LINE:COL in reportkit-batch.yaml
        assert line.startswith(f"reportkit-batch.yaml:{case['at'].split()[1]}: "), line
        assert not out.exists()
    else:
        assert line.startswith(f"{path}:{case['at']}: "), line
