"""Light inline emphasis in content strings: ``**bold**`` and ``*italic*``, nothing else.

Parsed once into spans here, so each renderer draws spans and never sees markup. Content text is
plain text: a renderer that speaks markup (reportlab) must escape each span's text itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

_EMPHASIS = re.compile(r"\*\*(?P<bold>[^*]+?)\*\*|(?<![\w*])\*(?P<italic>[^*\s][^*]*?)\*(?![\w*])")


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False


def spans(text: str) -> tuple[Span, ...]:
    """Split ``text`` into plain, bold and italic spans. Unmatched asterisks stay literal."""
    out: list[Span] = []
    pos = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos : m.start()]))
        if m.group("bold") is not None:
            out.append(Span(m.group("bold"), bold=True))
        else:
            out.append(Span(m.group("italic"), italic=True))
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:]))
    return tuple(out)


def tagged(text: str, convert: Callable[[Span], str], tags: tuple[tuple[str, str], ...]) -> str:
    """Content text as markup for a renderer that speaks tags (HTML, reportlab): each span's text
    through ``convert`` (escaping, marking script runs), then wrapped, innermost first, in each
    ``(tag, "bold" | "italic")`` of ``tags`` that applies to the span."""
    out = []
    for span in spans(text):
        inner = convert(span)
        for tag, flag in tags:
            if getattr(span, flag):
                inner = f"<{tag}>{inner}</{tag}>"
        out.append(inner)
    return "".join(out)


def plain(text: str) -> str:
    """The text without emphasis markers (for notes, alt text, metadata, measuring)."""
    return "".join(s.text for s in spans(text))
