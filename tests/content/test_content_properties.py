"""Property tests: generated valid content always validates into the model it describes; one random
corruption always gives an InputError (exit 2 in the CLI) located on the line that holds it."""
from __future__ import annotations

import functools
import json

import jsonschema
import yaml
from hypothesis import given, settings

from reportkit.content import load_text
from reportkit.content.schema import schema_json
from reportkit.errors import InputError
from strategies import content, corrupted
from test_content_schema import as_json

FAST = settings(max_examples=40, deadline=None)


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


@FAST
@given(content())
def test_generated_content_validates(data):
    b = load_text(dump(data), "generated.yaml")
    assert [p.id for p in b.parties] == [p["id"] for p in data["parties"]]
    assert [(s.party, s.issue, s.score) for s in b.stances] == [(s["party"], s["issue"], s["score"]) for s in data["stances"]]
    assert [o.id for o in b.outcomes] == [o["id"] for o in data["outcomes"]]
    assert b.meta.title == data["briefing"]["title"]


@functools.cache
def schema_validator():
    return jsonschema.Draft202012Validator(json.loads(schema_json()))


@FAST
@given(content())
def test_schema_accepts_generated_content(data):
    assert [e.message for e in schema_validator().iter_errors(as_json(data))] == []


@FAST
@given(corrupted())
def test_one_corruption_gives_a_located_error(case):
    name, data, token = case
    text = dump(data)
    try:
        load_text(text, "bad.yaml")
    except InputError as e:
        problems = e.problems
    else:
        raise AssertionError(f"corruption {name!r} was accepted")
    lines = text.splitlines()
    assert problems and all(p.file == "bad.yaml" and 1 <= p.line <= len(lines) and p.col >= 1 for p in problems)
    if token is not None:
        assert any(token in lines[p.line - 1] for p in problems), (name, [str(p) for p in problems])
