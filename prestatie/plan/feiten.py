"""The press release's facts box: key figures of the agreement, derived from its sources."""

from __future__ import annotations

from ..core import opmaak
from ..model import Overeenkomst


MAX = 6
"""At most this many figures: the box is a summary, the agreement has them all."""


def feiten(o: Overeenkomst) -> list[dict[str, str]]:
    """What the agreement adds up to: new homes in its projects, and for the first indicators
    whose yearly targets add up (not a planning such as demolition) the target over the term."""
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
    for i in o.indicatoren:
        jaren = [j for j in i.streefwaarden if van <= j <= tot]
        if not i.cumulatief or i.richting == "plan" or not jaren:
            continue
        som = sum(float(i.streefwaarden[j]) for j in jaren)
        out.append({"wat": i.naam, "waarde": f"{opmaak.waarde(som, i.eenheid)} in {min(jaren)}–{max(jaren)}"})
    return out[:MAX]
