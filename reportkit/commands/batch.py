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

from .options import page_size


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


def _editions(text: str) -> tuple[str, ...]:
    """``--editions``: names of registered editions or ``all``, checked here so a typo is blamed on the
    command line with a did-you-mean (as ``build --format`` is), not found later inside the batch."""
    from ..errors import did_you_mean
    from ..registry import REGISTRY

    names = tuple(n.lower() for n in _names(text))
    if not names:
        raise argparse.ArgumentTypeError("give an edition, a comma list such as memo,deck, or all")
    known = [*REGISTRY, "all"]
    for name in names:
        if name not in known:
            raise argparse.ArgumentTypeError(f"unknown edition {name!r}{did_you_mean(name, known)} "
                                             f"(known: {', '.join(known)})")
    return names


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, default=[Path(".")],
                   help="content files, or folders searched for them (default: the current folder)")
    p.add_argument("--audiences", type=_names, default=None,
                   help="comma-separated audience names, 'full' (no audience) or 'all' (default: full)")
    p.add_argument("--editions", type=_editions, default=None, metavar="EDITIONS",
                   help="comma-separated editions or 'all' (default: memo,deck)")
    p.add_argument("--theme", default=None, help="theme for every job (default: each audience's own)")
    p.add_argument("--page-size", type=page_size, default=None, metavar="SIZE", help="memo page size: letter or a4")
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
    if opts.theme:
        _check_theme(opts.theme, args.paths, from_flag=args.theme is not None)
    _check_audiences(opts.audiences, args.paths, from_flag=args.audiences is not None)
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


def _check_theme(name: str, paths: list[Path], from_flag: bool) -> None:
    """A theme that no briefing of the batch can find is the command line's mistake (or the batch
    config's, at its ``theme:`` line), said once before any job starts rather than once per job."""
    from ..batch.plan import CONFIG_NAME, find_content
    from ..errors import InputError, Problem, command_line
    from ..theme import theme_candidates, unknown_theme

    folders = tuple(dict.fromkeys([Path("."), *(c.parent for c in find_content(paths))]))
    if any(theme_candidates(name, (folder,)) for folder in folders):
        return
    message = unknown_theme(name, folders)
    if from_flag:
        raise InputError(command_line("--theme", message, "reportkit batch"))
    from ..content import load_yaml

    line, col = load_yaml(Path(CONFIG_NAME), CONFIG_NAME).where(("theme",))
    raise InputError(Problem(CONFIG_NAME, line, col, message))


def _check_audiences(names: tuple[str, ...], paths: list[Path], from_flag: bool) -> None:
    """An audience a briefing of the batch has no profile for is the command line's mistake (or the
    batch config's, at its item), said once with a did-you-mean before any job starts, not once per
    job. Built-in profiles exist in every briefing, so only other names cost a read of the briefings."""
    from ..audience import profiles
    from ..audience.profiles import BUILTIN
    from ..batch.plan import CONFIG_NAME, FULL, find_content
    from ..content import load
    from ..errors import InputError, Problem, command_line, did_you_mean

    asked = [n for n in names if n not in (FULL, "all") and n not in BUILTIN]
    if not asked:
        return
    known: dict[Path, list[str]] = {}
    for content in find_content(paths):
        try:
            known[content] = list(profiles(load(content), where=str(content)))
        except InputError:  # a briefing that does not load: its own job reports that
            continue
    everywhere = list(dict.fromkeys(n for names_ in known.values() for n in names_)) or list(BUILTIN)
    problems = []
    for i, name in enumerate(names):
        lacking = [str(c) for c, ns in known.items() if name not in ns] if name in asked else []
        if not lacking:
            continue
        if len(lacking) == len(known):
            message = f"unknown audience {name!r}{did_you_mean(name, everywhere)}; known: {', '.join(everywhere)}"
        else:
            message = f"audience {name!r} is not defined in {', '.join(lacking)}"
        if from_flag:
            problems.append(command_line("--audiences", message, "reportkit batch"))
        else:
            problems.append(Problem(CONFIG_NAME, *_config_item("audiences", i), message))
    if problems:
        raise InputError(problems)


def _config_item(key: str, index: int) -> tuple[int, int]:
    """Where item ``index`` of a list setting (or the setting itself, written as one name) is."""
    from ..batch.plan import CONFIG_NAME
    from ..content import load_yaml

    doc = load_yaml(Path(CONFIG_NAME), CONFIG_NAME)
    return doc.where((key, index) if isinstance(doc.data.get(key), list) else (key,))
