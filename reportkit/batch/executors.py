"""Where batch jobs run: a local pool of warm processes (default), or an existing Dask cluster.

Both take ``Task``s and yield ``TaskResult``s as they complete; workers only compute, the submitting
process writes. A worker that dies mid-job costs a retry, not the batch.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

from .task import Task, TaskResult, preload, run_task

ATTEMPTS = 3  # a job whose worker dies this many times is reported failed


class LocalExecutor:
    """A fork pool with the renderers imported before it forks, so every worker starts warm."""

    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1

    def run(self, tasks: list[Task], formats: Iterable[str] = ()) -> Iterator[TaskResult]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        preload(list(formats) or None)
        pending = dict(enumerate(tasks))
        attempts = dict.fromkeys(pending, 0)
        while pending:
            pool = ProcessPoolExecutor(min(self.workers, len(pending)), mp_context=multiprocessing.get_context("fork"))
            futures = {pool.submit(run_task, task): i for i, task in pending.items()}
            broken = False
            try:
                for future in as_completed(futures):
                    i = futures[future]
                    try:
                        result = future.result()
                    except BrokenProcessPool:  # a worker died (killed, out of memory): retry what is left
                        broken = True
                        break
                    del pending[i]
                    yield result
            finally:
                if broken or pending:
                    _stop(pool)
                else:
                    pool.shutdown()
            for i in list(pending):
                attempts[i] += 1
                if attempts[i] >= ATTEMPTS:
                    yield TaskResult(pending.pop(i), error=f"a worker process died {ATTEMPTS} times running this job")

    def close(self) -> None:
        pass


def _stop(pool) -> None:
    """End the workers now: they only hold results in memory. (3.14 names this terminate_workers().)"""
    for worker in list((getattr(pool, "_processes", None) or {}).values()):
        worker.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


class DaskExecutor:
    """Jobs as tasks on a Dask ``distributed`` cluster, through its client. reportkit must be
    installed on the workers; they import the renderers once each (``preload``)."""

    name = "dask"

    def __init__(self, address: str):
        from ..errors import InputError, Problem

        try:
            from distributed import Client
        except ImportError:
            raise InputError(Problem("--scheduler", 0, 0, "Dask is not installed: pip install 'reportkit[dask]'")) from None
        try:
            self.client = Client(address, timeout="10s")
        except OSError as e:
            raise InputError(Problem("--scheduler", 0, 0, f"cannot reach the Dask scheduler at {address}: {e}")) from None
        self.address = address

    def run(self, tasks: list[Task], formats: Iterable[str] = ()) -> Iterator[TaskResult]:
        from distributed import as_completed

        self.client.run(preload, list(formats) or None)
        futures = {self.client.submit(run_task, task, pure=False, retries=ATTEMPTS - 1): task for task in tasks}
        try:
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as e:  # noqa: BLE001 - e.g. KilledWorker: this job failed, the others go on
                    yield TaskResult(futures[future], error=f"{type(e).__name__}: {e}")
        finally:
            self.client.cancel(list(futures), force=True)

    def close(self) -> None:
        self.client.close()


def executor_for(scheduler: str | None, workers: int | None = None):
    """``--scheduler`` or ``DASK_SCHEDULER_ADDRESS`` (Dask's own convention) picks a cluster."""
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    return DaskExecutor(address) if address else LocalExecutor(workers)
