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
_SHAPES = frozenset(qn(t) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart"))
_SP, _GRP, _FRAME, _TXBODY = qn("p:sp"), qn("p:grpSp"), qn("p:graphicFrame"), qn("p:txBody")
_P, _R, _T, _RPR, _PPR, _BR, _FLD = (qn(t) for t in ("a:p", "a:r", "a:t", "a:rPr", "a:pPr", "a:br", "a:fld"))
_BODYPR, _SPCBEF, _SPCPTS = qn("a:bodyPr"), qn("a:spcBef"), qn("a:spcPts")
_TBL_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
_INSETS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))  # python-pptx's defaults
_CELL_MARGINS = (("marL", 91440), ("marR", 91440), ("marT", 45720), ("marB", 45720))


def _pt(centipoints: str) -> float:
    return int(int(centipoints) * 127) / EMU_PER_PT  # as pptx.util.Centipoints(...).pt computes it


def _bool(value: str | None) -> bool:
    return value in ("1", "true")


def _paras(txBody) -> list[fit.Para]:
    out = []
    for p in txBody.iterchildren(_P):
        runs = list(p.iterchildren(_R))
        rprs = [r.find(_RPR) for r in runs]
        sizes = [_pt(rpr.get("sz")) for rpr in rprs if rpr is not None and rpr.get("sz") is not None]
        size = max(sizes) if sizes else DEFAULT_SIZE
        bold = any(rpr is not None and _bool(rpr.get("b")) for rpr in rprs)
        pPr = p.find(_PPR)
        indent = int(pPr.get("marL", "0")) / EMU_PER_PT if pPr is not None else 0.0
        spc = pPr.find(_SPCBEF) if pPr is not None else None
        pts = spc.find(_SPCPTS) if spc is not None else None
        before = _pt(pts.get("val")) if pts is not None else 0.0
        out.append(fit.Para("".join(_run_text(r) for r in runs), size, bold, indent, before))
    return out


def _run_text(r) -> str:
    t = r.find(_T)
    return (t.text or "") if t is not None else ""


def _text(txBody) -> str:
    """``TextFrame.text``: paragraphs joined by newlines; runs, fields and line breaks (vertical tab)."""
    lines = []
    for p in txBody.iterchildren(_P):
        parts = []
        for child in p.iterchildren(_R, _BR, _FLD):
            parts.append("\v" if child.tag == _BR else _run_text(child))
        lines.append("".join(parts))
    return "\n".join(lines)


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
    xfrm = getattr(el, "xfrm", None)
    off = xfrm.find(qn("a:off")) if xfrm is not None else None
    ext = xfrm.find(qn("a:ext")) if xfrm is not None else None
    if off is None or ext is None:
        shape = proxy(el)
        return shape.left, shape.top, shape.width, shape.height
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def _txBody(el):
    """``shape.text_frame`` of a ``p:sp``: like python-pptx, this adds an empty text body to a shape
    without one (the saved deck has always carried them; outputs stay byte-identical)."""
    return el.get_or_add_txBody()


def _is_title(el) -> bool:
    """A placeholder with index 0 (``placeholder_format.idx == 0``)."""
    nvPr = el[0].find(qn("p:nvPr"))
    ph = nvPr.find(qn("p:ph")) if nvPr is not None else None
    return ph is not None and int(ph.get("idx", "0")) == 0


CHROME = ("Classification (top)", "Classification (bottom)", "Footer", "Slide number")
FOOTER_ZONE = ("Source line",)  # planned into the footer zone on purpose (deck/slides/source_line.py)


def _past_the_body(n: int, slide, right: int, proxy) -> list[Overflow]:
    """Shapes running into the footer or bottom banner (a table with too many rows: its cells fit,
    the table does not) or off the slide's right edge."""
    tree = slide.shapes._spTree
    shapes = list(_shapes(tree))
    floor = min((_box(el, proxy)[1] for el in shapes if _name(el) in ("Footer", "Classification (bottom)")), default=None)
    if floor is None:
        return []
    out = []
    for el in shapes:
        name = _name(el)
        if name in CHROME or name in FOOTER_ZONE or _is_title(el):
            continue
        left, top, width, height = _box(el, proxy)
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
        found += _past_the_body(n, slide, right, proxy)
        for el in _walk(slide.shapes._spTree):
            if el.tag == _SP:
                body = _txBody(el)
                text = _text(body)
                if text.strip():
                    _, _, width, height = _box(el, proxy)
                    w, h = _inner(width, height, body.find(_BODYPR), _INSETS)
                    need = fit.height(_paras(body), w)
                    if need > h + 0.01:
                        found.append(Overflow(n, _name(el), need, h, text))
            tbl = _table(el)
            if tbl is not None:
                widths = [int(col.get("w")) for col in tbl.find(qn("a:tblGrid")).iterchildren(qn("a:gridCol"))]
                for r, tr in enumerate(tbl.iterchildren(qn("a:tr"))):
                    for c, tc in enumerate(tr.iterchildren(qn("a:tc"))):
                        body = tc.get_or_add_txBody()
                        text = _text(body)
                        if not text.strip():
                            continue
                        w, h = _inner(widths[c], int(tr.get("h")), tc.find(qn("a:tcPr")), _CELL_MARGINS)
                        need = fit.height(_paras(body), w)
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
