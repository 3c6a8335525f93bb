"""Plan: which documents one agreement yields, and the context each template sees.

The agreement always; the press release when ``persbericht.yaml`` exists; one progress
report per ``voortgang/<jaar>.yaml``. A context is the model plus derived views.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any, Callable, Sequence

from ..core.version import Bouwinfo
from ..model import Dossier, Instrument, Overeenkomst, Voortgang
from ..model.instrumenten import ondertekenaars, partijen_op
from ..model.verwijzingen import naam_van, register
from .instrumenten import afspraak_links, apart, bestandsnaam, instrument_context, openbare_versie, partijen_context
from . import uittreksel
from .persbericht import onderwerp, persbericht_context
from .rapportage import voortgang_context
from .voortgang import indicatorstanden


@dataclass(frozen=True)
class Document:
    """One document to render: which template, under which file name, with what context."""

    soort: str
    """overeenkomst, persbericht or voortgang."""
    naam: str
    """File name without extension: overeenkomst, persbericht, voortgang-2024."""
    sjabloon: str
    titel: str
    onderwerp: str
    maak_context: Callable[[], dict[str, Any]] = field(repr=False, compare=False)
    """Derives what the template sees; called once, when the document is rendered."""
    jaar: int | None = None
    grafieken: Callable[[], list[Any]] | None = field(default=None, repr=False, compare=False)
    """The figures of the document's charts (derived when it is rendered, not when planned)."""
    status: str | None = None
    """'concept' or 'ondertekend' when the document has its own (a jaarschijf); else the agreement's."""
    versie: str | None = None
    """The document's own version (a jaarschijf's); else the agreement's."""
    bronnen: tuple[Path, ...] = ()
    """The source files the document is built from: a change in one of them, not yet committed,
    makes its provenance say 'niet vastgelegd'. Empty: every source of the agreement."""
    auteurs: tuple[str, ...] = ()
    """The parties whose document it is (an instrument: its own signatories); empty: every party."""
    uitvoer: tuple[str, ...] = ()
    """Fixed file names, for a per-agreement document that writes several files (open data)."""
    partij: str | None = None
    """An extract's party (``uittreksel.partijsleutel``): the party whose agreements it spans."""
    sleutel: str = ""
    """What else the document shows of other agreements, beyond its sources (an extract: where
    the party's whole extract is and how many agreements it spans)."""

    @cached_property
    def context(self) -> dict[str, Any]:
        """The template's variables: the model plus derived views (planning alone derives none)."""
        return self.maak_context()


OPEN_DATA = ("afspraken.csv", "afspraken.json", "indicatoren.csv", "csv-metadata.json", "licentie.txt")
"""The open-data files beside the documents of every agreement."""
PER_OVEREENKOMST = frozenset({"opendata", "termijnen", "uittreksel-termijnen"})
"""Kinds of document made once per agreement from the model, without a template: the open
data and the calendar of deadlines (written only in the format that names them)."""


def base_context(dossier: Dossier, info: Bouwinfo) -> dict[str, Any]:
    """What every template of one agreement can use."""
    o = dossier.overeenkomst
    per_thema = {t.id: [a for a in o.afspraken if a.thema == t.id] for t in o.themas}
    onderdelen: dict[str, list] = {}
    for a in o.afspraken:
        if a.onder is not None:
            onderdelen.setdefault(a.onder, []).append(a)
    ids = register(o)
    return {
        "overeenkomst": o,
        "partijen": ids["partij"],
        "themas": ids["thema"],
        "afspraken": ids["afspraak"],
        "indicatoren": ids["indicator"],
        "projecten": ids["project"],
        "gemeenten": [p for p in o.partijen if p.soort == "gemeente"],
        "corporaties": [p for p in o.partijen if p.soort == "corporatie"],
        "huurdersorganisaties": [p for p in o.partijen if p.soort == "huurdersorganisatie"],
        "afspraken_per_thema": per_thema,
        "subafspraken": onderdelen,
        "naam_van": naam_van(o),
        "versie": openbare_versie(o, info),
        "versienummer": o.versie,
        "commit": info.commit,
        "bouwdatum": info.datum.date(),
        "links": _links(o),
        **partijen_context(o),
    }


def _links(o: Overeenkomst) -> dict[str, Any]:
    """Where links to other documents of the agreement point: relative beside each other, or
    full addresses under ``publicatie.url`` so that a document sent on its own keeps them."""
    base = o.publicatie.url if o.publicatie else ""
    return {"overeenkomst": base + "overeenkomst.html", "publicatie": base or None,
            "afspraken": {k: base + v for k, v in afspraak_links(o).items()}}


def _voortgang_context(
    base: dict[str, Any], dossier: Dossier, jaar: int, v: Voortgang, vorige: Voortgang | None
) -> dict[str, Any]:
    return {
        **base,
        **voortgang_context(dossier, jaar),
        "voortgang": v,
        "vorige": vorige,
        "jaar": jaar,
        "document": {"soort": "voortgang", "naam": f"voortgang-{jaar}"},
    }


def _instrument_context(
    base: dict[str, Any], o: Overeenkomst, ins: Instrument, naam: str, versie: str
) -> dict[str, Any]:
    return {**base, **instrument_context(o, ins), "versie": versie, "versienummer": versie,
            "document": {"soort": ins.soort, "naam": naam}}


def _bronnen(dossier: Dossier) -> tuple[Path, ...]:
    """The YAML files of one agreement but the press release: what a progress report reads."""
    return tuple(
        p for p in sorted(dossier.pad.rglob("*"))
        if p.is_file() and p.suffix.lower() in (".yaml", ".yml") and p.name != "persbericht.yaml"
    )


def plan(dossier: Dossier, info: Bouwinfo) -> list[Document]:
    """The documents of one agreement, in a stable order."""
    o = dossier.overeenkomst
    base = base_context(dossier, info)
    agreement = dossier.pad / "overeenkomst.yaml"
    docs = [
        Document(
            soort="overeenkomst",
            naam="overeenkomst",
            sjabloon="overeenkomst.md.j2",
            titel=o.titel,
            onderwerp=f"Prestatieafspraken {o.looptijd.van}–{o.looptijd.tot}",
            maak_context=lambda: {**base, "document": {"soort": "overeenkomst", "naam": "overeenkomst"}},
            bronnen=(agreement,),
            # Its parties as they stood when it was signed: a later accession is not one of them.
            auteurs=tuple(p.naam for p in partijen_op(o, None)),
        )
    ]
    if dossier.persbericht is not None:
        docs.append(
            Document(
                soort="persbericht",
                naam="persbericht",
                sjabloon="persbericht.md.j2",
                titel=dossier.persbericht.kop,
                onderwerp=f"Persbericht {o.titel}",
                maak_context=lambda: {
                    **base,
                    **persbericht_context(dossier),
                    "persbericht": dossier.persbericht,
                    "document": {"soort": "persbericht", "naam": "persbericht"},
                },
                bronnen=(agreement, dossier.pad / "persbericht.yaml"),
                auteurs=tuple(p.naam for p in ondertekenaars(o, onderwerp(dossier))),
            )
        )
    for ins in apart(o):
        naam = bestandsnaam(ins)
        docs.append(
            Document(
                soort=ins.soort,
                naam=naam,
                sjabloon="instrument.md.j2",
                titel=ins.naam,
                onderwerp=f"{ins.naam} bij {o.titel}",
                maak_context=partial(_instrument_context, base, o, ins, naam, ins.versie or o.versie),
                status=ins.status or o.status,
                # Its own number and day of signing, as its title page says: never the agreement's.
                versie=info.openbare_versie(ins.versie or o.versie, ins.ondertekening.datum if ins.ondertekening else None),
                bronnen=(agreement,),
                auteurs=tuple(p.naam for p in ondertekenaars(o, ins)),
            )
        )
    jaren = sorted(dossier.voortgang)
    voortgang_bronnen = _bronnen(dossier)
    for i, jaar in enumerate(jaren):
        v = dossier.voortgang[jaar]
        vorige = dossier.voortgang[jaren[i - 1]] if i > 0 else None
        docs.append(
            Document(
                soort="voortgang",
                naam=f"voortgang-{jaar}",
                sjabloon="voortgang.md.j2",
                titel=f"Voortgangsrapportage {jaar}",
                onderwerp=f"Voortgang {o.titel}, {jaar}",
                jaar=jaar,
                maak_context=partial(_voortgang_context, base, dossier, jaar, v, vorige),
                grafieken=partial(indicatorstanden, dossier, jaar),
                bronnen=voortgang_bronnen,
                auteurs=tuple(p.naam for p in partijen_op(o, v.peildatum)),
            )
        )
    return docs


def per_overeenkomst(dossier: Dossier) -> list[Document]:
    """The files made once per agreement from the model, without a template: the open data and
    the calendar (written only when their format is asked)."""
    titel = dossier.overeenkomst.titel
    return [
        Document(soort="opendata", naam="opendata", sjabloon="", titel=f"Open data {titel}",
                 onderwerp=f"Open data {titel}", maak_context=dict, uitvoer=OPEN_DATA),
        Document(soort="termijnen", naam="termijnen", sjabloon="", titel=f"Termijnen {titel}",
                 onderwerp=f"Termijnen {titel}", maak_context=dict),
    ]


def alle_documenten(dossier: Dossier, info: Bouwinfo, alle: Sequence[Dossier] | uittreksel.Partners = ()
                    ) -> list[Document]:
    """The documents from templates, then the per-agreement files, then the extract of each
    party (over every agreement in ``alle`` it is party to): everything a build makes. Pass
    ``uittreksel.Partners(alle)``, made once, when planning many agreements."""
    return plan(dossier, info) + per_overeenkomst(dossier) + uittreksels(dossier, info, alle)


def _uittreksel_context(base: dict[str, Any], context: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    return {**base, **context()}


def _termijnen_context(context: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    return {"uittreksel": context()}


def uittreksels(dossier: Dossier, info: Bouwinfo, alle: Sequence[Dossier] | uittreksel.Partners = ()
                ) -> list[Document]:
    """Per party of the agreement its extract, and the extract's own calendar."""
    o = dossier.overeenkomst
    base = base_context(dossier, info)
    partners = alle if isinstance(alle, uittreksel.Partners) else uittreksel.Partners(alle)
    docs = []
    for p in o.partijen:
        naam = uittreksel.bestandsnaam(p)
        bronnen = uittreksel.bronnen(dossier, p, partners)
        sleutel = uittreksel.sleutel(dossier, p, partners)
        context = partial(uittreksel.uittreksel_context, dossier, p, partners, info, naam)
        docs.append(Document(
            soort=uittreksel.UITTREKSEL, naam=naam, sjabloon="uittreksel.md.j2",
            titel=f"Uittreksel voor {p.naam}", onderwerp=f"Uittreksel uit {o.titel} voor {p.naam}",
            maak_context=partial(_uittreksel_context, base, context), bronnen=bronnen,
            partij=uittreksel.partijsleutel(p), sleutel=sleutel,
        ))
        docs.append(Document(
            soort=uittreksel.UITTREKSEL_TERMIJNEN, naam=f"{naam}-termijnen", sjabloon="",
            titel=f"Termijnen voor {p.naam}", onderwerp=f"Termijnen uit {o.titel} voor {p.naam}",
            maak_context=partial(_termijnen_context, context), bronnen=bronnen,
            uitvoer=(f"{naam}.ics",), partij=uittreksel.partijsleutel(p), sleutel=sleutel,
        ))
    return docs
