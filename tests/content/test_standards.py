"""Analytic standards (issue 18) in the content layer: likelihood scales, confidence, Admiralty
grades, key judgments and indicators load into the model; wrong terms are located errors; the lint
table (tests/standards/lint-cases.yaml) runs through the real `reportkit validate`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reportkit import standards as std
from reportkit.audience import get_profile, select
from reportkit.content import load, load_yaml

HERE = Path(__file__).parents[1] / "standards"
ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((HERE / "lint-cases.yaml").read_text(encoding="utf-8"))["cases"]


def validate(path: Path, *flags: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "reportkit", "validate", str(path), *flags], env=env,
                          capture_output=True, text=True)


@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_golden_files_load_every_field(name):
    b = load(HERE / f"{name}.yaml")
    scale = std.SCALES[b.meta.likelihood_scale]
    assert scale.name == name
    deal, collapse, *_ = b.outcomes  # then "delay" and "extension": the editions reorder them (test_scale_display)
    assert deal.term == "likely" and deal.likelihood == "high" and deal.confidence == "moderate"
    assert collapse.likelihood == "low" and scale.rank(collapse.term) < scale.rank(deal.term)
    assert [i.status for i in deal.indicators] == ["observed", "not observed", "unknown"]
    assert str(deal.indicators[0].date) == "2026-11-18" and deal.indicators[0].sources == ("wire",)
    assert dict(deal.credibility) == {"wire": 2, "ministry": 3}
    assert b.citation_grade("wire", 2) == "B2" and b.citation_grade("ministry") == "C"
    assert [k.confidence for k in b.key_judgments] == ["high", "moderate"]
    assert b.key_judgments[1].likelihood in scale.names()
    assert b.stances[0].credibility == 2 and b.reactions[0].credibility == 3
    assert scale.term(deal.term).range  # both named scales define ranges
    p = validate(HERE / f"{name}.yaml", "--strict")
    assert p.returncode == 0 and "warning" not in p.stderr, p.stderr


def test_existing_files_keep_the_three_level_scale():
    b = load(ROOT / "content" / "us-russia-talks.yaml")
    assert b.meta.likelihood_scale == "three-level"
    assert all(o.term == o.likelihood for o in b.outcomes)
    assert std.SCALES["three-level"].term("medium").range == ""


@pytest.mark.parametrize("term, says", [
    ("likely", "not a term of the three-level scale (allowed: low, medium, high); it is a term of icd203"),
    ("hgih", "did you mean 'high'?"),
])
def test_a_term_outside_the_scale_is_a_located_error(tmp_path, term, says):
    text = (ROOT / "tests" / "bad_inputs" / "valid-minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(text.replace("likelihood: low", f"likelihood: {term}"), encoding="utf-8")
    p = validate(path)
    assert p.returncode == 2 and f"{path}:19:17: unknown likelihood {term!r}" in p.stderr and says in p.stderr, p.stderr
    assert "Traceback" not in p.stderr


def _apply(data, dotted: str, value) -> None:
    *parents, last = [int(k) if k.isdigit() else k for k in dotted.split(".")]
    for k in parents:
        data = data[k]
    data[last] = value


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_lint_cases(tmp_path, case):
    data = yaml.safe_load((HERE / case["base"]).read_text(encoding="utf-8"))
    for dotted, value in case["set"].items():
        _apply(data, dotted, value)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    doc = load_yaml(path, str(path))
    p = validate(path)
    assert p.returncode == 0, p.stderr
    lines = [ln for ln in p.stderr.splitlines() if ": warning: " in ln]
    assert len(lines) == len(case["warns"]), p.stderr
    for want in case["warns"]:
        line, col = doc.where(tuple(int(k) if k.isdigit() else k for k in want["at"].split(".")))
        assert any(ln.startswith(f"{path}:{line}:{col}: warning: ") and want["says"] in ln for ln in lines), p.stderr
    strict = validate(path, "--strict")
    assert strict.returncode == (2 if case["warns"] else 0), strict.stderr


def test_press_gets_citations_without_grades_or_confidence_notes():
    b = load(HERE / "icd203.yaml")
    press, withheld = select(b, get_profile("press", b))
    assert not any(s.reliability for s in press.sources)
    assert not any(o.credibility or o.confidence_note for o in press.outcomes)
    assert [o.confidence for o in press.outcomes] == ["moderate", "low", "moderate", "low"]  # confidence itself stays
    assert ("grades", "all") in withheld.items and ("confidence notes", "all") in withheld.items
    staff, withheld = select(b, get_profile("staff", b))
    assert staff.sources[0].reliability == "B" and staff.outcomes[0].confidence_note
    assert not any(kind in ("grades", "confidence notes") for kind, _ in withheld.items)


def test_diff_reports_indicators_confidence_and_scale_terms(tmp_path):
    """`reportkit diff` (text and JSON) names an indicator that moved, a confidence that changed and a
    likelihood moving within one band of the ICD 203 scale (likely -> very likely is up)."""
    import json

    old = HERE / "icd203.yaml"
    text = old.read_text(encoding="utf-8")
    new_text = (text.replace("status: not observed, date: 2026-11-19", "status: observed, date: 2026-11-25")
                .replace("likelihood: likely\n    confidence: moderate", "likelihood: very likely\n    confidence: high")
                .replace("      - {text: Insurance rates fall, status: unknown}\n", ""))
    assert new_text.count("very likely") == 1
    new = tmp_path / "icd203.yaml"
    new.write_text(new_text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "-m", "reportkit", "diff", str(old), str(new), "--json"], env=env,
                       capture_output=True, text=True)
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)
    groups = data.get("changes", data)
    assert groups["likelihood_changed"] == [{"outcome": "deal", "title": "An inspection deal", "old": "likely",
                                             "new": "very likely", "direction": "up"}]
    assert groups["confidence_changed"][0]["old"] == "moderate" and groups["confidence_changed"][0]["new"] == "high"
    moved = groups["indicators_moved"][0]
    assert (moved["text"], moved["old"], moved["new"], moved["date"]) == (
        "First convoy leaves Odesa", "not observed", "observed", "2026-11-25")
    assert groups["indicators_removed"][0]["text"] == "Insurance rates fall"
    p = subprocess.run([sys.executable, "-m", "reportkit", "diff", str(old), str(new)], env=env, capture_output=True, text=True)
    assert "First convoy leaves Odesa" in p.stdout and "not observed \u2192 observed" in p.stdout, p.stdout
