"""The memo's shortcuts around slow reportlab paths (issue 19) change no byte: paragraphs parsed
without html.parser, Python ``sameFrag``, the ``splitString`` and ``pdfdocEnc`` fast paths, kept word
widths, the language and font-coverage checks. Each is compared with reportlab's own code: whole memos with and
without them, and each on inputs chosen to reach its fallbacks."""
from __future__ import annotations

import pytest
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from conftest import REFERENCE
from reportkit.workarounds import reportlab as rl
from reportkit.workarounds.reportlab_tags import language_of


def _slow_reportlab(monkeypatch) -> None:
    """reportlab as installed: every shortcut undone for the rest of the test."""
    from reportlab.lib.rl_accel import sameFrag
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import paragraph

    for patch in (rl.fast_same_frag, rl.fast_split_string, rl.fast_pdfdoc_encoding, rl.fast_word_widths):
        patch()  # installed, so that the originals are at hand
    monkeypatch.setattr(paragraph, "sameFrag", sameFrag)
    monkeypatch.setattr(TTFont, "splitString", TTFont.splitString.original)
    monkeypatch.setattr(pdfdoc, "pdfdocEnc", pdfdoc.pdfdocEnc.original)
    monkeypatch.setattr(paragraph, "stringWidth", paragraph.stringWidth.original)
    for name in ("fast_same_frag", "fast_split_string", "fast_pdfdoc_encoding", "fast_word_widths"):
        monkeypatch.setattr(rl, name, lambda: None)
    import reportkit.memo.emit as emit

    for name in ("fast_same_frag", "fast_split_string", "fast_pdfdoc_encoding", "fast_word_widths"):
        monkeypatch.setattr(emit, name, lambda: None)
    monkeypatch.setattr(rl.paragraph_class(), "_setup", Paragraph._setup)
    monkeypatch.setattr(rl, "unchecked_shapes", lambda build: build)


@pytest.mark.parametrize("audience,theme", [(None, "default"), ("press", "print")])
def test_a_memo_is_the_same_bytes_with_and_without_the_shortcuts(monkeypatch, audience, theme):
    from reportkit import memo
    from reportkit.pipeline import load_edition

    fast = memo.render(load_edition(REFERENCE, audience, theme)).data
    fast_again = memo.render(load_edition(REFERENCE, audience, theme)).data  # warm: cached templates
    with monkeypatch.context() as m:
        _slow_reportlab(m)
        slow = memo.render(load_edition(REFERENCE, audience, theme)).data
    assert fast == slow == fast_again


STYLE = ParagraphStyle("t", fontName="Helvetica", fontSize=9, textColor=HexColor("#223344"))
MARKUP = [
    "plain text, no markup",
    "  spaced\n  over lines  ",
    "R&amp;D &lt;b&gt; &quot;quoted&quot;",
    "<b>bold</b> and <i>italic <b>both</b></i>",
    '<font face="Helvetica-Bold">face</font><font size="7">small</font>',
    'note<super size="7.5"><a href="#src-3" color="#1f4e79">3</a>,<a href="#src-5" color="#1f4e79">5</a></super>',
    '<a name="src-1"/>An endnote <a href="https://example.org/?a=1&amp;b=2" color="#c00000">link</a>',
    "a<br/>b",
    "",
]
FALLBACK = ["1 < 2", "a & b", "<unknown>x</unknown>", "<b>unclosed", "<b>x</i>", "<para>own</para>",
            '<font face = "Helvetica">spaced attribute</font>', "&#65; charref"]


def _frags(p):
    def norm(v):
        if isinstance(v, (list, tuple)):
            return [norm(x) for x in v]
        if hasattr(v, "hexval"):
            return v.hexval(), v.alpha
        if type(v).__name__ in ("ParaFrag", "ABag"):
            return {k: norm(x) for k, x in vars(v).items()}
        return v

    return p.text, norm(p.frags), norm(p.bulletText)


@pytest.mark.parametrize("text", MARKUP + FALLBACK)
def test_a_paragraph_parses_to_the_fragments_html_parser_gives(text):
    def parsed(cls):
        try:
            return _frags(cls(text, STYLE, bulletText="\u2022"))
        except ValueError as e:  # broken markup: reportlab's error, both ways
            return type(e)

    assert parsed(rl.paragraph_class()) == parsed(Paragraph)


def test_markup_reportlab_would_parse_otherwise_is_left_to_it():
    assert all(rl.markup_tree(t) is None for t in FALLBACK if "<" in t or "&" in t)
    assert rl.markup_tree("<b>x</b> &amp;") == ("para", {}, [("b", {}, ["x"]), " ", "&"])


def test_same_frag_agrees_with_rl_accel():
    from reportlab.lib.rl_accel import sameFrag

    frags = Paragraph('a <b>b</b> c <font size="7">d</font> <a href="#x">e</a> f<br/>g <a name="n"/>', STYLE).frags
    frags += Paragraph("h i", STYLE).frags
    pairs = [(f, g) for f in frags for g in frags]
    assert any(sameFrag(f, g) for f, g in pairs) and not all(sameFrag(f, g) for f, g in pairs)
    assert [bool(sameFrag(f, g)) for f, g in pairs] == [rl.same_frag(f, g) for f, g in pairs]


def test_pdfdoc_encoding_is_reportlabs_for_every_character():
    from reportlab.pdfbase import pdfdoc

    rl.fast_pdfdoc_encoding()
    fast, slow = pdfdoc.pdfdocEnc, pdfdoc.pdfdocEnc.original

    def outcome(f, x):
        try:
            return f(x)
        except UnicodeError as e:
            return type(e)

    for text in [chr(c) for c in range(0x300)] + ["/Type /Annot", "12 0 obj\n", "\u2022 \u00e9", b"bytes"]:
        assert outcome(fast, text) == outcome(slow, text), repr(text)


def test_split_string_gives_reportlabs_chunks_and_codes(tmp_path):
    """Same chunks, in a document whose codes reportlab assigns; a second font state sees the fast
    path (every character known) and the fallback (a new one) mixed."""
    from reportlab.pdfgen.canvas import Canvas

    from reportkit.memo.fonts import memo_fonts
    from reportkit.theme import load_theme
    from reportlab.pdfbase.pdfmetrics import getFont

    rl.fast_split_string()
    font = getFont(memo_fonts(load_theme("default")).body)
    texts = ["Hello world", "caf\u00e9\u00a0bar", "Hello", "\u0416\u0436 \u03a9", "Hello \u0416", ""]
    texts += ["".join(chr(c) for c in range(0x20, 0x250) if ord(chr(c)) in font.face.charToGlyph)] * 2
    fast_doc, slow_doc = Canvas(str(tmp_path / "a.pdf"))._doc, Canvas(str(tmp_path / "b.pdf"))._doc
    for text in texts:
        assert font.splitString(text, fast_doc) == type(font).splitString.original(font, text, slow_doc)
    assert font.state[fast_doc].assignments == font.state[slow_doc].assignments


@pytest.mark.parametrize("text,lang", [
    ("Hello", None), ("  12 ", ""), ("\u2019Hi", None), ("\u2014 3.", ""), ("\u00e9t\u00e9", None),
    ("\u05e9\u05dc\u05d5\u05dd", "he"), ("\u0633\u0644\u0627\u0645", "ar"), ("\u067e\u0627\u0631\u0633\u06cc", "fa"),
    ("\u4e2d\u6587", "zh"), ("\u65e5\u672c\u8a9e\u3067\u3059", "ja"), ("\ud55c\uad6d\uc5b4", "ko"),
    ("x\u4e2d", None), ("\u0661\u0662 abc", None), ("12 \u4e2d", "zh"),
])
def test_language_of_a_drawn_string(text, lang):
    assert language_of(text) == lang
