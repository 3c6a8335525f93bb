"""Write: the output stage, the only code that touches the output folder.

1. Rendered files wait in a hidden staging folder (``build/.prestatie-…``) inside the output
   folder, so memory stays flat and moving a file is a rename on the same file system.
2. When every document of every agreement is ready, each changed agreement's complete new
   folder is assembled: new files, unchanged files linked from the published folder, files
   the user put there, the manifest last. Nothing published has been touched yet.
3. The whole build is published in one step: a new generation of links and one pointer
   switched (see ``publicatie``). A reader sees the previous build or the new one, never a
   mix; a build that changed nothing touches nothing.

The next build first removes what a killed build left (``publicatie.herstel``). One build at
a time writes to an output folder (a lock on the folder). A failure says exactly what state
the output folder is in.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import Rapport, SchrijfFout, display_path
from ..core.manifest import MANIFEST, manifest_bytes, sha256
from ..plan.vingerafdruk import Opdracht
from .publicatie import (STAGING_PREFIX, Generaties, fout, herstel, link_or_copy, migreer, opruimen,
                         signals_held, symlinks_kunnen, wissel_per_map)


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
        self.links = True
        """Whether publication switches one pointer (else: each folder swapped, a journal)."""
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
            self.links = symlinks_kunnen(self.root)
        except SchrijfFout:
            self.__exit__()
            raise
        except OSError as e:
            self.__exit__()
            raise fout(self.root, e) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if exc and exc[0] is not None:  # folders of a generation that was never switched to
            try:
                opruimen(self.root)
            except OSError:
                pass
        if self._made_root:
            try:
                self.root.rmdir()
            except OSError:  # not empty: the build wrote its documents
                pass
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    # -- staging ---------------------------------------------------------------------------

    def put(self, data: bytes) -> Klaar:
        """Keep one rendered file in the staging folder until publication."""
        try:
            if self.staging is None:
                self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root))
                os.mkdir(self.staging / "bestanden")
            fd, name = tempfile.mkstemp(dir=self.staging / "bestanden")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        except OSError as e:
            raise fout(self.root, e) from None
        return Klaar(Path(name), sha256(data), len(data))

    # -- publication ---------------------------------------------------------------------

    def publiceer(self, taken: list[Opdracht], resultaat: Resultaat) -> None:
        """Assemble every changed agreement's new folder, then publish them all in one step."""
        def klaar() -> None:
            resultaat.gepubliceerd = True

        try:
            if self.staging is None:
                self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root))
            generatie = None
            if self.links:
                # A real folder where an agreement's link belongs (made by hand) joins the generations first.
                migreer(self.root, [t.uit.name for t in taken if t.uit.is_dir() and not t.uit.is_symlink()])
                generatie = Generaties(self.root)
            nieuw: dict[str, Path] = {}
            for taak in taken:
                doel = generatie.map_voor(taak.uit.name) if generatie else self.staging / taak.uit.name
                if _assemble(taak, doel, resultaat):
                    nieuw[taak.uit.name] = doel
        except OSError as e:
            raise fout(self.root, e) from None
        if not nieuw:
            klaar()
            return
        with signals_held():
            if generatie:
                generatie.publiceer(nieuw, klaar)
            else:
                wissel_per_map(self.root, self.staging, [(p, self.root / n) for n, p in nieuw.items()], klaar)


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
    current = {doc.naam for doc in taak.documenten}
    verwijderd, behouden = [], []
    for name in sorted(set(old_files) - set(entries)):
        if not (published / name).is_file():
            continue
        stem, _, fmt = name.rpartition(".")
        if stem in current and fmt not in taak.formaten[stem]:
            # another format of a document still made: this build did not ask for it, so it stays
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
