"""prestatie verschil: two versions of the sources (git refs or folders) loaded, compared,
and written as verschil.md, .html and .docx."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import subprocess
import tarfile
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.errors import BronFout, GebruiksFout, Rapport, SchrijfFout, display_path, os_melding
from ..core import opmaak
from ..core.tekst import slug
from ..load import agreement_folders, load_folder
from ..load.bestanden import MAX_INGANGEN, controleer_bestanden
from ..load.yaml import MAX_BYTES
from ..model import Dossier
from ..plan.verschil import Overeenkomstverschil
from ..plan.verschil_documenten import vergelijk_alles
from ..write.tekst import redline
from ..write.output import _replace
from ..load.sjablonen import Sjablonen
from . import uitvoermap
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
    target = werkmap / re.sub(r"[^A-Za-z0-9._-]+", "_", naam)
    target.mkdir(parents=True)
    _pak_uit(naam, commit, relative, Path(top), target)
    info = _git(["log", "-1", "--format=%an%x00%ct", commit], folder) or "prestatie\x000"
    auteur, _, stamp = info.partition("\x00")
    when = dt.datetime.fromtimestamp(int(stamp or 0), tz=dt.timezone.utc)
    return Versie(f"{naam} ({commit[:7]})", target / relative, auteur or "prestatie", when, naam, target)


GIT_TIJD = 60
"""Seconds git may take to hand over the sources of one version."""


def _te_groot(naam: str, commit: str, relative: str, top: Path) -> list[str]:
    """The files at ``commit`` under ``relative`` larger than a source may be (from git's tree,
    without reading them). More files than check looks at in a folder are refused."""
    out = _git(["ls-tree", "-r", "-l", "-z", commit, "--", relative], top, binary=True) or b""
    entries = out.split(b"\0")
    if len(entries) > MAX_INGANGEN:
        raise GebruiksFout(f"{naam}: de bronnen in git tellen meer dan {opmaak.getal(MAX_INGANGEN)} bestanden; prestatie "
                           "haalt ze er niet uit. Haal wat geen bron is uit bron/, of vergelijk twee mappen")
    groot = []
    for entry in entries:
        meta, _, path = entry.partition(b"\t")
        parts = meta.split()
        if len(parts) == 4 and parts[1] == b"blob" and parts[3].isdigit() and int(parts[3]) > MAX_BYTES:
            groot.append(os.fsdecode(path))
    return groot


def _begrensd(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo:
    """The tar 'data' filter (nothing outside the folder, no links out), and of a file larger than
    a source may be only what the loader reads: it refuses it as too large, as in a folder."""
    member = tarfile.data_filter(member, path)
    if member.isfile() and member.size > MAX_BYTES + 1:
        member = member.replace(deep=False)  # a copy: the archive's own entry keeps its size
        member.size = MAX_BYTES + 1
    return member


def _pak_uit(naam: str, commit: str, relative: str, top: Path, target: Path) -> None:
    """The sources at ``commit`` streamed from ``git archive`` into ``target``: memory and disk stay
    bounded whatever the commit holds (a file of gigabytes is read past, not kept)."""
    groot = _te_groot(naam, commit, relative, top)  # git would hold each in memory: left out, stood in for
    uitgezonderd = [f":(exclude,literal){p}" for p in groot]
    try:
        proc = subprocess.Popen(["git", "archive", "--format=tar", commit, "--", relative, *uitgezonderd], cwd=top,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "LC_ALL": "C"})
    except OSError as e:
        raise GebruiksFout(f"{naam}: kan git niet starten ({os_melding(e)})") from None
    wekker = threading.Timer(GIT_TIJD, proc.kill)
    wekker.start()
    onleesbaar = False
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
            tar.extractall(target, filter=_begrensd)
    except tarfile.FilterError as e:
        raise GebruiksFout(
            f"{naam}:{e.tarinfo.name if e.tarinfo is not None else '?'}: een koppeling of bestand dat buiten de "
            f"bronnen wijst ({'naar ' + e.tarinfo.linkname if e.tarinfo is not None and e.tarinfo.linkname else 'buiten de map'}); "
            "prestatie volgt zo'n koppeling niet. Haal hem uit de bronnen of vergelijk mappen"
        ) from None
    except OSError as e:
        raise GebruiksFout(f"{naam}: kan de bronnen uit git niet uitpakken ({os_melding(e)})") from None
    except tarfile.TarError:
        onleesbaar = True
    finally:
        if proc.stdout is not None:
            proc.stdout.close()  # git, if still writing, stops
        code = proc.wait()
        te_laat = wekker.finished.is_set() and code < 0  # the timer fired and killed git
        wekker.cancel()
    if te_laat:
        raise GebruiksFout(f"{naam}: git deed er langer dan {GIT_TIJD} s over om de bronnen te geven")
    if onleesbaar and (code == 0 or any(target.iterdir())):
        raise GebruiksFout(f"{naam}: kan de bronnen uit git niet uitpakken (onleesbaar archief)")
    # git wrote nothing (no such folder in that version): 'geen overeenkomsten gevonden' follows
    for p in groot:  # an empty (sparse) file of the same excess: the loader says it is too large
        plek = target / p
        if target.resolve() in plek.resolve().parents:
            plek.parent.mkdir(parents=True, exist_ok=True)
            with open(plek, "wb") as f:
                f.truncate(MAX_BYTES + 1)


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
    uitvoermap.controleer_vergelijking(replace(project, uit=folder))
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
