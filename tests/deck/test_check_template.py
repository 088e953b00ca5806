"""``reportkit check-template``, run as a user runs it, on good, incomplete and broken templates."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "data" / "templates"))
from make_house_potx import house_potx  # noqa: E402

from reportkit.deck.template import KIND_ROLES, TEMPLATE_DIR  # noqa: E402
from helpers import run_cli

BASE = (TEMPLATE_DIR / "base.pptx").read_bytes()


def check(path: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return run_cli("check-template", str(path), *args, cwd=cwd)


def _edit(data: bytes, member: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


def test_a_missing_layout_is_reported_with_its_fallback(tmp_path):
    (tmp_path / "house.potx").write_bytes(house_potx())
    r = check(tmp_path / "house.potx")
    assert r.returncode == 0, r.stderr
    assert "deck.layouts.title = 'Title Slide': MISSING; falls back to 'Legacy Title' (master 1)" in r.stdout
    assert "deck.layouts.content = 'Title Only': MISSING; falls back to 'Legacy Heading' (master 1)" in r.stdout
    assert "2 slide master(s)" in r.stdout and "master 2: 'Cover', 'Body Text', 'Blank Canvas'" in r.stdout
    assert "placeholders: CENTER_TITLE, SUBTITLE" in r.stdout
    assert "1 sample slide(s)" in r.stdout
    used = re.findall(r"used for: (.*)", r.stdout)
    assert sorted(k for line in used for k in line.split(", ")) == sorted(KIND_ROLES)
    assert r.stdout.rstrip().endswith("result: usable with fallbacks")


def test_the_project_theme_map_finds_renamed_layouts_on_the_second_master(tmp_path):
    (tmp_path / "house.potx").write_bytes(house_potx())
    (tmp_path / "house.yaml").write_text("extends: default\ndeck:\n  template: house.potx\n"
                                         "  layouts: {title: Cover, content: Body Text}\n", encoding="utf-8")
    r = check(tmp_path / "house.potx", "--theme", "house", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "deck.layouts.title = 'Cover': found on master 2" in r.stdout
    assert "deck.layouts.content = 'Body Text': found on master 2" in r.stdout
    assert "MISSING" not in r.stdout and r.stdout.rstrip().endswith("result: usable")


def test_a_4_3_template_is_usable_with_a_warning(tmp_path):
    four_three = _edit(BASE, "ppt/presentation.xml", lambda x: x.replace(b'cx="12192000"', b'cx="9144000"'))
    (tmp_path / "old.pptx").write_bytes(four_three)
    r = check(tmp_path / "old.pptx")
    assert r.returncode == 0 and "(not 16:9)" in r.stdout and "warning: the slides are 720 x 540 pt, not 16:9" in r.stdout


def _no_layouts(data: bytes) -> bytes:
    return _edit(data, "ppt/slideMasters/slideMaster1.xml",
                 lambda x: re.sub(rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", b"<p:sldLayoutIdLst/>", x))


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _corrupt_member(data: bytes) -> bytes:
    """Keep the zip's directory but damage a member's compressed bytes (its CRC no longer matches)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("ppt/presentation.xml")
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    return data[:at] + bytes(b ^ 0xFF for b in data[at:at + 40]) + data[at + 40:]


def _not_powerpoint(_data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize("name, make, message", [
    ("truncated.potx", _truncated, "is a damaged zip file"),
    ("crc.pptx", _corrupt_member, "is a damaged zip file"),
    ("notes.pptx", lambda _: b"These are my speaking notes, not a template.\n", "is not a PowerPoint file"),
    ("letter.pptx", _not_powerpoint, "is a zip file but not a PowerPoint presentation or template"),
    ("empty.pptx", _no_layouts, "has no slide layouts at all"),
])
def test_an_unusable_template_exits_2_with_a_clear_message(tmp_path, name, make, message):
    path = tmp_path / name
    path.write_bytes(make(BASE))
    r = check(path)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert f"{path}:1:1: " in r.stderr and message in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_missing_file_or_a_folder_exits_2(tmp_path, kind):
    path = tmp_path / "house.potx"
    if kind == "folder":
        path.mkdir()
    r = check(path)
    assert r.returncode == 2 and ("not found" if kind == "missing" else "is a folder") in r.stderr
