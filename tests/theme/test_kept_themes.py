"""A batch worker keeps loaded themes (``keep_loaded_themes``): the same theme object while nothing it
was made from changed, a fresh load as soon as anything did."""
from __future__ import annotations

import os
import time

import pytest

import reportkit.theme as theme_module
from reportkit import file_stamps
from reportkit.theme import load_theme
from tests.helpers import copy_reference

OLD = time.time() - 3600  # an hour ago: settled, so the loaded theme may be kept


@pytest.fixture
def kept(monkeypatch):
    """Keeping on, and files count as settled 50 ms after their last change: a file's change time
    cannot be set back as its modification time can, and the tests should not wait seconds."""
    monkeypatch.setattr(theme_module, "_KEPT", {})
    monkeypatch.setattr(file_stamps, "SETTLED_SECONDS", 0.05)
    time.sleep(0.06)


def settle():
    time.sleep(0.06)


def write_old(path, text: str, when: float = OLD):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (when, when))
    return path


def test_a_settled_theme_is_loaded_once(kept, tmp_path):
    write_old(tmp_path / "house.yaml", 'extends: print\ncolor:\n  primary: "#112233"\n')
    settle()
    first = load_theme("house", (tmp_path,))
    assert load_theme("house", (tmp_path,)) is first
    assert load_theme("print") is load_theme("print")


def test_without_keeping_every_call_loads(tmp_path, monkeypatch):
    """Only a batch worker keeps themes (an in-process batch in another test may have turned it on)."""
    monkeypatch.setattr(theme_module, "_KEPT", None)
    write_old(tmp_path / "house.yaml", 'extends: print\n')
    assert load_theme("house", (tmp_path,)) is not load_theme("house", (tmp_path,))


def test_an_edit_of_the_same_size_and_time_is_seen(kept, tmp_path):
    """The edit keeps the size and even puts the old modification time back: the change time (which
    no one can set) still tells."""
    path = write_old(tmp_path / "house.yaml", 'extends: print\ncolor:\n  primary: "#112233"\n')
    settle()
    assert load_theme("house", (tmp_path,)).color("color.primary") == "#112233"
    time.sleep(0.01)
    write_old(path, 'extends: print\ncolor:\n  primary: "#445566"\n')
    assert load_theme("house", (tmp_path,)).color("color.primary") == "#445566"


def test_a_parent_edit_is_seen(kept, tmp_path):
    write_old(tmp_path / "themes" / "a.yaml", 'extends: print\ncolor:\n  accent: "#010101"\n')
    write_old(tmp_path / "themes" / "b.yaml", 'extends: a\n')
    assert load_theme("b", (tmp_path,)).color("color.accent") == "#010101"
    write_old(tmp_path / "themes" / "a.yaml", 'extends: print\ncolor:\n  accent: "#020202"\n', OLD + 60)
    assert load_theme("b", (tmp_path,)).color("color.accent") == "#020202"


def test_a_new_file_that_shadows_a_parent_is_seen(kept, tmp_path):
    """``b`` extends ``print``; a project ``print.yaml`` added later is the parent from then on."""
    write_old(tmp_path / "b.yaml", 'extends: print\n')
    before = load_theme("b", (tmp_path,))
    write_old(tmp_path / "themes" / "print.yaml", 'extends: print\ncolor:\n  primary: "#0A0B0C"\n')
    after = load_theme("b", (tmp_path,))
    assert after is not before and after.color("color.primary") == "#0A0B0C"


def test_a_replaced_logo_is_seen(kept, tmp_path):
    """The logo's pixel size is part of the loaded theme: a new logo file gives a new theme."""
    copy_reference(tmp_path)
    logo = next((tmp_path / "figures").glob("*.png"))
    write_old(tmp_path / "house.yaml", f"extends: default\nlogo: figures/{logo.name}\n")
    os.utime(logo, (OLD, OLD))
    settle()
    first = load_theme("house", (tmp_path,))
    assert load_theme("house", (tmp_path,)) is first
    from PIL import Image

    Image.new("RGB", (40, 20), "white").save(logo)
    os.utime(logo, (OLD, OLD))
    second = load_theme("house", (tmp_path,))
    assert second is not first and second.logo_size() == (40, 20)


def test_a_theme_written_just_now_is_not_kept(monkeypatch, tmp_path):
    """File times tick coarsely: a file younger than ``file_stamps.SETTLED_SECONDS`` could be rewritten at the same
    size within one tick (``file_stamps``), so its theme is loaded again each time until it settles."""
    monkeypatch.setattr(theme_module, "_KEPT", {})
    (tmp_path / "house.yaml").write_text('extends: print\n', encoding="utf-8")
    assert file_stamps.SETTLED_SECONDS >= 1
    assert load_theme("house", (tmp_path,)) is not load_theme("house", (tmp_path,))
