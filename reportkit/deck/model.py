"""The deck plan: what goes on which slide, where, at what size. Plain data; no python-pptx.

Positions and sizes are in points on a 960 x 540 pt (13.333 x 7.5 in, 16:9) slide.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..present.chart_data import DivergingChart

SLIDE_W, SLIDE_H = 960.0, 540.0
INSET = 3.6  # text frame inset on every side, points (set explicitly by the emitter)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def inner_w(self) -> float:
        return self.w - 2 * INSET

    @property
    def inner_h(self) -> float:
        return self.h - 2 * INSET


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    color: str | None = None  # "#RRGGBB"; None = the text's colour


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    size: float
    bullet: str | None = None  # "•", "1." ... drawn with a hanging indent
    indent: float = 0.0  # hanging indent in points when bulleted
    space_before: float = 0.0
    align: str = "left"  # left | center | right
    color: str | None = None
    # a right-to-left paragraph (scripts.is_rtl_paragraph) is laid out right to left and a left-aligned
    # one moves to the right edge; False keeps it where the layout put it (the footer, left of the source line)
    mirror: bool = True

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def bold(self) -> bool:
        """Measured as bold when any run is: bold is wider, so the estimate errs on the safe side."""
        return any(r.bold for r in self.runs)


@dataclass(frozen=True)
class Text:
    box: Box
    paragraphs: tuple[Paragraph, ...]
    name: str = "Text"
    fill: str | None = None
    anchor: str = "top"  # top | middle | bottom


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: str
    line: str | None = None
    name: str = "Shape"
    oval: bool = False  # an ellipse in the same box (a dot)
    line_width: float = 0.75  # points, when ``line`` is set


@dataclass(frozen=True)
class TableCell:
    text: str
    size: float
    fill: str | None = None
    color: str | None = None
    bold: bool = False
    align: str = "left"


@dataclass(frozen=True)
class Table:
    box: Box
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    rows: tuple[tuple[TableCell, ...], ...]  # first row is the header
    alt_text: str
    name: str = "Table"


@dataclass(frozen=True)
class Chart:
    box: Box
    chart: DivergingChart
    series_colors: tuple[str, ...]  # one per entry of chart.series_by_score
    label_colors: tuple[str, ...]  # data label text on each series' bars, chosen for contrast
    alt_text: str
    font_size: float = 14
    name: str = "Chart"
    previous: tuple[int | None, ...] = ()  # per bar, the older score where it moved (build --since)
    previous_name: str = "Previous"  # the previous series' name (legend and workbook)
    previous_color: str = "#000000"  # its outline colour
    inferred_name: str = ""  # legend entry for inferred scores (dashed outline, † in the label); "" = none inferred
    inferred_color: str = "#000000"  # the dashed outline of an inferred score's bar


@dataclass(frozen=True)
class StanceStrip:
    """Data for the "divides at a glance" picture: per issue, the parties at each score.

    ``rows``: (issue name, ((score, (party label, ...)), ...)), labels already marked if inferred.
    """

    rows: tuple
    colors: tuple[str, ...]  # stance scale, -2 .. +2
    text: str
    muted: str
    rule: str


@dataclass(frozen=True)
class Group:
    """Shapes the planner placed as one figure, drawn as one group with one alt text: the "divides at
    a glance" dot plot drawn natively (``data`` is what it shows, for tests and the alt text)."""

    box: Box
    shapes: tuple  # Text and Rect, in slide coordinates
    alt_text: str
    data: StanceStrip | None = None
    name: str = "Group"


@dataclass(frozen=True)
class Picture:
    """A raster picture drawn with matplotlib where PowerPoint has no native equivalent."""

    box: Box
    data: StanceStrip
    alt_text: str
    name: str = "Picture"


@dataclass(frozen=True)
class Image:
    """A picture file drawn as it is (the theme's logo), or its bytes (``data``: a figure's checked image)."""

    box: Box
    path: str
    alt_text: str
    name: str = "Image"
    data: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Slide:
    kind: str  # title | agenda | text | table | chart | outcome ... ; the theme maps kinds to layouts
    layout: str  # layout role: "title" or "content"
    title: str
    title_box: Box
    title_size: float
    shapes: tuple = ()
    notes: str | None = None
    cites: tuple[str, ...] = ()  # ids of the sources of the facts it shows: its source line (sources_line)


@dataclass(frozen=True)
class Chrome:
    """What is drawn on every slide: classification banners, footer, slide number."""

    classification: str
    footer: str
    banner_fill: str
    banner_text: str
    muted: str
    font: str
    classification_size: float = 10
    footer_size: float = 9


@dataclass(frozen=True)
class DeckPlan:
    slides: tuple[Slide, ...]
    chrome: Chrome
    title: str
    author: str
    subject: str
    language: str
    date: object  # datetime.date of the briefing: the fixed date in the file's metadata
    warnings: tuple[str, ...] = field(default=())
