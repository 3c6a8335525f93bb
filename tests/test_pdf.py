"""The PDF: archival (PDF/A-2a), accessible (tagged, PDF/UA-1), read back by pikepdf and pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from prestatie import pipeline
from prestatie.parse import parse
from prestatie.render.document import Afbeelding, Documentinfo
from prestatie.write.pdf.pdf import PdfWriter

from conftest import EXAMPLE, ROOT, needs_tool

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
HUISSTIJL = (ROOT / "sjablonen" / "huisstijl.typ").read_bytes()


@pytest.fixture(scope="module")
def voorbeeld(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built as PDF (and Markdown, to compare with)."""
    out = tmp_path_factory.mktemp("pdf")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        pipeline.build(EXAMPLE.parent, out, formaten=("md", "pdf"), jobs=1)
    finally:
        mp.undo()
    return out / EXAMPLE.name


@pytest.fixture(scope="module")
def concept(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("concept")
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        pipeline.build(root / "bron", root / "build", formaten=("pdf",), jobs=1)
    finally:
        mp.undo()
    return root / "build" / "klein-2023-2026"


def pages_text(path: Path) -> list[str]:
    pdftotext = needs_tool("pdftotext")
    text = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def structure_types(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Dictionary]]:
    """Every structure element of the tag tree, depth first: (type, element)."""
    found: list[tuple[str, pikepdf.Dictionary]] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append((str(node.S), node))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def test_every_document_has_a_pdf(voorbeeld: Path) -> None:
    names = sorted(p.stem for p in voorbeeld.glob("*.md"))
    assert names and sorted(p.stem for p in voorbeeld.glob("*.pdf")) == names


def test_claims_pdfa_2a_and_pdfua_1_in_xmp(voorbeeld: Path) -> None:
    with pikepdf.open(voorbeeld / "overeenkomst.pdf") as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"
        assert meta["pdfuaid:part"] == "1"
        assert str(pdf.Root.Lang) == "nl-NL"
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert "/OutputIntents" in pdf.Root  # PDF/A needs a colour profile
        assert meta["dc:title"] == "Prestatieafspraken Beverwijk en Heemskerk 2022–2025"
        assert "versie 1.0" in meta["dc:description"]
        assert "versie 1.0" in meta["pdf:Keywords"]
        assert meta["xmp:CreateDate"].startswith("2023-11-14T22:13:20")


def test_every_font_is_embedded(voorbeeld: Path) -> None:
    for path in sorted(voorbeeld.glob("*.pdf")):
        with pikepdf.open(path) as pdf:
            fonts = {}
            for page in pdf.pages:
                for font in (page.Resources.get("/Font") or {}).values():
                    fonts[str(font.BaseFont)] = font
            assert fonts, path.name
            for name, font in fonts.items():
                descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).FontDescriptor
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (path.name, name)


def test_tag_tree_has_headings_tables_lists_and_links(voorbeeld: Path) -> None:
    with pikepdf.open(voorbeeld / "overeenkomst.pdf") as pdf:
        types = [t for t, _ in structure_types(pdf)]
    for tag in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD", "/Link", "/TOC"):
        assert tag in types, tag
    md = (voorbeeld / "overeenkomst.md").read_text(encoding="utf-8")
    # one H3 per commitment heading (### in the Markdown)
    assert types.count("/H3") == len(re.findall(r"^### ", md, re.M))


def test_charts_are_vector_figures_with_alt_text(voorbeeld: Path) -> None:
    md = (voorbeeld / "voortgang-2023.md").read_text(encoding="utf-8")
    alts = re.findall(r"^!\[([^\]]*)\]\(grafiek-", md, re.M)
    assert alts
    with pikepdf.open(voorbeeld / "voortgang-2023.pdf") as pdf:
        figures = [el for t, el in structure_types(pdf) if t == "/Figure"]
        assert len(figures) == len(alts)
        got = [str(f.Alt) for f in figures]
        assert [" ".join(a.replace("\\", "").split()) for a in alts] == got
        for page in pdf.pages:  # no raster images: the charts are drawn as paths and text
            for xobject in (page.Resources.get("/XObject") or {}).values():
                assert xobject.get("/Subtype") != "/Image"


def test_bookmarks_follow_the_headings(voorbeeld: Path) -> None:
    with pikepdf.open(voorbeeld / "overeenkomst.pdf") as pdf:
        with pdf.open_outline() as outline:
            titles = []

            def walk(items) -> None:
                for item in items:
                    titles.append(item.title)
                    walk(item.children)

            walk(outline.root)
    md = (voorbeeld / "overeenkomst.md").read_text(encoding="utf-8")
    for heading in ("De ondergetekenden", "Ondertekening", "A01 · Meer sociale huurwoningen erbij dan eraf"):
        assert heading in md
        assert heading in titles


def test_table_of_contents_gives_the_real_page(voorbeeld: Path) -> None:
    pages = pages_text(voorbeeld / "overeenkomst.pdf")
    assert "Inhoud" in pages[1]
    checked = 0
    for heading in ("De ondergetekenden", "Ondertekening", "Jaarschijven"):
        entries = [(i, m) for i, p in enumerate(pages)
                   for m in re.finditer(re.escape(heading) + r" ?(?:\. ?){3,}\u2060?(\d+)\s*$", p, re.M)]
        assert len(entries) == 1, heading  # one line in the table of contents, with dot leaders
        toc_page, m = entries[0]
        page = int(m.group(1))
        assert page > toc_page + 1
        assert re.search(r"^\s*" + re.escape(heading) + r"\s*$", pages[page - 1], re.M), (heading, page)
        checked += 1
    assert checked == 3


def test_signing_block_stays_on_one_page_with_every_signatory(voorbeeld: Path) -> None:
    pages = pages_text(voorbeeld / "overeenkomst.pdf")
    page = next(p for p in pages if re.search(r"^\s*Ondertekening\s*$", p, re.M))
    for signatory in ("S. Ferraro", "K. Rijke", "S. Hooftman", "A. Huntjens", "J. Schouten", "M. van Dijk"):
        assert signatory in page
    assert "Aldus overeengekomen en ondertekend te Beverwijk op 15 februari 2022." in page


def test_signed_agreement_has_no_concept_marking(voorbeeld: Path) -> None:
    assert not any("CONCEPT" in p for p in pages_text(voorbeeld / "overeenkomst.pdf"))


def test_concept_is_marked_on_every_page(concept: Path) -> None:
    for path in sorted(concept.glob("*.pdf")):
        pages = pages_text(path)
        assert pages
        for i, page in enumerate(pages, 1):
            assert "CONCEPT" in page, (path.name, i)
            assert f"pagina {i} van {len(pages)}" in page
        with pikepdf.open(path) as pdf:
            assert "CONCEPT" in pdf.open_metadata()["dc:description"]


def test_same_input_same_bytes(voorbeeld: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pipeline.build(EXAMPLE.parent, tmp_path, formaten=("md", "pdf"), jobs=1)
    for path in sorted(voorbeeld.glob("*.pdf")):
        assert (tmp_path / EXAMPLE.name / path.name).read_bytes() == path.read_bytes(), path.name


def _write(markdown: str, **info) -> bytes:
    return PdfWriter(HUISSTIJL).write(parse(markdown), Documentinfo(titel="Proef", **info))


def test_text_is_shown_verbatim_never_as_typst(tmp_path: Path) -> None:
    hostile = r'Een #import "x.typ" en #let a = 1, $x^2$, `#panic()`, \" [b] <c> @d *e* _f_ // g /* h'
    root = parse("# Kop\n\nplaceholder\n")
    root[1].text = hostile
    data = PdfWriter(HUISSTIJL).write(root, Documentinfo(titel="Proef"))
    path = tmp_path / "p.pdf"
    path.write_bytes(data)
    text = " ".join(" ".join(pages_text(path)).split())
    assert hostile in text


def test_links_inside_the_document_and_to_siblings(tmp_path: Path) -> None:
    md = "## Een {#a01}\n\nZie [hieronder](#a02), [de overeenkomst](overeenkomst.html#a01) en [een site](https://example.org/).\n\n## Twee {#a02}\n\nEinde en [weg](#bestaat-niet).\n"
    with pikepdf.open(__import__("io").BytesIO(_write(md))) as pdf:
        uris = [str(a.A.URI) for p in pdf.pages for a in p.get("/Annots", []) if "/A" in a and "/URI" in a.A]
        internal = [a for p in pdf.pages for a in p.get("/Annots", []) if "/Dest" in a or ("/A" in a and a.A.S == "/GoTo")]
    assert uris == ["overeenkomst.pdf#a01", "https://example.org/"]
    assert len(internal) == 1  # the broken link stayed text


def test_image_without_alt_text_is_decoration_outside_the_tag_tree() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50"/></svg>'
    data = _write("# Kop\n\n![](vlak)\n", afbeeldingen={"vlak": Afbeelding(png=b"", svg=svg)})
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"], meta["pdfuaid:part"]) == ("2", "A", "1")
        assert [t for t, _ in structure_types(pdf) if t == "/Figure"] == []


def test_png_image_without_svg_is_embedded_with_alt_text() -> None:
    png = (ROOT / "tests" / "fixtures").glob("**/*.png")
    data = next(png, None)
    if data is None:  # make a 1×1 PNG
        import struct
        import zlib

        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

        raw = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) \
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
    else:
        raw = data.read_bytes()
    pdf_bytes = _write("![Een punt](punt)\n", afbeeldingen={"punt": Afbeelding(png=raw, breedte_cm=2)})
    with pikepdf.open(__import__("io").BytesIO(pdf_bytes)) as pdf:
        figures = [el for t, el in structure_types(pdf) if t == "/Figure"]
        assert [str(f.Alt) for f in figures] == ["Een punt"]


def test_pages_render_to_png(voorbeeld: Path, tmp_path: Path) -> None:
    pdftoppm = needs_tool("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-r", "30", "-f", "1", "-l", "2", str(voorbeeld / "overeenkomst.pdf"),
                    str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 2 and all(p.stat().st_size > 1000 for p in pngs)


def test_title_page_has_no_running_header_but_keeps_concept(concept: Path, voorbeeld: Path) -> None:
    first = pages_text(voorbeeld / "overeenkomst.pdf")[0]
    assert first.startswith("Prestatieafspraken Beverwijk en")  # the title, no running header above it
    assert "2022–2025 · versie" not in " ".join(first.split())
    second = pages_text(voorbeeld / "overeenkomst.pdf")[1]
    assert "Prestatieafspraken Beverwijk en Heemskerk 2022–2025 · versie 1.0" in " ".join(second.split())
    for path in concept.glob("overeenkomst.pdf"):
        assert "CONCEPT" in pages_text(path)[0]


def test_very_long_names_are_cut_in_the_properties_only() -> None:
    """PDF/A allows no string over 32,767 bytes: four parties with names of 10,000 characters
    (the largest field) once stopped the whole build. The properties take each name and the
    title cut at a word to 255 characters with '…', as Word's do; the pages show them whole."""
    lang = "Woonstichting " * 700 + "[" * 200
    data = PdfWriter(HUISSTIJL).write(parse("# Kop\n\nTekst.\n"), Documentinfo(
        titel=lang, onderwerp=lang, auteurs=(lang, lang + "b", lang + "c", lang + "d")))
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        title = str(pdf.docinfo["/Title"])
        assert title.endswith("…") and len(title) <= 255 and lang.startswith(title[:-1])
        assert len(str(pdf.docinfo["/Subject"])) <= 255
        assert 4 * 200 < len(str(pdf.docinfo["/Author"])) <= 4 * 257


def _full_width_rules(pdf: Path, page: int) -> int:
    """Horizontal lines across at least half the page width, as pdftoppm draws the page."""
    pdftoppm = needs_tool("pdftoppm")
    pgm = subprocess.run([pdftoppm, "-gray", "-r", "100", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", pgm)
    assert header
    width, height = int(header.group(1)), int(header.group(2))
    pixels = pgm[header.end():]
    rules, previous = 0, False
    for y in range(height):
        row = pixels[y * width:(y + 1) * width]
        longest = max((len(run) for run in re.split(rb"[\xf0-\xff]+", row)), default=0)
        found = longest >= width // 2
        rules += found and not previous
        previous = found
    return rules


def test_each_party_signs_in_a_block_of_its_own_set_apart_by_a_rule(voorbeeld: Path) -> None:
    path = voorbeeld / "overeenkomst.pdf"
    pages = pages_text(path)
    number = next(i for i, p in enumerate(pages, 1) if re.search(r"^\s*Ondertekening\s*$", p, re.M))
    parties = len(re.findall(r"namens deze:", pages[number - 1]))
    assert parties == 6
    # the running header's rule, and one above each party's block
    assert _full_width_rules(path, number) == 1 + parties


def test_a_party_block_is_never_split_over_two_pages(tmp_path: Path) -> None:
    blocks = "".join(
        f"::: {{.handtekening}}\n**Partij {n}**, namens deze:\n\n::: {{.tekenregel}}\nA. Naam {n}, voorzitter\n:::\n\n"
        f"Plaats: Heerlen {n}\n\nDatum: dag {n}\n:::\n\n" for n in range(1, 15))
    path = tmp_path / "tekenen.pdf"
    path.write_bytes(_write(f"## Ondertekening\n\nAldus overeengekomen.\n\n{blocks}"))
    pages = [" ".join(p.split()) for p in pages_text(path)]
    assert len(pages) >= 2
    for n in range(1, 15):
        page = next(p for p in pages if f"Partij {n}," in p)
        for line in (f"A. Naam {n}, voorzitter", f"Plaats: Heerlen {n}", f"Datum: dag {n}"):
            assert line in page, (n, line)
