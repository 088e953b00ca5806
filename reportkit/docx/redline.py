"""``build --since OLD --format docx``: the changes as Word tracked changes (w:ins / w:del with an author
and a date), so a reviewer accepts or rejects each one in Word.

Both versions are written by the same emitter (so equal content is equal XML); this module aligns the
two bodies block by block (paragraphs and tables, then table rows, then the paragraphs in a cell, then
the words of a paragraph) and marks what the older version had and the newer lacks as deleted, and
what the newer adds as inserted. Charts are not redlined (the chart always shows the newer scores;
the tables around it carry the changes); headers and footers are not either.
"""
from __future__ import annotations

import copy
import re
from difflib import SequenceMatcher

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .oxml import child

W_P, W_TBL, W_TR, W_TC, W_R, W_T = (qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:r", "w:t"))
W_HYPERLINK, W_DELTEXT = qn("w:hyperlink"), qn("w:delText")
_DROP_FROM_DELETED = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:drawing"))


class Marker:
    """Makes w:ins / w:del elements with unique ids, one author and one date."""

    def __init__(self, author: str, date: str, first_id: int = 9000):
        self.author, self.date, self.next_id = author, date, first_id

    def mark(self, tag: str):
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


# --- text of a block, to align on ---------------------------------------------------------------

def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(W_T))


def _key(el) -> tuple:
    if el.tag == W_TBL:
        first = el.find(W_TR)
        return ("tbl", _text(first) if first is not None else "")
    style = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return ("p", style.get(qn("w:val")) if style is not None else "", _text(el))


def _blocks(parent) -> list:
    return [c for c in parent if c.tag in (W_P, W_TBL)]


# --- marking whole elements ---------------------------------------------------------------------

def _mark_paragraph_mark(p, m: Marker, tag: str) -> None:
    """The paragraph mark itself inserted/deleted (pPr/rPr/w:ins|w:del), so accepting joins paragraphs."""
    rpr = child(child(p, "w:pPr", first=True), "w:rPr")  # rPr comes after every other pPr child the emitter writes
    rpr.insert(0, m.mark(tag))


def _wrap_runs(p, m: Marker, tag: str) -> None:
    """Wrap each run (and each hyperlink's runs) of ``p`` in one w:ins or w:del."""
    for child in list(p):
        if child.tag == W_R:
            _wrap(child, m, tag)
        elif child.tag == W_HYPERLINK:
            for r in list(child):
                if r.tag == W_R:
                    _wrap(r, m, tag)


def _wrap(r, m: Marker, tag: str) -> None:
    if tag == "w:del":
        for t in r.iter(W_T):
            t.tag = W_DELTEXT
        for instr in r.iter(qn("w:instrText")):
            instr.tag = qn("w:delInstrText")
    wrapper = m.mark(tag)
    r.addprevious(wrapper)
    wrapper.append(r)


def _deleted_copy(el, m: Marker):
    """The older version's block, every run and paragraph mark deleted (drawings and bookmarks dropped:
    their parts and names belong to the other document)."""
    el = copy.deepcopy(el)
    for tag in _DROP_FROM_DELETED:
        for x in list(el.iter(tag)):
            parent = x.getparent()
            if tag == qn("w:drawing") and parent.tag == W_R and len(parent) <= 2:
                parent.getparent().remove(parent)
            else:
                parent.remove(x)
    _mark(el, m, "w:del")
    return el


def _mark(el, m: Marker, tag: str) -> None:
    if el.tag == W_P:
        _wrap_runs(el, m, tag)
        _mark_paragraph_mark(el, m, tag)
        return
    for tr in el.iter(W_TR):
        trpr = tr.find(qn("w:trPr"))
        if trpr is None:
            trpr = OxmlElement("w:trPr")
            tblpr_ex = tr.find(qn("w:tblPrEx"))
            (tblpr_ex.addnext if tblpr_ex is not None else (lambda e: tr.insert(0, e)))(trpr)
        trpr.append(m.mark(tag))
    for p in el.iter(W_P):
        _wrap_runs(p, m, tag)
        _mark_paragraph_mark(p, m, tag)


# --- aligning -----------------------------------------------------------------------------------

def _align(old: list, new: list, m: Marker, before_end) -> None:
    """Redline the blocks ``new`` (in the document) against ``old``: ``before_end`` is where a deleted
    block goes when it comes after every new block. A table's key is its header row, so a table in
    an equal stretch may still have changed below it."""
    _redline(old, new, [_key(e) for e in old], [_key(e) for e in new], m, lambda o, n: _replace(o, n, m),
             before_end)


def _replace(o, n, m: Marker) -> None:
    if o.tag == n.tag == W_P:
        _words(o, n, m)
    elif o.tag == n.tag == W_TBL and _columns(o) == _columns(n):
        _rows(o, n, m)
    else:
        n.addprevious(_deleted_copy(o, m))
        _mark(n, m, "w:ins")


def _columns(tbl) -> int:
    grid = tbl.find(qn("w:tblGrid"))
    return len(grid) if grid is not None else -1


def _rows(old_tbl, new_tbl, m: Marker) -> None:
    """A table's rows, aligned by their text; a changed row cell by cell."""
    def cells(o, n) -> None:
        for oc, nc in zip(o.findall(W_TC), n.findall(W_TC)):
            if _text(oc) != _text(nc):
                _align(_blocks(oc), _blocks(nc), m, nc.append)

    old, new = old_tbl.findall(W_TR), new_tbl.findall(W_TR)
    _redline(old, new, [_text(r) for r in old], [_text(r) for r in new], m, cells, new_tbl.append)


def _redline(old: list, new: list, old_keys: list, new_keys: list, m: Marker, changed, before_end) -> None:
    """Align two sequences of elements (blocks, or table rows) by their keys. A pair that stands
    where the other version had one (equal keys but other text, or a one-for-one replacement) goes
    to ``changed(old, new)``; the others are deleted (a copy of the old one before the next new
    element, else ``before_end``) or inserted."""
    ops = SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for o, n in zip(old[i1:i2], new[j1:j2]):
                if op == "replace" or _text(o) != _text(n):
                    changed(o, n)
            continue
        anchor = new[j1] if j1 < len(new) else None
        for o in old[i1:i2]:
            deleted = _deleted_copy(o, m)
            if anchor is not None:
                anchor.addprevious(deleted)
            else:
                before_end(deleted)
        for n in new[j1:j2]:
            _mark(n, m, "w:ins")


# --- words --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _pieces(p) -> list | None:
    """A paragraph as (token, run template, in-hyperlink element) pieces; None when it holds anything
    but text runs and hyperlinks (fields, drawings, tabs): such a paragraph is replaced whole."""
    out = []
    for child in p:
        if child.tag == qn("w:pPr") or child.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            continue
        runs = [child] if child.tag == W_R else (list(child) if child.tag == W_HYPERLINK else None)
        if runs is None:
            return None
        for r in runs:
            if r.tag != W_R or any(c.tag not in (qn("w:rPr"), W_T) for c in r):
                return None
            for tok in _TOKEN.findall(_text(r)):
                out.append((tok, r, child if child.tag == W_HYPERLINK else None))
    return out


def _run_like(template, text: str):
    r = OxmlElement("w:r")
    rpr = template.find(qn("w:rPr"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def _words(o, n, m: Marker) -> None:
    """A changed paragraph, word by word: unchanged words stay, removed ones are deleted, added ones
    inserted, each with the formatting it had in its own version."""
    old, new = _pieces(o), _pieces(n)
    if old is None or new is None:
        n.addprevious(_deleted_copy(o, m))
        _mark(n, m, "w:ins")
        return
    ops = SequenceMatcher(None, [t for t, _, _ in old], [t for t, _, _ in new], autojunk=False).get_opcodes()
    out = []  # (element, hyperlink template or None)
    for op, i1, i2, j1, j2 in ops:
        if op in ("replace", "delete"):
            out += _group(old[i1:i2], m, "w:del")
        if op in ("replace", "insert"):
            out += _group(new[j1:j2], m, "w:ins")
        if op == "equal":
            out += _group(new[j1:j2], m, None)
    for child in [c for c in n if c.tag != qn("w:pPr") and c.tag not in (qn("w:bookmarkStart"),
                                                                          qn("w:bookmarkEnd"))]:
        n.remove(child)
    end = n.find(qn("w:bookmarkEnd"))
    for el in out:
        if end is not None:
            end.addprevious(el)
        else:
            n.append(el)


def _group(pieces, m: Marker, tag: str | None) -> list:
    """Consecutive pieces with the same run formatting and hyperlink as one run (in one ins/del)."""
    out, k = [], 0
    while k < len(pieces):
        tok, run, link = pieces[k]
        text = tok
        k += 1
        while k < len(pieces) and pieces[k][2] is link and _same_format(pieces[k][1], run):
            text += pieces[k][0]
            k += 1
        r = _run_like(run, text)
        if tag is not None:
            if tag == "w:del":
                r.find(W_T).tag = W_DELTEXT
            wrapper = m.mark(tag)
            wrapper.append(r)
            r = wrapper
        if link is not None:
            holder = copy.deepcopy(link)
            for c in list(holder):
                holder.remove(c)
            holder.append(r)
            r = holder
        out.append(r)
    return out


def _same_format(a, b) -> bool:
    from lxml import etree

    ra, rb = a.find(qn("w:rPr")), b.find(qn("w:rPr"))
    return (etree.tostring(ra) if ra is not None else b"") == (etree.tostring(rb) if rb is not None else b"")


# --- entry point --------------------------------------------------------------------------------

def mark_changes(body, old_body, author: str, date: str) -> None:
    """Redline ``body`` (the newer document's w:body, changed in place) against ``old_body``."""
    m = Marker(author, date)
    sect = body.find(qn("w:sectPr"))
    _align(_blocks(old_body), _blocks(body), m, sect.addprevious if sect is not None else body.append)
