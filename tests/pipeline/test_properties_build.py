"""Property tests, end to end: generated valid content (random parties, issues, outcomes; Cyrillic,
accents, markup characters, long words, emoji, right-to-left and combining text) always builds both
outputs, in-process; the PDF reopens and shows every party name its fonts can draw; the deck reopens
and no text overflows. Generated invalid content makes the real CLI exit 2 with FILE:LINE:COL."""
from __future__ import annotations

import pytest

import io
import re
import subprocess
import unicodedata

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import REFERENCE, require_tool
from reportkit.content import load_text
from reportkit.text import plain
import strategies
from strategies import content, corrupted
from helpers import layout_free, run_cli

# A build takes seconds, so few examples and no shrinking (it ran for minutes on one failure); a
# failure prints its full example and seed, and Hypothesis replays it first on the next run.
_SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
             phases=[Phase.explicit, Phase.reuse, Phase.generate])
BUILD = settings(max_examples=40, **_SLOW)
CLI = settings(max_examples=4, **_SLOW)

# Text a hurried analyst pastes in, beyond what strategies.WORDS holds.
EXTRA = ["👩🏽‍💼", "مفاوضات السلام", "ש\u05b8לוֹם", "a\u0308\u0323", "Ａ全角", "x" * 90, "<script>", "]]>", "%s {0}",
         "https://example.org/a?b=1&c=<2>", "file:///etc/passwd", "../../etc/passwd"]


def _cut(s: str, n: int) -> str:
    """``s`` within a label length limit, drawing nothing more (the derandomized sequence stays)."""
    return s if len(s) <= n else (s[:n].strip() or "x")


@st.composite
def hostile_content(draw) -> dict:
    """strategies.content plus the optional fields it leaves out, with the same hostile text."""
    data = draw(content())
    text = st.lists(st.one_of(st.sampled_from(EXTRA), strategies.text), min_size=1, max_size=6).map(" ".join)
    for party in data["parties"]:
        if draw(st.booleans()):
            party["name"] = f"{party['name']} {draw(st.sampled_from(EXTRA))}"[:300]  # the label length limit
        if draw(st.booleans()):
            party["short"] = _cut(draw(strategies.text), 60)  # short name limit
    for key in ("author", "organisation"):
        if draw(st.booleans()):
            data["briefing"][key] = _cut(draw(text), 300)
    for source in data["sources"]:
        if draw(st.booleans()):
            source["url"] = "https://example.org/" + draw(st.sampled_from(["../../etc/passwd", "a?b=<c>&d", "x" * 300]))
        if draw(st.booleans()):
            source["publisher"], source["note"] = _cut(draw(text), 300), draw(text)
    return data


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _edition(data: dict):
    from reportkit.edition import make_edition
    from reportkit.theme import load_theme

    return make_edition(load_text(dump(data), "generated.yaml"), load_theme("default"))


def _letters(s: str) -> str:
    return "".join(c for c in s if unicodedata.category(c)[0] in "LN")


def _pdf_text(pdf: bytes, tmp_path) -> str:
    """The memo's text in reading order: pdftotext (poppler) puts right-to-left runs back in logical
    order, which pypdf does not."""
    path = tmp_path / "memo.pdf"
    path.write_bytes(pdf)
    tool = require_tool("pdftotext")
    return subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout.decode()


def _drawable(name: str, fonts) -> set[str]:
    """What the memo's fonts can show of a party name: with or without its ``*emphasis*`` markers
    (the stance matrix prints names literally, running text draws the emphasis)."""
    have = fonts.covered | fonts.fallback_covered
    return {layout_free("".join(c for c in form if ord(c) in have)) for form in (name, plain(name))}


@BUILD
@given(hostile_content(), st.sampled_from([None, "principals", "press"]), st.sampled_from(["default", "print"]))
def test_generated_content_builds_both_outputs(tmp_path_factory, data, audience, theme):
    """For the full briefing and for audiences (brief principals' deck, press without notes), in
    both built-in themes (print has other fonts and widths)."""
    from pptx import Presentation
    from pypdf import PdfReader

    from reportkit import deck, memo
    from reportkit.deck.overflow import check_presentation
    from reportkit.memo.fonts import memo_fonts

    from reportkit.pipeline import load_edition

    path = tmp_path_factory.mktemp("content") / "generated.yaml"
    path.write_text(dump(data), encoding="utf-8")
    edition = load_edition(path, audience, theme)
    parties = edition.briefing.parties  # what this audience may see

    pdf = memo.render(edition).data
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1 and reader.pages[0].extract_text().strip()
    text = layout_free(_pdf_text(pdf, tmp_path_factory.mktemp("memo")))
    fonts = memo_fonts(edition.theme)
    for party in parties:
        shown = _drawable(party.name, fonts)
        if any(unicodedata.bidirectional(c) in ("R", "AL") for c in party.name):
            # A right-to-left run reorders its line: a name that starts with one is laid out right to
            # left, so its left-to-right pieces come out in another order. Check each piece's letters.
            have = fonts.covered | fonts.fallback_covered
            pieces = re.split(r"[\s\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+",
                              "".join(c for c in plain(party.name) if ord(c) in have))
            missing = [p for p in (_letters(layout_free(p)) for p in pieces) if p and p not in _letters(text)]
            assert not missing, (party.name, missing)
            continue
        assert any(form in text for form in shown), (party.name, shown)

    pptx = deck.render(edition).data
    prs = Presentation(io.BytesIO(pptx))
    assert len(prs.slides) >= 3
    notes = layout_free(" ".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide))
    with_stances = {s.party for s in edition.briefing.stances}
    for party in parties if audience is None else ():  # issue slides' notes name every party with a stance
        if party.id in with_stances:
            assert layout_free(plain(party.name)) in notes or layout_free(party.name) in notes, party.name
    assert [str(o) for o in check_presentation(prs)] == []
    assert _tables_below_the_body(prs) == []


def _tables_below_the_body(prs) -> list[str]:
    """Tables whose rows reach into the footer and banner (each cell may fit and the table still not)."""
    from reportkit.deck.layout import BODY

    found = []
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                bottom = (shape.top + sum(row.height for row in shape.table.rows)) / 12700
                if bottom > BODY.y + BODY.h + 0.5:
                    found.append(f"slide {n}: {shape.name} ends at {bottom:.1f} pt")
    return found


@CLI
@given(corrupted())
def test_invalid_content_exits_2_with_a_location(tmp_path_factory, case):
    name, data, _ = case
    folder = tmp_path_factory.mktemp("bad")
    path = folder / "bad.yaml"
    path.write_text(dump(data), encoding="utf-8")
    out = folder / "out"
    r = run_cli("build", str(path), "--out", str(out), timeout=120)
    assert r.returncode == 2, (name, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines and all(re.match(rf"{re.escape(str(path))}:\d+:\d+: \S", ln) for ln in lines), lines
    assert not out.exists() or list(out.iterdir()) == []


def test_characters_beyond_the_first_plane_are_extracted_as_themselves(tmp_path):
    """reportlab wrote their ToUnicode entries as 5 hex digits: 🂌 came back as U+1F08 (Greek)."""
    from pypdf import PdfReader

    from reportkit import memo

    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["parties"][0]["name"] = "Domino 🂌 and card 🂡"  # both in DejaVu Sans, the memo's fallback
    pdf = memo.render(_edition(data)).data
    pypdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "🂌" in pypdf_text and "🂡" in pypdf_text
    assert "Domino🂌andcard🂡" in layout_free(_pdf_text(pdf, tmp_path))
