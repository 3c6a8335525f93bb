"""The press release's facts box: key figures of the agreement, derived from its sources."""

from __future__ import annotations

from ..core import opmaak
from ..model import Indicator, Instrument, Overeenkomst


def _binnen(i: Indicator, instrument: Instrument) -> bool:
    """Whether an indicator is in the scope of an instrument for one gemeente or corporation."""
    return (instrument.gemeente is None or i.gemeente in (None, instrument.gemeente)) and (
        instrument.corporatie is None or i.corporatie in (None, instrument.corporatie)
    )


MAX = 6
"""At most this many figures: the box is a summary, the agreement has them all."""


def _doel(naam: str) -> str:
    """'Nieuwe woningen opgeleverd' → 'Doel: nieuwe woningen opgeleverd': a target, never a result."""
    eerste = naam[:1].lower() + naam[1:] if len(naam) > 1 and naam[1:2].islower() else naam
    return f"Doel: {eerste}"


def feiten(o: Overeenkomst, instrument: Instrument | None = None) -> list[dict[str, str]]:
    """What the agreement adds up to. Targets first, each worded as a target ('Doel: …') with
    its sum over the term; targets that differ only in their place ('… in Beverwijk', '… in
    Heemskerk', the same unit) get a row 'samen' above them that is the sum of those rows.
    Then the new homes in the projects the agreement names, which is a count, not a target.

    Only exact targets are added: a range or an approximate value has no sum the sources
    state. A press release about a jaarschijf of one gemeente (or corporation) names only the
    indicators in its scope, and each figure says whose it is."""
    van, tot = o.looptijd.van, o.looptijd.tot
    namen = {p.id: p.naam for p in o.partijen}
    doelen: list[tuple[str, str, float, str]] = []  # name, unit, sum, years
    for i in o.indicatoren:
        if instrument is not None and not _binnen(i, instrument):
            continue
        in_looptijd = [j for j in i.streefwaarden if van <= j <= tot]
        if not i.cumulatief or i.richting == "plan" or not in_looptijd:
            continue
        waarden = [i.streefwaarden[j] for j in in_looptijd]
        if any(d.tot is not None or d.kwalificatie is not None or d.woord for d in waarden):
            continue
        periode = str(in_looptijd[0]) if len(in_looptijd) == 1 else f"{min(in_looptijd)}–{max(in_looptijd)}"
        wie = [namen[x] for x in (i.gemeente, i.corporatie) if x in namen and namen[x] not in i.naam]
        naam = f"{i.naam} ({', '.join(wie)})" if wie else i.naam
        doelen.append((naam, i.eenheid, float(sum(d.waarde for d in waarden)), periode))
    out: list[dict[str, str]] = []
    gezien: set[str] = set()
    for naam, eenheid, som, jaren in doelen:
        stam = naam.rsplit(" in ", 1)[0] if " in " in naam else ""
        groep = [d for d in doelen if stam and d[0].rsplit(" in ", 1)[0] == stam and d[1] == eenheid and d[3] == jaren]
        if len(groep) > 1 and stam not in gezien:
            gezien.add(stam)
            out.append({"wat": _doel(stam) + ", samen",
                        "waarde": f"{opmaak.waarde(sum(d[2] for d in groep), eenheid)} in {jaren}"})
            out.extend({"wat": _doel(d[0]), "waarde": f"{opmaak.waarde(d[2], eenheid)} in {jaren}"} for d in groep)
        elif len(groep) <= 1:
            out.append({"wat": _doel(naam), "waarde": f"{opmaak.waarde(som, eenheid)} in {jaren}"})
    met_nieuwbouw = [p.nieuwbouw for p in o.projecten if p.nieuwbouw and p.nieuwbouw.totaal]
    if met_nieuwbouw:
        totaal = sum(a.totaal for a in met_nieuwbouw)
        sociaal = sum(a.sociale_huur for a in met_nieuwbouw)
        n = len(met_nieuwbouw)
        tekst = f"{opmaak.getal(totaal)} woningen"
        if sociaal and sociaal != totaal:
            tekst += f", waarvan {opmaak.getal(sociaal)} sociale huur"
        out.append({"wat": f"Nieuwbouw in {'het genoemde project' if n == 1 else f'de {n} genoemde projecten'}",
                    "waarde": tekst})
    return out[:MAX]
