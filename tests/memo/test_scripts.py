"""Every script renders right (issue 12): test briefings with Persian, Arabic and Hebrew names and
text (tests/data/scripts-rtl.yaml) and Korean, Chinese and Japanese (tests/data/scripts-cjk.yaml),
both with emoji, built in every theme and audience. The memo's text is read back with pdftotext
(poppler puts right-to-left runs back in logical order) and its fonts with pdffonts."""
from __future__ import annotations

import io
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import require_tool
from reportkit.pipeline import load_edition

DATA = Path(__file__).parents[1] / "data"
BRIEFINGS = [DATA / "scripts-rtl.yaml", DATA / "scripts-cjk.yaml"]
THEMES = ["default", "print"]
AUDIENCES = [None, "principals", "staff", "press"]


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "memo.pdf"
    path.write_bytes(pdf)
    tool = require_tool("pdftotext")
    return subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout.decode()


def squash(text: str) -> str:
    """Text without layout: no whitespace, no format characters (pdftotext brackets right-to-left runs
    with U+202B...U+202C), no soft hyphens."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf" and c != "\u00ad")


def names(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [p["name"] for p in data["parties"]] + [i["name"] for i in data["issues"]]


@pytest.fixture(scope="module")
def memos():
    from reportkit.memo import render

    cache = {}

    def get(path, theme="default", audience=None):
        key = (path, theme, audience)
        if key not in cache:
            cache[key] = render(load_edition(path, audience, theme))
        return cache[key]

    return get


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.stem)
def test_every_name_extracts_as_written(memos, path, tmp_path):
    """A Persian name printed backwards or unjoined fails here: pdftotext returns the glyphs' text in
    reading order, so it matches the content only when the memo drew it right to left."""
    out = memos(path)
    text = squash(pdftotext(out.data, tmp_path))
    assert "\ufffd" not in text
    for name in names(path):
        assert squash(name) in text, name


def test_a_mixed_line_reads_in_logical_order(memos, tmp_path):
    text = pdftotext(memos(DATA / "scripts-rtl.yaml").data, tmp_path)
    assert squash("Iran's foreign minister Zarif (محمد جواد ظریف") in squash(text)
    assert squash("Israel's envoy (יוסי כהן") in squash(text)


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.stem)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_theme_and_audience_embeds_every_font_and_warns_of_nothing(memos, path, theme, audience, tmp_path):
    out = memos(path, theme, audience)
    assert out.warnings == ()  # every character has a glyph in a shipped font
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(out.data)
    fonts = subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(r.split()[-5:-2] == ["yes", "yes", "yes"] for r in rows), fonts  # emb, sub, uni
    text = squash(pdftotext(out.data, tmp_path))
    assert "\ufffd" not in text
    if path.stem == "scripts-cjk":
        assert squash("中国代表团表示愿意就渔业配额进行谈判") in text
        assert "대한민국" in text and "日本国" in text


def test_chart_labels_keep_cjk(memos, tmp_path):
    """The memo's stance charts label bars with short names: "한국" must not be dropped."""
    from pypdf import PdfReader

    text = pdftotext(memos(DATA / "scripts-cjk.yaml", "default", "staff").data, tmp_path)
    charts = text[text.index("Stances by issue"):text.index("Potential outcomes")]
    for short in ("한국", "中国", "日本"):
        assert short in charts
    assert PdfReader(io.BytesIO(memos(DATA / "scripts-cjk.yaml").data)).pages  # pypdf opens it too


def test_shipped_fonts_carry_their_licences():
    from reportkit import scripts

    files = {f for pair in scripts.FALLBACK_FILES.values() for f in pair if f}
    for f in files:
        assert scripts.font_path(f).is_file()
    licences = {p.name for p in scripts.FONT_DIR.glob("LICENSE-*.txt")}
    assert {"LICENSE-Noto.txt", "LICENSE-WenQuanYi.txt", "LICENSE-Symbola.txt"} <= licences
