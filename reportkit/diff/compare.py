"""``diff(old, new) -> Changes``: compare two briefings item by item, by id.

Pure: reads two frozen models, imports no rendering library. Pass audience-selected briefings to get
the changes one audience may see: an item withheld from both versions cannot appear.

Items are matched by id (parties, issues, outcomes, sections, sources), by party and issue
(stances), by outcome and party (positions). Items without an id are matched by their text:
conditions and obstacles exactly (after ignoring case, spacing and end punctuation), because a
changed word can reverse their meaning; reactions by party and similar text, because their text is
prose and their tone is what they mean. Order changes alone are not reported.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from difflib import SequenceMatcher
from typing import Any, Iterable, Sequence

from ..model import LIKELIHOODS, Briefing, Outcome, Point, Reaction
from ..text import plain
from .changes import (
    BasisChange, Changes, ConfidenceChange, Edit, IndicatorChange, IndicatorEntry, IssueEntry, LikelihoodChange, OutcomeEntry, OutcomeItem, PartyEntry,
    PositionChange, ReactionEntry, SourceEntry, StanceEntry, StanceMove, ToneChange,
)

# Two reactions of one party whose texts share this share of words are the same reaction, reworded.
REACTION_SIMILARITY = 0.6


def diff(old: Briefing, new: Briefing) -> Changes:
    """Everything that changed from ``old`` to ``new``; see ``Changes``."""
    return _Compare(old, new).changes()


def _norm(text: str) -> str:
    """Text as compared for identity: no emphasis markers, case, repeated spaces or end punctuation."""
    return re.sub(r"\s+", " ", plain(text)).strip().rstrip(".;:,!").casefold()


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _norm(a).split(), _norm(b).split(), autojunk=False).ratio()


def _match(old: Sequence[str], new: Sequence[str], threshold: float | None) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair old and new texts: equal ones first (in order), then, with a ``threshold``, the most
    similar remaining ones. Returns (pairs, unpaired old indices, unpaired new indices)."""
    pairs: list[tuple[int, int]] = []
    waiting: dict[str, list[int]] = {}  # normalised new text -> its unpaired indices, in order
    for j, text in enumerate(new):
        waiting.setdefault(_norm(text), []).append(j)
    free_old = []
    for i, text in enumerate(old):
        same = waiting.get(_norm(text))
        if same:
            pairs.append((i, same.pop(0)))
        else:
            free_old.append(i)
    free_new = sorted(j for js in waiting.values() for j in js)
    if threshold is not None and free_old and free_new:
        scored = sorted((-_similarity(old[i], new[j]), i, j) for i in free_old for j in free_new)
        for neg, i, j in scored:
            if -neg >= threshold and i in free_old and j in free_new:
                pairs.append((i, j))
                free_old.remove(i)
                free_new.remove(j)
    return sorted(pairs), free_old, free_new


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _list_note(old: Sequence[str], new: Sequence[str], noun: str) -> str:
    """A brief account of how a list of texts changed: "1 point reworded, 2 added"."""
    old_norm, new_norm = [_norm(t) for t in old], [_norm(t) for t in new]
    if old_norm != new_norm and sorted(old_norm) == sorted(new_norm):
        return f"{noun}s reordered"
    counts = {"reworded": 0, "added": 0, "removed": 0}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_norm, new_norm, autojunk=False).get_opcodes():
        if tag == "equal":  # equal once normalised; the raw text may still differ (case, punctuation)
            counts["reworded"] += sum(old[i] != new[j] for i, j in zip(range(i1, i2), range(j1, j2)))
        elif tag == "replace":
            counts["reworded"] += min(i2 - i1, j2 - j1)
            counts["added"] += max(0, (j2 - j1) - (i2 - i1))
            counts["removed"] += max(0, (i2 - i1) - (j2 - j1))
        elif tag == "insert":
            counts["added"] += j2 - j1
        else:
            counts["removed"] += i2 - i1
    parts = [(n, what) for what, n in counts.items() if n]
    if not parts:
        return ""
    (n, what), rest = parts[0], parts[1:]
    return ", ".join([f"{n} {noun}{'s' if n != 1 else ''} {what}", *(f"{m} {w}" for m, w in rest)])


class _Compare:
    def __init__(self, old: Briefing, new: Briefing):
        self.old, self.new = old, new
        self.out: dict[str, list] = {}
        self.edits: list[Edit] = []
        self.party_names = {p.id: p.short for p in old.parties} | {p.id: p.short for p in new.parties}
        self.issue_names = {i.id: i.name for i in old.issues} | {i.id: i.name for i in new.issues}

    # Names fall back to the id so a model built in code with a dangling reference still diffs.
    def party_name(self, party_id: str) -> str:
        return self.party_names.get(party_id, party_id)

    def issue_name(self, issue_id: str) -> str:
        return self.issue_names.get(issue_id, issue_id)

    def add(self, group: str, entry: Any) -> None:
        self.out.setdefault(group, []).append(entry)

    def edit(self, item: str, key: str, label: str, field: str, old: Any, new: Any, note: str = "") -> None:
        self.edits.append(Edit(item, key, label, field, _jsonable(old), _jsonable(new), note))

    def field_edits(self, item: str, key: str, label: str, old: Any, new: Any, skip: Iterable[str] = ()) -> None:
        """One edit per field that differs, except the ``skip``ped ones (compared for meaning elsewhere)."""
        for f in dataclasses.fields(old):
            if f.name in skip or not f.init:
                continue
            a, b = getattr(old, f.name), getattr(new, f.name)
            if a != b:
                self.edit(item, key, label, f.name, a, b)

    def changes(self) -> Changes:
        self.meta()
        self.points("bottom line", self.old.summary, self.new.summary)
        self.by_id("party", self.old.parties, self.new.parties, "parties", _party_entry)
        self.by_id("issue", self.old.issues, self.new.issues, "issues", _issue_entry)
        self.stances()
        self.outcomes()
        self.reactions()
        self.sections()
        self.figures()
        self.points("next steps", self.old.next_steps, self.new.next_steps)
        self.by_id("source", self.old.sources, self.new.sources, "sources", _source_entry)
        if dict(self.old.audiences) != dict(self.new.audiences):
            self.edit("audiences", "", "Audience profiles", "audiences", dict(self.old.audiences), dict(self.new.audiences))
        groups = {name: tuple(entries) for name, entries in self.out.items()}
        return Changes(old_date=self.old.meta.date, new_date=self.new.meta.date, wording=tuple(self.edits), **groups)

    def meta(self) -> None:
        old, new = self.old.meta, self.new.meta
        self.field_edits("briefing", "", "Briefing", old, new, skip=("date", "memo"))
        for f in dataclasses.fields(old.memo):
            a, b = getattr(old.memo, f.name), getattr(new.memo, f.name)
            if a != b:
                self.edit("briefing", "", "Memo header", f.name.rstrip("_"), a, b)

    def points(self, item: str, old: tuple[Point, ...], new: tuple[Point, ...]) -> None:
        if old == new:
            return
        old_texts, new_texts = [p.text for p in old], [p.text for p in new]
        note = _list_note(old_texts, new_texts, "point")
        if not note:  # same texts: say which point's citations or tags changed
            note = "; ".join(
                f"point {n}: {', '.join(f.name for f in dataclasses.fields(a) if getattr(a, f.name) != getattr(b, f.name))} changed"
                for n, (a, b) in enumerate(zip(old, new), start=1) if a != b)
        self.edit(item, "", item.capitalize(), "points", old_texts, new_texts, note)

    def by_id(self, item: str, old_items: tuple, new_items: tuple, group: str, entry) -> None:
        """Items with an ``id``: added, removed, or edited field by field (parties, issues, sources)."""
        old_by_id = {x.id: x for x in old_items}
        new_ids = {x.id for x in new_items}
        for x in new_items:
            if x.id not in old_by_id:
                self.add(f"{group}_added", entry(x))
            else:
                label = getattr(x, "short", None) or getattr(x, "name", None) or x.title
                self.field_edits(item, x.id, label, old_by_id[x.id], x)
        for x in old_items:
            if x.id not in new_ids:
                self.add(f"{group}_removed", entry(x))

    def stance_entry(self, s) -> StanceEntry:
        return StanceEntry(s.party, self.party_name(s.party), s.issue, self.issue_name(s.issue), s.score, s.basis, s.summary)

    def stances(self) -> None:
        old_by_key = {(s.party, s.issue): s for s in self.old.stances}
        new_keys = {(s.party, s.issue) for s in self.new.stances}
        for s in self.new.stances:
            was = old_by_key.get((s.party, s.issue))
            if was is None:
                self.add("stances_added", self.stance_entry(s))
                continue
            party, issue = self.party_name(s.party), self.issue_name(s.issue)
            if was.score != s.score:
                self.add("stances_moved", StanceMove(s.party, party, s.issue, issue, was.score, s.score,
                                                     "up" if s.score > was.score else "down", s.basis, s.summary, was.summary))
            if was.basis != s.basis:
                self.add("basis_changed", BasisChange(s.party, party, s.issue, issue, s.score, was.basis, s.basis))
            # A moved stance shows its new summary already; its old one is in StanceMove.old_summary.
            skip = ("party", "issue", "score", "basis") + (("summary",) if was.score != s.score else ())
            self.field_edits("stance", f"{s.party}/{s.issue}", f"{party} on {issue}", was, s, skip=skip)
        for s in self.old.stances:
            if (s.party, s.issue) not in new_keys:
                self.add("stances_dropped", self.stance_entry(s))

    def outcomes(self) -> None:
        old_by_id = {o.id: o for o in self.old.outcomes}
        new_ids = {o.id for o in self.new.outcomes}
        for o in self.new.outcomes:
            was = old_by_id.get(o.id)
            if was is None:
                self.add("outcomes_added", _outcome_entry(o))
            else:
                self.outcome(was, o)
        for o in self.old.outcomes:
            if o.id not in new_ids:
                self.add("outcomes_removed", _outcome_entry(o))

    def outcome(self, was: Outcome, o: Outcome) -> None:
        if was.term != o.term:
            self.add("likelihood_changed", LikelihoodChange(o.id, o.title, was.term, o.term,
                                                            _direction(self.old, was, self.new, o)))
        if was.confidence != o.confidence:
            self.add("confidence_changed", ConfidenceChange(o.id, o.title, was.confidence, o.confidence))
        self.indicators(was, o)
        for kind, old_items, new_items in (("condition", was.conditions, o.conditions), ("obstacle", was.obstacles, o.obstacles)):
            pairs, gone, new = _match(old_items, new_items, threshold=None)
            for j in new:
                self.add(f"{kind}s_added", OutcomeItem(o.id, o.title, new_items[j]))
            for i in gone:
                self.add(f"{kind}s_removed", OutcomeItem(o.id, o.title, old_items[i]))
            for i, j in pairs:
                if old_items[i] != new_items[j]:
                    self.edit(kind, o.id, o.title, f"{kind}s", old_items[i], new_items[j])
        # A party in only one version counts as "unknown" in the other, as an unlisted party does.
        before_of = {p.party: p.position for p in was.positions}
        now_of = {p.party: p.position for p in o.positions}
        for party in self.party_names:
            before, now = before_of.get(party, "unknown"), now_of.get(party, "unknown")
            if before != now:
                self.add("positions_changed", PositionChange(o.id, o.title, party, self.party_names[party], before, now))
        self.field_edits("outcome", o.id, o.title, was, o, skip=("id", "likelihood", "likelihood_term", "conditions",
                                                                 "obstacles", "positions", "confidence", "indicators"))

    def indicators(self, was: Outcome, o: Outcome) -> None:
        """Signposts matched by wording (a reworded one is the same signpost): status moves are meaningful."""
        old_texts, new_texts = [i.text for i in was.indicators], [i.text for i in o.indicators]
        pairs, gone, new = _match(old_texts, new_texts, threshold=None)
        for j in new:
            self.add("indicators_added", IndicatorEntry(o.id, o.title, new_texts[j], o.indicators[j].status))
        for i in gone:
            self.add("indicators_removed", IndicatorEntry(o.id, o.title, old_texts[i], was.indicators[i].status))
        for i, j in pairs:
            a, b = was.indicators[i], o.indicators[j]
            if a.status != b.status:
                self.add("indicators_moved", IndicatorChange(o.id, o.title, b.text, a.status, b.status,
                                                             b.date.isoformat() if b.date else None))
            if a.text != b.text:
                self.edit("indicator", o.id, o.title, "indicators", a.text, b.text)

    def reactions(self) -> None:
        added: list[tuple[int, Reaction]] = []
        removed: list[tuple[int, Reaction]] = []
        tones: list[tuple[int, ToneChange]] = []
        for party in dict.fromkeys(r.party for r in (*self.old.reactions, *self.new.reactions)):
            olds = [(n, r) for n, r in enumerate(self.old.reactions) if r.party == party]
            news = [(n, r) for n, r in enumerate(self.new.reactions) if r.party == party]
            pairs, gone, new = _match([r.text for _, r in olds], [r.text for _, r in news], REACTION_SIMILARITY)
            added += [news[j] for j in new]
            removed += [olds[i] for i in gone]
            for i, j in pairs:
                (_, was), (n, r) = olds[i], news[j]
                name = self.party_name(party)
                if was.tone != r.tone:
                    tones.append((n, ToneChange(party, name, was.tone, r.tone, r.text)))
                self.field_edits("reaction", party, name, was, r, skip=("party", "tone"))
        for n, r in sorted(added, key=lambda x: x[0]):
            self.add("reactions_added", ReactionEntry(r.party, self.party_name(r.party), r.tone, r.text))
        for n, r in sorted(removed, key=lambda x: x[0]):
            self.add("reactions_removed", ReactionEntry(r.party, self.party_name(r.party), r.tone, r.text))
        for n, t in sorted(tones, key=lambda x: x[0]):
            self.add("tone_changed", t)

    def sections(self) -> None:
        def paragraphs(was, s) -> None:
            if was.paragraphs != s.paragraphs:
                self.edit("section", s.id, s.title, "paragraphs", was.paragraphs, s.paragraphs,
                          _list_note(was.paragraphs, s.paragraphs, "paragraph"))

        self.wording_items("section", self.old.sections, self.new.sections, "title", ("id", "paragraphs"), paragraphs)

    def figures(self) -> None:
        """A replaced image is said when both versions read theirs (a ``git:`` version reads none)."""
        def image(was, f) -> None:
            if was.image is not None and f.image is not None and was.image.digest != f.image.digest:
                self.edit("figure", f.id, f.caption, "image", was.file, f.file, "image replaced")

        self.wording_items("figure", self.old.figures, self.new.figures, "caption", ("id", "image"), image)

    def wording_items(self, item: str, old_items: tuple, new_items: tuple, label: str, skip: tuple, more) -> None:
        """Items by id whose changes are all wording edits (sections, figures): added, removed, each field
        edited except ``skip``, and ``more(old, new)`` for what a field-by-field compare cannot say."""
        old_by_id = {x.id: x for x in old_items}
        new_ids = {x.id for x in new_items}
        for x in new_items:
            was = old_by_id.get(x.id)
            if was is None:
                self.edit(item, x.id, getattr(x, label), item, None, getattr(x, label), "added")
                continue
            self.field_edits(item, x.id, getattr(x, label), was, x, skip=skip)
            more(was, x)
        for x in old_items:
            if x.id not in new_ids:
                self.edit(item, x.id, getattr(x, label), item, getattr(x, label), None, "removed")


def _direction(old_b: Briefing, was: Outcome, new_b: Briefing, o: Outcome) -> str:
    """"up" or "down": by rank in the scale when both versions use the same one, else by band."""
    from ..standards import SCALES

    if old_b.meta.likelihood_scale == new_b.meta.likelihood_scale:
        scale = SCALES[new_b.meta.likelihood_scale]
        if was.term in scale.names() and o.term in scale.names():
            return "up" if scale.rank(o.term) > scale.rank(was.term) else "down"
    return "up" if LIKELIHOODS.index(o.likelihood) >= LIKELIHOODS.index(was.likelihood) else "down"


def _party_entry(p) -> PartyEntry:
    return PartyEntry(p.id, p.name, p.short, p.role)


def _issue_entry(i) -> IssueEntry:
    return IssueEntry(i.id, i.name, i.proposition)


def _source_entry(s) -> SourceEntry:
    return SourceEntry(s.id, s.title, s.publisher, s.date.isoformat() if s.date else None, s.url)


def _outcome_entry(o: Outcome) -> OutcomeEntry:
    return OutcomeEntry(o.id, o.title, o.term, o.summary)
