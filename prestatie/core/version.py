"""Which version a build is, and when it was made: YAML versie, git commit, build date.

The build date is ``SOURCE_DATE_EPOCH`` when set, else the commit date in a git checkout,
else today (at midnight UTC, so that rebuilds on one day stay identical). Each agreement's
documents carry a date of their own (``voor_map``): the last commit that changed that
agreement's files, else the last change of those files; ``SOURCE_DATE_EPOCH`` still wins.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from . import opmaak
from .errors import GebruiksFout


@dataclass(frozen=True)
class Bouwinfo:
    """What every document of one build says about its origin."""

    commit: str | None
    """``git describe --always`` of the sources, or None outside git."""
    datum: dt.datetime
    """Build date, UTC."""
    datum_bron: str
    """Where the date came from: SOURCE_DATE_EPOCH, commit or vandaag."""
    gewijzigd: frozenset[str] = frozenset()
    """Absolute paths of the sources that differ from the commit or are untracked."""
    sjablonen_gewijzigd: bool = False
    """True when a file in the project's sjablonen/ (templates, house style) is not as committed."""

    @property
    def dirty(self) -> bool:
        return bool(self.commit and (self.gewijzigd or self.sjablonen_gewijzigd))

    def voor_map(self, map: Path) -> "Bouwinfo":
        """This build as one agreement's documents see it: dated by that agreement's own sources
        (never by the build day or by a commit that changed other files)."""
        if self.datum_bron in ("SOURCE_DATE_EPOCH", "check"):
            return self
        datum, bron = bronnen_datum(map)
        return replace(self, datum=datum, datum_bron=bron) if datum is not None else self

    def openbare_versie(self, versie: str, getekend: dt.date | None) -> str:
        """'1.0, 15 februari 2022': the version with the date of signing, or of the build
        while the agreement is not signed; what a reader sees (the commit is provenance)."""
        return versie_tekst(versie, getekend or self.datum.date())

    def niet_vastgelegd(self, bestanden: Iterable[Path | str]) -> bool:
        """True when the templates, or one of ``bestanden`` (the sources a document was built
        from), are not as committed."""
        if not self.commit:
            return False
        return self.sjablonen_gewijzigd or any(str(Path(b).resolve()) in self.gewijzigd for b in bestanden)

    def versie(self, versie: str, bestanden: Iterable[Path | str] | None = None) -> str:
        """'1.0' → '1.0 (a1b2c3d)' inside git; '1.0 (a1b2c3d, niet vastgelegd)' when a file it was
        built from (``bestanden``; default: any source or template) is changed or untracked."""
        if not self.commit:
            return versie
        dirty = self.dirty if bestanden is None else self.niet_vastgelegd(bestanden)
        if dirty:
            return f"{versie} ({self.commit}, niet vastgelegd)"
        return f"{versie} ({self.commit})"


def bronnen_datum(map: Path) -> tuple[dt.datetime | None, str]:
    """The date of one agreement's sources: the last commit that changed a file under ``map``
    (uncommitted changes: their last change), else the last change of its files."""
    files = [f for f in map.rglob("*") if f.is_file()] if map.is_dir() else []
    changed = changed_files([map]) if files else frozenset()
    stamp = _git(["log", "-1", "--format=%ct", "--", "."], map) if map.is_dir() else None
    if stamp and stamp.isdigit() and not changed:
        return dt.datetime.fromtimestamp(int(stamp), tz=dt.timezone.utc), "commit"
    if not files:
        return None, ""
    newest = max(f.stat().st_mtime for f in files)
    moment = dt.datetime.fromtimestamp(int(newest), tz=dt.timezone.utc)
    return moment.replace(hour=0, minute=0, second=0), "bronnen"


def versie_tekst(versie: str, datum: dt.date) -> str:
    """The version as a reader sees it: '1.0, 15 februari 2022' (no commit: that is provenance)."""
    return f"{versie}, {opmaak.datum(datum)}"


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=10,
            env={**os.environ, "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else None


def source_date_epoch(value: str | None) -> dt.datetime | None:
    """Parse SOURCE_DATE_EPOCH (seconds since 1970, UTC); a malformed value is a clear error."""
    if value is None or value == "":
        return None
    text = value.strip()
    if not text.isdigit():
        raise GebruiksFout(
            f"SOURCE_DATE_EPOCH='{value}' is geen geheel aantal seconden sinds 1970; "
            "zet bijvoorbeeld SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"
        )
    try:
        return dt.datetime.fromtimestamp(int(text), tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise GebruiksFout(f"SOURCE_DATE_EPOCH='{value}' ligt buiten het bereik van een datum") from None


def changed_files(folders: Iterable[Path], ignored: bool = True) -> frozenset[str]:
    """Files under ``folders`` that differ from the commit: modified, added, deleted, untracked and
    (with ``ignored``) ignored ones: an ignored source is not in the commit either. Other files of
    the repository don't count."""
    inside = [f.resolve() for f in folders if f.exists()]
    if not inside:
        return frozenset()
    top = _git(["rev-parse", "--show-toplevel"], inside[0] if inside[0].is_dir() else inside[0].parent)
    if top is None:
        return frozenset()
    root = Path(top).resolve()
    specs = []
    for f in inside:
        try:
            specs.append(":(literal)" + (f.relative_to(root).as_posix() or "."))
        except ValueError:  # outside this repository (the packaged default templates)
            continue
    if not specs:
        return frozenset()
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain=v1", "-z", "--untracked-files=all",
             "--ignored=matching" if ignored else "--ignored=no", "--", *specs],
            cwd=root,
            capture_output=True,
            timeout=20,
            env={**os.environ, "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if out.returncode != 0:
        return frozenset()
    entries = out.stdout.decode("utf-8", "surrogateescape").split("\0")
    changed = set()
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        status, name = entry[:2], entry[3:]
        changed.add(str((root / name).resolve()))
        if "R" in status or "C" in status:  # a rename names its old path next
            changed.add(str((root / entries[i]).resolve()))
            i += 1
    return frozenset(changed)


def bouwinfo(bron: Path, now: dt.datetime | None = None, sjablonen: Iterable[Path] = ()) -> Bouwinfo:
    """Version and date for a build of the sources under ``bron`` with the templates in ``sjablonen``."""
    epoch = source_date_epoch(os.environ.get("SOURCE_DATE_EPOCH"))
    folder = bron if bron.is_dir() else bron.parent
    commit = _git(["describe", "--always", "--abbrev=7"], folder)
    gewijzigd = changed_files([bron]) if commit else frozenset()
    # Templates: a default template inside an ignored virtual environment is no house style.
    templates = bool(changed_files(sjablonen, ignored=False)) if commit else False
    if epoch is not None:
        return Bouwinfo(commit, epoch, "SOURCE_DATE_EPOCH", gewijzigd, templates)
    if commit:
        stamp = _git(["log", "-1", "--format=%ct"], folder)
        if stamp and stamp.isdigit():
            datum = dt.datetime.fromtimestamp(int(stamp), tz=dt.timezone.utc)
            return Bouwinfo(commit, datum, "commit", gewijzigd, templates)
    today = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    midnight = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    return Bouwinfo(commit, midnight, "vandaag", gewijzigd, templates)
