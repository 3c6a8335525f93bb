"""Plan: which documents one agreement yields, and the context each template sees.

The agreement always; the press release when ``persbericht.yaml`` exists; one progress
report per ``voortgang/<jaar>.yaml``. A context is the model plus derived views.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from functools import partial

from .model import Bron, Overeenkomst
from .persbericht import persbericht_context
from .views import voortgang_afbeeldingen, voortgang_context
from .version import Bouwinfo

FORMATEN = ("md", "html", "docx", "txt")
"""The formats a build can write; txt (plain text for e-mail) exists for the press release only."""


def _formats(soort: str, formaten: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in formaten if f != "txt" or soort == "persbericht")


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
    formaten: tuple[str, ...]
    context: dict[str, Any] = field(repr=False, compare=False)
    jaar: int | None = None
    afbeeldingen: Callable[[], dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    """Draws the document's images (charts) when it is rendered, not when it is planned."""


def naam_van(o: Overeenkomst):
    """A function that turns a reference ({project:velst}) into the name a reader sees."""
    tables = {
        "partij": {p.id: p.korte_naam for p in o.partijen},
        "thema": {t.id: t.titel for t in o.themas},
        "afspraak": {a.id: a.kort for a in o.afspraken},
        "indicator": {i.id: i.naam for i in o.indicatoren},
        "project": {p.id: p.naam for p in o.projecten},
    }

    def lookup(soort: str, ident: str) -> str:
        return tables.get(soort, {}).get(ident, ident)

    return lookup


def base_context(bron: Bron, info: Bouwinfo) -> dict[str, Any]:
    """What every template of one agreement can use."""
    o = bron.overeenkomst
    per_thema = {t.id: [a for a in o.afspraken if a.thema == t.id] for t in o.themas}
    return {
        "overeenkomst": o,
        "partijen": {p.id: p for p in o.partijen},
        "themas": {t.id: t for t in o.themas},
        "afspraken": {a.id: a for a in o.afspraken},
        "indicatoren": {i.id: i for i in o.indicatoren},
        "projecten": {p.id: p for p in o.projecten},
        "gemeenten": [p for p in o.partijen if p.soort == "gemeente"],
        "corporaties": [p for p in o.partijen if p.soort == "corporatie"],
        "huurdersorganisaties": [p for p in o.partijen if p.soort == "huurdersorganisatie"],
        "afspraken_per_thema": per_thema,
        "naam_van": naam_van(o),
        "versie": info.versie(o.versie),
        "commit": info.commit,
        "bouwdatum": info.datum.date(),
        "links": {"overeenkomst": "overeenkomst.html"},
    }


def plan(bron: Bron, info: Bouwinfo, formaten: tuple[str, ...] = FORMATEN) -> list[Document]:
    """The documents of one agreement, in a stable order."""
    o = bron.overeenkomst
    base = base_context(bron, info)
    docs = [
        Document(
            soort="overeenkomst",
            naam="overeenkomst",
            sjabloon="overeenkomst.md.j2",
            titel=o.titel,
            onderwerp=f"Prestatieafspraken {o.looptijd.van}–{o.looptijd.tot}",
            formaten=_formats("overeenkomst", formaten),
            context={**base, "document": {"soort": "overeenkomst", "naam": "overeenkomst"}},
        )
    ]
    if bron.persbericht is not None:
        docs.append(
            Document(
                soort="persbericht",
                naam="persbericht",
                sjabloon="persbericht.md.j2",
                titel=bron.persbericht.kop,
                onderwerp=f"Persbericht {o.titel}",
                formaten=_formats("persbericht", formaten),
                context={
                    **base,
                    **persbericht_context(bron),
                    "persbericht": bron.persbericht,
                    "document": {"soort": "persbericht", "naam": "persbericht"},
                },
            )
        )
    jaren = sorted(bron.voortgang)
    for i, jaar in enumerate(jaren):
        v = bron.voortgang[jaar]
        vorige = bron.voortgang[jaren[i - 1]] if i > 0 else None
        docs.append(
            Document(
                soort="voortgang",
                naam=f"voortgang-{jaar}",
                sjabloon="voortgang.md.j2",
                titel=f"Voortgangsrapportage {jaar}",
                onderwerp=f"Voortgang {o.titel}, {jaar}",
                formaten=_formats("voortgang", formaten),
                jaar=jaar,
                context={
                    **base,
                    **voortgang_context(bron, jaar),
                    "voortgang": v,
                    "vorige": vorige,
                    "jaar": jaar,
                    "document": {"soort": "voortgang", "naam": f"voortgang-{jaar}"},
                },
                afbeeldingen=partial(voortgang_afbeeldingen, bron, jaar),
            )
        )
    return docs
