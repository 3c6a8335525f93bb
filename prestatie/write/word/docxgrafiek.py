"""Images in a Word document: a chart description as a native Word chart (a DrawingML chart
part, its figures in an embedded workbook, so that Word's "Gegevens bewerken" opens
them), and pictures.

All panels of an indicator share the value axis and are one chart, one block of rows per
panel under its title, in a frame of the shape LibreOffice lays charts out in (``grafiekvorm``),
so an indicator with its table takes about half a page, its text undistorted.

python-pptx writes the chart XML and (through XlsxWriter) the workbook; this module adds what
a document needs: the house style's font and accent colour, value labels of at least 8 pt,
room for those labels inside the chart, the parts and relationships in the .docx, and the
inline drawing with its alt text. Bars run horizontally, one row per series per year, first
year on top: every label has a row of its own, so labels never overlap, and the value axis
leaves room after the longest bar for the longest label, so none is cut. Same description,
same bytes: the workbook's dates are pinned.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from contextlib import contextmanager

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Emu
from lxml import etree

from ...render.document import Afbeelding
from ...render.grafieken import GEREALISEERD, Grafiek
from .grafiekvorm import LO_PAGE, Rijreeks, frame, plot_layout, rows

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"c": C, "a": A, "r": R}

EMU_PER_PT = 12700
GAP = 30  # gap between years, in percent of a bar
CHAR_EM = 0.6
FIXED_DATE = dt.datetime(2000, 1, 1)
SHEET = "Blad1"
"""The worksheet, as Dutch Excel names a new one."""


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def _sub(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    el = etree.SubElement(parent, _q(tag))
    for key, value in attrs.items():
        el.set(key, str(value))
    return el


@functools.cache
def _chart_data():
    """python-pptx's chart data and writers, imported when a document first has a chart (a
    document without one, or a build without Word, never loads them): the chart data class,
    with its workbook's dates, which XlsxWriter would take from the clock, pinned."""
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE
    from xlsxwriter import Workbook

    class Werkmap(CategoryWorkbookWriter):
        @contextmanager
        def _open_worksheet(self, xlsx_file):
            workbook = Workbook(xlsx_file, {"in_memory": True})
            workbook.set_properties({"created": FIXED_DATE, "author": "", "comments": ""})
            worksheet = workbook.add_worksheet(SHEET)
            yield workbook, worksheet
            worksheet.write_string(0, 0, "Jaar")  # the heading of the years' column
            workbook.close()

    class Gegevens(CategoryChartData):
        @property
        def _workbook_writer(self):
            return Werkmap(self)

    return Gegevens, lambda data: ChartXmlWriter(XL_CHART_TYPE.BAR_CLUSTERED, data).xml


class Stijl:
    """What the charts take from the reference document: font and accent colour."""

    def __init__(self, font: str, accent: str, text: str = "1B1B1B"):
        self.font, self.accent, self.text = font, accent, text

    @classmethod
    def uit(cls, styles: etree._Element, heading: str | None, font: str) -> "Stijl":
        """The document's font, and as accent the colour of Heading 1 (style id ``heading``)."""
        colours = [c.get(qn("w:val")) for st in styles.findall(qn("w:style")) if st.get(qn("w:styleId")) == heading
                   for c in st.findall(f"{qn('w:rPr')}/{qn('w:color')}")]
        accent = colours[0] if colours and re.fullmatch(r"[0-9A-Fa-f]{6}", colours[0] or "") else "154273"
        return cls(font, accent.upper())


def chart_parts(grafiek: Grafiek, stijl: Stijl, width_emu: int) -> list[tuple[bytes, bytes, int]]:
    """The chart of all panels: its XML (its workbook relationship as ``rIdWB``), the workbook
    bytes and the frame's height in EMU (its width: ``frame``)."""
    gegevens, chart_xml = _chart_data()
    data = gegevens(number_format=grafiek.getalnotatie)
    categories, reeksen = rows(grafiek)
    data.categories = categories
    for reeks in reeksen:
        data.add_series(reeks.naam, reeks.waarden)
    xml = chart_xml(data).replace("Sheet1!", f"{SHEET}!")  # python-pptx names the sheet in English
    root = etree.fromstring(xml.encode("utf-8"))
    width, height, pt = frame(width_emu, len(categories) * len(reeksen))
    _style(root, grafiek, categories, reeksen, stijl, width, pt)
    return [(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), data.xlsx_blob, height)]


def _text_props(parent: etree._Element, stijl: Stijl, size: float, bold: bool = False) -> etree._Element:
    tx = _sub(parent, "c:txPr")
    _sub(tx, "a:bodyPr")
    _sub(tx, "a:lstStyle")
    p = _sub(tx, "a:p")
    rpr = _sub(_sub(p, "a:pPr"), "a:defRPr", sz=round(size * 100), b=int(bold))
    _fill(rpr, stijl.text)
    _sub(rpr, "a:latin", typeface=stijl.font)
    _sub(rpr, "a:cs", typeface=stijl.font)
    _sub(p, "a:endParaRPr", lang="nl-NL")
    return tx


def _label_props(parent: etree._Element, fmt: str, stijl: Stijl, pt: float) -> None:
    """Number format, look and position of value labels (of a series, or of one value)."""
    _sub(parent, "c:numFmt", formatCode=fmt, sourceLinked=0)
    sp = _sub(parent, "c:spPr")
    _sub(sp, "a:noFill")
    _no_line(sp)
    _text_props(parent, stijl, pt)
    _sub(parent, "c:dLblPos", val="outEnd")
    for name, value in (("showLegendKey", 0), ("showVal", 1), ("showCatName", 0), ("showSerName", 0),
                        ("showPercent", 0), ("showBubbleSize", 0)):
        _sub(parent, f"c:{name}", val=value)


def _fill(parent: etree._Element, colour: str) -> None:
    _sub(_sub(parent, "a:solidFill"), "a:srgbClr", val=colour)


def _no_line(parent: etree._Element) -> None:
    _sub(_sub(parent, "a:ln"), "a:noFill")


def _style(root: etree._Element, grafiek: Grafiek, categories: list[str], reeksen: list[Rijreeks], stijl: Stijl,
           width_emu: int, pt: float) -> None:
    """Turn python-pptx's default chart into the house style."""
    date1904 = root.find(_q("c:date1904"))
    date1904.addnext(etree.Element(_q("c:lang"), val="nl-NL"))
    root.find(_q("c:lang")).addnext(etree.Element(_q("c:roundedCorners"), val="0"))
    chart = root.find(_q("c:chart"))
    # The panels' names head their rows (``grafiekvorm.rows``); the title only says what their
    # titles add ('lager is beter · streefwaarden ten hoogste'), when they do.
    text = grafiek.toevoeging()
    chart.find(_q("c:autoTitleDeleted")).set("val", "0" if text else "1")
    if text:
        title = etree.Element(_q("c:title"))
        rich = _sub(_sub(title, "c:tx"), "c:rich")
        _sub(rich, "a:bodyPr")
        _sub(rich, "a:lstStyle")
        p = _sub(rich, "a:p")
        _sub(_sub(p, "a:pPr"), "a:defRPr", sz=round(pt * 100), b=0)
        run = _sub(p, "a:r")
        run_pr = _sub(run, "a:rPr", lang="nl-NL", sz=round(pt * 100), b=0)
        _fill(run_pr, stijl.text)
        _sub(run_pr, "a:latin", typeface=stijl.font)
        _sub(run, "a:t").text = text
        _sub(title, "c:overlay", val=0)
        chart.insert(0, title)

    bar = chart.find("c:plotArea/c:barChart", NS)
    if bar.find(_q("c:varyColors")) is None:
        bar.find(_q("c:grouping")).addnext(etree.Element(_q("c:varyColors"), val="0"))
    for ser, reeks in zip(bar.findall(_q("c:ser")), reeksen):
        sp = etree.Element(_q("c:spPr"))
        if reeks.soort == GEREALISEERD:
            _fill(sp, stijl.accent)
            line = _sub(sp, "a:ln", w=9525)
            _fill(line, stijl.accent)
        else:
            _fill(sp, "FFFFFF")
            line = _sub(sp, "a:ln", w=19050)
            _fill(line, stijl.accent)
        ser.find(_q("c:tx")).addnext(sp)
        sp.addnext(etree.Element(_q("c:invertIfNegative"), val="0"))
        labels = etree.Element(_q("c:dLbls"))
        # A label per value whose decimals differ from the series' format: 95% beside 97,5%,
        # as the document's own text writes them.
        for idx, (value, fmt) in enumerate(zip(reeks.waarden, reeks.notaties)):
            if value is not None and fmt != grafiek.getalnotatie:
                label = _sub(labels, "c:dLbl")
                _sub(label, "c:idx", val=idx)
                _label_props(label, fmt, stijl, pt)
        _label_props(labels, grafiek.getalnotatie, stijl, pt)
        ser.find(_q("c:invertIfNegative")).addnext(labels)
    gap = bar.find(_q("c:gapWidth"))
    if gap is None:
        gap = etree.Element(_q("c:gapWidth"))
        bar.findall(_q("c:ser"))[-1].addnext(gap)
    gap.set("val", str(GAP))
    overlap = etree.Element(_q("c:overlap"), val="0")
    gap.addnext(overlap)

    # Category axis: years from top to bottom, no tick marks, labels in the house font.
    cat = chart.find("c:plotArea/c:catAx", NS)
    cat.find("c:scaling/c:orientation", NS).set("val", "maxMin")

    cat.find(_q("c:majorTickMark")).set("val", "none")
    line = etree.Element(_q("c:spPr"))
    _sub(_sub(_sub(line, "a:ln", w=9525), "a:solidFill"), "a:srgbClr", val="758595")
    cat.find(_q("c:tickLblPos")).addnext(line)
    line.addnext(_text_props(etree.Element("x"), stijl, pt))

    # Value axis: the scale every panel and every format shares, a gridline per step, and room
    # after the longest bar for its label.
    val = chart.find("c:plotArea/c:valAx", NS)
    lo, hi = grafiek.schaal.laag, grafiek.schaal.hoog
    # The widest label in points (digits about 0.55 em; '%' and '€' wider), with some air.
    label_pt = max((sum(0.95 if c in "%€" else CHAR_EM for c in t) for r in reeksen for t in r.labels),
                   default=CHAR_EM) * pt + 10
    plot_pt = width_emu / EMU_PER_PT * plot_layout(chart, categories, width_emu, pt, bool(grafiek.toevoeging()))
    share = label_pt / plot_pt
    stap = grafiek.schaal.stap
    top = max((v for r in reeksen for v in r.waarden if v is not None), default=hi)
    span = ((hi - lo) or 1.0) / max(0.3, 1 - share)
    room = max(hi, top + share * span)  # the largest bar's label fits after it
    scaling = val.find(_q("c:scaling"))
    _sub(scaling, "c:orientation", val="minMax")
    _sub(scaling, "c:max", val=repr(room))
    _sub(scaling, "c:min", val=repr(lo))
    val.find(_q("c:delete")).set("val", "0")
    grid = val.find(_q("c:majorGridlines"))
    if grid is None:
        grid = etree.Element(_q("c:majorGridlines"))
        val.find(_q("c:axPos")).addnext(grid)
    for child in list(grid):
        grid.remove(child)
    grid_sp = _sub(grid, "c:spPr")
    _fill(_sub(grid_sp, "a:ln", w=6350), "D0D5DA")
    fmt = val.find(_q("c:numFmt"))
    if fmt is None:
        fmt = etree.Element(_q("c:numFmt"))
        grid.addnext(fmt)
    fmt.set("formatCode", grafiek.asnotatie or grafiek.getalnotatie)
    fmt.set("sourceLinked", "0")
    for tag, setting in (("c:majorTickMark", "out"), ("c:minorTickMark", "none"), ("c:tickLblPos", "nextTo")):
        el = val.find(_q(tag))
        if el is not None:
            el.set("val", setting)
    tick_lbl = val.find(_q("c:tickLblPos"))
    axis_line = etree.Element(_q("c:spPr"))
    _fill(_sub(axis_line, "a:ln", w=9525), "758595")
    tick_lbl.addnext(axis_line)
    axis_line.addnext(_text_props(etree.Element("x"), stijl, pt))
    crosses = val.find(_q("c:crosses"))
    if crosses is not None:  # below the bars (the last year is the category axis' maximum), as in HTML and PDF
        crosses.set("val", "max")
    _sub(val, "c:crossBetween", val="between")
    _sub(val, "c:majorUnit", val=repr(stap))

    legend = etree.Element(_q("c:legend"))
    _sub(legend, "c:legendPos", val="t")
    _sub(legend, "c:overlay", val=0)
    _text_props(legend, stijl, pt)
    chart.find(_q("c:plotArea")).addnext(legend)
    legend.addnext(etree.Element(_q("c:plotVisOnly"), val="1"))

    # The chart area: no border, no fill; default text in the house font.
    old = root.find(_q("c:txPr"))
    root.remove(old)
    sp = etree.Element(_q("c:spPr"))
    _sub(sp, "a:noFill")
    _no_line(sp)
    chart.addnext(sp)
    sp.addnext(_text_props(etree.Element("x"), stijl, pt))
    external = etree.Element(_q("c:externalData"))
    external.set(f"{{{R}}}id", "rIdWB")
    _sub(external, "c:autoUpdate", val=0)
    root.find(_q("c:txPr")).addnext(external)


class Grafiekdelen:
    """Adds the images of one document: chart parts with their workbooks, or pictures."""

    def __init__(self, document, stijl: Stijl, width_emu: int):
        self.document, self.stijl, self.width = document, stijl, int(width_emu)
        self.count = 0

    def inlines(self, beeld: Grafiek | Afbeelding, alt: str, title: str, src: str,
                first_id: int) -> list[etree._Element]:
        """The inline drawing of one image: a chart (all its panels), or a picture."""
        if isinstance(beeld, Afbeelding):
            return [self._picture(beeld, alt, title, src, first_id)]
        package = self.document.part.package
        result = []
        for n, (xml, xlsx, height) in enumerate(chart_parts(beeld, self.stijl, self.width)):
            self.count += 1
            book = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{self.count}.xlsx"),
                        XLSX_CT, xlsx, package)
            part = Part(PackURI(f"/word/charts/chart{self.count}.xml"), CHART_CT, b"", package)
            rid_book = part.relate_to(book, RT.PACKAGE)
            part._blob = xml.replace(b'r:id="rIdWB"', f'r:id="{rid_book}"'.encode())
            rid = self.document.part.relate_to(part, RT.CHART)
            result.append(_inline(rid, first_id + n, f"Grafiek {beeld.titel}", alt,
                                  height * LO_PAGE[0] // LO_PAGE[1], height))
        return result

    def _picture(self, beeld: Afbeelding, alt: str, title: str, src: str, ident: int) -> etree._Element:
        width = min(int(beeld.breedte_cm * 360000), self.width)
        inline = self.document.part.new_pic_inline(io.BytesIO(beeld.png), Emu(width), None)
        doc_pr = inline.find(qn("wp:docPr"))
        doc_pr.set("id", str(ident))
        doc_pr.set("name", f"Afbeelding {ident}")
        doc_pr.set("descr", alt)
        doc_pr.set("title", title)
        for c_nv_pr in inline.iter(qn("pic:cNvPr")):
            c_nv_pr.set("id", "0")
            c_nv_pr.set("name", src)
        return inline


def _inline(rid: str, ident: int, name: str, descr: str, cx: int, cy: int) -> etree._Element:
    inline = etree.Element(f"{{{WP}}}inline", nsmap={"wp": WP, "a": A, "c": C, "r": R},
                           distT="0", distB="0", distL="0", distR="0")
    etree.SubElement(inline, f"{{{WP}}}extent", cx=str(cx), cy=str(cy))
    etree.SubElement(inline, f"{{{WP}}}effectExtent", l="0", t="0", r="0", b="0")
    etree.SubElement(inline, f"{{{WP}}}docPr", id=str(ident), name=name, descr=descr, title=name)
    etree.SubElement(inline, f"{{{WP}}}cNvGraphicFramePr")
    graphic = etree.SubElement(inline, _q("a:graphic"))
    data = etree.SubElement(graphic, _q("a:graphicData"), uri=C)
    chart = etree.SubElement(data, _q("c:chart"))
    chart.set(f"{{{R}}}id", rid)
    return inline
