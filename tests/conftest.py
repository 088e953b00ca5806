"""Shared fixtures. With CI=true, tests that need system tools (pdftotext, qpdf, soffice) must run:
``require_tool`` fails instead of skipping there."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# CI runs the property tests on a fixed sequence of examples (derandomize), so a landing never
# depends on the draw; local runs keep exploring new examples every time.
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    _hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "content" / "us-russia-talks.yaml"


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required in CI (install it in .ci/run)")
    pytest.skip(f"{name} not installed")


@pytest.fixture(scope="session")
def reference_path() -> Path:
    return REFERENCE


@pytest.fixture(scope="session")
def reference():
    from reportkit.content import load

    return load(REFERENCE)
