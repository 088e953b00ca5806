"""Safe YAML: bytes -> plain data (dict, list, str, int, float, bool, None, date) plus where each value is.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys, expands aliases without bound and
recurses without limit. So the file is read in three guarded steps, each reporting located problems:

1. bytes: size limit, encoding (UTF-8; a BOM is dropped; UTF-16 and binary files are named), control
   characters;
2. YAML events: syntax, nesting depth, tags (only plain data), alias expansion size;
3. composed nodes -> data: duplicate keys, non-text keys, bad scalars, long strings and lists.

``Document.nodes`` maps a path such as ``("parties", 0, "id")`` to its YAML node, so any later check
can say FILE:LINE:COL for any value.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem
from . import limits
from .yaml_syntax import explain, joined_items

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same marks, faster
_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")} | {"!"}
# Exactly the characters YAML itself refuses (PyYAML's Reader.NON_PRINTABLE), so the message is ours.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# Inside a string value (after escapes such as "\a" are decoded), only tab and newline may be control.
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0B-\x1F\x7F-\x9F]")
_SHOWN_CHARACTER_PROBLEMS = 10
# Unicode noncharacters (U+FDD0-FDEF and the last two of every plane): reserved, never text; "\uFFFE"
# escapes reach here although YAML refuses the raw characters.
_NONCHARACTER = re.compile("[\uFDD0-\uFDEF\uFFFE\uFFFF" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17)) + "]")
# Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) reorder the text around them: a
# name can read one way in the memo and another in the deck (Trojan Source), and the memo's fonts have
# no glyph for them. They are removed, with a located warning; the marks U+200E/200F stay.
BIDI_CONTROLS = re.compile("[\u202A-\u202E\u2066-\u2069]")


class _Invalid:
    """Stands in for a value already reported, so later checks do not report it twice."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()

@dataclass
class Document:
    filename: str
    data: Any = None
    nodes: dict = field(default_factory=dict)  # path -> value node
    keys: dict = field(default_factory=dict)  # path -> key node of that mapping entry
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # registry.BuildWarning: what was changed (BIDI_CONTROLS), what
    # YAML accepted but the writer likely did not mean (items joined onto one line)
    lines: list = field(default_factory=list)  # the text's lines, for checks that look at the layout
    aliases: dict = field(default_factory=dict)  # path -> mark of the alias (*name) written there

    def where(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at ``path`` (or of its key), else of its nearest parent.
        A value reached through an alias is placed where the alias is written (its anchored original
        is elsewhere, and may be fine there: a duplicate id made by ``- *party`` is the alias's)."""
        path = tuple(path)
        for i in range(len(path) + 1 if self.aliases else 0):
            mark = self.aliases.get(path[:i])
            if mark is not None:
                return mark.line + 1, mark.column + 1
        if key and path in self.keys:
            mark = self.keys[path].start_mark
            return mark.line + 1, mark.column + 1
        while path not in self.nodes and path:
            path = path[:-1]
        node = self.nodes.get(path)
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def problem(self, path: tuple, message: str, key: bool = False) -> Problem:
        line, col = self.where(path, key)
        return Problem(self.filename, line, col, message)

    def node(self, path: tuple):
        return self.nodes.get(tuple(path))


def load_yaml(source: str | bytes | Path, filename: str | None = None, strict: bool = True) -> Document:
    """Read YAML safely. ``source`` is a ``Path`` (read from disk) or the text itself (``str``/``bytes``).

    Raises ``InputError`` for anything that stops reading (syntax, encoding, limits). With ``strict``
    it also raises for value-level problems (duplicate keys, bad dates, …); without, they are left in
    ``Document.problems`` so a validator can report them together with its own.
    """
    if isinstance(source, Path):
        filename = filename or str(source)
        raw = read_bytes(source, filename)
    else:
        filename = filename or "<text>"
        raw = source.encode("utf-8") if isinstance(source, str) else bytes(source)
    text = decode(raw, filename)
    doc = Document(filename, lines=text.splitlines())
    doc.aliases = _check_events(text, filename)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as e:
        raise InputError(_syntax_problem(e, text, filename)) from None
    if root is not None:
        doc.data = _Converter(doc).convert(root, ())
    doc.problems.sort()
    if strict and doc.problems:
        raise InputError(doc.problems)
    return doc


def read_bytes(path: Path, filename: str) -> bytes:
    def fail(message: str) -> InputError:
        return InputError(Problem(filename, 1, 1, message))

    if path.is_dir():
        raise fail("is a folder, not a content file")
    try:
        with open(path, "rb") as f:
            raw = f.read(limits.MAX_FILE_BYTES + 1)  # bounded even for devices and pipes
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as e:
        raise fail(f"cannot read the file: {e.strerror or e}") from None
    return raw


def decode(raw: bytes, filename: str) -> str:
    def fail(message: str, line: int = 1, col: int = 1) -> InputError:
        return InputError(Problem(filename, line, col, message))

    if len(raw) > limits.MAX_FILE_BYTES:
        raise fail(f"file is larger than the limit of {limits.MAX_FILE_BYTES:,} bytes (file size limit)")
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise fail("file is UTF-32 encoded; save it as UTF-8")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fail("file is UTF-16 encoded (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    nul = raw.find(b"\0")
    if nul >= 0:
        head = raw[:64]
        if len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4):
            raise fail("file looks UTF-16 encoded (NUL bytes between letters); save it as UTF-8")
        line, col = _byte_position(raw, nul)
        raise fail("binary file: NUL byte found; a content file is UTF-8 text", line, col)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _byte_position(raw, e.start)
        raise fail(f"not UTF-8: byte 0x{raw[e.start]:02X} cannot be decoded; save the file as UTF-8", line, col) from None
    problems = []
    for m in _NON_PRINTABLE.finditer(text):
        if len(problems) == _SHOWN_CHARACTER_PROBLEMS:
            break
        line, col = _text_position(text, m.start())
        problems.append(Problem(filename, line, col, f"control character U+{ord(m.group()):04X} is not allowed "
                                                     "(only tab and line breaks may appear in text)"))
    if problems:
        raise InputError(problems)
    return text


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[start:offset].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, col


def _text_position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _mark_problem(mark, filename: str, message: str) -> Problem:
    return Problem(filename, mark.line + 1, mark.column + 1, message)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


class _Paths:
    """The path (keys and indexes) of each value in a YAML event stream, as ``_Converter`` names it;
    composing resolves an alias to its anchored node, so only the events still know where it is used."""

    _KEY = object()  # stands in the path inside a key that is a list or mapping (reported elsewhere)

    def __init__(self):
        self.frames: list[list] = []  # [is_mapping, index or key, awaiting a key]

    def value_event(self, ev) -> bool:
        """Note a scalar, alias or collection start; False when it is a mapping's key."""
        top = self.frames[-1] if self.frames else None
        if top is not None and top[0] and top[2]:
            top[1] = ev.value if isinstance(ev, yaml.ScalarEvent) else self._KEY
            top[2] = False
            return False
        return True

    def path(self) -> tuple:
        return tuple(f[1] for f in self.frames)

    def start(self, is_mapping: bool) -> None:
        self.frames.append([is_mapping, None if is_mapping else 0, True])

    def done(self) -> None:
        """A value (or a whole collection, after ``end``) is complete: the parent moves on."""
        top = self.frames[-1] if self.frames else None
        if top is None:
            return
        if top[0]:
            top[2] = True
        else:
            top[1] += 1

    def end(self) -> None:
        self.frames.pop()


def _check_events(text: str, filename: str) -> dict:
    """Syntax, depth, tags and alias expansion, checked on the event stream before any node is built
    (composing recurses per nesting level, and expanding an alias bomb would exhaust memory). Returns
    where each alias is used: path -> mark."""
    problems: list[Problem] = []
    paths, aliases = _Paths(), {}
    depth = 0
    total = 0  # values so far, counting each alias as the size of what it repeats
    open_anchors: list[tuple[str | None, int]] = []  # per open collection: its anchor, total at its start
    sizes: dict[str, int] = {}
    try:
        for ev in yaml.parse(text, Loader=_Loader):
            tag = getattr(ev, "tag", None)
            if tag is not None and tag not in _PLAIN_TAGS:
                problems.append(_mark_problem(ev.start_mark, filename,
                                              f"YAML tag {_show_tag(tag)} is not allowed: a content file holds plain "
                                              "data (text, numbers, dates, lists, mappings)"))
            if isinstance(ev, yaml.AliasEvent):
                if any(a == ev.anchor for a, _ in open_anchors):
                    problems.append(_mark_problem(ev.start_mark, filename,
                                                  f"alias *{ev.anchor} refers to a value that contains it (recursive)"))
                    break
                total += sizes.get(ev.anchor, 1)
                if paths.value_event(ev):
                    aliases.setdefault(paths.path(), ev.start_mark)
                    paths.done()
            elif isinstance(ev, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                total += 1
                if isinstance(ev, yaml.ScalarEvent) and ev.anchor:
                    sizes[ev.anchor] = 1
                if isinstance(ev, yaml.ScalarEvent):
                    if paths.value_event(ev):
                        paths.done()
                else:
                    is_value = paths.value_event(ev)
                    paths.start(isinstance(ev, yaml.MappingStartEvent))
                    paths.frames[-1].append(is_value)
            if isinstance(ev, yaml.CollectionStartEvent):
                depth += 1
                open_anchors.append((ev.anchor, total - 1))
                if depth > limits.MAX_DEPTH:
                    problems.append(_mark_problem(ev.start_mark, filename,
                                                  f"nested more than {limits.MAX_DEPTH} levels deep (nesting limit)"))
                    break
            elif isinstance(ev, yaml.CollectionEndEvent):
                depth -= 1
                was_value = paths.frames[-1][3]
                paths.end()
                if was_value:
                    paths.done()
                anchor, start = open_anchors.pop()
                if anchor:
                    sizes[anchor] = total - start
            if total > limits.MAX_NODES:
                problems.append(_mark_problem(ev.start_mark, filename,
                                              f"more than {limits.MAX_NODES:,} values once aliases are expanded "
                                              "(alias expansion limit; is this a 'billion laughs' file?)"))
                break
    except yaml.YAMLError as e:
        problems.append(_syntax_problem(e, text, filename))
    if problems:
        raise InputError(sorted(problems))
    return aliases


def _syntax_problem(e: yaml.YAMLError, text: str, filename: str) -> Problem:
    return explain(e, text, filename)


class _Converter:
    """Composed YAML nodes -> plain data, recording each node's path and reporting value problems."""

    _constructor = yaml.constructor.SafeConstructor()
    _scalars = {
        _YAML + "int": _constructor.construct_yaml_int,
        _YAML + "float": _constructor.construct_yaml_float,
        _YAML + "bool": _constructor.construct_yaml_bool,
        _YAML + "timestamp": _constructor.construct_yaml_timestamp,
    }

    def __init__(self, doc: Document):
        self.doc = doc

    def report(self, node, message: str) -> None:
        self.doc.problems.append(_mark_problem(node.start_mark, self.doc.filename, message))

    def convert(self, node, path: tuple) -> Any:
        self.doc.nodes[path] = node
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if len(node.value) > limits.MAX_LIST_ITEMS:
            what = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
            self.report(node, f"{what} has {len(node.value):,} items; the limit is {limits.MAX_LIST_ITEMS:,} (list length limit)")
            return INVALID
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.mapping(node, path)

    def scalar(self, node) -> Any:
        joined = joined_items(node, self.doc.lines)
        if joined is not None:
            col = len(self.doc.lines[joined]) - len(self.doc.lines[joined].lstrip())
            from ..registry import BuildWarning

            self.doc.warnings.append(BuildWarning(
                "this '- ' line is indented further than the item above, so YAML joined it to that item as "
                "' - …'; line its '-' up with the others", f"{self.doc.filename}:{joined + 1}:{col + 1}"))
        tag = node.tag
        if tag in (_YAML + "str", _YAML + "value", "!"):
            return self.text(node)
        if tag == _YAML + "null":
            return None
        if tag == _YAML + "merge":
            self.report(node, "merge keys (<<) are not supported; write the keys out")
            return INVALID
        construct = self._scalars.get(tag)
        if construct is None:
            self.report(node, f"YAML tag {_show_tag(tag)} cannot be used on a single value")
            return INVALID
        try:
            return construct(node)
        except (ValueError, TypeError, OverflowError):
            kind = {"timestamp": "date"}.get(tag[len(_YAML):], tag[len(_YAML):])
            self.report(node, f"{node.value!r} is not a valid {kind}")
            return INVALID

    def text(self, node) -> Any:
        value = node.value
        if len(value) > limits.MAX_TEXT_CHARS:
            self.report(node, f"text is {len(value):,} characters long; the limit is {limits.MAX_TEXT_CHARS:,} (string length limit)")
            return INVALID
        bad = _CONTROL_IN_TEXT.search(value)
        if bad:
            self.report(node, f"control character U+{ord(bad.group()):04X} in text is not allowed "
                              "(only tab and newline may appear in text)")
            return INVALID
        bad = _NONCHARACTER.search(value)
        if bad:
            self.report(node, f"noncharacter U+{ord(bad.group()):04X} in text is not allowed "
                              "(Unicode reserves it for programs' internal use; it is never text)")
            return INVALID
        found = sorted(set(BIDI_CONTROLS.findall(value)))
        if found:
            from ..registry import BuildWarning

            mark = node.start_mark
            names = ", ".join(f"U+{ord(c):04X}" for c in found)
            self.doc.warnings.append(BuildWarning(
                f"bidi control character(s) {names} removed from this text (they can make it read "
                "differently in the memo and the deck)", f"{self.doc.filename}:{mark.line + 1}:{mark.column + 1}"))
            value = BIDI_CONTROLS.sub("", value)
        return value

    def mapping(self, node, path: tuple) -> dict:
        out: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, "a key must be a plain name, not a list or mapping")
                continue
            key = self.scalar(key_node)
            if key is INVALID:
                continue
            if not isinstance(key, str):
                hint = f"; YAML reads {key_node.value} as {str(key).lower()}: quote it" if not key_node.style else ""
                self.report(key_node, f"key {key_node.value!r} must be text{hint}")
                continue
            if key in first:
                line = first[key].start_mark.line + 1
                self.report(key_node, f"duplicate key {key!r} (first given at line {line}); "
                                      "YAML would silently keep only the last one")
                continue
            first[key] = key_node
            self.doc.keys[path + (key,)] = key_node
            out[key] = self.convert(value_node, path + (key,))
        return out
