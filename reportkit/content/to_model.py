"""Turn validated content data (plain dicts and lists) into the frozen model.

Runs only after validation has passed, so it assumes every key has the right type.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .. import model as m
from .. import standards as std


def _tags(d: dict) -> dict:
    return {"audiences": tuple(d.get("audiences") or ()), "sensitivity": d.get("sensitivity", "public")}


def _date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def _credibility(d: dict) -> tuple:
    """Per cited source, in the order of ``sources`` (then any others, sorted): stable for equality."""
    cred = d.get("credibility") or {}
    order = [s for s in (d.get("sources") or ()) if s in cred] + sorted(set(cred) - set(d.get("sources") or ()))
    return tuple((s, cred[s]) for s in order)


def _point(v: Any) -> m.Point:
    if isinstance(v, str):
        return m.Point(text=v)
    return m.Point(text=v["text"], sources=tuple(v.get("sources") or ()), credibility=_credibility(v), **_tags(v))


def _judgment(v: dict) -> m.KeyJudgment:
    return m.KeyJudgment(text=v["text"], confidence=v["confidence"], confidence_note=v.get("confidence_note"),
                         likelihood=v.get("likelihood"), sources=tuple(v.get("sources") or ()),
                         credibility=_credibility(v), **_tags(v))


def _indicator(v: dict) -> m.Indicator:
    return m.Indicator(text=v["text"], status=v["status"], date=_date(v.get("date")),
                       sources=tuple(v.get("sources") or ()))


def _signoffs(b: dict) -> tuple[m.Signoff, ...]:
    return tuple(m.Signoff(role=role, name=v["name"], office=v.get("office", ""), date=_date(v.get("date")), **_tags(v))
                 for role in m.SIGNOFF_ROLES for v in b.get(f"{role}_by") or ())


def _paragraphs(body: str) -> tuple[str, ...]:
    # Blank lines separate paragraphs; single newlines inside a paragraph are spaces.
    paras = [" ".join(line.strip() for line in block.splitlines()).strip() for block in body.split("\n\n")]
    return tuple(p for p in paras if p)


def _figure(v: dict, images: dict) -> m.Figure:
    return m.Figure(id=v["id"], file=v["file"], caption=v["caption"], alt=v["alt"], source=v.get("source"),
                    date=_date(v.get("date")), credit=v.get("credit", ""), width=v.get("width"),
                    image=images.get(v["id"]), **_tags(v))


def to_model(data: dict, origin=None, images: dict | None = None) -> m.Briefing:
    """``images``: figure id -> ``model.FigureImage`` (content/figures.py), read beside the content file."""
    b = data["briefing"]
    memo = b["memo"]
    meta = m.Meta(
        title=b["title"],
        subtitle=b.get("subtitle", ""),
        date=_date(b["date"]),
        classification=b["classification"],
        memo=m.Memo(to=memo["to"], from_=memo["from"], subject=memo["subject"]),
        author=b.get("author", ""),
        organisation=b.get("organisation", ""),
        language=b.get("language", "en"),
        likelihood_scale=b.get("likelihood_scale", std.DEFAULT_SCALE),
    )
    scale = std.SCALES[meta.likelihood_scale]
    return m.Briefing(
        origin=origin,
        meta=meta,
        summary=tuple(_point(p) for p in data["summary"]),
        parties=tuple(
            m.Party(id=p["id"], name=p["name"], short=p.get("short") or p["name"], role=p["role"],
                    leader=p.get("leader"), color=p.get("color"), **_tags(p))
            for p in data["parties"]
        ),
        issues=tuple(
            m.Issue(id=i["id"], name=i["name"], proposition=i["proposition"], **_tags(i))
            for i in data["issues"]
        ),
        stances=tuple(
            m.Stance(party=s["party"], issue=s["issue"], score=s["score"], basis=s["basis"],
                     summary=s["summary"], source=s["source"], credibility=s.get("credibility"), **_tags(s))
            for s in data.get("stances") or ()
        ),
        outcomes=tuple(
            m.Outcome(
                id=o["id"], title=o["title"], likelihood=scale.term(o["likelihood"]).band,
                likelihood_term=o["likelihood"],
                likelihood_basis=o.get("likelihood_basis", "judgement"),
                likelihood_note=o.get("likelihood_note"), summary=o["summary"],
                conditions=tuple(o.get("conditions") or ()), obstacles=tuple(o.get("obstacles") or ()),
                positions=tuple(m.Position(k, v) for k, v in (o.get("positions") or {}).items()),
                sources=tuple(o.get("sources") or ()), confidence=o.get("confidence"),
                confidence_note=o.get("confidence_note"), indicators=tuple(_indicator(i) for i in o.get("indicators") or ()),
                credibility=_credibility(o), figure=o.get("figure"), **_tags(o),
            )
            for o in data.get("outcomes") or ()
        ),
        reactions=tuple(
            m.Reaction(party=r["party"], tone=r["tone"], text=r["text"], source=r["source"],
                       credibility=r.get("credibility"), **_tags(r))
            for r in data.get("reactions") or ()
        ),
        sections=tuple(
            m.Section(id=s["id"], title=s["title"], paragraphs=_paragraphs(s["body"]),
                      sources=tuple(s.get("sources") or ()), credibility=_credibility(s),
                      show_in=s.get("show_in", "both"), deck=s.get("deck", "context"), after=s.get("after"),
                      brief=s.get("brief", False), figure=s.get("figure"), **_tags(s))
            for s in data.get("sections") or ()
        ),
        next_steps=tuple(_point(p) for p in data.get("next_steps") or ()),
        sources=tuple(
            m.Source(id=s["id"], title=s["title"], publisher=s.get("publisher", ""), date=_date(s.get("date")),
                     url=s.get("url"), note=s.get("note"), reliability=s.get("reliability"), **_tags(s))
            for s in data["sources"]
        ),
        audiences=data.get("audiences") or {},
        key_judgments=tuple(_judgment(k) for k in data.get("key_judgments") or ()),
        clearance=_signoffs(b),
        figures=tuple(_figure(f, images or {}) for f in data.get("figures") or ()),
    )
