"""Value types of the content format. Each type does three things from one definition, so they cannot
drift: ``check`` a loaded value (reporting located problems), give its JSON ``schema``, and ``describe``
itself for the field tables in docs/content-format.md.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from . import limits
from .safe_yaml import INVALID, Document
from .yaml_syntax import bullet_became_key

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_ID = re.compile(ID_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
# JSON Schema (ECMA-262) spelling of "no control characters except tab and newline"; see safe_yaml.
_NO_CONTROL = "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]*$"


class Checker:
    """State shared while checking one document: problems, defined ids and references."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list = []
        self.defined: dict[str, dict[str, tuple]] = {}  # kind -> id -> path of its first definition
        self.references: list[tuple[str, str, tuple, bool]] = []  # (kind, id, path, is a mapping key)

    def report(self, path: tuple, message: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key))

    def line_of(self, path: tuple) -> int:
        return self.doc.where(path)[0]


def label(path: tuple) -> str:
    """How a message names the value at ``path``: its key, or ``parties[2]`` for a list item."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


def describe_value(value: Any, node) -> str:
    raw = getattr(node, "value", None)
    plain = node is not None and not getattr(node, "style", "x")  # libyaml gives "" for plain, PyYAML None
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        hint = f"; YAML reads {raw} as {str(value).lower()}: quote it if you meant text" if plain and raw not in ("true", "false") else ""
        return f"a true/false value ({raw}){hint}"
    if isinstance(value, (int, float)):
        return f"a number ({raw})" if isinstance(raw, str) else "a number"
    if isinstance(value, dt.date):
        return f"a date ({raw})" if isinstance(raw, str) else "a date"
    if isinstance(value, str):
        return f"text ({value[:40]!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def did_you_mean(word: str, choices) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def _bullet_became_key(value: Any, path: tuple, ck: Checker) -> bool:
    """Report ``- Note: the deal was signed`` (a list item YAML read as a mapping) as that mistake."""
    if not (isinstance(value, dict) and path and isinstance(path[-1], int)):
        return False
    message = bullet_became_key(ck.doc.node(path))
    if message:
        ck.report(path, message)
    return bool(message)


class Type:
    expected = "a value"  # in "expected …" messages

    def check(self, value: Any, path: tuple, ck: Checker) -> None:
        if value is INVALID:
            return
        if not self.accepts(value):
            if self.accepts("text") and _bullet_became_key(value, path, ck):
                return
            ck.report(path, f"{label(path)}: expected {self.expected}, got {describe_value(value, ck.doc.node(path))}"
                      + self.hint(value))
            return
        self.check_more(value, path, ck)

    def accepts(self, value: Any) -> bool:
        raise NotImplementedError

    def hint(self, value: Any) -> str:
        return ""

    def check_more(self, value: Any, path: tuple, ck: Checker) -> None:
        pass

    def schema(self, defs: dict) -> dict:
        raise NotImplementedError

    def describe(self) -> str:
        return self.expected


@dataclass
class Text(Type):
    max_chars: int = limits.MAX_TEXT_CHARS  # a name or title in a box of fixed size has a lower limit
    expected = "text"

    def accepts(self, value):
        return isinstance(value, str)

    def check_more(self, value, path, ck):
        if not value.strip():
            ck.report(path, f"{label(path)}: must not be empty")
        elif len(value) > self.max_chars:
            ck.report(path, f"{label(path)}: {len(value):,} characters; at most {self.max_chars:,} here, where it "
                            "is printed in a box of fixed size (label length limit)")

    def schema(self, defs):
        # ``\S`` mirrors the not-only-blank rule of check_more.
        return {"type": "string", "minLength": 1, "maxLength": self.max_chars,
                "allOf": [{"pattern": _NO_CONTROL}, {"pattern": "\\S"}]}


@dataclass
class Url(Text):
    expected = "a web address (http:// or https://)"

    def check_more(self, value, path, ck):
        if not re.match(r"^https?://\S+$", value):
            ck.report(path, f"{label(path)}: expected a web address starting with http:// or https://, got {value[:60]!r}")

    def schema(self, defs):
        return {"type": "string", "maxLength": limits.MAX_TEXT_CHARS, "pattern": "^https?://\\S+$"}


@dataclass
class Choice(Type):
    values: tuple
    what: str | None = None  # name in messages when the key is not it (a mapping of party -> position)

    @property
    def expected(self):
        return "one of " + ", ".join(map(str, self.values))

    def accepts(self, value):
        return isinstance(value, str)

    def check_more(self, value, path, ck):
        if value not in self.values:
            ck.report(path, f"unknown {self.what or label(path)} {value!r}{did_you_mean(value, self.values)} "
                            f"(allowed: {', '.join(self.values)})")

    def schema(self, defs):
        return {"type": "string", "enum": list(self.values)}


@dataclass
class Integer(Type):
    low: int
    high: int

    @property
    def expected(self):
        return f"a whole number from {self.low} to {self.high}"

    def accepts(self, value):
        return type(value) is int  # noqa: E721 - YAML true/false are bools, which Python counts as ints

    def hint(self, value):
        return "; write a whole number" if isinstance(value, float) else ""

    def check_more(self, value, path, ck):
        if not self.low <= value <= self.high:
            ck.report(path, f"{label(path)} {value} is out of range: expected {self.low} to {self.high}")

    def schema(self, defs):
        return {"type": "integer", "minimum": self.low, "maximum": self.high}

    def describe(self):
        return f"whole number {self.low}…{self.high}"


@dataclass
class Boolean(Type):
    expected = "true or false"

    def accepts(self, value):
        return isinstance(value, bool)

    def schema(self, defs):
        return {"type": "boolean"}


@dataclass
class Version(Type):
    version: int

    @property
    def expected(self):
        return f"the format version {self.version}"

    def accepts(self, value):
        return type(value) is int  # noqa: E721

    def check_more(self, value, path, ck):
        if value != self.version:
            ck.report(path, f"format version {value} is not supported; this reportkit reads `reportkit: {self.version}`")

    def schema(self, defs):
        return {"const": self.version}

    def describe(self):
        return f"`{self.version}`"


@dataclass
class Date(Type):
    expected = "a date YYYY-MM-DD"

    def accepts(self, value):
        return (isinstance(value, dt.date) and not isinstance(value, dt.datetime)) or isinstance(value, str)

    def check_more(self, value, path, ck):
        if isinstance(value, str):
            try:
                ok = bool(_DATE.match(value)) and bool(dt.date.fromisoformat(value))
            except ValueError:
                ok = False
            if not ok:
                ck.report(path, f"{label(path)}: expected a date YYYY-MM-DD, got {value[:40]!r}")

    def schema(self, defs):
        return {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}


@dataclass
class Color(Type):
    expected = 'a colour "#RRGGBB"'

    def accepts(self, value):
        return isinstance(value, str)

    def hint(self, value):
        return ' (in YAML an unquoted # starts a comment: write color: "#1F4E79")' if value is None else ""

    def check_more(self, value, path, ck):
        if not re.match(COLOR_PATTERN, value):
            ck.report(path, f'{label(path)}: expected a colour "#RRGGBB", got {value[:20]!r}')

    def schema(self, defs):
        return {"type": "string", "pattern": COLOR_PATTERN}


@dataclass
class Id(Type):
    """The id that defines an item of ``kind``; ids of one kind must be unique."""

    kind: str
    expected = "an id (letters, digits, - and _)"

    def accepts(self, value):
        return isinstance(value, str)

    def check_more(self, value, path, ck):
        if not _ID.match(value):
            ck.report(path, f"{label(path)} {value!r}: an id uses only letters, digits, - and _ (no spaces), "
                            "and starts with a letter or digit")
            return
        seen = ck.defined.setdefault(self.kind, {})
        if value in seen:
            ck.report(path, f"duplicate {self.kind} id {value!r} (first defined at line {ck.line_of(seen[value])})")
        else:
            seen[value] = path

    def schema(self, defs):
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": 64}

    def describe(self):
        return f"id, unique among {self.kind} ids"


@dataclass
class Ref(Type):
    """A reference to the id of an item of ``kind``; checked once every id is known."""

    kind: str

    @property
    def expected(self):
        return f"a {self.kind} id"

    def accepts(self, value):
        return isinstance(value, str)

    def check_more(self, value, path, ck):
        ck.references.append((self.kind, value, path, False))

    def schema(self, defs):
        return {"type": "string", "pattern": ID_PATTERN}

    def describe(self):
        return f"{self.kind} id"


@dataclass
class ListOf(Type):
    item: Type
    min_items: int = 0
    max_items: int = limits.MAX_LIST_ITEMS

    @property
    def expected(self):
        return "a list"

    def accepts(self, value):
        return isinstance(value, list)

    def check_more(self, value, path, ck):
        if len(value) < self.min_items:
            ck.report(path, f"{label(path)}: needs at least {self.min_items} item{'s' * (self.min_items > 1)}, got {len(value)}")
        elif len(value) > self.max_items:
            ck.report(path, f"{label(path)}: at most {self.max_items} items, got {len(value)}")
        for i, item in enumerate(value):
            self.item.check(item, path + (i,), ck)

    def schema(self, defs):
        out = {"type": "array", "items": self.item.schema(defs), "maxItems": self.max_items}
        if self.min_items:
            out["minItems"] = self.min_items
        return out

    def describe(self):
        size = f"{self.min_items}–{self.max_items} " if self.min_items else ""
        return f"list of {size}{self.item.describe()}"


@dataclass
class MapOf(Type):
    """A mapping whose keys are checked by ``key`` (a reference to an id, or a new name) and values by ``value``."""

    value: Type
    key: Type

    expected = "a mapping"

    def accepts(self, value):
        return isinstance(value, dict)

    def check_more(self, value, path, ck):
        for k, v in value.items():
            self.key.check(k, path + (k,), ck)
            self.value.check(v, path + (k,), ck)

    def schema(self, defs):
        return {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": self.value.schema(defs), "maxProperties": limits.MAX_LIST_ITEMS}

    def describe(self):
        return f"mapping {self.key.describe()} → {self.value.describe()}"


@dataclass
class KeyRef(Ref):
    """A mapping key that refers to an id; located at the key, not at its value."""

    def check_more(self, value, path, ck):
        ck.references.append((self.kind, value, path, True))


@dataclass
class KeyName(Type):
    """A mapping key that names something new (an audience)."""

    expected = "a name"

    def accepts(self, value):
        return isinstance(value, str)

    def check_more(self, value, path, ck):
        if not _ID.match(value):
            ck.report(path, f"name {value!r}: use only letters, digits, - and _", key=True)

    def describe(self):
        return "name"


@dataclass
class Field:
    name: str
    type: Type
    required: bool = False
    doc: str = ""


@dataclass
class Record(Type):
    """A mapping with known keys: unknown keys, missing required keys and each value are checked."""

    name: str
    fields: list[Field]
    doc: str = ""
    check_item: Any = None  # optional extra check(value, path, ck) for rules across fields
    by_name: dict = field(init=False, repr=False)

    def __post_init__(self):
        self.by_name = {f.name: f for f in self.fields}

    @property
    def expected(self):
        return f"a mapping ({self.name})"

    def accepts(self, value):
        return isinstance(value, dict)

    def check_more(self, value, path, ck):
        for key, item in value.items():
            f = self.by_name.get(key)
            if f is None:
                ck.report(path + (key,), f"unknown key {key!r} in {self.name}{did_you_mean(key, self.by_name)}"
                                         f" (allowed: {', '.join(self.by_name)})", key=True)
            else:
                f.type.check(item, path + (key,), ck)
        missing = [f.name for f in self.fields if f.required and f.name not in value]
        if missing:
            ck.report(path, f"{self.name}: missing required {'field' if len(missing) == 1 else 'fields'} "
                            + ", ".join(missing))
        if self.check_item:
            self.check_item(value, path, ck)

    @property
    def schema_name(self) -> str:
        return self.name.replace(" ", "-")  # $ref fragments are URIs: no spaces

    def schema(self, defs):
        key = self.schema_name
        if key not in defs:
            defs[key] = {}  # reserve first: records may be reached twice
            body = {"type": "object", "additionalProperties": False,
                    "properties": {f.name: {**f.type.schema(defs), "description": f.doc} for f in self.fields}}
            required = [f.name for f in self.fields if f.required]
            if required:
                body["required"] = required
            if self.doc:
                body["description"] = self.doc
            defs[key] = body
        return {"$ref": f"#/$defs/{key}"}

    def describe(self):
        return self.name


@dataclass
class TextOr(Type):
    """Either plain text or a record (a bullet: "text" or {text: …, sources: […]})."""

    record: Record
    expected = "text or a mapping with text:"

    def accepts(self, value):
        return isinstance(value, (str, dict))

    def check_more(self, value, path, ck):
        if "text" not in value and _bullet_became_key(value, path, ck):
            return
        (Text() if isinstance(value, str) else self.record).check(value, path, ck)

    def schema(self, defs):
        return {"oneOf": [Text().schema(defs), self.record.schema(defs)]}

    def describe(self):
        return f"text, or {self.record.name}"


@dataclass
class LikelihoodTerm(Type):
    """A term of the briefing's likelihood scale (``briefing.likelihood_scale``, ``standards.SCALES``)."""

    expected = "a likelihood term"

    def accepts(self, value):
        return isinstance(value, str)

    def check_more(self, value, path, ck):
        from .. import standards as std

        scale = std.SCALES.get(_scale_name(ck.doc.data), std.SCALES[std.DEFAULT_SCALE])
        if value in scale.names():
            return
        elsewhere = [s.name for s in std.SCALES.values() if value in s.names()]
        hint = (f"; it is a term of {' and '.join(elsewhere)}: set briefing.likelihood_scale" if elsewhere
                else did_you_mean(value, scale.names()))
        ck.report(path, f"unknown likelihood {value!r}: not a term of the {scale.name} scale "
                        f"(allowed: {', '.join(scale.names())}){hint}")

    def schema(self, defs):
        from .. import standards as std

        return {"enum": sorted({t for s in std.SCALES.values() for t in s.names()})}

    def describe(self):
        return "likelihood term of the briefing's scale"


def _scale_name(data) -> str | None:
    briefing = data.get("briefing") if isinstance(data, dict) else None
    scale = briefing.get("likelihood_scale") if isinstance(briefing, dict) else None
    return scale if isinstance(scale, str) else None
