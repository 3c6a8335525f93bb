"""What changed between two versions of one agreement, as a reader sees it.

Per agreement: the agreement's own fields, the parties, the themes, every commitment (added,
removed, or changed with its changed fields), the indicators and their targets per year, and
the projects. Every changed value is kept as the text a reader sees (names instead of ids,
Dutch dates), so the redline shows words, not keys; ``woordverschil`` makes it word by word.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..core import opmaak
from ..model import Dossier
from ..model.verwijzingen import label

MAX_TOKENS = 20000
"""Texts longer than this (in words and spaces) are shown as replaced whole: the word diff is quadratic."""


@dataclass
class Wijziging:
    """One changed value: the field as a reader calls it, old and new text ('' when absent)."""

    veld: str
    oud: str
    nieuw: str


@dataclass
class Onderdeel:
    """An item with an id (a commitment, party, theme, indicator or project) that changed."""

    soort: str
    """toegevoegd, verwijderd or gewijzigd."""
    id: str
    naam: str
    """How the documents name it: 'A02 · Debora Bakelaan opleveren', 'Woonopmaat'."""
    wijzigingen: list[Wijziging] = field(default_factory=list)


@dataclass
class Overeenkomstverschil:
    map: str
    titel: str
    oud_versie: str
    nieuw_versie: str
    soort: str = "gewijzigd"
    """gewijzigd, toegevoegd (only in NIEUW) or verwijderd (only in OUD)."""
    algemeen: list[Wijziging] = field(default_factory=list)
    groepen: dict[str, list[Onderdeel]] = field(default_factory=dict)
    """'Afspraken', 'Partijen', 'Thema's', 'Indicatoren en streefwaarden', 'Projecten' → items."""

    @property
    def leeg(self) -> bool:
        return self.soort == "gewijzigd" and not self.algemeen and not any(self.groepen.values())

    def telling(self, groep: str) -> dict[str, int]:
        out = {"gewijzigd": 0, "toegevoegd": 0, "verwijderd": 0}
        for o in self.groepen.get(groep, []):
            out[o.soort] += 1
        return out


# --- comparing ----------------------------------------------------------------------------

class _Namen:
    """Ids → the names a reader sees, in one version."""

    def __init__(self, dossier: Dossier):
        o = dossier.overeenkomst
        self.tabellen = {
            "trekker": {p.id: p.korte_naam for p in o.partijen},
            "thema": {t.id: t.titel for t in o.themas},
            "indicator": {i.id: i.naam for i in o.indicatoren},
            "projecten": {p.id: p.naam for p in o.projecten},
            "instrument": {i.id: getattr(i, "titel", None) or i.id for i in getattr(o, "instrumenten", [])},
        }
        for veld in ("betrokken", "gemeente", "corporatie", "huurders_van", "partij", "partijen"):
            self.tabellen[veld] = self.tabellen["trekker"]

    def tekst(self, veld: str, value: Any) -> str:
        """A field's value as the documents show it."""
        if value is None or value == [] or value == {}:
            return ""
        tabel = self.tabellen.get(veld)
        if isinstance(value, (list, tuple)):
            items = [self.tekst(veld, v) for v in value]
            return opmaak.opsomming(items) if tabel is not None else "\n".join(items)
        if tabel is not None and isinstance(value, str):
            return tabel.get(value, value)
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if hasattr(value, "waarde") and hasattr(value, "woord"):  # a qualified target or amount
            return opmaak.doel(value)
        if veld in ("termijn", "vanaf", "datum") and not isinstance(value, (bool, float, str)):
            return opmaak.termijn(value) if not isinstance(value, dt.datetime) else opmaak.datum_tijd(value)
        if isinstance(value, float):
            return opmaak.getal(value)
        if isinstance(value, dict):
            return "; ".join(f"{k}: {self.tekst(veld, v)}" for k, v in value.items())
        if hasattr(type(value), "model_fields"):  # a yes/no inside says what it is about
            parts = [f"{veldnaam(k).lower()}: {self.tekst(k, getattr(value, k))}"
                     if isinstance(getattr(value, k), bool) else self.tekst(k, getattr(value, k))
                     for k in type(value).model_fields]
            return ", ".join(p for p in parts if p)
        if isinstance(value, dt.date):
            return opmaak.datum(value)
        return str(value)


VELDNAMEN = {
    "tekst": "Tekst", "titel": "Titel", "thema": "Thema", "trekker": "Trekker", "betrokken": "Betrokken",
    "gemeente": "Gemeente", "termijn": "Termijn", "indicator": "Indicator", "projecten": "Projecten",
    "streefwaarden": "Streefwaarden", "naam": "Naam", "kort": "Korte naam", "ambitie": "Ambitie",
    "vertegenwoordigers": "Vertegenwoordigers", "looptijd": "Looptijd", "ondertekening": "Ondertekening",
    "versie": "Versie", "status": "Status", "instrument": "Instrument", "soort": "Soort",
}


def veldnaam(veld: str) -> str:
    return VELDNAMEN.get(veld, veld.replace("_", " ").capitalize())


def _velden(oud: Any, nieuw: Any, no: _Namen, nn: _Namen, skip: set[str]) -> list[Wijziging]:
    out = []
    names = list(type(nieuw).model_fields) + [k for k in type(oud).model_fields if k not in type(nieuw).model_fields]
    for veld in names:
        if veld in skip:
            continue
        a, b = getattr(oud, veld, None), getattr(nieuw, veld, None)
        if veld == "streefwaarden" and isinstance(a, dict) and isinstance(b, dict):
            for jaar in sorted(set(a) | set(b), key=str):
                ta, tb = no.tekst(veld, a.get(jaar)), nn.tekst(veld, b.get(jaar))
                if ta != tb:
                    out.append(Wijziging(f"Streefwaarde {jaar}", ta, tb))
            continue
        ta, tb = no.tekst(veld, a), nn.tekst(veld, b)
        if ta != tb:
            out.append(Wijziging(veldnaam(veld), ta, tb))
    return out


def _instrumentnaam(i: Any) -> str:
    if getattr(i, "titel", None):
        return i.titel
    if getattr(i, "jaar", None):
        return f"{str(i.soort).capitalize()} {i.jaar}"
    return str(i.id)


def _afspraaknaam(a: Any) -> str:
    return f"{label(a)} · {a.titel}" if a.titel else label(a)


def _groep(oud: list[Any], nieuw: list[Any], no: _Namen, nn: _Namen, naam, skip: set[str]) -> list[Onderdeel]:
    """Items matched by id: removed ones where they stood, added and changed in the new order."""
    old = {str(x.id): x for x in oud}
    new = {str(x.id): x for x in nieuw}
    out = []
    for ident, x in new.items():
        if ident not in old:
            out.append(Onderdeel("toegevoegd", ident, naam(x), _velden(_Leeg(), x, no, nn, skip)))
        else:
            changes = _velden(old[ident], x, no, nn, skip)
            if changes:
                out.append(Onderdeel("gewijzigd", ident, naam(x), changes))
    for ident, x in old.items():
        if ident not in new:
            out.append(Onderdeel("verwijderd", ident, naam(x),
                                 [Wijziging(w.veld, w.nieuw, "") for w in _velden(_Leeg(), x, nn, no, skip)]))
    return out


class _Leeg:
    """An item that does not exist: every field empty."""

    model_fields: dict[str, Any] = {}

    def __getattr__(self, name: str) -> None:
        return None


GROEPEN = ("Afspraken", "Partijen", "Thema's", "Indicatoren en streefwaarden", "Projecten",
           "Jaarschijven en addenda", "Persbericht", "Voortgang")
_ALGEMEEN_SKIP = {"partijen", "themas", "afspraken", "indicatoren", "projecten", "instrumenten"}


def vergelijk(oud: Dossier | None, nieuw: Dossier | None, oud_naam: str, nieuw_naam: str) -> Overeenkomstverschil:
    """The differences between two versions of one agreement (either may be missing)."""
    ref = nieuw or oud
    assert ref is not None
    o = ref.overeenkomst
    v = Overeenkomstverschil(
        map=ref.map, titel=o.titel,
        oud_versie=f"versie {oud.overeenkomst.versie} ({oud_naam})" if oud else oud_naam,
        nieuw_versie=f"versie {nieuw.overeenkomst.versie} ({nieuw_naam})" if nieuw else nieuw_naam,
    )
    if oud is None or nieuw is None:
        v.soort = "toegevoegd" if oud is None else "verwijderd"
        return v
    a, b = oud.overeenkomst, nieuw.overeenkomst
    no, nn = _Namen(oud), _Namen(nieuw)
    v.algemeen = _velden(a, b, no, nn, _ALGEMEEN_SKIP)
    v.groepen = {
        "Afspraken": _groep(a.afspraken, b.afspraken, no, nn, _afspraaknaam, {"id"}),
        "Partijen": _groep(a.partijen, b.partijen, no, nn, lambda p: p.naam, {"id"}),
        "Thema's": _groep(a.themas, b.themas, no, nn, lambda t: t.titel, {"id"}),
        "Indicatoren en streefwaarden": _groep(a.indicatoren, b.indicatoren, no, nn, lambda i: i.naam, {"id"}),
        "Projecten": _groep(a.projecten, b.projecten, no, nn, lambda p: p.naam, {"id"}),
        "Jaarschijven en addenda": _groep(getattr(a, "instrumenten", []), getattr(b, "instrumenten", []), no, nn,
                                          _instrumentnaam, {"id"}),
    }
    return v


def vergelijk_alles(oud: dict[str, Dossier], nieuw: dict[str, Dossier], oud_naam: str, nieuw_naam: str
                    ) -> list[Overeenkomstverschil]:
    """Per agreement folder (in both, or in one of the two) its differences, in folder order."""
    if len(oud) == 1 and len(nieuw) == 1 and set(oud) != set(nieuw):  # two single agreement folders
        (b_oud,), (b_nieuw,) = oud.values(), nieuw.values()
        return [vergelijk(b_oud, b_nieuw, oud_naam, nieuw_naam)]
    return [vergelijk(oud.get(m), nieuw.get(m), oud_naam, nieuw_naam) for m in sorted(set(oud) | set(nieuw))]


# --- the word-level redline -----------------------------------------------------------------

_TOKEN = re.compile(r"\s+|[^\s]+")


def woordverschil(oud: str, nieuw: str) -> list[tuple[str, str]]:
    """('=', text), ('-', deleted) and ('+', inserted) pieces, word by word; spaces go with the words."""
    a, b = _TOKEN.findall(oud), _TOKEN.findall(nieuw)
    if len(a) + len(b) > MAX_TOKENS:
        return [p for p in (("-", oud), ("+", nieuw)) if p[1]]
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(len(a[i].strip()) for blk in matcher.get_matching_blocks() for i in range(blk.a, blk.a + blk.size))
    if same * 2 < len(oud.replace(" ", "")):  # little left in common: the value was replaced whole
        return [p for p in (("-", oud), ("+", nieuw)) if p[1]]
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return _merge_spaces(out)


def _merge_spaces(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An unchanged stretch of only spaces between two changes joins them (fewer, longer marks)."""
    merged: list[tuple[str, str]] = []
    for kind, text in parts:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


