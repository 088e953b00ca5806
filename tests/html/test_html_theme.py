"""The web edition's theme keys (``html.*``) are declared like memo/deck/docx keys: a misspelled or
unsafe key is a located error, a good one reaches the page's CSS, and docs/templates.md lists them."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.errors import InputError
from reportkit.theme import load_theme
from reportkit.theme.keys import declared

DOCS = Path(__file__).parents[2] / "docs" / "templates.md"


def theme_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "web.yaml"
    path.write_text("extends: default\nhtml:\n" + body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("body,says", [
    ("  fnt: {body: [Carlito]}\n", "web.yaml:3:3: unknown theme key 'html.fnt' (did you mean 'html.font'?)"),
    ("  font: {bdy: [Carlito]}\n", "web.yaml:3:10: unknown theme key 'html.font.bdy' (did you mean 'html.font.body'?)"),
    ("  font: {body: [Carlito, 'x;}body{display:none']}\n", "web.yaml:3:16: html.font.body must be a list of font family names"),
    ("  font: {heading: Carlito}\n", "web.yaml:3:19: html.font.heading must be a list of font family names"),
])
def test_wrong_html_keys_are_located(tmp_path, body, says):
    with pytest.raises(InputError) as e:
        load_theme(theme_file(tmp_path, body))
    assert says in str(e.value)


def test_declared_fonts_reach_the_page(tmp_path):
    from reportkit.html.style import font_stacks

    theme = load_theme(theme_file(tmp_path, "  font: {body: [Noto Sans, sans-serif], heading: [Georgia, serif]}\n"))
    assert font_stacks(theme) == ('"Noto Sans", sans-serif', '"Georgia", serif')


def test_docs_list_the_html_keys():
    text = DOCS.read_text(encoding="utf-8")
    for path, key in declared().items():
        if path.startswith("html."):
            assert f"| `{path}` |" in text, path
