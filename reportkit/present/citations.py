"""How a source is cited in every edition: the entry in the list of sources (with its web address,
which editions make a link only when it is a plain http(s) address), and the endnote marker beside a
cited text, with the Admiralty grade of that citation ("3, B2") where the edition prints grades."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import standards as std
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


# --- web addresses --------------------------------------------------------------------------------

_SAFE_SCHEMES = ("http", "https")
_NOT_IN_URLS = set('"<>\\^`{|}')  # never raw in an address (RFC 3986): such text is not one to follow
_NOT_IN_URL_KINDS = {"Cc", "Cf", "Zs", "Zl", "Zp"}  # controls, bidi overrides, spaces: a disguised address


def link_target(url: str | None) -> str | None:
    """``url`` when an edition may make it a link: an http or https address with a host and no space
    or control character. Anything else (``javascript:``, ``data:``, ``file:``, a mangled address)
    stays printed text: content must not make a reader's program run or open something else."""
    if not url or any(ch in _NOT_IN_URLS or unicodedata.category(ch) in _NOT_IN_URL_KINDS for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else None


def link_parts(text: str, url: str, at: int) -> tuple[str, str | None, str]:
    """``text`` split around the web address printed in it at ``at``: (before, the address to link or
    None, after). None when there is no address there or it may not be a link (``link_target``); then
    ``before`` is the whole text."""
    target = link_target(url)
    if target is None or at < 0 or text[at:at + len(url)] != url:
        return text, None, ""
    return text[:at], target, text[at + len(url):]


# --- endnote markers ------------------------------------------------------------------------------


class Ref(int):
    """One endnote marker: the source's endnote number (it *is* that int, so anchors and comparisons
    work as before) and the Admiralty grade of this citation ("B2", "B", "2" or "")."""

    grade: str

    def __new__(cls, number: int, grade: str = ""):
        self = super().__new__(cls, number)
        self.grade = grade
        return self

    def __repr__(self) -> str:
        return f"Ref({int(self)}, {self.grade!r})" if self.grade else str(int(self))


@dataclass(frozen=True)
class Markers:
    """How one group of endnote markers is printed: ``open`` + labels joined by ``sep`` + ``close``.
    Plain numbers stay as they always were ("3,5"); a group with a grade reads "[3, B2; 5]"."""

    open: str
    labels: tuple[tuple[int, str], ...]  # (endnote number, its label: "3" or "3, B2")
    sep: str
    close: str

    @property
    def text(self) -> str:
        return self.open + self.sep.join(label for _, label in self.labels) + self.close


def markers(refs) -> Markers:
    """The markers for endnote references (``Ref`` or plain ints), graded where a grade is known."""
    labels = tuple((int(r), f"{int(r)}, {r.grade}" if getattr(r, "grade", "") else str(int(r))) for r in refs)
    if any(getattr(r, "grade", "") for r in refs):
        return Markers("[", labels, "; ", "]")
    return Markers("", labels, ",", "")


def bracketed(refs) -> str:
    """The markers of a place with no superscripts (a slide): "[1, B2; 2, C]" when any citation is
    graded, else "" (an ungraded slide keeps its source line as the pointer to the endnotes)."""
    m = markers(refs)
    return m.text if m.open else ""


def cited(briefing, ids, credibility=()) -> tuple[Ref, ...]:
    """Endnote references for the cited source ids, in order, without repeats (unknown ids are
    skipped), each with its grade: the source's reliability and this citation's credibility.
    ``credibility``: ((source id, 1-6), ...) or one 1-6 for a single-source citation (a reaction)."""
    per_source = dict(credibility) if isinstance(credibility, tuple) else {}
    numbers = briefing._index["source_number"]
    out: list[Ref] = []
    for sid in ids:
        if sid in numbers and numbers[sid] not in out:
            cred = credibility if isinstance(credibility, int) else per_source.get(sid)
            out.append(Ref(numbers[sid], std.grade(briefing.source(sid).reliability, cred)))
    return tuple(out)


def grade_key(reliability_used: bool, credibility_used: bool) -> str:
    """The one-line key to the grades beside the markers, for the list of sources: what the letter
    and the digit mean ("" when the edition prints no grades)."""
    parts = []
    if reliability_used:
        parts.append("the letter is the source's reliability (" +
                     ", ".join(f"{k} {v}" for k, v in std.RELIABILITY.items()) + ")")
    if credibility_used:
        parts.append("the digit is the credibility of the information cited (" +
                     ", ".join(f"{k} {v}" for k, v in std.CREDIBILITY.items()) + ")")
    return ("Grades beside the source numbers (Admiralty system): " + "; ".join(parts) + ".") if parts else ""
