"""A hand-written summary against the figures the progress report derives.

A policy writer's ``samenvatting`` may name counts ("14 afspraken vragen aandacht"); the report
derives the same counts from the statuses and shows them in its status table. When the two
disagree the reader sees a contradiction, so the check names both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Dossier
from ..model.voortgang import STATUSSEN
from .indicatortekst import cijferfouten
from .voortgang import afspraakstanden, kerncijfers, statustelling

_GETALLEN = {
    "geen": 0, "één": 1, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
    "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
    "negentien": 19, "twintig": 20,
}
_GETAL = r"(\d+|" + "|".join(sorted(_GETALLEN, key=len, reverse=True)) + r")"

# How a summary words a status after "<n> afspraken" (the verb may come between): each
# status says it itself (Status.zin, read now: a status added is checked too), and "over de
# termijn" counts the overdue ones.
def _statuszinnen() -> dict[str, str]:
    return {**{s.naam: s.zin or re.escape(s.label.lower()) for s in STATUSSEN.values()},
            "te laat": r"over de termijn"}


@lru_cache(maxsize=4)
def _patroon(zinnen: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile(
        _GETAL + r"\s+(?:van de\s+)?afspraken?\s+(?:\w+\s+){0,2}?(" + "|".join(
            f"(?P<{_groep(k)}>{v})" for k, v in zinnen) + r")",
        re.IGNORECASE,
    )


def _groep(naam: str) -> str:
    return re.sub(r"[^a-z]", "_", naam)


_TOTAAL = re.compile(r"van de\s+" + _GETAL + r"\s+afspraken", re.IGNORECASE)


@dataclass(frozen=True)
class Tegenspraak:
    """A count in the summary that differs from the derived count."""

    tekst: str
    """The words of the summary, as written."""
    genoemd: int
    afgeleid: int
    waar: str
    """Where the report shows the derived count, with its label."""


def _getal(woord: str) -> int:
    return int(woord) if woord.isdigit() else _GETALLEN[woord.lower()]


def tegenspraken(dossier: Dossier, jaar: int) -> list[Tegenspraak]:
    """Every count in the year's hand-written summary that its status table contradicts."""
    v = dossier.voortgang[jaar]
    if not v.samenvatting:
        return []
    tekst = " ".join(v.samenvatting.split())
    standen = afspraakstanden(dossier, jaar)
    per_status = {t.status.naam: t for t in statustelling(standen)}
    k = kerncijfers(standen)
    found = []
    for m in _TOTAAL.finditer(tekst):
        if _getal(m.group(1)) != k.totaal:
            found.append(Tegenspraak(m.group(0), _getal(m.group(1)), k.totaal,
                                     "de tabel 'Stand van de afspraken' telt in totaal"))
    zinnen = _statuszinnen()
    for m in _patroon(tuple(zinnen.items())).finditer(tekst):
        naam = next(k_ for k_ in zinnen if m.group(_groep(k_)))
        genoemd = _getal(m.group(1))
        if naam == "te laat":
            afgeleid, waar = k.te_laat, "het overzicht 'Over de termijn' telt"
        else:
            t = per_status.get(naam)
            label = t.status.label if t else naam
            afgeleid, waar = (t.aantal if t else 0), f"de tabel 'Stand van de afspraken' telt '{label}':"
        if genoemd != afgeleid:
            found.append(Tegenspraak(m.group(0), genoemd, afgeleid, waar))
    return found


def bevindingen(dossier: Dossier, jaar: int) -> list[tuple[tuple[int, int] | None, str]]:
    """The contradictions as warnings, naming the summary's words and the derived figure; an
    indicator figure with where it stands in the summary as written (begin, end)."""
    found: list[tuple[tuple[int, int] | None, str]] = [
        (None, f"de samenvatting van {jaar} zegt '{t.tekst}', maar {t.waar} {t.afgeleid}; "
               "pas de samenvatting aan of controleer de statussen")
        for t in tegenspraken(dossier, jaar)
    ]
    tekst = dossier.voortgang[jaar].samenvatting
    if tekst:
        found += [((f.begin, f.eind), f.melding) for f in cijferfouten(dossier, jaar, tekst)]
    return found


def meldingen(dossier: Dossier, jaar: int) -> list[str]:
    """The warnings of ``bevindingen`` without their place."""
    return [m for _, m in bevindingen(dossier, jaar)]
