"""The preview's own markup and script, added to the served page (never to the written file): a panel
with links to the memo pages and deck slides, the last build's problems, and an EventSource that reloads
the page when a new build is ready (keeping the scroll position) and shows problems as they come."""
from __future__ import annotations

from html import escape

PANEL_CSS = """
.preview-panel{font:14px/1.4 system-ui,sans-serif;background:#102A43;color:#FFFFFF;padding:.4rem 1rem}
.preview-panel a{color:#FFFFFF}
.preview-panel nav{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;align-items:baseline}
.preview-problems{background:#FFF4E5;color:#5C2B00;border:2px solid #B54708;margin:.5rem 0;padding:.5rem .8rem}
.preview-problems ul{margin:.3rem 0;padding-inline-start:1.2rem;font-family:ui-monospace,monospace;font-size:13px}
.preview-warnings{color:#FFE3A3}
.preview-pictures img{display:block;max-width:100%;height:auto;margin:1rem auto;box-shadow:0 1px 4px #0005}
.preview-pictures main{max-width:60rem;margin:0 auto;padding:1rem}
@media print{.preview-panel{display:none}}
"""

SCRIPT = """
(function () {
  var gen = %(generation)d;
  var list = document.getElementById("rk-problems");
  var status = document.getElementById("rk-status");
  var saved = sessionStorage.getItem("rk-scroll:" + location.pathname);
  if (saved !== null) { sessionStorage.removeItem("rk-scroll:" + location.pathname); window.scrollTo(0, +saved); }
  function show(problems) {
    var box = document.getElementById("rk-problem-box");
    list.textContent = "";
    problems.forEach(function (p) { var li = document.createElement("li"); li.textContent = p; list.appendChild(li); });
    box.hidden = problems.length === 0;
  }
  var source = new EventSource("/events");
  source.addEventListener("build", function (e) {
    var d = JSON.parse(e.data);
    if (d.generation !== gen) {
      sessionStorage.setItem("rk-scroll:" + location.pathname, String(window.scrollY));
      location.reload();
      return;
    }
    show(d.problems);
    status.textContent = d.problems.length ? "not rebuilt: the last good edition is shown" : "up to date";
  });
  source.onerror = function () { status.textContent = "preview stopped (reload when it runs again)"; };
})();
"""


def panel(generation: int, problems, warnings, here: str = "/") -> str:
    """The panel's HTML, with the problems known when the page is served (the script keeps it current)."""
    links = [("/", "Web edition"), ("/memo", "Memo pages"), ("/deck", "Deck slides")]
    current = ' aria-current="page"'
    nav = "".join(f'<a href="{href}"{current if href == here else ""}>{label}</a>' for href, label in links)
    items = "".join(f"<li>{escape(p)}</li>" for p in problems)
    warn = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    warn_html = f'<ul class="preview-warnings">{warn}</ul>' if warn else ""
    status = "not rebuilt: the last good edition is shown" if problems else "up to date"
    return (f'<aside class="preview-panel" aria-label="Preview">'
            f'<nav aria-label="Preview">{nav}<span role="status" id="rk-status">{status}</span></nav>'
            f'<div class="preview-problems" id="rk-problem-box" role="alert"{"" if problems else " hidden"}>'
            f"<strong>The content has problems; fix them and save:</strong><ul id=\"rk-problems\">{items}</ul></div>"
            f"{warn_html}</aside>")


def inject(page: bytes, generation: int, problems, warnings) -> bytes:
    """The web edition with the panel at the top (after the skip link) and the script last."""
    html = page.decode("utf-8")
    head_end = html.index("</head>")
    html = html[:head_end] + f"<style>{PANEL_CSS}</style>" + html[head_end:]
    body = html.index("<header>", html.index("<body>"))  # after the skip link, which stays first
    html = html[:body] + panel(generation, problems, warnings) + html[body:]
    end = html.rindex("</body>")
    html = html[:end] + "<script>" + SCRIPT % {"generation": generation} + "</script>" + html[end:]
    return html.encode("utf-8")


def standalone(title: str, body: str, generation: int, problems, warnings, here: str) -> bytes:
    """A page of the preview's own (before the first good build; memo pages; deck slides)."""
    html = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{PANEL_CSS}body{{margin:0;font-family:system-ui,sans-serif}}</style>"
            f'</head><body class="preview-pictures">{panel(generation, problems, warnings, here)}'
            f'<main><h1>{escape(title)}</h1>{body}</main>'
            f"<script>{SCRIPT % {'generation': generation}}</script></body></html>\n")
    return html.encode("utf-8")
