"""One description of a chart, read by every writer: the HTML writer draws it as SVG, the Word
writer as a native chart with its figures in an embedded workbook.

A description holds data and the Dutch text of every label, nothing about drawing: the writers
decide size, colours (from the house style) and layout. Built from an indicator's progress
(``Indicatorstand``); the values are the source figures, unrounded.
"""

from __future__ import annotations

from dataclasses import dataclass
import math
from decimal import Decimal

from ..core import opmaak
from ..plan.voortgang import Indicatorstand, grafiek_naam

STREEF, GEREALISEERD = "streef", "gerealiseerd"


@dataclass(frozen=True)
class Reeks:
    """One series: a value per category (None: no figure), with its label as the reader sees it."""

    naam: str
    """'Streefwaarde' or 'Gerealiseerd': legend and column heading."""
    soort: str
    """STREEF or GEREALISEERD: how it is drawn (outline against solid)."""
    waarden: tuple[float | None, ...]
    labels: tuple[str, ...]
    """The value as text ('1.234', '€ 2.000', '97,5%'); '' where there is no value."""
    notaties: tuple[str, ...] = ()
    """Per value the number format that shows it as its label does (95% but 97,5%)."""


@dataclass(frozen=True)
class Basis:
    """The starting value, shown before the first year."""

    naam: str
    """'Basiswaarde 2021'."""
    waarde: float
    tekst: str
    """The value as the reader sees it: '1.234'."""

    @property
    def label(self) -> str:
        """'Basiswaarde 2021: 1.234'."""
        return f"{self.naam}: {self.tekst}"


@dataclass(frozen=True)
class Paneel:
    """One set of axes: per year, or summed from the first year (cumulatief)."""

    titel: str
    reeksen: tuple[Reeks, ...]
    basis: Basis | None = None

    @property
    def bereik(self) -> tuple[float, float]:
        """Lowest and highest value to show, zero and the basis included."""
        values = [v for r in self.reeksen for v in r.waarden if v is not None]
        if self.basis is not None:
            values.append(self.basis.waarde)
        return min([0.0, *values]), max([0.0, *values])


@dataclass(frozen=True)
class Schaal:
    """The value axis every panel of a chart shares: from ``laag`` (zero, or below it) to
    ``hoog`` in steps of ``stap``, gridlines at every step."""

    laag: float
    hoog: float
    stap: float

    @property
    def streepjes(self) -> tuple[float, ...]:
        """The values of the gridlines, zero included."""
        n = round((self.hoog - self.laag) / self.stap)
        return tuple(round(self.laag + i * self.stap, 10) for i in range(n + 1))


def schaal(laag: float, hoog: float) -> Schaal:
    """A readable axis over [laag, hoog] that includes zero: at most five steps of 1, 2, 2,5 or
    5 times a power of ten."""
    laag, hoog = min(0.0, laag), max(0.0, hoog)
    span = (hoog - laag) or 1.0
    ruw = span / 4
    macht = 10 ** math.floor(math.log10(ruw))
    stap = next(m * macht for m in (1, 2, 2.5, 5, 10) if m * macht >= ruw)
    return Schaal(math.floor(laag / stap) * stap, math.ceil(hoog / stap) * stap or stap, stap)


@dataclass(frozen=True)
class Grafiek:
    """A chart of one indicator: categories (years), one or two panels, and its text."""

    naam: str
    """The name the template refers to: 'grafiek-<indicator id>'."""
    titel: str
    """The indicator's name."""
    eenheid: str
    categorieen: tuple[str, ...]
    """The years, as text."""
    huidig: int | None
    """Index of the report year among the categories."""
    toekomst: tuple[bool, ...]
    """Per category: after the report year, only the target known."""
    panelen: tuple[Paneel, ...]
    richting: str
    """'hoger' or 'lager' is better."""
    getalnotatie: str
    """Number format for spreadsheets and Word (Excel syntax), matching the labels."""
    alt: str
    """The figures in words (the template's text alternative)."""
    kwalificatie: str | None = None
    """A qualifier of the targets ('ten minste', 'circa'), when the model has one."""
    schaal: Schaal = Schaal(0.0, 1.0, 1.0)
    """The value axis all panels share, so a figure is always seen against its target."""
    labels: tuple[str, ...] = ()
    """The gridlines' values as text ('0', '100', '25%'), one per ``schaal.streepjes``."""
    asnotatie: str = ""
    """Number format of the value axis (Excel syntax), as ``labels`` write its values."""

    def kop(self, paneel: Paneel, kwalificatie: bool = True) -> str:
        """A panel's title: 'Per jaar', '(lager is beter)' when it is, the targets' qualifier."""
        lager, kwal = self._toevoegingen(kwalificatie)
        return paneel.titel + (f" ({lager})" if lager else "") + (f" · {kwal}" if kwal else "")

    def toevoeging(self) -> str:
        """What the first panel's title adds to its name: 'lager is beter · streefwaarden ten
        hoogste', or ''."""
        return " · ".join(t for t in self._toevoegingen(True) if t)

    def _toevoegingen(self, kwalificatie: bool) -> tuple[str, str]:
        return ("lager is beter" if self.richting == "lager" else "",
                f"streefwaarden {self.kwalificatie}" if self.kwalificatie and kwalificatie else "")


def _label(value: float | None, procent: bool, euro: bool) -> str:
    if value is None:
        return ""
    if procent:
        return opmaak.procent(value)
    if euro:
        return opmaak.waarde(value, "euro")
    return opmaak.getal(value)


def _decimals(values: list[float]) -> int:
    """Decimals the labels show (at most 2, as ``opmaak.getal``)."""
    most = 0
    for v in values:
        d = Decimal(str(v)).quantize(Decimal("0.01")).normalize()
        most = max(most, -min(0, d.as_tuple().exponent))  # type: ignore[operator]
    return min(most, 2)


def number_format(procent: bool, euro: bool, decimals: int) -> str:
    """Excel number format: '#,##0', '#,##0.0"%"', '"€ "#,##0' (separators by the reader's
    spreadsheet; the labels in the document itself are Dutch), with a section for a value
    below zero that writes the minus sign (U+2212) as ``opmaak`` does: '−12', '−€ 5'."""
    getal = "#,##0" + ("." + "0" * decimals if decimals else "")
    if procent:
        return f'[$-413]{getal}"%";[$-413]"\u2212"{getal}"%"'
    if euro:
        return f'[$-413]"€ "{getal};[$-413]"\u2212€ "{getal}'
    return f'[$-413]{getal};[$-413]"\u2212"{getal}'


def beschrijf(stand: Indicatorstand, naam: str) -> Grafiek:
    """The chart of one indicator across the agreement's years."""
    ind = stand.indicator
    procent = ind.procent
    euro = ind.eenheid.strip().lower() in ("euro", "€")
    jaren = stand.jaren

    def reeks(naam_: str, soort: str, values: list[float | None]) -> Reeks:
        return Reeks(naam_, soort, tuple(values), tuple(_label(v, procent, euro) for v in values),
                     tuple(number_format(procent, euro, _decimals([v] if v is not None else [])) for v in values))

    per_jaar = Paneel(
        "Per jaar",
        _met_cijfers(
            reeks("Streefwaarde", STREEF, [j.streefwaarde for j in jaren]),
            reeks("Gerealiseerd", GEREALISEERD, [j.gerealiseerd for j in jaren]),
        ),
        _basis(stand, procent, euro),
    )
    panelen = [per_jaar]
    totalen = _totalen(stand)
    if (ind.cumulatief or totalen) and jaren:
        streef, real = _opgeteld(stand, totalen)
        panelen.append(
            Paneel(
                f"Opgeteld vanaf {jaren[0].jaar}",
                _met_cijfers(
                    reeks("Streefwaarde", STREEF, streef),
                    reeks("Gerealiseerd", GEREALISEERD, real),
                ),
            )
        )
    values = [v for p in panelen for r in p.reeksen for v in r.waarden if v is not None]
    if per_jaar.basis is not None:
        values.append(per_jaar.basis.waarde)
    as_ = schaal(min(values, default=0.0), max(values, default=0.0))
    huidig = next((i for i, j in enumerate(jaren) if j.jaar == stand.jaar), None)
    return Grafiek(
        naam=naam,
        titel=stand.naam or ind.naam,
        eenheid="procent" if procent else ind.eenheid,
        categorieen=tuple(str(j.jaar) for j in jaren),
        huidig=huidig,
        toekomst=tuple(j.toekomst for j in jaren),
        panelen=tuple(panelen),
        richting="hoger" if ind.plafond else ind.richting,  # a ceiling says so itself, not "lager is beter"
        getalnotatie=number_format(procent, euro, _decimals(values)),
        alt=stand.alt,
        kwalificatie=ind.kwalificatie,
        schaal=as_,
        labels=tuple(_label(t, procent, euro) for t in as_.streepjes),
        asnotatie=number_format(procent, euro, _decimals(list(as_.streepjes))),
    )


def _totalen(stand: Indicatorstand) -> dict[int, float]:
    """Totals agreed over a period from the agreement's first year to a year of the chart: a
    summed target in that year ('ongeveer 285 in 2024–2027' is 285 summed by 2027)."""
    jaren = [j.jaar for j in stand.jaren]
    if not jaren:
        return {}
    return {t.tot: t.waarde.waarde for t in stand.indicator.totalen if t.van == jaren[0] and t.tot in jaren}


def _opgeteld(stand: Indicatorstand, totalen: dict[int, float]) -> tuple[list[float | None], list[float | None]]:
    """The summed target and realisation per year: the indicator's own sums, else running sums
    of the years' figures; an agreed total fills its last year's target."""
    streef: list[float | None] = []
    real: list[float | None] = []
    som: float | None = 0.0
    for j in stand.jaren:
        if stand.indicator.cumulatief:
            streef.append(j.streef_cumulatief)
            real.append(j.gerealiseerd_cumulatief)
        else:
            som = None if j.toekomst or som is None or j.gerealiseerd is None else som + j.gerealiseerd
            streef.append(None)
            real.append(som)
        if streef[-1] is None and j.jaar in totalen:
            streef[-1] = totalen[j.jaar]
    return streef, real


def _met_cijfers(*reeksen: Reeks) -> tuple[Reeks, ...]:
    """The series that have a figure in some year: an indicator followed without targets has
    no 'Streefwaarde' in its legend. Both stay when neither has one (an empty chart)."""
    return tuple(r for r in reeksen if any(v is not None for v in r.waarden)) or reeksen


def _basis(stand: Indicatorstand, procent: bool, euro: bool) -> Basis | None:
    ind = stand.indicator
    if ind.basiswaarde is None:
        return None
    jaar = f" {ind.basisjaar}" if ind.basisjaar else ""
    return Basis(f"Basiswaarde{jaar}", ind.basiswaarde, _label(ind.basiswaarde, procent, euro))


def teken_grafieken(standen: list[Indicatorstand]) -> dict[str, Grafiek]:
    """The charts of a progress report by the name its template uses: one description each,
    drawn by every writer in its own way."""
    return {grafiek_naam(s.indicator): beschrijf(s, grafiek_naam(s.indicator)) for s in standen}
