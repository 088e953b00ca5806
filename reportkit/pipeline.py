"""The one visible pipeline every rendering command runs (build, watch, validate):

    content file --read_source--> Source --prepare--> Prepared (audience, theme, what changed, edition)

``read_source`` reads and parses the content file once; ``prepare`` makes the edition one audience
receives from it; ``prepare_all`` makes every audience's edition from the same ``Source``, loading
each theme and the ``--since`` version once. Renderers receive ``Prepared.for_format(name)``: the
edition with the theme's view for that renderer's section (``theme.views``). ``input_files`` names
what ``watch`` must watch.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .edition import Edition

PACKAGE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Source:
    """A content file, read and checked once: its path, its located YAML and its briefing."""

    path: Path
    document: object  # content.safe_yaml.Document: locates any key of the file (audiences.NAME.theme)
    briefing: object  # model.Briefing

    def where(self, *key) -> tuple[int, int]:
        return self.document.where(tuple(key))


@dataclass(frozen=True)
class Prepared:
    """One audience's edition (the full edition when ``audience`` is None) and what it withheld."""

    edition: Edition
    withheld: object | None = None  # audience.Withheld; None for the full edition
    note: str | None = None  # the full edition's line in the build output (audience.marking.describe)

    @property
    def audience(self) -> str | None:
        return self.edition.audience

    def for_format(self, name: str) -> Edition:
        """The edition a renderer receives: the theme seen through its section (``theme.views``)."""
        from .registry import REGISTRY
        from .theme.views import with_colors

        view = with_colors(self.edition.theme, REGISTRY[name].colors_for(self.edition.theme) if name in REGISTRY else {})
        return self.edition if view is self.edition.theme else replace(self.edition, theme=view)


def read_source(path: Path | str) -> Source:
    """Read and check the content file: one read, one parse. Raises ``InputError`` with every
    located problem."""
    from .content import load_yaml
    from .content import document_briefing

    path = Path(path)
    document = load_yaml(path, str(path), strict=False)
    return Source(path, document, document_briefing(document))


def prepare(source: Source, audience: str | None = None, theme_name: str | None = None,
            page_size: str | None = None, since: str | None = None, _cache: dict | None = None) -> Prepared:
    """The edition one audience receives (``audience=None``: the full briefing, as written).

    ``_cache`` (from ``prepare_all``) shares loaded themes and the ``--since`` version between audiences.
    """
    from .audience import get_profile, select
    from .edition import make_edition

    cache = {} if _cache is None else _cache
    briefing = source.briefing
    if theme_name is not None:
        _check_theme_flag(theme_name, (source.path.parent,))
    kw = {"page_size": page_size} if page_size else {}
    profile = get_profile(audience, briefing, where=str(source.path)) if audience else None
    selected, withheld = select(briefing, profile) if profile else (briefing, None)
    if since is not None:  # what changed, as this audience may see it
        kw["changes"], kw["previous"] = _changes_since(source, since, selected, profile, cache)
    if profile is None:  # the full edition, marked so it never passes for an audience's (audience.marking)
        from .audience.marking import describe, full_edition

        if kw.get("previous") is not None:  # its older side too: the Word redline compares the two as printed
            kw["previous"] = full_edition(kw["previous"])
        theme = _theme(source, theme_name or "default", None, cache)
        return Prepared(make_edition(full_edition(briefing), theme, **kw), note=describe(briefing))
    theme = _theme(source, theme_name or profile.theme, None if theme_name else profile, cache)
    edition = make_edition(selected, theme, audience=profile.name, detail=profile.detail,
                           speaker_notes=profile.notes, disclaimer=profile.disclaimer, **kw)
    return Prepared(edition, withheld)


def prepare_all(source: Source, theme_name: str | None = None, page_size: str | None = None,
                since: str | None = None) -> list[Prepared]:
    """Every audience profile's edition, from one read of the content file. Problems with any
    audience (a theme that does not exist, a broken theme file) are reported together."""
    from .audience import profiles
    from .errors import InputError

    cache: dict = {}
    prepared, problems = [], []
    for name in profiles(source.briefing, where=str(source.path)):
        try:
            prepared.append(prepare(source, name, theme_name, page_size, since, cache))
        except InputError as e:
            problems += [p for p in e.problems if p not in problems]
    if problems:
        raise InputError(problems)
    return prepared


def audience_theme_problems(source: Source) -> list:
    """``validate``: the problems with the themes the content file's audiences name (an unknown
    name, a theme file with a mistake), located at the audience's ``theme:`` line."""
    from .audience import profiles
    from .errors import InputError

    cache: dict = {}
    problems = []
    for name, profile in profiles(source.briefing, where=str(source.path)).items():
        if profile.builtin and name not in (source.briefing.audiences or {}):
            continue
        try:
            _theme(source, profile.theme, profile, cache)
        except InputError as e:
            problems += [p for p in e.problems if p not in problems]
    return problems


def _theme(source: Source, name: str, profile, cache: dict):
    """Theme ``name``, loaded once per command. Named by an audience in the content file
    (``profile``), a problem with the name itself is located at that audience's ``theme:`` value."""
    from .errors import InputError
    from .theme import load_theme

    if profile is not None:
        line, col = source.where("audiences", profile.name, "theme") if _names_theme(source, profile) else (1, 1)
        name = _profile_theme(source, profile, line, col)
    else:
        line, col = 1, 1
    key = ("theme", name, line, col)
    if key not in cache:
        try:
            cache[key] = load_theme(name, (source.path.parent,), where=str(source.path), line=line, col=col)
        except InputError as e:
            cache[key] = e
    found = cache[key]
    if isinstance(found, InputError):
        raise InputError(found.problems)
    return found


def _check_theme_flag(name: str, search: tuple[Path, ...]) -> None:
    """``--theme NAME`` that names no theme is the command line's mistake, not line 1 of the content file."""
    from .errors import InputError, command_line
    from .theme import theme_candidates, unknown_theme

    if not theme_candidates(name, search):
        raise InputError(command_line("--theme", unknown_theme(name, search)))


def _names_theme(source: Source, profile) -> bool:
    spec = (source.briefing.audiences or {}).get(profile.name)
    return spec is not None and "theme" in spec


def _profile_theme(source: Source, profile, line: int, col: int) -> str:
    """The theme an audience in the content file names: a name, or a .yaml file inside the project
    (the content file's folder). Content may not make reportkit read files elsewhere."""
    from .errors import InputError, Problem
    from .theme import is_theme_path

    name = profile.theme
    if not is_theme_path(name):
        return name
    project = source.path.parent.resolve()
    path = (project / name).resolve()  # an absolute name stays absolute; symlinks are followed
    if path.is_relative_to(project):
        return str(path)
    raise InputError(Problem(str(source.path), line, col, f"audience {profile.name!r}: theme {name!r} is outside "
                                                          "the project; a theme file must be in the content file's folder"))


def _changes_since(source: Source, since: str, new, profile, cache: dict):
    """What changed since version ``since`` (read once per command), as ``profile`` may see it, and that
    old version: it goes through the same selection, so a withheld item is in neither."""
    from .diff.compare import diff
    from .diff.versions import load_version

    if ("since", since) not in cache:
        cache[("since", since)] = load_version(since, default_path=source.path, command="reportkit build --since")[1]
    old = cache[("since", since)]
    if profile is not None:
        from .audience import select

        old = select(old, profile)[0]
    return diff(old, new), old


# --- for callers that want only the edition (benchmarks, tests) ---------------------------------

def load_edition(path: Path, audience: str | None = None, theme_name: str | None = None,
                 page_size: str | None = None, since: str | None = None) -> Edition:
    """The edition ``reportkit build`` would render for these flags.

    Raises ``reportkit.errors.InputError`` with every located problem when the content or theme is wrong.
    """
    return prepare(read_source(path), audience, theme_name, page_size, since).edition


def input_files(content: Path, edition: Edition | None = None) -> set[Path]:
    """The files a build of ``content`` reads that a user may edit: the content file, the theme's
    ``extends`` chain, the project's own logo, deck template and fonts (not reportkit's built-ins), and
    the figures' image files.

    Without an edition (the content does not load yet) only the content file is known.
    """
    files = {Path(content).resolve()}
    if edition is None:
        return files
    theme = edition.theme
    files.update(Path(f).resolve() for f in theme.files)
    assets = [theme.asset("logo"), theme.asset("deck.template"), theme.asset("docx.template"), *theme.fonts.values()]
    files.update(p.resolve() for p in assets if p is not None and not _bundled(p))
    files.update(Path(f.image.path) for f in edition.briefing.figures if f.image is not None and f.image.path)
    return files


def _bundled(path: Path) -> bool:
    """Shipped with reportkit or matplotlib (fonts, base template): never edited by a user."""
    from .theme import matplotlib_font_dir

    roots = [PACKAGE_DIR, matplotlib_font_dir()]
    return any(root is not None and path.resolve().is_relative_to(root.resolve()) for root in roots)
