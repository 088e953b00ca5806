"""Sections routed by the analyst (``show_in``, ``deck``, ``after``, ``brief``): a section on its own
slide carries all its text and never overflows (10x long text, Chinese, Arabic); memo-only sections
stay out of the deck and deck-only ones out of every memo edition; the order is the same rule in the
PDF memo, the Word memo, the web page and the deck (present.placement)."""
from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from conftest import REFERENCE, require_tool
from helpers import compact, run_cli, write_yaml, copy_reference

LONG = " ".join(f"Sentence {n} of the long note says the talks may take *many* rounds before any text is agreed."
                 for n in range(60))  # about ten times a long section
CJK = "谈判仍处于初步阶段，双方的立场相距甚远。" * 40  # no spaces: cut between characters
ARABIC = "لا تزال المحادثات في مراحلها الأولى، والمواقف متباعدة بين الطرفين. " * 25

SECTIONS = [
    {"id": "bg", "title": "Background of the talks", "sources": ["article"],
     "body": "The sides have not met at this level for years. This section keeps the default place."},
    {"id": "memo-only", "title": "Desk notes for the memo", "show_in": "memo", "after": "summary",
     "body": "Memo-only working notes about the channel to the Kremlin."},
    {"id": "deck-only", "title": "Map talk for the briefing room", "show_in": "deck", "deck": "slide",
     "after": "key_judgments", "body": "Deck-only talking points about the front line map."},
    {"id": "long", "title": "How long the talks may take", "deck": "slide", "after": "stances",
     "sources": ["article"], "body": LONG + "\n\n" + LONG},
    {"id": "scripts", "title": "Voices in other languages", "deck": "slide", "after": "reactions",
     "body": CJK + "\n\n" + ARABIC},
    {"id": "for-principals", "title": "What principals should ask", "deck": "slide", "after": "outcomes",
     "brief": True, "body": "Ask which precondition Moscow would drop first."},
]

# In the full memo: part order kj, summary, changes, stances, outcomes, reactions, next steps.
FULL_MEMO_ORDER = ["Bottom line up front", "Desk notes for the memo", "Background of the talks",
                   "Where the parties stand", "How long the talks may take", "Potential outcomes",
                   "What principals should ask", "International reactions", "Voices in other languages",
                   "Next steps", "Sources"]
FULL_DECK_ORDER = ["Key judgments", "Map talk for the briefing room", "Bottom line", "Where the parties stand",
                   "How long the talks may take", "Possible outcomes", "Context", "What principals should ask",
                   "International reactions", "Voices in other languages", "Next steps", "Sources"]


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("routing")
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["sections"] = SECTIONS
    return copy_reference(folder, "routed.yaml", data=data)


@pytest.fixture(scope="module")
def built(content):
    out = content.parent / "out"
    for audience in ("staff", "principals"):
        r = run_cli("build", content, "--audience", audience, "--format", "memo,deck,docx,html", "--out", out)
        assert r.returncode == 0, r.stderr
        assert "too long for one slide" not in r.stdout + r.stderr
    return out


def _slides(path):
    from pptx import Presentation

    from reportkit.deck.overflow import CHROME

    skip = (*CHROME, "Source line")  # banners, footer, number and the source line: not the slide's text
    out = []
    for s in Presentation(str(path)).slides:
        title = s.shapes.title.text if s.shapes.title is not None else ""
        body = " ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh.name not in skip
                        and sh != s.shapes.title)
        notes = s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""
        out.append((title, body, notes))
    return out


def _in_order(text: str, titles) -> None:
    """Each title occurs after the one before it (headings, searched from the previous one on)."""
    text, pos = compact(text), 0
    for t in titles:
        at = text.find(compact(t), pos)
        assert at >= 0, f"{t!r} not found after the titles before it"
        pos = at + len(compact(t))


def _pdf_text(path) -> str:
    return subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _docx_text(path) -> str:
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(str(path)).element.body
    return " ".join(p.xpath("string(.)") for p in body.iter(qn("w:p")))


def _html_headings(path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]


def test_plans_follow_one_rule(content):
    """The memo plan (shared by PDF, Word, web) and the deck plan, without drawing anything."""
    from reportkit.audience import BUILTIN, select
    from reportkit.content import load
    from reportkit.deck.plan import plan as deck_plan
    from reportkit.edition import make_edition
    from reportkit.memo.plan import Heading
    from reportkit.memo.plan import plan as memo_plan
    from reportkit.theme import load_theme

    b, _ = select(load(content), BUILTIN["staff"])
    e = make_edition(b, load_theme("default"), audience="staff")
    headings = [h.title for h in memo_plan(e).blocks if isinstance(h, Heading) and h.level == 0]
    assert [h for h in headings if h in FULL_MEMO_ORDER] == FULL_MEMO_ORDER
    assert "Map talk for the briefing room" not in headings
    titles = [re.sub(r" \(\d+/\d+\)$", "", s.title) for s in deck_plan(e).slides]
    firsts = list(dict.fromkeys(t for t in titles if t in FULL_DECK_ORDER))
    assert firsts == FULL_DECK_ORDER
    assert "Desk notes for the memo" not in titles
    context = next(s for s in deck_plan(e).slides if s.title == "Context")
    assert "Background of the talks" in " ".join(p.text for sh in context.shapes for p in sh.paragraphs)


def test_own_slides_carry_all_text_without_overflow(built):
    from reportkit.deck.overflow import check
    from reportkit.text import plain

    deck = built / "routed-staff-deck.pptx"
    assert check(deck) == []
    slides = _slides(deck)
    for sec in SECTIONS:
        if sec.get("deck") != "slide" or sec.get("show_in") == "memo":
            continue
        own = [body for title, body, _ in slides if re.sub(r" \(\d+/\d+\)$", "", title) == sec["title"]]
        assert own, sec["id"]
        assert compact(" ".join(own)) == compact(plain(sec["body"])), sec["id"]  # every word, in order
    long_titles = [t for t, _, _ in slides if t.startswith("How long the talks may take")]
    assert len(long_titles) > 1 and long_titles[-1].endswith(f"({len(long_titles)}/{len(long_titles)})")
    assert len([t for t, _, _ in slides if t.startswith("Voices in other languages")]) > 1
    agenda = " ".join(body for title, body, _ in slides if title.startswith("Agenda"))
    assert "How long the talks may take" in agenda and "Map talk for the briefing room" in agenda


def test_memo_only_and_deck_only(built):
    deck_text = compact(" ".join(" ".join(s) for s in _slides(built / "routed-staff-deck.pptx")))
    assert compact("Desk notes for the memo") not in deck_text
    assert compact("channel to the Kremlin") not in deck_text
    memo_texts = {"pdf": _pdf_text(built / "routed-staff-memo.pdf"),
                  "docx": _docx_text(built / "routed-staff-memo.docx"),
                  "html": (built / "routed-staff-briefing.html").read_text(encoding="utf-8")}
    for kind, text in memo_texts.items():
        assert compact("Map talk for the briefing room") not in compact(text), kind
        assert compact("front line map") not in compact(text), kind
        assert compact("channel to the Kremlin") in compact(text), kind


def test_order_in_every_memo_edition(built):
    _in_order(_pdf_text(built / "routed-staff-memo.pdf"), FULL_MEMO_ORDER)
    _in_order(_docx_text(built / "routed-staff-memo.docx"), FULL_MEMO_ORDER)
    headings = _html_headings(built / "routed-staff-briefing.html")
    assert [h for h in headings if h in FULL_MEMO_ORDER] == FULL_MEMO_ORDER


def test_brief_editions_show_only_brief_sections(built):
    memo = _pdf_text(built / "routed-principals-memo.pdf")
    slides = _slides(built / "routed-principals-deck.pptx")
    titles = [t for t, _, _ in slides]
    assert "What principals should ask" in titles
    # brief deck: outcomes overview, then the section, then next steps
    assert titles.index("What principals should ask") == titles.index("Next steps") - 1
    _in_order(memo, ["Potential outcomes", "What principals should ask", "Where the parties stand"])
    for other in ("Background of the talks", "How long the talks may take", "Desk notes for the memo"):
        assert compact(other) not in compact(memo) and other not in titles


def test_old_files_build_as_before(reference):
    """No placement fields: the Context slide after the outcomes, the sections after the bottom line."""
    from reportkit.present import placement

    placed = placement.place(reference, "deck", False, ["summary", "outcomes", "reactions"])
    assert list(placed) == ["outcomes"] and len(placed["outcomes"]) == len(reference.sections)
    assert list(placement.place(reference, "memo", False, ["summary", "changes", "stances"])) == ["changes"]
    assert placement.place(reference, "memo", True, ["summary", "changes"]) == {}


def test_unknown_place_is_a_located_error(tmp_path):
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["sections"][0]["after"] = "outcome"
    path = tmp_path / "bad.yaml"
    write_yaml(path, data)
    r = run_cli("validate", path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert re.search(r"bad\.yaml:\d+:\d+: unknown after 'outcome'; did you mean 'outcomes'\?", r.stderr), r.stderr
