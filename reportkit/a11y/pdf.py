"""Accessibility checks of a PDF (PDF/UA-1 essentials), read back with pypdf: problems as data.

What is checked: the catalog (``/MarkInfo /Marked true``, ``/Lang``, ``/StructTreeRoot``, XMP metadata
with ``dc:title`` and ``pdfuaid:part``, ``DisplayDocTitle``); every page (``/Tabs /S``,
``/StructParents``, every painting operator inside marked content, every marked-content id reachable
from the parent tree and pointing at an element that owns it); the structure tree (figures with
``/Alt``, tables with ``TH`` cells and a ``/Scope`` on each, at least one heading, headings starting at
``H1``, notes with a unique ``/ID``); annotations tagged (``/StructParent``, an ``OBJR`` from a ``Link``
element, ``/Contents``); fonts embedded with a ToUnicode map.
"""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from .findings import Finding

# operators that put marks on the page (ISO 32000-1, tables 51, 59, 87, 92): each must be tagged
PAINTING = {b"Tj", b"TJ", b"'", b'"', b"Do", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh",
            b"BI", b"INLINE IMAGE"}
HEADINGS = ("H", "H1", "H2", "H3", "H4", "H5", "H6")


@dataclass
class PageContent:
    mcids: list  # marked-content ids in content order
    untagged: int  # painting operators outside any marked content
    artifacts: int  # painting operators inside /Artifact


def _op_name(op) -> bytes:
    return op if isinstance(op, bytes) else str(op).encode()


def page_content(page) -> PageContent:
    """The marked-content ids of one page in order, and how many painting operators are untagged."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    out = PageContent([], 0, 0)
    if contents is None:
        return out
    stack: list = []
    for operands, op in ContentStream(contents, page.pdf).operations:
        op = _op_name(op)
        if op in (b"BMC", b"BDC"):
            tag = str(operands[0])
            mcid = None
            if op == b"BDC" and len(operands) > 1 and hasattr(operands[1], "get"):
                mcid = operands[1].get("/MCID")
            stack.append(tag)
            if mcid is not None:
                out.mcids.append(int(mcid))
        elif op == b"EMC":
            if stack:
                stack.pop()
        elif op in PAINTING:
            if not stack:
                out.untagged += 1
            elif stack[0] == "/Artifact":
                out.artifacts += 1
    return out


def _obj(x):
    return x.get_object() if hasattr(x, "get_object") else x


class Tree:
    """The structure tree as (role, element) pairs in reading order, with each element's marked content."""

    def __init__(self, root):
        self.elements: list = []  # (depth, role, dict)
        self.owned: set = set()  # (page object id, mcid) owned by some element
        self.annots: set = set()  # annotation object ids referenced by OBJR
        self.link_owner: dict = {}  # annotation object id -> the role of the element that references it
        kids = _obj(root.get("/K"))
        for k in kids if isinstance(kids, list) else [kids]:
            self._walk(_obj(k), 0, None)

    def _walk(self, e, depth, page) -> None:
        if not hasattr(e, "get"):
            return
        page = e.get("/Pg", page)
        page_id = getattr(page, "idnum", None)
        self.elements.append((depth, str(e.get("/S", ""))[1:], e))
        kids = e.get("/K")
        kids = kids if isinstance(_obj(kids), list) else [kids]
        for raw in _obj(kids) if isinstance(_obj(kids), list) else kids:
            k = _obj(raw)
            if k is None:
                continue
            if isinstance(k, int):
                self.owned.add((page_id, int(k)))
            elif hasattr(k, "get") and k.get("/Type") == "/MCR":
                pg = k.get("/Pg", page)
                self.owned.add((getattr(pg, "idnum", page_id), int(k["/MCID"])))
            elif hasattr(k, "get") and k.get("/Type") == "/OBJR":
                obj = getattr(k.get("/Obj"), "idnum", None)
                self.annots.add(obj)
                self.link_owner[obj] = str(e.get("/S", ""))[1:]
            elif hasattr(k, "get"):
                self._walk(k, depth + 1, page)

    def roles(self) -> list[str]:
        return [role for _, role, _ in self.elements]


def check_pdf(data: bytes, name: str = "memo.pdf") -> list[Finding]:
    """Every accessibility problem found in the PDF ``data``; ``name`` is used in the ``where`` of each."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    cat = reader.trailer["/Root"]
    problems: list[Finding] = []

    def add(where: str, message: str) -> None:
        problems.append(Finding(f"{name}:{where}", message))

    mark = _obj(cat.get("/MarkInfo")) or {}
    if not mark.get("/Marked"):
        add("catalog", "not a tagged PDF: /MarkInfo /Marked is not true")
    if not str(cat.get("/Lang") or "").strip():
        add("catalog", "no document language (/Lang)")
    prefs = _obj(cat.get("/ViewerPreferences")) or {}
    if not prefs.get("/DisplayDocTitle"):
        add("catalog", "the title bar shows the file name: /ViewerPreferences /DisplayDocTitle is not true")
    info = reader.metadata or {}
    if not str(info.get("/Title") or "").strip():
        add("info", "no document title")
    meta = _obj(cat.get("/Metadata"))
    xmp = meta.get_data() if meta is not None else b""
    if b"pdfuaid:part" not in xmp:
        add("metadata", "no XMP pdfuaid:part (the PDF/UA identification)")
    if b"<dc:title>" not in xmp:
        add("metadata", "no XMP dc:title")
    root = _obj(cat.get("/StructTreeRoot"))
    if root is None:
        add("catalog", "no structure tree (/StructTreeRoot): screen readers get no headings, lists or tables")
        tree = None
    else:
        tree = Tree(root)
        problems += [Finding(f"{name}:{f.where}", f.message) for f in check_tree(tree)]
    parent_tree = _parent_tree(root) if root is not None else {}
    for n, page in enumerate(reader.pages, 1):
        where = f"page {n}"
        if page.get("/Tabs") != "/S":
            add(where, "tab order does not follow the structure (/Tabs /S missing)")
        content = page_content(page)
        if content.untagged:
            add(where, f"{content.untagged} content operator(s) neither tagged nor marked as artifacts")
        if root is None:
            continue
        key = page.get("/StructParents")
        if content.mcids and key is None:
            add(where, "tagged content but no /StructParents entry")
            continue
        owners = parent_tree.get(int(key), []) if key is not None else []
        page_id = page.indirect_reference.idnum if page.indirect_reference else None
        for mcid in content.mcids:
            if mcid >= len(owners) or owners[mcid] is None:
                add(where, f"marked content {mcid} is not in the parent tree")
            elif tree is not None and (page_id, mcid) not in tree.owned:
                add(where, f"marked content {mcid} belongs to no structure element")
        for a in page.get("/Annots") or []:
            annot = _obj(a)
            if annot.get("/Subtype") != "/Popup":  # a popup belongs to its parent annotation
                if annot.get("/StructParent") is None:
                    add(where, f"{annot.get('/Subtype')} annotation not tagged (no /StructParent)")
                elif tree is not None and getattr(a, "idnum", None) not in tree.annots:
                    add(where, f"{annot.get('/Subtype')} annotation not in the structure tree (no OBJR)")
                elif annot.get("/Subtype") == "/Link" and tree is not None and tree.link_owner.get(a.idnum) != "Link":
                    add(where, "link annotation not inside a Link element")
                if not str(annot.get("/Contents") or "").strip():
                    add(where, f"{annot.get('/Subtype')} annotation without a description (/Contents)")
    problems += [Finding(f"{name}:fonts", m) for m in _font_problems(reader)]
    return problems


def check_tree(tree: Tree) -> list[Finding]:
    out = []
    roles = tree.roles()
    if not any(r in HEADINGS for r in roles):
        out.append(Finding("structure", "no headings (H1…H6)"))
    levels = [int(r[1]) for r in roles if r in HEADINGS[1:]]
    if levels and levels[0] != 1:
        out.append(Finding("structure", f"the first heading is H{levels[0]}, not H1"))
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            out.append(Finding("structure", f"heading levels skip from H{a} to H{b}"))
            break
    n_figures = 0
    note_ids: set[str] = set()
    for k, (depth, role, e) in enumerate(tree.elements):
        if role == "Note":  # PDF/UA-1 7.9: every note has an /ID, unique in the document
            ident = str(e.get("/ID") or "")
            if not ident:
                out.append(Finding("structure", "note (Note) without an /ID"))
            elif ident in note_ids:
                out.append(Finding("structure", f"two notes share the /ID {ident}"))
            note_ids.add(ident)
        if role == "Figure":
            n_figures += 1
            if not str(e.get("/Alt") or "").strip():
                out.append(Finding(f"figure {n_figures}", "figure without alternate text (/Alt)"))
        if role == "TH":
            attrs = _obj(e.get("/A")) or {}
            attrs = attrs if hasattr(attrs, "get") else {}
            if not attrs.get("/Scope"):
                out.append(Finding("structure", "table header cell (TH) without /Scope"))
        if role == "Table":
            inner = []
            for d, r, _ in tree.elements[k + 1:]:
                if d <= depth:
                    break
                inner.append(r)
            if "TH" not in inner:
                out.append(Finding("structure", "table without header cells (TH)"))
    return out


def _parent_tree(root) -> dict[int, list]:
    """The parent tree's number tree flattened: key -> list (pages) or element (annotations)."""
    out: dict[int, list] = {}

    def walk(node):
        node = _obj(node)
        nums = node.get("/Nums")
        if nums is not None:
            for k in range(0, len(nums), 2):
                v = _obj(nums[k + 1])
                out[int(nums[k])] = [_obj(x) for x in v] if isinstance(v, list) else v
        for kid in node.get("/Kids") or []:
            walk(kid)

    pt = root.get("/ParentTree")
    if pt is not None:
        walk(pt)
    return out


def _font_problems(reader) -> list[str]:
    out, seen = [], set()
    for page in reader.pages:
        res = _obj(page.get("/Resources")) or {}
        for name, ref in (_obj(res.get("/Font")) or {}).items():
            font = _obj(ref)
            base = str(font.get("/BaseFont"))
            if base in seen:
                continue
            seen.add(base)
            desc = font
            if font.get("/Subtype") == "/Type0":
                desc = _obj(font["/DescendantFonts"][0])
            fd = _obj(desc.get("/FontDescriptor")) or {}
            if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                out.append(f"font {base} is not embedded")
            if "/ToUnicode" not in font:
                out.append(f"font {base} has no ToUnicode map (text cannot be read aloud or copied)")
    return out
