"""``reportkit check-a11y``: problems printed with where they are; exit 0 clean, 1 problems found, 2 unreadable,
3 reportkit failed."""
from __future__ import annotations

import subprocess
import sys

from conftest import REFERENCE, ROOT


def check(*files) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportkit", "check-a11y", *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT)


def build(out, fmt: str = "memo"):
    subprocess.run([sys.executable, "-m", "reportkit", "build", str(REFERENCE), "--format", fmt, "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    return out / f"{REFERENCE.stem}-{'memo.pdf' if fmt == 'memo' else 'deck.pptx'}"


def test_the_built_memo_is_clean(tmp_path):
    r = check(build(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no accessibility problems found" in r.stdout


def test_an_untagged_pdf_is_reported_page_by_page_with_exit_1(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "plain.pdf"
    c = Canvas(str(path))
    c.drawString(72, 720, "Hello")
    c.showPage()
    c.drawString(72, 720, "again")
    c.save()
    r = check(path)
    assert r.returncode == 1, r.stderr
    assert f"{path}:catalog: no structure tree" in r.stdout
    assert f"{path}:page 2: 1 content operator(s) neither tagged nor marked as artifacts" in r.stdout
    assert "Traceback" not in r.stderr


def test_unreadable_files_are_located_with_exit_2(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    r = check(text, broken, tmp_path / "missing.pptx")
    assert r.returncode == 2
    assert f"{text}:1:1: neither a PDF nor a PowerPoint" in r.stderr
    assert f"{broken}:1:1: cannot be read as a PDF" in r.stderr
    assert f"{tmp_path / 'missing.pptx'}:1:1: cannot read" in r.stderr
    assert "Traceback" not in r.stderr


def test_the_built_deck_is_clean_and_both_files_are_checked_at_once(tmp_path):
    memo, deck = build(tmp_path), build(tmp_path, "deck")
    r = check(memo, deck)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("no accessibility problems found") == 2


def test_an_unreadable_file_wins_over_problems_found(tmp_path):
    """Problems in one file and another unreadable: 2, since not everything was checked."""
    from reportlab.pdfgen.canvas import Canvas

    plain = tmp_path / "plain.pdf"
    c = Canvas(str(plain))
    c.drawString(72, 720, "Hello")
    c.save()
    r = check(plain, tmp_path / "missing.pdf")
    assert r.returncode == 2
    assert f"{plain}:catalog: no structure tree" in r.stdout and "missing.pdf:1:1: cannot read" in r.stderr


FAILING_CHECK = """
import sys
import reportkit.a11y
class Broken:  # a finding that cannot be printed: a bug in reportkit, not in the file checked
    def __str__(self):
        raise RuntimeError("checker broke")
reportkit.a11y.check_bytes = lambda data, name: [Broken()]
from reportkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_failure_of_reportkit_itself_exits_3_never_1(tmp_path):
    r = subprocess.run([sys.executable, "-c", FAILING_CHECK, "check-a11y", str(build(tmp_path))],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 3 and "internal error: RuntimeError: checker broke" in r.stderr, r.stderr


def test_build_warns_of_what_check_a11y_finds_in_the_file_it_wrote(tmp_path):
    """A theme with pale text: ``build`` writes the deck, exit 0, and warns of each low-contrast run;
    ``check-a11y`` on that deck finds the same runs and exits 1."""
    import re

    theme = tmp_path / "pale.yaml"
    theme.write_text('extends: default\nname: pale\ncolor:\n  muted: "#C0C0C0"\n', encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "reportkit", "build", str(REFERENCE), "--format", "deck", "--theme",
                        str(theme), "--out", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    warned = set(re.findall(r"accessibility: (slide \d+): .* in #C0C0C0 on", r.stderr))
    assert warned, r.stderr
    found = check(tmp_path / f"{REFERENCE.stem}-deck.pptx")
    assert found.returncode == 1, found.stdout + found.stderr
    checked = set(re.findall(r"deck\.pptx:(slide \d+): .*#C0C0C0", found.stdout))
    assert checked == warned, (sorted(checked ^ warned), found.stdout)
