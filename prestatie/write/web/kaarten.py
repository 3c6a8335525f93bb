"""Wide tables on a phone: every body cell names its column, so the house style can show a
row as a card (label, value) instead of a table that scrolls sideways."""

from __future__ import annotations

import xml.etree.ElementTree as ET

BREED = 4
"""From this many columns a table becomes cards on a narrow screen (class 'breed')."""


def label_cells(table: ET.Element) -> bool:
    """Give each body cell ``data-kop`` (its column header); True when the table is wide."""
    head = table.find("./thead/tr")
    if head is None:
        return False
    names = [" ".join("".join(th.itertext()).split()) for th in head]
    for tr in table.iterfind("./tbody/tr"):
        for cell, name in zip(tr, names):
            if name:
                cell.set("data-kop", name)
    return len(names) >= BREED
