"""Limits on what a content (or theme) file may hold. Documented in docs/content-format.md ("Limits").

They keep a hand-edited or hostile file from exhausting memory or time; every error names the limit.
"""
from __future__ import annotations

MAX_FILE_BYTES = 1_000_000  # a full briefing is ~20 kB; 1 MB leaves room and stops runaway files
MAX_TEXT_CHARS = 20_000  # one string (a section body is the longest, a few thousand characters)
MAX_LIST_ITEMS = 1_000  # one list or mapping
MAX_DEPTH = 32  # nesting of lists and mappings; the format itself needs 5
MAX_NODES = 200_000  # values after alias expansion (stops "billion laughs" files)

# Per field and per list: what the outputs can draw in bounded time and memory (issue 20). A name or
# title sits in a box of fixed size (a table cell, a chart label, a title bar): 20,000 characters there
# cannot be laid out. The counts bound slides and pages: the largest briefing these allow builds every
# edition within the time and memory documented in docs/reliability.md ("Bounded time and memory").
MAX_LABEL_CHARS = 300  # names, titles, memo header lines, classification, disclaimers
MAX_SHORT_CHARS = 60  # a party's short name: chart categories and table headers
MAX_PARTIES = 60
MAX_ISSUES = 60
MAX_OUTCOMES = 100
MAX_REACTIONS = 200
MAX_SECTIONS = 50
MAX_NEXT_STEPS = 100
MAX_SOURCES = 300
MAX_ITEM_LIST = 50  # an outcome's conditions, obstacles or indicators; the key judgments
MAX_FIGURES = 50
MAX_ALT_CHARS = 1_000  # alt text: a few sentences; screen readers read it whole
# A figure file (docs/figures.md): PNG or JPEG, read whole into memory and embedded in every edition.
MAX_FIGURE_BYTES = 20_000_000  # a 300 dpi full-page photo is a few MB
MAX_FIGURE_PIXELS = 40_000_000  # checked from the file's header before decoding (decompression bombs)
