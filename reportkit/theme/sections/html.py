"""The web edition's theme keys (``html.*``): docs/html.md."""
from ..keys import Key

KEYS = (
    *(Key(f"html.font.{role}", "font_families", f"the CSS font-family list for {role} text, system fonts only "
                                                "(nothing is fetched or embedded)",
          default="the theme's TTF fonts as a system stack (serif or sans)")
      for role in ("body", "heading")),
)
