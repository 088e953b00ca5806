"""Themes: inheritance overrides only what it names, the search path, the print theme, located errors."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reportkit.errors import InputError
from reportkit.theme import BUILTIN_DIR, _leaves, builtin_themes, load_theme
from reportkit.theme.keys import declared
from helpers import run_cli, copy_reference


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_child_overrides_only_what_it_names(tmp_path):
    write(tmp_path / "house.yaml", 'extends: default\ncolor:\n  primary: "#112233"\ntable:\n  header:\n    fill: "#445566"\n')
    base, child = load_theme("default"), load_theme("house", (tmp_path,))
    assert child.color("color.primary") == "#112233"
    assert child.color("table.header.fill") == "#445566"
    changed = {k for k, v in _leaves(child.values) if dict(_leaves(base.values)).get(k) != v}
    assert changed == {("color", "primary"), ("table", "header", "fill"), ("name",)}
    assert child.name == "house" and child.font_file("body") == base.font_file("body")
    assert child.files == (tmp_path / "house.yaml", BUILTIN_DIR / "default.yaml")


def test_grandchild_inherits_through_the_chain(tmp_path):
    write(tmp_path / "themes" / "a.yaml", 'extends: print\ncolor:\n  accent: "#010101"\n')
    write(tmp_path / "themes" / "b.yaml", 'extends: a\nstance:\n  oppose: "#020202"\n')
    t = load_theme("b", (tmp_path,))
    assert t.color("color.accent") == "#010101" and t.color("stance.oppose") == "#020202"
    assert t.color("stance.support") == load_theme("print").color("stance.support")
    assert t.color("likelihood.high") == load_theme("print").color("likelihood.high")


def test_project_theme_shadows_builtin_and_may_extend_it(tmp_path):
    write(tmp_path / "themes" / "default.yaml", 'extends: default\ncolor:\n  primary: "#ABCDEF"\n')
    t = load_theme("default", (tmp_path,))
    assert t.color("color.primary") == "#ABCDEF"
    assert t.color("color.accent") == load_theme("default").color("color.accent")
    assert t.files[0] == tmp_path / "themes" / "default.yaml"


def test_content_folder_comes_before_its_themes_folder(tmp_path):
    write(tmp_path / "x.yaml", 'extends: default\ncolor:\n  primary: "#000001"\n')
    write(tmp_path / "themes" / "x.yaml", 'extends: default\ncolor:\n  primary: "#000002"\n')
    assert load_theme("x", (tmp_path,)).color("color.primary") == "#000001"


def test_theme_by_path(tmp_path):
    p = write(tmp_path / "elsewhere" / "mine.yaml", 'extends: print\nname: mine\n')
    t = load_theme(str(p))
    assert t.name == "mine" and t.color("color.primary") == "#000000"


def test_print_theme_is_greyscale_serif_and_clearly_different():
    default, print_ = load_theme("default"), load_theme("print")
    assert builtin_themes() == ["default", "print"]
    greys = []
    for key in (k.path for k in declared().values() if k.kind == "colour"):
        v = print_.color(key)
        r, g, b = (int(v[i:i + 2], 16) for i in (1, 3, 5))
        assert r == g == b, f"{key} is not grey: {v}"
        greys.append(key)
    assert len(greys) > 30
    # The stance scale runs by lightness (support darker), neighbours well apart for a copier.
    scale = [int(print_.color(f"stance.{k}")[1:3], 16)
             for k in ("strongly_oppose", "oppose", "neutral", "support", "strongly_support")]
    assert all(a - b >= 40 for a, b in zip(scale, scale[1:])) and scale[0] <= 0xC8, scale
    assert print_.font_file("body").name == "DejaVuSerif.ttf" and print_.font_file("body").is_file()
    assert print_.font_file("body", "bold_italic").name == "DejaVuSerif-BoldItalic.ttf"
    assert default.font_file("body").name.startswith("Carlito")


def test_print_theme_loads_without_importing_matplotlib():
    code = "import sys, reportkit.theme as t; t.load_theme('print'); sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def located(exc: pytest.ExceptionInfo) -> list[tuple[str, int, int, str]]:
    return [(Path(p.file).name, p.line, p.col, p.message) for p in exc.value.problems]


def test_unknown_theme(tmp_path):
    with pytest.raises(InputError, match="unknown theme 'nope'") as e:
        load_theme("nope", (tmp_path,), where="content.yaml")
    assert str(e.value.problems[0]).startswith("content.yaml:1:1: ")


def test_unknown_parent_is_located_at_extends(tmp_path):
    write(tmp_path / "t.yaml", "# mine\nextends: nope\n")
    with pytest.raises(InputError) as e:
        load_theme("t", (tmp_path,))
    assert located(e) == [("t.yaml", 2, 10, "extends unknown theme 'nope' (built-in: default, print)")]


def test_extends_loop(tmp_path):
    write(tmp_path / "a.yaml", "extends: b\n")
    write(tmp_path / "b.yaml", "extends: a\n")
    with pytest.raises(InputError, match="loop"):
        load_theme("a", (tmp_path,))


def test_bad_colours_are_each_located(tmp_path):
    write(tmp_path / "t.yaml", 'extends: default\ncolor:\n  primary: red\nstance:\n  oppose: "#12345"\n')
    with pytest.raises(InputError) as e:
        load_theme("t", (tmp_path,))
    problems = located(e)
    assert [(f, l, c) for f, l, c, _ in problems] == [("t.yaml", 3, 12), ("t.yaml", 5, 11)]
    assert re.search(r"color\.primary is not a colour: 'red'", problems[0][3])


def test_missing_font_file(tmp_path):
    write(tmp_path / "t.yaml", "extends: default\nfont:\n  body:\n    regular: Nowhere.ttf\n")
    with pytest.raises(InputError) as e:
        load_theme("t", (tmp_path,))
    (f, line, col, msg), = located(e)
    assert (f, line, col) == ("t.yaml", 4, 14) and "font file 'Nowhere.ttf' not found" in msg


def test_font_path_may_not_leave_the_project(tmp_path):
    project = tmp_path / "project"
    outside = write(tmp_path / "Secret.ttf", "not really a font")
    write(project / "themes" / "t.yaml", f"extends: default\nfont:\n  body:\n    regular: ../../Secret.ttf\n"
                                         f"    bold: {outside}\n")
    with pytest.raises(InputError) as e:
        load_theme("t", (project,))
    assert [m for *_, m in located(e)] == [
        f"font.body.regular: font path '../../Secret.ttf' is outside the project folder {project}",
        f"font.body.bold: font path '{outside}' is outside the project folder {project}",
    ]


def test_project_font_inside_the_project_is_used(tmp_path):
    font = (BUILTIN_DIR.parent.parent / "fonts" / "Carlito-Italic.ttf").read_bytes()
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "House.ttf").write_bytes(font)
    write(tmp_path / "themes" / "t.yaml", "extends: default\nfont:\n  body:\n    regular: ../fonts/House.ttf\n")
    t = load_theme("t", (tmp_path,))
    assert t.font_file("body").resolve() == (tmp_path / "fonts" / "House.ttf").resolve()
    assert t.font_file("body", "bold").name == "Carlito-Bold.ttf"  # inherited, from reportkit's fonts


def test_not_yaml_is_located(tmp_path):
    write(tmp_path / "t.yaml", "color:\n  primary: [\n")
    with pytest.raises(InputError) as e:
        load_theme("t", (tmp_path,))
    assert located(e)[0][0:2] == ("t.yaml", 3)


def test_duplicate_key_is_located(tmp_path):
    # Read with the content loader's guarded reader: YAML would silently keep the last value.
    write(tmp_path / "t.yaml", 'extends: default\ncolor:\n  primary: "#000000"\n  primary: "#111111"\n')
    with pytest.raises(InputError) as e:
        load_theme("t", (tmp_path,))
    (f, line, _, msg), = located(e)
    assert (f, line) == ("t.yaml", 4) and "primary" in msg


def test_theme_without_extends_inherits_the_builtin_default(tmp_path):
    # A bare theme names one colour; every other key the renderers read comes from the default,
    # so the build succeeds instead of failing with an internal KeyError.
    (tmp_path / "bare.yaml").write_text('name: bare\ncolor:\n  primary: "#112233"\n', encoding="utf-8")
    theme = load_theme("bare", search=(tmp_path,))
    default = load_theme("default")
    assert theme.color("color.primary") == "#112233"
    assert theme.color("stance.strongly_oppose") == default.color("stance.strongly_oppose")
    content = copy_reference(tmp_path, "brief.yaml")
    run = run_cli("build", str(content), "--theme", "bare", "--out", str(tmp_path / "out"), "--quiet")
    assert run.returncode == 0, run.stderr
