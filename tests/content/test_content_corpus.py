"""The bad-input corpus (tests/bad_inputs/cases.yaml), run through the real CLI: every bad file gives
exit 2, a located message at the expected line and column, and no traceback; the hostile-looking but
valid files validate."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from reportkit.content import limits
from helpers import run_cli

CORPUS = Path(__file__).parents[1] / "bad_inputs"
MANIFEST = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
MINIMAL = (CORPUS / "valid-minimal.yaml").read_text(encoding="utf-8")


def validate(path: Path) -> subprocess.CompletedProcess:
    return run_cli("validate", str(path), cwd=path.parent, timeout=60)


def assert_located(result: subprocess.CompletedProcess, path: Path, line: int, col: int, says: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines and all(ln.startswith(f"{path}:") for ln in lines), lines  # every problem is located
    wanted = f"{path}:{line}:{col}: "
    hits = [ln for ln in lines if ln.startswith(wanted) and says in ln]
    assert hits, f"expected {wanted}…{says}… in:\n" + "\n".join(lines)


@pytest.mark.parametrize("case", MANIFEST["cases"], ids=lambda c: c["file"])
def test_bad_file_is_reported_where_it_is_wrong(case):
    path = CORPUS / case["file"]
    assert_located(validate(path), path, case["line"], case["col"], case["says"])


def _generate(name: str) -> bytes:
    if name == "huge-file":
        return (MINIMAL + "# " + "x" * limits.MAX_FILE_BYTES + "\n").encode()
    if name == "long-string":
        return MINIMAL.replace("The talks begin.", "talks " * (limits.MAX_TEXT_CHARS // 5)).encode()
    if name == "many-items":
        return MINIMAL.replace("  - Watch the talks.\n", "  - Watch the talks.\n" * 10_000).encode()
    raise KeyError(name)


@pytest.mark.parametrize("case", MANIFEST["generated"], ids=lambda c: c["name"])
def test_generated_bad_file_is_reported(case, tmp_path):
    path = tmp_path / f"{case['name']}.yaml"
    path.write_bytes(_generate(case["name"]))
    assert_located(validate(path), path, case["line"], case["col"], case["says"])


@pytest.mark.parametrize("name", MANIFEST["valid"])
def test_hostile_looking_valid_file_validates(name):
    result = validate(CORPUS / name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{CORPUS / name}: valid (2 parties, 1 issue, 1 stance, 1 outcome)")


def test_every_corpus_file_is_in_the_manifest():
    listed = {c["file"] for c in MANIFEST["cases"]} | set(MANIFEST["valid"]) | {"cases.yaml"}
    assert {p.name for p in CORPUS.iterdir() if not p.is_dir()} == listed
    assert {p.name for p in CORPUS.iterdir() if p.is_dir()} == {"figures"}  # the images the figure cases name


def test_all_problems_are_reported_at_once_in_order(tmp_path):
    path = tmp_path / "several.yaml"
    path.write_text(MINIMAL.replace("score: 2", "score: 9").replace("tone: cautious", "tone: angry")
                    .replace("{party: us, issue", "{party: usa, issue"), encoding="utf-8")
    result = validate(path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    positions = [tuple(int(n) for n in ln[len(str(path)) + 1:].split(":", 2)[:2]) for ln in lines]
    assert positions == sorted(positions) and len(set(positions)) == 3
