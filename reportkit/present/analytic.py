"""The words every edition prints for analytic standards (docs/analytic-standards.md): likelihood
terms with their ranges, confidence kept apart from likelihood, Admiralty grades, indicators, and the
one-line legend of a likelihood scale."""
from __future__ import annotations

from .. import standards as std
from .dates import day

_STATUS = {"observed": "Observed", "not observed": "Not observed", "unknown": "Unknown"}


def term_word(scale: str, term: str) -> str:
    """A likelihood as a badge or cell shows it: "Medium", "Roughly even chance"."""
    return term[:1].upper() + term[1:]


def term_range(scale: str, term: str) -> str:
    """"45–55 %" where the scale defines a range for the term, else ""."""
    s = std.SCALES.get(scale)
    return s.term(term).range if s and term in s.names() else ""


def scale_steps(scale: str, term: str) -> tuple[int, int]:
    """(1-based place of ``term``, number of terms) on the scale, for the steps a badge or slide draws:
    an ICD 203 "likely" is step 5 of 7, not "high" of three. A term the scale lacks (a band) is placed
    on the three-level scale."""
    s = std.SCALES.get(scale)
    if s is None or term not in s.names():
        s = std.SCALES[std.DEFAULT_SCALE]
        term = term if term in s.names() else "medium"
    return s.rank(term) + 1, len(s.terms)


def likelihood_order(scale: str, outcomes) -> list:
    """``outcomes`` from most to least likely on the scale, content order kept for ties: the one order
    of every outcome table, chart, badge list and outcome slide. Places are compared as fractions of
    the scale (a band term of another scale sits where its three-level step does)."""
    def place(o) -> float:
        step, of = scale_steps(scale, o.term)
        return (step - 1) / (of - 1) if of > 1 else 0.0
    return sorted(outcomes, key=place, reverse=True)  # sorted() is stable: ties keep content order


def steps_label(steps: tuple[int, int]) -> str:
    """What a badge's steps say to a reader who cannot see them: "Step 5 of 7 of the scale"."""
    return f"Step {steps[0]} of {steps[1]} of the scale"


def step_marks(steps: tuple[int, int]) -> str:
    """The steps as text, filled up to the term's place ("■■■■■□□"): for editions that draw no shapes."""
    return "\u25a0" * steps[0] + "\u25a1" * (steps[1] - steps[0])


def step_terms(scale: str) -> tuple[str, ...]:
    """The scale's terms, least to most likely (what each step of a badge stands for)."""
    s = std.SCALES.get(scale) or std.SCALES[std.DEFAULT_SCALE]
    return s.names()


def likelihood_phrase(scale: str, term: str) -> str:
    """"Likelihood: roughly even chance (45–55 %)." — a sentence of its own, never joined to confidence."""
    r = term_range(scale, term)
    return f"Likelihood: {term}" + (f" ({r})" if r else "") + "."


def confidence_phrase(confidence: str | None) -> str:
    """"Confidence: moderate." or "" — its own sentence, as ICD 203 asks."""
    return f"Confidence: {confidence}." if confidence else ""


def judgment_text(kj, scale: str, with_note: bool = True) -> str:
    """A key judgment as one bullet: the judgement, then its likelihood and its confidence apart (and
    why, unless ``with_note`` is off: brief editions keep the judgement and drop the working)."""
    parts = [kj.text.rstrip()]
    if kj.likelihood:
        parts.append(likelihood_phrase(scale, kj.likelihood))
    parts.append(confidence_phrase(kj.confidence))
    if with_note and kj.confidence_note:
        parts.append(kj.confidence_note.rstrip())
    return " ".join(p for p in parts if p)


def scale_legend(scale: str) -> str | None:
    """One line naming the scale's terms and ranges, for scales that define ranges (None otherwise)."""
    s = std.SCALES.get(scale)
    if s is None or not any(t.range for t in s.terms):
        return None
    terms = "; ".join(f"{t.name} {t.range}" for t in s.terms)
    return f"Likelihood terms of the {s.title}: {terms}."


def reliability_text(reliability: str | None) -> str:
    """"Reliability B (usually reliable)." or ""."""
    return f"Reliability {reliability} ({std.RELIABILITY[reliability]})." if reliability else ""


def credibility_text(ratings) -> str:
    """"Information cited rated 2 (probably true), 3 (possibly true)." for the credibility ratings
    an edition gives a source's citations (ascending, each once), or ""."""
    rs = sorted(set(ratings))
    if not rs:
        return ""
    return "Information cited rated " + ", ".join(f"{r} ({std.CREDIBILITY[r]})" for r in rs) + "."


def ratings_by_source(briefing) -> dict[str, tuple[int, ...]]:
    """Every credibility (1–6) the briefing gives a citation, per cited source id: what the sources
    list explains beside each source's reliability, stances and reactions included."""
    out: dict[str, list[int]] = {}
    for item in (*briefing.summary, *briefing.key_judgments, *briefing.outcomes, *briefing.sections,
                 *briefing.next_steps, *briefing.stances, *briefing.reactions):
        cred = getattr(item, "credibility", None)
        if isinstance(cred, int) and getattr(item, "source", ""):
            out.setdefault(item.source, []).append(cred)
        elif isinstance(cred, tuple):
            for sid, n in cred:
                out.setdefault(sid, []).append(n)
    return {sid: tuple(sorted(set(ns))) for sid, ns in out.items()}


def source_grade_text(source, ratings=()) -> str:
    """What the sources list says of a source's grades: "Reliability B (usually reliable). Information
    cited rated 2 (probably true)." (either part may be absent)."""
    return " ".join(p for p in (reliability_text(source.reliability), credibility_text(ratings)) if p)


def grade(briefing, source_id: str, credibility: int | None = None) -> str:
    """The Admiralty grade of one citation: "B2", "B", "2" or ""."""
    return briefing.citation_grade(source_id, credibility)


def status_word(status: str) -> str:
    return _STATUS.get(status, status.capitalize())


def indicator_text(indicator, language: str = "en") -> str:
    """"Inspectors named by both sides — observed (18 November 2026)"."""
    when = f" ({day(indicator.date, language)})" if indicator.date else ""
    return f"{indicator.text.rstrip('.')} \u2014 {status_word(indicator.status).lower()}{when}"
