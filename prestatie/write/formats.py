"""The one registry of output formats: name, extension, which documents, and the writer.

Adding a format is one entry here and one writer module beside this one. A writer turns the
parsed tree (and the document's properties) into bytes; only ``output`` touches the disk.
"""

from __future__ import annotations

import importlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Protocol

from ..core.errors import GebruiksFout
from ..load.sjablonen import Sjablonen
from ..plan import PER_OVEREENKOMST
from ..render.document import Documentinfo


class Writer(Protocol):
    """Turns the parsed tree of one document into the bytes of one format."""

    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "Writer":
        """The writer for one build, with the house style found on the template search path."""
        ...

    def write(self, tree: ET.Element, info: Documentinfo, markdown: str = "") -> bytes: ...


@dataclass(frozen=True)
class Formaat:
    """One output format."""

    naam: str
    """What the user types after --formaat: md, html, docx, txt."""
    extensie: str
    """The file extension, without the dot."""
    writer: str
    """'module:Klasse' of the writer beside this module; loaded when a build first needs it, so a
    command that writes nothing never imports python-docx."""
    documenten: frozenset[str] | None = None
    """The kinds of document written in this format (None: every kind)."""
    toont_afbeeldingen: bool = False
    """True when the format shows charts (they are drawn only for such formats)."""
    uit_model: bool = False
    """True for a format written once per agreement straight from the model, not from a tree
    (open data, the calendar): its writer has ``bestanden(dossier, info) -> {name: bytes}``."""

    def maak(self, sjablonen: Sjablonen) -> Writer:
        """The writer of this format for one build."""
        module, _, klasse = self.writer.partition(":")
        cls = getattr(importlib.import_module(f"{__package__}.{module}"), klasse)
        return cls.uit_sjablonen(sjablonen)

    def voor(self, soort: str) -> bool:
        """Is a document of this kind written in this format? The per-agreement files (open
        data, calendar) only in the format that names them."""
        if soort in PER_OVEREENKOMST:
            return self.documenten is not None and soort in self.documenten
        return self.documenten is None or soort in self.documenten


FORMATEN: tuple[Formaat, ...] = (
    Formaat("md", "md", "tekst.md:MdWriter"),
    Formaat("html", "html", "web.html:HtmlWriter", toont_afbeeldingen=True),
    Formaat("docx", "docx", "word.docx:DocxWriter", toont_afbeeldingen=True),
    # Archival and accessible: PDF/A-2a and PDF/UA-1, through Typst.
    Formaat("pdf", "pdf", "pdf.pdf:PdfWriter", toont_afbeeldingen=True),
    # Plain text for e-mail and press portals: the press release only.
    Formaat("txt", "txt", "tekst.txt:TxtWriter", documenten=frozenset({"persbericht"})),
    # Once per agreement, from the model: open data (CSV, JSON, CSVW, licence) and the
    # calendar of deadlines.
    Formaat("data", "csv", "data.opendata:OpendataWriter", documenten=frozenset({"opendata"}), uit_model=True),
    Formaat("ics", "ics", "data.ics:IcsWriter", documenten=frozenset({"termijnen"}), uit_model=True),
)
"""Every format, in the order a build writes and lists them."""

NAMEN = tuple(f.naam for f in FORMATEN)
_PER_NAAM = {f.naam: f for f in FORMATEN}


def formaat(naam: str) -> Formaat:
    """The format called ``naam``."""
    return _PER_NAAM[naam]


def kies_formaten(text: str | None) -> tuple[str, ...]:
    """'docx,html' → ('html', 'docx') in the registry's order; unknown names are usage errors."""
    if not text:
        return NAMEN
    asked = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    unknown = [f for f in asked if f not in _PER_NAAM]
    if unknown or not asked:
        raise GebruiksFout(
            f"onbekend formaat {', '.join(repr(u) for u in unknown) or '(leeg)'}; "
            f"kies uit: {', '.join(NAMEN)}"
        )
    return tuple(f for f in NAMEN if f in asked)


def bestandsnaam(document: str, formaat_naam: str) -> str:
    """The one place an output file of a document is named: 'voortgang-2024.docx' (the
    document's name and the format's extension)."""
    return f"{document}.{_PER_NAAM[formaat_naam].extensie}"


def bestandsnamen(naam: str, uitvoer: tuple[str, ...] | None, formaten: tuple[str, ...]) -> list[str]:
    """Every file a document gets in these formats; a document written from the model (open
    data) has fixed names, written when its format is asked."""
    if uitvoer:
        return list(uitvoer) if formaten else []
    return [bestandsnaam(naam, f) for f in formaten]


def formaten_voor(soort: str, gevraagd: tuple[str, ...]) -> tuple[str, ...]:
    """The asked formats in which a document of kind ``soort`` is written."""
    return tuple(n for n in gevraagd if _PER_NAAM[n].voor(soort))
