"""Deck charts: the first chart of a style is styled through python-pptx's proxies, later charts of the
same style (in the deck, and in later decks of a batch worker) take a copy of its XML with their own
data (``deck.emit.Emitter._styled``); python-pptx's ``qn`` and ``xpath`` are cached
(``workarounds.pptx.fast_oxml``). Both must give the same bytes as doing the work every time."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pptx")

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "content" / "us-russia-talks.yaml"
DATA = ROOT / "tests" / "data"


def _deck(content: Path, theme: str | None = None, since: Path | None = None) -> bytes:
    from reportkit.build import render
    from reportkit.pipeline import prepare, read_source

    prepared = prepare(read_source(content), None, theme, None, str(since) if since else None)
    return render(prepared.for_format("deck"), "deck").data


class _NeverKept(dict):
    """A style cache that keeps nothing: every chart is styled through the proxies."""

    def __setitem__(self, key, value) -> None:
        pass


CASES = [(REFERENCE, None, None), (REFERENCE, "print", None), (DATA / "diff-new.yaml", None, DATA / "diff-old.yaml"),
         (DATA / "scripts-rtl.yaml", None, None)]


@pytest.mark.parametrize("content, theme, since", CASES, ids=["reference", "print", "since", "rtl"])
def test_charts_copied_from_a_styled_one_give_the_same_bytes(content, theme, since, monkeypatch):
    from reportkit.deck import emit

    monkeypatch.setattr(emit, "_STYLED", {})
    first = _deck(content, theme, since)  # the first chart of each style styled, the rest copied
    assert emit._STYLED, "no chart style was kept"
    again = _deck(content, theme, since)  # every chart copied (a batch worker's later decks)
    monkeypatch.setattr(emit, "_STYLED", _NeverKept())
    styled_each = _deck(content, theme, since)
    assert first == styled_each
    assert again == styled_each


def test_a_deck_with_inferred_scores_and_older_scores_has_both_marks():
    """The copied style keeps the per-point marks (inferred: dashed outline and "†" label) and the
    --since series, which are data, not style."""
    import io
    import zipfile

    data = _deck(DATA / "diff-new.yaml", since=DATA / "diff-old.yaml")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("ppt/charts/chart")]
    assert len(charts) > 1
    assert any("<c:dLbl>" in xml and "\u2020" in xml for xml in charts)  # an inferred score's own label
    assert any("<c:v>Previous (" in xml for xml in charts)  # the older scores' series
    assert any("<c:dPt>" in xml for xml in charts)  # an inferred bar's own outline


def test_cached_oxml_lookups_give_the_same_bytes(tmp_path):
    """A deck built with python-pptx's own ``qn`` and ``xpath`` (``fast_oxml`` turned off before the
    emitter is imported, in a fresh process) equals the one built with them cached."""
    code = ("import sys\nfrom reportkit.workarounds import pptx as wa\nwa.fast_oxml = lambda: None\n"
            "from reportkit.cli import main\nsys.exit(main(sys.argv[1:]))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, cmd in (("slow", [sys.executable, "-c", code]), ("fast", [sys.executable, "-m", "reportkit"])):
        subprocess.run([*cmd, "build", str(REFERENCE), "--format", "deck", "--out", str(tmp_path / name), "--quiet"],
                       check=True, env=env, cwd=ROOT)
    name = "us-russia-talks-deck.pptx"
    assert (tmp_path / "slow" / name).read_bytes() == (tmp_path / "fast" / name).read_bytes()
