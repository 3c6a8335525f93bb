"""Write: one archive per agreement, for sending: its published folder as one zip file.

Each document once, as a plain file under the agreement's folder name; the same files give the
same bytes (entries sorted, every entry dated with the build date, fixed permissions). The
archive is written beside its final name and renamed over it: a reader never finds half a zip.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from ..core.errors import SchrijfFout, display_path, os_melding
from ..core.manifest import read_manifest
from .output import _replace

EPOCH_ZIP = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can carry."""


def _datum(folder: Path) -> tuple[int, int, int, int, int, int]:
    try:
        d = dt.datetime.fromisoformat(str(read_manifest(folder).get("bouwdatum")))
    except ValueError:
        return EPOCH_ZIP
    return max(EPOCH_ZIP, (d.year, d.month, d.day, d.hour, d.minute, d.second))


def pakket(folder: Path, naar: Path) -> Path:
    """Zip the published folder ``folder`` into ``naar/<folder name>.zip``; returns its path."""
    doel = naar / f"{folder.name}.zip"
    datum = _datum(folder)
    bestanden = sorted(p for p in folder.rglob("*")
                       if p.is_file() and not p.is_symlink()
                       and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in bestanden:
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", datum)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes())
    try:
        naar.mkdir(parents=True, exist_ok=True)
        _replace(doel, buffer.getvalue())
    except OSError as e:
        raise SchrijfFout(f"kan '{display_path(doel)}' niet schrijven ({os_melding(e)})") from None
    return doel
