"""Run a batch: plan the jobs, skip the fresh ones, run the rest on an executor, and write each
briefing's outputs all-or-nothing (``output.write_all``) as soon as all its jobs are back."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from .cache import Manifest
from .plan import Job, Options, find_content, make_jobs
from .progress import Quiet
from .task import Task, TaskResult


@dataclass
class BatchResult:
    jobs: int = 0
    skipped: int = 0
    written: list[Path] = field(default_factory=list)
    failed: list[TaskResult] = field(default_factory=list)
    unwritten: list[Path] = field(default_factory=list)  # briefings held back because one of their jobs failed

    @property
    def exit_code(self) -> int:
        if any(r.problems for r in self.failed):
            return 2
        return 1 if self.failed else 0

    def summary(self) -> str:
        built = self.jobs - self.skipped - len(self.failed)
        return (f"batch: {self.jobs} job{'s' * (self.jobs != 1)}: {built} built, {self.skipped} up to date, "
                f"{len(self.failed)} failed; {len(self.written)} file{'s' * (len(self.written) != 1)} written")


def formats_for(opts: Options) -> tuple[str, ...]:
    from ..registry import REGISTRY, default_formats

    names = opts.editions or tuple(default_formats())
    if "all" in names:
        names = tuple(REGISTRY)
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise InputError(Problem("editions", 0, 0, f"unknown edition {unknown[0]!r}; expected one of "
                                                   f"{', '.join(REGISTRY)} or all"))
    return tuple(dict.fromkeys(names))


def run_batch(paths: list[Path], opts: Options, executor=None, progress=None) -> BatchResult:
    from ..output import write_all
    from .executors import LocalExecutor

    progress = progress or Quiet()
    formats = formats_for(opts)
    jobs = make_jobs(find_content(paths), opts, formats)
    manifest = Manifest.load(opts.out)
    result = BatchResult(jobs=len(jobs))
    tasks: dict[Task, Job] = {}
    for job in jobs:
        stale = tuple(f for f in job.formats if opts.force or not manifest.fresh(job, f))
        if stale:
            tasks[Task(str(job.content), job.audience, stale, job.theme, job.page_size)] = job
        else:
            result.skipped += 1
    waiting: dict[Path, int] = defaultdict(int)  # briefing -> jobs not back yet
    for job in tasks.values():
        waiting[job.content] += 1
    back: dict[Path, list[TaskResult]] = defaultdict(list)
    progress.start(len(tasks), result.skipped)
    executor = executor or LocalExecutor()
    try:
        for done in executor.run(list(tasks), formats):
            job = tasks[done.task]
            back[job.content].append(done)
            if not done.ok:
                result.failed.append(done)
            waiting[job.content] -= 1
            paths_written: list[Path] = []
            if waiting[job.content] == 0:
                results = back.pop(job.content)
                if all(r.ok for r in results):
                    files = {tasks[r.task].outputs[f]: r.outputs[f] for r in results for f in r.task.formats}
                    write_all(files)  # this briefing's outputs: every one or none
                    for r in results:
                        for f in r.task.formats:
                            manifest.record(tasks[r.task], f, r)
                    paths_written = sorted(files)
                    result.written += paths_written
                else:
                    result.unwritten.append(job.content)
            progress.job(done, paths_written)
    finally:
        executor.close()
        progress.finish()
        if result.written:
            manifest.save()
    return result
