"""Hazard: a deck template from another organisation. External links (tracking images, local files,
UNC shares), macros, ActiveX and OLE are removed and reported; DTDs, zip bombs and duplicate or
escaping member names are refused, located, before anything is expanded or parsed. Built through the
real command line, checked by reopening the deck and by check-template."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import REFERENCE
from hostile import unsafe_links
from reportkit.deck.template import TEMPLATE_DIR
from helpers import run_cli, copy_reference

BASE = (TEMPLATE_DIR / "base.pptx").read_bytes()
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL_TARGETS = ["http://tracker.example/pixel.png", "file:///etc/passwd", "\\\\evil.example\\share\\x.png"]


def repack(data: bytes, changes: dict[str, bytes | None] = {}, extra: list[tuple[str, bytes]] = []) -> bytes:
    """``data`` with members replaced (None: removed) and ``extra`` members appended as given
    (duplicates and odd names included: zipfile writes what it is told)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = changes.get(info.filename, src.read(info.filename))
            if body is not None:
                dst.writestr(info.filename, body)
        for name, body in extra:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Duplicate name" is the point of one test
                dst.writestr(name, body)
    return out.getvalue()


def read(data: bytes, member: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(member)


def add_rels(data: bytes, rels_member: str, rels: str) -> bytes:
    return read(data, rels_member).replace(b"</Relationships>", rels.encode() + b"</Relationships>")


def hostile_template() -> bytes:
    """The built-in template with, on its master: a picture linked (not embedded) from a tracking URL,
    a hyperlink to a local file and a UNC share; a VBA project; an OLE object and an ActiveX control on
    a layout."""
    master, master_rels = "ppt/slideMasters/slideMaster1.xml", "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    layout, layout_rels = "ppt/slideLayouts/slideLayout6.xml", "ppt/slideLayouts/_rels/slideLayout6.xml.rels"
    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = "".join(f'<Relationship Id="rIdEvil{i}" Type="{rt}/{kind}" Target="{t.replace(chr(92), "&#92;")}" '
                   f'TargetMode="External"/>'
                   for i, (kind, t) in enumerate(zip(["image", "hyperlink", "image"], EVIL_TARGETS)))
    pic = (f'<p:pic xmlns:r="{R}"><p:nvPicPr><p:cNvPr id="900" name="tracker">'
           f'<a:hlinkClick r:id="rIdEvil1"/></p:cNvPr><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
           f'<p:blipFill><a:blip r:link="rIdEvil0"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
           f'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="12700" cy="12700"/></a:xfrm>'
           f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
           f'<p:pic xmlns:r="{R}"><p:nvPicPr><p:cNvPr id="901" name="share"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
           f'<p:blipFill><a:blip r:link="rIdEvil2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
           f'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="12700" cy="12700"/></a:xfrm>'
           f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    master_xml = read(BASE, master).replace(b"</p:spTree>", pic.encode() + b"</p:spTree>", 1)
    ole = (f'<p:graphicFrame xmlns:r="{R}"><p:nvGraphicFramePr><p:cNvPr id="902" name="ole"/>'
           f'<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>'
           f'<a:ext cx="12700" cy="12700"/></p:xfrm><a:graphic><a:graphicData '
           f'uri="http://schemas.openxmlformats.org/presentationml/2006/ole"><p:oleObj r:id="rIdOle" '
           f'progId="Package"><p:embed/></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>')
    layout_xml = read(BASE, layout).replace(b"</p:spTree>", ole.encode() + b"</p:spTree>", 1)
    layout_xml = layout_xml.replace(b"</p:cSld>", f'</p:cSld>'.encode(), 1)
    types = read(BASE, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml").replace(
        b"</Types>", b'<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                     b'<Override PartName="/ppt/embeddings/oleObject1.bin" '
                     b'ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'
                     b'<Override PartName="/ppt/activeX/activeX1.xml" ContentType="application/vnd.ms-office.activeX+xml"/></Types>')
    pres_rels = add_rels(BASE, "ppt/_rels/presentation.xml.rels",
                         '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
                         'Target="vbaProject.bin"/>')
    layout_rels_xml = add_rels(BASE, layout_rels,
                               f'<Relationship Id="rIdOle" Type="{rt}/oleObject" Target="../embeddings/oleObject1.bin"/>'
                               f'<Relationship Id="rIdAx" Type="{rt}/control" Target="../activeX/activeX1.xml"/>')
    return repack(BASE, {master: master_xml, master_rels: add_rels(BASE, master_rels, rels), layout: layout_xml,
                         layout_rels: layout_rels_xml, "[Content_Types].xml": types,
                         "ppt/_rels/presentation.xml.rels": pres_rels},
                  [("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0 fake VBA project: Sub AutoOpen() Shell \"calc\""),
                   ("ppt/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 fake OLE package"),
                   ("ppt/activeX/activeX1.xml", b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{00000000-0000-0000-0000-000000000000}"/>')])


def project(tmp_path: Path, template: bytes, name: str = "house.pptx") -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    copy_reference(folder, "briefing.yaml")
    (folder / name).write_bytes(template)
    (folder / "default.yaml").write_text(f"extends: default\nname: house\ndeck:\n  template: {name}\n", encoding="utf-8")
    return folder


def build(folder: Path) -> subprocess.CompletedProcess:
    return run_cli("build", str(folder / "briefing.yaml"), "--format", "deck", "--out", str(folder / "out"), timeout=300)


def check(path: Path) -> subprocess.CompletedProcess:
    return run_cli("check-template", str(path), timeout=120)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    folder = project(tmp_path_factory.mktemp("tpl"), hostile_template())
    r = build(folder)
    assert r.returncode == 0, r.stderr
    return folder, r, (folder / "out" / "briefing-deck.pptx").read_bytes()


def test_the_hostile_template_really_carries_it_all():
    """So the tests below can fail: the template as made has external targets and active parts."""
    data = hostile_template()
    bad = unsafe_links("template", data)
    assert sum("external target" in b for b in bad) == 2 and sum("active content" in b for b in bad) == 3, bad
    assert b"http://tracker.example/pixel.png" in read(data, "ppt/slideMasters/_rels/slideMaster1.xml.rels")


def test_no_external_link_or_active_content_reaches_the_deck(hostile_build):
    _, _, deck = hostile_build
    assert unsafe_links("deck", deck) == []
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
        names = z.namelist()
    for target in [b"tracker.example", b"/etc/passwd", b"evil.example", b"macroEnabled", b"vbaProject"]:
        assert target not in everything, target
    assert not [n for n in names if "activeX" in n or "oleObject" in n or "vba" in n.lower()]


def test_the_deck_still_opens_and_every_relationship_id_it_uses_exists(hostile_build):
    from pptx import Presentation

    _, _, deck = hostile_build
    prs = Presentation(io.BytesIO(deck))
    assert len(prs.slides) > 5
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        for name in z.namelist():
            if not (name.endswith(".xml") and "/" in name and "_rels" not in name):
                continue
            rels_name = f"{name.rsplit('/', 1)[0]}/_rels/{name.rsplit('/', 1)[1]}.rels"
            ids = set(re.findall(rb'Id="([^"]+)"', z.read(rels_name))) if rels_name in z.namelist() else set()
            used = set(re.findall(rb'r:(?:id|embed|link|pict)="([^"]+)"', z.read(name)))
            assert used <= ids, (name, used - ids)


def test_the_build_says_what_it_removed(hostile_build):
    _, r, _ = hostile_build
    for text in ["external image link to 'http://tracker.example/pixel.png'",
                 "external hyperlink link to 'file:///etc/passwd'", "evil.example",
                 "ppt/vbaProject.bin", "ppt/embeddings/oleObject1.bin", "ppt/activeX/activeX1.xml",
                 "macro-enabled presentation type"]:
        assert f"deck template: removed" in r.stderr and text in r.stderr, text


def test_check_template_reports_each_as_a_problem(tmp_path):
    path = tmp_path / "house.pptm"
    path.write_bytes(hostile_template())
    r = check(path)
    assert r.returncode == 0, r.stderr
    problems = [line for line in r.stdout.splitlines() if line.startswith("problem: ")]
    assert len(problems) == 7, r.stdout  # 3 links, 3 active parts, the macro-enabled type
    assert any("file:///etc/passwd" in p for p in problems)


def _dtd() -> bytes:
    body = read(BASE, "ppt/presentation.xml")
    decl = b'<!DOCTYPE p:presentation [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
    return repack(BASE, {"ppt/presentation.xml": body.replace(b"?>", b"?>\n" + decl, 1)})


def _duplicate() -> bytes:
    return repack(BASE, extra=[("ppt/presentation.xml", read(BASE, "ppt/presentation.xml"))])


def _escaping() -> bytes:
    return repack(BASE, extra=[("../../outside.xml", b"<x/>")])


def _ratio_bomb() -> bytes:
    return repack(BASE, extra=[("ppt/media/image9.png", b"\0" * (8 * 2**20))])  # 8 MiB of zeros: ~8 kB


def _size_bomb() -> bytes:
    return repack(BASE, extra=[("ppt/media/image9.png", b"\0" * (101 * 2**20))])


def _many() -> bytes:
    return repack(BASE, extra=[(f"ppt/media/x{i}.png", b"") for i in range(5001)])


REFUSED = [
    ("dtd.pptx", _dtd, "part ppt/presentation.xml declares a DOCTYPE (line 2, column 1)"),
    ("duplicate.pptx", _duplicate, "member 'ppt/presentation.xml' appears twice"),
    ("escaping.pptx", _escaping, "member name '../../outside.xml' leaves its folder"),
    ("ratio.pptx", _ratio_bomb, "(a zip bomb?)"),
    ("size.pptx", _size_bomb, "zip member size limit"),
    ("many.pptx", _many, "zip member limit"),
]


@pytest.mark.parametrize("name,make,says", REFUSED, ids=[r[0] for r in REFUSED])
def test_check_template_refuses_located(tmp_path, name, make, says):
    path = tmp_path / name
    path.write_bytes(make())
    r = check(path)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert f"{path}:1:1: " in r.stderr and says in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("name,make,says", REFUSED[:2], ids=[r[0] for r in REFUSED[:2]])
def test_a_build_refuses_them_at_the_theme_line_that_names_the_template(tmp_path, name, make, says):
    folder = project(tmp_path, make(), name)
    r = build(folder)
    assert r.returncode == 2, r.stderr
    assert f"{folder / 'default.yaml'}:4:" in r.stderr and says in r.stderr, r.stderr
    assert not (folder / "out").exists() or not list((folder / "out").iterdir())


def test_a_bomb_is_refused_before_it_is_expanded():
    """From the directory alone: a member that claims 2 GiB is refused without reading it (reading
    would take seconds and gigabytes)."""
    import time

    from reportkit.zipsafe import ZipRefused, open_zip

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.xml", b"<a/>")
    data = bytearray(out.getvalue())
    # Patch the central directory's uncompressed size (offset 24 in the entry) to 2 GiB.
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24: cd + 28] = (2**31).to_bytes(4, "little")
    t0 = time.perf_counter()
    with pytest.raises(ZipRefused, match="zip member size limit"):
        open_zip(bytes(data), "bomb.pptx")
    assert time.perf_counter() - t0 < 1


# --- damaged templates: check-template refuses them, and so does a build (exit 2 at the theme line) ----

def _members(prefix: str) -> dict[str, None]:
    return {n: None for n in zipfile.ZipFile(io.BytesIO(BASE)).namelist() if n.startswith(prefix)}


def _cut(member: str, keep: int | None = None, body: bytes | None = None) -> bytes:
    data = read(BASE, member)
    return repack(BASE, {member: body if body is not None else data[: keep if keep is not None else len(data) // 2]})


DAMAGED = {  # each made python-pptx fail inside the build: "internal error", exit 1
    "no-package-relationships": lambda: repack(BASE, {"_rels/.rels": None}),
    "no-presentation-relationships": lambda: repack(BASE, {"ppt/_rels/presentation.xml.rels": None}),
    "no-slide-master": lambda: repack(BASE, _members("ppt/slideMasters/")),
    "no-slide-layouts": lambda: repack(BASE, _members("ppt/slideLayouts/")),
    "no-theme": lambda: repack(BASE, _members("ppt/theme/")),  # check-template called this one usable
    "malformed-presentation": lambda: _cut("ppt/presentation.xml"),
    "malformed-master": lambda: _cut("ppt/slideMasters/slideMaster1.xml", body=b"<p:sldMaster"),
    "malformed-layout": lambda: _cut("ppt/slideLayouts/slideLayout1.xml", keep=100),
    "malformed-content-types": lambda: _cut("[Content_Types].xml", body=b"<Types"),
    "master-relationship-to-nothing": lambda: repack(BASE, {"ppt/_rels/presentation.xml.rels": read(
        BASE, "ppt/_rels/presentation.xml.rels").replace(b"slideMasters/slideMaster1.xml", b"slideMasters/gone.xml")}),
    "wrong-root-element": lambda: _cut("ppt/presentation.xml", body=b'<?xml version="1.0"?><foo/>'),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_template_is_refused_by_check_template_and_by_a_build_at_the_theme_line(tmp_path, name):
    folder = project(tmp_path, DAMAGED[name]())
    r = check(folder / "house.pptx")
    assert r.returncode == 2 and "Traceback" not in r.stderr, (r.stdout, r.stderr)
    assert r.stderr.startswith(f"{folder / 'house.pptx'}:1:1: PowerPoint cannot read this template"), r.stderr
    r = build(folder)
    assert r.returncode == 2 and "internal error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"{folder / 'default.yaml'}:4:13: deck.template: house.pptx cannot be read"), r.stderr
    assert not (folder / "out").exists() or not list((folder / "out").iterdir())
