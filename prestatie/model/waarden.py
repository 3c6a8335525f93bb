"""Values the way real agreements write them: numbers, deadlines, recurring duties, targets.

Each value is parsed from the text the writer typed into a small frozen object that keeps
that text for display (an agreement's own words, "Q1 2026", "minimaal 95", "ongeveer 15")
and the meaning the views compute with (the last day on time, a bound, how often a year).
Every parser raises a Dutch ``PydanticCustomError`` the loader reports at the value's line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic_core import PydanticCustomError

from .basis import _AMBIGUOUS_THOUSANDS, _DATE, _FLOAT, _INT, _fail, _to_date, _to_float

_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word]


_NUMBER_WORD = r"(\d+|" + "|".join(_WORDS) + ")"

# --- deadlines ------------------------------------------------------------------------------

PlanningSoort = Literal["jaar", "datum", "kwartaal", "periode", "doorlopend"]

_QUARTER = re.compile(
    r"^(?:q([1-4])|([1-4])e\s+kwartaal|(eerste|tweede|derde|vierde)\s+kwartaal)\s+(\d{4})$"
    r"|^(\d{4})[- ]?q([1-4])$",
    re.IGNORECASE,
)
_ORDINAL = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
_PERIOD = re.compile(r"^(\d{4})\s*(?:-|–|—|t/m|tot en met)\s*(\d{4})$", re.IGNORECASE)


@dataclass(frozen=True)
class Planning:
    """When an afspraak is due: a year, a date, a quarter, a period, or 'doorlopend'."""

    soort: PlanningSoort
    tekst: str
    """How the agreement writes it ('Q1 2026', '2019–2024'); a date is formatted in Dutch."""
    begin: dt.date | None
    """First day of the period the deadline names (None for 'doorlopend')."""
    eind: dt.date | None
    """The last day on which the afspraak is on time (None for 'doorlopend': never late)."""

    @property
    def jaar(self) -> int | None:
        """The year the deadline falls in (the last year of a period)."""
        return self.eind.year if self.eind else None

    @property
    def eerste_jaar(self) -> int | None:
        return self.begin.year if self.begin else None

    def __str__(self) -> str:
        return self.tekst


def planning(value: Any) -> Planning:
    """Parse a termijn: 2024, 2024-06-30, Q1 2026, 2019-2024, 2019 t/m 2024, doorlopend."""
    if isinstance(value, Planning):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Planning("datum", value.isoformat(), value, value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = " ".join(value.split())
        low = text.lower()
        if _INT.match(text) and len(text) == 4:
            y = int(text)
            return Planning("jaar", text, dt.date(y, 1, 1), dt.date(y, 12, 31))
        if _DATE.match(text):
            d = _to_date(text)
            return Planning("datum", text, d, d)
        if low == "doorlopend":
            return Planning("doorlopend", "doorlopend", None, None)
        m = _QUARTER.match(text)
        if m:
            q = int(m[1] or m[2] or m[6] or _ORDINAL.get((m[3] or "").lower(), 0))
            y = int(m[4] or m[5])
            first = dt.date(y, 3 * q - 2, 1)
            last = dt.date(y, 12, 31) if q == 4 else dt.date(y, 3 * q + 1, 1) - dt.timedelta(days=1)
            shown = f"Q{q} {y}" if (m[1] or m[6]) else text
            return Planning("kwartaal", shown, first, last)
        m = _PERIOD.match(text)
        if m:
            a, b = int(m[1]), int(m[2])
            if b < a:
                raise _fail("periode '{tekst}' eindigt vóór zij begint", tekst=text)
            return Planning("periode", f"{a}–{b}", dt.date(a, 1, 1), dt.date(b, 12, 31))
    raise _fail(
        "'{tekst}' is geen termijn; schrijf een jaar (2024), een datum (2024-06-30), een kwartaal "
        "(Q1 2026), een periode (2019-2024) of 'doorlopend'; laat 'termijn' weg als er geen is",
        tekst=value,
    )


def startmoment(value: Any) -> Planning:
    """Parse a start ('vanaf'): a year or a date."""
    p = planning(value)
    if p.soort not in ("jaar", "datum", "kwartaal"):
        raise _fail(
            "'{tekst}' is geen begin; schrijf een jaar (2025), een kwartaal (Q3 2025) of een datum "
            "(2025-07-01)",
            tekst=value,
        )
    return p


# --- recurring duties -----------------------------------------------------------------------

_FIXED = {
    "wekelijks": 52, "elke week": 52, "iedere week": 52,
    "maandelijks": 12, "elke maand": 12, "iedere maand": 12, "per maand": 12,
    "per kwartaal": 4, "elk kwartaal": 4, "ieder kwartaal": 4, "driemaandelijks": 4,
    "halfjaarlijks": 2, "elk half jaar": 2, "ieder half jaar": 2, "per half jaar": 2,
    "jaarlijks": 1, "elk jaar": 1, "ieder jaar": 1, "per jaar": 1,
    "tweejaarlijks": 0.5, "elke twee jaar": 0.5,
}
_TIMES = re.compile(r"^" + _NUMBER_WORD + r"\s*(?:keer|maal|x|×)\s+per\s+jaar$", re.IGNORECASE)
_EVERY = re.compile(r"^(?:elke|iedere)\s+" + _NUMBER_WORD + r"\s+(weken|maanden|jaar)$", re.IGNORECASE)
_PER_UNIT = {"weken": 52, "maanden": 12, "jaar": 1}
HERHALING_PATROON = (
    r"^\s*(" + "|".join(sorted(_FIXED, key=len, reverse=True)) + "|" + _NUMBER_WORD
    + r"\s*(keer|maal|x|×)\s+per\s+jaar|(elke|iedere)\s+" + _NUMBER_WORD + r"\s+(weken|maanden|jaar))\s*$"
)
"""The same vocabulary as a JSON Schema pattern, so an editor accepts what ``herhaling`` accepts."""


@dataclass(frozen=True)
class Herhaling:
    """A duty that recurs: 'maandelijks', 'per kwartaal', '3 keer per jaar', 'elke vier maanden'."""

    tekst: str
    """As the agreement writes it."""
    per_jaar: float
    """How many times a year (0.5 for every two years)."""

    def __str__(self) -> str:
        return self.tekst


def herhaling(value: Any) -> Herhaling:
    """Parse how often a duty recurs."""
    if isinstance(value, Herhaling):
        return value
    if isinstance(value, str):
        text = " ".join(value.split())
        low = text.lower()
        if low in _FIXED:
            return Herhaling(text, _FIXED[low])
        m = _TIMES.match(low)
        if m and _count(m[1]) > 0:
            return Herhaling(text, float(_count(m[1])))
        m = _EVERY.match(low)
        if m and _count(m[1]) > 0:
            return Herhaling(text, _PER_UNIT[m[2]] / _count(m[1]))
    raise _fail(
        "'{tekst}' is geen herhaling; schrijf bijvoorbeeld 'maandelijks', 'per kwartaal', "
        "'halfjaarlijks', 'jaarlijks', '3 keer per jaar' of 'elke vier maanden'",
        tekst=value,
    )


# --- targets and delivered amounts ----------------------------------------------------------

Kwalificatie = Literal["ten minste", "ten hoogste", "circa", "meer dan", "minder dan"]

_QUALIFIERS: list[tuple[str, Kwalificatie]] = [
    ("ten minste", "ten minste"), ("tenminste", "ten minste"), ("minimaal", "ten minste"),
    ("minstens", "ten minste"), ("≥", "ten minste"), (">=", "ten minste"),
    ("ten hoogste", "ten hoogste"), ("maximaal", "ten hoogste"), ("hoogstens", "ten hoogste"),
    ("niet meer dan", "ten hoogste"), ("≤", "ten hoogste"), ("<=", "ten hoogste"),
    ("circa", "circa"), ("ca.", "circa"), ("ongeveer", "circa"), ("zo'n", "circa"),
    ("zo’n", "circa"), ("ruim", "meer dan"),
    ("meer dan", "meer dan"), (">", "meer dan"),
    ("minder dan", "minder dan"), ("<", "minder dan"),
]
_SYMBOLS = {"≥", ">=", "≤", "<=", ">", "<"}
_RANGE = re.compile(r"^(?:tussen\s+)?([0-9.]+)\s*(?:-|–|—|tot|en)\s*([0-9.]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Doelwaarde:
    """A target as agreed: a number, with a qualifier or as a range."""

    waarde: float
    """The number; the lower bound of a range."""
    tot: float | None = None
    """The upper bound of a range ('40–60')."""
    kwalificatie: Kwalificatie | None = None
    """ten minste, ten hoogste, circa, meer dan or minder dan; None for a bare number."""
    woord: str | None = None
    """The qualifier as the agreement writes it ('minimaal', 'ongeveer'); a symbol becomes words."""

    @property
    def plafond(self) -> bool:
        """True for a ceiling: less is what was agreed."""
        return self.kwalificatie in ("ten hoogste", "minder dan")

    @property
    def vloer(self) -> bool:
        return self.kwalificatie in ("ten minste", "meer dan")

    @property
    def getal(self) -> float:
        """The number a chart draws and a difference is taken from (the bound nearest to 'met')."""
        return self.waarde

    def gehaald(self, gerealiseerd: float | None, richting: str = "hoger") -> bool | None:
        """Whether a realisation meets this target; None without a realisation."""
        if gerealiseerd is None:
            return None
        if self.tot is not None:
            return self.waarde <= gerealiseerd <= self.tot
        if self.kwalificatie == "ten minste":
            return gerealiseerd >= self.waarde
        if self.kwalificatie == "meer dan":
            return gerealiseerd > self.waarde
        if self.kwalificatie == "ten hoogste":
            return gerealiseerd <= self.waarde
        if self.kwalificatie == "minder dan":
            return gerealiseerd < self.waarde
        return gerealiseerd >= self.waarde if richting == "hoger" else gerealiseerd <= self.waarde

    def __float__(self) -> float:
        return self.waarde


def _qualifier(text: str) -> tuple[Kwalificatie | None, str | None, str]:
    low = text.lower()
    for word, canonical in _QUALIFIERS:
        if low.startswith(word) and (word in _SYMBOLS or len(low) == len(word) or not low[len(word)].isalpha()):
            rest = text[len(word):].strip()
            shown = canonical if word in _SYMBOLS else text[: len(word)].lower()
            return canonical, shown, rest
    return None, None, text


def doelwaarde(value: Any) -> Doelwaarde:
    """Parse a target: 120, 97.5, 'ten minste 95', 'maximaal 25', 'circa 500', '40-60'."""
    if isinstance(value, Doelwaarde):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Doelwaarde(float(value))
    if isinstance(value, str):
        text = " ".join(value.split())
        kwal, woord, rest = _qualifier(text)
        m = _RANGE.match(rest)
        if m and kwal is None:
            low, high = _to_float(m[1]), _to_float(m[2])
            if high < low:
                raise _fail("bereik '{tekst}' loopt van hoog naar laag", tekst=text)
            return Doelwaarde(low, high)
        if rest and (kwal is not None or _FLOAT.match(rest) or _AMBIGUOUS_THOUSANDS.match(rest)):
            return Doelwaarde(_to_float(rest), None, kwal, woord)
    raise _fail(
        "'{tekst}' is geen streefwaarde; schrijf een getal (120 of 97.5), met een woord ervoor "
        "('ten minste 95', 'ten hoogste 25', 'circa 500', 'meer dan 600') of een bereik (40-60)",
        tekst=value,
    )


@dataclass(frozen=True)
class Hoeveelheid:
    """A delivered amount as a report writes it: 70, 'ongeveer 15', 'meer dan 20'."""

    waarde: float
    kwalificatie: Kwalificatie | None = None
    woord: str | None = None

    def __float__(self) -> float:
        return self.waarde


def hoeveelheid(value: Any) -> Hoeveelheid:
    """Parse a delivered amount: a number, optionally with 'ongeveer', 'ruim', 'meer dan' before it."""
    if isinstance(value, Hoeveelheid):
        return value
    try:
        d = doelwaarde(value)
    except PydanticCustomError:
        d = None
    if d is None or d.tot is not None:
        raise _fail(
            "'{tekst}' is geen aantal; schrijf een getal (70) of een getal met een woord ervoor "
            "('ongeveer 15', 'ruim 20', 'meer dan 100')",
            tekst=value,
        )
    return Hoeveelheid(d.waarde, d.kwalificatie, d.woord)


def meting(value: Any) -> Doelwaarde:
    """Parse a realised figure: a number, 'ongeveer 15', 'meer dan 20', or a range '15-20'."""
    if isinstance(value, str) and re.match(r"^\s*[+-]?\d+,\d+\s*$", value):
        _to_float(value)  # a decimal comma: its own message ('gebruik een punt')
    try:
        return doelwaarde(value)
    except PydanticCustomError as e:
        if "geen streefwaarde" not in str(e):
            raise
        raise _fail(
            "'{tekst}' is geen gerealiseerde waarde; schrijf een getal (70 of 97.5), een getal met een "
            "woord ervoor ('ongeveer 15', 'meer dan 20') of een bereik (15-20); laat de indicator weg "
            "als er geen cijfer is",
            tekst=value,
        ) from None


# --- kinds of afspraak ----------------------------------------------------------------------


@dataclass(frozen=True)
class Afspraaksoort:
    """A kind of afspraak and whether it counts as a commitment."""

    naam: str
    label: str
    telt: bool
    """False for a position or wish of the huurdersorganisaties: shown, never counted."""


AFSPRAAKSOORTEN: dict[str, Afspraaksoort] = {
    s.naam: s
    for s in (
        Afspraaksoort("resultaatafspraak", "Resultaatafspraak", True),
        Afspraaksoort("procesafspraak", "Procesafspraak", True),
        Afspraaksoort("inspanningsafspraak", "Inspanningsafspraak", True),
        Afspraaksoort("verzoek", "Verzoek aan de gemeente", True),
        Afspraaksoort("actiepunt", "Actiepunt", True),
        Afspraaksoort("standpunt", "Standpunt van de huurdersorganisaties", False),
        Afspraaksoort("wens", "Wens van de huurdersorganisaties", False),
    )
}
