"""The domain model: one agreement, its press release and its yearly progress.

Field names are the Dutch keys of the YAML files, so one vocabulary runs from the sources
through the code into the templates. Docstrings of fields become the descriptions in the
JSON Schema that editors show while a policy writer types.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..core import opmaak
from ..core.errors import Plaats

# --- scalar types -------------------------------------------------------------------------
# The loader hands every scalar over as the text the writer typed (or None for an empty
# value), so these validators decide what a value means, not YAML 1.1.

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$", re.IGNORECASE)
_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_AMBIGUOUS_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2})[:.](\d{2})$")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")


def _fail(message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError("prestatie", message, context)


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise _fail("verwacht een geheel getal, geen ja/nee")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _INT.match(text):
            return int(text)
        if _AMBIGUOUS_THOUSANDS.match(text):
            raise _fail(
                "'{tekst}' is dubbelzinnig: schrijf het getal zonder punt, bijvoorbeeld {zonder}",
                tekst=text,
                zonder=text.replace(".", ""),
            )
    raise _fail("'{tekst}' is geen geheel getal; schrijf alleen cijfers, bijvoorbeeld 120", tekst=value)


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise _fail("verwacht een getal, geen ja/nee")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if _AMBIGUOUS_THOUSANDS.match(text):
            raise _fail(
                "'{tekst}' is dubbelzinnig: schrijf duizendtallen zonder punt ({zonder}) "
                "en decimalen met een punt (bijvoorbeeld 97.5)",
                tekst=text,
                zonder=text.replace(".", ""),
            )
        if _FLOAT.match(text):
            return float(text)
        if re.match(r"^[+-]?\d+,\d+$", text):
            raise _fail(
                "'{tekst}': gebruik in YAML een punt als decimaalteken, dus {punt}",
                tekst=text,
                punt=text.replace(",", "."),
            )
    raise _fail("'{tekst}' is geen getal; schrijf bijvoorbeeld 120 of 97.5", tekst=value)


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        m = _DATE.match(value.strip())
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise _fail(
                    "'{tekst}' is geen bestaande datum; controleer dag en maand (JJJJ-MM-DD)",
                    tekst=value,
                ) from None
    raise _fail("'{tekst}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-01-31", tekst=value)


def _to_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        m = _DATETIME.match(value.strip())
        if m:
            try:
                return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))
            except ValueError:
                raise _fail("'{tekst}' is geen bestaand tijdstip", tekst=value) from None
    raise _fail(
        "'{tekst}' is geen tijdstip; schrijf JJJJ-MM-DD UU:MM, bijvoorbeeld 2022-03-15 10:00",
        tekst=value,
    )


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "ja"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "nee"):
        return False
    raise _fail("'{tekst}' is geen ja/nee-waarde; schrijf true of false", tekst=value)


def _to_termijn(value: Any) -> int | dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        return _to_date(value)
    try:
        return _to_int(value)
    except PydanticCustomError:
        raise _fail(
            "'{tekst}' is geen termijn; schrijf een jaar (2024) of een datum (2024-06-30)",
            tekst=value,
        ) from None


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise _fail(
            "'{tekst}' is geen geldige id; gebruik kleine letters, cijfers en streepjes, "
            "bijvoorbeeld 'debora-bakelaan'",
            tekst=value,
        )
    return value


def _check_markdown(value: str) -> str:
    m = _HTML_TAG.search(value)
    if m:
        raise _fail(
            "tekst bevat HTML ('{tag}'); HTML is hier niet toegestaan, gebruik Markdown "
            "(*nadruk*, **vet**, [link](https://…), lijstjes met -)",
            tag=m.group(0),
        )
    return value


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise _fail("verwacht tekst")


Tekst = Annotated[str, BeforeValidator(_text)]
"""Plain text: shown literally, never interpreted as Markdown."""
Markdown = Annotated[str, BeforeValidator(_text), AfterValidator(_check_markdown)]
"""Text that may hold Markdown (emphasis, links, lists) but never HTML."""
Id = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": _ID.pattern}),
]
Geheel = Annotated[int, BeforeValidator(_to_int), WithJsonSchema({"type": "integer"})]
Jaar = Annotated[int, BeforeValidator(_to_int), Field(ge=1900, le=2200), WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2200})]
Getal = Annotated[float, BeforeValidator(_to_float), WithJsonSchema({"type": "number"})]
Datum = Annotated[dt.date, BeforeValidator(_to_date), WithJsonSchema({"type": "string", "format": "date"})]
Tijdstip = Annotated[
    dt.datetime,
    BeforeValidator(_to_datetime),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}[:.]\d{2}$"}),
]
JaNee = Annotated[bool, BeforeValidator(_to_bool), WithJsonSchema({"type": "boolean"})]
Termijn = Annotated[
    int | dt.date,
    BeforeValidator(_to_termijn),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "format": "date"}]}),
]


# --- base ---------------------------------------------------------------------------------


class Knoop(BaseModel):
    """A node of the model that remembers where in the sources it was written."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=False,
        populate_by_name=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
    )
    # Plain defaults, no default_factory: pydantic inspects a factory for every instance.
    _plaats: Plaats | None = PrivateAttr(default=None)
    _velden: dict[str, Plaats] | None = PrivateAttr(default=None)

    def waar(self, veld: str | None = None) -> Plaats | None:
        """Where this node (or one of its fields) stands in the sources."""
        if veld is not None and self._velden and veld in self._velden:
            return self._velden[veld]
        return self._plaats


# --- the agreement ------------------------------------------------------------------------

Soort = Literal["gemeente", "corporatie", "huurdersorganisatie", "overig"]
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


class Ondertekening(Knoop):
    plaats: Tekst
    """Plaats van ondertekening, zoals in 'ondertekend te Beverwijk'."""
    datum: Datum | None = None
    """Datum van ondertekening (JJJJ-MM-DD); leeg zolang niet getekend."""


class Vertegenwoordiger(Knoop):
    naam: Tekst
    """Naam zoals onder de handtekening."""
    functie: Tekst
    """Functie, bijvoorbeeld 'wethouder Wonen' of 'directeur-bestuurder'."""
    hoedanigheid: Tekst | None = None
    """Op grond waarvan deze persoon tekent, bijvoorbeeld 'namens de burgemeester'."""
    ondertekent: JaNee = True
    """Of deze persoon de overeenkomst ondertekent."""


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
    vestigingsplaats: Tekst
    """Statutaire zetel of vestigingsplaats."""
    huurders_van: Id | None = None
    """Voor een huurdersorganisatie: de id van de corporatie wier huurders zij vertegenwoordigt."""
    vertegenwoordigers: list[Vertegenwoordiger] = Field(default_factory=list)
    """Wie de partij vertegenwoordigt en (meestal) ondertekent."""

    @property
    def korte_naam(self) -> str:
        return self.kort or self.naam

    @property
    def ondertekenaars(self) -> list[Vertegenwoordiger]:
        return [v for v in self.vertegenwoordigers if v.ondertekent]


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
    """Plaats en datum van ondertekening."""
    grondslag: list[Markdown] = Field(default_factory=list)
    """Beleid waarop de afspraken rusten: woonvisie, woondeal, landelijke afspraken."""
    partijen: list[Partij]
    """De ondertekenende partijen."""
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
    monitoring: Markdown | None = None
    """Hoe voortgang wordt gevolgd en besproken."""
    begrippen: dict[Tekst, Markdown] = Field(default_factory=dict)
    """Bijlage met begrippen, bijvoorbeeld {DAEB: 'Diensten van algemeen economisch belang'}."""


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
