"""Batch throughput (issue 19): 100 reference-size briefings x 2 editions (memo, deck).

    python3 benchmarks/batch.py            # about 5 minutes on the 2-core project machine
    python3 benchmarks/batch.py --quick    # 30 briefings, 1 run each

Figures, each a whole-process median measured in this one run, round-robin (cold builds, the local
batch and the Dask batch in turn, so a burst of load from other work hits all three alike):
- cold: one ``reportkit build FILE`` (memo and deck) in a fresh process, times the number of briefings
  (what a shell loop over the portfolio costs);
- local: ``reportkit batch DIR --force`` with the default local pool (one worker per core);
- dask: the same with ``--scheduler`` pointing at a scheduler and two single-threaded workers on
  127.0.0.1, started here (workers warmed by a first, discarded run).
The CPU seconds per job (processes and the workers they reaped) are printed too: on a machine shared
with other work they hold when wall seconds do not.
Targets: local / cold <= 0.25; dask / local <= 1.3.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "content" / "us-russia-talks.yaml"
PY = sys.executable
TARGET_LOCAL, TARGET_DASK = 0.25, 1.3


def portfolio(folder: Path, n: int) -> None:
    import shutil

    text = REFERENCE.read_text(encoding="utf-8")
    for assets in ("figures",):  # what the reference names by relative path, shared by every copy
        if (REFERENCE.parent / assets).is_dir():
            shutil.copytree(REFERENCE.parent / assets, folder / assets)
    for i in range(n):  # the reference, each with its own title so no two files are the same
        (folder / f"talks-{i:03d}.yaml").write_text(
            text.replace("title: U.S.–Russia Talks on the War in Ukraine", f"title: Talks number {i}", 1), encoding="utf-8")


CPU: dict[str, list[float]] = {}  # what -> CPU seconds (user + system) of each timed run, workers included


def timed(cmd: list[str], cwd: Path, env: dict, what: str | None = None) -> float:
    """Wall seconds of one run; its CPU seconds (the process and the workers it reaped, ``wait4``) go
    to ``CPU[what]``: on a machine shared with other work the CPU time per job holds when wall time
    does not."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        raise subprocess.CalledProcessError(p.returncode, cmd)
    if what:
        CPU.setdefault(what, []).append(usage.ru_utime + usage.ru_stime)
    return seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args(argv)
    n, runs, cold_runs = (30, 1, 3) if a.quick else (100, 3, 7)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("DASK_SCHEDULER_ADDRESS", None)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "briefs").mkdir()
        portfolio(tmp / "briefs", n)
        one = str(tmp / "briefs" / "talks-000.yaml")
        build = [PY, "-m", "reportkit", "build", one, "--out", str(tmp / "single")]
        batch = [PY, "-m", "reportkit", "batch", "briefs", "--editions", "memo,deck", "--force", "-q"]
        port = free_port()
        address = f"tcp://127.0.0.1:{port}"
        procs = [subprocess.Popen([PY, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        try:
            time.sleep(3)
            procs += [subprocess.Popen([PY, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                        "--no-dashboard", "--host", "127.0.0.1"], env=env, cwd=tmp,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
            from distributed import Client

            with Client(address, timeout="60s") as c:
                c.wait_for_workers(2, timeout=120)
            dask_cmd = batch + ["--scheduler", address]
            timed(build, tmp, env)  # warm-ups: bytecode and font caches, the Dask workers' imports
            timed(batch + ["--out", "warm"], tmp, env)
            timed(dask_cmd + ["--out", "dask-warm"], tmp, env)
            # Round-robin: each round runs some cold builds, the local batch and the Dask batch, so a
            # burst of load from other work on the machine hits all three alike (the ratios hold).
            colds, locals_, dasks = [], [], []
            per_round = -(-cold_runs // runs)
            for _ in range(runs):
                colds += [timed(build, tmp, env, "cold") for _ in range(per_round)]
                locals_.append(timed(batch + ["--out", "local"], tmp, env, "local"))
                dasks.append(timed(dask_cmd + ["--out", "dask"], tmp, env))
            cold = statistics.median(colds) * n
            local = statistics.median(locals_)
            dask = statistics.median(dasks)
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(timeout=30)
    jobs = n  # one job per briefing (full edition), each rendering memo and deck
    print(f"{n} reference-size briefings x 2 editions, {os.cpu_count()} cores, median of {runs} (cold: {cold_runs} builds)")
    print(f"  {n} separate cold builds: {cold:7.1f} s  {jobs / cold:5.2f} jobs/s")
    print(f"  batch, local pool:       {local:7.1f} s  {jobs / local:5.2f} jobs/s  "
          f"({jobs / local / (os.cpu_count() or 1):.2f} jobs/s per core)  local / cold = {local / cold:.2f} (target <= {TARGET_LOCAL})")
    print(f"  batch, Dask 2 workers:   {dask:7.1f} s  {jobs / dask:5.2f} jobs/s  dask / local = {dask / local:.2f} (target <= {TARGET_DASK})")
    cold_cpu, local_cpu = statistics.median(CPU["cold"]), statistics.median(CPU["local"]) / n
    print(f"  CPU per job: cold build {cold_cpu:.2f} s, batch {local_cpu:.2f} s (ratio {local_cpu / cold_cpu:.2f}); "
          f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min) at the end")
    ok = local / cold <= TARGET_LOCAL and dask / local <= TARGET_DASK
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
