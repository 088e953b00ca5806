"""Hazard: text that reads differently from what it is. Bidi overrides and isolates (U+202A-202E,
U+2066-2069) are removed with a located warning, so a name reads the same in every edition and never
prints as a replacement box; Unicode noncharacters ("\\uFFFE" escapes) are refused, located (the
bad-input corpus holds those cases). Walks every registered renderer."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import REFERENCE
from hostile import output_text, render_every_edition
from reportkit.registry import REGISTRY
from helpers import copy_reference

# "Evil\u202Egnp.exe" shows as "Evilexe.png" where overrides are honoured (Trojan Source).
NAMES = {"us": "Evil\u202egnp.exe", "ru": "\u2067\u0631\u0648\u0633\u064a\u0627\u2069 Russia",
         "ua": "Ukra\u202aine\u202c"}
SHOWN = {"us": "Evilgnp.exe", "ru": "\u0631\u0648\u0633\u064a\u0627 Russia", "ua": "Ukraine"}
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def bidi_content(tmp_path_factory):
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    for party in data["parties"]:
        if party["id"] in NAMES:
            party["name"] = party["short"] = NAMES[party["id"]]
    return copy_reference(tmp_path_factory.mktemp("bidi"), "bidi.yaml",
                          text=yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200))


def test_validate_warns_located_and_accepts(bidi_content):
    r = subprocess.run([sys.executable, "-m", "reportkit", "validate", str(bidi_content)], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    lines = bidi_content.read_text(encoding="utf-8").splitlines()
    warned = re.findall(r"^(.+?):(\d+):(\d+): warning: bidi control character\(s\) (.+?) removed", r.stderr, re.M)
    assert len(warned) == 6, r.stderr  # name and short name of three parties
    for file, line, col, chars in warned:
        assert file == str(bidi_content)
        assert BIDI.search(lines[int(line) - 1][int(col) - 1:]), (line, col)
    assert {c for *_, chars in warned for c in chars.split(", ")} == {"U+202E", "U+2067", "U+2069", "U+202A", "U+202C"}


def test_build_warns_once_per_value_located(bidi_content, tmp_path):
    r = subprocess.run([sys.executable, "-m", "reportkit", "build", str(bidi_content), "--out", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert len(re.findall(rf"^{re.escape(str(bidi_content))}:\d+:\d+: warning: content: bidi control", r.stderr,
                          re.M)) == 6, r.stderr


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_edition_shows_the_names_without_bidi_controls(bidi_content, name):
    data = render_every_edition(bidi_content, [name])[name]
    text = output_text(data)
    assert not BIDI.search(text)
    assert "\ufffd" not in text  # no replacement box for a character no font has
    squashed = re.sub(r"\s+", " ", text)
    assert SHOWN["us"] in squashed and "Ukraine" in squashed
