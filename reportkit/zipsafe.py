"""Opening a zip file someone else made (a deck template) without being hurt by it.

Everything is decided from the zip's central directory before a byte is expanded: how many members,
each member's uncompressed size and the total, the compression ratio (a zip bomb expands a few kB
into gigabytes), encrypted members, and member names that are duplicated or would escape a folder
(``../``, absolute, drive letters, backslashes). Reading then stops at the declared size, so a member
cannot expand beyond what the directory promised (``zipfile`` enforces it and checks the CRC).
"""
from __future__ import annotations

import io
import zipfile

MAX_MEMBERS = 5_000  # an organisation's template has a few hundred parts
MAX_MEMBER_BYTES = 100 * 2**20  # one part, uncompressed (a large embedded picture is a few MB)
MAX_TOTAL_BYTES = 250 * 2**20  # all parts together, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FROM bytes (XML compresses ~10-30x)
RATIO_FROM = 2**20


class ZipRefused(ValueError):
    """What is wrong with the zip file, said for the person who made it."""


def _bad_name(name: str) -> str | None:
    if "\\" in name:
        return "contains a backslash"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "is an absolute path"
    if any(part in ("..", ".") for part in name.split("/")):
        return "leaves its folder ('..')"
    if "\x00" in name:
        return "contains a NUL character"
    return None


def open_zip(data: bytes, label: str) -> zipfile.ZipFile:
    """The zip in ``data``, checked from its directory only; raises ``ZipRefused`` naming the limit."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
        raise ZipRefused(f"{label} is a damaged zip file ({e})") from None
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ZipRefused(f"{label} has {len(infos):,} members; the limit is {MAX_MEMBERS:,} (zip member limit)")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        why = _bad_name(name)
        if why:
            raise ZipRefused(f"{label}: member name {name!r} {why}")
        key = name.casefold()  # Office part names are case-insensitive
        if key in seen:
            raise ZipRefused(f"{label}: member {name!r} appears twice (a duplicate part name)")
        seen.add(key)
        if info.flag_bits & 0x1:
            raise ZipRefused(f"{label}: member {name!r} is encrypted")
        if info.file_size > MAX_MEMBER_BYTES:
            raise ZipRefused(f"{label}: member {name!r} expands to {info.file_size:,} bytes; the limit is "
                             f"{MAX_MEMBER_BYTES:,} (zip member size limit)")
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ZipRefused(f"{label}: member {name!r} expands {info.file_size // max(info.compress_size, 1):,} "
                             f"times; the limit is {MAX_RATIO} (a zip bomb?)")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise ZipRefused(f"{label} expands to more than {MAX_TOTAL_BYTES:,} bytes (zip total size limit)")
    return z


def read_all(z: zipfile.ZipFile, label: str) -> dict[str, bytes]:
    """Every member's bytes, in order; a member whose data is damaged is refused by name."""
    out = {}
    for info in z.infolist():
        try:
            out[info.filename] = z.read(info)
        except Exception as e:  # noqa: BLE001 - zlib.error, BadZipFile (CRC), EOFError on damaged data
            raise ZipRefused(f"{label} is a damaged zip file (member {info.filename!r}: {type(e).__name__}: {e})") from None
    return out
