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


YEARCOL_EM = 3.2
"""Width of the year column of a chart of known width (the PDF's), as Word draws its years."""


def teken(grafiek: Grafiek, ids: str, beschrijving: str, breedte_em: float | None = None) -> list[ET.Element]:
    """The chart as ``<svg role="img">`` (title, description) followed by its figures as a
    table in a ``<details>``; ``ids`` is a free id prefix in the page. With ``breedte_em`` (a
    page of known width, in em of the chart's text) the years stand in a column left of their
    bars, as in Word, so a chart takes half the height; without it the layout is fluid."""
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
    y = _legend(svg, grafiek, bool(breedte_em))
    for paneel in grafiek.panelen:
        if breedte_em:
            vlak = _Vlak(YEARCOL_EM, breedte_em - YEARCOL_EM - value_em, _em, 0.1)
        else:
            vlak = _Vlak(0.0, share * 100, _pct, 0.2)
        y = _panel(svg, grafiek, paneel, y, vlak, compact=bool(breedte_em))
    svg.set("height", _em(y + 0.3))
    return [svg, _table(grafiek)]


def _legend(svg: ET.Element, grafiek: Grafiek, compact: bool = False) -> float:
    """Swatches with their names: the target as outline, the realisation solid."""
    g = ET.SubElement(svg, "g", {"class": "legenda", "aria-hidden": "true"})
    x, y = 0.0, 1.2
    for reeks in _legenda(grafiek):
        ET.SubElement(g, "rect", {"class": f"staaf {reeks.soort}", **_bar_attrs(reeks.soort),
                                  "x": _em(x + 0.1), "y": _em(y - 0.75), "width": _em(1.2), "height": _em(0.8)})
        _text(g, reeks.naam, x=_em(x + 1.6), y=_em(y))
        x += 1.6 + _width_em(reeks.naam) + 1.2
    later = [i for i, toekomst in enumerate(grafiek.toekomst) if toekomst]
    if any(r.waarden[i] is not None for p in grafiek.panelen for r in p.reeksen for i in later):
        if not compact:  # on a phone a line of its own; on a page of known width beside the swatches
            y += ROW_EM + 0.2
            x = 0.0
        _text(g, "Latere jaren: alleen de streefwaarde", x=_em(x), y=_em(y)).set("class", "gedempt")
    return y + GAP_EM


def _legenda(grafiek: Grafiek) -> list:
    """One swatch per kind of series in any panel: a target drawn only in the summed panel is in
    the legend too."""
    seen: dict[str, object] = {}
    for paneel in grafiek.panelen:
        for reeks in paneel.reeksen:
            seen.setdefault(reeks.soort, reeks)
    return sorted(seen.values(), key=lambda r: r.soort == GEREALISEERD)


def _bar_attrs(soort: str) -> dict[str, str]:
    if soort == GEREALISEERD:
        return {"fill": "currentColor", "stroke": "currentColor", "stroke-width": "1"}
    if soort == "basis":  # hatched by the house style; without it a thin outline
        return {"fill": "none", "stroke": "currentColor", "stroke-width": "1", "stroke-dasharray": "3 2"}
    return {"fill": "none", "stroke": "currentColor", "stroke-width": "2"}


class _Vlak:
    """Where bars go across: from ``links`` over ``breedte``, in the unit ``fmt`` writes
    (percentages of a fluid chart, em of a chart of known width)."""

    def __init__(self, links: float, breedte: float, fmt, kleinst: float):
        self.links, self.breedte, self.fmt = links, breedte, fmt
        self.kleinst = kleinst
        """The narrowest bar drawn: a zero still shows where it stands."""


def _panel(svg: ET.Element, grafiek: Grafiek, paneel: Paneel, y: float, vlak: _Vlak, compact: bool = False) -> float:
    """One panel: its title, then per year the year and a bar with its value per series."""
    _pct = vlak.fmt  # noqa: N806 - every horizontal position in the plane's unit
    row, bar = (1.05, 0.8) if compact else (ROW_EM, BAR_EM)  # print: denser rows
    g = ET.SubElement(svg, "g", {"class": "paneel", "aria-hidden": "true"})
    y += TITLE_EM
    _text(g, grafiek.kop(paneel, kwalificatie=False), x="0", y=_em(y)).set("font-weight", "bold")
    if grafiek.kwalificatie:  # a line of its own: a long title would not fit on a phone
        y += row
        _text(g, f"Streefwaarden {grafiek.kwalificatie}", x="0", y=_em(y))
    lo, hi = grafiek.schaal.laag, grafiek.schaal.hoog  # one axis for every panel of the chart
    span = (hi - lo) or 1.0

    def pos(v: float) -> float:
        return vlak.links + vlak.breedte * (v - lo) / span

    rows: list[float] = []  # the baseline of every bar row
    if paneel.basis is not None:  # the starting value as a row of its own, before the years
        y += YEAR_EM
        _text(g, paneel.basis.naam, x="0", y=_em(y))
        y += row
        rows.append(y)
        x0, x1 = sorted((pos(0.0), pos(paneel.basis.waarde)))
        ET.SubElement(g, "rect", {"class": "staaf basis", **_bar_attrs("basis"), "x": _pct(x0),
                                  "y": _em(y - bar + 0.1), "width": _pct(max(x1 - x0, vlak.kleinst)),
                                  "height": _em(bar - 0.1)})
        _text(g, paneel.basis.tekst, x=_pct(x1), dx="0.4em", y=_em(y))
    for i, cat in enumerate(grafiek.categorieen):
        shown = [r for r in paneel.reeksen if not (r.waarden[i] is None and grafiek.toekomst[i])]
        if compact:  # the year beside its first bar; a small gap between years
            y += 0.35
            label = cat if shown or not grafiek.toekomst[i] else cat + " · nog geen cijfer"
            year = _text(g, label, x="0", y=_em(y + row))
            if not shown:
                y += row
        else:
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
            y += row
            rows.append(y)
            if value is not None:
                x0, x1 = sorted((pos(0.0), pos(value)))
                ET.SubElement(g, "rect", {
                    "class": f"staaf {reeks.soort}", **_bar_attrs(reeks.soort), "x": _pct(x0),
                    "y": _em(y - bar + 0.1), "width": _pct(max(x1 - x0, vlak.kleinst)), "height": _em(bar - 0.1),
                })
                end = x1
            else:
                end = pos(0.0)
            # The value just after the bar's end: bars stop at ``share``, so it always fits.
            _text(g, reeks.labels[i] or "–", x=_pct(end), dx="0.4em", y=_em(y))
    if lo < 0:  # the zero line, only beside the bars: it never crosses a year or a value
        z = _pct(pos(0.0))
        for baseline in rows:
            g.insert(0, ET.Element("line", {"class": "nul", "x1": z, "x2": z, "y1": _em(baseline - row + 0.1),
                                             "y2": _em(baseline + 0.2), "stroke": "currentColor"}))
    if rows:  # the value axis: a gridline per step behind the bars, its value below them
        top, bottom = rows[0] - row + 0.1, y + 0.3
        for n, (tick, label) in enumerate(zip(grafiek.schaal.streepjes, grafiek.labels)):
            x = _pct(pos(tick))
            g.insert(0, ET.Element("line", {"class": "raster", "x1": x, "x2": x, "y1": _em(top), "y2": _em(bottom),
                                            "stroke": "currentColor", "stroke-opacity": "0.25",
                                            "stroke-width": "1" if tick else "1.5"}))
            last = len(grafiek.labels) - 1
            if last > 3 and n % 2:  # every other value on a narrow axis, so no two touch on a phone
                continue
            anchor = "start" if n == 0 else ("end" if n == last else "middle")
            _text(g, label, x=x, y=_em(bottom + 1.0), **{"text-anchor": anchor, "class": "as"})
        y = bottom + 1.0
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
