"""Web addresses of sources are links in every edition that can hold one (web page, Word, PDF memo),
and only when they are plain http(s) addresses: hostile addresses stay printed text."""
from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess

import pytest

from conftest import REFERENCE
from reportkit.memo import plan as memo_plan
from reportkit.pipeline import load_edition
from reportkit.present import link_parts, link_target
from reportkit.registry import REGISTRY

GOOD = "https://example.org/report?id=7&lang=en"
HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "file:///etc/shadow", "vbscript:msgbox(1)", "mailto:a@evil.example",
    "//evil.example/x", "https:/evil.example", "http://", "https://exa mple.org/", "https://example.org/\"><script>x</script>",
    "https://example.org/\u202etxt.exe", "\\\\evil.example\\share",
]


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/a?b=1&c=2#x", "HTTPS://EXAMPLE.ORG/", GOOD])
def test_plain_web_addresses_may_be_links(url):
    assert link_target(url) == url


@pytest.mark.parametrize("url", HOSTILE_URLS + ["", None])
def test_other_addresses_stay_text(url):
    assert link_target(url) is None
    assert link_parts(f"Title. {url}", url or "", 7) == (f"Title. {url}", None, "")


def test_link_parts_needs_the_address_where_the_plan_says():
    assert link_parts("T. https://a.org x", "https://a.org", 3) == ("T. ", "https://a.org", " x")
    assert link_parts("T. https://a.org x", "https://a.org", 2)[1] is None


@pytest.fixture(scope="module")
def edition():
    """The reference edition, its sources given one good and many hostile addresses. Content files
    cannot say most of these (the content check refuses them): a renderer must refuse them anyway."""
    e = load_edition(REFERENCE)
    b = e.briefing
    urls = [GOOD, *HOSTILE_URLS]
    sources = tuple(dataclasses.replace(s, url=urls[k % len(urls)]) for k, s in enumerate(b.sources))
    sources = sources + tuple(dataclasses.replace(b.sources[0], id=f"extra{k}", url=u)
                              for k, u in enumerate(urls[len(sources):]))
    return dataclasses.replace(e, briefing=dataclasses.replace(b, sources=sources))


def test_plan_locates_each_address(edition):
    notes = next(x for x in memo_plan.plan(edition).blocks if isinstance(x, memo_plan.Endnotes)).notes
    assert len(notes) == 1 + len(HOSTILE_URLS)
    for n in notes:
        assert n.text[n.url_at:n.url_at + len(n.url)] == n.url


def test_web_page_links_only_the_plain_address(edition):
    from test_html import Page

    html = REGISTRY["html"].render(edition).data.decode("utf-8")
    page = Page(html)
    external = [a for a in page.all("a") if not a.get("href", "").startswith("#")]
    assert external == [{"href": GOOD, "rel": "noopener noreferrer", "class": "url", "dir": "ltr"}]
    assert not page.all("script")
    for u in HOSTILE_URLS:
        assert " ".join(u.split()) in page.words, u  # printed as written
    for tag, attrs in page.elements:
        assert not any(str(v).lower().lstrip().startswith(("javascript", "data:text", "file:", "vbscript"))
                       for v in attrs.values()), (tag, attrs)


def test_word_links_only_the_plain_address(edition):
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(io.BytesIO(REGISTRY["docx"].render(edition).data))
    external = [r for r in d.part.rels.values() if r.is_external and r.reltype.endswith("/hyperlink")]
    assert [r.target_ref for r in external] == [GOOD]
    link = d.element.body.find(f".//{qn('w:hyperlink')}[@{qn('r:id')}='{external[0].rId}']")
    assert "".join(t.text for t in link.iter(qn("w:t"))) == GOOD  # the link is the address as printed
    text = "\n".join(p.text for p in d.paragraphs)
    for u in HOSTILE_URLS:
        assert u.strip() in text, u


needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None and not __import__("os").environ.get("CI"),
                                   reason="pdfinfo (poppler-utils) not installed")


@needs_poppler
def test_memo_links_only_the_plain_address_and_tags_it(edition, tmp_path):
    from pypdf import PdfReader

    data = REGISTRY["memo"].render(edition).data
    uris = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or ():
            a = annot.get_object()
            if "/A" in a and a["/A"].get("/S") == "/URI":
                uris.append(a["/A"]["/URI"])
                assert "/StructParent" in a and GOOD in a["/Contents"]  # tagged, described for screen readers
    assert uris == [GOOD]
    path = tmp_path / "memo.pdf"
    path.write_bytes(data)
    tree = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    lines = tree.splitlines()
    at = next(k for k, line in enumerate(lines) if GOOD in line)  # the endnote's text, then its Link
    assert any(line.strip().startswith("Link") for line in lines[at:at + 3]), lines[at:at + 3]
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True) if shutil.which("qpdf") else None
