"""Safe HTML from content text: every content string passes through ``text`` or ``rich`` (escaped,
scripts marked), attributes through ``attrs``. Nothing else in the package writes content into markup.

Content is plain text with ``*italic*``/``**bold**`` only (reportkit.text), so no content string can
open a tag, an attribute or a script: ``<``, ``>``, ``&`` and quotes always come out as references.
"""
from __future__ import annotations

from html import escape

from ..text import plain, tagged
from .scripts import is_rtl_script, runs


def esc(s: str) -> str:
    """Text for an element or a double-quoted attribute."""
    return escape(s, quote=True)


def attrs(**kw) -> str:
    """`` name="value"`` pairs in the given order (deterministic); None/False are left out; a trailing
    underscore is dropped (class_) and other underscores become dashes (aria_label)."""
    out = []
    for k, v in kw.items():
        if v is None or v is False:
            continue
        name = k.rstrip("_").replace("_", "-")
        out.append(f" {name}" if v is True else f' {name}="{esc(str(v))}"')
    return "".join(out)


def el(tag: str, inner: str = "", **kw) -> str:
    """An element around ``inner``, which must already be safe HTML (from these helpers)."""
    return f"<{tag}{attrs(**kw)}>{inner}</{tag}>"


class Writer:
    """Turns content text into HTML for one page: knows the page's script, to mark runs in others."""

    def __init__(self, language: str):
        from .scripts import document_script

        self.home = document_script(language)
        self.english = language.lower().split("-")[0] == "en"
        self.rtl = is_rtl_script(self.home)

    def ui(self, s: str) -> str:
        """One of reportkit's own (English) words: marked English, left to right, on a page in
        another language, so a screen reader reads it in English and its punctuation stays put."""
        if self.english:
            return esc(s)
        direction = ' dir="ltr"' if self.rtl else ""
        return f'<span lang="en"{direction}>{esc(s)}</span>'

    def ltr(self, s: str) -> str:
        """A number with its sign ("+2", "−1†"): kept left to right on a right-to-left page."""
        return f'<span dir="ltr">{esc(s)}</span>' if self.rtl else esc(s)

    def text(self, s: str) -> str:
        """Escaped text, each run in a script other than the page's in a ``span`` with its lang/dir."""
        out = []
        for run in runs(s):
            a = run.attrs(self.home)
            out.append(f"<span{attrs(**a)}>{esc(run.text)}</span>" if a else esc(run.text))
        return "".join(out)

    def rich(self, s: str) -> str:
        """Content text with its ``*italic*``/``**bold**`` as ``em``/``strong``."""
        return tagged(s, lambda span: self.text(span.text), (("em", "italic"), ("strong", "bold")))

    def name(self, s: str) -> str:
        """A name or title: emphasis markers dropped, as the memo prints titles."""
        return self.text(plain(s))

    def dir_for(self, s: str) -> str | None:
        """``rtl`` (``ltr``) for a block whose text starts in a script of the other direction than the
        page's, so it is laid out (aligned, its punctuation placed) in its own direction. Explicit, not
        ``auto``: the browser's ``auto`` skips the text inside a child with its own ``dir`` (every
        right-to-left run is one), so it would find no right-to-left letter and lay the block out left
        to right."""
        from ..scripts import first_strong as direction  # the rule every edition follows (UAX #9 P2/P3)

        first = direction(plain(s))
        if first is None or (first == "rtl") == self.rtl:
            return None
        return first
