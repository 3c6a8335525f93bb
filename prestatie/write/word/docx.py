"""The Word writer: the parsed Markdown tree → a .docx built on the reference document.

The reference document (``sjablonen/huisstijl.docx``) supplies every style, the page set-up
and the list definitions; this module supplies only structure. A communications officer can
restyle the reference in Word without touching code, as long as the style names stay.

Class → style convention, for fenced divs (``::: {.klasse}``) and paragraphs
(``{: .klasse}``): the style is named after the class, first letter in capitals and ``-`` or
``_`` as a space: ``samenvatting`` → "Samenvatting", ``noot-redactie`` → "Noot redactie".
Two classes would give a name Dutch Word already shows for one of its built-in styles; they
use that built-in style rather than a second style of the same name: ``handtekening`` →
Signature (shown as "Handtekening") and ``citaat`` → Quote (shown as "Citaat"). A table in
such a div uses the table style "Tabel <klasse>" when the reference has one, else "Tabel".
Paragraphs in the div take its style; list items keep theirs, and so do headings unless the
reference has "<stijl> kop <n>" (in the div ``persbericht``: "Persbericht kop 2").

Classes with behaviour: ``titelpagina`` (its title Heading 1 in the look of the character
style "Titelkop", the document's first bookmark as in the PDF and HTML; Subtitle for its
lower headings; then a page break), ``paginaeinde``
(a page break), ``inhoud`` (a table of contents), ``handtekening`` (kept on one page).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

import docx
from docx.oxml.ns import qn
from lxml import etree

from ...core.errors import HuisstijlFout
from ...core.opmaak import WOORDVERBINDER
from ...parse.klassen import inline_klasse
from ...load.sjablonen import Sjablonen
from ...render.document import Documentinfo, colofon
from . import ooxml as ox
from .docxgrafiek import Grafiekdelen
from .docxinhoud import Inhoud, fill_page_numbers
from .paginanummers import paginas, soffice
from .docxlijsten import Lijsten, _Fmt
from .docxtekst import Tekst
from ..gedeeld import Kleuren
from .keep import keep_closing, keep_with_headings
from .package import package_bytes
from .ooxmlkader import set_header_footer, set_properties
from .ooxml import clone, new, sub
from .stijlen import BEHAVIOUR_ONLY, STRUCTURAL, Reference, class_style
from .tabellen import Tabellen

HEADING = "Heading {}"
TITLE, SUBTITLE = "Titelkop", "Subtitle"
"""The title page's h1 is a Heading 1 (navigation pane, bookmark, outline) whose runs take the
character style ``TITLE``: the look of a title, the structure of the document's first heading."""
TITLE_SPACING = {"before": "2400", "after": "240"}
TITLE_BOOKMARK = "_Titel"
"""The title's bookmark when it has no id (the contents' headings are _Toc000001 and on)."""
"""Room above the title on its page, as the PDF's title page has."""
QUOTE, PRE, CODE, RULE, PICTURE = "Quote", "Codeblok", "Code", "Scheidingslijn", "Afbeelding"
TABLE, LINK = "Tabel", "Hyperlink"
HEADER, FOOTER = "header", "footer"
TITLE_PAGE = "titelpagina"
COLOPHON = "Colofon"
KEEP_TOGETHER = {"handtekening", "noot"}  # blocks kept on one page

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Ctx:
    """Where a block sits: the paragraph style it inherits, title page, table style."""

    style: str | None = None
    title_page: bool = False
    table_style: str = TABLE


class _Builder(Tekst, Lijsten, Tabellen, Inhoud):
    """One rendering of a tree into a document body; with ``document=None`` it only checks."""

    def __init__(self, ref: Reference, document=None, info: Documentinfo | None = None):
        self.ref, self.document, self.info = ref, document, info
        self.body = document.element.body if document is not None else new("w:body")
        self.missing: dict[tuple[str, str], None] = {}
        self.pending_anchors: list[str] = []
        self.pending_break = False
        self.after_table = False
        self.open_anchors: list[tuple[etree._Element, int]] = []
        self.current_t: etree._Element | None = None
        self.cell_room = 0
        self.at_line_start = True
        self.collectors: list[list[etree._Element]] = []
        self.bookmark_count = 0
        self.bookmarks: set[str] = set()
        self.picture_count = 0
        self.charts: Grafiekdelen | None = None
        self.abstract_ids: dict[bool, etree._Element | None] = {}
        self.headings: dict[ET.Element, str] = {}
        self.toc: list[tuple[int, str, str]] = []
        self.has_title_page = False
        self.kinds: dict[tuple[str, ...], list[tuple[ET.Element, bool]]] = {}
        self.widths: dict[tuple[str, ...], list[int]] = {}
        self.protos: dict[tuple, etree._Element] = {}
        """Elements made once per document and copied (``ox.clone``): paragraphs, runs, cells."""
        self.links: dict[str, str] = {}
        """The relationship id of each web link's target."""

    # -- styles ---------------------------------------------------------------------------

    def style(self, name: str, kind: str = "paragraph") -> str:
        """The style id for ``name`` (resolved once per writer); a missing one is recorded."""
        found = self.ref.styles.get((name.lower(), kind))
        if found is None:
            self.missing[(name, kind)] = None
            return re.sub(r"\W", "", name)
        return found

    # -- the document -------------------------------------------------------------------

    def build(self, root: ET.Element) -> None:
        """Render the whole tree into the body."""
        self._plan_headings(root, False, [0])
        self._plan_tables(root)
        self._block(root, _Ctx())
        self._close_paragraph()
        if self.pending_anchors or self._last_is_table():
            # An id at the very end needs somewhere to point; Word wants a paragraph after a last table.
            self._p(None)
            self._close_paragraph()
        if self.document is not None:
            headings = {self.style(HEADING.format(n)) for n in range(1, 7)}
            keep_with_headings(self.body, headings, self.ref.styles.get(("kader", "paragraph")))
            keep_closing(self.body, headings)

    def colophon(self, text: str) -> None:
        """The last line: who made the document when (style 'Colofon', else the normal style)."""
        if not text:
            return
        p = self._p(COLOPHON if self.ref.has(COLOPHON) else None)
        ox.text_run(p, text)
        self._close_paragraph()

    def _plan_headings(self, el: ET.Element, title_page: bool, counter: list[int]) -> None:
        """Give every heading its bookmark and list levels 1–3 for the table of contents."""
        if el.tag == "div" and TITLE_PAGE in el.get("class", "").split():
            title_page = True
            self.has_title_page = True
        if el.tag == "h1" and title_page:  # the document's title: bookmarked, not in the contents
            ident = el.get("id")
            self.headings[el] = ox.bookmark_name(ident) if ident else TITLE_BOOKMARK
            return
        if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not title_page:
            counter[0] += 1
            ident = el.get("id")
            name = ox.bookmark_name(ident) if ident else f"_Toc{counter[0]:06d}"
            self.headings[el] = name
            level = int(el.tag[1])
            if level <= 3:
                self.toc.append((level, self._plain(el), name))
            return
        for child in el:
            self._plan_headings(child, title_page, counter)

    def _plain(self, el: ET.Element) -> str:
        parts = []
        for node in el.iter():
            text = node.text or ""
            if inline_klasse(node) == "bereik":  # the table of contents keeps a range whole too
                text = text.replace("–", "–" + WOORDVERBINDER)
            parts.append(text)
            if node is not el and node.tail:
                parts.append(node.tail)
        return _SPACE.sub(" ", "".join(parts)).strip()

    # -- paragraphs -----------------------------------------------------------------------

    def _p(self, style: str | None, parent: etree._Element | None = None, *,
           num: tuple[int, int] | None = None, indent: int | None = None,
           align: str | None = None) -> etree._Element:
        """Start a paragraph: style, list number (level, numId), indent, alignment, the
        pending page break and bookmarks; the paragraph and its properties are a copy of one
        made once per document for each combination (``ox.paragraph``)."""
        self._close_paragraph()
        style_id = self.style(style) if style else None
        page_break = self.pending_break and parent is None
        if page_break:
            self.pending_break = False
        spacing = None
        if parent is None:
            if self.after_table and not (style or "").startswith(HEADING[:-2]):
                # A table has no space below it of its own; without this the next
                # paragraph would touch its bottom border.
                spacing = SPACE_AFTER_TABLE
            self.after_table = False
        spec = (style_id, page_break, num, spacing, indent, align)
        p = clone(self.body if parent is None else parent, self.protos, ("p", *spec), ox.paragraph, *spec)
        for name in self.pending_anchors:
            if name in self.bookmarks:  # Word keeps one bookmark per name: the first
                continue
            self.bookmarks.add(name)
            self.bookmark_count += 1
            sub(p, "w:bookmarkStart", id=self.bookmark_count, name=name)
            self.open_anchors.append((p, self.bookmark_count))
        self.pending_anchors = []
        for collector in self.collectors:
            collector.append(p)
        self.current_t, self.at_line_start = None, True
        return p

    def _close_paragraph(self) -> None:
        """Finish the current paragraph: trailing space off, bookmarks closed."""
        if self.current_t is not None and self.current_t.text:
            self.current_t.text = self.current_t.text.rstrip()
        self.current_t = None
        for p, number in self.open_anchors:
            sub(p, "w:bookmarkEnd", id=number)
        self.open_anchors = []

    def _grafiekdelen(self) -> Grafiekdelen:
        """The chart parts of this document, made when its first chart needs them."""
        if self.charts is None:
            self.charts = Grafiekdelen(self.document, self.ref.chart_style, int(self.ref.text_width))
        return self.charts

    def _last_is_table(self) -> bool:
        return len(self.body) > 0 and self.body[-1].tag == qn("w:tbl")

    def _anchor(self, el: ET.Element) -> None:
        ident = el.get("id")
        if ident and el not in self.headings:
            self.pending_anchors.append(ox.bookmark_name(ident))

    # -- blocks -----------------------------------------------------------------------------

    def _block(self, el: ET.Element, ctx: _Ctx, parent: etree._Element | None = None) -> None:
        self._anchor(el)
        tag = el.tag
        if tag == "div":
            self._div(el, ctx)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading(el, ctx)
        elif tag in ("ul", "ol"):
            self._list(el, ctx, 0)
        elif tag == "table":
            self._table(el, ctx)
        elif tag == "blockquote":
            for child in el:
                self._block(child, replace(ctx, style=QUOTE), parent)
        elif tag == "hr":
            self._p(RULE, parent)
        elif tag == "pre":
            self._pre(el, parent)
        else:  # p, and any stray inline element at block level
            self._paragraph(el, ctx, parent)

    def _div(self, el: ET.Element, ctx: _Ctx) -> None:
        classes = el.get("class", "").split()
        styled = [k for k in classes if k not in STRUCTURAL | BEHAVIOUR_ONLY]
        if styled:
            klasse = styled[0]
            own_table = f"{TABLE} {klasse.replace('-', ' ').replace('_', ' ')}"
            ctx = replace(ctx, style=class_style(klasse),
                          table_style=own_table if self.ref.has(own_table, "table") else ctx.table_style)
            self.style(class_style(klasse))  # report a missing style even when the div is empty
        if TITLE_PAGE in classes:
            ctx = replace(ctx, title_page=True)
        if "paginaeinde" in classes:
            self.pending_break = True
        if "inhoud" in classes:
            self._table_of_contents()
        keep = bool(KEEP_TOGETHER.intersection(classes))
        if keep:
            self.collectors.append([])
        for child in el:
            self._block(child, ctx)
        if keep:
            self._keep_together(self.collectors.pop(), gap="handtekening" in classes,
                                with_next="bij-volgende" in classes)
        if TITLE_PAGE in classes:
            self.pending_break = True

    def _keep_together(self, paragraphs: list[etree._Element], gap: bool, with_next: bool = False) -> None:
        """Keep a block on one page: every paragraph with the next, none split; ``gap``: a blank
        line above it sets it apart from the block before (one signing party from the next);
        ``with_next``: on the page of the block after it (the last never stands alone)."""
        if gap and paragraphs and paragraphs[0].find(qn("w:pPr")).find(qn("w:spacing")) is None:
            ox.set_in_order(paragraphs[0].find(qn("w:pPr")), "spacing", ox.PPR_ORDER,
                            before=str(SPACE_AFTER_TABLE * 2))
        for i, p in enumerate(paragraphs):
            ppr = p.find(qn("w:pPr"))
            ppr.keepLines_val = True
            if i < len(paragraphs) - 1 or with_next:
                ppr.keepNext_val = True

    def _heading(self, el: ET.Element, ctx: _Ctx) -> None:
        level = int(el.tag[1])
        title = ctx.title_page and level == 1
        if ctx.title_page and not title:
            style = SUBTITLE
        else:
            own = f"{ctx.style} kop {level}"
            style = own if ctx.style and not title and self.ref.has(own) else HEADING.format(level)
            self.pending_anchors.append(self.headings[el])
        p = self._p(style)
        self._inline(p, el, _Fmt())
        if title:
            ox.set_in_order(p.find(qn("w:pPr")), "spacing", ox.PPR_ORDER, **TITLE_SPACING)
            if not self.ref.has(TITLE, "character"):  # an older reference: the title as Heading 1
                return
            title_style = self.style(TITLE, "character")
            for run in p.iter(qn("w:r")):
                rpr = run.find(qn("w:rPr"))
                if rpr is None:
                    rpr = new("w:rPr")
                    run.insert(0, rpr)
                if rpr.find(qn("w:rStyle")) is None:  # a symbol keeps its own font
                    rpr.insert(0, new("w:rStyle", val=title_style))

    def _paragraph(self, el: ET.Element, ctx: _Ctx, parent: etree._Element | None) -> None:
        style = ctx.style or ("Titelpagina" if ctx.title_page else None)
        if el.get("class"):
            style = class_style(el.get("class", "").split()[0])
        if len(el) == 1 and el[0].tag == "img" and not (el.text or "").strip() \
                and not (el[0].tail or "").strip():
            style = PICTURE
        p = self._p(style, parent)
        self._inline(p, el, _Fmt())

    def _pre(self, el: ET.Element, parent: etree._Element | None) -> None:
        p = self._p(PRE, parent)
        text = "".join(el.itertext()).rstrip("\n")
        for i, line in enumerate(text.split("\n")):
            if i:
                sub(sub(p, "w:r"), "w:br")
            if line:
                ox.text_run(p, line)

    # -- inline -----------------------------------------------------------------------------


SPACE_AFTER_TABLE = 160  # twips (8 pt) above the first paragraph after a table


class DocxWriter:
    """Writes the tree as a Word document styled by the reference document."""


    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "DocxWriter":
        """The writer with the reference document ``huisstijl.docx`` from the search path."""
        return cls(sjablonen.huisstijl(), Kleuren.uit_sjablonen(sjablonen))

    def __init__(self, huisstijl: bytes, kleuren: Kleuren | None = None):
        self._huisstijl = huisstijl
        self._ref = Reference(huisstijl, kleuren or Kleuren.uit_sjablonen(Sjablonen()))

    def controleer(self, tree: ET.Element) -> None:
        """Raise HuisstijlFout naming every style the tree needs that the reference lacks."""
        builder = _Builder(self._ref)
        builder.build(tree)
        self._raise_missing(builder)

    def _raise_missing(self, builder: _Builder) -> None:
        for name in (HEADER, FOOTER):
            builder.style(name)
        if builder.missing:
            names = ", ".join(ox.style_label(name, kind) for name, kind in builder.missing)
            raise HuisstijlFout(
                f"huisstijl.docx mist de stijl(en) {names}; voeg ze toe in Word "
                "(Start > Stijlen) of gebruik de standaard huisstijl.docx")

    def write(self, tree: ET.Element, info: Documentinfo, markdown: str = "") -> bytes:
        """The .docx bytes for the tree; the same tree and info give the same bytes."""
        document = docx.Document(io.BytesIO(self._huisstijl))
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        sect_pr = body.find(qn("w:sectPr"))
        builder = _Builder(self._ref, document, info)
        builder.build(tree)
        builder.colophon(colofon(info))
        if sect_pr is not None:
            body.append(sect_pr)  # the section properties must stay last
        self._raise_missing(builder)
        set_header_footer(document, builder.style(HEADER), builder.style(FOOTER),
                             info.lopende_kop, info.concept, self._ref.font, title_page=builder.has_title_page,
                          paraaf=info.paraaf)
        set_properties(document, info)
        if builder.toc:  # the page numbers as LibreOffice lays the pages out (paginanummers.py);
            # without LibreOffice the document is not packaged twice
            fill_page_numbers(body, paginas(package_bytes(document, info.datum)) if soffice() else {})
        return package_bytes(document, info.datum)
