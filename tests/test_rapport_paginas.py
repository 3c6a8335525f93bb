"""Every progress report of every agreement in bron/, page by page as a raadslid reads it on
paper: the PDF (Typst) and the Word file as LibreOffice lays it out. An explanation box is on
one page with the afspraak it explains; the last page is not a heading and a sentence alone."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT, build_copy, needs_tool

AKKOORDEN = sorted(p.name for p in (ROOT / "bron").iterdir() if (p / "overeenkomst.yaml").exists())
MIN_LINES_LAST_PAGE = 8  # more than a heading with a sentence or two: a sixth of a page
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>')


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """Per progress report its HTML and its two PDFs: Typst's, and LibreOffice's of the
    Word file."""
    root = tmp_path_factory.mktemp("rapportpaginas")
    gebouwd = build_copy(root)
    soffice = needs_tool("soffice")
    docs = sorted(gebouwd.glob("*/voortgang-*.docx"))
    assert len(docs) >= len(AKKOORDEN)
    for naam in AKKOORDEN:
        subprocess.run([soffice, f"-env:UserInstallation=file://{root}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", str(root / "lo" / naam), *map(str, (d for d in docs if d.parent.name == naam))],
                       check=True, capture_output=True, timeout=600)
    result = []
    for doc in docs:
        result.append((doc.with_suffix(".html"), doc.with_suffix(".pdf")))
        result.append((doc.with_suffix(".html"), root / "lo" / doc.parent.name / f"{doc.stem}.pdf"))
    return result


def _pages(pdf: Path) -> list[list[str]]:
    """Per page the lines of its body: without the running head (the line at the top naming
    the report), the page number and the colophon."""
    out = subprocess.run([needs_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        lines: dict[int, list[str]] = {}
        for y, word in _WORD.findall(page):
            lines.setdefault(round(float(y)), []).append(word)
        pages.append([" ".join(ws) for y, ws in sorted(lines.items())
                      if not (y < 0.12 * height and ws[0] == "Voortgangsrapportage")
                      and not (y > 0.85 * height and ws[0] == "pagina") and " ".join(ws[:2]) != "Opgemaakt op"])
    return pages


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("&amp;", "&"))  # words may split at a change of font


def _kaders(html: Path) -> list[tuple[str, str]]:
    """Per explanation box of the report (read from its HTML) its first line (the afspraak and
    its status) and the last words of its last paragraph."""
    found = []
    for box in lxml.html.parse(str(html)).getroot().find_class("kader"):
        first = box.find(".//p")
        words = box.text_content().split()
        found.append((_flat(first.text_content()), _flat(" ".join(words[-3:]))))
    return found


@pytest.mark.parametrize("medium", ["pdf", "word"])
def test_an_explanation_box_is_on_one_page_with_its_afspraak(pdfs: list[tuple[Path, Path]], medium: str) -> None:
    """The box under a theme's table (its afspraak, cause, consequence and correction) is not
    split over two pages, nor separated from the afspraak that heads it."""
    checked = 0
    for html, pdf in pdfs[(0 if medium == "pdf" else 1)::2]:
        texts = [_flat(" ".join(page)) for page in _pages(pdf)]
        for begin, end in _kaders(html):
            at_begin = [n for n, t in enumerate(texts) if begin in t]
            assert at_begin, (pdf, begin)
            # The box's end is on the page where it begins (the first such page after it).
            assert any(end in texts[n] for n in at_begin), (pdf, begin, end, at_begin)
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize("medium", ["pdf", "word"])
def test_the_last_page_begins_a_section_or_is_well_filled(pdfs: list[tuple[Path, Path]], medium: str) -> None:
    """The report's closing part is not split: its last page begins with a heading (a whole
    last section), or holds more than the closing part of half a page (CLOSING_LINES) does."""
    from prestatie.write.gedeeld import CLOSING_LINES

    for html, pdf in pdfs[(0 if medium == "pdf" else 1)::2]:
        headings = {_flat(h.text_content()) for h in lxml.html.parse(str(html)).getroot().xpath("//h1|//h2|//h3|//h4")}
        last = _pages(pdf)[-1]
        first = _flat(last[0])
        assert len(last) >= CLOSING_LINES or any(h.startswith(first) for h in headings), (pdf.parent.name, pdf.name, last)


@pytest.mark.parametrize("medium", ["pdf", "word"])
def test_no_report_ends_on_a_nearly_empty_page(pdfs: list[tuple[Path, Path]], medium: str) -> None:
    """The last page holds more than a heading and a sentence (the colophon line aside)."""
    for _, pdf in pdfs[(0 if medium == "pdf" else 1)::2]:
        pages = _pages(pdf)
        assert len(pages) >= 2, pdf
        assert len(pages[-1]) >= MIN_LINES_LAST_PAGE, (pdf.parent.name, pdf.name, pages[-1])


def test_the_zero_line_of_a_chart_stands_only_beside_its_bars(pdfs: list[tuple[Path, Path]]) -> None:
    """A chart with a negative figure (Beverwijk's net addition from a base of −12) draws its
    zero line per bar, never through the legend and the years above."""
    spans = []
    for html, _ in pdfs[::2]:
        for line in lxml.html.parse(str(html)).getroot().xpath("//*[local-name()='line'][@class='nul']"):
            y1, y2 = (float(line.get(k).removesuffix("em")) for k in ("y1", "y2"))
            spans.append(y2 - y1)
    assert spans
    assert max(spans) <= 1.5, max(spans)


def _words(pdf: Path) -> list[tuple[float, list[tuple[float, float, float, float, str]]]]:
    """Per page its height and its words with their boxes (x0, y0, x1, y1, text)."""
    out = subprocess.run([needs_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    box = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [(float(re.search(r'height="([\d.]+)"', page).group(1)),
             [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in box.findall(page)])
            for page in out.split("<page ")[1:]]


def _indicator_pages(pdf: Path) -> list[tuple[int, float, list]]:
    """The pages with an indicator (its line 'Eenheid: …' begins a line): number, height, words."""
    found = []
    for n, (height, words) in enumerate(_words(pdf)):
        starts = {}
        for w in words:
            starts.setdefault(round(w[1]), min(starts.get(round(w[1]), w), w))
        if any(w[4] == "Eenheid:" for w in starts.values()):
            found.append((n, height, words))
    return found


def test_word_indicators_take_no_more_pages_than_in_the_pdf(pdfs: list[tuple[Path, Path]]) -> None:
    """An indicator with its table and chart takes about as much of a page in Word as in the
    PDF (two or more to a page), not half a page of its own: LibreOffice's pages of the Word
    file that hold indicators are at most one more than the PDF's."""
    checked = 0
    for (_, typst), (_, word) in zip(pdfs[::2], pdfs[1::2]):
        in_pdf, in_word = _indicator_pages(typst), _indicator_pages(word)
        if len(in_pdf) >= 2:
            assert len(in_word) <= len(in_pdf) + 1, (word.parent.name, word.name, len(in_word), len(in_pdf))
            checked += 1
    assert checked >= 3


def test_word_chart_text_is_not_squashed(pdfs: list[tuple[Path, Path]]) -> None:
    """LibreOffice scales a Word chart into its frame: its years have the shape (width to
    height) of the years in the table above it, not flattened."""
    checked = 0
    for _, word in pdfs[1::2]:
        for _, height, words in _indicator_pages(word):
            shapes = [(x1 - x0) / (y1 - y0) for x0, y0, x1, y1, t in words
                      if re.fullmatch(r"20\d\d", t) and 0.12 * height < y0 < 0.9 * height]
            assert max(shapes) <= 1.15 * min(shapes), (word.name, sorted(shapes))
            checked += 1
    assert checked >= 10
