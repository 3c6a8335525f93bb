"""What every writer gets besides the tree: the document's properties and its images."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..core import opmaak
from ..core.version import Bouwinfo
from ..model import Dossier
from ..plan import Document
from ..plan.instrumenten import openbare_versie
from ..plan.persbericht import afzenders


@dataclass(frozen=True)
class Afbeelding:
    """An image the templates refer to by name (``![alt](naam)``), drawn once for every format."""

    png: bytes
    svg: bytes | None = None
    breedte_cm: float = 16.0

    def maten(self) -> dict[str, str]:
        """Width and height from the PNG header, so the page does not jump while it loads."""
        data = self.png
        if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
            return {}
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        return {"width": str(width), "height": str(height)}


TER_ONDERTEKENING = "ter_ondertekening"
STATUS_LABEL = {"concept": "Concept", TER_ONDERTEKENING: "Ter ondertekening"}
SIGNED_DOCUMENTS = {"overeenkomst", "jaarschijf", "addendum", "verlenging", "toetreding"}
"""Documents with a signing page; the others (press release, reports) are never initialled."""


@dataclass(frozen=True)
class Documentinfo:
    """What a writer needs besides the tree: the document's properties."""

    titel: str
    onderwerp: str = ""
    auteurs: tuple[str, ...] = ()
    trefwoorden: tuple[str, ...] = ()
    versie: str = ""
    """The version a reader sees, e.g. '1.0, 15 februari 2022' (never a commit)."""
    kop: str = ""
    """Running header text of its own (a report names its agreement, a press release its
    sender); when empty the header is ``lopende_kop``: the title with its version."""
    commit: str = ""
    """The sources' commit ('a1b2c3d'), for document properties and HTML meta only."""
    gewijzigd: bool = False
    """True when the sources had changes not yet committed (properties and meta only)."""
    datum: dt.datetime = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    """Build date (from SOURCE_DATE_EPOCH or the commit), UTC; the only clock a writer may use."""
    concept: bool = False
    """True while the agreement is a concept: CONCEPT visible on every page."""
    status: str = ""
    """'concept', 'ter_ondertekening' or 'ondertekend': the document's own or its agreement's."""
    paraaf: tuple[str, ...] = ()
    """On a copy for signing: the short names of the parties that initial every page."""
    soort: str = ""
    """overeenkomst, persbericht or voortgang."""
    taal: str = "nl-NL"
    generator: str = ""
    afbeeldingen: dict[str, Any] = field(default_factory=dict)
    """By the name the template uses: an ``Afbeelding``, or a chart description (``Grafiek``)."""

    @property
    def lopende_kop(self) -> str:
        """The running header of every paged format (Word, PDF)."""
        if self.kop:
            return self.kop
        kop = f"{self.titel} \u00b7 versie {self.versie}" if self.versie else self.titel
        return f"{kop} \u00b7 ter ondertekening" if self.status == TER_ONDERTEKENING else kop

    @property
    def status_label(self) -> str:
        """The state as a reader or a file manager names it (document properties)."""
        return STATUS_LABEL.get(self.status, "Definitief")


def document_info(
    doc: Document, dossier: Dossier, info: Bouwinfo, generator: str, afbeeldingen: dict[str, Any]
) -> Documentinfo:
    """The properties every writer gives this document."""
    o = dossier.overeenkomst
    gemeenten = [p.naam for p in o.partijen if p.soort == "gemeente"]
    status = doc.status or o.status
    return Documentinfo(
        titel=doc.titel,
        onderwerp=doc.onderwerp,
        auteurs=doc.auteurs or tuple(p.naam for p in o.partijen),
        trefwoorden=("prestatieafspraken", doc.soort, *gemeenten),
        # An instrument: its own version text (plan); a press release: the number only.
        versie=doc.versie or (o.versie if doc.soort == "persbericht" else openbare_versie(o, info)),
        kop=_kop(doc, dossier),
        commit=(info.commit or "").removesuffix("-dirty"),
        gewijzigd=info.niet_vastgelegd(doc.bronnen) if doc.bronnen else info.dirty,
        datum=info.datum,
        # A press release goes out once signed: until then it is a concept.
        concept=status == "concept" or (doc.soort == "persbericht" and status == TER_ONDERTEKENING),
        status=status,
        paraaf=_paraaf(doc) if status == TER_ONDERTEKENING else (),
        soort=doc.soort,
        generator=generator,
        afbeeldingen=afbeeldingen,
    )


def _paraaf(doc: Document) -> tuple[str, ...]:
    """Who initials every page of a copy for signing: each party that signs the document, once."""
    if doc.soort not in SIGNED_DOCUMENTS:
        return ()
    names: dict[str, None] = {}
    for moment in doc.context.get("momenten") or []:
        for p in moment.partijen:
            names.setdefault(p.korte_naam, None)
    return tuple(names)


def _kop(doc: Document, dossier: Dossier) -> str:
    """The running header: a press release names who sends it (a letterhead); a progress
    report its agreement (its version would read as the report's); other documents none of
    their own: their title with their version."""
    if doc.soort == "persbericht":
        return "Van: " + opmaak.opsomming(afzenders(dossier))
    return f"{doc.titel} \u00b7 {dossier.overeenkomst.titel}" if doc.soort == "voortgang" else ""


def colofon(info: Documentinfo) -> str:
    """The colophon line at the end of a document: the generator and the day it was made.
    The commit and whether the sources had uncommitted changes are provenance for the
    document properties and the HTML meta, never for the reader's text. A press release has
    none: what a newsroom prints names the parties, not the tool that set it."""
    if not info.generator or info.soort == "persbericht":  # a release names no tool
        return ""
    moment = info.datum.astimezone(dt.timezone.utc) if info.datum.tzinfo else info.datum
    return f"Opgemaakt op {opmaak.datum(moment.date())} met {info.generator}."


CONCEPT_REGEL = "CONCEPT – nog niet definitief, niet publiceren"
"""The first line of a concept in the plain formats (Markdown, text): the .txt goes into an e-mail."""
