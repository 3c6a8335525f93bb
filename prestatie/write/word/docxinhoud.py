"""The table of contents of the Word writer: one entry per heading of levels 1–3, each a link
to the heading with its page number as a live PAGEREF field.

The entries are plain paragraphs in the styles 'toc 1'–'toc 3' inside a content control that
Word knows as a table of contents (``w:sdt`` with docPartGallery 'Table of Contents'); there is
deliberately no TOC field around them. LibreOffice turns a TOC field into a fixed index that
shows only the text the file brings, so its page numbers would stay empty; a PAGEREF outside a
TOC field it computes itself as it lays the document out, on opening and in its PDF. Word
shows the fields' stored result, which the writer cannot know (it does not lay out pages):
empty until the reader updates the fields (Ctrl+A, F9). Nothing asks Word to update fields on
opening (``updateFields`` or ``w:dirty``), because Word then shows a dialog.
"""

from __future__ import annotations

from lxml import etree

from . import ooxml as ox
from .ooxml import new, sub

TOC_HEADING, TOC_LEVEL = "TOC Heading", "toc {}"
TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'
GALLERY = "Table of Contents"


class Inhoud:
    """The table-of-contents part of the Word writer's builder (a mixin: it uses the builder's
    paragraphs and the headings it collected in ``toc``)."""

    def _table_of_contents(self) -> None:
        heading = self._p(TOC_HEADING)  # type: ignore[attr-defined]
        ox.text_run(heading, "Inhoud")
        paragraphs = [heading]
        if not self.toc:  # type: ignore[attr-defined]
            p = self._p(TOC_LEVEL.format(1))  # type: ignore[attr-defined]
            ox.field_begin(p, TOC_FIELD)  # Word builds it on F9
            ox.text_run(p, "Nog geen koppen; werk de inhoudsopgave bij met F9.")
            ox.field_end(p)
            paragraphs.append(p)
        for level, text, anchor in self.toc:  # type: ignore[attr-defined]
            p = self._p(TOC_LEVEL.format(level))  # type: ignore[attr-defined]
            link = sub(p, "w:hyperlink", anchor=anchor, history=1)
            ox.text_run(link, text)
            sub(sub(link, "w:r"), "w:tab")
            ox.field(link, f"PAGEREF {anchor} \\h")
            paragraphs.append(p)
        self._close_paragraph()  # type: ignore[attr-defined]
        _content_control(paragraphs)


def _content_control(paragraphs: list[etree._Element]) -> None:
    """Put ``paragraphs`` (adjacent in the body) in a table-of-contents content control."""
    sdt = new("w:sdt")
    paragraphs[0].addprevious(sdt)
    part = sub(sub(sub(sdt, "w:sdtPr"), "w:docPartObj"), "w:docPartGallery", val=GALLERY)
    sub(part.getparent(), "w:docPartUnique")
    content = sub(sdt, "w:sdtContent")
    for p in paragraphs:
        content.append(p)
