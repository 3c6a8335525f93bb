"""Column widths of a PDF table: the PDF is laid out once, so unlike Word it cannot refit;
widths are shared out here from how wide each cell's text is (``gedeeld.text_width``)."""

from __future__ import annotations

from ..gedeeld import CELL_PADDING, text_width

KORT = 1800
"""Twips (about 3 cm): a column whose longest cell fits in this stays on one line if it can."""
TEKSTBREEDTE = 9071
"""Text width (twips, 16 cm) over which column widths are shared, as in Word."""


def langste_woord(text: str) -> int:
    """Width (twips, with the cell's padding) of the widest word of a cell in the PDF."""
    return int(max((text_width(w) for w in text.split()), default=0) * 1.12) + CELL_PADDING


def kolombreedtes(rows: list[tuple[list[str], bool]], ncols: int) -> list[int]:
    """Column widths (relative): no column narrower than its longest word; short values
    (a status, a date, a party) on one line when they can; running text shares the rest by
    how much of it each column holds. A PDF is laid out once, so unlike Word it cannot refit."""
    low, high, volume = [1] * ncols, [1] * ncols, [0.0] * ncols
    for cells, head in rows:
        bold = 1.1 if head else 1.0
        for i, text in enumerate(cells):
            word = max((text_width(w) for w in text.split()), default=0)
            low[i] = max(low[i], int(word * bold * 1.12) + CELL_PADDING)
            high[i] = max(high[i], int(text_width(text) * bold * 1.12) + CELL_PADDING)
            if not head:
                volume[i] += text_width(text)
    if sum(high) <= TEKSTBREEDTE:
        return high
    short = [h <= max(2 * lo, KORT) for h, lo in zip(high, low)]
    # Running text may hyphenate (huisstijl.typ turns it on in tables): its longest word need not fit.
    low = [lo if k else min(lo, KORT) for lo, k in zip(low, short)]
    running = [i for i in range(ncols) if not short[i]]
    for kort in (high, low):  # short values on one line, else wrapped at their longest word
        left = TEKSTBREEDTE - sum(w for w, k in zip(kort, short) if k)
        if running and left >= sum(low[i] for i in running):
            break
    else:
        return low
    total = sum(volume[i] for i in running) or 1
    widths = [kort[i] if short[i] else max(low[i], int(left * volume[i] / total)) for i in range(ncols)]
    excess = sum(widths) - TEKSTBREEDTE
    slack = {i: widths[i] - low[i] for i in running if widths[i] > low[i]}
    for i, room in slack.items():  # a column raised to its longest word takes from the others
        widths[i] -= excess * room // max(sum(slack.values()), 1) if excess > 0 else 0
    return widths
