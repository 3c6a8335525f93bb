"""HTML writer: the parsed tree as one standalone, accessible HTML5 page.

The tree is copied into a new tree of HTML elements (never changed in place: the other
writers read it too), then serialised by hand. Only the tags of ``markup.ELEMENTEN`` and a
short list of attributes per tag pass; every text and attribute value is escaped, so nothing
from the YAML can become markup. The page shell is ``sjablonen/pagina.html``, the house style
``sjablonen/stijl.css``, inlined so that the page works on its own (mailed, archived, offline).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html import escape

import jinja2
from markupsafe import Markup

from ..core import opmaak
from ..core.errors import SjabloonFout
from ..core.tekst import slug
from ..load.sjablonen import Sjablonen
from ..core.links import link_is_safe
from ..parse import ELEMENTEN, plain_text
from ..render.document import Documentinfo
from .kaarten import label_cells
from ..render.grafieken import Grafiek
from .svg import teken as teken_svg
from ..render.jinjataal import syntax_fout

PAGINA = "pagina.html"
STIJL = "stijl.css"

HEADINGS = {f"h{n}": n for n in range(1, 7)}
VOID = {"br", "hr", "img"}
# Elements written on their own line; everything else is inline and written as it comes.
BLOCK = {
    "div", "nav", "figure", "figcaption", "p", "ul", "ol", "li", "table", "thead", "tbody",
    "tr", "th", "td", "blockquote", "hr", "pre", "details", "summary", *HEADINGS,
}
# Attributes that pass from the tree, per tag ("*" for every tag); everything else is dropped.
ALLOWED = {
    "*": ("id", "class"),
    "a": ("href", "title"),
    "ol": ("start",),
}
ALIGN = {"left": "links", "center": "midden", "right": "rechts"}
# Ids the page shell itself uses; a document may not take them.
PAGE_IDS = ("hoofdinhoud",)
# A table inside an element with this class gets row headers (first cell of each body row).
ROW_HEADERS = "rijkoppen"
# C0/C1 control characters are not allowed in HTML text; tab, line feed and return are.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SVG_URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")


class HtmlWriter:
    """Writes a document as one standalone HTML5 page: page shell and house style inlined."""


    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "HtmlWriter":
        return cls(sjablonen)

    def __init__(self, sjablonen: Sjablonen):
        try:
            self._pagina = sjablonen.html_env.get_template(PAGINA)
        except jinja2.TemplateSyntaxError as exc:
            raise syntax_fout(exc, PAGINA, sjablonen.html_env) from None
        except jinja2.TemplateNotFound as exc:
            sjablonen.bestand(exc.name or PAGINA)  # raises, naming the folders searched
            raise SjabloonFout(f"sjabloon '{exc.name}' niet gevonden") from exc
        self._css = sjablonen.lees_tekst(STIJL)
        if "</style" in self._css.lower():
            raise SjabloonFout(f"{STIJL} bevat '</style': dat zou de pagina afbreken")

    def write(self, tree: ET.Element, info: Documentinfo, markdown: str = "") -> bytes:
        """The page for one document, as UTF-8 bytes; the same input gives the same bytes."""
        omzetting = _Omzetting(tree, info)
        body = omzetting.body()
        context = {
            "titel": info.titel,
            "taal": (info.taal or "nl").split("-")[0],
            "soort": info.soort,
            "versie": info.versie,
            "onderwerp": info.onderwerp,
            "auteurs": ", ".join(info.auteurs),
            "trefwoorden": ", ".join(info.trefwoorden),
            "generator": info.generator,
            "commit": info.commit, "gewijzigd": info.gewijzigd, "kop": info.kop,
            "datum_iso": _iso(info.datum),
            "datum_dag": _utc(info.datum).date().isoformat(),
            "datum_tekst": dutch_date(info.datum),
            "concept": info.concept,
            "titel_als_kop": omzetting.header_h1,
            "hoofdinhoud": PAGE_IDS[0],
            "css": Markup(self._css),
            "voet_css": Markup(css_string(info.lopende_kop)),
            "inhoud": Markup(body),
        }
        try:
            page = self._pagina.render(context)
        except jinja2.TemplateError as exc:
            raise SjabloonFout(f"{PAGINA}: fout bij het opmaken van de pagina: {exc}") from exc
        return page.encode("utf-8")


def css_string(text: str) -> str:
    """A quoted CSS string; anything but plain letters, digits and spaces as a hex escape."""
    # Escaping everything else keeps quotes, backslashes and '</style' out of the style sheet.
    return '"' + "".join(
        c if (c.isascii() and (c.isalnum() or c == " ")) else f"\\{ord(c):x} "
        for c in _clean(text) or ""
    ) + '"'


def dutch_date(moment: dt.datetime) -> str:
    """'25 november 2025': the build date as a Dutch reader writes it (UTC)."""
    return opmaak.datum(_utc(moment).date())


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:  # the build date is meant as UTC
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def _iso(moment: dt.datetime) -> str:
    return _utc(moment).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _headings(tree: ET.Element) -> Iterator[ET.Element]:
    return (el for el in tree.iter() if el.tag in HEADINGS)


def _classes(el: ET.Element) -> list[str]:
    return (el.get("class") or "").split()


def _is_blank(text: str | None) -> bool:
    return not (text or "").strip()


class _Omzetting:
    """One conversion: the input tree to a safe HTML tree, with ids, contents and charts."""

    def __init__(self, tree: ET.Element, info: Documentinfo):
        self.tree = tree
        self.info = info
        self.used: set[str] = set(PAGE_IDS)
        self.heading_ids: dict[int, str] = {}  # id(input heading) -> anchor
        self.last_heading = ""
        self.tables: dict[str, int] = {}
        self._collect_ids()
        self.header_h1 = not any(el.tag == "h1" for el in _headings(tree))
        self._name_headings()

    # -- preparation -------------------------------------------------------------------------

    def _collect_ids(self) -> None:
        """Every explicit id stays (the parse stage checked them); the page's own are reserved."""
        for el in self.tree.iter():
            ident = el.get("id")
            if ident is None:
                continue
            if ident in PAGE_IDS:
                raise SjabloonFout(f"id '{ident}' is gereserveerd voor de pagina; kies een andere")
            self.used.add(ident)

    def _name_headings(self) -> None:
        for el in _headings(self.tree):
            self.heading_ids[id(el)] = el.get("id") or self.unique_id(slug(plain_text(el), "kop"))

    def unique_id(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``… whichever is still free; then it is taken."""
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate

    # -- conversion --------------------------------------------------------------------------

    def body(self) -> str:
        """The document as HTML text, ready to go inside ``<main>``."""
        out = ET.Element("div", {"class": "document"})
        self._children(self.tree, out, rows=False)
        return _serialise(out)

    def _children(self, src: ET.Element, dst: ET.Element, rows: bool) -> None:
        """Copy the content of ``src`` into ``dst``; block whitespace is left to the serialiser."""
        block_parent = src.tag in BLOCK and not self._has_inline(src)
        if not (block_parent and _is_blank(src.text)):
            dst.text = _clean(src.text)
        for child in src:
            rows_here = rows or ROW_HEADERS in _classes(child)
            new = self._element(child, dst, rows_here)
            tail = _clean(child.tail)
            if new is not None and not (block_parent and _is_blank(tail)):
                new.tail = tail
            elif new is None and tail:
                _append_text(dst, tail)

    @staticmethod
    def _has_inline(el: ET.Element) -> bool:
        """True when the element holds running text (so its whitespace matters)."""
        return not _is_blank(el.text) or any(
            c.tag not in BLOCK or not _is_blank(c.tail) for c in el
        )

    def _element(self, src: ET.Element, parent: ET.Element, rows: bool) -> ET.Element | None:
        tag = src.tag
        if tag == "div" and "inhoud" in _classes(src) and len(src) == 0 and _is_blank(src.text):
            return self._contents(parent, src)
        if tag == "table":
            return self._table(src, parent, rows)
        if tag == "p" and self._lone_image(src) is not None:
            return self._figure(src, parent)
        if tag == "img":
            return self._image(src, parent)
        if tag == "a" and not link_is_safe(src.get("href", "")):
            # the parser already removes these; the writer is the last gate, so check again
            _append_text(parent, plain_text(src))
            return None
        if tag not in ELEMENTEN:
            _append_text(parent, plain_text(src))  # unknown markup: its text only, escaped
            return None
        new = ET.SubElement(parent, tag, self._attributes(src))
        if tag in HEADINGS:
            new.set("id", self.heading_ids[id(src)])
            self.last_heading = plain_text(src).strip()
        self._children(src, new, rows)
        return new

    def _attributes(self, src: ET.Element) -> dict[str, str]:
        attrs: dict[str, str] = {}
        classes = _classes(src)
        align = src.get("align") or _text_align(src.get("style", ""))
        if align in ALIGN:
            classes.append(ALIGN[align])
        for name in (*ALLOWED["*"], *ALLOWED.get(src.tag, ())):
            if name == "class":
                if classes:
                    attrs["class"] = " ".join(dict.fromkeys(classes))
                continue
            value = src.get(name)
            if value is None:
                continue
            if name == "start" and not value.strip().isdigit():
                continue
            attrs[name] = _clean(value) or ""
        return attrs

    def _contents(self, parent: ET.Element, src: ET.Element) -> ET.Element | None:
        """An empty ``inhoud`` div becomes the table of contents: links to every h2 and h3."""
        if not any(el.tag in ("h2", "h3") for el in _headings(self.tree)):
            return None  # nothing to list: no navigation at all rather than an empty one
        attrs = {"class": " ".join(_classes(src)), "aria-label": "Inhoudsopgave"}
        if src.get("id"):
            attrs = {"id": src.get("id", ""), **attrs}
        nav = ET.SubElement(parent, "nav", attrs)
        label = ET.SubElement(nav, "p", {"class": "inhoud-kop"})
        label.text = "Inhoud"
        top = ET.SubElement(nav, "ul")
        current: ET.Element | None = None  # the li of the last h2, which holds its h3s
        for el in _headings(self.tree):
            if el.tag not in ("h2", "h3"):
                continue
            target = top
            if el.tag == "h3" and current is not None:
                sub = current.find("ul")
                target = sub if sub is not None else ET.SubElement(current, "ul")
            li = ET.SubElement(target, "li")
            link = ET.SubElement(li, "a", {"href": "#" + self.heading_ids[id(el)]})
            link.text = _clean(" ".join(plain_text(el).split()))
            if el.tag == "h2":
                current = li
        return nav

    def _table(self, src: ET.Element, parent: ET.Element, rows: bool) -> ET.Element:
        """A table in a focusable, labelled scroll container, with header scopes set."""
        label = self.last_heading or self.info.titel or "Tabel"
        n = self.tables[label] = self.tables.get(label, 0) + 1
        wrapper = ET.SubElement(parent, "div", {
            "class": "tabel", "role": "region", "tabindex": "0",  # so keyboard users can scroll it
            "aria-label": f"Tabel: {label}" if n == 1 else f"Tabel {n}: {label}"})
        table = ET.SubElement(wrapper, "table", self._attributes(src))
        self._children(src, table, rows)
        if label_cells(table):  # a card per row on a phone
            wrapper.set("class", "tabel breed")
        for th in table.iterfind("./thead/tr/th"):
            th.set("scope", "col")
        if rows:
            for tr in table.iterfind("./tbody/tr"):
                if len(tr) and tr[0].tag == "td":
                    tr[0].tag = "th"
                    tr[0].set("scope", "row")
        return wrapper

    @staticmethod
    def _lone_image(p: ET.Element) -> ET.Element | None:
        if len(p) == 1 and p[0].tag == "img" and _is_blank(p.text) and _is_blank(p[0].tail):
            return p[0]
        return None

    def _figure(self, p: ET.Element, parent: ET.Element) -> ET.Element:
        """A paragraph holding only an image becomes a figure; its title the caption."""
        img = self._lone_image(p)
        assert img is not None
        attrs = self._attributes(p)
        attrs["class"] = " ".join(["afbeelding", *_classes(p)])
        figure = ET.SubElement(parent, "figure", attrs)
        self._image(img, figure, caption=True)
        title = img.get("title")
        if title:
            caption = ET.SubElement(figure, "figcaption")
            caption.text = _clean(title)
        return figure

    def _image(
        self, src: ET.Element, parent: ET.Element, caption: bool = False
    ) -> ET.Element | None:
        """A chart inline as SVG, a PNG as data URI, anything else as a plain ``<img>``."""
        naam = src.get("src", "")
        alt = _clean(src.get("alt", "")) or ""
        title = None if caption else src.get("title")
        afbeelding = self.info.afbeeldingen.get(naam)
        if isinstance(afbeelding, Grafiek):  # its figures as a table in a figure, not in a paragraph
            prefix = self.unique_id(slug(naam, "grafiek"))
            self.used.update(f"{prefix}-{s}" for s in ("titel", "beschrijving"))
            parent.extend(teken_svg(afbeelding, prefix, alt)[: 2 if caption else 1])
            return parent[-2 if caption else -1]
        if afbeelding is not None and afbeelding.svg:
            svg = self._svg(naam, afbeelding.svg, alt)
            parent.append(svg)
            return svg
        if afbeelding is not None:
            data = base64.b64encode(afbeelding.png).decode("ascii")
            attrs = {"src": "data:image/png;base64," + data, "alt": alt}
            attrs.update(afbeelding.maten())
        elif link_is_safe(naam) and naam.strip():
            attrs = {"src": naam, "alt": alt}
        else:
            _append_text(parent, alt)
            return None
        if title:
            attrs["title"] = _clean(title) or ""
        return ET.SubElement(parent, "img", attrs)

    def _svg(self, naam: str, data: bytes, alt: str) -> ET.Element:
        """Inline SVG: described by its alt text, ids made unique, nothing active or external."""
        try:
            root = ET.fromstring(data)
        except ET.ParseError as exc:
            raise SjabloonFout(f"afbeelding '{naam}': de SVG is onleesbaar ({exc})") from exc
        if _local(root.tag) != "svg":
            raise SjabloonFout(f"afbeelding '{naam}': geen SVG (het hoofdelement is geen <svg>)")
        prefix = self.unique_id(slug(naam, "kop"))
        ids = {el.get("id", "") for el in root.iter() if el.get("id")}
        renamed = {old: f"{prefix}-{old}" for old in sorted(ids)}
        for new in renamed.values():
            if new in self.used:
                raise SjabloonFout(f"afbeelding '{naam}': id '{new}' bestaat al in het document")
            self.used.add(new)
        svg = _copy_svg(root, renamed)
        assert svg is not None
        if alt:
            head = {"class": "grafiek", "role": "img", "aria-label": alt}
        else:  # no alt text: decorative, hidden from assistive technology
            head = {"class": "grafiek", "aria-hidden": "true"}
        svg.attrib = {**head, **{k: v for k, v in svg.attrib.items() if k not in head}}
        for old_title in svg.findall("title"):
            svg.remove(old_title)
        if alt:
            title = ET.Element("title")
            title.text = alt
            svg.insert(0, title)
        return svg


# SVG content that is never copied: scripts and foreign HTML could act, a style element would
# style the whole page once inlined, metadata only carries the drawing tool's RDF.
_SVG_DROP = {"script", "style", "foreignObject", "metadata"}
_XLINK = "{http://www.w3.org/1999/xlink}"
_XML = "{http://www.w3.org/XML/1998/namespace}"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _copy_svg(src: ET.Element, renamed: dict[str, str]) -> ET.Element | None:
    """A clean copy of an SVG element: local tag names, no event handlers, ids renamed."""
    tag = _local(src.tag) if isinstance(src.tag, str) else ""
    if not tag or tag in _SVG_DROP:
        return None
    attrs: dict[str, str] = {}
    for name, value in src.attrib.items():
        if name.startswith(_XLINK):
            name = "xlink:" + _local(name)
        elif name.startswith(_XML):
            name = "xml:" + _local(name)
        elif name.startswith("{") or name.lower().startswith("on"):
            continue
        if name in ("href", "xlink:href"):
            if value.startswith("#"):
                value = "#" + renamed.get(value[1:], value[1:])
            elif not value.startswith("data:image/png;"):
                continue  # no external resources: the page must work on its own
        elif name == "id":
            value = renamed.get(value, value)
        elif "url(" in value:
            value = _SVG_URL_REF.sub(
                lambda m: f"url(#{renamed.get(m.group(1), m.group(1))})", value
            )
        attrs[name] = value
    new = ET.Element(tag, attrs)
    keep_space = tag in ("text", "tspan", "title", "desc")
    if src.text and (keep_space or not _is_blank(src.text)):
        new.text = _clean(src.text)
    for child in src:
        copy = _copy_svg(child, renamed)
        if copy is not None:
            if child.tail and (keep_space or not _is_blank(child.tail)):
                copy.tail = _clean(child.tail)
            new.append(copy)
    return new


def _text_align(style: str) -> str | None:
    m = re.search(r"text-align\s*:\s*(left|center|right)", style)
    return m.group(1) if m else None


def _clean(text: str | None) -> str | None:
    return _CONTROL.sub("", text) if text else text


def _append_text(parent: ET.Element, text: str | None) -> None:
    """Add text at the current end of ``parent`` (after its last child, or as its text)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _serialise(root: ET.Element) -> str:
    out: list[str] = []
    _write(root, out, in_svg=False)
    return "".join(out)


def _write(el: ET.Element, out: list[str], in_svg: bool) -> None:
    """Write one element: tags and attribute names are ours, every value is escaped."""
    tag = el.tag
    in_svg = in_svg or tag == "svg"
    block = tag in BLOCK and not in_svg
    if block and out and not out[-1].endswith("\n"):
        out.append("\n")
    out.append("<" + tag)
    for name, value in el.attrib.items():
        out.append(f' {name}="{escape(value, quote=True)}"')
    if in_svg and len(el) == 0 and not el.text:
        out.append("/>")
    elif tag in VOID:
        out.append(">")
    else:
        out.append(">")
        text = el.text or ""
        if tag == "pre" and text.startswith("\n"):
            text = "\n" + text  # the HTML parser drops one leading newline in <pre>
        if text:
            out.append(escape(text, quote=False))
        for child in el:
            _write(child, out, in_svg)
        out.append(f"</{tag}>")
    if block:
        out.append("\n")
    if el.tail and not (block and el.tail.isspace()):  # whitespace after a block is not shown
        out.append(escape(el.tail, quote=False))
