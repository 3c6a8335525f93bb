"""Write: the output stage, the only code that touches the output folder.

Rendered files wait in a hidden staging folder inside the output folder until every document
is ready, and are then renamed over their targets, so a reader never sees half a file; a
file whose bytes did not change is not touched; files of an earlier build that no longer
belong to it are removed only after everything else was written; the manifest comes last.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import Rapport, SchrijfFout, display_path, os_melding
from ..core.manifest import MANIFEST, manifest_bytes, sha256
from ..plan.vingerafdruk import Opdracht


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


@dataclass(frozen=True)
class Klaar:
    """A rendered file in the staging folder."""

    pad: Path
    sha256: str
    grootte: int


class Staging:
    """A hidden folder inside the output folder where rendered files wait until every document
    is ready: memory stays flat however many agreements a build has, and putting a file in
    place is a rename on the same file system. Made on first use, removed when the build ends
    (with the output folder itself if the build made it and nothing else went in)."""

    def __init__(self, root: Path):
        self.root = root
        self.folder: Path | None = None
        self._made_root = False

    def put(self, data: bytes) -> Klaar:
        try:
            if self.folder is None:
                self._made_root = not self.root.exists()
                self.root.mkdir(parents=True, exist_ok=True)
                self.folder = Path(tempfile.mkdtemp(prefix=".prestatie-", dir=self.root))
            fd, name = tempfile.mkstemp(dir=self.folder)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        except OSError as e:
            raise SchrijfFout(
                f"kan niet schrijven in '{display_path(self.root)}' ({os_melding(e)}); de vorige build is onaangetast"
            ) from None
        return Klaar(Path(name), sha256(data), len(data))

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.folder is None:
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._made_root:
            try:
                self.root.rmdir()
            except OSError:  # not empty: the build wrote its documents
                pass


def _move(klaar: Klaar, path: Path) -> None:
    """Rename a staged file over ``path``; across file systems, copy it beside ``path`` first."""
    os.chmod(klaar.pad, 0o644)
    try:
        os.replace(klaar.pad, path)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        _replace(path, klaar.pad.read_bytes())


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename it over ``path`` (atomic on one file system)."""
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


def write_agreement(taak: Opdracht, resultaat: Resultaat) -> None:
    """Replace the changed files of one agreement's output folder; stale files go; manifest last."""
    folder = taak.uit
    old_files = taak.oud.get("bestanden", {})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        entries: dict[str, dict[str, Any]] = {}
        for doc in taak.documenten:
            for name in taak.bestandsnamen(doc):
                path = folder / name
                if doc.naam not in taak.te_maken:
                    entries[name] = old_files[name]
                    resultaat.ongewijzigd.append(path)
                    continue
                klaar = taak.bestanden[name]
                entries[name] = {"sha256": klaar.sha256, "grootte": klaar.grootte}
                if (
                    path.is_file()
                    and path.stat().st_size == klaar.grootte
                    and sha256(path.read_bytes()) == klaar.sha256
                ):
                    resultaat.ongewijzigd.append(path)
                    continue
                _move(klaar, path)
                resultaat.geschreven.append(path)
        current = {doc.naam for doc in taak.documenten}
        for name in sorted(set(old_files) - set(entries)):
            stem, _, fmt = name.rpartition(".")
            if stem in current and fmt not in taak.formaten[stem] and (folder / name).is_file():
                # another format of a document still made: this build did not ask for it, so it stays
                entries[name] = old_files[name]
                resultaat.behouden.append(folder / name)
                continue
            stale = folder / name
            if stale.is_file() and stale.parent == folder:
                stale.unlink()
                resultaat.verwijderd.append(stale)
        documenten = {}
        for doc in taak.documenten:
            documenten[doc.naam] = {"vingerafdruk": taak.vingerafdrukken[doc.naam]}
            inhoud = taak.inhoud.get(doc.naam) or taak.oud.get("documenten", {}).get(doc.naam, {}).get("inhoud")
            if inhoud:
                documenten[doc.naam]["inhoud"] = inhoud
            if taak.meldingen.get(doc.naam):
                documenten[doc.naam]["meldingen"] = taak.meldingen[doc.naam]
        manifest = {
            **taak.header,
            "bronnen": taak.bronnen,
            "sjablonen": taak.sjablonen_digest,
            "documenten": documenten,
            "bestanden": dict(sorted(entries.items())),
        }
        data = manifest_bytes(manifest)
        path = folder / MANIFEST
        if not (path.is_file() and path.read_bytes() == data):
            _replace(path, data)
    except OSError as e:
        raise SchrijfFout(
            f"kan niet schrijven in '{display_path(folder)}' ({os_melding(e)}); "
            "bestanden die al klaar waren zijn volledig vervangen, de rest is onaangetast"
        ) from None

