"""The theme package imports no renderer: a renderer's view of the theme (the deck's template colours)
is declared in its registry record and applied by the pipeline (theme/views.py, docs/renderers.md)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reportkit
from reportkit.registry import REGISTRY

THEME = Path(reportkit.__file__).parent / "theme"
RENDERERS = {r.module for r in REGISTRY.values()}


def _imported(path: Path) -> set[str]:
    """Absolute names of the reportkit modules ``path`` imports (relative imports resolved)."""
    package = "reportkit." + ".".join(path.relative_to(THEME.parent).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            name = ".".join(x for x in (base, node.module or "") if x)
            out.add(name)
            out.update(f"{name}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_no_theme_module_imports_a_renderer():
    for path in sorted(THEME.rglob("*.py")):
        bad = {m for m in _imported(path) for r in RENDERERS if m == r or m.startswith(r + ".")}
        assert not bad, f"{path.relative_to(THEME.parent)} imports {sorted(bad)}"


def test_loading_and_viewing_a_theme_loads_no_renderer():
    code = ("import sys, reportkit.theme as t, reportkit.theme.views as v; th = t.load_theme('default'); "
            "v.with_colors(th, {'table.header.fill': '#112233'}); "
            f"print(sorted(m for m in sys.modules if m in {sorted(RENDERERS)!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_new_header_fill_gets_readable_header_text():
    from reportkit.present import contrast
    from reportkit.theme import load_theme
    from reportkit.theme.views import with_colors

    theme = load_theme("default")
    assert with_colors(theme, {}) is theme
    dark = with_colors(theme, {"table.header.fill": "#0B1F3A", "color.primary": "#0B1F3A"})
    assert dark.color("table.header.fill") == "#0B1F3A" and dark.color("color.primary") == "#0B1F3A"
    assert contrast(dark.color("table.header.text"), "#0B1F3A") >= 4.5
    assert theme.color("table.header.fill") != "#0B1F3A"  # the theme itself is not revised
