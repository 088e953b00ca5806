"""JSON Schema (draft 2020-12) of the content format, generated from ``spec.CONTENT``.

The schema cannot see across the file: unknown ids, duplicate ids, two stances for one pair and
duplicate YAML keys are checked only by ``reportkit validate``.
"""
from __future__ import annotations

import json

from .spec import CONTENT, FORMAT_VERSION

SCHEMA_ID = "https://reportkit.invalid/schema/content-v1.json"  # an identifier, never fetched


def content_schema() -> dict:
    defs: dict = {}
    CONTENT.schema(defs)
    body = defs.pop(CONTENT.schema_name)  # the file itself is the root, not a $ref
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"reportkit content file, format version {FORMAT_VERSION}",
        **body,
        "allOf": _likelihood_terms_by_scale(),
        "$defs": defs,
    }


def _likelihood_terms_by_scale() -> list[dict]:
    """A likelihood is a term of the scale ``briefing.likelihood_scale`` names (default: three-level):
    one if/then per scale, so editors flag a term of the wrong scale as the validator does."""
    from .. import standards as std

    def terms(scale) -> dict:
        only = {"properties": {"likelihood": {"enum": list(scale.names())}}}
        return {"properties": {"outcomes": {"items": only}, "key_judgments": {"items": only}}}

    out = []
    for scale in std.SCALES.values():
        chosen = {"properties": {"briefing": {"properties": {"likelihood_scale": {"const": scale.name}},
                                              "required": ["likelihood_scale"]}}, "required": ["briefing"]}
        if scale.name == std.DEFAULT_SCALE:  # also when no scale is named
            chosen = {"not": {"properties": {"briefing": {"required": ["likelihood_scale"]}}, "required": ["briefing"]}}
            out.append({"if": chosen, "then": terms(scale)})
            chosen = {"properties": {"briefing": {"properties": {"likelihood_scale": {"const": scale.name}},
                                                  "required": ["likelihood_scale"]}}, "required": ["briefing"]}
        out.append({"if": chosen, "then": terms(scale)})
    return out


def schema_json() -> str:
    """The schema as text: sorted keys, so the same spec always gives the same bytes."""
    return json.dumps(content_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
