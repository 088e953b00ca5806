"""Nothing withheld from the press may appear anywhere in its outputs: memo text and metadata, every
XML part of the deck (slides, notes, alt text, chart XML) and every part of each embedded workbook."""
from __future__ import annotations

import dataclasses
import io
import re
import typing
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REFERENCE
from reportkit.audience import BUILTIN, select
from reportkit.model import Briefing, Tagged
from helpers import compact, copy_reference, run_cli

MIN_LEN = 20  # shorter strings ("China", "Open questions") are common words; longer ones identify an item


NOT_TEXT = ("id", "audiences", "sensitivity", "sources")  # references and tags, not what a reader reads


def _texts(item) -> list[str]:
    """Every text a reader could see of an item: each string field and list of strings the model
    gives it (found from the model, so a new field is covered without touching this test)."""
    out = []
    for f in dataclasses.fields(item):
        v = getattr(item, f.name)
        if f.name in NOT_TEXT:
            continue
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, tuple) and all(isinstance(x, str) for x in v):
            out += list(v)
    # Compare what a reader sees: the memo turns *italic* and **bold** into styles.
    return [t.replace("*", "") for t in out]


def item_kinds() -> list[str]:
    """The briefing's fields that hold audience-tagged items, from the model's type hints: a new
    section added to ``Briefing`` is checked here without anyone remembering to add it."""
    hints = typing.get_type_hints(Briefing)
    return [name for name, hint in hints.items()
            if typing.get_origin(hint) is tuple and isinstance(typing.get_args(hint)[0], type)
            and issubclass(typing.get_args(hint)[0], Tagged)]


def _all_items(b):
    return [item for kind in item_kinds() for item in getattr(b, kind)]


def test_every_tagged_section_of_the_model_is_checked():
    assert set(item_kinds()) >= {"summary", "parties", "issues", "stances", "outcomes", "reactions", "sections",
                                 "next_steps", "sources", "clearance", "figures"}
    from reportkit.content import load

    outcome = load(REFERENCE).outcomes[0]
    texts = _texts(outcome)
    assert outcome.title in texts and outcome.summary.replace("*", "") in texts
    assert outcome.conditions and all(c.replace("*", "") in texts for c in outcome.conditions)


def withheld_strings(full, shown) -> list[str]:
    """Strings of withheld items that no shown item also carries (those may legitimately appear)."""
    shown_text = compact(" ".join(t for item in _all_items(shown) for t in _texts(item)))
    out = set()
    for item in _all_items(full):
        for t in _texts(item):
            if len(t) >= MIN_LEN and compact(t) not in shown_text:
                out.add(t)
    return sorted(out)


@pytest.fixture(scope="module")
def press_build(tmp_path_factory):
    """The reference briefing with more withheld: China (and so its stances, reaction and positions)
    is restricted, and a restricted source backs one bullet alone and one outcome beside the article."""
    folder = tmp_path_factory.mktemp("leaks")
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    next(p for p in data["parties"] if p["id"] == "cn")["sensitivity"] = "restricted"
    data["sources"].append({"id": "cable", "title": "Embassy cable 4471 on Kremlin preconditions",
                            "sensitivity": "restricted"})
    data["summary"].append({"text": "Moscow privately signals flexibility on the sequencing of guarantees.",
                            "sources": ["cable"]})
    data["outcomes"][0]["sources"] = ["article", "cable"]
    data["briefing"]["drafted_by"] = [{"name": "Jordan Example", "office": "Office of Eastern European Affairs"}]
    # a figure resting on the restricted cable, shown with the second section: its caption, alt text and
    # credit must not reach the press (the section's text does)
    data.setdefault("figures", []).append({
        "id": "cable-map", "file": "cable-map.png", "caption": "Channels named in the embassy cable",
        "alt": "Diagram of the back channels the cable describes", "credit": "Drawn from cable 4471 by the desk",
        "source": "cable"})
    data["sections"][1]["figure"] = "cable-map"
    from PIL import Image

    Image.new("RGB", (60, 40), (200, 30, 30)).save(folder / "cable-map.png")
    content = copy_reference(folder, "leaks.yaml", data=data)
    r = run_cli("build", str(content), "--audience", "press", "--out", str(folder / "out"))
    assert r.returncode == 0, r.stderr
    from reportkit.content import load

    full = load(content)
    shown, withheld = select(full, BUILTIN["press"])
    assert {"source", "party", "stance", "reaction", "position", "summary", "clearance", "figure"} <= set(withheld.counts())
    assert str(withheld) in r.stdout  # the build reports it
    strings = withheld_strings(full, shown)
    assert any("Embassy cable" in s for s in strings) and any("Offered to mediate" in s for s in strings)
    assert "Office of Eastern European Affairs" in strings  # the clearance block is checked too
    assert "Diagram of the back channels the cable describes" in strings  # and figures
    return folder / "out", strings


def _assert_clean(where: str, text: str, strings: list[str]) -> None:
    squashed = compact(text)
    leaks = [s for s in strings if compact(s) in squashed]
    assert not leaks, f"{where} leaks withheld text: {leaks}"


def test_press_memo_text_and_metadata(press_build):
    out, strings = press_build
    from pypdf import PdfReader

    pdf = out / "leaks-press-memo.pdf"
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert "Prepared for public release" in text  # the extraction works and the disclaimer is there
    _assert_clean("memo text", text, strings)
    _assert_clean("memo metadata", " ".join(str(v) for v in (reader.metadata or {}).values()), strings)
    _assert_clean("memo outline", repr(reader.outline), strings)


def _xml_parts(data: bytes, prefix: str = ""):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            blob = z.read(name)
            if name.endswith((".xlsx", ".xlsm", ".bin")) and blob[:2] == b"PK":
                yield from _xml_parts(blob, f"{prefix}{name}!")  # the workbook behind a native chart
            elif name.endswith((".xml", ".rels")):
                yield prefix + name, blob.decode("utf-8", "replace")


def test_press_deck_every_xml_part(press_build):
    out, strings = press_build
    parts = list(_xml_parts((out / "leaks-press-deck.pptx").read_bytes()))
    assert any(n.startswith("ppt/slides/slide") for n, _ in parts)
    for name, xml in parts:
        text = re.sub(r"<[^>]+>", " ", xml)  # text nodes; attributes (alt text: descr=) kept below
        attrs = " ".join(re.findall(r'="([^"]*)"', xml))
        _assert_clean(name, text + " " + attrs, strings)


def test_press_deck_has_no_speaker_notes(press_build):
    out, _ = press_build
    from pptx import Presentation

    prs = Presentation(out / "leaks-press-deck.pptx")
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert not any(n.strip() for n in notes)


def test_press_docx_every_xml_part(press_build):
    """The Word memo too: document, headers, footers, properties, charts and their workbooks."""
    out, strings = press_build
    r = run_cli("build", str(out.parent / "leaks.yaml"), "--audience", "press", "--format", "docx", "--out", str(out))
    assert r.returncode == 0, r.stderr
    parts = list(_xml_parts((out / "leaks-press-memo.docx").read_bytes()))
    assert any(n == "word/document.xml" for n, _ in parts) and any(n.startswith("word/charts/") for n, _ in parts)
    for name, xml in parts:
        text = re.sub(r"<[^>]+>", " ", xml)
        attrs = " ".join(re.findall(r'="([^"]*)"', xml))
        _assert_clean(name, text + " " + attrs, strings)
