"""Everything a user can cause, as one small family: places, findings, exceptions, exit codes.

Validation collects findings (errors and warnings, each with file, line and column) and
reports them all at once, sorted; only a bug in prestatie itself shows a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path


class Exitcode(IntEnum):
    """Exit codes of the command line, documented in README."""

    OK = 0
    """Everything checked or built cleanly."""
    FOUT = 1
    """Errors in the sources or templates (or warnings under --streng); nothing was written."""
    GEBRUIK = 2
    """Wrong usage: an unknown option, a folder that does not exist."""


@dataclass(frozen=True, order=True, slots=True)
class Plaats:
    """A position in a source file; line and column count from 1."""

    bestand: str
    regel: int = 0
    kolom: int = 0

    def __str__(self) -> str:
        if self.regel:
            return f"{self.bestand}:{self.regel}:{self.kolom or 1}"
        return self.bestand


@dataclass(frozen=True)
class Bevinding:
    """One problem found in the sources: an error stops the build, a warning does not."""

    plaats: Plaats
    bericht: str
    ernst: str = "fout"  # "fout" or "waarschuwing"

    @property
    def is_fout(self) -> bool:
        return self.ernst == "fout"

    def __str__(self) -> str:
        return f"{self.plaats}: {self.ernst}: {self.bericht}"

    def sort_key(self) -> tuple:
        return (self.plaats.bestand, self.plaats.regel, self.plaats.kolom, self.bericht)


@dataclass
class Rapport:
    """All findings of one run; owns the exit code."""

    bevindingen: list[Bevinding] = field(default_factory=list)

    def fout(self, plaats: Plaats, bericht: str) -> None:
        self.bevindingen.append(Bevinding(plaats, bericht, "fout"))

    def waarschuwing(self, plaats: Plaats, bericht: str) -> None:
        self.bevindingen.append(Bevinding(plaats, bericht, "waarschuwing"))

    def extend(self, other: "Rapport") -> None:
        self.bevindingen.extend(other.bevindingen)

    @property
    def fouten(self) -> list[Bevinding]:
        return [b for b in self.gesorteerd() if b.is_fout]

    @property
    def waarschuwingen(self) -> list[Bevinding]:
        return [b for b in self.gesorteerd() if not b.is_fout]

    def gesorteerd(self) -> list[Bevinding]:
        unique = {(b.plaats, b.bericht, b.ernst): b for b in self.bevindingen}
        return sorted(unique.values(), key=Bevinding.sort_key)

    def geslaagd(self, streng: bool = False) -> bool:
        return not self.fouten and not (streng and self.waarschuwingen)

    def exitcode(self, streng: bool = False) -> Exitcode:
        return Exitcode.OK if self.geslaagd(streng) else Exitcode.FOUT


class PrestatieFout(Exception):
    """Base of every error a user can cause; the CLI prints it without a traceback."""

    def __init__(self, bericht: str, plaats: Plaats | None = None):
        super().__init__(bericht)
        self.bericht = bericht
        self.plaats = plaats

    def __str__(self) -> str:
        return f"{self.plaats}: {self.bericht}" if self.plaats else self.bericht


class BronFout(PrestatieFout):
    """Raised when the sources hold errors; carries the full report."""

    def __init__(self, rapport: Rapport, streng: bool = False):
        self.rapport = rapport
        n = len(rapport.fouten) + (len(rapport.waarschuwingen) if streng else 0)
        super().__init__(f"{n} {'fout' if n == 1 else 'fouten'} in de bronnen; er is niets geschreven")


class SjabloonFout(PrestatieFout):
    """Raised when a template cannot be found, parsed or rendered."""


class HuisstijlFout(PrestatieFout):
    """Raised when the reference .docx lacks a style the Word writer needs."""


class SchrijfFout(PrestatieFout):
    """Raised when output cannot be written; the previous build is left as it was."""


class GebruiksFout(PrestatieFout):
    """Raised for wrong usage: a missing folder, an unknown format, a bad environment value."""


def display_path(path: Path | str, base: Path | None = None) -> str:
    """A path as the user should see it: relative to the working folder when inside it."""
    p = Path(path)
    try:
        return os.path.relpath(p, base or Path.cwd()) if p.is_absolute() else str(p)
    except ValueError:
        return str(p)
