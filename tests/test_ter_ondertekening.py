"""A copy for signing ('status: ter_ondertekening'), read back as a director would get it:
no CONCEPT anywhere, the state in the header and the document properties, a box to initial
per signing party on every page, 4 cm of room above every signature line with name,
function, place and date; and `prestatie check` lists what is still missing before signing."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import EXAMPLE, build_at, needs_tool, run, werkmap

MAP = EXAMPLE.name
PARTIJEN = ["Gemeente Beverwijk", "Gemeente Heemskerk", "Woonopmaat", "Pré Wonen",
            "Huurdersplatform WOONopMAAT", "Bewonerskern IJmond"]


def _ter_ondertekening(root: Path, datum: bool = False) -> None:
    path = root / "bron" / MAP / "overeenkomst.yaml"
    text = path.read_text(encoding="utf-8").replace("status: ondertekend", "status: ter_ondertekening", 1)
    if not datum:
        text = re.sub(r"(\nondertekening:\n  plaats: Beverwijk\n)  datum: [0-9-]+\n", r"\1", text, count=1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("teken")
    shutil.copytree(EXAMPLE, root / "bron" / MAP)
    _ter_ondertekening(root)
    return build_at(root / "bron", root / "build", cwd=root) / MAP


def test_word_copy_is_clean_and_initialled_on_every_page(gebouwd: Path) -> None:
    d = docx.Document(str(gebouwd / "overeenkomst.docx"))
    assert d.core_properties.content_status == "Ter ondertekening"
    section = d.sections[-1]
    headers = [section.header, section.first_page_header]
    for h in headers:
        xml = h._element.xml
        assert "CONCEPT" not in xml and "PowerPlusWaterMark" not in xml
    assert "ter ondertekening" in section.header.paragraphs[0].text
    assert "versie 1.0, " in section.header.paragraphs[0].text  # version and date on every page
    for footer in (section.footer, section.first_page_footer):
        [table] = footer._element.findall(qn("w:tbl"))
        cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in table.iter(qn("w:tc"))]
        assert cells[0] == "Paraaf" and [c for c in cells[1:] if c] == PARTIJEN
        boxes = [tc for tc in table.iter(qn("w:tc")) if tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}") is not None]
        assert len(boxes) == len(PARTIJEN)
    body = "\n".join(p.text for p in d.paragraphs)
    assert "CONCEPT" not in body and "w.g." not in body
    lines = [p for p in d.paragraphs if p.style.name == "Tekenregel"]
    assert [p.text for p in lines] == ["S. Ferraro, wethouder Wonen", "K. Rijke, wethouder Wonen",
                                      "S. Hooftman, directeur-bestuurder", "A. Huntjens, directeur-bestuurder",
                                      "J. Schouten, voorzitter", "M. van Dijk, voorzitter"]
    assert lines[0].style.paragraph_format.space_before.cm >= 4.0
    assert body.count("Plaats: Beverwijk") == 6 and body.count("Datum: ……") == 6


def _pdf_pages(pdf: Path) -> list[str]:
    out = subprocess.run([needs_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1]


def test_pdf_copy_is_clean_and_initialled_on_every_page(gebouwd: Path) -> None:
    pages = _pdf_pages(gebouwd / "overeenkomst.pdf")
    assert len(pages) > 10
    for page in pages:
        assert "CONCEPT" not in page
        voet = page.strip().split("\n")[-8:]  # a long name may take two lines above its box
        assert any(line.lstrip().startswith("Paraaf") for line in voet), page
        words = " ".join(voet).split()
        assert all(w in words for n in PARTIJEN for w in n.split()), page
    assert all("ter ondertekening" in p for p in pages[1:])
    signing = [p for p in pages if "namens deze" in p]
    blocks = sum(p.count("namens deze") for p in signing)
    assert blocks == 6 and all(p.count("namens deze") == 3 for p in signing)  # 3 and 3, none alone
    assert "w.g." not in "".join(pages)


def test_pdf_leaves_four_cm_to_sign(gebouwd: Path) -> None:
    """The rule to sign on lies at least 4 cm below the line above it (pdftotext -bbox)."""
    out = subprocess.run([needs_tool("pdftotext"), "-bbox-layout", str(gebouwd / "overeenkomst.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    page = next(p for p in out.split("<page ")[1:] if ">Plaats:<" in p and ">Ferraro,<" in p)
    ys = {}
    for m in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
        text = " ".join(re.findall(r">([^<]+)</word>", m.group(2)))
        ys.setdefault(text, float(m.group(1)))
    namens = next(y for t, y in ys.items() if t.startswith("Gemeente Beverwijk, namens"))
    naam = next(y for t, y in ys.items() if t.startswith("S. Ferraro,"))
    assert (naam - namens) * 2.54 / 72 >= 4.0


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content") or ""
        self.classes += (a.get("class") or "").split()


def test_html_copy_has_no_watermark_and_says_its_state(gebouwd: Path) -> None:
    html = (gebouwd / "overeenkomst.html").read_text(encoding="utf-8")
    p = _Meta()
    p.feed(html)
    assert p.meta["prestatie.status"] == "ter_ondertekening"
    assert "watermerk" not in p.classes and "conceptbalk" not in p.classes
    assert p.classes.count("tekenregel") == 6 and p.classes.count("handtekening") == 6
    assert "Versie 1.0, " in html and "ter ondertekening" in html
    [voet] = re.findall(r"@top-center \{ content: (\"[^\"]*\")", html)  # every printed page
    voet = re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), voet)
    assert voet.startswith('"Paraaf: Gemeente Beverwijk ______') and all(n in voet for n in PARTIJEN)


def test_signed_copy_keeps_wg_and_no_paraaf(tmp_path: Path) -> None:
    root = tmp_path
    shutil.copytree(EXAMPLE, root / "bron" / MAP)
    uit = build_at(root / "bron", root / "build", cwd=root) / MAP
    d = docx.Document(str(uit / "overeenkomst.docx"))
    assert d.sections[-1].footer._element.find(qn("w:tbl")) is None
    assert sum(p.text.startswith("w.g. ") for p in d.paragraphs) == 6
    assert d.core_properties.content_status == "Definitief"


def test_check_lists_what_signing_still_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = werkmap(tmp_path, monkeypatch, EXAMPLE.parent.parent / "bron")
    for other in ("bergen-2024-2027", "heerlen-2020-2024"):
        shutil.rmtree(root / other)
    path = root / MAP / "overeenkomst.yaml"
    text = path.read_text(encoding="utf-8").replace("status: ondertekend", "status: ter_ondertekening", 1)
    text = re.sub(r"(\nondertekening:\n)  plaats: Beverwijk\n  datum: [0-9-]+\n", r"\1  digitaal: false\n", text, count=1)
    text = text.replace("      - naam: K. Rijke\n", "      - naam: N.N.\n", 1)
    path.write_text(text, encoding="utf-8")
    code, out = run("check", "--streng", ".")
    assert code == 1, out
    assert "nog nodig vóór ondertekening van Prestatieafspraken Beverwijk en Heemskerk 2022–2025: de plaats" in out
    assert "nog nodig vóór ondertekening van Prestatieafspraken Beverwijk en Heemskerk 2022–2025: de datum" in out
    assert "'N.N.' lijkt een plaatshouder, geen naam, en komt zo in de overeenkomst en op de tekenpagina" in out
