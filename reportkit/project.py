"""The current project: which content file ``reportkit build`` (or ``watch``) means when given none.

A project is the folder ``reportkit init`` made (``briefing.yaml`` in it) or any folder with a
``content/`` folder. A content file is a ``.yaml``/``.yml`` there with a top-level ``reportkit:`` key,
so theme files beside it (``house.yaml``) are not mistaken for one.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .errors import InputError, Problem

_MARKER = re.compile(rb"^reportkit\s*:", re.MULTILINE)
_HEAD_BYTES = 65536  # the key is near the top of any real content file


def candidates(folder: Path = Path(".")) -> list[Path]:
    """The content files of the project in ``folder``: its own, then those in ``content/``."""
    out = []
    for where in (folder, folder / "content"):
        if where.is_dir():
            out += sorted(p for p in where.iterdir() if p.suffix in (".yaml", ".yml") and is_content_file(p))
    return out


def is_content_file(path: Path) -> bool:
    """A YAML file with a top-level ``reportkit:`` key (a theme file has none)."""
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError:
        return False
    return bool(_MARKER.search(head.lstrip(b"\xef\xbb\xbf")))


def find_content(folder: Path = Path("."), quiet: bool = False) -> Path:
    """The one content file of the project in ``folder``; says which on stderr unless ``quiet``.

    None or several: an input error (exit 2) that says what to do or lists the candidates.
    """
    found = candidates(folder)
    if len(found) == 1:
        if not quiet:
            print(f"reportkit: using {found[0]} (the one content file here; name another as FILE)", file=sys.stderr)
        return found[0]
    if not found:
        raise InputError(Problem("reportkit", 0, 0, "no content file here (a .yaml starting with `reportkit: 1`, "
                                                    "here or in content/): give FILE, or start a project with "
                                                    "`reportkit init DIR`"))
    listed = ", ".join(str(p) for p in found)
    raise InputError(Problem("reportkit", 0, 0, f"{len(found)} content files here; name one as FILE: {listed}"))
