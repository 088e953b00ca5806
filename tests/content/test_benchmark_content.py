"""The benchmark's synthetic content (benchmarks/synthetic.py) is valid content, of the size it claims,
and the same bytes every time: a benchmark of invalid or shifting input would measure nothing."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root holds benchmarks/
from benchmarks import synthetic  # noqa: E402


@pytest.mark.parametrize("k", [1, 10])
def test_scaled_content_loads_and_grows_as_content(k, tmp_path):
    from reportkit.content import load

    path = tmp_path / f"{k}x.yaml"
    path.write_text(synthetic.dump(synthetic.scaled(k)), encoding="utf-8")
    b = load(path)  # raises InputError, located, if the generator wrote anything invalid
    cells = len(b.parties) * len(b.issues)
    assert len(b.outcomes) == 4 * k
    assert 0.9 * 42 * k <= cells <= 1.1 * 42 * k  # the matrix grows k times, not k squared
    assert len(b.stances) == round(cells * 19 / 42)
    assert len({(s.party, s.issue) for s in b.stances}) == len(b.stances)
    assert all(b.source(s.source) for s in b.stances)


def test_the_big_case_has_the_issue_sizes(tmp_path):
    from reportkit.content import load

    path = tmp_path / "big.yaml"
    path.write_text(synthetic.dump(synthetic.sized(40, 30, 100)), encoding="utf-8")
    b = load(path)
    assert (len(b.parties), len(b.issues), len(b.outcomes)) == (40, 30, 100)
    assert len({p.short for p in b.parties}) == 40


def test_generation_is_deterministic_and_the_seed_matters():
    assert synthetic.dump(synthetic.scaled(5)) == synthetic.dump(synthetic.scaled(5))
    assert synthetic.dump(synthetic.scaled(5, seed=1)) != synthetic.dump(synthetic.scaled(5, seed=2))
