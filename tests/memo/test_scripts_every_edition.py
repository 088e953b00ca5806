"""The script test briefings in every theme and audience, as a user builds them (issue 12): Persian,
Arabic and Hebrew with emoji (tests/data/scripts-rtl.yaml), Korean, Chinese and Japanese with emoji
(tests/data/scripts-cjk.yaml), and both with every text ten times longer. Each build exits 0 with no
overflow warning; pdftotext of every memo returns every party and issue name as written; the overflow
checker finds nothing in any deck. docs/gallery/regenerate.sh shows their pages."""
from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import require_tool
from helpers import pdftotext_readings, run_cli

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data"
BRIEFINGS = ["scripts-rtl", "scripts-cjk"]
THEMES = ["default", "print"]
AUDIENCES = ["principals", "staff", "press"]


def squash(text: str) -> str:
    """No whitespace, no format characters (pdftotext brackets right-to-left runs), no soft hyphens."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf" and c != "\u00ad")


def source(name: str, long: bool, tmp: Path) -> Path:
    path = DATA / f"{name}.yaml"
    if not long:
        return path
    out = tmp / f"{name}-10x.yaml"
    subprocess.run([sys.executable, str(ROOT / "docs" / "gallery" / "ten_times.py"), str(path), str(out)], check=True)
    return out


@pytest.mark.parametrize("name", BRIEFINGS)
@pytest.mark.parametrize("long", [False, True], ids=["as-is", "10x"])
@pytest.mark.parametrize("theme", THEMES)
def test_every_audience_builds_clean_with_every_name(name, long, theme, tmp_path):
    from pptx import Presentation

    from reportkit.deck.overflow import check_presentation

    path = source(name, long, tmp_path)
    out = tmp_path / "out"
    r = run_cli("build", path, "--theme", theme, "--all-audiences", "--out", out, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "does not fit" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    # A 10x name is the name ten times, wrapped over lines whose right-to-left runs pdftotext cannot
    # join across line ends: there every single name must come back whole at least once.
    data = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    names = [p["name"] for p in data["parties"]] + [i["name"] for i in data["issues"]]
    tool = require_tool("pdftotext")
    for audience in AUDIENCES:
        memo = out / f"{path.stem}-{audience}-memo.pdf"
        text = squash(subprocess.run([tool, "-enc", "UTF-8", str(memo), "-"], capture_output=True,
                                     check=True).stdout.decode())
        assert "\ufffd" not in text, audience
        for n in names:
            if not long:
                assert any(squash(r) in text for r in pdftotext_readings(n)), (audience, n)
            else:  # a 10x line may start with a right-to-left run, which pdftotext then reorders with its
                # neighbours (brackets, and a flag's two letters: 🇺🇳 reads 🇳🇺): every word of the name
                for word in n.replace("(", " ").replace(")", " ").split():  # (10x names are cut at 300 characters)
                    if any(unicodedata.category(c).startswith("L") for c in word):
                        assert squash(word) in text, (audience, word)
        prs = Presentation(str(out / f"{path.stem}-{audience}-deck.pptx"))
        assert check_presentation(prs) == [], audience
