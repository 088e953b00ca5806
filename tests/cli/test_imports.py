"""Heavy libraries load only where they are needed (issue 7: a fast cold start).

Each case runs in a fresh interpreter, calls reportkit's real entry point, and lists which heavy
libraries ended up in ``sys.modules``.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "reportlab", "pptx", "numpy")

_PROBE = """
import contextlib, io, json, sys
{setup}
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print(json.dumps({{"rc": rc, "heavy": heavy}}))
"""

_CLI = """
from reportkit.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    rc = main({argv!r})
"""


def _probe(setup: str, cwd) -> dict:
    code = _PROBE.format(setup=setup, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cli(argv: list[str], cwd) -> dict:
    return _probe(_CLI.format(argv=argv), cwd)


def test_the_model_and_the_loader_import_no_rendering_library(tmp_path):
    setup = "import reportkit.model, reportkit.content, reportkit.present.chart_data, reportkit.edition, reportkit.pipeline\nrc = 0"
    assert _probe(setup, tmp_path)["heavy"] == []


@pytest.mark.parametrize("command", [["validate"], ["schema"]])
def test_commands_that_render_nothing_import_no_rendering_library(command, reference_path, tmp_path):
    argv = command + ([str(reference_path)] if command == ["validate"] else [])
    result = _cli(argv, tmp_path)
    assert result["rc"] == 0
    assert result["heavy"] == []


def test_building_the_memo_does_not_import_matplotlib_or_pptx(reference_path, tmp_path):
    result = _cli(["build", str(reference_path), "--format", "memo", "--out", str(tmp_path), "--quiet"], tmp_path)
    assert result["rc"] == 0
    assert (tmp_path / f"{reference_path.stem}-memo.pdf").stat().st_size > 0
    assert "reportlab" in result["heavy"]  # the probe sees what the build really loaded
    assert "matplotlib" not in result["heavy"]
    assert "pptx" not in result["heavy"]


def test_the_default_deck_build_loads_neither_reportlab_nor_matplotlib(reference_path, tmp_path):
    """The "divides at a glance" slide is native shapes unless a theme asks for deck.pictures: matplotlib."""
    result = _cli(["build", str(reference_path), "--format", "deck", "--out", str(tmp_path), "--quiet"], tmp_path)
    assert result["rc"] == 0
    assert (tmp_path / f"{reference_path.stem}-deck.pptx").stat().st_size > 0
    assert "pptx" in result["heavy"]  # the probe sees what the build really loaded
    assert "reportlab" not in result["heavy"]
    assert "matplotlib" not in result["heavy"]
    assert "numpy" not in result["heavy"]


def test_the_matplotlib_picture_loads_matplotlib_only_when_asked_for(reference_path, tmp_path):
    theme = tmp_path / "pictures.yaml"
    theme.write_text("extends: default\ndeck:\n  pictures: matplotlib\n", encoding="utf-8")
    argv = ["build", str(reference_path), "--format", "deck", "--theme", str(theme), "--out", str(tmp_path), "--quiet"]
    result = _cli(argv, tmp_path)
    assert result["rc"] == 0
    assert "matplotlib" in result["heavy"]  # the probe would see it: the test above is not vacuous


_UNUSED = """
from reportkit.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    rc = main({argv!r})
real = [m for m in ("urllib.request", "http.client", "email.parser", "ssl")
        if m in sys.modules and type(sys.modules[m]).__name__ != "_StandIn"]
print(json.dumps({{"rc": rc, "heavy": real}}))
"""


@pytest.mark.parametrize("fmt", ["memo", "docx"])
def test_a_build_does_not_import_what_it_never_uses(fmt, reference_path, tmp_path):
    """``xml.sax.saxutils`` (python-pptx, the memo's tagging once) imports urllib.request and with it
    http, email and ssl, which no build uses (``reportkit.startup``): a build leaves it a stand-in.
    (PIL.Image is deferred too, but the reference's figure loads it.)"""
    argv = ["build", str(reference_path), "--format", fmt, "--out", str(tmp_path), "--quiet"]
    code = _UNUSED.format(argv=argv)
    done = subprocess.run([sys.executable, "-c", "import contextlib, io, json, sys\n" + code], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"rc": 0, "heavy": []}


def test_a_deferred_module_is_imported_when_used():
    code = ("import sys\nfrom reportkit.startup import defer_unused_imports\ndefer_unused_imports()\n"
            "import urllib.request\nassert 'http.client' not in sys.modules\n"
            "from urllib.request import Request\nimport urllib\n"
            "assert urllib.request.Request is Request and 'http.client' in sys.modules\n"
            "from PIL import Image\nassert Image.new('RGB', (2, 2)).size == (2, 2)\nprint('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr
