"""The public loading API: load, load_text (used by diff on `git show` output), load_yaml (used by the
theme loader), problems; and what the loaded model holds."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reportkit.content import load, load_text, load_yaml, problems
from reportkit.content.spec import AUDIENCE, BUILTIN_AUDIENCES
from reportkit.errors import InputError, Problem

MINIMAL = (Path(__file__).parents[1] / "bad_inputs" / "valid-minimal.yaml").read_text(encoding="utf-8")


def test_load_text_matches_load(reference_path, reference):
    text = reference_path.read_text(encoding="utf-8")
    assert load_text(text, "x.yaml") == reference
    assert load_text(text.encode("utf-8"), "x.yaml") == reference


def test_load_text_locates_problems_in_the_given_name():
    with pytest.raises(InputError) as e:
        load_text(MINIMAL.replace("score: 2", "score: -3"), "HEAD:content/brief.yaml")
    assert [str(p) for p in e.value.problems] == [
        "HEAD:content/brief.yaml:15:38: score -3 is out of range: expected -2 to 2"]


def test_model_holds_the_content(reference):
    assert reference.meta.date == dt.date(2026, 11, 26)
    assert reference.meta.memo.from_ == "Policy analysis staff"
    assert [p.id for p in reference.parties] == ["us", "ru", "ua", "eu", "cn", "nato"]
    assert reference.summary[0].sources == ("article",)
    assert reference.outcome("ceasefire").position_of("cn") == "support"
    assert len(reference.sections[0].paragraphs) == 2  # blank line separates paragraphs
    assert "\n" not in reference.sections[0].paragraphs[0]


def test_strings_dates_and_tags_reach_the_model():
    text = (MINIMAL.replace("date: 2026-11-26", 'date: "2026-11-27"')
            .replace("  - Watch the talks.\n", "  - {text: Watch, audiences: [staff], sensitivity: internal}\n"))
    b = load_text(text, "t.yaml")
    assert b.meta.date == dt.date(2026, 11, 27)
    assert (b.next_steps[0].text, b.next_steps[0].audiences, b.next_steps[0].sensitivity) == ("Watch", ("staff",), "internal")


def test_defined_audience_may_be_used_on_items():
    text = MINIMAL.replace("title: An article}", "title: An article, audiences: [minister]}") + \
        "audiences:\n  minister: {label: Minister, detail: brief, notes: false, clearance: internal}\n"
    assert load_text(text, "t.yaml").audiences["minister"]["label"] == "Minister"


def test_spec_matches_the_audience_profiles():
    import importlib

    profiles = importlib.import_module("reportkit.audience.profiles")  # the package re-exports a function of that name

    assert set(BUILTIN_AUDIENCES) == set(profiles.BUILTIN)
    assert list(AUDIENCE.by_name) == list(profiles.PROFILE_KEYS)


def test_load_yaml_locates_any_value_for_other_loaders():
    doc = load_yaml("name: dark\ncolors:\n  accent: '#112233'\n", "theme.yaml")
    assert doc.data == {"name": "dark", "colors": {"accent": "#112233"}}
    assert doc.where(("colors", "accent")) == (3, 11)
    assert doc.where(("colors", "accent"), key=True) == (3, 3)
    # a missing key is located at its mapping, which starts at its first key
    assert doc.problem(("colors", "missing"), "no such colour") == Problem("theme.yaml", 3, 3, "no such colour")


def test_load_yaml_strict_raises_for_duplicate_keys():
    with pytest.raises(InputError) as e:
        load_yaml("a: 1\nb: 2\na: 3\n", "theme.yaml")
    assert str(e.value).startswith("theme.yaml:3:1: duplicate key 'a'")
    assert load_yaml("a: 1\na: 3\n", "t.yaml", strict=False).problems[0].line == 2


def test_missing_file_and_folder_are_input_errors(tmp_path):
    for path, says in ((tmp_path / "nope.yaml", "no such file"), (tmp_path, "is a folder")):
        with pytest.raises(InputError) as e:
            load(path)
        assert e.value.problems == [Problem(str(path), 1, 1, e.value.problems[0].message)]
        assert says in e.value.problems[0].message


def test_problems_returns_data_without_raising():
    assert problems(MINIMAL, "ok.yaml") == []
    found = problems("reportkit: 1\n", "thin.yaml")
    assert found and all(p.file == "thin.yaml" and p.line == 1 for p in found)
    assert "missing required fields briefing, summary, parties, issues, sources" in found[0].message
