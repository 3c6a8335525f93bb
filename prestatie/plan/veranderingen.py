"""What changed between the previous progress report and this one: statuses, newly realised,
newly behind (a worse status or overdue)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Afspraak, Dossier, Status
from .voortgang import Overschrijding, afspraakstanden, te_laat, vorig_jaar


# --- changes since the previous year ----------------------------------------------------------


@dataclass(frozen=True)
class Statuswijziging:
    """An afspraak whose status differs from the previous report."""

    afspraak: Afspraak
    van: Status
    naar: Status


@dataclass(frozen=True)
class Achterstand:
    """An afspraak that fell behind since the previous report: a worse status, overdue, or both."""

    afspraak: Afspraak
    wijziging: Statuswijziging | None
    """The change into a status that needs attention, if that happened."""
    overschrijding: Overschrijding | None
    """The overdue entry, if the afspraak became overdue."""


@dataclass(frozen=True)
class Veranderingen:
    """What changed between the previous report and this one."""

    vorig_jaar: int
    gewijzigd: list[Statuswijziging]
    """Every status change, in agreement order."""
    nieuw_gerealiseerd: list[Afspraak]
    """Now 'gerealiseerd', not so in the previous report."""
    nieuw_aandacht: list[Statuswijziging]
    """Now in a status that needs attention, not so in the previous report."""
    nieuw_te_laat: list[Overschrijding]
    """Overdue now, not overdue in the previous report."""
    nieuw_achter: list[Achterstand]
    """The two lists above merged: one entry per afspraak, in agreement order."""


def veranderingen(dossier: Dossier, jaar: int) -> Veranderingen | None:
    """Changes since the previous year with a progress file; None for the first report."""
    vorig = vorig_jaar(dossier, jaar)
    if vorig is None:
        return None
    before = {s.afspraak.id: s for s in afspraakstanden(dossier, vorig)}
    gewijzigd, gerealiseerd, aandacht = [], [], []
    for s in afspraakstanden(dossier, jaar):
        if s.afspraak.id not in before:  # applies from this year on (a new jaarschijf, an addendum)
            continue
        prev = before[s.afspraak.id].status
        if prev.naam == s.status.naam:
            continue
        change = Statuswijziging(s.afspraak, prev, s.status)
        gewijzigd.append(change)
        if s.status.kern == "gerealiseerd":
            gerealiseerd.append(s.afspraak)
        if s.status.aandacht and not prev.aandacht:
            aandacht.append(change)
    late_before = {o.afspraak.id for o in te_laat(dossier, vorig)}
    nieuw_te_laat = [o for o in te_laat(dossier, jaar) if o.afspraak.id not in late_before]
    by_change = {c.afspraak.id: c for c in aandacht}
    by_late = {o.afspraak.id: o for o in nieuw_te_laat}
    achter = [
        Achterstand(a, by_change.get(a.id), by_late.get(a.id))
        for a in dossier.overeenkomst.afspraken
        if a.id in by_change or a.id in by_late
    ]
    return Veranderingen(vorig, gewijzigd, gerealiseerd, aandacht, nieuw_te_laat, achter)
