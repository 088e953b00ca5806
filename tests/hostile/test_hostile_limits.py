"""Hazard: content that is valid but huge. The documented limits bound time and memory: the largest
briefing they allow builds every registered edition under a memory limit (RLIMIT_AS, in a subprocess);
an unbreakable 20,000-character word is laid out in linear time; a name longer than a fixed-size box
can hold, and counts over the limits, are refused, located."""
from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest
import yaml

from conftest import REFERENCE
from helpers import copy_reference
from hostile import largest_briefing

MEMORY_LIMIT = 2 * 2**30  # address space per process (each forked renderer has its own)
PEAK_RSS = 2**30  # the documented bound (docs/reliability.md): resident memory of the largest process
CPU_SECONDS = 120  # six times the measured ~20 s (benchmarks/largest.py): load-independent, unlike wall time
BUILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from reportkit import cli
code = cli.main(["build", sys.argv[1], "--out", sys.argv[2], "--format", sys.argv[3]])
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
# the forked renderers are this build's children, waited for: their usage is in ``kids``
print(max(own.ru_maxrss, kids.ru_maxrss) * 1024, own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime)
sys.exit(code)
"""


def test_the_largest_allowed_briefing_builds_within_the_memory_limit(tmp_path):
    from reportkit.registry import REGISTRY

    path = largest_briefing(tmp_path)
    out = tmp_path / "out"
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-c", BUILD.format(limit=MEMORY_LIMIT), str(path), str(out), ",".join(REGISTRY)],
                       capture_output=True, text=True, timeout=900)
    seconds = time.monotonic() - t0
    assert r.returncode == 0, r.stderr[-2000:]
    peak, cpu = (float(v) for v in r.stdout.split()[-2:])  # the largest process: the build or a renderer
    assert {p.name for p in out.iterdir()} == {f"largest-{r.filename}" for r in REGISTRY.values()}
    assert peak < PEAK_RSS, f"{peak / 2**20:.0f} MiB"
    assert cpu < CPU_SECONDS, f"{cpu:.0f} s of CPU"
    print(f"largest briefing ({path.stat().st_size:,} bytes): every edition in {seconds:.1f} s, "
          f"{cpu:.1f} s CPU, {peak / 2**20:.0f} MiB peak")


def test_an_unbreakable_20000_character_word_is_measured_in_linear_time():
    from reportkit.deck import fit

    t0 = time.perf_counter()
    lines = fit.wrap("x" * 20_000, 300, 18)
    assert time.perf_counter() - t0 < 2  # was minutes (each shorter prefix measured and cached)
    assert "".join(lines) == "x" * 20_000 and all(fit.metrics().width(ln, 18) <= 300 for ln in lines)
    assert len(fit.metrics()._cache) < 10_000


def _content(tmp_path, change) -> str:
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    change(data)
    return str(copy_reference(tmp_path, "big.yaml", text=yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                                         width=100_000)))


def _validate(path: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportkit", "validate", path], capture_output=True, text=True)


def test_a_long_word_in_every_long_text_field_builds(tmp_path):
    word = "x" * 20_000

    def change(data):
        data["sections"][0]["body"] = word
        data["outcomes"][0]["summary"] = word
        data["stances"][0]["summary"] = word

    path = _content(tmp_path, change)
    r = subprocess.run([sys.executable, "-m", "reportkit", "build", path, "--out", str(tmp_path / "out")],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]


@pytest.mark.parametrize("where,change,says", [
    ("parties", lambda d: d["parties"].extend({"id": f"p{i}", "name": f"P{i}", "role": "observer"} for i in range(60)),
     "parties: at most 60 items, got 66"),
    ("name", lambda d: d["parties"][0].update(name="N" * 301),
     "301 characters; at most 300 here, where it is printed in a box of fixed size (label length limit)"),
    ("short", lambda d: d["parties"][1].update(short="S" * 61), "61 characters; at most 60 here"),
    ("title", lambda d: d["briefing"].update(title="T" * 20_000), "20,000 characters; at most 300 here"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "")
def test_over_the_limits_is_refused_located(tmp_path, where, change, says):
    path = _content(tmp_path, change)
    r = _validate(path)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert re.search(rf"^{re.escape(path)}:\d+:\d+: .*{re.escape(says)}", r.stderr, re.M), r.stderr
