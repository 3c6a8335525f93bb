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
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import jinja2
from markupsafe import Markup

from ...core import opmaak
from ...core.errors import SjabloonFout
from ...core.tekst import slug
from ...load.sjablonen import Sjablonen
from ...core.links import link_is_safe
from ...parse import ELEMENTEN, plain_text
from ...parse.klassen import UITLIJNING, uitlijning
from ...render.document import Documentinfo
from .htmlsvg import inline_svg
from ..gedeeld import Kleuren, utc
from .htmltekst import BLOCK, HEADINGS, append_text, clean, is_blank, serialise
from .kaarten import label_cells
from ...render.grafieken import Grafiek
from .svg import teken as teken_svg
from ...render.jinjataal import syntax_fout

PAGINA = "pagina.html"
STIJL = "stijl.css"

# Attributes that pass from the tree, per tag ("*" for every tag); everything else is dropped.
ALLOWED = {
    "*": ("id", "class"),
    "a": ("href", "title"),
    "ol": ("start",),
}
ALIGN = UITLIJNING
CSS: dict[str, str | None] = {
    **{k: k for k in ("titelpagina", "inhoud", "handtekening", "kader", "samenvatting", "klein",
                      "persbericht", "dateline", "embargo", "lead", "feiten", "tekenregel",
                      "paginaeinde", "noot", "citaat")},
    "status": "status",  # and per status its colour, from kleuren.yaml (Kleuren.css)
    "bereik": "bereik", "symbool": "symbool",
    "bedrag": None, "datum": None, "termijn": None,  # a span with its class, no look of its own
    **{f"uitlijning:{a}": k for a, k in UITLIJNING.items()},
}
"""How the HTML writer renders every class of the vocabulary: the element keeps the class,
and the class named here has a rule in stijl.css (None: the class only, no look of its own)."""
# Ids the page shell itself uses; a document may not take them.
PAGE_IDS = ("hoofdinhoud",)
# A table inside an element with this class gets row headers (first cell of each body row).
ROW_HEADERS = "rijkoppen"


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
            sjablonen.bestand(str(exc.name or PAGINA))  # raises, naming the folders searched
            raise SjabloonFout(f"sjabloon '{exc.name}' niet gevonden") from exc
        self._css = sjablonen.lees_tekst(STIJL)
        if "</style" in self._css.lower():
            raise SjabloonFout(f"{STIJL} bevat '</style': dat zou de pagina afbreken")
        self._css += "\n/* De kleur van elke status, uit kleuren.yaml */\n" + Kleuren.uit_sjablonen(sjablonen).css()

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
            "datum_dag": utc(info.datum).date().isoformat(),
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
        for c in clean(text) or ""
    ) + '"'


def dutch_date(moment: dt.datetime) -> str:
    """'25 november 2025': the build date as a Dutch reader writes it (UTC)."""
    return opmaak.datum(utc(moment).date())


def _iso(moment: dt.datetime) -> str:
    return utc(moment).replace(microsecond=0).isoformat() + "Z"


def _headings(tree: ET.Element) -> Iterator[ET.Element]:
    return (el for el in tree.iter() if el.tag in HEADINGS)


def _classes(el: ET.Element) -> list[str]:
    return (el.get("class") or "").split()


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
        return serialise(out)

    def _children(self, src: ET.Element, dst: ET.Element, rows: bool) -> None:
        """Copy the content of ``src`` into ``dst``; block whitespace is left to the serialiser."""
        block_parent = src.tag in BLOCK and not self._has_inline(src)
        if not (block_parent and is_blank(src.text)):
            dst.text = clean(src.text)
        for child in src:
            rows_here = rows or ROW_HEADERS in _classes(child)
            new = self._element(child, dst, rows_here)
            tail = clean(child.tail)
            if new is not None and not (block_parent and is_blank(tail)):
                new.tail = tail
            elif new is None and tail:
                append_text(dst, tail)

    @staticmethod
    def _has_inline(el: ET.Element) -> bool:
        """True when the element holds running text (so its whitespace matters)."""
        return not is_blank(el.text) or any(
            c.tag not in BLOCK or not is_blank(c.tail) for c in el
        )

    def _element(self, src: ET.Element, parent: ET.Element, rows: bool) -> ET.Element | None:
        tag = src.tag
        if tag == "div" and "inhoud" in _classes(src) and len(src) == 0 and is_blank(src.text):
            return self._contents(parent, src)
        if tag == "table":
            return self._table(src, parent, rows)
        if tag == "p" and self._lone_image(src) is not None:
            return self._figure(src, parent)
        if tag == "img":
            return self._image(src, parent)
        if tag == "a" and not link_is_safe(src.get("href", "")):
            # the parser already removes these; the writer is the last gate, so check again
            append_text(parent, plain_text(src))
            return None
        if tag not in ELEMENTEN:
            append_text(parent, plain_text(src))  # unknown markup: its text only, escaped
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
        align = uitlijning(src)
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
            attrs[name] = clean(value) or ""
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
            link.text = clean(" ".join(plain_text(el).split()))
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
        if len(p) == 1 and p[0].tag == "img" and is_blank(p.text) and is_blank(p[0].tail):
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
            caption.text = clean(title)
        return figure

    def _image(
        self, src: ET.Element, parent: ET.Element, caption: bool = False
    ) -> ET.Element | None:
        """A chart inline as SVG, a PNG as data URI, anything else as a plain ``<img>``."""
        naam = src.get("src", "")
        alt = clean(src.get("alt", "")) or ""
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
            append_text(parent, alt)
            return None
        if title:
            attrs["title"] = clean(title) or ""
        return ET.SubElement(parent, "img", attrs)

    def _svg(self, naam: str, data: bytes, alt: str) -> ET.Element:
        return inline_svg(naam, data, alt, lambda: self.unique_id(slug(naam, "kop")), self.used)
