"""What changed in the press release and in each year's progress between two versions of one
agreement: the same redline as the agreement's, one item per document (and per afspraak of a
progress report), its fields as a reader calls them."""

from __future__ import annotations

from typing import Any

from ..model import Dossier
from ..model.verwijzingen import label
from . import verschil
from .verschil import Onderdeel, Overeenkomstverschil, Wijziging, _Leeg, _Namen, _velden

PERSBERICHT = "Persbericht"
VOORTGANG = "Voortgang"


class _Jaar:
    """One year's progress as an item with an id, its afspraken taken apart."""

    def __init__(self, jaar: int, voortgang: Any):
        self.id = str(jaar)
        self.jaar = jaar
        self.voortgang = voortgang


def _voortgang_velden(oud: Any, nieuw: Any, no: _Namen, nn: _Namen, afspraken: dict[str, str]) -> list[Wijziging]:
    """A year's own fields, then per afspraak its reported status and text."""
    out = _velden(oud, nieuw, no, nn, {"afspraken"})
    a, b = getattr(oud, "afspraken", None) or {}, getattr(nieuw, "afspraken", None) or {}
    for ident in list(b) + [i for i in a if i not in b]:
        regel_a, regel_b = a.get(ident), b.get(ident)
        velden = _velden(regel_a if regel_a is not None else _Leeg(), regel_b if regel_b is not None else _Leeg(),
                         no, nn, set())
        out += [Wijziging(f"Afspraak {afspraken.get(ident, ident)}, {w.veld.lower()}", w.oud, w.nieuw) for w in velden]
    return out


def documentgroepen(oud: Dossier, nieuw: Dossier, no: _Namen, nn: _Namen) -> dict[str, list[Onderdeel]]:
    """The press release and the progress reports compared, as two more groups of the redline."""
    afspraken = {a.ident: label(a) for a in [*oud.overeenkomst.afspraken, *nieuw.overeenkomst.afspraken]}
    pers: list[Onderdeel] = []
    a, b = oud.persbericht, nieuw.persbericht
    if a is not None or b is not None:
        changes = _velden(a if a is not None else _Leeg(), b if b is not None else _Leeg(), no, nn, set())
        soort = "toegevoegd" if a is None else "verwijderd" if b is None else "gewijzigd"
        if soort == "verwijderd":
            changes = [Wijziging(w.veld, w.oud, "") for w in _velden(_Leeg(), a, nn, no, set())]
        if changes:
            pers.append(Onderdeel(soort, "persbericht", PERSBERICHT, changes))
    jaren = []
    for ident in sorted(set(oud.voortgang) | set(nieuw.voortgang)):
        vo, vn = oud.voortgang.get(ident), nieuw.voortgang.get(ident)
        naam = f"Voortgangsrapportage {ident}"
        if vo is None or vn is None:
            leeg = _Leeg()
            changes = _voortgang_velden(leeg if vo is None else vo, leeg if vn is None else vn, no, nn, afspraken)
            jaren.append(Onderdeel("toegevoegd" if vo is None else "verwijderd", str(ident), naam, changes))
            continue
        changes = _voortgang_velden(vo, vn, no, nn, afspraken)
        if changes:
            jaren.append(Onderdeel("gewijzigd", str(ident), naam, changes))
    return {PERSBERICHT: pers, VOORTGANG: jaren}


def vergelijk_alles(oud: dict[str, Dossier], nieuw: dict[str, Dossier], oud_naam: str, nieuw_naam: str
                    ) -> list[Overeenkomstverschil]:
    """Per agreement its differences (``verschil.vergelijk_alles``), the press release and the
    progress reports included."""
    out = verschil.vergelijk_alles(oud, nieuw, oud_naam, nieuw_naam)
    if len(oud) == 1 and len(nieuw) == 1 and set(oud) != set(nieuw):
        paren: list[tuple[Dossier | None, Dossier | None]] = [(next(iter(oud.values())), next(iter(nieuw.values())))]
    else:
        paren = [(oud.get(m), nieuw.get(m)) for m in sorted(set(oud) | set(nieuw))]
    for v, (a, b) in zip(out, paren):
        if a is not None and b is not None:
            v.groepen.update(documentgroepen(a, b, _Namen(a), _Namen(b)))
    return out
