"""``reportkit validate FILE…``: every problem as FILE:LINE:COL: message (exit 2), or one line per valid file."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import InputError


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="content file(s) to check")


def run(args: argparse.Namespace) -> int:
    from ..content import load

    problems = []
    for path in args.files:
        try:
            b = load(path)
        except InputError as e:
            problems.extend(e.problems)
            continue
        print(f"{path}: valid ({len(b.parties)} parties, {len(b.issues)} issues, "
              f"{len(b.stances)} stances, {len(b.outcomes)} outcomes)")
    if problems:
        raise InputError(problems)  # the CLI prints each on stderr and exits 2
    return 0
