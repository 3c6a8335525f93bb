"""Charts of the progress report: native Word charts with their figures in a workbook, inline
SVG with a text alternative and a table, both from one description, with the source figures.

The fixture ``fixtures/voortgang`` has three indicators: ``nieuwbouw`` (cumulatief: two panels),
``label-efg`` (lager is beter, with a basis) and ``passend`` (a percentage).
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import VOORTGANG_ALT, build_at

FIXTURE = Path(__file__).parent / "fixtures" / "voortgang"
NAAM = "dorp-2023-2026"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"c": C, "a": A}
ALT = VOORTGANG_ALT
YEARS = ["2023", "2024", "2025", "2026"]
# Per chart (indicator), in document order: its rows (each panel under its name) and the
# series as the source gives them, None in a name's row. The chart's title: what the panel
# titles add, when they do.
TITLES = [None, "lager is beter", None]
CHARTS = [
    (["Per jaar", *YEARS, "Opgeteld vanaf 2023", *YEARS],
     {"Streefwaarde": [None, 20, 30, 30, 20, None, 20, 50, 80, 100],
      "Gerealiseerd": [None, 24, 12, None, None, None, 24, 36, None, None]}),
    (["Per jaar", "Basiswaarde 2022", *YEARS],  # the basis is a row of its own
     {"Streefwaarde": [None, None, 75, 50, 25, 0], "Gerealiseerd": [None, 100, 80, 48, None, None]}),
    (["Per jaar", *YEARS], {"Streefwaarde": [None, 95, 95, 95, 95], "Gerealiseerd": [None, 96.9, 93.5, None, None]}),
]


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_at(FIXTURE / "bron", tmp_path_factory.mktemp("uit")) / NAAM


def chart_parts(path: Path) -> list[tuple[etree._Element, bytes]]:
    """Every chart of the document in order, each with the workbook its data comes from."""
    document = docx.Document(str(path))
    result = []
    for inline in document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline"):
        ref = inline.find(f".//{{{C}}}chart")
        if ref is None:
            continue
        part = document.part.related_parts[ref.get(f"{{{R}}}id")]
        root = etree.fromstring(part.blob)
        external = root.find(f"{{{C}}}externalData").get(f"{{{R}}}id")
        result.append((root, part.related_parts[external].blob))
    return result


def workbook_columns(xlsx: bytes, rows: int = 4) -> dict[str, list]:
    """The first sheet as columns (heading → values), read straight from the xlsx XML."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        names = z.namelist()
        strings = []
        if "xl/sharedStrings.xml" in names:
            strings = ["".join(si.itertext()) for si in etree.fromstring(z.read("xl/sharedStrings.xml"))]
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        assert b'name="Blad1"' in z.read("xl/workbook.xml")
    ns = {"s": sheet.nsmap[None]}
    cells: dict[str, object] = {}
    for c in sheet.iterfind(".//s:c", ns):
        v = c.find("s:v", ns)
        if v is None:
            continue
        cells[c.get("r")] = strings[int(v.text)] if c.get("t") == "s" else float(v.text)
    columns: dict[str, list] = {}
    for col in "ABC":
        head = str(cells.get(f"{col}1", ""))
        columns[head] = [cells.get(f"{col}{row}") for row in range(2, 2 + rows)]
    return columns


def test_every_chart_is_a_native_chart_with_alt_text(gebouwd: Path) -> None:
    document = docx.Document(str(gebouwd / "voortgang-2024.docx"))
    shapes = document.inline_shapes
    graphics = [s._inline.graphic.graphicData.get("uri") for s in shapes]
    assert graphics == [C] * 3  # no pictures: a chart per indicator (the cumulative one with two panels)
    descr = [s._inline.docPr.get("descr") for s in shapes]
    assert descr == [ALT["nieuwbouw"], ALT["label-efg"], ALT["passend"]]
    with zipfile.ZipFile(gebouwd / "voortgang-2024.docx") as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]


def test_chart_values_and_workbook_equal_the_source(gebouwd: Path) -> None:
    parts = chart_parts(gebouwd / "voortgang-2024.docx")
    assert len(parts) == len(CHARTS)
    for (root, xlsx), (rows, series), title in zip(parts, CHARTS, TITLES):
        assert root.find("c:chart/c:autoTitleDeleted", NS).get("val") == ("1" if title is None else "0")
        found = root.find("c:chart/c:title", NS)
        assert (None if found is None else "".join(found.itertext())) == title
        shown = {}
        for ser in root.iterfind(".//c:ser", NS):
            name = ser.find("c:tx//c:v", NS).text
            assert [p.text for p in ser.iterfind("c:cat//c:pt/c:v", NS)] == rows
            values: list = [None] * len(rows)
            for pt in ser.iterfind("c:val//c:pt", NS):
                values[int(pt.get("idx"))] = float(pt.find("c:v", NS).text)
            shown[name] = values
        assert shown == series
        columns = workbook_columns(xlsx, len(rows))
        assert columns.pop("Jaar") == rows  # the rows, as the chart's categories
        assert {f.text.split("!")[0] for f in root.iterfind(".//c:f", NS)} == {"Blad1"}
        assert columns == series


def test_chart_text_is_legible_and_dutch(gebouwd: Path) -> None:
    for root, _ in chart_parts(gebouwd / "voortgang-2024.docx"):
        sizes = [int(el.get("sz")) for el in root.iter(f"{{{A}}}defRPr", f"{{{A}}}rPr") if el.get("sz")]
        assert sizes and min(sizes) >= 700  # nothing under 7 pt
        assert root.find("c:lang", NS).get("val") == "nl-NL"
        for fmt in root.iterfind(".//c:dLbls/c:numFmt", NS):
            assert fmt.get("formatCode").startswith("[$-413]")  # Dutch separators


def test_chart_labels_show_decimals_as_the_text_does(gebouwd: Path) -> None:
    root, _ = chart_parts(gebouwd / "voortgang-2024.docx")[2]  # passend: 95% and 96,9%
    target, realised = root.iterfind(".//c:ser", NS)
    assert realised.find("c:dLbls/c:numFmt", NS).get("formatCode") == '[$-413]#,##0.0"%";[$-413]"\u2212"#,##0.0"%"'
    assert not realised.findall("c:dLbls/c:dLbl", NS)
    per_value = {int(d.find("c:idx", NS).get("val")): d.find("c:numFmt", NS).get("formatCode")
                 for d in target.iterfind("c:dLbls/c:dLbl", NS)}
    assert per_value == dict.fromkeys(range(1, 5), '[$-413]#,##0"%";[$-413]"\u2212"#,##0"%"')  # 95%, not 95,0%


def test_docx_with_charts_is_read_by_pandoc(gebouwd: Path) -> None:
    out = subprocess.run(["pandoc", str(gebouwd / "voortgang-2024.docx"), "-t", "plain"],
                         capture_output=True, text=True, check=True)
    assert "Nieuwe sociale huurwoningen" in out.stdout


def test_heading_table_and_chart_are_kept_together(gebouwd: Path) -> None:
    document = docx.Document(str(gebouwd / "voortgang-2024.docx"))
    body = list(document.element.body)
    chart_paragraphs = [i for i, el in enumerate(body) if el.find(f".//{{{C}}}chart") is not None]
    assert len(chart_paragraphs) == 3
    for i in chart_paragraphs:
        heading = max(j for j in range(i) if body[j].tag.endswith("}p")
                      and (body[j].xpath("string(w:pPr/w:pStyle/@w:val)") or "").startswith("Heading"))
        style = document.styles.element.xpath(
            f"w:style[@w:styleId='{body[heading].xpath('string(w:pPr/w:pStyle/@w:val)')}']")[0]
        assert style.xpath("boolean(w:pPr/w:keepNext)")  # the heading, by its style
        between = body[heading + 1:i]  # the unit line and the table, to its last row
        paragraphs = [p for el in between for p in ([el] if el.tag.endswith("}p") else el.iter(el.tag[:-3] + "p"))]
        assert len(paragraphs) > 5 and all(p.xpath("boolean(w:pPr/w:keepNext)") for p in paragraphs)


def test_html_chart_is_svg_with_title_description_and_table(gebouwd: Path) -> None:
    page = etree.fromstring((gebouwd / "voortgang-2024.html").read_bytes(), etree.HTMLParser())
    figures = page.xpath("//figure[svg]")
    assert len(figures) == 3
    for figure, alt in zip(figures, ALT.values()):
        svg = figure.find("svg")
        assert svg.get("role") == "img"
        title = page.xpath(f"//*[@id='{svg.get('aria-labelledby')}']")[0]
        desc = page.xpath(f"//*[@id='{svg.get('aria-describedby')}']")[0]
        assert title.tag == "title" and title.getparent() is svg and title.text.startswith("Grafiek: ")
        assert desc.tag == "desc" and desc.text == alt
        # The page font at body size: no text sets its own font or size.
        assert not svg.xpath(".//text[@font-size or @font-family or @style]")
        assert svg.get("height").endswith("em") and svg.get("width") == "100%"
    table = figures[0].find("details/table")
    rows = [[c.text for c in tr] for tr in table.iter("tr")]
    assert rows == [
        ["Jaar", "Streefwaarde", "Gerealiseerd", "Streefwaarde (opgeteld vanaf 2023)",
         "Gerealiseerd (opgeteld vanaf 2023)"],
        ["2023", "20", "24", "20", "24"],
        ["2024", "30", "12", "50", "36"],
        ["2025", "30", "–", "80", "–"],
        ["2026", "20", "–", "100", "–"],
    ]
    rows = [[c.text for c in tr] for tr in figures[2].find("details/table").iter("tr")][1:3]
    assert rows == [["2023", "95%", "96,9%"], ["2024", "95%", "93,5%"]]


def test_charts_are_legible_on_a_phone_and_a_wide_screen(gebouwd: Path) -> None:
    from a11y.checks import check_charts

    pages = [gebouwd / "voortgang-2023.html", gebouwd / "voortgang-2024.html"]
    assert check_charts((320, 390, 1280), *pages) == []


def test_svg_bars_are_proportional_to_the_values(gebouwd: Path) -> None:
    page = etree.fromstring((gebouwd / "voortgang-2024.html").read_bytes(), etree.HTMLParser())
    svg = page.xpath("//figure/svg")[1]  # label-efg: one panel, basis 100
    bars = [float(r.get("width").rstrip("%")) for r in svg.xpath(".//g[@class='paneel']/rect")]
    values = [100, 75, 80, 50, 48, 25, 0]  # the basis first; 2026 has a target of 0: a sliver
    assert len(bars) == len(values)
    scale = bars[0] / 100
    for bar, value in zip(bars, values):
        assert bar == pytest.approx(max(value * scale, 0.2), abs=0.02)
    labels = [t.text for t in svg.xpath(".//g[@class='paneel']/text")]
    assert labels[:6] == ["Per jaar (lager is beter)", "Basiswaarde 2022", "100", "2023", "75", "80"]


_PARTS = """
import hashlib, sys
from pathlib import Path
from prestatie.core.errors import Rapport
from prestatie.load import load_folder
from prestatie.plan.voortgang import indicatorstanden
from prestatie.render.grafieken import teken_grafieken
from prestatie.write.word.docxgrafiek import Stijl, chart_parts
bron = load_folder(Path(sys.argv[1]), Rapport())
for name, g in sorted(teken_grafieken(indicatorstanden(bron, 2024)).items()):
    for xml, xlsx, height in chart_parts(g, Stijl("Liberation Sans", "154273"), 5760720):
        print(name, hashlib.sha256(xml).hexdigest(), hashlib.sha256(xlsx).hexdigest(), height)
"""


def test_chart_parts_are_byte_identical_in_another_process() -> None:
    def run(env: dict[str, str]) -> str:
        return subprocess.run([sys.executable, "-c", _PARTS, str(FIXTURE / "bron" / NAAM)], capture_output=True,
                              text=True, check=True, env={"PATH": "/usr/bin:/bin", "HOME": "/tmp", **env,
                                                          "PYTHONPATH": str(Path(__file__).parent.parent)}).stdout
    first = run({"PYTHONHASHSEED": "1", "TZ": "UTC"})
    assert len(first.splitlines()) == 3
    assert run({"PYTHONHASHSEED": "77", "TZ": "Asia/Tokyo"}) == first


_NO_CHART_LIBRARIES = """
import sys
from pathlib import Path
from prestatie.core.errors import Rapport
from prestatie.load import load_folder
from prestatie.plan import plan
from prestatie.render import Renderer
from prestatie.load.sjablonen import Sjablonen
from prestatie.core.version import bouwinfo
folder = Path(sys.argv[1])
bron = load_folder(folder, Rapport())
renderer = Renderer(Sjablonen(Path(sys.argv[2])))
for doc in plan(bron, bouwinfo(folder)):
    renderer.markdown(doc.sjabloon, doc.context)
print(sorted(m for m in ("pptx", "xlsxwriter", "matplotlib") if m in sys.modules))
"""


def test_planning_and_rendering_markdown_load_no_chart_library() -> None:
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", _NO_CHART_LIBRARIES, str(FIXTURE / "bron" / NAAM), str(root / "sjablonen")],
        capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )
    assert out.stdout.strip() == "[]"


def test_chart_frames_have_the_shape_libreoffice_lays_charts_out_in(gebouwd: Path) -> None:
    """LibreOffice lays a Word chart out on 16 × 9 cm and scales it into its frame: every frame
    has that shape (else the text is squashed), and the text it scales is at least 8 pt."""
    document = docx.Document(str(gebouwd / "voortgang-2024.docx"))
    frames = [(s._inline.extent.cx, s._inline.extent.cy) for s in document.inline_shapes]
    parts = chart_parts(gebouwd / "voortgang-2024.docx")
    assert len(frames) == len(parts) == 3
    for (cx, cy), (root, _) in zip(frames, parts):
        assert abs(cx * 9 - cy * 16) <= 16 and cx <= 16 * 360000 * 0.9, (cx, cy)
        scale = cx / (16 * 360000)
        sizes = [int(el.get("sz")) / 100 for el in root.iter(f"{{{A}}}defRPr", f"{{{A}}}rPr") if el.get("sz")]
        assert min(sizes) * scale >= 7.9, (min(sizes), scale)


def test_year_labels_stand_at_the_plots_edge_not_on_the_zero_line(gebouwd: Path) -> None:
    """A bar below zero ends left of the zero line, with its label: the years beside the bars
    stand at the plot's low edge (as in HTML and PDF), where no bar's label covers them."""
    charts = chart_parts(gebouwd / "voortgang-2024.docx")
    assert charts
    for root, _ in charts:
        assert root.find("c:chart/c:plotArea/c:catAx/c:tickLblPos", NS).get("val") == "low"
