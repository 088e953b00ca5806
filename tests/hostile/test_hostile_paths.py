"""Hazard: names the operating system cannot look up, and files in odd shapes. A theme naming
``~nosuchuser/…``, a symlink loop or a path part over 255 characters, a damaged font, a template with
a zero slide size: exit 2 at the line that names it, never an internal error."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import REFERENCE
from reportkit.deck.template import TEMPLATE_DIR
from helpers import copy_reference


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("name,says", [
    ("~nosuchuser-reportkit/house.pptx", "cannot be looked up (Could not determine home directory"),
    ("loop1", "cannot be looked up (Symlink loop"),
    ("a" * 300 + ".pptx", "cannot be looked up (File name too long)"),
], ids=["no-such-user", "symlink-loop", "part-over-255"])
def test_a_template_path_that_cannot_be_looked_up_is_located(tmp_path, name, says):
    (tmp_path / "loop1").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop1")
    copy_reference(tmp_path, "b.yaml")
    (tmp_path / "default.yaml").write_text(f'extends: default\ndeck:\n  template: "{name}"\n', encoding="utf-8")
    r = run("build", str(tmp_path / "b.yaml"), "--format", "deck", "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"{tmp_path / 'default.yaml'}:3:13: deck.template: ") and says in r.stderr, r.stderr


def test_a_zero_slide_size_is_refused_located(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE_DIR / "base.pptx") as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "ppt/presentation.xml":
                body = re.sub(rb'<p:sldSz cx="\d+" cy="\d+"', b'<p:sldSz cx="0" cy="0"', body)
            dst.writestr(info.filename, body)
    path = tmp_path / "zero.pptx"
    path.write_bytes(out.getvalue())
    r = run("check-template", str(path))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"{path}:1:1: zero.pptx has a slide size of 0 x 0 EMU"), r.stderr


def test_a_damaged_font_that_starts_like_truetype_is_located(tmp_path):
    from reportkit.deck.fit import FONT_DIR

    ttf = (FONT_DIR / "Carlito-Regular.ttf").read_bytes()
    (tmp_path / "House.ttf").write_bytes(ttf[:1000])  # valid header, truncated tables
    copy_reference(tmp_path, "b.yaml")
    (tmp_path / "default.yaml").write_text("extends: default\nfont:\n  body:\n    regular: House.ttf\n",
                                           encoding="utf-8")
    r = run("build", str(tmp_path / "b.yaml"), "--format", "memo", "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"{tmp_path / 'default.yaml'}:4:14: font.body.regular: House.ttf is a damaged "
                               "TrueType font"), r.stderr
