"""``reportkit init DIR``: the scaffold validates, shows every field, and builds."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from reportkit import model
from reportkit.audience import profiles
from reportkit.audience.profiles import PROFILE_KEYS
from reportkit.theme import load_theme
from helpers import run_cli


@pytest.fixture
def project(tmp_path) -> Path:
    r = run_cli("init", str(tmp_path / "proj"))
    assert r.returncode == 0, r.stderr
    return tmp_path / "proj"


def test_init_writes_the_four_files(project):
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file()) == [
        ".gitignore", "README.md", "briefing.yaml", "themes/default.yaml"]
    assert "out/" in (project / ".gitignore").read_text().splitlines()


def test_scaffold_content_validates_and_loads(project):
    from reportkit.content import load

    b = load(project / "briefing.yaml")
    assert b.meta.title and b.stances and b.outcomes and b.sources
    assert "partners" in profiles(b, where="briefing.yaml")


def _model_fields(cls) -> set[str]:
    return {f.name.rstrip("_") for f in dataclasses.fields(cls) if not f.name.startswith("_")}


def test_scaffold_shows_every_field(project):
    data = yaml.safe_load((project / "briefing.yaml").read_text(encoding="utf-8"))
    b = data["briefing"]
    meta_fields = _model_fields(model.Meta) - {"memo"}
    assert meta_fields <= set(b) and {"to", "from", "subject"} <= set(b["memo"])
    kinds = {"parties": model.Party, "issues": model.Issue, "stances": model.Stance, "outcomes": model.Outcome,
             "reactions": model.Reaction, "sources": model.Source, "key_judgments": model.KeyJudgment}
    for key, cls in kinds.items():
        shown = set().union(*(item.keys() for item in data[key]))
        # figure: shown commented (it needs an image file the scaffold does not ship)
        missing = _model_fields(cls) - {"audiences", "sensitivity", "paragraphs", "likelihood_term", "figure"} - shown
        assert not missing, f"{key}: {missing}"
    text = (project / "briefing.yaml").read_text(encoding="utf-8")
    assert "# figures:" in text and "# figure: border-map" in text and "#     alt: " in text
    assert "body" in data["sections"][0]
    tags = [item for key in (*kinds, "sections", "next_steps", "summary") for item in data[key] if isinstance(item, dict)]
    assert any("audiences" in t for t in tags) and any("sensitivity" in t for t in tags)
    assert set(PROFILE_KEYS) == set(next(iter(data["audiences"].values())))


def test_scaffold_theme_extends_default_and_is_used(project):
    t = load_theme("default", (project,))
    assert t.name == "house" and t.files[0] == project / "themes" / "default.yaml"
    assert t.files[-1].name == "default.yaml" and t.files[-1] != t.files[0]


def test_init_never_overwrites(project):
    (project / "briefing.yaml").write_text("mine", encoding="utf-8")
    r = run_cli("init", str(project))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines()[0] == f"{project / 'briefing.yaml'}:1:1: already exists; reportkit init never overwrites"
    assert (project / "briefing.yaml").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("fmt", ["memo", "deck"])
def test_scaffold_builds_as_is(project, fmt):
    r = run_cli("build", "briefing.yaml", "--format", fmt, cwd=project)
    assert r.returncode == 0, r.stderr
    suffix = {"memo": ".pdf", "deck": ".pptx"}[fmt]
    assert (project / "out" / f"briefing-{fmt}{suffix}").stat().st_size > 1000
