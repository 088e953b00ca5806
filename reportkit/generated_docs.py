"""Generated parts of the docs: a Markdown table written from a declaration, between two markers, so
the page cannot drift from the code (``content.docs`` for docs/content-format.md, ``theme.docs`` for
docs/templates.md). A test per page checks the part is current.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable


def cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


@dataclass(frozen=True)
class GeneratedPart:
    """The part of ``doc_file`` between ``begin`` and ``end`` that ``markdown()`` writes."""

    doc_file: Path
    begin: str
    end: str
    markdown: Callable[[], str]

    def with_generated(self, document: str) -> str:
        """``document`` with the part between the markers written afresh."""
        head, sep, rest = document.partition(self.begin)
        _, sep2, tail = rest.partition(self.end)
        if not (sep and sep2):
            raise ValueError(f"{self.doc_file}: markers not found")
        return f"{head}{self.begin}\n\n{self.markdown()}\n{self.end}{tail}"

    def main(self) -> int:
        """``python3 -m reportkit.X.docs``: rewrite the file's generated part."""
        self.doc_file.write_text(self.with_generated(self.doc_file.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated {self.doc_file}")
        return 0
