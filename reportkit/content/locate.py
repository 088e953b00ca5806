"""Where a piece of content text came from: ``file:line:col`` and the field's path, for warnings
about what a renderer could not draw (a character no font has, a name too long for its column).

The model keeps only values; ``Origin`` keeps the parsed document beside it (``Briefing.origin``)
and searches it only when a warning needs a place, so a clean build pays nothing.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    where: str  # "file:line:col"
    field: str  # "parties[2].name"

    def __str__(self) -> str:
        return self.where


@dataclass(frozen=True, eq=False)
class Origin:
    doc: object  # content.safe_yaml.Document

    def find(self, needle: str) -> Place | None:
        """The first string value (in file order) that contains ``needle``."""
        for path, value in _strings(self.doc.data, ()):
            if needle in value:
                line, col = self.doc.where(path)
                return Place(f"{self.doc.filename}:{line}:{col}", _dotted(path))
        return None


def _strings(node, path):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, (*path, k))
    elif isinstance(node, list):
        for k, v in enumerate(node):
            yield from _strings(v, (*path, k))


def _dotted(path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out
