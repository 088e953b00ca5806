"""Speaker notes: python-pptx clones the notes master's placeholders for every notes slide through
its proxies; reportkit clones them once per deck and copies that tree (``workarounds.pptx``). The
decks must be the same, byte for byte, as with python-pptx's own ``slide.notes_slide``."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pptx")

from reportkit.workarounds import pptx as wa  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _deck(content: Path, theme: str, audience: str | None = None) -> bytes:
    from reportkit.build import render
    from reportkit.pipeline import prepare, read_source

    return render(prepare(read_source(content), audience, theme).for_format("deck"), "deck").data


@pytest.mark.parametrize("content, theme, audience", [
    (ROOT / "content" / "us-russia-talks.yaml", "default", None),
    (ROOT / "content" / "us-russia-talks.yaml", "print", "staff"),
    (ROOT / "tests" / "data" / "scripts-rtl.yaml", "default", None),
], ids=["reference-default", "reference-print-staff", "rtl"])
def test_notes_cloned_once_per_deck_give_the_same_bytes(content, theme, audience, monkeypatch):
    import zipfile
    import io

    fast = _deck(content, theme, audience)
    with zipfile.ZipFile(io.BytesIO(fast)) as z:
        assert sum(n.startswith("ppt/notesSlides/notesSlide") for n in z.namelist()) > 3
    monkeypatch.setattr(wa, "_notes_slide", lambda slide: slide.notes_slide)  # python-pptx's own path
    assert _deck(content, theme, audience) == fast
