"""What the parts of the Word writer's builder may use of each other: the builder (``docx``)
is made of mixins (text, lists, tables, contents), and this ``Protocol`` names the state and
methods one mixin reads from the others, so a type checker sees every one of them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Protocol

from lxml import etree

from ...render.document import Documentinfo
from .docxgrafiek import Grafiekdelen
from .stijlen import Reference


class Bouwer(Protocol):
    """The Word writer's builder as its mixins see it."""

    ref: Reference
    document: Any
    """The python-docx document, or None when the builder only checks the styles."""
    info: Documentinfo | None
    body: etree._Element
    current_t: etree._Element | None
    cell_room: int
    """The width (twips) for text in the table cell being written; 0 outside a table."""
    at_line_start: bool
    picture_count: int
    pending_break: bool
    after_table: bool
    abstract_ids: dict[bool, etree._Element | None]
    toc: list[tuple[int, str, str]]
    kinds: dict[tuple[str, ...], list[tuple[ET.Element, bool]]]
    widths: dict[tuple[str, ...], list[int]]
    protos: dict[tuple, etree._Element]
    """Elements made once per document and copied (``ooxml.clone``)."""
    links: dict[str, str]
    """The relationship id of each web link's target."""

    def style(self, name: str, kind: str = "paragraph") -> str: ...

    def _p(self, style: str | None, parent: etree._Element | None = None, *,
           num: tuple[int, int] | None = None, indent: int | None = None,
           align: str | None = None) -> etree._Element: ...

    def _close_paragraph(self) -> None: ...

    def _anchor(self, el: ET.Element) -> None: ...

    def _block(self, el: ET.Element, ctx: Any, parent: etree._Element | None = None) -> None: ...

    def _plain(self, el: ET.Element) -> str: ...

    def _last_is_table(self) -> bool: ...

    def _grafiekdelen(self) -> Grafiekdelen: ...

    def _inline(self, parent: etree._Element, el: ET.Element, fmt: Any) -> None: ...

    def _inline_nodes(self, parent: etree._Element, text: str, nodes: list[ET.Element], fmt: Any) -> None: ...

    def _inline_cell(self, parent: etree._Element, cell: ET.Element) -> None: ...
