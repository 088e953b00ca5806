"""Content file -> edition, for every command that renders (build, watch), and the files a build reads.

``load_edition`` runs exactly the loading steps of ``reportkit build`` (content, audience selection,
theme); ``input_files`` names what ``watch`` must watch.
"""
from __future__ import annotations

from pathlib import Path

from .edition import Edition

PACKAGE_DIR = Path(__file__).parent


def load_edition(path: Path, audience: str | None = None, theme_name: str | None = None,
                 page_size: str | None = None, since: str | None = None) -> Edition:
    """The edition ``reportkit build`` would render for these flags.

    Raises ``reportkit.errors.InputError`` with every located problem when the content or theme is wrong.
    """
    # One loading path for build and watch: the build command's own function.
    from .commands.build import audience_edition

    return audience_edition(Path(path), audience, theme_name, page_size, since)[0]


def input_files(content: Path, edition: Edition | None = None) -> set[Path]:
    """The files a build of ``content`` reads that a user may edit: the content file, the theme's
    ``extends`` chain, and the project's own logo, deck template and fonts (not reportkit's built-ins).

    Without an edition (the content does not load yet) only the content file is known.
    """
    files = {Path(content).resolve()}
    if edition is None:
        return files
    theme = edition.theme
    files.update(Path(f).resolve() for f in theme.files)
    assets = [theme.asset("logo"), theme.asset("deck.template"), *theme.fonts.values()]
    files.update(p.resolve() for p in assets if p is not None and not _bundled(p))
    return files


def _bundled(path: Path) -> bool:
    """Shipped with reportkit or matplotlib (fonts, base template): never edited by a user."""
    from .theme import matplotlib_font_dir

    roots = [PACKAGE_DIR, matplotlib_font_dir()]
    return any(root is not None and path.resolve().is_relative_to(root.resolve()) for root in roots)
