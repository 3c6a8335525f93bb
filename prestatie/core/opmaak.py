"""Dutch formatting of dates, numbers, amounts and percentages — never the machine's locale.

Babel's CLDR data for ``nl_NL`` decides separators and month names; rounding is half up,
as a Dutch reader expects (2,25 → 2,3).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Literal

from babel.dates import format_date, get_month_names
from babel.lists import format_list
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

LOCALE = "nl_NL"


def _rounded(value: float | int, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=8192)  # Babel formats slowly; reports repeat the same figures often
def getal(value: float | int | None, decimalen: int | None = None) -> str:
    """1234.5 → '1.234,5'; with ``decimalen`` a fixed number of decimals; at most 2 otherwise."""
    if value is None:
        return "–"
    if decimalen is None:
        d = _rounded(value, 2).normalize()
        decimals = max(0, -d.as_tuple().exponent)  # type: ignore[operator]
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return _minus(format_decimal(_rounded(value, decimals), format=pattern, locale=LOCALE))
    pattern = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    return _minus(format_decimal(_rounded(value, decimalen), format=pattern, locale=LOCALE))


def _minus(text: str) -> str:
    """A negative number with the minus sign (U+2212), as in every difference the documents show."""
    return "\u2212" + text[1:] if text.startswith("-") else text


_GROOT = ((9, "miljard"), (6, "miljoen"))


def bedrag(value: float | int | Decimal | None, decimalen: int | None = None, kort: bool = False) -> str:
    """The one rule for an amount in euro, in every format: 1234567 → '€ 1.234.567', 763.47 →
    '€ 763,47' (whole euros without cents unless ``decimalen`` says); ``kort``, for an amount
    its writer gave in millions: 1200000 → '€ 1,2 miljoen' (miljard likewise). Non-breaking
    spaces; Babel's nl_NL, never the machine's locale."""
    if value is None:
        return "–"
    d = Decimal(str(value))
    teken = "\u2212" if d < 0 else ""
    d = abs(d)
    for macht, woord in _GROOT:
        eenheid = Decimal(1).scaleb(macht)
        if kort and d >= eenheid:
            return f"{teken}€\u00a0{getal(float(d / eenheid))}\u00a0{woord}"
    if decimalen is None:
        decimalen = 0 if d == d.to_integral_value() else 2
    return f"{teken}€\u00a0{getal(float(d), decimalen)}"


def procent(value: float | int | None, decimalen: int | None = None) -> str:
    """97.5 → '97,5%' (the value is already a percentage)."""
    if value is None:
        return "–"
    return getal(value, decimalen) + "%"


def datum(value: dt.date | None) -> str:
    """date(2025, 1, 1) → '1 januari 2025'."""
    if value is None:
        return "–"
    return format_date(value, format="d MMMM y", locale=LOCALE)


MAANDEN: tuple[str, ...] = tuple(get_month_names("wide", locale=LOCALE).values())
"""The Dutch month names, January first, as ``datum`` writes them."""


def dag_datum(value: dt.date) -> str:
    """date(2022, 3, 15) → 'dinsdag 15 maart 2022'."""
    return format_date(value, format="EEEE d MMMM y", locale=LOCALE)


def tijd(value: dt.datetime) -> str:
    """10:00 → '10.00 uur'."""
    return f"{value.hour}.{value.minute:02d} uur"


def datum_tijd(value: dt.datetime) -> str:
    """→ '15 december 2022 om 10.00 uur'."""
    return f"{datum(value.date())} om {tijd(value)}"


_TELWOORDEN = ("nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
               "vijftien zestien zeventien achttien negentien twintig").split()


def telwoord(n: int) -> str:
    """'vijf' for 5, as a newspaper writes a count up to twenty; '21' beyond."""
    return _TELWOORDEN[n] if 0 <= n < len(_TELWOORDEN) else getal(n)


_LIJSTSTIJL: dict[str, Literal["standard", "or"]] = {"en": "standard", "of": "or"}
"""Babel's list pattern for each conjunction it knows."""


def opsomming(items: list[str], voegwoord: str = "en") -> str:
    """['a', 'b', 'c'] → 'a, b en c'; with voegwoord 'of': 'a, b of c' (Babel's Dutch lists)."""
    items = [str(i) for i in items]
    if not items:
        return ""
    style = _LIJSTSTIJL.get(voegwoord)
    if style is None:  # another conjunction ('noch', 'dan wel'): the same Dutch pattern
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {voegwoord} " + items[-1]
    return format_list(items, style=style, locale=LOCALE)


def termijn(value: Any) -> str:
    """2024 → '2024'; date(2024, 6, 30) → '30 juni 2024'; a planning as the agreement writes it
    ('Q1 2026', '2019–2024', 'doorlopend'), its date in Dutch; none → '–'."""
    if value is None:
        return "–"
    if isinstance(value, dt.date):
        return datum(value)
    if getattr(value, "soort", None) == "datum":
        return datum(value.eind)
    return str(value)


def doel(value: Any, eenheid: str | None = None) -> str:
    """A target or amount as agreed: 'ten minste 95%', 'circa 500 woningen', '40–60', 'ongeveer 15'.

    ``value`` is a number or anything with ``waarde`` and, optionally, ``tot`` (a range) and
    ``woord`` (the qualifier as written).
    """
    if value is None:
        return "–"
    if isinstance(value, (int, float)):
        return waarde(value, eenheid) if eenheid else getal(value)
    low, high, woord = value.waarde, getattr(value, "tot", None), getattr(value, "woord", None)
    if high is not None:
        if eenheid:
            unit = waarde(high, eenheid)
            return f"{waarde(low, eenheid) if unit.startswith('€') else getal(low)}–{unit}"
        return f"{getal(low)}–{getal(high)}"
    text = waarde(low, eenheid) if eenheid else getal(low)
    return f"{woord} {text}" if woord else text


def eenheid_soort(eenheid: str) -> str | None:
    """'procent' for procent or %, 'euro' for euro or €: units with a sign of their own; else None."""
    e = eenheid.strip().lower()
    if e in ("procent", "%"):
        return "procent"
    if e in ("euro", "€"):
        return "euro"
    return None


def waarde(value: float | int | None, eenheid: str) -> str:
    """A value in its unit: procent → '97,5%', euro → '€ 1.234,50', else '1.234 woningen'."""
    if value is None:
        return "–"
    soort = eenheid_soort(eenheid)
    if soort == "procent":
        return procent(value)
    if soort == "euro":
        return bedrag(value)
    return f"{getal(value)} {eenheid}".strip()


# --- reading numbers back: a figure as a Dutch text writes it ------------------------------------

_VEELVOUD = {"duizend": 3, "miljoen": 6, "mln": 6, "miljard": 9, "mld": 9}
_GETAL_IN_TEKST = re.compile(
    r"(?<![\w.,\u2212-])(?P<euro>€\s?)?"
    r"(?P<getal>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w.,]\d|\w)"
    r"(?:\s?(?P<veelvoud>duizend|miljoen|mln\.?|miljard|mld\.?)\b)?"
    r"(?P<procent>\s?%|\s+procent\b(?!punt))?(?P<euro_na>\s+euro\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Getal:
    """A figure found in Dutch text: '€ 1,2 miljoen', '97,5%', '1.234 woningen'."""

    waarde: Decimal
    precisie: Decimal
    """The step the writer rounded to: 1 for '84', 0,1 for '97,5', 100.000 for '€ 1,2 miljoen'."""
    soort: str | None
    """'procent', 'euro' or None (a count in some unit)."""
    begin: int
    eind: int
    tekst: str

    def klopt_met(self, value: float) -> bool:
        """Whether ``value``, rounded as the writer rounded, is this figure."""
        return _rounded(value / float(self.precisie), 0) * self.precisie == self.waarde


def getallen(tekst: str) -> list[Getal]:
    """Every figure in a Dutch text, read with Babel's ``nl_NL`` rules: '1.234,5' is 1234.5,
    '€ 1,2 miljoen' 1.200.000 (to the nearest 100.000), '95%' and '95 procent' a percentage."""
    found = []
    for m in _GETAL_IN_TEKST.finditer(tekst):
        try:
            value = parse_decimal(m["getal"], locale=LOCALE, strict=True)
        except NumberFormatError:
            continue
        decimals = len(m["getal"].partition(",")[2])
        shift = _VEELVOUD[m["veelvoud"].lower().rstrip(".")] if m["veelvoud"] else 0
        soort = "procent" if m["procent"] else "euro" if (m["euro"] or m["euro_na"]) else None
        found.append(Getal(value.scaleb(shift), Decimal(1).scaleb(shift - decimals), soort,
                           m.start(), m.end(), m[0]))
    return found


BEREIK = re.compile(r"\d+–\d+")
"""A range of years or numbers with an en dash ('2024–2027', '40–60'): read as one word, so
a writer never breaks a line at its dash (Word and Typst would, after an en dash)."""
WOORDVERBINDER = "\u2060"
"""WORD JOINER: no line break here, nothing shown; LibreOffice and Word honour it and pdftotext
leaves it out of a Word file's PDF."""


def bereik_heel(text: str, teken: str = WOORDVERBINDER) -> str:
    """``text`` with ``teken`` after the dash of every range, so no line breaks there."""
    return BEREIK.sub(lambda m: m.group().replace("–", "–" + teken), text)
