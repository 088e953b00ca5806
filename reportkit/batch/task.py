"""One batch job as a worker runs it: build the edition once, render it in each format, hash what it
read. Runs in a local pool process or on a Dask worker; returns plain data (bytes, strings), so
results pickle and only the submitting machine writes files."""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..file_stamps import settled, stamp


@dataclass(frozen=True)
class Task:
    content: str
    audience: str | None
    formats: tuple[str, ...]
    theme: str | None = None
    page_size: str | None = None


@dataclass
class TaskResult:
    task: Task
    outputs: dict[str, bytes] = field(default_factory=dict)  # format -> bytes
    warnings: dict[str, list[str]] = field(default_factory=dict)  # format -> messages
    inputs: dict[str, str] = field(default_factory=dict)  # file -> sha256 of everything the job read
    withheld: list[str] = field(default_factory=list)  # "kind id", what this audience does not see
    problems: list = field(default_factory=list)  # located input problems (errors.Problem): the job failed
    error: str | None = None  # an internal failure
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.error is None


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_KEPT_HASHES: dict[str, tuple] = {}  # path -> (file_stamps.stamp, sha256): a worker hashes a shared theme file once


def input_hash(path: Path) -> str:
    """``sha256_file``, kept per worker for a settled file whose stamp is unchanged (``file_stamps``):
    every job of a portfolio names the same theme files and fonts."""
    now = stamp(path)
    kept = _KEPT_HASHES.get(str(path))
    if kept is not None and kept[0] == now:
        return kept[1]
    digest = sha256_file(path)
    if settled([now]) and stamp(path) == now:  # and not changed while it was read
        _KEPT_HASHES[str(path)] = (now, digest)
    return digest


PACKAGE = "<reportkit>/"  # reportkit's own files in the manifest, wherever it is installed


def portable(path: Path) -> str:
    """A manifest path: relative to the current folder, or to reportkit's package, else absolute."""
    from ..pipeline import PACKAGE_DIR

    path = Path(path).resolve()
    for root, prefix in ((Path.cwd().resolve(), ""), (PACKAGE_DIR.resolve(), PACKAGE)):
        if path.is_relative_to(root):
            return prefix + path.relative_to(root).as_posix()
    return path.as_posix()


def local(name: str) -> Path:
    from ..pipeline import PACKAGE_DIR

    return PACKAGE_DIR / name[len(PACKAGE):] if name.startswith(PACKAGE) else Path(name)


def preload(formats=None) -> None:
    """Import the renderers (and their libraries) once per worker, before the first job. Then move
    everything imported so far out of the garbage collector's sight (``gc.freeze``): those objects
    live as long as the worker, and each collection would scan them again (about 6 % of a warm job).
    Forked workers also keep sharing those pages with the parent (nothing writes their GC headers).
    Themes are kept once loaded (``theme.keep_loaded_themes``): a portfolio shares a few."""
    import gc

    from ..registry import REGISTRY
    from ..theme import keep_loaded_themes

    keep_loaded_themes()

    for name in formats or REGISTRY:
        REGISTRY[name].preload()
    gc.collect()
    gc.freeze()


def run_task(task: Task) -> TaskResult:
    from ..build import render
    from ..errors import InputError
    from ..pipeline import input_files, prepare, read_source

    t0 = time.perf_counter()
    result = TaskResult(task)
    content = Path(task.content)
    try:
        prepared = prepare(read_source(content), task.audience, task.theme, task.page_size)
        edition, withheld = prepared.edition, prepared.withheld
        for fmt in task.formats:
            rendered = render(prepared.for_format(fmt), fmt)  # the theme as the format's section sees it
            result.outputs[fmt] = rendered.data
            result.warnings[fmt] = [str(w) for w in rendered.warnings]
        result.inputs = {portable(p): input_hash(p) for p in sorted(input_files(content, edition))}
        result.withheld = [f"{kind} {ident}" for kind, ident in (withheld.items if withheld else ())]
    except InputError as e:
        result.problems = list(e.problems)
        result.outputs.clear()
    except Exception as e:  # noqa: BLE001 - reported per job; the other jobs go on
        result.error = f"{type(e).__name__}: {e}"
        result.outputs.clear()
    result.seconds = time.perf_counter() - t0
    return result
