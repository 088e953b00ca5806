"""The shared presentation rules (reportkit.present), unit by unit: the words, dates, citations,
colours and column chunks every edition prints through."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from reportkit import present
from reportkit.model import LIKELIHOODS, POSITIONS, SCORES, TONES, Source
from reportkit.present import colours, words
from reportkit.theme import builtin_themes, load_theme


@pytest.mark.parametrize("score,basis,text", [
    (2, "stated", "+2"), (-1, "inferred", "\u22121\u2020"), (0, "stated", "0"), (None, None, "\u2014"),
])
def test_score_cell(score, basis, text):
    assert present.score_cell(score, basis) == text
    assert colours.stance_key(score).startswith("stance.")


def test_a_moved_score_is_written_old_first_with_a_right_arrow():
    assert present.moved(present.signed(-1), present.signed(-2)) == "\u22121 \u2192 \u22122"
    assert words.moved_key("19 November 2026") == "\u22121 \u2192 \u22122: the score moved since 19 November 2026"


@pytest.mark.parametrize("position,word", [("support", "Supports"), ("conditional", "Conditional"),
                                           ("oppose", "Opposes"), ("unknown", "Not stated")])
def test_position_words(position, word):
    assert present.position_word(position) == word


def test_every_scale_value_has_a_sentence_case_word():
    for value, word in itertools.chain(((v, present.likelihood_word(v)) for v in LIKELIHOODS),
                                       ((v, present.tone_word(v)) for v in TONES),
                                       ((v, present.position_word(v)) for v in POSITIONS)):
        assert word[0].isupper() and word[1:] == word[1:].lower(), (value, word)
    assert present.likelihood_basis_word("judgement") == "Analyst judgement"
    assert present.likelihood_basis_word("stated") == "Stated in the source"
    assert present.NONE_STATED == "None stated in the source."


@pytest.mark.parametrize("n,text", [(0, "0 wording edits"), (1, "1 wording edit"), (2, "2 wording edits")])
def test_counts_agree_with_their_noun(n, text):
    assert present.count(n, "wording edit") == text
    assert present.count(n, "party", "parties").endswith("party" if n == 1 else "parties")
    assert words.agrees(n, "changes", "change") == ("changes" if n == 1 else "change")


@pytest.mark.parametrize("d,text", [(dt.date(2022, 7, 22), "22 July 2022"), (dt.date(2026, 1, 5), "5 January 2026")])
def test_one_date_style_without_padding_or_locale(d, text):
    assert present.day(d) == text
    assert present.day(d, "en-GB") == text
    assert present.dates.day_month(d) == text.rsplit(" ", 1)[0]


@pytest.mark.parametrize("kw,text", [
    (dict(title="T", publisher="P", date=dt.date(2022, 7, 22), url="https://x.org/a"),
     "T. P, 22 July 2022. https://x.org/a"),
    (dict(title="T.", date=dt.date(2022, 7, 22)), "T. 22 July 2022."),
    (dict(title="A *title*", publisher="P."), "A title. P."),
    (dict(title="T", note="a note"), "T."),  # the note is set apart by each edition
])
def test_citation(kw, text):
    assert present.citation(Source(id="s", **kw)) == text


@pytest.mark.parametrize("n,size,lengths", [(0, 8, []), (7, 8, [7]), (8, 8, [8]), (9, 8, [5, 4]), (17, 8, [6, 6, 5])])
def test_balanced_chunks_cover_every_column_once(n, size, lengths):
    groups = present.balanced_chunks(n, size)
    assert [len(g) for g in groups] == lengths
    assert sum(groups, ()) == tuple(range(n))


def test_contrast_ratios_match_wcag():
    assert present.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert present.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert not present.passes_aa("#777777", "#FFFFFF")
    assert present.passes_aa("#777777", "#FFFFFF", large=True)


def test_text_on_a_fill_is_the_theme_colour_with_more_contrast():
    t = load_theme("print")
    # The three mid greys the memo once inked white and the deck black: black reads better on each.
    for key in ("likelihood.medium", "position.conditional", "tone.cautious"):
        assert present.text_on(t.color(key), t) == t.color("color.text"), key
    assert present.text_on(t.color("stance.strongly_support"), t) == t.color("color.page")


def _fills(theme):
    """Every (fill, text) pair the editions draw text on."""
    for score in (*SCORES, None):
        yield f"stance {score}", colours.fill_for(theme, "stance", score)
    for kind, values in (("likelihood", LIKELIHOODS), ("position", POSITIONS), ("tone", TONES)):
        for v in values:
            yield f"{kind} {v}", colours.fill_for(theme, kind, v)


@pytest.mark.parametrize("name", builtin_themes())
def test_every_fill_and_its_text_pass_aa_in_every_builtin_theme(name):
    t = load_theme(name)
    failures = []
    for what, fill in _fills(t):
        ink = present.text_on(fill, t)
        if not present.passes_aa(ink, fill):
            failures.append(f"{what}: {ink} on {fill} = {present.contrast(ink, fill):.2f}")
    fixed = [("table header", "table.header.text", "table.header.fill"), ("banner", "banner.text", "banner.fill"),
             ("body", "color.text", "color.page"), ("muted", "color.muted", "color.page"),
             ("muted on zebra", "color.muted", "table.zebra.fill"), ("bottom line", "color.text", "bluf.fill"),
             ("muted on no stance", "color.muted", "stance.none"), ("heading", "color.primary", "color.page")]
    for what, ink, fill in fixed:
        ink, fill = t.color(ink), t.color(fill)
        if not present.passes_aa(ink, fill):
            failures.append(f"{what}: {ink} on {fill} = {present.contrast(ink, fill):.2f}")
    assert not failures, f"theme {name}: " + "; ".join(failures)


def test_the_rules_import_no_rendering_library_and_nothing_of_any_edition():
    import subprocess
    import sys

    code = ("import sys, reportkit.present; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pptx', 'matplotlib'})); "
            "print(sorted(m for m in sys.modules if m.startswith(('reportkit.memo', 'reportkit.deck'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[]", "[]"]


def test_the_deck_emitter_and_template_do_not_import_the_planner():
    """Geometry lives in deck/layout.py; what draws a deck must not depend on how it was planned."""
    import ast
    from pathlib import Path

    import reportkit.deck

    deck = Path(reportkit.deck.__file__).parent
    for path in (deck / "emit.py", deck / "template.py", deck / "overflow.py", deck / "picture.py",
                 deck / "templates" / "make_base.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                assert not module.lstrip(".").startswith(("plan", "slides", "reportkit.deck.plan",
                                                          "reportkit.deck.slides")), f"{path.name}: {module}"
