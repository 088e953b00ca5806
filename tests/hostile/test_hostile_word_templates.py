"""Hazard: a Word template from another organisation. The same sanitising as deck templates
(``reportkit.opc``): a DTD or escaping member name is refused, located; an external link is reported
by ``check-template`` as a problem a build removes. Through the real command line."""
from __future__ import annotations

import io
import os
import zipfile

import pytest

from helpers import copy_reference, run_cli

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _base() -> bytes:
    import docx

    return open(os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx"), "rb").read()


def _repack(changes: dict[str, bytes | None] = {}, extra: list[tuple[str, bytes]] = []) -> bytes:
    """The base document with members replaced (None: removed) and ``extra`` members added."""
    data, out = _base(), io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = changes.get(info.filename, src.read(info.filename))
            if body is not None:
                dst.writestr(info.filename, body)
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


DAMAGED = {  # each made python-docx fail inside the build: "internal error", exit 1
    "no-package-relationships": lambda: _repack({"_rels/.rels": None}),
    "no-styles": lambda: _repack({"word/styles.xml": None}),
    "no-settings": lambda: _repack({"word/settings.xml": None}),
    "no-theme": lambda: _repack({"word/theme/theme1.xml": None}),
    "malformed-document": lambda: _repack({"word/document.xml": _member("word/document.xml")[:700]}),
    "malformed-styles": lambda: _repack({"word/styles.xml": _member("word/styles.xml")[:2000]}),
    "wrong-root-element": lambda: _repack({"word/document.xml": b'<?xml version="1.0"?><foo/>'}),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_word_template_is_refused_by_check_template_and_by_a_build_at_the_theme_line(tmp_path, name):
    path = tmp_path / "house.dotx"
    path.write_bytes(DAMAGED[name]())
    r = run_cli("check-template", str(path))
    assert r.returncode == 2 and r.stderr.startswith(f"{path}:1:1: Word cannot read this template"), r.stderr
    copy_reference(tmp_path, "briefing.yaml")
    (tmp_path / "default.yaml").write_text("extends: default\nname: house\ndocx:\n  template: house.dotx\n",
                                           encoding="utf-8")
    r = run_cli("build", str(tmp_path / "briefing.yaml"), "--format", "docx", "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and "internal error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"{tmp_path / 'default.yaml'}:4:13: docx.template: house.dotx cannot be read"), r.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
