"""The parts of the reference .docx that go into a document: only those it uses.

python-docx copies every part the reference links to into each document it saves; the
reference's pictures, embedded files, thumbnail, glossary and custom XML are dropped here
unless the document's text refers to them.
"""

from __future__ import annotations

from typing import Any

# Parts of the reference a document needs without naming them in its text; every other part
# (images, embedded files, the reference's thumbnail, glossary, custom XML) goes along only
# when the document's text refers to it.
_IMPLICIT = {"styles", "stylesWithEffects", "numbering", "settings", "theme", "fontTable", "webSettings",
             "footnotes", "endnotes"}
_PACKAGE = {"officeDocument", "core-properties", "extended-properties", "custom-properties"}
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def only_needed_parts(document: Any) -> None:
    """Drop the relationships (and with them the parts) the document does not use, so what
    the reference carries besides its styles is never copied into every output."""
    part = document.part
    used = {v for el in part.element.iter() for k, v in el.attrib.items() if k.startswith(_R_NS)}
    for rid, rel in list(part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] not in _IMPLICIT and rid not in used:
            del part.rels[rid]
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] not in _PACKAGE:
            del package_rels[rid]
