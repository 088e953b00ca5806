"""Content file -> edition: the loading steps shared by every command that renders (build, watch).

Also names the files a build reads (content, theme chain, template), so ``watch`` knows what to watch.
"""
from __future__ import annotations

from pathlib import Path

from .edition import Edition


def load_edition(path: Path, theme_name: str = "default", page_size: str | None = None, **edition_kw) -> Edition:
    """Load and validate ``path``, load its theme (the content's folder first), and make the edition.

    Raises ``reportkit.errors.InputError`` with every located problem when the content is wrong.
    """
    from .content import load
    from .edition import make_edition
    from .theme import load_theme

    briefing = load(path)
    theme = load_theme(theme_name, search=(Path(path).parent,))
    if page_size:
        edition_kw["page_size"] = page_size
    return make_edition(briefing, theme, **edition_kw)


def input_files(path: Path, theme_name: str = "default") -> set[Path]:
    """Every file a build of ``path`` reads that a user may edit: the content file, each theme file in
    its ``extends`` chain, and the deck template when it is a file beside the theme or the content.

    Never raises for a broken theme: a file that cannot be read yet is simply not listed.
    """
    import yaml

    from .theme import find_theme_file

    path = Path(path).resolve()
    search = (path.parent,)
    files = {path}
    name: str | None = theme_name
    seen: set[str] = set()
    template = None
    while name and name not in seen:
        seen.add(name)
        try:
            theme_file = find_theme_file(name, search)
            values = yaml.safe_load(theme_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            break
        if not isinstance(values, dict):
            break
        files.add(theme_file.resolve())
        deck = values.get("deck")
        if template is None and isinstance(deck, dict) and isinstance(deck.get("template"), str):
            template = (deck["template"], theme_file.parent)
        name = values.get("extends") if isinstance(values.get("extends"), str) else None
    if template:
        name, theme_folder = template
        for folder in (theme_folder, path.parent):
            candidate = folder / name
            if candidate.is_file():
                files.add(candidate.resolve())
                break
    return files
