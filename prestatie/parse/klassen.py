"""The vocabulary of meaning: every class the tree may carry, declared once, and the one pass
that marks the inline classes in the tree.

A block class is named by a template (``::: {.kader}``); an inline class is found here, once,
in the text of the parsed tree and made a ``<span class="…">``. After this pass no writer looks
for meaning in text again: a writer is a table from each class below to its rendering (a CSS
class, a Word style with run properties, a Typst function, plain text), and
``tests/test_klassen.py`` fails when a writer lacks one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import lru_cache

from ..core.opmaak import BEREIK, MAANDEN
from ..core.tekst import slug
from ..plan.voortgang import alle_statussen

BLOKKEN: dict[str, str] = {
    # classes with behaviour
    "titelpagina": "the title page: its h1 is the document's title, then a page break",
    "inhoud": "the table of contents (an empty div where it goes)",
    "handtekening": "one party's signature block, kept on one page",
    "bij-volgende": "with handtekening: kept on the page of the next block (the last never alone)",
    "kader": "a box set apart from the running text",
    "citaat": "a quotation with its speaker",
    "paginaeinde": "a page break before what follows",
    "noot": "the note to the editors, kept on one page",
    "anker": "only an anchor: an item the agreement writes as a bullet, with its id for links",
    # classes that only name a look in the house style
    "samenvatting": "the summary of a progress report",
    "klein": "small print (sources, remarks)",
    "persbericht": "the body of a press release",
    "dateline": "the press release's place and date line",
    "embargo": "the embargo line above a press release",
    "lead": "the opening paragraph of a press release",
    "feiten": "the facts and figures of a press release",
    "tekenregel": "the line to sign on",
}
"""Every block class the shipped templates use. A template may name another class: it is
rendered as a class without behaviour (a CSS class, a Word style of that name, Typst
``klasse``)."""

INLINE: dict[str, str] = {
    "status": "a progress status, symbol and word ('✓ Gerealiseerd'); attribute waarde",
    "bereik": "a range of years or numbers ('2024–2027') that never breaks at its dash",
    "symbool": "arrows, signs, shapes and dingbats drawn in the symbol font",
    "bedrag": "an amount in euro ('€ 1.234,50') kept on one line",
    "datum": "a date ('1 januari 2025') kept on one line",
    "termijn": "a deadline ('uiterlijk 1 juli 2025', 'Q3 2026') kept on one line",
}
"""Every inline class; the pass below marks each as ``<span class="…">``."""

UITLIJNING: dict[str, str] = {"left": "links", "center": "midden", "right": "rechts"}
"""Alignment of a table cell (attribute ``align``) and the class that names it."""

WAARDE = "waarde"
"""The attribute of a status span: the status's name ('op schema')."""

SYMBOOLBEREIKEN: tuple[tuple[int, int], ...] = (
    (0x2190, 0x21FF),  # arrows
    (0x2300, 0x23FF),  # technical signs
    (0x25A0, 0x27BF),  # shapes, miscellaneous symbols, dingbats
    (0x2B00, 0x2BFF),  # more arrows and shapes
)
"""The code points most text fonts lack or draw small: the one list that the style sheet's
``unicode-range`` and the Typst house style's ``symbolen`` are tested against."""

def statuswaarden() -> tuple[str, ...]:
    """Every value a status span can have (read now: a status added has one)."""
    return tuple(s.naam for s in alle_statussen())


def statusklasse(waarde: str) -> str:
    """The class naming one status's look: 'niet gerealiseerd' → 'status-niet-gerealiseerd'."""
    return "status-" + slug(waarde, "status")


def klassen(el: ET.Element) -> list[str]:
    """The classes of an element, in order."""
    return el.get("class", "").split()


def inline_klasse(el: ET.Element) -> str | None:
    """The inline class of a span from this pass, or None."""
    if el.tag != "span":
        return None
    found = [k for k in klassen(el) if k in INLINE]
    return found[0] if found else None


_SYMBOOL = "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in SYMBOOLBEREIKEN) + "]+"
_MAAND = "|".join(MAANDEN)
_DATUM = rf"\d{{1,2}} (?:{_MAAND}) \d{{4}}"
_BEDRAG = r"\u2212?€[\u00a0 ]?\d[\d.]*(?:,\d+)?(?:\u00a0(?:miljoen|miljard))?"
_TERMIJN = rf"(?:uiterlijk|vóór|voor|eind|begin|medio) (?:{_DATUM}|\d{{4}})|Q[1-4] \d{{4}}"


def _patroon() -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of every inline class and, per status text ('✓ gerealiseerd'), its name;
    made again only when the statuses change."""
    return _patroon_voor(tuple((s.naam, s.icoon, s.label) for s in alle_statussen()))


@lru_cache(maxsize=4)
def _patroon_voor(statussen: tuple[tuple[str, str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    status = "|".join(re.escape(icoon) + r" " + re.escape(label)
                      for _, icoon, label in sorted(statussen, key=lambda s: -len(s[2])))
    patroon = re.compile(
        rf"(?P<status>(?i:{status}))|(?P<termijn>{_TERMIJN})|(?P<datum>{_DATUM})"
        rf"|(?P<bedrag>{_BEDRAG})|(?P<bereik>{BEREIK.pattern})|(?P<symbool>{_SYMBOOL})")
    return patroon, {f"{icoon} {label}".lower(): naam for naam, icoon, label in statussen}


_ZONDER = {"code", "pre", "span", "a"}
"""Text that is never marked: code, and what is already marked (a link keeps its text whole)."""
_ALLEEN_SYMBOOL = {"a"}


def uitlijning(cell: ET.Element) -> str | None:
    """The alignment of a table cell ('left', 'center', 'right'), or None."""
    value = cell.get("align")
    return value if value in UITLIJNING else None


_TEXT_ALIGN = re.compile(r"text-align\s*:\s*(left|center|right)")


def markeer(root: ET.Element) -> None:
    """Mark every inline class in the text of the tree and give each aligned table cell its
    ``align`` (the tables extension writes a style); runs once, in ``parse``."""
    for cell in root.iter():
        if cell.tag in ("th", "td") and "style" in cell.attrib:
            m = _TEXT_ALIGN.search(cell.attrib.pop("style"))
            if m:
                cell.set("align", m.group(1))
    _markeer(root, symbool_alleen=False, patroon=_patroon())


def _markeer(el: ET.Element, symbool_alleen: bool, patroon: tuple[re.Pattern[str], dict[str, str]]) -> None:
    for child in list(el):
        if child.tag not in _ZONDER or child.tag in _ALLEEN_SYMBOOL:
            _markeer(child, symbool_alleen or child.tag in _ALLEEN_SYMBOOL, patroon)
    if el.tag in _ZONDER and el.tag not in _ALLEEN_SYMBOOL:
        return
    # the text of el, then the tail of each child, from the last so indices stay valid
    for i in range(len(el) - 1, -1, -1):
        tail = el[i].tail
        if tail:
            nodes = _spans(tail, symbool_alleen, patroon)
            if nodes is not None:
                el[i].tail = nodes[0]
                for k, node in enumerate(nodes[1]):
                    el.insert(i + 1 + k, node)
    if el.text:
        nodes = _spans(el.text, symbool_alleen, patroon)
        if nodes is not None:
            el.text = nodes[0]
            for k, node in enumerate(nodes[1]):
                el.insert(k, node)


def _spans(text: str, symbool_alleen: bool,
           patroon: tuple[re.Pattern[str], dict[str, str]]) -> tuple[str, list[ET.Element]] | None:
    """``text`` split into the text before the first mark and the marked spans (with their
    tails); None when nothing in it is marked. ``patroon``: ``_patroon()``, looked up once
    per tree."""
    first = ""
    spans: list[ET.Element] = []
    pos = 0
    regex, per_tekst = patroon
    for m in regex.finditer(text):
        soort = m.lastgroup or ""
        if symbool_alleen and soort != "symbool":
            continue
        before = text[pos:m.start()]
        if spans:
            spans[-1].tail = (spans[-1].tail or "") + before
        else:
            first += before
        spans.append(_span(soort, m.group(), per_tekst))
        pos = m.end()
    if not spans:
        return None
    spans[-1].tail = (spans[-1].tail or "") + text[pos:]
    return first, spans


def _span(soort: str, text: str, per_tekst: dict[str, str]) -> ET.Element:
    span = ET.Element("span", {"class": soort})
    if soort == "status":
        waarde = per_tekst[text.lower()]
        span.set("class", f"status {statusklasse(waarde)}")
        span.set(WAARDE, waarde)
        icoon, _, woord = text.partition(" ")
        symbool = ET.SubElement(span, "span", {"class": "symbool"}) if _symbool(icoon) else None
        if symbool is not None:
            symbool.text, symbool.tail = icoon, " " + woord
        else:
            span.text = text
    else:
        span.text = text
    return span


def _symbool(text: str) -> bool:
    return all(any(a <= ord(c) <= b for a, b in SYMBOOLBEREIKEN) for c in text)


def overal(writers: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """Per writer, the classes of the vocabulary it has no rendering for (empty: complete)."""
    alles = set(BLOKKEN) | set(INLINE) | {f"uitlijning:{a}" for a in UITLIJNING}
    return {naam: sorted(alles - set(tabel)) for naam, tabel in writers}
