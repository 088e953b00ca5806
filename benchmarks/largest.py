"""The largest briefing the content limits allow, built into every edition (issue 20): the time and
memory bound that docs/reliability.md ("Bounded time and memory") documents. Not part of the suite;
run from the repository root:

    python3 benchmarks/largest.py              # one build of every edition, then each edition alone
    python3 benchmarks/largest.py --write FILE # only write the briefing (tests/hostile.py uses largest())

The briefing: every count at its limit (60 parties, 60 issues, 100 outcomes naming every party's
position, 200 reactions, 300 sources, 1,000 stances), names and titles at ordinary lengths, and sections
that fill the file up to the 1,000,000-byte limit with long paragraphs in five scripts and 60-letter
words. Each figure is one whole-process run (``python3 -m reportkit build``) into a fresh folder: wall
time, the CPU time of the build and its forked renderers (``os.wait4``: the build waits for them, so
their usage is included), and the largest resident set of any of them. The CPU time is the figure to
compare across runs: the wall time depends on how many other processes share the 2 cores.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import dump, sized  # noqa: E402
from reportkit.content import limits  # noqa: E402

WORDS = ["negotiation", "ceasefire", "guarantees", "Überwachungsmechanismus", "реконструкция", "وقف", "停火协议",
         "x" * 60]


def largest() -> str:
    """The YAML text of the largest briefing the limits allow (deterministic)."""
    data = sized(limits.MAX_PARTIES, limits.MAX_ISSUES, limits.MAX_OUTCOMES, stances=limits.MAX_LIST_ITEMS,
                 positions_per_outcome=limits.MAX_PARTIES, reactions=limits.MAX_REACTIONS, sources=limits.MAX_SOURCES)
    rng = random.Random(20)
    room = limits.MAX_FILE_BYTES - len(dump(data).encode()) - 20_000  # the YAML quoting and indents
    n = min(limits.MAX_SECTIONS, max(1, room // 15_000))
    per = min(limits.MAX_TEXT_CHARS, room // n)
    sections = []
    for i in range(n):
        body, size = [], 0
        while size < per - 200:
            para = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120)))
            body.append(para)
            size += len(para.encode()) + 2
        sections.append({"id": f"sec{i}", "title": f"Section {i + 1}", "body": "\n\n".join(body)[:per]})
    data["sections"] = sections
    text = dump(data)
    while len(text.encode()) > limits.MAX_FILE_BYTES:  # trim the last body until the file fits
        data["sections"][-1]["body"] = data["sections"][-1]["body"][:-5000]
        text = dump(data)
    return text


def measure(path: Path, formats: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one build of ``formats``."""
    with tempfile.TemporaryDirectory() as out:
        t0 = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "reportkit", "build", str(path), "--out", out, "--format",
                                 formats, "-q"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # the deck's many warnings
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"build of {formats} failed")
        # the forked renderers are the build's children: their CPU time and peak come with its rusage
        # only once it has waited for them, which it does before it exits
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--write", type=Path, help="only write the largest briefing to this file")
    a = p.parse_args(argv)
    text = largest()
    if a.write:
        a.write.write_text(text, encoding="utf-8")
        return 0
    from reportkit.registry import REGISTRY

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "largest.yaml"
        path.write_text(text, encoding="utf-8")
        print(f"largest briefing: {len(text.encode()):,} bytes; {os.cpu_count()} CPUs; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'formats':<24} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'load':>5}")
        for formats in [",".join(REGISTRY), *REGISTRY]:
            wall, cpu, peak = measure(path, formats)
            print(f"{formats:<24} {wall:7.1f} {cpu:7.1f} {peak:8d} {os.getloadavg()[0]:5.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
