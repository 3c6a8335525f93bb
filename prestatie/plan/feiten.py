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


def feiten(o: Overeenkomst, instrument: Instrument | None = None) -> list[dict[str, str]]:
    """What the agreement adds up to: new homes in its projects, and for the first indicators
    whose yearly targets add up (not a planning such as demolition) the target over the term.

    Only exact targets are added: a range or an approximate value has no sum the sources
    state. A press release about a jaarschijf of one gemeente (or corporation) names only the
    indicators in its scope, and each figure says whose it is."""
    out: list[dict[str, str]] = []
    met_nieuwbouw = [p for p in o.projecten if p.nieuwbouw and p.nieuwbouw.totaal]
    if met_nieuwbouw:
        totaal = sum(p.nieuwbouw.totaal for p in met_nieuwbouw)  # type: ignore[union-attr]
        sociaal = sum(p.nieuwbouw.sociale_huur for p in met_nieuwbouw)  # type: ignore[union-attr]
        tekst = f"{opmaak.getal(totaal)} woningen in {len(met_nieuwbouw)} projecten"
        if sociaal and sociaal != totaal:
            tekst += f", waarvan {opmaak.getal(sociaal)} sociale huur"
        out.append({"wat": "Nieuwbouw", "waarde": tekst})
    van, tot = o.looptijd.van, o.looptijd.tot
    namen = {p.id: p.naam for p in o.partijen}
    for i in o.indicatoren:
        if instrument is not None and not _binnen(i, instrument):
            continue
        jaren = [j for j in i.streefwaarden if van <= j <= tot]
        if not i.cumulatief or i.richting == "plan" or not jaren:
            continue
        doelen = [i.streefwaarden[j] for j in jaren]
        if any(d.tot is not None or d.kwalificatie is not None or d.woord for d in doelen):
            continue
        som = sum(d.waarde for d in doelen)
        periode = str(jaren[0]) if len(jaren) == 1 else f"{min(jaren)}–{max(jaren)}"
        wie = [namen[x] for x in (i.gemeente, i.corporatie) if x in namen and namen[x] not in i.naam]
        wat = f"{i.naam} ({', '.join(wie)})" if wie else i.naam
        out.append({"wat": wat, "waarde": f"{opmaak.waarde(som, i.eenheid)} in {periode}"})
    return out[:MAX]
