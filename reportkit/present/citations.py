"""How a source is cited in every edition's list of sources."""
from __future__ import annotations

from ..text import plain
from .dates import day


def citation(source, language: str = "en") -> str:
    """"Title. Publisher, 22 July 2022. https://…": what is known of the source, in that order; the
    analyst's note is not part of it (each edition sets it apart)."""
    parts = [_stop(plain(source.title))]
    when = day(source.date, language) if source.date else ""
    if source.publisher:
        parts.append(_stop(plain(source.publisher).rstrip(".") + (f", {when}" if when else "")))
    elif when:
        parts.append(_stop(when))
    if source.url:
        parts.append(source.url)
    return " ".join(parts)


def _stop(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."
