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
from helpers import copy_reference, pdftotext_readings
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
        assert any(squash(r) in text for r in pdftotext_readings(name)), name


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


# --- the deck ---------------------------------------------------------------------------------------


def test_deck_measures_cjk_at_full_width():
    """Carlito has no CJK: measured at its default width, a Korean line was about half its real
    width and ran into the footer. The fallback font's advance is a full em."""
    from reportkit.deck import fit

    assert fit.metrics().width("中国日本한국", 10) == pytest.approx(60, abs=0.5)
    assert fit.metrics(bold=True).width("中国", 10) >= 19.5


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.stem)
@pytest.mark.parametrize("theme", THEMES)
def test_deck_runs_name_east_asian_and_complex_script_fonts_and_fit(path, theme):
    from pptx import Presentation

    from reportkit.deck import render
    from reportkit.deck.overflow import check_presentation

    out = render(load_edition(path, None, theme))
    assert not [w for w in out.warnings if "does not fit" in w.message]
    prs = Presentation(io.BytesIO(out.data))
    assert check_presentation(prs) == []
    xml = "".join(s._element.xml for s in prs.slides)
    if path.stem == "scripts-cjk":
        assert '<a:ea typeface="Malgun Gothic"/>' in xml and '<a:ea typeface="Microsoft YaHei"/>' in xml
        assert "<a:cs " not in xml
    else:
        assert '<a:cs typeface="Arial"/>' in xml and "<a:ea " not in xml
    assert "محمد جواد ظریف" in xml or path.stem == "scripts-cjk"  # the deck keeps logical order


def test_deck_overflow_found_by_the_checker_is_a_located_warning(monkeypatch):
    """The checker runs on every deck build; what it finds comes back as a warning with the slide
    and, when the text is in the content, its file:line:col."""
    from reportkit.deck import overflow, render
    from reportkit.deck.overflow import Overflow

    path = DATA / "scripts-rtl.yaml"
    found = [Overflow(3, "Body", 400.0, 300.0, "Iran's foreign minister Zarif (محمد جواد ظریف) opened the talks")]
    monkeypatch.setattr(overflow, "check_presentation", lambda prs: found)
    out = render(load_edition(path, None, "default"))
    [warning] = [w for w in out.warnings if "does not fit" in w.message]
    assert "slide 3" in warning.message and "summary[0].text" in warning.message
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "Zarif (" in t)
    assert warning.where.startswith(f"{path}:{line - 1}:") or warning.where.startswith(f"{path}:{line}:")


# --- long content -----------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_a_long_bottom_line_splits_and_starts_on_page_one(theme, tmp_path):
    """About 3,500 characters in one bullet: the box was one table cell taller than the page
    (LayoutError, exit 1, nothing written). Now it splits by bullet and within one, from page 1."""
    from pypdf import PdfReader

    from reportkit.memo import render

    data = yaml.safe_load((Path(__file__).parents[2] / "content" / "us-russia-talks.yaml").read_text(encoding="utf-8"))
    data["summary"][0]["text"] = " ".join([data["summary"][0]["text"]] * 20)
    path = copy_reference(tmp_path, "long.yaml", data=data)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(render(load_edition(path, None, theme)).data)).pages]
    assert "Bottom line up front" in pages[0] and "normalize" in pages[0]
    assert "normalize" in pages[1]  # the same bullet goes on overleaf


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.stem)
@pytest.mark.parametrize("theme", THEMES)
def test_ten_times_longer_builds_in_every_theme(path, theme, tmp_path):
    """Every text field ten times longer (names and titles up to their length limit): the build exits 0
    with both outputs."""
    import sys

    from reportkit.content.limits import MAX_LABEL_CHARS

    LABELS = ("title", "subtitle", "name", "leader")

    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def longer(node, key=None):
        if isinstance(node, dict):
            return {k: longer(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [longer(v, key) for v in node]
        if isinstance(node, str) and key in ("text", "summary", "body", "title", "subtitle", "name", "conditions",
                                             "obstacles", "proposition", "likelihood_note", "note", "leader"):
            longer_text = " ".join([node] * 10)
            # names and titles sit in boxes of fixed size: ten times longer up to their limit
            return longer_text[:MAX_LABEL_CHARS].rstrip() if key in LABELS else longer_text
        return node

    data = longer(data)
    long_path = copy_reference(tmp_path, f"{path.stem}-10x.yaml",  # with the reference's figure files
                               text=yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
    r = subprocess.run([sys.executable, "-m", "reportkit", "build", str(long_path), "--theme", theme,
                        "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / f"{long_path.stem}-memo.pdf").is_file()
    assert (tmp_path / "out" / f"{long_path.stem}-deck.pptx").is_file()
    assert "\ufffd" not in squash(pdftotext((tmp_path / "out" / f"{long_path.stem}-memo.pdf").read_bytes(), tmp_path))
