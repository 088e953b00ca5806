"""Every theme key, declared once with its type and meaning (MkDocs' declared config), the way
``content/spec.py`` declares the content format.

The shared keys (colours every edition uses, fonts, logo) are declared here; each renderer declares
its own section (``memo.*``, ``deck.*``) in ``theme/sections/<section>.py``, found through the
renderer registry (``Renderer.theme_section``). The loader checks every theme file against the
declaration: an unknown key (``colour:``, ``table.header.fil``) is refused with a did-you-mean, a value
of the wrong type is refused, all located, all at once. ``python3 -m reportkit.theme.docs`` writes the
key table in docs/templates.md from this declaration.
"""
from __future__ import annotations

import difflib
import importlib
import importlib.util
from dataclasses import dataclass, replace

# What a value must be. Checked by ``theme.check_file``; files (fonts, logo, template) are also
# resolved and opened there.
KINDS = {
    "text": "text",
    "theme": "a theme name",
    "colour": "a colour, #RRGGBB",
    "choice": "one of the listed words",
    "number": "a number",
    "font": "a TrueType (.ttf) file",
    "image": "a PNG or JPEG file, or null",
    "template": "a .pptx or .potx file",
    "word_template": "a .docx or .dotx file, or null",
    "font_families": "a list of font family names (letters, digits, spaces, hyphens)",
}
FONT_STYLES = ("regular", "bold", "italic", "bold_italic")
FONT_ROLES = ("heading", "body")


@dataclass(frozen=True)
class Key:
    path: str  # dotted: "table.header.fill"
    kind: str  # one of KINDS
    meaning: str
    choices: tuple[str, ...] = ()
    section: str = ""  # the renderer section that declared it; "" for the shared keys
    default: str | None = None  # what applies when no theme sets it (else the built-in default theme's value)

    @property
    def type_text(self) -> str:
        if self.kind == "choice":
            return " \\| ".join(f"`{c}`" for c in self.choices)
        return KINDS[self.kind]


def _colours(group: str, meanings: dict[str, str]) -> list[Key]:
    return [Key(f"{group}.{name}", "colour", meaning) for name, meaning in meanings.items()]


SHARED: tuple[Key, ...] = (
    Key("name", "text", "the theme's name (default: its file name)"),
    Key("label", "text", "a human label, e.g. in `reportkit audiences`"),
    Key("extends", "theme", "the parent theme; a theme without `extends` still inherits every key of the built-in `default`"),
    *_colours("color", {
        "primary": "headings, title bars", "accent": "links, rules, highlights", "text": "body text",
        "muted": "captions, footers, secondary text", "rule": "thin rules", "page": "the page background"}),
    *_colours("stance", {
        "strongly_oppose": "stance score −2", "oppose": "stance score −1", "neutral": "stance score 0",
        "support": "stance score +1", "strongly_support": "stance score +2",
        "none": "a party with no stance on an issue"}),
    *_colours("likelihood", {"low": "outcome likelihood: low (a scale of its own, distinct from the stances)",
                             "medium": "outcome likelihood: medium", "high": "outcome likelihood: high"}),
    *_colours("position", {"support": "a party supports an outcome", "conditional": "supports it on conditions",
                           "oppose": "opposes it", "unknown": "position not stated"}),
    *_colours("tone", {t: f"a reaction's tone: {t}" for t in
                       ("welcoming", "hopeful", "cautious", "skeptical", "opposed", "neutral")}),
    *_colours("table", {"header.fill": "table header row fill", "header.text": "table header row text",
                        "zebra.fill": "alternate row fill", "rule": "table rules"}),
    *_colours("banner", {"fill": "the classification marking on every page and slide: fill",
                         "text": "the classification marking: text"}),
    *_colours("bluf", {"fill": "the memo's bottom-line-up-front box: fill", "rule": "its rule"}),
    *(Key(f"font.{role}.{style}", "font", f"{role} text, {style.replace('_', ' ')}"
          + (f" (unset: `font.{role}.regular`)" if style != "regular" else ""))
      for role in FONT_ROLES for style in FONT_STYLES),
    Key("logo", "image", "memo header and deck title slide (optional), relative to the theme file"),
)


def section_module(section: str):
    """``theme/sections/<section>.py`` (its ``KEYS``), or None when the section declares nothing."""
    name = f"{__package__}.sections.{section}"
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def sections() -> dict[str, tuple[Key, ...] | None]:
    """Each registered renderer's theme section -> its declared keys (None: not declared yet, so the
    section is accepted as written and unchecked)."""
    from ..registry import REGISTRY

    out: dict[str, tuple[Key, ...] | None] = {}
    for renderer in REGISTRY.values():
        section = renderer.theme_section
        if section and section not in out:
            module = section_module(section)
            out[section] = tuple(replace(k, section=section) for k in module.KEYS) if module else None
    return out


def declared() -> dict[str, Key]:
    """Every declared key by dotted path: the shared keys, then each renderer section's."""
    keys = {k.path: k for k in SHARED}
    for declared_keys in sections().values():
        keys.update({k.path: k for k in declared_keys or ()})
    return keys


class Declaration:
    """The declared keys as a tree, for checking one theme file's mapping."""

    def __init__(self):
        self.keys = declared()
        self.open_sections = {s for s, k in sections().items() if k is None}
        self.groups = {".".join(p.split(".")[:i]) for p in self.keys for i in range(1, p.count(".") + 1)}

    def children(self, prefix: str) -> list[str]:
        """The names declared directly under ``prefix`` ("" for the top level)."""
        depth = prefix.count(".") + 1 if prefix else 0
        out = {p.split(".")[depth] for p in (*self.keys, *self.groups)
               if (p.startswith(prefix + ".") if prefix else True) and p.count(".") >= depth}
        return sorted(out | (self.open_sections if not prefix else set()))

    def suggestion(self, prefix: str, name: str) -> str:
        """`` (did you mean 'table.header.fill'?)`` for a misspelled ``name`` under ``prefix``."""
        names = self.children(prefix)
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        if not close:  # a key moved to another group: the same last name anywhere
            close = sorted({p.rsplit(".", 1)[0] + "." + name for p in self.keys if p.endswith("." + name)})[:1]
            return f" (did you mean '{close[0]}'?)" if close else f" (known here: {', '.join(names)})"
        return f" (did you mean '{(prefix + '.' if prefix else '') + close[0]}'?)"
