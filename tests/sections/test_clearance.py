"""The clearance block (``briefing.drafted_by`` / ``cleared_by``): printed in the memo's header area in
every memo edition (PDF, Word, web page) and on the deck's last slide; withheld from audiences whose
profile says ``clearance_block: false`` (the press) and line by line by the usual tags."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile

import pytest
import yaml

from conftest import REFERENCE, require_tool
from helpers import compact, run_cli, squash, write_yaml, copy_reference

DRAFTED = {"name": "Jordan Example", "office": "Office of Eastern European Affairs", "date": "2026-11-25"}
CLEARED = [{"name": "Casey Sample", "office": "Policy Planning Staff", "date": "2026-11-26"},
           {"name": "Riley Placeholder", "office": "EUR/RUS"},
           {"name": "Morgan Internalonly", "office": "Front Office", "sensitivity": "restricted"}]
DRAFTED_LINE = "Jordan Example, Office of Eastern European Affairs, 25 November 2026"
CLEARED_LINE = "Casey Sample, Policy Planning Staff, 26 November 2026; Riley Placeholder, EUR/RUS"
NAMES = ("Jordan Example", "Casey Sample", "Riley Placeholder", "Morgan Internalonly", "Eastern European Affairs")


def _content(folder, drafted=None, cleared=None, audiences=None):
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["briefing"]["drafted_by"] = drafted if drafted is not None else [DRAFTED]
    data["briefing"]["cleared_by"] = cleared if cleared is not None else CLEARED
    if audiences:
        data["audiences"] = audiences
    return copy_reference(folder, "cleared.yaml", data=data)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clearance")
    content = _content(folder, audiences={"desk": {"label": "Desk", "clearance": "internal"},
                                          "nosign": {"label": "No sign-offs", "clearance_block": False}})
    out = folder / "out"
    runs = {}
    for audience in ("staff", "press", "desk", "nosign"):
        r = run_cli("build", content, "--audience", audience, "--format", "memo,deck,docx,html", "--out", out)
        assert r.returncode == 0, r.stderr
        runs[audience] = r
    return out, runs


def _pdf_text(path) -> str:
    return subprocess.run([require_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _docx_text(path) -> str:
    """The document's text in reading order (paragraphs and table cells as they come)."""
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(str(path)).element.body
    return " ".join(p.xpath("string(.)") for p in body.iter(qn("w:p")))


def _html_text(path) -> str:
    return re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))


def _last_slide_text(path) -> str:
    from pptx import Presentation

    prs = Presentation(str(path))
    return "\n".join(s.text_frame.text for s in prs.slides[-1].shapes if s.has_text_frame)


def test_words_and_dates_come_from_present():
    from reportkit.content import load
    from reportkit.model import Signoff
    from reportkit.present import clearance

    b = load(REFERENCE)
    assert clearance.lines(b) == ()  # the reference briefing invents nobody
    import dataclasses

    b2 = dataclasses.replace(b, clearance=(Signoff(role="cleared", name="B. *Director*", date=dt.date(2026, 1, 5)),
                                           Signoff(role="drafted", name="A. Analyst", office="Desk")))
    assert clearance.lines(b2) == (("Drafted", "A. Analyst, Desk"), ("Cleared", "B. Director, 5 January 2026"))


def test_memo_pdf_header_area(built):
    out, _ = built
    text = _pdf_text(out / "cleared-staff-memo.pdf")
    header = text[:text.index("Key judgments")]  # the header area, before the first heading
    assert re.search(r"DRAFTED\s+" + re.escape(DRAFTED_LINE), header)
    assert compact("CLEARED" + CLEARED_LINE + "; Morgan Internalonly, Front Office") in compact(header)


def test_deck_last_slide(built):
    out, _ = built
    from reportkit.deck.overflow import check

    last = _last_slide_text(out / "cleared-staff-deck.pptx")
    assert f"Drafted: {DRAFTED_LINE}" in last
    assert f"Cleared: {CLEARED_LINE}; Morgan Internalonly, Front Office" in last
    assert "Sources" in last or "News article" in last  # under the last slide's own text, not a slide of its own
    assert check(out / "cleared-staff-deck.pptx") == []


def test_word_and_web_memo_header(built):
    out, _ = built
    docx_text = squash(_docx_text(out / "cleared-staff-memo.docx"))
    html_text = squash(_html_text(out / "cleared-staff-briefing.html"))
    for text in (docx_text, html_text):
        assert DRAFTED_LINE in text and CLEARED_LINE in text
        assert "DRAFTED" in text and "CLEARED" in text
        assert text.index("SUBJECT") < text.index("DRAFTED") < text.index("Key judgments")


def test_tags_withhold_single_lines(built):
    out, runs = built
    text = _pdf_text(out / "cleared-desk-memo.pdf")
    assert "Casey Sample" in text and "Morgan Internalonly" not in text
    assert "clearance cleared Morgan Internalonly" in runs["desk"].stdout


def _every_part(path) -> str:
    with zipfile.ZipFile(path) as z:
        return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))


@pytest.mark.parametrize("audience", ["press", "nosign"])
def test_profile_withholds_the_whole_block(built, audience):
    out, runs = built
    assert "clearance" in runs[audience].stdout  # the build says what it withheld
    outputs = {
        "memo": _pdf_text(out / f"cleared-{audience}-memo.pdf"),
        "deck": _every_part(out / f"cleared-{audience}-deck.pptx"),
        "docx": _every_part(out / f"cleared-{audience}-memo.docx"),
        "html": (out / f"cleared-{audience}-briefing.html").read_text(encoding="utf-8"),
    }
    for kind, text in outputs.items():
        for name in NAMES:
            assert compact(name) not in compact(text), f"{audience} {kind} shows {name}"
        assert "DRAFTED" not in text and "Drafted:" not in text


def test_long_block_gets_a_slide_of_its_own_that_fits(tmp_path):
    """Ten times the sign-offs, with CJK and right-to-left names: the block no longer fits under the
    sources, so the deck ends with slides of its own for it, and nothing overflows."""
    from reportkit.deck.overflow import check
    from pptx import Presentation

    many = [{"name": f"{n} Example {'长名字' * 3} {'שם ארוך'}", "office": "Office of " + "Very Long Affairs " * 4,
             "date": "2026-11-26"} for n in range(30)]
    content = _content(tmp_path, drafted=[DRAFTED], cleared=many)
    r = run_cli("build", content, "--audience", "staff", "--format", "deck", "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    deck = tmp_path / "out" / "cleared-staff-deck.pptx"
    prs = Presentation(str(deck))
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]
    assert titles[-1].startswith("Drafting and clearance")
    assert "29 Example" in " ".join(sh.text_frame.text for s in list(prs.slides)[-3:] for sh in s.shapes
                                    if sh.has_text_frame)
    assert check(deck) == []


def test_schema_and_validator_know_the_block(tmp_path):
    content = _content(tmp_path, drafted=[{"office": "Desk"}])
    r = run_cli("validate", content)
    assert r.returncode == 2
    assert "missing required field name" in r.stderr and "cleared.yaml:" in r.stderr
    import json

    from reportkit.content.schema import schema_json

    schema = json.loads(schema_json())
    briefing = schema["$defs"]["briefing"]["properties"]
    assert {"drafted_by", "cleared_by"} <= set(briefing)
