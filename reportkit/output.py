"""Atomic output: a file appears complete or not at all, and a failed build never replaces it.

``write_all`` extends this to a set of files (``build --format all``: the memo and the deck): every
target is checked first (its folder exists or can be made, is a folder, and no folder stands where
the file goes), every file is written to a temporary file beside its target, and only when all are
complete are they renamed into place, with Ctrl-C held back until the last rename. A rename that
still fails (on Windows, a deck open in PowerPoint) puts back what the earlier renames replaced,
from hard links made before the first. So either every output is replaced or none is, and the
error says which file failed and why. Files get the user's umask (0666 minus it), as any new file.
"""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator, Mapping

TEMP_SUFFIX = ".tmp"  # temporary files are ".NAME.XXXXXXXX.tmp" beside their target
_umask_lock = threading.Lock()


class WriteFailed(OSError):
    """A set of outputs could not be written; ``message`` says which file, why, and what is on disk."""

    def __init__(self, target: Path, reason: str):
        self.target, self.reason = target, reason
        self.message = f"cannot write {target}: {reason}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C arrived during the renames: it was held until they finished, so every output is new."""

    def __init__(self, targets):
        super().__init__()
        self.message = ("reportkit: interrupted after the outputs were written; replaced: "
                        + ", ".join(str(t) for t in targets))


def file_mode() -> int:
    """0o666 less the process's umask, what ``open()`` gives a new file (mkstemp's 0o600 is not)."""
    with _umask_lock:  # os.umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def check_targets(targets) -> None:
    """Raise ``WriteFailed`` for the first target that cannot be written: a file where a folder must
    be, a folder where the file goes, a folder that cannot be written."""
    for target in map(Path, targets):
        folder = next((p for p in (target.parent, *target.parent.parents) if p.exists()), None)
        if folder is not None and not folder.is_dir():
            raise WriteFailed(target, f"{folder} is a file, not a folder; nothing was written")
        if target.is_dir() and not target.is_symlink():
            raise WriteFailed(target, f"a folder of that name is in its place; "
                                      "nothing was written")
        if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
            raise WriteFailed(target, f"folder {folder} is not writable; nothing was written")


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
        os.chmod(tmp_path, file_mode())
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file, or none: targets checked, all temporaries written, then the renames,
    uninterrupted by Ctrl-C and rolled back if one fails.

    A failure while writing the temporaries (disk full, Ctrl-C) removes them and leaves every
    target as it was. ``WriteFailed`` says which target failed and that nothing changed.
    """
    check_targets(files)
    mode = file_mode()
    temps: dict[Path, Path] = {}
    backups: dict[Path, Path | None] = {}  # target -> hard link to its old file (None: it had none)
    try:
        for target, data in files.items():
            temps[Path(target)] = tmp = _temp_beside(Path(target))
            tmp.write_bytes(data)
            os.chmod(tmp, mode)
        for target in temps:
            backups[target] = _keep_old(target)
        with _interrupt_deferred(list(temps)):
            done: list[Path] = []
            for target, tmp in temps.items():
                try:
                    os.replace(tmp, target)
                except OSError as e:
                    _roll_back(done, backups)
                    raise WriteFailed(target, f"renaming it into place failed ({e.strerror or e}); "
                                      + (f"the {len(done)} file(s) already replaced were put back: " if done else "")
                                      + "nothing was written") from e
                done.append(target)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        for old in backups.values():
            if old is not None:
                old.unlink(missing_ok=True)


def _keep_old(target: Path) -> Path | None:
    """A hard link to ``target``'s current file beside it (a copy where links are not supported), so a
    later failed rename can put it back; the target itself is not touched."""
    if not target.is_file():
        return None
    old = _temp_beside(target)
    old.unlink()
    try:
        os.link(target, old)
    except OSError:
        import shutil

        shutil.copy2(target, old)
    return old


def _roll_back(done: list[Path], backups: dict[Path, Path | None]) -> None:
    for target in reversed(done):
        old = backups.get(target)
        with suppress(OSError):
            if old is None:
                target.unlink()  # it did not exist before this build
            else:
                os.replace(old, target)
                backups[target] = None


@contextmanager
def _interrupt_deferred(targets=()) -> Iterator[None]:
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
        raise InterruptedAfterWriting(targets)
