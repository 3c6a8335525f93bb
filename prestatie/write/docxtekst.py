"""Inline content for the Word writer: runs of text with their formatting, links (to a
bookmark, a sibling document or the web) and pictures and native charts."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from ..core.opmaak import bereik_heel
from . import ooxml as ox
from .docxgrafiek import Grafiekdelen
from .docxlijsten import _Fmt
from .ooxml import sub

CODE, LINK, SYMBOL = "Code", "Hyperlink", "Symbool"
SYMBOLS = re.compile("([\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff]+)")
"""Arrows, technical signs, shapes, dingbats (status icons such as ✓ ↓ ○ ✗): most text fonts
lack them or draw them small, so they take the character style Symbool when the reference
has one (the same ranges as the stylesheet's @font-face Symbolen and huisstijl.typ)."""
_SPACE = re.compile(r"\s+")
_DOC_LINK = re.compile(r"^([^#?]*)\.(?:html?|md)((?:#.*)?)$")


def link_target(href: str) -> tuple[str | None, str | None]:
    """(external target, internal bookmark) for a link; (None, None) keeps it plain text.

    ``#a01`` → a bookmark in this document. ``overeenkomst.html#a01`` (or ``.md``) → the
    sibling Word file ``overeenkomst.docx#a01``, so the documents link to each other in Word
    as they do on the web; the fragment gets the same bookmark mapping as in that file.
    """
    href = href.strip()
    if not href:
        return None, None
    if href.startswith("#"):
        return None, ox.bookmark_name(href[1:]) if len(href) > 1 else None
    if re.match(r"^(https?|mailto):", href, re.I):
        return href, None
    m = _DOC_LINK.match(href)
    if m:
        fragment = m.group(2)
        anchor = "#" + ox.bookmark_name(fragment[1:]) if len(fragment) > 1 else ""
        return f"{m.group(1)}.docx{anchor}", None
    return href, None


class Tekst:
    """The inline part of the Word writer's builder (a mixin: it uses the builder's styles,
    document, reference and the state of the current paragraph)."""

    def _inline_cell(self, parent: etree._Element, cell: ET.Element) -> None:
        self._inline(parent, cell, _Fmt())

    def _inline(self, parent: etree._Element, el: ET.Element, fmt: _Fmt) -> None:
        self._inline_nodes(parent, el.text or "", list(el), fmt)

    def _inline_nodes(self, parent: etree._Element, text: str, nodes: list[ET.Element],
                      fmt: _Fmt) -> None:
        self._text(parent, text, fmt)
        for node in nodes:
            self._inline_element(parent, node, fmt)
            self._text(parent, node.tail or "", fmt)

    def _inline_element(self, parent: etree._Element, el: ET.Element, fmt: _Fmt) -> None:
        tag = el.tag
        if tag in ("em", "i"):
            self._inline(parent, el, replace(fmt, italic=True))
        elif tag in ("strong", "b"):
            self._inline(parent, el, replace(fmt, bold=True))
        elif tag == "code":
            self._text(parent, el.text or "", replace(fmt, code=True))
        elif tag == "br":
            sub(sub(parent, "w:r"), "w:br")
            self.current_t, self.at_line_start = None, True
        elif tag == "a":
            self._link(parent, el, fmt)
        elif tag == "img":
            self._image(parent, el)
        else:  # anything else: its text, so nothing is lost
            self._inline(parent, el, fmt)

    def _text(self, parent: etree._Element, text: str, fmt: _Fmt) -> None:
        """Text as a browser shows it: runs of white space are one space."""
        text = _SPACE.sub(" ", text)
        if self.at_line_start:
            text = text.lstrip(" ")
        if not text:
            return
        style = (self.style(LINK, "character") if fmt.link else
                 self.style(CODE, "character") if fmt.code else None)
        symbol = style is None and self.ref.has(SYMBOL, "character") and SYMBOLS.search(text)
        parts = SYMBOLS.split(text) if symbol else [text]
        for i, part in enumerate(parts):  # odd parts are symbols
            if part:
                rpr = ox.run_properties(self.style(SYMBOL, "character") if i % 2 else style,
                                        bold=fmt.bold, italic=fmt.italic)
                if i % 2 and self.document is not None:
                    rpr.insert(1, self._symbol_font())
                run = ox.text_run(parent, bereik_heel(part), rpr)
        self.current_t = run[-1]
        self.at_line_start = text.endswith(" ")  # so the next text adds no second space

    def _symbol_font(self) -> etree._Element:
        """The font of the style Symbool, also on the run itself: in a table LibreOffice sets
        the document's default font on every run, which would beat the character style."""
        fonts = self.__dict__.get("_symbol_rfonts")  # looked up once per document
        if fonts is None:
            found = self.document.styles.element.xpath(
                f'w:style[@w:styleId="{self.style(SYMBOL, "character")}"]/w:rPr/w:rFonts')
            fonts = self._symbol_rfonts = found[0] if found else etree.Element(qn("w:rFonts"))
        return copy.deepcopy(fonts)

    def _link(self, parent: etree._Element, el: ET.Element, fmt: _Fmt) -> None:
        target, anchor = link_target(el.get("href", ""))
        if target is None and anchor is None:
            self._inline(parent, el, fmt)
            return
        link = sub(parent, "w:hyperlink")
        if anchor:
            link.set(qn("w:anchor"), anchor)
        elif self.document is not None:
            link.set(qn("r:id"), self.document.part.relate_to(target, RT.HYPERLINK, is_external=True))
        link.set(qn("w:history"), "1")
        self._inline(link, el, replace(fmt, link=True))

    def _image(self, parent: etree._Element, el: ET.Element) -> None:
        alt = el.get("alt", "")
        picture = (self.info.afbeeldingen.get(el.get("src", "")) if self.info else None)
        if picture is None or self.document is None:
            self._text(parent, f"[{alt}]" if alt else "[afbeelding]", _Fmt())
            return
        if self.charts is None:
            self.charts = Grafiekdelen(self.document, self.ref.chart_style, int(self.ref.text_width))
        inlines = self.charts.inlines(picture, alt, el.get("title") or alt, el.get("src", ""), self.picture_count + 1)
        for i, inline in enumerate(inlines):  # the panels of a chart one below the other
            self.picture_count += 1
            run = sub(parent, "w:r")
            if i:
                sub(run, "w:br")
            sub(run, "w:drawing").append(inline)
        self.current_t, self.at_line_start = None, False
