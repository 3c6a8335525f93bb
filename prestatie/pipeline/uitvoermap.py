"""Where a build may write: never into the sources, and by default not over someone's folder.

An output folder named with ``--uit`` is refused when it is the file-system root, the home
folder or the project's own folder, or a folder with files in it that is not an earlier build of
prestatie; ``--forceer`` allows all but the root. The default ``build/`` beside ``bron/`` is
always the build's own. A link loop or an impossible name is a usage error, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import GebruiksFout, display_path, veilige_naam
from ..core.manifest import read_manifest
from .bouw import Werkmap, echt_pad

EIGEN_NAMEN = (".prestatie", ".voorbeeld", "verschil")
"""What only prestatie puts in an output folder: its state, the preview, a comparison."""


def eerdere_build(folder: Path) -> bool:
    """Whether ``folder`` holds what a build of prestatie left (any layout, any version)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    for entry in entries:
        if entry.name.startswith(EIGEN_NAMEN):
            return True
        if entry.is_dir() and str(read_manifest(Path(entry.path)).get("generator", "")).startswith("prestatie"):
            return True
    return False


def controleer(werkmap: Werkmap, gekozen: bool, forceer: bool = False) -> None:
    """Refuse an output folder inside the sources or templates, and (when ``gekozen`` with --uit,
    unless ``forceer``) the root, the home folder, the project and a full folder of someone else."""
    uit = _buiten_bronnen(werkmap)
    if uit.exists() and not uit.is_dir():
        return  # the publication says it cannot write there
    if not gekozen:
        return
    naam = _geen_hoofdmap(werkmap, uit)
    if forceer:
        return
    home = echt_pad(Path.home(), "thuismap")
    project = echt_pad(werkmap.sjablonen.parent, "projectmap")
    waarom = ("uw thuismap" if uit == home else "de map van het project" if uit == project
              else "een map met andere bestanden, geen eerdere build" if _vol(uit) and not eerdere_build(uit) else "")
    if waarom:
        raise GebruiksFout(
            f"uitvoermap '{naam}' is {waarom}; kies een lege of nieuwe map (bijvoorbeeld build/), "
            "of zet --forceer als prestatie daar toch mag schrijven"
        )


def controleer_vergelijking(werkmap: Werkmap) -> None:
    """Where `verschil` writes its three files: never in the sources or templates, never the root.
    (It writes only files of its own name, so a full folder or the home folder may be chosen.)"""
    _geen_hoofdmap(werkmap, _buiten_bronnen(werkmap))


def _buiten_bronnen(werkmap: Werkmap) -> Path:
    """The output folder as it really is, refused when it lies in the sources or templates."""
    uit = echt_pad(werkmap.uit, "uitvoermap")
    for folder, what in ((werkmap.bron, "bronmap"), (werkmap.sjablonen, "sjablonenmap")):
        inside = echt_pad(folder, what)
        if uit == inside or inside in uit.parents:
            raise GebruiksFout(
                f"uitvoermap '{display_path(werkmap.uit)}' ligt in de {what} '{display_path(folder)}'; "
                "kies een map daarbuiten, bijvoorbeeld build/"
            )
    return uit


def _geen_hoofdmap(werkmap: Werkmap, uit: Path) -> str:
    """The output folder's name as the user wrote it ('/', '~', '.'); the root is refused."""
    naam = veilige_naam(str(werkmap.uit))
    if uit == Path(uit.anchor):
        raise GebruiksFout(f"uitvoermap '{naam}' is de hoofdmap van het bestandssysteem; kies een eigen map, bijvoorbeeld build/")
    return naam


def _vol(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(os.scandir(folder))
    except OSError:
        return False
