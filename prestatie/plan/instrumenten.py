"""Plan: what the templates see about who signs what, and the separately signed instruments.

The agreement's own document shows its parties, its signing moments and every instrument
that is not a document of its own; a jaarschijf or addendum with ``apart: true`` becomes a
document of its own with its own parties, afspraken and signatures.
"""

from __future__ import annotations

from typing import Any

from ..core.version import Bouwinfo
from ..model import instrumenten as ins
from ..model.structuur import eigen_datum, subthemas
from ..model import Afspraak, Instrument, Overeenkomst


def _per_thema(o: Overeenkomst, lijst: list[Afspraak], alle_themas: bool) -> dict[str, list[Afspraak]]:
    per = {t.id: [a for a in lijst if a.thema == t.id] for t in o.themas}
    if alle_themas:
        return per
    # A theme stays when it, or one of its sub-themes, holds afspraken of this document.
    return {k: v for k, v in per.items() if v or any(per[u.id] for u in subthemas(o.themas, k))}


def themaboom(o: Overeenkomst, nummers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The themes in the agreement's order, each after its parent: its level (0 for a chapter)
    and its number as written (an instrument's own numbering first), else its place (1, 2, …
    and 2.1 under 2)."""
    nummers = nummers or {}
    ids = {t.id for t in o.themas}
    kinderen: dict[str | None, list] = {}
    for t in o.themas:
        kinderen.setdefault(t.onder if t.onder in ids else None, []).append(t)
    result: list[dict[str, Any]] = []

    def walk(ouder: str | None, niveau: int, prefix: str, seen: frozenset[str]) -> None:
        for n, t in enumerate(kinderen.get(ouder, []), start=1):
            if t.id in seen:
                continue
            eigen = nummers.get(t.id, t.nummer)
            nummer = eigen if eigen is not None else f"{prefix}{n}{'.' if not prefix else ''}"
            result.append({"thema": t, "niveau": niveau, "nummer": nummer, "eigen": eigen is not None})
            walk(t.id, niveau + 1, (eigen or f"{prefix}{n}").rstrip(".") + ".", seen | {t.id})

    walk(None, 0, "", frozenset())
    return result


_KOPPEN = {"jaarschijf": "jaarschijven", "addendum": "addenda", "verlenging": "verlengingen", "toetreding": "toetredingen"}


def _kop(o: Overeenkomst) -> str:
    """'Jaarschijven en addenda': the heading over the instruments, naming the kinds there are."""
    kinds = [_KOPPEN[k] for k in _KOPPEN if any(i.soort == k for i in o.instrumenten)]
    # Not plain 'Jaarschijven': that heading holds the targets per year.
    return "Overzicht van de " + " en ".join(", ".join(kinds).rsplit(", ", 1)) if kinds else ""


def openbare_versie(o: Overeenkomst, info: Bouwinfo) -> str:
    """'1.0, 15 december 2022': the agreement's version as every document names it, dated by
    its signing, else by its own version table (never the build day when the sources say one)."""
    return info.openbare_versie(o.versie, eigen_datum(o.ondertekening.datum, o.versies))


def partijen_context(o: Overeenkomst) -> dict[str, Any]:
    """The context every document of the agreement shares about parties and instruments."""
    eigen = ins.in_overeenkomst(o)
    return {
        "partijen": ins.alle_partijen(o),
        "ondertekenaars": ins.ondertekenaars(o),
        # The agreement as it stood on its own signing: a party that joined later through an
        # accession is no party on its title page and no signatory; it is named, dated, apart.
        "partijen_bij_ondertekening": ins.partijen_op(o, None),
        "ondergetekenden": [p for p in ins.partijen_op(o, None) if p.ondertekent],
        "later_toegetreden": ins.later_toegetreden(o),
        "toegetreden": {p.id: ins.toegetreden(o, p) for p in ins.later_toegetreden(o)},
        "niet_ondertekenend": ins.niet_ondertekenend(o),
        "toetredingen": ins.toetredingen(o),
        "momenten": ins.momenten(o),
        "einde": ins.einde(o),
        "jaren": ins.jaren(o),
        "instrumenten": [
            {
                "instrument": i,
                # Only what counts as an afspraak: a wish or position is never listed as one.
                "afspraken": [a for a in ins.afspraken_van(o, i) if a.telt],
                "momenten": ins.momenten(o, i) if i.ondertekening is not None else [],
                "ondertekenaars": ins.ondertekenaars(o, i),
                "geldigheid": ins.geldigheid(o, i),
                "eind_genoemd": ins.eind_genoemd(o, i),
                "document": _bestandsnaam(i) if i.apart else None,
                "delen": _delen(o, i),
            }
            for i in o.instrumenten
            if i.onderdeel_van is None
        ],
        "instrumenten_kop": _kop(o),
        "afspraken_in_document": eigen,
        "afspraken_per_thema": _per_thema(o, eigen, alle_themas=True),
        "themaboom": themaboom(o),
        "themakoppen": themakoppen(themaboom(o)),
        "elders_per_thema": {
            t.id: [i.naam for i in apart(o) if any(a.thema == t.id for a in ins.afspraken_van(o, i))]
            for t in o.themas
        },
        "eigen_instrument": None,
    }


def themakoppen(boom: list[dict[str, Any]]) -> dict[str, str]:
    """Per theme id its heading as the document shows it ('1.1 Nieuwbouw'): where an afspraak
    listed elsewhere (a part of an addendum) stands in full, in words."""
    return {rij["thema"].id: f"{rij['nummer']} {rij['thema'].titel}" for rij in boom}


def _bestandsnaam(i: Instrument) -> str:
    return i.id


def _delen(o: Overeenkomst, i: Instrument) -> list[dict[str, Any]]:
    """The parts of an addendum, each with its own parties, signatures and afspraken."""
    return [
        {
            "instrument": d,
            "ondertekenaars": ins.ondertekenaars(o, d),
            "momenten": ins.momenten(o, d) if d.ondertekening is not None else [],
            "afspraken": [a for a in ins.afspraken_van(o, d) if a.telt],
        }
        for d in o.instrumenten if d.onderdeel_van == i.id
    ]


def instrument_context(o: Overeenkomst, i: Instrument) -> dict[str, Any]:
    """What ``instrument.md.j2`` sees for one separately built jaarschijf or addendum."""
    lijst = ins.afspraken_van(o, i)
    if i.meerjarig and i.jaar is not None:
        # The multi-year afspraken that apply in the jaarschijf's year, after its own (Stek 2025).
        # A jaarschijf of one gemeente repeats no afspraken made for another gemeente.
        gemeenten = {p for p in i.partijen if ins.soort_van(o, p) == "gemeente"}
        lijst = lijst + [
            a for a in ins.afspraken_in(o, i.jaar)
            if a.instrument is None and (a.gemeente is None or not gemeenten or a.gemeente in gemeenten)
        ]
    eigen = i.ondertekening or o.ondertekening
    return {
        "instrument": i,
        "status": i.status or o.status,
        "ondertekening": eigen,
        "geldigheid": ins.geldigheid(o, i),
        "eind_genoemd": ins.eind_genoemd(o, i),
        # The agreement's end as it stood on the instrument's own date: a later extension is
        # not yet part of an earlier jaarschijf.
        "einde": ins.einde(o, ins.peildatum(o, i)),
        "ondertekenaars": ins.ondertekenaars(o, i),
        "momenten": ins.momenten(o, i),
        "delen": _delen(o, i),
        "afspraken_in_document": lijst,
        "afspraken_per_thema": _per_thema(o, lijst, alle_themas=False),
        "eigen_instrument": i.id,
        "themaboom": themaboom(o, i.themanummers),
        "themakoppen": themakoppen(themaboom(o, i.themanummers)),
        "doelen": [
            (ind, ind.streefwaarden[i.jaar])
            for ind in o.indicatoren
            if i.soort == "jaarschijf" and i.jaar in ind.streefwaarden
            # a jaarschijf of one gemeente (or corporation) shows only the targets in its scope
            and (i.gemeente is None or ind.gemeente in (None, i.gemeente))
            and (i.corporatie is None or ind.corporatie in (None, i.corporatie))
        ],
    }


def afspraak_links(o: Overeenkomst) -> dict[str, str]:
    """Per afspraak of a separately built instrument the page it stands on (others: the agreement)."""
    return {a.ident: f"{bestandsnaam(i)}.html" for i in apart(o) for a in ins.afspraken_van(o, i)}


def apart(o: Overeenkomst) -> list[Instrument]:
    """The instruments built as documents of their own, in the agreement's order."""
    return [i for i in o.instrumenten if i.apart and i.onderdeel_van is None]


def bestandsnaam(i: Instrument) -> str:
    """The file name (without extension) of a separately built instrument."""
    return _bestandsnaam(i)
