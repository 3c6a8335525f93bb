"""Write: each agreement's folder published in one step, and the repair the next build does first.

An output folder (``build/``) holds one plain folder per agreement, ``build/<overeenkomst>/``,
with each document once: zip it, copy it or open it from a share and every file is there once,
with nothing hidden beside it.

A build assembles each changed agreement's complete new folder in a hidden staging folder
inside the output folder (``build/.prestatie-…``), writes a journal naming those folders, and
exchanges each new folder with the published one in one step (``renameat2`` with
``RENAME_EXCHANGE`` on Linux; elsewhere two renames, so that for a moment the folder is
missing, never mixed). The previous folders end up in the staging folder, which is removed
right after. A reader sees each agreement's folder whole: the previous build or the new one.
The next build completes a journal a killed build left, removes any staging, and turns the
older layout (each folder a link into ``build/.prestatie/``) into plain folders.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable

from ..core.errors import SchrijfFout, display_path, os_melding

STAGING_PREFIX = ".prestatie-"
"""Hidden work folders of a running build; the next build removes any it finds."""
JOURNAAL = ".prestatie-journaal.json"
OUD_HUIS = ".prestatie"
"""Where the older layout kept the agreements' files behind links."""
ONAANGETAST = "de vorige build is onaangetast"


def fout(waar: Path, e: OSError, toestand: str = ONAANGETAST) -> SchrijfFout:
    return SchrijfFout(f"kan niet schrijven in '{display_path(waar)}' ({os_melding(e)}); {toestand}")


def link_or_copy(src: Any, dst: Any) -> Any:
    """A hard link (no bytes copied; a published file is never written again, only replaced
    by a new folder), or a copy where the file system has no links."""
    try:
        os.link(src, dst)
    except OSError as e:
        if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        shutil.copy2(src, dst)
    return dst


def _weg(path: Path | str) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass


# -- the switch: each folder exchanged whole, under a journal ---------------------------------

def wissel(root: Path, staging: Path, te_wisselen: list[tuple[Path, Path]], klaar: Callable[[], None]) -> None:
    """Exchange each assembled folder with the published one; a journal names them first, so
    the next build completes an exchange this one could not finish."""
    journaal = {"staging": staging.relative_to(root).as_posix(),
                "mappen": {doel.name: os.stat(nieuw).st_ino for nieuw, doel in te_wisselen}}
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
    oud = nieuw.with_name(nieuw.name + ".oud")
    if doel.is_symlink() or not doel.is_dir():  # a link of the older layout: only a name
        os.unlink(doel)
        os.rename(nieuw, doel)
        return
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
    """Complete a journal a killed build left, then remove stale staging and turn the older
    layout into plain folders. Only the journal changes which build a reader sees."""
    journal_path = root / JOURNAAL
    if journal_path.exists():
        try:
            _herstel_journaal(root, journal_path)
        except OSError as e:
            raise fout(root, e, "een eerder afgebroken build kon niet worden afgemaakt") from None
    try:
        for entry in os.scandir(root):
            if entry.name.startswith(STAGING_PREFIX):
                _weg(entry.path)
        _plain_folders(root)
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


def _plain_folders(root: Path) -> None:
    """The older layout (``build/<naam>`` a link to ``.prestatie/huidig/<naam>``): each link is
    exchanged in one step with a plain folder of the same files, then ``.prestatie`` goes."""
    huis = root / OUD_HUIS
    if not huis.is_dir() or huis.is_symlink():
        return
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        try:
            ours = entry.is_symlink() and os.readlink(entry.path) == f"{OUD_HUIS}/huidig/{entry.name}"
        except OSError:
            ours = False
        if not ours:
            continue
        if os.path.isdir(entry.path):
            nieuw = staging / entry.name
            shutil.copytree(os.path.realpath(entry.path), nieuw, symlinks=True, copy_function=link_or_copy)
            _swap(nieuw, Path(entry.path))
        else:  # a link that leads nowhere: nothing was published under it
            os.unlink(entry.path)
    shutil.rmtree(staging)
    shutil.rmtree(huis)
