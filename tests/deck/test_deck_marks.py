"""What the deck tells the reader as the memo does (issue 12): inferred scores marked in the native
charts (dashed outline and † in the label, explained in the legend), leaders where the parties are
introduced, headings that keep with what follows, and one warning advising `short:` for a name too
long for its label or column."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from conftest import REFERENCE
from reportkit.pipeline import load_edition
from reportkit.present import INFERRED_MARK
from helpers import copy_reference

DATA = Path(__file__).parents[1] / "data"
THEMES = ["default", "print"]
LEGEND = f"{INFERRED_MARK} dashed outline: inferred by the analyst"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def deck(path, theme="default", audience=None):
    from reportkit.deck import render

    return render(load_edition(path, audience, theme))


def charts(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                yield shape.chart


@pytest.mark.parametrize("theme", THEMES)
def test_inferred_scores_are_outlined_and_daggered_with_a_legend_entry(theme):
    raw = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    prs = Presentation(io.BytesIO(deck(REFERENCE, theme, "staff").data))
    checked = 0
    for chart in charts(prs):
        plot = chart.plots[0]
        cats = list(plot.categories)
        inferred = set()
        for series in plot.series:
            ser = series._element
            for dpt in ser.findall(f"{C}dPt"):
                k = int(dpt.find(f"{C}idx").get("val"))
                assert dpt.find(f".//{A}prstDash").get("val") == "dash"
                assert dpt.find(f"{C}spPr/{A}solidFill") is not None  # keeps its stance fill
                inferred.add(cats[k])
            for label in ser.findall(f"{C}dLbls/{C}dLbl"):
                text = "".join(t.text for t in label.iter(f"{A}t"))
                assert text.endswith(INFERRED_MARK), text
        names_in_legend = [s.name for s in plot.series]
        assert (LEGEND in names_in_legend) == bool(inferred)
        checked += len(inferred)
    assert checked == sum(s["basis"] == "inferred" for s in raw["stances"]) > 0  # every chart of every issue


def slide_texts(prs):
    for slide in prs.slides:
        yield " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) + " " + " ".join(
            c.text for s in slide.shapes if getattr(s, "has_table", False) and s.has_table
            for row in s.table.rows for c in row.cells)


@pytest.mark.parametrize("path", [REFERENCE, DATA / "scripts-rtl.yaml", DATA / "scripts-cjk.yaml"],
                         ids=lambda p: p.stem)
@pytest.mark.parametrize("audience", ["principals", "staff"])
def test_leaders_are_printed_where_the_parties_are_introduced(path, audience, tmp_path):
    import subprocess

    from conftest import require_tool

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    leaders = [p["leader"] for p in raw["parties"] if p.get("leader")]
    assert leaders
    prs = Presentation(io.BytesIO(deck(path, "default", audience).data))
    heatmap = next(t for t in slide_texts(prs) if "Leaders:" in t)
    for leader in leaders:
        assert leader in heatmap, leader
    from reportkit.memo import render

    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(render(load_edition(path, audience, "default")).data)
    text = subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()
    squashed = "".join(c for c in text if not c.isspace() and c not in "\u202b\u202c\u202a")
    matrix = squashed[squashed.index("Wherethepartiesstand"):]
    for leader in leaders:
        assert "".join(leader.split()) in matrix, leader


@pytest.mark.parametrize("theme", THEMES)
def test_a_heading_is_never_last_on_a_slide(theme):
    """"Obstacles" could sit alone at the foot of an outcome slide, its items on the next."""
    from reportkit.deck.model import Text
    from reportkit.deck.plan import plan

    for path in (REFERENCE, DATA / "wordy.yaml"):
        for s in plan(load_edition(path, None, theme)).slides:
            for shape in s.shapes:
                if isinstance(shape, Text) and shape.name == "Conditions and obstacles":
                    last = shape.paragraphs[-1]
                    assert not (last.bullet is None and last.runs[0].bold), (s.title, last)


def test_the_keep_with_next_rule_moves_a_trailing_heading(monkeypatch):
    """paginate itself: a page that would end on a heading ends before it."""
    from reportkit.deck.layout import BODY
    from reportkit.deck.model import Paragraph, Run
    from reportkit.deck.slides.context import Deck

    d = Deck(load_edition(REFERENCE, None, "default"))
    items = ["a", "b", None, "c"]  # None: a heading
    monkeypatch.setattr("reportkit.deck.slides.context.fits", lambda paras, box: len(paras) <= 3)

    def make(i, size, first):
        return [Paragraph((Run(items[i] or "Heading", items[i] is None),), size)]
    assert [(a, b) for _, a, b in d.paginate(make, 4, BODY, (12,))] == [(0, 3), (3, 4)]
    assert [(a, b) for _, a, b in d.paginate(make, 4, BODY, (12,), heading=lambda i: items[i] is None)] == \
        [(0, 2), (2, 4)]


# --- advice instead of silent damage ------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_name(tmp_path_factory):
    raw = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    party = raw["parties"][1]
    party["name"] = "Russian Federation and its Allied Delegations to the Talks"
    party.pop("short", None)
    path = copy_reference(tmp_path_factory.mktemp("names"), "long-name.yaml",
                          text=yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100))
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "Allied" in t)
    return path, line


@pytest.mark.parametrize("theme", THEMES)
def test_a_name_too_long_gives_one_warning_advising_short(long_name, theme):
    from reportkit.memo import render as memo

    path, line = long_name
    for out in (deck(path, theme, "staff"), memo(load_edition(path, "staff", theme))):
        advice = [w for w in out.warnings if "short:" in w.message]
        assert len(advice) == 1, [str(w) for w in out.warnings]
        assert "Russian Federation and its Allied Delegations" in advice[0].message
        assert advice[0].where.startswith(f"{path}:{line}:")


@pytest.mark.parametrize("path", [REFERENCE, DATA / "scripts-rtl.yaml", DATA / "scripts-cjk.yaml"],
                         ids=lambda p: p.stem)
def test_names_with_short_names_give_no_advice(path):
    from reportkit.memo import render as memo

    for out in (deck(path, "default", "staff"), memo(load_edition(path, "staff", "default"))):
        assert not [w for w in out.warnings if "short:" in w.message or "name:" in w.message]
