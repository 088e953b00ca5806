"""``reportkit check-a11y FILE…``: accessibility problems in PDFs and PowerPoint decks.

A PDF: tagged (structure tree, marked content, artifacts), figures with alt text, tables with
header cells, language, title, PDF/UA metadata, fonts embedded. A deck: slide titles (present,
unique, first in reading order), alt text, table header rows, language, contrast. Prints every
problem as ``FILE:WHERE: message``. Exit 0 when every file is clean, 1 when problems were found, 2
when a file cannot be read (it wins over 1: not every file was checked), 3 when reportkit itself
failed (as ``diff``: a failure never reads as "problems found").
"""
from __future__ import annotations

import argparse
from pathlib import Path

INTERNAL_ERROR_EXIT = 3  # exit 1 means "problems found" here (cli.main reads this)

def configure(p: argparse.ArgumentParser) -> None:
    p.epilog = ("exit status: 0 no problems, 1 problems found, 2 a file cannot be read, 3 reportkit failed "
                "(see docs/accessibility.md)")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help="a .pdf or .pptx to check")


def run(args: argparse.Namespace) -> int:
    from ..a11y import check_bytes
    from ..errors import InputError, Problem

    unreadable, found = [], 0
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as e:
            unreadable.append(Problem(str(path), 1, 1, f"cannot read: {e.strerror or e}"))
            continue
        try:
            problems = check_bytes(data, str(path))
        except ValueError as e:
            unreadable.append(Problem(str(path), 1, 1, f"{e}; expected a .pdf or .pptx"))
            continue
        except Exception as e:  # noqa: BLE001 - pypdf/python-pptx on a damaged file
            unreadable.append(Problem(str(path), 1, 1, f"cannot be read as a PDF or PowerPoint file "
                                                       f"({type(e).__name__}: {e})"))
            continue
        for problem in problems:
            print(problem)
        found += len(problems)
        if not problems:
            print(f"{path}: no accessibility problems found")
    if unreadable:
        raise InputError(unreadable)
    if found:
        print(f"{found} accessibility problem(s)")
        return 1
    return 0
