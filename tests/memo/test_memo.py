"""The PDF memo, checked as a reader and as PDF tools see it: extracted text, outline, fonts, structure."""
from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import REFERENCE, ROOT, require_tool
from reportkit.present import signed
from reportkit.content import load
from reportkit.edition import make_edition
from reportkit.memo import render
from reportkit.theme import load_theme
from helpers import run_cli, copy_reference

MINUS = "\u2212"


def cli_build(content: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("build", str(content), "--format", "memo", "--out", str(out), *extra, cwd=ROOT)


def memo_path(out: Path, content: Path = REFERENCE) -> Path:
    return out / f"{content.stem}-memo.pdf"


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def outline_titles(reader: PdfReader) -> list[str]:
    out = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                out.append(it.title)

    walk(reader.outline)
    return out


def render_variant(tmp_path: Path, change, **edition) -> bytes:
    """Render the reference briefing after ``change(data)`` edits its YAML data."""
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    change(data)
    path = copy_reference(tmp_path, "variant.yaml", data=data)
    render_variant.last = render(make_edition(load(path), load_theme("default"), **edition))
    return render_variant.last.data


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("memo")
    r = cli_build(REFERENCE, out)
    assert r.returncode == 0, r.stderr
    wrote, edition = r.stdout.strip().splitlines()
    assert re.match(r"wrote .*-memo\.pdf \(memo, [0-9.]+ s\)$", wrote)
    assert edition.startswith("full edition: ")  # which edition it wrote (audience.marking)
    return memo_path(out).read_bytes()


@pytest.fixture(scope="module")
def content() -> dict:
    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))


def test_every_party_issue_outcome_and_likelihood_appears(built, content):
    text = "\n".join(pdf_text(built))
    flat = re.sub(r"\s+", " ", text)
    for party in content["parties"]:
        assert party["name"] in flat
    for issue in content["issues"]:
        assert issue["name"] in flat, issue["name"]
        assert issue["proposition"] in flat
    for outcome in content["outcomes"]:
        assert outcome["title"] in flat
        assert outcome["likelihood"].capitalize() in flat  # the badge prints the word
    assert flat.count("Analyst judgement") == sum(o["likelihood_basis"] == "judgement" for o in content["outcomes"])
    for step in content["next_steps"]:
        assert step["text"] in flat
    assert content["briefing"]["memo"]["subject"] in flat


def matrix_cells(data: bytes, parties: list[str], n_issues: int) -> dict[str, list[str]]:
    """Read the stance matrix back from the page layout: each party's row of cell texts, left to right."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    cell = re.compile(rf"^([+{MINUS}][12]|0)\u2020?$|^\u2014$")
    for page in extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.1)):
        lines = [ln for box in page if isinstance(box, LTTextContainer) for ln in box
                 if isinstance(ln, LTTextLine)]
        if not any(ln.get_text().strip() == "Where the parties stand" for ln in lines):
            continue
        legend_y = max(ln.y0 for ln in lines if ln.get_text().strip() == "strongly opposes")
        party_head = next(ln for ln in lines if ln.get_text().strip() == "Party")
        rows = {}
        for name in parties:  # the row label: the party's full name in the "Party" column, above the legend
            ys = [ln for ln in lines if ln.get_text().strip() == name and ln.y0 > legend_y
                  and abs(ln.x0 - party_head.x0) < 2]
            rows[name] = max(ys, key=lambda ln: ln.y0)
        out = {}
        for name, label in rows.items():
            mid = (label.y0 + label.y1) / 2
            same_row = [ln for ln in lines if cell.match(ln.get_text().strip()) and ln.y0 < mid < ln.y1
                        and ln.x0 > label.x1]
            out[name] = [ln.get_text().strip() for ln in sorted(same_row, key=lambda ln: ln.x0)]
        return out
    raise AssertionError("no page with the stance matrix")


def test_matrix_values_equal_the_content_file(built, content):
    names = {p["id"]: p["name"] for p in content["parties"]}
    issues = [i["id"] for i in content["issues"]]
    given = {(s["party"], s["issue"]): s for s in content["stances"]}
    cells = matrix_cells(built, list(names.values()), len(issues))
    for pid, name in names.items():
        expected = []
        for iid in issues:
            s = given.get((pid, iid))
            expected.append("\u2014" if s is None else signed(s["score"]) + ("\u2020" if s["basis"] == "inferred" else ""))
        assert cells[name] == expected, name


def test_page_x_of_y_on_every_page(built):
    pages = pdf_text(built)
    n = len(pages)
    for k, text in enumerate(pages, start=1):
        assert f"Page {k} of {n}" in text


def test_classification_banner_on_every_page(built, content):
    marking = content["briefing"]["classification"].upper()
    for text in pdf_text(built):
        assert text.count(marking) >= 2  # top and bottom


def test_outline_and_metadata(built, content):
    reader = PdfReader(io.BytesIO(built))
    titles = outline_titles(reader)
    for section in content["sections"]:
        assert section["title"] in titles
    for title in ("Bottom line up front", "Where the parties stand", "Stances by issue", "Potential outcomes",
                  "International reactions", "Next steps", "Sources"):
        assert title in titles
    meta = reader.metadata
    b = content["briefing"]
    assert meta.title == b["title"]
    assert meta.author == b["author"]
    assert meta.subject == b["memo"]["subject"]
    assert meta.creator == "reportkit"
    assert reader.trailer["/Root"]["/Lang"] == b["language"]
    assert meta["/CreationDate"].startswith(f"D:{b['date']:%Y%m%d}")  # the content's date, not the clock


def test_every_font_is_embedded(built, tmp_path):
    pdffonts = require_tool("pdffonts")
    path = tmp_path / "memo.pdf"
    path.write_bytes(built)
    lines = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        cols = line.split()
        emb = cols[-5]
        assert emb == "yes", line
    assert not any("Helvetica" in line for line in lines)


def test_qpdf_check_passes(built, tmp_path):
    qpdf = require_tool("qpdf")
    path = tmp_path / "memo.pdf"
    path.write_bytes(built)
    r = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_two_builds_are_byte_identical(built, tmp_path):
    r = cli_build(REFERENCE, tmp_path)
    assert r.returncode == 0, r.stderr
    assert memo_path(tmp_path).read_bytes() == built


def test_a4_page_size(tmp_path):
    r = cli_build(REFERENCE, tmp_path, "--page-size", "a4")
    assert r.returncode == 0, r.stderr
    reader = PdfReader(memo_path(tmp_path))
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w), round(h)) == (595, 842)


def test_letter_is_the_default(built):
    page = PdfReader(io.BytesIO(built)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_failed_build_leaves_the_earlier_pdf_untouched(tmp_path):
    r = cli_build(REFERENCE, tmp_path)
    assert r.returncode == 0, r.stderr
    before = memo_path(tmp_path).read_bytes()
    bad = tmp_path / "us-russia-talks.yaml"  # same stem, so the same output file
    bad.write_text(REFERENCE.read_text(encoding="utf-8").replace("score: 2,", "score: 7,", 1), encoding="utf-8")
    r = cli_build(bad, tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert memo_path(tmp_path).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["us-russia-talks-memo.pdf", "us-russia-talks.yaml"]


def test_renderer_failure_keeps_the_earlier_pdf(tmp_path, reference, monkeypatch):
    from reportkit import build
    from reportkit.memo import emit

    edition = make_edition(reference, load_theme("default"))
    build.build_edition(edition, REFERENCE, tmp_path, ["memo"])
    before = memo_path(tmp_path).read_bytes()

    def broken(*a, **k):
        raise RuntimeError("renderer broke half way")

    monkeypatch.setattr(emit, "emit", broken)
    with pytest.raises(RuntimeError):
        build.build_edition(edition, REFERENCE, tmp_path, ["memo"])
    assert memo_path(tmp_path).read_bytes() == before


MARKUP = "R&D <b> & </para> x<y>z"


def test_markup_in_content_renders_literally(tmp_path):
    def change(d):
        d["sections"][0]["body"] = f"Budget line {MARKUP} stays **bold {MARKUP}** here.\n"
        d["outcomes"][0]["title"] = f"Outcome {MARKUP}"
        d["outcomes"][0]["conditions"] = [f"Condition {MARKUP}"]
        d["parties"][0]["name"] = f"Party {MARKUP}"
        d["summary"][0]["text"] = f"Summary {MARKUP}"

    text = re.sub(r"\s+", " ", "\n".join(pdf_text(render_variant(tmp_path, change))))
    for prefix in ("Budget line", "bold", "Outcome", "Condition", "Party", "Summary"):
        assert f"{prefix} {MARKUP}" in text, prefix


def test_brief_memo_is_at_most_two_pages_and_carries_the_disclaimer(reference):
    disclaimer = "Prepared for public release. Not a statement of government policy."
    data = render(make_edition(reference, load_theme("default"), detail="brief", disclaimer=disclaimer)).data
    pages = pdf_text(data)
    assert len(pages) <= 2
    flat = [re.sub(r"\s+", " ", t) for t in pages]
    assert disclaimer in flat[0]
    for t in flat:
        assert t.count(disclaimer) >= 1  # in the footer of every page
    everything = " ".join(flat)
    for o in reference.outcomes:
        assert o.title in everything
    for s in reference.next_steps:
        assert s.text in everything


def test_cyrillic_accents_and_symbols_are_embedded(tmp_path):
    pdffonts = require_tool("pdffonts")

    def change(d):
        d["parties"][2]["name"] = "Україна"
        d["sections"][0]["body"] = "Élysée talks, Zelenskyy in Київ; trend \u25b2 up, \u25bc down.\n"

    data = render_variant(tmp_path, change)
    text = "\n".join(pdf_text(data))
    for s in ("Україна", "Élysée", "Київ", "\u25b2", "\u25bc"):
        assert s in text
    path = tmp_path / "memo.pdf"
    path.write_bytes(data)
    fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSans" in fonts  # the arrows come from the fallback font, embedded like the rest
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])


def test_empty_lists_render(tmp_path):
    def change(d):
        d["reactions"] = []
        d["outcomes"][0]["conditions"] = []
        d["outcomes"][0]["positions"] = {}
        d["stances"] = [s for s in d["stances"] if s["issue"] != "talks"]

    text = re.sub(r"\s+", " ", "\n".join(pdf_text(render_variant(tmp_path, change))))
    assert "The source reports no international reactions." in text
    assert "None stated in the source." in text
    assert "No stances in the source." in text


def test_long_cells_split_across_pages_with_repeated_header(tmp_path):
    long = " ".join(["A very long condition that keeps going"] * 12)

    def change(d):
        d["outcomes"][0]["conditions"] = [f"{k}: {long}" for k in range(12)]

    pages = pdf_text(render_variant(tmp_path, change))
    with_header = [t for t in pages if "Conditions" in t and "Obstacles" in t]
    assert len(with_header) >= 2  # the row crossed a page and the header row came with it


def test_stance_chart_is_vector(built):
    reader = PdfReader(io.BytesIO(built))
    images = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        images += [x.get_object() for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    # the only raster image is the reference's figure (1600 x 900 pixels): the charts are vector
    assert [(x.get("/Width"), x.get("/Height")) for x in images] == [(1600, 900)]


def test_a_character_no_font_has_is_replaced_visibly_and_warned_at_its_line(tmp_path):
    """Tangut has no glyph in any font reportkit ships: printed as U+FFFD, and the warning names the
    character, the field and the content's file:line:col."""
    def change(d):
        d["parties"][4]["name"] = "\U00017000 China"

    data = render_variant(tmp_path, change)
    assert "\ufffd China" in "\n".join(pdf_text(data))  # not silently dropped
    [warning] = render_variant.last.warnings
    assert "U+17000" in warning.message and "parties[4].name" in warning.message
    path = tmp_path / "variant.yaml"
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "\U00017000" in text)
    assert warning.where.startswith(f"{path}:{line}:")


def test_renders_in_one_process_are_identical_whatever_came_before(reference):
    theme = load_theme("default")
    first = render(make_edition(reference, theme))
    render(make_edition(reference, theme, detail="brief", page_size="a4"))  # other state in between
    assert render(make_edition(reference, theme)) == first


@pytest.mark.parametrize("theme_name", ["default", "print"])
def test_matrix_headings_never_break_words(reference, content, theme_name):
    data = render(make_edition(reference, load_theme(theme_name))).data
    vocabulary = set(re.findall(r"\w+", REFERENCE.read_text(encoding="utf-8")))
    long_words = {w for i in content["issues"] for w in re.findall(r"\w+", i["name"]) if len(w) >= 8}
    fragments = set()
    for text in pdf_text(data):
        for token in re.findall(r"\w+", text):
            if token not in vocabulary and any(token in w and token != w for w in long_words):
                fragments.add(token)
    assert not fragments, f"words broken mid-word: {sorted(fragments)}"
