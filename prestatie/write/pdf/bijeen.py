"""What the PDF keeps together on a page, as Word's "keep with next" does (``word/keep.py``):
a heading with the start of what it introduces, an indicator's figures with its chart, and
the document's closing part (``gedeeld.closing_start``), so the last page is never a few
lines on their own."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ...parse.klassen import klassen
from ..gedeeld import INTRO_PARAGRAPHS, SHORT_TABLE, closing_start, lines

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BREAKS = {"paginaeinde", "titelpagina"}
"""Classes that begin or end a page: a closing part begins after the last of them."""
CHART_LINES = 12.0
"""A chart, counted in lines of running text: more than a closing part holds with its text."""


def is_chart(el: ET.Element) -> bool:
    return el.tag == "p" and len(el) == 1 and el[0].tag == "img" and _blank(el.text) and _blank(el[0].tail)


def sticky_blocks(children: list[ET.Element]) -> set[ET.Element]:
    """What stays with the next block: the few paragraphs between a heading and its table or
    chart, and a short table that its chart follows (an indicator's figures and chart)."""
    sticky: set[ET.Element] = set()
    for i, el in enumerate(children):
        if el.tag == "table" and len(el.findall(".//tr")) <= SHORT_TABLE:
            between: list[ET.Element] = []  # its chart may follow after a few paragraphs (totals over the term)
            for nxt in children[i + 1:i + 2 + INTRO_PARAGRAPHS]:
                if is_chart(nxt):
                    sticky.update([el, *between])
                if nxt.tag != "p" or is_chart(nxt):
                    break
                between.append(nxt)
        if el.tag not in HEADINGS:
            continue
        intro: list[ET.Element] = []
        for nxt in children[i + 1:i + 2 + INTRO_PARAGRAPHS]:
            if nxt.tag == "table" or is_chart(nxt):
                sticky.update(intro)
                break
            if nxt.tag != "p":
                break
            intro.append(nxt)
    return sticky


def closing(children: list[ET.Element]) -> list[ET.Element]:
    """The blocks of the document's closing part: each kept on the page of the next (Typst's
    sticky blocks, which give way where a chain does not fit a page), none split."""
    after = max((i + 1 for i, el in enumerate(children)
                 if any(BREAKS & set(klassen(d)) for d in el.iter("div"))), default=0)
    start = closing_start([(el.tag in HEADINGS, _lines(el)) for el in children[after:]])
    return [] if start is None else children[after + start:]


def _lines(el: ET.Element) -> float:
    """Roughly how many lines of running text a block takes."""
    if el.tag in HEADINGS:
        return 2.0
    if is_chart(el) or el.tag == "img":
        return CHART_LINES
    if el.tag in ("ul", "ol"):
        return float(sum(lines("".join(li.itertext()), 0.95) for li in el.iter("li")))
    if el.tag == "table":
        rows = [tr for tr in el.iter("tr")]
        return float(sum(max((lines("".join(c.itertext()), 1 / len(tr)) for c in tr), default=1) for tr in rows))
    if el.tag == "div":
        return float(sum(_lines(c) for c in el)) or 1.0
    return float(lines("".join(el.itertext())))


def _blank(text: str | None) -> bool:
    return not text or not text.strip()
