"""An amount in euro as a type of its own: what an editor writes (618000, 763.47, '€ 1.234.567',
'€ 1,2 miljoen', '650.000 euro') is read once into a ``Bedrag``, and every format shows it by
the one rule ``core.opmaak.bedrag``: '€ 1.234.567', '€ 763,47', and '€ 1,2 miljoen' for an
amount written in millions (as its writer said it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from ..core.opmaak import bedrag as bedrag_tekst
from ..core.opmaak import getallen
from .basis import _fail


@dataclass(frozen=True)
class Bedrag:
    """An amount in euro, exact (a Decimal, so cents never drift)."""

    euro: Decimal
    kort: bool = False
    """True when written in millions or billions ('€ 1,2 miljoen'): it is shown so."""

    def __str__(self) -> str:
        return bedrag_tekst(self.euro, kort=self.kort)

    def __float__(self) -> float:
        return float(self.euro)


_FOUT = ("'{tekst}' is geen bedrag; schrijf een getal in euro (618000 of 763.47) of een bedrag "
         "zoals het in een tekst staat ('€ 1.234.567', '€ 763,47', '€ 1,2 miljoen')")


def lees_bedrag(value: Any) -> Bedrag:
    """Read an amount: a number of euros, or a Dutch text with '€' or 'euro'; never negative."""
    if isinstance(value, Bedrag):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _fail(_FOUT, tekst={True: "ja", False: "nee"}.get(value, value) if isinstance(value, bool) else value)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise _fail(_FOUT, tekst=value)
        euro, kort = Decimal(str(value)), False
    else:
        tekst = " ".join(value.split())
        found = getallen(tekst)
        if len(found) != 1 or found[0].begin != 0 or found[0].eind != len(tekst) or found[0].soort == "procent":
            raise _fail(_FOUT, tekst=value)
        euro = found[0].waarde
        kort = bool(re.search(r"\b(miljoen|mln|miljard|mld)\b", tekst, re.IGNORECASE))
    if euro < 0:
        raise _fail("'{tekst}' is een negatief bedrag; schrijf het bedrag zonder minteken", tekst=value)
    if euro != euro.quantize(Decimal("0.01")):
        raise _fail("'{tekst}' heeft meer dan twee cijfers achter de komma; een bedrag is in hele centen",
                    tekst=value)
    return Bedrag(euro, kort)


Euro = Annotated[
    Bedrag,
    PlainValidator(lees_bedrag),
    PlainSerializer(lambda b: float(b.euro) if b.euro % 1 else int(b.euro)),
    WithJsonSchema({"anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*(€\s?)?\d{1,3}(\.\d{3})*(,\d{1,2})?(\s(miljoen|miljard))?(\s+euro)?\s*$"},
    ], "examples": [618000, "€ 1.234.567", "€ 1,2 miljoen"]}),
]
"""An amount in euro: 618000, 763.47, '€ 1.234.567', '€ 763,47' or '€ 1,2 miljoen'."""
