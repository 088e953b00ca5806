"""YAML mistakes in plain words: the likely cause and the fix, still at FILE:LINE:COL.

PyYAML (libyaml) reports what its parser expected ("did not find expected key", "mapping values are
not allowed in this context"); a person editing a briefing needs to hear what they typed. ``explain``
reads the error *and the text around it* and recognises the mistakes people make most:

- bad indentation (which line the block started on and the column it expects),
- a missing colon after a key,
- an unquoted ``: `` inside a value ("quote the text"),
- an unquoted ``#`` inside ``{ }`` or ``[ ]`` (it starts a comment and swallows the closing bracket),
- an apostrophe inside single quotes (or a double quote inside double quotes),
- a quote or a bracket that is never closed,
- tabs used for indentation.

Anything else keeps PyYAML's words after "YAML syntax error:". Two mistakes that YAML accepts
silently are caught after parsing: ``bullet_became_key`` (``- Note: the deal was signed`` is a
mapping) and ``joined_items`` (a ``- item`` indented one space further than its neighbours is
folded into the item above it).
"""
from __future__ import annotations

import re

import yaml

from ..errors import Problem

_KEY = re.compile(r"^(\s*(?:-\s+)*)([^\s#'\"\[\]{},:-][^#:]*?|'[^']*'|\"[^\"]*\"):(\s|$)")


def explain(e: yaml.YAMLError, text: str, filename: str) -> Problem:
    """One located problem for a YAML syntax error, in plain words where the mistake is recognised."""
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    if mark is None:
        return Problem(filename, 1, 1, f"YAML syntax error: {e}")
    lines = text.splitlines()
    problem = (getattr(e, "problem", None) or str(e)).strip()
    context = (getattr(e, "context", None) or "").strip()
    cmark = getattr(e, "context_mark", None)
    at = _Text(lines)

    def located(line0: int, col0: int, message: str) -> Problem:
        return Problem(filename, line0 + 1, col0 + 1, message)

    if at.char(mark.line, mark.column) == "\t" or ("\t" in at.indent_text(mark.line)):
        tab = at.indent_text(mark.line).find("\t")
        col = tab if tab >= 0 else mark.column
        return located(mark.line, col, "tab character: YAML indentation must use spaces, not tabs; "
                                       "replace the tab with spaces (set your editor to insert spaces)")
    if "another document" in problem:
        return located(mark.line, mark.column, "a second YAML document starts here (---); a content file holds one")
    for recognise in (_quote_inside_quotes, _unclosed_quote, _hash_in_flow, _unclosed_bracket, _missing_colon,
                      _colon_in_value, _bad_indentation, _cannot_start):
        found = recognise(at, mark, cmark, problem, context)
        if found:
            line0, col0, message = found
            return located(line0, col0, message)
    if context and cmark is not None and (cmark.line, cmark.column) != (mark.line, mark.column):
        problem += f" ({context} started at line {cmark.line + 1}, column {cmark.column + 1})"
    elif context:
        problem += f" ({context})"
    return located(mark.line, mark.column, f"YAML syntax error: {problem}")


class _Text:
    """The file's lines, with the questions the recognisers ask of them."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def line(self, n: int) -> str:
        return self.lines[n] if 0 <= n < len(self.lines) else ""

    def char(self, n: int, col: int) -> str:
        return self.line(n)[col:col + 1]

    def indent_text(self, n: int) -> str:
        s = self.line(n)
        return s[:len(s) - len(s.lstrip(" \t"))]

    def indent(self, n: int) -> int:
        return len(self.indent_text(n))

    def content(self, n: int) -> bool:
        s = self.line(n).strip()
        return bool(s) and not s.startswith("#")

    def previous(self, n: int) -> int | None:
        """The nearest line above ``n`` with content (not blank, not only a comment)."""
        for k in range(n - 1, -1, -1):
            if self.content(k):
                return k
        return None

    def blocks_above(self, n: int) -> list[tuple[int, int, str]]:
        """The blocks line ``n`` could continue: (first line, column, its text), innermost first.

        ``- key: value`` opens two: the list at the dash and the item's mapping after ``- ``.
        """
        out: list[tuple[int, int, str]] = []
        for k in range(n - 1, -1, -1):
            if not self.content(k):
                continue
            s = self.line(k)
            columns = [(self.indent(k), s.strip())]
            m = re.match(r"^(\s*)(-\s+)(.*)$", s)
            if m and (_KEY.match(m.group(3)) or m.group(3).startswith("- ")):
                columns.insert(0, (len(m.group(1)) + len(m.group(2)), m.group(3)))
            for col, text in columns:
                if not out or col < out[-1][1]:
                    out.append((k, col, text))  # a block further out
                elif col == out[-1][1]:
                    out[-1] = (k, col, text)  # the same block: it started on this line or further up
        return out


def _name(word: str) -> str:
    """The key a line starts with ("title" for "title: x"), else its first words."""
    m = _KEY.match(word)
    if m:
        return m.group(2).strip("'\"")
    return word if len(word) <= 30 else word[:27] + "…"


def _quote_inside_quotes(at: _Text, mark, cmark, problem, context):
    """``title: 'Russia's demands'``: the apostrophe ends the quoted text; YAML then finds ``s demands'``."""
    if "expected key" not in problem and "block end" not in problem and "expected ','" not in problem:
        return None
    line = at.line(mark.line)
    before = line[:mark.column]
    for q, fix in (("'", "write it twice ('') or put the text in double quotes"),
                   ('"', "write it as \\\" or put the text in single quotes")):
        if before.endswith(q) and before.count(q) >= 2 and before.rstrip(q).count(q) >= 1:
            start = before.find(q)
            whole = line[start:].rstrip()
            inner = whole[1:-1] if whole.endswith(q) and len(whole) > 1 else whole[1:]
            if q == "'":
                example = f"'{inner.replace(chr(39), chr(39) * 2)}'" + f" or \"{inner}\""
                what = "an apostrophe inside single quotes ends the text"
            else:
                example = '"' + inner.replace('"', '\\"') + '"' + f" or '{inner}'"
                what = "a double quote inside double quotes ends the text"
            return mark.line, mark.column - 1, f"{what}: {fix}, e.g. {example}"
    return None


def _unclosed_quote(at: _Text, mark, cmark, problem, context):
    if "quoted scalar" not in context or cmark is None:
        return None
    q = at.char(cmark.line, cmark.column) or "quote"
    where = f"line {mark.line + 1}" if mark.line < len(at.lines) else "the end of the file"
    inside = "an apostrophe inside '…' is written ''" if q == "'" else 'a quote inside "…" is written \\"'
    return (cmark.line, cmark.column,
            f"this {q} is never closed (YAML read on to {where} looking for the closing {q}): "
            f"end the text with {q}; {inside}")


def _flow_opening(at: _Text, mark, cmark, context):
    """The line and column of the ``[`` or ``{`` the error is about, if it is in a flow collection."""
    if "flow" not in context or cmark is None:
        return None
    # libyaml names the flow *node* where it noticed; the collection opened on or before that line
    for k in range(cmark.line, max(-1, cmark.line - 50), -1):
        line = at.line(k)
        for col in range(len(line) - 1, -1, -1) if k != cmark.line else range(min(cmark.column, len(line) - 1), -1, -1):
            if line[col] in "[{" and not _in_quotes(line, col):
                return k, col
    return None


def _in_quotes(line: str, col: int) -> bool:
    single = double = False
    for ch in line[:col]:
        if ch == "'" and not double:
            single = not single
        elif ch == '"' and not single:
            double = not double
    return single or double


def _hash_in_flow(at: _Text, mark, cmark, problem, context):
    opening = _flow_opening(at, mark, cmark, context)
    if opening is None:
        return None
    k, col = opening
    line = at.line(k)
    m = re.search(r"(\s)#", line[col:])
    if not m or _in_quotes(line, col + m.start() + 1):
        return None
    hcol = col + m.start() + 1
    value = re.match(r"#[^\s,\]}]*", line[hcol:]).group()
    closer = "}" if line[col] == "{" else "]"
    return (k, hcol, f"an unquoted # starts a comment, even inside {line[col]} {closer}: the rest of line {k + 1} "
                     f"is ignored, its closing {closer} too. Quote the value: \"{value}\"")


def _unclosed_bracket(at: _Text, mark, cmark, problem, context):
    opening = _flow_opening(at, mark, cmark, context)
    if opening is None or not ("expected ','" in problem or "node content" in problem):
        return None
    k, col = opening
    closer = "}" if at.line(k)[col] == "{" else "]"
    return (mark.line, mark.column,
            f"the {at.line(k)[col]} opened at line {k + 1}, column {col + 1} is not closed: end it with {closer} "
            f"(or write the items as '- ' lines, one per line)")


def _missing_colon(at: _Text, mark, cmark, problem, context):
    """``meta`` alone on a line before an indented block, or ``title x`` where ``title: x`` was meant."""
    if "could not find expected ':'" in problem and cmark is not None:
        word = at.line(cmark.line).strip()
        return cmark.line, cmark.column, (f"'{word}' has no ':' after it: YAML expected a key here; "
                                          f"write '{word.split()[0]}:'" + (" followed by its value" if " " in word else ""))
    if "mapping values are not allowed" not in problem:
        return None
    line = at.line(mark.line)
    if ": " in line[:mark.column] or line[:mark.column].rstrip().endswith(":"):
        return None  # a colon earlier on this line: the colon is inside a value
    prev = at.previous(mark.line)
    if prev is None:
        return None
    text = at.line(prev).strip()
    if ":" in re.sub(r"'[^']*'|\"[^\"]*\"", "", text) or at.indent(prev) != at.indent(mark.line):
        return None
    body = text[2:].strip() if text.startswith("- ") else text
    key, _, rest = body.partition(" ")
    fix = f"{key}: {rest}" if rest else f"{key}:"
    return (prev, at.indent(prev) + (len(text) - len(body)),
            f"'{body}' has no ':' after its key, so YAML reads it and the next line as one text; "
            f"write '{fix}'")


def _colon_in_value(at: _Text, mark, cmark, problem, context):
    if "mapping values are not allowed" not in problem:
        return None
    line = at.line(mark.line)
    m = _KEY.match(line)
    if not m or len(m.group(0)) > mark.column:
        return None
    key = m.group(2)
    value = line[len(m.group(0)):].strip()
    value = re.sub(r"\s+#.*$", "", value)
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (mark.line, mark.column,
            f"a ': ' inside a value makes YAML read a second key: quote the text: {key}: {quoted}")


def _bad_indentation(at: _Text, mark, cmark, problem, context):
    if not ("expected key" in problem or "block end" in problem or "'-' indicator" in problem
            or "mapping values are not allowed" in problem):
        return None
    n = mark.line
    if not at.content(n):
        return None
    col = at.indent(n)
    blocks = at.blocks_above(n)
    if not blocks:
        return None
    columns = [c for _, c, _ in blocks]
    word = _name(at.line(n).strip())
    if "mapping values are not allowed" in problem:
        # indented deeper than a key that already has a value: read as part of that value
        prev = at.previous(n)
        if prev is None or col <= at.indent(prev):
            return None
        pc = at.indent(prev)
        return (n, col, f"bad indentation: '{word}' is indented further (column {col + 1}) than "
                        f"'{_name(at.line(prev).strip())}' on line {prev + 1} (column {pc + 1}), which already has "
                        f"a value, so YAML reads it as part of that value; indent it to column {pc + 1}")
    if col in columns:
        if "'-' indicator" in problem:
            k, c, w = next(b for b in blocks if b[1] == col)
            return (n, col, f"'{word}' is a key at the column of the list that started on line {k + 1} "
                            f"(column {c + 1}): a list item starts with '- '; to end the list, indent '{word}' "
                            f"like the key above the list")
        return None
    inner = blocks[0]
    nearest = min(blocks, key=lambda b: (abs(b[1] - col), -b[1]))
    k, c, w = nearest
    also = ""
    if inner != nearest:
        also = f" (or column {inner[1] + 1} to continue the block that started on line {inner[0] + 1})"
    return (n, col, f"bad indentation: '{word}' is at column {col + 1}, but no block above starts there; the "
                    f"block at column {c + 1} started on line {k + 1} ('{_name(w)}'): indent it to column "
                    f"{c + 1}{also}")


def _cannot_start(at: _Text, mark, cmark, problem, context):
    if "cannot start any token" not in problem:
        return None
    ch = at.char(mark.line, mark.column)
    if not ch:
        return None
    return (mark.line, mark.column, f"a plain value cannot start with {ch}: quote the text, e.g. \"{ch}…\"")


# --- mistakes YAML accepts silently -----------------------------------------------------------------


def bullet_became_key(node) -> str | None:
    """``- Note: the deal was signed`` is a one-key mapping to YAML. When a list item that should be
    text is such a mapping, written plainly on one line, say so instead of "unknown key 'Note'"."""
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return None
    key, value = node.value[0]
    if not isinstance(key, yaml.ScalarNode) or key.style or not isinstance(value, yaml.ScalarNode):
        return None
    if value.style or key.start_mark.line != value.start_mark.line:
        return None
    whole = f"{key.value}: {value.value}".replace("\\", "\\\\").replace('"', '\\"')
    return f"this bullet became a key {key.value!r}: YAML reads 'Key: text' as a mapping; quote the whole bullet: - \"{whole}\""


def joined_items(node, lines: list[str]) -> int | None:
    """The 0-based line of a ``- item`` that YAML folded into the plain text above it (it was indented
    further than its neighbours, so it reads as a continuation line), or None."""
    if not isinstance(node, yaml.ScalarNode) or node.style or node.end_mark.line <= node.start_mark.line:
        return None
    for k in range(node.start_mark.line + 1, min(node.end_mark.line, len(lines) - 1) + 1):
        if re.match(r"^\s*-\s", lines[k]):
            return k
    return None
