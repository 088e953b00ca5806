"""The analytic trade's own vocabulary: likelihood scales, confidence, and source grading.

Domain data only (no renderer imports), read by the content spec, the model, validate's lint and
every edition, so all of them use the same terms, ranges and meanings (docs/analytic-standards.md).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    name: str
    low: int | None = None  # percent, where the scale defines a range
    high: int | None = None
    band: str = "medium"  # reportkit's three-level band: colours and badges that every scale shares

    @property
    def range(self) -> str:
        """"55–80 %" where the scale defines a range, else ""."""
        return f"{self.low}–{self.high} %" if self.low is not None else ""


@dataclass(frozen=True)
class Scale:
    name: str
    title: str
    source: str  # where the scale is defined
    terms: tuple[Term, ...]  # least to most likely

    def term(self, name: str) -> Term:
        return next(t for t in self.terms if t.name == name)

    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.terms)

    def rank(self, name: str) -> int:
        return self.names().index(name)


SCALES = {s.name: s for s in (
    Scale("three-level", "reportkit's three-level scale", "reportkit (the default; no ranges)",
          (Term("low", band="low"), Term("medium", band="medium"), Term("high", band="high"))),
    Scale("icd203", "ICD 203 estimative language",
          "US Intelligence Community Directive 203, Analytic Standards (2015)",
          (Term("almost no chance", 1, 5, "low"), Term("very unlikely", 5, 20, "low"),
           Term("unlikely", 20, 45, "low"), Term("roughly even chance", 45, 55, "medium"),
           Term("likely", 55, 80, "high"), Term("very likely", 80, 95, "high"),
           Term("almost certain", 95, 99, "high"))),
    Scale("uk-yardstick", "UK Probability Yardstick",
          "UK Professional Head of Intelligence Assessment, Probability Yardstick (2019)",
          (Term("remote chance", 0, 5, "low"), Term("highly unlikely", 10, 20, "low"),
           Term("unlikely", 25, 35, "low"), Term("realistic possibility", 40, 50, "medium"),
           Term("likely", 55, 75, "high"), Term("highly likely", 80, 90, "high"),
           Term("almost certain", 95, 100, "high"))),
)}
DEFAULT_SCALE = "three-level"

CONFIDENCE = ("low", "moderate", "high")

# The Admiralty (NATO) system: the source's reliability, and each report's credibility.
RELIABILITY = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources", 2: "probably true", 3: "possibly true",
    4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
}
INDICATOR_STATUSES = ("observed", "not observed", "unknown")


def grade(reliability: str | None, credibility: int | None) -> str:
    """"B2", "B", "2" or "": the Admiralty grade of one citation."""
    return f"{reliability or ''}{credibility or ''}"
