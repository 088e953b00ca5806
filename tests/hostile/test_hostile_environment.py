"""Hazard: the build environment changing the output. ``SOURCE_DATE_EPOCH`` (set by packaging tools and
CI systems) must not change any edition's bytes: reportkit's outputs depend on the content only, and
reportlab would otherwise seed the memo's PDF /ID with it. Walks every registered renderer."""
from __future__ import annotations

import pytest

from conftest import REFERENCE
from hostile import render_every_edition
from reportkit.registry import REGISTRY


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_source_date_epoch_does_not_change_the_bytes(name, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = render_every_edition(REFERENCE, [name])[name]
    for value in ("1700000000", "0"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        assert render_every_edition(REFERENCE, [name])[name] == plain, value
