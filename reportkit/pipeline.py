"""Content file -> edition, for every command that renders (build, watch), and the files a build reads.

``edition_for`` runs the loading steps of every build (content, audience selection, theme, what
changed); ``input_files`` names what ``watch`` must watch.
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
    return edition_for(Path(path), audience, theme_name, page_size, since)[0]


def edition_for(content: Path, audience: str | None, theme_name: str | None = None,
                     page_size: str | None = None, since: str | None = None):
    """The edition one audience receives, and what was withheld from it (None for the full briefing)."""
    from .audience import get_profile, select
    from .content import load
    from .edition import make_edition
    from .theme import load_theme

    briefing = load(content)
    search = (content.parent,)
    kw = {"page_size": page_size} if page_size else {}
    if since is not None:  # what changed, as this audience may see it (diff.versions.changes_since)
        from .diff.versions import changes_since
        profile = get_profile(audience, briefing, where=str(content)) if audience else None
        new = select(briefing, profile)[0] if profile else briefing
        kw["changes"] = changes_since(since, content, new, profile)
    if audience is None:
        return make_edition(briefing, load_theme(theme_name or "default", search, where=str(content)), **kw), None
    profile = get_profile(audience, briefing, where=str(content))
    selected, withheld = select(briefing, profile)
    theme = load_theme(theme_name or _profile_theme(content, profile), search, where=str(content))
    edition = make_edition(selected, theme, audience=profile.name, detail=profile.detail,
                           speaker_notes=profile.notes, disclaimer=profile.disclaimer, **kw)
    return edition, withheld


def _profile_theme(content: Path, profile) -> str:
    """The theme an audience in the content file names: a name, or a .yaml file inside the project
    (the content file's folder). Content may not make reportkit read files elsewhere."""
    from .errors import InputError, Problem
    from .theme import is_theme_path

    name = profile.theme
    if not is_theme_path(name):
        return name
    project = content.parent.resolve()
    path = (project / name).resolve()  # an absolute name stays absolute; symlinks are followed
    if path.is_relative_to(project):
        return str(path)
    from .content import load_yaml

    line, col = load_yaml(content, str(content), strict=False).where(("audiences", profile.name, "theme"))
    raise InputError(Problem(str(content), line, col, f"audience {profile.name!r}: theme {name!r} is outside the "
                                                      "project; a theme file must be in the content file's folder"))


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
