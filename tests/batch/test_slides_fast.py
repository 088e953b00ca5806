"""New slides, their chrome and their speaker notes are made once per deck through python-pptx and
then copied as XML (``workarounds.pptx.add_slide``, ``_notes_body``; ``deck.emit.Emitter.chrome``).
The decks must be the same, byte for byte, as made the slow way on every slide: python-pptx's
``add_slide`` with its placeholders removed, every banner drawn, ``slide.notes_slide``."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pptx")

from reportkit.deck import emit  # noqa: E402
from reportkit.workarounds import pptx as wa  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "data" / "templates"))
from make_house_potx import house_potx  # noqa: E402


def _deck(content: Path, theme: str, audience: str | None = None) -> bytes:
    from reportkit.build import render
    from reportkit.pipeline import prepare, read_source

    return render(prepare(read_source(content), audience, theme).for_format("deck"), "deck").data


def _slow_slide(prs, layout):
    slide = prs.slides.add_slide(layout)
    slide.shapes.turbo_add_enabled = True
    title = None
    for ph in list(slide.placeholders):
        if ph.placeholder_format.idx == 0 and title is None:
            title = ph._element
        else:
            ph._element.getparent().remove(ph._element)
    return slide, title


def _slow(monkeypatch) -> None:
    chrome = emit.Emitter.chrome

    def every_time(self, slide, number):
        self._chrome = None
        chrome(self, slide, number)

    monkeypatch.setattr(wa, "add_slide", _slow_slide)
    monkeypatch.setattr(emit.Emitter, "chrome", every_time)
    monkeypatch.setattr(wa, "_notes_body", lambda slide: slide.notes_slide.notes_text_frame._txBody)


def _house(tmp_path: Path, layouts: str, template: bool = True) -> str:
    (tmp_path / "house.potx").write_bytes(house_potx())
    own = "  template: house.potx\n" if template else ""
    (tmp_path / "house.yaml").write_text(f"extends: default\ndeck:\n{own}{layouts}", encoding="utf-8")
    return str(tmp_path / "house.yaml")


@pytest.mark.parametrize("content, theme, audience", [
    ("content/us-russia-talks.yaml", "default", None),
    ("content/us-russia-talks.yaml", "print", "staff"),
    ("tests/data/scripts-rtl.yaml", "default", None),
    ("content/us-russia-talks.yaml", "house-fallbacks", None),  # layouts missing: 'Legacy …' with other placeholders
    ("content/us-russia-talks.yaml", "house-master-2", None),  # layouts on the second master
    ("content/us-russia-talks.yaml", "subtitled", None),  # every slide's layout has a placeholder to remove
    ("content/us-russia-talks.yaml", "untitled", None),  # no title placeholder: a text box is the title
], ids=["reference-default", "reference-print-staff", "rtl", "house-fallbacks", "house-master-2", "subtitled",
        "untitled"])
def test_slides_chrome_and_notes_copied_give_the_same_bytes(content, theme, audience, tmp_path, monkeypatch):
    import io
    import zipfile

    if theme == "house-fallbacks":
        theme = _house(tmp_path, "")
    elif theme == "house-master-2":
        theme = _house(tmp_path, "  layouts: {title: Cover, content: Body Text}\n")
    elif theme == "subtitled":
        theme = _house(tmp_path, "  layouts: {content: Title Slide}\n", template=False)
    elif theme == "untitled":
        theme = _house(tmp_path, "  layouts: {content: Blank}\n", template=False)
    fast = _deck(ROOT / content, theme, audience)
    with zipfile.ZipFile(io.BytesIO(fast)) as z:
        assert sum(n.startswith("ppt/slides/slide") for n in z.namelist()) > 10
        assert sum(n.startswith("ppt/notesSlides/notesSlide") for n in z.namelist()) > 3
    _slow(monkeypatch)
    assert _deck(ROOT / content, theme, audience) == fast
