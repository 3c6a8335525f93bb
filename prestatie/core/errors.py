"""Everything a user can cause, as one small family: places, findings, exceptions, exit codes.

Validation collects findings (errors and warnings, each with file, line and column) and
reports them all at once, sorted; only a bug in prestatie itself shows a traceback.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any


class Exitcode(IntEnum):
    """Exit codes of the command line, documented in README."""

    OK = 0
    """Everything checked or built cleanly."""
    FOUT = 1
    """Errors in the sources or templates (or warnings under --streng); nothing was written."""
    GEBRUIK = 2
    """Wrong usage: an unknown option, a folder that does not exist."""
    ONDERBROKEN = 130
    """Stopped with Ctrl-C (SIGINT): 128 + the signal's number, as shells do."""
    GESTOPT = 143
    """Stopped with SIGTERM (a service manager, a CI time limit): 128 + 15."""


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
    ernst: str = "fout"  # "fout", "waarschuwing" or "informatie"
    cijfers: dict[str, Any] | None = field(default=None, compare=False, hash=False)
    """Figures behind a finding of information (plain language), for the JSON output."""

    @property
    def is_fout(self) -> bool:
        return self.ernst == "fout"

    @property
    def is_informatie(self) -> bool:
        """Information only: never an error, not even with --streng."""
        return self.ernst == "informatie"

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

    def informatie(self, plaats: Plaats, bericht: str, cijfers: dict[str, Any] | None = None) -> None:
        self.bevindingen.append(Bevinding(plaats, bericht, "informatie", cijfers))

    def extend(self, other: "Rapport") -> None:
        self.bevindingen.extend(other.bevindingen)

    @property
    def fouten(self) -> list[Bevinding]:
        return [b for b in self.gesorteerd() if b.is_fout]

    @property
    def waarschuwingen(self) -> list[Bevinding]:
        return [b for b in self.gesorteerd() if b.ernst == "waarschuwing"]

    @property
    def informaties(self) -> list[Bevinding]:
        return [b for b in self.gesorteerd() if b.is_informatie]

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

    def __init__(self, rapport: Rapport, streng: bool = False, resultaat: object | None = None):
        self.rapport = rapport
        self.resultaat = resultaat
        """The build's result when the agreements without errors were built and published."""
        n = len(rapport.fouten) + (len(rapport.waarschuwingen) if streng else 0)
        toestand = ("de overeenkomsten zonder fouten zijn gebouwd" if resultaat is not None
                    else "er is niets geschreven")
        super().__init__(f"{n} {'fout' if n == 1 else 'fouten'} in de bronnen; {toestand}")


class SjabloonFout(PrestatieFout):
    """Raised when a template cannot be found, parsed or rendered."""


class HuisstijlFout(PrestatieFout):
    """Raised when the reference .docx lacks a style the Word writer needs."""


class SchrijfFout(PrestatieFout):
    """Raised when output cannot be written; the previous build is left as it was."""


class Onderbroken(BaseException):
    """The build was stopped by SIGINT (Ctrl-C) or SIGTERM. Like KeyboardInterrupt it is no
    ``Exception``, so nothing on the way swallows it; it knows whether the new build was
    already published when the signal came."""

    def __init__(self, signum: int, gepubliceerd: bool = False):
        super().__init__(signum)
        self.signum = signum
        self.gepubliceerd = gepubliceerd

    @property
    def toestand(self) -> str:
        if self.gepubliceerd:
            return "de nieuwe build was al volledig gepubliceerd"
        return "de vorige build is onaangetast"


class GebruiksFout(PrestatieFout):
    """Raised for wrong usage: a missing folder, an unknown format, a bad environment value."""


def display_path(path: Path | str, base: Path | None = None) -> str:
    """A path as the user should see it: relative to the working folder when inside it."""
    p = Path(path)
    try:
        shown = os.path.relpath(p, base or Path.cwd()) if p.is_absolute() else str(p)
    except (ValueError, OSError):  # another drive, or the working folder is gone
        shown = str(p)
    return veilige_naam(shown)


_OS_MELDINGEN = {
    "ENOENT": "het bestand of de map bestaat niet",
    "EACCES": "geen toestemming",
    "EPERM": "deze handeling is niet toegestaan",
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "de schijfruimte (quotum) is op",
    "EROFS": "de schijf is alleen-lezen",
    "EEXIST": "het bestand bestaat al",
    "ENOTDIR": "een deel van het pad is geen map",
    "EISDIR": "dit is een map, geen bestand",
    "ENOTEMPTY": "de map is niet leeg",
    "EBUSY": "het bestand is in gebruik",
    "ETXTBSY": "het bestand is in gebruik",
    "EMFILE": "te veel geopende bestanden",
    "ENFILE": "te veel geopende bestanden",
    "ENAMETOOLONG": "de bestandsnaam is te lang",
    "ELOOP": "te veel symbolische koppelingen (een lus?)",
    "EIO": "lees- of schrijffout van het apparaat",
    "EXDEV": "verplaatsen tussen verschillende schijven kan niet",
    "EFBIG": "het bestand is te groot",
    "ENOMEM": "onvoldoende geheugen",
    "EINVAL": "ongeldige waarde voor het besturingssysteem",
    "ENXIO": "het apparaat bestaat niet",
    "ENODEV": "het apparaat bestaat niet",
    "EAGAIN": "tijdelijk niet beschikbaar; probeer het opnieuw",
    "EINTR": "onderbroken",
    "ESTALE": "de netwerkkoppeling is verlopen",
    "ETIMEDOUT": "de verbinding duurde te lang",
    "EADDRINUSE": "het adres is al in gebruik",
    "EADDRNOTAVAIL": "het adres is niet beschikbaar",
    "EILSEQ": "ongeldige tekens in de naam",
}


def os_melding(e: OSError) -> str:
    """An OS error in Dutch: what happened and where, never the machine's English text.

    The one place where error numbers become words; every message about a file uses it."""
    naam = errno.errorcode.get(e.errno or 0, "")
    tekst = _OS_MELDINGEN.get(naam, f"fout van het besturingssysteem{f' ({naam})' if naam else ''}")
    pad = e.filename if e.filename is not None else None
    if pad is not None:
        return f"{tekst}: '{display_path(pad if isinstance(pad, str) else os.fsdecode(pad))}'"
    return tekst


def is_koppelingslus(e: BaseException) -> bool:
    """Python before 3.13 reports a link loop met while resolving a path as RuntimeError."""
    return isinstance(e, RuntimeError) and str(e).startswith("Symlink loop")


def pad_melding(e: OSError | RuntimeError) -> str:
    """Why a path cannot be used, in Dutch: an OS error, or a loop of links."""
    if isinstance(e, OSError):
        return os_melding(e)
    pad = str(e).removeprefix("Symlink loop from ").strip("'")
    return f"symbolische koppelingen die in een kring naar elkaar wijzen: '{display_path(pad)}'"


def veilige_naam(text: str) -> str:
    """A file or folder name as it can be shown: bytes that are not UTF-8 (kept by Python as
    surrogates) shown as \\xNN, control characters (a newline in a folder name) as \\n or \\xNN."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
