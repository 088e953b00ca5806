"""The web edition: one self-contained HTML page (``--format html``), from the memo's plan.

See docs/html.md. ``render(edition)`` returns the page's UTF-8 bytes; nothing here imports a rendering
library, so the page is fast to build (what ``reportkit preview`` rebuilds on every save).
"""
from __future__ import annotations

from ..registry import Rendered


def render(edition) -> Rendered:
    from .page import page

    return Rendered(page(edition).encode("utf-8"))
