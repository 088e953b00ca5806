"""Files a theme names (fonts, logo, deck template): found, and checked before anything reads them.

A path is refused, with what was expected, when it is absolute, leaves the project folder (``..``
or a symlink pointing out: checked on the resolved path), is missing, is a folder, or is not the
right kind of file by its first bytes (a renamed file is caught before a library chokes on it).
Built-in themes may name files in reportkit's own package data (and matplotlib's DejaVu fonts).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # reportkit/: its fonts and deck templates

_TTF_MAGIC = (b"\x00\x01\x00\x00", b"true")
_CFF_MAGIC = b"OTTO"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_ZIP_MAGIC = b"PK\x03\x04"
LOGO_MAX_PIXELS = 25_000_000  # a logo bigger than this is a mistake (or a decompression bomb)


class AssetError(ValueError):
    """What is wrong with one named file; the theme loader adds the file and line."""


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (symlinks followed) lies under ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def resolve(name: str, folder: Path, root: Path | None, fallbacks: tuple[Path, ...] = (), what: str = "asset") -> Path:
    """The file ``name`` names: relative to ``folder`` (the theme file's), else a bare file name in
    ``fallbacks`` (package data). It must stay inside ``root`` (the project) or the package data.
    A name the operating system cannot look up (``~nosuchuser``, a symlink loop, a part over 255
    characters) is an ``AssetError`` too, never an internal error."""
    try:
        return _resolve(name, folder, root, fallbacks, what)
    except RuntimeError as e:  # pathlib: "Could not determine home directory", "Symlink loop from ..."
        raise AssetError(f"{what} path {name!r} cannot be looked up ({e})") from None
    except OSError as e:  # ENAMETOOLONG, ELOOP, EACCES ...
        raise AssetError(f"{what} path {name!r} cannot be looked up ({e.strerror or e})") from None


def _resolve(name: str, folder: Path, root: Path | None, fallbacks: tuple[Path, ...], what: str) -> Path:
    p = Path(name).expanduser() if name.startswith("~") else Path(name)
    candidate = folder / p
    allowed = tuple(r for r in (root, *fallbacks, PACKAGE_DIR) if r is not None)
    if root is not None and not any(inside(candidate, r) for r in allowed):
        via = f" (a link to {candidate.resolve()})" if not (p.is_absolute() or ".." in p.parts) else ""
        raise AssetError(f"{what} path {name!r} is outside the project folder {root}{via}")
    if p.is_absolute():
        raise AssetError(f"{what} path {name!r} is absolute; name the file relative to the theme file")
    if candidate.is_dir():
        raise AssetError(f"{what} path {name!r} is a folder, not a file")
    if candidate.is_file():
        return candidate
    if len(p.parts) == 1:
        for d in fallbacks:
            if (d / name).is_file():
                return d / name
    looked = "next to the theme" + "".join(f", in {d}" for d in fallbacks)
    raise AssetError(f"{what} file {name!r} not found (looked {looked})")


def _head(path: Path, n: int = 8) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def check_font(path: Path) -> None:
    head = _head(path, 4)
    if head == _CFF_MAGIC:
        raise AssetError(f"{path.name} is an OpenType font with CFF (PostScript) outlines, which reportlab "
                         "cannot embed; use a TrueType-outline .ttf")
    if head not in _TTF_MAGIC:
        raise AssetError(f"{path.name} is not a TrueType font (expected a .ttf file)")
    if not inside(path, PACKAGE_DIR):
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in _FONTS_READ:
            _parse_font(path)
            _FONTS_READ.add(key)


_FONTS_READ: set = set()  # fonts read whole already (a watch or batch loads the same theme many times)


def _parse_font(path: Path) -> None:
    """Read the tables every renderer needs (fontTools, a matplotlib dependency): a file that starts
    like a TrueType font but is truncated or damaged is refused here, located at the theme's line,
    instead of failing inside a renderer. Built-in fonts are not re-read."""
    import logging

    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools comes with matplotlib
        return
    log = logging.getLogger("fontTools")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with TTFont(path, lazy=True) as font:  # closed here: an open file would surface as a ResourceWarning
            for table in ("head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf", "name"):
                font[table]
            font.getBestCmap()
    except Exception as e:  # noqa: BLE001 - fontTools raises many types for a damaged file
        raise AssetError(f"{path.name} is a damaged TrueType font ({type(e).__name__}: {e})") from None
    finally:
        log.setLevel(level)


def check_logo(path: Path) -> tuple[int, int]:
    """A PNG or JPEG that decodes; returns its size in pixels (for the aspect ratio)."""
    head = _head(path)
    kind = "PNG" if head.startswith(_PNG_MAGIC) else "JPEG" if head.startswith(_JPEG_MAGIC) else None
    if kind is None:
        raise AssetError(f"{path.name} is not a PNG or JPEG image")
    from PIL import Image  # only when a theme has a logo

    try:
        with Image.open(path) as im:
            size = im.size
            if size[0] * size[1] > LOGO_MAX_PIXELS:
                raise AssetError(f"{path.name} is {size[0]}x{size[1]} pixels; a logo may have at most "
                                 f"{LOGO_MAX_PIXELS:,} pixels")
            im.load()  # decode it all: a truncated file fails here, not in the renderer
    except AssetError:
        raise
    except Exception as e:  # noqa: BLE001 - Pillow raises many types for a damaged file
        raise AssetError(f"{path.name} is a damaged {kind} image ({e})") from None
    return size


def check_pptx(data: bytes, label: str):
    """A zip within reportkit's limits with a PowerPoint presentation inside, sanitised
    (``reportkit.opc.sanitise``: external links, macros, ActiveX and OLE removed; bombs, DTDs and
    escaping or duplicate names refused). Returns the ``Sanitised`` package."""
    from ..opc import sanitise
    from ..zipsafe import ZipRefused

    if not data.startswith(_ZIP_MAGIC):
        raise AssetError(f"{label} is not a PowerPoint file (.pptx or .potx are zip files; this is not one)")
    try:
        clean = sanitise(data, label)
    except ZipRefused as e:
        raise AssetError(str(e)) from None
    z = zipfile.ZipFile(io.BytesIO(clean.data))
    names = set(z.namelist())
    if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
        raise AssetError(f"{label} is a zip file but not a PowerPoint presentation or template")
    size = re.search(rb'<p:sldSz\b[^>]*\bcx="(-?\d+)"[^>]*\bcy="(-?\d+)"', z.read("ppt/presentation.xml"))
    if size and (int(size.group(1)) <= 0 or int(size.group(2)) <= 0):
        raise AssetError(f"{label} has a slide size of {size.group(1).decode()} x {size.group(2).decode()} EMU; "
                         "a slide must have a width and a height")
    return clean


def check_template(path: Path) -> None:
    check_pptx(path.read_bytes(), path.name)


def check_word(data: bytes, label: str):
    """A zip within reportkit's limits with a Word document or template inside (.docx, .dotx), sanitised
    as a deck template is (``reportkit.opc.sanitise``). Returns the ``Sanitised`` package."""
    from ..opc import sanitise
    from ..zipsafe import ZipRefused

    if not data.startswith(_ZIP_MAGIC):
        raise AssetError(f"{label} is not a Word file (.docx or .dotx are zip files; this is not one)")
    try:
        clean = sanitise(data, label)
    except ZipRefused as e:
        raise AssetError(str(e)) from None
    names = set(zipfile.ZipFile(io.BytesIO(clean.data)).namelist())
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise AssetError(f"{label} is a zip file but not a Word document or template")
    return clean


def check_word_template(path: Path) -> None:
    check_word(path.read_bytes(), path.name)


def unreadable(theme, key: str, path: Path, error: Exception, expected: str):
    """A template that passed the zip checks but that its Office library cannot read: an input error
    at the theme's ``key`` line (the ``extends`` chain's first file that sets it), exit 2, rather
    than an internal error halfway through a build."""
    from ..content import load_yaml
    from ..errors import InputError, Problem

    message = (f"{key}: {path.name} cannot be read ({type(error).__name__}: {error}); expected {expected} "
               "(reportkit check-template FILE says more)")
    section, name = key.split(".")
    for file in getattr(theme, "files", ()):
        doc = load_yaml(Path(file), str(file))
        if isinstance(doc.data, dict) and isinstance(doc.data.get(section), dict) and name in doc.data[section]:
            return InputError(Problem(str(file), *doc.where((section, name)), message))
    return InputError(Problem(str(path), 1, 1, message))
