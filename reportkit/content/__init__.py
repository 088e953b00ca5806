"""Content loading: YAML file -> validated data -> frozen model (``reportkit.model``).

- ``load(path)`` and ``load_text(text, filename)`` return a ``Briefing`` or raise
  ``reportkit.errors.InputError`` with every located problem at once;
- ``load_yaml(source, filename)`` is the safe, located YAML reader alone (themes use it too), and
  ``document_briefing(document)`` checks what it read (``pipeline.read_source``: one read, one parse);
- ``problems(source, filename)`` returns the problems as data instead of raising.
The format is declared once in ``spec.py``; see docs/content-format.md.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..model import Briefing
from .safe_yaml import Document, load_yaml
from .validate import validate

__all__ = ["load", "load_text", "load_yaml", "document_briefing", "problems", "Document"]


def load(path: str | Path, warnings: list | None = None) -> Briefing:
    """The briefing in the content file at ``path``. Pass a list as ``warnings`` to receive what YAML
    accepted but the writer likely did not mean (located ``Problem``s whose message starts "warning:")."""
    path = Path(path)
    doc = load_yaml(path, str(path), strict=False)
    if warnings is not None:
        warnings.extend(doc.warnings)
    return document_briefing(doc)


def load_text(text: str | bytes, filename: str) -> Briefing:
    """The briefing in ``text`` (e.g. ``git show`` output); ``filename`` is used in messages."""
    return document_briefing(load_yaml(text, filename, strict=False))


def problems(source: str | bytes | Path, filename: str | None = None) -> list[Problem]:
    """Every problem with a content file or text, sorted by position; empty when it is valid."""
    try:
        return validate(load_yaml(source, filename, strict=False))
    except InputError as e:
        return sorted(e.problems)


def document_briefing(doc: Document) -> Briefing:
    """The briefing in a document ``load_yaml(..., strict=False)`` read; every problem raised at once."""
    found = validate(doc)
    if found:
        raise InputError(found)
    from .locate import Origin
    from .to_model import to_model

    return to_model(doc.data, origin=Origin(doc))
