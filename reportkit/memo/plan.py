"""The memo plan: an Edition turned into a list of blocks, in the words of the domain.

Every decision about *what* the memo says and in which order is made here; ``emit`` only draws.
This module imports no rendering library, so it is tested without reportlab. Text stays content
text (with ``*emphasis*``); the emitter escapes it.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .. import present
from ..present.chart_data import DivergingChart, StanceMatrix
from ..diff.digest import chart_previous, digest
from ..model import SCORE_LABELS, SCORES, Briefing
from ..present import INFERRED_MARK, NO_STANCE, signed
from ..present import analytic, citations, clearance, placement
from ..present import figures as figs
from ..present.colours import stance_key
from ..text import plain

GHOST_MARK = "\u25cb"  # white circle: the chart's ghost marker at a previous score
MAX_MATRIX_COLUMNS = 8
MAX_POSITION_COLUMNS = 7  # "Conditional" must still fit a column at a readable size
BRIEF_MAX_PAGES = 2  # more issues than this are split over several matrix tables

LISTED_POSITIONS = ("support", "conditional", "oppose")  # a PositionList's columns, in this order


# --- blocks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleBlock:
    organisation: str
    title: str
    subtitle: str


@dataclass(frozen=True)
class MemoHeader:
    rows: tuple[tuple[str, str], ...]  # (label, value): TO, FROM, DATE, SUBJECT


@dataclass(frozen=True)
class Notice:
    """A disclaimer for this audience, boxed under the header."""

    text: str


@dataclass(frozen=True)
class Heading:
    key: str  # outline (bookmark) key, unique in the memo
    title: str
    level: int = 0


@dataclass(frozen=True)
class Text:
    text: str
    refs: tuple[int, ...] = ()  # endnote numbers
    style: str = "body"  # body | note


@dataclass(frozen=True)
class Item:
    text: str
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]
    numbered: bool = False


@dataclass(frozen=True)
class BottomLine:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class LegendEntry:
    color_key: str
    label: str
    sample: str  # the text a cell shows for this entry


@dataclass(frozen=True)
class MatrixBlock:
    matrix: StanceMatrix
    column_groups: tuple[tuple[int, ...], ...]  # issue indexes per table, at most MAX_MATRIX_COLUMNS
    legend: tuple[LegendEntry, ...]
    marker_note: str
    propositions: tuple[tuple[str, str], ...]  # (issue name, proposition)
    previous: tuple[tuple[int | None, ...], ...] = ()  # per cell, the older score where it moved (--since)


@dataclass(frozen=True)
class ChartBlock:
    charts: tuple[DivergingChart, ...]
    caption: str
    previous: tuple[tuple[int | None, ...], ...] = ()  # per chart, per bar: the older score where it moved
    since: str = ""  # the older version's date, where a score moved


@dataclass(frozen=True)
class OutcomeRow:
    title: str
    summary: str
    likelihood: str  # low | medium | high
    likelihood_label: str  # "Analyst judgement" or "Stated in the source" (present.likelihood_basis_word)
    likelihood_note: str | None
    conditions: tuple[str, ...]
    obstacles: tuple[str, ...]
    refs: tuple[int, ...]
    likelihood_change: str | None = None  # "up" | "down" since the older version (--since)
    previous_likelihood: str | None = None
    term: str = ""  # the badge's word: the scale's term ("Roughly even chance"); "" = the band's word
    steps: tuple[int, int] = ()  # (place, count) on the scale: the badge's filled steps (analytic.scale_steps)
    likelihood_range: str = ""  # "45–55 %" where the briefing's scale defines one
    confidence: str | None = None  # "Confidence: moderate." — printed apart from the likelihood
    confidence_note: str | None = None

    @property
    def change_text(self) -> str | None:
        """"▲ up from low" where the likelihood moved since the older version."""
        if not self.likelihood_change:
            return None
        return present.words.likelihood_change(self.likelihood_change, self.previous_likelihood)


@dataclass(frozen=True)
class OutcomeTable:
    rows: tuple[OutcomeRow, ...]
    compact: bool = False


@dataclass(frozen=True)
class PositionTable:
    parties: tuple[str, ...]  # column headings (short names)
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (outcome title, position per party)
    column_groups: tuple[tuple[int, ...], ...] = ()  # party indexes per table, at most MAX_POSITION_COLUMNS


@dataclass(frozen=True)
class PositionListRow:
    title: str
    named: tuple[tuple[str, tuple[str, ...]], ...]  # (position, party names) for support, conditional, oppose
    silent: int  # parties that state no position on this outcome


@dataclass(frozen=True)
class PositionList:
    """Party positions for more parties than one grid holds: per outcome, who supports, accepts on
    conditions or opposes, and how many say nothing. Grows with the positions stated, not with
    outcomes x parties (a 40-party grid was 6 tables, mostly "Not stated")."""

    parties: int
    rows: tuple[PositionListRow, ...]


@dataclass(frozen=True)
class ReactionRow:
    party: str
    tone: str
    text: str
    refs: tuple[int, ...]


@dataclass(frozen=True)
class ReactionTable:
    rows: tuple[ReactionRow, ...]


@dataclass(frozen=True)
class WhatChanged:
    """Meaningful changes since an older version, grouped (``diff.digest``); plain text lines."""

    groups: tuple[tuple[str, tuple[str, ...]], ...]
    wording: str | None


@dataclass(frozen=True)
class Endnote:
    number: int
    text: str
    url: str = ""  # the source's web address, printed in ``text`` at ``url_at``: editions may link it
    url_at: int = -1


@dataclass(frozen=True)
class Endnotes:
    notes: tuple[Endnote, ...]


@dataclass(frozen=True)
class FigureBlock:
    """A figure (present.figures): the image scaled to the frame, its caption, source line and credit
    under it, never split from them. ``shown`` is None until the plan numbers it (``_numbered``)."""

    id: str
    shown: figs.Shown | None = None
    source_line: str | None = None


@dataclass(frozen=True)
class Logo:
    """The theme's logo, drawn in the memo header at its own aspect ratio."""

    path: str
    width_px: int
    height_px: int
    alt_text: str  # the organisation's name; reportlab cannot tag the image, so it is also printed


@dataclass(frozen=True)
class MemoPlan:
    title: str
    subject: str
    author: str
    organisation: str
    language: str
    date_text: str
    date: _dt.date
    classification: str
    disclaimer: str | None
    page_size: str
    blocks: tuple = field(default_factory=tuple)
    max_pages: int | None = None  # the brief memo promises at most two pages
    logo: Logo | None = None

    @property
    def outline(self) -> tuple[str, ...]:
        """The outline (bookmark) titles, in order."""
        return tuple(b.title for b in self.blocks if isinstance(b, Heading))


# --- planning -----------------------------------------------------------------------------------


def _refs(b: Briefing, ids, credibility=()) -> tuple[int, ...]:
    """Endnote numbers for source ids, in order, without repeats; unknown ids are skipped. Each is a
    ``present.citations.Ref``: the number, with this citation's grade for editions that print it."""
    return citations.cited(b, ids, credibility)


def date_text(b: Briefing) -> str:
    return present.day(b.meta.date, b.meta.language)


def _legend() -> tuple[LegendEntry, ...]:
    entries = [LegendEntry(stance_key(s), SCORE_LABELS[s], signed(s)) for s in SCORES]
    entries.append(LegendEntry(stance_key(None), "no stance in the source", NO_STANCE))
    return tuple(entries)


def _matrix(edition) -> list:
    b, m = edition.briefing, edition.charts.matrix
    if not m.parties or not m.issues:
        return [Text(present.words.EMPTY["matrix"], style="note")]
    groups = present.balanced_chunks(len(m.issues), MAX_MATRIX_COLUMNS)
    note = (f"Scores run from {signed(-2)} (strongly opposes) to {signed(2)} (strongly supports) the "
            f"proposition under each issue. {INFERRED_MARK} inferred by the analyst from the source; "
            f"unmarked scores are stated in the source.")
    props = tuple((i.name, i.proposition) for i in b.issues)
    previous = _meaningful(edition)
    moved = tuple(tuple(previous.previous_score(c.party.id, c.issue.id) for c in row) for row in m.rows) if previous else ()
    if previous:
        note += f" {present.words.moved_key(digest(previous).since)}."
    return [MatrixBlock(m, groups, _legend(), note, props, moved)]


def _meaningful(edition):
    """The edition's Changes when the build asked for them and something meaningful changed, else None."""
    c = getattr(edition, "changes", None)
    return c if c is not None and c.meaningful else None


def _what_changed(edition) -> list:
    c = _meaningful(edition)
    if c is None:
        return []
    d = digest(c)
    return [Heading("changes", d.title), WhatChanged(d.groups, d.wording)]


def _outcome_rows(b: Briefing, changes=None) -> tuple[OutcomeRow, ...]:
    was = {x.outcome: x.old for x in changes.likelihood_changed} if changes else {}
    return tuple(
        OutcomeRow(
            title=o.title,
            summary=o.summary,
            likelihood=o.likelihood,
            likelihood_label=present.likelihood_basis_word(o.likelihood_basis),
            likelihood_note=o.likelihood_note,
            conditions=o.conditions,
            obstacles=o.obstacles,
            refs=_refs(b, o.sources, o.credibility),
            likelihood_change=changes.likelihood_direction(o.id) if changes else None,
            previous_likelihood=was.get(o.id),
            term=analytic.term_word(b.meta.likelihood_scale, o.term),
            steps=analytic.scale_steps(b.meta.likelihood_scale, o.term),
            likelihood_range=analytic.term_range(b.meta.likelihood_scale, o.term),
            confidence=analytic.confidence_phrase(o.confidence) or None,
            confidence_note=o.confidence_note,
        )
        for o in analytic.likelihood_order(b.meta.likelihood_scale, b.outcomes)
    )


def _key_judgments(b: Briefing, brief: bool, level: int = 0) -> list:
    """Key judgments open the memo, before the bottom line or first inside it (the theme's
    ``memo.key_judgments``): what the assessment concludes, each with its likelihood and confidence
    as sentences of their own."""
    if not b.key_judgments:
        return []
    scale = b.meta.likelihood_scale
    return [Heading("key-judgments", "Key judgments", level=level),
            Bullets(tuple(Item(analytic.judgment_text(k, scale, not brief), _refs(b, k.sources, k.credibility))
                          for k in b.key_judgments))]


def _indicators(b: Briefing) -> list:
    """Each outcome's signposts, as one list: what to watch for, and whether it has been seen."""
    items = tuple(Item(f"{o.title}: {analytic.indicator_text(i, b.meta.language)}", _refs(b, i.sources))
                  for o in analytic.likelihood_order(b.meta.likelihood_scale, b.outcomes) for i in o.indicators)
    return [Heading("indicators", "Indicators to watch", level=1), Bullets(items)] if items else []


def _endnote_text(s, language: str, ratings=()) -> str:
    grade = analytic.source_grade_text(s, ratings)
    return present.citation(s, language) + (f" {grade}" if grade else "") + (f" {s.note}" if s.note else "")


def _endnote(n: int, s, language: str, ratings=()) -> Endnote:
    """One source in the list; its web address located in the text (``present.citation`` ends with it)."""
    if not s.url:
        return Endnote(n, _endnote_text(s, language, ratings))
    return Endnote(n, _endnote_text(s, language, ratings), s.url, len(present.citation(s, language)) - len(s.url))


def _sources(b: Briefing, blocks: list) -> list:
    """The list of sources, after the key to the grades printed beside the markers (when any are)."""
    ratings = analytic.ratings_by_source(b)  # stances' too: the memo prints no marker for them
    key = citations.grade_key(any(refs_graded(blocks, letter=True)),
                              any(refs_graded(blocks, letter=False)) or any(ratings.values()))
    return ([Heading("sources", "Sources")] + ([Text(key, style="note")] if key else [])
            + [Endnotes(tuple(_endnote(n, s, b.meta.language, ratings.get(s.id, ()))
                               for n, s in enumerate(b.sources, 1)))])


def refs_graded(blocks, letter: bool):
    """For every endnote marker in ``blocks``: whether its grade has a reliability letter (``letter``)
    or a credibility digit."""
    for block in blocks:
        for refs in _block_refs(block):
            for r in refs:
                grade = getattr(r, "grade", "")
                yield any(ch.isalpha() for ch in grade) if letter else any(ch.isdigit() for ch in grade)


def _block_refs(block):
    if hasattr(block, "refs"):
        yield block.refs
    for name in ("items", "rows"):
        for item in getattr(block, name, ()) or ():
            if hasattr(item, "refs"):
                yield item.refs


def _points(b: Briefing, points) -> tuple[Item, ...]:
    return tuple(Item(p.text, _refs(b, p.sources, p.credibility)) for p in points)


def _narrative(b: Briefing, sections=None) -> list:
    blocks: list = []
    for s in b.sections if sections is None else sections:
        if not s.paragraphs:
            continue
        blocks.append(Heading(f"section-{s.id}", s.title))
        refs = _refs(b, s.sources, s.credibility)
        last = len(s.paragraphs) - 1
        blocks.extend(Text(para, refs if k == last else ()) for k, para in enumerate(s.paragraphs))
        blocks += _figures(b, (s.figure,))
    return blocks


def _figures(b: Briefing, ids) -> list:
    return [FigureBlock(i) for i in ids if figs.drawable(b, i) is not None]


def _numbered(b: Briefing, blocks: list) -> list:
    """Each figure numbered in reading order, with its words (present.figures: one rule per edition)."""
    numbers = figs.numbers(x.id for x in blocks if isinstance(x, FigureBlock))
    return [FigureBlock(x.id, figs.shown(b, b.figure(x.id), numbers[x.id]), figs.source_line(b, b.figure(x.id)))
            if isinstance(x, FigureBlock) else x for x in blocks]


def _stances(edition, brief: bool) -> list:
    blocks: list = [Heading("stances", "Where the parties stand"), *_matrix(edition)]
    if not brief and any(c.bars for c in edition.charts.by_issue):
        blocks.append(Heading("stance-chart", "Stances by issue"))
        changes = _meaningful(edition)
        previous = tuple(chart_previous(changes, edition.briefing, c) for c in edition.charts.by_issue)
        ghost = any(v is not None for row in previous for v in row)
        blocks.append(ChartBlock(
            edition.charts.by_issue,
            f"Each bar is one party's stance on the issue's proposition, from {signed(-2)} to {signed(2)}; "
            f"{INFERRED_MARK} marks a score inferred by the analyst."
            + (f" {GHOST_MARK} marks the score before it moved (on {digest(changes).since})." if ghost else ""),
            previous if ghost else (),
            digest(changes).since if ghost else "",
        ))
    return blocks


def _outcomes(b: Briefing, brief: bool, changes=None) -> list:
    blocks: list = [Heading("outcomes", "Potential outcomes")]
    rows = _outcome_rows(b, changes)
    if not rows:
        return (blocks + [Text(present.words.EMPTY["outcomes"], style="note")]
                + ([] if brief else _figures(b, (f.id for f in figs.on_their_own(b)))))
    blocks.append(Text(present.words.likelihood_note(o.likelihood_basis for o in b.outcomes), style="note"))
    legend = analytic.scale_legend(b.meta.likelihood_scale)
    if legend:
        blocks.append(Text(legend, style="note"))
    blocks.append(OutcomeTable(rows, compact=brief))
    if not brief:  # the outcomes' figures under their table; brief editions show only their sections'
        blocks += _figures(b, (o.figure for o in analytic.likelihood_order(b.meta.likelihood_scale, b.outcomes)))
        blocks += _indicators(b)
    if not brief and b.parties:
        blocks.append(Heading("positions", "Party positions on each outcome", level=1))
        blocks.append(_positions(b))
    if not brief:
        blocks += _figures(b, (f.id for f in figs.on_their_own(b)))
    return blocks


def _positions(b: Briefing):
    outcomes = analytic.likelihood_order(b.meta.likelihood_scale, b.outcomes)  # as the outcomes table
    names = tuple(p.short or p.name for p in b.parties)
    if len(names) <= MAX_POSITION_COLUMNS:  # one grid: every party's column, "Not stated" included
        rows = []
        for o in outcomes:
            stated = {x.party: x.position for x in o.positions}  # one lookup per cell, not a scan
            rows.append((o.title, tuple(stated.get(p.id, "unknown") for p in b.parties)))
        return PositionTable(names, tuple(rows), present.balanced_chunks(len(names), MAX_POSITION_COLUMNS))
    order = {p.id: k for k, p in enumerate(b.parties)}
    rows = []
    for o in outcomes:
        by: dict[str, list[int]] = {}
        for x in o.positions:
            if x.position != "unknown" and x.party in order:
                by.setdefault(x.position, []).append(order[x.party])
        named = tuple((pos, tuple(names[k] for k in sorted(set(by.get(pos, ())))))
                      for pos in LISTED_POSITIONS)
        rows.append(PositionListRow(o.title, named, len(names) - sum(len(ps) for _, ps in named)))
    return PositionList(len(names), tuple(rows))


def _reactions(b: Briefing) -> list:
    blocks: list = [Heading("reactions", "International reactions")]
    if not b.reactions:
        return blocks + [Text(present.words.EMPTY["reactions"], style="note")]
    names = b._index["party"]
    return blocks + [ReactionTable(tuple(
        ReactionRow(names[r.party].name if r.party in names else r.party, r.tone, r.text, _refs(b, (r.source,), r.credibility))
        for r in b.reactions
    ))]


def _logo(edition) -> Logo | None:
    theme = edition.theme
    path = theme.asset("logo")
    if path is None:
        return None
    w, h = theme.logo_size()
    return Logo(str(path), w, h, f"Logo: {plain(edition.briefing.meta.organisation)}")


def plan(edition) -> MemoPlan:
    """The memo for one edition.

    Full: header, bottom line, narrative, stances (matrix and chart), outcomes, reactions, next steps,
    sources. Brief (at most two pages): header, bottom line, the compact outcome table (what a principal
    decides on comes first), the stance matrix, next steps, sources.
    """
    b = edition.briefing
    meta = b.meta
    brief = edition.detail == "brief"
    blocks: list = [
        TitleBlock(meta.organisation, meta.title, meta.subtitle),
        MemoHeader((("TO", meta.memo.to), ("FROM", meta.memo.from_), ("DATE", date_text(b)),
                    ("SUBJECT", meta.memo.subject))
                   + tuple((label.upper(), text) for label, text in clearance.lines(b))),  # staff memo style
    ]
    if edition.disclaimer:
        blocks.append(Notice(edition.disclaimer))
    inside = edition.theme.get("memo.key_judgments", "before") == "inside"
    changes = _meaningful(edition)
    parts = [("key_judgments", [] if inside else _key_judgments(b, brief)),
             ("summary", [Heading("bluf", "Bottom line up front")]
              + (_key_judgments(b, brief, level=1) if inside else [])  # the bottom line opens with them
              + [BottomLine(_points(b, b.summary)) if b.summary
                 else Text(present.words.EMPTY["summary"], style="note")]),
             ("changes", _what_changed(edition))]
    if brief:
        parts += [("outcomes", _outcomes(b, brief, changes)), ("stances", _stances(edition, brief))]
    else:
        parts += [("stances", _stances(edition, brief)), ("outcomes", _outcomes(b, brief, changes)),
                  ("reactions", _reactions(b))]
    parts.append(("next_steps", [Heading("next-steps", "Next steps"),
                                 Bullets(_points(b, b.next_steps), numbered=True) if b.next_steps
                                 else Text(present.words.EMPTY["next_steps"], style="note")]))
    # The analyst's sections after the part each names (present.placement: the rule every edition shares).
    placed = placement.place(b, "memo", brief, [name for name, _ in parts])
    blocks += _narrative(b, placed.get("start", ()))
    for name, part in parts:
        blocks += part + _narrative(b, placed.get(name, ()))
    blocks = _numbered(b, blocks)
    if b.sources:
        blocks += _sources(b, blocks)

    return MemoPlan(
        title=plain(meta.title),
        subject=plain(meta.memo.subject),
        author=meta.author,
        organisation=meta.organisation,
        language=meta.language,
        date_text=date_text(b),
        date=meta.date,
        classification=meta.classification,
        disclaimer=edition.disclaimer,
        page_size=edition.page_size,
        blocks=tuple(blocks),
        max_pages=BRIEF_MAX_PAGES if brief else None,
        logo=_logo(edition),
    )
