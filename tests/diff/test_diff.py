"""``reportkit diff``: the fixture pair tests/data/diff-{old,new}.yaml differs in a known set of ways
(each made on purpose, see the fixture's header); the diff must report exactly those."""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.content import load
from reportkit.diff import MEANINGFUL, diff, format_text, to_json
from helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
OLD, NEW = DATA / "diff-old.yaml", DATA / "diff-new.yaml"

# Every change made to diff-old.yaml to get diff-new.yaml, as (group, identifying fields).
KNOWN = {
    "stances_moved": [("ua", "talks", -1, -2, "down"), ("ru", "ceasefire", 0, 1, "up")],
    "stances_added": [("tr", "talks", 2, "stated"), ("ua", "nato", 2, "stated")],
    "stances_dropped": [("eu", "reconstruction", 1, "inferred")],
    "basis_changed": [("us", "ceasefire", "inferred", "stated")],
    "likelihood_changed": [("guarantees", "low", "medium", "up"), ("reconstruction", "medium", "low", "down")],
    "outcomes_added": [("prisoners",)],
    "outcomes_removed": [("diplomacy",)],
    "conditions_added": [("ceasefire", "International monitors verify the line of contact")],
    "conditions_removed": [("reconstruction", "Agreement on who finances reconstruction")],
    "obstacles_added": [("reconstruction", "Russia rejects any responsibility for the destruction")],
    "obstacles_removed": [("guarantees", "U.S. assurances to Ukraine that talks will not jeopardize its sovereignty")],
    "positions_changed": [("ceasefire", "ru", "conditional", "support"), ("ceasefire", "tr", "unknown", "support")],
    "confidence_changed": [], "indicators_moved": [], "indicators_added": [], "indicators_removed": [],
    "reactions_added": [("tr", "welcoming")],
    "reactions_removed": [],
    "tone_changed": [("eu", "cautious", "hopeful")],
    "sources_added": [("followup",)],
    "sources_removed": [],
    "parties_added": [("tr",)],
    "parties_removed": [],
    "issues_added": [],
    "issues_removed": [("sanctions",)],
}
# Which fields identify an entry of each group, in the order KNOWN lists them.
KEYS = {
    "stances_moved": ("party", "issue", "old", "new", "direction"),
    "stances_added": ("party", "issue", "score", "basis"),
    "stances_dropped": ("party", "issue", "score", "basis"),
    "basis_changed": ("party", "issue", "old", "new"),
    "likelihood_changed": ("outcome", "old", "new", "direction"),
    "outcomes_added": ("outcome",), "outcomes_removed": ("outcome",),
    "conditions_added": ("outcome", "text"), "conditions_removed": ("outcome", "text"),
    "obstacles_added": ("outcome", "text"), "obstacles_removed": ("outcome", "text"),
    "positions_changed": ("outcome", "party", "old", "new"),
    "confidence_changed": ("outcome", "old", "new"), "indicators_moved": ("outcome", "text", "old", "new"),
    "indicators_added": ("outcome", "text"), "indicators_removed": ("outcome", "text"),
    "reactions_added": ("party", "tone"), "reactions_removed": ("party", "tone"),
    "tone_changed": ("party", "old", "new"),
    "sources_added": ("id",), "sources_removed": ("id",),
    "parties_added": ("id",), "parties_removed": ("id",),
    "issues_added": ("id",), "issues_removed": ("id",),
}
# Wording-only edits made on purpose: (item, key, field).
KNOWN_WORDING = [
    ("bottom line", "", "points"),
    ("stance", "us/talks", "summary"),
    ("stance", "ru/ceasefire", "source"),
    ("condition", "ceasefire", "conditions"),  # a full stop added: punctuation only
    ("reaction", "nato", "text"),  # "global geopolitics" -> "world affairs": same reaction, reworded
    ("section", "background", "paragraphs"),
]

EXPECTED_TEXT = """\
21 meaningful changes: {old} (2026-11-19) → {new} (2026-11-26)

Stances moved
  Ukraine on Direct U.S.–Russia talks: −1 → −2 (opposes → strongly opposes). Now: “Now openly opposes talks held without Ukraine at the table”
  Russia on Ceasefire: 0 → +1 (neutral / mixed → supports). Now: “Signals it would accept a ceasefire once its preconditions are discussed”

Stances added
  Türkiye on Direct U.S.–Russia talks: +2 (strongly supports, stated). “Offered to host the talks”
  Ukraine on NATO expansion: +2 (strongly supports, stated). “Insists on its path to NATO membership”

Stances dropped
  Europe on Humanitarian aid and reconstruction (was +1, inferred)

Basis changed
  U.S. on Ceasefire (+1): inferred → stated

Outcome likelihood
  ▲ Security guarantees: low → medium
  ▼ Humanitarian aid and reconstruction: medium → low

Outcomes
  + Prisoner exchange (likelihood medium). “An exchange of prisoners of war as an early confidence-building step.”
  − Long-term diplomacy (was low)

Conditions
  + A ceasefire agreement: “International monitors verify the line of contact”
  − Humanitarian aid and reconstruction: “Agreement on who finances reconstruction”

Obstacles
  + Humanitarian aid and reconstruction: “Russia rejects any responsibility for the destruction”
  − Security guarantees: “U.S. assurances to Ukraine that talks will not jeopardize its sovereignty”

Positions on outcomes
  A ceasefire agreement: Russia conditional → support
  A ceasefire agreement: Türkiye unknown → support

Reactions
  + Türkiye (welcoming): “Türkiye has offered to host the talks in Istanbul.”
  Europe: tone cautious → hopeful

Sources
  + Follow-up report on the talks, Invented for reportkit's diff test, 2026-11-25

Parties
  + Türkiye (mediator)

Issues
  − Sanctions

Wording and details only (not counted as meaningful)
  Bottom line: 1 point reworded
  stance “U.S. on Direct U.S.–Russia talks”: summary reworded
  stance “Russia on Ceasefire”: source article → followup
  A ceasefire agreement: a condition reworded
  reaction “NATO”: text reworded
  section “Diplomatic efforts to end the conflict”: 1 paragraph reworded
"""


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run_cli("diff", *args, cwd=cwd)


def identify(data: dict) -> dict:
    return {g: [tuple(e[k] for k in KEYS[g]) for e in data[g]] for g in MEANINGFUL}


def test_known_pair_text_lists_exactly_the_known_changes():
    r = cli("tests/data/diff-old.yaml", "tests/data/diff-new.yaml")
    assert r.returncode == 1, r.stderr
    assert r.stdout == EXPECTED_TEXT.format(old="tests/data/diff-old.yaml", new="tests/data/diff-new.yaml")
    assert r.stderr == ""


def test_known_pair_json_lists_exactly_the_known_changes():
    r = cli("tests/data/diff-new.yaml", "--since", "tests/data/diff-old.yaml", "--json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert identify(data) == {g: KNOWN[g] for g in MEANINGFUL}
    assert [(e["item"], e["key"], e["field"]) for e in data["wording"]] == KNOWN_WORDING
    assert data["meaningful"] is True
    assert data["count"] == sum(len(v) for v in KNOWN.values())
    assert data["old"] == {"file": "tests/data/diff-old.yaml", "date": "2026-11-19"}
    assert data["new"] == {"file": "tests/data/diff-new.yaml", "date": "2026-11-26"}
    assert data["audience"] is None
    moved = data["stances_moved"][1]
    assert moved["old_summary"] == "Open to talks only if its preconditions are met"
    assert moved["summary"] == "Signals it would accept a ceasefire once its preconditions are discussed"


def test_json_keys_are_stable_and_documented():
    data = to_json(diff(load(OLD), load(NEW)), "a", "b")
    top = ["reportkit_diff", "old", "new", "audience", "meaningful", "count", *MEANINGFUL, "wording"]
    assert list(data) == top
    doc = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    entry_keys = {k for g in (*MEANINGFUL, "wording") for e in data[g] for k in e}
    for key in [*top, *entry_keys]:
        assert f"`{key}`" in doc, f"docs/diff.md does not document `{key}`"


def test_lookups_for_renderers():
    changes = diff(load(OLD), load(NEW))
    assert changes.previous_score("ru", "ceasefire") == 0
    assert changes.previous_score("us", "ceasefire") is None  # basis changed, score did not
    assert changes.previous_score("ua", "nato") is None  # new stance: nothing to come from
    assert changes.likelihood_direction("guarantees") == "up"
    assert changes.likelihood_direction("reconstruction") == "down"
    assert changes.likelihood_direction("ceasefire") is None


def test_reversed_pair_mirrors_the_changes():
    forward, backward = diff(load(OLD), load(NEW)), diff(load(NEW), load(OLD))
    opposite = {"added": "removed", "removed": "added", "dropped": "added"}
    for group in MEANINGFUL:
        kind, _, what = group.rpartition("_")
        mirror = group if what not in opposite else f"{kind}_{'dropped' if group == 'stances_added' else opposite[what]}"
        assert len(getattr(backward, group)) == len(getattr(forward, mirror)), group
    assert {(m.party, m.issue, m.new, m.old) for m in backward.stances_moved} == \
           {(m.party, m.issue, m.old, m.new) for m in forward.stances_moved}
    assert {c.direction for c in backward.likelihood_changed} == {"up", "down"}
    assert backward.previous_score("ru", "ceasefire") == 1


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_single_score_move_is_exactly_one_stance_moved(data):
    old = load(OLD)
    n = data.draw(st.integers(0, len(old.stances) - 1))
    was = old.stances[n]
    score = data.draw(st.sampled_from([s for s in (-2, -1, 0, 1, 2) if s != was.score]))
    moved = dataclasses.replace(was, score=score)
    changes = diff(old, dataclasses.replace(old, stances=(*old.stances[:n], moved, *old.stances[n + 1:])))
    assert changes.count == 1 and changes.wording == ()
    assert [(m.party, m.issue, m.old, m.new) for m in changes.stances_moved] == [(was.party, was.issue, was.score, score)]
    assert changes.previous_score(was.party, was.issue) == was.score
    assert changes.stances_moved[0].direction == ("up" if score > was.score else "down")


def test_identical_files_exit_0_with_no_meaningful_changes():
    r = cli("content/us-russia-talks.yaml", "content/us-russia-talks.yaml")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("No meaningful changes:")
    assert "Wording" not in r.stdout
    data = json.loads(cli("content/us-russia-talks.yaml", "content/us-russia-talks.yaml", "--json").stdout)
    assert data["meaningful"] is False and data["count"] == 0
    assert all(data[g] == [] for g in (*MEANINGFUL, "wording"))


def test_wording_only_exits_0_but_is_printed(tmp_path):
    text = OLD.read_text(encoding="utf-8")
    edited = text.replace("Open to talks only if its preconditions are met", "Open to talks only once its preconditions are met")
    assert edited != text
    (tmp_path / "new.yaml").write_text(edited, encoding="utf-8")
    r = cli(str(OLD), str(tmp_path / "new.yaml"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("No meaningful changes:")
    assert "  stance “Russia on Ceasefire”: summary reworded\n" in r.stdout


def test_tag_only_change_is_a_detail_naming_the_point():
    old = load(OLD)
    steps = (dataclasses.replace(old.next_steps[0], sensitivity="internal"), *old.next_steps[1:])
    changes = diff(old, dataclasses.replace(old, next_steps=steps))
    assert not changes.meaningful
    assert [(e.item, e.note) for e in changes.wording] == [("next steps", "point 1: sensitivity changed")]
    assert "  Next steps: point 1: sensitivity changed\n" in format_text(changes, "a", "b")


def test_bottom_line_notes_count_what_changed():
    old = load(OLD)
    a, b, *rest = old.summary
    extra = dataclasses.replace(a, text="A new point.")
    cases = {
        (b, a, *rest): "points reordered",
        (a, b, *rest, extra): "1 point added",
        (a, *rest): "1 point removed",
        (dataclasses.replace(a, text=a.text.upper()), dataclasses.replace(b, text="Rewritten."), *rest): "2 points reworded",
    }
    for summary, note in cases.items():
        edits = diff(old, dataclasses.replace(old, summary=summary)).wording
        assert [(e.item, e.note) for e in edits] == [("bottom line", note)]


def test_changed_word_in_a_condition_is_a_change_not_wording():
    old = load(OLD)
    ceasefire = old.outcome("ceasefire")
    flipped = tuple(c.replace("Russia shows willingness", "Russia shows no willingness") for c in ceasefire.conditions)
    assert flipped != ceasefire.conditions
    new = dataclasses.replace(old, outcomes=tuple(
        dataclasses.replace(o, conditions=flipped) if o.id == "ceasefire" else o for o in old.outcomes))
    changes = diff(old, new)
    assert [c.text for c in changes.conditions_added] == ["Russia shows no willingness to lessen its military actions"]
    assert [c.text for c in changes.conditions_removed] == ["Russia shows willingness to lessen its military actions"]
    assert changes.wording == ()


def test_rewritten_reaction_is_new_not_reworded():
    old = load(OLD)
    ua = next(r for r in old.reactions if r.party == "ua")
    rewritten = dataclasses.replace(ua, text="Kyiv has agreed to send a delegation to the first round.", tone="hopeful")
    new = dataclasses.replace(old, reactions=tuple(rewritten if r is ua else r for r in old.reactions))
    changes = diff(old, new)
    assert [(r.party, r.tone) for r in changes.reactions_added] == [("ua", "hopeful")]
    assert [(r.party, r.tone) for r in changes.reactions_removed] == [("ua", "skeptical")]
    assert changes.tone_changed == ()


def test_withheld_change_never_appears_for_the_press():
    # ua/talks is tagged sensitivity: internal; it moves from -1 to -2 between the two versions.
    press = json.loads(cli(str(OLD), str(NEW), "--audience", "press", "--json").stdout)
    staff = json.loads(cli(str(OLD), str(NEW), "--audience", "staff", "--json").stdout)
    assert ("ua", "talks", -1, -2, "down") in identify(staff)["stances_moved"]
    assert press["audience"] == "press"
    assert all((e["party"], e["issue"]) != ("ua", "talks") for g in ("stances_moved", "stances_added", "stances_dropped")
               for e in press[g])
    assert "Now openly opposes talks" not in json.dumps(press, ensure_ascii=False)
    text = cli(str(OLD), str(NEW), "--audience", "press").stdout
    assert "as the press audience sees them" in text.splitlines()[0]
    assert "Ukraine on Direct U.S.–Russia talks" not in text
    # Everything else still shows: the press diff is the full diff minus the withheld item.
    full = identify(json.loads(cli(str(OLD), str(NEW), "--json").stdout))
    full["stances_moved"].remove(("ua", "talks", -1, -2, "down"))
    assert identify(press) == full


def test_unknown_audience_is_bad_input():
    r = cli(str(OLD), str(NEW), "--audience", "nobody")
    assert r.returncode == 2
    assert "unknown audience 'nobody'" in r.stderr and "Traceback" not in r.stderr


def test_bad_yaml_gives_exit_2_with_a_location(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(NEW.read_text(encoding="utf-8").replace("  title: U.S.", "  title: [U.S.", 1), encoding="utf-8")
    r = cli(str(OLD), str(bad))
    assert r.returncode == 2
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: ", r.stderr, re.M), r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_missing_file_and_wrong_arguments_exit_2(tmp_path):
    r = cli(str(OLD), str(tmp_path / "nope.yaml"))
    assert r.returncode == 2 and "nope.yaml" in r.stderr and "Traceback" not in r.stderr
    r = cli(str(NEW))
    assert r.returncode == 2 and "NEW --since OLD" in r.stderr


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
                    *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository whose briefing/talks.yaml is diff-old.yaml at HEAD~1 and diff-new.yaml at HEAD."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for the git: revision form")
    (tmp_path / "briefing").mkdir()
    target = tmp_path / "briefing" / "talks.yaml"
    git(tmp_path, "init", "-q")
    shutil.copy(OLD, target)
    git(tmp_path, "add", "briefing/talks.yaml")
    git(tmp_path, "commit", "-q", "-m", "old")
    shutil.copy(NEW, target)
    git(tmp_path, "commit", "-q", "-am", "new")
    return tmp_path


def test_since_git_revision_reads_the_same_file_at_that_revision(repo):
    r = cli("briefing/talks.yaml", "--since", "git:HEAD~1", "--json", cwd=repo)
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert identify(data) == {g: KNOWN[g] for g in MEANINGFUL}
    assert data["old"] == {"file": "git:HEAD~1:briefing/talks.yaml", "date": "2026-11-19"}
    # The same from inside a sub-folder: the path is the file's, relative to the repository root.
    r = cli("talks.yaml", "--since", "git:HEAD~1", cwd=repo / "briefing")
    assert r.returncode == 1 and r.stdout.startswith("21 meaningful changes: git:HEAD~1:briefing/talks.yaml")
    # The working copy equals HEAD: nothing changed.
    r = cli("briefing/talks.yaml", "--since", "git:HEAD", cwd=repo)
    assert r.returncode == 0 and r.stdout.startswith("No meaningful changes:")


def test_git_rev_and_path_form(repo):
    r = cli("git:HEAD~1:briefing/talks.yaml", "git:HEAD:briefing/talks.yaml", "--json", cwd=repo)
    assert r.returncode == 1, r.stderr
    assert identify(json.loads(r.stdout)) == {g: KNOWN[g] for g in MEANINGFUL}


def test_bad_revision_exits_2_with_a_clear_message(repo):
    r = cli("briefing/talks.yaml", "--since", "git:no-such-rev", cwd=repo)
    assert r.returncode == 2
    assert "no revision 'no-such-rev'" in r.stderr and "Traceback" not in r.stderr and r.stdout == ""
    r = cli("briefing/talks.yaml", "--since", "git:HEAD~1:briefing/other.yaml", cwd=repo)
    assert r.returncode == 2 and "briefing/other.yaml does not exist at revision 'HEAD~1'" in r.stderr
    r = cli("briefing/talks.yaml", "--since", "git:--output=x", cwd=repo)
    assert r.returncode == 2 and not (repo / "x").exists()


def test_invalid_content_at_a_revision_is_located_in_that_version(repo):
    target = repo / "briefing" / "talks.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("likelihood: medium", "likelihood: very high", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    target.write_text(text, encoding="utf-8")
    r = cli("briefing/talks.yaml", "--since", "git:HEAD", cwd=repo)
    assert r.returncode == 2, r.stdout
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if "likelihood: medium" in ln)
    assert re.search(rf"^git:HEAD:briefing/talks\.yaml:{line}:\d+: .*very high", r.stderr, re.M), r.stderr
    assert "Traceback" not in r.stderr


def test_git_outside_a_repository_exits_2(tmp_path):
    shutil.copy(NEW, tmp_path / "talks.yaml")
    r = cli("talks.yaml", "--since", "git:HEAD~1", cwd=tmp_path)
    assert r.returncode == 2 and "not inside a git repository" in r.stderr


def test_diff_imports_no_rendering_library():
    code = ("import sys, reportkit.diff; bad=[m for m in ('reportlab','pptx','matplotlib') if m in sys.modules]; "
            "print(bad); sys.exit(bool(bad))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_text_report_names_every_group():
    # A group without a printed line would be silently dropped from the text report.
    changes = diff(load(OLD), load(NEW))
    text = format_text(changes, "a", "b")
    assert len([ln for ln in text.splitlines() if ln.startswith("  ")]) == changes.count + len(changes.wording)
