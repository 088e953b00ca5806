"""``reportkit check-template FILE [--theme NAME]``: will this PowerPoint (or Word) template work?

A .docx/.dotx is a Word template for the Word memo: ``reportkit.docx.template.check`` reports it.

Prints, for every slide kind, the layout the theme's ``deck.layouts`` asks for, whether the template
has it (on which master) or the fallback reportkit will take, and the layout's placeholders by type;
then the slide size (a warning unless 16:9), the masters and their layouts, and the sample slides a
build drops, and each problem a build removes (external links, macros, ActiveX, OLE). Exit 2 when
the file is not a usable .pptx/.potx (damaged, a zip bomb, a DTD, escaping names) or a slide kind
has no layout at all.
"""
from __future__ import annotations

import argparse
from pathlib import Path


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="the .pptx or .potx (or a Word .docx or .dotx) to check")
    p.add_argument("--theme", default="default",
                   help="theme whose deck.layouts map is checked (name or .yaml path; default: default)")


def _open(path: Path):
    """The template's report, or an InputError saying what is wrong with the file."""
    from ..deck.template import inspect
    from ..errors import InputError, Problem
    from ..theme.assets import AssetError, check_pptx

    def fail(message: str):
        return InputError(Problem(str(path), 1, 1, message))

    if path.is_dir():
        raise fail("is a folder; expected a .pptx or .potx file")
    if not path.is_file():
        raise fail("file not found; expected a .pptx or .potx file")
    try:
        check_pptx(path.read_bytes(), path.name)
    except AssetError as e:
        raise fail(f"{e}; expected a .pptx or .potx file") from None
    return inspect


def _check_theme(name: str) -> None:
    """``--theme NAME`` that names no theme is blamed on the command line (as ``build`` does), not on
    line 1 of a file."""
    from ..errors import InputError, command_line
    from ..theme import theme_candidates, unknown_theme

    if not theme_candidates(name, (Path.cwd(),)):
        raise InputError(command_line("--theme", unknown_theme(name, (Path.cwd(),)), "reportkit check-template"))


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, Problem
    from ..theme import load_theme

    path = args.file
    _check_theme(args.theme)
    theme = load_theme(args.theme, (Path.cwd(),), where="--theme")
    if path.suffix.lower() in (".docx", ".dotx"):
        from ..docx.template import check

        print(check(path, theme))
        return 0
    inspect = _open(path)
    try:
        report = inspect(path, theme)
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - python-pptx on a package whose parts are broken
        raise InputError(Problem(str(path), 1, 1, f"PowerPoint cannot read this template ({type(e).__name__}: {e})")) from None
    print(format_report(report, theme.name))
    missing = [k for k in report.kinds if k.layout is None]
    if missing:
        raise InputError(Problem(str(path), 1, 1, "the template has no slide layouts at all; reportkit needs at "
                                                  "least one (ideally named as in deck.layouts)"))
    return 0


def format_report(r, theme_name: str) -> str:
    from ..deck.model import SLIDE_H, SLIDE_W

    lines = [f"{r.path}: {len(r.masters)} slide master(s), {r.width_pt / 72:.2f} x {r.height_pt / 72:.2f} in"
             f" ({'16:9' if r.is_16_9 else 'not 16:9'}), theme {theme_name!r}"]
    for n, layouts in enumerate(r.masters, 1):
        lines.append(f"  master {n}: " + (", ".join(repr(name) for name in layouts) or "(no layouts)"))
    lines.append("")
    groups: dict[tuple, list[str]] = {}  # kinds that get the same answer are reported once
    for k in r.kinds:
        groups.setdefault((k.key, k.wanted, k.found, k.layout, k.master, k.placeholders, k.has_title), []).append(k.kind)
    for (key, wanted, found, layout, master, placeholders, has_title), kinds in groups.items():
        asked = f"deck.layouts.{key} = {wanted!r}"
        if found:
            status = f"found on master {master}"
        elif layout:
            status = f"MISSING; falls back to {layout!r} (master {master})"
        else:
            status = "MISSING; no fallback: the template has no layouts"
        lines.append(f"{asked}: {status}")
        lines.append(f"  used for: {', '.join(kinds)}")
        if layout:
            note = "" if has_title else " (no title placeholder: the title is drawn as a text box)"
            lines.append(f"  placeholders: {', '.join(placeholders) or 'none'}{note}")
    lines.append("reportkit fills the title placeholder, removes the others, and draws its own classification "
                 "banners, footer and slide number.")
    lines.append("")
    warnings = []
    if not r.is_16_9:
        warnings.append(f"the slides are {r.width_pt:.0f} x {r.height_pt:.0f} pt, not 16:9; reportkit lays out "
                        f"{SLIDE_W:.0f} x {SLIDE_H:.0f} pt slides and resizes the deck, so the template's "
                        "layouts may look stretched")
    if r.sample_slides:
        warnings.append(f"{r.sample_slides} sample slide(s) in the template; a build leaves them out")
    fallbacks = sorted({k.wanted for k in r.kinds if not k.found and k.layout})
    if fallbacks:
        warnings.append("to use the template's own layouts, map them in the theme: deck: {layouts: {title: ..., "
                        "content: ...}} (missing: " + ", ".join(repr(f) for f in fallbacks) + ")")
    lines += [f"warning: {w}" for w in warnings]
    # What reportkit.opc takes out of the template: each is a problem in the file (a build removes it
    # and says so), reported so the template's owner can clean the original.
    lines += [f"problem: {line}; a build removes it" for line in r.removed]
    lines.append("result: " + ("usable with fallbacks" if fallbacks else "usable") if all(k.layout for k in r.kinds)
                 else "result: not usable")
    return "\n".join(lines)
