"""Themes: semantic style names (``stance.oppose``, ``table.header.fill``) that inherit.

A theme is a YAML mapping; ``extends: NAME`` merges it over its parent key by key, so a child
overrides only what it names (Rich's theme model). Found on a search path: the given folders first
(the user's project), then reportkit's built-ins (MkDocs' theme search path).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUILTIN_DIR = Path(__file__).parent / "builtin"
FONT_DIR = Path(__file__).parent.parent / "fonts"


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


@dataclass(frozen=True)
class Theme:
    name: str
    values: dict
    folder: Path | None = None  # where the theme file lives, for relative paths

    def get(self, key: str, default: Any = None) -> Any:
        node: Any = self.values
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def color(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise KeyError(f"theme {self.name!r} has no colour {key!r}")
        return value

    def font_file(self, role: str, style: str = "regular") -> Path:
        name = self.get(f"font.{role}.{style}") or self.get(f"font.{role}.regular")
        for folder in (self.folder, FONT_DIR):
            if folder is not None and (folder / name).is_file():
                return folder / name
        raise FileNotFoundError(f"theme {self.name!r}: font file {name!r} not found")


def find_theme_file(name: str, search: tuple[Path, ...] = ()) -> Path:
    for folder in (*search, BUILTIN_DIR):
        for candidate in (folder / f"{name}.yaml", folder / "themes" / f"{name}.yaml"):
            if candidate.is_file():
                return candidate
    raise FileNotFoundError(f"no theme named {name!r}")


def load_theme(name: str = "default", search: tuple[Path, ...] = ()) -> Theme:
    import yaml

    path = find_theme_file(name, search)
    values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    parent = values.pop("extends", None)
    if parent:
        base = load_theme(parent, search)
        values = _merge(base.values, values)
    return Theme(name=values.get("name", name), values=values, folder=path.parent)
