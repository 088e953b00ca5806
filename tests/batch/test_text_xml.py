"""Text boxes and text bodies are written as text and parsed once (``workarounds.pptx.text_box``,
``set_text_body``): the saved XML must be what building them element by element with lxml gave
(``_reference_body`` below, the earlier code, kept as the oracle), for any text: markup characters,
quotes, tabs, newlines, control characters, empty runs, right-to-left and East Asian runs, bullets."""
from __future__ import annotations

import pytest

pytest.importorskip("pptx")
from lxml import etree  # noqa: E402
from pptx import Presentation  # noqa: E402

from reportkit.workarounds import pptx as wa  # noqa: E402

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _solid(parent, rgb):
    etree.SubElement(etree.SubElement(parent, A + "solidFill"), A + "srgbClr", val=rgb)


def _reference_body(body, paragraphs, inset, anchor):
    from reportkit.scripts import DECK_CS_FONT, east_asian_font, has_rtl

    sub = etree.SubElement
    body_pr = body.find(A + "bodyPr")
    for child in list(body_pr):
        body_pr.remove(child)
    body_pr.attrib.clear()
    for k, v in (("wrap", "square"), ("lIns", str(inset)), ("tIns", str(inset)), ("rIns", str(inset)),
                 ("bIns", str(inset)), ("anchor", anchor)):
        body_pr.set(k, v)
    sub(body_pr, A + "noAutofit")
    for old in body.findall(A + "p"):
        body.remove(old)
    for props, runs in paragraphs:
        p = sub(body, A + "p")
        p_pr = sub(p, A + "pPr", algn=props["algn"])
        if props.get("rtl"):
            p_pr.set("rtl", "1")
        bullet = props.get("bullet", False)
        if "marL" in props:
            p_pr.set("marL", str(props["marL"]))
            p_pr.set("indent", str(props["indent"]))
        sub(sub(p_pr, A + "lnSpc"), A + "spcPct", val="100000")
        sub(sub(p_pr, A + "spcBef"), A + "spcPts", val=str(props["before"]))
        sub(sub(p_pr, A + "spcAft"), A + "spcPts", val="0")
        if "marL" in props:
            if bullet is None:
                sub(p_pr, A + "buNone")
            elif bullet.endswith(".") and bullet[:-1].isdigit():
                sub(p_pr, A + "buFontTx")
                sub(p_pr, A + "buAutoNum", type="arabicPeriod", startAt=bullet[:-1])
            else:
                sub(p_pr, A + "buFont", typeface="Arial")
                sub(p_pr, A + "buChar", char=bullet)
        for text, size, bold, italic, color, face in runs:
            r = sub(p, A + "r")
            r_pr = sub(r, A + "rPr", sz=str(size), b="1" if bold else "0", i="1" if italic else "0")
            _solid(r_pr, color)
            sub(r_pr, A + "latin", typeface=face)
            if text and max(text) >= "\u0590":
                if east_asian_font(text):
                    sub(r_pr, A + "ea", typeface=east_asian_font(text))
                if has_rtl(text):
                    sub(r_pr, A + "cs", typeface=DECK_CS_FONT)
            sub(r, A + "t").text = wa.escape_control_chars(text)
    if body.find(A + "p") is None:
        sub(body, A + "p")


def _reference_box(parent, shape_id, name, x, y, w, h, fill, paragraphs, inset, anchor):
    sub = etree.SubElement
    sp = sub(parent, P + "sp")
    nv = sub(sp, P + "nvSpPr")
    sub(nv, P + "cNvPr", id=str(shape_id), name=name)
    sub(nv, P + "cNvSpPr").set("txBox", "1")
    sub(nv, P + "nvPr")
    sp_pr = sub(sp, P + "spPr")
    xfrm = sub(sp_pr, A + "xfrm")
    sub(xfrm, A + "off", x=str(x), y=str(y))
    sub(xfrm, A + "ext", cx=str(w), cy=str(h))
    sub(sub(sp_pr, A + "prstGeom", prst="rect"), A + "avLst")
    if fill:
        _solid(sp_pr, fill)
    else:
        sub(sp_pr, A + "noFill")
    body = sub(sp, P + "txBody")
    sub(body, A + "bodyPr")
    sub(body, A + "lstStyle")
    _reference_body(body, paragraphs, inset, anchor)
    return sp


ODD = ['R&D <x>tag</x> "quoted" \'single\' a > b', "tab\there\nnew line\r\x07bell\x0b", "", " ",
       "ایران +1: مذاکره", "עברית", "中文 和 日本語 かな", "한국어", "emoji \U0001F600 and \u200e mark", "]]> &amp;"]


def _paragraphs():
    out = []
    for i, text in enumerate(ODD):
        props = {"algn": ("l", "ctr", "r")[i % 3], "before": i * 100}
        if i % 4 == 1:
            props["rtl"] = True
        if i % 3 == 0:
            props.update(marL=228600, indent=-228600, bullet=("\u2022", "3.", None, '"&<')[i // 3 % 4])
        runs = [(text, 1400 + i, i % 2 == 0, i % 3 == 0, "1F2937", "Calibri"),
                ("lead: ", 1200, True, False, "ABCDEF", 'Face "&<\t\n')]
        out.append((props, runs))
    return out


def _slide_xml(build) -> bytes:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    build(slide.shapes._spTree)
    return slide.part.blob


@pytest.mark.parametrize("paragraphs", [_paragraphs(), [], [({"algn": "l", "before": 0}, [])]],
                         ids=["odd-texts", "none", "no-runs"])
@pytest.mark.parametrize("fill", [None, "0A0B0C"])
def test_text_box_as_text_gives_the_element_by_element_xml(paragraphs, fill):
    args = (7, 'Name & "more" <x>', 12700, 25400, 38100, 50800, fill, paragraphs, 45720, "ctr")
    assert _slide_xml(lambda tree: wa.text_box(tree, *args)) == _slide_xml(lambda tree: _reference_box(tree, *args))


def test_set_text_body_as_text_gives_the_element_by_element_xml():
    def fill(tree, setter):
        sp = _reference_box(tree, 2, "Old", 0, 0, 1, 1, None, [({"algn": "l", "before": 0}, [("old", 1000, False, False,
                                                                                            "000000", "Calibri")])], 0, "t")
        setter(sp.find(P + "txBody"), _paragraphs(), 91440, "b")

    assert _slide_xml(lambda tree: fill(tree, wa.set_text_body)) == _slide_xml(lambda tree: fill(tree, _reference_body))


def test_notes_as_text_give_the_element_by_element_xml():
    notes = "\n".join(ODD + ["", "last line"])

    def reference(slide, text):
        body = slide.notes_slide.notes_text_frame._txBody
        for old in body.findall(A + "p"):
            body.remove(old)
        for line in text.split("\n"):
            p = etree.SubElement(body, A + "p")
            if line:
                etree.SubElement(etree.SubElement(p, A + "r"), A + "t").text = wa.escape_control_chars(line)

    def notes_xml(setter) -> bytes:
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        setter(slide, notes)
        return slide.notes_slide.part.blob

    assert notes_xml(wa.set_notes_text) == notes_xml(reference)


def _reference_table(tree, shapes, shape_id, name, alt_text, x, y, cx, cy, col_widths, row_heights, rows, inset,
                     anchor, rule, rule_w, margin_x, margin_y):
    """The earlier table: python-pptx's ``add_table``, sizes and cells set element by element."""
    frame = shapes.add_table(len(rows), len(col_widths), x, y, cx, cy)
    frame.name = name
    wa.set_alt_text(frame, alt_text)
    table = frame.table
    table.first_row, table.horz_banding = True, False
    tbl = table._tbl
    for col, w in zip(tbl.tblGrid.gridCol_lst, col_widths):
        col.set("w", str(w))
    for tr, h in zip(tbl.tr_lst, row_heights):
        tr.set("h", str(h))
    for tr, row in zip(tbl.tr_lst, rows):
        for tc, (paras, fill) in zip(tr.tc_lst, row):
            _reference_body(tc.txBody, paras, inset, anchor)
            tc.remove(tc.find(A + "tcPr"))
            pr = etree.SubElement(tc, A + "tcPr", marL=str(margin_x), marR=str(margin_x), marT=str(margin_y),
                                  marB=str(margin_y), anchor="ctr")
            for tag in ("lnL", "lnR", "lnT", "lnB"):
                _solid(etree.SubElement(pr, A + tag, w=str(rule_w)), rule)
            _solid(pr, fill)


def test_table_as_text_gives_python_pptx_table_with_cells_set_element_by_element():
    odd = _paragraphs()
    rows = [[([odd[i]], "1F3A5F"), ([odd[i + 1]], 'F"&<'), ([], "FFFFFF")] for i in range(0, len(odd) - 1, 2)]
    rows.append([([({"algn": "l", "before": 0}, [("", 1400, False, False, "000000", "Calibri")])], "EEEEEE")])  # short row
    args = (2, 'Positions & "more"', "Alt: R&D <x>\n", 12700, 25400, 3810000, 508000, [1270000, 1270000, 1270000],
            [101600 + i for i in range(len(rows))], rows, 45720, "ctr", "C5CDD8", 9525, 91440, 45720)

    def made(build) -> bytes:
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.turbo_add_enabled = True
        build(slide)
        return slide.part.blob

    fast = made(lambda slide: wa.table_frame(slide.shapes._spTree, *args))
    assert fast == made(lambda slide: _reference_table(slide.shapes._spTree, slide.shapes, *args))


def test_rels_as_text_give_python_pptx_rels_xml():
    """Every .rels of the reference deck, plus an external hyperlink and ids out of order."""
    from pathlib import Path

    from reportkit.build import render
    from reportkit.pipeline import prepare, read_source

    content = Path(__file__).resolve().parents[2] / "content" / "us-russia-talks.yaml"
    captured = []
    save = wa.save_deterministic
    try:
        wa.save_deterministic = lambda prs: (captured.append(prs), save(prs))[1]
        render(prepare(read_source(content), None, None).for_format("deck"), "deck")
    finally:
        wa.save_deterministic = save
    package = captured[0].part.package
    slide_part = captured[0].slides[0].part
    slide_part._rels._add_relationship("http://x/hyperlink", 'https://example.org/?a=1&b="2"<x>', is_external=True)
    slide_part._rels._rels["rId10"] = slide_part._rels._rels.pop("rId1")
    all_rels = [package._rels] + [part._rels for part in package.iter_parts() if part._rels]
    assert len(all_rels) > 50
    for rels in all_rels:
        assert wa.rels_xml(rels) == rels.xml


def _reference_shape(parent, shape_id, name, preset, x, y, w, h, fill, line, line_w):
    sub = etree.SubElement
    sp = sub(parent, P + "sp")
    nv = sub(sp, P + "nvSpPr")
    c_nv_pr = sub(nv, P + "cNvPr", id=str(shape_id), name=name)
    sub(nv, P + "cNvSpPr")
    sub(nv, P + "nvPr")
    sp_pr = sub(sp, P + "spPr")
    xfrm = sub(sp_pr, A + "xfrm")
    sub(xfrm, A + "off", x=str(x), y=str(y))
    sub(xfrm, A + "ext", cx=str(w), cy=str(h))
    sub(sub(sp_pr, A + "prstGeom", prst=preset), A + "avLst")
    _solid(sp_pr, fill)
    ln = sub(sp_pr, A + "ln")
    if line:
        ln.set("w", str(line_w))
        _solid(ln, line)
    else:
        sub(ln, A + "noFill")
    adec = "http://schemas.microsoft.com/office/drawing/2017/decorative"  # deck.a11y's "Mark as decorative"
    ext = sub(sub(c_nv_pr, A + "extLst"), A + "ext", uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    sub(ext, f"{{{adec}}}decorative", nsmap={"adec": adec}, val="1")


def _reference_group(parent, shape_id, name, alt_text, x, y, w, h):
    sub = etree.SubElement
    grp = sub(parent, P + "grpSp")
    nv = sub(grp, P + "nvGrpSpPr")
    sub(nv, P + "cNvPr", id=str(shape_id), name=name, descr=alt_text)
    sub(nv, P + "cNvGrpSpPr")
    sub(nv, P + "nvPr")
    xfrm = sub(sub(grp, P + "grpSpPr"), A + "xfrm")
    for tag in ("off", "ext", "chOff", "chExt"):
        if tag.endswith("ff"):
            sub(xfrm, A + tag, x=str(x), y=str(y))
        else:
            sub(xfrm, A + tag, cx=str(w), cy=str(h))
    return grp


def test_shapes_and_groups_as_text_give_the_element_by_element_xml():
    from reportkit.deck import a11y

    def fast(tree):
        grp = wa.group_shape(tree, 2, 'Dots & "x"', "Alt <text>\t", 1, 2, 3, 4)
        wa.plain_shape(grp, 3, "Dot", "ellipse", 5, 6, 7, 8, "ABCDEF", "123456", 9525, a11y.DECORATIVE_XML)
        wa.plain_shape(tree, 4, "Rule", "rect", 5, 6, 7, 8, "ABCDEF", None, 0, a11y.DECORATIVE_XML)

    def slow(tree):
        grp = _reference_group(tree, 2, 'Dots & "x"', "Alt <text>\t", 1, 2, 3, 4)
        _reference_shape(grp, 3, "Dot", "ellipse", 5, 6, 7, 8, "ABCDEF", "123456", 9525)
        _reference_shape(tree, 4, "Rule", "rect", 5, 6, 7, 8, "ABCDEF", None, 0)

    assert _slide_xml(fast) == _slide_xml(slow)
