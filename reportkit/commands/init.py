"""``reportkit init DIR``: scaffold a briefing project that builds as is.

Writes ``briefing.yaml`` (every field shown and commented), ``themes/default.yaml`` (extends the
built-in default) and a short ``README.md``. Never overwrites: an existing file is an input error.
"""
from __future__ import annotations

import argparse
from pathlib import Path

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
FILES = ("briefing.yaml", "themes/default.yaml", "README.md")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="the project folder to create (may exist, if it has none of the files)")


def scaffold(target: Path) -> list[Path]:
    from ..errors import InputError, Problem

    existing = [target / f for f in FILES if (target / f).exists()]
    if existing:
        raise InputError([Problem(str(p), 1, 1, "already exists; reportkit init never overwrites") for p in existing])
    written = []
    for name in FILES:
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes((SCAFFOLD / name).read_bytes())
        written.append(dest)
    return written


def run(args: argparse.Namespace) -> int:
    for path in scaffold(args.dir):
        print(f"wrote {path}")
    print(f"next: cd {args.dir} && reportkit build briefing.yaml")
    return 0
