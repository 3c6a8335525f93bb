"""Every agreement in bron/, laid out as its readers see it: Word pages (how tables break over
pages, words LibreOffice prints), charts that name only what they show."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import lxml.etree
import lxml.html
import pytest

from conftest import ROOT, build_copy, needs_tool
from prestatie.write.word.docxinhoud import ZONDER_NUMMERS

AKKOORDEN = sorted(p.name for p in (ROOT / "bron").iterdir() if (p / "overeenkomst.yaml").exists())
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(tmp_path_factory.mktemp("bladzijden"))


def _keeps(row: lxml.etree._Element) -> bool:
    paragraphs = list(row.iter(f"{W}p"))
    return bool(paragraphs) and all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs)


@pytest.mark.parametrize("naam", AKKOORDEN)
def test_no_table_row_alone_on_a_page_and_no_table_drags_the_next_section(gebouwd: Path, naam: str) -> None:
    """A short table stays whole, a long one keeps its first and last two rows together; the
    last row keeps with what follows only when that is its chart (else a whole section would
    move to the next page, leaving the page before it half empty), or in the closing part."""
    paths = sorted((gebouwd / naam).glob("*.docx"))
    assert len(paths) >= 3
    tables = 0
    for path in paths:
        body = lxml.etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")
        children = list(body)
        for i, el in enumerate(children):
            if el.tag != f"{W}tbl":
                continue
            rows = el.findall(f"{W}tr")
            if len(rows) < 2 or "handtekening" in el.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val").lower():
                continue
            tables += 1
            after = children[i + 1:i + 5]  # its chart, after at most a few paragraphs (totals)
            at = next((k for k, e in enumerate(after) if e.tag != f"{W}p" or e.find(f".//{C}chart") is not None), None)
            chart_next = at is not None and after[at].find(f".//{C}chart") is not None
            # ... or when the table is in the document's closing part, kept together to its end
            # (at most half a page: gedeeld.closing_start), so the last page is never near empty.
            to_end = [p for e in children[i:] for p in ([e] if e.tag == f"{W}p" else e.iter(f"{W}p"))]
            closing = all(p.find(f"{W}pPr/{W}keepNext") is not None for p in to_end[:-1])  # the colophon last
            assert _keeps(rows[-1]) == (chart_next or closing), (path.name, i)
            assert _keeps(rows[0]) and _keeps(rows[-2]), (path.name, i)
            if len(rows) <= 6:
                assert all(_keeps(r) for r in rows[:-1]), (path.name, i)
    assert tables


_LETTERS = re.compile(r"[^\W\d_]{2,}")


def test_libreoffice_breaks_no_word_of_normal_length_in_any_agreement(gebouwd: Path, tmp_path: Path) -> None:
    """Every word LibreOffice prints in the Word documents of every agreement is a word of
    its Markdown (or of its charts); only words of 15 letters or more may break."""
    soffice, pdftotext = needs_tool("soffice"), needs_tool("pdftotext")
    docs = sorted(gebouwd.glob("*/*.docx"))
    for naam in AKKOORDEN:
        out = tmp_path / naam
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, (d for d in docs if d.parent.name == naam))],
                       check=True, capture_output=True, timeout=600)
    for doc in docs:
        pdf = tmp_path / doc.parent.name / f"{doc.stem}.pdf"
        with zipfile.ZipFile(doc) as z:
            charts = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/charts/chart"))
        # The contents' line on page numbers is the Word writer's own (no LibreOffice in the build).
        assert _broken(pdftotext, pdf, doc.with_suffix(".md"), charts + " " + ZONDER_NUMMERS) == [], \
            f"{doc.parent.name}/{doc.name}"


def test_the_pdf_never_hyphenates_a_status_a_judgement_or_a_date(gebouwd: Path) -> None:
    """In the PDF (Typst) a short value that fits its column (a status, an oordeel, a date) is
    never hyphenated ('✓ ge-haald'); it wraps at its spaces. Hyphenation is for a word wider
    than its column."""
    pdftotext = needs_tool("pdftotext")
    pdfs = sorted(gebouwd.glob("*/voortgang-*.pdf"))
    assert pdfs
    anywhere: set[str] = set()
    checked: set[str] = set()
    for pdf in pdfs:
        page = lxml.html.parse(str(pdf.with_suffix(".html"))).getroot()
        kort = "starts-with(@data-kop, 'Status') or @data-kop='Oordeel' or @data-kop='Termijn' or @data-kop='Verschil'"
        short = {w for td in page.xpath(f"//td[{kort}]") for w in _LETTERS.findall(td.text_content())}
        # ... that occur nowhere in running text, where hyphenation is allowed.
        running = page.xpath(f"//main//td[not({kort})] | //main//p | //main//li")
        short -= {w for el in running for w in _LETTERS.findall(el.text_content())}
        checked |= short
        text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        hyphenated = {a + b for a, b in re.findall(r"(\w+)\u00ad\s*\n(\w+)", text)}
        anywhere |= hyphenated
        assert sorted(hyphenated & short) == [], f"{pdf.parent.name}/{pdf.name}"
    assert {"Gerealiseerd", "Doorlopend", "procentpunt"} <= checked
    assert anywhere  # running text still hyphenates where a word is wider than its column


def _broken(pdftotext: str, pdf: Path, md_path: Path, extra: str) -> list[str]:
    """Words in the PDF's text that are no word of the Markdown (or ``extra``): broken ones.
    Words of 15 letters or more may break, and a word at its own hyphen."""
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    md = md_path.read_text(encoding="utf-8")
    known = {w.lower() for w in _LETTERS.findall(md + " " + extra)} | {"pagina", "inhoud", "van", "concept"}
    known |= {m.replace("-", "").lower() for m in re.findall(r"\w+(?:-\w+)+", md)}
    long_words = [w for w in known if len(w) >= 15]
    return sorted({w for w in (x.lower() for x in _LETTERS.findall(text))
                   if w not in known and not any(w in lw for lw in long_words)})


@pytest.mark.parametrize("naam", AKKOORDEN)
def test_a_chart_names_only_the_series_it_shows(gebouwd: Path, naam: str) -> None:
    """An indicator followed without targets has no 'Streefwaarde' in its legend, its Word
    chart or its figures; 'Latere jaren: alleen de streefwaarde' only when a later year has one."""
    for path in sorted((gebouwd / naam).glob("voortgang-*.html")):
        page = lxml.html.parse(str(path)).getroot()
        for figure in page.xpath("//figure[svg]"):
            legend = " ".join(figure.xpath(".//svg/g[contains(@class, 'legenda')]//text()"))
            heads = [th.text_content() for th in figure.xpath(".//details//thead//th")]
            rows = [[td.text_content() for td in tr.xpath("th|td")] for tr in figure.xpath(".//details//tbody/tr")]
            targets = [i for i, h in enumerate(heads) if h.startswith("Streefwaarde")]
            assert targets == [] or any(r[i] != "–" for r in rows for i in targets), (path.name, heads)
            assert ("Streefwaarde" in legend) == bool(targets), (path.name, legend)
            later = [r for r in rows if "nog geen cijfer" in " ".join(figure.xpath(
                f".//svg//text[starts-with(., '{r[0]} ·')]/text()"))]
            says_later = "Latere jaren: alleen de streefwaarde" in legend
            assert says_later == any(r[i] != "–" for r in later for i in targets), (path.name, legend)
        root = lxml.etree.fromstring(zipfile.ZipFile(path.with_suffix(".docx")).read("word/document.xml"))
        assert root is not None
        with zipfile.ZipFile(path.with_suffix(".docx")) as z:
            for name in (n for n in z.namelist() if n.startswith("word/charts/chart")):
                chart = lxml.etree.fromstring(z.read(name))
                for ser in chart.iter(f"{C}ser"):
                    values = [v.text for v in ser.iterfind(f"{C}val//{C}v")]
                    assert any(v not in (None, "") for v in values), (path.name, name)


@pytest.mark.parametrize("naam", AKKOORDEN)
def test_word_and_pdf_carry_the_same_running_header(gebouwd: Path, naam: str) -> None:
    """A report's header names the report and its agreement, never the agreement's version
    (it would read as the report's); an agreement's header its title with its version."""
    pdftotext = needs_tool("pdftotext")
    props = docx.Document(str(gebouwd / naam / "overeenkomst.docx")).core_properties
    titel = props.title
    versie = " ".join(lxml.html.parse(str(gebouwd / naam / "overeenkomst.html")).getroot()
                      .xpath("string(//*[@class='paginakop-versie'])").split()).removeprefix("Versie ")
    assert titel and versie
    for path in sorted((gebouwd / naam).glob("*.docx")):
        with zipfile.ZipFile(path) as z:
            headers = {"".join(lxml.etree.fromstring(z.read(n)).itertext()).strip()
                       for n in z.namelist() if re.fullmatch(r"word/header\d*\.xml", n)}
        kop = max(headers, key=len)
        pages = subprocess.run([pdftotext, str(path.with_suffix(".pdf")), "-"], capture_output=True,
                               text=True, check=True).stdout.split("\f")
        page = " ".join((pages[1] if len(pages) > 2 else pages[0]).split())
        assert kop in page, (path.name, kop)
        if path.stem.startswith("voortgang"):
            assert "versie" not in kop and kop.endswith(f" · {titel}"), kop
        elif path.stem == "overeenkomst":
            assert kop == f"{titel} · versie {versie}", kop


def test_on_a_phone_and_a_desktop_nothing_scrolls_sideways_and_no_number_breaks(gebouwd: Path) -> None:
    """Every HTML page of every agreement at 1280 and 390 px: the page and each table fit
    the screen (a table of four or more columns becomes cards on a phone), and an afspraak
    number in a table ('J21-01') stays on one line."""
    node = needs_tool("node")
    needs_tool("chromium")
    pages = sorted(gebouwd.glob("*/*.html"))
    assert len(pages) >= 3 * len(AKKOORDEN)
    out = subprocess.run([node, str(ROOT / "tests" / "browser" / "breedte.mjs"), *map(str, pages)],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    problems = {k: v for k, v in json.loads(out.stdout).items() if v}
    assert problems == {}


def test_a_status_fits_on_one_line_when_running_text_can_spare_the_room() -> None:
    """'✓ Gerealiseerd' and 'Vincio Wonen' on one line in Word when the columns of running
    text give up at most a tenth of their width for it; in a table already as full as its
    longest words the status wraps at its space."""
    from prestatie.write.word.tabellen import CELL_PADDING, column_widths, text_width

    head = (["Nr.", "Afspraak", "Trekker", "Status", "Realisatie en toelichting"], True)
    zin = "De partijen stemmen sloop en nieuwbouw per stadsdeel af in een gezamenlijke planning"
    rows = [head, (["J21-01", zin, "Vincio Wonen", "✓ Gerealiseerd", zin + " " + zin], False),
            (["J21-02", zin, "Heerlen", "↻ Doorlopend", "–"], False)]
    widths = column_widths(rows, 5, 9072)
    assert sum(widths) == 9072
    assert widths[3] >= int(text_width("✓ Gerealiseerd")) + CELL_PADDING
    assert widths[2] >= int(text_width("Vincio Wonen")) + CELL_PADDING
    # A narrow page where every column is near its longest word: the status wraps at its space.
    widths = column_widths(rows, 5, 6000)
    assert sum(widths) == 6000 and widths[3] < int(text_width("✓ Gerealiseerd")) + CELL_PADDING


@pytest.mark.parametrize("naam", AKKOORDEN)
def test_an_agreement_or_annex_shows_its_own_version_everywhere(gebouwd: Path, naam: str) -> None:
    """The version a title page states ('Versie 2.0, 17 december 2020' for a jaarschijf
    signed that day) is the one in the page header of the HTML, Word and PDF, never the
    agreement's own date."""
    pdftotext = needs_tool("pdftotext")
    for path in sorted((gebouwd / naam).glob("*.html")):
        if path.stem.startswith(("voortgang", "persbericht", "uittreksel")):  # not an agreement or annex
            continue
        page = lxml.html.parse(str(path)).getroot()
        band = " ".join(page.xpath("string(//*[@class='paginakop-versie'])").split())
        assert band.startswith("Versie "), path.name
        title_page = " ".join(page.xpath("string(//main)").split())
        assert band in title_page, (path.name, band)
        with zipfile.ZipFile(path.with_suffix(".docx")) as z:
            headers = " ".join("".join(lxml.etree.fromstring(z.read(n)).itertext())
                               for n in z.namelist() if re.fullmatch(r"word/header\d*\.xml", n))
        assert band.lower() in headers, (path.name, headers)
        pdf = subprocess.run([pdftotext, "-f", "2", "-l", "2", str(path.with_suffix(".pdf")), "-"],
                             capture_output=True, text=True, check=True).stdout
        assert band.lower() in " ".join(pdf.split()), path.name


def test_a_standpoint_in_the_press_release_is_labelled_before_its_words(gebouwd: Path) -> None:
    """A position that is no afspraak says so before the parties' own words, as the agreement
    does, not as a lower-case aside after their last full stop."""
    texts = [(p, p.read_text(encoding="utf-8")) for p in sorted(gebouwd.glob("*/persbericht.txt"))]
    labelled = [t for _, t in texts if "(geen afspraak):" in t]
    assert labelled
    for path, text in texts:
        assert not re.search(r"\.\s*\([^)]*geen afspraak\)", text), path


@pytest.mark.parametrize("naam", AKKOORDEN)
def test_a_report_page_never_shows_the_agreements_version_as_its_own(gebouwd: Path, naam: str) -> None:
    """In the HTML header band and footer of a progress report the agreement's version reads
    'Bij de afspraken versie …', as the report's own text says it, never 'Versie …'."""
    versie = " ".join(lxml.html.parse(str(gebouwd / naam / "overeenkomst.html")).getroot()
                      .xpath("string(//*[@class='paginakop-versie'])").split()).removeprefix("Versie ")
    reports = sorted((gebouwd / naam).glob("voortgang-*.html"))
    assert versie and reports
    for path in reports:
        page = lxml.html.parse(str(path)).getroot()
        for where in ("//header", "//footer"):
            text = " ".join(page.xpath(f"string({where})").split())
            assert f"Bij de afspraken versie {versie}" in text, (path.name, where, text)
            assert f"Versie {versie}" not in text, (path.name, where, text)
