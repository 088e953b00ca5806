"""reportkit's benchmark (issue 7). Not part of the test suite; run from the repository root:

    python3 benchmarks/run.py            # about 6-8 minutes on the 2-core project machine
    python3 benchmarks/run.py --quick    # 3 runs per figure instead of 7, about 3 minutes
    python3 benchmarks/run.py --markdown # the same tables as Markdown, for docs/performance.md

Besides issue 7's figures it reports this round's other targets in the same run: the Word edition's
cold build against the PDF memo's (issue 15, in part 1), the preview's save-to-updated-page time over
its event stream and in a real headless Chromium (issue 16, part 6), cold builds with the memo's PDF
tagging on and off (issue 13, part 7, switched off by the benchmark alone), and the cold build of the
previous round's tree (``--previous REV``, part 8).

Every figure is the median of whole-process runs (``python3 -m reportkit build ...`` into a fresh
temporary folder), after one discarded warm-up run. Ratios are taken between figures measured in the
same run, so they hold on a noisy machine even when the seconds do not. Peak memory is each child's
own maximum resident set (``os.wait4``'s rusage), in MB.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: import reportkit and benchmarks.*
from benchmarks import synthetic  # noqa: E402

REFERENCE = ROOT / "content" / "us-russia-talks.yaml"
PY = sys.executable
FLOOR = [PY, "-c", "import reportlab.platypus, pptx, yaml"]
# ``reportkit build`` with the deck's fork turned off: memo, then deck, in one process (what the
# fork saves is measured, not assumed)
NO_FORK = ("import sys, reportkit.forked as f\nf.fork_is_safe = lambda: False\n"
           "from reportkit.cli import main\nsys.exit(main(sys.argv[1:]))")
# ``reportkit build`` with the memo's PDF tagging (issue 13) switched on or off, for the benchmark only:
# both import the tagging module up front, so they differ by the tagging alone.
TAGGING = ("import sys, reportkit.memo.tagging as t\n{off}"
           "from reportkit.cli import main\nsys.exit(main(sys.argv[1:]))")
TAGGING_OFF = ("from reportkit.workarounds.reportlab import page_total_canvas\n"
               "t.document = lambda plan: None\n"
               "t.canvasmaker = lambda root, plan, define_total: page_total_canvas(define_total)\n"
               "t.findings = lambda root: []\n")
# ``reportkit build`` from another source tree (the previous round's), run in the same way as this one's
FROM_TREE = "import sys\nsys.path.insert(0, {tree!r})\nfrom reportkit.cli import main\nsys.exit(main(sys.argv[1:]))"
PREVIOUS = "8d1e62e"  # main at the end of the previous round (2026-11-26), --previous REV for another
SCALES = (1, 2, 5, 10)
BIG = (40, 30, 100)  # parties, issues, outcomes

# The targets of issue 7, on the project's 2-core machine.
TARGET_COLD = 2.5  # full cold build / import floor
TARGET_SCALE_10 = 11.0  # 10x content / 1x
TARGET_BIG_SECONDS, TARGET_BIG_MB = 10.0, 300.0
TARGET_AUDIENCES = 2.0  # all audiences x both formats / one build
TARGET_WATCH_MS = {"memo": 100.0, "deck": 150.0}
TARGET_PREVIEW_MS = 1000.0  # issue 16: save -> the open preview page shows the change
TARGET_TAGGING = 1.10  # issue 13: tagging slows the cold build by at most 10 %
# issue 15: the Word edition's cold build is faster than the PDF memo's (ratio < 1)


@dataclass
class Figure:
    name: str
    seconds: float | None = None  # median; None when the command failed
    peak_mb: float | None = None
    cpu_seconds: float | None = None  # median user + system time of the process and its workers
    runs: list[float] = field(default_factory=list)
    note: str = ""


def _run_once(cmd: list[str], cwd: Path) -> tuple[float, float, float, int, str]:
    """One child process: (wall seconds, CPU seconds, peak RSS MB, exit code, last stderr line).

    CPU time and peak RSS come from ``wait4``, which counts the child's own reaped workers too: the
    peak is the largest single process, the CPU time their sum."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, so tell Popen
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, p.returncode, (lines[-1] if lines else "")


def measure(commands: list[tuple[str, object]], runs: int) -> list[Figure]:
    """Run each ``(name, make_cmd)`` ``runs`` times, round-robin, so a burst of load on the machine
    hits every command alike; ``make_cmd(out_dir)`` gives the command for a fresh output folder."""
    figs = [Figure(name) for name, _ in commands]
    peaks: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    with tempfile.TemporaryDirectory(prefix="rk-bench-") as tmp:
        for n in range(runs + 1):  # run 0 warms the disk cache and the .pyc files
            for fig, (_, make_cmd), peak_list, cpu_list in zip(figs, commands, peaks, cpus):
                if fig.note:
                    continue
                seconds, cpu, peak, rc, last = _run_once(make_cmd(Path(tmp) / f"{len(fig.runs)}-{fig.name[:8]}-{n}"), ROOT)
                if rc != 0:
                    last = last.replace("reportkit: internal error: ", "").split(" (run with --debug")[0]
                    fig.note = f"failed (exit {rc}): {last}"[:90]
                elif n:
                    fig.runs.append(seconds)
                    peak_list.append(peak)
                    cpu_list.append(cpu)
    for fig, peak_list, cpu_list in zip(figs, peaks, cpus):
        if fig.runs and not fig.note:
            fig.cpu_seconds = statistics.median(cpu_list)
            fig.seconds = statistics.median(fig.runs)
            fig.peak_mb = max(peak_list)
    return figs


def build_cmd(content: Path, *extra: str):
    return lambda out: [PY, "-m", "reportkit", "build", str(content), "--out", str(out), "--quiet", *extra]


# -- the four measurements ------------------------------------------------------------------------

def cold(runs: int) -> list[Figure]:
    commands = [("import floor (reportlab.platypus, pptx, yaml)", lambda out: FLOOR)]
    commands += [(f"build reference --format {fmt}", build_cmd(REFERENCE, "--format", fmt)) for fmt in ("memo", "deck", "docx", "all")]
    commands.append(("  the same, not forked: memo, then deck",
                     lambda out: [PY, "-c", NO_FORK, "build", str(REFERENCE), "--out", str(out), "--quiet"]))
    return measure(commands, runs)


def scale_series(runs: int, folder: Path) -> list[Figure]:
    """The floor first (for the net ratios), then each scale, then the big case."""
    commands = [("import floor", lambda out: FLOOR)]
    for k in SCALES:
        data = synthetic.scaled(k)
        path = folder / f"synthetic-{k}x.yaml"
        path.write_text(synthetic.dump(data), encoding="utf-8")
        commands.append((f"{k:>2}x: {_counts(data)}", build_cmd(path)))
    figs = measure(commands, runs)
    data = synthetic.sized(*BIG)
    path = folder / "synthetic-big.yaml"
    path.write_text(synthetic.dump(data), encoding="utf-8")
    return figs + measure([(f"big: {_counts(data)}", build_cmd(path))], max(2, runs // 2))


def _counts(d: dict) -> str:
    return (f"{len(d['parties'])} parties, {len(d['issues'])} issues, {len(d['outcomes'])} outcomes, "
            f"{len(d['stances'])} stances")


def audience_matrix(runs: int) -> list[Figure]:
    one, every = measure([("one build, both formats", build_cmd(REFERENCE)),
                          ("--all-audiences, both formats", build_cmd(REFERENCE, "--all-audiences"))], runs)
    if every.seconds is None and ("unrecognized arguments" in every.note or "all-audiences" in every.note):
        every.note = "skipped: this build command has no --all-audiences yet"
    return [one, every]


def watch_latency(runs: int, folder: Path) -> list[Figure]:
    """Rebuild latency in a warm process, per format: (a) ``Rebuilder.rebuild()`` called in-process
    after each save, the work a save triggers; (b) end to end: a running ``reportkit watch``, from the
    write of the file to the new output on disk (adds the debounce and the file-system event)."""
    from reportkit.commands.watch import Rebuilder

    content = folder / "watched.yaml"
    original = REFERENCE.read_text(encoding="utf-8")
    figs = []
    for fmt in ("memo", "deck"):
        content.write_text(original, encoding="utf-8")
        out = folder / f"watch-{fmt}"
        problems: list[str] = []
        rb = Rebuilder(content, out, [fmt], say=None, complain=problems.append)
        rb.warm_up()
        fig = Figure(f"{fmt}: rebuild after a save, in the watch process")
        for n in range(runs * 2 + 1):
            content.write_text(_retitle(original, n), encoding="utf-8")
            t0 = time.perf_counter()
            ok = rb.rebuild() is not None
            if not ok:
                fig.note = f"failed: {problems[-1] if problems else '?'}"[:160]
                break
            if n:
                fig.runs.append(time.perf_counter() - t0)
        if fig.runs:
            fig.seconds = statistics.median(fig.runs)
        figs.append(fig)
        figs.append(_watch_end_to_end(fmt, content, original, folder / f"watch-e2e-{fmt}", runs * 2))
    return figs


def _retitle(text: str, n: int) -> str:
    """The briefing with a different title: a real edit, so every save changes the output."""
    changed = re.sub(r"(?m)^  title: ", f"  title: ({n}) ", text, count=1)
    assert changed != text, "the reference briefing has no '  title:' line to edit"
    return changed


def _watch_end_to_end(fmt: str, content: Path, original: str, out: Path, saves: int) -> Figure:
    fig = Figure(f"{fmt}: save -> new output on disk, reportkit watch running")
    content.write_text(original, encoding="utf-8")
    target = out / f"{content.stem}-{fmt}{'.pdf' if fmt == 'memo' else '.pptx'}"
    proc = subprocess.Popen([PY, "-m", "reportkit", "watch", str(content), "--out", str(out), "--format", fmt, "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not _wait(lambda: target.exists() or proc.poll() is not None, 60) or proc.poll() is not None:
            fig.note = "failed: watch wrote no first output"
            return fig
        time.sleep(0.5)  # let the observer settle after the first build
        for n in range(saves):
            before = target.stat().st_mtime_ns
            t0 = time.perf_counter()
            content.write_text(_retitle(original, 1000 + n), encoding="utf-8")
            if not _wait(lambda: target.stat().st_mtime_ns != before, 20, step=0.002):
                fig.note = "failed: no rebuild within 20 s of a save"
                return fig
            fig.runs.append(time.perf_counter() - t0)
            time.sleep(0.3)  # separate saves, so each is its own burst
        fig.seconds = statistics.median(fig.runs)
        fig.peak_mb = _peak_mb(proc.pid)
        return fig
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def preview_latency(runs: int, folder: Path) -> Figure:
    """``reportkit preview`` running: from the write of the content file to the page the open browser
    reloads with the change (the build event on the page's event stream, then the page itself)."""
    import http.client
    import json

    fig = Figure("web edition: save -> updated page, reportkit preview running")
    content = folder / "previewed.yaml"
    original = REFERENCE.read_text(encoding="utf-8")
    content.write_text(original, encoding="utf-8")
    proc = subprocess.Popen([PY, "-m", "reportkit", "preview", str(content), "--out", str(folder / "preview-out"),
                             "--quiet"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"127\.0\.0\.1:(\d+)/", line)
        if not m:
            fig.note = f"failed: no address printed ({line.strip()[:80]})"
            return fig
        port = int(m.group(1))
        host = {"Host": f"127.0.0.1:{port}"}
        stream = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        stream.request("GET", "/events", headers=host)
        events = stream.getresponse()

        def next_event() -> dict:
            while True:
                raw = events.fp.readline().decode()
                if not raw:
                    raise RuntimeError("event stream closed")
                if raw.startswith("data: "):
                    return json.loads(raw[6:])

        next_event()
        time.sleep(0.5)  # let the observer settle after the first build
        for n in range(runs * 2 + 1):
            title = f"({2000 + n}) "
            t0 = time.perf_counter()
            content.write_text(_retitle(original, 2000 + n), encoding="utf-8")
            if next_event()["problems"]:
                fig.note = "failed: the preview reported problems"
                return fig
            page = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            page.request("GET", "/", headers=host)
            body = page.getresponse().read().decode()
            page.close()
            if title not in body:
                fig.note = "failed: the served page lacks the change"
                return fig
            if n:
                fig.runs.append(time.perf_counter() - t0)
            time.sleep(0.3)
        stream.close()
        fig.seconds = statistics.median(fig.runs)
        fig.peak_mb = _peak_mb(proc.pid)
        return fig
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _peak_mb(pid: int) -> float | None:
    """A running process's peak resident set so far (Linux: VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _wait(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


# -- this round's other targets (issues 13, 15, 16) and the previous round ----------------------------

def tagging_overhead(runs: int) -> list[Figure]:
    """Cold builds with the memo's PDF tagging on and off (issue 13): the memo alone, where all of the
    cost shows, and memo + deck, where the memo runs beside the forked deck."""
    def cmd(off: bool, *extra: str):
        code = TAGGING.format(off=TAGGING_OFF if off else "")
        return lambda out: [PY, "-c", code, "build", str(REFERENCE), "--out", str(out), "--quiet", *extra]

    return measure([("memo, tagged (as shipped)", cmd(False, "--format", "memo")),
                    ("memo, tagging off", cmd(True, "--format", "memo")),
                    ("memo + deck, tagged (as shipped)", cmd(False)),
                    ("memo + deck, tagging off", cmd(True))], runs)


def previous_round(runs: int, folder: Path, rev: str) -> list[Figure] | str:
    """The cold build of the reference (memo + deck) from this tree and from ``rev`` (``git archive``
    into a temporary folder), run alike, round-robin in one run: both on ``rev``'s reference briefing
    (the content format has grown since: the old tree refuses the new keys), and this tree on its own
    reference too. A string says why it was not measured."""
    tree = folder / f"reportkit-{rev}"
    tree.mkdir()
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "reportkit", "content"],
                                 capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        return f"not measured: cannot extract {rev} ({e})"
    old_reference = tree / "content" / REFERENCE.name

    def cmd(root: Path, content: Path):
        code = FROM_TREE.format(tree=str(root))
        return lambda out: [PY, "-c", code, "build", str(content), "--out", str(out), "--quiet"]

    return measure([(f"previous round ({rev}), its reference", cmd(tree, old_reference)),
                    (f"this tree, {rev}'s reference", cmd(ROOT, old_reference)),
                    ("this tree, today's reference", cmd(ROOT, REFERENCE))], runs)


def preview_in_browser(runs: int, folder: Path) -> Figure:
    """``reportkit preview`` with the page open in headless Chromium (Playwright, Debian's
    /usr/bin/chromium): from the write of the content file to the open page showing the new title."""
    fig = Figure("web edition: save -> the open page in Chromium shows it")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        fig.note = "not measured: playwright is not installed"
        return fig
    if not Path(chromium).exists():
        fig.note = "not measured: no chromium"
        return fig
    content = folder / "previewed-browser.yaml"
    original = REFERENCE.read_text(encoding="utf-8")
    content.write_text(original, encoding="utf-8")
    proc = subprocess.Popen([PY, "-m", "reportkit", "preview", str(content), "--out", str(folder / "preview-browser-out"),
                             "--quiet"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        m = re.search(r"127\.0\.0\.1:(\d+)/", proc.stdout.readline())
        if not m:
            fig.note = "failed: no address printed"
            return fig
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(bypass_csp=True)  # the page's CSP forbids eval, which wait_for_function uses
            page.goto(f"http://127.0.0.1:{m.group(1)}/")
            page.wait_for_function("document.getElementById('rk-status').textContent === 'up to date'")
            time.sleep(0.5)  # let the observer settle after the first build
            for n in range(runs * 2 + 1):
                t0 = time.perf_counter()
                content.write_text(_retitle(original, 3000 + n), encoding="utf-8")
                page.wait_for_function("document.querySelector('h1') && "
                                       f"document.querySelector('h1').textContent.startsWith('({3000 + n}) ')",
                                       polling="raf", timeout=20_000)
                if n:
                    fig.runs.append(time.perf_counter() - t0)
                time.sleep(0.3)
            browser.close()
        fig.seconds = statistics.median(fig.runs)
        fig.peak_mb = _peak_mb(proc.pid)
        return fig
    except Exception as e:  # noqa: BLE001 - a benchmark figure, not a test: report and go on
        fig.note = f"failed: {type(e).__name__}: {str(e).splitlines()[0][:120]}"
        return fig
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# -- report -----------------------------------------------------------------------------------------

def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    libs = ", ".join(f"{n} {version(n)}" for n in ("reportlab", "python-pptx", "PyYAML"))
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores (nproc), {model}; "
            f"Python {platform.python_version()}; {libs}; load average at start {load} (1/5/15 min)")


def _secs(f: Figure) -> str:
    return f"{f.seconds:.3f} s" if f.seconds is not None else "-"


def _mb(f: Figure) -> str:
    return f"{f.peak_mb:.0f} MB" if f.peak_mb is not None else "-"


def _cores(f: Figure) -> str:
    return f"{f.cpu_seconds / f.seconds:.2f}" if f.seconds and f.cpu_seconds is not None else "-"


def _ratio(f: Figure, base: Figure) -> float | None:
    return f.seconds / base.seconds if f.seconds is not None and base.seconds else None


def _verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= limit else "NOT met"


class Table:
    def __init__(self, title: str, headers: list[str], markdown: bool):
        self.title, self.headers, self.rows, self.markdown = title, headers, [], markdown

    def add(self, *cells: str) -> None:
        self.rows.append([str(c) for c in cells])

    def print(self) -> None:
        if self.markdown:
            print(f"\n### {self.title}\n")
            print("| " + " | ".join(self.headers) + " |")
            print("|" + "|".join("---" for _ in self.headers) + "|")
            for r in self.rows:
                print("| " + " | ".join(r) + " |")
            return
        widths = [max([len(h), *(len(r[i]) for r in self.rows)]) for i, h in enumerate(self.headers)]
        print(f"\n{self.title}")
        print("  " + "  ".join(h.ljust(w) for h, w in zip(self.headers, widths)))
        print("  " + "  ".join("-" * w for w in widths))
        for r in self.rows:
            print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)))


PARTS = ["cold", "scale", "audiences", "watch", "preview", "tagging", "previous"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="reportkit benchmark (issues 7, 13, 15, 16)")
    ap.add_argument("--quick", action="store_true", help="3 runs per figure instead of 7")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--only", choices=PARTS, action="append", help="run only these parts (repeatable)")
    ap.add_argument("--previous", default=PREVIOUS, metavar="REV",
                    help=f"the git revision the 'previous' part compares with (default {PREVIOUS})")
    a = ap.parse_args(argv)
    runs = 3 if a.quick else 7
    parts = a.only or PARTS
    md = a.markdown
    print(("**Machine:** " if md else "machine: ") + machine())
    if md:
        print()  # a paragraph of its own
    print(("**Runs:** " if md else "runs: ") + f"median of {runs} after 1 warm-up" + (" (--quick)" if a.quick else ""))
    verdicts = []

    if "cold" in parts:
        floor, *builds = cold(runs)
        t = Table("1. Cold build of the reference briefing / import floor",
                  ["what", "median", "x floor", "CPU / wall (cores used)", "peak"], md)
        t.add(floor.name, _secs(floor), "1.00", _cores(floor), _mb(floor))
        for f in builds:
            r = _ratio(f, floor)
            t.add(f.name, _secs(f), f"{r:.2f}" if r else f.note or "-", _cores(f), _mb(f))
        t.print()
        print("\n(--format all renders the deck in a forked child while the memo renders: its peak is the larger "
              "process's; both together hold up to the sum, less the pages they share.)")
        both = _ratio(next(f for f in builds if f.name.endswith("--format all")), floor)
        verdicts.append((f"full cold build <= {TARGET_COLD}x import floor", f"{both:.2f}x" if both else "-",
                         _verdict(both, TARGET_COLD)))
        by_format = {f.name.split("--format ")[-1]: f for f in builds if "--format " in f.name}
        word = _ratio(by_format["docx"], by_format["memo"])
        verdicts.append(("issue 15: Word edition cold build faster than the PDF memo's (docx / memo < 1)",
                         f"{word:.2f}x" if word else "-",
                         "not measured" if word is None else ("met" if word < 1 else "NOT met")))

    with tempfile.TemporaryDirectory(prefix="rk-bench-content-") as tmp:
        folder = Path(tmp)
        if "scale" in parts:
            floor, *figs = scale_series(runs, folder)
            base = figs[0]
            t = Table("2. Scale series (synthetic content, both formats) / 1x",
                      ["content", "median", "x 1x", "x 1x above the floor", "peak"], md)
            for f in figs:
                r = _ratio(f, base)
                net = ((f.seconds - floor.seconds) / (base.seconds - floor.seconds)
                       if r and floor.seconds and base.seconds > floor.seconds else None)
                t.add(f.name, _secs(f), f"{r:.2f}" if r else f.note or "-", f"{net:.2f}" if net else "-", _mb(f))
            t.print()
            print("\n(\"above the floor\": each time minus the import floor measured in the same round, "
                  f"{_secs(floor)}, over the same for 1x: the growth of reportkit's own work.)")
            r10 = _ratio(figs[len(SCALES) - 1], base)
            verdicts.append((f"10x content <= {TARGET_SCALE_10:.0f}x the time of 1x", f"{r10:.2f}x" if r10 else "-",
                             _verdict(r10, TARGET_SCALE_10)))
            big = figs[-1]
            big_ok = (big.seconds is not None and big.seconds < TARGET_BIG_SECONDS and big.peak_mb < TARGET_BIG_MB)
            verdicts.append((f"{BIG[0]}x{BIG[1]}x{BIG[2]} briefing < {TARGET_BIG_SECONDS:.0f} s and < {TARGET_BIG_MB:.0f} MB",
                             f"{_secs(big)}, {_mb(big)}", "met" if big_ok else ("NOT met" if big.seconds else "not measured")))

        if "audiences" in parts:
            one, every = audience_matrix(runs)
            t = Table("3. All audiences x both formats / one build (reference)",
                      ["what", "median", "x one build", "CPU / wall (cores used)", "peak"], md)
            t.add(one.name, _secs(one), "1.00" if one.seconds else one.note or "-", _cores(one), _mb(one))
            r = _ratio(every, one)
            t.add(every.name, _secs(every), f"{r:.2f}" if r else every.note or "-", _cores(every), _mb(every))
            t.print()
            verdicts.append((f"audience matrix <= {TARGET_AUDIENCES:.0f}x one build", f"{r:.2f}x" if r else "-",
                             _verdict(r, TARGET_AUDIENCES)))

        if "watch" in parts:
            figs = watch_latency(runs, folder)
            t = Table("5. Watch mode: rebuild latency after a save (reference; medians of twice the runs)",
                      ["what", "median", "target", "peak"], md)
            for f in figs:
                fmt = f.name.split(":")[0]
                t.add(f.name, f"{f.seconds * 1000:.0f} ms" if f.seconds is not None else f.note or "-",
                      f"<= {TARGET_WATCH_MS[fmt]:.0f} ms", _mb(f))
                verdicts.append((f"watch {f.name}", f"{f.seconds * 1000:.0f} ms" if f.seconds is not None else "-",
                                 _verdict(f.seconds * 1000 if f.seconds is not None else None, TARGET_WATCH_MS[fmt])))
            t.print()

        if "preview" in parts:
            f = preview_latency(runs, folder)
            t = Table("6. Preview: save -> updated page (reference web edition; median of twice the runs)",
                      ["what", "median", "target", "peak"], md)
            shown = f"{f.seconds * 1000:.0f} ms" if f.seconds is not None else f.note or "-"
            t.add(f.name, shown, f"<= {TARGET_PREVIEW_MS:.0f} ms", _mb(f))
            verdicts.append((f"preview {f.name}", shown if f.seconds is not None else "-",
                             _verdict(f.seconds * 1000 if f.seconds is not None else None, TARGET_PREVIEW_MS)))
            b = preview_in_browser(runs, folder)
            shown = f"{b.seconds * 1000:.0f} ms" if b.seconds is not None else b.note or "-"
            t.add(b.name, shown, f"<= {TARGET_PREVIEW_MS:.0f} ms", _mb(b))
            t.print()
            verdicts.append((f"issue 16: preview {b.name}", shown if b.seconds is not None else "-",
                             _verdict(b.seconds * 1000 if b.seconds is not None else None, TARGET_PREVIEW_MS)))

        if "tagging" in parts:
            memo_on, memo_off, all_on, all_off = tagging_overhead(runs)
            t = Table("7. PDF tagging (issue 13): cold builds of the reference with tagging on and off",
                      ["what", "median", "on / off", "CPU / wall (cores used)", "peak"], md)
            for on, off in ((memo_on, memo_off), (all_on, all_off)):
                r = _ratio(on, off)
                t.add(off.name, _secs(off), "1.00" if off.seconds else off.note or "-", _cores(off), _mb(off))
                t.add(on.name, _secs(on), f"{r:.2f}" if r else on.note or "-", _cores(on), _mb(on))
            t.print()
            for what, on, off in (("memo", memo_on, memo_off), ("memo + deck", all_on, all_off)):
                r = _ratio(on, off)
                verdicts.append((f"issue 13: tagging slows the cold build ({what}) by <= {TARGET_TAGGING - 1:.0%}",
                                 f"{r:.2f}x" if r else "-", _verdict(r, TARGET_TAGGING)))

        if "previous" in parts:
            figs = previous_round(runs, folder, a.previous)
            t = Table("8. This tree against the previous round: cold build of the reference (memo + deck)",
                      ["what", "median", "x previous", "CPU / wall (cores used)", "peak"], md)
            if isinstance(figs, str):
                t.add(figs, "-", "-", "-", "-")
            else:
                prev, *now = figs
                t.add(prev.name, _secs(prev), "1.00" if prev.seconds else prev.note or "-", _cores(prev), _mb(prev))
                for f in now:
                    r = _ratio(f, prev)
                    t.add(f.name, _secs(f), f"{r:.2f}" if r else f.note or "-", _cores(f), _mb(f))
            t.print()

    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(("\n**Load average at the end:** " if md else "\nload average at the end: ") + f"{load} (1/5/15 min)")
    t = Table("Targets (issue 7; issues 13, 15, 16 where named)", ["target", "measured", "verdict"], md)
    for v in verdicts:
        t.add(*v)
    t.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
