"""The Word memo's plan: the PDF memo's plan (same blocks, same order, same words) plus what only a
Word document needs to know: chart series, style names, languages, the date it is stamped with and,
for a redline, the older version's plan.

Pure: no python-docx, no python-pptx; tested without either.
"""
from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass

from .. import present
from ..present.chart_data import SCORE_FORMAT, DivergingChart, Series, chart_alt, ghost_series, score_series
from ..memo.plan import MemoPlan
from ..memo.plan import plan as memo_plan

# Table headings and notes the PDF memo's emitter prints (reportkit/memo/emit.py); every other word
# (scores, positions, tones, likelihoods, moved scores) comes from the shared rules in reportkit/present.
WORDS = {
    "party": "Party", "outcome": "Outcome", "likelihood": "Likelihood", "in_brief": "In brief",
    "conditions": "Conditions", "obstacles": "Obstacles", "tone": "Tone", "reaction": "Reaction",
    "no_stances": "No stances in the source.",
    "measures": "What each score measures (a positive score supports the proposition)",
}


def not_stated(silent: int, parties: int) -> str:
    """"Not stated: 3 of 40 parties", as the PDF memo's position list prints it."""
    return f"{present.position_word('unknown')}: {silent} of {present.count(parties, 'party', 'parties')}"


def moved_cell(text: str, was: int) -> str:
    """A matrix cell whose score moved, old first as everywhere: "0 → +1"."""
    return present.moved(present.signed(was), text)


# --- languages ----------------------------------------------------------------------------------

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"}
# The language tags Word wants in w:lang's eastAsia and bidi slots when the content's own language
# is not of that kind: Word uses them to pick fonts and shaping for runs in those scripts.
DEFAULT_EAST_ASIA = "zh-CN"
DEFAULT_BIDI = "ar-SA"
DEFAULT_LATIN = "en-US"
EAST_ASIAN_LANGUAGES = {"zh", "ja", "ko"}


def base_language(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def is_rtl(text: str) -> bool:
    """A right-to-left paragraph (w:bidi): the rule every edition follows (``scripts.is_rtl_paragraph``)."""
    from ..scripts import is_rtl_paragraph

    return is_rtl_paragraph(text)


def has_east_asian(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in ("W", "F") and unicodedata.category(c).startswith("L")
               for c in text)


@dataclass(frozen=True)
class Languages:
    """w:lang for the document's defaults: its own language, and the East Asian and bidi slots."""

    main: str  # the content's language: "en-US", "ar-SA", "zh-CN" (core properties)
    latin: str  # w:lang w:val, for runs in Latin script: the main language, or English in an Arabic or
    # Chinese memo (Word and LibreOffice break and hyphenate Latin runs by this tag)
    east_asia: str
    bidi: str
    rtl: bool  # the document's own language is written right to left


def languages(tag: str) -> Languages:
    base = base_language(tag)
    full = tag.replace("_", "-") if "-" in tag or "_" in tag else {"en": "en-US", "ar": "ar-SA", "he": "he-IL",
                                                                   "fa": "fa-IR", "zh": "zh-CN", "ja": "ja-JP",
                                                                   "ko": "ko-KR"}.get(base, tag)
    latin = base not in EAST_ASIAN_LANGUAGES and base not in RTL_LANGUAGES
    return Languages(
        main=full,
        latin=full if latin else DEFAULT_LATIN,
        east_asia=full if base in EAST_ASIAN_LANGUAGES else DEFAULT_EAST_ASIA,
        bidi=full if base in RTL_LANGUAGES else DEFAULT_BIDI,
        rtl=base in RTL_LANGUAGES,
    )


# --- charts -------------------------------------------------------------------------------------



@dataclass(frozen=True)
class ChartSpec:
    """One native Word chart: the stance chart's data as series, the same split by score level as
    the deck's (``DivergingChart.series_by_score``), so the workbook holds exactly the scores."""

    key: str
    title: str
    subtitle: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt_text: str
    previous: Series | None = None  # build --since: the older scores where they moved

    @property
    def scores(self) -> dict[str, int]:
        """Category -> its score (each category has one non-empty value across the series)."""
        out = {}
        for s in self.series:
            for cat, v in zip(self.categories, s.values):
                if v is not None:
                    out[cat] = v
        return out


def chart_spec(chart: DivergingChart, theme, previous: tuple[int | None, ...] = (), since: str = "") -> ChartSpec:
    ghost = ghost_series(tuple(previous), f"Previous ({since})" if since else "Previous", theme)
    return ChartSpec(chart.key, chart.title, chart.subtitle, chart.categories, score_series(chart, theme),
                     chart_alt(chart, tuple(previous), since), ghost)



# --- the document -------------------------------------------------------------------------------

# Style roles -> the Word style names reportkit asks a template for, in order of preference; the
# first the template has is used. docs/docx.md documents this table; ``docx.styles`` in a theme
# puts its own name first for a role.
STYLE_ROLES: dict[str, tuple[str, ...]] = {
    "title": ("Title",),
    "subtitle": ("Subtitle",),
    "heading_1": ("Heading 1",),
    "heading_2": ("Heading 2", "Heading 1"),
    "body": ("Normal",),
    "list_bullet": ("List Bullet", "List Paragraph"),
    "list_number": ("List Number", "List Paragraph"),
    "table": ("Table Grid",),
    "caption": ("Caption",),
}
# The styles reportkit adds when a template lacks them (its own roles: no house template has them)
OWN_STYLES = ("Memo Note", "Memo Label", "Table Text", "Table Heading", "Memo Marking")


@dataclass(frozen=True)
class Redline:
    """Show the changes since an older version as Word tracked changes."""

    old: "DocxPlan"  # the older version's Word memo, written to align against
    author: str
    date: str  # w:date, ISO 8601


@dataclass(frozen=True)
class DocxPlan:
    memo: MemoPlan  # the same blocks the PDF memo draws
    charts: dict  # chart key -> ChartSpec, for every chart in the memo's chart blocks
    languages: Languages
    stamp: _dt.datetime  # core properties' created/modified, tracked changes' date
    font: str  # the font name written into the document (Latin)
    east_asian_font: str
    complex_font: str  # Arabic, Hebrew, ...
    styles: dict  # role -> names to try, the theme's first
    template: str | None  # path of the organisation's .dotx/.docx; None = reportkit's built-in
    redline: Redline | None = None


def stamp_for(day: _dt.date) -> _dt.datetime:
    """The date the document is stamped with: the content's own date at midnight UTC. Never the clock,
    and not SOURCE_DATE_EPOCH either: the same content gives the same bytes in any environment
    (tests/hostile/test_hostile_environment.py)."""
    return _dt.datetime(day.year, day.month, day.day)


def _charts(memo: MemoPlan, edition) -> dict:
    from ..memo import plan as mp

    out = {}
    since = ""
    changes = getattr(edition, "changes", None)
    if changes is not None and getattr(changes, "meaningful", False):
        from ..diff.digest import digest

        since = digest(changes).since
    for block in memo.blocks:
        if isinstance(block, mp.ChartBlock):
            for k, chart in enumerate(block.charts):
                was = block.previous[k] if block.previous else ()
                out[chart.key] = chart_spec(chart, edition.theme, was, since)
    return out


def styles(theme) -> dict:
    wanted = theme.get("docx.styles") or {}
    return {role: tuple(dict.fromkeys(((wanted[role],) if wanted.get(role) else ()) + names))
            for role, names in STYLE_ROLES.items()}


def redlined(edition) -> bool:
    """With ``--since``, the Word memo shows the changes as tracked changes unless the theme says
    ``docx.redline: false`` (then it presents them as the PDF memo does)."""
    return getattr(edition, "previous", None) is not None and theme_flag(edition.theme, "docx.redline", True)


def theme_flag(theme, key: str, default: bool) -> bool:
    value = theme.get(key)
    return default if value is None else bool(value)


def plan(edition) -> DocxPlan:
    """The Word memo for one edition. With a redline, the memo is planned without the change
    presentation (no "What changed" digest, no older scores beside the moved ones: the tracked changes
    show them), and the older version's memo rides along to be aligned against."""
    from dataclasses import replace

    theme = edition.theme
    redline = None
    if redlined(edition):
        from ..present.chart_data import chart_set

        old = edition.previous
        old_edition = replace(edition, briefing=old, charts=chart_set(old), changes=None, previous=None)
        edition = replace(edition, changes=None, previous=None)
        stamp = stamp_for(edition.briefing.meta.date)
        redline = Redline(plan(old_edition), theme.get("docx.redline_author") or "reportkit",
                          f"{stamp:%Y-%m-%dT%H:%M:%SZ}")
    memo = memo_plan(edition)
    stamp = stamp_for(memo.date)
    template = theme.asset("docx.template")
    return DocxPlan(
        memo=memo,
        charts=_charts(memo, edition),
        languages=languages(memo.language),
        stamp=stamp,
        font=theme.get("docx.font") or "Calibri",
        east_asian_font=theme.get("docx.east_asian_font") or "Microsoft YaHei",
        complex_font=theme.get("docx.complex_font") or "Arial",
        styles=styles(theme),
        template=str(template) if template else None,
        redline=redline,
    )
