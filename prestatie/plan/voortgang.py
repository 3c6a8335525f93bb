"""Derived views for the yearly progress report: counts, overdue, realisation, changes.

Every function here is pure: it reads the loaded model and returns plain (frozen)
dataclasses holding numbers, not formatted text, so tests can assert exact numbers and the
template decides how a number looks. The one exception is a chart's text alternative, the
figures in words, which the template and the chart must share. The charts are drawn in the
render stage, from ``indicatorstanden``, and only when the document is rendered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..model import (
    STATUSSEN,
    Afspraak,
    Dossier,
    Indicator,
    Resultaat,
    Status,
    Thema,
    Themaverslag,
    Voortgangsregel,
)
from ..model.instrumenten import afspraken_in
from ..model.structuur import subthemas
from .indicatoren import (  # re-exported: the report and its tests read them from here
    Indicatorjaar,
    Indicatorstand,
    Totaalstand,
    cijfer,
    doelcijfer,
    indicator_alt,
    indicator_geldt_in,
    indicatorstand,
    indicatorstanden,
    verst_achter,
)

GEEN_MELDING = Status(
    naam="geen voortgang gemeld",
    label="Geen voortgang gemeld",
    icoon="?",
    kleur="niet gestart",
    aandacht=False,
    klaar=False,
)
"""Shown for an afspraak of the agreement that has no entry in the year's progress file."""

ZONDER_STATUS = Status(
    naam="zonder status",
    label="Zonder status",
    icoon="□",  # an empty box: nothing ticked (a dot would print as a speck)
    kleur="niet gestart",
    aandacht=False,
    klaar=False,
)
"""Shown for an afspraak whose entry reports what happened without a status label."""

OVER_TERMIJN = Status(
    naam="over de termijn",
    label="Over de termijn",
    icoon="!",
    kleur="vertraagd",
    aandacht=True,
    klaar=False,
)
"""The computed status of an afspraak reported 'op schema' whose termijn passed before the
peildatum: on schedule it can no longer be. The reported status stays visible beside it."""

BEREKEND: tuple[Status, ...] = (OVER_TERMIJN, ZONDER_STATUS, GEEN_MELDING)
"""The statuses the report computes, after those a progress file names."""


def alle_statussen() -> tuple[Status, ...]:
    """Every status a document can show, in report order: the model's (read now, so a status
    added to ``STATUSSEN`` is shown, coloured and counted), then the computed ones."""
    return (*STATUSSEN.values(), *BEREKEND)


# --- afspraken --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Afspraakstand:
    """One afspraak in one year: its reported status (or none) and whether it is overdue."""

    afspraak: Afspraak
    status: Status
    """The status the report shows and counts: the reported one, ``GEEN_MELDING`` when the
    year has no entry, ``OVER_TERMIJN`` for 'op schema' past the termijn."""
    regel: Voortgangsregel | None
    """The entry of this year, None when nothing was reported."""
    te_laat: bool
    """True when the termijn passed before the peildatum and the afspraak is not done."""
    laatst_gemeld: tuple[int, Status] | None = None
    """For an afspraak without entry: the last earlier year with an entry and its status."""
    resultaten: tuple[Resultaat, ...] = ()
    """The year's results linked to this afspraak (a result may serve several)."""
    gemeld_als: Status | None = None
    """The reported status when the report shows another (``OVER_TERMIJN``)."""

    @property
    def gemeld(self) -> bool:
        return self.regel is not None


@dataclass(frozen=True)
class Statustelling:
    """How many afspraken have one status, and their share of all afspraken (in %, 1 decimal)."""

    status: Status
    aantal: int
    aandeel: float


@dataclass(frozen=True)
class Themastand:
    """One theme of the agreement with the state of its afspraken in the year."""

    thema: Thema
    standen: list[Afspraakstand]
    telling: list[Statustelling]
    verslag: Themaverslag | None = None
    """The year's own story about this theme, if it has one."""
    resultaten: tuple[Resultaat, ...] = ()
    """Results of the year in this theme that stand beside no afspraak of its table."""

    @property
    def titel(self) -> str:
        """The theme's name as this report uses it."""
        return (self.verslag.titel if self.verslag and self.verslag.titel else None) or self.thema.titel

    nummers: str = ""
    """The numbers of its afspraken for the heading and the contents: 'A01, A02' or 'A01–A12'."""
    onderdelen: tuple[str, ...] = ()
    """The titles of its subthemes (at any depth) that have afspraken in the year: a theme
    without afspraken of its own may hold them there."""

    @property
    def aandacht(self) -> list[Afspraakstand]:
        """Afspraken of this theme whose status needs cause, consequence and correction."""
        return [s for s in self.standen if s.status.aandacht]


@dataclass(frozen=True)
class Overschrijding:
    """An afspraak past its termijn at the peildatum without being done."""

    afspraak: Afspraak
    einddatum: dt.date
    status: Status
    dagen: int
    """Days between the end of the termijn and the peildatum."""
    gemeld_als: Status | None = None
    """The reported status when the report shows another (see ``Afspraakstand``)."""


def _share(aantal: int, totaal: int) -> float:
    if not totaal:
        return 0.0
    exact = Decimal(aantal) * 100 / Decimal(totaal)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _previous_years(dossier: Dossier, jaar: int) -> list[int]:
    return sorted((j for j in dossier.voortgang if j < jaar), reverse=True)


def vorig_jaar(dossier: Dossier, jaar: int) -> int | None:
    """The latest year before ``jaar`` that has a progress file (None for the first report)."""
    earlier = _previous_years(dossier, jaar)
    return earlier[0] if earlier else None


def geldt_in(afspraak: Afspraak, jaar: int) -> bool:
    """Whether a year's report counts this afspraak (of an instrument that applies that year):
    a commitment that has begun by that year.

    A position or wish of the huurdersorganisaties is never counted; an afspraak that starts
    in a later year (vanaf, or a period that begins later) does not count yet.
    """
    return afspraak.telt and afspraak.geldt_in(jaar)


def afspraakstanden(dossier: Dossier, jaar: int) -> list[Afspraakstand]:
    """Every afspraak that applies in ``jaar``, in agreement order, with its state in that year."""
    v = dossier.voortgang[jaar]
    result = []
    for a in afspraken_in(dossier.overeenkomst, jaar):
        if not geldt_in(a, jaar):
            continue
        regel = v.afspraken.get(a.ident)
        last: tuple[int, Status] | None = None
        if regel is None:
            for earlier in _previous_years(dossier, jaar):
                r = dossier.voortgang[earlier].afspraken.get(a.ident)
                if r is not None and r.weergave is not None:
                    last = (earlier, r.weergave)
                    break
        if regel is None:
            status = GEEN_MELDING
        else:
            status = regel.weergave or ZONDER_STATUS
        # Without an entry, an afspraak counts as done only if an earlier year said so.
        done = status.klaar or (regel is None and last is not None and last[1].klaar)
        te_laat = a.einddatum is not None and a.einddatum < v.peildatum and not done
        linked = tuple(r for r in v.resultaten if a.id in r.afspraken)
        reported = None
        if te_laat and status.naam == "op schema":  # past its termijn it is not on schedule
            reported, status = status, OVER_TERMIJN
        result.append(Afspraakstand(a, status, regel, te_laat, last, linked, reported))
    return result


def met_status(dossier: Dossier, jaar: int) -> bool:
    """True when the year's report gives at least one afspraak a status label."""
    return any(r.status for r in dossier.voortgang[jaar].afspraken.values())


def statustelling(standen: list[Afspraakstand]) -> list[Statustelling]:
    """Count per status (only statuses that occur), in report order, with the share of all."""
    totaal = len(standen)
    counts: dict[str, int] = {}
    by_name: dict[str, Status] = {}
    for s in standen:
        counts[s.status.naam] = counts.get(s.status.naam, 0) + 1
        by_name[s.status.naam] = s.status
    volgorde = [s.naam for s in alle_statussen()]
    volgorde += [naam for naam in counts if naam not in volgorde]  # never dropped from the count
    return [
        Statustelling(by_name[naam], counts[naam], _share(counts[naam], totaal))
        for naam in volgorde
        if naam in counts
    ]


def themastanden(dossier: Dossier, jaar: int) -> list[Themastand]:
    """Per theme (agreement order) its afspraken with their state; themes without afspraken too."""
    standen = afspraakstanden(dossier, jaar)
    v = dossier.voortgang[jaar]
    per_thema, _ = resultaten(dossier, jaar)
    getoond = {s.afspraak.id for s in standen}
    result = []
    met_afspraken = {s.afspraak.thema for s in standen}
    for t in dossier.overeenkomst.themas:
        own = [s for s in standen if s.afspraak.thema == t.id]
        # A result linked to an afspraak of this year's tables stands there, beside it.
        los = tuple(r for r in per_thema.get(t.id, ()) if not any(i in getoond for i in r.afspraken))
        onderdelen = tuple(u.titel for u in subthemas(dossier.overeenkomst.themas, t.id) if u.id in met_afspraken)
        result.append(Themastand(t, own, statustelling(own), v.themas.get(t.id), los, _nummers(own, standen),
                                 onderdelen))
    return result


def _nummers(own: list[Afspraakstand], alle: list[Afspraakstand]) -> str:
    """A theme's afspraak numbers: up to three listed, more as a range when no afspraak of
    another theme stands between them."""
    own = [s for s in own if s.afspraak.label]  # an unnumbered item has no number to list
    labels = [s.afspraak.label for s in own]
    if not labels:
        return ""
    if len(labels) <= 3:
        return ", ".join(labels)
    first, last = alle.index(own[0]), alle.index(own[-1])
    if last - first + 1 == len(own):
        return f"{labels[0]} t/m {labels[-1]}"
    return ", ".join(labels)


def resultaat_thema(dossier: Dossier, r: Resultaat) -> str | None:
    """The theme a result belongs to: its own, else that of its first linked afspraak."""
    if r.thema:
        return r.thema
    by_id = {a.id: a for a in dossier.overeenkomst.afspraken}
    for ident in r.afspraken:
        if ident in by_id:
            return by_id[ident].thema
    return None


def resultaten(dossier: Dossier, jaar: int) -> tuple[dict[str, list[Resultaat]], list[Resultaat]]:
    """The year's results per theme id, and the other results (no theme, no afspraak)."""
    per_thema: dict[str, list[Resultaat]] = {}
    overige: list[Resultaat] = []
    for r in dossier.voortgang[jaar].resultaten:
        t = resultaat_thema(dossier, r)
        if t is None:
            overige.append(r)
        else:
            per_thema.setdefault(t, []).append(r)
    return per_thema, overige


def te_laat(dossier: Dossier, jaar: int) -> list[Overschrijding]:
    """Afspraken whose termijn passed before the peildatum without being done, longest overdue first."""
    peildatum = dossier.voortgang[jaar].peildatum
    found = [
        Overschrijding(s.afspraak, s.afspraak.einddatum, s.status, (peildatum - s.afspraak.einddatum).days,
                       s.gemeld_als)
        for s in afspraakstanden(dossier, jaar)
        if s.te_laat and s.afspraak.einddatum is not None  # a stand is te_laat only with an einddatum
    ]
    order = {a.id: i for i, a in enumerate(dossier.overeenkomst.afspraken)}
    return sorted(found, key=lambda o: (o.einddatum, order[o.afspraak.id]))


# --- summary ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kerncijfers:
    """The headline of the report: how many afspraken, done, on track, needing attention, late."""

    totaal: int
    gerealiseerd: int
    vervallen: int
    lopend: int
    """On schedule, continuous or not yet started (and not overdue)."""
    aandacht: int
    te_laat: int
    geen_melding: int
    zonder_status: int = 0
    """Reported without a status label (a narrative entry)."""


def kerncijfers(standen: list[Afspraakstand]) -> Kerncijfers:
    """Headline counts over every afspraak of the agreement in one year."""
    return Kerncijfers(
        totaal=len(standen),
        gerealiseerd=sum(s.status.kern == "gerealiseerd" for s in standen),
        vervallen=sum(s.status.kern == "vervallen" for s in standen),
        lopend=sum(s.status.kern == "lopend" and not s.te_laat for s in standen),
        aandacht=sum(s.status.aandacht for s in standen),
        te_laat=sum(s.te_laat for s in standen),
        geen_melding=sum(not s.gemeld for s in standen),
        zonder_status=sum(s.status is ZONDER_STATUS for s in standen),
    )


def aandachtspunten(standen: list[Afspraakstand]) -> list[Afspraakstand]:
    """Afspraken that need attention or are overdue, in agreement order: the main deviations."""
    return [s for s in standen if s.status.aandacht or s.te_laat]


def grafiek_naam(indicator: Indicator) -> str:
    """The name by which the template refers to an indicator's chart."""
    return f"grafiek-{indicator.id}"

