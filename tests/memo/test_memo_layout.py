"""The memo's page layout on big content (issue 7): one layout pass, big tables split where they
start instead of jumping whole, table headers repeated only at the top of a page, paragraphs broken
once per width. Checked on the benchmark's 10x synthetic briefing and on the reference."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REFERENCE
from reportkit.content import load
from reportkit.edition import make_edition
from reportkit.memo import plan_memo, render
from reportkit.memo import plan as p
from reportkit.present.analytic import likelihood_order
from reportkit.text import plain
from reportkit.theme import load_theme

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root holds benchmarks/
from benchmarks import synthetic  # noqa: E402
from helpers import squash


def _edition(path: Path, **kw):
    return make_edition(load(path), load_theme("default"), **kw)


@pytest.fixture(scope="module")
def big_edition(tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "10x.yaml"
    path.write_text(synthetic.dump(synthetic.scaled(10)), encoding="utf-8")
    return _edition(path)


@pytest.fixture(scope="module")
def big_pdf(big_edition) -> bytes:
    return render(big_edition).data


@pytest.fixture(scope="module")
def big_pages(big_pdf) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(io.BytesIO(big_pdf)).pages]


def _count_builds(monkeypatch) -> list:
    from reportlab.platypus.doctemplate import BaseDocTemplate

    calls = []
    original = BaseDocTemplate.build

    def build(self, *a, **kw):
        calls.append(1)
        return original(self, *a, **kw)

    monkeypatch.setattr(BaseDocTemplate, "build", build)
    return calls


def test_page_x_of_y_is_right_on_every_page_of_a_long_memo(big_pages):
    n = len(big_pages)
    assert n > 10
    for k, text in enumerate(big_pages, start=1):
        assert f"Page {k} of {n}" in text, k


def test_the_memo_is_laid_out_once(big_edition, monkeypatch):
    calls = _count_builds(monkeypatch)
    render(big_edition)
    assert len(calls) == 1


def test_a_brief_memo_that_fits_is_laid_out_once(monkeypatch):
    """The reference without its key judgments fits two pages at the first density: one layout."""
    import dataclasses

    calls = _count_builds(monkeypatch)
    briefing = dataclasses.replace(load(REFERENCE), key_judgments=())
    pdf = render(make_edition(briefing, load_theme("default"), audience="principals", detail="brief")).data
    assert len(calls) == 1
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= p.BRIEF_MAX_PAGES


def test_a_brief_memo_that_overflows_is_set_denser_to_keep_its_promise(monkeypatch):
    """With its key judgments the reference needs the denser second layout, and still fits two pages."""
    calls = _count_builds(monkeypatch)
    pdf = render(_edition(REFERENCE, audience="principals", detail="brief")).data
    assert len(calls) == 2
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= p.BRIEF_MAX_PAGES


def test_bookmarks_point_to_the_page_of_their_heading(big_pdf, big_pages):
    reader = PdfReader(io.BytesIO(big_pdf))
    checked = 0

    def walk(items):
        nonlocal checked
        for it in items:
            if isinstance(it, list):
                walk(it)
                continue
            page = reader.get_destination_page_number(it)
            assert squash(it.title) in big_pages[page], (it.title, page + 1)
            checked += 1

    walk(reader.outline)
    assert checked >= 8


def _page_of(pages: list[str], words: str) -> int:
    found = [k for k, text in enumerate(pages) if words in text]
    assert found, words
    return found[0]


def test_a_big_stance_matrix_starts_under_the_text_before_it(big_edition, big_pages):
    """The 19-party matrix used to jump whole to the next page, leaving two-thirds of a page blank."""
    blocks = plan_memo(big_edition).blocks
    k = next(i for i, b in enumerate(blocks) if isinstance(b, p.Heading) and b.key == "stances")
    before = blocks[k - 1]
    assert isinstance(before, p.Text)
    tail = " ".join(plain(before.text).split()[-4:])
    heading = _page_of(big_pages, "Where the parties stand")
    assert heading == _page_of(big_pages, tail)
    first_party = big_edition.charts.matrix.rows[0][0].party.name
    assert first_party in big_pages[heading].split("Where the parties stand", 1)[1]


def test_a_table_header_is_repeated_only_at_the_top_of_a_page(big_pages):
    """After a split between rows, reportlab used to offer the rest of the table the space left on the
    same page: the header again, mid-page, over a sliver of the next row."""
    with_outcomes = [text for text in big_pages if "Obstacles" in text]
    assert len(with_outcomes) >= 3  # the outcome table crosses pages, its header on each
    for text in with_outcomes:
        assert text.count("Obstacles") == 1


def test_a_small_matrix_stays_whole_with_its_key():
    pages = [squash(pg.extract_text()) for pg in PdfReader(io.BytesIO(render(_edition(REFERENCE)).data)).pages]
    b = load(REFERENCE)
    k = _page_of(pages, "Where the parties stand")
    for party in b.parties:
        assert party.name in pages[k], party.name
    assert "no stance in the source" in pages[k]


def test_paragraphs_are_broken_about_once_each(big_edition, monkeypatch):
    """A long table used to re-break every cell's lines on each page it crossed (quadratic)."""
    from reportlab.platypus.paragraph import Paragraph

    made, broken = [], []
    init, brk = Paragraph.__init__, Paragraph.breakLines

    def counting_init(self, *a, **kw):
        made.append(1)
        return init(self, *a, **kw)

    def counting_break(self, *a, **kw):
        broken.append(1)
        return brk(self, *a, **kw)

    monkeypatch.setattr(Paragraph, "__init__", counting_init)
    monkeypatch.setattr(Paragraph, "breakLines", counting_break)
    render(big_edition)
    assert len(made) > 1000
    assert len(broken) <= 1.3 * len(made)


def test_wrap_once_paragraph_follows_its_width():
    from reportlab.lib.styles import getSampleStyleSheet

    from reportkit.workarounds.reportlab import paragraph_class

    style = getSampleStyleSheet()["Normal"]
    text = "word " * 60
    para = paragraph_class()(text, style)
    wide, narrow = para.wrap(400, 1000), para.wrap(100, 1000)
    assert narrow[1] > wide[1]
    assert para.wrap(400, 1000) == wide
    assert para.split(400, style.leading * 1.5) == []  # one line would be an orphan: refused, lines dropped
    assert para.wrap(400, 1000) == wide and para.blPara is not None
    fresh = paragraph_class()(text, style)
    assert fresh.wrap(100, 1000) == narrow


def test_many_parties_get_position_lists_not_a_grid(big_edition, big_pages):
    """A grid of outcomes x parties grows with their product, mostly "Not stated"; beyond one grid's
    columns the memo lists who supports, accepts on conditions or opposes, and counts the rest."""
    b = big_edition.briefing
    assert len(b.parties) > p.MAX_POSITION_COLUMNS
    block = next(x for x in plan_memo(big_edition).blocks if isinstance(x, (p.PositionList, p.PositionTable)))
    assert isinstance(block, p.PositionList)
    short = {x.id: x.short or x.name for x in b.parties}
    for o, row in zip(likelihood_order(b.meta.likelihood_scale, b.outcomes), block.rows, strict=True):
        stated = {pos: sorted(short[x.party] for x in o.positions if x.position == pos) for pos in p.LISTED_POSITIONS}
        assert {pos: sorted(names) for pos, names in row.named} == stated
        assert row.silent == len(b.parties) - sum(len(v) for v in stated.values())
    text = " ".join(big_pages)
    assert "Not stated: " in text and f"of {len(b.parties)} parties" in text
    first = block.rows[0]
    start = text.index("Party positions on each outcome")
    shown = text[start:start + 600]
    assert first.title in shown
    for _, names in first.named:
        assert ", ".join(names) in shown


def test_a_few_parties_keep_the_grid(reference):
    block = next(x for x in plan_memo(_edition(REFERENCE)).blocks if isinstance(x, (p.PositionList, p.PositionTable)))
    assert isinstance(block, p.PositionTable)
    assert len(block.parties) == len(reference.parties)
    outcomes = likelihood_order(reference.meta.likelihood_scale, reference.outcomes)  # most likely first
    for o, (title, row) in zip(outcomes, block.rows, strict=True):
        assert title == o.title and row == tuple(o.position_of(x.id) for x in reference.parties)


def _lowest_text(page) -> float:
    """The lowest baseline of body text on a page (points from the bottom; footer and banner excluded)."""
    ys = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            ys.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return min(y for y in ys if y > 50)


def test_rows_taller_than_a_page_fill_every_page_they_cross():
    """tests/data/wordy.yaml has outcome rows longer than a page: each page the outcome table crosses
    is filled to its foot (a row is split rather than pushed whole to the next page, leaving a gap)."""
    pdf = render(_edition(Path(__file__).parents[1] / "data" / "wordy.yaml")).data
    pages = PdfReader(io.BytesIO(pdf)).pages
    crossed = [k for k, page in enumerate(pages) if "Obstacles" in page.extract_text()][:-1]
    assert len(crossed) >= 4
    for k in crossed:
        assert _lowest_text(pages[k]) < 62 + 90, k + 1  # bottom margin 22 mm; 90 pt: a short last line
