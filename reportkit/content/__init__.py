"""Content loading: YAML file -> validated data -> frozen model (``reportkit.model``).

``load(path)`` is the one entry point; it raises ``reportkit.errors.InputError`` with every located
problem at once.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Briefing
from .to_model import to_model


def load(path: str | Path) -> Briefing:
    # PROVISIONAL: plain safe_load; the validating loader (issue 2) replaces this body.
    import yaml

    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    return to_model(data)
