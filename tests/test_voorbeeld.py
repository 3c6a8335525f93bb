"""The example built as a reader gets it: every format read back, checked against the YAML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from conftest import EXAMPLE, build_copy, needs_tool
from prestatie import parse as markup, pipeline
from prestatie.core.errors import Rapport
from prestatie.core.opmaak import WOORDVERBINDER
from prestatie.load import load_folder
from prestatie.model.verwijzingen import naam_van
from prestatie.core.markdown import markdown_block
from a11y.checks import check_axe, check_nu

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAAM = EXAMPLE.name


@pytest.fixture(scope="module")
def bron():
    rapport = Rapport()
    b = load_folder(EXAMPLE, rapport)
    assert b is not None and not rapport.fouten
    return b


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples built in the formats this module reads (the others give the same bytes)."""
    return build_copy(tmp_path_factory.mktemp("voorbeeld"), formaten=("md", "html", "docx")) / NAAM


def _plain(bron, text: str) -> str:
    """What a reader sees of a Markdown text field."""
    tree = markup.parse(markdown_block(text, naam_van(bron.overeenkomst)))
    return " ".join(markup.plain_text(tree).split())


_INLINE = {"a", "span", "em", "strong", "code", "time", "abbr", "b", "i", "small", "sub", "sup"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.th_scopes: list[str | None] = []
        self.lang: str | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in _INLINE:  # a block ends a word; an inline element (a marked date) does not
            self.parts.append(" ")
        if tag in ("style", "script"):
            self._skip += 1
        if "id" in a:
            self.ids.add(a["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th":
            self.th_scopes.append(a.get("scope"))
        if tag == "html":
            self.lang = a.get("lang")

    def handle_endtag(self, tag):
        if tag not in _INLINE:
            self.parts.append(" ")
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def _html(path: Path) -> _Text:
    p = _Text()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return " ".join(" ".join(parts).replace(WOORDVERBINDER, "").split())  # not shown


def test_every_afspraak_in_every_format(bron, gebouwd: Path) -> None:
    md = " ".join((gebouwd / "overeenkomst.md").read_text(encoding="utf-8").split())
    html = _html(gebouwd / "overeenkomst.html")
    word = _docx_text(gebouwd / "overeenkomst.docx")
    plain_md = markup.plain_text(markup.parse(md))
    assert len(bron.overeenkomst.afspraken) >= 30
    for a in bron.overeenkomst.afspraken:
        tekst = _plain(bron, a.tekst)
        assert a.id in html.ids
        assert tekst in html.text, a.id
        assert tekst in word, a.id
        assert a.id.upper() in md and a.id.upper() in word
        assert plain_md.count(tekst[:60]) or tekst[:60] in md


def test_html_is_a_complete_accessible_page(gebouwd: Path) -> None:
    html = _html(gebouwd / "overeenkomst.html")
    assert html.lang == "nl"
    assert html.headings[0] == 1 and html.headings.count(1) == 1
    for before, after in zip(html.headings, html.headings[1:]):
        assert after <= before + 1, "heading level skipped"
    assert html.th_scopes and all(s in ("col", "row") for s in html.th_scopes)
    page = (gebouwd / "overeenkomst.html").read_text(encoding="utf-8")
    assert "<title>Prestatieafspraken Beverwijk en Heemskerk 2022–2025" in page
    assert 'name="generator" content="prestatie' in page


def test_word_has_real_structure(bron, gebouwd: Path) -> None:
    d = docx.Document(str(gebouwd / "overeenkomst.docx"))
    styles = {p.style.name for p in d.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= styles or {"Title", "Heading 2", "Heading 3"} <= styles
    body = d.element.body
    assert body.findall(f".//{W}numPr"), "no Word numbering"
    assert body.findall(f".//{W}tblHeader"), "no repeating table header"
    cp = d.core_properties
    assert cp.title == bron.overeenkomst.titel
    assert cp.language in ("nl-NL", "nl")
    for p in bron.overeenkomst.partijen:
        assert p.naam in cp.author
    assert cp.version.startswith(bron.overeenkomst.versie)
    footer = "".join(
        ET.tostring(s.footer._element, encoding="unicode") for s in d.sections  # type: ignore[attr-defined]
    )
    assert "PAGE" in footer and "NUMPAGES" in footer
    with zipfile.ZipFile(gebouwd / "overeenkomst.docx") as z:
        document = z.read("word/document.xml").decode()
        headers = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
    assert '<w:docPartGallery w:val="Table of Contents"/>' in document and "PAGEREF a01 \\h" in document
    assert "CONCEPT" not in headers + document  # the example is signed


def test_signed_agreement_ends_with_the_signature_block(bron, gebouwd: Path) -> None:
    md = (gebouwd / "overeenkomst.md").read_text(encoding="utf-8")
    o = bron.overeenkomst
    assert "Aldus overeengekomen en ondertekend te Beverwijk op 15 februari 2022." in md
    block = md[md.index("## Ondertekening") :]
    block = block[: block.index("\n## ")]
    for p in o.partijen:
        assert p.naam in block
        for v in p.ondertekenaars:
            assert f"{v.naam}, {v.functie}" in block


def test_pandoc_reads_the_word_file_back(gebouwd: Path) -> None:
    pandoc = needs_tool("pandoc")
    out = subprocess.run([pandoc, "-f", "docx", "-t", "json", str(gebouwd / "overeenkomst.docx")],
                         capture_output=True, text=True, check=True)
    blocks = json.loads(out.stdout)["blocks"]
    kinds = set()

    def walk(node):
        if isinstance(node, dict):
            if "t" in node:
                kinds.add(node["t"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(blocks)
    assert {"Header", "BulletList", "OrderedList", "Table"} <= kinds


def _pdf(docx_path: Path, tmp: Path) -> Path:
    soffice = needs_tool("soffice")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp), str(docx_path)],
        check=True, capture_output=True, timeout=240,
    )
    pdf = tmp / (docx_path.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 1000
    return pdf


def test_libreoffice_opens_it_with_toc_page_numbers_and_signatures_on_one_page(bron, gebouwd: Path, tmp_path: Path) -> None:
    pdf = _pdf(gebouwd / "overeenkomst.docx", tmp_path)
    pdftotext = needs_tool("pdftotext")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert "pagina" not in pages[0] and re.search(r"pagina 2 van \d+", pages[1])  # no header on the title page
    start = next(i for i, p in enumerate(pages) if re.search(r"^\s*Inhoud\s*$", p, re.M))
    # Each entry of the contents ends in the page number on which the heading itself stands:
    # LibreOffice fills them in as it lays the document out, without being asked.
    entries = [(m[1], int(m[2])) for p in pages[start : start + 3]
               for m in re.finditer(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", p, re.M)]
    names = [e[0] for e in entries]
    for heading in ("De ondergetekenden", "Jaarschijven", "Ondertekening"):
        assert heading in names
    body = [{" ".join(line.split()) for line in p.splitlines()} for p in pages]
    for text, number in entries:
        where = [n for n in range(start, len(pages)) if text in body[n]]
        assert where and where[0] + 1 == number, (text, number, where)
    signing = [p for p in pages if "Aldus overeengekomen" in p]
    assert len(signing) == 1
    for p in bron.overeenkomst.partijen:
        for v in p.ondertekenaars:
            assert v.naam in signing[0]


PAGINAS = ["overeenkomst.html", "persbericht.html", "voortgang-2024.html"]


@pytest.fixture(scope="module")
def html_problemen(gebouwd: Path) -> dict[str, list[str]]:
    """What the Nu Html Checker and axe-core (each started once for all pages) find, per page;
    a problem that names none of the pages counts for each."""
    paths = [gebouwd / name for name in PAGINAS]
    found = check_nu(*paths) + check_axe(*paths)
    mine = {name: [p for p in found if f"/{name}:" in p] for name in PAGINAS}
    other = [p for p in found if not any(p in problems for problems in mine.values())]
    return {name: mine[name] + other for name in PAGINAS}


@pytest.mark.parametrize("name", PAGINAS)
def test_built_html_is_valid_and_accessible(html_problemen: dict[str, list[str]], name: str) -> None:
    assert html_problemen[name] == []


def test_concept_marking_follows_the_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture = Path(__file__).parent / "fixtures" / "klein"
    shutil.copytree(fixture, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.build(formaten=("docx", "html"), jobs=1)
    out = tmp_path / "p" / "build" / "klein-2023-2026"

    def marked() -> tuple[bool, bool]:
        with zipfile.ZipFile(out / "overeenkomst.docx") as z:
            headers = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
        html = _html(out / "overeenkomst.html").text
        return "CONCEPT" in headers, "CONCEPT" in html

    assert marked() == (True, True)
    src = tmp_path / "p" / "bron" / "klein-2023-2026" / "overeenkomst.yaml"
    text = src.read_text(encoding="utf-8").replace("status: concept", "status: ondertekend")
    src.write_text(text.replace("  plaats: Dorp", "  plaats: Dorp\n  datum: 2023-01-15"), encoding="utf-8")
    pipeline.build(formaten=("docx", "html"), jobs=1)
    assert marked() == (False, False)
