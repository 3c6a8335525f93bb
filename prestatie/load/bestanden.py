"""Which files a project may hold in bron/ and sjablonen/: the policy on links and odd files.

A symbolic link may point anywhere inside the project (the folder that holds bron/), or inside
bron/ or sjablonen/ themselves; a link that leaves them is an error, in check and build alike,
so a shared folder, a home folder or /etc never ends up in a published document. A link that
points nowhere or in a loop is an error too. Every entry that is neither a folder nor a regular
file (a FIFO, a device, a socket) is an error: reading one could hang or never end.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..core.errors import Plaats, Rapport, display_path, veilige_naam

MAX_INGANGEN = 20_000
"""Entries looked at per folder tree; a tree larger than this is looked at no further."""


def _binnen(path: Path, roots: list[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


def controleer_bestanden(project: Path, mappen: list[Path], rapport: Rapport) -> None:
    """Report every link out of the project and every non-regular file in ``mappen``."""
    try:
        roots = [project.resolve()] + [m.resolve() for m in mappen if m.is_dir()]
    except (OSError, RuntimeError):
        return  # the folders themselves are checked where they are found
    for map_ in mappen:
        if not map_.is_dir():
            continue
        gezien = 0
        for top, dirs, files in os.walk(map_, followlinks=False):
            for naam in sorted(dirs + files):
                gezien += 1
                if gezien > MAX_INGANGEN:
                    return
                _controleer(Path(top) / naam, roots, rapport)
            dirs[:] = [d for d in dirs if not (Path(top) / d).is_symlink()]


def _controleer(path: Path, roots: list[Path], rapport: Rapport) -> None:
    waar = Plaats(display_path(path))
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            doel = path.resolve(strict=True)
            if not _binnen(doel, roots):
                rapport.fout(waar, f"is een koppeling naar '{veilige_naam(str(doel))}', buiten het project; "
                             "prestatie leest alleen bestanden in het project. Kopieer het bestand in het project")
                return
            info = doel.stat()
    except (OSError, RuntimeError):
        rapport.fout(waar, "is een koppeling die nergens heen wijst (of in een kring); verwijder of herstel hem")
        return
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        soort = ("een FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "een apparaat"
                 if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "een socket"
                 if stat.S_ISSOCK(info.st_mode) else "geen gewoon bestand")
        rapport.fout(waar, f"is {soort}, geen gewoon bestand; prestatie leest alleen gewone bestanden")
