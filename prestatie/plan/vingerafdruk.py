"""Incremental builds: which planned documents must be rendered again, by content digests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ..core.manifest import inhoud_digest, read_manifest, sha256
from ..core.version import Bouwinfo
from ..load.sjablonen import Sjablonen
from ..model import Dossier
from . import Document, alle_documenten
from .ongewijzigd import Geheugen, source_files
from .uittreksel import Partners

def digest_files(paths: list[tuple[str, Path]]) -> tuple[str, dict[str, str]]:
    """One digest over named files (name and bytes), plus the digest of each file."""
    total = hashlib.sha256()
    each: dict[str, str] = {}
    for name, path in sorted(paths):
        data = path.read_bytes()
        each[name] = sha256(data)
        total.update(name.encode("utf-8", "surrogateescape") + b"\0" + each[name].encode() + b"\0")
    return total.hexdigest(), each


@dataclass
class Opdracht:
    """The work for one agreement: what to render, what to keep, where to write."""

    dossier: Dossier
    uit: Path
    documenten: list[Document]
    formaten: dict[str, tuple[str, ...]]
    """Per document the extensions of the formats it is written in."""
    vingerafdrukken: dict[str, str]
    bronnen: dict[str, Any]
    sjablonen_digest: str
    header: dict[str, Any]
    te_maken: list[str] = field(default_factory=list)
    """Names of the documents to render; the others are unchanged since the last build."""
    oud: dict[str, Any] = field(default_factory=dict)
    """The manifest of the previous build."""
    bestanden: dict[str, Any] = field(default_factory=dict)
    """The rendered files, waiting in the staging folder."""
    meldingen: dict[str, list[str]] = field(default_factory=dict)
    """Per document what the build reports about it (the press release's length)."""
    vorige_inhoud: dict[str, str] = field(default_factory=dict)
    """Per document to render the content digest of its files from the last build, when those
    files are still there: rendering the same content again is skipped."""
    inhoud: dict[str, str] = field(default_factory=dict)
    """Per rendered document the digest of its content, for the manifest."""

    namen: dict[str, list[str]] = field(default_factory=dict)
    """Per document the names of its files in this build (named by ``write.formats``)."""

    def bestandsnamen(self, doc: Document) -> list[str]:
        """The file names of one document in this build: 'voortgang-2024.docx', …"""
        return self.namen[doc.naam]


DOCUMENTSJABLOON = ".md.j2"
"""How a document template's name ends: it makes Markdown, which no writer reads but as text."""


def templates_digest(sjablonen: Sjablonen, huisstijl: bool = False) -> str:
    """Digest of every file on the template search path (templates, CSS, reference docx);
    ``huisstijl``: of what the writers read only (all but the document templates), each name
    as the search path finds it (the project's own file before the built-in one)."""
    files = [(f"{i}/{p.relative_to(d).as_posix()}", p) for i, d in enumerate(sjablonen.dirs)
             for p in sorted(d.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    if huisstijl:
        gevonden: dict[str, Path] = {}
        for naam, p in files:
            gevonden.setdefault(naam.split("/", 1)[1], p)
        files = [(naam, p) for naam, p in gevonden.items() if not naam.endswith(DOCUMENTSJABLOON)]
    return digest_files(files)[0]


def plan_agreement(
    dossier: Dossier,
    uit: Path,
    sjablonen_digest: str,
    info: Bouwinfo,
    formaten_van: Callable[[Document], tuple[str, ...]],
    generator: str,
    namen_van: Callable[[Document, tuple[str, ...]], list[str]],
    geheugen: Geheugen | None = None,
    alle: Sequence[Dossier] | Partners = (),
    gedeeld: set[str] | None = None,
) -> Opdracht:
    """Plan one agreement and decide which of its documents must be rendered again;
    ``namen_van`` names a document's files in its formats (the output stage's one rule). Its
    files are checked against their digests (through ``geheugen``: only those whose size,
    times or inode changed are read again). ``alle`` (every agreement, or their ``Partners``)
    is what the parties' extracts cover. ``gedeeld``: the agreement is loaded only as a partner
    of a changed one, and of its documents only the extracts of these parties may change; the
    others stay as the last build left them (their files were found intact)."""
    docs = alle_documenten(dossier, info, alle)
    bron_digest, per_file = digest_files(source_files(dossier.pad))
    geheugen = geheugen or Geheugen(uit.parent)
    o = dossier.overeenkomst
    header = {
        "overeenkomst": dossier.map,
        "versie": o.versie,
        "weergave": info.versie(o.versie),
        "commit": info.commit,
        "bouwdatum": info.datum.isoformat(),
        "generator": generator,
    }
    formaten = {doc.naam: formaten_van(doc) for doc in docs}
    prints = {}
    for doc in docs:
        prints[doc.naam] = inhoud_digest(
            generator, doc.naam, ",".join(formaten[doc.naam]), bron_digest, sjablonen_digest,
            info.commit or "", str(info.niet_vastgelegd(doc.bronnen) if doc.bronnen else info.dirty),
            info.datum.isoformat(), _andere_bronnen(dossier, doc), *([doc.sleutel] if doc.sleutel else []))
    taak = Opdracht(
        dossier=dossier, uit=uit, documenten=docs, formaten=formaten, vingerafdrukken=prints,
        bronnen={"sha256": bron_digest, "bestanden": per_file}, sjablonen_digest=sjablonen_digest,
        header=header, oud=read_manifest(uit),
        namen={doc.naam: namen_van(doc, formaten[doc.naam]) for doc in docs},
    )
    old_docs = taak.oud.get("documenten", {})
    old_files = taak.oud.get("bestanden", {})
    for doc in docs:
        old = old_docs.get(doc.naam, {})
        if gedeeld is not None and doc.partij not in gedeeld and old.get("vingerafdruk"):
            prints[doc.naam] = old["vingerafdruk"]  # planned over only some of the agreements
            taak.meldingen[doc.naam] = list(old.get("meldingen", []))
            continue
        intact = all(_intact(uit / n, old_files.get(n), geheugen) for n in taak.bestandsnamen(doc))
        if intact and old.get("vingerafdruk") == prints[doc.naam]:
            taak.meldingen[doc.naam] = list(old.get("meldingen", []))
        else:
            taak.te_maken.append(doc.naam)
            if intact and old.get("inhoud"):
                taak.vorige_inhoud[doc.naam] = old["inhoud"]
    return taak


def _andere_bronnen(dossier: Dossier, doc: Document) -> str:
    """Digest of the sources a document reads from other agreements (an extract across them)."""
    # Named from the source folder, as the manifest is read wherever the project lies: the
    # same sources in another place give the same bytes.
    andere = [(_vanaf(p, dossier.pad.parent), p) for p in doc.bronnen if dossier.pad not in p.parents]
    return digest_files(andere)[0] if andere else ""


def _vanaf(pad: Path, bron: Path) -> str:
    try:
        return pad.relative_to(bron).as_posix()
    except ValueError:
        return pad.as_posix()


def _intact(path: Path, entry: Any, geheugen: Geheugen) -> bool:
    """The file the last build wrote is on disk with the content its manifest records (its
    digest; a same-size edit with its old date restored still changes its change time)."""
    return isinstance(entry, dict) and geheugen.digest(path) == entry.get("sha256")
