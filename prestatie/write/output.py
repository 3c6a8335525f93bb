"""Write: the output stage, the only code that touches the output folder.

Publication is atomic per agreement and completed for the whole build:

1. Rendered files wait in a hidden staging folder (``build/.prestatie-…``) inside the output
   folder, so memory stays flat and moving a file is a rename on the same file system.
2. When every document of every agreement is ready, each agreement's complete new folder is
   assembled in staging: new files, unchanged files linked from the published folder, the
   manifest. Nothing published has been touched yet.
3. A journal (``build/.prestatie-journaal.json``) names the assembled folders; then each is
   swapped with the published ``build/<agreement>`` in one atomic exchange of directory
   names. A reader sees the old folder or the new one, never a mix.
4. The journal and the staging folder (now holding the old folders) are removed.

The next build first finishes a journal a killed build left (it only ever rolls forward: the
journal exists only once everything is assembled) and removes stale staging folders. One
build at a time writes to an output folder (a lock on the folder). A failure says exactly
which agreements are published.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import Rapport, SchrijfFout, display_path, os_melding
from ..core.manifest import MANIFEST, manifest_bytes, sha256
from ..plan.vingerafdruk import Opdracht

STAGING_PREFIX = ".prestatie-"
JOURNAAL = ".prestatie-journaal.json"


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


def _fout(waar: Path, e: OSError, toestand: str = "de vorige build is onaangetast") -> SchrijfFout:
    return SchrijfFout(f"kan niet schrijven in '{display_path(waar)}' ({os_melding(e)}); {toestand}")


class Uitvoer:
    """The output folder of one build: locked while the build runs, cleaned up when it starts
    (a journal a killed build left is completed, stale staging folders go), a staging folder
    for the rendered files, and the atomic publication at the end."""

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
            raise _fout(self.root, e) from None
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
        except OSError as e:
            self.__exit__()
            raise _fout(self.root, e, "een eerder afgebroken build kon niet worden afgemaakt") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.staging is not None:
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
            raise _fout(self.root, e) from None
        return Klaar(Path(name), sha256(data), len(data))

    # -- publication ---------------------------------------------------------------------

    def publiceer(self, taken: list[Opdracht], resultaat: Resultaat) -> None:
        """Assemble every agreement's new folder, then swap them all into place."""
        if self.staging is None:
            try:
                self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root))
            except OSError as e:
                raise _fout(self.root, e) from None
        te_wisselen: list[tuple[Path, Path]] = []
        try:
            for taak in taken:
                nieuw = self.staging / taak.uit.name
                if _assemble(taak, nieuw, resultaat):
                    te_wisselen.append((nieuw, taak.uit))
        except OSError as e:
            raise _fout(self.root, e) from None
        if not te_wisselen:
            resultaat.gepubliceerd = True
            return
        journaal = {
            "staging": self.staging.name,
            "mappen": {doel.name: os.stat(nieuw).st_ino for nieuw, doel in te_wisselen},
        }
        with _signals_held():
            try:
                _write_atomic(self.root / JOURNAAL, json.dumps(journaal).encode())
            except OSError as e:
                raise _fout(self.root, e) from None
            klaar: list[str] = []
            try:
                for nieuw, doel in te_wisselen:
                    _swap(nieuw, doel)
                    klaar.append(doel.name)
                os.unlink(self.root / JOURNAAL)
            except OSError as e:
                rest = [d.name for _, d in te_wisselen if d.name not in klaar]
                raise _fout(
                    self.root, e,
                    ("nieuw gepubliceerd: " + ", ".join(klaar) + "; " if klaar else "")
                    + "nog de vorige build: " + ", ".join(rest)
                    + "; elke map is in zijn geheel oud of nieuw, en de volgende build maakt het af",
                ) from None
            resultaat.gepubliceerd = True


def _assemble(taak: Opdracht, nieuw: Path, resultaat: Resultaat) -> bool:
    """The complete new folder of one agreement: rendered files moved in, unchanged files
    linked from the published folder, files the user put there kept, the manifest last.
    Returns False (and makes nothing) when the published folder already is exactly that."""
    published = taak.uit
    old_files: dict[str, Any] = taak.oud.get("bestanden", {})
    entries: dict[str, dict[str, Any]] = {}
    geschreven, ongewijzigd = [], []
    for doc in taak.documenten:
        for name in taak.bestandsnamen(doc):
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
            _link_or_copy(published / name, nieuw / name)
    if published.is_dir():  # what the user put in the folder stays
        for entry in os.scandir(published):
            if entry.name not in old_files and entry.name not in entries and entry.name != MANIFEST:
                if entry.is_file(follow_symlinks=False):
                    _link_or_copy(Path(entry.path), nieuw / entry.name)
                elif entry.is_dir(follow_symlinks=False):
                    shutil.copytree(entry.path, nieuw / entry.name, symlinks=True, copy_function=_link_or_copy)
    fd = os.open(nieuw / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(manifest)
    return True


def _manifest(taak: Opdracht, entries: dict[str, dict[str, Any]]) -> bytes:
    documenten = {}
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


def _link_or_copy(src: Any, dst: Any) -> Any:
    """A hard link (no bytes copied; the published file is never written again, only
    replaced by a swap), or a copy where the file system has no links."""
    try:
        os.link(src, dst)
    except OSError as e:
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        shutil.copy2(src, dst)
    return dst


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


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


# -- swapping directories --------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2() -> Any:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return fn


_EXCHANGE = _renameat2()


def _swap(nieuw: Path, doel: Path) -> None:
    """Put the folder ``nieuw`` at ``doel`` in one step; the old folder takes ``nieuw``'s place.

    Where the system cannot exchange two names atomically, the old folder is first renamed
    into staging: for that moment ``doel`` is missing (never mixed), and the journal lets the
    next build finish."""
    if not os.path.lexists(doel):
        os.rename(nieuw, doel)
        return
    if _EXCHANGE is not None:
        if _EXCHANGE(_AT_FDCWD, os.fsencode(nieuw), _AT_FDCWD, os.fsencode(doel), _RENAME_EXCHANGE) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise OSError(err, os.strerror(err), str(doel))
    if not doel.is_dir() or doel.is_symlink():
        raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(doel))
    oud = nieuw.with_name(nieuw.name + ".oud")
    os.rename(doel, oud)
    os.rename(nieuw, doel)
    os.rename(oud, nieuw)


class _signals_held:
    """SIGINT and SIGTERM wait while the folders are swapped (a few renames), so an
    interrupted build is either not published or completely published, and knows which;
    a signal that came meanwhile is delivered right after."""

    def __enter__(self) -> None:
        self.received: list[int] = []
        self._old: dict[int, Any] = {}
        if threading.current_thread() is threading.main_thread():
            for s in (signal.SIGINT, signal.SIGTERM):
                self._old[s] = signal.signal(s, lambda n, _f: self.received.append(n))

    def __exit__(self, *exc: object) -> None:
        for s, handler in self._old.items():
            signal.signal(s, handler)
        if self.received:
            os.kill(os.getpid(), self.received[0])


# -- the next build: finish what a killed one left -------------------------------------------

def herstel(root: Path) -> list[str]:
    """Complete a publication a killed build left half done, and remove stale staging
    folders; returns the agreements that were published now."""
    done: list[str] = []
    journal_path = root / JOURNAAL
    if journal_path.exists():
        try:
            journaal = json.loads(journal_path.read_text(encoding="utf-8"))
            staging = root / str(journaal["staging"])
            mappen = dict(journaal["mappen"])
        except (ValueError, KeyError, TypeError):  # written atomically: only a hand-edited one
            mappen, staging = {}, root
        for naam, ino in mappen.items():
            doel, nieuw = root / naam, staging / naam
            if _ino(doel) == ino:
                continue
            if _ino(nieuw) == ino:
                _swap(nieuw, doel)
                done.append(naam)
        os.unlink(journal_path)
    for entry in os.scandir(root):
        if entry.name.startswith(STAGING_PREFIX) and entry.name != JOURNAAL:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    return done


def _ino(path: Path) -> int | None:
    try:
        return os.stat(path, follow_symlinks=False).st_ino
    except OSError:
        return None


