"""The library behind the command line: check and build, load → plan → render → write.

Everything is rendered in memory first; only when every document of every agreement is
ready are files replaced. A failure anywhere leaves the previous build as it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .errors import BronFout, GebruiksFout, Plaats, Rapport, display_path
from .load import agreement_folders, load_folder
from .model import Bron
from .plan import FORMATEN
from .templates import Sjablonen
from .validate import check as cross_check
from .version import bouwinfo

GENERATOR = f"prestatie {__version__}"


@dataclass
class Project:
    """Where a build reads and writes: bron/, sjablonen/ and build/ of one project."""

    bron: Path
    sjablonen: Path
    uit: Path

    @classmethod
    def find(cls, bron: Path | str | None = None, uit: Path | str | None = None) -> "Project":
        """The project around ``bron`` (default: ./bron); templates and output sit beside it."""
        path = Path(bron) if bron is not None else Path("bron")
        if not path.exists():
            raise GebruiksFout(
                f"map '{display_path(path)}' bestaat niet; start prestatie in een map met bron/ "
                "of geef de bronmap op, bijvoorbeeld: prestatie build pad/naar/bron"
            )
        if not path.is_dir():
            raise GebruiksFout(f"'{display_path(path)}' is geen map")
        root = path.parent.parent if (path / "overeenkomst.yaml").is_file() else path.parent
        return cls(
            bron=path,
            sjablonen=root / "sjablonen",
            uit=Path(uit) if uit is not None else root / "build",
        )


def load_all(project: Project, rapport: Rapport) -> list[Bron]:
    """Load and cross-check every agreement under the project's bron/."""
    folders = agreement_folders(project.bron)
    if not folders:
        rapport.fout(
            Plaats(display_path(project.bron)),
            "geen overeenkomsten gevonden; maak per overeenkomst een map met overeenkomst.yaml",
        )
    bronnen = []
    for folder in folders:
        bron = load_folder(folder, rapport)
        if bron is not None:
            cross_check(bron, rapport)
            bronnen.append(bron)
    return bronnen


def check_all(project: Project, rapport: Rapport) -> list[Bron]:
    """Load and check every agreement, then the rendered press releases when the sources are sound."""
    bronnen = load_all(project, rapport)
    if bronnen and not rapport.fouten:
        from .checks import document_checks

        for b in bronnen:
            document_checks(b, project, rapport)
    return bronnen


def check(bron: Path | str | None = None) -> Rapport:
    """Check every agreement; the report holds all errors and warnings, sorted."""
    rapport = Rapport()
    check_all(Project.find(bron), rapport)
    return rapport


def slug(name: str) -> str:
    """A safe file or folder name that always stays inside the output folder."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return text[:80] or "overeenkomst"


@dataclass
class Resultaat:
    """What a build did, for the command line to report."""

    rapport: Rapport
    geschreven: list[Path] = field(default_factory=list)
    ongewijzigd: list[Path] = field(default_factory=list)
    verwijderd: list[Path] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)


def parse_formats(text: str | None) -> tuple[str, ...]:
    """'docx,html' → ('docx', 'html'), in the canonical order; unknown names are usage errors."""
    if not text:
        return FORMATEN
    asked = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    unknown = [f for f in asked if f not in FORMATEN]
    if unknown or not asked:
        raise GebruiksFout(
            f"onbekend formaat {', '.join(repr(u) for u in unknown) or '(leeg)'}; "
            f"kies uit: {', '.join(FORMATEN)}"
        )
    return tuple(f for f in FORMATEN if f in asked)


def build(
    bron: Path | str | None = None,
    uit: Path | str | None = None,
    formaten: tuple[str, ...] = FORMATEN,
    streng: bool = False,
    jobs: int | None = None,
    melding: Callable[[str], None] | None = None,
) -> Resultaat:
    """Check, then build every agreement into ``uit/<agreement>/``; raises on any error.

    A document whose inputs did not change since the last build (same sources, templates,
    version, build date and prestatie) is not rendered again; the rest is rendered in ``jobs``
    processes into a staging folder, and only when all is ready put in place.
    """
    from .plan import Opdracht, plan_agreement
    from .render import render_all
    from .write import Staging, write_agreement

    project = Project.find(bron, uit)
    rapport = Rapport()
    bronnen = check_all(project, rapport)
    if not rapport.geslaagd(streng):
        raise BronFout(rapport, streng)
    info = bouwinfo(project.bron)
    sjablonen = Sjablonen(project.sjablonen)
    taken: list[Opdracht] = [
        plan_agreement(b, project.uit / slug(b.map), sjablonen, info, formaten, GENERATOR) for b in bronnen
    ]
    _check_unique_outputs(taken)
    resultaat = Resultaat(rapport)
    with Staging(project.uit) as staging:
        render_all(taken, sjablonen, info, GENERATOR, jobs, staging, melding)
        for taak in taken:
            for doc in taak.documenten:
                resultaat.meldingen.extend(taak.meldingen.get(doc.naam, []))
        for taak in taken:
            write_agreement(taak, resultaat)
    return resultaat


def _check_unique_outputs(taken: list) -> None:
    seen: dict[Path, str] = {}
    for taak in taken:
        if taak.uit in seen:
            raise GebruiksFout(
                f"de mappen '{seen[taak.uit]}' en '{taak.bron.map}' krijgen dezelfde uitvoermap "
                f"'{display_path(taak.uit)}'; hernoem een van beide"
            )
        seen[taak.uit] = taak.bron.map
