"""Build orchestration: content file -> edition -> renderer bytes -> atomic files in the out folder."""
from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import InputError, Problem
from .output import write_all

from .registry import REGISTRY, output_name

# format -> (renderer module, file suffix): kept for callers of the old table; the registry is the truth
RENDERERS = {name: (r.module, Path(r.filename).suffix) for name, r in REGISTRY.items()}
DEFAULT_CONTENT = Path("content/us-russia-talks.yaml")


@dataclass(frozen=True)
class Written:
    format: str
    path: Path
    seconds: float

    def __str__(self) -> str:
        return f"wrote {self.path} ({self.format}, {self.seconds:.2f} s)"


def output_path(out_dir: Path, content: Path, fmt: str, audience: str | None = None) -> Path:
    return out_dir / output_name(content, fmt, audience)


def render(edition, fmt: str) -> bytes:
    return REGISTRY[fmt].render(edition).data


def write_all_or_explain(files: dict[Path, bytes], out_dir: Path) -> None:
    """``output.write_all``; an out folder that cannot be written (a file, read-only, disk full) is the
    user's to fix: exit 2 naming it, like a missing content file, not an internal error."""
    try:
        write_all(files)
    except OSError as e:
        blocker = next((p for p in (out_dir, *out_dir.parents) if p.exists() and not p.is_dir()), None)
        reason = f"{blocker} is a file, not a folder" if blocker else (e.strerror or str(e))
        raise InputError(Problem(str(out_dir), 1, 1, f"cannot write the outputs here: {reason}")) from e


def build_edition(edition, content: Path, out_dir: Path, formats: list[str],
                  report: Callable[[Written], None] | None = None, parallel: bool = False) -> list[Written]:
    """Render every format to bytes first, then write them all or none (``output.write_all``): a
    deck that fails after the memo rendered leaves the old memo and the old deck, a matching pair.

    ``parallel``: render each format after the first in a forked child at the same time (two cores:
    a cold ``build --format all`` costs about the slower renderer, not the sum), where forking is safe
    (``forked.fork_is_safe``: not in a process with threads, such as ``reportkit watch``).
    """
    from . import forked

    paths = {fmt: output_path(out_dir, content, fmt, edition.audience) for fmt in formats}
    done = {}
    with forked.Children() as children:  # leaving it ends any child still running: none outlives the build
        if parallel and len(formats) > 1 and forked.fork_is_safe():
            for fmt in formats[1:]:  # the child calls this module's ``render`` (a test's patch included)
                children.start(fmt, lambda fmt=fmt: render(edition, fmt))
        for fmt in formats:
            if fmt not in children:
                t0 = time.perf_counter()
                done[fmt] = render(edition, fmt), time.perf_counter() - t0
        for fmt in formats:
            if fmt in children:
                done[fmt] = children.result(fmt)
    write_all_or_explain({paths[fmt]: done[fmt][0] for fmt in formats}, out_dir)
    written = [Written(fmt, paths[fmt], done[fmt][1]) for fmt in formats]
    if report:
        for w in written:
            report(w)
    return written
