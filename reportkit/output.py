"""Atomic output: a file appears complete or not at all, and a failed build never replaces it.

``write_all`` extends this to a set of files (``build --format all``: the memo and the deck): every
file is first written to a temporary file beside its target, and only when all are complete are
they renamed into place, with Ctrl-C held back until the last rename. So either every output is
replaced or none is.
"""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

TEMP_SUFFIX = ".tmp"  # temporary files are ".NAME.XXXXXXXX.tmp" beside their target


def _temp_beside(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    os.close(fd)
    return Path(tmp)


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only if the block succeeds.

    The temporary file lives in the same folder so the final ``os.replace`` is atomic on one file
    system. On any exception (including KeyboardInterrupt) the temporary file is removed and the
    previous ``target`` is left byte-identical.
    """
    target = Path(target)
    tmp_path = _temp_beside(target)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file, or none: all temporaries first, then the renames, uninterrupted by Ctrl-C.

    A failure while writing the temporaries (disk full, Ctrl-C) removes them and leaves every
    target as it was.
    """
    temps: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            temps[Path(target)] = tmp = _temp_beside(Path(target))
            tmp.write_bytes(data)
            os.chmod(tmp, 0o644)
        with _interrupt_deferred():
            for target, tmp in temps.items():
                os.replace(tmp, target)
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Hold a Ctrl-C (SIGINT) that arrives inside the block and raise it just after.

    Renames take microseconds, but a Ctrl-C between two of them would leave a new memo beside an
    old deck. Only the main thread can set signal handlers; elsewhere the block runs as is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt
