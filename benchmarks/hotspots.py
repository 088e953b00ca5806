"""Where a warm build spends its time: cProfile of one renderer on one content file.

    python3 benchmarks/hotspots.py                          # the reference briefing, memo and deck
    python3 benchmarks/hotspots.py --scale 10 --format deck # a synthetic briefing (benchmarks/synthetic.py)
    python3 benchmarks/hotspots.py --big                    # the 40 x 30 x 100 case

Each renderer runs once unprofiled first (imports, font loading), then once under cProfile; the top
functions by cumulative time are printed. For import costs use ``python3 -X importtime -m reportkit build``.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks import synthetic  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", nargs="?", type=Path, default=ROOT / "content" / "us-russia-talks.yaml")
    ap.add_argument("--scale", type=int, help="profile synthetic content grown this many times instead")
    ap.add_argument("--big", action="store_true", help="profile the 40 x 30 x 100 synthetic case instead")
    ap.add_argument("--format", choices=["memo", "deck", "all"], default="all")
    ap.add_argument("--top", type=int, default=30, help="how many functions to list (default 30)")
    a = ap.parse_args(argv)

    from reportkit.build import render
    from reportkit.pipeline import load_edition

    with tempfile.TemporaryDirectory() as tmp:
        path = a.file
        if a.scale or a.big:
            data = synthetic.sized(40, 30, 100) if a.big else synthetic.scaled(a.scale)
            path = Path(tmp) / "synthetic.yaml"
            path.write_text(synthetic.dump(data), encoding="utf-8")
        t0 = time.perf_counter()
        edition = load_edition(path)
        print(f"load {path.name}: {time.perf_counter() - t0:.3f} s")
        for fmt in (["memo", "deck"] if a.format == "all" else [a.format]):
            t0 = time.perf_counter()
            render(edition, fmt)
            first = time.perf_counter() - t0
            t0 = time.perf_counter()
            render(edition, fmt)
            print(f"\n{fmt}: first render {first:.3f} s, warm render {time.perf_counter() - t0:.3f} s")
            prof = cProfile.Profile()
            prof.enable()
            render(edition, fmt)
            prof.disable()
            pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(a.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
