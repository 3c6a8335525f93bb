"""The results of every progress year in the open data: what was reached, how much, for which
afspraken and theme, and where (gemeente, gebied), as the progress files say it."""

from __future__ import annotations

from typing import Any, Callable

from ...core.markdown import VERWIJZING
from ...model import Dossier


def resolve(text: str, namen: Callable[[str, str], str] | None) -> str:
    """{partij:woonopmaat} → the name a reader sees, as in the documents."""
    if namen is None:
        return text
    return VERWIJZING.sub(lambda m: namen(m.group(1), m.group(2)), text)


def resultaat_rijen(dossier: Dossier, namen: Callable[[str, str], str] | None = None) -> list[dict[str, Any]]:
    """One entry per result, per year in order; an absent field is None, an amount keeps its word,
    an amount of money is a number of euros."""
    rows = []
    for jaar, v in sorted(dossier.voortgang.items()):
        for r in v.resultaten:
            aantal = r.aantal
            tekst = resolve(r.tekst.strip(), namen)
            rows.append({
                "jaar": jaar,
                "tekst": tekst,
                "aantal": getattr(aantal, "waarde", aantal),
                "aantal_kwalificatie": getattr(aantal, "woord", None) or None,
                "eenheid": r.eenheid,
                "bedrag": float(r.bedrag.euro) if r.bedrag is not None else None,
                "afspraken": [str(a) for a in r.afspraken],
                "thema": r.thema,
                "gemeente": r.gemeente,
                "gebied": r.gebied,
            })
    return rows


def _of_null(soort: dict[str, Any], beschrijving: str) -> dict[str, Any]:
    return {"anyOf": [soort, {"type": "null"}], "description": beschrijving}


RESULTATEN_SCHEMA: dict[str, Any] = {"type": "array", "items": {
    "type": "object", "additionalProperties": False,
    "required": ["jaar", "tekst", "aantal", "aantal_kwalificatie", "eenheid", "bedrag", "afspraken", "thema",
                 "gemeente", "gebied"],
    "properties": {
        "jaar": {"type": "integer", "description": "Het verslagjaar"},
        "tekst": {"type": "string", "description": "Wat er is bereikt, in eigen woorden"},
        "aantal": _of_null({"type": "number"}, "Geleverd aantal"),
        "aantal_kwalificatie": _of_null({"type": "string"}, "Het woord bij het aantal, zoals 'ongeveer'"),
        "eenheid": _of_null({"type": "string"}, "Eenheid van het aantal"),
        "bedrag": _of_null({"type": "number"}, "Besteed of geleverd bedrag in euro"),
        "afspraken": {"type": "array", "items": {"type": "string"}, "description": "Ids van de afspraken"},
        "thema": _of_null({"type": "string"}, "Thema-id, als het resultaat een eigen thema noemt"),
        "gemeente": _of_null({"type": "string"}, "Sleutel van de gemeente waar het resultaat bereikt is"),
        "gebied": _of_null({"type": "string"}, "Gebied binnen de gemeente, zoals het voortgangsbestand het noemt"),
    },
}}
"""The JSON Schema of the results in ``afspraken.json``."""
