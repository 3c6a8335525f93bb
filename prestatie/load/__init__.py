"""Load: the YAML of every agreement folder → the validated model, cross-checked; templates found."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import Plaats, Rapport, display_path
from ..model import Dossier
from .validate import cross_check
from .dossier import agreement_folders, load_folder

__all__ = ["agreement_folders", "cross_check", "folders", "load_checked", "load_folder"]


def folders(bron: Path, rapport: Rapport) -> list[Path]:
    """The agreement folders under ``bron``; none is an error in ``rapport``."""
    found = agreement_folders(bron)
    if not found:
        rapport.fout(
            Plaats(display_path(bron)),
            "geen overeenkomsten gevonden; maak per overeenkomst een map met overeenkomst.yaml",
        )
    return found


def load_checked(folder: Path, rapport: Rapport) -> Dossier | None:
    """Load and cross-check one agreement folder; every problem goes to ``rapport``."""
    dossier = load_folder(folder, rapport)
    if dossier is not None:
        cross_check(dossier, rapport)
    return dossier
