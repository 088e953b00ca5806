"""``reportkit batch PATHS… [--audiences A,B|all] [--editions memo,deck|all] [--out DIR] [--force]
[--scheduler tcp://HOST:PORT]``: every briefing under PATHS x audience x edition, cached (docs/batch.md).

Settings come from the flags over ``reportkit-batch.yaml`` (in the current folder) over the defaults.
Exit 2 when a briefing's content is wrong (the others are still built), 1 when a job failed inside
reportkit, 0 otherwise.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, default=[Path(".")],
                   help="content files, or folders searched for them (default: the current folder)")
    p.add_argument("--audiences", type=_names, default=None,
                   help="comma-separated audience names, 'full' (no audience) or 'all' (default: full)")
    p.add_argument("--editions", type=_names, default=None, help="comma-separated editions or 'all' (default: memo,deck)")
    p.add_argument("--theme", default=None, help="theme for every job (default: each audience's own)")
    p.add_argument("--page-size", choices=["letter", "a4"], default=None)
    p.add_argument("--out", type=Path, default=None, help="output folder (default: out/)")
    p.add_argument("--layout", choices=["flat", "tree"], default=None,
                   help="flat: out/NAME[-AUDIENCE]-memo.pdf as build writes; tree: out/NAME/AUDIENCE/memo.pdf")
    p.add_argument("--force", action="store_true", help="rebuild even the jobs whose inputs did not change")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (default: $DASK_SCHEDULER_ADDRESS, else local)")
    p.add_argument("--workers", type=int, default=None, help="local worker processes (default: one per core)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary and problems")


def run(args: argparse.Namespace) -> int:
    from ..batch import run_batch
    from ..batch.executors import executor_for
    from ..batch.plan import Options, read_config
    from ..batch.progress import Progress, Quiet

    opts = read_config(Path("."), Options())
    flags = {"audiences": args.audiences, "editions": args.editions, "theme": args.theme,
             "page_size": args.page_size, "out": args.out, "layout": args.layout}
    opts = replace(opts, force=args.force, **{k: v for k, v in flags.items() if v is not None})
    tty = sys.stderr.isatty()
    progress = Quiet() if args.quiet else Progress(sys.stderr if tty else sys.stdout, tty)
    result = run_batch(args.paths, opts, executor_for(args.scheduler, args.workers), progress)
    for failed in result.failed:
        who = f"{failed.task.content} ({failed.task.audience or 'full'})"
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        if failed.error:
            print(f"reportkit: {who}: internal error: {failed.error}", file=sys.stderr)
    for content in result.unwritten:
        print(f"reportkit: {content}: nothing written for this briefing (a job failed); earlier outputs kept",
              file=sys.stderr)
    print(result.summary(), file=sys.stderr if result.failed else sys.stdout)
    return result.exit_code
