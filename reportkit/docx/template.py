"""The organisation's Word template: open it, map reportkit's style roles to its style names, and say
what had to fall back (``reportkit check-template`` prints the same report).

A template is a .dotx or a .docx. reportkit keeps its styles, page setup, headers and footers; it
drops the body (a template's sample text) and writes the memo there.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .plan import OWN_STYLES, STYLE_ROLES


@dataclass(frozen=True)
class StyleChoice:
    role: str
    wanted: str  # the first name asked for
    found: str | None  # the style used (None: none of the names exist: reportkit's fallback formatting)

    @property
    def fell_back(self) -> bool:
        return self.found != self.wanted


@dataclass(frozen=True)
class TemplateReport:
    path: str
    choices: tuple[StyleChoice, ...]
    own_styles_added: tuple[str, ...]  # reportkit's own styles the template lacks (added, not a problem)
    page: str  # "8.50 x 11.00 in, margins ..."
    headers: int  # header/footer parts the template brings

    def warnings(self) -> list[str]:
        out = []
        for c in self.choices:
            if c.fell_back:
                instead = f"using {c.found!r}" if c.found else "using direct formatting"
                out.append(f"Word template {Path(self.path).name}: no style {c.wanted!r} for {c.role}; {instead}")
        return out


def style_names(doc) -> set[str]:
    from docx.enum.style import WD_STYLE_TYPE

    return {s.name for s in doc.styles if s.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE)}


def choose(names: set[str], roles: dict) -> tuple[StyleChoice, ...]:
    return tuple(StyleChoice(role, options[0], next((n for n in options if n in names), None))
                 for role, options in roles.items())


def inspect(path: Path, roles: dict | None = None) -> TemplateReport:
    """What reportkit will use from this template (raises on a file python-docx cannot read)."""
    from ..workarounds.docx import open_document

    doc = open_document(Path(path).read_bytes())
    names = style_names(doc)
    s = doc.sections[0]
    mm = lambda v: f"{(v or 0) / 36000:.0f}"  # noqa: E731 - EMU to mm
    page = (f"{(s.page_width or 0) / 914400:.2f} x {(s.page_height or 0) / 914400:.2f} in, margins "
            f"{mm(s.top_margin)}/{mm(s.right_margin)}/{mm(s.bottom_margin)}/{mm(s.left_margin)} mm")
    headers = sum(1 for rel in doc.part.rels.values() if rel.reltype.endswith(("/header", "/footer")))
    return TemplateReport(str(path), choose(names, roles or STYLE_ROLES),
                          tuple(n for n in OWN_STYLES if n not in names), page, headers)


def format_report(r: TemplateReport) -> str:
    lines = [f"{r.path}: Word template, page {r.page}, {r.headers} header/footer part(s)", ""]
    for c in r.choices:
        if not c.fell_back:
            status = "found"
        elif c.found:
            status = f"MISSING; falls back to {c.found!r}"
        else:
            status = "MISSING; reportkit formats these paragraphs directly"
        lines.append(f"{c.role}: {c.wanted!r}: {status}")
    if r.own_styles_added:
        lines.append("")
        lines.append("reportkit adds its own styles: " + ", ".join(repr(n) for n in r.own_styles_added))
    return "\n".join(lines)


def check(path: Path, theme) -> str:
    """``reportkit check-template`` for a Word template: the report, or an InputError located at the file."""
    from ..errors import InputError, Problem
    from ..theme.assets import AssetError, check_word
    from .plan import styles

    def fail(message: str):
        return InputError(Problem(str(path), 1, 1, message))

    if path.is_dir():
        raise fail("is a folder; expected a .docx or .dotx file")
    if not path.is_file():
        raise fail("file not found; expected a .docx or .dotx file")
    try:
        clean = check_word(path.read_bytes(), path.name)
    except AssetError as e:
        raise fail(f"{e}; expected a .docx or .dotx file") from None
    try:
        report = inspect(path, styles(theme))
    except Exception as e:  # noqa: BLE001 - python-docx on a package whose parts are broken
        raise fail(f"Word cannot read this template ({type(e).__name__}: {e})") from None
    text = format_report(report)
    if clean.removed:
        text += "\n" + "\n".join(f"problem: a build removes {line}" for line in clean.removed)
    warnings = report.warnings()
    text += "\n" + "\n".join(f"warning: {w}" for w in warnings) if warnings else ""
    return text + "\nresult: " + ("usable with fallbacks" if warnings else "usable")
