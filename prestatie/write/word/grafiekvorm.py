"""The shape of a Word chart. LibreOffice lays out every chart of a Word file on a page of
16 × 9 cm and scales that into the chart's frame (``wp:extent``), whatever its size, so a lower
frame squashes the text; Word lays the chart out in its frame. So every chart has a frame of
that shape, a little smaller (``frame``), with its text as much larger: undistorted and at
least 8 pt in both. The panels of an indicator are blocks of rows in that
one chart, and the bars get the height there is (the plot area's manual layout, which Word and
LibreOffice both follow)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from lxml import etree

from ...render.grafieken import GEREALISEERD, STREEF, Grafiek
from ..gedeeld import text_width

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
EMU_PER_PT = 12700
LO_PAGE = (16 * 360000, 9 * 360000)
"""The page (EMU) on which LibreOffice lays out a Word chart before scaling it into its frame."""
FRAME = 0.9
"""The largest frame, as a share of that page: 14,4 × 8,1 cm, the same shape."""
SMALLEST = 0.75
"""The smallest frame, for a chart of few bars: 12 × 6,75 cm."""
BARS = 16
"""Bars (rows times series) that fill the largest frame; fewer get a smaller one."""
LABEL_PT = 8.0
"""The text of a chart as LibreOffice shows it, scaled into its frame: never smaller."""


def frame(width_emu: int, bars: int) -> tuple[int, int, float]:
    """The chart's frame in EMU, of the shape of LibreOffice's chart page and at most the text
    width, and the size of its text (pt) that shows as ``LABEL_PT`` once LibreOffice scales
    it: 9 pt in the largest frame, 11 in the smallest."""
    share = min(FRAME, max(SMALLEST, FRAME * bars / BARS), width_emu / LO_PAGE[0])
    width = int(LO_PAGE[0] * share)
    return width, width * LO_PAGE[1] // LO_PAGE[0], math.ceil(LABEL_PT / share * 2) / 2


@dataclass
class Rijreeks:
    """One series over the rows of all panels: a value, its number format and label per row."""

    naam: str
    soort: str
    waarden: list[float | None] = field(default_factory=list)
    notaties: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def rows(grafiek: Grafiek) -> tuple[list[str], list[Rijreeks]]:
    """The categories of the one chart and its series: per panel a row of its name (without
    bars; what its title adds is the chart's title), its base value and its years."""
    fmt = grafiek.getalnotatie
    categories: list[str] = []
    reeksen: dict[str, Rijreeks] = {}
    for paneel in grafiek.panelen:
        for reeks in paneel.reeksen:
            reeksen.setdefault(reeks.naam, Rijreeks(reeks.naam, reeks.soort, [None] * len(categories),
                                                  [fmt] * len(categories), [""] * len(categories)))
        head = [paneel.titel]
        basis = [paneel.basis] if paneel.basis is not None else []
        for r in reeksen.values():
            own = next((x for x in paneel.reeksen if x.naam == r.naam), None)
            r.waarden += [None] * len(head)
            r.labels += [""] * len(head)
            for b in basis:  # the base value is drawn as a realised figure
                shown = own is not None and own.soort == GEREALISEERD
                r.waarden.append(b.waarde if shown else None)
                r.labels.append(b.tekst if shown else "")
            r.notaties += [fmt] * (len(head) + len(basis))
            years = len(grafiek.categorieen)
            r.waarden += list(own.waarden) if own else [None] * years
            r.labels += list(own.labels) if own else [""] * years
            r.notaties += list(own.notaties or [fmt] * years) if own else [fmt] * years
        categories += head + [b.naam for b in basis] + list(grafiek.categorieen)
    # In the panels' own order (targets, then what was realised), whichever panel has which.
    return categories, sorted(reeksen.values(), key=lambda r: r.soort != STREEF)


def plot_layout(chart: etree._Element, categories: list[str], width_emu: int, label_pt: float,
                titled: bool) -> float:
    """Place the bars (the plot area's inside, as shares of the chart, which Word and
    LibreOffice both follow): after the longest row title, under the legend, above the value
    axis' labels; the rows get all the height there is. Returns the bars' share of the width."""
    width_pt = width_emu / EMU_PER_PT
    height_pt = width_pt * LO_PAGE[1] / LO_PAGE[0]
    left = (max(map(text_width, categories), default=0) / 20 * label_pt / 10 * 1.15 + 12) / width_pt
    line = (label_pt * 1.5 + 6) / height_pt  # a line of labels with its margin
    top = line * (2 if titled else 1)  # the legend, under the title
    box = {"x": left, "y": top, "w": 1 - left - 0.02, "h": 1 - top - line}
    plot = chart.find(f"{{{C}}}plotArea")
    layout = plot.find(f"{{{C}}}layout")
    if layout is None:
        layout = etree.Element(f"{{{C}}}layout")
        plot.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, f"{{{C}}}manualLayout")
    for key, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                       *((k, f"{v:.4f}") for k, v in box.items())):
        etree.SubElement(manual, f"{{{C}}}{key}", val=value)
    return box["w"]
