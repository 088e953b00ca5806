"""Turn validated content data (plain dicts and lists) into the frozen model.

Runs only after validation has passed, so it assumes every key has the right type.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .. import model as m


def _tags(d: dict) -> dict:
    return {"audiences": tuple(d.get("audiences") or ()), "sensitivity": d.get("sensitivity", "public")}


def _date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def _point(v: Any) -> m.Point:
    if isinstance(v, str):
        return m.Point(text=v)
    return m.Point(text=v["text"], sources=tuple(v.get("sources") or ()), **_tags(v))


def _paragraphs(body: str) -> tuple[str, ...]:
    # Blank lines separate paragraphs; single newlines inside a paragraph are spaces.
    paras = [" ".join(line.strip() for line in block.splitlines()).strip() for block in body.split("\n\n")]
    return tuple(p for p in paras if p)


def to_model(data: dict, origin=None) -> m.Briefing:
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
    )
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
                     summary=s["summary"], source=s["source"], **_tags(s))
            for s in data.get("stances") or ()
        ),
        outcomes=tuple(
            m.Outcome(
                id=o["id"], title=o["title"], likelihood=o["likelihood"],
                likelihood_basis=o.get("likelihood_basis", "judgement"),
                likelihood_note=o.get("likelihood_note"), summary=o["summary"],
                conditions=tuple(o.get("conditions") or ()), obstacles=tuple(o.get("obstacles") or ()),
                positions=tuple(m.Position(k, v) for k, v in (o.get("positions") or {}).items()),
                sources=tuple(o.get("sources") or ()), **_tags(o),
            )
            for o in data.get("outcomes") or ()
        ),
        reactions=tuple(
            m.Reaction(party=r["party"], tone=r["tone"], text=r["text"], source=r["source"], **_tags(r))
            for r in data.get("reactions") or ()
        ),
        sections=tuple(
            m.Section(id=s["id"], title=s["title"], paragraphs=_paragraphs(s["body"]),
                      sources=tuple(s.get("sources") or ()), **_tags(s))
            for s in data.get("sections") or ()
        ),
        next_steps=tuple(_point(p) for p in data.get("next_steps") or ()),
        sources=tuple(
            m.Source(id=s["id"], title=s["title"], publisher=s.get("publisher", ""), date=_date(s.get("date")),
                     url=s.get("url"), note=s.get("note"), **_tags(s))
            for s in data["sources"]
        ),
        audiences=data.get("audiences") or {},
    )
