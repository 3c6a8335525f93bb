"""How a progress report judges a realisation against its target."""

from __future__ import annotations

from ..model import Indicator

OORDELEN = ("gehaald", "achter", "geen cijfer", "volgens plan", "minder dan gepland", "meer dan gepland")
"""What a report can say about a target: met or behind as agreed, or, for a planned figure
(richting 'plan'), how the realisation compares with the planning."""


def oordeel_van(indicator: Indicator, verschil: float | None, gehaald: bool | None) -> str:
    """One of ``OORDELEN`` for a realisation ``verschil`` away from its target."""
    if verschil is None or (gehaald is None and indicator.richting != "plan"):
        return "geen cijfer"
    if indicator.richting == "plan":
        return "volgens plan" if verschil == 0 else ("minder dan gepland" if verschil < 0 else "meer dan gepland")
    return "gehaald" if gehaald else "achter"
