"""Deterministic synthetic briefings for the benchmark: valid content files of any size.

``scaled(k)`` is the reference briefing grown k times *as content*: k times the outcomes, the stance
matrix cells and the stances (at the reference's density, 19 of 42 pairs). Parties and issues each grow
by sqrt(k), because the matrix is parties x issues: growing both by k would make the matrix, and any
output that draws it, grow by k squared, which no renderer can draw in linear time. The memo's framing
(summary, sections, next steps) stays the size an analyst writes. ``sized(parties, issues, outcomes)``
builds any other size, e.g. the 40 x 30 x 100 case, at the same density.

The same arguments always give the same bytes (a seeded ``random.Random``; no clocks, no sets).

    python3 benchmarks/synthetic.py --scale 10 -o /tmp/10x.yaml
    python3 benchmarks/synthetic.py --parties 40 --issues 30 --outcomes 100 -o /tmp/big.yaml
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys

import yaml

# The reference briefing's counts (content/us-russia-talks.yaml): the 1x shape.
REF_PARTIES, REF_ISSUES, REF_OUTCOMES, REF_STANCES = 6, 7, 4, 19
REF_DENSITY = REF_STANCES / (REF_PARTIES * REF_ISSUES)
STANCES_PER_PARTY = REF_STANCES / REF_PARTIES
POSITIONS_PER_OUTCOME = REF_PARTIES  # each outcome names this many parties' positions; others are unknown

ROLES = ("negotiator", "belligerent", "mediator", "alliance", "bloc", "observer")
TONES = ("welcoming", "hopeful", "cautious", "skeptical", "opposed", "neutral")
LIKELIHOODS = ("low", "medium", "high")
POSITIONS = ("support", "conditional", "oppose", "unknown")

_SYLLABLES = ("ar", "bel", "cor", "dan", "el", "fen", "gar", "hal", "is", "jor", "kal", "lor", "mar",
              "nor", "os", "pel", "quar", "ros", "sal", "tor", "ur", "val", "wen", "xan", "yor", "zel")
_KINDS = ("Republic of", "Kingdom of", "Federation of", "", "", "")
_TOPICS = ("Grain corridor", "Energy transit", "Prisoner exchange", "Border demarcation", "Nuclear safety",
           "Sanctions relief", "Troop withdrawal", "Maritime access", "Reparations", "Minority rights",
           "Water rights", "Arms control", "Refugee return", "Election monitoring", "Debt relief")
_WORDS = ("the talks", "a verified ceasefire", "security guarantees", "its allies", "the mediators",
          "reconstruction funding", "a phased withdrawal", "sanctions", "the border regions", "monitoring",
          "humanitarian corridors", "its parliament", "public opinion", "the next round", "the envoys",
          "a written framework", "territorial integrity", "prisoner exchanges", "energy exports")
_VERBS = ("supports", "rejects", "questions", "welcomes", "conditions its support on", "is wary of",
          "has proposed", "demands", "is ready to discuss", "calls for")


def _name(rng: random.Random, n: int) -> tuple[str, str]:
    """A unique fictional state name and its short form, e.g. ("Republic of Belmar", "Belmar")."""
    a, b = divmod(n, len(_SYLLABLES))
    short = (_SYLLABLES[(b * 7 + a * 3 + 3) % len(_SYLLABLES)] + _SYLLABLES[b] + ("ia" if n % 3 == 0 else "")).capitalize()
    if a >= len(_SYLLABLES):
        short += f" {a // len(_SYLLABLES) + 1}"
    kind = _KINDS[rng.randrange(len(_KINDS))]
    return (f"{kind} {short}".strip(), short)


def _sentence(rng: random.Random, subject: str, words: int = 12) -> str:
    parts = [subject, rng.choice(_VERBS), rng.choice(_WORDS)]
    while len(" ".join(parts).split()) < words:
        parts += [rng.choice(("and", "while", "but", "as", "so that")), rng.choice(_WORDS), rng.choice(_VERBS), rng.choice(_WORDS)]
    text = " ".join(parts)
    return text[0].upper() + text[1:]


def sized(parties: int, issues: int, outcomes: int, *, stances: int | None = None,
          positions_per_outcome: int | None = None, reactions: int | None = None,
          sources: int | None = None, seed: int = 7) -> dict:
    """Content data (plain dicts, ready for YAML) with the given counts; the defaults follow the reference."""
    rng = random.Random(seed)
    stances = round(parties * issues * REF_DENSITY) if stances is None else stances
    stances = min(stances, parties * issues)
    per_outcome = min(parties, POSITIONS_PER_OUTCOME if positions_per_outcome is None else positions_per_outcome)
    reactions = round(parties * 4 / REF_PARTIES) if reactions is None else reactions
    n_sources = max(1, parties // REF_PARTIES) if sources is None else sources

    source_ids = [f"src{n:03d}" for n in range(1, n_sources + 1)]
    party_list = []
    for n in range(parties):
        name, short = _name(rng, n)
        p = {"id": f"p{n + 1:03d}", "name": name, "short": short, "role": ROLES[n % len(ROLES)]}
        if n % 4 == 0:
            p["leader"] = f"President {short} {rng.choice(('Adler', 'Brandt', 'Costa', 'Dvořák', 'Eriksen'))}"
        party_list.append(p)
    issue_list = []
    for n in range(issues):
        topic = _TOPICS[n % len(_TOPICS)] + (f" ({n // len(_TOPICS) + 1})" if n >= len(_TOPICS) else "")
        issue_list.append({"id": f"i{n + 1:03d}", "name": topic,
                           "proposition": f"{topic} is settled on terms the mediators proposed in round {n % 5 + 1}"})

    # Stances spread evenly over the matrix (a deterministic stride), each party on several issues.
    cells = parties * issues
    step = cells / stances if stances else 1
    stance_list = []
    for k in range(stances):
        cell = int(k * step)
        p, i = party_list[cell // issues], issue_list[cell % issues]
        stance_list.append({
            "party": p["id"], "issue": i["id"], "score": rng.choice((-2, -1, 0, 1, 2)),
            "basis": "stated" if rng.random() < 0.7 else "inferred",
            "source": source_ids[k % n_sources],
            "summary": _sentence(rng, p["short"], rng.randint(8, 18)),
        })

    outcome_list = []
    for n in range(outcomes):
        start = (n * per_outcome) % parties
        named = [party_list[(start + j) % parties]["id"] for j in range(per_outcome)]
        outcome_list.append({
            "id": f"o{n + 1:03d}",
            "title": f"{_TOPICS[(n * 3) % len(_TOPICS)]} agreement, option {n + 1}",
            "likelihood": LIKELIHOODS[n % 3],
            "likelihood_basis": "judgement",
            "likelihood_note": _sentence(rng, "The analyst judges that", rng.randint(14, 26)) + ".",
            "summary": _sentence(rng, "An arrangement under which", rng.randint(14, 24)) + ".",
            "conditions": [_sentence(rng, "The parties", rng.randint(8, 14)) for _ in range(rng.randint(1, 3))],
            "obstacles": [_sentence(rng, party_list[(start + j) % parties]["short"], rng.randint(8, 14))
                          for j in range(rng.randint(1, 3))],
            "positions": {pid: POSITIONS[rng.randrange(len(POSITIONS))] for pid in named},
            "sources": [source_ids[n % n_sources]],
        })

    reaction_list = [{
        "party": party_list[(n * 3) % parties]["id"] if parties else "",
        "tone": TONES[n % len(TONES)],
        "text": _sentence(rng, party_list[(n * 3) % parties]["short"], rng.randint(18, 32)) + ".",
        "source": source_ids[n % n_sources],
    } for n in range(reactions if parties else 0)]

    first = source_ids[0]
    return {
        "reportkit": 1,
        "briefing": {
            "title": f"Synthetic Talks: {parties} Parties, {issues} Issues, {outcomes} Outcomes",
            "subtitle": "Generated benchmark content – positions, potential outcomes and reactions",
            "date": dt.date(2026, 11, 26),
            "classification": "UNCLASSIFIED",
            "author": "reportkit benchmark",
            "organisation": "reportkit synthetic content generator",
            "language": "en",
            "memo": {"to": "Principals", "from": "reportkit benchmark",
                     "subject": f"Synthetic negotiation among {parties} parties"},
        },
        "summary": [{"text": _sentence(rng, "The talks", rng.randint(25, 40)) + ".", "sources": [first]}
                    for _ in range(5)],
        "parties": party_list,
        "issues": issue_list,
        "stances": stance_list,
        "outcomes": outcome_list,
        "reactions": reaction_list,
        "sections": [{
            "id": f"section-{n + 1}", "title": f"{_TOPICS[n]} in context", "sources": [first],
            "body": "\n\n".join(
                _sentence(rng, "The negotiators", rng.randint(40, 70)).replace(" the talks", " *the talks*", 1)
                .replace(" sanctions", " **sanctions**", 1) + "."
                for _ in range(2)) + "\n",
        } for n in range(3)],
        "next_steps": [{"text": _sentence(rng, "Clarify whether the envoys", rng.randint(10, 18)) + ".",
                        "sources": [first]} for _ in range(5)],
        "sources": [{"id": sid, "title": f"Synthetic source {n + 1}",
                     "publisher": "reportkit synthetic content generator",
                     "note": "Generated text for benchmarks; not a real report."}
                    for n, sid in enumerate(source_ids)],
    }


def scaled(k: int, seed: int = 7) -> dict:
    """The reference briefing grown k times as content (see the module docstring)."""
    parties, issues = round(REF_PARTIES * k ** 0.5), round(REF_ISSUES * k ** 0.5)
    return sized(parties, issues, REF_OUTCOMES * k, reactions=4 * k, sources=k, seed=seed)


def dump(data: dict) -> str:
    header = "# Synthetic briefing generated by benchmarks/synthetic.py: fictional, for benchmarks only.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, help="the reference shape grown this many times")
    ap.add_argument("--parties", type=int)
    ap.add_argument("--issues", type=int)
    ap.add_argument("--outcomes", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", help="file to write (default: stdout)")
    a = ap.parse_args(argv)
    if a.scale:
        data = scaled(a.scale, a.seed)
    elif a.parties and a.issues and a.outcomes:
        data = sized(a.parties, a.issues, a.outcomes, seed=a.seed)
    else:
        ap.error("give --scale K, or --parties, --issues and --outcomes")
    text = dump(data)
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
