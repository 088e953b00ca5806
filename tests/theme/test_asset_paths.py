"""Every file a theme names (fonts, logo, deck template) that is missing, a folder, the wrong kind of
file, damaged, or outside the project: one located message naming the theme file and key, exit 2,
no traceback. Run through the real CLI, one case per row."""
from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from reportkit.deck.template import TEMPLATE_DIR
from reportkit.theme import FONT_DIR
from helpers import run_cli, copy_reference

PNG = b"\x89PNG\r\n\x1a\n"
TTF = (FONT_DIR / "Carlito-Regular.ttf").read_bytes()
BASE = (TEMPLATE_DIR / "base.pptx").read_bytes()


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def _png(size=(40, 20)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (30, 60, 90)).save(buf, "PNG")
    return buf.getvalue()


# (case, theme key path, value written in the theme, files to create in the project (relative to themes/)
#  or a symlink target (str), expected message fragment)
CASES = [
    ("logo missing", "logo", "nowhere.png", {}, "logo file 'nowhere.png' not found"),
    ("logo is a folder", "logo", "logo.png", {"logo.png/": None}, "'logo.png' is a folder, not a file"),
    ("logo is text", "logo", "logo.png", {"logo.png": b"just text\n"}, "logo.png is not a PNG or JPEG image"),
    ("logo is a GIF", "logo", "logo.gif", {"logo.gif": b"GIF89a" + b"\0" * 20}, "is not a PNG or JPEG image"),
    ("logo damaged PNG", "logo", "logo.png", {"logo.png": PNG + b"\0\0\0\rIHDR" + b"garbage" * 5},
     "logo.png is a damaged PNG image"),
    ("logo truncated PNG", "logo", "logo.png", {"logo.png": "truncated-png"}, "logo.png is a damaged PNG image"),
    ("logo damaged JPEG", "logo", "logo.jpg", {"logo.jpg": b"\xff\xd8\xff\xe0" + b"\x13" * 50},
     "logo.jpg is a damaged JPEG image"),
    ("logo escapes with ..", "logo", "../../../../../../etc/passwd", {}, "is outside the project folder"),
    ("logo absolute", "logo", "/etc/passwd", {}, "logo path '/etc/passwd' is outside the project folder"),
    ("logo symlink out", "logo", "logo.png", {"logo.png": "->/etc/hostname"}, "(a link to /etc/hostname)"),
    ("logo absolute inside", "logo", "ABSOLUTE/logo.png", {"logo.png": "png"}, "is absolute; name the file relative"),
    ("font missing", "font.body.regular", "Nowhere.ttf", {}, "font file 'Nowhere.ttf' not found"),
    ("font is a folder", "font.body.regular", "House.ttf", {"House.ttf/": None}, "is a folder, not a file"),
    ("font is a PNG", "font.body.regular", "House.ttf", {"House.ttf": "png"}, "House.ttf is not a TrueType font"),
    ("font is CFF OpenType", "font.body.regular", "House.ttf", {"House.ttf": b"OTTO" + b"\0" * 60},
     "CFF (PostScript) outlines, which reportlab cannot embed"),
    ("font escapes with ..", "font.body.regular", "../../Secret.ttf", {"../../Secret.ttf": "ttf"},
     "font path '../../Secret.ttf' is outside the project folder"),
    ("font symlink out", "font.body.regular", "House.ttf", {"House.ttf": "->/etc/passwd"}, "(a link to /etc/passwd)"),
    ("template missing", "deck.template", "house.potx", {}, "deck template file 'house.potx' not found"),
    ("template is a folder", "deck.template", "house.potx", {"house.potx/": None}, "is a folder, not a file"),
    ("template is text", "deck.template", "house.pptx", {"house.pptx": b"slides\n"},
     "house.pptx is not a PowerPoint file"),
    ("template corrupt zip", "deck.template", "house.pptx", {"house.pptx": "half-pptx"},
     "house.pptx is a damaged zip file"),
    ("template zip not pptx", "deck.template", "house.pptx", {"house.pptx": _zip({"a.txt": "x"})},
     "is a zip file but not a PowerPoint presentation"),
    ("template escapes", "deck.template", "../../../../../../etc/passwd", {}, "is outside the project folder"),
    ("template symlink out", "deck.template", "house.pptx", {"house.pptx": "->/etc/hostname"},
     "(a link to /etc/hostname)"),
]


def _bytes(spec) -> bytes:
    return {"png": _png(), "ttf": TTF, "truncated-png": _png((400, 400))[:300],
            "half-pptx": BASE[: len(BASE) // 2]}.get(spec, spec) if isinstance(spec, str) else spec


def _theme_yaml(key: str, value: str) -> tuple[str, int, int]:
    """The theme text, and the 1-based line and column of the value."""
    parts = key.split(".")
    lines = ["extends: default"]
    for depth, part in enumerate(parts[:-1]):
        lines.append("  " * depth + f"{part}:")
    prefix = "  " * (len(parts) - 1) + f"{parts[-1]}: "
    lines.append(prefix + f'"{value}"')
    return "\n".join(lines) + "\n", len(lines), len(prefix) + 1


@pytest.mark.parametrize("case, key, value, files, expected", CASES, ids=[c[0] for c in CASES])
def test_a_bad_asset_path_is_one_located_error_and_exit_2(tmp_path, reference_path, case, key, value, files, expected):
    project = tmp_path / "work" / "project"
    themes = project / "themes"
    themes.mkdir(parents=True)
    copy_reference(project, "briefing.yaml")
    value = value.replace("ABSOLUTE", str(themes))
    for name, spec in files.items():
        target = themes / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            target.mkdir()
        elif isinstance(spec, str) and spec.startswith("->"):
            os.symlink(spec[2:], target)
        else:
            target.write_bytes(_bytes(spec))
    theme_file = themes / "default.yaml"
    text, line, col = _theme_yaml(key, value)
    theme_file.write_text(text, encoding="utf-8")

    r = run_cli("build", str(project / "briefing.yaml"), "--out", str(project / "out"))

    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    problems = r.stderr.strip().splitlines()
    assert len(problems) == 1, r.stderr
    assert problems[0].startswith(f"{theme_file}:{line}:{col}: {key}: "), problems[0]
    assert expected in problems[0]
    assert "expected " in problems[0] or "outside the project folder" in problems[0]  # what the key wants
    assert not (project / "out").exists() or not any((project / "out").iterdir())


def test_good_assets_inside_the_project_are_accepted(tmp_path, reference_path):
    project = tmp_path / "project"
    (project / "themes").mkdir(parents=True)
    (project / "assets").mkdir()
    (project / "assets" / "logo.png").write_bytes(_png())
    (project / "themes" / "House.ttf").write_bytes(TTF)
    (project / "themes" / "house.pptx").write_bytes(BASE)
    (project / "themes" / "linked.png").symlink_to(project / "assets" / "logo.png")  # a link that stays inside
    (project / "themes" / "default.yaml").write_text(
        "extends: default\nlogo: linked.png\nfont:\n  body:\n    regular: House.ttf\ndeck:\n  template: house.pptx\n",
        encoding="utf-8")
    from reportkit.theme import load_theme

    theme = load_theme("default", (project,))
    assert theme.asset("logo").resolve() == (project / "assets" / "logo.png").resolve()
    assert theme.logo_size() == (40, 20)
    assert theme.font_file("body").name == "House.ttf" and theme.asset("deck.template").name == "house.pptx"
