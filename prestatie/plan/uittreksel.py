"""Extracts: per party, what it promised, in every agreement it is party to, and when it is due.

An afspraak belongs to a party's extract when the party is its trekker or among its betrokken
partijen; for a gemeente also when the afspraak is for that gemeente (``gemeente:``). An
afspraak with neither trekker nor betrokken partijen binds every party, except a gemeente
other than the one it names. A party is the same party in several agreements when its full
name is the same (as a slug: 'Pré Wonen' and 'Pre Wonen' are one). Its extract beside the
first of those agreements (in folder order) covers all of them, that agreement first; its
extract beside each other agreement covers that one and says where the whole one is. So a
party of N agreements costs N extracts of one agreement and one of N, never N of N.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..core.tekst import slug
from ..core.version import Bouwinfo
from ..model import Afspraak, Dossier, Overeenkomst, Partij
from .indicatoren import Indicatorstand, indicatorstanden
from ..model.instrumenten import toegetreden
from .instrumenten import afspraak_links, openbare_versie
from .voortgang import Afspraakstand, afspraakstanden

UITTREKSEL = "uittreksel"
"""The kind of document of an extract."""
UITTREKSEL_TERMIJNEN = "uittreksel-termijnen"
"""The kind of an extract's own calendar (written by the ics format only)."""


def partijsleutel(p: Partij) -> str:
    """What makes a party the same party in several agreements: its full name, as a slug."""
    return slug(p.naam, "partij", 60)


def rol(a: Afspraak, p: Partij) -> str | None:
    """How the afspraak concerns the party ('trekker', 'betrokken', 'gemeente', 'alle partijen'),
    or None when it is not in the party's extract."""
    if p.id in a.trekker:
        return "trekker"
    if p.id in a.betrokken:
        return "betrokken"
    if p.soort == "gemeente" and a.gemeente == p.id:
        return "gemeente"
    if not a.trekker and not a.betrokken and (a.gemeente is None or p.soort != "gemeente"):
        return "alle partijen"
    return None


def afspraken_van(o: Overeenkomst, p: Partij) -> list[Afspraak]:
    """The afspraken of the party's extract, in the agreement's order."""
    return [a for a in o.afspraken if rol(a, p) is not None]


@dataclass(frozen=True)
class Termijnregel:
    """One deadline of the extract."""

    afspraak: Afspraak
    einddatum: dt.date
    overeenkomst: Overeenkomst
    link: str | None


@dataclass(frozen=True)
class Deel:
    """The part of one agreement in an extract."""

    dossier: Dossier
    partij: Partij
    """The party as this agreement names it."""
    versie: str
    """The agreement's version as a reader sees it ('1.0, 15 februari 2022')."""
    link: str | None
    """Where the whole agreement is: beside the extract or online (None: in ``map``)."""
    map: str
    """The agreement's output folder."""
    afspraken: list[Afspraak]
    rollen: dict[str, str]
    per_thema: list[tuple[Any, list[Afspraak]]]
    """The agreement's themes (its order) with the party's afspraken in each; empty themes left out."""
    links: dict[str, str]
    """Per afspraak id its address in the agreement (or instrument) document."""
    partijnamen: dict[str, str] = field(default_factory=dict)
    """Per party id of this agreement its short name."""
    voortgangsjaar: int | None = None
    standen: list[Afspraakstand] = field(default_factory=list)
    indicatoren: list[Indicatorstand] = field(default_factory=list)
    toegetreden: str | None = None
    """'toegetreden op 1 juni 2024' when the party joined this agreement later, by an accession."""

    @property
    def overeenkomst(self) -> Overeenkomst:
        return self.dossier.overeenkomst


def _map(dossier: Dossier) -> str:
    """The agreement's output folder name (as the build names it)."""
    return slug(dossier.map, "overeenkomst", 80)


def _link_base(eigen: Dossier, ander: Dossier) -> str | None:
    """Where the agreement's documents are: beside the extract, or online. Another agreement
    without a publication address is in a sibling folder, which the link policy does not let a
    document point to (no '..'): the extract names that folder instead."""
    o = ander.overeenkomst
    if o.publicatie is not None:
        return o.publicatie.url
    return "" if ander is eigen else None


def _deel(eigen: Dossier, dossier: Dossier, p: Partij, info: Bouwinfo) -> Deel:
    o = dossier.overeenkomst
    base = _link_base(eigen, dossier)
    afspraken = afspraken_van(o, p)
    ids = {a.id for a in afspraken}
    per_thema = [(t, [a for a in afspraken if a.thema == t.id]) for t in o.themas]
    instrument_links = afspraak_links(o)
    links = {} if base is None else {
        a.ident: base + instrument_links.get(a.ident, "overeenkomst.html") + "#" + a.ident for a in afspraken}
    jaar = max(dossier.voortgang) if dossier.voortgang else None
    standen: list[Afspraakstand] = []
    indicatoren: list[Indicatorstand] = []
    if jaar is not None:
        standen = [s for s in afspraakstanden(dossier, jaar) if s.afspraak.id in ids]
        eigen_ind = {a.indicator for a in afspraken if a.indicator}
        indicatoren = [s for s in indicatorstanden(dossier, jaar) if s.indicator.id in eigen_ind]
    return Deel(
        dossier=dossier, partij=p, versie=openbare_versie(o, info),
        toegetreden=toegetreden(o, p),
        link=None if base is None else base + "overeenkomst.html", map=_map(dossier), afspraken=afspraken,
        rollen={a.ident: rol(a, p) or "" for a in afspraken},
        per_thema=[(t, lijst) for t, lijst in per_thema if lijst], links=links,
        partijnamen={q.id: q.korte_naam for q in o.partijen}, voortgangsjaar=jaar, standen=standen, indicatoren=indicatoren,
    )


class Partners:
    """Per party (by ``partijsleutel``) the agreements it is party to, in folder order: made
    once per build from every agreement, so planning an extract never scans them all."""

    def __init__(self, alle: Sequence[Dossier] = ()):
        self.per_partij: dict[str, list[tuple[Dossier, Partij]]] = {}
        for d in sorted(alle, key=lambda d: d.map):
            for q in d.overeenkomst.partijen:
                lijst = self.per_partij.setdefault(partijsleutel(q), [])
                if not lijst or lijst[-1][0] is not d:
                    lijst.append((d, q))

    def van(self, eigen: Dossier, p: Partij) -> list[tuple[Dossier, Partij]]:
        """The agreements of the party's extract beside ``eigen``: all of them (this one first)
        when ``eigen`` is the first; else this one only."""
        lijst = self.per_partij.get(partijsleutel(p), [])
        if not lijst or lijst[0][0].map != eigen.map:
            return [(eigen, p)]
        return lijst

    def geheel(self, eigen: Dossier, p: Partij) -> tuple[Dossier, Partij] | None:
        """Where the extract over all of the party's agreements is, when not beside ``eigen``."""
        lijst = self.per_partij.get(partijsleutel(p), [])
        return lijst[0] if len(lijst) > 1 and lijst[0][0].map != eigen.map else None


def delen(eigen: Dossier, p: Partij, partners: Partners, info: Bouwinfo) -> list[Deel]:
    """The agreements of the party's extract beside ``eigen``, that one first."""
    return [_deel(eigen, d, q, info) for d, q in partners.van(eigen, p)]


def termijnen(delen_: list[Deel], peildatum: dt.date) -> tuple[list[Termijnregel], list[Termijnregel]]:
    """The party's deadlines: those still to come (next one first), and those already past
    (most recent first)."""
    regels = [
        Termijnregel(a, a.einddatum, d.overeenkomst, d.links.get(a.ident))
        for d in delen_ for a in d.afspraken if a.einddatum is not None
    ]
    regels.sort(key=lambda r: (r.einddatum, r.overeenkomst.titel, r.afspraak.label))
    komend = [r for r in regels if r.einddatum >= peildatum]
    verstreken = [r for r in regels if r.einddatum < peildatum]
    verstreken.sort(key=lambda r: r.einddatum, reverse=True)  # stable: same day keeps its order
    return komend, verstreken


def geheel_van(eigen: Dossier, p: Partij, partners: Partners) -> dict[str, Any] | None:
    """Where the party's extract over all its agreements is, when not beside ``eigen``: all an
    extract of this agreement only shows of the others (so all it depends on besides its own
    sources)."""
    geheel = partners.geheel(eigen, p)
    if geheel is None:
        return None
    o = geheel[0].overeenkomst
    bestand = bestandsnaam(geheel[1]) + ".html"
    return {"overeenkomst": {"titel": o.titel}, "map": _map(geheel[0]), "bestand": bestand,
            "aantal": len(partners.per_partij[partijsleutel(p)]),
            "link": o.publicatie.url + bestand if o.publicatie is not None else None}


def uittreksel_context(eigen: Dossier, p: Partij, partners: Partners, info: Bouwinfo, naam: str) -> dict[str, Any]:
    """What uittreksel.md.j2 sees (besides the agreement's base context)."""
    d = delen(eigen, p, partners, info)
    komend, verstreken = termijnen(d, info.datum.date())
    return {
        "geheel": geheel_van(eigen, p, partners),
        "partij": p,
        "delen": d,
        "komende_termijnen": komend,
        "verstreken_termijnen": verstreken,
        "terugkerend": [(deel, a) for deel in d for a in deel.afspraken if a.herhaling],
        "kalender": f"{naam}.ics",
        "document": {"soort": UITTREKSEL, "naam": naam},
    }


def bestandsnaam(p: Partij) -> str:
    """The extract's file name without extension: 'uittreksel-pre-wonen'."""
    return f"uittreksel-{slug(str(p.id), 'partij', 60)}"


def bronnen(eigen: Dossier, p: Partij, partners: Partners) -> tuple[Path, ...]:
    """The source files an extract reads: the agreement and progress files of each of its
    agreements (of another agreement only its overeenkomst.yaml and voortgang/)."""
    out: list[Path] = []
    for d, _ in partners.van(eigen, p):
        out.append(d.pad / "overeenkomst.yaml")
        folder = d.pad / "voortgang"
        if folder.is_dir():
            out += sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in (".yaml", ".yml"))
    return tuple(out)


def sleutel(eigen: Dossier, p: Partij, partners: Partners) -> str:
    """What an extract beside ``eigen`` shows of the party's other agreements besides their
    sources (``geheel_van``), as text for its fingerprint."""
    geheel = geheel_van(eigen, p, partners)
    return "" if geheel is None else repr(sorted(geheel.items()))
