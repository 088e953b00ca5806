"""Small WordprocessingML helpers shared by the emitter and the redline (python-docx has no API for
the elements they touch: document defaults, paragraph-mark revisions)."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def child(parent, tag: str, first: bool = False):
    """``parent``'s ``tag`` child ("w:rPr"), added when missing: as its first child (``first``: where
    the schema wants it before its siblings) or its last."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el
