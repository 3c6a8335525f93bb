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
from ..core.tekst import slug
from ..core.version import Bouwinfo, bouwinfo
from ..load import load_all
from ..load.bestanden import controleer_bestanden
from ..load.sjablonen import Sjablonen
from ..model import Dossier
from ..plan.vingerafdruk import Opdracht, plan_agreement
from ..write.formats import NAMEN, bestandsnamen, formaten_voor, kies_formaten
from ..write.output import Resultaat, Uitvoer
from .bouw import Bouw, Werkmap
from . import uitvoermap
from .controles import document_checks, sjabloon_checks
from .werkers import render_all

__all__ = ["Bouw", "GENERATOR", "Resultaat", "Werkmap", "build", "check", "kies_formaten"]

GENERATOR = f"prestatie {__version__}"

CHECK_INFO = Bouwinfo(commit=None, datum=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc), datum_bron="check")
"""What ``check`` renders with: a document's length does not depend on its version or date,
and a fixed one keeps the check free of git and the clock."""


def check_all(bouw: Bouw, rapport: Rapport) -> list[Dossier]:
    """Load and check every agreement, then the rendered press releases when the sources are sound."""
    assert bouw.werkmap is not None  # only a worker's copy of the build lacks it
    w = bouw.werkmap
    controleer_bestanden(w.sjablonen.parent, [w.bron, w.sjablonen], rapport)
    dossiers = load_all(w.bron, rapport)
    if dossiers and not rapport.fouten:
        for dossier in dossiers:
            document_checks(dossier, bouw, rapport)
    return dossiers


def check(bron: Path | str | None = None) -> Rapport:
    """Check every agreement; the report holds all errors and warnings, sorted."""
    rapport = Rapport()
    bouw = Bouw(Werkmap.find(bron), CHECK_INFO, GENERATOR)
    dossiers = check_all(bouw, rapport)
    if dossiers and not rapport.fouten:
        # What the build would refuse in templates and house style, found without writing.
        sjabloon_checks(dossiers, bouw, rapport)
    return rapport


def build(
    bron: Path | str | None = None,
    uit: Path | str | None = None,
    formaten: tuple[str, ...] = NAMEN,
    streng: bool = False,
    jobs: int | None = None,
    melding: Callable[[str], None] | None = None,
    forceer: bool = False,
) -> Resultaat:
    """Check, then build every agreement into ``uit/<agreement>/``; raises on any error.

    A document whose inputs did not change since the last build (same sources, templates,
    version, build date and prestatie) is not rendered again; the rest is rendered in ``jobs``
    processes into a staging folder, and only when all is ready put in place. An output
    folder given as ``uit`` must be new, empty or an earlier build (``forceer``: any but the root).
    """
    werkmap = Werkmap.find(bron, uit)
    uitvoermap.controleer(werkmap, gekozen=uit is not None, forceer=forceer)
    bouw = Bouw(werkmap, bouwinfo(werkmap.bron, sjablonen=Sjablonen(werkmap.sjablonen).dirs), GENERATOR)
    rapport = Rapport()
    resultaat = Resultaat(rapport)
    try:
        dossiers = check_all(bouw, rapport)
        if not rapport.geslaagd(streng):
            raise BronFout(rapport, streng)
        # The output folder is locked and a publication a killed build left is finished
        # before the previous build's manifests are read.
        with Uitvoer(werkmap.uit) as uitvoer:
            taken: list[Opdracht] = [
                plan_agreement(
                    d, werkmap.uit / slug(d.map, "overeenkomst", 80), bouw.sjablonen_digest, bouw.info,
                    lambda doc: formaten_voor(doc.soort, formaten), GENERATOR,
                    lambda doc, fs: bestandsnamen(doc.naam, doc.uitvoer, fs),
                )
                for d in dossiers
            ]
            _check_unique_outputs(taken)
            render_all(taken, bouw, jobs, uitvoer, melding)
            for taak in taken:
                for doc in taak.documenten:
                    resultaat.meldingen.extend(taak.meldingen.get(doc.naam, []))
            uitvoer.publiceer(taken, resultaat)
    except KeyboardInterrupt:
        raise Onderbroken(signal.SIGINT, resultaat.gepubliceerd) from None
    except Onderbroken as e:
        e.gepubliceerd = resultaat.gepubliceerd
        raise
    return resultaat


def _check_unique_outputs(taken: list[Opdracht]) -> None:
    seen: dict[Path, str] = {}
    for taak in taken:
        if taak.uit in seen:
            raise GebruiksFout(
                f"de mappen '{seen[taak.uit]}' en '{taak.dossier.map}' krijgen dezelfde uitvoermap "
                f"'{display_path(taak.uit)}'; hernoem een van beide"
            )
        seen[taak.uit] = taak.dossier.map
