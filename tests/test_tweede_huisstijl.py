"""A second house style: a gemeente changes its status colours in one file (kleuren.yaml) and
Word, PDF and HTML all follow; what a reader sees is read back from each format."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from conftest import ROOT, build_at
from prestatie.core.errors import HuisstijlFout
from prestatie.load.sjablonen import Sjablonen
from prestatie.write.gedeeld import Kleuren

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "voortgang" / "bron"
EIGEN = {
    "gerealiseerd": "0A5F1E", "op schema": "1F3A93", "doorlopend": "2B4B5C", "niet gestart": "4A4A4A",
    "aandacht": "7A3E00", "vertraagd": "8B1A5A", "niet gerealiseerd": "9C0F0F", "vervallen": "3D3D3D",
    "zonder status": "474747", "geen voortgang gemeld": "505050", "over de termijn": "6B2D00",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tweede")
    import shutil

    shutil.copytree(FIXTURE, root / "bron")
    (root / "sjablonen").mkdir()
    (root / "sjablonen" / "kleuren.yaml").write_text(
        "status:\n" + "".join(f'  {n}: "{k}"\n' for n, k in EIGEN.items()), encoding="utf-8")
    return build_at(root / "bron", root / "build", cwd=root) / "dorp-2023-2026"


def _word_colours(path: Path) -> dict[str, set[str]]:
    """Per status word in the document, the colours of its runs."""
    xml = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    found: dict[str, set[str]] = {}
    for run in xml.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t")).strip()
        color = run.find(f"{W}rPr/{W}color")
        if text and color is not None:
            found.setdefault(text, set()).add(color.get(f"{W}val"))
    return found


def _pdf_colours(path: Path) -> set[str]:
    """Every fill colour the PDF's pages paint text in, as RRGGBB."""
    found = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) in ("rg", "sc", "scn") and len(operands) == 3:
                    found.add("".join(f"{round(float(v) * 255):02X}" for v in operands))
    return found


def test_the_status_colours_of_a_second_house_style_reach_word_pdf_and_html(build: Path) -> None:
    shown = {"gerealiseerd": "Gerealiseerd", "op schema": "Op schema", "vertraagd": "Vertraagd",
             "aandacht": "Vraagt aandacht", "vervallen": "Vervallen"}
    word = _word_colours(build / "voortgang-2024.docx")
    html = (build / "voortgang-2024.html").read_text(encoding="utf-8")
    pdf = _pdf_colours(build / "voortgang-2024.pdf")
    for naam, label in shown.items():
        kleur = EIGEN[naam]
        runs = {k for text, kleuren in word.items() if text.endswith(label) for k in kleuren}
        assert runs == {kleur}, (naam, runs)
        slug = naam.replace(" ", "-")
        assert f".status-{slug} {{ color: #{kleur}; }}" in html
        assert re.search(rf'<span class="status status-{slug}">(<span class="symbool">.</span>|\S) {label}</span>', html), naam
        assert kleur in pdf, (naam, sorted(pdf))


def test_a_colour_missing_from_the_house_style_is_named_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "kleuren.yaml").write_text('status:\n  gerealiseerd: "groen"\n', encoding="utf-8")
    with pytest.raises(HuisstijlFout) as e:
        Kleuren.uit_sjablonen(Sjablonen(tmp_path))
    assert "'gerealiseerd': 'groen' is geen kleur RRGGBB" in str(e.value)
    assert "'op schema' ontbreekt" in str(e.value)


def test_the_colophon_and_the_concept_watermark_are_the_same_in_every_format(build: Path) -> None:
    """The last line says when and with what the document was made, in Word, PDF and HTML; a
    concept shows the same light grey CONCEPT watermark in Word and the PDF (and says CONCEPT
    in the page header of both, and in the HTML page's concept band)."""
    import subprocess

    from conftest import needs_tool

    needs_tool("pdftotext")
    regel = "Opgemaakt op 14 november 2023 met prestatie"
    word = zipfile.ZipFile(build / "overeenkomst.docx")
    body = word.read("word/document.xml").decode("utf-8")
    assert regel in re.sub(r"<[^>]+>", "", body)
    pdf_text = subprocess.run(["pdftotext", str(build / "overeenkomst.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
    assert regel in " ".join(pdf_text.split())
    assert regel in re.sub(r"<[^>]+>", "", (build / "overeenkomst.html").read_text(encoding="utf-8"))
    headers = "".join(word.read(n).decode("utf-8") for n in word.namelist() if n.startswith("word/header"))
    assert 'string="CONCEPT"' in headers and 'fillcolor="#bfbfbf"' in headers
    assert "BFBFBF" in _pdf_colours(build / "overeenkomst.pdf")


def test_the_pdf_title_is_heading_1_and_the_first_bookmark(build: Path) -> None:
    with pikepdf.open(build / "overeenkomst.pdf") as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    html = (build / "overeenkomst.html").read_text(encoding="utf-8")
    h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()
    assert titles[0] == h1 and len(titles) > 1


def test_the_word_title_is_heading_1_as_the_pdf_first_bookmark(build: Path) -> None:
    """Word's navigation pane opens with the title, as the PDF's bookmarks and the HTML's h1."""
    import docx

    with pikepdf.open(build / "overeenkomst.pdf") as pdf, pdf.open_outline() as outline:
        first = next(iter(outline.root)).title
    document = docx.Document(str(build / "overeenkomst.docx"))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    shown = headings[0].text.replace("\u2060", "")  # the range keeps its dash by a word joiner
    assert headings[0].style.name == "Heading 1" and shown == first
    assert headings[0] is document.paragraphs[0] or headings[0]._p is document.paragraphs[0]._p
    assert headings[0]._p.find(f"{W}bookmarkStart") is not None


def test_a_computed_status_without_a_colour_of_its_own_takes_that_of_its_key(tmp_path: Path) -> None:
    """A house style names only the statuses a progress file may carry; 'over de termijn'
    then has the colour of 'vertraagd', 'zonder status' and 'geen voortgang gemeld' that of
    'niet gestart' (their Status.kleur)."""
    eigen = {n: k for n, k in EIGEN.items() if n not in ("over de termijn", "zonder status", "geen voortgang gemeld")}
    (tmp_path / "kleuren.yaml").write_text(
        "status:\n" + "".join(f'  {n}: "{k}"\n' for n, k in eigen.items()), encoding="utf-8")
    kleuren = Kleuren.uit_sjablonen(Sjablonen(tmp_path))
    assert kleuren.status("over de termijn") == EIGEN["vertraagd"]
    assert kleuren.status("zonder status") == kleuren.status("geen voortgang gemeld") == EIGEN["niet gestart"]
    assert ".status-over-de-termijn { color: #8B1A5A; }" in kleuren.css()
