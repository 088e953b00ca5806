"""Audience profiles: who an edition is for, how much it shows, and what it may not show.

Built-ins are ``principals``, ``staff`` and ``press``. Users add or override profiles in the content
file's top-level ``audiences:`` mapping: the profile travels with the briefing it shapes, so one file
is reviewed and nothing about who-sees-what lives elsewhere (see docs/templates.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..errors import InputError, Problem
from ..model import SENSITIVITIES, Briefing

DETAILS = ("brief", "full")
# What a brief edition promises to stay within (None: no budget). The memo's is its plan's
# ``max_pages``; the deck's is here: title, bottom line, stance table, the two most divided issues,
# outcomes, next steps, sources (docs/deck.md). Over it, the build warns (``present.budget``).
SLIDE_BUDGET = {"brief": 8, "full": None}


def slide_budget(detail: str) -> int | None:
    """The most slides an edition of this detail level promises (``"brief"``: 8), or None."""
    return SLIDE_BUDGET.get(detail)
PROFILE_KEYS = ("label", "theme", "detail", "notes", "disclaimer", "clearance", "to", "grades", "confidence_notes",
                "clearance_block")


@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    theme: str = "default"
    detail: str = "full"  # "brief": bottom line, stance matrix, outcome table; "full": everything
    notes: bool = True  # speaker notes in the deck
    disclaimer: str | None = None  # one line printed on every page and slide
    clearance: str = "internal"  # highest sensitivity shown; one of model.SENSITIVITIES
    to: str | None = None  # the memo's TO line for this audience; None keeps the briefing's memo.to
    grades: bool = True  # source reliability and citation credibility (Admiralty grades)
    confidence_notes: bool = True  # why a confidence is what it is: the analyst's working
    clearance_block: bool = True  # who drafted and cleared the briefing: names of staff, internal by custom
    builtin: bool = False

    def may_see(self, sensitivity: str) -> bool:
        return SENSITIVITIES.index(sensitivity) <= SENSITIVITIES.index(self.clearance)


BUILTIN = {
    # Principals decide, so they are cleared for everything staff see; brevity comes from the detail
    # level, never from hiding judgements from the person who acts on them.
    "principals": Profile("principals", "Principals", detail="brief", notes=True,
                          clearance="restricted", builtin=True),
    "staff": Profile("staff", "Staff", detail="full", notes=True, clearance="restricted", builtin=True),
    # Releasable: only public items, no speaker notes (they are the analyst's voice, not for release).
    "press": Profile("press", "Press (releasable)", detail="full", notes=False, clearance="public",
                     disclaimer="Prepared for public release. Not a statement of government policy.",
                     to="For release", grades=False, confidence_notes=False, clearance_block=False,
                     builtin=True),  # "TO: Principals" on a released memo would mislead
}


def profile_from_mapping(name: str, spec: Mapping, base: Profile | None = None, where: str = "content") -> Profile:
    """A profile from the content file's ``audiences.NAME`` mapping; a built-in of the same name is
    the base, so ``press: {theme: print}`` changes only the theme."""
    problems = []
    unknown = sorted(set(spec) - set(PROFILE_KEYS))
    if unknown:
        problems.append(f"audience {name!r}: unknown key(s) {', '.join(unknown)}")
    if "detail" in spec and spec["detail"] not in DETAILS:
        problems.append(f"audience {name!r}: detail must be one of {', '.join(DETAILS)}")
    if "clearance" in spec and spec["clearance"] not in SENSITIVITIES:
        problems.append(f"audience {name!r}: clearance must be one of {', '.join(SENSITIVITIES)}")
    for flag in ("notes", "grades", "confidence_notes", "clearance_block"):
        if flag in spec and not isinstance(spec[flag], bool):
            problems.append(f"audience {name!r}: {flag} must be true or false")
    if problems:
        # The content validator locates these precisely; this is the backstop for models built in code.
        raise InputError([Problem(where, 1, 1, p) for p in problems])
    base = base or Profile(name=name, label=name.capitalize())
    fields = {k: spec[k] for k in PROFILE_KEYS if k in spec}
    return Profile(**{**base.__dict__, **fields, "name": name, "builtin": False})


def profiles(briefing: Briefing | None = None, where: str = "content") -> dict[str, Profile]:
    """Every profile: the built-ins, then the content file's (which win on a shared name)."""
    out = dict(BUILTIN)
    for name, spec in ((briefing.audiences if briefing else None) or {}).items():
        out[name] = profile_from_mapping(name, spec or {}, BUILTIN.get(name), where)
    return out


def get_profile(name: str, briefing: Briefing | None = None, where: str = "content") -> Profile:
    """The profile ``--audience NAME`` asks for; an unknown name is blamed on the command line."""
    from ..errors import command_line, did_you_mean

    known = profiles(briefing, where)
    if name not in known:
        raise InputError(command_line("--audience", f"unknown audience {name!r}{did_you_mean(name, known)}; "
                                                    f"known: {', '.join(known)}"))
    return known[name]
