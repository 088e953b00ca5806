"""Render in a forked child while the parent renders something else (``build --format all``: the deck
in a child, the memo in the parent, one core each).

The child inherits the loaded edition (no pickling of the model), renders to memory and sends back the
result (``build.render``: bytes and warnings, as data), or the exception, through a pipe; it never
writes a file, so ending it loses nothing. It ignores Ctrl-C: the parent takes it and ends the child
(leaving ``Children``), so there is one message and no orphan. When the parent dies without ending
it (``kill -9``, SIGTERM), Linux kills the child too (``PR_SET_PDEATHSIG``): it would otherwise
render on for seconds, for no one.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import time
import traceback
from typing import Callable


def fork_is_safe() -> bool:
    """Fork only a single-threaded process on Linux or macOS: a thread (``reportkit watch``'s file
    observer, a caller's) may hold a lock the child would inherit locked; Windows has no fork."""
    return hasattr(os, "fork") and sys.platform.startswith(("linux", "darwin")) and threading.active_count() == 1


_one_shot = False


def one_shot_process() -> None:
    """Said by a one-shot build (``reportkit build``): its renderers may fork helpers of their own
    (``may_fork_helpers``). Not said by ``watch``, ``preview`` or batch workers, which live on."""
    global _one_shot
    _one_shot = True


def may_fork_helpers() -> bool:
    return _one_shot and fork_is_safe()


class RemoteTraceback(Exception):
    """The child's traceback, shown as the cause of the re-raised exception (``--debug``)."""

    def __str__(self) -> str:
        return self.args[0]


class Children:
    """Forked children by name, each running ``job() -> result``: ``start(name, job)``, then
    ``result(name)`` -> ``(result, seconds)`` or what the job raised. Leaving the block ends and reaps
    any child still running (Ctrl-C, or a failure in the parent)."""

    def __init__(self):
        self._children: dict[str, _Child] = {}

    def __enter__(self) -> "Children":
        return self

    def __exit__(self, *exc) -> None:
        for child in self._children.values():
            child.stop()

    def __contains__(self, name: str) -> bool:
        return name in self._children

    def start(self, name: str, job: Callable[[], object]) -> None:
        # Ctrl-C is held while forking, so no child exists that this object does not know to stop
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._children[name] = _Child(job)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

    def result(self, name: str) -> tuple[object, float]:
        return self._children[name].result()


class _Child:
    def __init__(self, job: Callable[[], object]):
        read, write = os.pipe()
        sys.stdout.flush()  # else the child would hold a copy of unflushed output
        sys.stderr.flush()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - runs in the child, which never returns
            _die_with_parent(parent)
            os.close(read)
            _run_child(job, write)
        os.close(write)
        self._read: int | None = read

    def result(self) -> tuple[object, float]:
        with os.fdopen(self._read, "rb") as pipe:
            self._read = None
            payload = pipe.read()
        status = self._reap()
        if not payload:  # killed (out of memory, a signal) before it could answer
            raise RuntimeError(f"the render process ended without a result ({_describe(status)})")
        kind, value, seconds, child_traceback = pickle.loads(payload)
        if kind == "ok":
            return value, seconds
        if kind == "input":
            from .errors import InputError

            raise InputError(value)  # the located problems, as if raised here (exit 2)
        raise value from RemoteTraceback(child_traceback)

    def stop(self) -> None:
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> int:
        if not self.pid:
            return 0
        status = os.waitpid(self.pid, 0)[1]
        self.pid = 0
        return status


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:  # pragma: no cover - child only
    """Ask Linux to SIGKILL this process when its parent dies; if the parent died before the request
    took effect, end now. (macOS has no such request: there the parent's own ending reaps it.)"""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def _run_child(job: Callable[[], object], write: int) -> None:  # pragma: no cover - child only
    """Run the job, send ``(kind, value, seconds, traceback)``, exit without running the
    parent's clean-up (atexit handlers, buffered files: ``os._exit``)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent takes Ctrl-C and ends this process
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        t0 = time.perf_counter()
        try:
            kind, value, child_traceback = "ok", job(), ""
        except BaseException as e:  # noqa: BLE001 - everything goes back to the parent
            kind, value, child_traceback = *_portable(e), "".join(traceback.format_exception(e))
        reply = (kind, value, time.perf_counter() - t0, child_traceback)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # noqa: BLE001 - e.g. the parent is gone (broken pipe): nothing to tell
        pass
    finally:
        for stream in (sys.stdout, sys.stderr):  # the child's own output only: the parent flushed before forking
            try:
                stream.flush()
            except BaseException:  # noqa: BLE001
                pass
        os._exit(0)


def _portable(e: BaseException) -> tuple[str, object]:
    """``e`` as the parent can rebuild it: an InputError by its problems (its constructor takes
    problems, not the message it pickles with); an exception that does not survive pickling
    becomes a RuntimeError with its type and message."""
    from .errors import InputError

    if isinstance(e, InputError):
        return "input", e.problems
    try:
        pickle.loads(pickle.dumps(e))
        return "error", e
    except Exception:  # noqa: BLE001
        return "error", RuntimeError(f"{type(e).__name__}: {e}")


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"
