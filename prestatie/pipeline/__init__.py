"""Pipeline: check() and build(), the one place that runs the stages in order.

load → plan → render → parse → write. Everything a build caches lives on its ``Bouw``, so a
second build in the same process (a preview server, a test) sees the current sources,
templates and house style.
"""

from __future__ import annotations

import datetime as dt
import signal
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

from .. import __version__
from ..core.errors import BronFout, GebruiksFout, Onderbroken, Rapport, display_path, veilige_naam
from ..core.tekst import slug
from ..core.version import Bouwinfo, bouwinfo
from ..load import folders, load_checked
from ..load.sjablonen import Sjablonen
from ..model import Dossier
from ..plan.ongewijzigd import Geheugen, Overgeslagen, overeenkomst_vingerafdruk
from ..plan.vingerafdruk import Opdracht, plan_agreement
from ..write.formats import NAMEN, bestandsnamen, formaten_voor, kies_formaten
from ..write.output import Resultaat, Uitvoer
from .bouw import Bouw, Werkmap
from .controles import document_checks
from .werkers import render_all

__all__ = ["Bouw", "GENERATOR", "Resultaat", "Werkmap", "build", "check", "kies_formaten"]

GENERATOR = f"prestatie {__version__}"

CHECK_INFO = Bouwinfo(commit=None, datum=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc), datum_bron="check")
"""What ``check`` renders with: a document's length does not depend on its version or date,
and a fixed one keeps the check free of git and the clock."""


def check_all(bouw: Bouw, rapport: Rapport) -> list[Dossier]:
    """Load and check every agreement, then the rendered press releases when the sources are sound."""
    return [d for d, _ in _load(bouw, rapport, None, ())[0]]


def _load(bouw: Bouw, rapport: Rapport, geheugen: Geheugen | None, formaten: tuple[str, ...]
          ) -> tuple[list[tuple[Dossier, Rapport]], list[Overgeslagen | Dossier], dict[Path, str]]:
    """Load and check every agreement that is not as the last build left it (``geheugen``):
    the loaded ones with each one's own findings, every agreement in order (loaded or left
    alone), and per agreement folder its fingerprint."""
    assert bouw.werkmap is not None  # only a worker's copy of the build lacks it
    loaded: list[tuple[Dossier, Rapport]] = []
    volgorde: list[Overgeslagen | Dossier] = []
    prints: dict[Path, str] = {}
    for folder in folders(bouw.werkmap.bron, rapport):
        if geheugen is not None:
            uit = bouw.werkmap.uit / _uitmap(veilige_naam(folder.name))
            prints[folder] = overeenkomst_vingerafdruk(folder, uit, bouw.sjablonen_digest, bouw.info,
                                                       bouw.generator, formaten)
            gelaten = geheugen.overslaan(folder, uit, prints[folder], rapport)
            if gelaten is not None:
                volgorde.append(gelaten)
                continue
        eigen = Rapport()
        dossier = load_checked(folder, eigen)
        if dossier is not None:
            loaded.append((dossier, eigen))
            volgorde.append(dossier)
        rapport.extend(eigen)
    if loaded and not rapport.fouten:
        for dossier, eigen in loaded:
            checks = Rapport()
            document_checks(dossier, bouw, checks)
            eigen.extend(checks)
            rapport.extend(checks)
    return loaded, volgorde, prints


def _uitmap(map_: str) -> str:
    return slug(map_, "overeenkomst", 80)


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
) -> Resultaat:
    """Check, then build every agreement into ``uit/<agreement>/``; raises on any error.

    An agreement whose sources, templates, version, build date and asked formats are as the
    last build found them, with its files intact, is not loaded again (its check's findings
    are repeated). Of the others, a document whose inputs did not change is not rendered
    again; the rest is rendered in ``jobs`` processes into a staging folder, and only when all
    is ready put in place.
    """
    werkmap = Werkmap.find(bron, uit)
    _check_output_folder(werkmap)
    bouw = Bouw(werkmap, bouwinfo(werkmap.bron, sjablonen=Sjablonen(werkmap.sjablonen).dirs), GENERATOR)
    rapport = Rapport()
    resultaat = Resultaat(rapport)
    try:
        with ExitStack() as stack:
            uitvoer = Uitvoer(werkmap.uit)
            # The output folder is locked and a publication a killed build left is finished
            # before the previous build's records and manifests are read.
            geheugen = None
            if werkmap.uit.is_dir():
                stack.enter_context(uitvoer)
                geheugen = Geheugen(werkmap.uit)
            loaded, volgorde, prints = _load(bouw, rapport, geheugen, formaten)
            if not rapport.geslaagd(streng):
                raise BronFout(rapport, streng)
            if geheugen is None:
                stack.enter_context(uitvoer)
                geheugen = Geheugen(werkmap.uit)
            taken: list[Opdracht] = [
                plan_agreement(
                    d, werkmap.uit / _uitmap(d.map), bouw.sjablonen_digest, bouw.info,
                    lambda doc: formaten_voor(doc.soort, formaten), GENERATOR,
                    lambda doc, fs: bestandsnamen(doc.naam, doc.uitvoer, fs), geheugen,
                )
                for d, _ in loaded
            ]
            gelaten = [g for g in volgorde if isinstance(g, Overgeslagen)]
            _check_unique_outputs(taken, {g.uit for g in gelaten})
            render_all(taken, bouw, jobs, uitvoer, melding)
            per_dossier = {id(t.dossier): t for t in taken}
            for item in volgorde:
                if isinstance(item, Overgeslagen):
                    resultaat.meldingen.extend(item.meldingen)
                    resultaat.ongewijzigd.extend(item.uit / n for n in item.bestanden)
                    continue
                taak = per_dossier[id(item)]
                for doc in taak.documenten:
                    resultaat.meldingen.extend(taak.meldingen.get(doc.naam, []))
            uitvoer.publiceer(taken, resultaat)
            for (dossier, eigen), taak in zip(loaded, taken):
                geheugen.gebouwd(dossier.pad, taak.uit, prints.get(dossier.pad) or overeenkomst_vingerafdruk(
                    dossier.pad, taak.uit, bouw.sjablonen_digest, bouw.info, GENERATOR, formaten),
                    eigen, [m for doc in taak.documenten for m in taak.meldingen.get(doc.naam, [])],
                    _digests(taak))
            geheugen.bewaar()
    except KeyboardInterrupt:
        raise Onderbroken(signal.SIGINT, resultaat.gepubliceerd) from None
    except Onderbroken as e:
        e.gepubliceerd = resultaat.gepubliceerd
        raise
    return resultaat


def _digests(taak: Opdracht) -> dict[str, str]:
    """The digest of every file the agreement's documents have in this build."""
    old = taak.oud.get("bestanden", {})
    return {name: (taak.bestanden[name].sha256 if name in taak.bestanden else old[name]["sha256"])
            for doc in taak.documenten for name in taak.bestandsnamen(doc)}


def _check_unique_outputs(taken: list[Opdracht], gelaten: set[Path]) -> None:
    seen: dict[Path, str] = {}
    for taak in taken:
        if taak.uit in seen or taak.uit in gelaten:
            raise GebruiksFout(
                f"de mappen '{seen.get(taak.uit, taak.uit.name)}' en '{taak.dossier.map}' krijgen dezelfde uitvoermap "
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
