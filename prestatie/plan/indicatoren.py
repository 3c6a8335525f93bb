"""Indicators in a progress year: target against realisation per year, summed, and totals over a period.

Pure functions of the loaded model, returning frozen dataclasses with numbers; the template
decides how a number looks. A target keeps its qualifier (ten minste, ten hoogste, circa) and
is judged by it; a total over a period is summed over its own years, never shown as a year.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import opmaak
from ..model import Dossier, Indicator, Overeenkomst
from ..model.instrumenten import alle_partijen
from ..model.waarden import Doelwaarde
from .oordeel import bereik, gehaald_bereik, oordeel_van


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
    doel: Doelwaarde | None = None
    """The target as agreed (with its qualifier or range)."""
    doel_cumulatief: Doelwaarde | None = None
    """The summed target with the qualifier of this year's target (cumulatief indicators only)."""
    gemeten: Doelwaarde | None = None
    """The realisation as written when it is not a bare number ('ongeveer 15', '15–20')."""
    gemeten_cumulatief: Doelwaarde | None = None
    """The summed realisation when a summed year is not a bare number: 'ongeveer 40', '35–40'."""

    @property
    def bereik(self) -> tuple[float, float] | None:
        """The values the year's realisation allows (see ``oordeel.bereik``)."""
        if self.gerealiseerd is None:
            return None
        return bereik(self.gemeten) if self.gemeten is not None else (self.gerealiseerd, self.gerealiseerd)

    @property
    def bereik_cumulatief(self) -> tuple[float, float] | None:
        if self.gerealiseerd_cumulatief is None:
            return None
        g = self.gemeten_cumulatief
        return bereik(g) if g is not None else (self.gerealiseerd_cumulatief, self.gerealiseerd_cumulatief)


@dataclass(frozen=True)
class Totaalstand:
    """A total agreed over a period, and what was realised of it up to the report year."""

    van: int
    tot: int
    doel: Doelwaarde
    gerealiseerd: float | None
    """Sum of the realisations from ``van`` up to ``tot_en_met``; None once a year lacks a figure."""
    tot_en_met: int
    """The last year summed: the report year, or the period's end when that came earlier."""
    gemeten: Doelwaarde | None = None
    """The sum as written when a summed year is not a bare number ('ongeveer 20')."""

    @property
    def gehaald(self) -> bool | None:
        """Judged only once the period is over; before that None (still running)."""
        if self.tot_en_met < self.tot or self.gerealiseerd is None:
            return None
        laag, hoog = bereik(self.gemeten) if self.gemeten is not None else (self.gerealiseerd, self.gerealiseerd)
        return gehaald_bereik(self.doel, laag, hoog, "hoger")


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
    doel: Doelwaarde | None = None
    """The target judged, as agreed (cumulative: summed, with the year's qualifier)."""
    totalen: tuple[Totaalstand, ...] = ()
    """Totals over a period that has begun by the report year."""
    ambities: tuple[tuple[int, Doelwaarde], ...] = ()
    """Targets for years after the agreement's term (an ambition to 2030)."""
    naam: str = ""
    """The indicator's name with whose it is in a regional agreement (``naam_met_bereik``)."""

    @property
    def tot_nu(self) -> list[Indicatorjaar]:
        """The years up to and including the report year."""
        return [j for j in self.jaren if not j.toekomst]

    @property
    def dit_jaar(self) -> Indicatorjaar | None:
        """The report year's own row."""
        return next((j for j in self.jaren if j.jaar == self.jaar), None)

    @property
    def oordeel_eigen_jaar(self) -> str:
        """The verdict on the report year's own figure against its own target: for a row
        judged on a running total, what the year itself did."""
        j = self.dit_jaar
        if j is None:
            return "geen cijfer"
        gehaald = None
        if self.indicator.richting != "plan":
            laag, hoog = j.bereik or (None, None)
            gehaald = gehaald_bereik(j.doel, laag, hoog, self.indicator.richting)
        return oordeel_van(self.indicator, self.verschil_in(j), gehaald, j.gerealiseerd is not None and j.doel is not None)

    @property
    def lopend_totaal(self) -> Totaalstand | None:
        """The total over a period that holds the report year, for a row without a target of its
        own: what the report judges it on (first such total)."""
        return next((t for t in self.totalen if t.van <= self.jaar <= t.tot), None)

    @property
    def verschil(self) -> float | None:
        """Realisation minus target (negative: less than agreed); none for a range or bound."""
        j = self.dit_jaar
        if j is not None and _onscherp(j.gemeten_cumulatief if self.indicator.cumulatief else j.gemeten):
            return None
        return _difference(self.gerealiseerd, self.streefwaarde)

    @property
    def gemeten(self) -> Doelwaarde | None:
        """The realisation judged as written, when it is not a bare number."""
        j = self.dit_jaar
        if j is None:
            return None
        return j.gemeten_cumulatief if self.indicator.cumulatief else j.gemeten

    def verschil_in(self, j: Indicatorjaar) -> float | None:
        """Realisation minus target in one year (the year's own figures, not summed); none for
        a realisation written as a range or bound."""
        return None if _onscherp(j.gemeten) else _difference(j.gerealiseerd, j.streefwaarde)

    def gehaald_in(self, j: Indicatorjaar) -> bool | None:
        """Whether one year meets its target: summed figures for a cumulatief indicator; None
        for a planned figure, which is compared, never met."""
        if self.indicator.richting == "plan":
            return None
        if self.indicator.cumulatief:
            laag, hoog = j.bereik_cumulatief or (None, None)
            return gehaald_bereik(j.doel_cumulatief, laag, hoog, self.indicator.richting)
        laag, hoog = j.bereik or (None, None)
        return gehaald_bereik(j.doel, laag, hoog, self.indicator.richting)

    @property
    def gehaald(self) -> bool | None:
        """True when the target is met as agreed; None without a target or a realisation, and
        for a planned figure."""
        if self.indicator.richting == "plan":
            return None
        j = self.dit_jaar
        return self.gehaald_in(j) if j is not None else None

    @property
    def oordeel(self) -> str:
        """What the report says about the report year (see ``oordeel_van``)."""
        j = self.dit_jaar
        return self.oordeel_in(j) if j is not None else "geen cijfer"

    def oordeel_in(self, j: Indicatorjaar) -> str:
        if self.indicator.cumulatief:
            summed = None if _onscherp(j.gemeten_cumulatief) else _difference(j.gerealiseerd_cumulatief, j.streef_cumulatief)
            known = j.gerealiseerd_cumulatief is not None and j.doel_cumulatief is not None
            return oordeel_van(self.indicator, summed, self.gehaald_in(j), known)
        known = j.gerealiseerd is not None and j.doel is not None
        return oordeel_van(self.indicator, self.verschil_in(j), self.gehaald_in(j), known)

    @property
    def lager_beter(self) -> bool:
        """True when less is better: a ceiling, or 'richting: lager'."""
        return self.indicator.richting == "lager" or bool(self.doel and self.doel.plafond)

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


def _onscherp(gemeten: Doelwaarde | None) -> bool:
    """A realisation written as a range or a bound: no single difference to a target."""
    return gemeten is not None and (gemeten.tot is not None or gemeten.kwalificatie not in (None, "circa"))


def _samen(delen: list[Doelwaarde | None], som: float) -> Doelwaarde | None:
    """A sum of realisations as written: None when all are bare numbers, 'ongeveer' when some
    are approximate, a range (or 'ten minste') when some are ranges or bounds."""
    if all(d is None for d in delen):
        return None
    bounds = [(d, bereik(d)) for d in delen if d is not None]
    if not any(d is not None and _onscherp(d) for d in delen):
        return Doelwaarde(som, None, "circa", "ongeveer")
    lo = som - sum(d.waarde - b[0] for d, b in bounds)
    hi = som + sum(b[1] - d.waarde for d, b in bounds)
    if hi == float("inf"):
        return Doelwaarde(lo, None, "ten minste", "ten minste")
    return Doelwaarde(lo, hi) if hi != lo else Doelwaarde(lo)


def _difference(real: float | None, target: float | None) -> float | None:
    if real is None or target is None:
        return None
    return real - target


def cijfer(value: float, indicator: Indicator) -> str:
    """A figure as the report shows it: '97,5%' and '€ 2.000' in their unit, other counts bare."""
    if opmaak.eenheid_soort(indicator.eenheid):
        return opmaak.waarde(value, indicator.eenheid)
    return opmaak.getal(value)


def doelcijfer(doel: Doelwaarde, indicator: Indicator) -> str:
    """A target as agreed: 'ten minste 95%', 'circa 500', '40–60'."""
    if doel.tot is not None:
        return f"{cijfer(doel.waarde, indicator)}–{cijfer(doel.tot, indicator)}"
    text = cijfer(doel.waarde, indicator)
    return f"{doel.woord} {text}" if doel.woord else text


def meetcijfer(gemeten: Doelwaarde | None, waarde: float, indicator: Indicator) -> str:
    """A realisation as written: '20', 'ongeveer 15', '15–20'."""
    return doelcijfer(gemeten, indicator) if gemeten is not None else cijfer(waarde, indicator)


def naam_met_bereik(o: Overeenkomst, ind: Indicator) -> str:
    """'Nieuwe sociale huurwoningen (Gemeente Tulpdorp)': the name with whose figure it is, for
    an indicator of one gemeente or corporation in a regional agreement."""
    namen = {k: p.naam for k, p in alle_partijen(o).items()}
    return ind.naam + "".join(f" ({namen[x]})" for x in (ind.gemeente, ind.corporatie)
                              if x in namen and namen[x] not in ind.naam)


def indicator_alt(indicator: Indicator, jaren: list[Indicatorjaar], jaar: int, naam: str | None = None) -> str:
    """The chart's figures in words: target and realisation per year, cumulative when it adds up."""
    parts = []
    for j in jaren:
        bits = []
        if j.doel is not None:
            bits.append(f"streefwaarde {doelcijfer(j.doel, indicator)}")
        if j.gerealiseerd is not None:
            bits.append(f"gerealiseerd {meetcijfer(j.gemeten, j.gerealiseerd, indicator)}")
        elif not j.toekomst:
            bits.append("geen cijfer")
        if bits:
            parts.append(f"{j.jaar} " + ", ".join(bits))
    unit = "" if opmaak.eenheid_soort(indicator.eenheid) else f" ({indicator.eenheid})"
    text = f"{naam or indicator.naam}{unit}: " + "; ".join(parts)
    last = next((j for j in jaren if j.jaar == jaar), None)
    if indicator.cumulatief and last is not None:
        cum = [f"streefwaarde {doelcijfer(last.doel_cumulatief, indicator)}"] if last.doel_cumulatief is not None else []
        if last.gerealiseerd_cumulatief is not None:
            cum.append(f"gerealiseerd {meetcijfer(last.gemeten_cumulatief, last.gerealiseerd_cumulatief, indicator)}")
        if cum:
            text += f". Opgeteld tot en met {jaar}: " + ", ".join(cum)
    return text + "."


def indicatorstand(dossier: Dossier, indicator: Indicator, jaar: int) -> Indicatorstand:
    """Target against realisation per year and, for a cumulatief indicator, summed over the years."""
    o = dossier.overeenkomst
    rows: list[Indicatorjaar] = []
    streef_sum: float | None = 0.0
    real_sum: float | None = 0.0
    written: list[Doelwaarde | None] = []
    for j in o.looptijd.jaren:
        doel = indicator.streefwaarden.get(j)
        streef = doel.waarde if doel is not None else None
        future = j > jaar
        gemeten = _realisatie(dossier, indicator, j) if not future else None
        real = gemeten.waarde if gemeten is not None else None
        shown = _als_geschreven(gemeten)
        if indicator.cumulatief:
            streef_sum = None if streef_sum is None or streef is None else streef_sum + streef
            real_sum = None if future or real_sum is None or real is None else real_sum + real
            written.append(shown)
            doel_sum = None
            if streef_sum is not None and doel is not None:
                doel_sum = Doelwaarde(streef_sum, None, doel.kwalificatie, doel.woord)
            rows.append(Indicatorjaar(j, streef, real, streef_sum, real_sum, future, doel, doel_sum, shown,
                                      _samen(written, real_sum) if real_sum is not None else None))
        else:
            rows.append(Indicatorjaar(j, streef, real, toekomst=future, doel=doel, gemeten=shown))
    this = next((r for r in rows if r.jaar == jaar), None)
    if this is None:  # a report year outside the agreement: validation reports it
        target = real = None
        doel = None
    elif indicator.cumulatief:
        target, real, doel = this.streef_cumulatief, this.gerealiseerd_cumulatief, this.doel_cumulatief
    else:
        target, real, doel = this.streefwaarde, this.gerealiseerd, this.doel
    vanaf = o.looptijd.van if indicator.cumulatief else jaar
    totalen = tuple(
        Totaalstand(t.van, t.tot, t.waarde, *_som(dossier, indicator, t.van, min(jaar, t.tot)))
        for t in indicator.totalen
        if t.van <= jaar
    )
    ambities = tuple((j, d) for j, d in sorted(indicator.streefwaarden.items()) if j > o.looptijd.tot)
    naam = naam_met_bereik(o, indicator)
    alt = indicator_alt(indicator, rows, jaar, naam)
    for t in totalen:  # a total agreed over a period is a target the chart draws too
        alt += f" Totaal over {t.van}–{t.tot}: streefwaarde {doelcijfer(t.doel, indicator)}"
        alt += f", gerealiseerd {t.van} t/m {t.tot_en_met} {meetcijfer(t.gemeten, t.gerealiseerd, indicator)}." if t.gerealiseerd is not None else "."
    return Indicatorstand(indicator, rows, jaar, target, real, vanaf, alt, doel, totalen, ambities, naam)


def _realisatie(dossier: Dossier, indicator: Indicator, jaar: int) -> Doelwaarde | None:
    v = dossier.voortgang.get(jaar)
    return None if v is None else v.indicatoren.get(indicator.id)


def _als_geschreven(gemeten: Doelwaarde | None) -> Doelwaarde | None:
    """The realisation as written when it is more than a bare number."""
    return gemeten if gemeten is not None and (gemeten.tot is not None or gemeten.kwalificatie) else None


def _som(dossier: Dossier, indicator: Indicator, van: int, tot: int) -> tuple[float | None, int, Doelwaarde | None]:
    """Sum of the realisations from ``van`` to ``tot`` (None when a year lacks a figure), the
    last year summed, and the sum as written when a year is not a bare number."""
    total, written = 0.0, []
    for j in range(van, tot + 1):
        real = _realisatie(dossier, indicator, j)
        if real is None:
            return None, tot, None
        total += real.waarde
        written.append(_als_geschreven(real))
    return total, tot, _samen(written, total)


def indicatorstanden(dossier: Dossier, jaar: int) -> list[Indicatorstand]:
    """Every indicator with a target or a realisation, in agreement order."""
    result = []
    for i in dossier.overeenkomst.indicatoren:
        if indicator_geldt_in(dossier, i, jaar):
            result.append(indicatorstand(dossier, i, jaar))
    return result


def indicator_geldt_in(dossier: Dossier, indicator: Indicator, jaar: int) -> bool:
    """Whether a year's report shows an indicator: a target, total or figure by that year."""
    return (
        any(j <= jaar for j in indicator.streefwaarden)
        or any(t.van <= jaar for t in indicator.totalen)
        or any(j <= jaar and indicator.id in v.indicatoren for j, v in dossier.voortgang.items())
    )


def verst_achter(standen: list[Indicatorstand], hoeveel: int = 3) -> list[Indicatorstand]:
    """The indicators furthest behind their target (relative to the target), at most ``hoeveel``."""
    behind = [s for s in standen if s.gehaald is False]
    order = {id(s): n for n, s in enumerate(standen)}
    return sorted(behind, key=lambda s: (-(s.achterstand or 0.0), order[id(s)]))[:hoeveel]
