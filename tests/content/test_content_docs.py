"""docs/content-format.md stays true: its field tables are generated from the spec and current, its
examples validate, and its example error output is what `reportkit validate` prints."""
from __future__ import annotations

import re

import pytest

from reportkit.content import load_text
from reportkit.content.docs import DOC_FILE, with_generated
from helpers import run_cli

DOC = DOC_FILE.read_text(encoding="utf-8")
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, re.S)


def test_generated_tables_are_current():
    assert with_generated(DOC) == DOC, "run: python3 -m reportkit.content.docs"


def test_every_field_of_the_reference_is_documented(reference_path):
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOC, re.M))
    used = set(re.findall(r"^\s*-?\s*\{?([a-z_]+):", reference_path.read_text(encoding="utf-8"), re.M))
    assert used and used <= documented, used - documented


def test_minimal_example_validates():
    b = load_text(YAML_BLOCKS[0], "docs-example.yaml")
    assert (len(b.parties), len(b.issues), len(b.stances), len(b.outcomes)) == (2, 1, 1, 1)


def test_audience_example_validates():
    extra = next(b for b in YAML_BLOCKS if "audiences:\n  minister" in b)
    # the snippet replaces the minimal file's summary and adds an audiences mapping
    text = re.sub(r"summary:\n  - The talks begin.\n", "", YAML_BLOCKS[0]) + extra
    assert load_text(text, "docs-example.yaml").audiences["minister"]["detail"] == "brief"


def test_example_errors_are_what_validate_prints(tmp_path):
    shown = re.search(r"gives:\n\n```\n(.*?)```", DOC, re.S).group(1)
    (tmp_path / "brief.yaml").write_text(
        YAML_BLOCKS[0].replace("{party: us, issue", "{party: usa, issue").replace("score: 2", "score: 9")
        .replace("tone: cautious", "tone: angry"), encoding="utf-8")
    result = run_cli("validate", "brief.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == shown


@pytest.mark.parametrize("limit", ["file size limit", "string length limit", "list length limit",
                                   "nesting limit", "alias expansion limit"])
def test_limits_are_documented_under_the_name_errors_use(limit):
    assert f"| {limit} |" in DOC


def test_reliability_page_states_the_real_limits():
    from reportkit.content import limits

    page = (DOC_FILE.parent / "reliability.md").read_text(encoding="utf-8")
    for value in (f"{limits.MAX_FILE_BYTES:,} bytes", f"{limits.MAX_TEXT_CHARS:,} characters",
                  f"{limits.MAX_LIST_ITEMS:,} items", f"{limits.MAX_DEPTH} levels", f"{limits.MAX_NODES:,} |"):
        assert value in page, value
