"""Hazard: a package a strict consumer rejects. Every deck and Word memo with a chart validates against
the ISO/IEC 29500 transitional schemas with nothing excepted: python-pptx's negative chart axis ids
(``c:axId``, ``c:crossAx``: ``xsd:unsignedInt``) are rewritten (``workarounds.pptx.unsigned_axis_ids``)."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import REFERENCE, require_tool
from docx_support import schema_problems
from hostile import render_every_edition

DATA = Path(__file__).resolve().parents[1] / "data"
BRIEFINGS = [REFERENCE, DATA / "scripts-cjk.yaml", DATA / "scripts-rtl.yaml"]
SHARED_CHECK = Path("/work/shared/tools/ooxml-check")


def ooxml_check() -> str:
    found = shutil.which("ooxml-check") or os.environ.get("OOXML_CHECK")
    if found or not SHARED_CHECK.exists():
        return found or require_tool("ooxml-check")
    return str(SHARED_CHECK)


def axis_ids(package: bytes) -> dict[str, list[int]]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {n: [int(v) for v in re.findall(rb'<c:(?:axId|crossAx) val="(-?\d+)"', z.read(n))]
                for n in z.namelist() if re.search(r"/charts/chart\d+\.xml$", n)}


@pytest.fixture(scope="module", params=BRIEFINGS, ids=lambda p: p.stem)
def outputs(request):
    return render_every_edition(request.param, ["deck", "docx"])


def test_the_deck_passes_ooxml_check_with_nothing_excepted(outputs, tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(outputs["deck"])
    r = subprocess.run([ooxml_check(), str(deck)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert ", 0 problems" in r.stdout


@pytest.mark.parametrize("edition", ["deck", "docx"])
def test_chart_axis_ids_are_unsigned_and_meet_their_axes(outputs, edition):
    charts = axis_ids(outputs[edition])
    assert charts, f"the {edition} has no chart"
    for name, ids in charts.items():
        assert ids and all(0 <= i <= 0xFFFFFFFF for i in ids), (name, ids)
        # a plot names two axes; each axis names itself and the one it crosses: the same two ids
        assert len(set(ids)) == 2 and all(ids.count(i) == 3 for i in set(ids)), (name, ids)


def test_the_word_memo_validates_with_nothing_excepted(outputs, tmp_path):
    assert schema_problems(outputs["docx"], tmp_path) == []
