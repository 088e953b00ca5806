"""The JSON Schema is generated from the same spec as the validator, is committed current, and agrees
with the validator: both accept the reference and the valid corpus, both reject the shape/type cases."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from reportkit import model
from reportkit.content import load_yaml, problems
from reportkit.content.schema import schema_json

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "docs" / "reportkit.schema.json"
CORPUS = Path(__file__).parents[1] / "bad_inputs"
MANIFEST = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))


def as_json(value):
    """YAML data as a JSON document would hold it: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema_validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_errors(validator, path: Path) -> list[str]:
    return [e.message for e in validator.iter_errors(as_json(load_yaml(path, strict=False).data))]


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), "run: reportkit schema > docs/reportkit.schema.json"


def test_schema_command_prints_it_deterministically():
    runs = [subprocess.run([sys.executable, "-m", "reportkit", "schema"], capture_output=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] == runs[1] == SCHEMA_FILE.read_bytes()


def test_reference_passes_schema_and_validator(schema_validator, reference_path):
    assert schema_errors(schema_validator, reference_path) == []
    assert problems(reference_path) == []


def test_reference_points_editors_at_the_schema(reference_path):
    first = reference_path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/reportkit.schema.json"
    assert (reference_path.parent / "../docs/reportkit.schema.json").resolve() == SCHEMA_FILE


@pytest.mark.parametrize("name", MANIFEST["valid"])
def test_valid_corpus_passes_both(schema_validator, name):
    assert schema_errors(schema_validator, CORPUS / name) == []
    assert problems(CORPUS / name) == []


@pytest.mark.parametrize("case", [c for c in MANIFEST["cases"] if c.get("schema") == "reject"], ids=lambda c: c["file"])
def test_bad_shape_fails_both(schema_validator, case):
    assert schema_errors(schema_validator, CORPUS / case["file"]), "the schema accepted it"
    assert problems(CORPUS / case["file"]), "the validator accepted it"


def test_schema_enums_are_the_model_scales():
    defs = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["$defs"]
    assert defs["stance"]["properties"]["score"]["minimum"] == min(model.SCORES)
    assert defs["stance"]["properties"]["score"]["maximum"] == max(model.SCORES)
    from reportkit import standards

    every_term = sorted({t for s in standards.SCALES.values() for t in s.names()})
    assert defs["outcome"]["properties"]["likelihood"]["enum"] == every_term
    # ... and each scale's terms alone once briefing.likelihood_scale names it (three-level when unset)
    rules = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["allOf"]
    allowed = {json.dumps(r["if"], sort_keys=True): r["then"]["properties"]["outcomes"]["items"]["properties"]["likelihood"]["enum"]
               for r in rules}
    assert list(model.LIKELIHOODS) in allowed.values()
    assert set(map(tuple, allowed.values())) == ({tuple(s.names()) for s in standards.SCALES.values()} |
                                                  {tuple(model.LIKELIHOODS)}) and len(rules) == 4
    assert defs["reaction"]["properties"]["tone"]["enum"] == list(model.TONES)
    assert defs["party"]["properties"]["role"]["enum"] == list(model.ROLES)
    assert defs["outcome"]["properties"]["positions"]["additionalProperties"]["enum"] == list(model.POSITIONS)
