"""Write: the output stage, the only code that touches the output folder.

1. Rendered files wait in a hidden staging folder (``build/.prestatie-…``) inside the output
   folder, so memory stays flat and moving a file is a rename on the same file system.
2. When every document of every agreement is ready, each changed agreement's complete new
   folder is assembled beside them: new files, unchanged files linked from the published
   folder, files the user put there, the manifest last. Nothing published has been touched yet.
3. Each new folder is exchanged with the published one in one step (see ``publicatie``), and
   the staging folder, now holding the previous folders, is removed. A reader sees each
   agreement whole, old or new; a build that changed nothing touches nothing.

The next build first completes or removes what a killed build left (``publicatie.herstel``).
One build at a time writes to an output folder (a lock on the folder). A failure says exactly
what state the output folder is in.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import Rapport, SchrijfFout, display_path, os_melding
from ..core.manifest import MANIFEST, manifest_bytes, read_manifest, sha256
from ..plan.vingerafdruk import Opdracht
from .formats import mogelijke_namen
from .publicatie import JOURNAAL, STAGING_PREFIX, fout, herstel, link_or_copy, signals_held, wissel


@dataclass
class Resultaat:
    """What a build did, for the command line to report."""

    rapport: Rapport
    geschreven: list[Path] = field(default_factory=list)
    ongewijzigd: list[Path] = field(default_factory=list)
    verwijderd: list[Path] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)
    behouden: list[Path] = field(default_factory=list)
    """Files of formats this build did not make, left as an earlier build wrote them."""
    fouten_in: list[str] = field(default_factory=list)
    """Agreement folders (in bron/) not built because their sources hold errors; their
    previous build stays published."""
    uit: Path | None = None
    """The output folder."""
    gepubliceerd: bool = False
    """True once the new build is in place (an interruption after that changes nothing)."""


@dataclass(frozen=True)
class Klaar:
    """A rendered file in the staging folder."""

    pad: Path
    sha256: str
    grootte: int


class Uitvoer:
    """The output folder of one build: locked while the build runs, put right when it starts
    (``herstel``), a staging folder for the rendered files, and the publication at the end."""

    def __init__(self, root: Path):
        self.root = root
        self.staging: Path | None = None
        self._made_root = False
        self._lock: int | None = None

    # -- the build's lifetime ------------------------------------------------------------

    def __enter__(self) -> "Uitvoer":
        try:
            self._made_root = not self.root.exists()
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as e:
            raise fout(self.root, e) from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._lock)
            self._lock = None
            raise SchrijfFout(
                f"er loopt al een build die in '{display_path(self.root)}' schrijft; wacht tot die klaar is"
            ) from None
        try:
            herstel(self.root)
        except SchrijfFout:
            self.__exit__()
            raise
        except OSError as e:
            self.__exit__()
            raise fout(self.root, e) from None
        return self

    def __exit__(self, *exc: object) -> None:
        # Staging goes, unless a journal still needs its folders: then the next build finishes.
        if self.staging is not None and not (self.root / JOURNAAL).exists():
            shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None
        if self._made_root:
            try:
                self.root.rmdir()
            except OSError:  # not empty: the build wrote its documents
                pass
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    # -- staging ---------------------------------------------------------------------------

    def _staging(self) -> Path:
        if self.staging is None:
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root))
            os.mkdir(self.staging / "bestanden")
            os.mkdir(self.staging / "mappen")
        return self.staging

    def put(self, data: bytes) -> Klaar:
        """Keep one rendered file in the staging folder until publication."""
        try:
            staging = self._staging()
            fd, name = tempfile.mkstemp(dir=staging / "bestanden")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        except OSError as e:
            raise fout(self.root, e) from None
        return Klaar(Path(name), sha256(data), len(data))

    # -- publication ---------------------------------------------------------------------

    def publiceer(self, taken: list[Opdracht], resultaat: Resultaat) -> None:
        """Assemble every changed agreement's new folder, then exchange each with the published one."""
        def klaar() -> None:
            resultaat.gepubliceerd = True

        try:
            mappen = self._staging() / "mappen"
            nieuw: dict[str, Path] = {}
            for taak in taken:
                if _assemble(taak, mappen / taak.uit.name, resultaat):
                    nieuw[taak.uit.name] = mappen / taak.uit.name
        except OSError as e:
            raise fout(self.root, e) from None
        if not nieuw:
            klaar()
            return
        with signals_held():
            wissel(self.root, mappen, [(p, self.root / n) for n, p in sorted(nieuw.items())], klaar)


def _assemble(taak: Opdracht, nieuw: Path, resultaat: Resultaat) -> bool:
    """The complete new folder of one agreement: rendered files moved in, unchanged files
    linked from the published folder, files the user put there kept, the manifest last.
    Returns False (and makes nothing) when the published folder already is exactly that."""
    published = taak.uit
    old_files: dict[str, Any] = taak.oud.get("bestanden", {})
    entries: dict[str, dict[str, Any]] = {}
    geschreven: list[str] = []
    ongewijzigd: list[str] = []
    for doc in taak.documenten:
        for name in taak.bestandsnamen(doc):
            if name not in (old_files if doc.naam not in taak.te_maken else taak.bestanden):
                continue  # a format the document was too large for (its note says so)
            if doc.naam not in taak.te_maken:  # verified against its digest when planned
                entries[name] = old_files[name]
                ongewijzigd.append(name)
                continue
            klaar = taak.bestanden[name]
            entries[name] = {"sha256": klaar.sha256, "grootte": klaar.grootte}
            same = old_files.get(name, {}).get("sha256") == klaar.sha256 == _hash_of(published / name)
            (ongewijzigd if same else geschreven).append(name)
    # Every name a document still in the sources has in some format: a build limited to some
    # formats leaves the others as they are; only files whose document is gone are removed.
    # A format asked for but not made (a document too large for a PDF) leaves no older file.
    mogelijk = {name for doc in taak.documenten for name in mogelijke_namen(doc)}
    gevraagd = {name for doc in taak.documenten if doc.naam in taak.te_maken for name in taak.bestandsnamen(doc)}
    verwijderd, behouden = [], []
    for name in sorted(set(old_files) - set(entries)):
        if not (published / name).is_file():
            continue
        if name in mogelijk and name not in gevraagd:
            entries[name] = old_files[name]
            behouden.append(name)
        else:
            verwijderd.append(name)
    resultaat.behouden.extend(published / name for name in behouden)
    manifest = _manifest(taak, entries)
    resultaat.ongewijzigd.extend(published / name for name in ongewijzigd)
    resultaat.geschreven.extend(published / name for name in geschreven)
    resultaat.verwijderd.extend(published / name for name in verwijderd)
    if not geschreven and not verwijderd and _read(published / MANIFEST) == manifest:
        return False
    os.mkdir(nieuw)
    for name in entries:
        if name in taak.bestanden and taak.bestanden[name].pad.exists():
            os.chmod(taak.bestanden[name].pad, 0o644)
            os.rename(taak.bestanden[name].pad, nieuw / name)
        else:
            link_or_copy(published / name, nieuw / name)
    if published.is_dir():  # what the user put in the folder stays
        for entry in os.scandir(published):
            if entry.name not in old_files and entry.name not in entries and entry.name != MANIFEST:
                if entry.is_file(follow_symlinks=False):
                    link_or_copy(Path(entry.path), nieuw / entry.name)
                elif entry.is_dir(follow_symlinks=False):
                    shutil.copytree(entry.path, nieuw / entry.name, symlinks=True, copy_function=link_or_copy)
    fd = os.open(nieuw / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(manifest)
    return True


def _manifest(taak: Opdracht, entries: dict[str, dict[str, Any]]) -> bytes:
    documenten: dict[str, dict[str, Any]] = {}
    for doc in taak.documenten:
        documenten[doc.naam] = {"vingerafdruk": taak.vingerafdrukken[doc.naam]}
        inhoud = taak.inhoud.get(doc.naam) or taak.oud.get("documenten", {}).get(doc.naam, {}).get("inhoud")
        if inhoud:
            documenten[doc.naam]["inhoud"] = inhoud
        if taak.meldingen.get(doc.naam):
            documenten[doc.naam]["meldingen"] = taak.meldingen[doc.naam]
    return manifest_bytes({
        **taak.header,
        "bronnen": taak.bronnen,
        "sjablonen": taak.sjablonen_digest,
        "documenten": documenten,
        "bestanden": dict(sorted(entries.items())),
    })


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _hash_of(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


def _replace(path: Path, data: bytes) -> None:
    """Write one file that stands on its own (a comparison) beside ``path`` and rename it over
    ``path``: a reader sees the old file or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def leegmaken(root: Path, extra: tuple[str, ...] = ()) -> tuple[list[Path], list[Path]]:
    """Remove what builds wrote in the output folder ``root``: in each agreement's folder the
    files its manifest names and the manifest, and what ``extra`` names (the preview's folder,
    the build record).
    A folder left empty goes, the output folder too. Returns what was removed and what stays
    (files the user put there)."""
    verwijderd: list[Path] = []
    if not root.is_dir():
        return verwijderd, []
    with Uitvoer(root):
        try:
            for entry in sorted(os.scandir(root), key=lambda e: e.name):
                folder = Path(entry.path)
                if entry.name in extra and entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(folder)
                    verwijderd.append(folder)
                    continue
                if entry.name in extra and entry.is_file(follow_symlinks=False):
                    os.unlink(folder)
                    verwijderd.append(folder)
                    continue
                manifest = read_manifest(folder) if entry.is_dir(follow_symlinks=False) else {}
                if not manifest:
                    continue
                for name in [*manifest.get("bestanden", {}), MANIFEST]:
                    if (folder / name).is_file() and "/" not in name:
                        os.unlink(folder / name)
                        verwijderd.append(folder / name)
                _rmdir(folder)
        except OSError as e:
            raise fout(root, e, "wat nog niet is verwijderd, staat er nog") from None
    _rmdir(root)
    gebleven = sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
    return verwijderd, gebleven


def _rmdir(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty: the user's files stay
        pass


# -- one archive per agreement, for sending -----------------------------------------------------
# Each document once, as a plain file under the agreement's folder name; the same files give the
# same bytes (entries sorted, each dated with the build date, fixed permissions), and a reader
# never finds half a zip.

EPOCH_ZIP = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can carry."""


def _datum(folder: Path) -> tuple[int, int, int, int, int, int]:
    try:
        d = dt.datetime.fromisoformat(str(read_manifest(folder).get("bouwdatum")))
    except ValueError:
        return EPOCH_ZIP
    return max(EPOCH_ZIP, (d.year, d.month, d.day, d.hour, d.minute, d.second))


def pakket(folder: Path, naar: Path) -> Path:
    """Zip the published folder ``folder`` into ``naar/<folder name>.zip``; returns its path."""
    doel = naar / f"{folder.name}.zip"
    datum = _datum(folder)
    bestanden = sorted(p for p in folder.rglob("*")
                       if p.is_file() and not p.is_symlink()
                       and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in bestanden:
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", datum)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes())
    try:
        naar.mkdir(parents=True, exist_ok=True)
        _replace(doel, buffer.getvalue())
    except OSError as e:
        raise SchrijfFout(f"kan '{display_path(doel)}' niet schrijven ({os_melding(e)})") from None
    return doel
