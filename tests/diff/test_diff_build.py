"""``reportkit build NEW --since OLD`` (issue 8): the memo and the deck show what changed.

Expected changes are read from the two fixture files with plain YAML here, not from reportkit.diff, so
the outputs are checked against the content itself. Builds run through the real CLI.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

from conftest import require_tool
from helpers import squash, run_cli

DATA = Path(__file__).resolve().parents[1] / "data"
OLD, NEW = DATA / "diff-old.yaml", DATA / "diff-new.yaml"
LEVELS = ("low", "medium", "high")
DAGGER = "\u2020"  # the mark of an inferred score
MOVE = re.compile(r"([+\u2212]?\d) \u2192 ([+\u2212]?\d) \(now")
LIKELY = re.compile(r"([\u25b2\u25bc]) ([^\u2022]+?): likelihood (low|medium|high) \u2192 (low|medium|high)")


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else ("0" if n == 0 else f"\u2212{-n}")


def _content(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _moves(old: dict, new: dict, hidden=frozenset()) -> dict:
    """(party, issue) -> (old score, new score, basis now) for every stance whose score changed."""
    before = {(s["party"], s["issue"]): s["score"] for s in old["stances"]}
    return {(s["party"], s["issue"]): (before[(s["party"], s["issue"])], s["score"], s["basis"])
            for s in new["stances"]
            if (s["party"], s["issue"]) in before and before[(s["party"], s["issue"])] != s["score"]
            and (s["party"], s["issue"]) not in hidden}


def _likelihoods(old: dict, new: dict) -> dict:
    """outcome title -> (old, new) for every outcome whose likelihood changed."""
    before = {o["id"]: o["likelihood"] for o in old["outcomes"]}
    return {o["title"]: (before[o["id"]], o["likelihood"]) for o in new["outcomes"]
            if o["id"] in before and before[o["id"]] != o["likelihood"]}


def _names(c: dict):
    parties = {p["id"]: p for p in c["parties"]}
    issues = {i["id"]: i["name"] for i in c["issues"]}
    return parties, issues


def _build(*args, out: Path) -> subprocess.CompletedProcess:
    r = run_cli("build", *map(str, args), "--out", str(out), "--quiet")
    return r


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _section(text: str, start: str, end: str) -> str:
    """The memo text from heading ``start`` to heading ``end``, without running headers and footers."""
    body = text[text.index(start):text.index(end, text.index(start))]
    furniture = ("UNCLASSIFIED", "Page ", "reportkit reference briefing", "U.S.\u2013Russia Talks on the War", "26 November 2026")
    return squash("\n".join(line for line in body.splitlines() if not line.startswith(furniture)))


def _slide_text(slide, with_notes: bool = False) -> str:
    parts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    if with_notes and slide.has_notes_slide:
        parts.append(slide.notes_slide.notes_text_frame.text)
    return squash("\n".join(parts))


def _title(slide) -> str:
    return slide.shapes.title.text if slide.shapes.title is not None else next(
        sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh.name == "Title")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("since")
    r = _build(NEW, "--since", OLD, out=out)
    assert r.returncode == 0, r.stderr
    return out / "diff-new-memo.pdf", out / "diff-new-deck.pptx"


@pytest.fixture(scope="module")
def expected():
    old, new = _content(OLD), _content(NEW)
    return old, new, _moves(old, new), _likelihoods(old, new)


# --- memo -----------------------------------------------------------------------------------------


def test_memo_section_lists_exactly_the_moves_and_likelihood_changes(built, expected):
    old, new, moves, likely = expected
    assert moves and likely, "the fixtures must differ in scores and likelihoods"
    parties, issues = _names(new)
    text = _pdf_text(built[0])
    first_section = new["sections"][0]["title"]
    assert text.index("What changed since 19 November 2026") < text.index(first_section)
    assert text.index("Bottom line up front") < text.index("What changed since")
    section = _section(text, "What changed since", first_section)
    for (pid, iid), (was, now, _) in moves.items():
        assert f"{parties[pid]['name']} on {issues[iid]}: {signed(was)} \u2192 {signed(now)} (now" in section
    assert sorted(MOVE.findall(section)) == sorted((signed(a), signed(b)) for a, b, _ in moves.values())
    found = {(t.strip(), a, b, arrow) for arrow, t, a, b in LIKELY.findall(section)}
    assert found == {(t, a, b, "\u25b2" if LEVELS.index(b) > LEVELS.index(a) else "\u25bc")
                     for t, (a, b) in likely.items()}
    assert section.count("wording edit") <= 1  # wording-only edits: one line at most


def test_memo_marks_previous_scores_and_likelihood_arrows(built, expected):
    _, _, moves, likely = expected
    text = squash(_pdf_text(built[0]))
    for (_, _), (was, now, basis) in moves.items():
        assert f"{signed(was)} \u2192 {signed(now)}{DAGGER if basis == 'inferred' else ''}" in text
    ups = sum(1 for a, b in likely.values() if LEVELS.index(b) > LEVELS.index(a))
    assert text.count("\u25b2 up from") == ups and text.count("\u25bc down from") == len(likely) - ups
    for a, b in likely.values():
        assert f"{'up' if LEVELS.index(b) > LEVELS.index(a) else 'down'} from {a}" in text
    assert "\u25cb marks the score before it moved (on 19 November 2026)" in text


def test_memo_fonts_embedded_with_arrows(built):
    pdffonts = require_tool("pdffonts")
    out = subprocess.run([pdffonts, str(built[0])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows), out
    assert any("DejaVu" in r for r in rows)  # ▲/▼ come from the fallback font, embedded


# --- deck -----------------------------------------------------------------------------------------


def test_deck_what_changed_slides_follow_bottom_line_and_list_the_changes(built, expected):
    old, new, moves, likely = expected
    parties, issues = _names(new)
    prs = Presentation(str(built[1]))
    titles = [_title(s) for s in prs.slides]
    changed = [k for k, t in enumerate(titles) if t.startswith("What changed since 19 November")]
    assert changed and titles[changed[0] - 1].startswith("Bottom line")
    assert changed == list(range(changed[0], changed[0] + len(changed)))  # continuation slides together
    text = " ".join(_slide_text(prs.slides[k]) for k in changed)
    for (pid, iid), (was, now, _) in moves.items():
        assert f"{parties[pid]['name']} on {issues[iid]}: {signed(was)} \u2192 {signed(now)}" in text
    assert sorted(MOVE.findall(text)) == sorted((signed(a), signed(b)) for a, b, _ in moves.values())
    assert {(t.strip(), a, b) for _, t, a, b in LIKELY.findall(text)} == {(t, a, b) for t, (a, b) in likely.items()}
    notes = prs.slides[changed[0]].notes_slide.notes_text_frame.text
    for (pid, iid), (was, now, _) in moves.items():
        assert f"{parties[pid]['name']} on {issues[iid]}: {signed(was)} \u2192 {signed(now)}" in notes


def _charts(prs):
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_chart:
                yield _title(slide), sh.chart


def test_deck_charts_have_previous_series_with_the_old_scores(built, expected):
    old, new, moves, _ = expected
    parties, issues = _names(new)
    by_short = {p["short"]: pid for pid, p in parties.items()}
    by_issue = {name: iid for iid, name in issues.items()}
    old_scores = {(s["party"], s["issue"]): s["score"] for s in old["stances"]}
    seen = set()
    prs = Presentation(str(built[1]))
    for title, chart in _charts(prs):
        series = list(chart.plots[0].series)
        for s in series:  # negative bars must keep their colour, previous series included (#504, #776)
            assert s._element.find("{*}invertIfNegative").get("val") == "0"
        prev = [s for s in series if s.name.startswith("Previous")]
        iid = by_issue.get(title)
        wanted = {pid for (pid, i) in moves if i == iid}
        if not wanted:
            assert not prev, title
            continue
        assert len(prev) == 1, title
        cats = list(chart.plots[0].categories)
        values = dict(zip(cats, prev[0].values))
        for cat, v in values.items():
            pid = by_short[cat]
            if pid in wanted:
                assert v == old_scores[(pid, iid)], (title, cat)
                seen.add((pid, iid))
            else:
                assert v is None, (title, cat)
        workbook = chart.part.chart_workbook.xlsx_part.blob
        with zipfile.ZipFile(io.BytesIO(workbook)) as z:
            assert prev[0].name in z.read("xl/sharedStrings.xml").decode()
    assert seen == set(moves)


def test_deck_marks_likelihood_changes(built, expected):
    _, _, _, likely = expected
    prs = Presentation(str(built[1]))
    rows = {}
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_table and sh.name == "Outcomes":
                for row in list(sh.table.rows)[1:]:
                    rows[row.cells[0].text] = row.cells[1].text
    assert rows
    for title, lik in rows.items():
        if title in likely:
            a, b = likely[title]
            arrow = "\u25b2" if LEVELS.index(b) > LEVELS.index(a) else "\u25bc"
            assert lik.startswith(arrow) and b.capitalize() in lik, (title, lik)
        else:
            assert not lik.startswith(("\u25b2", "\u25bc")), (title, lik)
    outcome_slides = [s for s in prs.slides if any(sh.name == "Likelihood basis" for sh in s.shapes)]
    # a title that an issue slide shares reads "Outcome: …" (unique slide titles, docs/accessibility.md)
    assert {_title(s).removeprefix("Outcome: ") for s in outcome_slides} >= set(likely)
    for slide in outcome_slides:
        basis = next(sh.text_frame.text for sh in slide.shapes if sh.name == "Likelihood basis")
        if _title(slide).removeprefix("Outcome: ") not in likely:
            assert not basis.startswith(("\u25b2", "\u25bc")), basis
        else:
            a, b = likely[_title(slide).removeprefix("Outcome: ")]
            assert f"{'up' if LEVELS.index(b) > LEVELS.index(a) else 'down'} from {a}" in basis
            assert f"from {a} since 19 November 2026" in slide.notes_slide.notes_text_frame.text


def test_deck_heatmap_marks_moved_cells_and_fits(built, expected):
    from reportkit.deck import overflow

    _, _, moves, _ = expected
    prs = Presentation(str(built[1]))
    cells = [c.text for slide in prs.slides for sh in slide.shapes if sh.has_table and sh.name == "Stance heatmap"
             for row in sh.table.rows for c in row.cells]
    for was, now, basis in moves.values():
        assert f"{signed(was)} \u2192 {signed(now)}{DAGGER if basis == 'inferred' else ''}" in cells
    assert sum("\u2192" in c for c in cells) == len(moves)
    assert overflow.check(built[1]) == []


# --- no changes, git, audiences, determinism -------------------------------------------------------


def test_identical_files_add_nothing(tmp_path):
    plain_out, since_out = tmp_path / "plain", tmp_path / "since"
    assert _build(NEW, out=plain_out).returncode == 0
    r = _build(NEW, "--since", NEW, out=since_out)
    assert r.returncode == 0, r.stderr
    text = _pdf_text(since_out / "diff-new-memo.pdf")
    assert "What changed" not in text and "\u2190" not in text
    prs = Presentation(str(since_out / "diff-new-deck.pptx"))
    assert not any(_title(s).startswith("What changed") for s in prs.slides)
    assert not any(s.name.startswith("Previous") for _, c in _charts(prs) for s in c.plots[0].series)
    for name in ("diff-new-memo.pdf", "diff-new-deck.pptx"):  # nothing changed, so nothing differs
        assert (since_out / name).read_bytes() == (plain_out / name).read_bytes()


def test_wording_only_changes_add_nothing(tmp_path):
    reworded = tmp_path / "diff-new.yaml"
    text = NEW.read_text(encoding="utf-8")
    summary = _content(NEW)["summary"][0]["text"].split()[-1]  # reword the first bottom-line point only
    assert text.count(summary) >= 1
    reworded.write_text(text.replace(summary, summary.upper(), 1), encoding="utf-8")
    from reportkit.content import load
    from reportkit.diff import diff

    changes = diff(load(reworded), load(NEW))
    assert changes.wording and not changes.meaningful  # the premise: a wording edit, nothing more
    plain_out, since_out = tmp_path / "plain", tmp_path / "since"
    assert _build(NEW, out=plain_out).returncode == 0
    r = _build(NEW, "--since", reworded, out=since_out)
    assert r.returncode == 0, r.stderr
    for name in ("diff-new-memo.pdf", "diff-new-deck.pptx"):
        assert (since_out / name).read_bytes() == (plain_out / name).read_bytes()


def test_git_revision_forms_match_the_file_form(tmp_path, built):
    git = require_tool("git")
    repo = tmp_path / "repo"
    repo.mkdir()
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    run = lambda *a: subprocess.run([git, *env, *a], cwd=repo, check=True, capture_output=True)  # noqa: E731
    run("init", "-q")
    target = repo / "talks.yaml"
    shutil.copy(OLD, target)
    run("add", "talks.yaml")
    run("commit", "-q", "-m", "old")
    shutil.copy(NEW, target)
    run("commit", "-q", "-am", "new")
    for spec in ("git:HEAD~1", f"git:HEAD~1:{target}"):
        out = tmp_path / spec.replace(":", "_").replace("/", "_")
        r = _build(target, "--since", spec, out=out)
        assert r.returncode == 0, r.stderr
        # the old version's name never reaches the outputs, only its date: same bytes as --since FILE
        assert (out / "talks-memo.pdf").read_bytes() == built[0].read_bytes()
        assert (out / "talks-deck.pptx").read_bytes() == built[1].read_bytes()
    r = _build(target, "--since", "git:nosuchrev", out=tmp_path / "bad")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "nosuchrev" in r.stderr
    assert not (tmp_path / "bad").exists() or not any((tmp_path / "bad").iterdir())


def _withheld_from_press(new: dict) -> set:
    from reportkit.audience import BUILTIN, select
    from reportkit.content import load

    _, withheld = select(load(NEW), BUILTIN["press"])
    return {tuple(ident.split("/")) for kind, ident in withheld.items if kind == "stance"}


def test_press_build_never_shows_a_withheld_change(tmp_path, expected):
    old, new, moves, _ = expected
    parties, issues = _names(new)
    hidden = _withheld_from_press(new) & set(moves)
    assert hidden, "the fixture must withhold a moved stance from the press"
    r = _build(NEW, "--since", OLD, "--audience", "press", out=tmp_path)
    assert r.returncode == 0, r.stderr
    forbidden = []
    for pid, iid in hidden:
        summary = next(s["summary"] for s in new["stances"] if (s["party"], s["issue"]) == (pid, iid))
        forbidden += [f"{parties[pid]['name']} on {issues[iid]}", summary[:40]]
    text = squash(_pdf_text(tmp_path / "diff-new-press-memo.pdf"))
    assert "What changed since" in text  # other changes are still shown
    for s in forbidden:
        assert s not in text, s
    parts = []
    with zipfile.ZipFile(tmp_path / "diff-new-press-deck.pptx") as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as x:
                    parts += [x.read(n).decode("utf-8", "replace") for n in x.namelist()]
            elif name.endswith((".xml", ".rels")):
                parts.append(data.decode("utf-8"))
    xml = squash(" ".join(parts)).replace("&amp;", "&")
    for s in forbidden:
        assert s not in xml, s
    prs = Presentation(str(tmp_path / "diff-new-press-deck.pptx"))
    for title, chart in _charts(prs):  # no previous value for a withheld stance either
        for (pid, iid) in hidden:
            if title == issues[iid]:
                assert parties[pid]["short"] not in list(chart.plots[0].categories)


def test_since_composes_with_all_audiences(tmp_path, expected):
    _, new, moves, _ = expected
    parties, issues = _names(new)
    hidden = _withheld_from_press(new) & set(moves)
    r = _build(NEW, "--since", OLD, "--all-audiences", "--format", "memo", out=tmp_path)
    assert r.returncode == 0, r.stderr
    for audience in ("principals", "staff", "press"):
        text = squash(_pdf_text(tmp_path / f"diff-new-{audience}-memo.pdf"))
        assert "What changed since 19 November 2026" in text
        for pid, iid in hidden:
            shown = f"{parties[pid]['name']} on {issues[iid]}: " in text
            assert shown == (audience != "press"), audience


def test_builds_with_since_are_byte_identical(tmp_path, built):
    r = _build(NEW, "--since", OLD, out=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "diff-new-memo.pdf").read_bytes() == built[0].read_bytes()
    assert (tmp_path / "diff-new-deck.pptx").read_bytes() == built[1].read_bytes()
