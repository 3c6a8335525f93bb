"""The template variables of a progress report: every derived view, computed once."""

from __future__ import annotations

from typing import Any

from ..model import STATUSSEN, Dossier
from .veranderingen import veranderingen
from .voortgang import (
    aandachtspunten,
    afspraakstanden,
    indicatorstanden,
    kerncijfers,
    met_status,
    resultaten,
    statustelling,
    te_laat,
    themastanden,
    verst_achter,
    vorig_jaar,
)


def voortgang_context(dossier: Dossier, jaar: int) -> dict[str, Any]:
    """Extra template variables for voortgang.md.j2 (pure: derived from the model only)."""
    standen = afspraakstanden(dossier, jaar)
    indicatoren = indicatorstanden(dossier, jaar)
    return {
        "standen": standen,
        "statustelling": statustelling(standen),
        "kerncijfers": kerncijfers(standen),
        "aandachtspunten": aandachtspunten(standen),
        "statussen_aandacht": [s.label.lower() for s in STATUSSEN.values() if s.aandacht],
        "themastanden": themastanden(dossier, jaar),
        "te_laat": te_laat(dossier, jaar),
        "indicatorstanden": indicatoren,
        "verst_achter": verst_achter(indicatoren),
        "veranderingen": veranderingen(dossier, jaar),
        "vorig_jaar": vorig_jaar(dossier, jaar),
        "met_status": met_status(dossier, jaar),
        "overige_resultaten": resultaten(dossier, jaar)[1],
    }
