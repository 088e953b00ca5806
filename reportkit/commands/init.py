"""``reportkit init DIR``: scaffold a briefing project that builds as is.

Writes ``briefing.yaml`` (every field shown and commented), ``themes/default.yaml`` (extends the
built-in default), a short ``README.md`` and a ``.gitignore`` that keeps the built ``out/`` folder out
of version control. Never overwrites: an existing file is an input error, and so is a DIR that is a file.
"""
from __future__ import annotations

import argparse
from pathlib import Path

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
FILES = ("briefing.yaml", "themes/default.yaml", "README.md", ".gitignore")
# Written from here, not copied: dot-files are easily lost when the package is built.
GENERATED = {".gitignore": "# Built by `reportkit build`; rebuild instead of committing.\nout/\n"}


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="the project folder to create (may exist, if it has none of the files)")


def scaffold(target: Path) -> list[Path]:
    from ..errors import InputError, Problem

    blocker = next((p for p in (target, *target.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise InputError(Problem(str(blocker), 0, 0, "is a file, not a folder: give reportkit init a new or "
                                                     "existing folder"))
    existing = [target / f for f in FILES if (target / f).exists()]
    if existing:
        raise InputError([Problem(str(p), 1, 1, "already exists; reportkit init never overwrites") for p in existing])
    written = []
    for name in FILES:
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        data = GENERATED[name].encode() if name in GENERATED else (SCAFFOLD / name).read_bytes()
        dest.write_bytes(data)
        written.append(dest)
    return written


def run(args: argparse.Namespace) -> int:
    for path in scaffold(args.dir):
        print(f"wrote {path}")
    print(f"next: cd {args.dir} && reportkit build")
    return 0
