"""Themes: semantic style names (``stance.oppose``, ``table.header.fill``) that inherit.

A theme is a YAML mapping; ``extends: NAME`` merges it over its parent key by key, so a child
overrides only what it names (Rich's theme model). Found on a search path: the given folders first
(the user's project: the content file's folder and its ``themes/`` subfolder), then reportkit's
built-ins (MkDocs' theme search path). ``load_theme`` accepts a name or a path to a ``.yaml`` file.

Every problem with a theme (unknown name, a colour that is not ``#RRGGBB``, a font, logo or deck
template that is missing, of the wrong kind, damaged or outside the project: see ``assets``) is an
``InputError`` located at FILE:LINE:COL of the key.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError, Problem
from .. import file_stamps
from . import assets, keys

BUILTIN_DIR = Path(__file__).parent / "builtin"
FONT_DIR = Path(__file__).parent.parent / "fonts"
TEMPLATE_DIR = Path(__file__).parent.parent / "deck" / "templates"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_FAMILY = re.compile(r"^[A-Za-z0-9 \-]{1,60}$")  # the web edition's CSS font names (html/style.py)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


@functools.lru_cache(maxsize=None)
def matplotlib_font_dir() -> Path | None:
    """matplotlib's bundled TTF folder (DejaVu), found without importing matplotlib (slow); looked up
    once per process (eight times per theme load otherwise, a third of its time)."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"
    return folder if folder.is_dir() else None


def font_dirs() -> tuple[Path, ...]:
    """Where a bare font file name is looked up after the theme's own folder."""
    mpl = matplotlib_font_dir()
    return (FONT_DIR,) + ((mpl,) if mpl else ())


@dataclass(frozen=True)
class Theme:
    name: str
    values: dict
    folder: Path | None = None  # where the (child-most) theme file lives
    files: tuple[Path, ...] = ()  # the extends chain, child first: what ``watch`` should watch
    fonts: dict = field(default_factory=dict, compare=False)  # "role.style" -> resolved font file
    # "logo" / "deck.template" -> (the name as written, resolved path, check result: a logo's pixel size)
    assets: dict = field(default_factory=dict, compare=False)

    def get(self, key: str, default: Any = None) -> Any:
        node: Any = self.values
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def asset(self, key: str) -> Path | None:
        """The checked file behind ``logo`` or ``deck.template``, if it is still the one named."""
        entry = self.assets.get(key)
        return entry[1] if entry and self.get(key) == entry[0] else None

    def logo_size(self) -> tuple[int, int] | None:
        """The logo's size in pixels (None without a logo), for drawing it at its own aspect ratio."""
        return self.assets["logo"][2] if self.asset("logo") else None

    def color(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise KeyError(f"theme {self.name!r} has no colour {key!r}")
        return value

    def font_file(self, role: str, style: str = "regular") -> Path:
        """The TTF file for ``font.ROLE.STYLE`` (falling back to the role's regular), already
        checked to exist when the theme was loaded."""
        for key in (f"{role}.{style}", f"{role}.regular"):
            if key in self.fonts:
                return self.fonts[key]
        raise KeyError(f"theme {self.name!r} has no font {role!r}")


# --- finding -------------------------------------------------------------------------------------

def is_theme_path(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name


def theme_candidates(name: str, search: tuple[Path, ...] = ()) -> list[Path]:
    """Every file that could be theme ``name``, in search-path order (project first, built-ins last)."""
    if is_theme_path(name):
        p = Path(name)
        return [p] if p.is_file() else []
    out = []
    for folder in (*search, BUILTIN_DIR):
        for candidate in (folder / f"{name}.yaml", folder / "themes" / f"{name}.yaml"):
            if candidate.is_file():
                out.append(candidate)
    return out


def builtin_themes() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))


def project_themes(search: tuple[Path, ...] = ()) -> list[str]:
    """Names of the themes on the project's search path (beside the content file or in themes/)."""
    from ..project import is_content_file

    names = []
    for folder in search:
        for where in (Path(folder), Path(folder) / "themes"):
            if where.is_dir():
                names += sorted(p.stem for p in where.glob("*.yaml")
                                if p.name != "reportkit-batch.yaml" and not is_content_file(p))  # not themes
    return list(dict.fromkeys(names))


def unknown_theme(name: str, search: tuple[Path, ...] = ()) -> str:
    """The message for a theme name that names no theme, with the closest known name."""
    from ..errors import did_you_mean

    known = list(dict.fromkeys([*project_themes(search), *builtin_themes()]))
    return (f"unknown theme {name!r}{did_you_mean(name, known)} (known: {', '.join(known)}; "
            "a project theme is NAME.yaml beside the content file or in its themes/ folder)")


# --- reading with positions ----------------------------------------------------------------------

def _read(path: Path) -> tuple[dict, Callable[[tuple], tuple[int, int]]]:
    """The file's mapping, and where (1-based line, col) any key path in it is.

    Read with the content loader's guarded reader: duplicate keys, alias bombs and bad encodings are
    refused with a location, as they are for content files.
    """
    from ..content.safe_yaml import load_yaml

    doc = load_yaml(path, str(path))
    if doc.data is None:
        return {}, doc.where
    if not isinstance(doc.data, dict):
        raise InputError(Problem(str(path), 1, 1, "a theme must be a mapping of keys to values"))
    return doc.data, doc.where


def _get(d: dict, key: str):
    for part in key.split("."):
        d = d.get(part) if isinstance(d, dict) else None
    return d


def _leaves(d: dict, prefix: tuple = ()):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from _leaves(v, prefix + (k,))
        else:
            yield prefix + (k,), v


# --- checking one file ---------------------------------------------------------------------------

def _check_file(path: Path, values: dict, where: Callable, root: Path | None, fonts: dict,
                found: dict, decl: "keys.Declaration") -> list[Problem]:
    """Check the keys this file sets against the declaration (``theme.keys``): unknown keys with a
    did-you-mean, wrong types; resolve the font files it names into ``fonts`` and the logo and deck
    template into ``found``. Every problem is returned, none raised."""
    problems = []

    def at(key: tuple, message: str, on_key: bool = False) -> None:
        line, col = where(key, on_key) if on_key else where(key)
        problems.append(Problem(str(path), line, col, message))

    def walk(node: dict, prefix: tuple) -> None:
        for name, value in node.items():
            key = (*prefix, name)
            dotted = ".".join(str(k) for k in key)
            if not prefix and name in decl.open_sections:
                continue  # a renderer whose section declares no keys yet: taken as written
            if dotted in decl.keys:
                _check_value(decl.keys[dotted], key, value, path, root, fonts, found, at)
            elif dotted in decl.groups:
                if not isinstance(value, dict):
                    at(key, f"{dotted} must be a mapping ({', '.join(decl.children(dotted))})")
                else:
                    walk(value, key)
            else:
                at(key, f"unknown theme key '{dotted}'{decl.suggestion('.'.join(map(str, prefix)), str(name))}",
                   on_key=True)

    walk(values, ())
    return problems


def _check_value(key: "keys.Key", at_key: tuple, value, path: Path, root: Path | None, fonts: dict, found: dict,
                 at) -> None:
    label = key.path
    if key.kind == "colour":
        if not (isinstance(value, str) and _HEX.match(value)):
            at(at_key, f"{label} is not a colour: {value!r} (write #RRGGBB)")
    elif key.kind == "choice":
        if value not in key.choices:
            at(at_key, f"{label} must be one of {', '.join(key.choices)}, got {value!r}")
    elif key.kind == "text":
        if not isinstance(value, str) or not value.strip():
            at(at_key, f"{label} must be text, got {value!r}")
    elif key.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            at(at_key, f"{label} must be a number (0 or more), got {value!r}")
    elif key.kind == "font":
        if not isinstance(value, str) or not value.lower().endswith(".ttf"):
            at(at_key, f"{label} must name a .ttf file, got {value!r}")
            return
        try:
            resolved = assets.resolve(value, path.parent, root, font_dirs(), "font")
            assets.check_font(resolved)
        except assets.AssetError as e:
            at(at_key, f"{label}: {_expecting(e, 'a TrueType (.ttf) font file')}")
        else:
            _, role, style = key.path.split(".")
            fonts[f"{role}.{style}"] = resolved
    elif key.kind == "image":
        if value is not None:
            _check_asset(at_key, value, "a PNG or JPEG file", assets.check_logo, path, root, found, at)
    elif key.kind == "template":
        if value is not None:
            _check_asset(at_key, value, "a .pptx or .potx file", assets.check_template, path, root, found, at,
                         (TEMPLATE_DIR,))
    elif key.kind == "font_families":  # written into CSS: only names that cannot end the declaration
        if (not isinstance(value, list) or not value
                or not all(isinstance(n, str) and _FAMILY.match(n) for n in value)):
            at(at_key, f"{label} must be a list of font family names (letters, digits, spaces, hyphens), "
                       f"e.g. [Carlito, Calibri, sans-serif], got {value!r}")
    elif key.kind == "word_template":
        if value is not None:
            _check_asset(at_key, value, "a .docx or .dotx file", assets.check_word_template, path, root, found, at)


def _expecting(e: Exception, expected: str) -> str:
    """The problem and what the key wants; a path outside the project already says where it must be."""
    return str(e) if "outside the project" in str(e) else f"{e}; expected {expected}"


def _check_asset(key: tuple, name, expected: str, check, path: Path, root: Path | None, found: dict, at,
                 fallbacks: tuple[Path, ...] = ()) -> None:
    """Resolve and check one file the theme names; record it in ``found`` as (name, path, info)."""
    label = ".".join(key)
    if not isinstance(name, str) or not name.strip():
        at(key, f"{label} must be a file name ({expected}), got {name!r}")
        return
    try:
        what = {("deck", "template"): "deck template", ("docx", "template"): "Word template"}.get(key, key[-1])
        resolved = assets.resolve(name, path.parent, root, fallbacks, what)
        info = check(resolved)
    except assets.AssetError as e:
        at(key, f"{label}: {_expecting(e, expected)}")
        return
    found[label] = (name, resolved, info)


# --- loading -------------------------------------------------------------------------------------

def _project_root(path: Path, search: tuple[Path, ...]) -> Path | None:
    """The project a theme file belongs to (fonts and logos may not leave it); None for built-ins."""
    if assets.inside(path, BUILTIN_DIR):
        return None
    for folder in search:
        if assets.inside(path, folder):
            return folder
    return path.parent.parent if path.parent.name == "themes" else path.parent


def load_theme(name: str = "default", search: tuple[Path, ...] = (), where: str = "theme", line: int = 1,
               col: int = 1) -> Theme:
    """Load theme ``name`` (or a path to a .yaml) with its ``extends`` chain. An unknown ``name`` is
    reported at ``where:line:col`` (the flag, or the audience's ``theme:`` in the content file).

    A theme may extend a theme of its own name (a project ``default.yaml`` that ``extends: default``):
    the parent is then the next file of that name on the search path.

    After ``keep_loaded_themes()`` (a batch worker) a theme loaded before is returned again while
    nothing it was made from has changed (``_LoadedTheme``, ``file_stamps``).
    """
    search = tuple(Path(s) for s in search)
    key = (name, search, where, line, col)
    kept = _KEPT.get(key) if _KEPT is not None else None
    if kept is not None and kept.stamp == kept.stamp_now():
        return kept.theme
    theme, names = _load_theme(name, search, where, line, col)
    if _KEPT is not None:
        kept = _LoadedTheme(theme, names, search)
        kept.stamp = kept.stamp_now()
        if kept.settled():
            _KEPT[key] = kept
    return theme


# Loaded themes by load_theme's arguments, once keep_loaded_themes() was called; None: each call loads.
_KEPT: dict | None = None


def keep_loaded_themes() -> None:
    """A batch worker renders many briefings in few themes; reading, merging and checking a theme
    (its YAML chain, the deck template's package, every font file) costs about 9 ms each time."""
    global _KEPT
    if _KEPT is None:
        _KEPT = {}


class _LoadedTheme:
    """A loaded theme and what decides whether it is still the one a new load would give: which file
    each name of its ``extends`` chain resolves to on the search path (a project file may now shadow a
    built-in), and the size, times and inode of every file it read (chain, logo, templates, fonts)."""

    def __init__(self, theme: Theme, names: tuple[str, ...], search: tuple[Path, ...]):
        self.theme, self.names, self.search = theme, names, search
        self.files = (*theme.files, *(entry[1] for entry in theme.assets.values()), *theme.fonts.values())
        self.stamp: tuple = ()

    def stamp_now(self) -> tuple:
        return (tuple(tuple(theme_candidates(n, self.search)) for n in self.names),
                tuple(file_stamps.stamp(f) for f in self.files))

    def settled(self) -> bool:
        return file_stamps.settled(self.stamp[1])


def _load_theme(name: str, search: tuple[Path, ...], where: str, line: int, col: int) -> tuple[Theme, tuple[str, ...]]:
    """The theme, and the names its ``extends`` chain was resolved from (``_LoadedTheme``)."""
    chain: list[tuple[Path, dict, dict]] = []
    chain_problems: list[Problem] = []
    requested, parent_name = name, name
    names = []
    while parent_name:
        names.append(parent_name)
        candidates = [c for c in theme_candidates(parent_name, search)
                      if c.resolve() not in {p.resolve() for p, _, _ in chain}]
        if not candidates:
            if chain:  # reported with every other problem of the chain read so far
                path, _, at = chain[-1]
                line, col = at(("extends",))
                if any(p.stem == parent_name for p, _, _ in chain) and theme_candidates(parent_name, search):
                    msg = f"themes extend each other in a loop ({' -> '.join(p.name for p, _, _ in chain)})"
                else:
                    msg = f"extends unknown theme {parent_name!r} (built-in: {', '.join(builtin_themes())})"
                chain_problems.append(Problem(str(path), line, col, msg))
                break
            raise InputError(Problem(where, line, col, unknown_theme(requested, search)))
        path = candidates[0]
        values, at = _read(path)
        chain.append((path, values, at))
        parent = values.get("extends")
        if parent is not None and not isinstance(parent, str):
            line, col = at(("extends",))
            chain_problems.append(Problem(str(path), line, col, "extends must be a theme name"))
            break
        parent_name = parent

    # Every chain ends at the built-in default, so a theme that names no parent still has every key
    # the renderers read (Rich's themes inherit the default styles the same way).
    builtin_default = BUILTIN_DIR / "default.yaml"
    if chain[-1][0].resolve() != builtin_default.resolve():
        chain.append((builtin_default, *_read(builtin_default)))

    problems: list[Problem] = list(chain_problems)
    fonts: dict[str, Path] = {}
    found: dict[str, tuple] = {}
    merged: dict = {}
    decl = keys.Declaration()
    for path, values, at in reversed(chain):  # root ancestor first; each child overrides
        problems += _check_file(path, values, at, _project_root(path, search), fonts, found, decl)
        merged = _merge(merged, {k: v for k, v in values.items() if k != "extends"})
    if problems:
        raise InputError(problems)
    # a child that sets ``logo: null`` (or another template) drops what its parent named
    found = {k: v for k, v in found.items() if _get(merged, k) == v[0]}
    child, child_values, _ = chain[0]
    merged["name"] = child_values.get("name", child.stem)  # a child is never mistaken for its parent
    theme = Theme(name=merged["name"], values=merged, folder=child.parent,
                  files=tuple(p for p, _, _ in chain), fonts=fonts, assets=found)
    return theme, tuple(names)
