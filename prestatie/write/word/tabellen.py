"""Word tables: rows, column widths from content and page, one width per kind of table.

A mixin of the Word writer's builder, which supplies ``_p``, ``_plain``, ``_inline_cell``,
``style``, ``body`` and the page's text width.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from lxml import etree

from ...parse.klassen import uitlijning
from ..gedeeld import CELL_PADDING, text_width
from .ooxml import clone, new, sub

if TYPE_CHECKING:  # the builder as this mixin sees it (see bouwer.py)
    from .bouwer import Bouwer as _Basis
else:
    _Basis = object

UITLIJNING = {"uitlijning:left": "left", "uitlijning:center": "center", "uitlijning:right": "right"}
"""Word's paragraph alignment (w:jc) for each alignment of a table cell."""

TABLE_TEXT = "Tabeltekst"

LONG_WORD = 1500  # twips (about 14 letters): in running text a longer word may break rather than widen its column


def column_widths(rows: list[tuple[list[str], bool]], columns: int, total: int) -> list[int]:
    """Column widths (twips) over the text width ``total`` for rows of cell texts (and
    whether a row is the bold header), as a browser lays out an automatic table: no column
    narrower than its longest word (words of normal length never break), and the space left
    shared by how much more text each column holds, so short values (a number, a date, a
    status) stay on one line and running text gets the rest.

    Word refits an autofit table on opening; LibreOffice keeps these widths.
    """
    shortest, longest = [0.0] * columns, [0.0] * columns
    for cells, head in rows:
        bold = 1.1 if head else 1.0  # the header row is bold: wider letters
        for i, text in enumerate(cells):
            words = [text_width(w) * bold for w in text.split()]
            shortest[i] = max(shortest[i], max(words, default=0))
            longest[i] = max(longest[i], text_width(text) * bold)
    # A column of running text (much longer than its longest word) lets an exceptionally
    # long word break; a column of names, dates and statuses keeps every word whole.
    shortest = [min(s, LONG_WORD) if lg > 3 * s else s for s, lg in zip(shortest, longest)]
    low = [int(w) + CELL_PADDING for w in shortest]
    high = [max(int(w) + CELL_PADDING, lo) for w, lo in zip(longest, low)]
    if sum(high) <= total:  # every cell fits on one line
        widths = [h * total // sum(high) for h in high]
    elif sum(low) <= total:
        # Shares by the square root of each column's text, so that one column of long
        # paragraphs does not squeeze a column of short titles to one word a line; no column
        # below its longest word or above its longest line.
        weight = [h ** 0.5 for h in high]
        fixed: dict[int, int] = {}
        while True:
            room = total - sum(fixed.values())
            free = [i for i in range(columns) if i not in fixed]
            share = {i: room * weight[i] / sum(weight[j] for j in free) for i in free}
            clamp = {i: (low[i] if share[i] < low[i] else high[i]) for i in free
                     if share[i] < low[i] or share[i] > high[i]}
            if not clamp:
                break
            fixed.update(clamp)
        widths = [fixed[i] if i in fixed else int(share[i]) for i in range(columns)]
        widths = _labels_on_one_line(widths, low, high)
    else:  # even the longest words do not fit: every column shrinks alike
        widths = [lo * total // sum(low) for lo in low]
    widths[-1] += total - sum(widths)
    return widths


LABEL_GIVE = 0.1
"""The share of its width a column of running text gives up so a label fits on one line."""


def _labels_on_one_line(widths: list[int], low: list[int], high: list[int]) -> list[int]:
    """A column of labels (a status '✓ Gerealiseerd', a date, a name: no line much longer
    than its longest word) on one line, cheapest first, when the columns of running text pay
    for it with at most a tenth of their width and never below their longest word."""
    widths = list(widths)
    labels = [i for i in range(len(widths)) if high[i] <= 2 * low[i] and widths[i] < high[i]]
    running = [j for j in range(len(widths)) if high[j] > 2 * low[j]]
    spare = {j: min(widths[j] - low[j], int(widths[j] * LABEL_GIVE)) for j in running}
    for i in sorted(labels, key=lambda i: high[i] - widths[i]):
        cost = high[i] - widths[i]
        if cost > sum(spare.values()):
            break
        total, owed = sum(spare.values()), cost
        for j in list(spare):
            part = min(-(-owed * spare[j] // total), spare[j], cost)  # shares of what is owed, rounded up
            widths[j] -= part
            spare[j] -= part
            cost -= part
        widths[i] = high[i] - cost
    return widths


def _row(head: bool) -> etree._Element:
    """An empty row, never split over pages; a header row repeats on every page."""
    row = new("w:tr")
    tr_pr = sub(row, "w:trPr")
    sub(tr_pr, "w:cantSplit")
    if head:
        sub(tr_pr, "w:tblHeader")
    return row


def _cell(width: int) -> etree._Element:
    """An empty cell of ``width`` twips."""
    tc = new("w:tc")
    sub(sub(tc, "w:tcPr"), "w:tcW", w=width, type="dxa")
    return tc


class Tabellen(_Basis):
    """Tables of the Word writer's builder (see the module docstring)."""

    def _table(self, el: ET.Element, ctx: Any) -> None:
        rows = self._rows(el)
        if not rows:
            return
        columns = max(len(tr) for tr, _ in rows)
        if self.pending_break or self._last_is_table():
            # A page break cannot sit inside the table, and two tables in a row would
            # become one in Word: a paragraph goes between.
            self._p(None)
        has_header = any(head for _, head in rows)
        tbl = sub(self.body, "w:tbl")
        tbl_pr = sub(tbl, "w:tblPr")
        sub(tbl_pr, "w:tblStyle", val=self.style(ctx.table_style, "table"))
        sub(tbl_pr, "w:tblW", w=5000, type="pct")
        sub(tbl_pr, "w:tblLook", val="04A0" if has_header else "0480",
            firstRow=int(has_header), lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
        widths = self._column_widths(rows, columns)
        grid = sub(tbl, "w:tblGrid")
        for width in widths:
            sub(grid, "w:gridCol", w=width)
        cell_style = ctx.style or TABLE_TEXT
        for tr, head in rows:
            row = clone(tbl, self.protos, ("tr", head), _row, head)
            cells = list(tr)
            for i in range(columns):
                tc = clone(row, self.protos, ("tc", widths[i]), _cell, widths[i])
                cell = cells[i] if i < len(cells) else None
                a = uitlijning(cell) if cell is not None else None
                p = self._p(cell_style, tc, align=UITLIJNING[f"uitlijning:{a}"] if a else None)
                if cell is not None:
                    self.cell_room = widths[i] - CELL_PADDING
                    self._inline_cell(p, cell)
                    self.cell_room = 0
        self._close_paragraph()
        self.after_table = True

    def _column_widths(self, rows: list[tuple[ET.Element, bool]], columns: int) -> list[int]:
        """Widths from the content of every table of the same kind (the same header), so
        that the theme tables of a report line up with each other."""
        key = self._kind(rows, columns)
        if key not in self.widths:
            texts = [([self._plain(cell) for cell in tr], head)
                     for tr, head in self.kinds.get(key, rows)]
            self.widths[key] = column_widths(texts, columns, int(self.ref.text_width.twips))
        return self.widths[key]

    def _kind(self, rows: list[tuple[ET.Element, bool]], columns: int) -> tuple[str, ...]:
        head = next((tr for tr, is_head in rows if is_head), None)
        names = tuple(self._plain(cell) for cell in head) if head is not None else ()
        return (str(columns), *names)

    def _plan_tables(self, root: ET.Element) -> None:
        """Group the rows of all tables by kind, before any table is written."""
        for table in root.iter("table"):
            rows = self._rows(table)
            if rows:
                key = self._kind(rows, max(len(tr) for tr, _ in rows))
                self.kinds.setdefault(key, []).extend(rows)

    def _rows(self, el: ET.Element) -> list[tuple[ET.Element, bool]]:
        rows: list[tuple[ET.Element, bool]] = []
        for part in el:
            if part.tag == "tr":
                rows.append((part, False))
            for tr in part.findall("tr"):
                rows.append((tr, part.tag == "thead"))
        # An empty header row (a pipe table needs one) is no header: drop it.
        return [(tr, head) for tr, head in rows if not head or self._plain(tr)]
