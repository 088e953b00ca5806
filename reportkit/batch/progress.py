"""Batch progress: a bar redrawn in place on a terminal, plain lines otherwise, nothing when quiet."""
from __future__ import annotations

import time


class Progress:
    def __init__(self, stream, tty: bool):
        self.stream, self.tty = stream, tty
        self.total = self.done = self.failed = 0
        self.t0 = time.monotonic()

    def start(self, total: int, skipped: int) -> None:
        self.total = total
        self.t0 = time.monotonic()
        if not self.tty:
            self._line(f"batch: {total} job{'s' * (total != 1)} to build, {skipped} up to date")

    def job(self, result, paths) -> None:
        self.done += 1
        self.failed += not result.ok
        if self.tty:
            self._bar()
            return
        who = f"{result.task.content} ({result.task.audience or 'full'}: {', '.join(result.task.formats)})"
        if result.ok:
            wrote = f"; wrote {', '.join(str(p) for p in paths)}" if paths else ""
            self._line(f"[{self.done}/{self.total}] built {who}{wrote}")
        else:
            self._line(f"[{self.done}/{self.total}] FAILED {who}")

    def finish(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()

    def _bar(self) -> None:
        width = 30
        filled = width * self.done // max(self.total, 1)
        elapsed = time.monotonic() - self.t0
        left = elapsed / self.done * (self.total - self.done) if self.done else 0
        failed = f", {self.failed} failed" if self.failed else ""
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} jobs{failed}, "
                          f"~{left:.0f} s left ")
        self.stream.flush()

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


class Quiet:
    def start(self, total, skipped):
        pass

    def job(self, result, paths):
        pass

    def finish(self):
        pass
