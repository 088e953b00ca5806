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

from ..build import DEFAULT_CONTENT, RENDERERS, Written, build_edition, output_path


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", type=Path, default=DEFAULT_CONTENT, help=f"content file (default: {DEFAULT_CONTENT})")
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    p.add_argument("--format", choices=[*RENDERERS, "all"], default="all", help="what to build (default: all)")
    p.add_argument("--page-size", choices=["letter", "a4"], default=None, help="memo page size (default: the theme's, letter)")
    p.add_argument("--theme", default=None,
                   help="theme name or .yaml path (default: the audience's theme; 'default' for the full briefing)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--audience", metavar="NAME", default=None,
                     help="build for one audience profile (see `reportkit audiences FILE`)")
    who.add_argument("--all-audiences", action="store_true", help="build every audience profile, in parallel")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    p.add_argument("--since", metavar="OLD", default=None,
                   help="show what changed since OLD: a file, git:REV (this file at REV) or git:REV:PATH")


def audience_edition(content: Path, audience: str | None, theme_name: str | None = None,
                     page_size: str | None = None, since: str | None = None):
    """The edition one audience receives, and what was withheld from it (None for the full briefing)."""
    from ..audience import get_profile, select
    from ..content import load
    from ..edition import make_edition
    from ..theme import load_theme

    briefing = load(content)
    search = (content.parent,)
    kw = {"page_size": page_size} if page_size else {}
    if since is not None:  # what changed, as this audience may see it (diff.versions.changes_since)
        from ..diff.versions import changes_since
        profile = get_profile(audience, briefing, where=str(content)) if audience else None
        new = select(briefing, profile)[0] if profile else briefing
        kw["changes"] = changes_since(since, content, new, profile)
    if audience is None:
        return make_edition(briefing, load_theme(theme_name or "default", search, where=str(content)), **kw), None
    profile = get_profile(audience, briefing, where=str(content))
    selected, withheld = select(briefing, profile)
    theme = load_theme(theme_name or _profile_theme(content, profile), search, where=str(content))
    edition = make_edition(selected, theme, audience=profile.name, detail=profile.detail,
                           speaker_notes=profile.notes, disclaimer=profile.disclaimer, **kw)
    return edition, withheld


def _profile_theme(content: Path, profile) -> str:
    """The theme an audience in the content file names: a name, or a .yaml file inside the project
    (the content file's folder). Content may not make reportkit read files elsewhere."""
    from ..errors import InputError, Problem
    from ..theme import is_theme_path

    name = profile.theme
    if not is_theme_path(name):
        return name
    project = content.parent.resolve()
    path = (project / name).resolve()  # an absolute name stays absolute; symlinks are followed
    if path.is_relative_to(project):
        return str(path)
    from ..content import load_yaml

    line, col = load_yaml(content, str(content), strict=False).where(("audiences", profile.name, "theme"))
    raise InputError(Problem(str(content), line, col, f"audience {profile.name!r}: theme {name!r} is outside the "
                                                      "project; a theme file must be in the content file's folder"))


def _render_job(content: Path, audience: str, fmt: str, theme_name: str | None, page_size: str | None,
                since: str | None = None):
    """One worker's job: render one (audience, format) to bytes. Runs in a child process."""
    from ..build import render
    from ..errors import InputError

    t0 = time.perf_counter()
    try:
        edition, _ = audience_edition(content, audience, theme_name, page_size, since)
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
    withheld = {name: audience_edition(content, name, theme_name, page_size, since)[1] for name in names}
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
    edition, withheld = audience_edition(args.file, args.audience, args.theme, args.page_size, args.since)
    build_edition(edition, args.file, args.out, formats, report=report, parallel=True)  # a plain build: fork the deck
    if withheld is not None and report:
        report(withheld)
    return 0
