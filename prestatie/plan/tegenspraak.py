"""Hand-written progress text against the verdicts the report computes.

The report computes every verdict once: an indicator is 'gehaald' or 'achter', an afspraak is
over its termijn or not. A summary, a theme's story or an explanation written by the parties
may say otherwise ("heeft de taakstelling gehaald" while the figures fall short, "ligt op
schema" after the termijn). The report shows both, the parties' words attributed; ``check``
names each contradiction so the writer can correct it before the report is published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Dossier
from .indicatoren import Indicatorstand, cijfer, doelcijfer, indicatorstanden
from .indicatortekst import genoemd
from .voortgang import afspraakstanden

_GEHAALD = re.compile(
    r"(?<!niet )(?<!nog niet )\b(?:gehaald|behaald|(?:meer|hoger)(?: [^\W\d_]+){0,3} dan (?:de |het )?(?:taakstelling|streefwaarde|doel|afgesproken)"
    r"|boven (?:de |het )?(?:taakstelling|streefwaarde|doel)|(?:ligt|liggen|lag|lagen|is|zijn) op schema)\b",
    re.IGNORECASE,
)
_OP_SCHEMA = re.compile(r"(?<!niet )\bop schema\b", re.IGNORECASE)
_ZIN = re.compile(r"[^.!?]+[.!?]?")


@dataclass(frozen=True)
class Tegenstrijdigheid:
    """Hand-written words that contradict a computed verdict."""

    veld: str
    """Where the words stand: 'samenvatting', 'themas.<id>.tekst', 'afspraken.<id>.toelichting', 'afspraken.<id>.status'."""
    begin: int
    eind: int
    """The words' place in the field's text (0, 0 for a status)."""
    melding: str


def _zinnen(tekst: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _ZIN.finditer(tekst) if m.group(0).strip()]


def _stand_tekst(s: Indicatorstand) -> str:
    ind = s.indicator
    real = cijfer(s.gerealiseerd, ind) if s.gerealiseerd is not None else "geen cijfer"
    doel = doelcijfer(s.doel, ind) if s.doel is not None else "geen"
    over = f"opgeteld {s.vanaf} t/m {s.jaar}" if s.vanaf != s.jaar else str(s.jaar)
    return f"'{ind.naam}' {real} tegen een streefwaarde van {doel} ({over}): achter"


def _over_indicatoren(tekst: str, veld: str, jaar: int, standen: list[Indicatorstand]) -> list[Tegenstrijdigheid]:
    found = []
    for start, zin in _zinnen(tekst):
        m = _GEHAALD.search(zin)
        if not m:
            continue
        for s in genoemd(standen, zin):
            if s.gehaald is not False:
                continue
            over_jaar = re.search(rf"\b(dit jaar|in {jaar}|voor {jaar}|over {jaar})\b", zin, re.IGNORECASE)
            if over_jaar and s.vanaf != s.jaar and s.oordeel_eigen_jaar == "gehaald":
                continue  # the year itself met its target; the running total is what falls short
            woorden = " ".join(zin.split())
            found.append(Tegenstrijdigheid(veld, start + m.start(), start + m.end(), (
                f"de tekst '{woorden}' zegt '{m.group(0)}', maar het verslag berekent voor {_stand_tekst(s)}; "
                "pas de tekst aan of controleer de cijfers"
            )))
    return found


def tegenstrijdigheden(dossier: Dossier, jaar: int) -> list[Tegenstrijdigheid]:
    """Every place where the year's hand-written text or status contradicts a computed verdict."""
    v = dossier.voortgang[jaar]
    standen = indicatorstanden(dossier, jaar)
    found: list[Tegenstrijdigheid] = []
    if v.samenvatting:
        found += _over_indicatoren(v.samenvatting, "samenvatting", jaar, standen)
    for ident, verslag in v.themas.items():
        found += _over_indicatoren(verslag.tekst, f"themas.{ident}.tekst", jaar, standen)
    for s in afspraakstanden(dossier, jaar):
        if not s.te_laat or s.regel is None:
            continue
        termijn = s.afspraak.termijn.tekst if s.afspraak.termijn else ""
        if s.gemeld_als is not None:
            found.append(Tegenstrijdigheid(f"afspraken.{s.afspraak.id}.status", 0, 0, (
                f"afspraak {s.afspraak.label} heeft de status '{s.gemeld_als.naam}', maar de termijn ({termijn}) "
                f"is op de peildatum voorbij; het verslag toont 'over de termijn'. Kies een andere status "
                "(vertraagd, aandacht) of meld dat de afspraak is gerealiseerd"
            )))
        for veld in ("realisatie", "toelichting"):
            tekst = getattr(s.regel, veld) or ""
            m = _OP_SCHEMA.search(tekst)
            if m:
                found.append(Tegenstrijdigheid(f"afspraken.{s.afspraak.id}.{veld}", m.start(), m.end(), (
                    f"de {veld} van afspraak {s.afspraak.label} zegt 'op schema', maar de termijn ({termijn}) "
                    "is op de peildatum voorbij; pas de tekst aan"
                )))
    return found
