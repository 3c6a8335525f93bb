"""A chart description as inline SVG for the HTML page, with its figures as a table.

The drawing is fluid: horizontal positions are percentages of the page's column, vertical
ones are in ``em`` of the page's own text, so the text keeps the page font at body size on a
wide screen and on a phone, and the bars take the width there is. One row per series per
year, its value just after the bar. Bars stop where the longest value still fits after them
in the narrowest column (a 320-pixel window), so no text overlaps another, a bar, or the
edge. Colours come from the house style (``svg.grafiek`` in ``stijl.css``);
without it the chart is drawn in the text colour, target as outline, realisation solid.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ...render.grafieken import GEREALISEERD, Grafiek, Paneel, Reeks

NARROWEST_PX = 280.0
"""The narrowest column the layout keeps apart: a 320-pixel window less the page's margins."""
FONT_PX = 16.0
CHAR_EM = 0.6
"""Width of a digit or letter in the page font, generously (digits are about 0.55 em)."""
WIDE_EM = {"%": 0.95, "€": 0.6, "M": 0.9, "W": 0.95, "m": 0.9, "w": 0.8}
"""Characters wider than that."""


def _width_em(text: str) -> float:
    return sum(WIDE_EM.get(c, CHAR_EM) for c in text)
YEAR_EM, ROW_EM, BAR_EM, GAP_EM, TITLE_EM = 1.45, 1.25, 0.9, 0.5, 1.6


def _em(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "em"


def _pct(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _text(parent: ET.Element, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, "text", attrs)
    el.text = text
    return el


def teken(grafiek: Grafiek, ids: str, beschrijving: str) -> list[ET.Element]:
    """The chart as ``<svg role="img">`` (title, description) followed by its figures as a
    table in a ``<details>``; ``ids`` is a free id prefix in the page."""
    labels = [t for p in grafiek.panelen for r in p.reeksen for t in r.labels]
    labels += [p.basis.tekst for p in grafiek.panelen if p.basis is not None]
    value_em = max(map(_width_em, labels), default=CHAR_EM) + 0.5
    # Share of the width the bars may use: the rest holds the values, even at NARROWEST_PX.
    share = max(0.3, 1 - value_em * FONT_PX / NARROWEST_PX)
    svg = ET.Element("svg", {
        "class": "grafiek", "role": "img", "width": "100%",
        "aria-labelledby": f"{ids}-titel", "aria-describedby": f"{ids}-beschrijving",
    })
    title = ET.SubElement(svg, "title", {"id": f"{ids}-titel"})
    shown = " en ".join("realisatie" if r.soort == GEREALISEERD else "streefwaarde" for r in grafiek.panelen[0].reeksen)
    title.text = f"Grafiek: {grafiek.titel}, {shown} per jaar"
    desc = ET.SubElement(svg, "desc", {"id": f"{ids}-beschrijving"})
    desc.text = beschrijving or grafiek.alt
    y = _legend(svg, grafiek)
    for paneel in grafiek.panelen:
        y = _panel(svg, grafiek, paneel, y, share * 100)
    svg.set("height", _em(y + 0.3))
    return [svg, _table(grafiek)]


def _legend(svg: ET.Element, grafiek: Grafiek) -> float:
    """Swatches with their names: the target as outline, the realisation solid."""
    g = ET.SubElement(svg, "g", {"class": "legenda", "aria-hidden": "true"})
    x, y = 0.0, 1.2
    for reeks in grafiek.panelen[0].reeksen:
        ET.SubElement(g, "rect", {"class": f"staaf {reeks.soort}", **_bar_attrs(reeks.soort),
                                  "x": _em(x + 0.1), "y": _em(y - 0.75), "width": _em(1.2), "height": _em(0.8)})
        _text(g, reeks.naam, x=_em(x + 1.6), y=_em(y))
        x += 1.6 + _width_em(reeks.naam) + 1.2
    later = [i for i, toekomst in enumerate(grafiek.toekomst) if toekomst]
    if any(r.waarden[i] is not None for p in grafiek.panelen for r in p.reeksen for i in later):
        y += ROW_EM + 0.2
        _text(g, "Latere jaren: alleen de streefwaarde", x="0", y=_em(y)).set("class", "gedempt")
    return y + GAP_EM


def _bar_attrs(soort: str) -> dict[str, str]:
    if soort == GEREALISEERD:
        return {"fill": "currentColor", "stroke": "currentColor", "stroke-width": "1"}
    if soort == "basis":  # hatched by the house style; without it a thin outline
        return {"fill": "none", "stroke": "currentColor", "stroke-width": "1", "stroke-dasharray": "3 2"}
    return {"fill": "none", "stroke": "currentColor", "stroke-width": "2"}


def _panel(svg: ET.Element, grafiek: Grafiek, paneel: Paneel, y: float, share: float) -> float:
    """One panel: its title, then per year the year and a bar with its value per series."""
    g = ET.SubElement(svg, "g", {"class": "paneel", "aria-hidden": "true"})
    y += TITLE_EM
    _text(g, grafiek.kop(paneel, kwalificatie=False), x="0", y=_em(y)).set("font-weight", "bold")
    if grafiek.kwalificatie:  # a line of its own: a long title would not fit on a phone
        y += ROW_EM
        _text(g, f"Streefwaarden {grafiek.kwalificatie}", x="0", y=_em(y))
    lo, hi = paneel.bereik
    span = (hi - lo) or 1.0

    def pos(v: float) -> float:
        return share * (v - lo) / span

    rows: list[float] = []  # the baseline of every bar row
    if paneel.basis is not None:  # the starting value as a row of its own, before the years
        y += YEAR_EM
        _text(g, paneel.basis.naam, x="0", y=_em(y))
        y += ROW_EM
        rows.append(y)
        x0, x1 = sorted((pos(0.0), pos(paneel.basis.waarde)))
        ET.SubElement(g, "rect", {"class": "staaf basis", **_bar_attrs("basis"), "x": _pct(x0),
                                  "y": _em(y - BAR_EM + 0.1), "width": _pct(max(x1 - x0, 0.2)),
                                  "height": _em(BAR_EM - 0.1)})
        _text(g, paneel.basis.tekst, x=_pct(x1), dx="0.4em", y=_em(y))
    for i, cat in enumerate(grafiek.categorieen):
        y += YEAR_EM
        label = cat + (" · nog geen cijfer" if grafiek.toekomst[i] else "")
        year = _text(g, label, x="0", y=_em(y))
        if i == grafiek.huidig:
            year.set("font-weight", "bold")
        if grafiek.toekomst[i]:
            year.set("class", "gedempt")
        for reeks in paneel.reeksen:
            value = reeks.waarden[i]
            if value is None and grafiek.toekomst[i]:
                continue
            y += ROW_EM
            rows.append(y)
            if value is not None:
                x0, x1 = sorted((pos(0.0), pos(value)))
                ET.SubElement(g, "rect", {
                    "class": f"staaf {reeks.soort}", **_bar_attrs(reeks.soort), "x": _pct(x0),
                    "y": _em(y - BAR_EM + 0.1), "width": _pct(max(x1 - x0, 0.2)), "height": _em(BAR_EM - 0.1),
                })
                end = x1
            else:
                end = pos(0.0)
            # The value just after the bar's end: bars stop at ``share``, so it always fits.
            _text(g, reeks.labels[i] or "–", x=_pct(end), dx="0.4em", y=_em(y))
    if lo < 0:  # the zero line, only beside the bars: it never crosses a year or a value
        z = _pct(pos(0.0))
        for row in rows:
            g.insert(0, ET.Element("line", {"class": "nul", "x1": z, "x2": z, "y1": _em(row - ROW_EM + 0.1),
                                             "y2": _em(row + 0.2), "stroke": "currentColor"}))
    return y + GAP_EM


def _table(grafiek: Grafiek) -> ET.Element:
    """The figures of the chart, for screen readers and anyone who wants the exact values."""
    details = ET.Element("details", {"class": "grafiek-cijfers"})
    summary = ET.SubElement(details, "summary")
    summary.text = f"Cijfers van de grafiek: {grafiek.titel}"
    table = ET.SubElement(details, "table")
    head = ET.SubElement(ET.SubElement(table, "thead"), "tr")
    columns: list[tuple[str, Reeks | None]] = [("Jaar", None)]
    for p, paneel in enumerate(grafiek.panelen):
        for reeks in paneel.reeksen:
            name = reeks.naam if p == 0 else f"{reeks.naam} ({paneel.titel[:1].lower()}{paneel.titel[1:]})"
            columns.append((name, reeks))
    for name, _ in columns:
        th = ET.SubElement(head, "th", {"scope": "col"})
        th.text = name
    body = ET.SubElement(table, "tbody")
    for i, cat in enumerate(grafiek.categorieen):
        tr = ET.SubElement(body, "tr")
        th = ET.SubElement(tr, "th", {"scope": "row"})
        th.text = cat
        for _, kolom in columns[1:]:
            td = ET.SubElement(tr, "td", {"class": "rechts"})
            td.text = (kolom.labels[i] if kolom else "") or "–"
    return details
