"""Checks on the agreement's own structure and apparatus: sub-themes, requests, the scope of
an instrument, annexes with tables, and the housing stock table whose sums must hold."""

from __future__ import annotations

from typing import Callable

from ..core import opmaak
from ..core.errors import Plaats, Rapport
from ..model import Dossier, Knoop
from ..model.instrumenten import soort_van
from ..model.structuur import MIN, PLUS

Ref = Callable[..., bool]


def _where(node: Knoop, veld: str | None = None) -> Plaats:
    return node.waar(veld) or node.waar() or Plaats("?")


def check_structuur(bron: Dossier, r: Rapport, ref: Ref) -> None:
    """Run the checks on themes, requests, scopes, annexes and the housing stock of one agreement."""
    o = bron.overeenkomst
    themas = {t.id: t for t in o.themas}
    for t in o.themas:
        if t.onder is not None and ref("thema", t.onder, t, "onder"):
            seen, node = {t.id}, t
            while node.onder is not None and node.onder in themas:
                if node.onder in seen:
                    r.fout(_where(t, "onder"), f"thema '{t.id}' valt via 'onder' onder zichzelf")
                    break
                seen.add(node.onder)
                node = themas[node.onder]
    for a in o.afspraken:
        for veld in ("verzoeker", "gericht_aan"):
            for p in getattr(a, veld):
                ref("partij", p, a, veld)
            if getattr(a, veld) and a.soort != "verzoek":
                r.waarschuwing(
                    _where(a, veld),
                    f"'{veld}' hoort bij een verzoek; zet 'soort: verzoek' of gebruik 'trekker'",
                )
    for i in o.instrumenten:
        for nummer in i.themanummers:
            ref("thema", nummer, i, "themanummers")
    for item in [*o.instrumenten, *o.indicatoren]:
        for veld, soort in (("gemeente", "gemeente"), ("corporatie", "corporatie")):
            ident = getattr(item, veld)
            if ident is not None and ref("partij", ident, item, veld) and soort_van(o, ident) != soort:
                r.fout(_where(item, veld), f"'{ident}' is geen {soort}")
    for b in o.bijlagen:
        for tabel in b.tabellen:
            n = len(tabel.kolommen)
            for k, rij in enumerate(tabel.rijen, start=1):
                if len(rij) != n:
                    r.fout(
                        _where(tabel, "rijen"),
                        f"rij {k} van de tabel in bijlage {b.label} heeft {len(rij)} "
                        f"{'cel' if len(rij) == 1 else 'cellen'}, maar de tabel heeft {n} kolommen",
                    )
    labels: dict[str, Knoop] = {}
    for b in o.bijlagen:
        if b.label in labels:
            r.fout(_where(b, "label"), f"bijlage '{b.label}' komt twee keer voor; elk label moet uniek zijn")
        labels.setdefault(b.label, b)
    for v in o.voorraad:
        if ref("partij", v.corporatie, v, "corporatie") and soort_van(o, v.corporatie) != "corporatie":
            r.fout(_where(v, "corporatie"), f"'{v.corporatie}' is geen corporatie")
        berekend = v.berekend_eind
        if berekend is not None and v.eind is not None and berekend != v.eind:
            som = f"{opmaak.getal(v.begin)}" + "".join(
                f" + {opmaak.getal(getattr(v, k))}" for k in PLUS
            ) + "".join(f" − {opmaak.getal(getattr(v, k))}" for k in MIN)
            r.waarschuwing(
                _where(v, "eind"),
                f"de woningvoorraad van '{v.corporatie}' telt niet op: {som} = "
                f"{opmaak.getal(berekend)}, maar de eindstand is {opmaak.getal(v.eind)}",
            )
