"""The memo draws figures from an image XObject made once per process
(``workarounds.reportlab.prepared_image``); the PDF must be the one reportlab's own ``platypus.Image``
gives, byte for byte, for every kind of image, on the first and on later documents."""
from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage
from reportlab.platypus import Image, SimpleDocTemplate

from reportkit.workarounds import reportlab as rl


def _pdf(flowables) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, invariant=1).build(flowables)
    return buf.getvalue()


def _file(mode: str, fmt: str = "PNG") -> bytes:
    im = PILImage.new(mode, (60, 40))
    for x in range(60):
        for y in range(40):
            im.putpixel((x, y), {"RGB": (x * 4, y * 6, 90), "RGBA": (x * 4, y * 6, 90, x * 4), "LA": (x * 4, y * 6),
                                 "L": x * 4, "P": (x + y) % 7}[mode])
    buf = io.BytesIO()
    im.save(buf, fmt, **({"transparency": 3} if mode == "P" else {}))
    return buf.getvalue()


KINDS = {"rgb": ("RGB", "PNG"), "rgba": ("RGBA", "PNG"), "grey-alpha": ("LA", "PNG"), "grey": ("L", "PNG"),
         "palette-transparent": ("P", "PNG"), "jpeg": ("RGB", "JPEG")}


@pytest.mark.parametrize("kind", KINDS)
def test_a_prepared_image_gives_the_pdf_platypus_image_gives_cold_warm_and_from_decoded_pixels(kind, monkeypatch):
    import hashlib

    monkeypatch.setattr(rl, "_prepared", {})
    data = _file(*KINDS[kind])
    digest = hashlib.sha256(data).hexdigest()
    expected = _pdf([Image(io.BytesIO(data), width=120, height=80), Image(io.BytesIO(data), width=60, height=40)])
    decoded = PILImage.open(io.BytesIO(data))
    decoded.load()
    assert b"/Subtype /Image" in expected
    for handed in (decoded, None, None):  # first from pixels decoded elsewhere, then from the cache
        got = _pdf([rl.prepared_image(digest, data, 120, 80, handed), rl.prepared_image(digest, data, 60, 40, None)])
        assert got == expected
    assert len(rl._prepared) == 1


def test_the_prepared_images_are_bounded(monkeypatch):
    import hashlib

    monkeypatch.setattr(rl, "_prepared", {})
    monkeypatch.setattr(rl, "PREPARED_MAX", 2)
    files = []
    for n in range(4):
        buf = io.BytesIO()
        PILImage.new("RGB", (20, 20), (n, 0, 0)).save(buf, "PNG")
        files.append(buf.getvalue())
        _pdf([rl.prepared_image(hashlib.sha256(files[-1]).hexdigest(), files[-1], 20, 20, None)])
    assert [k[0] for k in rl._prepared] == [hashlib.sha256(f).hexdigest() for f in files[2:]]
    monkeypatch.setattr(rl, "PREPARED_BUDGET", 1)  # over budget: only the newest is kept
    _pdf([rl.prepared_image(hashlib.sha256(files[0]).hexdigest(), files[0], 20, 20, None)])
    assert [k[0] for k in rl._prepared] == [hashlib.sha256(files[0]).hexdigest()]
