"""Annotated types for the values of real agreements: deadlines, starts, recurring duties,
qualified targets and delivered amounts. Each reads the writer's text with a parser from
``waarden`` and tells an editor, through its JSON Schema, what may be written.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from .waarden import HERHALING_PATROON, Doelwaarde, Herhaling, Hoeveelheid, Planning, doelwaarde, herhaling, hoeveelheid, meting, planning, startmoment

_NUMBER_SCHEMA = {"type": "number"}
_QUALIFIED = {
    "type": "string",
    "pattern": r"^\s*(ten minste|tenminste|minimaal|minstens|ten hoogste|maximaal|hoogstens|niet meer dan"
    r"|circa|ca\.|ongeveer|zo.n|ruim|meer dan|minder dan|>=|<=|≥|≤|>|<|tussen)?\s*\d+(\.\d+)?"
    r"(\s*(-|–|tot|en)\s*\d+(\.\d+)?)?\s*$",
}


def _tekst_van(value: Any) -> str:
    return str(value)


Termijnplanning = Annotated[
    Planning,
    PlainValidator(planning),
    PlainSerializer(_tekst_van),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer"},
                {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                {"type": "string", "pattern": r"^\s*([Qq][1-4]\s+\d{4}|\d{4}\s*-?\s*[Qq][1-4]|[1-4]e kwartaal \d{4}"
                 r"|(eerste|tweede|derde|vierde) kwartaal \d{4}|\d{4}\s*(-|–|t/m|tot en met)\s*\d{4}|doorlopend)\s*$"},
            ]
        }
    ),
]
"""A deadline: year, date, quarter (Q1 2026), period (2019-2024) or 'doorlopend'."""
Begin = Annotated[
    Planning,
    PlainValidator(startmoment),
    PlainSerializer(_tekst_van),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string"}]}),
]
Herhalingstekst = Annotated[
    Herhaling,
    PlainValidator(herhaling),
    PlainSerializer(_tekst_van),
    WithJsonSchema({"type": "string", "pattern": HERHALING_PATROON,
                    "examples": ["maandelijks", "per kwartaal", "3 keer per jaar", "elke vier maanden"]}),
]
Doel = Annotated[
    Doelwaarde,
    PlainValidator(doelwaarde),
    PlainSerializer(lambda d: d.waarde),
    WithJsonSchema({"anyOf": [_NUMBER_SCHEMA, _QUALIFIED]}),
]
"""A target: 120, 97.5, 'ten minste 95', 'ten hoogste 25', 'circa 500', 'meer dan 600', '40-60'."""
Aantal = Annotated[
    Hoeveelheid,
    PlainValidator(hoeveelheid),
    PlainSerializer(lambda h: h.waarde),
    WithJsonSchema({"anyOf": [_NUMBER_SCHEMA, _QUALIFIED]}),
]
"""A delivered amount: 70 or 'ongeveer 15'."""
Meting = Annotated[
    Doelwaarde,
    PlainValidator(meting),
    PlainSerializer(lambda d: d.waarde),
    WithJsonSchema({"anyOf": [_NUMBER_SCHEMA, _QUALIFIED]}),
]
"""A realised figure as a report writes it: 70, 'ongeveer 15', 'meer dan 20' or a range '15-20'."""
