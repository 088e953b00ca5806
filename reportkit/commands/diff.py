"""``reportkit diff OLD NEW`` or ``reportkit diff NEW --since OLD``: the meaningful changes between two
versions of a content file. OLD (or NEW) may be ``git:REV`` (the same file at revision REV) or
``git:REV:PATH``. Exit 0 when nothing meaningful changed, 1 when something did (like ``diff``), 2 on
bad input, 3 when reportkit itself failed (so a failure never reads as "changes found"). ``--audience NAME`` compares only what that audience may see.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..diff.versions import GIT_PREFIX, git_path as _git_path
from ..errors import InputError

INTERNAL_ERROR_EXIT = 3  # exit 1 means "changes found" here (cli.main reads this)


def configure(p: argparse.ArgumentParser) -> None:
    p.epilog = ("exit status: 0 nothing meaningful changed, 1 something did, 2 bad input, 3 reportkit failed "
                "(see docs/diff.md)")
    p.add_argument("versions", nargs="+", metavar="FILE",
                   help="OLD NEW, or only NEW with --since; a version may be git:REV or git:REV:PATH")
    p.add_argument("--since", metavar="OLD", help="the older version: a file, git:REV (NEW's path at REV) or git:REV:PATH")
    p.add_argument("--json", action="store_true", help="print the changes as JSON (keys in docs/diff.md)")
    p.add_argument("--audience", metavar="NAME",
                   help="only what this audience may see, in both versions (profiles as in NEW; see `reportkit audiences`)")


def run(args: argparse.Namespace) -> int:
    from ..diff import diff, format_text, to_json

    old_spec, new_spec = _versions(args.versions, args.since)
    if new_spec.startswith(GIT_PREFIX) and not _git_path(new_spec):
        raise InputError([f"reportkit diff: {new_spec}: give the file too, as git:REV:PATH"])
    new_path = None if new_spec.startswith(GIT_PREFIX) else Path(new_spec)
    old_name, old = _load(old_spec, default_path=new_path)
    new_name, new = _load(new_spec, default_path=None)
    if args.audience:
        old, new = _select(old, new, args.audience, new_name)
    changes = diff(old, new)
    if args.json:
        print(json.dumps(to_json(changes, old_name, new_name, args.audience), ensure_ascii=False, indent=2))
    else:
        print(format_text(changes, old_name, new_name, args.audience), end="")
    return 1 if changes.meaningful else 0


def _select(old, new, audience: str, where: str):
    """Both versions as one audience sees them, under the profile as NEW defines it, so an item
    withheld from that audience cannot show up as a change."""
    from ..audience import get_profile, select

    profile = get_profile(audience, new, where=where)
    return select(old, profile)[0], select(new, profile)[0]


def _versions(files: list[str], since: str | None) -> tuple[str, str]:
    if since is not None and len(files) == 1:
        return since, files[0]
    if since is None and len(files) == 2:
        return files[0], files[1]
    raise InputError(["reportkit diff: give OLD and NEW, or NEW --since OLD"])


def _load(spec: str, default_path: Path | None):
    from ..diff.versions import load_version

    return load_version(spec, default_path)
