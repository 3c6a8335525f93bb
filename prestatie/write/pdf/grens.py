"""How long a document may be to become a PDF: the bound on a build's memory."""

from __future__ import annotations

MAX_TEKENS = 250_000
"""The longest document (in characters of Markdown) made into a PDF. Typst lays out a whole
document at once, about 1.15 MB per 1,000 characters: 250,000 keep a build within about 400 MB
(benchmarks/geheugen.py). A longer document gets every other format and a note, no PDF."""


def te_groot(naam: str, markdown: str) -> str | None:
    """The note for a document too long for one PDF, or None."""
    if len(markdown) <= MAX_TEKENS:
        return None
    n, m = (f"{x:,}".replace(",", ".") for x in (len(markdown), MAX_TEKENS))
    return (f"{naam}.pdf is niet gemaakt: het document is te lang voor één PDF ({n} tekens; hoogstens "
            f"{m} om binnen ongeveer 400 MB geheugen te blijven). De andere formaten staan er wel; "
            "deel de afspraken op (bijvoorbeeld in jaarschijven) of druk de HTML af als PDF.")
