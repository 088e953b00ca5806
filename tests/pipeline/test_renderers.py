"""Every registered renderer keeps the contract in docs/renderers.md: built on the reference content,
it returns ``Rendered`` (bytes and a tuple of ``BuildWarning``), the same bytes every time, and its
record names a declared theme section."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.pipeline import prepare, read_source
from reportkit.registry import REGISTRY, BuildWarning, Rendered, Renderer
from reportkit.theme.keys import sections

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "content" / "us-russia-talks.yaml"


@pytest.fixture(scope="module")
def prepared():
    return prepare(read_source(REFERENCE))


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_registered_renderer_returns_rendered_data_deterministically(name, prepared):
    renderer = REGISTRY[name]
    assert isinstance(renderer, Renderer) and renderer.name == name
    assert callable(getattr(renderer.load(), "render", None)), f"{renderer.module} has no render(edition)"
    edition = prepared.for_format(name)
    first = renderer.load().render(edition)
    assert isinstance(first, Rendered), f"{name}: render() must return Rendered, not {type(first).__name__}"
    assert isinstance(first.data, bytes) and len(first.data) > 0
    assert isinstance(first.warnings, tuple) and all(isinstance(w, BuildWarning) for w in first.warnings)
    assert renderer.load().render(prepared.for_format(name)) == first, f"{name}: output is not deterministic"


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_record_is_complete(name):
    renderer = REGISTRY[name]
    assert Path(renderer.filename).suffix and "/" in renderer.media_type
    assert renderer.theme_section is None or renderer.theme_section in sections()
    if renderer.theme_section in ("memo", "deck"):  # reportkit's own renderers declare their keys
        assert sections()[renderer.theme_section]


def test_the_contract_is_written_down():
    doc = (ROOT / "docs" / "renderers.md").read_text(encoding="utf-8")
    for word in ("render(edition)", "Rendered", "BuildWarning", "preload", "theme_section", "register(",
                 "theme/sections/", "deterministic"):
        assert word in doc, word
