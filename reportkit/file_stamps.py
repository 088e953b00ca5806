"""Whether a file read before is still the same without reading it again (a batch worker's kept themes
and input hashes): its inode, size, modification and change times are unchanged, and it had settled
when it was read."""
from __future__ import annotations

import os
import time

# File times tick coarsely (a few ms): a file rewritten at the same size within one tick of being read
# would look unchanged. Only files whose last change is older than this are trusted by their stamp
# (git's "racy clean" problem, solved the same way).
SETTLED_SECONDS = 2


def stamp(path) -> tuple | None:
    """What changes when the file does; None if it cannot be read."""
    try:
        s = os.stat(path)
    except OSError:
        return None
    return s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns


def settled(stamps) -> bool:
    recent = time.time_ns() - int(SETTLED_SECONDS * 1e9)
    return all(s is not None and s[2] < recent and s[3] < recent for s in stamps)
