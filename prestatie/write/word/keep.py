"""Word's "keep with next" for the Word writer: a heading stays on the page of what it
introduces, a chart is not split over pages, a table leaves no row alone on a page.

A table's last row never keeps with what follows (unless a chart does): keep with next on
it would chain the table to the next heading, that heading to its table, and so on, so a
whole section moves to the next page and leaves the page before half empty. Only the
document's closing part (``gedeeld.closing_start``) is kept together whole, so that the last
page is never a few lines on their own."""

from __future__ import annotations

import math

from docx.oxml.ns import qn
from lxml import etree

from ..gedeeld import CLOSING_LINES, INTRO_PARAGRAPHS, SHORT_TABLE, SMALL_TABLE, TEXT_WIDTH, closing_start, lines

_BEFORE_KEEP = {qn("w:pStyle")}
P, TBL, R, PPR, PSTYLE, VAL = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
DRAWING, BR, TYPE, PAGE_BREAK_BEFORE = qn("w:drawing"), qn("w:br"), qn("w:type"), qn("w:pageBreakBefore")
TCPR, TCW, T, EXTENT = qn("w:tcPr"), qn("w:tcW"), qn("w:t"), qn("wp:extent")
# Direct finds and ``iter`` rather than paths ('w:pPr/w:pStyle', './/w:br'): lxml evaluates a
# path in Python, and these run for every block of every document.


def _style(el: etree._Element) -> str | None:
    """The paragraph style (id) of a paragraph, else None."""
    if el.tag != P:
        return None
    ppr = el.find(PPR)
    style = ppr.find(PSTYLE) if ppr is not None else None
    return style.get(VAL) if style is not None else None


def _chart(el: etree._Element) -> bool:
    """Whether a paragraph holds a drawing (a chart or picture) in one of its runs."""
    return el.tag == P and any(r.find(DRAWING) is not None for r in el.iterchildren(R))


def _page_break(el: etree._Element) -> bool:
    """Whether a paragraph or table has a page break in it or before it."""
    ppr = el.find(PPR)
    if ppr is not None and ppr.find(PAGE_BREAK_BEFORE) is not None:
        return True
    return any(br.get(TYPE) == "page" for br in el.iter(BR))


def _keep_next(paragraphs, tag: str = "w:keepNext") -> None:
    """Set keepNext (or keepLines) in each paragraph's properties, in schema order: after
    pStyle (and keepNext); direct, as python-docx's ordered insertion is slow here."""
    name = qn(tag)
    before = _BEFORE_KEEP | ({qn("w:keepNext")} if tag == "w:keepLines" else set())
    for p in paragraphs:
        ppr = p.find(PPR)
        if ppr is None or ppr.find(name) is not None:
            continue
        at = 0
        for child in ppr:
            if child.tag not in before:
                break
            at += 1
        ppr.insert(at, ppr.makeelement(name))  # made in the paragraph's own document


def keep_with_headings(body: etree._Element, heading_ids: set[str], box: str | None = None) -> None:
    """A heading stays on the page of what it introduces: the paragraphs up to its first
    table or chart are kept with the next, a table's first rows with the heading, and a short
    table that a chart follows (after at most a few paragraphs) with that chart (Word's "keep
    with next")."""
    children = list(body)
    styles = [_style(el) for el in children]
    headings = [style is not None and style in heading_ids for style in styles]
    charts = [_chart(el) for el in children]
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
    if box:  # an explanation box (style ``box``) on one page: its afspraak with its cause and correction
        in_box = [style == box for style in styles]
        _keep_next(el for i, el in enumerate(children) if in_box[i] and i + 1 < len(children) and in_box[i + 1])
        _keep_next((el for el, b in zip(children, in_box) if b), "w:keepLines")


def _keep_rows(rows: list, P: str) -> None:
    """A small table on one page; in a longer one no first or last row alone on a page.
    Never the last row with what follows."""
    if len(rows) < 2:
        return
    keep = rows[:-1] if len(rows) <= SMALL_TABLE else [*rows[:2], rows[-2]]
    _keep_next(p for row in keep for p in row.iter(P))


EMU_PER_LINE = 12700 * 14  # a line of running text (10 pt) with its spacing


def keep_closing(body: etree._Element, heading_ids: set[str]) -> None:
    """The closing part of the document on one page: each of its paragraphs (table rows
    too) kept with the next and not split; the last with the colophon after it."""
    children = [el for el in body if el.tag in (P, TBL)]
    # A closing part begins after the last page break.
    last_break = next((i for i in range(len(children) - 1, -1, -1) if _page_break(children[i])), None)
    if last_break is not None:
        children = children[last_break + 1:]
    # Measured from the end, as ``closing_start`` adds them up: once the blocks after one pass
    # CLOSING_LINES, no block before it can begin the closing part, so those are not measured
    # (infinitely long); headings keep their flag, as a heading stays with what follows it.
    blocks: list[tuple[bool, float]] = []
    total = 0.0
    for el in reversed(children):
        style = _style(el)
        heading = style is not None and style in heading_ids
        if total > CLOSING_LINES and not heading:
            blocks.append((False, math.inf))
            continue
        size = 2.0 if heading else _lines(el)
        total += size
        blocks.append((heading, size))
    blocks.reverse()
    start = closing_start(blocks)
    if start is None:
        return
    part = [p for el in children[start:] for p in ([el] if el.tag == P else el.iter(P))]
    _keep_next(part)  # the last too: the colophon after it stays with it
    _keep_next(part, "w:keepLines")


def _lines(el: etree._Element) -> float:
    """Roughly how many lines of running text a paragraph or table takes."""
    if el.tag == P:
        extents = list(el.iter(EXTENT))
        if extents:
            return sum(int(e.get("cy", "0")) for e in extents) / EMU_PER_LINE
        return lines(_text(el))
    total = 0
    for row in el.findall(qn("w:tr")):
        cells = row.findall(qn("w:tc"))
        height = 1
        for tc in cells:
            tc_pr = tc.find(TCPR)
            width = tc_pr.find(TCW) if tc_pr is not None else None
            twips = int(width.get(qn("w:w"), "0")) if width is not None and width.get(TYPE) == "dxa" else 0
            share = twips / TEXT_WIDTH if twips else 1 / len(cells)
            height = max(height, lines(_text(tc), share))
        total += height
    return total


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(T))
