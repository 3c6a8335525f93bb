"""The PDF writer: the parsed Markdown tree → Typst markup → an archival, tagged PDF.

The PDF is PDF/A-2a and PDF/UA-1 (tagged, every font embedded, language nl-NL, title,
authors, version and date in the XMP metadata), made by Typst's Python package: it needs no
other program, takes milliseconds per document and gives the same bytes for the same input.
Bookmarks follow the headings; an ``inhoud`` div becomes a table of contents with page
numbers. The house style (fonts, colours, margins, header with CONCEPT, footer with page
numbers, the title page and the signing block) lives in ``sjablonen/huisstijl.typ``; this
module writes only structure.

Every text from the tree goes into the Typst source as a string literal (``#"…"``), never as
markup, so no character in a policy writer's text can change the document or run code.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ...core.errors import HuisstijlFout
from ...core.tekst import past
from ...load.sjablonen import Sjablonen
from ...render.document import Documentinfo, colofon
from ...parse.klassen import BLOKKEN, WAARDE, inline_klasse, klassen, uitlijning
from ...render.grafieken import Grafiek
from ..gedeeld import Kleuren
from .bijeen import closing, is_chart, sticky_blocks
from .lettertypen import meegeleverde_letters, ontbrekend_melding, ontbrekende_letter
from .kolommen import kolombreedtes, langste_woord
from ..web.svg import teken as teken_svg

HUISSTIJL = "huisstijl.typ"
LETTERTYPEN = "lettertypen"
"""An optional folder of font files beside the templates; system fonts are used as well."""
STANDAARDEN: list[Any] = ["a-2a", "ua-1"]
GRAFIEKBREEDTE_CM, GRAFIEK_EM_CM = 16, 8 * 2.54 / 72  # the chart's width; one em of its text (8 pt as in Word, huisstijl.typ)
_SPACE = re.compile(r"\s+")
_DOC_LINK = re.compile(r"^([^#?:]*)\.(?:html?|md|docx)((?:#.*)?)$")
_VOOR = {"inhoud": "#inhoud()", "paginaeinde": "#pagebreak(weak: true)"}
_OM = {"titelpagina": "#titelpagina[", "handtekening": "#handtekening["}
_MET = {"bij-volgende": "#handtekening(bij_volgende: true)["}  # changes the call of its handtekening
BLOK: dict[str, str] = {**_VOOR, **_OM, **_MET, **{k: "#klasse(naam)[" for k in BLOKKEN if k not in {**_VOOR, **_OM, **_MET}}}
"""How the PDF writer renders each block class: a call of huisstijl.typ before the block, a
function that wraps it (``[``), or ``klasse(naam)`` (every class without behaviour)."""
INLINE: dict[str, str] = {
    "status": "status", "bereik": "bereik", "symbool": "symbool",
    "bedrag": "bedrag", "datum": "datum", "termijn": "termijn",
}
"""The function of huisstijl.typ for each inline class (``status`` also gets the status's name)."""
FUNCTIES = ("opmaak", "titelpagina", "handtekening", "inhoud", "klasse", "grafiek", "afbeelding", "colofon",
             *INLINE.values())
"""Every function of huisstijl.typ this writer calls; a house style that lacks one is refused."""
UITLIJNING = {"uitlijning:left": "left", "uitlijning:center": "center", "uitlijning:right": "right"}
"""Typst's alignment for each alignment of a table cell."""


def string(text: str) -> str:
    """A Typst string literal showing exactly ``text``."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{{{ord(m.group()):x}}}", out)
    return f'"{out}"'


class _Source:
    """Typst source for one tree."""

    def __init__(self, info: Documentinfo, labels: set[str]):
        self.info = info
        self.labels = labels
        self.out: list[str] = []
        self.charts = 0
        self.titel = False
        """True inside the title page: its h1 is the document's title (tag H1, the first bookmark)."""

    # -- blocks -------------------------------------------------------------------------

    def blocks(self, el: ET.Element, top: bool = False) -> None:
        """The children of ``el`` (and text directly in it) as blocks; ``top``: the document's."""
        if el.text and el.text.strip():
            self.out.append(self.text(el.text) + "\n\n")
        sticky = sticky_blocks(list(el))
        part = closing(list(el)) if top else []  # the document's closing part (gedeeld.closing_start)
        sticky.update(part[:-1])
        for child in el:
            if child in sticky:  # kept on the page of what follows, as Word's keep with next
                self.out.append("#block(sticky: true, breakable: false)[\n")
            elif child in part:
                self.out.append("#block(breakable: false)[\n")
            self.block(child)
            if child in sticky or child in part:
                self.out.append("]\n\n")
            if child.tail and child.tail.strip():
                self.out.append(self.text(child.tail) + "\n\n")

    def block(self, el: ET.Element) -> None:
        tag = el.tag
        if tag == "div":
            self.div(el)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            titel = ", bookmarked: true" if self.titel and tag == "h1" else ""
            self.out.append(f"#heading(level: {tag[1]}{titel})[{self.inline(el)}]{self.label(el)}\n\n")
        elif tag in ("ul", "ol"):
            self.out.append("#" + self.list_(el) + "\n\n")
        elif tag == "table":
            self.out.append("#" + self.table(el) + "\n\n")
        elif tag == "blockquote":
            self.out.append("#quote[\n")
            self.blocks(el)
            self.out.append("]\n\n")
        elif tag == "hr":
            self.out.append("#line(length: 100%, stroke: 0.5pt + luma(150))\n\n")
        elif tag == "pre":
            code = "".join(el.itertext()).rstrip("\n")
            self.out.append(f"#raw({string(code)}, block: true)\n\n")
        elif tag == "img":
            self.out.append(self.image(el) + "\n\n")
        elif is_chart(el):
            self.out.append(self.image(el[0]) + self.label(el) + "\n\n")  # a chart on its own
        else:  # p, and any stray inline element at block level
            content = self.inline(el) if tag == "p" else self.inline_element(el)
            if content.strip():
                # A paragraph in markup, not par[…]: a block in par[…] leaves the tag tree.
                self.out.append(f"#par[{content}]{self.label(el)}\n\n" if el.get("id") else content + "\n\n")

    def div(self, el: ET.Element) -> None:
        names = [k for k in klassen(el) if k != "document"]
        for k in names:
            if k in _VOOR:
                self.out.append(_VOOR[k] + "\n\n")
        wrappers = [_MET["bij-volgende"] if k == "handtekening" and "bij-volgende" in names else _OM[k]
                    for k in names if k in _OM]
        wrappers += [f"#klasse({string(k)})[" for k in names if k not in {**_VOOR, **_OM, **_MET}]
        for w in wrappers:
            self.out.append(f"{w}\n")
        before, self.titel = self.titel, self.titel or "titelpagina" in names
        self.blocks(el)
        self.titel = before
        self.out.append("]\n" * len(wrappers) + ("\n" if wrappers else ""))

    def list_(self, el: ET.Element) -> str:
        items = []
        for li in el.findall("li"):
            items.append("[" + self.item(li) + "]")
        if el.tag == "ol":
            start = el.get("start")
            head = f"enum(start: {int(start)}, " if start and start.isdigit() else "enum("
        else:
            head = "list("
        return head + ", ".join(items) + ("," if len(items) == 1 else "") + ")"

    def item(self, li: ET.Element) -> str:
        """A list item: inline content, or block children."""
        if not any(child.tag in ("p", "ul", "ol", "div", "table", "blockquote", "pre") for child in li):
            return self.inline(li)
        inner = _Source(self.info, self.labels)
        inner.blocks(li)
        return "".join(inner.out).strip()

    def table(self, el: ET.Element) -> str:
        rows = [tr for part in el for tr in (part if part.tag in ("thead", "tbody") else [part])
                if tr.tag == "tr"]
        head = [tr for part in el if part.tag == "thead" for tr in part if tr.tag == "tr"]
        ncols = max((len(tr) for tr in rows), default=1)
        aligns = ["left"] * ncols
        for tr in rows[:2]:
            for i, cell in enumerate(tr):
                a = uitlijning(cell)
                if a:
                    aligns[i] = UITLIJNING[f"uitlijning:{a}"]
        texts = [([_SPACE.sub(" ", "".join(c.itertext())).strip() for c in tr], tr in head) for tr in rows]
        widths = kolombreedtes(texts, ncols)
        columns = "(" + ", ".join(f"{w}fr" for w in widths) + ("," if ncols == 1 else "") + ")"
        parts = [f"columns: {columns}", "align: (" + ", ".join(aligns) + ("," if ncols == 1 else "") + ")"]
        # Hyphenation only where a word is wider than its column: a status, a date or a name
        # that fits is never broken ('✓ ge-haald'), it wraps at its spaces.
        whole = {id(c) for tr, (t, h) in zip(rows, texts) for i, (c, text) in enumerate(zip(tr, t))
                 if langste_woord(text) * (1.1 if h else 1.0) <= widths[i]}

        def cells(tr: ET.Element) -> str:
            return ", ".join(f"[#text(hyphenate: false)[{self.inline(c)}]]" if id(c) in whole
                             else f"[{self.inline(c)}]" for c in tr) + ", [ ]" * (ncols - len(tr))

        if head:
            parts.append("table.header(" + ", ".join(cells(tr) for tr in head) + ")")
        for tr in rows:
            if tr in head:
                continue
            parts.append(cells(tr))
        return "table(" + ", ".join(p for p in parts if p) + ")"

    def image(self, el: ET.Element) -> str:
        """A chart as vector graphics with its alt text (drawn as for HTML, styled by the house
        style's ``grafiek``); another image as is; without alt text it is decoration."""
        naam = el.get("src", "")
        alt = _SPACE.sub(" ", el.get("alt", "")).strip()
        afbeelding = self.info.afbeeldingen.get(naam)
        if afbeelding is None:
            return self.text(alt)
        if isinstance(afbeelding, Grafiek):
            self.charts += 1
            svg = teken_svg(afbeelding, f"grafiek{self.charts}", alt, GRAFIEKBREEDTE_CM / GRAFIEK_EM_CM)[0]
            svg.set("xmlns", "http://www.w3.org/2000/svg")
            svg.set("width", f"{GRAFIEKBREEDTE_CM:g}cm")
            picture = f"grafiek({string(ET.tostring(svg, encoding='unicode'))}"
        else:
            if afbeelding.svg:
                data, fmt = string(afbeelding.svg.decode("utf-8")), "svg"
            else:
                data, fmt = "(" + ",".join(str(b) for b in afbeelding.png) + ",)", "png"
            picture = f"afbeelding(image(bytes({data}), format: \"{fmt}\", width: {afbeelding.breedte_cm:g}cm"
            if not alt:
                return f"#pdf.artifact({picture})))"
            return f"#{picture}, alt: {string(alt)}))"
        if not alt:  # no text alternative: decoration, outside the tag tree (as aria-hidden in HTML)
            return f"#pdf.artifact({picture}))"
        return f"#{picture}, alt: {string(alt)})"

    # -- inline -------------------------------------------------------------------------

    def inline(self, el: ET.Element) -> str:
        """The inline content of ``el`` as Typst markup."""
        parts = []
        if el.text:
            parts.append(self.text(el.text))
        for child in el:
            parts.append(self.inline_element(child))
            if child.tail:
                parts.append(self.text(child.tail))
        return "".join(parts)

    def inline_element(self, el: ET.Element) -> str:
        tag = el.tag
        if tag == "strong":
            return f"#strong[{self.inline(el)}]"
        if tag == "em":
            return f"#emph[{self.inline(el)}]"
        if tag == "code":
            return f"#raw({string(''.join(el.itertext()))})"
        if tag == "br":
            return "#linebreak()"
        if tag == "a":
            return self.link(el)
        if tag == "img":
            return self.image(el)
        if tag in ("ul", "ol"):
            return "#" + self.list_(el)
        klasse = inline_klasse(el)
        if klasse == "status":
            return f"#{INLINE[klasse]}({string(el.get(WAARDE, ''))})[{self.inline(el)}]"
        if klasse is not None:
            return f"#{INLINE[klasse]}[{self.inline(el)}]"
        return self.inline(el)

    def link(self, el: ET.Element) -> str:
        content = self.inline(el)
        href = el.get("href", "").strip()
        if href.startswith("#"):
            if href[1:] in self.labels:
                return f"#link(label({string(href[1:])}))[{content}]"
            return content
        m = _DOC_LINK.match(href)
        if m:  # a sibling document: its PDF
            href = f"{m.group(1)}.pdf{m.group(2)}"
        if not href:
            return content
        return f"#link({string(href)})[{content}]"

    def text(self, text: str) -> str:
        """Text as a string literal: never markup."""
        text = _SPACE.sub(" ", text)
        return f"#{string(text)}" if text else ""

    def label(self, el: ET.Element) -> str:
        ident = el.get("id")
        return f" #label({string(ident)})" if ident else ""


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _begint_met_titelpagina(tree: ET.Element) -> bool:
    first = next(iter(tree), None)
    return first is not None and first.tag == "div" and "titelpagina" in klassen(first)


def _labels(tree: ET.Element) -> set[str]:
    """Ids a link may point to: the first element with each id."""
    return {el.get("id", "") for el in tree.iter() if el.get("id")}


def typst_source(tree: ET.Element, info: Documentinfo, huisstijl: str, kleuren: Kleuren) -> str:
    """The whole Typst document: colours, house style, metadata, then the content."""
    source = _Source(info, _labels(tree))
    source.blocks(tree, top=True)
    d = info.datum
    beschrijving = info.onderwerp
    if info.versie:
        beschrijving = f"{beschrijving} · versie {info.versie}" if beschrijving else f"versie {info.versie}"
    beschrijving += " · CONCEPT" if info.concept else (" · ter ondertekening" if info.status == "ter_ondertekening" else "")
    trefwoorden = [*info.trefwoorden, *([f"versie {info.versie}"] if info.versie else [])]
    # Properties as in Word (cut at a word to 255 characters): PDF/A refuses a longer string.
    meta = (
        f"#set document(title: {string(past(info.titel))}, "
        f"author: ({''.join(string(past(a)) + ', ' for a in info.auteurs)}), "
        f"description: {string(past(beschrijving))}, "
        f"keywords: ({''.join(string(past(k)) + ', ' for k in trefwoorden)}), "
        f"date: datetime(year: {d.year}, month: {d.month}, day: {d.day}, "
        f"hour: {d.hour}, minute: {d.minute}, second: {d.second}))\n"
        f"#show: opmaak.with(kop: {string(info.lopende_kop)}, concept: {_bool(info.concept)}, "
        f"titelpagina: {_bool(_begint_met_titelpagina(tree))}, "
        f"paraaf: ({''.join(string(n) + ', ' for n in info.paraaf)}))\n\n"
    )
    slot = f"#colofon({string(colofon(info))})\n" if colofon(info) else ""
    return kleuren.typst() + huisstijl.rstrip() + "\n\n" + meta + "".join(source.out) + slot


class PdfWriter:
    """Writes the tree as a PDF/A-2a (and PDF/UA-1) document in the house style of huisstijl.typ."""

    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "PdfWriter":
        """The writer with the house style ``huisstijl.typ`` (and fonts in ``lettertypen/``) from the search path."""
        return cls(sjablonen.lees(HUISSTIJL), sjablonen.dirs[0] / LETTERTYPEN, Kleuren.uit_sjablonen(sjablonen))

    def __init__(self, huisstijl: bytes, lettertypen: Path | None = None, kleuren: Kleuren | None = None):
        import typst

        self._typst = typst
        self._huisstijl = huisstijl.decode("utf-8")
        self._kleuren = kleuren or Kleuren.uit_sjablonen(Sjablonen())
        missing = [f for f in FUNCTIES if not re.search(rf"#let {f}\(", self._huisstijl)]
        if missing:
            raise HuisstijlFout(f"{HUISSTIJL} mist de functie(s) {', '.join(missing)}; "
                                "zie de lijst bovenaan het standaardbestand")
        paths = [str(lettertypen)] if lettertypen is not None and lettertypen.is_dir() else []
        self._compiler = typst.Compiler(font_paths=[*paths, *meegeleverde_letters()])
        self._ontbrekend: dict[str, None] = {}

    def write(self, tree: ET.Element, info: Documentinfo, markdown: str = "") -> bytes:
        """The PDF bytes for the tree; the same tree and info give the same bytes."""
        source = typst_source(tree, info, self._huisstijl, self._kleuren)
        data = None
        for standards in (STANDAARDEN, STANDAARDEN[:1]):
            try:
                data, warnings = self._compiler.compile_with_warnings(
                    input=source.encode("utf-8"), format="pdf", pdf_standards=standards,
                    timestamp=info.datum, pdf_tags=True)
                self._ontbrekend.update(dict.fromkeys(filter(None, map(ontbrekende_letter, warnings))))
                break
            except self._typst.TypstError as e:
                # A template whose headings PDF/UA refuses (the first is not level 1, a level
                # skipped) still gets an archival PDF/A-2a, which claims no PDF/UA.
                if "PDF/UA" in str(getattr(e, "message", e)) and standards is STANDAARDEN:
                    continue
                raise HuisstijlFout(f"de PDF van '{info.titel}' kon niet worden gemaakt: {_dutch(e)}") from None
        assert isinstance(data, bytes)
        return data

    def meldingen(self) -> list[str]:
        """Fonts the house style asks for that are missing, since the last call (never silent)."""
        meldingen, self._ontbrekend = [ontbrekend_melding(n, HUISSTIJL) for n in self._ontbrekend], {}
        return meldingen


def _dutch(e: Exception) -> str:
    message = getattr(e, "message", "") or str(e).splitlines()[0]
    return f"Typst meldt: {message} (controleer {HUISSTIJL})"
