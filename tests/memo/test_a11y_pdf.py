"""The tagged memo (PDF/UA-1 essentials), read back by real clients: poppler's ``pdfinfo -struct-text``
walks the structure tree, pypdf reads the content streams, the catalog and the parent tree."""
from __future__ import annotations

import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REFERENCE, ROOT, require_tool
from reportkit.a11y.pdf import Tree, check_pdf, page_content
from reportkit.audience import BUILTIN
from reportkit.content import load
from reportkit.edition import make_edition
from reportkit.memo import plan_memo, render
from reportkit.memo import plan as p
from reportkit.text import plain
from reportkit.theme import load_theme

SCRIPTS = ROOT / "tests" / "data" / "a11y-scripts.yaml"
sys.path.insert(0, str(ROOT))  # the repository root holds benchmarks/
from benchmarks import synthetic  # noqa: E402


def _edition(path: Path, theme: str = "default", audience: str | None = None):
    return make_edition(load(path), load_theme(theme), audience=audience) if audience else \
        make_edition(load(path), load_theme(theme))


@pytest.fixture(scope="module")
def reference_pdf() -> bytes:
    return render(_edition(REFERENCE)).data


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("a11y") / "10x.yaml"
    path.write_text(synthetic.dump(synthetic.scaled(10)), encoding="utf-8")
    return render(_edition(path)).data


def struct_text(data: bytes, tmp_path: Path) -> str:
    require_tool("pdfinfo")
    f = tmp_path / "memo.pdf"
    f.write_bytes(data)
    return subprocess.run(["pdfinfo", "-struct-text", str(f)], capture_output=True, text=True, check=True).stdout


def _structure_texts(struct: str) -> list[tuple[str, str]]:
    """(role, text) pairs from ``pdfinfo -struct-text`` (as a screen reader gets them): each block
    element's text, with the text of its inline elements (a span in another language, an endnote
    marker's Reference and Link) in place, without the invisible U+200E after each right-to-left run."""
    entries: list[list] = []
    for line in struct.splitlines():
        s = line.strip()
        if s.startswith('"'):
            if entries:
                entries[-1][1].append(s[1:-1] if s.endswith('"') else s[1:])
        elif s and not s.startswith(("/", "Object ")) and "(inline)" not in s:
            entries.append([s.split()[0].rstrip(":"), []])
    out = []
    for role, texts in entries:
        text = "".join(texts).replace("\u200e", "").strip()
        if text:
            out.append((role, text))
    return out


def _marked_text(data: bytes) -> tuple[str, str]:
    """All page text inside tagged marked content, and inside artifacts (pypdf's text visitor)."""
    tagged, artifact = [], []
    for page in PdfReader(io.BytesIO(data)).pages:
        stack: list[str] = []

        def before(op, args, cm, tm):
            if op in (b"BMC", b"BDC"):
                stack.append(str(args[0]))
            elif op == b"EMC" and stack:
                stack.pop()

        def text(t, cm, tm, font, size):
            (artifact if stack and stack[0] == "/Artifact" else tagged).append(t)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(tagged), "".join(artifact)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _chars(text: str) -> Counter:
    return Counter(c for c in text if not c.isspace())


# --- the reference memo -------------------------------------------------------------------------


def test_pdfinfo_says_tagged_and_the_checker_finds_nothing(reference_pdf, tmp_path):
    require_tool("pdfinfo")
    f = tmp_path / "memo.pdf"
    f.write_bytes(reference_pdf)
    info = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert check_pdf(reference_pdf) == []


def test_structure_shows_headings_and_table_cells_in_reading_order(reference_pdf, tmp_path):
    pairs = _structure_texts(struct_text(reference_pdf, tmp_path))
    plan = plan_memo(_edition(REFERENCE))
    headings = [t for r, t in pairs if r in ("H1", "H2", "H3")]
    assert headings == [plain(plan.title), *plan.outline]
    texts = [t for _, t in pairs]
    # the outcome table: column headers, then each outcome's title in a row header, in plan order
    start = texts.index("Outcome")
    assert texts[start : start + 4] == ["Outcome", "Likelihood", "Conditions", "Obstacles"]
    table = next(b for b in plan.blocks if isinstance(b, p.OutcomeTable))
    titles = [_squash(plain(o.title)) for o in table.rows]  # poppler joins a cell's lines without a space
    row_heads = [_squash(t) for r, t in pairs[start:] if r == "P" and any(_squash(t).startswith(x) for x in titles)]
    assert [t.rstrip("0123456789") for t in row_heads[: len(titles)]] == titles  # the title, its endnote mark
    # the stance matrix: its header cells are TH, its party names row headers
    ths = [t for r, t in pairs if r == "TH"]
    assert ths[:4] == ["TO", "FROM", "DATE", "SUBJECT"]
    assert "Party" in ths and "U.S." in ths and "Russia" in ths


def test_structure_text_is_the_page_text_without_artifacts(reference_pdf, tmp_path):
    pairs = _structure_texts(struct_text(reference_pdf, tmp_path))
    tagged, artifact = _marked_text(reference_pdf)
    assert _chars("".join(t for _, t in pairs)) == _chars(tagged)  # poppler's tree = pypdf's marked text
    assert "Page 1 of" in artifact and "UNCLASSIFIED" in artifact  # page furniture is an artifact
    assert "Page 1 of" not in tagged and "UNCLASSIFIED" not in tagged


def test_every_painting_operator_is_marked_and_every_mcid_is_in_the_parent_tree(reference_pdf):
    reader = PdfReader(io.BytesIO(reference_pdf))
    tree = Tree(reader.trailer["/Root"]["/StructTreeRoot"])
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[k]): nums[k + 1] for k in range(0, len(nums), 2)}
    for page in reader.pages:
        content = page_content(page)
        assert content.untagged == 0
        assert content.mcids == list(range(len(content.mcids)))  # 0, 1, 2 … in content order
        key = int(page["/StructParents"])
        assert len(parents[key]) == len(content.mcids)
        assert all((page.indirect_reference.idnum, m) in tree.owned for m in content.mcids)
        assert page["/Tabs"] == "/S"


def test_catalog_metadata_and_language(reference_pdf):
    reader = PdfReader(io.BytesIO(reference_pdf))
    cat = reader.trailer["/Root"]
    assert cat["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert cat["/Lang"] == "en"
    assert cat["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    xmp = cat["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "U.S.\u2013Russia Talks on the War in Ukraine" in xmp


def test_every_chart_is_a_figure_with_alt_text_from_its_data(reference_pdf):
    reader = PdfReader(io.BytesIO(reference_pdf))
    tree = Tree(reader.trailer["/Root"]["/StructTreeRoot"])
    alts = [str(e["/Alt"]) for _, role, e in tree.elements if role == "Figure"]
    edition = _edition(REFERENCE)
    figures = [" ".join(f.alt.split()) for f in edition.briefing.figures]  # the content's own figures first
    assert alts[:len(figures)] == figures  # (tests/memo/test_memo_figures.py checks them)
    alts = alts[len(figures):]
    charts = [c for c in edition.charts.by_issue if c.bars]
    assert len(alts) == len(charts)
    for alt, chart in zip(alts, charts):
        assert chart.title in alt
        assert all(bar.label in alt for bar in chart.bars)


def test_lists_have_labels_and_bodies_and_links_are_tagged(reference_pdf, tmp_path):
    struct = struct_text(reference_pdf, tmp_path)
    assert "/ListNumbering /Disc" in struct and "/ListNumbering /Decimal" in struct  # bullets, endnotes
    pairs = _structure_texts(struct)
    labels = [t for r, t in pairs if r == "Lbl"]
    assert "\u2022" in labels and "1." in labels
    reader = PdfReader(io.BytesIO(reference_pdf))
    links = [a.get_object() for pg in reader.pages for a in pg.get("/Annots") or []]
    assert links and all("/StructParent" in a and str(a["/Contents"]).startswith("Endnote") for a in links)


def test_endnote_markers_are_references_and_endnotes_are_notes(reference_pdf, tmp_path):
    """Each endnote marker: ``Reference`` → ``Link`` owning the marker's own marked content and its
    link annotation (OBJR); each endnote: a ``Note`` with a unique ``/ID`` (PDF/UA-1 7.9)."""
    reader = PdfReader(io.BytesIO(reference_pdf))
    tree = Tree(reader.trailer["/Root"]["/StructTreeRoot"])
    refs = [(d, e) for d, role, e in tree.elements if role == "Reference"]
    annots = [a for pg in reader.pages for a in pg.get("/Annots") or []]
    assert refs and len(refs) == len(annots)
    for _, ref in refs:
        (link,) = [k.get_object() for k in ref["/K"]]
        assert link["/S"] == "/Link"
        kids = [k.get_object() for k in link["/K"]]
        assert any(isinstance(k, int) for k in kids)  # the marker's own marked content
        assert any(hasattr(k, "get") and k.get("/Type") == "/OBJR" for k in kids)
    assert {a.idnum for a in annots} == tree.annots and set(tree.link_owner.values()) == {"Link"}
    ids = [str(e["/ID"]) for _, role, e in tree.elements if role == "Note"]
    plan = plan_memo(_edition(REFERENCE))
    notes = next(b for b in plan.blocks if isinstance(b, p.Endnotes)).notes
    assert ids == [f"note-{n.number}" for n in notes]
    struct = struct_text(reference_pdf, tmp_path)
    marks = re.findall(r'Link \(inline\)\n\s*"([^"]*)"', struct)
    assert marks and all(m.strip().isdigit() for m in marks)  # a marker's text is its number only


def test_the_checker_finds_notes_without_an_id():
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    from reportkit.a11y.pdf import check_tree

    def el(role, kids=(), **kw):
        d = DictionaryObject({NameObject("/S"): NameObject("/" + role), NameObject("/K"): ArrayObject(kids)})
        d.update({NameObject("/" + k): TextStringObject(v) for k, v in kw.items()})
        return d

    root = DictionaryObject({NameObject("/K"): ArrayObject([el("Document", [
        el("H1"), el("Note"), el("Note", ID="n1"), el("Note", ID="n1"), el("Note", ID="n2")])])})
    messages = [f.message for f in check_tree(Tree(root))]
    assert messages == ["note (Note) without an /ID", "two notes share the /ID n1"]


def test_spans_in_another_language_carry_lang(tmp_path):
    """The scripts briefing is Arabic (``language: ar``): its Hebrew and Chinese runs are ``Span``
    elements with their own ``/Lang``; Arabic text needs none."""
    data = render(_edition(SCRIPTS)).data
    tree = Tree(PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"])
    langs = [str(e.get("/Lang")) for _, role, e in tree.elements if role == "Span"]
    texts, indent = [], None
    for line in struct_text(data, tmp_path).splitlines():
        depth = len(line) - len(line.lstrip())
        if line.strip() == "Span (inline)":
            texts.append("")
            indent = depth
        elif indent is not None and depth > indent and line.strip().startswith('"'):
            texts[-1] += line.strip()
        else:
            indent = None
    assert len(langs) == len(texts) and {"he", "zh"} <= set(langs) and "ar" not in langs
    for lang, text in zip(langs, texts):
        letters = [c for c in text if c.isalpha()]
        script = {"he": ("\u0590", "\u05ff"), "zh": ("\u4e00", "\u9fff")}.get(lang)
        if script:
            assert letters and all(script[0] <= c <= script[1] for c in letters), (lang, text)


def test_the_tagged_memo_is_byte_identical_on_rebuild(reference_pdf):
    assert render(_edition(REFERENCE)).data == reference_pdf


# --- big content: tables split over pages -------------------------------------------------------


def test_a_split_table_stays_one_table_and_its_repeated_header_is_an_artifact(big_pdf, tmp_path):
    assert check_pdf(big_pdf) == []
    pairs = _structure_texts(struct_text(big_pdf, tmp_path))
    pages_with_header = sum("Obstacles" in (pg.extract_text() or "")
                            for pg in PdfReader(io.BytesIO(big_pdf)).pages)
    assert pages_with_header > 1  # the outcome table does cross pages
    assert [t for r, t in pairs if t == "Obstacles"] == ["Obstacles"]  # one TH, however many pages


# --- other scripts, every theme and audience ----------------------------------------------------


@pytest.mark.parametrize("theme", ["default", "print"])
@pytest.mark.parametrize("audience", [None, *BUILTIN])
def test_scripts_briefing_is_tagged_in_every_theme_and_audience(theme, audience, tmp_path):
    data = render(_edition(SCRIPTS, theme, audience)).data
    assert check_pdf(data) == []
    pairs = _structure_texts(struct_text(data, tmp_path))
    plan = plan_memo(_edition(SCRIPTS, theme, audience))
    headings = [t for r, t in pairs if r in ("H1", "H2", "H3")]
    assert headings == [plain(plan.title), *plan.outline]  # right-to-left ones in logical order too
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "ar"
    ths = [t for r, t in pairs if r == "TH"]
    assert "Party" in ths and len(ths) >= 4 + 4 + 3  # memo header rows; matrix: Party + 3 issues, 3 party rows


def test_right_to_left_headings_read_in_logical_order(tmp_path):
    """Shaped right-to-left glyphs are written in logical order (workarounds/reportlab_bidi), so the
    structure text reads as written, and pdftotext, which places glyphs by position, too."""
    data = render(_edition(SCRIPTS)).data
    pairs = _structure_texts(struct_text(data, tmp_path))
    plan = plan_memo(_edition(SCRIPTS))
    headings = [t for r, t in pairs if r in ("H1", "H2", "H3")]
    assert headings == [plain(plan.title), *plan.outline]
    assert any(_rtl(h) for h in headings)


def _rtl(text: str) -> bool:
    return any("\u0590" <= c <= "\u08ff" for c in text)


def test_the_checker_reports_an_untagged_pdf():
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf)
    c.drawString(72, 720, "Hello")
    c.save()
    messages = [f.message for f in check_pdf(buf.getvalue())]
    assert any("not a tagged PDF" in m for m in messages)
    assert any("no structure tree" in m for m in messages)
    assert any("neither tagged nor marked as artifacts" in m for m in messages)
    assert any("no document language" in m for m in messages)


def test_build_warnings_come_from_the_drawn_tree():
    from reportkit.memo.tagging import findings
    from reportkit.workarounds.reportlab_tags import Elem

    doc = Elem("Document")
    doc.add("Table").add("TR").add("TD").kids.append((0, 0))  # drawn, but no header cell
    doc.add("Figure").kids.append((0, 1))  # drawn, no alt text
    doc.add("H2")  # never drawn: not a heading the reader gets
    assert findings(doc) == ["a table has no header cells", "a chart has no alt text", "the memo has no headings"]
    assert render(_edition(REFERENCE)).warnings == ()
