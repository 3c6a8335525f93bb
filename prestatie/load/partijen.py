"""Cross-checks over who signs what: collectives, tenants' organisations, instruments.

Each problem is reported at the line to fix, in Dutch, beside the other cross-checks.
"""

from __future__ import annotations

from typing import Callable

from ..core.errors import Plaats, Rapport
from ..core import opmaak
from ..model.instrumenten import datum_van, einde, geldigheid, instrumenten, soort_van, toetredingen
from ..model import Dossier, Instrument, Knoop, Lid, Partij

Ref = Callable[..., bool]


def _where(node: Knoop, veld: str | None = None) -> Plaats:
    return node.waar(veld) or node.waar() or Plaats("?")


def check_partijen(bron: Dossier, r: Rapport, ref: Ref) -> None:
    """Run the checks on parties and instruments of one agreement."""
    o = bron.overeenkomst
    _ids(bron, r)
    for p in o.partijen:
        nodes: list[Partij | Lid] = [p, *p.leden]
        for node in nodes:
            for c in node.huurders_van:
                if ref("partij", c, node, "huurders_van") and soort_van(o, c) != "corporatie":
                    r.fout(_where(node, "huurders_van"), f"'{c}' is geen corporatie")
        if p.ondertekening is not None and not p.ondertekent:
            r.fout(
                _where(p, "ondertekening"),
                f"partij '{p.id}' tekent niet ('ondertekent: false') maar heeft een eigen ondertekening; "
                "verwijder een van beide",
            )
        if len(p.leden) == 1:
            r.waarschuwing(
                _where(p, "leden"),
                f"partij '{p.id}' heeft maar één lid; noem alle leden van het collectief, "
                "of laat 'leden' weg",
            )
    _instrumenten(bron, r, ref)


def _ids(bron: Dossier, r: Rapport) -> None:
    o = bron.overeenkomst
    first: dict[str, Knoop] = {p.id: p for p in o.partijen}
    for p in o.partijen:
        for lid in p.leden:
            if lid.id is None:
                continue
            if lid.id in first:
                other = _where(first[lid.id], "id")
                r.fout(
                    _where(lid, "id"),
                    f"partij-id '{lid.id}' komt twee keer voor (ook op regel {other.regel}); "
                    "elke id moet uniek zijn",
                )
            else:
                first[lid.id] = lid
    seen: dict[str, Knoop] = {}
    for i in o.instrumenten:
        if i.id in seen:
            other = _where(seen[i.id], "id")
            r.fout(
                _where(i, "id"),
                f"instrument-id '{i.id}' komt twee keer voor (ook op regel {other.regel}); elke id moet uniek zijn",
            )
        else:
            seen[i.id] = i


def _voor_toetreding(bron: Dossier, i: Instrument, r: Rapport) -> None:
    """An instrument that names as its own a party which joined only later, by an accession:
    each instrument is signed by the parties as they stood on its own date."""
    o = bron.overeenkomst
    op = datum_van(o, i)
    if i.soort == "toetreding" or op is None:
        return
    later = toetredingen(o)
    for p in i.partijen:
        t = later.get(p)
        vanaf = datum_van(o, t) if t is not None else None
        if t is not None and vanaf is not None and op < vanaf:
            r.fout(
                _where(i, "partijen"),
                f"{i.soort} '{i.id}' is ondertekend op {opmaak.datum(op)} door '{p}', maar '{p}' is pas op "
                f"{opmaak.datum(vanaf)} toegetreden ('{t.id}'); een instrument tekenen de partijen die op zijn "
                f"eigen datum meedoen: haal '{p}' uit 'partijen' of verbeter een van beide datums",
            )


def _instrumenten(bron: Dossier, r: Rapport, ref: Ref) -> None:
    o = bron.overeenkomst
    by_id = instrumenten(o)
    partij_ids = {p.id for p in o.partijen}
    lt = o.looptijd
    last = einde(o)
    jaarschijven: dict[tuple[int, frozenset[str]], Knoop] = {}
    for i in o.instrumenten:
        naam = f"{i.soort} '{i.id}'"
        for p in i.partijen:
            if p in partij_ids:
                continue
            if ref("partij", p, i, "partijen"):  # a member of a collective: it signs through it
                r.fout(
                    _where(i, "partijen"),
                    f"'{p}' is lid van een collectief en tekent niet zelf; noem het collectief",
                )
        _voor_toetreding(bron, i, r)
        if i.onderdeel_van is not None:
            if i.onderdeel_van == i.id:
                r.fout(_where(i, "onderdeel_van"), f"{naam} kan geen onderdeel van zichzelf zijn")
            elif i.onderdeel_van not in by_id:
                known = ", ".join(sorted(by_id)) or "geen"
                r.fout(_where(i, "onderdeel_van"), f"onbekend instrument '{i.onderdeel_van}' (bekend: {known})")
            elif by_id[i.onderdeel_van].onderdeel_van is not None:
                r.fout(
                    _where(i, "onderdeel_van"),
                    f"'{i.onderdeel_van}' is zelf al een onderdeel; verwijs naar het hele instrument",
                )
        if i.soort == "jaarschijf":
            if i.jaar is None and i.onderdeel_van is None:
                r.fout(_where(i, "soort"), f"{naam} noemt geen jaar; voeg 'jaar: <jaar>' toe")
            elif i.jaar is not None and not lt.van <= i.jaar <= last:
                r.fout(_where(i, "jaar"), f"jaar {i.jaar} van {naam} valt buiten de looptijd {lt.van}–{last}")
            elif i.jaar is not None and i.onderdeel_van is None:
                # One jaarschijf per gemeente in a year is fine; two for the same parties is not.
                key = (i.jaar, frozenset(i.partijen))
                if key in jaarschijven:
                    other = _where(jaarschijven[key], "jaar")
                    r.waarschuwing(
                        _where(i, "jaar"),
                        f"er is al een jaarschijf voor {i.jaar} (regel {other.regel}); "
                        "is een van beide een addendum of een deel ('onderdeel_van')?",
                    )
                jaarschijven[key] = i
        if i.soort == "verlenging":
            if i.tot is None:
                r.fout(_where(i, "soort"), f"{naam} noemt niet tot wanneer; voeg 'tot: <laatste jaar>' toe")
            elif i.tot <= lt.tot:
                r.fout(
                    _where(i, "tot"),
                    f"{naam} verlengt tot {i.tot}, maar de looptijd loopt al tot en met {lt.tot}",
                )
        if i.soort == "toetreding" and not i.partijen:
            r.fout(
                _where(i, "soort"),
                f"{naam} noemt niet wie toetreedt; voeg 'partijen: [<partij-id>]' toe",
            )
        if i.soort == "addendum" and i.jaar is not None and not lt.van <= i.jaar <= last:
            r.fout(_where(i, "jaar"), f"jaar {i.jaar} van {naam} valt buiten de looptijd {lt.van}–{last}")
        status = i.status or o.status
        if i.soort == "toetreding" and status == "ondertekend" and (
            i.ondertekening is None or not i.ondertekening.getekend
        ):
            r.fout(
                _where(i, "ondertekening") if i.ondertekening is not None else _where(i),
                f"{naam} is ondertekend maar noemt geen datum; schrijf 'ondertekening:' met 'datum:'",
            )
        if i.apart and (i.id in ("overeenkomst", "persbericht", "manifest") or i.id.startswith("voortgang-")):
            r.fout(
                _where(i, "id"),
                f"'{i.id}' is ook de naam van een ander document; kies een andere id, bijvoorbeeld "
                f"'{i.soort}-{i.jaar or 1}'",
            )
        if i.apart and i.onderdeel_van is not None:
            r.fout(
                _where(i, "apart"),
                f"{naam} is een onderdeel van '{i.onderdeel_van}'; zet 'apart: true' bij het hele instrument",
            )
    pb = bron.persbericht
    if pb is not None and pb.instrument is not None and pb.instrument not in by_id:
        known = ", ".join(sorted(by_id)) or "geen"
        r.fout(_where(pb, "instrument"), f"onbekend instrument '{pb.instrument}' (bekend: {known})")
    for a in o.afspraken:
        if a.instrument is None:
            continue
        if a.instrument not in by_id:
            known = ", ".join(sorted(by_id)) or "geen; voeg 'instrumenten:' toe"
            r.fout(_where(a, "instrument"), f"onbekend instrument '{a.instrument}' (bekend: {known})")
            continue
        van, tot = geldigheid(o, by_id[a.instrument])
        if a.termijn is not None and a.termijn.jaar is not None and a.termijn.jaar < van:
            r.fout(
                _where(a, "termijn"),
                f"termijn {a.termijn} van afspraak '{a.id}' ligt vóór {van}, het eerste jaar van "
                f"'{a.instrument}'",
            )
