"""``reportkit watch [FILE] [--out DIR] [--format memo|deck|all]``: rebuild on every save.

One long-lived process pays the imports once, so a rebuild costs only the build itself. Bad input
prints the located problems and leaves the last good outputs in place (writes are atomic); the next
good save rebuilds. Editors save in bursts (write, rename, chmod), so changes are debounced.
"""
from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from ..build import Written, formats_for
from ..errors import InputError, Problem
from ..registry import REGISTRY
from .options import add_render_options

DEBOUNCE_SECONDS = 0.05  # quiet time after the last event of a save burst before rebuilding
# A close-after-write or a rename into place ends a save: the file is complete, so wait only long
# enough to fold the events the same save still sends (an editor's chmod) into one rebuild.
SETTLE_SECONDS = 0.005
_SAVE_ENDS = {"closed", "moved"}
_WRITE_EVENTS = {"created", "modified", "moved", "deleted", "closed"}


def configure(p: argparse.ArgumentParser) -> None:
    add_render_options(p, since_help="show what changed since OLD: a file (watched too), git:REV or git:REV:PATH")


def _say(line: str) -> None:
    print(line, flush=True)


def _complain(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class Rebuilder:
    """Builds one content file's outputs on demand; ``rebuild()`` is what each save triggers."""

    def __init__(self, content: Path, out_dir: Path, formats: list[str], theme: str | None = None,
                 page_size: str | None = None, audience: str | None = None, since: str | None = None,
                 say: Callable[[str], None] | None = _say, complain: Callable[[str], None] = _complain):
        self.content = content
        self.out_dir = out_dir
        self.formats = formats
        self.theme = theme
        self.page_size = page_size
        self.audience = audience
        self.since = since
        self.say = say
        self.complain = complain
        self.files: set[Path] = {content.resolve()}  # what the last build read; updated by rebuild()

    def warm_up(self) -> None:
        """Import the pipeline and the chosen renderers now, so the first save does not pay for it."""
        from .. import content, pipeline  # noqa: F401

        for fmt in self.formats:
            REGISTRY[fmt].load()

    def rebuild(self) -> list[Written] | None:
        """Build every chosen format. Returns what was written, or None when nothing was (the
        problems are reported through ``complain`` and earlier outputs stay as they were)."""
        from ..build import build_prepared
        from ..pipeline import input_files, prepare, read_source
        from .build import print_warnings

        t0 = time.perf_counter()
        try:
            prepared = prepare(read_source(self.content), self.audience, self.theme, self.page_size, self.since)
            self.files = input_files(self.content, prepared.edition)
            if self.since and Path(self.since).is_file():  # the old version, when it is a file
                self.files.add(Path(self.since).resolve())
            result = build_prepared([prepared], self.content, self.out_dir, self.formats)
        except InputError as e:
            for problem in e.problems:
                self.complain(str(problem))
                if Path(problem.file).is_file():  # e.g. a broken theme file: its fix must trigger a rebuild
                    self.files.add(Path(problem.file).resolve())
            self.complain("not rebuilt: fix the problems above; the last good outputs are kept")
            return None
        except OSError as e:  # e.g. the file is mid-rename by an editor, or was deleted
            self.complain(f"{self.content}: cannot read: {e.strerror or e}; the last good outputs are kept")
            return None
        except Exception as e:  # noqa: BLE001 - a renderer bug must not end the session
            self.complain(f"reportkit: internal error: {type(e).__name__}: {e}; the last good outputs are kept")
            return None
        if self.say:
            for written in result.outputs:
                self.say(str(written))
        print_warnings(result, self.complain)
        if self.say:
            self.say(f"rebuilt in {(time.perf_counter() - t0) * 1000:.0f} ms")
        return list(result.outputs)


class _Changes:
    """Collects file-system events for a set of files; ``wait_for_quiet`` returns after a burst ends."""

    def __init__(self) -> None:
        self.files: frozenset[Path] = frozenset()
        self._event = threading.Event()
        self._save_ended = False

    def dispatch(self, event) -> None:  # watchdog calls this from its own thread
        if event.event_type not in _WRITE_EVENTS:  # our own reads raise "opened" events: ignore them
            return
        for p in (getattr(event, "src_path", None), getattr(event, "dest_path", None)):
            if p and Path(p).resolve() in self.files:
                self._save_ended = event.event_type in _SAVE_ENDS
                self._event.set()
                return

    def pending(self, timeout: float) -> bool:
        """Whether a watched file changed, waiting up to ``timeout`` seconds for it."""
        return self._event.wait(timeout)

    def wait_for_quiet(self) -> None:
        while not self.pending(0.5):  # a timeout keeps Ctrl-C responsive
            pass
        self._event.clear()
        while self._event.wait(SETTLE_SECONDS if self._save_ended else DEBOUNCE_SECONDS):
            self._event.clear()


def _schedule(observer, changes: _Changes, files: set[Path], watches: dict) -> None:
    """Watch the folders holding ``files`` (not the files: editors replace them by renaming)."""
    changes.files = frozenset(files)
    folders = {f.parent for f in files}
    for folder in set(watches) - folders:
        observer.unschedule(watches.pop(folder))
    for folder in folders - set(watches):
        if folder.is_dir():
            watches[folder] = observer.schedule(changes, str(folder), recursive=False)


def _start_observer(changes: _Changes, files: set[Path], watches: dict, complain: Callable[[str], None]):
    """A native observer (inotify, FSEvents, ...), or polling when the system refuses one (e.g. the
    inotify watch limit is reached)."""
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    observer = Observer()
    try:
        _schedule(observer, changes, files, watches)
        observer.start()
        return observer
    except OSError as e:
        complain(f"reportkit: file-system events unavailable ({e.strerror or e}); checking for changes every 0.5 s")
        watches.clear()
        observer = PollingObserver(timeout=0.5)
        _schedule(observer, changes, files, watches)
        observer.start()
        return observer


def run(args: argparse.Namespace) -> int:
    if not args.file.is_file():  # nothing to watch: the same located message as ``build``
        raise InputError(Problem(str(args.file), 1, 1, "no such file"))
    formats = formats_for(args.format)
    say = None if args.quiet else _say
    rebuilder = Rebuilder(args.file, args.out, formats, args.theme, args.page_size, args.audience, args.since,
                          say=say)
    rebuilder.warm_up()
    changes = _Changes()
    watches: dict = {}
    # Watching starts before the first build, so a save during it is not missed.
    observer = _start_observer(changes, rebuilder.files, watches, _complain)
    try:
        rebuilder.rebuild()
        _schedule(observer, changes, rebuilder.files, watches)
        if say:
            say(f"watching {args.file} (Ctrl-C to stop)")
        while True:
            changes.wait_for_quiet()
            rebuilder.rebuild()
            _schedule(observer, changes, rebuilder.files, watches)  # the theme chain may have changed
    except KeyboardInterrupt:
        if say:
            say("stopped watching")
        observer.stop()
        observer.join(timeout=2)
        _exit_now(0)
        return 0  # not reached
    finally:
        observer.stop()
        observer.join(timeout=2)


def _exit_now(code: int) -> None:
    """End the process without tearing its heap down. Ctrl-C in the middle of rebuilding a large
    briefing leaves millions of objects in reference cycles (lxml and python-pptx trees): collecting
    them at interpreter exit took seconds after "stopped watching" (7.8 s, minutes on a loaded
    machine). Nothing is left to do: outputs are whole (renames are atomic), temporary files were
    removed while the interrupt unwound, and the observer has stopped."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
