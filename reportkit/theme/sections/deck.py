"""The deck's theme keys (``deck.*``), and the slide kinds ``deck.layouts`` may name."""
from ..keys import Key

DEFAULT_LAYOUTS = {"title": "Title Slide", "content": "Title Only"}
# Every slide kind the deck planner makes, and the layout role it falls back to.
KIND_ROLES = {"title": "title", **{k: "content" for k in (
    "agenda", "key_judgments", "bottom_line", "heatmap", "divides", "issue", "outcomes", "outcome", "context", "reactions",
    "next_steps", "sources", "section", "clearance", "figure")}}
DECK_COLORS = ("template", "theme")  # who colours the deck's charts and tables (docs/templates.md)

KEYS = (
    Key("deck.template", "template", "the `.pptx` or `.potx` the deck starts from, relative to the theme file "
                                     "(else reportkit's own)"),
    Key("deck.colors", "choice", "who colours titles, rules and table headers: the template's theme colours or "
                                 "this theme", DECK_COLORS, default="`template` with a user's template, `theme` with reportkit's"),
    Key("deck.font", "text", "the font name written into the deck (measured with its metric twin)"),
    Key("deck.pictures", "choice", "\"Divides at a glance\" as editable shapes, or a PNG drawn by matplotlib",
        ("native", "matplotlib"), default="`native`"),
    *(Key(f"deck.layouts.{role}", "text", f"the template layout for {role} slides") for role in DEFAULT_LAYOUTS),
    *(Key(f"deck.layouts.{kind}", "text", f"the layout for the {kind.replace('_', ' ')} slide (else its role's)")
      for kind in KIND_ROLES if kind not in DEFAULT_LAYOUTS),
)
