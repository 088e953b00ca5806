"""Audience selection: what each built-in profile sees, the cascades, the withheld report."""
from __future__ import annotations

import copy

import pytest

from reportkit.audience import BUILTIN, get_profile, profiles, select
from reportkit.content.to_model import to_model
from reportkit.errors import InputError

# A small briefing whose tags exercise every rule: sensitivity levels, audience lists, and cascades
# from a party, an issue and a source.
CONTENT = {
    "briefing": {"title": "T", "date": "2026-01-02", "classification": "UNCLASSIFIED",
                 "memo": {"to": "P", "from": "S", "subject": "Subj"}},
    "summary": [
        {"text": "public point", "sources": ["pub"]},
        {"text": "restricted point", "sources": ["pub"], "sensitivity": "restricted"},
        {"text": "point on a secret source only", "sources": ["secret"]},
        {"text": "point on both sources", "sources": ["secret", "pub"]},
        "uncited point",
    ],
    "parties": [
        {"id": "a", "name": "Alpha", "role": "negotiator"},
        {"id": "b", "name": "Beta", "role": "negotiator"},
        {"id": "x", "name": "Xeno", "role": "observer", "sensitivity": "internal"},
    ],
    "issues": [
        {"id": "i1", "name": "Issue one", "proposition": "p1"},
        {"id": "i2", "name": "Staff issue", "proposition": "p2", "audiences": ["staff"]},
    ],
    "stances": [
        {"party": "a", "issue": "i1", "score": 1, "basis": "stated", "summary": "a on i1", "source": "pub"},
        {"party": "b", "issue": "i1", "score": -1, "basis": "inferred", "summary": "b on i1", "source": "pub",
         "sensitivity": "internal"},
        {"party": "x", "issue": "i1", "score": 2, "basis": "stated", "summary": "x on i1", "source": "pub"},
        {"party": "a", "issue": "i2", "score": 0, "basis": "stated", "summary": "a on i2", "source": "pub"},
        {"party": "b", "issue": "i2", "score": 1, "basis": "stated", "summary": "b on i2 from secret",
         "source": "secret"},
    ],
    "outcomes": [
        {"id": "o1", "title": "Outcome one", "likelihood": "low", "summary": "s",
         "positions": {"a": "support", "x": "oppose"}, "sources": ["pub", "secret"]},
        {"id": "o2", "title": "Press-only outcome", "likelihood": "high", "summary": "s",
         "audiences": ["press"], "sources": ["pub"]},
        {"id": "o3", "title": "Secret-sourced outcome", "likelihood": "high", "summary": "s",
         "sources": ["secret"]},
    ],
    "reactions": [
        {"party": "x", "tone": "hopeful", "text": "xeno reacts", "source": "pub"},
        {"party": "a", "tone": "cautious", "text": "alpha reacts", "source": "pub"},
    ],
    "sections": [
        {"id": "s1", "title": "Public section", "body": "text", "sources": ["pub"]},
        {"id": "s2", "title": "Staff section", "body": "text", "audiences": ["staff", "principals"]},
    ],
    "next_steps": [{"text": "step", "sources": ["pub"]}, {"text": "internal step", "sensitivity": "internal"}],
    "sources": [
        {"id": "secret", "title": "Secret cable", "sensitivity": "restricted"},
        {"id": "pub", "title": "Public article"},
    ],
}


@pytest.fixture
def briefing():
    return to_model(copy.deepcopy(CONTENT))


def test_staff_sees_everything_not_tagged_for_others(briefing):
    b, w = select(briefing, BUILTIN["staff"])
    assert w.items == (("outcome", "o2"),)
    assert [s.id for s in b.sources] == ["secret", "pub"]
    assert len(b.stances) == len(briefing.stances)


def test_principals_are_cleared_restricted_but_miss_staff_only_items(briefing):
    b, w = select(briefing, BUILTIN["principals"])
    assert set(w.items) == {("issue", "i2"), ("stance", "a/i2"), ("stance", "b/i2"), ("outcome", "o2")}
    assert [s.id for s in b.sections] == ["s1", "s2"]


def test_press_sees_only_public_items_with_every_cascade(briefing):
    b, w = select(briefing, BUILTIN["press"])
    assert w.ids("source") == ("secret",)
    assert w.ids("party") == ("x",)
    assert w.ids("issue") == ("i2",)
    # b/i1 by sensitivity; x/i1 with its party; a/i2 with its issue; b/i2 with issue and source.
    assert w.ids("stance") == ("b/i1", "x/i1", "a/i2", "b/i2")
    assert w.ids("outcome") == ("o3",)  # cited only the withheld source
    assert w.ids("position") == ("o1/x",)
    assert w.ids("reaction") == ("x#1",)
    assert w.ids("section") == ("s2",)
    assert w.ids("summary") == ("2", "3")  # restricted; cited only the withheld source
    assert w.ids("next step") == ("2",)
    assert [p.text for p in b.summary] == ["public point", "point on both sources", "uncited point"]
    assert b.summary[1].sources == ("pub",)  # keeps its other source
    o1 = b.outcome("o1")
    assert o1.sources == ("pub",) and [p.party for p in o1.positions] == ["a"]
    assert [o.id for o in b.outcomes] == ["o1", "o2"]
    assert [r.text for r in b.reactions] == ["alpha reacts"]


def test_selected_briefing_is_reindexed_and_consistent(briefing):
    b, _ = select(briefing, BUILTIN["press"])
    assert b.source_number("pub") == 1  # was 2: numbering follows the kept sources
    with pytest.raises(KeyError):
        b.party("x")
    party_ids, issue_ids, source_ids = {p.id for p in b.parties}, {i.id for i in b.issues}, {s.id for s in b.sources}
    for s in b.stances:
        assert s.party in party_ids and s.issue in issue_ids and s.source in source_ids
        assert b.stance(s.party, s.issue) is s
    cited = [c for item in (*b.summary, *b.outcomes, *b.sections, *b.next_steps) for c in item.sources]
    assert set(cited) <= source_ids
    assert all(p.party in party_ids for o in b.outcomes for p in o.positions)
    assert b.audiences == {}


def test_withheld_report_is_one_line_with_counts(briefing):
    _, w = select(briefing, BUILTIN["press"])
    line = str(w)
    assert "\n" not in line
    assert line.startswith(f"press: withheld {len(w)} items - source secret, party x, issue i2, stance b/i1")
    assert w.counts()["stance"] == 4 and sum(w.counts().values()) == len(w)
    _, none = select(to_model({**copy.deepcopy(CONTENT), "sources": [{"id": "pub", "title": "t"}],
                               "summary": ["ok"], "parties": CONTENT["parties"][:2], "issues": CONTENT["issues"][:1],
                               "stances": CONTENT["stances"][:1], "outcomes": [], "reactions": [], "sections": [],
                               "next_steps": []}), BUILTIN["press"])
    assert str(none) == "press: withheld nothing"


def test_selection_does_not_change_the_input(briefing):
    before = copy.deepcopy(briefing)
    select(briefing, BUILTIN["press"])
    assert briefing == before


def test_content_file_audiences_add_and_override_profiles(briefing):
    data = copy.deepcopy(CONTENT)
    data["audiences"] = {"allies": {"label": "Allied capitals", "clearance": "internal", "notes": False},
                         "press": {"theme": "print"}}
    b = to_model(data)
    known = profiles(b)
    assert list(known) == ["principals", "staff", "press", "allies"]
    assert known["press"].theme == "print" and known["press"].clearance == "public"  # only the theme changed
    allies = known["allies"]
    assert (allies.label, allies.clearance, allies.notes, allies.builtin) == ("Allied capitals", "internal", False, False)
    _, w = select(b, allies)
    assert ("party", "x") not in w.items and ("source", "secret") in w.items


def test_unknown_audience_and_bad_profile_are_input_errors(briefing):
    with pytest.raises(InputError, match="unknown audience 'ministers'"):
        get_profile("ministers", briefing, where="c.yaml")
    data = copy.deepcopy(CONTENT)
    data["audiences"] = {"odd": {"clearance": "secret", "detail": "medium"}}
    with pytest.raises(InputError) as e:
        profiles(to_model(data), where="c.yaml")
    assert len(e.value.problems) == 2 and str(e.value.problems[0]).startswith("c.yaml:")


def test_reference_briefing_tags(reference):
    _, w = select(reference, BUILTIN["press"])
    assert w.ids("stance") == ("ua/talks", "ru/territory")
    assert w.ids("section") == ("open-questions",)
    _, w = select(reference, BUILTIN["staff"])
    assert len(w) == 0


# --- properties over random tags -------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from reportkit.model import SENSITIVITIES  # noqa: E402

TAGGED_KEYS = ("summary", "parties", "issues", "stances", "outcomes", "reactions", "sections", "next_steps", "sources")
tags = st.fixed_dictionaries({}, optional={
    "sensitivity": st.sampled_from(SENSITIVITIES),
    "audiences": st.lists(st.sampled_from(["principals", "staff", "press"]), max_size=2, unique=True),
})


@st.composite
def tagged_content(draw):
    data = copy.deepcopy(CONTENT)
    for key in TAGGED_KEYS:
        for i, item in enumerate(data[key]):
            if isinstance(item, str):
                item = data[key][i] = {"text": item}
            item.pop("sensitivity", None), item.pop("audiences", None)
            item.update(draw(tags))
    return data


@settings(max_examples=60, deadline=None)
@given(data=tagged_content(), audience=st.sampled_from(list(BUILTIN)))
def test_selection_invariants(data, audience):
    profile = BUILTIN[audience]
    b, w = select(to_model(data), profile)
    shown = [*b.summary, *b.parties, *b.issues, *b.stances, *b.outcomes, *b.reactions, *b.sections,
             *b.next_steps, *b.sources]
    for item in shown:  # nothing kept that the tags forbid
        assert profile.may_see(item.sensitivity) and (not item.audiences or audience in item.audiences)
    party_ids, issue_ids, source_ids = {p.id for p in b.parties}, {i.id for i in b.issues}, {s.id for s in b.sources}
    assert all(s.party in party_ids and s.issue in issue_ids and s.source in source_ids for s in b.stances)
    assert all(r.party in party_ids and r.source in source_ids for r in b.reactions)
    assert all(p.party in party_ids for o in b.outcomes for p in o.positions)
    assert all(set(i.sources) <= source_ids for i in (*b.summary, *b.outcomes, *b.sections, *b.next_steps))
    # Every item is either shown or reported, never both, never neither.
    full = to_model(data)
    items = sum(len(getattr(full, k)) for k in TAGGED_KEYS)
    assert items == len(shown) + len(w) - w.counts().get("position", 0)
    # Selecting again withholds nothing more: the result is closed under the rules.
    assert len(select(b, profile)[1]) == 0
