"""Reopen a .pptx and report every text box whose text does not fit, measured with the same font
metrics the planner uses (python-pptx never shrinks text, so this is the only guard).

    python3 -m reportkit.deck.overflow deck.pptx   # one line per overflowing box; exit 1 if any
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from pptx.oxml.ns import qn

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


# The check reads the slide XML with lxml directly: python-pptx's shape, text-frame and run proxies
# made it a third of a warm deck render (0.15 s of 0.43 s for the reference). It reads exactly what
# those proxies would (tests/batch/test_overflow_fast.py compares both on every test deck).
_SHAPES = frozenset(str(qn(t)) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart"))
_SP, _GRP, _FRAME, _TXBODY = (str(qn(t)) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:txBody"))
_P, _R, _T, _RPR, _PPR, _BR, _FLD = (str(qn(t)) for t in ("a:p", "a:r", "a:t", "a:rPr", "a:pPr", "a:br", "a:fld"))
_BODYPR, _SPCBEF, _SPCPTS, _XFRM, _OFF, _EXT = (str(qn(t)) for t in ("a:bodyPr", "a:spcBef", "a:spcPts", "a:xfrm",
                                                                    "a:off", "a:ext"))
# Where each shape keeps its a:xfrm (python-pptx's ``xfrm`` properties: spPr, grpSpPr, its own p:xfrm).
_XFRM_PATHS = {str(qn(shape)): tuple(str(qn(t)) for t in path) for shape, path in (
    ("p:sp", ("p:spPr", "a:xfrm")), ("p:cxnSp", ("p:spPr", "a:xfrm")), ("p:pic", ("p:spPr", "a:xfrm")),
    ("p:grpSp", ("p:grpSpPr", "a:xfrm")), ("p:graphicFrame", ("p:xfrm",)))}
_TBL_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
_INSETS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))  # python-pptx's defaults
_CELL_MARGINS = (("marL", 91440), ("marR", 91440), ("marT", 45720), ("marB", 45720))


def _pt(centipoints: str) -> float:
    return int(int(centipoints) * 127) / EMU_PER_PT  # as pptx.util.Centipoints(...).pt computes it


def _bool(value: str | None) -> bool:
    return value in ("1", "true")


def _read(txBody) -> tuple[str, tuple]:
    """``TextFrame.text`` (paragraphs joined by newlines; runs, fields and line breaks as a vertical
    tab) and the paragraphs to measure, as ``fit.Para`` fields (text of the runs, largest run size,
    any run bold, left margin, space before), read in one pass over the body's elements: the
    ``a:rPr`` and ``a:t`` of a run (``a:r``) count for both, a field's (``a:fld``) text only for the
    first, a line break's (``a:br``) only as its tab."""
    lines, paras = [], []
    for p in txBody.iterchildren(_P):
        parts, runs, size, bold = [], [], None, False
        indent = before = 0.0
        owner = None  # the a:r, a:fld or a:br whose children come next; its first a:t is its text
        for el in p.iter(_PPR, _R, _FLD, _BR, _RPR, _T):
            tag = el.tag
            if tag == _T:
                if owner is _R or owner is _FLD:
                    parts.append(el.text or "")
                    if owner is _R:
                        runs.append(el.text or "")
                    owner = None
            elif tag == _RPR:
                if owner is _R:
                    sz = el.get("sz")
                    if sz is not None:
                        pt = _pt(sz)
                        size = pt if size is None or pt > size else size
                    bold = bold or _bool(el.get("b"))
            elif tag == _PPR:
                indent = int(el.get("marL", "0")) / EMU_PER_PT
                spc = el.find(_SPCBEF)
                pts = spc.find(_SPCPTS) if spc is not None else None
                before = _pt(pts.get("val")) if pts is not None else 0.0
            else:
                owner = _R if tag == _R else _FLD if tag == _FLD else None
                if owner is None:
                    parts.append("\v")
        lines.append("".join(parts))
        paras.append(("".join(runs), DEFAULT_SIZE if size is None else size, bold, indent, before))
    return "\n".join(lines), tuple(paras)


_HEIGHTS: dict = {}  # (paragraphs, width) -> points: chrome, labels and cells repeat on every slide
_HEIGHTS_MAX = 20_000  # a batch worker's cache stays bounded


def _height(paras: tuple, width: float) -> float:
    """``fit.height`` of the paragraphs read from the XML, each distinct (paragraphs, width) measured
    once per process (a pure function of them)."""
    key = (paras, width)
    need = _HEIGHTS.get(key)
    if need is None:
        if len(_HEIGHTS) >= _HEIGHTS_MAX:
            _HEIGHTS.clear()
        need = _HEIGHTS[key] = fit.height([fit.Para(*p) for p in paras], width)
    return need


def _text(txBody) -> str:
    """``TextFrame.text``: paragraphs joined by newlines; runs, fields and line breaks (vertical tab)."""
    return _read(txBody)[0]


def _inner(width, height, holder, names) -> tuple[float, float]:
    left, right, top, bottom = (int(holder.get(k, d)) if holder is not None else d for k, d in names)
    return (width - left - right) / EMU_PER_PT, (height - top - bottom) / EMU_PER_PT


def _shapes(tree):
    return (el for el in tree.iterchildren() if el.tag in _SHAPES)


def _walk(tree):
    """Every shape, those inside groups too (the dot plot is one group of text boxes and dots)."""
    for el in _shapes(tree):
        if el.tag == _GRP:
            yield from _walk(el)
        else:
            yield el


def _name(el) -> str:
    return el[0][0].get("name")  # nv*Pr/cNvPr, the first child of every shape element


def _box(el, proxy) -> tuple[int, int, int, int]:
    """(left, top, width, height) in EMU; a placeholder without its own position inherits it from
    its layout, so that rare case goes through python-pptx."""
    xfrm = el
    for tag in _XFRM_PATHS.get(el.tag, ("none",)):
        xfrm = xfrm.find(tag)
        if xfrm is None:
            break
    off = xfrm.find(_OFF) if xfrm is not None else None
    ext = xfrm.find(_EXT) if xfrm is not None else None
    if off is None or ext is None:
        shape = proxy(el)
        return shape.left, shape.top, shape.width, shape.height
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def _txBody(el):
    """``shape.text_frame`` of a ``p:sp``: like python-pptx, this adds an empty text body to a shape
    without one (the saved deck has always carried them; outputs stay byte-identical)."""
    body = el.find(_TXBODY)
    return body if body is not None else el.get_or_add_txBody()


def _is_title(el) -> bool:
    """A placeholder with index 0 (``placeholder_format.idx == 0``)."""
    nvPr = el[0].find(qn("p:nvPr"))
    ph = nvPr.find(qn("p:ph")) if nvPr is not None else None
    return ph is not None and int(ph.get("idx", "0")) == 0


CHROME = ("Classification (top)", "Classification (bottom)", "Footer", "Slide number")
FOOTER_ZONE = ("Source line",)  # planned into the footer zone on purpose (deck/slides/source_line.py)


def _past_the_body(n: int, shapes, boxes: dict, right: int) -> list[Overflow]:
    """Shapes running into the footer or bottom banner (a table with too many rows: its cells fit,
    the table does not) or off the slide's right edge. ``shapes``: the slide's top-level shapes,
    ``boxes``: their positions (``_box``)."""
    floor = min((boxes[el][1] for el in shapes if _name(el) in ("Footer", "Classification (bottom)")), default=None)
    if floor is None:
        return []
    out = []
    for el in shapes:
        name = _name(el)
        if name in CHROME or name in FOOTER_ZONE or _is_title(el):
            continue
        left, top, width, height = boxes[el]
        bottom = top + height
        if bottom > floor + EMU_PER_PT // 2 or left + width > right + EMU_PER_PT // 2:
            text = _text(_txBody(el)) if el.tag == _SP else name
            out.append(Overflow(n, name, bottom / EMU_PER_PT, floor / EMU_PER_PT, f"past the body: {text}"))
    return out


def _table(el):
    data = el.find(qn("a:graphic")).find(qn("a:graphicData")) if el.tag == _FRAME else None
    return data.find(qn("a:tbl")) if data is not None and data.get("uri") == _TBL_URI else None


def check_presentation(prs) -> list[Overflow]:
    from pptx.shapes.shapetree import SlideShapeFactory

    found = []
    right = prs.slide_width
    for n, slide in enumerate(prs.slides, 1):
        proxy = lambda el, slide=slide: SlideShapeFactory(el, slide.shapes)  # noqa: E731 - the rare fallback
        tree = slide.shapes._spTree
        shapes = list(_shapes(tree))
        boxes = {el: _box(el, proxy) for el in shapes}  # the same element objects while ``shapes`` holds them
        found += _past_the_body(n, shapes, boxes, right)
        for el in _walk(tree):
            if el.tag == _SP:
                body = _txBody(el)
                text, paras = _read(body)
                if text.strip():
                    _, _, width, height = boxes[el] if el in boxes else _box(el, proxy)
                    w, h = _inner(width, height, body.find(_BODYPR), _INSETS)
                    need = _height(paras, w)
                    if need > h + 0.01:
                        found.append(Overflow(n, _name(el), need, h, text))
            tbl = _table(el)
            if tbl is not None:
                widths = [int(col.get("w")) for col in tbl.find(qn("a:tblGrid")).iterchildren(qn("a:gridCol"))]
                for r, tr in enumerate(tbl.iterchildren(qn("a:tr"))):
                    for c, tc in enumerate(tr.iterchildren(qn("a:tc"))):
                        body = tc.get_or_add_txBody()
                        text, paras = _read(body)
                        if not text.strip():
                            continue
                        w, h = _inner(widths[c], int(tr.get("h")), tc.find(qn("a:tcPr")), _CELL_MARGINS)
                        need = _height(paras, w)
                        if need > h + 0.01:
                            found.append(Overflow(n, f"{_name(el)} cell {r},{c}", need, h, text))
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
