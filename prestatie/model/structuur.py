"""The agreement's own structure and apparatus: themes as it numbers them (with sub-themes),
annexes with their own labels and tables, abbreviations, its version table and the housing
stock per corporation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from .basis import Datum, Geheel, Id, Knoop, Markdown, Tekst

LandelijkThema = Literal["beschikbaarheid", "betaalbaarheid", "verduurzaming", "leefbaarheid", "aandachtsgroepen"]


def _een_of_meer(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


LandelijkeThemas = Annotated[
    list[LandelijkThema],
    BeforeValidator(_een_of_meer),
    WithJsonSchema({"anyOf": [
        {"type": "string", "enum": list(LandelijkThema.__args__)},
        {"type": "array", "items": {"type": "string", "enum": list(LandelijkThema.__args__)}},
    ]}),
]


class Thema(Knoop):
    id: Id
    """Korte, vaste naam van het thema, bijvoorbeeld 'duurzaamheid'."""
    nummer: Tekst | None = None
    """Nummer zoals de overeenkomst het schrijft ('2', '2.1', 'Thema A'); standaard de volgorde."""
    titel: Tekst
    """Titel zoals in de overeenkomst."""
    onder: Id | None = None
    """Id van het thema waarvan dit een subthema is (bijvoorbeeld 2.1 onder 2)."""
    ambitie: Markdown | None = None
    """Wat de partijen met dit thema willen bereiken, als de overeenkomst dat zegt."""
    ook_genoemd: list[Tekst] = Field(default_factory=list)
    """Andere namen waaronder de overeenkomst of een verslag dit thema noemt (inhoudsopgave, bijlage, voortgang)."""
    landelijk_thema: LandelijkeThemas = Field(default_factory=list)
    """Het landelijke thema (Nationale prestatieafspraken) waaronder dit thema valt, of een lijst
    als het er meer dekt: [beschikbaarheid, betaalbaarheid]."""


def subthemas(themas: list[Thema], ouder: str) -> list[Thema]:
    """The themes under ``ouder`` at any depth, in the agreement's order (a loop in 'onder' ends)."""
    onder: set[str] = set()
    nieuw = {ouder}
    while nieuw:
        nieuw = {t.id for t in themas if t.onder in nieuw and t.id not in onder and t.id != ouder}
        onder |= nieuw
    return [t for t in themas if t.id in onder]


class Tabel(Knoop):
    """A table as the annex prints it: a caption, column headings and rows of text."""

    titel: Tekst | None = None
    """Bijschrift boven de tabel."""
    kolommen: list[Tekst] = Field(min_length=1)
    """Kopjes van de kolommen."""
    rijen: list[list[Tekst]] = Field(default_factory=list)
    """De rijen, elk met evenveel cellen als er kolommen zijn; een lege cel is ''."""


class Bijlage(Knoop):
    label: Tekst
    """Label zoals de overeenkomst het schrijft: '1a', '4', 'Bijlage 4', 'A'."""
    titel: Tekst
    """Titel van de bijlage."""
    tekst: Markdown | None = None
    """Tekst van de bijlage (Markdown)."""
    tabellen: list[Tabel] = Field(default_factory=list)
    """Tabellen in de bijlage, bijvoorbeeld een KPI-dashboard of het bod van een corporatie."""

    @property
    def kop(self) -> str:
        """'Bijlage 1a · Titel'; a label that already says 'Bijlage' is shown as written."""
        label = self.label if self.label.lower().startswith("bijlage") else f"Bijlage {self.label}"
        return f"{label} · {self.titel}"


class Versie(Knoop):
    versie: Tekst
    """Versie zoals de overeenkomst haar noemt, bijvoorbeeld '0.9' of '1.0'."""
    datum: Datum | None = None
    """Datum van deze versie."""
    status: Tekst | None = None
    """Status zoals geschreven: 'concept', 'ter ondertekening', 'definitief'."""
    toelichting: Tekst | None = None
    """Wat er in deze versie veranderde."""


def _onbekend(value: Any) -> Any:
    """'onbekend' or '?' means: the agreement gives no number here (never 0)."""
    return None if isinstance(value, str) and value.strip().lower() in ("onbekend", "?", "") else value


Misschien = Annotated[
    Geheel | None,
    BeforeValidator(_onbekend),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "enum": ["onbekend", "?"]}]}),
]
"""A whole number the agreement may leave open: 'onbekend' (or left out) stays unknown."""

VOORRAAD_KOLOMMEN = ("begin", "nieuwbouw", "aankoop", "verkoop", "sloop", "liberalisatie", "eind")
PLUS = ("nieuwbouw", "aankoop")
MIN = ("verkoop", "sloop", "liberalisatie")


class Voorraad(Knoop):
    """The housing stock of one corporation over a period, as the agreement's table gives it."""

    corporatie: Id
    """Id van de corporatie."""
    van: Datum | None = None
    """Peildatum van de beginstand, bijvoorbeeld 2024-01-01."""
    tot: Datum | None = None
    """Peildatum van de eindstand, bijvoorbeeld 2027-12-31."""
    begin: Misschien = None
    """Sociale huurwoningen aan het begin."""
    nieuwbouw: Misschien = None
    """Nieuw gebouwd."""
    aankoop: Misschien = None
    """Aangekocht."""
    verkoop: Misschien = None
    """Verkocht."""
    sloop: Misschien = None
    """Gesloopt."""
    liberalisatie: Misschien = None
    """Geliberaliseerd (uit de sociale huur)."""
    eind: Misschien = None
    """Sociale huurwoningen aan het eind."""

    @property
    def berekend_eind(self) -> int | None:
        """begin + nieuwbouw + aankoop − verkoop − sloop − liberalisatie, only when all are known."""
        values = [getattr(self, k) for k in ("begin", *PLUS, *MIN)]
        if any(v is None for v in values):
            return None
        return self.begin + sum(getattr(self, k) for k in PLUS) - sum(getattr(self, k) for k in MIN)


def eigen_datum(getekend: dt.date | None, versies: list[Versie]) -> dt.date | None:
    """A document's own date from the sources: the day of signing, else the latest date of the
    agreement's version table; None when the sources give neither (then: their last change)."""
    return getekend or jongste_versie(versies)


def jongste_versie(versies: list[Versie]) -> dt.date | None:
    """The date of the latest version in the agreement's own version table, if it gives one."""
    dates = [v.datum for v in versies if v.datum is not None]
    return max(dates) if dates else None
