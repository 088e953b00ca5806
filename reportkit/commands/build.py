"""``reportkit build [FILE] [--out DIR] [--format memo|deck|all]``"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..build import DEFAULT_CONTENT, RENDERERS, build_edition


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", type=Path, default=DEFAULT_CONTENT, help=f"content file (default: {DEFAULT_CONTENT})")
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    p.add_argument("--format", choices=[*RENDERERS, "all"], default="all", help="what to build (default: all)")
    p.add_argument("--page-size", choices=["letter", "a4"], default=None, help="memo page size (default: the theme's, letter)")
    p.add_argument("--theme", default="default", help="theme name or file (default: default)")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")


def run(args: argparse.Namespace) -> int:
    from ..content import load
    from ..edition import make_edition
    from ..theme import load_theme

    briefing = load(args.file)
    theme = load_theme(args.theme, search=(args.file.parent,))
    kw = {"page_size": args.page_size} if args.page_size else {}
    edition = make_edition(briefing, theme, **kw)
    formats = list(RENDERERS) if args.format == "all" else [args.format]
    build_edition(edition, args.file, args.out, formats, report=None if args.quiet else print)
    return 0
