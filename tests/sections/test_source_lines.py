"""Every slide that states a fact carries a source line ("Source: [1] …") built from the citations of
what it shows, numbered as the memo's endnotes of the same edition; slides that state none carry
none; the line sits in the footer zone beside the footer's text and never overflows."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import REFERENCE
from helpers import copy_reference, run_cli

WIRE = {"id": "wire", "title": "Wire report on the Geneva contacts", "publisher": "Example Wire",
        "date": "2026-11-24"}
CABLE = {"id": "cable", "title": "Embassy reporting on the Kremlin's preconditions", "sensitivity": "internal"}


def _content(folder):
    """The reference briefing with two more sources, cited by a few items each."""
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["sources"] = [WIRE, *data["sources"], CABLE]  # the article is now [2]
    for s in data["stances"]:
        if s["issue"] == "nato":
            s["source"] = "wire"
    data["outcomes"][1]["sources"] = ["cable", "article"]
    data["reactions"][0]["source"] = "cable"
    data["summary"][1]["sources"] = ["article", "wire"]
    data["next_steps"][0]["sources"] = ["cable"]
    data["sections"].append({"id": "own", "title": "A section on a slide of its own", "deck": "slide",
                             "sources": ["cable"], "body": "Reported through embassy channels."})
    return copy_reference(folder, "cited.yaml", data=data), data


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    path, data = _content(folder)
    for audience in ("staff", "press"):
        r = run_cli("build", path, "--audience", audience, "--format", "memo,deck", "--out", folder / "out")
        assert r.returncode == 0, r.stderr
    return folder / "out", path, data


def _endnotes(path, audience):
    """Source title -> endnote number, from the memo plan of that audience's edition."""
    from reportkit.audience import BUILTIN, select
    from reportkit.content import load
    from reportkit.edition import make_edition
    from reportkit.memo.plan import Endnotes, plan
    from reportkit.theme import load_theme

    b, _ = select(load(path), BUILTIN[audience])
    notes = next(x for x in plan(make_edition(b, load_theme("default"))).blocks if isinstance(x, Endnotes)).notes
    return {s.title: n.number for s, n in zip(b.sources, notes) if n.text.startswith(s.title)}, b


def _lines(deck):
    from pptx import Presentation

    out = []
    for s in Presentation(str(deck)).slides:
        line = [sh for sh in s.shapes if sh.name == "Source line"]
        out.append((s.shapes.title.text, line[0] if line else None, s))
    return out


def _numbers(text: str) -> set[int]:
    out = set()
    for a, b in re.findall(r"\[(\d+)\](?:\u2013\[(\d+)\])?", text):
        out |= set(range(int(a), int(b or a) + 1))
    return out


def _expected(data, number, audience_sources) -> dict[str, set[int]]:
    """Slide title -> the endnote numbers of what it shows, from the content itself."""
    def nums(ids):
        return {number[t] for t in (audience_sources.get(i) for i in ids) if t in number}

    exp = {}
    for issue in data["issues"]:
        exp[issue["name"]] = nums(s["source"] for s in data["stances"] if s["issue"] == issue["id"])
    for o in data["outcomes"]:
        exp[o["title"]] = nums([*o.get("sources", ()), *(s for i in o.get("indicators", ()) for s in i.get("sources", ()))])
    exp["Key judgments"] = nums(s for k in data["key_judgments"] for s in k.get("sources", ()))
    exp["Bottom line"] = nums(s for p in data["summary"] if isinstance(p, dict) for s in p.get("sources", ()))
    exp["Where the parties stand"] = nums(s["source"] for s in data["stances"])
    exp["International reactions"] = nums(r["source"] for r in data["reactions"])
    exp["Next steps"] = nums(s for p in data["next_steps"] if isinstance(p, dict) for s in p.get("sources", ()))
    exp["A section on a slide of its own"] = nums(["cable"])
    return exp


@pytest.mark.parametrize("audience", ["staff", "press"])
def test_each_source_line_matches_what_the_slide_shows(built, audience):
    out, path, data = built
    number, b = _endnotes(path, audience)
    titles = {s["id"]: s["title"] for s in data["sources"]}
    expected = _expected(data, number, titles)
    if audience == "press":
        assert "Embassy reporting on the Kremlin's preconditions" not in number  # withheld: no endnote
    checked = 0
    for title, line, _ in _lines(out / f"cited-{audience}-deck.pptx"):
        bare = re.sub(r"^(Issue|Outcome): ", "", title)
        if bare in expected:
            got = _numbers(line.text_frame.text) if line is not None else set()
            assert got == expected[bare], (audience, title, line and line.text_frame.text)
            checked += 1
        if line is not None:  # every number named is one of this edition's endnotes, with its title
            text = line.text_frame.text
            assert text.startswith("Source: " if len(_numbers(text)) == 1 else "Sources: ")
            for t, n in number.items():
                if f"[{n}] " in text:
                    head = text.split(f"[{n}] ", 1)[1].split(";")[0].rstrip("\u2026")
                    assert t.startswith(head.rstrip(".")) or head.startswith(t), (text, t)
    assert checked >= 12


def test_slides_without_facts_have_no_line(built):
    out, _, _ = built
    for title, line, _ in _lines(out / "cited-staff-deck.pptx"):
        if title in ("Agenda", "Sources", "Sanctions") or title.startswith("U.S.\u2013Russia Talks"):
            assert line is None, title  # title, agenda, the sources list, an issue with no stances
    assert sum(line is not None for _, line, _ in _lines(out / "cited-staff-deck.pptx")) >= 15


def test_the_line_sits_beside_the_footer_and_fits(built):
    from reportkit.deck import fit
    from reportkit.deck.overflow import EMU_PER_PT, check

    out, _, _ = built
    for audience in ("staff", "press"):
        deck = out / f"cited-{audience}-deck.pptx"
        assert check(deck) == []
        for title, line, slide in _lines(deck):
            if line is None:
                continue
            footer = next(sh for sh in slide.shapes if sh.name == "Footer")
            run = footer.text_frame.paragraphs[0].runs[0]
            text_right = (footer.left / EMU_PER_PT + 3.6
                          + fit.metrics().width(run.text, run.font.size.pt))
            assert line.left / EMU_PER_PT >= text_right + 10, title  # after the footer's text, not over it
            assert line.top == footer.top and line.top + line.height <= footer.top + footer.height
            number = next(sh for sh in slide.shapes if sh.name == "Slide number")
            assert line.left + line.width <= number.left


def test_wording_falls_back_to_numbers():
    import dataclasses

    from reportkit.content import load
    from reportkit.model import Source
    from reportkit.present import sources_line

    b = load(REFERENCE)
    more = tuple(Source(id=f"s{n}", title=f"Report number {n} on a long and winding subject") for n in range(2, 7))
    b = dataclasses.replace(b, sources=b.sources + more)
    ids = ["s2", "s3", "s4", "article", "s6", "unknown"]
    options = sources_line.candidates(b, ids)
    assert options[0].startswith("Sources: [1] News article on U.S.")
    assert options[-2] == "Sources: [1], [2], [3], [4], [6]" and options[-1] == "Sources: [1]\u2013[4], [6]"
    assert sources_line.source_line(b, ids, lambda t: len(t) < 40) == "Sources: [1], [2], [3], [4], [6]"
    assert sources_line.source_line(b, ["article"], lambda t: True).startswith("Source: [1] News article")
    assert sources_line.source_line(b, ["unknown"], lambda t: True) is None
