"""The memo's theme keys (``memo.*``)."""
from ..keys import Key

KEYS = (
    Key("memo.page_size", "choice", "the memo's paper (`--page-size` overrides)", ("letter", "a4")),
    *(Key(f"memo.margins_mm.{side}", "number", f"{side} page margin, in millimetres")
      for side in ("top", "bottom", "left", "right")),
    Key("memo.key_judgments", "choice", "where key judgments stand in the memo, the Word memo and the web page: "
                                        "`before` the bottom line (their own section) or first `inside` it "
                                        "(the deck keeps its own slide)", ("before", "inside"), default="`before`"),
)
