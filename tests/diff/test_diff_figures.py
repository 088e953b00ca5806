"""Figures in ``reportkit diff``: a caption edited, an image replaced, a figure added or removed."""
from __future__ import annotations

import dataclasses
import shutil

from reportkit.content import load
from reportkit.diff import diff, format_text
from helpers import REFERENCE, copy_reference


def _pair(tmp_path, edit):
    old = copy_reference(tmp_path / "old")
    new = copy_reference(tmp_path / "new")
    edit(new)
    return load(old), load(new)


def _lines(changes) -> list[str]:
    return [line.strip() for line in format_text(changes, "old", "new").splitlines()]


def test_an_edited_caption_is_a_figure_edit(tmp_path):
    def edit(path):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("caption: Who talks to whom, as the article reports it",
                                     "caption: Who talks to whom"), encoding="utf-8")

    changes = diff(*_pair(tmp_path, edit))
    [e] = [e for e in changes.wording if e.item == "figure"]
    assert (e.key, e.field, e.old, e.new) == ("talks-schematic", "caption", "Who talks to whom, as the article reports it",
                                              "Who talks to whom")
    assert "figure \u201cWho talks to whom\u201d: caption reworded" in _lines(changes)


def test_a_replaced_image_is_said_once(tmp_path):
    def edit(path):
        shutil.copyfile(REFERENCE.parent.parent / "assets" / "logo.png", path.parent / "figures" / "talks-schematic.png")

    changes = diff(*_pair(tmp_path, edit))
    [e] = [e for e in changes.wording if e.item == "figure"]
    assert (e.field, e.note) == ("image", "image replaced")
    assert any(line.endswith("image: image replaced") for line in _lines(changes))


def test_a_removed_figure_and_nothing_else(tmp_path):
    old, new = _pair(tmp_path, lambda path: None)
    assert [e for e in diff(old, new).wording if e.item == "figure"] == []  # the same image: no change
    changes = diff(old, dataclasses.replace(new, figures=()))
    [e] = [e for e in changes.wording if e.item == "figure"]
    assert (e.field, e.note, e.new) == ("figure", "removed", None)
    assert any(line.endswith(": removed") and "figure" in line for line in _lines(changes))
