"""Which writing system a run of content text is in, so the page can tell the browser (and a screen
reader) its direction and language: ``dir`` for Arabic and Hebrew, ``lang`` for a run in another script
than the briefing's own language (a screen reader switches voice; a browser picks CJK glyph forms).

Only the script is known, not the language: Arabic script counts as Persian where it uses letters only
Persian has, else Arabic; a Han run with kana is Japanese, without Chinese; hangul is Korean.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

RTL_LANGUAGES = {"ar", "fa", "he", "iw", "ur", "ps", "yi", "dv", "ku", "sd", "ug"}
_PERSIAN_LETTERS = set("پچژگکی")


def _script(ch: str) -> str | None:
    """'arab', 'hebr', 'cjk' (Han, kana), 'hang' (hangul), 'other' (any other strong left-to-right
    letter), 'rtl-other', or None (neutral: digits, punctuation, spaces, marks)."""
    o = ord(ch)
    if 0x0590 <= o <= 0x05FF or 0xFB1D <= o <= 0xFB4F:
        return "hebr"
    if 0x0600 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "arab" if unicodedata.bidirectional(ch) in ("AL", "R") else None
    bidi = unicodedata.bidirectional(ch)
    if bidi == "L":
        if 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F or 0xAC00 <= o <= 0xD7AF:
            return "hang"
        if (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
                or 0xFF66 <= o <= 0xFF9F or 0x20000 <= o <= 0x3FFFF):
            return "cjk"
        return "other"
    if bidi in ("R", "AL"):  # other right-to-left scripts (Syriac, Thaana, N'Ko): direction only
        return "rtl-other"
    return None


def _lang_of(script: str, text: str) -> str | None:
    if script == "hebr":
        return "he"
    if script == "arab":
        return "fa" if _PERSIAN_LETTERS & set(text) else "ar"
    if script == "hang":
        return "ko"
    if script == "cjk":
        return "ja" if any(0x3040 <= ord(c) <= 0x30FF or 0xFF66 <= ord(c) <= 0xFF9F for c in text) else "zh"
    return None


def is_rtl_script(script: str | None) -> bool:
    return script in ("hebr", "arab", "rtl-other")


def document_script(language: str) -> str:
    """The script a briefing's own language is written in (its runs need no marking)."""
    base = language.lower().split("-")[0]
    if base in ("he", "iw", "yi"):
        return "hebr"
    if base in ("ar", "fa", "ur", "ps", "ku", "sd", "ug"):
        return "arab"
    if base in ("zh", "ja"):
        return "cjk"
    if base == "ko":
        return "hang"
    return "other"


def is_rtl_language(language: str) -> bool:
    return language.lower().split("-")[0] in RTL_LANGUAGES


@dataclass(frozen=True)
class Run:
    text: str
    script: str | None  # None: only neutral characters (digits, punctuation, spaces)

    def attrs(self, home: str) -> dict[str, str]:
        """``lang``/``dir`` for this run inside text whose own script is ``home`` (none when it matches)."""
        if self.script is None or self.script == home:
            return {}
        out = {}
        lang = _lang_of(self.script, self.text)
        if lang:
            out["lang"] = lang
        if is_rtl_script(self.script) != is_rtl_script(home):
            out["dir"] = "rtl" if is_rtl_script(self.script) else "ltr"
        return out


def runs(text: str) -> list[Run]:
    """``text`` split where the script changes. Neutral characters (spaces, digits, punctuation) between
    two letters of one script stay in that run; between two scripts they are a run of their own, unmarked,
    so they take the surrounding direction."""
    out: list[Run] = []
    current: str | None = None
    buf: list[str] = []
    pending: list[str] = []  # neutrals seen since the last strong character
    for ch in text:
        s = _script(ch)
        if s is None:
            pending.append(ch)
            continue
        if s == current:
            buf += pending
        else:
            if buf:
                out.append(Run("".join(buf), current))
            if pending:
                out.append(Run("".join(pending), None))
            buf, current = [], s
        buf.append(ch)
        pending = []
    if buf:
        out.append(Run("".join(buf), current))
    if pending:
        out.append(Run("".join(pending), None))
    return out

