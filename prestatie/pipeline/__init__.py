"""Pipeline: check() and build(), the one place that runs the stages in order.

load → plan → render → parse → write. Everything a build caches lives on its ``Bouw``, so a
second build in the same process (a preview server, a test) sees the current sources,
templates and house style.
"""

from __future__ import annotations

import datetime as dt
import signal
from pathlib import Path
from typing import Callable

from .. import __version__
from ..core.errors import BronFout, GebruiksFout, Onderbroken, Rapport, display_path
from ..core.manifest import MANIFEST
from ..core.tekst import slug
from ..core.version import Bouwinfo, bouwinfo
from ..load import load_all
from ..load.sjablonen import Sjablonen
from ..model import Dossier, Publicatie
from ..plan.vingerafdruk import Opdracht, inhoud_digest, plan_agreement
from ..write.formats import NAMEN, bestandsnamen, formaten_voor, kies_formaten
from ..write.output import Resultaat, Uitvoer, leegmaken, pakket
from .bouw import VOORBEELD_MAP, Bouw, Werkmap
from .controles import document_checks
from .werkers import render_all

__all__ = ["Bouw", "GENERATOR", "Resultaat", "Werkmap", "build", "check", "kies_formaten", "opruimen", "pakketten"]

PAKKETTEN = "pakketten"
"""Where ``pakketten`` puts one zip per agreement: beside the output folder, never in it."""

GENERATOR = f"prestatie {__version__}"

CHECK_INFO = Bouwinfo(commit=None, datum=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc), datum_bron="check")
"""What ``check`` renders with: a document's length does not depend on its version or date,
and a fixed one keeps the check free of git and the clock."""


def check_all(bouw: Bouw, rapport: Rapport, streng: bool = False) -> tuple[list[Dossier], list[str] | None]:
    """Load and check every agreement, then the rendered press release of each sound one.

    Returns the agreements whose own files hold no error (under ``streng`` no warning either)
    and the folders blocked by theirs; None instead of that list when an error outside any
    agreement's folder (a template, the source folder itself) blocks them all."""
    assert bouw.werkmap is not None  # only a worker's copy of the build lacks it
    bron = bouw.werkmap.bron
    dossiers = load_all(bron, rapport)
    goed, _ = _per_overeenkomst(bron, dossiers, rapport, streng)
    for dossier in goed:
        document_checks(dossier, bouw, rapport)
    return _per_overeenkomst(bron, goed, rapport, streng)


def _per_overeenkomst(bron: Path, dossiers: list[Dossier], rapport: Rapport,
                      streng: bool) -> tuple[list[Dossier], list[str] | None]:
    """Which agreements a finding that counts as an error blocks: only the one in whose
    folder it is; a finding elsewhere blocks all."""
    single = (bron / "overeenkomst.yaml").is_file()
    root = display_path(bron).rstrip("/") + "/"
    geblokkeerd: set[str] = set()
    for b in rapport.gesorteerd():
        if not (b.is_fout or streng):
            continue
        bestand = b.plaats.bestand
        if single and (bestand + "/").startswith(root):
            geblokkeerd.add(bron.name)
        elif not single and bestand.startswith(root) and "/" in bestand[len(root):]:
            geblokkeerd.add(bestand[len(root):].split("/")[0])
        else:
            return [], None
    return [d for d in dossiers if d.pad.name not in geblokkeerd], sorted(geblokkeerd)


def check(bron: Path | str | None = None) -> Rapport:
    """Check every agreement; the report holds all errors and warnings, sorted."""
    rapport = Rapport()
    check_all(Bouw(Werkmap.find(bron), CHECK_INFO, GENERATOR), rapport)
    return rapport


def build(
    bron: Path | str | None = None,
    uit: Path | str | None = None,
    formaten: tuple[str, ...] = NAMEN,
    streng: bool = False,
    jobs: int | None = None,
    melding: Callable[[str], None] | None = None,
    publicatie: str | None = None,
) -> Resultaat:
    """Check, then build every agreement into ``uit/<agreement>/``; raises on any error.

    An error in one agreement's files blocks only that agreement: the others are built and
    published, then ``BronFout`` is raised with the result (``resultaat.fouten_in`` names the
    blocked folders, whose previous build stays). ``streng`` keeps all or nothing: any error
    or warning and nothing is written. ``publicatie`` (the project's settings) is the web
    address of agreements that name none. A document whose inputs did not change since the last build (same sources, templates,
    version, build date and prestatie) is not rendered again; the rest is rendered in ``jobs``
    processes into a staging folder, and only when all is ready put in place.
    """
    werkmap = Werkmap.find(bron, uit)
    _check_output_folder(werkmap)
    bouw = Bouw(werkmap, bouwinfo(werkmap.bron, sjablonen=Sjablonen(werkmap.sjablonen).dirs), GENERATOR)
    rapport = Rapport()
    resultaat = Resultaat(rapport, uit=werkmap.uit)
    try:
        dossiers, geblokkeerd = check_all(bouw, rapport, streng)
        if geblokkeerd is None or not dossiers or (streng and not rapport.geslaagd(streng)):
            raise BronFout(rapport, streng)
        resultaat.fouten_in = geblokkeerd
        digest = bouw.sjablonen_digest
        if publicatie:  # the project's address, for agreements without their own
            for d in dossiers:
                if d.overeenkomst.publicatie is None:
                    d.overeenkomst.publicatie = Publicatie.model_validate({"url": publicatie})
            digest = inhoud_digest(digest, publicatie)
        # The output folder is locked and a publication a killed build left is finished
        # before the previous build's manifests are read.
        with Uitvoer(werkmap.uit) as uitvoer:
            taken: list[Opdracht] = [
                plan_agreement(
                    d, werkmap.uit / slug(d.map, "overeenkomst", 80), digest, bouw.info,
                    lambda doc: formaten_voor(doc.soort, formaten), GENERATOR,
                    lambda doc, fs: bestandsnamen(doc.naam, doc.uitvoer, fs),
                )
                for d in dossiers
            ]
            _check_unique_outputs(taken)
            render_all(taken, bouw, jobs, uitvoer, melding)
            for taak in taken:  # what the build says of a document: only when it was made again
                for doc in taak.documenten:
                    if doc.naam in taak.te_maken:
                        resultaat.meldingen.extend(taak.meldingen.get(doc.naam, []))
            uitvoer.publiceer(taken, resultaat)
    except KeyboardInterrupt:
        raise Onderbroken(signal.SIGINT, resultaat.gepubliceerd) from None
    except Onderbroken as e:
        e.gepubliceerd = resultaat.gepubliceerd
        raise
    if resultaat.fouten_in:
        raise BronFout(rapport, streng, resultaat)
    return resultaat


def pakketten(uit: Path, naar: Path | None = None) -> list[Path]:
    """One zip per published agreement folder in ``uit``, in ``naar`` (default: pakketten/ beside it)."""
    naar = naar or uit.parent / PAKKETTEN
    return [pakket(folder, naar) for folder in sorted(uit.iterdir())
            if not folder.name.startswith(".") and (folder / MANIFEST).is_file()]


def opruimen(bron: Path | str | None = None, uit: Path | str | None = None) -> tuple[list[Path], list[Path]]:
    """Remove what builds and the preview wrote in the output folder; returns what was removed
    and what stays (the user's own files)."""
    werkmap = Werkmap.find(bron, uit)
    return leegmaken(werkmap.uit, (VOORBEELD_MAP,))


def _check_unique_outputs(taken: list[Opdracht]) -> None:
    seen: dict[Path, str] = {}
    for taak in taken:
        if taak.uit in seen:
            raise GebruiksFout(
                f"de mappen '{seen[taak.uit]}' en '{taak.dossier.map}' krijgen dezelfde uitvoermap "
                f"'{display_path(taak.uit)}'; hernoem een van beide"
            )
        seen[taak.uit] = taak.dossier.map


def _check_output_folder(werkmap: Werkmap) -> None:
    """The output never goes into the sources or the templates."""
    uit = werkmap.uit.resolve()
    for folder, what in ((werkmap.bron, "bronmap"), (werkmap.sjablonen, "sjablonenmap")):
        inside = folder.resolve()
        if uit == inside or inside in uit.parents:
            raise GebruiksFout(
                f"uitvoermap '{display_path(werkmap.uit)}' ligt in de {what} '{display_path(folder)}'; "
                "kies een map daarbuiten, bijvoorbeeld build/"
            )
