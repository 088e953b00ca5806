"""Options shared by the commands that render (build, watch), so both read the same flags the same way."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import did_you_mean
from ..registry import REGISTRY, default_formats

PAGE_SIZES = ("letter", "a4")


def formats(value: str) -> list[str]:
    """``--format``: a format, a comma list (``memo,deck``) or ``all`` (the default formats)."""
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if not names:
        raise argparse.ArgumentTypeError("give a format, a comma list such as memo,deck, or all")
    out: list[str] = []
    for name in names:
        if name == "all":
            out += default_formats()
        elif name in REGISTRY:
            out.append(name)
        else:
            known = [*REGISTRY, "all"]
            raise argparse.ArgumentTypeError(f"unknown format {name!r}{did_you_mean(name, known)} (known: {', '.join(known)})")
    return list(dict.fromkeys(out))  # each once, in the order given


def page_size(value: str) -> str:
    """``--page-size``: letter or a4, in any case (A4 is how people write it)."""
    name = value.strip().lower()
    if name not in PAGE_SIZES:
        raise argparse.ArgumentTypeError(f"unknown page size {value!r}{did_you_mean(name, PAGE_SIZES)} "
                                         f"(known: {', '.join(PAGE_SIZES)})")
    return name


def add_render_options(p: argparse.ArgumentParser, audience_help: str = "build for one audience profile",
                       since_help: str = "show what changed since OLD: a file, git:REV (this file at REV) or git:REV:PATH"):
    """Add the flags every rendering command takes; returns the audience group, for more exclusive flags."""
    p.add_argument("file", nargs="?", type=Path, default=None,
                   help="content file (default: the one content file in this folder or its content/ folder)")
    p.set_defaults(find_content=True)  # cli.main fills ``file`` through project.find_content
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    p.add_argument("--format", type=formats, default="all", metavar="FORMATS",
                   help=f"what to build: {', '.join(REGISTRY)}, a comma list (memo,deck) or all (default: all)")
    p.add_argument("--page-size", type=page_size, default=None, metavar="SIZE",
                   help="memo page size: letter or a4 (default: the theme's, letter)")
    p.add_argument("--theme", default=None,
                   help="theme name or .yaml path (default: the audience's theme; 'default' for the full briefing)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--audience", metavar="NAME", default=None, help=audience_help)
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.add_argument("--since", metavar="OLD", default=None, help=since_help)
    return who
