"""Inline content for the Word writer: runs of text with their formatting, links (to a
bookmark, a sibling document or the web) and pictures and native charts."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from ...core.opmaak import WOORDVERBINDER
from ...parse.klassen import WAARDE, inline_klasse
from ...parse.leesbaarheid import lettergreepgrenzen
from ..gedeeld import text_width
from . import ooxml as ox
from .docxlijsten import _Fmt
from .ooxml import sub

if TYPE_CHECKING:  # the builder as this mixin sees it (see bouwer.py)
    from .bouwer import Bouwer as _Basis
else:
    _Basis = object

CODE, LINK, SYMBOL = "Code", "Hyperlink", "Symbool"
INLINE = {
    "status": "the status's colour from the house style on its runs",
    "bereik": "a word joiner after the dash, so no line breaks there",
    "symbool": "character style Symbool (and its font on the run), when the reference has it",
    "bedrag": "text (its space is already a no-break space)",
    "datum": "text",
    "termijn": "text",
}
"""How the Word writer renders each inline class of the vocabulary (``parse.klassen``)."""
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


_WOORD = re.compile(r"[^\W\d_]{6,}")
CELL_TEXT = 0.9
"""Cell text (Tabeltekst, 9 pt) against the width ``text_width`` reckons with (10 pt): a word
this much of its reckoned width or more that does not fit its cell gets soft hyphens."""


def _soft_hyphens(text: str, room: float) -> list[str]:
    """``text`` cut at the syllable boundaries of every word too wide for ``room`` twips, where
    Word and LibreOffice may break it with a hyphen rather than in the middle; one part when
    every word fits."""
    parts, start = [], 0
    for m in _WOORD.finditer(text):
        if text_width(m.group()) * CELL_TEXT <= room:
            continue
        for cut in lettergreepgrenzen(m.group()):
            parts.append(text[start:m.start() + cut])
            start = m.start() + cut
    return [*parts, text[start:]]


class Tekst(_Basis):
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
        elif (klasse := inline_klasse(el) if tag == "span" else None) == "status":
            self._inline(parent, el, replace(fmt, color=self.ref.kleuren.status(el.get(WAARDE, ""))))
        elif klasse == "bereik":
            self._text(parent, (el.text or "").replace("–", "–" + WOORDVERBINDER), fmt)
        elif klasse == "symbool":
            self._inline(parent, el, replace(fmt, symbol=True))
        else:  # bedrag, datum, termijn and anything else: its text, so nothing is lost
            self._inline(parent, el, fmt)

    def _text(self, parent: etree._Element, text: str, fmt: _Fmt) -> None:
        """Text as a browser shows it: runs of white space are one space."""
        if not text:  # most tails: nothing to write
            return
        text = _SPACE.sub(" ", text)
        if self.at_line_start:
            text = text.lstrip(" ")
        if not text:
            return
        style = (self.style(LINK, "character") if fmt.link else
                 self.style(CODE, "character") if fmt.code else None)
        symbol = fmt.symbol and style is None and self.ref.has(SYMBOL, "character")
        style_id = self.style(SYMBOL, "character") if symbol else style
        parts = _soft_hyphens(text, self.cell_room / (1.1 if fmt.bold else 1.0)) if self.cell_room else [text]
        first = parts[0]
        spec = (style_id, symbol, fmt.bold, fmt.italic, fmt.color, first[:1].isspace() or first[-1:].isspace())
        run = ox.clone(parent, self.protos, ("r", *spec), self._run, *spec)
        t = self.current_t = run[-1]
        t.text = first
        for part in parts[1:]:  # a word wider than its cell breaks at a syllable, with a hyphen
            sub(run, "w:softHyphen")
            t = self.current_t = sub(run, "w:t")
            t.text = part
            if part[-1:].isspace():
                t.set(ox.XML_SPACE, "preserve")
        self.at_line_start = text.endswith(" ")  # so the next text adds no second space

    def _run(self, style_id: str | None, symbol: bool, bold: bool, italic: bool, color: str | None,
             preserve: bool) -> etree._Element:
        """An empty run with these properties (copied by ``_text``): its text element last."""
        run = ox.new("w:r")
        rpr = ox.run_properties(style_id, bold=bold, italic=italic, color=color)
        if rpr is not None:
            if symbol and self.document is not None:
                rpr.insert(1, self._symbol_font())
            run.append(rpr)
        t = sub(run, "w:t")
        if preserve:
            t.set(ox.XML_SPACE, "preserve")
        return run

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
        elif self.document is not None and target is not None:
            rid = self.links.get(target)
            if rid is None:  # python-docx searches all relationships for each link: once per target
                rid = self.links[target] = self.document.part.relate_to(target, RT.HYPERLINK, is_external=True)
            link.set(qn("r:id"), rid)
        link.set(qn("w:history"), "1")
        self._inline(link, el, replace(fmt, link=True))

    def _image(self, parent: etree._Element, el: ET.Element) -> None:
        alt = el.get("alt", "")
        picture = (self.info.afbeeldingen.get(el.get("src", "")) if self.info else None)
        if picture is None or self.document is None:
            self._text(parent, f"[{alt}]" if alt else "[afbeelding]", _Fmt())
            return
        inlines = self._grafiekdelen().inlines(picture, alt, el.get("title") or alt, el.get("src", ""), self.picture_count + 1)
        for i, inline in enumerate(inlines):  # the panels of a chart one below the other
            self.picture_count += 1
            run = sub(parent, "w:r")
            if i:
                sub(run, "w:br")
            sub(run, "w:drawing").append(inline)
        self.current_t, self.at_line_start = None, False
