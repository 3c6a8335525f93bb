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

from ..core import opmaak
from ..model import STATUSSEN, Afspraak, Dossier, Indicator, Status, Thema, Voortgangsregel
from ..model.instrumenten import afspraken_in

GEEN_MELDING = Status(
    naam="geen voortgang gemeld",
    label="Geen voortgang gemeld",
    icoon="?",
    aandacht=False,
    klaar=False,
)
"""Shown for an afspraak of the agreement that has no entry in the year's progress file."""

_VOLGORDE = [*STATUSSEN, GEEN_MELDING.naam]
"""Statuses in the order the report lists them (the model's order, then 'no entry')."""


# --- afspraken --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Afspraakstand:
    """One afspraak in one year: its reported status (or none) and whether it is overdue."""

    afspraak: Afspraak
    status: Status
    """The reported status, or ``GEEN_MELDING`` when the year has no entry."""
    regel: Voortgangsregel | None
    """The entry of this year, None when nothing was reported."""
    te_laat: bool
    """True when the termijn passed before the peildatum and the afspraak is not done."""
    laatst_gemeld: tuple[int, Status] | None = None
    """For an afspraak without entry: the last earlier year with an entry and its status."""

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


def afspraakstanden(dossier: Dossier, jaar: int) -> list[Afspraakstand]:
    """Every afspraak that applies in ``jaar``, in agreement order, with its state in that year."""
    v = dossier.voortgang[jaar]
    result = []
    for a in afspraken_in(dossier.overeenkomst, jaar):
        regel = v.afspraken.get(a.id)
        last: tuple[int, Status] | None = None
        if regel is None:
            for earlier in _previous_years(dossier, jaar):
                r = dossier.voortgang[earlier].afspraken.get(a.id)
                if r is not None:
                    last = (earlier, r.weergave)
                    break
        status = regel.weergave if regel is not None else GEEN_MELDING
        # Without an entry, an afspraak counts as done only if an earlier year said so.
        done = status.klaar or (regel is None and last is not None and last[1].klaar)
        te_laat = a.einddatum < v.peildatum and not done
        result.append(Afspraakstand(a, status, regel, te_laat, last))
    return result


def statustelling(standen: list[Afspraakstand]) -> list[Statustelling]:
    """Count per status (only statuses that occur), in report order, with the share of all."""
    totaal = len(standen)
    counts: dict[str, int] = {}
    by_name: dict[str, Status] = {}
    for s in standen:
        counts[s.status.naam] = counts.get(s.status.naam, 0) + 1
        by_name[s.status.naam] = s.status
    return [
        Statustelling(by_name[naam], counts[naam], _share(counts[naam], totaal))
        for naam in _VOLGORDE
        if naam in counts
    ]


def themastanden(dossier: Dossier, jaar: int) -> list[Themastand]:
    """Per theme (agreement order) its afspraken with their state; themes without afspraken too."""
    standen = afspraakstanden(dossier, jaar)
    result = []
    for t in dossier.overeenkomst.themas:
        own = [s for s in standen if s.afspraak.thema == t.id]
        result.append(Themastand(t, own, statustelling(own)))
    return result


def te_laat(dossier: Dossier, jaar: int) -> list[Overschrijding]:
    """Afspraken whose termijn passed before the peildatum without being done, longest overdue first."""
    peildatum = dossier.voortgang[jaar].peildatum
    found = [
        Overschrijding(s.afspraak, s.afspraak.einddatum, s.status, (peildatum - s.afspraak.einddatum).days)
        for s in afspraakstanden(dossier, jaar)
        if s.te_laat
    ]
    order = {a.id: i for i, a in enumerate(dossier.overeenkomst.afspraken)}
    return sorted(found, key=lambda o: (o.einddatum, order[o.afspraak.id]))


# --- indicators -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicatorjaar:
    """Target and realisation of one indicator in one year of the agreement."""

    jaar: int
    streefwaarde: float | None
    gerealiseerd: float | None
    """None for a future year or when nothing was reported."""
    streef_cumulatief: float | None = None
    """Sum of the targets from the first year up to this one (cumulatief indicators only)."""
    gerealiseerd_cumulatief: float | None = None
    """Sum of the realisations up to this one; None once a year lacks a figure."""
    toekomst: bool = False
    """True for years after the report year: only the target is known."""


@dataclass(frozen=True)
class Indicatorstand:
    """One indicator across the agreement's years, judged in the report year."""

    indicator: Indicator
    jaren: list[Indicatorjaar]
    """Every year of the agreement, the future ones with only their target."""
    jaar: int
    streefwaarde: float | None
    """The target the report year is judged on: cumulative for a cumulatief indicator."""
    gerealiseerd: float | None
    """The realisation judged: cumulative for a cumulatief indicator."""
    vanaf: int
    """First year of the period judged (the agreement's first year when cumulative)."""
    alt: str
    """The chart's text alternative: the figures in words."""

    @property
    def tot_nu(self) -> list[Indicatorjaar]:
        """The years up to and including the report year."""
        return [j for j in self.jaren if not j.toekomst]

    @property
    def verschil(self) -> float | None:
        """Realisation minus target (negative: less than agreed)."""
        return _difference(self.gerealiseerd, self.streefwaarde)

    @property
    def gehaald(self) -> bool | None:
        """True when the target is met in the indicator's direction; None without figures."""
        return self._met(self.verschil)

    def verschil_in(self, j: Indicatorjaar) -> float | None:
        """Realisation minus target in one year (the year's own figures, not summed)."""
        return _difference(j.gerealiseerd, j.streefwaarde)

    def gehaald_in(self, j: Indicatorjaar) -> bool | None:
        """Whether one year meets its target: summed figures for a cumulatief indicator."""
        if self.indicator.cumulatief:
            return self._met(_difference(j.gerealiseerd_cumulatief, j.streef_cumulatief))
        return self._met(self.verschil_in(j))

    def _met(self, verschil: float | None) -> bool | None:
        if verschil is None:
            return None
        return verschil >= 0 if self.indicator.richting == "hoger" else verschil <= 0

    @property
    def achterstand(self) -> float | None:
        """How far behind the target, as a fraction of the target (0 when met): for ranking."""
        if self.verschil is None:
            return None
        if self.gehaald:
            return 0.0
        noemer = abs(self.streefwaarde or 0.0)
        if not noemer and self.indicator.basiswaarde is not None:
            noemer = abs(self.indicator.basiswaarde - (self.streefwaarde or 0.0))
        return abs(self.verschil) / (noemer or 1.0)


def _difference(real: float | None, target: float | None) -> float | None:
    if real is None or target is None:
        return None
    return real - target


def cijfer(value: float, indicator: Indicator) -> str:
    """A figure as the report shows it: '97,5%' and '€ 2.000' in their unit, other counts bare."""
    if opmaak.eenheid_soort(indicator.eenheid):
        return opmaak.waarde(value, indicator.eenheid)
    return opmaak.getal(value)


def indicator_alt(indicator: Indicator, jaren: list[Indicatorjaar], jaar: int) -> str:
    """The chart's figures in words: target and realisation per year, cumulative when it adds up."""
    parts = []
    for j in jaren:
        bits = []
        if j.streefwaarde is not None:
            bits.append(f"streefwaarde {cijfer(j.streefwaarde, indicator)}")
        if j.gerealiseerd is not None:
            bits.append(f"gerealiseerd {cijfer(j.gerealiseerd, indicator)}")
        elif not j.toekomst:
            bits.append("geen realisatie gemeld")
        if bits:
            parts.append(f"{j.jaar} " + ", ".join(bits))
    unit = "" if opmaak.eenheid_soort(indicator.eenheid) else f" ({indicator.eenheid})"
    text = f"{indicator.naam}{unit}: " + "; ".join(parts)
    last = next((j for j in jaren if j.jaar == jaar), None)
    if indicator.cumulatief and last is not None:
        cum = [f"streefwaarde {cijfer(last.streef_cumulatief, indicator)}"] if last.streef_cumulatief is not None else []
        if last.gerealiseerd_cumulatief is not None:
            cum.append(f"gerealiseerd {cijfer(last.gerealiseerd_cumulatief, indicator)}")
        if cum:
            text += f". Opgeteld tot en met {jaar}: " + ", ".join(cum)
    return text + "."


def indicatorstand(dossier: Dossier, indicator: Indicator, jaar: int) -> Indicatorstand:
    """Target against realisation per year and, for a cumulatief indicator, summed over the years."""
    o = dossier.overeenkomst
    rows: list[Indicatorjaar] = []
    streef_sum: float | None = 0.0
    real_sum: float | None = 0.0
    for j in o.looptijd.jaren:
        streef = indicator.streefwaarden.get(j)
        future = j > jaar
        v = dossier.voortgang.get(j)
        real = None if future or v is None else v.indicatoren.get(indicator.id)
        if indicator.cumulatief:
            streef_sum = None if streef_sum is None or streef is None else streef_sum + streef
            real_sum = None if future or real_sum is None or real is None else real_sum + real
            rows.append(Indicatorjaar(j, streef, real, streef_sum, real_sum, future))
        else:
            rows.append(Indicatorjaar(j, streef, real, toekomst=future))
    this = next((r for r in rows if r.jaar == jaar), None)
    if this is None:  # a report year outside the agreement: validation reports it
        target = real = None
    elif indicator.cumulatief:
        target, real = this.streef_cumulatief, this.gerealiseerd_cumulatief
    else:
        target, real = this.streefwaarde, this.gerealiseerd
    vanaf = o.looptijd.van if indicator.cumulatief else jaar
    return Indicatorstand(indicator, rows, jaar, target, real, vanaf, indicator_alt(indicator, rows, jaar))


def indicatorstanden(dossier: Dossier, jaar: int) -> list[Indicatorstand]:
    """Every indicator with a target or a realisation, in agreement order."""
    result = []
    for i in dossier.overeenkomst.indicatoren:
        has_data = bool(i.streefwaarden) or any(i.id in v.indicatoren for v in dossier.voortgang.values())
        if has_data:
            result.append(indicatorstand(dossier, i, jaar))
    return result


def verst_achter(standen: list[Indicatorstand], hoeveel: int = 3) -> list[Indicatorstand]:
    """The indicators furthest behind their target (relative to the target), at most ``hoeveel``."""
    behind = [s for s in standen if s.gehaald is False]
    order = {id(s): n for n, s in enumerate(standen)}
    return sorted(behind, key=lambda s: (-(s.achterstand or 0.0), order[id(s)]))[:hoeveel]


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
        if s.status.naam == "gerealiseerd":
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


def kerncijfers(standen: list[Afspraakstand]) -> Kerncijfers:
    """Headline counts over every afspraak of the agreement in one year."""
    return Kerncijfers(
        totaal=len(standen),
        gerealiseerd=sum(s.status.naam == "gerealiseerd" for s in standen),
        vervallen=sum(s.status.naam == "vervallen" for s in standen),
        lopend=sum(
            s.status.naam in ("op schema", "doorlopend", "niet gestart") and not s.te_laat for s in standen
        ),
        aandacht=sum(s.status.aandacht for s in standen),
        te_laat=sum(s.te_laat for s in standen),
        geen_melding=sum(not s.gemeld for s in standen),
    )


def aandachtspunten(standen: list[Afspraakstand]) -> list[Afspraakstand]:
    """Afspraken that need attention or are overdue, in agreement order: the main deviations."""
    return [s for s in standen if s.status.aandacht or s.te_laat]


def voortgang_context(dossier: Dossier, jaar: int) -> dict[str, Any]:
    """Extra template variables for voortgang.md.j2 (pure: derived from the model only)."""
    standen = afspraakstanden(dossier, jaar)
    indicatoren = indicatorstanden(dossier, jaar)
    return {
        "standen": standen,
        "statustelling": statustelling(standen),
        "kerncijfers": kerncijfers(standen),
        "aandachtspunten": aandachtspunten(standen),
        "themastanden": themastanden(dossier, jaar),
        "te_laat": te_laat(dossier, jaar),
        "indicatorstanden": indicatoren,
        "verst_achter": verst_achter(indicatoren),
        "veranderingen": veranderingen(dossier, jaar),
        "vorig_jaar": vorig_jaar(dossier, jaar),
    }


def grafiek_naam(indicator: Indicator) -> str:
    """The name by which the template refers to an indicator's chart."""
    return f"grafiek-{indicator.id}"

