"""What the preview shows, shared between the rebuild loop (one writer) and the server's threads."""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field


@dataclass
class Snapshot:
    generation: int  # counts good builds; the open page reloads when it changes
    page: bytes | None  # the last good web edition (None before the first good build)
    problems: tuple[str, ...]  # the last build's located problems (empty when it was good)
    warnings: tuple[str, ...]
    stopping: bool = False

    def event(self) -> str:
        """The snapshot as one Server-Sent Event."""
        data = json.dumps({"generation": self.generation, "problems": list(self.problems),
                           "warnings": list(self.warnings)}, ensure_ascii=True)
        return f"event: build\ndata: {data}\n\n"


@dataclass
class PreviewState:
    _snapshot: Snapshot = field(default_factory=lambda: Snapshot(0, None, (), ()))
    _changed: threading.Condition = field(default_factory=threading.Condition)
    edition_args: tuple = ()  # what prepare() needs for the memo/deck pictures on request

    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._snapshot

    def built(self, page: bytes, warnings: list[str]) -> None:
        with self._changed:
            s = self._snapshot
            self._snapshot = Snapshot(s.generation + 1, page, (), tuple(warnings))
            self._changed.notify_all()

    def failed(self, problems: list[str]) -> None:
        with self._changed:
            s = self._snapshot
            self._snapshot = Snapshot(s.generation, s.page, tuple(problems), ())
            self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self._snapshot.stopping = True
            self._changed.notify_all()

    def wait_change(self, seen: Snapshot, timeout: float) -> Snapshot:
        """The next snapshot after ``seen`` (or ``seen`` again after ``timeout`` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot is not seen or self._snapshot.stopping, timeout)
            return self._snapshot
