"""Analytic-standards lint: located warnings about how a valid briefing uses estimative language
and source grades (``reportkit validate``; errors with ``--strict``). docs/analytic-standards.md.

- a likelihood word in free text that contradicts the item's structured likelihood;
- confidence and likelihood in one sentence (ICD 203 keeps them apart);
- a judgement that rests only on sources graded F or information rated 6;
- a term of another likelihood scale than the briefing's.
"""
from __future__ import annotations

import re
from .. import standards as std
from ..errors import Problem
from .safe_yaml import Document

_CONFIDENCE = re.compile(r"\b(?:(?:low|moderate|high)[- ]confidence|confidence)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _terms() -> dict[str, set[str]]:
    """Every estimative term -> the scales that have it (bare low/medium/high are ordinary words)."""
    out: dict[str, set[str]] = {}
    for scale in std.SCALES.values():
        if scale.name == "three-level":
            continue
        for t in scale.names():
            out.setdefault(t, set()).add(scale.name)
    return out


TERMS = _terms()
_TERM = re.compile(r"\b(" + "|".join(sorted(map(re.escape, TERMS), key=len, reverse=True)) + r")\b", re.I)


def _band(term: str) -> str | None:
    bands = {s.term(term).band for s in std.SCALES.values() if term in s.names() and s.name != "three-level"}
    return bands.pop() if len(bands) == 1 else None


def _texts(item: dict, path: tuple, keys) -> list[tuple[tuple, str]]:
    out = []
    for key in keys:
        value = item.get(key)
        if isinstance(value, str):
            out.append((path + (key,), value))
        elif isinstance(value, list):
            out += [(path + (key, i), v) for i, v in enumerate(value) if isinstance(v, str)]
    return out


def lint(doc: Document) -> list[Problem]:
    """The warnings of a document that ``validate`` found valid, sorted by position."""
    data = doc.data
    scale = std.SCALES[(data.get("briefing") or {}).get("likelihood_scale") or std.DEFAULT_SCALE]
    sources = {s["id"]: s for s in data.get("sources") or () if isinstance(s, dict)}
    found: list[Problem] = []

    def warn(path, message):
        found.append(doc.problem(path, message))

    def check_text(path, text, structured: str | None):
        for sentence in _SENTENCE.split(text):
            terms = [m.group(1).lower() for m in _TERM.finditer(sentence)]
            if terms and _CONFIDENCE.search(sentence):
                warn(path, f"one sentence gives both a likelihood ({terms[0]!r}) and a confidence; keep them "
                           "apart (the likelihood and confidence fields print them side by side)")
            for term in dict.fromkeys(terms):
                if scale.name != "three-level" and term not in scale.names():
                    warn(path, f"{term!r} is a term of {_other(term)}, not of the {scale.title} this briefing "
                               f"uses ({', '.join(scale.names())})")
                elif structured and _contradicts(term, structured, scale):
                    warn(path, f"the text says {term!r} but the likelihood is {structured!r}")

    for key in ("summary", "next_steps"):
        for i, item in enumerate(data.get(key) or ()):
            text = item if isinstance(item, str) else (item or {}).get("text")
            if isinstance(text, str):
                check_text((key, i) if isinstance(item, str) else (key, i, "text"), text, None)
    for i, kj in enumerate(data.get("key_judgments") or ()):
        for path, text in _texts(kj, ("key_judgments", i), ("text", "confidence_note")):
            check_text(path, text, kj.get("likelihood"))
        _only_weak(kj, ("key_judgments", i), sources, warn, "key judgment")
    for i, o in enumerate(data.get("outcomes") or ()):
        keys = ("title", "summary", "likelihood_note", "confidence_note", "conditions", "obstacles")
        for path, text in _texts(o, ("outcomes", i), keys):
            check_text(path, text, o.get("likelihood"))
        _only_weak(o, ("outcomes", i), sources, warn, "outcome")
    for key, field in (("sections", "body"), ("stances", "summary"), ("reactions", "text")):
        for i, item in enumerate(data.get(key) or ()):
            for path, text in _texts(item, (key, i), (field,)):
                check_text(path, text, None)
    return sorted(set(found))


def _other(term: str) -> str:
    names = sorted(TERMS.get(term, ()))
    return " and ".join(std.SCALES[n].title for n in names)


def _contradicts(term: str, structured: str, scale: std.Scale) -> bool:
    if term == structured:
        return False
    if scale.name != "three-level":
        return term in scale.names()  # another term of the same scale
    band = _band(term)
    return band is not None and structured in scale.names() and band != scale.term(structured).band


def _only_weak(item: dict, path: tuple, sources: dict, warn, kind: str) -> None:
    cited = [s for s in item.get("sources") or () if isinstance(s, str)]
    if not cited:
        return
    cred = item.get("credibility") or {}
    weak = [s for s in cited if (sources.get(s) or {}).get("reliability") == "F" or cred.get(s) == 6]
    if len(weak) == len(cited):
        warn(path + ("sources",), f"this {kind} rests only on sources graded F (reliability cannot be judged) "
                                  "or information rated 6 (truth cannot be judged)")
