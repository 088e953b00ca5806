"""The page's stylesheet, from the theme's semantic colours: screen, phone (tables become cards below
40em), print (classification in every page's margin), dark mode and forced colours.

Only theme values reach the CSS, each checked: colours are ``#RRGGBB`` (the theme loader checks them),
font families pass ``_family`` (letters, digits, spaces, hyphens), so a theme cannot break out of the
``style`` element.
"""
from __future__ import annotations

import re

from ..model import LIKELIHOODS, POSITIONS, SCORES, TONES
from ..present import fill_for, passes_aa, text_on

SANS = ("Carlito", "Calibri", "Segoe UI", "Helvetica Neue", "Arial", "Noto Sans", "sans-serif")
SERIF = ("DejaVu Serif", "Georgia", "Cambria", "Times New Roman", "Noto Serif", "serif")
GENERIC = {"serif", "sans-serif", "system-ui", "monospace", "ui-sans-serif", "ui-serif"}
_SAFE_FAMILY = re.compile(r"^[A-Za-z0-9 \-]{1,60}$")


def score_class(score: int | None) -> str:
    return "s-none" if score is None else ("s-p" if score > 0 else "s-m" if score < 0 else "s-") + str(abs(score))


def _family(names) -> str:
    out = []
    for n in names:
        if not isinstance(n, str) or not _SAFE_FAMILY.match(n):
            continue
        out.append(n if n in GENERIC else f'"{n}"')
    return ", ".join(out)


def font_stacks(theme) -> tuple[str, str]:
    """(body, heading) CSS font stacks: the theme's ``html.font.body``/``heading`` lists, else system
    stacks like the theme's fonts (serif when its TTFs are serif). No font is fetched or embedded."""
    out = []
    for role in ("body", "heading"):
        named = theme.get(f"html.font.{role}")
        stack = _family(named) if isinstance(named, list) else ""
        if not stack:
            ttf = str(theme.get(f"font.{role}.regular") or "")
            stack = _family(SERIF if "serif" in ttf.lower() and "sans" not in ttf.lower() else SANS)
        out.append(stack)
    return out[0], out[1]


def css(theme) -> str:
    c = theme.color
    page, text = c("color.page"), c("color.text")

    def ink(fill: str) -> str:
        """present.text_on (the theme's text or page colour), or black/white where neither reaches AA."""
        best = text_on(fill, theme)
        return best if passes_aa(best, fill) else text_on(fill, dark="#000000", light="#FFFFFF")

    def readable(color: str, background: str, fallback: str) -> str:
        return color if passes_aa(color, background) else fallback

    body_font, heading_font = font_stacks(theme)
    head_fill = c("table.header.fill")
    head_text = readable(c("table.header.text"), head_fill, ink(head_fill))
    banner_fill = c("banner.fill")
    banner_text = readable(c("banner.text"), banner_fill, ink(banner_fill))
    muted = readable(c("color.muted"), c("table.zebra.fill"), text)
    accent = readable(c("color.accent"), page, text)
    primary = readable(c("color.primary"), page, text)
    v = {
        "--page": page, "--text": text, "--muted": muted, "--primary": primary, "--accent": accent,
        "--rule": c("color.rule"), "--zebra": c("table.zebra.fill"), "--head-fill": head_fill,
        "--head-text": head_text, "--banner-fill": banner_fill, "--banner-text": banner_text,
        "--bluf-fill": c("bluf.fill"), "--bluf-rule": c("bluf.rule"), "--table-rule": c("table.rule"),
    }
    root = "".join(f"{k}:{val};" for k, val in v.items())
    fills = []
    for s in SCORES:
        f = fill_for(theme, "stance", s)
        fills.append(f".{score_class(s)}{{background:{f};color:{ink(f)}}}.chart .{score_class(s)}{{fill:{f}}}"
                     f".chart .v.{score_class(s)}{{fill:{ink(f)}}}")
    f = fill_for(theme, "stance", None)
    fills.append(f".s-none{{background:{f};color:{ink(f)}}}")
    for kind, values, prefix in (("position", POSITIONS, "pos"), ("likelihood", LIKELIHOODS, "l"), ("tone", TONES, "t")):
        for value in values:
            f = fill_for(theme, kind, value)
            fills.append(f".{prefix}-{value}{{background:{f};color:{ink(f)}}}")
    return (f":root{{{root}color-scheme:light dark;--body-font:{body_font};--heading-font:{heading_font}}}"
            + BASE + "".join(fills) + PHONE + PRINT + DARK + FORCED)


BASE = """
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--page);color:var(--text);font-family:var(--body-font);font-size:1.0625rem;line-height:1.5}
h1,h2,h3{font-family:var(--heading-font);color:var(--primary);line-height:1.2}
h1{font-size:2rem;margin:.2rem 0 .3rem}
h2{font-size:1.45rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--rule)}
h3{font-size:1.15rem;margin:1.6rem 0 .5rem}
a{color:var(--accent)}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;inset-inline-start:.5rem;top:-4rem;background:var(--page);color:var(--accent);padding:.5rem 1rem;z-index:10}
.skip:focus{top:.5rem}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.banner{background:var(--banner-fill);color:var(--banner-text);text-align:center;font-weight:700;letter-spacing:.06em;padding:.3rem 1rem;font-size:.9rem;margin:0;overflow-wrap:anywhere}
.edition{max-width:52rem;margin:0 auto;padding:.4rem 1rem 0;color:var(--muted);font-size:.9rem}
main{display:block;max-width:52rem;margin:0 auto;padding:.5rem 1rem 2rem}
main,td,th,li,p,dd,figcaption{overflow-wrap:anywhere;hyphens:auto}
thead th{hyphens:manual;overflow-wrap:break-word}
.org{font-weight:700;color:var(--accent);text-transform:uppercase;letter-spacing:.04em;font-size:.85rem;margin:1rem 0 0}
.subtitle{color:var(--muted);font-size:1.2rem;margin:0 0 1rem}
.logo{float:inline-end;max-height:3rem;max-width:10rem;margin:1rem 0 .5rem 1rem}
.memo-header{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;border-top:3px solid var(--primary);border-bottom:3px solid var(--primary);padding:.5rem 0;margin:1rem 0}
.memo-header dt{font-weight:700;color:var(--muted);font-size:.85rem;padding-top:.15rem}
.memo-header dd{margin:0}
.notice{border:1px solid var(--muted);padding:.5rem .8rem;font-style:italic;margin:1rem 0}
.toc ol{padding-inline-start:1.2rem;columns:2 16rem;margin:.3rem 0}
.toc h2{font-size:1rem;border:0;margin:1rem 0 0;padding:0}
.bluf{background:var(--bluf-fill);border-inline-start:5px solid var(--bluf-rule);padding:.6rem 1rem .6rem 1.2rem}
.bluf ul{margin:0;padding-inline-start:1.1rem}
.bluf li,ol.steps li{margin:.3rem 0}
.note{color:var(--muted);font-size:.9rem}
sup.refs{line-height:0;font-size:.72em}
sup.refs a{padding:0 .1em;text-decoration-thickness:1px}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.95rem}
th,td{padding:.4rem .5rem;vertical-align:top;text-align:start;border-bottom:1px solid var(--table-rule)}
thead th{background:var(--head-fill);color:var(--head-text);font-weight:700;vertical-align:bottom}
table:not(.grid) tbody tr:nth-child(even)>*{background-color:var(--zebra)}
table{table-layout:fixed}
.outcomes tbody th,.reactions tbody th,.positions-list tbody th{font-weight:400}
.grid tbody th,.reactions tbody th{font-weight:700}
.grid td{text-align:center;vertical-align:middle;font-weight:700;border:2px solid var(--page)}
.grid thead th{text-align:center;font-size:.85rem;padding:.4rem .25rem}
.grid thead th:first-child,.grid tbody th{text-align:start}
.was{font-weight:400;font-size:.8em}
.legend{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;padding:0;margin:.4rem 0;font-size:.85rem}
.legend li{display:flex;align-items:center;gap:.35rem;margin-inline-end:.6rem}
.swatch{display:inline-block;min-width:2.4rem;text-align:center;font-weight:700;padding:.05rem .3rem;border:1px solid var(--rule)}
.props{font-size:.9rem}
.props dt{font-weight:700;display:inline}
.props dd{display:inline;margin:0}
.props dd::after{content:"";display:block;margin-bottom:.25rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(19rem,1fr));gap:1rem 1.5rem;margin:.6rem 0}
.charts figure{margin:0;border-bottom:1px solid var(--rule);padding-bottom:.5rem}
.charts figcaption{font-size:.9rem}
.content-figure{margin:.8rem 0 1.2rem}
.content-figure img{display:block;height:auto;margin:0 auto .4rem}
.content-figure figcaption span{display:block}
.figure-caption{font-weight:700}
.figure-note{font-size:.85rem;color:var(--muted)}
.chart-title{display:block;color:var(--primary);font-size:1rem;font-weight:700}
.chart-sub{display:block;font-style:italic}
.chart{width:100%;max-width:30rem;height:auto;display:block;margin-top:.3rem}
.chart text{fill:var(--text);font-family:var(--body-font)}
.chart .axis{stroke:var(--muted)}
.chart .ghost{fill:none;stroke:var(--text);stroke-width:1.5}
.badge{display:inline-block;white-space:nowrap;font-weight:700;font-size:.8rem;letter-spacing:.05em;padding:.05rem .5rem;border-radius:.8rem}
.outcomes .title{font-weight:700;display:block}
.outcomes ul,.cell-list{margin:0;padding-inline-start:1rem}
.small{font-size:.85rem}
.lsteps{display:inline-flex;gap:2px;margin-inline-start:.4rem;vertical-align:middle}
.lsteps span{width:.45rem;height:.8rem;border:1px solid var(--rule)}.lsteps span:not([class]){background:var(--page)}
.muted{color:var(--muted)}
.changes dt{font-weight:700;color:var(--primary)}
.changes dd{margin:0 0 .6rem}
.changes ul{margin:.2rem 0;padding-inline-start:1.1rem}
.endnotes{font-size:.9rem;padding-inline-start:1.8rem}
.endnotes li{margin:.3rem 0}
.endnotes li:target{background:var(--bluf-fill)}
.back{margin-inline-start:.3rem}
.back a{margin-inline-end:.25rem}
footer{margin-top:2rem}
"""

# Below 40em (a phone), a wide table is a list of cards: one per row, each cell with its column's name.
PHONE = """
@media (max-width:40em){
body{font-size:1rem}
h1{font-size:1.6rem}
.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.cards,.cards tbody,.cards tr,.cards th,.cards td{display:block;width:auto}
.cards tr{border:1px solid var(--rule);margin:0 0 .8rem}
.cards:not(.grid) tbody tr:nth-child(even)>*{background-color:transparent}
.cards tbody th{background:var(--zebra);border-bottom:1px solid var(--rule)}
.cards td{display:flex;gap:.6rem;text-align:start;border:0;border-bottom:1px solid var(--page)}
.cards td[data-label]::before{content:attr(data-label);flex:0 0 45%;font-weight:700;font-size:.85rem}
.grid td{justify-content:space-between}
.grid td[data-label]::before{font-weight:400}
.toc ol{columns:1}
}
"""

# Chromium puts @page margin boxes on every printed page: the classification at top and bottom there.
PRINT = """
@media print{
body{font-size:10.5pt;background:#fff}
.skip,.toc{display:none!important}
.banner{display:none}
main{max-width:none;padding:0}
h2{break-after:avoid}
h3{break-after:avoid}
figure,tr,.bluf,.memo-header{break-inside:avoid}
thead{display:table-header-group}
a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

# Dark mode changes only the page's own colours; data colours (stance, likelihood) keep their fills
# and their computed ink, so a chart means the same in both.
DARK = """
@media screen and (prefers-color-scheme:dark){
:root{--page:#15181C;--text:#E6E9ED;--muted:#AEB7C2;--primary:#B8D0EC;--accent:#8DB8F0;--rule:#3C4550;--zebra:#1D2228;--bluf-fill:#1C2633;--bluf-rule:#8DB8F0;--table-rule:#3C4550}
}
"""

FORCED = """
@media (forced-colors:active){
.grid td,.swatch,.badge{border:1px solid CanvasText}
.lsteps span{forced-color-adjust:none;border-color:CanvasText}.lsteps span[class]{background:CanvasText}
.chart text{fill:CanvasText}
.chart .axis{stroke:CanvasText}
.chart .bar{forced-color-adjust:none;stroke:CanvasText}
.bluf{border-inline-start-color:CanvasText}
}
"""


def print_margin_css(classification: str, edition_line: str) -> str:
    """@page rules that print the classification at the top and bottom of every page."""
    cls = css_string(classification.upper())
    return (f"@page{{margin:18mm 16mm;@top-center{{content:{cls};font:700 9pt sans-serif;letter-spacing:.06em}}"
            f"@bottom-center{{content:{cls};font:700 9pt sans-serif;letter-spacing:.06em}}"
            f"@bottom-right{{content:counter(page) \" / \" counter(pages);font:8pt sans-serif}}"
            f"@bottom-left{{content:{css_string(edition_line)};font:8pt sans-serif}}}}")


def css_string(s: str) -> str:
    """A CSS string literal of any text: every character outside plain printable ASCII letters and
    digits is written as a hex escape, so content cannot end the string, the rule or the style element."""
    out = []
    for ch in s:
        if ch.isascii() and (ch.isalnum() or ch in " .,-_:;()/"):
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'
