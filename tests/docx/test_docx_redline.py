"""``build --since OLD --format docx``: the changes as Word tracked changes. Accepting every change
gives the newer memo, rejecting every change gives the older one, paragraph for paragraph."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from docx_support import schema_problems
from reportkit.pipeline import load_edition
from reportkit.registry import REGISTRY

DATA = Path(__file__).parents[1] / "data"
OLD, NEW = DATA / "diff-old.yaml", DATA / "diff-new.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _render(path: Path, **kw) -> bytes:
    return REGISTRY["docx"].render(load_edition(path, **kw)).data


@pytest.fixture(scope="module")
def redline() -> bytes:
    return _render(NEW, since=str(OLD))


def _body(data: bytes):
    from lxml import etree

    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(f"{W}body")


def _inside(el, tag: str) -> bool:
    return any(a.tag == f"{W}{tag}" for a in el.iterancestors())


def _texts(body, drop: str | None = None) -> list[str]:
    """Paragraph texts with every change accepted (drop="del") or rejected (drop="ins"); None: plain."""
    out = []
    for p in body.iter(f"{W}p"):
        if drop and p.find(f"{W}pPr/{W}rPr/{W}{drop}") is not None:
            continue  # the paragraph itself goes
        text = []
        for t in p.iter(f"{W}t", f"{W}delText"):
            if drop is None or (not _inside(t, drop) and (t.tag == f"{W}t" or drop == "ins")):
                text.append(t.text or "")
        out.append("".join(text))
    return out


def test_tracked_changes_have_an_author_and_a_date(redline):
    xml = zipfile.ZipFile(io.BytesIO(redline)).read("word/document.xml").decode()
    marks = re.findall(r'<w:(ins|del) w:id="(\d+)" w:author="([^"]+)" w:date="([^"]+)"', xml)
    assert {m[0] for m in marks} == {"ins", "del"}
    assert {m[2] for m in marks} == {"reportkit"}
    assert {m[3] for m in marks} == {"2026-11-26T00:00:00Z"}
    ids = [m[1] for m in marks]
    assert len(ids) == len(set(ids))


def test_accepting_every_change_gives_the_newer_memo(redline):
    assert _texts(_body(redline), drop="del") == _texts(_body(_render(NEW)))


def test_rejecting_every_change_gives_the_older_memo(redline):
    assert _texts(_body(redline), drop="ins") == _texts(_body(_render(OLD)))


@pytest.mark.parametrize("audience", ["principals", "press"])
def test_an_audiences_redline_accepts_to_its_newer_and_rejects_to_its_older_memo(audience):
    data = _render(NEW, since=str(OLD), audience=audience)
    assert "<w:ins " in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert _texts(_body(data), drop="del") == _texts(_body(_render(NEW, audience=audience)))
    assert _texts(_body(data), drop="ins") == _texts(_body(_render(OLD, audience=audience)))


def test_a_reworded_sentence_is_marked_word_by_word(redline):
    body = _body(redline)
    changed = [p for p in body.iter(f"{W}p") if p.find(f".//{W}ins") is not None and p.find(f".//{W}del") is not None
               and p.find(f"{W}pPr/{W}rPr/{W}ins") is None]
    kept = ["".join(t.text for t in p.iter(f"{W}t") if not _inside(t, "ins")) for p in changed]
    assert "26 November 2026" not in kept and " November 2026" in kept  # the date: only the day changed
    assert any("Four outcomes are" in k and "longer-term diplomacy" in k for k in kept)  # one word marked, not the sentence


def test_valid_and_deterministic(redline, tmp_path):
    assert schema_problems(redline, tmp_path) == []
    assert _render(NEW, since=str(OLD)) == redline


def test_theme_can_turn_the_redline_off(tmp_path):
    theme = tmp_path / "noredline.yaml"
    theme.write_text("extends: default\nname: noredline\ndocx:\n  redline: false\n", encoding="utf-8")
    data = _render(NEW, since=str(OLD), theme_name=str(theme))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<w:ins " not in xml and "<w:del " not in xml
    assert "What changed" in "\n".join(_texts(_body(data)))
