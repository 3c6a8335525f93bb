"""The domain model: one agreement, its press release and its yearly progress.

Field names are the Dutch keys of the YAML files, so one vocabulary runs from the sources
through the code into the templates. Docstrings of fields become the descriptions in the
JSON Schema that editors show while a policy writer types.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..core import opmaak
from .basis import (  # noqa: F401 - the model's public names live here
    Datum,
    Geheel,
    Getal,
    Id,
    JaNee,
    Jaar,
    Knoop,
    Markdown,
    Soort,
    Tekst,
    Termijn,
    Tijdstip,
)
from .partijen import (  # noqa: F401
    IdLijst,
    Instrument,
    InstrumentSoort,
    Lid,
    Ondertekening,
    Partij,
    Vertegenwoordiger,
)

# --- the agreement ------------------------------------------------------------------------

Richting = Literal["hoger", "lager"]
StatusNaam = Literal[
    "gerealiseerd",
    "op schema",
    "aandacht",
    "vertraagd",
    "niet gerealiseerd",
    "niet gestart",
    "doorlopend",
    "vervallen",
]


class Status(BaseModel):
    """How a progress status is shown: never by colour alone."""

    naam: str
    label: str
    icoon: str
    aandacht: bool
    """True when the status needs cause, consequence and correction."""
    klaar: bool
    """True when the afspraak needs no further work."""


STATUSSEN: dict[str, Status] = {
    s.naam: s
    for s in (
        Status(naam="gerealiseerd", label="Gerealiseerd", icoon="✓", aandacht=False, klaar=True),
        Status(naam="op schema", label="Op schema", icoon="→", aandacht=False, klaar=False),
        Status(naam="doorlopend", label="Doorlopend", icoon="↻", aandacht=False, klaar=False),
        Status(naam="niet gestart", label="Nog niet gestart", icoon="○", aandacht=False, klaar=False),
        Status(naam="aandacht", label="Vraagt aandacht", icoon="!", aandacht=True, klaar=False),
        Status(naam="vertraagd", label="Vertraagd", icoon="◔", aandacht=True, klaar=False),
        Status(naam="niet gerealiseerd", label="Niet gerealiseerd", icoon="✗", aandacht=True, klaar=False),
        Status(naam="vervallen", label="Vervallen", icoon="–", aandacht=False, klaar=True),
    )
}


class Looptijd(Knoop):
    van: Jaar
    """Eerste jaar waarin de afspraken gelden."""
    tot: Jaar
    """Laatste jaar waarin de afspraken gelden (inclusief)."""

    @property
    def jaren(self) -> list[int]:
        return list(range(self.van, self.tot + 1))


class Thema(Knoop):
    id: Id
    """Korte, vaste naam van het thema, bijvoorbeeld 'duurzaamheid'."""
    titel: Tekst
    """Titel zoals in de overeenkomst."""
    ambitie: Markdown
    """Wat de partijen met dit thema willen bereiken."""
    landelijk_thema: Literal[
        "beschikbaarheid", "betaalbaarheid", "verduurzaming", "leefbaarheid", "aandachtsgroepen"
    ] | None = None
    """Het landelijke thema (Nationale prestatieafspraken) waaronder dit thema valt."""


class Afspraak(Knoop):
    id: Id
    """Vast nummer of korte naam, bijvoorbeeld 'a01'; wordt ook het anker in HTML (#a01)."""
    thema: Id
    """Id van het thema waaronder de afspraak valt."""
    titel: Tekst | None = None
    """Korte omschrijving voor tabellen; standaard het begin van de tekst."""
    tekst: Markdown
    """De afspraak zelf."""
    trekker: Id
    """Id van de partij die de afspraak trekt."""
    betrokken: list[Id] = Field(default_factory=list)
    """Ids van de andere partijen die meewerken."""
    gemeente: Id | None = None
    """Id van de gemeente, als de afspraak voor één gemeente geldt."""
    termijn: Termijn
    """Jaar (2024) of datum (2024-06-30) waarop de afspraak gerealiseerd is."""
    indicator: Id | None = None
    """Id van de indicator die meet of de afspraak gehaald wordt."""
    projecten: list[Id] = Field(default_factory=list)
    """Ids van de projecten waarop de afspraak betrekking heeft."""
    instrument: Id | None = None
    """Id van de jaarschijf of het addendum waarin de afspraak staat; leeg voor de overeenkomst zelf."""

    @property
    def kort(self) -> str:
        if self.titel:
            return self.titel
        first = re.split(r"(?<=[.!?])\s", " ".join(self.tekst.split()), maxsplit=1)[0]
        return first if len(first) <= 90 else first[:87].rstrip() + "…"

    @property
    def einddatum(self) -> dt.date:
        """The last day on which the afspraak is on time."""
        if isinstance(self.termijn, dt.date):
            return self.termijn
        return dt.date(self.termijn, 12, 31)

    @property
    def termijn_jaar(self) -> int:
        return self.termijn.year if isinstance(self.termijn, dt.date) else self.termijn


class Indicator(Knoop):
    id: Id
    """Korte, vaste naam, bijvoorbeeld 'nieuwbouw-sociaal'."""
    naam: Tekst
    """Naam zoals in tabellen en grafieken."""
    eenheid: Tekst
    """Eenheid, bijvoorbeeld 'woningen', 'procent', 'euro' of 'aantal'."""
    richting: Richting = "hoger"
    """'hoger' als meer beter is, 'lager' als minder beter is."""
    cumulatief: JaNee = False
    """true als de jaarcijfers optellen (opgeleverde woningen); false voor een stand (percentage, voorraad)."""
    basisjaar: Jaar | None = None
    """Jaar van de basiswaarde."""
    basiswaarde: Getal | None = None
    """Uitgangswaarde bij de start van de looptijd."""
    streefwaarden: dict[Jaar, Getal] = Field(default_factory=dict)
    """Streefwaarde per jaar, bijvoorbeeld {2022: 120, 2023: 150}."""
    bron: Tekst | None = None
    """Waar de cijfers vandaan komen."""

    @property
    def procent(self) -> bool:
        return opmaak.eenheid_soort(self.eenheid) == "procent"


class Aantallen(Knoop):
    sociale_huur: Geheel = 0
    """Sociale huurwoningen."""
    middenhuur: Geheel = 0
    """Middenhuurwoningen."""
    koop: Geheel = 0
    """Koopwoningen."""

    @property
    def totaal(self) -> int:
        return self.sociale_huur + self.middenhuur + self.koop


class Mijlpaal(Knoop):
    termijn: Termijn
    """Jaar of datum."""
    omschrijving: Tekst
    """Wat er dan gebeurt."""


class Project(Knoop):
    id: Id
    """Korte, vaste naam, bijvoorbeeld 'debora-bakelaan'."""
    naam: Tekst
    """Naam zoals in documenten en persbericht."""
    gemeente: Id
    """Id van de gemeente waar het project ligt."""
    corporatie: Id | None = None
    """Id van de corporatie die het project uitvoert."""
    omschrijving: Markdown | None = None
    """Korte beschrijving."""
    sloop: Geheel = 0
    """Aantal te slopen woningen."""
    nieuwbouw: Aantallen | None = None
    """Aantal nieuw te bouwen woningen per segment."""
    renovatie: Geheel = 0
    """Aantal te renoveren woningen."""
    mijlpalen: list[Mijlpaal] = Field(default_factory=list)
    """Belangrijke momenten in het project."""


class Overeenkomst(Knoop):
    titel: Tekst
    """Titel, bijvoorbeeld 'Prestatieafspraken Beverwijk en Heemskerk 2022–2025'."""
    ondertitel: Tekst | None = None
    """Regel onder de titel."""
    versie: Tekst
    """Versie van de afspraken als tekst, bijvoorbeeld '1.0' (zet aanhalingstekens om 1.10)."""
    status: Literal["concept", "ondertekend"]
    """'concept' zolang niet getekend (CONCEPT op elke pagina), daarna 'ondertekend'."""
    looptijd: Looptijd
    """Eerste en laatste jaar."""
    ondertekening: Ondertekening
    """Plaats en datum van ondertekening (of 'digitaal: true')."""
    grondslag: list[Markdown] = Field(default_factory=list)
    """Beleid waarop de afspraken rusten: woonvisie, woondeal, landelijke afspraken."""
    partijen: list[Partij]
    """De partijen: wie ondertekent, en wie meedoet zonder te tekenen ('ondertekent: false')."""
    inleiding: Markdown | None = None
    """Inleidende tekst."""
    overwegingen: list[Markdown] = Field(default_factory=list)
    """De overwegingen ('in aanmerking nemende dat …')."""
    wijzigen: Markdown | None = None
    """Hoe de afspraken tussentijds kunnen worden gewijzigd."""
    bepalingen: list[Markdown] = Field(default_factory=list)
    """Algemene bepalingen: bijzondere omstandigheden, voorbehoud RvC, redelijkheid."""
    themas: list[Thema]
    """De thema's, in de volgorde van de overeenkomst."""
    afspraken: list[Afspraak]
    """Alle afspraken."""
    indicatoren: list[Indicator] = Field(default_factory=list)
    """Meetbare doelen met streefwaarden per jaar."""
    projecten: list[Project] = Field(default_factory=list)
    """Projecten waarnaar afspraken en persbericht verwijzen."""
    instrumenten: list[Instrument] = Field(default_factory=list)
    """Jaarschijven, addenda, verlengingen en toetredingen, elk met eigen ondertekening."""
    monitoring: Markdown | None = None
    """Hoe voortgang wordt gevolgd en besproken."""
    begrippen: dict[Tekst, Markdown] = Field(default_factory=dict)
    """Bijlage met begrippen, bijvoorbeeld {DAEB: 'Diensten van algemeen economisch belang'}."""
    licentie: Tekst | None = None
    """Licentie van de open data (afspraken.csv, indicatoren.csv …): een SPDX-code als CC0-1.0
    (standaard), CC-BY-4.0, CC-BY-SA-4.0 of ODbL-1.0, of de URL van een andere licentie."""


# --- press release ------------------------------------------------------------------------


class Sectie(Knoop):
    kop: Tekst | None = None
    """Tussenkop; standaard de titel van het thema."""
    thema: Id | None = None
    """Id van het thema waaruit de sectie put (titel, ambitie, afspraken, projecten)."""
    tekst: Markdown | None = None
    """Eigen tekst; {project:id}, {partij:id}, {thema:id} worden namen uit de overeenkomst."""
    afspraken: list[Id] = Field(default_factory=list)
    """Afspraken die de sectie noemt."""
    projecten: list[Id] = Field(default_factory=list)
    """Projecten die de sectie noemt."""


class Citaat(Knoop):
    wie: Tekst
    """Naam van wie spreekt."""
    functie: Tekst
    """Functie, bijvoorbeeld 'wethouder Wonen'."""
    partij: Id
    """Id van de partij namens wie gesproken wordt."""
    tekst: Tekst
    """Het citaat, zonder aanhalingstekens."""


class Contact(Knoop):
    naam: Tekst
    """Naam van de contactpersoon."""
    partij: Id | None = None
    """Id van de partij; anders 'organisatie'."""
    organisatie: Tekst | None = None
    """Organisatie, als die geen partij is."""
    telefoon: Tekst | None = None
    """Telefoonnummer, als tekst (voorloopnullen blijven staan)."""
    email: Tekst | None = None
    """E-mailadres."""


class Noot(Knoop):
    tekst: Markdown | None = None
    """Tekst boven de contactgegevens."""
    contacten: list[Contact] = Field(default_factory=list)
    """Contactpersonen voor de pers."""


class Persbericht(Knoop):
    instrument: Id | None = None
    """Id van de jaarschijf, het addendum, de verlenging of de toetreding waarover het persbericht
    gaat; leeg als het over de overeenkomst zelf gaat."""
    datum: Datum | None = None
    """Datum van verzending; standaard de datum van ondertekening."""
    plaatsnamen: list[Tekst] = Field(default_factory=list)
    """Plaatsnamen voor de dateline ('BEVERWIJK/HEEMSKERK'); standaard de gemeenten."""
    embargo: Tijdstip | None = None
    """Niet publiceren vóór dit tijdstip (JJJJ-MM-DD UU:MM)."""
    kop: Tekst
    """De kop: wie en wat."""
    lead: Markdown | None = None
    """Eerste alinea na de dateline; standaard opgebouwd uit de overeenkomst."""
    secties: list[Sectie] = Field(default_factory=list)
    """Secties in volgorde van belang."""
    citaten: list[Citaat] = Field(default_factory=list)
    """Citaten van bestuurders."""
    noot: Noot | None = None
    """Noot voor de redactie (niet voor publicatie)."""


# --- progress -----------------------------------------------------------------------------


class Voortgangsregel(Knoop):
    status: StatusNaam
    """gerealiseerd, op schema, aandacht, vertraagd, niet gerealiseerd, niet gestart, doorlopend of vervallen."""
    realisatie: Markdown | None = None
    """Wat er dit jaar gerealiseerd is."""
    toelichting: Markdown | None = None
    """Toelichting; verplicht bij aandacht, vertraagd en niet gerealiseerd."""
    oorzaak: Markdown | None = None
    """Oorzaak van de afwijking."""
    gevolg: Markdown | None = None
    """Gevolg van de afwijking."""
    bijsturing: Markdown | None = None
    """Wat de partijen doen om bij te sturen."""

    @property
    def weergave(self) -> Status:
        return STATUSSEN[self.status]


class Voortgang(Knoop):
    jaar: Jaar
    """Het verslagjaar."""
    peildatum: Datum
    """Datum waarop de stand is opgemaakt."""
    samenvatting: Markdown | None = None
    """Korte samenvatting van het jaar in eigen woorden."""
    afspraken: dict[Id, Voortgangsregel] = Field(default_factory=dict)
    """Per afspraak-id de status en toelichting."""
    indicatoren: dict[Id, Getal] = Field(default_factory=dict)
    """Per indicator-id de gerealiseerde waarde in dit jaar."""


class Dossier(BaseModel):
    """Everything loaded from one agreement folder under bron/."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    map: str
    """Name of the agreement's folder under bron/."""
    pad: Path
    """The agreement's folder."""
    overeenkomst: Overeenkomst
    persbericht: Persbericht | None = None
    voortgang: dict[int, Voortgang] = Field(default_factory=dict)
    weggelaten: set[str] = Field(default_factory=set)
    """Ids of parts left out because they hold errors (already reported); checks stay silent on them."""
