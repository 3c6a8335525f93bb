"""How a progress report judges a realisation against its target."""

from __future__ import annotations

import math

from ..model import Indicator
from ..model.waarden import Doelwaarde

OORDELEN = ("gehaald", "achter", "geen cijfer", "niet vast te stellen", "volgens plan", "minder dan gepland",
            "meer dan gepland")
"""What a report can say about a target: met or behind as agreed, not to be told from a figure
written as a range or bound ('15-20', 'meer dan 20') that lies on both sides of the target, or,
for a planned figure (richting 'plan'), how the realisation compares with the planning."""


def bereik(gemeten: Doelwaarde) -> tuple[float, float]:
    """The values a realised figure as written allows: a range its bounds, 'meer dan 20' from 20
    up, 'minder dan 5' up to 5; a bare or approximate number ('ongeveer 15') is judged as written."""
    if gemeten.tot is not None:
        return gemeten.waarde, gemeten.tot
    if gemeten.kwalificatie in ("ten minste", "meer dan"):
        return gemeten.waarde, math.inf
    if gemeten.kwalificatie in ("ten hoogste", "minder dan"):
        return -math.inf, gemeten.waarde
    return gemeten.waarde, gemeten.waarde


def gehaald_bereik(doel: Doelwaarde | None, laag: float | None, hoog: float | None, richting: str) -> bool | None:
    """Whether every value a realisation allows meets the target (True), none does (False), or
    it cannot be told (None); None too without a target or a realisation."""
    if doel is None or laag is None or hoog is None:
        return None
    a, b = doel.gehaald(laag, richting), doel.gehaald(hoog, richting)
    return a if a == b else None


def oordeel_van(indicator: Indicator, verschil: float | None, gehaald: bool | None,
                gemeten: bool = False) -> str:
    """One of ``OORDELEN`` for a realisation ``verschil`` away from its target; ``gemeten`` when
    there is a realisation and a target even if ``verschil`` is unknown (a range)."""
    if gemeten and gehaald is None and indicator.richting != "plan":
        return "niet vast te stellen"
    if verschil is None or (gehaald is None and indicator.richting != "plan"):
        return "geen cijfer"
    if indicator.richting == "plan":
        return "volgens plan" if verschil == 0 else ("minder dan gepland" if verschil < 0 else "meer dan gepland")
    return "gehaald" if gehaald else "achter"
