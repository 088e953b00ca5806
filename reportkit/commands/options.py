"""Options shared by the commands that render (build, watch), so both read the same flags the same way."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..build import DEFAULT_CONTENT
from ..registry import REGISTRY


def add_render_options(p: argparse.ArgumentParser, audience_help: str = "build for one audience profile",
                       since_help: str = "show what changed since OLD: a file, git:REV (this file at REV) or git:REV:PATH"):
    """Add the flags every rendering command takes; returns the audience group, for more exclusive flags."""
    p.add_argument("file", nargs="?", type=Path, default=DEFAULT_CONTENT, help=f"content file (default: {DEFAULT_CONTENT})")
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    p.add_argument("--format", choices=[*REGISTRY, "all"], default="all", help="what to build (default: all)")
    p.add_argument("--page-size", choices=["letter", "a4"], default=None, help="memo page size (default: the theme's, letter)")
    p.add_argument("--theme", default=None,
                   help="theme name or .yaml path (default: the audience's theme; 'default' for the full briefing)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--audience", metavar="NAME", default=None, help=audience_help)
    p.add_argument("--quiet", action="store_true", help="print only problems")
    p.add_argument("--since", metavar="OLD", default=None, help=since_help)
    return who
