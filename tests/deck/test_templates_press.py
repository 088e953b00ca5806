"""How a memo is addressed per audience: a profile's ``to:`` replaces the TO line ("For release" for
the press), checked in the PDF text; a wrong value is a located input error."""
from __future__ import annotations

import re

from pypdf import PdfReader

from reportkit.audience import get_profile
from helpers import run_cli, copy_reference


def _build(content, out, audience):
    return run_cli("build", str(content), "--audience", audience, "--format", "memo", "--out", str(out))


def _to_line(pdf) -> str:
    text = PdfReader(pdf).pages[0].extract_text()
    return re.search(r"^TO\s*(.*)$", text, re.M).group(1).strip()


def test_press_memo_is_addressed_for_release_and_principals_keep_the_briefing_line(tmp_path, reference_path, reference):
    assert get_profile("press").to == "For release"
    for audience, expected in (("press", "For release"), ("principals", reference.meta.memo.to)):
        r = _build(reference_path, tmp_path, audience)
        assert r.returncode == 0, r.stderr
        assert _to_line(tmp_path / f"us-russia-talks-{audience}-memo.pdf") == expected


def test_a_content_profile_may_address_the_memo(tmp_path, reference_path):
    content = copy_reference(tmp_path, "briefing.yaml", text=reference_path.read_text(encoding="utf-8")
                             + "\naudiences:\n  partners:\n    label: Partner governments\n    clearance: public\n"
                               "    to: Partner capitals\n")
    r = _build(content, tmp_path / "out", "partners")
    assert r.returncode == 0, r.stderr
    assert _to_line(tmp_path / "out" / "briefing-partners-memo.pdf") == "Partner capitals"


def test_a_to_line_that_is_not_text_is_located(tmp_path, reference_path):
    text = reference_path.read_text(encoding="utf-8")
    content = tmp_path / "briefing.yaml"
    content.write_text(text + "\naudiences:\n  press:\n    to: [a, b]\n", encoding="utf-8")
    line = len(text.splitlines()) + 4
    r = run_cli("validate", str(content))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert re.search(rf"^{re.escape(str(content))}:{line}:\d+: .*to", r.stderr, re.M), r.stderr
