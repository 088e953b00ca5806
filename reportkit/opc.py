"""Sanitising an Office package (a deck template) from another organisation before anything uses it.

A template travels by email; what it carries ends up in every deck built on it. ``sanitise`` returns
the package without what could reach outside it or run code, and says what it removed:

- relationships with ``TargetMode="External"`` (tracking images, ``file:///etc/passwd``, UNC shares,
  hyperlinks, linked data), and the XML that pointed at them;
- VBA projects (``.pptm``/``.potm``: the main part's content type becomes the plain one), ActiveX
  controls, OLE objects and other embedded packages, ribbon customisations (``customUI``);

and refuses (``ZipRefused``) what it cannot clean: a DTD or entity declaration in any part (lxml
and PowerPoint read them differently; entities can expand without bound), a relationship that leaves
the package, and everything ``zipsafe`` refuses (bombs, duplicate or escaping member names).
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from .zipsafe import ZipRefused, open_zip, read_all

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)")
# Parts that hold code or other programs' objects: dropped, with every relationship to them.
_ACTIVE = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|(^|/)(activeX|embeddings|customUI)/", re.I)
_MACRO_MAIN = re.compile(rb"application/vnd\.ms-powerpoint\.(presentation|template|slideshow)\.macroEnabled"
                         rb"(?:Template)?\.main\+xml")
_PLAIN_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# Elements that exist only to use a removed relationship: removed whole (an OLE object or ActiveX
# control goes with the frame that shows it).
_REMOVE_WITH = {"hlinkClick": None, "hlinkHover": None, "hlinkMouseOver": None, "snd": None,
                "externalData": None, "oleObj": "graphicFrame", "control": None, "wavAudioFile": None,
                "audioFile": None, "videoFile": None, "quickTimeFile": None}


@dataclass(frozen=True)
class Sanitised:
    data: bytes  # the package to use (the input itself when nothing was removed)
    removed: tuple[str, ...]  # one line per thing removed ("external image link to ..."), for messages


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _source_of(rels_name: str) -> str:
    """``ppt/slides/_rels/slide1.xml.rels`` -> ``ppt/slides/slide1.xml``; ``_rels/.rels`` -> ``''``."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def _refuse_declarations(parts: dict[str, bytes], label: str) -> None:
    for name, body in parts.items():
        m = _DECLARATION.search(body)
        if m and (name.endswith((".xml", ".rels")) or body.lstrip().startswith(b"<")):
            line = body.count(b"\n", 0, m.start()) + 1
            col = m.start() - (body.rfind(b"\n", 0, m.start()) + 1) + 1
            raise ZipRefused(f"{label}: part {name} declares a {m.group(1).decode()} (line {line}, column {col}); "
                             "Office files have none, and reportkit does not read them: remove it")


def sanitise(data: bytes, label: str) -> Sanitised:
    """The package without external relationships and active content, and what was removed."""
    from lxml import etree

    z = open_zip(data, label)
    parts = read_all(z, label)
    _refuse_declarations(parts, label)
    removed: list[str] = []
    dropped = {name for name in parts if _ACTIVE.search(name)}
    for name in sorted(dropped):
        removed.append(f"active content {name} (macros, ActiveX, OLE or embedded files)")
    gone_ids: dict[str, set[str]] = {}  # source part -> relationship ids removed from it
    changed: dict[str, bytes] = {}
    for rels_name in [n for n in parts if n.endswith(".rels") and n not in dropped]:
        source = _source_of(rels_name)
        if source in dropped:
            continue
        try:
            root = etree.fromstring(parts[rels_name], _parser())
        except etree.XMLSyntaxError as e:
            raise ZipRefused(f"{label}: part {rels_name} is not well-formed XML ({e})") from None
        for rel in list(root):
            target, mode = rel.get("Target", ""), rel.get("TargetMode", "Internal")
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if mode == "External":
                removed.append(f"external {kind} link to {target!r} in {source or 'the package'}")
            else:
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(posixpath.dirname(source), target))
                if path.startswith("../") or path == "..":
                    raise ZipRefused(f"{label}: {rels_name} points at {target!r}, outside the package")
                if path not in dropped:
                    continue
            root.remove(rel)
            gone_ids.setdefault(source, set()).add(rel.get("Id"))
        if source in gone_ids:
            changed[rels_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for source, ids in gone_ids.items():
        if source in parts and source.endswith(".xml"):
            changed[source] = _drop_references(parts[source], ids, source, label)
    types = parts.get("[Content_Types].xml", b"")
    if _MACRO_MAIN.search(types) or dropped:
        if _MACRO_MAIN.search(types):
            removed.append("the macro-enabled presentation type (.pptm/.potm)")
        changed["[Content_Types].xml"] = _clean_types(types, dropped)
    if not removed:
        return Sanitised(data, ())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in z.infolist():
            if info.filename not in dropped:
                dst.writestr(info.filename, changed.get(info.filename, parts[info.filename]))
    return Sanitised(out.getvalue(), tuple(removed))


def _drop_references(xml: bytes, ids: set[str], name: str, label: str) -> bytes:
    """``xml`` without the attributes (and the elements that exist only for them) naming ``ids``."""
    from lxml import etree

    try:
        root = etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError as e:
        raise ZipRefused(f"{label}: part {name} is not well-formed XML ({e})") from None
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        hits = [k for k, v in el.attrib.items() if k.startswith(f"{{{_R}}}") and v in ids]
        if not hits:
            continue
        local = etree.QName(el).localname
        if local in _REMOVE_WITH:
            target = el
            up = _REMOVE_WITH[local]
            if up:
                anc = next((a for a in el.iterancestors() if etree.QName(a).localname == up), None)
                target = anc if anc is not None else el
            parent = target.getparent()
            if parent is not None:
                parent.remove(target)
        else:
            for k in hits:
                del el.attrib[k]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_types(types: bytes, dropped: set[str]) -> bytes:
    from lxml import etree

    root = etree.fromstring(_MACRO_MAIN.sub(_PLAIN_MAIN, types), _parser())
    for el in list(root):
        if etree.QName(el).localname == "Override" and el.get("PartName", "").lstrip("/") in dropped:
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
