"""Hazard: a Word template from another organisation. The same sanitising as deck templates
(``reportkit.opc``): a DTD or escaping member name is refused, located; an external link is reported
by ``check-template`` as a problem a build removes. Through the real command line."""
from __future__ import annotations

import io
import os
import zipfile

import pytest

from helpers import run_cli

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _base() -> bytes:
    import docx

    return open(os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx"), "rb").read()


def _repack(changes: dict[str, bytes] = {}, extra: list[tuple[str, bytes]] = []) -> bytes:
    data, out = _base(), io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, changes.get(info.filename, src.read(info.filename)))
        for name, body in extra:
            dst.writestr(name, body)
    return out.getvalue()


def _member(name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(_base())).read(name)


def _dtd() -> bytes:
    doc = _member("word/document.xml")
    return _repack({"word/document.xml": doc.replace(b"?>", b'?>\n<!DOCTYPE w:document [<!ENTITY a "a">]>\n', 1)})


def _escaping() -> bytes:
    return _repack(extra=[("../../outside.xml", b"<x/>")])


@pytest.mark.parametrize("name,make,says", [
    ("dtd.dotx", _dtd, "part word/document.xml declares a DOCTYPE (line 2, column 1)"),
    ("escaping.dotx", _escaping, "member name '../../outside.xml' leaves its folder"),
], ids=["dtd", "escaping"])
def test_check_template_refuses_a_hostile_word_template_located(tmp_path, name, make, says):
    path = tmp_path / name
    path.write_bytes(make())
    r = run_cli("check-template", str(path))
    assert r.returncode == 2 and "Traceback" not in r.stderr, (r.stdout, r.stderr)
    assert r.stderr.startswith(f"{path}:1:1: ") and says in r.stderr, r.stderr


def test_check_template_reports_an_external_link_in_a_word_template(tmp_path):
    rels = _member("word/_rels/document.xml.rels").replace(
        b"</Relationships>", f'<Relationship Id="rIdEvil" Type="{R}/image" Target="file:///etc/passwd" '
                             f'TargetMode="External"/></Relationships>'.encode())
    path = tmp_path / "house.dotx"
    path.write_bytes(_repack({"word/_rels/document.xml.rels": rels}))
    r = run_cli("check-template", str(path))
    assert r.returncode == 0, r.stderr
    assert "problem: a build removes external image link to 'file:///etc/passwd'" in r.stdout, r.stdout
