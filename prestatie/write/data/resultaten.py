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
    """One entry per result, per year in order; an absent field is None, an amount keeps its word."""
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
                "afspraken": [str(a) for a in r.afspraken],
                "thema": r.thema,
                "gemeente": r.gemeente,
                "gebied": r.gebied,
            })
    return rows
