"""Hypothesis strategies for reportkit content: valid content dicts (random numbers of parties, issues,
outcomes; random Unicode text with Cyrillic, accents, markup characters and long words) and single
corruptions of them. Shared by the content tests and the build property tests."""
from __future__ import annotations

import copy
import datetime as dt

from hypothesis import strategies as st

from reportkit import model as m

# Text a hand-written briefing may hold; renderers must escape the markup and wrap the long words.
WORDS = ["Россия", "Україна", "déjà", "naïve", "Zürich", "<b>", "</para>", "&amp;", "R&D", "<img src=x>",
         "*italic*", "**bold**", "50%", "“quoted”", "—", "🇺🇦", "e\u0301", "שלום", "مرحبا",
         "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen" * 3]
_LETTERS = st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co", "Zl", "Zp"))
text = (st.lists(st.one_of(st.sampled_from(WORDS), st.text(_LETTERS, min_size=1, max_size=12)), min_size=1, max_size=8)
        .map(" ".join).filter(lambda s: s.strip() != ""))
# A name or title: the same text, cut to what a box of fixed size may hold (content.limits).
label = text.map(lambda s: s if len(s) <= 300 else (s[:300].strip() or "x"))  # no re-draws: same sequence
ids = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)


def _unique_ids(n_min: int, n_max: int):
    return st.lists(ids, min_size=n_min, max_size=n_max, unique=True)


@st.composite
def tags(draw) -> dict:
    out = {}
    if draw(st.booleans()):
        out["audiences"] = draw(st.lists(st.sampled_from(["principals", "staff", "press"]), max_size=2, unique=True))
    if draw(st.booleans()):
        out["sensitivity"] = draw(st.sampled_from(m.SENSITIVITIES))
    return out


@st.composite
def point(draw, source_ids):
    if draw(st.booleans()):
        return draw(text)
    return {"text": draw(text), "sources": draw(st.lists(st.sampled_from(source_ids), max_size=2)), **draw(tags())}


@st.composite
def content(draw) -> dict:
    """A valid content dict, as ``yaml.safe_dump`` would write it."""
    party_ids = draw(_unique_ids(1, 7))
    issue_ids = draw(_unique_ids(1, 7))
    source_ids = draw(_unique_ids(1, 3))
    src = st.sampled_from(source_ids)
    pairs = draw(st.lists(st.tuples(st.sampled_from(party_ids), st.sampled_from(issue_ids)), max_size=20, unique=True))
    data = {
        "reportkit": 1,
        "briefing": {
            "title": draw(label), "date": draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))),
            "classification": draw(st.sampled_from(["UNCLASSIFIED", "OFFICIAL", "INTERNAL USE ONLY"])),
            "memo": {"to": draw(label), "from": draw(label), "subject": draw(label)},
        },
        "summary": draw(st.lists(point(source_ids), min_size=1, max_size=6)),
        "parties": [{"id": p, "name": draw(label), "role": draw(st.sampled_from(m.ROLES)), **draw(tags())}
                    for p in party_ids],
        "issues": [{"id": i, "name": draw(label), "proposition": draw(text)} for i in issue_ids],
        "stances": [{"party": p, "issue": i, "score": draw(st.sampled_from(m.SCORES)),
                     "basis": draw(st.sampled_from(m.BASES)), "summary": draw(text), "source": draw(src)}
                    for p, i in pairs],
        "outcomes": [{"id": o, "title": draw(label), "likelihood": draw(st.sampled_from(m.LIKELIHOODS)),
                      "summary": draw(text), "conditions": draw(st.lists(text, max_size=3)),
                      "positions": {p: draw(st.sampled_from(m.POSITIONS))
                                    for p in draw(st.lists(st.sampled_from(party_ids), unique=True))},
                      "sources": [draw(src)]}
                     for o in draw(_unique_ids(0, 5))],
        "reactions": [{"party": draw(st.sampled_from(party_ids)), "tone": draw(st.sampled_from(m.TONES)),
                       "text": draw(text), "source": draw(src)} for _ in range(draw(st.integers(0, 4)))],
        "sections": [{"id": s, "title": draw(label), "body": "\n\n".join(draw(st.lists(text, min_size=1, max_size=3)))}
                     for s in draw(_unique_ids(0, 3))],
        "next_steps": draw(st.lists(point(source_ids), max_size=5)),
        "sources": [{"id": s, "title": draw(label)} for s in source_ids],
    }
    if draw(st.booleans()):
        data["briefing"]["subtitle"] = draw(label)
    return data


# One corruption each: (name, function(data, draw) -> the key whose line the problem must be on).
def _score(data, draw):
    if not data["stances"]:
        data["stances"].append({"party": data["parties"][0]["id"], "issue": data["issues"][0]["id"], "score": 0,
                                "basis": "stated", "summary": "x", "source": data["sources"][0]["id"]})
    data["stances"][0]["score"] = draw(st.sampled_from([3, -3, True, 1.5, "high", None]))
    return "score:"


def _missing(data, draw):
    party = data["parties"][draw(st.integers(0, len(data["parties"]) - 1))]
    del party[draw(st.sampled_from(["id", "name", "role"]))]
    return None  # located at the party mapping: the line of its first key


def _unknown_key(data, draw):
    data["briefing"]["titel"] = "typo"
    return "titel:"


def _dangling(data, draw):
    data["reactions"].append({"party": "zz-nobody", "tone": "neutral", "text": "x", "source": data["sources"][0]["id"]})
    return "party: zz-nobody"


def _tone(data, draw):
    data["reactions"].append({"party": data["parties"][0]["id"], "tone": "furious", "text": "x",
                              "source": data["sources"][0]["id"]})
    return "tone: furious"


def _duplicate_id(data, draw):
    data["parties"].append(dict(data["parties"][0]))
    return "id: " + data["parties"][0]["id"]


def _version(data, draw):
    data["reportkit"] = draw(st.sampled_from([0, 2, "1", True]))
    return "reportkit:"


CORRUPTIONS = {f.__name__.lstrip("_"): f for f in (_score, _missing, _unknown_key, _dangling, _tone, _duplicate_id, _version)}


@st.composite
def corrupted(draw):
    """(name, corrupted content dict, text the first problem's line must contain or None)."""
    data = copy.deepcopy(draw(content()))
    name = draw(st.sampled_from(sorted(CORRUPTIONS)))
    return name, data, CORRUPTIONS[name](data, draw)
