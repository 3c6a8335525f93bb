"""Charts for the progress report: one drawing per indicator, as SVG (HTML) and PNG (Word).

Matplotlib is imported inside the drawing function, so a build or a check that draws nothing
never loads it. The figure is drawn once and saved twice; the bytes depend only on the
figures: fixed size and resolution, a font shipped with matplotlib, no dates or versions in
the metadata and a fixed salt for the ids in the SVG. Target and realisation differ in fill
(outline against solid) as well as in colour, and every bar carries its value, so nothing is told by
colour alone; the text alternative (the figures in words) is written by the template.
"""

from __future__ import annotations

import io
import re

from ..core import opmaak
from ..plan.voortgang import Indicatorjaar, Indicatorstand, cijfer, grafiek_naam
from .document import Afbeelding

BREEDTE_CM = 16.0
HOOGTE_CM = 6.8
DPI = 150
_CM = 1 / 2.54

TEKST = "#1b1b1b"
GEDEMPT = "#454545"
ACCENT = "#154273"
LIJN = "#8a99a8"
TOEKOMST = "#eceff3"

_RC = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 8.5,
    "axes.edgecolor": LIJN,
    "axes.labelcolor": TEKST,
    "text.color": TEKST,
    "xtick.color": TEKST,
    "ytick.color": TEKST,
    "hatch.color": ACCENT,
    "hatch.linewidth": 0.8,
    "svg.fonttype": "none",  # text stays text: sharp, searchable, small
    "svg.hashsalt": "prestatie",  # ids in the SVG depend on the drawing only
    "path.simplify": False,
    "axes.unicode_minus": True,
}


def teken_indicator(stand: "Indicatorstand") -> Afbeelding:
    """Target against realisation per year (and summed, for a cumulatief indicator)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        # Fixed margins instead of a layout engine: the engine measured every text twice per
        # save and cost a third of the drawing time; the panels have a known shape.
        fig = Figure(figsize=(BREEDTE_CM * _CM, HOOGTE_CM * _CM), dpi=DPI)
        fig.subplots_adjust(left=0.1, right=0.985, top=0.88, bottom=0.24, wspace=0.28)
        FigureCanvasAgg(fig)
        ind = stand.indicator
        if ind.cumulatief:
            left, right = fig.subplots(1, 2, sharey=False)
            _panel(left, stand, "Per jaar", cumulatief=False)
            _panel(right, stand, f"Opgeteld vanaf {stand.jaren[0].jaar}", cumulatief=True)
            axes = [left, right]
        else:
            ax = fig.subplots()
            _panel(ax, stand, "Per jaar", cumulatief=False)
            axes = [ax]
        handles, labels = [], []
        for ax in axes:
            for h, lab in zip(*ax.get_legend_handles_labels()):
                if lab not in labels:
                    handles.append(h)
                    labels.append(lab)
        if any(j.toekomst for j in stand.jaren):
            from matplotlib.patches import Patch

            handles.append(Patch(facecolor=TOEKOMST, edgecolor=LIJN, linewidth=0.6))
            labels.append("Nog niet gerapporteerd")
        fig.legend(
            handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=len(labels),
            frameon=False, handlelength=1.6, columnspacing=1.6,
        )
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    return Afbeelding(png=png.getvalue(), svg=_fluid(svg.getvalue()), breedte_cm=BREEDTE_CM)


def _fluid(svg: bytes) -> bytes:
    """Drop the fixed size of the root element: the page scales the chart to its column width
    (the viewBox keeps the proportions), so the text in it stays readable on a wide page."""
    head, sep, rest = svg.partition(b"<svg ")
    tag, close, body = rest.partition(b">")
    tag = re.sub(rb'\s*\b(width|height)="[^"]*"', b"", tag, count=2)
    return head + sep + tag.strip() + close + body


def _panel(ax, stand: "Indicatorstand", titel: str, cumulatief: bool) -> None:
    """Bars per year: target (outline) beside realisation (solid), each with its value."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ind = stand.indicator
    procent = ind.procent
    jaren: list[Indicatorjaar] = stand.jaren
    x = list(range(len(jaren)))
    w = 0.38

    def values(kind: str) -> list[float | None]:
        if cumulatief:
            return [getattr(j, f"{kind}_cumulatief") for j in jaren]
        return [getattr(j, kind) for j in jaren]

    streef = values("streef" if cumulatief else "streefwaarde")
    real = values("gerealiseerd")
    sx = [i - w / 2 for i, v in zip(x, streef) if v is not None]
    sv = [v for v in streef if v is not None]
    rx = [i + w / 2 for i, v in zip(x, real) if v is not None]
    rv = [v for v in real if v is not None]
    bars_s = ax.bar(sx, sv, w, color="white", edgecolor=ACCENT, linewidth=1.2, label="Streefwaarde")
    bars_r = ax.bar(rx, rv, w, color=ACCENT, edgecolor=ACCENT, linewidth=0.9, label="Gerealiseerd")
    labels_s = [cijfer(v, ind) for v in sv]
    labels_r = [cijfer(v, ind) for v in rv]
    longest = max((len(t) for t in (*labels_s, *labels_r)), default=0)
    size = 7.5 if longest <= 4 else 6.5 if longest <= 6 else 5.5  # neighbours must not touch
    for bars, labels in ((bars_s, labels_s), (bars_r, labels_r)):
        ax.bar_label(bars, labels=labels, padding=2, fontsize=size, color=TEKST)
    if not cumulatief and ind.basiswaarde is not None:
        label = "Basiswaarde" + (f" {ind.basisjaar}" if ind.basisjaar else "") + f": {cijfer(ind.basiswaarde, ind)}"
        ax.axhline(ind.basiswaarde, color=GEDEMPT, linestyle=(0, (2, 2)), linewidth=1.0, label=label)
    ax.axhline(0, color=TEKST, linewidth=0.8)
    for i, j in enumerate(jaren):
        if j.toekomst:
            ax.axvspan(i - 0.5, i + 0.5, color=TOEKOMST, zorder=0, linewidth=0)
    ax.set_xticks(x, [str(j.jaar) for j in jaren])
    for tick, j in zip(ax.get_xticklabels(), jaren):
        if j.jaar == stand.jaar:
            tick.set_fontweight("bold")
    ax.set_xlim(-0.6, len(jaren) - 0.4)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=not procent))
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: opmaak.procent(v) if procent else opmaak.getal(v))
    )
    everything = [v for v in (*sv, *rv) if v is not None] + ([ind.basiswaarde] if ind.basiswaarde is not None and not cumulatief else [])
    top = max([0.0, *everything])
    bottom = min([0.0, *everything])
    span = (top - bottom) or 1.0
    upper = top + 0.16 * span
    ax.set_ylim(bottom - (0.12 * span if bottom < 0 else 0), min(upper, 110.0) if procent else upper)
    ax.set_ylabel("procent" if procent else ind.eenheid)
    if ind.richting == "lager":
        titel += " (lager is beter)"
    ax.set_title(titel, loc="left", fontsize=9, fontweight="bold", color=TEKST)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", length=0)
    ax.grid(axis="y", color="#c8d2dc", linewidth=0.6)
    ax.set_axisbelow(True)


def teken_grafieken(standen: list[Indicatorstand]) -> dict[str, Afbeelding]:
    """The charts of a progress report by the name its template uses, drawn once for every format."""
    return {grafiek_naam(s.indicator): teken_indicator(s) for s in standen}
