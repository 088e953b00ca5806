"""The memo's theme keys (``memo.*``)."""
from ..keys import Key

KEYS = (
    Key("memo.page_size", "choice", "the memo's paper (`--page-size` overrides)", ("letter", "a4")),
    *(Key(f"memo.margins_mm.{side}", "number", f"{side} page margin, in millimetres")
      for side in ("top", "bottom", "left", "right")),
)
