"""A character the main font lacks is drawn by any font reportkit ships that has it, even one shipped
for another script (WenQuanYi also has the Shavian alphabet), before it becomes U+FFFD."""
from __future__ import annotations

import subprocess

from reportkit.memo.fonts import REPLACEMENT
from tests.conftest import require_tool
from tests.helpers import copy_reference


def test_a_rare_letter_is_drawn_by_a_font_shipped_for_another_script(tmp_path):
    from reportkit import memo
    from reportkit.pipeline import load_edition

    path = copy_reference(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "title: U.S.–Russia Talks on the War in Ukraine", "title: Talks A\U0001044dB \u23b7 end", 1)
    path.write_text(text, encoding="utf-8")
    edition = load_edition(path, None, "default")
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(memo.render(edition).data)
    extracted = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
    assert "Talks A\U0001044dB \u23b7 end" in extracted
    assert REPLACEMENT not in extracted
    fonts = subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts
