"""prestatie verschil: two versions of the sources (git refs or folders) loaded, compared,
and written as verschil.md, .html and .docx."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.errors import BronFout, GebruiksFout, Rapport, SchrijfFout, display_path, os_melding
from ..core.tekst import slug
from ..load import agreement_folders, load_folder
from ..load.bestanden import controleer_bestanden
from ..model import Dossier
from ..plan.verschil import Overeenkomstverschil
from ..plan.verschil_documenten import vergelijk_alles
from ..write.tekst import redline
from ..write.output import _replace
from ..load.sjablonen import Sjablonen
from .bouw import Werkmap


@dataclass(frozen=True)
class Versie:
    """One side of the comparison: where its sources are and how to name it."""

    naam: str
    """As the user gave it: a ref or a folder."""
    bron: Path
    auteur: str
    datum: dt.datetime
    ref: str = ""
    extractie: Path | None = None
    """Where a git version was extracted (the repository root's stand-in)."""


# --- the two versions ---------------------------------------------------------------------

def _git(args: list[str], cwd: Path, binary: bool = False) -> Any:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60,
                             env={**os.environ, "LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return out.stdout if binary else out.stdout.decode("utf-8", "replace").strip()


def versie(naam: str, bron: Path, werkmap: Path) -> Versie:
    """A folder as it is, or the sources at a git ref extracted into ``werkmap``."""
    path = Path(naam)
    if path.is_dir():
        return Versie(naam, path, "prestatie", _folder_date(path))
    folder = bron if bron.is_dir() else bron.parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    commit = _git(["rev-parse", "--verify", "--quiet", f"{naam}^{{commit}}"], folder) if top else None
    if not commit:
        raise GebruiksFout(
            f"'{naam}' is geen map en geen versie in git (een commit, tag of tak, zoals HEAD~1 of v1.0)"
        )
    relative = Path(os.path.relpath(bron.resolve(), Path(top).resolve())).as_posix()
    data = _git(["archive", "--format=tar", commit, "--", relative], Path(top), binary=True)
    target = werkmap / re.sub(r"[^A-Za-z0-9._-]+", "_", naam)
    target.mkdir(parents=True)
    if data:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            try:
                tar.extractall(target, filter="data")
            except tarfile.FilterError as e:
                member = e.tarinfo.name if e.tarinfo is not None else "?"
                raise GebruiksFout(
                    f"{naam}:{member}: een koppeling of bestand dat buiten de bronnen wijst "
                    f"({'naar ' + e.tarinfo.linkname if e.tarinfo is not None and e.tarinfo.linkname else 'buiten de map'}); "
                    "prestatie volgt zo'n koppeling niet. Haal hem uit de bronnen of vergelijk mappen"
                ) from None
            except OSError as e:
                raise GebruiksFout(f"{naam}: kan de bronnen uit git niet uitpakken ({os_melding(e)})") from None
            except tarfile.TarError:
                raise GebruiksFout(f"{naam}: kan de bronnen uit git niet uitpakken (onleesbaar archief)") from None
    info = _git(["log", "-1", "--format=%an%x00%ct", commit], folder) or "prestatie\x000"
    auteur, _, stamp = info.partition("\x00")
    when = dt.datetime.fromtimestamp(int(stamp or 0), tz=dt.timezone.utc)
    return Versie(f"{naam} ({commit[:7]})", target / relative, auteur or "prestatie", when, naam, target)


def _named(rapport: Rapport, v: Versie) -> Rapport:
    """Findings in an extracted git version named '<ref>:<path in the repository>'."""
    if v.extractie is None:
        return rapport
    root = display_path(v.extractie)
    named = Rapport()
    for b in rapport.bevindingen:
        bestand = b.plaats.bestand
        if bestand.startswith(root):
            bestand = f"{v.ref}:{bestand[len(root):].lstrip('/')}"
        named.bevindingen.append(replace(b, plaats=replace(b.plaats, bestand=bestand)))
    return named


def _folder_date(path: Path) -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    newest = max((p.stat().st_mtime for p in path.rglob("*.yaml")), default=0)
    return dt.datetime.fromtimestamp(int(newest), tz=dt.timezone.utc)


def laad(v: Versie) -> dict[str, Dossier]:
    """Every agreement of one version by folder name. A version must load; references it cannot
    resolve are no reason not to compare it (a concept may be half done). Errors name the
    version: 'HEAD~1:bron/…/overeenkomst.yaml:12:3'."""
    rapport = Rapport()
    out: dict[str, Dossier] = {}
    if v.extractie is None and v.bron.is_dir():  # a folder: the same policy on links as check and build
        controleer_bestanden(v.bron.resolve().parent, [v.bron], rapport)
    folders = agreement_folders(v.bron) if v.bron.is_dir() else []
    for folder in folders:
        b = load_folder(folder, rapport)
        if b is not None:
            out[folder.name] = b
    if rapport.fouten:
        raise BronFout(_named(rapport, v))
    if not out:
        raise GebruiksFout(f"{v.naam}: geen overeenkomsten gevonden in '{display_path(v.bron)}'")
    return out


# --- the command ----------------------------------------------------------------------------

@dataclass
class Uitkomst:
    verschillen: list[Overeenkomstverschil]
    bestanden: list[Path]

    @property
    def gewijzigd(self) -> bool:
        return any(not v.leeg for v in self.verschillen)


def bestandsnaam(oud: str, nieuw: str) -> str:
    """'verschil-v1-0-head': the comparison named by its two versions as the user gave them."""
    return "-".join(["verschil", *(slug(display_path(v), "versie", 40) for v in (oud, nieuw))])


def vergelijking_bestanden(verschillen: list[Overeenkomstverschil], oud: str, nieuw: str, sjablonen: Sjablonen,
                           auteur: str, datum: dt.datetime, naam: str = "verschil") -> dict[str, bytes]:
    """The comparison as ``naam``.md, .html and .docx (tracked changes by ``auteur`` on ``datum``)."""
    return {
        f"{naam}.md": redline.markdown(verschillen, oud, nieuw).encode("utf-8"),
        f"{naam}.html": redline.html_page(verschillen, oud, nieuw,
                                          sjablonen.lees("verschil.css").decode("utf-8")).encode("utf-8"),
        # Word (python-docx) is loaded only when a comparison is written, not with the command line.
        f"{naam}.docx": importlib.import_module("prestatie.write.word.redline_word").word(
            verschillen, oud, nieuw, sjablonen.lees("huisstijl.docx"), auteur, datum),
    }


def verschil(oud: str, nieuw: str, bron: Path | str | None = None, uit: Path | str | None = None) -> Uitkomst:
    """Compare two versions and write verschil-<oud>-<nieuw>.md, .html and .docx into ``uit``
    (default build/verschil): a second comparison of other versions never overwrites the first."""
    project = Werkmap.find(bron)
    folder = Path(uit) if uit is not None else project.uit / "verschil"
    with tempfile.TemporaryDirectory(prefix="prestatie-verschil-") as tmp:
        v_oud = versie(oud, project.bron, Path(tmp) / "oud")
        v_nieuw = versie(nieuw, project.bron, Path(tmp) / "nieuw")
        verschillen = vergelijk_alles(laad(v_oud), laad(v_nieuw), v_oud.naam, v_nieuw.naam)
    files = vergelijking_bestanden(verschillen, v_oud.naam, v_nieuw.naam, Sjablonen(project.sjablonen),
                                   v_nieuw.auteur, v_nieuw.datum, bestandsnaam(oud, nieuw))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            _replace(folder / name, data)
    except OSError as e:
        raise SchrijfFout(f"kan niet schrijven in '{display_path(folder)}' ({os_melding(e)})") from None
    return Uitkomst(verschillen, [folder / n for n in files])
