"""The web edition (``--format html``): one self-contained, semantic, escaped, deterministic page with
the memo's words, for every audience and theme, in right-to-left and CJK briefings. Parsed with the
standard library's HTML parser (the browser tests in test_html_browser.py load it in Chromium)."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REFERENCE
from reportkit.audience import BUILTIN
from reportkit.memo import plan as memo_plan
from reportkit.pipeline import load_edition
from reportkit.text import plain
from helpers import run_cli, copy_reference

DATA = Path(__file__).parents[1] / "data"
SCRIPTS = {"rtl-arabic": ("ar", "rtl"), "rtl-hebrew": ("he", "rtl"), "cjk": ("ja", "ltr")}
HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "</style><b>bold</b>",
           "<!-- comment -->", "javascript:alert(1)", "&amp; &lt; R&D", "<svg onload=alert(1)>",
           "]]><![CDATA[", "' onmouseover='alert(1)", "\\\" } body { display:none } /*", "</title></head>",
           '<a href="file:///etc/shadow">x</a>', "🇺🇦 שלום مرحبا 日本語"]


class Page(HTMLParser):
    """Elements (tag, attrs) in order, the text, and which elements enclose each text piece."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "img", "col", "br", "line", "rect", "circle", "path"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not {"style", "title", "desc"} & set(self.stack):
            self.text.append(data)

    def all(self, tag: str) -> list[dict]:
        return [a for t, a in self.elements if t == tag]

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


def build(content: Path, out: Path, *args: str) -> Path:
    r = run_cli("build", str(content), "--format", "html", "--out", str(out), *args)
    assert r.returncode == 0, r.stderr
    audience = args[args.index("--audience") + 1] if "--audience" in args else None
    return out / f"{content.stem}{'-' + audience if audience else ''}-briefing.html"


@pytest.fixture(scope="module")
def reference_page(tmp_path_factory) -> tuple[str, Page]:
    path = build(REFERENCE, tmp_path_factory.mktemp("ref"))
    html = path.read_text(encoding="utf-8")
    return html, Page(html)


def test_semantic_structure(reference_page):
    html, page = reference_page
    assert html.startswith("<!DOCTYPE html>")
    assert page.all("html")[0] == {"lang": "en", "dir": "ltr"}
    assert len(page.all("h1")) == 1 and len(page.all("main")) == 1
    assert len(page.all("header")) == 1 and len(page.all("footer")) == 1 and len(page.all("nav")) == 1
    # every table header cell says what it heads
    assert page.all("th") and all(a.get("scope") in ("col", "row") for a in page.all("th"))
    # one figure per issue; each chart an image named by its title and described by its data
    briefing = load_edition(REFERENCE).briefing
    charts = [f for f in page.all("figure") if f.get("class") != "content-figure"]  # figures are content-figure
    assert len(charts) == len(briefing.issues)
    svgs = page.all("svg")
    assert len(svgs) == sum(1 for i in briefing.issues if any(s.issue == i.id for s in briefing.stances))
    ids = {a["id"] for _, a in page.elements if "id" in a}
    for s in svgs:
        assert s["role"] == "img" and s["aria-labelledby"] in ids and s["aria-describedby"] in ids
    assert "Diverging bar chart: Direct U.S.–Russia talks" in html


def test_classification_banner_top_and_bottom(reference_page):
    html, page = reference_page
    banners = [k for k, (t, a) in enumerate(page.elements) if a.get("class") == "banner"]
    assert len(banners) == 2
    # the full edition is marked like every other edition's banner (audience.marking)
    assert html.count(">UNCLASSIFIED · FULL EDITION<") == 2
    assert "Full briefing" in page.words
    assert '@top-center{content:"UNCLASSIFIED \\b7  FULL EDITION"' in html  # and in every printed page's margin


def test_every_link_lands_and_endnotes_link_back(reference_page):
    _, page = reference_page
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids)), "ids are unique"
    targets = [a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")]
    assert targets and set(targets) <= set(ids)
    refs = [t for t in targets if t.startswith("src-")]
    backs = [t for t in targets if t.startswith("ref-")]
    assert len(refs) == len(backs) > 10  # every reference has its way back from the endnote


def test_self_contained_no_requests(reference_page):
    html, page = reference_page
    assert not page.all("script") and not page.all("link") and not page.all("iframe")
    for tag, a in page.elements:
        for k, v in a.items():
            if k in ("src", "href", "action", "poster", "srcset", "xlink:href"):
                assert v.startswith(("#", "data:")), (tag, k, v)
    assert "url(" not in html and "@import" not in html and "http://" not in html.split("<body")[0]


def test_same_words_as_the_memo(reference_page):
    """Block by block, the memo plan's content text is on the page, in the memo's order."""
    _, page = reference_page
    words = page.words
    plan = memo_plan.plan(load_edition(REFERENCE))
    pos = 0
    for block in plan.blocks:
        texts = []
        if isinstance(block, memo_plan.Heading):
            texts = [block.title]
        elif isinstance(block, memo_plan.Text):
            texts = [block.text]
        elif isinstance(block, (memo_plan.BottomLine, memo_plan.Bullets)):
            texts = [i.text for i in block.items]
        elif isinstance(block, memo_plan.OutcomeTable):
            texts = [t for r in block.rows for t in (r.title, r.summary, *r.conditions, *r.obstacles)]
        elif isinstance(block, memo_plan.ReactionTable):
            texts = [t for r in block.rows for t in (r.party, r.text)]
        elif isinstance(block, memo_plan.Endnotes):
            texts = [n.text for n in block.notes]
        for t in texts:
            found = words.find(" ".join(plain(t).split()), pos)
            assert found >= 0, f"not on the page after position {pos}: {t!r}"
            pos = found


def test_rebuild_is_byte_identical(tmp_path):
    a = build(REFERENCE, tmp_path / "a").read_bytes()
    b = build(REFERENCE, tmp_path / "b").read_bytes()
    assert a == b


def _hostile_content(tmp_path: Path) -> Path:
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    joined = " ".join(HOSTILE)
    data["briefing"]["title"] = joined
    data["briefing"]["classification"] = HOSTILE[0] + HOSTILE[9]
    data["parties"][0]["name"] = HOSTILE[1]
    data["issues"][0]["name"] = HOSTILE[6]
    data["summary"].append(joined)
    data["sources"][0]["url"] = 'https://example.org/"><script>alert(1)</script>'
    data["sources"][0]["note"] = joined
    data["sections"] = [{"id": "x", "title": HOSTILE[3], "body": "\n\n".join(HOSTILE)}]
    data.pop("figures")  # this page must hold no image at all
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_hostile_content_stays_text(tmp_path):
    html = build(_hostile_content(tmp_path), tmp_path / "out").read_text(encoding="utf-8")
    page = Page(html)
    assert not page.all("script") and not page.all("img")
    tags = {t for t, _ in page.elements}
    assert "b" not in tags and "iframe" not in tags
    for tag, a in page.elements:
        assert not [k for k in a if k.startswith("on")], (tag, a)
        assert not any(str(v).lower().startswith("javascript:") for v in a.values()), (tag, a)
    assert len(page.all("svg")) == sum(1 for _, a in page.elements if a.get("role") == "img"
                                       and a.get("class") != "lsteps")  # a badge's steps: an image of spans
    # the style element is whole: the content's "</style>" did not end it
    assert html.count("</style>") == 1 and html.count("<style>") == 1
    for s in HOSTILE:
        assert " ".join(s.split()) in page.words, s  # shown as written


@pytest.mark.parametrize("theme", ["default", "print"])
@pytest.mark.parametrize("audience", [None, *BUILTIN])
def test_every_audience_and_theme(tmp_path, audience, theme):
    args = ["--theme", theme] + (["--audience", audience] if audience else [])
    html = build(REFERENCE, tmp_path, *args).read_text(encoding="utf-8")
    page = Page(html)
    restricted = "Weigh China's offer to mediate"
    if audience is None:
        assert "Full briefing" in page.words and restricted in page.words
    else:
        assert f"{audience.capitalize()} " in page.words
        if audience == "press":
            assert restricted not in page.words and BUILTIN["press"].disclaimer in page.words
    if theme == "print":
        assert '"DejaVu Serif"' in html


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_other_scripts_get_lang_and_dir(tmp_path, name):
    lang, direction = SCRIPTS[name]
    page = Page(build(DATA / f"{name}.yaml", tmp_path).read_text(encoding="utf-8"))
    assert page.all("html")[0] == {"lang": lang, "dir": direction}
    marked = [a for _, a in page.elements if "lang" in a and a is not page.all("html")[0]]
    assert {"lang": "en", "dir": "ltr"} in marked or lang == "ja"  # reportkit's own English words
    if name == "cjk":
        assert {"lang": "ko"} in marked and {"lang": "en"} in marked
    if name == "rtl-hebrew":
        assert {"lang": "ar"} in marked  # the Arabic quotation inside Hebrew text (both right to left)
    if direction == "rtl":  # Latin runs in right-to-left text are isolated left to right
        assert any(a.get("dir") == "ltr" and "lang" not in a for a in marked) or any(
            a.get("dir") == "ltr" for _, a in page.elements)


def test_script_runs():
    from reportkit.html.markup import Writer

    en = Writer("en")
    assert en.text("a שלום b") == 'a <span lang="he" dir="rtl">שלום</span> b'
    assert en.text("Tehran: پژوهش") == 'Tehran: <span lang="fa" dir="rtl">پژوهش</span>'
    assert en.text("東京 and 北京") == '<span lang="ja">東京</span> and <span lang="zh">北京</span>' or \
        en.text("東京 and 北京") == '<span lang="zh">東京</span> and <span lang="zh">北京</span>'
    ar = Writer("ar")
    assert ar.text("مرحبا UN 2026") == 'مرحبا <span dir="ltr">UN</span> 2026'
    assert ar.ui("Party") == '<span lang="en" dir="ltr">Party</span>'
    assert en.rich("**<b>**") == "<strong>&lt;b&gt;</strong>"


def test_since_shows_what_changed_and_moved_scores(tmp_path):
    r = run_cli("build", DATA / "diff-new.yaml", "--since", DATA / "diff-old.yaml", "--format", "html",
                "--out", tmp_path)
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "diff-new-briefing.html").read_text(encoding="utf-8")
    page = Page(html)
    assert any(a.get("id") == "changes" for _, a in page.elements)  # "What changed since …", a section
    assert "What changed since 19 November 2026" in page.words
    assert "Ukraine on Direct U.S.–Russia talks: −1 → −2" in page.words
    assert html.count('class="was"') == 2  # the matrix cells that moved show their old score first
    assert 'class="ghost"' in html  # and the charts a ring at the old score


def test_the_web_edition_loads_no_rendering_library(tmp_path):
    code = ("import sys; from reportkit.cli import main; rc = main(sys.argv[1:]); "
            "print(sorted(m for m in ('reportlab', 'pptx', 'matplotlib', 'docx') if m in sys.modules)); sys.exit(rc)")
    r = run_cli("build", REFERENCE, "--format", "html", "--out", tmp_path, "--quiet", code=code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


def test_a_theme_logo_is_inline_with_alt_text(tmp_path):
    import base64

    logo = Path(__file__).resolve().parents[2] / "assets" / "logo.png"
    (tmp_path / "themes").mkdir()
    shutil.copy(logo, tmp_path / "themes" / "logo.png")
    (tmp_path / "themes" / "default.yaml").write_text("extends: default\nlogo: logo.png\n", encoding="utf-8")
    copy_reference(tmp_path, "briefing.yaml")
    page = Page(build(tmp_path / "briefing.yaml", tmp_path / "out").read_text(encoding="utf-8"))
    [img] = [i for i in page.all("img") if i.get("class") == "logo"]
    assert img["alt"] == "Logo: reportkit reference briefing"
    assert base64.b64decode(img["src"].split(",", 1)[1]) == logo.read_bytes()
