"""Read the image files a content file's ``figures:`` name, treating each as hostile (docs/figures.md).

Every check happens before a renderer sees the bytes, and each failure is a ``Problem`` located at
the figure's ``file:`` value (exit 2; nothing written):

- the path must stay inside the project (the content file's folder) once symlinks are followed, and
  be relative: content may not make reportkit read files elsewhere;
- it must be a regular file of at most ``limits.MAX_FIGURE_BYTES``;
- its first bytes must say PNG or JPEG (a renamed file is caught before a decoder chokes on it); SVG
  is refused with the reason;
- its width and height are read from the header and held to ``limits.MAX_FIGURE_PIXELS`` *before*
  decoding (a decompression bomb is a small file that decodes to gigabytes);
- it is then decoded whole, so a truncated or corrupt image fails here, not inside reportlab.

Decoding costs a tenth of a second for a slide-size PNG, so it is paid once per process per distinct
file content: the sha256 of bytes that decoded whole is remembered (``_VERIFIED``, bounded), and the
same bytes read again are known good. The decoded pixels go to ``decoded_images`` so the memo does
not decode them a second time in the same build.
"""
from __future__ import annotations

import hashlib
import struct
import threading
from collections import OrderedDict
from pathlib import Path

from .. import decoded_images
from ..model import FigureImage
from . import limits

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
SVG_REFUSED = ("SVG is not supported: no well-kept library draws SVG faithfully into both the PDF (reportlab) "
               "and the deck (python-pptx pictures are raster only); export it as PNG (docs/figures.md)")


# (sha256, kind, width, height) of images that decoded whole in this process, newest last. Only
# successes are kept: a refused file is decoded (and refused) again, with its own name in the message.
_VERIFIED: OrderedDict[tuple, None] = OrderedDict()
VERIFIED_MAX = 256  # entries of ~100 bytes each
_verified_lock = threading.Lock()  # a threaded Dask worker may load two briefings at once


class FigureRefused(ValueError):
    """What is wrong with one figure file; the caller locates it at the ``file:`` value."""


def load_images(data: dict, project: Path) -> tuple[dict[str, FigureImage], list[tuple[tuple, str]]]:
    """The checked image of every figure in validated content ``data``, by id, and the problems as
    (path in the document, message). Each file is read once even if two figures name it."""
    images: dict[str, FigureImage] = {}
    problems: list[tuple[tuple, str]] = []
    read: dict[str, FigureImage | FigureRefused] = {}
    for k, fig in enumerate(data.get("figures") or ()):
        name = fig["file"]
        if name not in read:
            try:
                read[name] = read_image(name, project)
            except FigureRefused as e:
                read[name] = e
        got = read[name]
        if isinstance(got, FigureRefused):
            problems.append((("figures", k, "file"), f"figure {fig['id']!r}: {got}"))
        else:
            images[fig["id"]] = got
    return images, problems


def read_image(name: str, project: Path) -> FigureImage:
    """The image file ``name`` (relative to ``project``), checked; raises ``FigureRefused``."""
    path = _resolve(name, project)
    try:
        size = path.stat().st_size
        if size > limits.MAX_FIGURE_BYTES:
            raise FigureRefused(f"file {name!r} is {size:,} bytes; a figure may have at most "
                                f"{limits.MAX_FIGURE_BYTES:,} (figure size limit)")
        data = path.read_bytes()
    except OSError as e:
        raise FigureRefused(f"file {name!r} cannot be read ({e.strerror or e})") from None
    kind = _kind(name, data)
    width, height = header_size(kind, data, name)
    if width <= 0 or height <= 0:
        raise FigureRefused(f"file {name!r} is a damaged {kind.upper()} image (its header says {width}x{height} pixels)")
    if width * height > limits.MAX_FIGURE_PIXELS:
        raise FigureRefused(f"file {name!r} is {width}x{height} pixels; a figure may have at most "
                            f"{limits.MAX_FIGURE_PIXELS:,} pixels (decompression bomb limit)")
    digest = hashlib.sha256(data).hexdigest()
    key = (digest, kind, width, height)
    with _verified_lock:
        known = _VERIFIED.pop(key, False) is None
    if not known:
        decoded_images.offer(digest, _decode(kind, data, name, (width, height)))
    with _verified_lock:
        _VERIFIED[key] = None  # newest last
        while len(_VERIFIED) > VERIFIED_MAX:
            _VERIFIED.popitem(last=False)
    return FigureImage(kind, data, width, height, digest, str(path))


def _resolve(name: str, project: Path) -> Path:
    raw = Path(name)
    if raw.is_absolute() or name.startswith("~"):
        raise FigureRefused(f"file {name!r} is absolute; name the image relative to the content file's folder")
    root = project.resolve()
    candidate = project / raw
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError) as e:  # a symlink loop, a name too long
        raise FigureRefused(f"file {name!r} cannot be looked up ({e})") from None
    if not real.is_relative_to(root):
        via = "" if ".." in raw.parts else f" (a link to {real})"
        raise FigureRefused(f"file {name!r} is outside the project folder {root}{via}; a figure must be inside it")
    if real.is_dir():
        raise FigureRefused(f"file {name!r} is a folder, not an image")
    if not real.exists():
        raise FigureRefused(f"file {name!r} not found (looked in {root})")
    if not real.is_file():
        raise FigureRefused(f"file {name!r} is not a regular file")
    return real


def _kind(name: str, data: bytes) -> str:
    if data.startswith(PNG_MAGIC):
        return "png"
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if name.lower().endswith((".svg", ".svgz")) or head.startswith((b"<svg", b"<?xml", b"<!doctype svg")):
        raise FigureRefused(f"file {name!r}: {SVG_REFUSED}")
    if not data:
        raise FigureRefused(f"file {name!r} is empty; expected a PNG or JPEG image")
    raise FigureRefused(f"file {name!r} is not a PNG or JPEG image (its first bytes are {data[:8].hex(' ')}); "
                        "save it as PNG or JPEG")


def header_size(kind: str, data: bytes, name: str = "image") -> tuple[int, int]:
    """Width and height in pixels as the file's header states them, without decoding the pixels."""
    if kind == "png":
        # The IHDR chunk must come first: length 13, type, then width and height (big-endian).
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise FigureRefused(f"file {name!r} is a damaged PNG image (no IHDR header)")
        return struct.unpack(">II", data[16:24])
    return _jpeg_size(data, name)


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes, name: str) -> tuple[int, int]:
    """Walk the JPEG's marker segments to the first start-of-frame, which holds height and width."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            break
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in _SOF:
            if i + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        if marker == 0xD9 or length < 2:
            break
        i += 2 + length
    raise FigureRefused(f"file {name!r} is a damaged JPEG image (no frame header with its size)")


def _decode(kind: str, data: bytes, name: str, size: tuple[int, int]):
    """Decode every pixel (Pillow), so a truncated or corrupt file is refused here; the loaded image."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Not ``with``: closing would discard the pixels the memo can reuse; the source is a BytesIO.
            im = Image.open(io.BytesIO(data), formats=("PNG",) if kind == "png" else ("JPEG",))
            if im.size != size:
                raise FigureRefused(f"file {name!r} is a damaged {kind.upper()} image (two sizes in its header)")
            im.load()
            return im
    except FigureRefused:
        raise
    except Exception as e:  # noqa: BLE001 - Pillow raises many types for a damaged file
        raise FigureRefused(f"file {name!r} is a damaged {kind.upper()} image ({e})") from None
