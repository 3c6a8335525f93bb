"""Load: the YAML of every agreement folder → the validated model, cross-checked; templates found."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import Plaats, Rapport, display_path
from ..model import Dossier
from .validate import cross_check
from .dossier import agreement_folders, load_folder

__all__ = ["agreement_folders", "cross_check", "load_all", "load_folder"]


def load_all(bron: Path, rapport: Rapport) -> list[Dossier]:
    """Load and cross-check every agreement under ``bron``; every problem goes to ``rapport``."""
    folders = agreement_folders(bron)
    if not folders:
        rapport.fout(
            Plaats(display_path(bron)),
            "geen overeenkomsten gevonden; maak per overeenkomst een map met overeenkomst.yaml",
        )
    dossiers = []
    for folder in folders:
        dossier = load_folder(folder, rapport)
        if dossier is not None:
            cross_check(dossier, rapport)
            dossiers.append(dossier)
    return dossiers
