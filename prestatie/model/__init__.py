"""The domain model: one agreement, its press release and its yearly progress.

Field names are the Dutch keys of the YAML files, so one vocabulary runs from the sources
through the code into the templates. Docstrings of fields become the descriptions in the
JSON Schema that editors show while a policy writer types. Scalar types live in ``basis``,
parties and instruments in ``partijen``, the values of real agreements (deadlines, targets)
in ``waarden`` and ``typen``, progress in ``voortgang``; everything is importable from here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

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
    Webadres,
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
from .structuur import (  # noqa: F401
    VOORRAAD_KOLOMMEN,
    Bijlage,
    LandelijkThema,
    Tabel,
    Thema,
    Versie,
    Voorraad,
)
from .indicatoren import Indicator, Periodedoel, Richting  # noqa: F401
from .typen import Aantal, Begin, Doel, Herhalingstekst, Termijnplanning  # noqa: F401
from .voortgang import (  # noqa: F401
    STATUSSEN,
    Resultaat,
    Status,
    StatusNaam,
    Themaverslag,
    Voortgang,
    Voortgangsregel,
)
from .waarden import AFSPRAAKSOORTEN, Doelwaarde, Herhaling, Hoeveelheid, Planning  # noqa: F401

# --- the agreement ------------------------------------------------------------------------

class Looptijd(Knoop):
    van: Jaar
    """Eerste jaar waarin de afspraken gelden."""
    tot: Jaar
    """Laatste jaar waarin de afspraken gelden (inclusief)."""

    @property
    def jaren(self) -> list[int]:
        return list(range(self.van, self.tot + 1))


AfspraakSoort = Literal[
    "resultaatafspraak", "procesafspraak", "inspanningsafspraak", "verzoek", "actiepunt", "standpunt", "wens"
]


class Afspraak(Knoop):
    id: Id | None = None
    """Vaste naam, bijvoorbeeld 'a01' of '2.1.1'; wordt ook het anker in HTML (#a01). Alleen nodig
    als iets naar de afspraak verwijst; zonder id en nummer is zij een ongenummerd punt."""
    nummer: Tekst | None = None
    """Nummer zoals de overeenkomst het schrijft ('2.1.1', 'R2a', 'B3'); standaard de id, precies zoals geschreven."""
    soort: AfspraakSoort | None = None
    """resultaatafspraak, procesafspraak, inspanningsafspraak, verzoek (aan de gemeente), actiepunt,
    of standpunt/wens van de huurdersorganisaties (wordt getoond, maar telt nooit als afspraak)."""
    onder: Id | None = None
    """Id van de afspraak waarvan dit een onderdeel is (subafspraak)."""
    thema: Id
    """Id van het thema waaronder de afspraak valt."""
    titel: Tekst | None = None
    """Korte omschrijving voor tabellen; standaard het begin van de tekst."""
    tekst: Markdown
    """De afspraak zelf."""
    trekker: IdLijst = Field(default_factory=list)
    """Id van de partij die de afspraak trekt, of een lijst bij gezamenlijke trekkers."""
    verzoeker: IdLijst = Field(default_factory=list)
    """Bij een verzoek: wie het verzoek doet (id of lijst van ids)."""
    gericht_aan: IdLijst = Field(default_factory=list)
    """Bij een verzoek: aan wie het verzoek is gericht (id of lijst van ids)."""
    betrokken: list[Id] = Field(default_factory=list)
    """Ids van de andere partijen die meewerken."""
    gemeente: Id | None = None
    """Id van de gemeente, als de afspraak voor één gemeente geldt."""
    gebied: Tekst | None = None
    """Gebied binnen de gemeente waarvoor de afspraak geldt, bijvoorbeeld 'kern Schoorl' of 'wijk De Donderberg'."""
    termijn: Termijnplanning | None = None
    """Jaar (2024), datum (2024-06-30), kwartaal (Q1 2026), periode (2019-2024) of 'doorlopend'; weglaten als er geen is."""
    vanaf: Begin | None = None
    """Wanneer de afspraak ingaat: een jaar (2025), kwartaal of datum (2025-07-01)."""
    herhaling: Herhalingstekst | None = None
    """Hoe vaak een terugkerende taak gebeurt: 'maandelijks', 'per kwartaal', '3 keer per jaar', 'elke vier maanden'."""
    voorwaarde: Markdown | None = None
    """Voorwaarde waaronder de afspraak geldt, in eigen woorden."""
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
        first = re.split(r"(?<=[.!?])\s", " ".join(self.tekst.split()), maxsplit=1)[0]  # a title: no full stop
        return re.sub(r"(?<!\.)\.$", "", first) if len(first) <= 90 else first[:87].rstrip() + "…"

    @property
    def ongenummerd(self) -> bool:
        """True for an item the agreement writes as a bullet, without number or id."""
        return self._zonder_id and not self.nummer

    @property
    def label(self) -> str:
        """The number shown to readers: the agreement's own, else the id exactly as written
        when it holds a digit (a01, B3, 2.1.1); '' for an unnumbered item and for an id that
        is a name made for the sources ('wens-huurders'), which a reader never sees."""
        if self.nummer:
            return self.nummer
        return "" if self._zonder_id or not any(c.isdigit() for c in self.ident) else self.ident

    @property
    def ident(self) -> str:
        """The id as a key: the Overeenkomst gives every afspraak one (an unnumbered item an
        internal one, see ``_punten``), so this is never empty once the agreement is loaded."""
        return self.id or ""

    _zonder_id: bool = PrivateAttr(default=False)

    @property
    def soortweergave(self):
        return AFSPRAAKSOORTEN[self.soort] if self.soort else None

    @property
    def telt(self) -> bool:
        """False for a position or wish of the huurdersorganisaties: never counted as an afspraak."""
        return self.soort not in ("standpunt", "wens")

    @property
    def einddatum(self) -> dt.date | None:
        """The last day on which the afspraak is on time; None when it has no end."""
        return self.termijn.eind if self.termijn is not None else None

    def geldt_in(self, jaar: int) -> bool:
        """Whether the afspraak applies in ``jaar``: it has begun by then (vanaf, or a period's start)."""
        begin = self.vanaf or (self.termijn if self.termijn is not None and self.termijn.soort == "periode" else None)
        return begin is None or begin.eerste_jaar is None or begin.eerste_jaar <= jaar


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


class Publicatie(Knoop):
    url: Webadres
    """Webadres van de map waarin de documenten online staan; links tussen de documenten
    worden dan volledige adressen, zodat een rapportage ook los verstuurd werkt."""


class Overeenkomst(Knoop):
    titel: Tekst
    """Titel, bijvoorbeeld 'Prestatieafspraken Beverwijk en Heemskerk 2022–2025'."""
    ondertitel: Tekst | None = None
    """Regel onder de titel."""
    versie: Tekst
    """Versie van de afspraken als tekst, bijvoorbeeld '1.0' (zet aanhalingstekens om 1.10)."""
    status: Literal["concept", "ter_ondertekening", "ondertekend"]
    """'concept' zolang er nog aan wordt gewerkt (CONCEPT op elke pagina); 'ter_ondertekening'
    voor het exemplaar dat op tafel ligt (geen CONCEPT, ruimte om te tekenen en een paraaf op
    elke pagina); 'ondertekend' als het getekend is (w.g.)."""
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
    afkortingen: dict[Tekst, Tekst] = Field(default_factory=dict)
    """Afkortingen en hun voluit geschreven vorm, apart van de begrippen: {RvC: Raad van Commissarissen}."""
    bijlagen: list[Bijlage] = Field(default_factory=list)
    """Bijlagen van de overeenkomst, elk met label zoals geschreven ('1a'), titel, tekst en tabellen."""
    versies: list[Versie] = Field(default_factory=list)
    """Versietabel zoals de overeenkomst haar bijhoudt: versie, datum, status ('definitief')."""
    voorraad: list[Voorraad] = Field(default_factory=list)
    """Woningvoorraad per corporatie: begin, nieuwbouw, aankoop, verkoop, sloop, liberalisatie, eind."""
    publicatie: Publicatie | None = None
    """Waar de documenten gepubliceerd worden (url)."""
    licentie: Tekst | None = None
    """Licentie van de open data (afspraken.csv, indicatoren.csv …): een SPDX-code als CC0-1.0
    (standaard), CC-BY-4.0, CC-BY-SA-4.0 of ODbL-1.0, of de URL van een andere licentie."""


    @model_validator(mode="after")
    def _punten(self) -> "Overeenkomst":
        """An afspraak without id (a bullet of the agreement) gets a fixed internal one, its
        theme and place, for the anchor; the reader never sees it."""
        taken = {a.id for a in self.afspraken if a.id is not None}
        for n, a in enumerate(self.afspraken, start=1):
            if a.id is None:
                ident, k = f"{a.thema}-punt-{n}", n
                while ident in taken:
                    k += 1000
                    ident = f"{a.thema}-punt-{k}"
                a.id = ident
                a._zonder_id = True
                taken.add(ident)
        return self


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
