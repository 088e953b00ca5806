"""Read one version of a content file: a path, ``git:REV`` (a file's own path at REV) or ``git:REV:PATH``.

Shared by ``reportkit diff`` and ``reportkit build --since``. Every failure is an ``InputError`` with
one clear line (exit 2), never a traceback.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import InputError

GIT_PREFIX = "git:"


def is_git(spec: str) -> bool:
    return spec.startswith(GIT_PREFIX)


def git_path(spec: str) -> str:
    """The PATH part of ``git:REV:PATH`` ("" when only a revision is given)."""
    return spec[len(GIT_PREFIX):].partition(":")[2]


def load_version(spec: str, default_path: Path | None, command: str = "reportkit diff"):
    """(display name, briefing) for a file path or a ``git:`` spec; ``default_path`` is the file a bare
    ``git:REV`` means. Bad content raises located problems."""
    from ..content import load, load_text

    if is_git(spec):
        name, data = _git_text(spec, default_path, command)
        return name, load_text(data, name)
    return spec, load(Path(spec))


def _git(args: list[str], cwd: Path, command: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError([f"{command}: git is not installed, so git: versions cannot be read"]) from None


def _git_text(spec: str, default_path: Path | None, command: str) -> tuple[str, bytes]:
    """The bytes of ``git:REV[:PATH]`` via ``git show REV:PATH`` (PATH relative to the repository root)."""
    rev, _, given = spec[len(GIT_PREFIX):].partition(":")
    if not rev or rev.startswith("-"):  # "-..." would reach git as an option
        raise InputError([f"{command}: {spec}: no revision; write git:REV or git:REV:PATH (e.g. git:HEAD~1)"])
    if not given and default_path is None:
        raise InputError([f"{command}: {spec}: give the file too, as git:REV:PATH"])
    target = (Path(given) if given else default_path).resolve()
    cwd = next(p for p in (target.parent, *target.parents) if p.is_dir())
    top = _git(["rev-parse", "--show-toplevel"], cwd, command)
    if top.returncode != 0:
        raise InputError([f"{command}: {spec}: {cwd} is not inside a git repository"])
    root = Path(top.stdout.decode().strip()).resolve()
    try:
        rel = target.relative_to(root).as_posix()
    except ValueError:
        raise InputError([f"{command}: {spec}: {target} is outside the git repository at {root}"]) from None
    name = f"{GIT_PREFIX}{rev}:{rel}"
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root, command).returncode != 0:
        raise InputError([f"{command}: {spec}: no revision '{rev}' in the git repository at {root}"])
    shown = _git(["show", f"{rev}:{rel}"], root, command)
    if shown.returncode != 0:
        raise InputError([f"{command}: {spec}: {rel} does not exist at revision '{rev}'"])
    return name, shown.stdout


def changes_since(spec: str, content: Path, new, profile=None):
    """``build --since``: the Changes from version ``spec`` of ``content`` to ``new`` (already selected
    for ``profile``). The old version goes through the same profile, so an item withheld from the
    audience is in neither and its change cannot appear."""
    from .compare import diff

    _, old = load_version(spec, default_path=content, command="reportkit build --since")
    if profile is not None:
        from ..audience import select

        old = select(old, profile)[0]
    return diff(old, new)
