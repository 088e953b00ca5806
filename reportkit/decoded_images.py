"""The Pillow image that checking a figure decoded, kept for the memo's first drawing of it (issue 19).

content/figures.py decodes every figure whole to prove it is not truncated or corrupt; the memo then
needs the same pixels once per process to make the PDF image. Handing the decoded image over saves a
second decode in a cold build. The shelf is small and bounded: at most ``MAX_PIXELS`` pixels in all
(a few images the size of the reference's figure), oldest dropped first, and the memo takes what it
uses off it; an image bigger than the budget is simply not kept. Neither side needs the other: a
missing entry means "decode it yourself".
"""
from __future__ import annotations

import threading
from collections import OrderedDict

MAX_PIXELS = 4_000_000  # about 12 MB of RGB pixels

_shelf: OrderedDict[str, object] = OrderedDict()
_lock = threading.Lock()  # a threaded Dask worker may load two briefings at once


def offer(digest: str, image) -> None:
    """Keep ``image`` (a loaded ``PIL.Image``) for the file whose sha256 is ``digest``, if it fits."""
    pixels = image.size[0] * image.size[1]
    if pixels > MAX_PIXELS:
        return
    with _lock:
        _shelf.pop(digest, None)
        _shelf[digest] = image
        while sum(im.size[0] * im.size[1] for im in _shelf.values()) > MAX_PIXELS:
            _shelf.popitem(last=False)


def take(digest: str):
    """The decoded image of the file with sha256 ``digest``, removed from the shelf; or None."""
    with _lock:
        return _shelf.pop(digest, None)
