"""Who signs what: parties (collectives, non-signing parties, successors), their
representatives, signing moments and the instruments signed within an agreement
(jaarschijven, addenda, extensions, accessions)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from .basis import _ID, Datum, Id, JaNee, Jaar, Knoop, Markdown, Soort, Tekst


class Ondertekening(Knoop):
    plaats: Tekst | None = None
    """Plaats van ondertekening, zoals in 'ondertekend te Beverwijk'; leeg bij digitaal ondertekenen."""
    datum: Datum | None = None
    """Datum van ondertekening (JJJJ-MM-DD); leeg zolang niet getekend."""
    digitaal: JaNee = False
    """true als de partijen digitaal of op afstand ondertekenen (dan is er geen plaats nodig)."""
    datum_onbekend: JaNee = False
    """true als vaststaat dat is ondertekend, maar niet op welke datum (een archiefstuk, een
    reconstructie); de documenten zeggen dat dan zo, zonder CONCEPT."""
    ondertekenaars_onbekend: JaNee = False
    """true als vaststaat dat is ondertekend, maar niet door wie; de handtekeningen zeggen dat
    dan zo, in plaats van een naam te noemen die de bronnen niet geven."""

    @property
    def getekend(self) -> bool:
        """True when the sources say it was signed: a date, or a signing whose date is unknown."""
        return self.datum is not None or self.datum_onbekend


class Vertegenwoordiger(Knoop):
    naam: Tekst
    """Naam zoals onder de handtekening."""
    functie: Tekst
    """Functie, bijvoorbeeld 'wethouder Wonen' of 'directeur-bestuurder'."""
    hoedanigheid: Tekst | None = None
    """Op grond waarvan deze persoon tekent, bijvoorbeeld 'namens de burgemeester'."""
    ondertekent: JaNee = True
    """Of deze persoon de overeenkomst ondertekent."""


def _een_of_meer(value: Any) -> Any:
    """'woonopmaat' and [woonopmaat, pre-wonen] both mean a list of ids."""
    return [value] if isinstance(value, str) else value


IdLijst = Annotated[
    list[Id],
    BeforeValidator(_een_of_meer),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": ["string", "integer"], "pattern": _ID.pattern, "minimum": 0},
                {"type": "array", "items": {"type": ["string", "integer"], "pattern": _ID.pattern, "minimum": 0}},
            ]
        }
    ),
]
"""One id, or a list of ids."""


class Lid(Knoop):
    """A member of a collective party (a federation, platform or foundation that signs as one)."""

    id: Id | None = None
    """Korte, vaste naam, als afspraken of projecten naar dit lid verwijzen."""
    naam: Tekst
    """Officiële naam van het lid."""
    kort: Tekst | None = None
    """Korte naam voor tabellen en lopende tekst; standaard de naam."""
    soort: Soort | None = None
    """gemeente, corporatie, huurdersorganisatie of overig; standaard de soort van het collectief."""
    vestigingsplaats: Tekst | None = None
    """Statutaire zetel of vestigingsplaats."""
    huurders_van: IdLijst = Field(default_factory=list)
    """Voor een huurdersorganisatie: de id('s) van de corporatie(s) wier huurders zij vertegenwoordigt."""

    @property
    def korte_naam(self) -> str:
        return self.kort or self.naam


class Partij(Knoop):
    id: Id
    """Korte, vaste naam waarmee naar deze partij wordt verwezen, bijvoorbeeld 'woonopmaat'."""
    naam: Tekst
    """Officiële naam, bijvoorbeeld 'Stichting Woonopmaat'."""
    kort: Tekst | None = None
    """Korte naam voor tabellen en lopende tekst; standaard de naam."""
    soort: Soort
    """gemeente, corporatie, huurdersorganisatie of overig."""
    rechtsvorm: Tekst | None = None
    """Rechtsvorm, bijvoorbeeld 'stichting', 'vereniging' of 'openbaar lichaam'."""
    vestigingsplaats: Tekst | None = None
    """Statutaire zetel of vestigingsplaats, als de overeenkomst die noemt."""
    huurders_van: IdLijst = Field(default_factory=list)
    """Voor een huurdersorganisatie: de id van de corporatie wier huurders zij vertegenwoordigt,
    of een lijst als zij de huurders van meer corporaties vertegenwoordigt."""
    vertegenwoordigers: list[Vertegenwoordiger] = Field(default_factory=list)
    """Wie de partij vertegenwoordigt en (meestal) ondertekent; bijvoorbeeld twee wethouders."""
    leden: list[Lid] = Field(default_factory=list)
    """Voor een collectief (federatie, platform, stichting) dat als één partij tekent: de leden."""
    ondertekent: JaNee = True
    """false voor een partij die wel meedoet aan de afspraken maar niet ondertekent."""
    toelichting: Markdown | None = None
    """Wat de overeenkomst verder over deze partij zegt, bijvoorbeeld waarom zij niet tekent."""
    reikwijdte: Tekst | None = None
    """Als de partij maar voor een deel gebonden is: waarvoor, bijvoorbeeld 'het complex
    Hofzicht (30 woningen)' of 'de kern Egmond'."""
    voorheen: list[Tekst] = Field(default_factory=list)
    """Vroegere namen van deze partij."""
    ook_genoemd: list[Tekst] = Field(default_factory=list)
    """Andere namen waaronder de overeenkomst deze partij noemt (een afkorting, de naam van de
    koepel), zoals in 'Huurderskoepel, in deze overeenkomst ook HK genoemd'."""
    rechtsopvolger_van: list[Tekst] = Field(default_factory=list)
    """Partijen waarvan deze partij de rechtsopvolger is, bijvoorbeeld na een fusie."""
    ondertekening: Ondertekening | None = None
    """Als deze partij op een ander moment of op een andere manier tekent dan de overige partijen."""

    @property
    def korte_naam(self) -> str:
        return self.kort or self.naam

    @property
    def ondertekenaars(self) -> list[Vertegenwoordiger]:
        return [v for v in self.vertegenwoordigers if v.ondertekent]

    @property
    def meervoud(self) -> bool:
        """True for a collective of several members: the text speaks of it in the plural."""
        return len(self.leden) > 1


# --- instruments: jaarschijven, addenda, extensions and accessions ------------------------

InstrumentSoort = Literal["jaarschijf", "addendum", "verlenging", "toetreding"]


class Instrument(Knoop):
    """A document the parties sign within the agreement: a jaarschijf, addendum, extension or accession."""

    id: Id
    """Korte, vaste naam, bijvoorbeeld 'jaarschijf-2024'; afspraken noemen haar in 'instrument:'."""
    soort: InstrumentSoort
    """jaarschijf, addendum, verlenging of toetreding."""
    titel: Tekst | None = None
    """Titel zoals op het document; standaard bijvoorbeeld 'Jaarschijf 2024'."""
    jaar: Jaar | None = None
    """Jaarschijf: het jaar waarvoor zij geldt. Addendum: het eerste jaar waarin het geldt."""
    tot: Jaar | None = None
    """Verlenging: het nieuwe laatste jaar (inclusief). Addendum: het laatste jaar, als dat eerder is."""
    onderdeel_van: Id | None = None
    """Id van het instrument waarvan dit een deel is, bijvoorbeeld het deel per corporatie van een addendum."""
    partijen: list[Id] = Field(default_factory=list)
    """Ids van de partijen die dit instrument ondertekenen; standaard de partijen die op de datum
    van ondertekening van dit instrument meedoen (een latere toetreding niet).
    Bij een toetreding: de partij(en) die toetreden."""
    gemeente: Id | None = None
    """Id van de gemeente, als dit instrument (een jaarschijf van een regionale overeenkomst) voor
    één gemeente geldt; alleen die gemeente tekent dan namens de gemeenten."""
    corporatie: Id | None = None
    """Id van de corporatie, als dit instrument voor één corporatie geldt; alleen die corporatie
    (en wie haar huurders vertegenwoordigt) tekent dan namens de corporaties."""
    versie: Tekst | None = None
    """Versie van dit instrument als tekst, bijvoorbeeld '1.0'; standaard die van de overeenkomst."""
    status: Literal["concept", "ter_ondertekening", "ondertekend"] | None = None
    """'concept', 'ter_ondertekening' of 'ondertekend'; standaard de status van de overeenkomst."""
    ondertekening: Ondertekening | None = None
    """Plaats en datum waarop dit instrument apart is ondertekend."""
    inleiding: Markdown | None = None
    """Inleidende tekst van het instrument."""
    tekst: Markdown | None = None
    """Wat het instrument regelt, in de woorden van de partijen (bijvoorbeeld de verlenging)."""
    apart: JaNee = False
    """true om het instrument als eigen, apart ondertekend document te maken."""
    themanummers: dict[Id, Tekst] = Field(default_factory=dict)
    """Nummers van de thema's zoals dit instrument ze schrijft, als die afwijken van de
    overeenkomst: {beschikbaarheid: "1", betaalbaarheid: "2"}."""
    meerjarig: JaNee = False
    """true om in het eigen document van een jaarschijf ook de meerjarige afspraken te tonen die
    in haar jaar gelden, na haar eigen afspraken."""

    @property
    def naam(self) -> str:
        if self.titel:
            return self.titel
        if self.soort == "jaarschijf":
            return f"Jaarschijf {self.jaar}" if self.jaar else "Jaarschijf"
        if self.soort == "verlenging":
            return f"Verlenging tot en met {self.tot}" if self.tot else "Verlenging"
        return {"addendum": "Addendum", "toetreding": "Toetreding"}[self.soort]


