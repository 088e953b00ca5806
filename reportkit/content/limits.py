"""Limits on what a content (or theme) file may hold. Documented in docs/content-format.md ("Limits").

They keep a hand-edited or hostile file from exhausting memory or time; every error names the limit.
"""
from __future__ import annotations

MAX_FILE_BYTES = 1_000_000  # a full briefing is ~20 kB; 1 MB leaves room and stops runaway files
MAX_TEXT_CHARS = 20_000  # one string (a section body is the longest, a few thousand characters)
MAX_LIST_ITEMS = 1_000  # one list or mapping
MAX_DEPTH = 32  # nesting of lists and mappings; the format itself needs 5
MAX_NODES = 200_000  # values after alias expansion (stops "billion laughs" files)
