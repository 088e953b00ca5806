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
    """The briefing in ``text`` (e.g. ``git show`` output); ``filename`` is used in messages. Its
    figures' files are not read (there is no folder to read them from): ``Figure.image`` is None."""
    return document_briefing(load_yaml(text, filename, strict=False), project=None)


def problems(source: str | bytes | Path, filename: str | None = None) -> list[Problem]:
    """Every problem with a content file or text, sorted by position; empty when it is valid."""
    try:
        doc = load_yaml(source, filename, strict=False)
        found = validate(doc)
        if not found and isinstance(source, Path):
            document_briefing(doc)  # the figure files too
        return found
    except InputError as e:
        return sorted(e.problems)


_BESIDE = object()


def document_briefing(doc: Document, project: Path | None | object = _BESIDE) -> Briefing:
    """The briefing in a document ``load_yaml(..., strict=False)`` read; every problem raised at once.
    Figure files are read from ``project`` (default: the content file's folder; None: not read)."""
    found = validate(doc)
    if found:
        raise InputError(found)
    from .locate import Origin
    from .to_model import to_model

    if project is _BESIDE:
        project = Path(doc.filename).parent if Path(doc.filename).is_file() else None
    images = {}
    if project is not None and doc.data.get("figures"):
        from .figures import load_images

        images, refused = load_images(doc.data, project)
        if refused:
            raise InputError(sorted(doc.problem(path, message) for path, message in refused))
    return to_model(doc.data, origin=Origin(doc), images=images)
