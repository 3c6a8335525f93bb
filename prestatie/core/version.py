"""Which version a build is, and when it was made: YAML versie, git commit, build date.

The build date is ``SOURCE_DATE_EPOCH`` when set, else the commit date in a git checkout,
else today (at midnight UTC, so that rebuilds on one day stay identical).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import opmaak
from .errors import GebruiksFout


@dataclass(frozen=True)
class Bouwinfo:
    """What every document of one build says about its origin."""

    commit: str | None
    """``git describe --always --dirty`` of the sources, or None outside git."""
    datum: dt.datetime
    """Build date, UTC."""
    datum_bron: str
    """Where the date came from: SOURCE_DATE_EPOCH, commit or vandaag."""

    @property
    def dirty(self) -> bool:
        return bool(self.commit and self.commit.endswith("-dirty"))

    def openbare_versie(self, versie: str, getekend: dt.date | None) -> str:
        """'1.0, 15 februari 2022': the version with the date of signing, or of the build
        while the agreement is not signed; what a reader sees (the commit is provenance)."""
        return versie_tekst(versie, getekend or self.datum.date())

    def versie(self, versie: str) -> str:
        """'1.0' → '1.0 (a1b2c3d)' inside git; '1.0 (a1b2c3d, niet vastgelegd)' from a dirty tree."""
        if not self.commit:
            return versie
        if self.dirty:
            return f"{versie} ({self.commit.removesuffix('-dirty')}, niet vastgelegd)"
        return f"{versie} ({self.commit})"


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


def bouwinfo(bron: Path, now: dt.datetime | None = None) -> Bouwinfo:
    """Version and date for a build of the sources under ``bron``."""
    epoch = source_date_epoch(os.environ.get("SOURCE_DATE_EPOCH"))
    folder = bron if bron.is_dir() else bron.parent
    commit = _git(["describe", "--always", "--dirty", "--abbrev=7"], folder)
    if epoch is not None:
        return Bouwinfo(commit, epoch, "SOURCE_DATE_EPOCH")
    if commit:
        stamp = _git(["log", "-1", "--format=%ct"], folder)
        if stamp and stamp.isdigit():
            return Bouwinfo(commit, dt.datetime.fromtimestamp(int(stamp), tz=dt.timezone.utc), "commit")
    today = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    midnight = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    return Bouwinfo(commit, midnight, "vandaag")
