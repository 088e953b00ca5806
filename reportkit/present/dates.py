"""One date style per language, used by every edition for every date it prints (the briefing's own
date, a source's date, "since" dates of a comparison)."""
from __future__ import annotations

import datetime as _dt

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def day(d: _dt.date, language: str = "en") -> str:
    """"22 July 2022": day without padding, month in words, year; no locale involved, so the output
    is the same on every machine. Languages without a table of their own use the English one, as the
    rest of each edition's fixed wording is English too."""
    months = _MONTHS.get(language.split("-")[0].lower(), _MONTHS["en"])
    return f"{d.day} {months[d.month - 1]} {d.year}"


def day_month(d: _dt.date, language: str = "en") -> str:
    """"22 July": for places where the year is already in view (a slide title, a legend entry)."""
    return day(d, language).rsplit(" ", 1)[0]
