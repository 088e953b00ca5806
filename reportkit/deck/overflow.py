"""Reopen a .pptx and report every text box whose text does not fit, measured with the same font
metrics the planner uses (python-pptx never shrinks text, so this is the only guard).

    python3 -m reportkit.deck.overflow deck.pptx   # one line per overflowing box; exit 1 if any
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from . import fit

EMU_PER_PT = 12700
DEFAULT_SIZE = 18.0  # PowerPoint's size when nothing sets one


@dataclass(frozen=True)
class Overflow:
    slide: int  # 1-based
    shape: str
    needed: float  # points
    available: float  # points
    text: str

    def __str__(self) -> str:
        return (f"slide {self.slide}: {self.shape!r} needs {self.needed:.1f} pt, has {self.available:.1f} pt: "
                f"{self.text[:60]!r}")


def _paras(text_frame) -> list[fit.Para]:
    out = []
    for p in text_frame.paragraphs:
        sizes = [r.font.size.pt for r in p.runs if r.font.size is not None]
        size = max(sizes) if sizes else DEFAULT_SIZE
        bold = any(r.font.bold for r in p.runs)
        pPr = p._p.pPr
        indent = int(pPr.get("marL", "0")) / EMU_PER_PT if pPr is not None else 0.0
        before = p.space_before.pt if p.space_before is not None else 0.0
        out.append(fit.Para("".join(r.text for r in p.runs), size, bold, indent, before))
    return out


def _inner(width, height, holder) -> tuple[float, float]:
    w = (width - holder.margin_left - holder.margin_right) / EMU_PER_PT
    h = (height - holder.margin_top - holder.margin_bottom) / EMU_PER_PT
    return w, h


def _walk(shapes):
    """Every shape, those inside groups too (the dot plot is one group of text boxes and dots)."""
    for shape in shapes:
        if shape.shape_type == 6:  # MSO_SHAPE_TYPE.GROUP
            yield from _walk(shape.shapes)
        else:
            yield shape


CHROME = ("Classification (top)", "Classification (bottom)", "Footer", "Slide number")


def _past_the_body(n: int, slide) -> list[Overflow]:
    """Shapes running into the footer or bottom banner (a table with too many rows: its cells fit,
    the table does not) or off the slide's right edge."""
    floor = min((s.top for s in slide.shapes if s.name in ("Footer", "Classification (bottom)")), default=None)
    if floor is None:
        return []
    right = slide.part.package.presentation_part.presentation.slide_width
    out = []
    for shape in slide.shapes:
        if shape.name in CHROME or shape.is_placeholder and shape.placeholder_format.idx == 0:
            continue
        bottom = shape.top + shape.height
        if bottom > floor + EMU_PER_PT // 2 or shape.left + shape.width > right + EMU_PER_PT // 2:
            text = shape.text_frame.text if shape.has_text_frame else shape.name
            out.append(Overflow(n, shape.name, bottom / EMU_PER_PT, floor / EMU_PER_PT, f"past the body: {text}"))
    return out


def check_presentation(prs) -> list[Overflow]:
    found = []
    for n, slide in enumerate(prs.slides, 1):
        found += _past_the_body(n, slide)
        for shape in _walk(slide.shapes):
            if shape.has_text_frame and shape.text_frame.text.strip():
                tf = shape.text_frame
                w, h = _inner(shape.width, shape.height, tf)
                need = fit.height(_paras(tf), w)
                if need > h + 0.01:
                    found.append(Overflow(n, shape.name, need, h, tf.text))
            if getattr(shape, "has_table", False) and shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        if not cell.text_frame.text.strip():
                            continue
                        w, h = _inner(table.columns[c].width, row.height, cell)
                        need = fit.height(_paras(cell.text_frame), w)
                        if need > h + 0.01:
                            found.append(Overflow(n, f"{shape.name} cell {r},{c}", need, h, cell.text_frame.text))
    return found


def check(path_or_file) -> list[Overflow]:
    """Every overflowing text box and table cell of a deck file; empty when everything fits."""
    from pptx import Presentation

    return check_presentation(Presentation(path_or_file))


def main(argv=None) -> int:
    problems = [o for path in (argv if argv is not None else sys.argv[1:]) for o in check(path)]
    for o in problems:
        print(o)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
