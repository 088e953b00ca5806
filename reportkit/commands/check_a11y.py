"""``reportkit check-a11y FILE…``: accessibility problems in PDFs and PowerPoint decks.

A PDF: tagged (structure tree, marked content, artifacts), figures with alt text, tables with
header cells, language, title, PDF/UA metadata, fonts embedded. A deck: slide titles (present,
unique, first in reading order), alt text, table header rows, language, contrast. Prints every
problem as ``FILE:WHERE: message``. Exit 0 when every file is clean; 2 when a problem is found or a
file cannot be read (the file, not reportkit, needs fixing; exit 1 stays for reportkit's own failures).
"""
from __future__ import annotations

import argparse
from pathlib import Path


def configure(p: argparse.ArgumentParser) -> None:
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
        return 2
    return 0
