"""The deck at scale and the native "divides at a glance" figure (issue 7): many parties stay on the
slide, the dot plot is native shapes by default and a matplotlib picture only on request."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from reportkit.content import load
from reportkit.deck import overflow, plan, render
from reportkit.deck.model import Group, Picture, Table, Text
from reportkit.edition import make_edition
from reportkit.present import position_word
from reportkit.theme import load_theme
from reportkit.workarounds.pptx import alt_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root holds benchmarks/
from benchmarks import synthetic  # noqa: E402
from helpers import run_cli, walk_shapes


@pytest.fixture(scope="module")
def ten_x(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "10x.yaml"
    path.write_text(synthetic.dump(synthetic.scaled(10)), encoding="utf-8")
    return load(path)


@pytest.fixture(scope="module")
def ten_x_deck(ten_x):
    return render(make_edition(ten_x, load_theme())).data




def test_ten_times_content_overflows_nowhere(ten_x, ten_x_deck):
    assert len(ten_x.parties) >= 15  # the size at which the positions table used to run off the slide
    assert overflow.check(io.BytesIO(ten_x_deck)) == []


def test_positions_table_lists_stated_parties_and_names_the_rest(ten_x, ten_x_deck):
    prs = Presentation(io.BytesIO(ten_x_deck))
    by_title = {s.shapes.title.text_frame.text: s for s in prs.slides if s.shapes.title is not None}
    checked = 0
    for o in ten_x.outcomes[:10]:
        slide = by_title[o.title]
        stated = {ten_x.party(p.party).short: position_word(p.position) for p in o.positions if p.position != "unknown"}
        silent = [p.short for p in ten_x.parties if p.short not in stated]
        table = next(s for s in slide.shapes if s.has_table and s.name == "Party positions").table
        shown = {table.cell(r, 0).text: table.cell(r, 1).text for r in range(1, len(table.rows))}
        assert shown == stated
        note = next(s for s in slide.shapes if s.name == "Positions not stated").text_frame.text
        assert note == "Not stated: " + ", ".join(silent)
        bottom = max(s.top + s.height for s in slide.shapes if s.name in ("Party positions", "Positions not stated"))
        assert bottom <= next(s for s in slide.shapes if s.name == "Footer").top
        checked += 1
    assert checked == 10


def test_a_party_table_too_long_for_the_slide_ends_with_a_count(reference):
    from dataclasses import replace

    from reportkit.model import Party, Position

    extra = tuple(Party(id=f"p{n}", name=f"Party {n}", short=f"Party {n}") for n in range(40))
    o = reference.outcomes[0]
    o2 = replace(o, positions=o.positions + tuple(Position(party=p.id, position="support") for p in extra))
    b = replace(reference, parties=reference.parties + extra, outcomes=(o2,) + reference.outcomes[1:])
    deck = plan(make_edition(b, load_theme()))
    slide = next(s for s in deck.slides if s.title == o.title)
    table = next(s for s in slide.shapes if isinstance(s, Table))
    note = next(s for s in slide.shapes if isinstance(s, Text) and s.name == "Positions not stated")
    listed = len(table.rows) - 1
    more = len(b.parties) - listed
    assert 0 < listed < len(b.parties)
    assert note.paragraphs[0].text.startswith(f"+{more} more")
    assert table.box.y + table.box.h <= note.box.y
    assert any("listed in the notes only" in w for w in deck.warnings)
    assert all(p.short in slide.notes for p in b.parties)
    assert overflow.check(io.BytesIO(render(make_edition(b, load_theme())).data)) == []  # the count fits its box too


def test_divides_is_native_shapes_with_alt_text_by_default(deck_from_reference):
    prs = Presentation(io.BytesIO(deck_from_reference))
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Divides at a glance")
    groups = [s for s in slide.shapes if s.shape_type == 6]
    assert len(groups) == 1 and not [s for s in slide.shapes if s.shape_type == 13]  # no picture
    group = groups[0]
    assert alt_text(group).startswith("Dot plot of every party's score")
    texts = " ".join(s.text_frame.text for s in walk_shapes(group.shapes) if s.has_text_frame)
    assert "Sovereignty and territory" in texts and "strongly supports" in texts
    dots = [s for s in walk_shapes(group.shapes) if s.name.startswith("Dot ")]
    assert len(dots) >= 10


@pytest.fixture(scope="module")
def deck_from_reference(reference):
    return render(make_edition(reference, load_theme())).data


def test_every_divides_row_stays_inside_its_slide(ten_x):
    deck = plan(make_edition(ten_x, load_theme()))
    slides = [s for s in deck.slides if s.kind == "divides"]
    rows = [r for s in slides for g in s.shapes if isinstance(g, Group) for r in g.data.rows]
    assert [name for name, _ in rows] == [i.name for i in ten_x.issues]
    for s in slides:
        group = next(g for g in s.shapes if isinstance(g, Group))
        for shape in group.shapes:
            b = shape.box
            assert group.box.y - 0.01 <= b.y and b.y + b.h <= group.box.y + group.box.h + 0.01, (s.title, shape.name)


def test_matplotlib_picture_is_an_opt_in(reference, tmp_path):
    theme = tmp_path / "pictures.yaml"
    theme.write_text("extends: default\ndeck:\n  pictures: matplotlib\n", encoding="utf-8")
    edition = make_edition(reference, load_theme(str(theme)))
    slide = next(s for s in plan(edition).slides if s.kind == "divides")
    assert any(isinstance(s, Picture) for s in slide.shapes)
    prs = Presentation(io.BytesIO(render(edition).data))
    pics = [s for sl in prs.slides for s in sl.shapes if s.shape_type == 13 and not s.name.startswith("Figure ")]
    assert len(pics) == 1 and alt_text(pics[0]).startswith("Dot plot")  # (the content's figure apart)


def test_an_unknown_pictures_value_is_a_located_error(reference_path, tmp_path):
    theme = tmp_path / "bad.yaml"
    theme.write_text("extends: default\ndeck:\n  pictures: svg\n", encoding="utf-8")
    done = run_cli("build", str(reference_path), "--theme", str(theme), "--format", "deck", "--out", str(tmp_path), "--quiet")
    assert done.returncode == 2
    assert done.stderr.startswith(f"{theme}:3:")
    assert "deck.pictures" in done.stderr and "Traceback" not in done.stderr


def test_overflow_check_reports_a_table_running_into_the_footer(deck_from_reference):
    from pptx.util import Pt

    prs = Presentation(io.BytesIO(deck_from_reference))
    assert overflow.check_presentation(prs) == []
    slide = prs.slides[3]
    frame = slide.shapes.add_table(20, 2, Pt(700), Pt(104), Pt(220), Pt(20 * 22))  # every cell fits; the table does not
    frame.name = "Party positions"
    found = overflow.check_presentation(prs)
    assert [(o.slide, o.shape) for o in found] == [(4, "Party positions")]
    assert found[0].needed == pytest.approx(104 + 20 * 22)


@pytest.mark.parametrize("bold,italic", [(False, False), (True, False), (False, True), (True, True)])
def test_the_metrics_cache_is_what_the_font_files_say(bold, italic):
    """metrics.json saves reading the TTFs on a cold build; it must be current (python3 -m reportkit.deck.fit)."""
    from reportkit.deck import fit

    path = fit.FONT_DIR / fit._FILES[(bold, italic)]
    entry = fit._cache_file()[path.name]
    assert entry["sha256"] == fit._sha256(path)
    assert fit.metrics(bold, italic) == fit.read_font(path)
