"""Progress: the status vocabulary and what a year's progress file holds."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from ..core.opmaak import opsomming
from .bedrag import Euro
from .basis import Datum, Id, Jaar, Knoop, Markdown, Tekst
from .partijen import IdLijst
from .typen import Aantal, Meting

class Status(BaseModel):
    """A progress status with everything that depends on it: how it is shown (never by colour
    alone), its colour, how the headline counts it and how a sentence names it. A new status
    is one entry in ``STATUSSEN``: the progress files accept its name, the schema lists it,
    every document marks, colours and counts it."""

    naam: str
    label: str
    icoon: str
    kleur: str = ""
    """The key of its colour in the house style's kleuren.yaml (``status``) when that file
    gives it no colour of its own: a new status shares one ('vertraagd'); empty: its name."""
    aandacht: bool
    """True when the status needs cause, consequence and correction."""
    klaar: bool
    """True when the afspraak needs no further work."""
    kern: Literal["gerealiseerd", "vervallen", "lopend"] | None = None
    """The headline count (``Kerncijfers``) it adds to besides ``aandacht``; ``lopend`` only
    while not overdue."""
    een: str = ""
    """After a count of one: '1 vraagt aandacht'; empty: the label in lower case."""
    meer: str = ""
    """After a larger count: '3 vragen aandacht'; empty: the label in lower case."""
    zin: str = ""
    """How a hand-written summary words it after '<n> afspraken' (a regular expression);
    empty: the label in lower case."""

    def telwoord(self, aantal: int) -> str:
        """The words after a count: '3 vragen aandacht', '1 gerealiseerd'."""
        return (self.een if aantal == 1 else self.meer) or self.label.lower()


STATUSSEN: dict[str, Status] = {
    s.naam: s
    for s in (
        Status(naam="gerealiseerd", label="Gerealiseerd", icoon="✓", aandacht=False, klaar=True,
               kern="gerealiseerd", zin=r"(?<!niet )gerealiseerd"),
        Status(naam="op schema", label="Op schema", icoon="→", aandacht=False, klaar=False,
               kern="lopend", zin=r"(?:liggen |ligt |zijn |is )?op schema"),
        Status(naam="doorlopend", label="Doorlopend", icoon="↻", aandacht=False, klaar=False, kern="lopend"),
        Status(naam="niet gestart", label="Nog niet gestart", icoon="○", aandacht=False, klaar=False,
               kern="lopend", zin=r"(?:nog )?niet gestart"),
        Status(naam="aandacht", label="Vraagt aandacht", icoon="!", aandacht=True, klaar=False,
               een="vraagt aandacht", meer="vragen aandacht",
               zin=r"(?:vragen|vraagt|verdienen|verdient|hebben|heeft) (?:extra |bijzondere )?aandacht"),
        Status(naam="vertraagd", label="Vertraagd", icoon="↓", aandacht=True, klaar=False),
        Status(naam="niet gerealiseerd", label="Niet gerealiseerd", icoon="✗", aandacht=True, klaar=False),
        Status(naam="vervallen", label="Vervallen", icoon="–", aandacht=False, klaar=True, kern="vervallen"),
    )
}




def _statusnaam(value: object) -> object:
    """A status name of ``STATUSSEN`` (read now: a status added is accepted), or None for an
    empty one (not yet reported); anything else is refused as a choice from a fixed list."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value in STATUSSEN:
        return value
    raise PydanticCustomError("literal_error", "Input should be {expected}",
                              {"expected": ", ".join(f"'{n}'" for n in STATUSSEN)})


class _Statusschema:
    """The JSON schema of a status: one of the names in ``STATUSSEN``, or empty."""

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"enum": [*STATUSSEN, None]}


StatusNaam = Annotated[str | None, BeforeValidator(_statusnaam), _Statusschema]
"""A status as a progress file names it ('op schema'), checked against ``STATUSSEN``."""


# --- progress -----------------------------------------------------------------------------


class Voortgangsregel(Knoop):
    status: StatusNaam = Field(default=None, description=(
        f"Optioneel: {opsomming(list(STATUSSEN), 'of')}; leeg of weggelaten: nog niet gerapporteerd."))
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
    def weergave(self) -> Status | None:
        return STATUSSEN[self.status] if self.status else None


class Themaverslag(Knoop):
    titel: Tekst | None = None
    """Naam van het thema zoals dit verslag het noemt; standaard de titel uit de overeenkomst."""
    tekst: Markdown
    """Wat er in dit jaar binnen het thema is gebeurd."""


class Resultaat(Knoop):
    tekst: Markdown
    """Wat er is bereikt, in eigen woorden."""
    aantal: Aantal | None = None
    """Geleverd aantal: 70, of 'ongeveer 15'."""
    eenheid: Tekst | None = None
    """Eenheid van het aantal, bijvoorbeeld 'woningen'."""
    bedrag: Euro | None = None
    """Besteed of geleverd bedrag in euro: 618000, '€ 618.000' of '€ 1,2 miljoen'."""
    afspraken: IdLijst = Field(default_factory=list)
    """Afspraak-ids waaraan dit resultaat bijdraagt; leeg voor een overig resultaat."""
    thema: Id | None = None
    """Thema-id; standaard het thema van de eerste gekoppelde afspraak."""
    gemeente: Id | None = None
    """Id van de gemeente waar het resultaat bereikt is, in een regionale overeenkomst (zoals bij een afspraak)."""
    gebied: Tekst | None = None
    """Gebied binnen de gemeente, bijvoorbeeld 'kern Schoorl' of 'wijk De Donderberg'."""


class Voortgang(Knoop):
    jaar: Jaar
    """Het verslagjaar."""
    peildatum: Datum
    """Datum waarop de stand is opgemaakt."""
    samenvatting: Markdown | None = None
    """Korte samenvatting van het jaar in eigen woorden."""
    afspraken: dict[Id, Voortgangsregel] = Field(default_factory=dict)
    """Per afspraak-id de status en toelichting."""
    indicatoren: dict[Id, Meting] = Field(default_factory=dict)
    """Per indicator-id de gerealiseerde waarde in dit jaar: 70, 'ongeveer 15' of een bereik '15-20'."""
    themas: dict[Id, Themaverslag] = Field(default_factory=dict)
    """Per thema-id een verhaal over het jaar, eventueel onder de naam die dit verslag gebruikt."""
    resultaten: list[Resultaat] = Field(default_factory=list)
    """Wat er is bereikt, met geleverde aantallen; gekoppeld aan een of meer afspraken, of aan geen."""

    @field_validator("afspraken", "indicatoren", "themas", mode="before")
    @classmethod
    def _leeg(cls, value: object) -> object:
        """A heading with nothing under it yet (only comments) is an empty list."""
        return {} if value in (None, "") else value

    @field_validator("resultaten", mode="before")
    @classmethod
    def _geen(cls, value: object) -> object:
        return [] if value in (None, "") else value
