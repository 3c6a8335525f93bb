"""Ids and references: the one lookup of what an id names, and names for ``{soort:id}``."""

from __future__ import annotations

from typing import Callable

from . import Afspraak, Knoop, Overeenkomst
from .instrumenten import alle_partijen

SOORTEN = ("partij", "thema", "afspraak", "indicator", "project")
"""What a reference can name; also the words in messages about an unknown id."""


def register(o: Overeenkomst) -> dict[str, dict[str, Knoop]]:
    """Per kind (partij, thema, …) the items of the agreement by id, in their order."""
    partijen: dict[str, Knoop] = dict(alle_partijen(o))
    return {
        "partij": partijen,  # members of a collective with an id count as well
        "thema": {t.id: t for t in o.themas},
        "afspraak": {a.ident: a for a in o.afspraken},
        "indicator": {i.id: i for i in o.indicatoren},
        "project": {p.id: p for p in o.projecten},
    }


def _naam(soort: str, item: Knoop) -> str:
    if soort == "partij":
        return item.korte_naam  # type: ignore[attr-defined]
    if soort == "thema":
        return item.titel  # type: ignore[attr-defined]
    if soort == "afspraak":
        return item.kort  # type: ignore[attr-defined]
    return item.naam  # type: ignore[attr-defined]


def naam_van(o: Overeenkomst) -> Callable[[str, str], str]:
    """A function that turns a reference ({project:velst}) into the name a reader sees."""
    tables = {soort: {i: _naam(soort, item) for i, item in items.items()} for soort, items in register(o).items()}

    def lookup(soort: str, ident: str) -> str:
        return tables.get(soort, {}).get(ident, ident)

    return lookup


def label(afspraak: Knoop) -> str:
    """The number readers see for a commitment: the agreement's own label when the model has
    one, else the id in capitals (as the documents show it)."""
    if isinstance(afspraak, Afspraak):
        return afspraak.label  # '' when it has no number a reader knows
    value = getattr(afspraak, "label", None)
    value = value() if callable(value) else value
    return str(value) if value else str(afspraak.id).upper()  # type: ignore[attr-defined]
