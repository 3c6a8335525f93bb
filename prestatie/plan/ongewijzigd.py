"""What a build need not do again: agreements and files as the last build left them.

Two things are remembered between builds, in one file in the output folder
(``.bouwgeheugen.json``, written after every build, read by the next):

- per published file its size, modification and change time (ns) and inode, with the
  SHA-256 the build found for it. A file whose four values are unchanged is not read and
  hashed again; any write to it changes its change time (``st_ctime``), which no program can
  set back, so a same-size edit with its old date restored is still noticed. Any difference
  (or no record) means: read the file and hash it, as before;
- per agreement folder a fingerprint of everything its documents and its check depend on
  (the bytes of its YAML files, the templates, the version of prestatie, the commit and which
  files are not committed, the build date, the asked formats, the working folder that the
  messages name files from), what its check reported, what the build said about it and which
  files it made. When the fingerprint is the same and those files are intact, the agreement
  is not loaded, checked or rendered again: its check's findings and messages are repeated.

The record is a cache and never the truth: a missing, damaged or foreign record only costs
time (every file hashed, every agreement loaded); the manifests stay the published record.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import Plaats, Rapport
from ..core.manifest import inhoud_digest, read_manifest, sha256
from ..core.version import Bouwinfo

CACHE = ".bouwgeheugen.json"
_TIJDELIJK = ".prestatie-bouwgeheugen-"


def geheugenpad(uit: Path) -> Path:
    """Where the record of the output folder ``uit`` is kept: beside it (``.build.bouwgeheugen.json``),
    never in it, so a copy or a zip of the output folder holds the documents and nothing else.
    A hidden output folder (the preview's) keeps it inside, and it goes with the folder."""
    return uit / CACHE if uit.name.startswith(".") else uit.parent / f".{uit.name}{CACHE}"
"""A record being written: the next build removes one a killed build left (as staging)."""
VERSIE = 2


def source_files(folder: Path) -> list[tuple[str, Path]]:
    """The source files of one agreement folder, named relative to it, by name."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        base = Path(top)
        rel = base.relative_to(folder).as_posix()
        for name in files:
            if name.lower().endswith((".yaml", ".yml")) and (base / name).is_file():
                found.append((name if rel == "." else f"{rel}/{name}", base / name))
    return sorted(found)


@dataclass
class Overgeslagen:
    """An agreement the build leaves as the last build made it."""

    uit: Path
    bestanden: list[str]
    """The names of the files it made (all intact)."""
    meldingen: list[str]


class Geheugen:
    """The build-state record of one output folder (see the module)."""

    def __init__(self, uit: Path):
        self.uit = uit
        self._stats: dict[str, list[Any]] = {}
        self._overeenkomsten: dict[str, dict[str, Any]] = {}
        self._gelezen = b""
        try:
            self._gelezen = geheugenpad(uit).read_bytes()
            data = json.loads(self._gelezen)
            if isinstance(data, dict) and data.get("versie") == VERSIE:
                self._stats = dict(data.get("bestanden") or {})
                self._overeenkomsten = dict(data.get("overeenkomsten") or {})
        except (OSError, ValueError, TypeError):
            pass
        self._nieuw_stats: dict[str, list[Any]] = {}
        self._nieuw_overeenkomsten: dict[str, dict[str, Any]] = {}

    # -- files ---------------------------------------------------------------------------

    def digest(self, path: Path) -> str | None:
        """The SHA-256 of the file at ``path`` (None when it cannot be read); read and hashed
        only when its size, times or inode differ from the last record."""
        key = str(path)
        try:
            st = path.stat()
        except OSError:
            return None
        stat = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        old = self._stats.get(key)
        if isinstance(old, list) and len(old) == 5 and old[:4] == stat:
            self._nieuw_stats[key] = old
            return str(old[4])
        try:
            digest = sha256(path.read_bytes())
            after = path.stat()
        except OSError:
            return None
        if [after.st_size, after.st_mtime_ns, after.st_ctime_ns, after.st_ino] == stat:
            self._nieuw_stats[key] = [*stat, digest]  # not changed while it was read
        return digest

    def onthoud(self, path: Path, digest: str) -> None:
        """Record a file this build has just written with ``digest``."""
        try:
            st = path.stat()
        except OSError:
            return
        self._nieuw_stats[str(path)] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest]

    # -- agreements ----------------------------------------------------------------------

    def overslaan(self, folder: Path, uit: Path, vingerafdruk: str, rapport: Rapport) -> Overgeslagen | None:
        """The agreement in ``folder`` as the last build left it, when nothing it depends on
        changed and its files are intact; its check's findings go to ``rapport`` again."""
        old = self._overeenkomsten.get(str(folder))
        if not isinstance(old, dict) or old.get("vingerafdruk") != vingerafdruk or old.get("uit") != str(uit):
            return None
        files = read_manifest(uit).get("bestanden", {})
        names = old.get("bestanden") or []
        for name in names:
            entry = files.get(name)
            if not isinstance(entry, dict) or self.digest(uit / name) != entry.get("sha256"):
                return None
        for b in old.get("bevindingen") or []:
            plaats = Plaats(b["bestand"], b.get("regel", 0), b.get("kolom", 0))
            (rapport.fout if b.get("ernst") == "fout" else rapport.waarschuwing)(plaats, b["bericht"])
        self._nieuw_overeenkomsten[str(folder)] = old
        return Overgeslagen(uit, list(names), list(old.get("meldingen") or []))

    def partijen(self, folder: Path) -> set[str]:
        """The parties (by ``partijsleutel``) the agreement in ``folder`` had at the last build."""
        old = self._overeenkomsten.get(str(folder))
        return set(old.get("partijen") or []) if isinstance(old, dict) else set()

    def partijen_van_verdwenen(self, aanwezig: set[str]) -> set[str]:
        """The parties of agreements the last build had and the sources no longer hold."""
        return {k for folder, old in self._overeenkomsten.items() if folder not in aanwezig and isinstance(old, dict)
                for k in old.get("partijen") or []}

    def gebouwd(self, folder: Path, uit: Path, vingerafdruk: str, rapport: Rapport, meldingen: list[str],
                bestanden: dict[str, str], partijen: list[str] | None = None) -> None:
        """Record an agreement this build checked and published, with its files and digests."""
        self._nieuw_overeenkomsten[str(folder)] = {
            "vingerafdruk": vingerafdruk,
            "uit": str(uit),
            "bevindingen": [{"bestand": b.plaats.bestand, "regel": b.plaats.regel, "kolom": b.plaats.kolom,
                             "bericht": b.bericht, "ernst": b.ernst} for b in rapport.bevindingen],
            "meldingen": meldingen,
            "bestanden": sorted(bestanden),
            "partijen": sorted(partijen or []),
        }
        for name, digest in bestanden.items():
            if str(uit / name) not in self._nieuw_stats:
                self.onthoud(uit / name, digest)

    def bewaar(self) -> None:
        """Write the record of this build (in one step: a reader sees the old one or the new);
        a build that found everything as recorded leaves the record as it is."""
        data = json.dumps({"versie": VERSIE, "overeenkomsten": self._nieuw_overeenkomsten,
                           "bestanden": self._nieuw_stats}, ensure_ascii=True, sort_keys=True).encode()
        if data == self._gelezen:
            return
        try:
            fd, tmp = tempfile.mkstemp(prefix=_TIJDELIJK, dir=geheugenpad(self.uit).parent)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, geheugenpad(self.uit))
        except OSError:  # only a cache: the next build hashes and loads what it must
            try:
                os.unlink(tmp)
            except (OSError, UnboundLocalError):
                pass


def overeenkomst_vingerafdruk(folder: Path, uit: Path, sjablonen_digest: str, info: Bouwinfo,
                              generator: str, formaten: tuple[str, ...]) -> str:
    """Everything the check and the documents of the agreement in ``folder`` depend on (see the module)."""
    files = source_files(folder)
    parts = [generator, ",".join(formaten), sjablonen_digest, info.commit or "", str(info.sjablonen_gewijzigd),
             info.datum.isoformat(), info.datum_bron, os.getcwd(), str(uit)]
    for name, path in files:
        parts += [name, sha256(path.read_bytes()), str(info.niet_vastgelegd([path]))]
    return inhoud_digest(*parts)
