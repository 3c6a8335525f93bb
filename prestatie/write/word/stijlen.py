"""Which Word style each class of the vocabulary takes, and what the Word writer reads once
from the reference document (``sjablonen/huisstijl.docx``)."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.shared import Emu

from ...core.errors import HuisstijlFout
from ..gedeeld import Kleuren
from .docxgrafiek import Stijl

STRUCTURAL = {"document"}  # the root div: no style
BLOKSTIJL: dict[str, str | None] = {
    "titelpagina": "Titelpagina",  # and Title, Subtitle for its headings, then a page break
    "inhoud": None,  # a table of contents (a content control with links and page numbers)
    "handtekening": "Signature",  # Word's built-in, shown as "Handtekening"; kept on one page
    "kader": "Kader", "citaat": "Quote",  # Word's built-in, shown as "Citaat"
    "paginaeinde": None,  # a page break before what follows
    "noot": "Noot",  # kept on one page
    "samenvatting": "Samenvatting", "klein": "Klein", "persbericht": "Persbericht",
    "dateline": "Dateline", "embargo": "Embargo", "lead": "Lead", "feiten": "Feiten",
    "tekenregel": "Tekenregel",
}
"""The Word style of each block class of the vocabulary (``parse.klassen``); None: a class
with behaviour only. Another class takes the style named after it (see ``class_style``)."""
BEHAVIOUR_ONLY = {k for k, v in BLOKSTIJL.items() if v is None}


def class_style(klasse: str) -> str:
    """The Word style name for a Markdown class (see the module docstring)."""
    if BLOKSTIJL.get(klasse):
        return BLOKSTIJL[klasse] or ""
    name = klasse.replace("-", " ").replace("_", " ")
    return name[:1].upper() + name[1:]


class Reference:
    """What the writer reads once from the reference document: style ids, text width, font."""

    def __init__(self, data: bytes, kleuren: Kleuren):
        self.kleuren = kleuren
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises several kinds for a broken file
            raise HuisstijlFout(f"huisstijl.docx is geen geldig Word-document ({exc})") from exc
        self.styles: dict[tuple[str, str], str] = {}
        for style in document.styles.element.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                key = (name.get(qn("w:val"), "").lower(), style.get(qn("w:type"), "paragraph"))
                self.styles.setdefault(key, style.get(qn("w:styleId")))
        section = document.sections[-1]
        width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        self.text_width = Emu(width if width > 0 else 5760720)  # 16 cm when unreadable
        fonts = document.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        self.font = fonts.get(qn("w:ascii"), "Liberation Sans") if fonts is not None else "Liberation Sans"
        self.chart_style = Stijl.uit(document.styles.element, self.styles.get(("heading 1", "paragraph")), self.font)

    def has(self, name: str, kind: str = "paragraph") -> bool:
        return (name.lower(), kind) in self.styles
