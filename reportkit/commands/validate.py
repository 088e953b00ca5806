"""``reportkit validate FILE…``: every problem as FILE:LINE:COL: message (exit 2), or one line per valid file.

A content file is valid when it loads and every theme its audiences name loads too (so ``build
--all-audiences`` cannot then fail on a theme ``validate`` passed)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="content file(s) to check (default: the one content file in this folder or its content/)")
    p.add_argument("--strict", action="store_true",
                   help="treat analytic-standards warnings (estimative language, grades) as errors")


def run(args: argparse.Namespace) -> int:
    from ..content.lint import lint
    from ..pipeline import audience_theme_problems, read_source

    if not args.files:
        from ..project import find_content

        args.files = [find_content()]
    problems = []
    for path in args.files:
        try:
            source = read_source(path)
        except InputError as e:
            problems.extend(e.problems)
            continue
        for warning in source.document.warnings:  # bidi controls a build removes, items YAML joined, …
            print(warning, file=sys.stderr)
        themes = audience_theme_problems(source)
        if themes:
            problems.extend(themes)
            continue
        warnings = lint(source.document)
        if args.strict and warnings:
            problems.extend(warnings)
            continue
        for w in warnings:
            print(f"{w.file}:{w.line}:{w.col}: warning: {w.message}", file=sys.stderr)
        b = source.briefing
        counts = ", ".join(_count(len(items), word) for items, word in (
            (b.parties, "party"), (b.issues, "issue"), (b.stances, "stance"), (b.outcomes, "outcome")))
        print(f"{path}: valid ({counts})")
    if problems:
        raise InputError(problems)  # the CLI prints each on stderr and exits 2
    return 0


def _count(n: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word if n == 1 else plural}"
