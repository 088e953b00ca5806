"""Hazard: a YAML alias repeats a value written elsewhere. A problem the repetition makes (a duplicate
id) is reported where the alias is used, the line to change, not at the anchored original, which is
fine where it stands."""
from __future__ import annotations

import subprocess
import sys

import pytest

HEAD = """reportkit: 1
briefing:
  title: T
  date: 2025-01-01
  classification: UNCLASSIFIED
  memo: {to: a, from: b, subject: c}
summary: [x]
"""
TAIL = """issues:
  - {id: i1, name: I, proposition: P}
sources:
  - {id: s1, title: S}
"""

CASES = {
    # a whole party repeated: its id is the alias's line and column
    "mapping": ("parties:\n  - &p {id: us, name: United States, role: mediator}\n  - *p\n", 10, 5,
                "duplicate party id 'us' (first defined at line 9)"),
    # only the id repeated
    "scalar": ("parties:\n  - {id: &u us, name: United States, role: mediator}\n"
               "  - {id: *u, name: Russia, role: negotiator}\n", 10, 10, "duplicate party id 'us' (first defined at line 9)"),
    # a list of parties repeated in a second list: the alias inside the anchored list is used once more
    "nested": ("x_defaults: &d {id: us, name: United States, role: mediator}\nparties:\n  - *d\n  - *d\n", 11, 5,
               "duplicate party id 'us'"),
}


def _validate(tmp_path, body: str) -> subprocess.CompletedProcess:
    path = tmp_path / "b.yaml"
    path.write_text(HEAD + body + TAIL, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "reportkit", "validate", str(path)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("case", CASES)
def test_a_duplicate_id_made_by_an_alias_is_reported_where_the_alias_is_used(tmp_path, case):
    body, line, col, says = CASES[case]
    r = _validate(tmp_path, body)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    wanted = f"{tmp_path / 'b.yaml'}:{line}:{col}: {says}"
    assert any(ln.startswith(wanted) for ln in r.stderr.splitlines()), r.stderr


def test_paths_inside_keys_and_lists_are_followed():
    from reportkit.content.safe_yaml import load_yaml

    doc = load_yaml("a: &x [1, 2]\nb:\n  - q\n  - {k: *x, m: [*x]}\n", strict=False)
    assert doc.aliases and doc.where(("b", 1, "k", 0)) == (4, 9)
    assert doc.where(("b", 1, "m", 0, 1)) == (4, 17)
    assert doc.where(("a", 1)) == (1, 11)  # the anchored original stays where it is
