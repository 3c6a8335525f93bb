"""The house face that travels with the package, and the warning when a face is missing."""

from __future__ import annotations

import re
from importlib.resources import files

_ONBEKEND = re.compile(r"unknown font family: (.+)$")


def meegeleverde_letters() -> list[str]:
    """Folders of the faces shipped with prestatie: Arimo (SIL Open Font License 1.1) from the
    declared dependency fontpkg-arimo, the outlines Liberation Sans 2 was made from, so the PDF
    has the face of the Word files on any machine, embedded."""
    try:
        folder = files("fontpkg_arimo") / "files"
    except ModuleNotFoundError:
        return []
    return [str(folder)] if folder.is_dir() else []


def ontbrekende_letter(warning: object) -> str | None:
    """The family a Typst warning says is unknown, or None for any other warning."""
    m = _ONBEKEND.search(str(getattr(warning, "message", warning)))
    return m.group(1) if m else None


def ontbrekend_melding(naam: str, huisstijl: str) -> str:
    """What the build says about a missing face: its name, and what to do."""
    return (f"waarschuwing: lettertype '{naam}' uit {huisstijl} ontbreekt; de PDF gebruikt een ander "
            "lettertype. Installeer het of kies in de huisstijl een lettertype dat er is")
