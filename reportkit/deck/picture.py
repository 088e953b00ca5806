"""The one picture in the deck, drawn with matplotlib: a labelled strip of every party's score on
every issue. PowerPoint's native scatter cannot stack several parties' names at one point without
them colliding, so this is a high-resolution PNG (with alt text generated from the same data).

matplotlib is imported only here, and only when the picture is drawn.
"""
from __future__ import annotations

import io
import re
import warnings

from . import fit
from .fit import FONT_DIR
from .model import StanceStrip

NAME_SIZE, LABEL_SIZE, TICK_SIZE = 14, 12.5, 13

DPI = 220
_MISSING = re.compile(r"Glyph (\d+) .*missing from font")  # matplotlib's warning, one per glyph


def render_png(strip: StanceStrip, width_pt: float, height_pt: float) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure  # no pyplot: no global state, faster import
    from matplotlib.font_manager import FontProperties

    from ..model import SCORE_LABELS

    regular = FontProperties(fname=str(FONT_DIR / "Carlito-Regular.ttf"))
    bold = FontProperties(fname=str(FONT_DIR / "Carlito-Bold.ttf"))
    fig = Figure(figsize=(width_pt / 72, height_pt / 72), dpi=DPI)  # 1 pt in the figure = 1 pt on the slide
    FigureCanvasAgg(fig)
    # Issue names sit left of the axes: measure them so none is clipped, wrapping the longest.
    cap = width_pt * 0.28
    names = ["\n".join(fit.wrap(issue, cap, NAME_SIZE, bold=True)) for issue, _ in strip.rows]
    name_w = max(fit.metrics(True).width(line, NAME_SIZE) for n in names for line in n.split("\n"))
    left = (name_w + 40) / width_pt
    ax = fig.add_axes((left, 0.16, 0.985 - left, 0.82))
    n = len(strip.rows)
    for row, (issue, points) in enumerate(strip.rows):
        y = n - 1 - row
        ax.plot([-2, 2], [y, y], color=strip.rule, linewidth=1.2, zorder=1)
        ax.annotate(names[row], (0, y), xycoords=("axes fraction", "data"), xytext=(-12, 0),
                    textcoords="offset points", ha="right", va="center", fontproperties=bold,
                    fontsize=NAME_SIZE, color=strip.text, linespacing=1.0, parse_math=False)
        if not points:
            ax.text(0, y + 0.12, "no stances in the source", ha="center", va="bottom", fontproperties=regular,
                    fontsize=LABEL_SIZE, style="italic", color=strip.muted)
        for score, labels in points:
            ax.scatter([score], [y], s=200, color=strip.colors[score + 2], edgecolors=strip.text,
                       linewidths=0.6, zorder=3)
            lines, line = [], ""
            for label in labels:  # wrap names into lines of about two names
                line = f"{line} · {label}" if line else label
                if fit.metrics().width(line, LABEL_SIZE) > 100:
                    lines.append(line)
                    line = ""
            if line:
                lines.append(line)
            # parse_math=False: content text is never mathtext ("$5bn and $7bn" raised ValueError)
            ax.text(score, y + 0.16, "\n".join(lines), ha="center", va="bottom", fontproperties=regular,
                    fontsize=LABEL_SIZE, color=strip.text, linespacing=1.0, parse_math=False)
    ax.set_xlim(-2.5, 2.5)  # room for a stacked label centred on a ±2 dot
    ax.set_ylim(-0.5, n - 0.2)
    ax.set_yticks([])
    ax.set_xticks(range(-2, 3))
    signed = {-2: "\u22122", -1: "\u22121", 0: "0", 1: "+1", 2: "+2"}
    ax.set_xticklabels([f"{signed[s]}\n{SCORE_LABELS[s]}" for s in range(-2, 3)], fontproperties=regular,
                       fontsize=TICK_SIZE, color=strip.text)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(strip.rule)
    ax.tick_params(axis="x", colors=strip.rule, labelcolor=strip.text)
    out = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:  # one line for all missing glyphs, not one each
        warnings.simplefilter("always")
        fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})  # no version stamp: reproducible
    missing = "".join(sorted({chr(int(m.group(1))) for w in caught if (m := _MISSING.search(str(w.message)))}))
    for w in caught:
        if not _MISSING.search(str(w.message)):
            warnings.warn(w.message, w.category)
    if missing:
        warnings.warn(f"deck: the stance strip's font has no glyph for {missing!r}; drawn as boxes", stacklevel=2)
    return out.getvalue()
