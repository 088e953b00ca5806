"""The organisation's Word template: its styles, page setup, header and footer are kept; its sample
text is not; a style it lacks falls back with a one-line warning; a bad template is a located error;
``check-template`` reads Word templates too."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from conftest import REFERENCE
from docx_support import build, schema_problems
from helpers import copy_reference

sys.path.insert(0, str(Path(__file__).parents[1] / "data" / "templates"))
from make_house_dotx import (FOOTER_LINE, HOUSE_FONT, LETTERHEAD, MISSING_STYLE, SAMPLE_TEXT,  # noqa: E402
                             house_dotx)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("house")
    (folder / "house.dotx").write_bytes(house_dotx())
    (folder / "house.yaml").write_text("extends: default\nname: house\ndocx:\n  template: house.dotx\n",
                                       encoding="utf-8")
    copy_reference(folder, "briefing.yaml")
    return folder


@pytest.fixture(scope="module")
def built(project):
    r = build(["build", str(project / "briefing.yaml"), "--format", "docx", "--theme",
               str(project / "house.yaml"), "--out", str(project / "out")])
    assert r.returncode == 0, r.stderr
    return r, (project / "out" / "briefing-memo.docx").read_bytes()


def _doc(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data))


def test_the_house_look_is_kept_and_its_sample_text_dropped(built, tmp_path):
    _, data = built
    doc = _doc(data)
    assert doc.styles["Normal"].font.name == HOUSE_FONT
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 25
    header = [p.text for p in section.header.paragraphs]
    footer = [p.text for p in section.footer.paragraphs]
    banner = "UNCLASSIFIED · FULL EDITION"  # a build without --audience is the marked full edition
    assert header[0] == banner and LETTERHEAD in header
    assert FOOTER_LINE in footer and footer[-1] == banner
    body = "\n".join(p.text for p in doc.paragraphs)
    assert SAMPLE_TEXT not in body and "Bottom line up front" in body
    assert schema_problems(data, tmp_path) == []


def test_a_missing_style_falls_back_with_one_warning_line(built):
    r, data = built
    lines = [line for line in r.stderr.splitlines() if MISSING_STYLE in line]
    assert len(lines) == 1 and "List Paragraph" in lines[0] and "Word template house.dotx" in lines[0]
    doc = _doc(data)
    steps = [p for p in doc.paragraphs if p.style.name == "List Paragraph"]
    assert steps and steps[0].text.startswith("1.\tEstablish the conditions")  # numbers typed: the style has none
    assert steps[4].text.startswith("5.\t")


@pytest.mark.parametrize("content,message", [
    (b"not a zip at all", "is not a Word file"),
    (b"PK\x03\x04 broken", "damaged zip file"),
])
def test_a_bad_template_is_a_located_error(tmp_path, content, message):
    (tmp_path / "house.dotx").write_bytes(content)
    (tmp_path / "house.yaml").write_text("extends: default\nname: house\ndocx:\n  template: house.dotx\n",
                                         encoding="utf-8")
    copy_reference(tmp_path, "briefing.yaml")
    r = build(["build", str(tmp_path / "briefing.yaml"), "--format", "docx", "--theme", str(tmp_path / "house.yaml"),
               "--out", str(tmp_path / "out")])
    assert r.returncode == 2, r.stderr
    assert "house.yaml:4:" in r.stderr and message in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_a_pptx_named_as_word_template_is_refused(tmp_path):
    from reportkit.deck.template import TEMPLATE_DIR

    (tmp_path / "house.dotx").write_bytes((TEMPLATE_DIR / "base.pptx").read_bytes())
    (tmp_path / "house.yaml").write_text("extends: default\nname: house\ndocx:\n  template: house.dotx\n",
                                         encoding="utf-8")
    copy_reference(tmp_path, "briefing.yaml")
    r = build(["build", str(tmp_path / "briefing.yaml"), "--format", "docx", "--theme", str(tmp_path / "house.yaml"),
               "--out", str(tmp_path / "out")])
    assert r.returncode == 2 and "not a Word document or template" in r.stderr


def test_a_missing_template_names_itself(tmp_path):
    (tmp_path / "house.yaml").write_text("extends: default\nname: house\ndocx:\n  template: nowhere.dotx\n",
                                         encoding="utf-8")
    copy_reference(tmp_path, "briefing.yaml")
    r = build(["build", str(tmp_path / "briefing.yaml"), "--format", "docx", "--theme", str(tmp_path / "house.yaml"),
               "--out", str(tmp_path / "out")])
    assert r.returncode == 2 and "nowhere.dotx" in r.stderr and "not found" in r.stderr


def test_check_template_reads_a_word_template(project):
    r = build(["check-template", str(project / "house.dotx")])
    assert r.returncode == 0, r.stderr
    assert "Word template" in r.stdout and "8.27 x 11.69 in" in r.stdout
    assert f"list_number: '{MISSING_STYLE}': MISSING; falls back to 'List Paragraph'" in r.stdout
    assert "heading_1: 'Heading 1': found" in r.stdout


def test_check_template_refuses_a_damaged_word_file(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 nothing")
    r = build(["check-template", str(bad)])
    assert r.returncode == 2 and "broken.docx:1:1" in r.stderr and "Traceback" not in r.stderr
