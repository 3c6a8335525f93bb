"""Write: a whole build published in one step, and the repair the next build does first.

An output folder (``build/``) holds the agreements' files behind one pointer::

    build/<overeenkomst>                          → .prestatie/huidig/<overeenkomst>   (fixed)
    build/.prestatie/huidig                       → generaties/<n>        (the one pointer)
    build/.prestatie/generaties/<n>/<overeenkomst> → ../../mappen/<overeenkomst>.<m>
    build/.prestatie/mappen/<overeenkomst>.<m>/   one agreement's files, never changed again

All links are relative, so the folder can be moved or copied with its links. A build assembles
a new folder in ``mappen/`` for each agreement that changed, makes generation ``n`` (links to
the new folders, and to the current folders of every other agreement), and then renames a new
pointer over ``huidig``: one atomic step switches every agreement at once. A reader sees the
previous build or the new one, never a mix, whatever moment the process dies. Afterwards the
generations and folders nothing points at are removed, by this build or else by the next.

Where the file system has no symbolic links, each agreement's folder is swapped on its own
(an atomic exchange on Linux) under a journal the next build completes: every folder is then
whole, but for a moment some may be new and some old.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import signal
import threading
from pathlib import Path
from typing import Any, Callable

from ..core.errors import SchrijfFout, display_path, os_melding
from ..core.manifest import MANIFEST

STAGING_PREFIX = ".prestatie-"
"""Hidden work folders of a running build; the next build removes any it finds."""
JOURNAAL = ".prestatie-journaal.json"
HUIS = ".prestatie"
"""The folder behind the links: generations, agreement folders and the pointer."""
HUIDIG, GENERATIES, MAPPEN = "huidig", "generaties", "mappen"
ONAANGETAST = "de vorige build is onaangetast"

_ALGEMEEN = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EIO)
"""Errors that say writing fails, not that the file system has no symbolic links."""


def fout(waar: Path, e: OSError, toestand: str = ONAANGETAST) -> SchrijfFout:
    return SchrijfFout(f"kan niet schrijven in '{display_path(waar)}' ({os_melding(e)}); {toestand}")


# -- the generations ---------------------------------------------------------------------------

def _link(naam: str) -> str:
    return f"{HUIS}/{HUIDIG}/{naam}"


def _ons(path: Path) -> bool:
    """``path`` is the fixed link of its agreement into the current generation."""
    try:
        return os.readlink(path) == _link(path.name)
    except OSError:
        return False


def symlinks_kunnen(root: Path) -> bool:
    """Whether this output folder can publish by a pointer (symbolic links work here)."""
    if os.path.islink(root / HUIS / HUIDIG):
        return True
    proef = root / f"{STAGING_PREFIX}proef-{os.getpid()}"
    try:
        os.symlink(HUIS, proef)
    except NotImplementedError:  # a platform without symbolic links: the per-folder fallback
        return False
    except OSError as e:
        if e.errno in _ALGEMEEN:
            raise
        return False
    os.unlink(proef)
    return True


def huidige(root: Path) -> tuple[str | None, dict[str, str]]:
    """The current generation's name and, per agreement, the name of its folder in ``mappen``."""
    huis = root / HUIS
    try:
        naam = os.readlink(huis / HUIDIG).rpartition("/")[2]
    except FileNotFoundError:
        return None, {}
    inhoud: dict[str, str] = {}
    try:
        for entry in os.scandir(huis / GENERATIES / naam):
            if entry.is_symlink():
                inhoud[entry.name] = os.readlink(entry.path).rpartition("/")[2]
    except FileNotFoundError:  # a pointer to nothing: nothing is published
        pass
    return naam, inhoud


def _nummer(naam: str) -> int:
    tail = naam.rpartition(".")[2]
    return int(tail) if tail.isdigit() else 0


class Generaties:
    """The next generation of one output folder: where its new agreement folders go, and the
    switch that publishes them together with every unchanged agreement."""

    def __init__(self, root: Path):
        self.root = root
        self.huis = root / HUIS
        self.huidig, self.inhoud = huidige(root)
        bestaand = [
            _nummer(e.name) for sub in (GENERATIES, MAPPEN) if (self.huis / sub).is_dir()
            for e in os.scandir(self.huis / sub)
        ]
        self.nummer = max(bestaand, default=0) + 1

    def map_voor(self, naam: str) -> Path:
        """Where this generation's new folder of agreement ``naam`` is assembled."""
        os.makedirs(self.huis / MAPPEN, exist_ok=True)
        return self.huis / MAPPEN / f"{naam}.{self.nummer}"

    def publiceer(self, nieuw: dict[str, Path], klaar: Callable[[], None],
                  daarna: str = "de nieuwe build is gepubliceerd") -> None:
        """Make the generation (the new folders, and every other agreement still linked from
        ``build/`` as it is) and switch the pointer to it; ``klaar`` is called right after.
        New agreements get their link before the switch: until then it leads nowhere, as the
        previous build had no such agreement."""
        inhoud = {n: m for n, m in self.inhoud.items() if n not in nieuw and _ons(self.root / n)}
        inhoud.update({n: p.name for n, p in nieuw.items()})
        gen = self.huis / GENERATIES / str(self.nummer)
        wijzer = self.huis / f"{HUIDIG}.{self.nummer}"
        gemaakt: list[Path] = []
        try:
            os.makedirs(gen)
            for naam, folder in sorted(inhoud.items()):
                os.symlink(f"../../{MAPPEN}/{folder}", gen / naam)
            for naam in sorted(nieuw):
                if not os.path.lexists(self.root / naam):
                    os.symlink(_link(naam), self.root / naam)
                    gemaakt.append(self.root / naam)
            os.symlink(f"{GENERATIES}/{self.nummer}", wijzer)
            os.replace(wijzer, self.huis / HUIDIG)  # the switch: every agreement at once
        except OSError as e:
            for path in gemaakt:
                _weg(path)
            raise fout(self.root, e) from None
        klaar()
        try:
            for naam in sorted(nieuw):  # a folder, file or other link where our link belongs
                if not _ons(self.root / naam):
                    _zet_link(self.root, naam)
        except OSError as e:
            raise fout(self.root, e, f"{daarna}, maar niet elke map in de uitvoermap wijst er al naar; "
                                     "de volgende build maakt het af") from None
        try:
            opruimen(self.root)
        except OSError:  # what is left, the next build removes
            pass


def _zet_link(root: Path, naam: str) -> None:
    """Put the fixed link at ``build/<naam>`` in one step; a folder there (an older layout, or
    made by hand) is exchanged with it and then removed."""
    tmp = root / f"{STAGING_PREFIX}link-{naam}"
    _weg(tmp)
    os.symlink(_link(naam), tmp)
    doel = root / naam
    if doel.is_dir() and not doel.is_symlink():
        _swap(tmp, doel)
        shutil.rmtree(tmp)  # now the old folder
    else:
        os.replace(tmp, doel)


def _weg(path: Path | str) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass


def opruimen(root: Path) -> None:
    """Remove the generations and agreement folders the pointer does not reach, a pointer a
    killed build left half made, and links in ``build/`` to agreements no generation has."""
    huis = root / HUIS
    if not huis.is_dir() or huis.is_symlink():
        return
    huidig, inhoud = huidige(root)
    for entry in os.scandir(huis):
        if entry.name not in (HUIDIG, GENERATIES, MAPPEN):
            _weg(entry.path)
    for sub, houden in ((GENERATIES, {huidig}), (MAPPEN, set(inhoud.values()))):
        if (huis / sub).is_dir():
            for entry in os.scandir(huis / sub):
                if entry.name not in houden:
                    _weg(entry.path)
    for entry in os.scandir(root):
        if entry.name not in inhoud and _ons(Path(entry.path)):
            os.unlink(entry.path)


def migreer(root: Path, namen: list[str]) -> None:
    """Real folders ``build/<naam>`` (written before publication had generations, or made by
    hand) become agreement folders of a new generation: their files are linked (not copied)
    into ``mappen``, the pointer switches, and then each name becomes its link in one exchange.
    A reader sees the same files throughout."""
    if not namen:
        return
    gen = Generaties(root)
    nieuw = {}
    for naam in namen:
        nieuw[naam] = gen.map_voor(naam)
        shutil.copytree(root / naam, nieuw[naam], symlinks=True, copy_function=link_or_copy)
    gen.publiceer(nieuw, lambda: None, ONAANGETAST)


def oude_mappen(root: Path) -> list[str]:
    """Agreement folders of the older layout: real folders with a manifest."""
    return sorted(
        e.name for e in os.scandir(root)
        if not e.name.startswith(".") and e.is_dir(follow_symlinks=False) and os.path.isfile(Path(e.path) / MANIFEST)
    )


def link_or_copy(src: Any, dst: Any) -> Any:
    """A hard link (no bytes copied; a published file is never written again, only replaced
    by a new generation), or a copy where the file system has no links."""
    try:
        os.link(src, dst)
    except OSError as e:
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        shutil.copy2(src, dst)
    return dst


# -- without symbolic links: each folder swapped on its own, under a journal -------------------

def wissel_per_map(root: Path, staging: Path, te_wisselen: list[tuple[Path, Path]], klaar: Callable[[], None]) -> None:
    """Swap each assembled folder with the published one; a journal names them first, so the
    next build completes a swap this one could not finish."""
    journaal = {"staging": staging.name, "mappen": {doel.name: os.stat(nieuw).st_ino for nieuw, doel in te_wisselen}}
    try:
        _write_atomic(root / JOURNAAL, json.dumps(journaal).encode())
    except OSError as e:
        raise fout(root, e) from None
    gedaan: list[str] = []
    try:
        for nieuw, doel in te_wisselen:
            _swap(nieuw, doel)
            gedaan.append(doel.name)
        os.unlink(root / JOURNAAL)
    except OSError as e:
        rest = [d.name for _, d in te_wisselen if d.name not in gedaan]
        raise fout(
            root, e,
            ("nieuw gepubliceerd: " + ", ".join(gedaan) + "; " if gedaan else "")
            + "nog de vorige build: " + ", ".join(rest)
            + "; elke map is in zijn geheel oud of nieuw, en de volgende build maakt het af",
        ) from None
    klaar()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


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
    """Put ``nieuw`` at ``doel`` in one step (Linux: renameat2); the old one takes ``nieuw``'s place.

    Where the system cannot exchange two names atomically, the old folder is first renamed
    aside: for that moment ``doel`` is missing (never mixed)."""
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


class signals_held:
    """SIGINT and SIGTERM wait during the switch, so an interrupted build is either not
    published or completely published, and knows which; a signal that came meanwhile is
    delivered right after."""

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


# -- the next build: finish or remove what a killed one left ----------------------------------

def herstel(root: Path) -> None:
    """Complete a journal a killed build left (only without symbolic links), then remove stale
    staging, unreferenced generations and folders, and bring folders of the older layout under
    the pointer. Only the journal changes what a reader sees."""
    journal_path = root / JOURNAAL
    if journal_path.exists():
        try:
            _herstel_journaal(root, journal_path)
        except OSError as e:
            raise fout(root, e, "een eerder afgebroken build kon niet worden afgemaakt") from None
    try:
        for entry in os.scandir(root):
            if entry.name.startswith(STAGING_PREFIX) and entry.name != JOURNAAL:
                _weg(entry.path)
        opruimen(root)
        oud = oude_mappen(root)
        if oud and symlinks_kunnen(root):
            migreer(root, oud)
    except OSError as e:
        raise fout(root, e) from None


def _herstel_journaal(root: Path, journal_path: Path) -> None:
    try:
        journaal = json.loads(journal_path.read_text(encoding="utf-8"))
        staging = root / str(journaal["staging"])
        mappen = dict(journaal["mappen"])
    except (ValueError, KeyError, TypeError):  # written atomically: only a hand-edited one
        mappen, staging = {}, root
    for naam, ino in mappen.items():
        doel, nieuw = root / naam, staging / naam
        if _ino(doel) != ino and _ino(nieuw) == ino:
            _swap(nieuw, doel)
    os.unlink(journal_path)


def _ino(path: Path) -> int | None:
    try:
        return os.stat(path, follow_symlinks=False).st_ino
    except OSError:
        return None
