"""The Word memo's theme keys (``docx.*``): docs/docx.md."""
from ..keys import Key

STYLE_ROLES = ("title", "subtitle", "heading_1", "heading_2", "body", "list_bullet", "list_number", "table",
               "caption")

KEYS = (
    Key("docx.template", "word_template", "the organisation's `.dotx` or `.docx` the Word memo is built on, relative "
                                          "to the theme file (else reportkit's own look)"),
    Key("docx.font", "text", "the font name for Latin text in the Word memo"),
    Key("docx.east_asian_font", "text", "the font name for Chinese, Japanese and Korean text (Word's eastAsia slot)"),
    Key("docx.complex_font", "text", "the font name for Arabic, Hebrew and other complex scripts (Word's cs slot)"),
    *(Key(f"docx.styles.{role}", "text", f"the template's style for {role.replace('_', ' ')} paragraphs, tried first")
      for role in STYLE_ROLES),
    Key("docx.redline", "choice", "with `build --since`: the changes as Word tracked changes, or as the PDF memo "
                                  "shows them", (True, False), default="`true`"),
    Key("docx.redline_author", "text", "the tracked changes' author", default="`reportkit`"),
)
