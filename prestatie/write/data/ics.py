"""``termijnen.ics``: every commitment's deadline and every recurring duty as a calendar event.

A deadline is an all-day event on its last day (31 december for a year, the last day of a
quarter or period); a recurring duty (``herhaling:``, when the model has it) is a repeating
all-day event from its start (``vanaf:``, else the first day of the looptijd) to the end of the
looptijd. Each event's UID is made of the agreement folder and the commitment's id, so a
calendar that imported the file before updates the event instead of adding a second one.
Made with the icalendar library; the only date in it that is not a deadline is the build date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from icalendar import Calendar, Event, vRecur

from ...load.sjablonen import Sjablonen
from ...model import Dossier
from ...render.document import Documentinfo
from .opendata import label, termijn, termijn_tekst

PRODID = "-//prestatie//prestatieafspraken//NL"
_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "overeenkomst"


def herhaalregel(per_jaar: float) -> dict[str, Any] | None:
    """An RRULE for a duty that comes back ``per_jaar`` times a year (12 → monthly, 3 → every four months)."""
    if per_jaar <= 0:
        return None
    months = 12 / per_jaar
    if abs(months - round(months)) < 1e-9 and round(months) >= 1:
        n = round(months)
        return {"FREQ": "YEARLY", "INTERVAL": n // 12} if n % 12 == 0 else {"FREQ": "MONTHLY", "INTERVAL": n}
    weeks = 52 / per_jaar
    if abs(weeks - round(weeks)) < 1e-9 and round(weeks) >= 1:
        return {"FREQ": "WEEKLY", "INTERVAL": round(weeks)}
    return None


def _plain(markdown: str) -> str:
    text = re.sub(r"[*_`]", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split())


def kalender(dossier: Dossier, versie: str, datum: dt.datetime) -> bytes:
    """The calendar of one agreement's deadlines and recurring duties."""
    o = dossier.overeenkomst
    partijen = {p.id: p.korte_naam for p in o.partijen}
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Termijnen {o.titel}")
    cal.add("x-wr-caldesc", f"Termijnen en terugkerende verplichtingen uit {o.titel}, versie {versie}")
    stamp = datum.astimezone(dt.timezone.utc)
    folder = _slug(dossier.map)
    for a in o.afspraken:
        nummer = label(a)
        naam = a.titel or _plain(a.tekst)[:80]
        trekkers = [partijen.get(t, str(t)) for t in (a.trekker if isinstance(a.trekker, list) else [a.trekker])]
        beschrijving = (f"{_plain(a.tekst)}\n\nTrekker: {', '.join(trekkers)}."
                        f"\nUit: {o.titel}, versie {versie}.")
        _, einde = termijn(getattr(a, "termijn", None))
        tekst = termijn_tekst(getattr(a, "termijn", None))
        if einde is not None:
            event = _event(f"{folder}-{a.id}-termijn@prestatie", stamp, einde,
                           f"Termijn {nummer} · {naam}", f"Termijn: {tekst}.\n\n{beschrijving}")
            cal.add_component(event)
        herhaling = getattr(a, "herhaling", None)
        regel = herhaalregel(float(getattr(herhaling, "per_jaar", 0) or 0)) if herhaling else None
        if regel is not None:
            herhaling = getattr(herhaling, "tekst", herhaling)  # as the agreement writes it
            vanaf = getattr(a, "vanaf", None)
            begin = getattr(vanaf, "begin", None) or dt.date(o.looptijd.van, 1, 1)
            tot = einde or dt.date(o.looptijd.tot, 12, 31)
            event = _event(f"{folder}-{a.id}-herhaling@prestatie", stamp, begin,
                           f"{nummer} · {naam} ({herhaling})", f"Terugkerend: {herhaling}.\n\n{beschrijving}")
            event.add("rrule", vRecur({**regel, "UNTIL": tot}))
            cal.add_component(event)
    return cal.to_ical()


def _event(uid: str, stamp: dt.datetime, day: dt.date, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


class IcsWriter:
    """``termijnen.ics`` of one agreement, straight from the model."""

    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "IcsWriter":
        return cls()

    def bestanden(self, dossier: Dossier, info: Documentinfo) -> dict[str, bytes]:
        return {"termijnen.ics": kalender(dossier, info.versie, info.datum)}
