"""Source grades as the reader sees them: every edition that prints endnote markers (PDF memo, Word,
web page) prints the same graded markers ("[1, B2; 2, C3]") from one helper (present.markers), the
list of sources keys the letter and the digit with their meanings, and an audience that withholds
grades (press) gets plain markers and no key."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reportkit import standards as std
from reportkit.memo import plan as memo_plan
from reportkit.pipeline import prepare, read_source
from reportkit.present import Ref, analytic, grade_key, markers
from reportkit.registry import REGISTRY

HERE = Path(__file__).parent
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None and not __import__("os").environ.get("CI"),
                                     reason="pdftotext (poppler-utils) not installed")


def squash(text: str) -> str:
    return " ".join(text.split())


def texts(name: str, audience: str | None = None) -> dict[str, str]:
    """Each marker-printing edition's text, as a reader's program extracts it."""
    import html as htmllib

    import docx

    prepared = prepare(read_source(HERE / f"{name}.yaml"), audience)
    out = {}
    pdf = REGISTRY["memo"].render(prepared.for_format("memo")).data
    out["memo"] = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    d = docx.Document(io.BytesIO(REGISTRY["docx"].render(prepared.for_format("docx")).data))
    out["docx"] = " ".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])
    page = REGISTRY["html"].render(prepared.for_format("html")).data.decode()
    body = re.sub(r"<(style|title)>.*?</\1>", " ", page, flags=re.S)
    out["html"] = htmllib.unescape(re.sub(r"<[^>]+>", "", body))
    return {k: squash(v) for k, v in out.items()}


def plan_markers(name: str, audience: str | None = None) -> list[str]:
    plan = memo_plan.plan(prepare(read_source(HERE / f"{name}.yaml"), audience).for_format("memo"))
    found = []
    for block in plan.blocks:
        for refs in memo_plan._block_refs(block):
            if refs:
                found.append(markers(refs).text)
    return found


def test_markers_carry_the_grade_of_each_citation():
    assert markers([3, 5]).text == "3,5"  # ungraded markers as they always were
    assert markers([Ref(3, "B2"), Ref(5)]).text == "[3, B2; 5]"
    assert markers([Ref(1, "F6")]).labels == ((1, "1, F6"),)


def test_the_plan_grades_each_citation_with_its_own_credibility():
    found = plan_markers("icd203")
    # summary cites wire (B, credibility 2) and ministry (C, 3); a key judgment rates only the wire
    assert "[1, B2; 2, C3]" in found and "[1, B2; 2, C]" in found
    assert "[1, B3]" in found  # the reaction: wire at credibility 3
    assert all(m.startswith("[") for m in found)  # every source here is graded


@needs_pdftotext
@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_every_edition_prints_the_same_graded_markers_and_their_key(name):
    found = plan_markers(name)
    key = grade_key(True, any(re.search(r"\d\]|\d;", m) for m in found))
    assert found and key
    for edition, text in texts(name).items():
        for m in found:
            assert m in text, f"{edition} lacks marker {m!r}"
        assert squash(key) in text, f"{edition} lacks the key to the grades"
        for letter, meaning in std.RELIABILITY.items():
            if f"Reliability {letter} " in text:
                assert analytic.reliability_text(letter) in text  # the grade with its meaning


@needs_pdftotext
def test_press_gets_plain_markers_and_no_key():
    found = plan_markers("icd203", "press")
    assert found and all(re.fullmatch(r"[\d,]+", m) for m in found), found
    for edition, text in texts("icd203", "press").items():
        assert "Admiralty" not in text and "Reliability" not in text, edition
        assert not re.search(r"\[\d+, [A-F]", text), edition
