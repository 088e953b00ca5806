"""The deck's overflow check reads slide XML with lxml (a third of a warm deck render went into
python-pptx's proxies). It must find exactly what the proxy-based check found, and leave the deck
exactly as that check left it: ``REFERENCE_CHECK`` below is that check, kept as the oracle.

Decks: the reference and the script briefings in both themes, then the same decks squashed (boxes
and table rows made too small, shapes pushed past the footer and off the right edge), so every kind
of finding is compared, not only empty lists."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("pptx")
from pptx import Presentation  # noqa: E402

from reportkit.deck import fit  # noqa: E402
from reportkit.deck.overflow import CHROME, DEFAULT_SIZE, FOOTER_ZONE, EMU_PER_PT, Overflow, check_presentation  # noqa: E402
from helpers import walk_shapes  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CONTENT = [ROOT / "content" / "us-russia-talks.yaml", ROOT / "tests" / "data" / "wordy.yaml",
           ROOT / "tests" / "data" / "scripts-rtl.yaml", ROOT / "tests" / "data" / "scripts-cjk.yaml"]


# -- the check as it was written with python-pptx's proxies (the oracle) ---------------------------

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


def _inner(width, height, holder):
    return ((width - holder.margin_left - holder.margin_right) / EMU_PER_PT,
            (height - holder.margin_top - holder.margin_bottom) / EMU_PER_PT)




def _past_the_body(n, slide):
    floor = min((s.top for s in slide.shapes if s.name in ("Footer", "Classification (bottom)")), default=None)
    if floor is None:
        return []
    right = slide.part.package.presentation_part.presentation.slide_width
    out = []
    for shape in slide.shapes:
        if shape.name in CHROME or shape.name in FOOTER_ZONE or shape.is_placeholder and shape.placeholder_format.idx == 0:
            continue
        bottom = shape.top + shape.height
        if bottom > floor + EMU_PER_PT // 2 or shape.left + shape.width > right + EMU_PER_PT // 2:
            text = shape.text_frame.text if shape.has_text_frame else shape.name
            out.append(Overflow(n, shape.name, bottom / EMU_PER_PT, floor / EMU_PER_PT, f"past the body: {text}"))
    return out


def REFERENCE_CHECK(prs):
    found = []
    for n, slide in enumerate(prs.slides, 1):
        found += _past_the_body(n, slide)
        for shape in walk_shapes(slide.shapes):
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


# -- decks ---------------------------------------------------------------------------------------

def _deck(content: Path, theme: str) -> bytes:
    from reportkit.build import render
    from reportkit.pipeline import prepare, read_source

    return render(prepare(read_source(content), None, theme).for_format("deck"), "deck").data


def _squash(data: bytes) -> bytes:
    """Every other shape a third of its height, table rows a quarter, one shape per slide moved past
    the footer and one off the right edge."""
    prs = Presentation(io.BytesIO(data))
    for slide in prs.slides:
        shapes = [s for s in slide.shapes if s.name not in CHROME]
        for i, shape in enumerate(shapes):
            if i % 2:
                shape.height = max(shape.height // 3, 1)
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    row.height = max(row.height // 4, 1)
        if len(shapes) > 1:
            shapes[-1].top = prs.slide_height - shapes[-1].height // 2
            shapes[0].left = prs.slide_width - shapes[0].width // 3
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _saved(prs) -> list[bytes]:
    return [slide.part.blob for slide in prs.slides]


@pytest.mark.parametrize("theme", ["default", "print"])
@pytest.mark.parametrize("content", CONTENT, ids=lambda p: p.stem)
def test_the_fast_check_finds_what_the_proxy_check_found(content, theme):
    data = _deck(content, theme)
    for deck, squashed in ((data, False), (_squash(data), True)):
        old, new = Presentation(io.BytesIO(deck)), Presentation(io.BytesIO(deck))
        expected, found = REFERENCE_CHECK(old), check_presentation(new)
        assert found == expected
        assert _saved(new) == _saved(old)  # the same empty text bodies added, nothing else touched
        if squashed:  # the comparison covered every kind of finding
            assert any(o.text.startswith("past the body") for o in found)
            assert any(" cell " in o.shape for o in found) or "talks" not in content.stem
            assert any(" cell " not in o.shape and not o.text.startswith("past the body") for o in found)


def test_breaks_fields_and_run_properties_read_as_the_proxies_read_them():
    """A line break's and a field's own run properties do not size the paragraph; their text counts
    for the box's text (a field) or as a vertical tab (a break), as ``TextFrame.text`` has them."""
    from pptx.util import Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(0, 0, Pt(40), Pt(20))
    box.name = "Mixed"
    body = box.text_frame._txBody
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    from pptx.oxml import parse_xml
    for p in body.findall("{http://schemas.openxmlformats.org/drawingml/2006/main}p"):
        body.remove(p)
    for xml in (f'<a:p {a}><a:pPr marL="12700"><a:spcBef><a:spcPts val="600"/></a:spcBef></a:pPr>'
                '<a:r><a:rPr sz="1400" b="1"/><a:t>Hello</a:t></a:r><a:br><a:rPr sz="9000" b="1"/></a:br>'
                '<a:fld id="{00000000-0000-0000-0000-000000000001}" type="slidenum"><a:rPr sz="8000"/><a:t>7</a:t></a:fld>'
                '<a:r><a:rPr sz="1800"/><a:t> world, at length enough to wrap</a:t></a:r></a:p>',
                f'<a:p {a}/>', f'<a:p {a}><a:r><a:t/></a:r><a:r><a:rPr b="true"/><a:t>x</a:t></a:r></a:p>'):
        body.append(parse_xml(xml))
    found = check_presentation(prs)
    assert found == REFERENCE_CHECK(prs)
    assert [o.shape for o in found] == ["Mixed"] and found[0].text == "Hello\v7 world, at length enough to wrap\n\nx"
