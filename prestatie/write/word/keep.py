"""Word's "keep with next" for the Word writer: a heading stays on the page of what it
introduces, a chart is not split over pages, a table leaves no row alone on a page.

A table's last row never keeps with what follows (unless a chart does): keep with next on
it would chain the table to the next heading, that heading to its table, and so on, so a
whole section moves to the next page and leaves the page before half empty."""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from ..gedeeld import INTRO_PARAGRAPHS, SHORT_TABLE, SMALL_TABLE

_BEFORE_KEEP = {qn("w:pStyle")}


def _keep_next(paragraphs, tag: str = "w:keepNext") -> None:
    """Set keepNext (or keepLines) in each paragraph's properties, in schema order: after
    pStyle (and keepNext); direct, as python-docx's ordered insertion is slow here."""
    name = qn(tag)
    before = _BEFORE_KEEP | ({qn("w:keepNext")} if tag == "w:keepLines" else set())
    for p in paragraphs:
        ppr = p.find(qn("w:pPr"))
        if ppr is None or ppr.find(name) is not None:
            continue
        at = 0
        while at < len(ppr) and ppr[at].tag in before:
            at += 1
        ppr.insert(at, etree.Element(name))


def keep_with_headings(body: etree._Element, heading_ids: set[str]) -> None:
    """A heading stays on the page of what it introduces: the paragraphs up to its first
    table or chart are kept with the next, a table's first rows with the heading, and a short
    table that a chart follows (after at most a few paragraphs) with that chart (Word's "keep
    with next")."""
    children = list(body)
    P, TBL, STYLE, VAL = qn("w:p"), qn("w:tbl"), f"{qn('w:pPr')}/{qn('w:pStyle')}", qn("w:val")
    drawing = f"{qn('w:r')}/{qn('w:drawing')}"
    headings = [el.tag == P and el.find(STYLE) is not None and el.find(STYLE).get(VAL) in heading_ids
                for el in children]
    charts = [el.tag == P and el.find(drawing) is not None for el in children]
    for i in range(len(children)):
        if not headings[i]:
            continue
        intro: list[etree._Element] = []
        for j in range(i + 1, min(i + 2 + INTRO_PARAGRAPHS, len(children))):
            nxt = children[j]
            if nxt.tag == TBL:
                rows = nxt.findall(qn("w:tr"))
                # Its chart may follow after a few paragraphs (totals over the term).
                between = []
                for k in range(j + 1, min(j + 2 + INTRO_PARAGRAPHS, len(children))):
                    if charts[k] or children[k].tag != P or headings[k]:
                        break
                    between.append(children[k])
                chart_after = j + 1 + len(between) < len(children) and charts[j + 1 + len(between)]
                short = chart_after and len(rows) <= SHORT_TABLE
                keep = rows if short else rows[:min(2, len(rows) - 1)]
                _keep_next(intro + (between if short else []))
                _keep_next(p for row in keep for p in row.iter(P))
                break
            if nxt.tag != P or headings[j]:
                break
            if charts[j]:
                _keep_next(intro)
                break
            intro.append(nxt)
    for el in children:
        if el.tag == TBL:
            _keep_rows(el.findall(qn("w:tr")), P)
    # A chart of two panels is one paragraph: not split over pages.
    _keep_next((el for el, chart in zip(children, charts) if chart), "w:keepLines")


def _keep_rows(rows: list, P: str) -> None:
    """A small table on one page; in a longer one no first or last row alone on a page.
    Never the last row with what follows."""
    if len(rows) < 2:
        return
    keep = rows[:-1] if len(rows) <= SMALL_TABLE else [*rows[:2], rows[-2]]
    _keep_next(p for row in keep for p in row.iter(P))
