"""``reportkit build [FILE] [--out DIR] [--format memo|deck|all] [--audience NAME | --all-audiences]``

Without an audience the build is the full edition: the briefing as written, marked FULL EDITION on
every page and slide and addressed to no audience (``audience.marking``). ``--audience NAME`` shapes it for one
profile (what it may see, detail, notes, disclaimer, theme); ``--all-audiences`` builds every profile
x format in parallel, one worker per (audience, format), and writes nothing unless all succeed.
The building is ``reportkit.build.build``; this command parses the flags and prints the result.
"""
from __future__ import annotations

import argparse
import sys

from ..build import BuildResult, build, formats_for
from .options import add_render_options


def configure(p: argparse.ArgumentParser) -> None:
    who = add_render_options(p, audience_help="build for one audience profile (see `reportkit audiences FILE`)")
    who.add_argument("--all-audiences", action="store_true", help="build every audience profile, in parallel")


def print_result(result: BuildResult, file=None) -> None:
    """What was written (per audience, then what that audience does not see)."""
    file = file or sys.stdout
    audiences = list(dict.fromkeys(w.audience for w in result.outputs))
    withheld = {w.audience: w for w in result.withheld}
    for audience in audiences:
        for written in result.outputs:
            if written.audience == audience:
                print(written, file=file)
        if audience in withheld:
            print(withheld[audience], file=file)
    for note in result.notes:  # "full edition: …": which edition this is, and that it is not for distribution
        print(note, file=file)


def print_warnings(result: BuildResult, complain=None) -> None:
    """The one place a build's warnings are shown (``build``, ``watch``): one ``reportkit: FORMAT:
    message`` line each, on stderr unless ``complain`` takes the line."""
    for warned in result.warnings:
        if complain:
            complain(str(warned))
        else:
            print(warned, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    result = build(args.file, args.out, formats_for(args.format), audience=args.audience,
                   all_audiences=args.all_audiences, theme=args.theme, page_size=args.page_size,
                   since=args.since, parallel=True)  # a plain build: the deck renders in a forked child
    if not args.quiet:
        print_result(result)
    print_warnings(result)
    return 0
