"""Content file -> edition, for every command that renders (build, watch), and the files a build reads.

``load_edition`` runs exactly the loading steps of ``reportkit build`` (content, audience selection,
theme); ``input_files`` names what ``watch`` must watch.
"""
from __future__ import annotations

from pathlib import Path

from .edition import Edition

DECK_TEMPLATES = Path(__file__).parent / "deck" / "templates"


def load_edition(path: Path, audience: str | None = None, theme_name: str | None = None,
                 page_size: str | None = None) -> Edition:
    """The edition ``reportkit build`` would render for these flags.

    Raises ``reportkit.errors.InputError`` with every located problem when the content or theme is wrong.
    """
    # One loading path for build and watch: the build command's own function.
    from .commands.build import audience_edition

    return audience_edition(Path(path), audience, theme_name, page_size)[0]


def input_files(content: Path, edition: Edition | None = None) -> set[Path]:
    """The files a build of ``content`` reads that a user may edit: the content file, the theme's
    ``extends`` chain and the deck template when it is a file of the project (not a built-in).

    Without an edition (the content does not load yet) only the content file is known.
    """
    files = {Path(content).resolve()}
    if edition is None:
        return files
    theme = edition.theme
    files.update(Path(f).resolve() for f in theme.files)
    template = theme.get("deck.template")
    if isinstance(template, str):
        for folder in (theme.folder, Path(content).parent):
            candidate = Path(folder or ".") / template
            if candidate.is_file() and not candidate.resolve().is_relative_to(DECK_TEMPLATES.resolve()):
                files.add(candidate.resolve())
                break
    return files
