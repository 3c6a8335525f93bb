"""Small text rules with one home: slugs for file names and anchors, 'bedoelde u …?' suggestions."""

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
