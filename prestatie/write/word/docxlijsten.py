"""Word lists for the Word writer: real numbering that restarts per list, with the list
definitions of the reference document (or a default one when it lost them)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from lxml import etree

from . import ooxml as ox

if TYPE_CHECKING:  # the builder as this mixin sees it (see bouwer.py)
    from .bouwer import Bouwer as _Basis
else:
    _Basis = object

BULLET, NUMBER, CONTINUE = "List Bullet", "List Number", "List Continue"

BLOCKS = {"p", "ul", "ol", "div", "table", "blockquote", "pre", "hr",
          "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class _Fmt:
    """Character formatting of inline content."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    link: bool = False
    symbol: bool = False
    color: str | None = None


class Lijsten(_Basis):
    """The list part of the Word writer's builder (a mixin: it uses the builder's paragraphs,
    anchors, blocks and inline content)."""

    def _list(self, el: ET.Element, ctx: Any, level: int) -> None:
        ordered = el.tag == "ol"
        try:
            start = max(0, int(el.get("start", "1")))
        except ValueError:
            start = 1
        num_id = self._num(ordered, level, start)
        style = NUMBER if ordered else BULLET
        for li in el:
            if li.tag == "li":
                self._anchor(li)
                self._list_item(li, ctx, style, num_id, level)
            else:
                self._block(li, ctx)

    def _list_item(self, li: ET.Element, ctx: Any, style: str, num_id: int, level: int) -> None:
        """One item: its first paragraph numbered, later ones indented below it, sublists
        a level deeper."""
        # Split the item into runs of inline content and the blocks between them.
        parts: list[tuple[str, list[ET.Element]] | ET.Element] = []
        text, nodes = li.text or "", []
        for child in li:
            if child.tag not in BLOCKS:
                nodes.append(child)
                continue
            if text.strip() or nodes:
                parts.append((text, nodes))
            parts.append(child)
            text, nodes = child.tail or "", []
        if text.strip() or nodes or not parts:
            parts.append((text, nodes))

        numbered = True
        for part in parts:
            if isinstance(part, tuple):
                p = self._item_paragraph(style, num_id, level, numbered)
                self._inline_nodes(p, part[0], part[1], _Fmt())
                numbered = False
            elif part.tag == "p":
                self._anchor(part)
                p = self._item_paragraph(style, num_id, level, numbered)
                self._inline(p, part, _Fmt())
                numbered = False
            elif part.tag in ("ul", "ol"):
                self._anchor(part)
                self._list(part, ctx, level + 1)
            else:
                self._block(part, ctx)

    def _item_paragraph(self, style: str, num_id: int, level: int, numbered: bool) -> etree._Element:
        """A list paragraph: numbered (numPr) for the item's first, indented after that."""
        if numbered:
            return self._p(style, num=(level, num_id))
        return self._p(CONTINUE, indent=self._indent(style == NUMBER, level))

    def _abstract(self, ordered: bool) -> etree._Element | None:
        """The list definition behind the reference's list style (or a default one)."""
        if ordered in self.abstract_ids or self.document is None:
            return self.abstract_ids.get(ordered)
        numbering = self.document.part.numbering_part.element
        found = None
        style_id = self.ref.styles.get(((NUMBER if ordered else BULLET).lower(), "paragraph"))
        if style_id:
            num_id = self.document.styles.element.xpath(
                f'w:style[@w:styleId="{style_id}"]/w:pPr/w:numPr/w:numId/@w:val')
            if num_id:
                abstract = numbering.xpath(f'w:num[@w:numId="{num_id[0]}"]/w:abstractNumId/@w:val')
                if abstract:
                    found = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract[0]}"]')
        if found:
            definition = found[0]
        else:  # the reference lost its list definitions: fall back on ours
            ids = [int(x) for x in numbering.xpath("w:abstractNum/@w:abstractNumId")]
            definition = parse_xml(ox.abstract_num_xml(max(ids, default=-1) + 1, ordered))
            first_num = numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(definition)
            else:
                numbering.append(definition)
        self.abstract_ids[ordered] = definition
        return definition

    def _num(self, ordered: bool, level: int, start: int) -> int:
        """A new list instance, so that every list counts from its own start."""
        definition = self._abstract(ordered)
        if definition is None:
            return 0
        numbering = self.document.part.numbering_part.element
        num = numbering.add_num(int(definition.get(qn("w:abstractNumId"))))
        if ordered:
            num.add_lvlOverride(ilvl=level).add_startOverride(start)
        return num.numId

    def _indent(self, ordered: bool, level: int) -> int:
        definition = self._abstract(ordered)
        if definition is None:
            return ox.INDENT_STEP * (level + 1)
        return ox.level_indent(definition, level)
