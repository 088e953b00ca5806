"""Tagged PDF (PDF/UA-1) on reportlab 5.1, which writes no structure tree at all.

reportlab has no tagging API (NOTES-libraries: "reportlab cannot produce tagged PDF"), but its catalog
takes ``StructTreeRoot``/``MarkInfo``/``Metadata`` and its canvas writes literal operators. This module
adds the rest:

- ``Elem``: a structure element (``Document``, ``H1``, ``P``, ``Table``, ``TH``, ``Figure`` …) built by
  the renderer in reading order, before layout; a flowable carries the element it draws as ``_a11y``.
- ``tagging_canvas(base)``: a canvas class in which every page starts as one ``/Artifact`` marked-content
  sequence. A tagged flowable closes it, draws inside ``/P <</MCID n>> BDC … EMC`` and reopens it, so all
  page content is either in a structure element or an artifact (banners, running headers and footers,
  page numbers, table rules and fills). At ``save`` it writes the structure elements, the parent tree,
  ``/StructParents`` and ``/Tabs /S`` on every page, ``/MarkInfo``, and XMP metadata with ``dc:title``
  and ``pdfuaid:part 1``.
- ``install()``: once per process, makes ``Flowable.drawOn`` mark tagged flowables (inert for
  untagged ones or other canvases), makes ``Paragraph.split`` hand its element to both halves (a
  paragraph broken over a page stays one ``P``), lets a bullet be drawn as the item's ``Lbl``, and
  makes a table's header row repeated on the next page an artifact (the ``Table`` stays one element);
  on a tagging canvas each paragraph line ends in a (invisible) space, so joined lines keep their words apart.
- Link annotations drawn inside a tagged flowable get a ``Link`` element (``OBJR``), a
  ``/StructParent`` and a ``/Contents`` description.
"""
from __future__ import annotations

import re
from functools import lru_cache

ARTIFACT_OPEN = "/Artifact BMC"


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape`` without importing it: it imports urllib.request (http, email, ssl),
    about 30 ms of a cold build that needs none of them."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Elem:
    """A structure element. ``kids``: child elements, and (while drawing) marked-content ids as
    ``(page, mcid)`` and annotations as ``("annot", page, name)``, in order."""

    __slots__ = ("role", "kids", "parent", "alt", "attrs", "lang", "ident", "label", "_ref")

    def __init__(self, role: str, parent: "Elem | None" = None, *, alt: str | None = None,
                 attrs: dict | None = None, lang: str | None = None, ident: str | None = None):
        self.role, self.parent, self.alt, self.attrs, self.lang = role, parent, alt, attrs or {}, lang
        self.ident = ident  # the element's /ID (a Note's, which PDF/UA requires)
        self.kids: list = []
        self.label = None  # a list item body's Lbl, drawn by the paragraph's bullet
        self._ref = None
        if parent is not None:
            parent.kids.append(self)

    def add(self, role: str, **kw) -> "Elem":
        return Elem(role, self, **kw)

    def elements(self):
        return [k for k in self.kids if isinstance(k, Elem)]

    def has_content(self) -> bool:
        return any(not isinstance(k, Elem) or k.has_content() for k in self.kids)

    def __repr__(self) -> str:
        return f"Elem({self.role}, {len(self.kids)} kids)"


def tag(flowable, elem: Elem, label: Elem | None = None):
    """Mark ``flowable`` as drawing ``elem`` (and its bullet as ``label``)."""
    flowable._a11y = elem
    if label is not None:
        flowable._a11y_label = label
    return flowable


def untag(flowable):
    """A copy of ``flowable`` drawn as an artifact (a table header repeated on the next page)."""
    import copy

    out = copy.copy(flowable)
    out.__dict__.pop("_a11y", None)
    out.__dict__.pop("_a11y_label", None)
    return out


def _untag_cell(cell):
    if isinstance(cell, (list, tuple)):
        return [_untag_cell(c) for c in cell]
    return untag(cell) if "_a11y" in getattr(cell, "__dict__", {}) else cell


# --- the drawing side ---------------------------------------------------------------------------

_ASCII_LETTER = re.compile("[A-Za-z]")
_PERSIAN = set("\u067e\u0686\u0698\u06af\u06a9\u06cc")  # پ چ ژ گ ک ی: letters Arabic does not use


def language_of(text: str) -> str | None:
    """The language a drawn string is in, guessed from its script (the content format does not say):
    "ar", or "fa" when it has letters Arabic does not use, "he", "zh", "ja" (kana), "ko"; None for
    other letters (the document's language); "" for no letters (spaces, digits, punctuation: whatever
    span is open goes on). Shaped right-to-left glyphs are private code points: their text is in
    the ToUnicode table."""
    # Most drawn strings are Latin: decided by their first letter without listing every letter (this
    # runs for every line drawn; the full scan was about 5 ms of each memo).
    if text.isascii():
        return None if _ASCII_LETTER.search(text) else ""
    from .reportlab import EXTRA_TO_UNICODE  # imported here, after the fast path: ~3 us a call

    for ch in text:
        c = EXTRA_TO_UNICODE.get(ord(ch), "")[:1] if ord(ch) >= 0xF0000 else ch
        if c.isalpha():
            if ord(c) < 0x0590:  # below every script listed here
                return None
            break
    else:
        return ""
    letters = [c for c in (EXTRA_TO_UNICODE.get(ord(ch), "")[:1] if ord(ch) >= 0xF0000 else ch for ch in text)
               if c.isalpha()]
    for c in letters:
        cp = ord(c)
        if 0x0590 <= cp <= 0x05FF or 0xFB1D <= cp <= 0xFB4F:
            return "he"
        if 0x0600 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF:
            return "fa" if any(ch in _PERSIAN for ch in letters) else "ar"
        if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
            return "ko"
        if 0x3040 <= cp <= 0x30FF:
            return "ja"
        if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
            return "ja" if any(0x3040 <= ord(ch) <= 0x30FF for ch in letters) else "zh"
        return None
    return ""


def install() -> None:
    """Patch reportlab once (idempotent): tagged flowables mark their content; splits keep the tag."""
    from reportlab.platypus import paragraph
    from reportlab.platypus.flowables import Flowable
    from reportlab.pdfgen.textobject import PDFTextObject
    from reportlab.platypus.tables import Table

    if getattr(Flowable.drawOn, "reportkit_tags", False):
        return
    draw_on, split, bullet = Flowable.drawOn, paragraph.Paragraph.split, paragraph._drawBullet
    split_rows = Table._splitRows
    text_out, get_code = PDFTextObject._textOut, PDFTextObject.getCode

    def tagged_draw_on(self, canvas, x, y, _sW=0):
        elem = self.__dict__.get("_a11y")
        begin = getattr(canvas, "a11y_begin", None)
        if elem is None or begin is None:
            return draw_on(self, canvas, x, y, _sW)
        label = self.__dict__.get("_a11y_label") if getattr(self, "bulletText", None) else None
        begin(label or elem, then=elem if label else None)
        try:
            return draw_on(self, canvas, x, y, _sW)
        finally:
            canvas.a11y_end()

    def tagged_split(self, availWidth, availHeight):
        parts = split(self, availWidth, availHeight)
        elem, label = self.__dict__.get("_a11y"), self.__dict__.get("_a11y_label")
        if elem is not None:
            for k, part in enumerate(parts):
                part._a11y = elem
                if label is not None and k == 0:
                    part._a11y_label = label
        return parts

    def tagged_bullet(canvas, *args, **kw):
        out = bullet(canvas, *args, **kw)
        after = getattr(canvas, "a11y_after_bullet", None)
        if after is not None:
            after()
        return out

    def tagged_split_rows(self, availHeight, doInRowSplit=0):
        parts = split_rows(self, availHeight, doInRowSplit)
        repeat = self.repeatRows
        if len(parts) == 2 and isinstance(repeat, int) and repeat:  # the header repeated overleaf: an artifact
            rest = parts[1]
            rest._cellvalues = [[_untag_cell(c) for c in row] if r < repeat else row
                                for r, row in enumerate(rest._cellvalues)]
        return parts

    def spaced_text_out(self, text, TStar=0):
        # A paragraph line ends with no space: readers that join the tagged text (poppler, so Orca
        # and pdf.js-like clients) read "formaldiscussions". A trailing space is invisible.
        language = getattr(self._canvas, "a11y_language", None)
        if language is None:
            return text_out(self, text, TStar)
        if TStar and not text.endswith(" "):
            text += " "
        ops = language(language_of(text))
        if ops:
            self._code.append(ops)
        return text_out(self, text, TStar)

    def closing_get_code(self):
        inline = getattr(self._canvas, "_a11y_inline", None)
        if inline is not None:  # a span still open when the text object ends: end it inside (BT … ET)
            self._code.append(self._canvas._a11y_switch(None))
        return get_code(self)

    tagged_draw_on.reportkit_tags = True
    PDFTextObject._textOut = spaced_text_out
    PDFTextObject.getCode = closing_get_code
    Table._splitRows = tagged_split_rows
    Flowable.drawOn = tagged_draw_on
    paragraph.Paragraph.split = tagged_split
    paragraph._drawBullet = tagged_bullet


def tagging_canvas(base, root: Elem, *, title: str, author: str, subject: str, lang: str,
                   describe_link=None):
    """A canvas class (a ``base`` subclass) that tags as it draws and writes ``root``'s tree at save.
    ``describe_link(annotation) -> str``: the ``/Contents`` of a link annotation."""
    return _canvas_class(base)(root, dict(title=title, author=author, subject=subject, lang=lang),
                               describe_link)


@lru_cache(maxsize=None)
def _canvas_class(base):
    from functools import partial

    class TaggingCanvas(base):
        def __init__(self, *args, a11y_root: Elem, a11y_meta: dict, a11y_link=None, **kw):
            super().__init__(*args, **kw)
            self._a11y_root, self._a11y_meta, self._a11y_link = a11y_root, a11y_meta, a11y_link
            self._a11y_page = 0  # index of the page being drawn
            self._a11y_mcid = 0  # next marked-content id on this page
            self._a11y_depth = 0
            self._a11y_then = None  # the element after a bullet's Lbl
            self._a11y_current = None
            self._a11y_annots = 0
            self._a11y_annot_keys: list = []  # (annotation name, Link element)
            self._a11y_inline = None  # the open inline element (a Span in another language, a Link) or None
            self._a11y_links: list = []  # endnote-marker Link elements waiting for their annotation
            self._code.append(ARTIFACT_OPEN)

        # marked content
        def _a11y_open(self, elem: Elem) -> None:
            self._code.append(self._a11y_bdc(elem))
            self._a11y_current = elem
            self._a11y_inline = None

        def _a11y_bdc(self, elem: Elem) -> str:
            mcid = self._a11y_mcid
            self._a11y_mcid += 1
            elem.kids.append((self._a11y_page, mcid))
            return f"/{elem.role} <</MCID {mcid}>> BDC"

        # inline elements: a paragraph's marked content is cut where a span in another language or an
        # endnote marker starts and ends (one marked-content sequence open at a time, never nested:
        # poppler 22.12 ends the outer sequence at a nested EMC)
        def _a11y_switch(self, inline: "Elem | None") -> str:
            """The operators that end the open marked content and start ``inline``'s (None: the
            element's own again)."""
            self._a11y_inline = inline
            return "EMC " + self._a11y_bdc(inline or self._a11y_current)

        def _a11y_inline_ok(self) -> bool:
            cur = self._a11y_current
            return self._a11y_depth == 1 and cur is not None and cur.role not in ("Figure", "Lbl")

        def a11y_language(self, lang: str | None) -> str:
            """Operators before text in language ``lang`` (None: the document's; "": no letters, it
            continues whatever is open)."""
            if lang == "" or not self._a11y_inline_ok():
                return ""
            doc = (self._a11y_meta.get("lang") or "").split("-")[0].lower()
            if lang and lang.split("-")[0].lower() == doc:
                lang = None
            inline = self._a11y_inline
            if inline is not None and inline.role == "Link":
                return ""
            now = inline.lang if inline is not None else None
            if now == lang:
                return ""
            if {now, lang} <= {"ar", "fa"}:  # one Arabic-script span: Persian if any word shows it
                inline.lang = "fa"
                return ""
            return self._a11y_switch(self._a11y_current.add("Span", lang=lang) if lang else None)

        def a11y_link(self, tx, href: str, kind: str) -> None:
            """reportlab's link record hook (``_putFragLine``): an endnote marker (``#src-N``) becomes
            ``Reference`` → ``Link`` with its own marked content; its annotation is attached at the end."""
            if not href.startswith("#src-") or not self._a11y_inline_ok():
                return
            if kind == "start" and tx._code:  # called after the marker's text was written: open before it
                link = self._a11y_current.add("Reference").add("Link")
                self._a11y_links.append(link)
                tx._code[-1] = self._a11y_switch(link) + " " + tx._code[-1]
            elif kind == "end" and self._a11y_inline is not None and self._a11y_inline.role == "Link":
                tx._code.append(self._a11y_switch(None))

        def beginText(self, *args, **kw):
            t = super().beginText(*args, **kw)
            t._linkRecord = lambda link, kind: self.a11y_link(t, link[1] if isinstance(link, tuple) else "", kind)
            return t

        def a11y_begin(self, elem: Elem, then: Elem | None = None) -> None:
            self._a11y_depth += 1
            if self._a11y_depth > 1:  # a tagged flowable inside another: part of the outer one's content
                return
            self._code.append("EMC")
            self._a11y_open(elem)
            self._a11y_then = then
            self._a11y_annots = len(self._annotationrefs)

        def a11y_after_bullet(self) -> None:
            if self._a11y_depth == 1 and self._a11y_then is not None:
                self._code.append("EMC")
                self._a11y_open(self._a11y_then)
                self._a11y_then = None

        def a11y_end(self) -> None:
            self._a11y_depth -= 1
            if self._a11y_depth:
                return
            self._code.append("EMC")
            self._code.append(ARTIFACT_OPEN)
            for ref in self._annotationrefs[self._a11y_annots:]:  # links drawn by this flowable
                # an endnote marker's Link (in drawing order), else a Link of its own
                link = self._a11y_links.pop(0) if self._a11y_links else Elem("Link", self._a11y_current)
                link.kids.append(("annot", self._a11y_page, ref.name))
                self._a11y_annot_keys.append((ref.name, link))
            self._a11y_links = []
            self._a11y_current = self._a11y_then = self._a11y_inline = None

        # pages
        def showPage(self):
            self._code.append("EMC")
            super().showPage()
            self._a11y_page += 1
            self._a11y_mcid = 0
            self._code.append(ARTIFACT_OPEN)

        def _setAnnotations(self, page):
            super()._setAnnotations(page)
            from reportlab.pdfbase.pdfdoc import PDFName, PDFPage

            if not isinstance(page, PDFPage):  # a form XObject (the "Page X of Y" labels)
                return

            page.__NoDefault__ = [*type(page).__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = self._a11y_page
            page.Tabs = PDFName("S")

        def save(self):
            if self._code and self._code != [ARTIFACT_OPEN]:
                self.showPage()  # what Canvas.save does first: finish the last page
            if self._code == [ARTIFACT_OPEN]:
                self._code = []  # nothing drawn after the last page: no blank page
            _write_tree(self._doc, self._a11y_root, self._a11y_page, self._a11y_annot_keys, self._a11y_link)
            _write_catalog(self._doc, self._a11y_meta)
            super().save()

    def make(root: Elem, meta: dict, describe_link):
        return partial(TaggingCanvas, a11y_root=root, a11y_meta=meta, a11y_link=describe_link)

    return make


# --- writing the tree ---------------------------------------------------------------------------


def _page_ref(page: int):
    from reportlab.pdfbase.pdfdoc import PDFObjectReference

    return PDFObjectReference(f"Page{page + 1}")  # reportlab's page names count from 1


def _first_page(elem: Elem):
    for k in elem.kids:
        if isinstance(k, Elem):
            p = _first_page(k)
            if p is not None:
                return p
        else:
            return k[1] if k[0] == "annot" else k[0]
    return None


def _write_tree(doc, root: Elem, pages: int, annots: list, describe_link) -> None:
    """The structure elements, the parent tree and the tree root, written as preformatted objects:
    a memo has about a thousand elements, and reportlab's generic dictionary formatting of each cost
    more than the rest of the tagging together."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString

    order: list[Elem] = []

    def walk(e: Elem) -> bool:  # pre-order; an element with nothing drawn under it is left out
        start = len(order)
        order.append(e)
        drawn = False
        for k in e.kids:
            drawn = (walk(k) if isinstance(k, Elem) else True) or drawn
        if not drawn and e is not root:
            del order[start:]
        return drawn

    walk(root)
    kept = set(map(id, order))
    raws = [_Raw() for _ in order]
    for n, (e, raw) in enumerate(zip(order, raws)):
        e._ref = doc.Reference(raw, f"SE{n}")
    tree = _Raw()
    doc.Reference(tree, "StructTreeRoot")
    num = doc.idToObjectNumberAndVersion

    def ref(name: str) -> str:
        return f"{num[name][0]} 0 R"

    def page(pg: int) -> str:
        return ref(f"Page{pg + 1}")  # reportlab's page names count from 1

    def text(s: str) -> str:
        return PDFString(s).format(doc).decode("latin-1")

    by_page: dict[int, dict[int, str]] = {p: {} for p in range(pages)}
    for e, raw in zip(order, raws):
        me = ref(e._ref.name)
        first = _first_page(e)
        parts = ["/Type /StructElem", f"/S /{e.role}",
                 f"/P {ref(e.parent._ref.name) if e.parent is not None else ref('StructTreeRoot')}"]
        if first is not None:
            parts.append(f"/Pg {page(first)}")
        kids = []
        for k in e.kids:
            if isinstance(k, Elem):
                if id(k) in kept:
                    kids.append(ref(k._ref.name))
            elif k[0] == "annot":
                kids.append(f"<< /Type /OBJR /Obj {ref(k[2])} /Pg {page(k[1])} >>")
            else:
                pg, mcid = k
                by_page.setdefault(pg, {})[mcid] = me
                kids.append(str(mcid) if pg == first else f"<< /Type /MCR /Pg {page(pg)} /MCID {mcid} >>")
        parts.append(f"/K [{' '.join(kids)}]")
        if e.alt is not None:
            parts.append(f"/Alt {text(e.alt)}")
        if e.lang:
            parts.append(f"/Lang {text(e.lang)}")
        if e.ident:
            parts.append(f"/ID {text(e.ident)}")
        if e.attrs:
            attrs = " ".join(f"/{k} {'/' + v if isinstance(v, str) else v}" for k, v in e.attrs.items())
            parts.append(f"/A << {attrs} >>")
        raw.data = f"<< {' '.join(parts)} >>".encode("latin-1")
    annot_key = {name: pages + k for k, (name, _) in enumerate(annots)}
    nums: list[str] = []
    for pg in range(pages):
        marks = by_page.get(pg, {})
        nums.append(f"{pg} [{' '.join(marks[m] for m in sorted(marks))}]")
    for name, link in annots:
        nums.append(f"{annot_key[name]} {ref(link._ref.name)}")
        annot = doc.idToObject[name]
        if isinstance(annot, PDFDictionary):  # a web link (canvas.linkURL builds a bare dictionary)
            annot["StructParent"] = annot_key[name]
            if describe_link is not None:
                annot["Contents"] = PDFString(describe_link(annot))
            continue
        annot.permitted = (*type(annot).permitted, "StructParent")
        annot.otherkw["StructParent"] = annot_key[name]
        if describe_link is not None:
            annot.Contents = describe_link(annot)
    tree.data = (f"<< /Type /StructTreeRoot /K [{ref(root._ref.name)}] /ParentTree << /Nums [{' '.join(nums)}] >> "
                 f"/ParentTreeNextKey {pages + len(annots)} >>").encode("latin-1")
    doc.Catalog.StructTreeRoot = tree


def _raw_class():
    from reportlab.pdfbase.pdfdoc import PDFObject

    class Raw(PDFObject):
        """An indirect object whose bytes are written as they are."""

        data = b"<< >>"

        def format(self, document):
            return self.data

    return Raw


def _Raw():
    global _RAW
    if _RAW is None:
        _RAW = _raw_class()
    return _RAW()


_RAW = None


def _annot_ref(name: str):
    from reportlab.pdfbase.pdfdoc import PDFObjectReference

    return PDFObjectReference(name)


def _write_catalog(doc, meta: dict) -> None:
    from reportlab.pdfbase.pdfdoc import XMP, PDFDictionary

    doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    doc.Catalog.Metadata = XMP(creator=lambda _doc: xmp(**meta).encode("utf-8"))  # bytes: pdfdoc would encode a str as PDFDocEncoding


def xmp(*, title: str, author: str, subject: str, lang: str) -> str:
    """XMP metadata: ``dc:title`` (shown by readers when DisplayDocTitle is set) and the PDF/UA-1 claim."""
    e = lambda s: escape(s or "")  # noqa: E731
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:format>application/pdf</dc:format>\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f'<dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>\n'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li></rdf:Alt></dc:description>\n'
        f'<dc:language><rdf:Bag><rdf:li>{e(lang)}</rdf:li></rdf:Bag></dc:language>\n'
        '<pdfuaid:part>1</pdfuaid:part>\n'
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n'
        '<?xpacket end="w"?>'
    )
