"""Theme keys are declared (theme/keys.py, theme/sections/): misspelled keys and wrong types are
refused with a located did-you-mean, every problem at once; the key table in docs/templates.md is
generated from the declaration."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.errors import InputError
from reportkit.theme import BUILTIN_DIR, _leaves, builtin_themes, load_theme
from reportkit.theme.docs import DOC_FILE, with_generated
from reportkit.theme.keys import declared
from helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "content" / "us-russia-talks.yaml"


def problems_of(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_theme(str(path))
    assert all(p.file == str(path) for p in e.value.problems)
    return [(p.line, p.col, p.message) for p in e.value.problems]


def test_a_misspelled_group_is_refused_with_did_you_mean(tmp_path):
    assert problems_of(tmp_path, "extends: default\ncolour:\n  primary: '#000000'\n") == [
        (2, 1, "unknown theme key 'colour' (did you mean 'color'?)")]


def test_a_misspelled_leaf_is_refused_with_did_you_mean(tmp_path):
    assert problems_of(tmp_path, "extends: default\ntable:\n  header:\n    fil: '#000000'\n") == [
        (4, 5, "unknown theme key 'table.header.fil' (did you mean 'table.header.fill'?)")]


def test_a_key_in_the_wrong_group_names_where_it_belongs(tmp_path):
    (line, col, message), = problems_of(tmp_path, "extends: default\nmemo:\n  template: x.pptx\n")
    assert (line, col) == (3, 3) and message == "unknown theme key 'memo.template' (did you mean 'deck.template'?)"


def test_every_problem_of_every_kind_is_reported_at_once(tmp_path):
    text = ("extends: default\n"
            "colour: {primary: '#000000'}\n"
            "color:\n  primary: blue\n"
            "memo:\n  page_size: legal\n  margins_mm: {top: wide}\n"
            "deck:\n  pictures: svg\n  layouts:\n    titel: Title Slide\n"
            "font:\n  body:\n    regular: Nowhere.ttf\n    boldd: Carlito-Bold.ttf\n")
    got = problems_of(tmp_path, text)
    messages = [m for *_, m in got]
    assert len(got) == 8, got
    assert messages[0] == "unknown theme key 'colour' (did you mean 'color'?)"
    assert "color.primary is not a colour: 'blue' (write #RRGGBB)" in messages
    assert "memo.page_size must be one of letter, a4, got 'legal'" in messages
    assert "memo.margins_mm.top must be a number (0 or more), got 'wide'" in messages
    assert "deck.pictures must be one of native, matplotlib, got 'svg'" in messages
    assert "unknown theme key 'deck.layouts.titel' (did you mean 'deck.layouts.title'?)" in messages
    assert any(m.startswith("font.body.regular: font file 'Nowhere.ttf' not found") for m in messages)
    assert "unknown theme key 'font.body.boldd' (did you mean 'font.body.bold'?)" in messages


def test_an_unknown_parent_is_reported_with_the_files_other_problems(tmp_path):
    got = problems_of(tmp_path, "extends: defualt\ncolor:\n  primray: '#000000'\n")
    assert got == [(1, 10, "extends unknown theme 'defualt' (built-in: default, print)"),
                   (3, 3, "unknown theme key 'color.primray' (did you mean 'color.primary'?)")]


def test_the_command_line_prints_each_problem_located_and_exits_2(tmp_path):
    theme = tmp_path / "t.yaml"
    theme.write_text("extends: default\ncolour: {}\ntable:\n  header:\n    fil: '#000000'\n", encoding="utf-8")
    r = run_cli("build", str(REFERENCE), "--theme", str(theme), "--out", str(tmp_path / "out"), timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        f"{theme}:2:1: unknown theme key 'colour' (did you mean 'color'?)",
        f"{theme}:5:5: unknown theme key 'table.header.fil' (did you mean 'table.header.fill'?)"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", builtin_themes())
def test_the_builtin_themes_set_only_declared_keys(name):
    keys = declared()
    theme = load_theme(name)
    for file in theme.files:
        import yaml

        for key, _ in _leaves(yaml.safe_load(file.read_text(encoding="utf-8"))):
            assert ".".join(key) in keys, key


def test_the_builtin_default_sets_every_colour_and_font():
    """A theme without ``extends`` inherits the built-in default, so the default must be complete."""
    default = load_theme("default")
    for key in declared().values():
        if key.kind in ("colour", "font"):
            assert default.get(key.path) is not None, key.path


def test_a_renderer_section_without_a_declaration_is_taken_as_written(tmp_path, monkeypatch):
    from reportkit import registry

    monkeypatch.setitem(registry.REGISTRY, "fake", registry.Renderer("fake", "reportkit.fake", "fake.txt", "text/plain",
                                                                      theme_section="fakesection"))
    path = tmp_path / "t.yaml"
    path.write_text("extends: default\nfakesection:\n  anything: 1\n", encoding="utf-8")
    assert load_theme(str(path)).get("fakesection.anything") == 1


def test_the_key_table_in_docs_is_current():
    doc = DOC_FILE.read_text(encoding="utf-8")
    assert with_generated(doc) == doc, "run: python3 -m reportkit.theme.docs"
    for key in declared():
        assert f"`{key}`" in doc
