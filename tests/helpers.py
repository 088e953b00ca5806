"""What many tests share: one way to run the command line, and one set of text normalisers.

``run_cli`` runs ``python -m reportkit ARGS`` (or a ``-c`` program that patches something and then
calls ``reportkit.cli.main``) in a fresh interpreter, as a user would. The normalisers compare text
extracted from PDFs, decks and pages without the layout that extraction leaves in it.
"""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path


def run_cli(*args, cwd: Path | None = None, code: str | None = None, env: dict | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """``reportkit ARGS`` in a fresh interpreter: text output (UTF-8), never a shell, never hung."""
    cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", "reportkit"]
    return subprocess.run([*cmd, *map(str, args)], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}, timeout=timeout)


def squash(text: str) -> str:
    """Whitespace-normalised: every run of whitespace (line breaks included) is one space; no ends."""
    return re.sub(r"\s+", " ", text).strip()


def compact(text: str) -> str:
    """For finding a string across line and run breaks: no whitespace or (soft) hyphens, entities
    decoded, case folded."""
    return re.sub(r"[\s\u00ad-]+", "", html.unescape(text)).casefold()


def layout_free(s: str) -> str:
    """For comparing any script across a PDF's layout: no whitespace, wrap hyphens or invisible format
    characters (pdftotext marks right-to-left runs with U+202B…U+202C), no U+FFFD (the memo draws it
    for a glyph no font has), one Unicode form. Right-to-left letters and non-spacing marks are left
    out too: the memo draws them in visual order and pdftotext puts plain runs back in logical order
    but not runs with marks (pointed Hebrew)."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not c.isspace() and c not in "-\u00ad\ufffd" and unicodedata.category(c) != "Cf"
                   and unicodedata.bidirectional(c) not in ("R", "AL", "NSM"))


def write_yaml(path: Path, data) -> Path:
    """A content file written from ``data`` as a user would keep it: UTF-8, keys in their order."""
    import yaml
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def walk_shapes(shapes):
    """Every shape of a slide, group members in place of their group (shape type 6)."""
    for shape in shapes:
        if shape.shape_type == 6:
            yield from walk_shapes(shape.shapes)
        else:
            yield shape


def wait_for(predicate, what: str, proc: subprocess.Popen, timeout: float = 90):
    """The first truthy ``predicate()``; fails the test if ``proc`` (a watch or preview) exits or
    ``timeout`` seconds pass first."""
    import time
    import pytest
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        if proc.poll() is not None:
            pytest.fail(f"the process exited early (code {proc.returncode}) while waiting for {what}")
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def pdftotext_readings(line: str) -> set[str]:
    """How pdftotext may return a one-line ``line`` from a page of mostly left-to-right text: as
    written, and, when the line is a right-to-left paragraph with Latin inside ("حصص المياه (water
    quotas)", which the memo then shows as "(water quotas) حصص المياه", as a browser does), in that
    visual order, its runs reversed: poppler takes one direction per page. The memo prints such a name
    both ways (a table cell of its own: right to left; "Name: proposition": the proposition's way)."""
    from reportkit.scripts import is_rtl_paragraph, segments

    out = {line}
    if is_rtl_paragraph(line):
        out.add("".join(s.text for s in reversed(segments(line))))
    return out


REFERENCE = Path(__file__).resolve().parent.parent / "content" / "us-russia-talks.yaml"


def copy_reference(folder: Path, name: str = "us-russia-talks.yaml", text: str | None = None, data=None) -> Path:
    """A copy of the reference briefing that builds: ``folder/name`` holding the reference (or ``text``,
    or ``data`` as YAML, made from it) and the figure files it names (content/figures/)."""
    import shutil

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REFERENCE.parent / "figures", folder / "figures", dirs_exist_ok=True)
    path = folder / name
    if data is not None:
        return write_yaml(path, data)
    if text is None:
        path.write_bytes(REFERENCE.read_bytes())
    else:
        path.write_text(text, encoding="utf-8")
    return path
