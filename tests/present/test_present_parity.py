"""The memo and the deck word the same data the same way.

Both editions are built from one edition (the reference briefing, and tests/data/present.yaml which
holds every position, likelihood and tone), then read back as a reader's tools see them: the PDF
with pdftotext (and pypdf for text colours), the PPTX with python-pptx. Each datum is extracted from
each file on its own and compared field by field: dates, citations, likelihoods and their basis,
positions, tones, "None stated in the source.", moved scores and the "What changed" lines.
"""
from __future__ import annotations

import io
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from conftest import REFERENCE, require_tool
from reportkit import present
from reportkit.present import analytic
from reportkit.build import render
from reportkit.diff.digest import digest
from reportkit.pipeline import load_edition

DATA = Path(__file__).resolve().parents[1] / "data"
BRIEFINGS = {"reference": REFERENCE, "present": DATA / "present.yaml"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{2}} (?:{MONTHS}) \d{{4}}\b")
SCORE = r"[+\u2212]?\d"
MOVE = re.compile(rf"({SCORE}) \u2192 ({SCORE}\u2020?)(?!:)")
WORDS = {"positions": ("Supports", "Conditional", "Opposes"), "likelihoods": ("Low", "Medium", "High"),
         "tones": ("Welcoming", "Hopeful", "Cautious", "Skeptical", "Opposed", "Neutral")}


def squash(text: str) -> str:
    return " ".join(text.split())


# --- reading the two files --------------------------------------------------------------------------


class Memo:
    def __init__(self, pdf: bytes, tmp: Path):
        path = tmp / "memo.pdf"
        path.write_bytes(pdf)
        tool = require_tool("pdftotext")
        self.layout = subprocess.run([tool, "-layout", str(path), "-"], check=True, capture_output=True,
                                     text=True).stdout
        self.raw = subprocess.run([tool, str(path), "-"], check=True, capture_output=True, text=True).stdout
        self.flat = squash(self.raw)
        self.pdf = pdf

    def lines_between(self, start: str, end: str | None) -> list[str]:
        """The -layout lines from the heading ``start`` to the heading ``end`` (page furniture dropped)."""
        lines = self.layout.splitlines()
        k = next(i for i, line in enumerate(lines) if line.strip() == start)
        out = []
        for line in lines[k + 1:]:
            if end and line.strip() == end:
                break
            out.append(line)
        return out

    def section(self, start: str, end: str | None) -> str:
        return squash("\n".join(self.lines_between(start, end)))


class Deck:
    def __init__(self, pptx: bytes):
        self.prs = Presentation(io.BytesIO(pptx))
        self.slides = list(self.prs.slides)

    @staticmethod
    def title(slide) -> str:
        """The slide's title without the kind a repeated title is prefixed with ("Outcome: …")."""
        text = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        return re.sub(r"^(?:Outcome|Issue): ", "", text)

    def slide(self, title: str, having: str | None = None):
        """The slide titled ``title`` (with a shape named ``having``: an issue and an outcome may share a name)."""
        return next(s for s in self.slides if self.title(s) == title
                    and (having is None or any(sh.name == having for sh in self.shapes(s))))

    def shapes(self, slide, name: str | None = None):
        def walk(shapes):
            for sh in shapes:
                if sh.shape_type == 6:  # group
                    yield from walk(sh.shapes)
                else:
                    yield sh
        return [sh for sh in walk(slide.shapes) if name is None or sh.name == name]

    def paragraphs(self, slide, name: str) -> list[str]:
        return [p.text for sh in self.shapes(slide, name) for p in sh.text_frame.paragraphs]

    def text(self) -> str:
        """Everything printed on the slides (not the speaker notes)."""
        out = []
        for s in self.slides:
            for sh in self.shapes(s):
                if sh.has_text_frame:
                    out.append(sh.text_frame.text)
                elif getattr(sh, "has_table", False) and sh.has_table:
                    out += [c.text for r in sh.table.rows for c in r.cells]
        return squash("\n".join(out))

    def table(self, slide, name: str):
        return next(sh.table for sh in self.shapes(slide, name) if sh.has_table)


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def built(request, tmp_path_factory):
    edition = load_edition(BRIEFINGS[request.param])
    tmp = tmp_path_factory.mktemp(request.param)
    return edition, Memo(render(edition, "memo").data, tmp), Deck(render(edition, "deck").data)


# --- field by field ---------------------------------------------------------------------------------


def test_dates(built):
    edition, memo, deck = built
    b = edition.briefing
    expected = {present.day(b.meta.date)} | {present.day(s.date) for s in b.sources if s.date}
    assert set(DATE.findall(memo.flat)) == set(DATE.findall(deck.text())) == expected
    assert re.search(r"^\s*DATE\s+(.+?)\s*$", memo.layout, re.M).group(1) == present.day(b.meta.date)
    assert deck.paragraphs(deck.slides[0], "Date and organisation")[0] == present.day(b.meta.date)


def test_citations(built):
    edition, memo, deck = built
    b = edition.briefing
    paras = deck.paragraphs(deck.slide("Sources"), "Sources text")
    deck_entries, k = [], 0
    for s in b.sources:  # a source's note is its own paragraph on the slide, after its citation
        deck_entries.append(paras[k] + (f" {paras[k + 1]}" if s.note else ""))
        k += 2 if s.note else 1
    section = memo.section("Sources", None)
    memo_entries = []
    start = 0
    for n in range(1, len(b.sources) + 1):  # "1. …" up to " 2. " or the page footer
        start = section.index(f"{n}. ", start) + len(f"{n}. ")
        stop = section.find(f" {n + 1}. ", start) if n < len(b.sources) else section.find(b.meta.organisation, start)
        memo_entries.append(section[start:stop if stop > 0 else None].strip())
        start = stop
    expected = [present.citation(s) + (f" {squash(s.note)}" if s.note else "") for s in b.sources]
    assert memo_entries == deck_entries == expected


def _memo_likelihoods(memo: Memo, titles):
    out = {}
    for title in titles:
        words = title.split()  # the table may wrap a long title: its first line is a prefix
        starts = "|".join(re.escape(" ".join(words[:n])) for n in range(len(words), min(2, len(words)) - 1, -1))
        m = re.search(rf"^[ \t]*(?:{starts})\d*[ \t]+({'|'.join(WORDS['likelihoods'])})\b", memo.layout, re.M)
        assert m, f"memo has no likelihood for {title}"
        out[title] = m.group(1)
    return out


def test_likelihoods_and_their_basis(built):
    edition, memo, deck = built
    outcomes = edition.briefing.outcomes
    expected = {o.title: present.likelihood_word(o.likelihood) for o in outcomes}
    overview = deck.table(deck.slide("Possible outcomes"), "Outcomes")
    in_overview = {r.cells[0].text: r.cells[1].text.split()[0] for r in list(overview.rows)[1:]}
    judged = {deck.title(s): next(sh.name for sh in deck.shapes(s) if sh.name.endswith("(judged)"))
              for s in deck.slides if any(sh.name.endswith("(judged)") for sh in deck.shapes(s))}
    on_slides = {t: next(sh.text_frame.text for sh in deck.shapes(deck.slide(t, name)) if sh.name == name)
                 for t, name in judged.items()}
    assert _memo_likelihoods(memo, expected) == in_overview == on_slides == expected
    bases = Counter(present.likelihood_basis_word(o.likelihood_basis) for o in outcomes)
    section = memo.section("Potential outcomes", "Party positions on each outcome")
    deck_bases = Counter(deck.paragraphs(deck.slide(o.title, "Likelihood basis"), "Likelihood basis")[0]
                         for o in outcomes)
    for word, n in bases.items():
        assert section.count(word) == deck_bases[word] == n, word
    note = present.words.likelihood_note(o.likelihood_basis for o in outcomes)
    assert note in section and deck.paragraphs(deck.slide("Possible outcomes"), "Likelihood note") == [note]


def test_positions(built):
    edition, memo, deck = built
    b = edition.briefing
    words = "|".join(WORDS["positions"])
    lines = memo.lines_between("Party positions on each outcome", "International reactions")
    outcomes = analytic.likelihood_order(b.meta.likelihood_scale, b.outcomes)  # the order every edition prints
    starts = [next(k for k, line in enumerate(lines) if line.strip().startswith(o.title.split(" ")[0] + " ")
                   and o.title.split()[1] in line) for o in outcomes]
    memo_rows = {}
    for o, start, end in zip(outcomes, starts, starts[1:] + [len(lines)]):
        memo_rows[o.title] = re.findall(rf"\b(?:{words})\b", "\n".join(lines[start:end]))
    deck_rows = {}
    for o in b.outcomes:
        table = deck.table(deck.slide(o.title, "Party positions"), "Party positions")
        deck_rows[o.title] = [r.cells[1].text for r in list(table.rows)[1:]]
    expected = {o.title: [present.position_word(o.position_of(p.id)) for p in b.parties
                          if o.position_of(p.id) != "unknown"] for o in b.outcomes}
    assert memo_rows == deck_rows == expected


def test_tones(built):
    edition, memo, deck = built
    b = edition.briefing
    names = {p.id: p.name for p in b.parties}
    tones = "|".join(WORDS["tones"])
    lines = memo.lines_between("International reactions", "Next steps")
    memo_rows = [(m.group(1), m.group(2)) for line in lines
                 if (m := re.match(rf"^\s*({'|'.join(re.escape(n) for n in names.values())})\s+({tones})\b", line))]
    deck_rows = [tuple(re.match(rf"^\u25cf (.+) \u2013 ({tones}): ", p).groups())
                 for p in deck.paragraphs(deck.slide("International reactions"), "International reactions text")]
    expected = [(names[r.party], present.tone_word(r.tone)) for r in b.reactions]
    assert memo_rows == deck_rows == expected


def test_none_stated(built):
    edition, memo, deck = built
    empty = sum((not o.conditions) + (not o.obstacles) for o in edition.briefing.outcomes)
    on_slides = sum(p == present.NONE_STATED for o in edition.briefing.outcomes
                    for p in deck.paragraphs(deck.slide(o.title, "Conditions and obstacles"), "Conditions and obstacles"))
    assert memo.flat.count(present.NONE_STATED) == on_slides == empty
    for wrong in ("None named", "none named"):
        assert wrong not in memo.flat and wrong not in deck.text()


# --- with the changes since an older version --------------------------------------------------------


@pytest.fixture(scope="module")
def since(tmp_path_factory):
    """tests/data/present.yaml against an older version of itself: two scores moved, a likelihood rose,
    a position changed, one wording edit."""
    tmp = tmp_path_factory.mktemp("since")
    raw = yaml.safe_load((DATA / "present.yaml").read_text(encoding="utf-8"))
    raw["briefing"]["date"] = "2022-07-15"
    raw["stances"][0]["score"] = 1  # Northland on fees: +1 -> +2
    raw["stances"][1]["score"] = 1  # Southmark on fees: +1 -> -1 (inferred)
    raw["outcomes"][0]["likelihood"] = "low"
    raw["outcomes"][0]["positions"]["so"] = "oppose"
    raw["summary"][0]["text"] = "The parties meet again in August."
    old = tmp / "old.yaml"
    old.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    edition = load_edition(DATA / "present.yaml", since=str(old))
    return edition, Memo(render(edition, "memo").data, tmp), Deck(render(edition, "deck").data)


def test_moved_scores(since):
    edition, memo, deck = since
    c = edition.changes
    cell = {(s.party, s.issue): present.score_cell(s.score, s.basis) for s in edition.briefing.stances}
    expected = sorted((present.signed(m.old), cell[(m.party, m.issue)]) for m in c.stances_moved)
    matrix = memo.section("Where the parties stand", "What each score measures (a positive score supports the proposition)")
    heat = deck.table(deck.slide("Where the parties stand"), "Stance heatmap")
    in_deck = sorted(MOVE.match(c.text).groups() for r in heat.rows for c in r.cells if MOVE.match(c.text))
    assert sorted(MOVE.findall(matrix)) == in_deck == expected
    key = present.words.moved_key(present.day(c.old_date))
    assert key in memo.flat and key in deck.text()


def test_what_changed_lines(since):
    edition, memo, deck = since
    d = digest(edition.changes)
    slide_lines = [p for s in deck.slides if deck.title(s).startswith("What changed since")
                   for p in deck.paragraphs(s, f"What changed since {present.dates.day_month(edition.changes.old_date)} text")]
    for _, lines in d.groups:
        for line in lines:
            assert squash(line) in memo.flat, line
            assert line in slide_lines, line
    assert d.wording and "1 wording edit that changes no score" in d.wording
    assert squash(d.wording) in memo.flat and d.wording in slide_lines


def test_likelihood_change(since):
    edition, memo, deck = since
    o = edition.briefing.outcomes[0]
    change = present.words.likelihood_change("up", "low")
    assert change in memo.flat
    assert deck.paragraphs(deck.slide(o.title, "Likelihood basis"), "Likelihood basis")[0].startswith(change)


# --- text on fills ----------------------------------------------------------------------------------


def _memo_text_colours(pdf: bytes) -> dict[str, str]:
    """Each word the memo draws, with the fill colour it is drawn in (the last ``rg``/``g`` before it)."""
    from pypdf import PdfReader

    colours: dict[str, str] = {}
    state = {"fill": "#000000"}

    def before(op, args, cm, tm):
        if op == b"rg":
            state["fill"] = "#" + "".join(f"{round(float(v) * 255):02X}" for v in args)
        elif op == b"g":
            state["fill"] = "#" + f"{round(float(args[0]) * 255):02X}" * 3

    def text(t, cm, tm, font, size):
        for word in t.split():
            colours.setdefault(word, state["fill"])

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return colours


def _deck_cell_colour(deck: Deck, slide_title: str, shape: str, word: str) -> str:
    for sh in deck.shapes(deck.slide(slide_title)):
        cells = ([c.text_frame for r in sh.table.rows for c in r.cells] if getattr(sh, "has_table", False)
                 and sh.has_table else [sh.text_frame] if sh.has_text_frame and sh.name == shape else [])
        for tf in cells:
            for p in tf.paragraphs:
                for r in p.runs:
                    if r.text.strip() == word:
                        return "#" + str(r.font.color.rgb)
    raise AssertionError(f"{word} not on {slide_title}")


def test_print_theme_fills_get_the_same_text_colour_in_memo_and_deck(tmp_path):
    edition = load_edition(DATA / "present.yaml", theme_name="print")
    t = edition.theme
    memo_colours = _memo_text_colours(render(edition, "memo").data)
    deck = Deck(render(edition, "deck").data)
    checks = [("Medium", "likelihood.medium", "A fee accord", "Likelihood medium (judged)"),
              ("Conditional", "position.conditional", "A fee accord", "Party positions")]
    for word, key, slide, shape in checks:
        fill = t.color(key)
        assert memo_colours[word] == _deck_cell_colour(deck, slide, shape, word) == present.text_on(fill, t), word
        assert present.passes_aa(memo_colours[word], fill), word
    # Tone: the memo fills the cell, the deck colours a dot beside the (body-coloured) word.
    assert memo_colours["Cautious"] == present.text_on(t.color("tone.cautious"), t)


def test_empty_parts_are_worded_alike(tmp_path):
    """A briefing with no bottom line, parties or outcomes: both editions say so in the same words."""
    import dataclasses

    from reportkit.edition import make_edition

    full = load_edition(DATA / "present.yaml")
    b = dataclasses.replace(full.briefing, summary=(), parties=(), stances=(), outcomes=(), reactions=())
    edition = make_edition(b, full.theme)
    memo, deck = Memo(render(edition, "memo").data, tmp_path), Deck(render(edition, "deck").data)
    for part in ("summary", "matrix", "outcomes"):
        message = present.words.EMPTY[part]
        assert message in memo.flat and message in deck.text(), part
