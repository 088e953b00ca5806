"""One self-contained HTML file for an edition: the stylesheet inline, charts as inline SVG, the logo
as a data URI, system fonts; no script, and nothing that makes a browser fetch anything.

Reading order: skip link, classification banner, edition line, contents, the memo's blocks, the
classification again. ``lang``/``dir`` come from the briefing's language; runs in other scripts are
marked where they occur (markup.Writer).
"""
from __future__ import annotations

import base64

from ..memo.plan import plan as memo_plan
from ..text import plain
from .blocks import Ctx, sections
from .markup import Writer, attrs, el, esc
from .scripts import is_rtl_language
from .style import css, print_margin_css


def edition_line(edition) -> str:
    """Which edition this is, shown under the banner (and printed in the page margin): the full
    briefing, or the audience it was cut for."""
    if edition.audience is None:
        return "Full briefing: every item in the content file"
    detail = "brief edition" if edition.detail == "brief" else "edition"
    return f"{edition.audience.capitalize()} {detail}: only what this audience may see"


def _logo(edition) -> str:
    path = edition.theme.asset("logo")
    if path is None:
        return ""
    data = path.read_bytes()
    kind = "png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "jpeg"
    src = f"data:image/{kind};base64," + base64.b64encode(data).decode("ascii")
    return f'<img class="logo"{attrs(src=src, alt="Logo: " + plain(edition.briefing.meta.organisation))}>'


def page(edition, extra_head: str = "", extra_body: str = "") -> str:
    """The page's HTML. ``extra_head``/``extra_body`` are for the preview server's own script and
    panel (never content)."""
    b = edition.briefing
    meta = b.meta
    lang = meta.language or "en"
    w = Writer(lang)
    plan = memo_plan(edition)
    x = Ctx(w)
    prelude, body, toc = sections(x, plan.blocks)
    line = edition_line(edition)
    banner = el("p", w.text(meta.classification.upper()), class_="banner")
    nav = ""
    if toc:
        items = "".join(el("li", el("a", w.name(title) if ident.startswith("section-") else w.ui(title), href=f"#{ident}"),
                           dir=w.dir_for(title) if ident.startswith("section-") else None) for ident, title in toc)
        nav = el("nav", el("h2", w.ui("Contents"), id="contents") + el("ol", items), class_="toc",
                 aria_labelledby="contents")
    description = plain(meta.memo.subject or meta.subtitle)
    head = ("<meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta name=\"color-scheme\" content=\"light dark\">"
            f"<title>{esc(plain(meta.title))}</title>"
            f"<meta{attrs(name='description', content=description)}>"
            f"<meta{attrs(name='author', content=plain(meta.author))}>"
            f"<meta{attrs(name='dcterms.date', content=meta.date.isoformat())}>"
            f"<meta{attrs(name='generator', content='reportkit')}>"
            f"<style>{css(edition.theme)}{print_margin_css(meta.classification, line)}</style>" + extra_head)
    top = (f'<a class="skip" href="#main">{w.ui("Skip to the briefing")}</a>'
           + el("header", banner + el("p", w.ui(line) + (f" \u00b7 {w.rich(edition.disclaimer)}"
                                                         if edition.disclaimer else ""), class_="edition")))
    main = el("main", _logo(edition) + prelude + nav + body, id="main", tabindex="-1")
    bottom = el("footer", banner)
    html_attrs = attrs(lang=lang, dir="rtl" if is_rtl_language(lang) else "ltr")
    return (f"<!DOCTYPE html>\n<html{html_attrs}>\n<head>{head}</head>\n<body>\n{top}\n{main}\n{bottom}\n"
            f"{extra_body}</body>\n</html>\n")
