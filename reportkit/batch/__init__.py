"""``reportkit batch``: every (briefing, audience) job of a portfolio with warm workers, skipped when
nothing it reads changed, with a provenance manifest (``docs/batch.md``).

plan (what to build) -> cache (what is already built) -> executors (local pool or a Dask cluster run
``task.run_task``) -> run (write each briefing's outputs all-or-nothing, record the manifest).
"""
from .run import BatchResult, run_batch

__all__ = ["BatchResult", "run_batch"]
