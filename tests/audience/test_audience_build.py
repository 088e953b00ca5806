"""``reportkit build --audience`` / ``--all-audiences`` and ``reportkit audiences``, through the CLI."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import REFERENCE
from reportkit.audience import BUILTIN, select
from reportkit.content import load
from helpers import run_cli, copy_reference

STEM = REFERENCE.stem


@pytest.fixture(scope="module")
def all_out(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("all")
    r = run_cli("build", str(REFERENCE), "--all-audiences", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out, r.stdout


def test_all_audiences_writes_every_profile_and_format(all_out):
    out, stdout = all_out
    expected = sorted(f"{STEM}-{a}-{f}" for a in BUILTIN for f in ("memo.pdf", "deck.pptx"))
    assert sorted(p.name for p in out.iterdir()) == expected
    for name in expected:
        assert f"wrote {out / name} " in stdout


def test_all_audiences_reports_what_each_withheld(all_out):
    _, stdout = all_out
    briefing = load(REFERENCE)
    for name, profile in BUILTIN.items():
        assert str(select(briefing, profile)[1]) in stdout.splitlines()
    assert "press: withheld 5 items - stance ua/talks, stance ru/territory, section open-questions, next step 5, confidence notes" in stdout


def test_parallel_build_equals_single_audience_build(all_out, tmp_path):
    out, _ = all_out
    r = run_cli("build", str(REFERENCE), "--audience", "press", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "press: withheld 5 items" in r.stdout
    for suffix in ("memo.pdf", "deck.pptx"):
        name = f"{STEM}-press-{suffix}"
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_profiles_shape_the_outputs(all_out):
    out, _ = all_out
    press_text = "".join(p.extract_text() for p in PdfReader(out / f"{STEM}-press-memo.pdf").pages)
    assert BUILTIN["press"].disclaimer in " ".join(press_text.split())
    assert "Open questions" not in press_text
    staff = PdfReader(out / f"{STEM}-staff-memo.pdf")
    assert "Open questions" in "".join(p.extract_text() for p in staff.pages)
    # Brief: the principals memo keeps to two pages and its deck to about eight slides.
    assert len(PdfReader(out / f"{STEM}-principals-memo.pdf").pages) <= 2 < len(staff.pages)
    principals = Presentation(out / f"{STEM}-principals-deck.pptx")
    assert len(principals.slides) <= 9 < len(Presentation(out / f"{STEM}-staff-deck.pptx").slides)
    assert any(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in principals.slides)


def test_default_build_is_the_full_briefing(tmp_path):
    r = run_cli("build", str(REFERENCE), "--format", "memo", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert [p.name for p in tmp_path.iterdir()] == [f"{STEM}-memo.pdf"] and "withheld" not in r.stdout
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / f"{STEM}-memo.pdf").pages)
    assert "Open questions" in text and "Prepared for public release" not in " ".join(text.split())


def test_unknown_audience_is_an_input_error(tmp_path):
    r = run_cli("build", str(REFERENCE), "--audience", "ministers", "--out", str(tmp_path))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("reportkit: --audience: unknown audience 'ministers'")  # the flag, not the file
    assert not any(tmp_path.iterdir())


def test_unknown_theme_is_an_input_error_before_any_worker(tmp_path):
    r = run_cli("build", str(REFERENCE), "--all-audiences", "--theme", "nope", "--out", str(tmp_path))
    assert r.returncode == 2 and "unknown theme 'nope'" in r.stderr and "Traceback" not in r.stderr
    assert not any(tmp_path.iterdir())


def test_audiences_command_lists_builtin_and_file_profiles(tmp_path):
    content = copy_reference(tmp_path, "c.yaml", text=REFERENCE.read_text(encoding="utf-8")
                             + "\naudiences:\n  allies:\n    label: Allied capitals\n    clearance: internal\n    notes: false\n")
    r = run_cli("audiences", str(content), "--withheld")
    assert r.returncode == 0, r.stderr
    rows = [line.split() for line in r.stdout.splitlines()]
    assert [row[0] for row in rows[1:5]] == ["principals", "staff", "press", "allies"]
    assert rows[4][-1] == str(content) and rows[3][-1] == "built-in"
    assert "allies: withheld 2 items - section open-questions, next step 5" in r.stdout


def _pdf_fonts(path: Path) -> str:
    from conftest import require_tool

    return subprocess.run([require_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout


def test_each_audience_uses_its_theme_and_theme_flag_overrides(tmp_path):
    content = copy_reference(tmp_path, "c.yaml",
                             text=REFERENCE.read_text(encoding="utf-8") + "\naudiences:\n  press:\n    theme: print\n")
    for audience, theme_flag, expected in (("press", [], "DejaVuSerif"), ("staff", [], "Carlito"),
                                           ("press", ["--theme", "default"], "Carlito")):
        out = tmp_path / f"{audience}-{len(theme_flag)}"
        r = run_cli("build", str(content), "--audience", audience, "--format", "memo", "--out", str(out), *theme_flag)
        assert r.returncode == 0, r.stderr
        fonts = _pdf_fonts(out / f"c-{audience}-memo.pdf")
        assert expected in fonts, (audience, theme_flag, fonts)
        assert ("DejaVuSerif" in fonts) == (expected == "DejaVuSerif")
