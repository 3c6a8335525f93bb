"""A range of years or numbers (2024–2027) is read as one word: no line breaks at its dash, in
Word (as LibreOffice lays it out), in the PDF and in HTML; the Markdown and text stay as typed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import lxml.html
import pytest

from prestatie import pipeline
from prestatie.core.opmaak import WOORDVERBINDER
from prestatie.load.sjablonen import Sjablonen
from prestatie.parse import parse
from prestatie.render.document import Documentinfo
from prestatie.write.word.docx import DocxWriter
from prestatie.write.web.html import HtmlWriter
from prestatie.write.pdf.pdf import PdfWriter

from conftest import EXAMPLE, ROOT, needs_tool

TITEL = "Prestatieafspraken Bergen 2024–2027"
RANGES = [f"{2000 + i}–{2003 + i}" for i in range(90)]
# Words of every length before each range, so that many ranges meet the end of a line.
TEXT = " ".join(f"{'woningbouwprogramma'[:1 + i % 11]} {r}" for i, r in enumerate(RANGES))
MARKDOWN = f"::: {{.titelpagina}}\n# {TITEL}\n:::\n\n{TEXT}\n"


def _lines(pdftotext: str, pdf: Path) -> list[str]:
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines()]


def _assert_whole(lines: list[str]) -> None:
    """The title and every range whole on one line, never '2024–' at a line's end."""
    assert any(line.endswith("2024–2027") for line in lines), lines[:3]
    assert [line for line in lines if re.search(r"\d–$|^–?\d{4}\b(?!–)", line) and "pagina" not in line] == []
    shown = " ".join(lines)
    assert [r for r in RANGES if r not in shown] == []


def test_the_pdf_never_breaks_a_range_at_its_dash(tmp_path: Path) -> None:
    pdf = tmp_path / "bereik.pdf"
    pdf.write_bytes(PdfWriter((ROOT / "sjablonen" / "huisstijl.typ").read_bytes())
                    .write(parse(MARKDOWN), Documentinfo(titel=TITEL)))
    _assert_whole(_lines(needs_tool("pdftotext"), pdf))


def test_word_as_libreoffice_lays_it_out_never_breaks_a_range_at_its_dash(tmp_path: Path) -> None:
    soffice, pdftotext = needs_tool("soffice"), needs_tool("pdftotext")
    path = tmp_path / "bereik.docx"
    path.write_bytes(DocxWriter((ROOT / "sjablonen" / "huisstijl.docx").read_bytes())
                     .write(parse(MARKDOWN), Documentinfo(titel=TITEL)))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    lines = _lines(pdftotext, tmp_path / "bereik.pdf")
    assert not any(WOORDVERBINDER in line for line in lines)  # nothing invisible in the text read back
    _assert_whole(lines)


def test_html_keeps_a_range_on_one_line_and_its_text_as_typed() -> None:
    page = lxml.html.document_fromstring(HtmlWriter(Sjablonen()).write(parse(MARKDOWN), Documentinfo(titel=TITEL)))
    spans = page.xpath("//main//span[@class='bereik']")
    assert [s.text for s in spans] == ["2024–2027", *RANGES]
    assert TEXT in " ".join(page.xpath("string(//main)").split())
    css = " ".join(page.xpath("//style/text()"))
    assert re.search(r"\.bereik\s*\{\s*white-space:\s*nowrap", css)


@pytest.mark.parametrize("formaat", ["md", "txt"])
def test_markdown_and_text_carry_no_invisible_mark(tmp_path: Path, formaat: str) -> None:
    pipeline.build(EXAMPLE.parent, tmp_path, formaten=(formaat,), jobs=1)
    outputs = sorted((tmp_path / EXAMPLE.name).glob(f"*.{formaat}"))
    assert outputs
    text = " ".join(p.read_text(encoding="utf-8") for p in outputs)
    assert "2022–2025" in text
    assert WOORDVERBINDER not in text
