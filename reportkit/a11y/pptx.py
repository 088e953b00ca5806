"""Accessibility checks of a PowerPoint deck, reopened with python-pptx: problems as data.

The PowerPoint accessibility checklist, as far as a file can show it: every slide has a title in its
title placeholder and no two slides share one; the title comes first in the shape tree (the reading
order); pictures, charts, tables and groups carry alt text (``descr``) unless marked decorative;
tables flag their header row; every text run carries its language; text contrasts with what is
behind it (its shape's or cell's fill, else the slide background) by at least 4.5:1, chart data
labels with their bars too.
"""
from __future__ import annotations

from io import BytesIO

from ..present.colours import AA_NORMAL as MIN_RATIO
from ..present.colours import contrast as ratio
from .findings import Finding

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"a": A, "p": P, "c": C}
SHAPES = {f"{{{P}}}{t}" for t in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")}


def _srgb(el, path: str) -> str | None:
    found = el.find(path, NS) if el is not None else None
    return "#" + found.get("val") if found is not None and found.get("val") else None


def _decorative(shape_el) -> bool:
    return bool(shape_el.xpath(".//*[local-name()='decorative' and @val='1']"))


def _cnvpr(shape_el):
    nv = shape_el[0] if len(shape_el) else None  # nvSpPr, nvPicPr, nvGraphicFramePr, nvGrpSpPr …
    return nv.find("p:cNvPr", NS) if nv is not None else None


def _background(slide) -> str:
    for part in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        color = _srgb(part._element, "p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr")
        if color:
            return color
    return "#FFFFFF"


def _plain(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{{{A}}}t"))


def check_pptx(data: bytes, name: str = "deck.pptx") -> list[Finding]:
    from pptx import Presentation

    prs = Presentation(BytesIO(data))
    out: list[Finding] = []
    seen: dict[str, int] = {}
    for n, slide in enumerate(prs.slides, 1):
        where = f"{name}:slide {n}"

        def add(message: str, where=where) -> None:
            out.append(Finding(where, message))

        title = slide.shapes.title
        text = title.text_frame.text.strip() if title is not None and title.has_text_frame else ""
        if not text:
            add("no title in a title placeholder (the slide is nameless in the outline and to screen readers)")
        else:
            key = " ".join(text.split()).casefold()
            if key in seen:
                add(f"the same title as slide {seen[key]}: {text!r}")
            else:
                seen[key] = n
        tree = slide.shapes._spTree
        order = [el for el in tree if el.tag in SHAPES and not _decorative(el)]
        if title is not None and order and order[0] is not title._element:
            add(f"the title is not first in the reading order (first: {_cnvpr(order[0]).get('name')!r})")
        background = _background(slide)
        for el in tree.iter(*SHAPES):
            pr = _cnvpr(el)
            label = repr(pr.get("name")) if pr is not None else "a shape"
            needs_alt = el.tag.endswith("}pic") or el.tag.endswith("}grpSp") or (
                el.tag.endswith("}graphicFrame") and el.find(".//c:chart", NS) is not None)
            if needs_alt and not _decorative(el) and not (pr is not None and (pr.get("descr") or "").strip()):
                add(f"{label} has no alt text")
            for tbl in el.iter(f"{{{A}}}tbl"):
                tbl_pr = tbl.find("a:tblPr", NS)
                if tbl_pr is None or tbl_pr.get("firstRow") not in ("1", "true"):
                    add(f"table {label} does not flag its header row")
        for r_pr in tree.iter(f"{{{A}}}rPr"):
            if not r_pr.get("lang"):
                add("text without a language (a:rPr lang)")
                break
        out += [Finding(where, m) for m in _contrast(tree, background)]
        for frame in slide.shapes:
            if getattr(frame, "has_chart", False) and frame.has_chart:
                out += [Finding(where, m) for m in _chart_contrast(frame, background)]
    return out


def _contrast(tree, background: str) -> list[str]:
    problems = []
    for body in tree.iter(f"{{{P}}}txBody", f"{{{A}}}txBody"):
        holder = body.getparent()
        if holder.tag == f"{{{A}}}tc":
            fill = _srgb(holder, "a:tcPr/a:solidFill/a:srgbClr")
        else:
            fill = _srgb(holder, "p:spPr/a:solidFill/a:srgbClr")
        fill = fill or background
        for r in body.iter(f"{{{A}}}r"):
            color = _srgb(r, "a:rPr/a:solidFill/a:srgbClr")
            text = (r.findtext("a:t", default="", namespaces=NS) or "").strip()
            if color and any(c.isalnum() for c in text) and ratio(color, fill) < MIN_RATIO:  # "●" is a graphic
                problems.append(f"text {text[:40]!r} in {color} on {fill}: contrast "
                                f"{ratio(color, fill):.1f}:1, below {MIN_RATIO}:1")
    return problems


def _chart_contrast(frame, background: str) -> list[str]:
    problems = []
    space = frame.chart._chartSpace
    for ser in space.iter(f"{{{C}}}ser"):
        fill = _srgb(ser, "c:spPr/a:solidFill/a:srgbClr")
        labels = ser.find("c:dLbls", NS)
        if labels is None or fill is None:
            continue
        shown = labels.find("c:showVal", NS)
        if shown is None or shown.get("val") in ("0", "false"):
            continue
        color = _srgb(labels, "c:txPr//a:solidFill/a:srgbClr")
        values = [v.text for v in ser.iterfind("c:val//c:pt/c:v", NS)]
        if not values:
            continue  # no bars, no labels
        if all(float(v) == 0 for v in values):
            fill = background  # bars of length 0: their labels are drawn on the chart's background
        if color and ratio(color, fill) < MIN_RATIO:
            series = _plain(ser.find("c:tx", NS)) if ser.find("c:tx", NS) is not None else "a series"
            problems.append(f"chart {frame.name!r}: data labels of {series!r} in {color} on {fill}: contrast "
                            f"{ratio(color, fill):.1f}:1, below {MIN_RATIO}:1")
    return problems
