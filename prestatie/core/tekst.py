"""Small text rules with one home: slugs for file names and anchors, 'bedoelde u …?' suggestions,
text cut to fit a length (Word's document properties)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, standaard: str, lengte: int | None = None) -> str:
    """Lower-case ASCII letters, digits and hyphens ('Pré Wonen' → 'pre-wonen'); ``standaard``
    when nothing is left. Safe as a file name inside a folder and as an HTML anchor."""
    # Accents go ('é' → 'e'); any other sign (a dash, 'ø', a space) separates words.
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    result = _NOT_SLUG.sub("-", bare.lower()).strip("-")
    if lengte is not None:
        result = result[:lengte].rstrip("-")
    return result or standaard


def suggestie(woord: str, opties: Iterable[str]) -> str | None:
    """The option that looks most like ``woord`` (a typing error), or None."""
    found = difflib.get_close_matches(woord, list(opties), n=1, cutoff=0.6)
    return found[0] if found else None


def bedoelde_u(woord: str, opties: Iterable[str]) -> str:
    """"; bedoelde u 'x'?" when an option looks like ``woord``, else ''."""
    best = suggestie(woord, opties)
    return f"; bedoelde u '{best}'?" if best else ""


MAX_EIGENSCHAP = 255
"""Word stores at most this many characters in a core property (title, author, keywords)."""


def past(tekst: str, maximum: int = MAX_EIGENSCHAP) -> str:
    """``tekst`` cut at a word to fit a core property, with '…' when something was left off."""
    if len(tekst) <= maximum:
        return tekst
    cut = tekst[: maximum - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > maximum // 2 else cut).rstrip(" ;,") + "…"


def lijst_past(namen: tuple[str, ...] | list[str], maximum: int = MAX_EIGENSCHAP) -> str:
    """Names joined by '; ' as far as they fit, then 'en N andere' so no name is cut in half."""
    for n in range(len(namen), 0, -1):
        rest = len(namen) - n
        tekst = "; ".join(namen[:n]) + (f" en {rest} andere" if rest else "")
        if len(tekst) <= maximum:
            return tekst
    return past(namen[0], maximum) if namen else ""


_ROLLEN = (
    "wethouder|bestuurder|directeur|voorzitter|secretaris|penningmeester|burgemeester|"
    "woordvoerder|medewerker|bestuurslid|lid|contactpersoon|persoon|naam|ondertekenaar"
)
_PLAATSHOUDER = re.compile(
    rf"^\s*(?:[A-Z]\.\s*)+(?:{_ROLLEN})\s*$|\bN\.\s?N\.?(?!\w)|\bvoorbeeld\b|\bxxx+\b", re.IGNORECASE
)


def plaatshouder(naam: str) -> bool:
    """Whether a name is a stand-in, not a person: an initial and a role word ('A. Wethouder',
    'B. Bestuurder'), 'N.N.' or 'Voorbeeld'."""
    return bool(_PLAATSHOUDER.search(naam))
