"""``reportkit build [FILE] [--out DIR] [--format memo|deck|all] [--audience NAME | --all-audiences]``

Without an audience the build is the full briefing, as written. ``--audience NAME`` shapes it for one
profile (what it may see, detail, notes, disclaimer, theme); ``--all-audiences`` builds every profile
x format in parallel, one worker per (audience, format), and writes nothing unless all succeed.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from ..build import RENDERERS, Written, build_edition, output_path
from ..pipeline import edition_for
from .options import add_render_options


def configure(p: argparse.ArgumentParser) -> None:
    who = add_render_options(p, audience_help="build for one audience profile (see `reportkit audiences FILE`)")
    who.add_argument("--all-audiences", action="store_true", help="build every audience profile, in parallel")


def _render_job(content: Path, audience: str, fmt: str, theme_name: str | None, page_size: str | None,
                since: str | None = None):
    """One worker's job: render one (audience, format) to bytes. Runs in a child process."""
    from ..build import render
    from ..errors import InputError

    t0 = time.perf_counter()
    try:
        edition, _ = edition_for(content, audience, theme_name, page_size, since)
    except InputError as e:  # e.g. the file changed since the parent checked it
        return e.problems, None  # Problems pickle; InputError itself does not round-trip
    return render(edition, fmt), time.perf_counter() - t0


def _preload(formats: list[str]) -> None:
    """Import each renderer with its library (a renderer's ``preload()`` where it has one)."""
    import importlib

    for fmt in formats:
        module = importlib.import_module(RENDERERS[fmt][0])
        if hasattr(module, "preload"):
            module.preload()


def build_all_audiences(content: Path, out_dir: Path, formats: list[str], theme_name: str | None = None,
                        page_size: str | None = None, report=print, workers: int | None = None,
                        since: str | None = None) -> list[Written]:
    from concurrent.futures import ProcessPoolExecutor

    from ..audience import profiles
    from ..content import load
    from ..errors import InputError
    from ..build import write_all_or_explain

    # Check every input here first, so a wrong content file or theme is reported once, located,
    # before any worker starts (and no worker has to ship an InputError back).
    names = list(profiles(load(content), where=str(content)))
    withheld = {name: edition_for(content, name, theme_name, page_size, since)[1] for name in names}
    jobs = [(name, fmt) for name in names for fmt in formats]
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    _preload(formats)  # before the pool forks: every worker inherits the imported renderers
    first = sorted(range(len(jobs)), key=lambda i: jobs[i][1] != "deck")  # decks (the slow ones) first
    with ProcessPoolExecutor(max_workers=workers) as pool:
        submitted = {i: pool.submit(_render_job, content, *jobs[i], theme_name, page_size, since) for i in first}
        futures = [submitted[i] for i in range(len(jobs))]
        try:
            results = [f.result() for f in futures]  # all rendered before anything is written
        except BaseException:
            # Ctrl-C or a failed job: stop the workers now. They only render to memory, so ending them
            # loses nothing; leaving the block would wait for every queued job, and after Ctrl-C the
            # pool can hang. (Python 3.14 names this terminate_workers(); 3.11 has only the mapping.)
            for worker in list(getattr(pool, "_processes", {}).values()):
                worker.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    problems = sorted({p for data, seconds in results if seconds is None for p in data})
    if problems:
        raise InputError(problems)
    files = {output_path(out_dir, content, fmt, name): data for (name, fmt), (data, _) in zip(jobs, results)}
    write_all_or_explain(files, out_dir)  # every file or none
    written = [Written(fmt, path, seconds) for ((_, fmt), (_, seconds)), path in zip(zip(jobs, results), files)]
    if report:
        for name in names:
            for (job_name, _), w in zip(jobs, written):
                if job_name == name:
                    report(w)
            report(withheld[name])
    return written


def run(args: argparse.Namespace) -> int:
    formats = list(RENDERERS) if args.format == "all" else [args.format]
    report = None if args.quiet else print
    if args.all_audiences:
        build_all_audiences(args.file, args.out, formats, args.theme, args.page_size, report=report,
                            since=args.since)
        return 0
    edition, withheld = edition_for(args.file, args.audience, args.theme, args.page_size, args.since)
    build_edition(edition, args.file, args.out, formats, report=report, parallel=True)  # a plain build: fork the deck
    if withheld is not None and report:
        report(withheld)
    return 0
