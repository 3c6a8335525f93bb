"""The .docx package as bytes: parts in a fixed order with fixed timestamps, zipped once."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.opc.pkgwriter import _ContentTypesItem

from .onderdelen import only_needed_parts
from ..gedeeld import utc


def normalise_zip(data: bytes, moment: dt.datetime) -> bytes:
    """Rewrite a package with fixed entry order, timestamps and attributes (see ``write_zip``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return write_zip({name: src.read(name) for name in src.namelist()}, moment)


def package_bytes(document, moment: dt.datetime) -> bytes:
    """The document as .docx bytes, zipped once (python-docx's ``save`` zips, and a
    normalised copy would zip again): the parts python-docx would write, in ``write_zip``,
    less those of the reference the document does not use."""
    only_needed_parts(document)
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    entries = {"[Content_Types].xml": _ContentTypesItem.from_parts(parts).blob, "_rels/.rels": package.rels.xml}
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    return write_zip(entries, moment)


STORED = (".xlsx", ".png", ".jpeg", ".jpg")
"""Parts that are compressed already: stored as they are."""


def write_zip(entries: dict[str, bytes], moment: dt.datetime) -> bytes:
    """A package with fixed entry order, timestamps and attributes.

    ``[Content_Types].xml`` comes first (some readers expect it), then the package
    relationships, then every other part by name; every entry gets the time of ``moment``
    (UTC, clamped to the years a zip can hold), never the clock.
    """
    stamp = utc(moment)
    stamp = min(max(stamp, dt.datetime(1980, 1, 1)), dt.datetime(2107, 12, 31, 23, 59, 58))
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    first = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(entries, key=lambda n: (first.get(n, 2), n)):
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name])
    return out.getvalue()
