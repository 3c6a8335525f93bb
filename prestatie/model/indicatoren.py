"""Measurable goals: an indicator with its targets per year and over periods."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..core import opmaak
from .basis import Getal, Id, JaNee, Jaar, Knoop, Markdown, Tekst
from .typen import Doel

Richting = Literal["hoger", "lager", "plan"]


class Periodedoel(Knoop):
    van: Jaar
    """Eerste jaar van de periode."""
    tot: Jaar
    """Laatste jaar van de periode (inclusief)."""
    waarde: Doel
    """Het totaal over de periode, bijvoorbeeld 1177 of 'circa 500'."""


class Indicator(Knoop):
    id: Id
    """Korte, vaste naam, bijvoorbeeld 'nieuwbouw-sociaal'."""
    naam: Tekst
    """Naam zoals in tabellen en grafieken."""
    eenheid: Tekst
    """Eenheid, bijvoorbeeld 'woningen', 'procent', 'euro' of 'aantal'."""
    richting: Richting = "hoger"
    """'hoger' als meer beter is, 'lager' als minder beter is, 'plan' als de streefwaarde een
    planning is die geen kant op beter is (sloop: minder slopen dan gepland is vertraging)."""
    cumulatief: JaNee = False
    """true als de jaarcijfers optellen (opgeleverde woningen); false voor een stand (percentage, voorraad)."""
    basisjaar: Jaar | None = None
    """Jaar van de basiswaarde."""
    basiswaarde: Getal | None = None
    """Uitgangswaarde bij de start van de looptijd."""
    streefwaarden: dict[Jaar, Doel] = Field(default_factory=dict)
    """Streefwaarde per jaar: {2022: 120, 2023: 'ten minste 95', 2030: 'circa 500'}; jaren na de looptijd zijn een ambitie."""
    totalen: list[Periodedoel] = Field(default_factory=list)
    """Totalen over een periode naast de jaarcijfers, bijvoorbeeld [{van: 2024, tot: 2027, waarde: 1177}]."""
    voorwaarde: Markdown | None = None
    """Voorwaarde waaronder de streefwaarde geldt, in eigen woorden."""
    prijspeil: Jaar | None = None
    """Prijspeil van bedragen in naam en streefwaarden, bijvoorbeeld 2020."""
    bron: Tekst | None = None
    """Waar de cijfers vandaan komen."""
    gemeente: Id | None = None
    """Id van de gemeente, als deze indicator (en haar streefwaarden en realisaties) voor één
    gemeente van een regionale overeenkomst geldt."""
    corporatie: Id | None = None
    """Id van de corporatie, als deze indicator voor één corporatie geldt."""

    @property
    def alleen_gevolgd(self) -> bool:
        """True for an indicator that is only monitored: no target at all."""
        return not self.streefwaarden and not self.totalen

    @property
    def kwalificatie(self) -> str | None:
        """The qualifier every yearly target shares ('ten minste', 'ten hoogste'), else None."""
        woorden = {d.kwalificatie for d in self.streefwaarden.values()}
        return woorden.pop() if len(woorden) == 1 else None

    @property
    def plafond(self) -> bool:
        """True when every target is a ceiling (ten hoogste, minder dan)."""
        doelen = [*self.streefwaarden.values(), *(t.waarde for t in self.totalen)]
        return bool(doelen) and all(d.plafond for d in doelen)

    @property
    def procent(self) -> bool:
        return opmaak.eenheid_soort(self.eenheid) == "procent"
