"""The briefing model: a frozen tree in the words of the domain.

Everything downstream (audience selection, chart data, the memo and deck planners, diff) reads this
model and nothing else. It imports no rendering library. Lookups are built once, in ``Briefing``'s
``__post_init__``, so renderers never scan lists (speed grows linearly with the briefing).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Mapping

# Ordered scales. Order matters: charts, badges and diffs compare positions in these tuples.
SCORES = (-2, -1, 0, 1, 2)
SCORE_LABELS = {
    -2: "strongly opposes",
    -1: "opposes",
    0: "neutral / mixed",
    1: "supports",
    2: "strongly supports",
}
BASES = ("stated", "inferred")  # stated in the source, or inferred by the analyst
LIKELIHOODS = ("low", "medium", "high")  # always an analyst's judgement unless basis says stated
LIKELIHOOD_BASES = ("judgement", "stated")
POSITIONS = ("support", "conditional", "oppose", "unknown")
TONES = ("welcoming", "hopeful", "cautious", "skeptical", "opposed", "neutral")
ROLES = ("negotiator", "belligerent", "mediator", "alliance", "bloc", "observer")
# Sensitivity of one item, lowest first. An audience sees items at or below its clearance.
SENSITIVITIES = ("public", "internal", "restricted")


@dataclass(frozen=True)
class Tagged:
    """Visibility tags every content item carries (see docs/content-format.md, "Audiences").

    ``audiences`` empty means "every audience"; otherwise only the named audiences see the item.
    """

    audiences: tuple[str, ...] = ()
    sensitivity: str = "public"


@dataclass(frozen=True)
class Memo:
    to: str
    from_: str
    subject: str


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str
    date: _dt.date
    classification: str
    memo: Memo
    author: str
    organisation: str
    language: str = "en"
    likelihood_scale: str = "three-level"  # a name in standards.SCALES


@dataclass(frozen=True)
class Source(Tagged):
    id: str = ""
    title: str = ""
    publisher: str = ""
    date: _dt.date | None = None
    url: str | None = None
    note: str | None = None
    reliability: str | None = None  # Admiralty A-F (standards.RELIABILITY)


@dataclass(frozen=True)
class Party(Tagged):
    id: str = ""
    name: str = ""
    short: str = ""
    role: str = "negotiator"
    leader: str | None = None
    color: str | None = None  # "#RRGGBB"; None lets the theme choose


@dataclass(frozen=True)
class Issue(Tagged):
    id: str = ""
    name: str = ""
    proposition: str = ""  # what a positive score supports, e.g. "Ukraine keeps all of its territory"


@dataclass(frozen=True)
class Stance(Tagged):
    party: str = ""
    issue: str = ""
    score: int = 0  # -2 strongly opposes the proposition .. +2 strongly supports it
    basis: str = "stated"
    summary: str = ""
    source: str = ""
    credibility: int | None = None  # Admiralty 1-6 of this report (standards.CREDIBILITY)


@dataclass(frozen=True)
class Position:
    party: str
    position: str  # one of POSITIONS


Credibility = tuple  # ((source id, 1-6), ...): the credibility of each cited source that has one


@dataclass(frozen=True)
class Indicator:
    """A signpost: what would show an outcome coming, and whether it has been seen."""

    text: str
    status: str = "unknown"  # one of standards.INDICATOR_STATUSES
    date: _dt.date | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome(Tagged):
    id: str = ""
    title: str = ""
    likelihood: str = "medium"  # the band of LIKELIHOODS that colours and badges use, whatever the scale
    likelihood_term: str = ""  # the term of the briefing's likelihood scale ("roughly even chance"); "" = band
    likelihood_basis: str = "judgement"
    likelihood_note: str | None = None  # why the analyst judged it so
    summary: str = ""
    conditions: tuple[str, ...] = ()
    obstacles: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    sources: tuple[str, ...] = ()
    confidence: str | None = None  # standards.CONFIDENCE; never merged into the likelihood
    confidence_note: str | None = None
    indicators: tuple[Indicator, ...] = ()
    credibility: Credibility = ()
    figure: str | None = None  # id of a Figure shown with the outcome

    @property
    def term(self) -> str:
        return self.likelihood_term or self.likelihood

    def position_of(self, party_id: str) -> str:
        for p in self.positions:
            if p.party == party_id:
                return p.position
        return "unknown"


@dataclass(frozen=True)
class Reaction(Tagged):
    party: str = ""
    tone: str = "neutral"
    text: str = ""
    source: str = ""
    credibility: int | None = None


@dataclass(frozen=True)
class Point(Tagged):
    """One bullet: a bottom-line item or a next step."""

    text: str = ""
    sources: tuple[str, ...] = ()
    credibility: Credibility = ()


@dataclass(frozen=True)
class KeyJudgment(Tagged):
    """A key judgment: the assessment's headline, with its confidence kept apart from any likelihood."""

    text: str = ""
    confidence: str = "moderate"
    confidence_note: str | None = None
    likelihood: str | None = None  # a term of the briefing's scale, when the judgment is a forecast
    sources: tuple[str, ...] = ()
    credibility: Credibility = ()


# Where a section goes (docs/content-format.md, "Where sections go"): which editions show it, how the
# deck shows it, and after which fixed part of the briefing.
SECTION_SHOW_IN = ("both", "memo", "deck")  # "memo": the PDF memo, the Word memo and the web page
SECTION_DECK = ("context", "slide")  # a bullet on the Context slide, or a slide of its own
SECTION_AFTER = ("start", "key_judgments", "summary", "changes", "stances", "outcomes", "reactions", "next_steps")


@dataclass(frozen=True)
class Section(Tagged):
    id: str = ""
    title: str = ""
    paragraphs: tuple[str, ...] = ()  # each may hold *italic* and **bold**
    sources: tuple[str, ...] = ()
    credibility: Credibility = ()
    show_in: str = "both"  # one of SECTION_SHOW_IN
    deck: str = "context"  # one of SECTION_DECK
    after: str | None = None  # one of SECTION_AFTER; None: where sections always went (present.placement)
    brief: bool = False  # also in the brief editions (which otherwise leave sections out)
    figure: str | None = None  # id of a Figure shown after the section's text


@dataclass(frozen=True)
class FigureImage:
    """The checked bytes of a figure's file (content/figures.py): PNG or JPEG, decoded once to prove it
    whole. Renderers embed ``data`` as is; ``digest`` names it, so an image used twice is embedded once."""

    kind: str  # "png" | "jpeg"
    data: bytes = field(repr=False)
    width_px: int
    height_px: int
    digest: str  # sha256 of data, hex
    path: str = field(default="", compare=False)  # the file read (for watch), not part of the content


@dataclass(frozen=True)
class Figure(Tagged):
    """An image with its caption, alt text and source, placed where a section or outcome names it,
    else on its own (present/figures.py)."""

    id: str = ""
    file: str = ""  # as written in the content file, relative to its folder
    caption: str = ""
    alt: str = ""
    source: str | None = None
    date: _dt.date | None = None
    credit: str = ""
    width: int | None = None  # percent of the text column; None = the whole column
    # The file's checked bytes; None for a version read without its folder (git:). Not part of equality:
    # two readings of one content file are equal whether or not they read the image.
    image: FigureImage | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Signoff(Tagged):
    """One line of the clearance block: who drafted or cleared the briefing, their office, when."""

    role: str = "drafted"  # one of SIGNOFF_ROLES
    name: str = ""
    office: str = ""
    date: _dt.date | None = None


SIGNOFF_ROLES = ("drafted", "cleared")


@dataclass(frozen=True)
class Briefing:
    meta: Meta
    summary: tuple[Point, ...]
    parties: tuple[Party, ...]
    issues: tuple[Issue, ...]
    stances: tuple[Stance, ...]
    outcomes: tuple[Outcome, ...]
    reactions: tuple[Reaction, ...]
    sections: tuple[Section, ...]
    next_steps: tuple[Point, ...]
    sources: tuple[Source, ...]
    audiences: Mapping[str, Mapping] = field(default_factory=dict)  # user-defined audience profiles
    # where the text came from (content.locate.Origin), for warnings that point at file:line:col
    origin: object | None = field(default=None, compare=False, repr=False)
    key_judgments: tuple[KeyJudgment, ...] = ()
    clearance: tuple[Signoff, ...] = ()  # drafted_by then cleared_by, each in content order
    figures: tuple[Figure, ...] = ()
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        idx = self._index
        idx["party"] = {p.id: p for p in self.parties}
        idx["issue"] = {i.id: i for i in self.issues}
        idx["source"] = {s.id: s for s in self.sources}
        idx["outcome"] = {o.id: o for o in self.outcomes}
        idx["figure"] = {f.id: f for f in self.figures}
        idx["stance"] = {(s.party, s.issue): s for s in self.stances}
        idx["source_number"] = {s.id: n for n, s in enumerate(self.sources, start=1)}

    # Lookups the renderers need; all O(1).
    def party(self, party_id: str) -> Party:
        return self._index["party"][party_id]

    def issue(self, issue_id: str) -> Issue:
        return self._index["issue"][issue_id]

    def source(self, source_id: str) -> Source:
        return self._index["source"][source_id]

    def outcome(self, outcome_id: str) -> Outcome:
        return self._index["outcome"][outcome_id]

    def figure(self, figure_id: str | None) -> Figure | None:
        """The figure of that id in this edition, or None (no id, or withheld)."""
        return self._index["figure"].get(figure_id) if figure_id else None

    def stance(self, party_id: str, issue_id: str) -> Stance | None:
        """The stance of a party on an issue, or None where the content gives none."""
        return self._index["stance"].get((party_id, issue_id))

    def source_number(self, source_id: str) -> int:
        """The endnote number of a source: its 1-based position in ``sources``."""
        return self._index["source_number"][source_id]

    def citation_grade(self, source_id: str, credibility: int | None = None) -> str:
        """The Admiralty grade of citing ``source_id`` ("B2", "B", "2" or "")."""
        return f"{self.source(source_id).reliability or ''}{credibility or ''}"
