"""Build orchestration, as a library: ``build()`` reads the content file once, prepares each audience's
edition (``pipeline``), renders every format to memory, writes all the files or none, and returns what
it did as data (``BuildResult``: outputs, warnings, withheld). It prints nothing: the command layer
(``commands/build.py``) prints the result, warnings through ``print_warnings`` only.
"""
from __future__ import annotations

import os
import time
import warnings as py_warnings
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError, Problem
from .output import WriteFailed, write_all
from .registry import REGISTRY, BuildWarning, Rendered, default_formats, output_name

DEFAULT_CONTENT = Path("content/us-russia-talks.yaml")


@dataclass(frozen=True)
class Written:
    """One output file a build wrote, how long its rendering took, and its renderer's warnings."""

    format: str
    path: Path
    seconds: float
    audience: str | None = None
    warnings: tuple[BuildWarning, ...] = ()

    def __str__(self) -> str:
        return f"wrote {self.path} ({self.format}, {self.seconds:.2f} s)"


@dataclass(frozen=True)
class Warned:
    """A renderer's warning with the output it concerns."""

    format: str
    audience: str | None
    warning: BuildWarning

    def __str__(self) -> str:
        label = self.format + (f" for {self.audience}" if self.audience else "")
        prefix = f"{self.warning.where}: warning" if self.warning.where else "reportkit"
        return f"{prefix}: {label}: {self.warning.message}"


@dataclass(frozen=True)
class BuildResult:
    outputs: tuple[Written, ...]
    withheld: tuple = ()  # audience.Withheld, one per audience built (none for the full edition)
    content_warnings: tuple[BuildWarning, ...] = ()  # from reading the content: bidi controls removed, items
    # that YAML joined onto one line (content.safe_yaml Document.warnings)
    notes: tuple[str, ...] = ()  # which edition was written, when it is the full edition (audience.marking)

    @property
    def warnings(self) -> tuple[Warned, ...]:
        return (*(Warned("content", None, warning) for warning in self.content_warnings),
                *(Warned(w.format, w.audience, warning) for w in self.outputs for warning in w.warnings))


def formats_for(choice: str | list[str] | None) -> list[str]:
    """``--format``: one renderer's name, ``all`` (every default renderer), or the list
    ``commands.options.formats`` already parsed from ``memo,deck``."""
    if isinstance(choice, (list, tuple)):
        return list(choice)
    return default_formats() if choice in (None, "all") else [choice]


def output_path(out_dir: Path, content: Path, fmt: str, audience: str | None = None) -> Path:
    return out_dir / output_name(content, fmt, audience)


def render(edition, fmt: str) -> Rendered:
    """One renderer's output as data. A Python warning a library raises while rendering becomes a
    ``BuildWarning`` too, so every warning leaves through ``BuildResult`` (and a forked child's with it)."""
    with py_warnings.catch_warnings(record=True) as caught:
        py_warnings.simplefilter("always")
        out = _rendered(REGISTRY[fmt].render(edition))
    seen = {w.message for w in out.warnings}
    extra = []
    for w in caught:
        if str(w.message) not in seen and not issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning)):
            seen.add(str(w.message))
            extra.append(BuildWarning(str(w.message)))
    return Rendered(out.data, (*out.warnings, *extra)) if extra else out


def build(content: Path, out_dir: Path, formats: list[str] | None = None, *, audience: str | None = None,
          all_audiences: bool = False, theme: str | None = None, page_size: str | None = None,
          since: str | None = None, parallel: bool = False, workers: int | None = None) -> BuildResult:
    """Build ``formats`` (default: every default renderer) for the full briefing, one ``audience``, or
    every audience. The content file is read once. Raises ``InputError`` (every located problem) for
    bad input; nothing is written unless every output rendered.
    """
    from .pipeline import prepare, prepare_all, read_source

    content = Path(content)
    formats = formats or default_formats()
    source = read_source(content)
    if all_audiences:
        result = build_prepared(prepare_all(source, theme, page_size, since), content, out_dir, formats,
                                workers=workers)
    else:
        result = build_prepared([prepare(source, audience, theme, page_size, since)], content, out_dir, formats,
                                parallel=parallel)
    return replace(result, content_warnings=tuple(source.document.warnings)) if source.document.warnings else result


def build_prepared(prepared: list, content: Path, out_dir: Path, formats: list[str], parallel: bool = False,
                   workers: int | None = None) -> BuildResult:
    """Render each prepared edition in each format, then write every file or none.

    One edition: ``parallel`` renders each format after the first in a forked child (``forked``), where
    forking is safe (not in a process with threads, such as ``reportkit watch``); it is meant for a
    one-shot process (``reportkit build``), which also hides what it has loaded from the garbage
    collector (``_freeze``). Several editions
    (``--all-audiences``): one worker process per (audience, format) job, forked from this process so
    each inherits the prepared editions (nothing is read again).
    """
    jobs = [(p, fmt) for p in prepared for fmt in formats]
    if len(prepared) > 1:
        done = _render_in_pool(jobs, formats, workers)
    else:
        done = _render_one(prepared[0], formats, parallel)
    paths = [output_path(out_dir, content, fmt, p.audience) for p, fmt in jobs]
    write_all_or_explain({path: rendered.data for path, (rendered, _) in zip(paths, done)}, out_dir)
    outputs = tuple(Written(fmt, path, seconds, p.audience, rendered.warnings)
                    for (p, fmt), path, (rendered, seconds) in zip(jobs, paths, done))
    return BuildResult(outputs, tuple(p.withheld for p in prepared if p.withheld is not None),
                       notes=tuple(p.note for p in prepared if p.note))


def _render_one(prepared, formats: list[str], parallel: bool) -> list[tuple[Rendered, float]]:
    from . import forked

    done = {}
    if parallel:  # a one-shot build (``reportkit build``): see ``_freeze``
        _freeze()
        forked.one_shot_process()
    with forked.Children() as children:  # leaving it ends any child still running: none outlives the build
        if parallel and len(formats) > 1 and forked.fork_is_safe():
            for fmt in formats[1:]:  # the child calls this module's ``render`` (a test's patch included)
                children.start(fmt, lambda fmt=fmt: render(prepared.for_format(fmt), fmt))
        for fmt in formats:
            if fmt not in children:
                t0 = time.perf_counter()
                done[fmt] = render(prepared.for_format(fmt), fmt), time.perf_counter() - t0
        for fmt in formats:
            if fmt in children:
                done[fmt] = children.result(fmt)
    return [(_rendered(done[fmt][0]), done[fmt][1]) for fmt in formats]


def _freeze() -> None:
    """Hide everything made so far (modules, the loaded edition) from the garbage collector: in a
    one-shot build it all lives until exit, and every full collection during rendering would scan it
    again (``gc.freeze``; a forked child also keeps sharing those pages, as nothing writes their GC
    headers). Not for ``watch``: its later editions would never be collected."""
    import gc

    gc.freeze()


def _rendered(out) -> Rendered:
    return out if isinstance(out, Rendered) else Rendered(bytes(out))


# The jobs of the pool being run: forked workers inherit them (no pickling, no second read).
_POOL_JOBS: list = []


def _pool_job(index: int, job=None):
    """One worker's job: render one (audience, format). Runs in a child process."""
    prepared, fmt = job if job is not None else _POOL_JOBS[index]
    t0 = time.perf_counter()
    try:
        return _rendered(render(prepared.for_format(fmt), fmt)), time.perf_counter() - t0
    except InputError as e:
        return e.problems, None  # Problems pickle; InputError itself does not round-trip


def _forget_manager(manager) -> None:
    """After ending the workers, wait for the pool's manager thread and keep the interpreter's exit
    hook away from it: Python 3.11's hook (``concurrent.futures.process._python_exit``) writes to the
    thread's wake-up pipe without its lock, and after a Ctrl-C that pipe can be mid-close, printing a
    "Bad file descriptor" traceback after our one line (seen about 1 run in 15 on a busy machine)."""
    from concurrent.futures import process

    if manager is not None:
        manager.join(timeout=5)
        getattr(process, "_threads_wakeups", {}).pop(manager, None)


def _worker_ignores_ctrl_c() -> None:
    """A worker leaves Ctrl-C to the parent, which ends it (as ``forked`` children do): one message,
    and no worker traceback from a half-sent result."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render_in_pool(jobs: list, formats: list[str], workers: int | None) -> list[tuple[Rendered, float]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = workers or min(len(jobs), os.cpu_count() or 1)
    for fmt in formats:  # before the pool forks: every worker inherits the imported renderers
        REGISTRY[fmt].preload()
    fork = "fork" in multiprocessing.get_all_start_methods()
    first = sorted(range(len(jobs)), key=lambda i: jobs[i][1] != "deck")  # decks (the slow ones) first
    _POOL_JOBS[:] = jobs
    try:
        context = multiprocessing.get_context("fork") if fork else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_ignores_ctrl_c) as pool:
            submitted = {i: pool.submit(_pool_job, i, None if fork else jobs[i]) for i in first}
            try:
                results = [submitted[i].result() for i in range(len(jobs))]  # all rendered before any write
            except BaseException:
                # Ctrl-C or a failed job: stop the workers now. They only render to memory, so ending them
                # loses nothing; leaving the block would wait for every queued job, and after Ctrl-C the
                # pool can hang. (Python 3.14 names this terminate_workers(); 3.11 has only the mapping.)
                manager = getattr(pool, "_executor_manager_thread", None)  # shutdown() forgets it
                for worker in list(getattr(pool, "_processes", {}).values()):
                    worker.terminate()
                pool.shutdown(wait=False, cancel_futures=True)
                _forget_manager(manager)
                raise
    finally:
        _POOL_JOBS.clear()
    problems = sorted({p for data, seconds in results if seconds is None for p in data})
    if problems:
        raise InputError(problems)
    return results


def write_all_or_explain(files: dict[Path, bytes], out_dir: Path) -> None:
    """``output.write_all``; an out folder that cannot be written (a file, read-only, disk full) is the
    user's to fix: exit 2 naming it, like a missing content file, not an internal error."""
    try:
        write_all(files)
    except WriteFailed as e:  # which file, why, and that nothing changed
        blocker = next((p for p in (out_dir, *out_dir.parents) if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise InputError(Problem(str(out_dir), 1, 1, f"cannot write the outputs here: {blocker} is a file, "
                                                         "not a folder")) from e
        raise InputError(Problem(str(e.target), 1, 1, f"cannot write this output: {e.reason}")) from e
    except OSError as e:
        blocker = next((p for p in (out_dir, *out_dir.parents) if p.exists() and not p.is_dir()), None)
        reason = f"{blocker} is a file, not a folder" if blocker else (e.strerror or str(e))
        raise InputError(Problem(str(out_dir), 1, 1, f"cannot write the outputs here: {reason}")) from e


def build_edition(edition, content: Path, out_dir: Path, formats: list[str], parallel: bool = False) -> BuildResult:
    """One already-made edition (tests, scripts): ``build_prepared`` for it."""
    from .pipeline import Prepared

    return build_prepared([Prepared(edition)], content, out_dir, formats, parallel=parallel)
