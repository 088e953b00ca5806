"""The memo and the deck show the same numbers: scores and likelihoods read back from both finished
files agree with each other and with the content file (read here without reportkit's loader)."""
from __future__ import annotations

import io
import re
import subprocess

import yaml
from pptx import Presentation

from conftest import require_tool
from reportkit.build import render
from reportkit.edition import make_edition
from reportkit.theme import load_theme

SCORE = r"(?:[+\u2212]?[012]\u2020?|\u2014)"


def _expected(raw):
    """{party id: [cell text per issue]} and {outcome title: LIKELIHOOD} as both products print them."""
    def cell(s):
        if s is None:
            return "\u2014"
        n = s["score"]
        text = f"+{n}" if n > 0 else ("0" if n == 0 else f"\u2212{-n}")
        return text + ("\u2020" if s.get("basis", "stated") == "inferred" else "")
    given = {(s["party"], s["issue"]): s for s in raw["stances"]}
    scores = {p["id"]: [cell(given.get((p["id"], i["id"]))) for i in raw["issues"]] for p in raw["parties"]}
    likelihoods = {o["title"]: o["likelihood"].capitalize() for o in raw["outcomes"]}
    return scores, likelihoods


def test_memo_and_deck_print_the_content_files_scores_and_likelihoods(tmp_path, reference, reference_path):
    pdftotext = require_tool("pdftotext")
    raw = yaml.safe_load(reference_path.read_text(encoding="utf-8"))
    scores, likelihoods = _expected(raw)
    edition = make_edition(reference, load_theme())

    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(render(edition, "memo").data)
    memo_text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout
    memo_scores, memo_likelihoods = {}, {}
    for p in raw["parties"]:
        row = re.search(rf"^[ \t]*{re.escape(p['name'])}((?:[ \t]+{SCORE})+)[ \t]*$", memo_text, re.M)
        assert row, f"memo has no stance row for {p['name']}"
        memo_scores[p["id"]] = row.group(1).split()
    for title in likelihoods:
        words = title.split()  # the memo's table may wrap a long title: its first line is a prefix
        starts = "|".join(re.escape(" ".join(words[:n])) for n in range(len(words), min(2, len(words)) - 1, -1))
        m = re.search(rf"^[ \t]*(?:{starts})\d*[ \t]+(Low|Medium|High)\b", memo_text, re.M)
        assert m, f"memo has no likelihood for {title}"
        memo_likelihoods[title] = m.group(1)

    prs = Presentation(io.BytesIO(render(edition, "deck").data))
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    heat = next(t for t in tables if t.cell(0, 1).text == raw["issues"][0]["name"])
    short_to_id = {p["short"]: p["id"] for p in raw["parties"]}
    deck_scores = {short_to_id[r.cells[0].text]: [c.text for c in list(r.cells)[1:]] for r in list(heat.rows)[1:]}
    overview = next(t for t in tables if t.cell(0, 1).text == "Likelihood")
    deck_likelihoods = {r.cells[0].text: r.cells[1].text.split()[0] for r in list(overview.rows)[1:]}

    assert memo_scores == deck_scores == scores
    assert memo_likelihoods == deck_likelihoods == likelihoods
