"""The Word writer: Markdown snippets → .docx, read back with python-docx, pandoc, LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from conftest import ROOT, needs_tool
from prestatie.core.errors import HuisstijlFout, SjabloonFout
from prestatie.parse import parse
from prestatie.render.document import Afbeelding, Documentinfo
from prestatie.write.word.docx import DocxWriter, class_style
from prestatie.write.word.docxinhoud import ZONDER_NUMMERS
from prestatie.write.word.docxtekst import link_target
from prestatie.write.word.ooxml import bookmark_name

HUISSTIJL = ROOT / "sjablonen" / "huisstijl.docx"
DATUM = dt.datetime(2022, 12, 15, 9, 30, tzinfo=dt.timezone.utc)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

def tiny_png(width: int = 4, height: int = 2) -> bytes:
    """A valid grey PNG, enough for python-docx to read its size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG = tiny_png()


@pytest.fixture(scope="module")
def writer() -> DocxWriter:
    return DocxWriter(HUISSTIJL.read_bytes())


def info(**changes) -> Documentinfo:
    base = dict(
        titel="Prestatieafspraken Beverwijk en Heemskerk 2022–2025",
        onderwerp="Prestatieafspraken",
        auteurs=("Gemeente Beverwijk", "Woonopmaat"),
        trefwoorden=("wonen", "prestatieafspraken"),
        versie="1.0 (a1b2c3d)",
        datum=DATUM,
        soort="overeenkomst",
        afbeeldingen={"grafiek": Afbeelding(PNG, breedte_cm=12)},
    )
    base.update(changes)
    return Documentinfo(**base)


def render(writer: DocxWriter, markdown: str, **changes) -> bytes:
    return writer.write(parse(markdown), info(**changes))


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def body_paragraphs(data: bytes) -> list:
    return open_docx(data).paragraphs


def without_styles(names: set[str]) -> bytes:
    """The house style with the named styles removed."""
    with zipfile.ZipFile(HUISSTIJL) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    styles = etree.fromstring(parts["word/styles.xml"])
    for style in styles.findall(f"{W}style"):
        if style.find(f"{W}name").get(f"{W}val") in names:
            styles.remove(style)
    parts["word/styles.xml"] = etree.tostring(styles)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    return out.getvalue()


# -- structure -------------------------------------------------------------------------


def test_headings_use_the_builtin_heading_styles(writer):
    data = render(writer, "# Een\n\n## Twee\n\n### Drie\n\n#### Vier\n\nTekst")
    styles = [(p.style.name, p.text) for p in body_paragraphs(data)]
    assert styles[:4] == [("Heading 1", "Een"), ("Heading 2", "Twee"),
                          ("Heading 3", "Drie"), ("Heading 4", "Vier")]
    assert styles[4] == ("Normal", "Tekst")
    heading = open_docx(data).styles["Heading 2"].element
    assert heading.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "1"


def test_title_page_uses_heading_1_in_the_title_look_and_subtitle_and_breaks_the_page(writer):
    data = render(writer, "::: titelpagina\n# Titel\n\n## Ondertitel\n\nVersie 1\n:::\n\n# Inleiding")
    paragraphs = body_paragraphs(data)
    assert [p.style.name for p in paragraphs] == ["Heading 1", "Subtitle", "Titelpagina", "Heading 1"]
    # The title is the document's first heading (navigation pane, bookmark, the PDF's first
    # bookmark and the HTML's h1) and looks like a title: 28 pt from the character style.
    title = paragraphs[0]
    assert title.text == "Titel"
    assert {r.style.name for r in title.runs} == {"Titelkop"}
    assert {r.style.font.size.pt for r in title.runs} == {28}
    assert open_docx(data).styles["Heading 1"].element.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"
    assert title._p.find(f"{W}bookmarkStart") is not None
    assert paragraphs[3].paragraph_format.page_break_before
    assert not paragraphs[2].paragraph_format.page_break_before


def test_page_break_div(writer):
    data = render(writer, "Voor\n\n::: paginaeinde\n:::\n\nNa")
    before, after = body_paragraphs(data)
    assert after.paragraph_format.page_break_before and not before.paragraph_format.page_break_before


def num_pr(paragraph) -> tuple[int, int] | None:
    pr = paragraph._p.find(f"{W}pPr/{W}numPr")
    if pr is None:
        return None
    return int(pr.find(f"{W}ilvl").get(f"{W}val")), int(pr.find(f"{W}numId").get(f"{W}val"))


def test_lists_are_word_numbering_nested_and_restarting(writer):
    markdown = "1. een\n2. twee\n    - sub a\n    - sub b\n3. drie\n\nTussenzin\n\n1. opnieuw\n2. verder\n"
    data = render(writer, markdown)
    paragraphs = body_paragraphs(data)
    numbered = {p.text: num_pr(p) for p in paragraphs}
    assert numbered["een"][0] == 0 and numbered["sub a"][0] == 1
    assert numbered["een"][1] == numbered["twee"][1] == numbered["drie"][1]
    assert numbered["sub a"][1] == numbered["sub b"][1] != numbered["een"][1]
    assert numbered["opnieuw"][1] != numbered["een"][1]  # a new list restarts
    assert numbered["Tussenzin"] is None
    styles = {p.text: p.style.name for p in paragraphs}
    assert styles["een"] == "List Number" and styles["sub a"] == "List Bullet"

    numbering = part(data, "word/numbering.xml")

    def definition(num_id: int) -> etree._Element:
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
        abstract = num.find(f"{W}abstractNumId").get(f"{W}val")
        return numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']")

    def start(num_id: int) -> str:
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
        return num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val")

    assert start(numbered["een"][1]) == start(numbered["opnieuw"][1]) == "1"
    fmt = definition(numbered["sub a"][1]).find(f"{W}lvl[@{W}ilvl='1']/{W}numFmt")
    assert fmt.get(f"{W}val") == "bullet"
    fmt = definition(numbered["een"][1]).find(f"{W}lvl[@{W}ilvl='0']/{W}numFmt")
    assert fmt.get(f"{W}val") == "decimal"


def test_ordered_list_start_is_honoured(writer):
    data = render(writer, "Tekst\n\n3. drie\n4. vier\n")
    paragraphs = body_paragraphs(data)
    num_id = num_pr(paragraphs[1])[1]
    numbering = part(data, "word/numbering.xml")
    override = numbering.find(f"{W}num[@{W}numId='{num_id}']/{W}lvlOverride")
    assert override.get(f"{W}ilvl") == "0"
    assert override.find(f"{W}startOverride").get(f"{W}val") == "3"


def test_loose_list_item_with_second_paragraph_is_indented_not_numbered(writer):
    data = render(writer, "1. een\n\n    vervolg\n\n2. twee\n")
    paragraphs = body_paragraphs(data)
    assert [p.text for p in paragraphs] == ["een", "vervolg", "twee"]
    assert num_pr(paragraphs[1]) is None and paragraphs[1].style.name == "List Continue"
    assert paragraphs[1].paragraph_format.left_indent.twips > 0


def test_table_has_style_repeating_header_alignment_and_rows_that_do_not_split(writer):
    rows = "\n".join(f"| rij {i} | {i} |" for i in range(3))
    data = render(writer, f"| Naam | Aantal |\n|:--|--:|\n{rows}\n")
    table = open_docx(data).tables[0]
    assert table.style.name == "Tabel"
    trs = table._tbl.findall(f"{W}tr")
    assert trs[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in trs[1:])
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in trs)
    assert table.rows[0].cells[0].text == "Naam"
    assert table.cell(1, 1).paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(1, 0).paragraphs[0].style.name == "Tabeltekst"
    widths = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(widths) == 9072  # the text width of A4 with 2,5 cm margins


def test_empty_header_row_is_dropped_and_tables_stay_apart(writer):
    data = render(writer, "| | |\n|--|--|\n| a | b |\n\n| x |\n|--|\n| y |\n")
    document = open_docx(data)
    assert len(document.tables) == 2
    assert document.tables[0].rows[0].cells[0].text == "a"
    assert document.tables[0]._tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is None
    body = [etree.QName(el).localname for el in document.element.body]
    assert body == ["tbl", "p", "tbl", "p", "sectPr"]


# -- links, bookmarks, images ----------------------------------------------------------


def test_hyperlinks_external_internal_and_to_sibling_documents(writer):
    markdown = (
        "## Kop {#a01}\n\nZie [wet](https://wetten.overheid.nl/x), [mail](mailto:a@b.nl), "
        "[boven](#a01) en [overeenkomst](overeenkomst.html#a-02) en [csv](afspraken.csv)."
    )
    data = render(writer, markdown)
    document = open_docx(data)
    rels = {r.rId: r.target_ref for r in document.part.rels.values() if r.is_external}
    links = document.element.body.findall(f".//{W}hyperlink")
    targets = [rels.get(link.get(qn("r:id"))) or "#" + link.get(f"{W}anchor") for link in links]
    assert targets == ["https://wetten.overheid.nl/x", "mailto:a@b.nl", "#a01",
                       f"overeenkomst.docx#{bookmark_name('a-02')}", "afspraken.csv"]
    run = links[0].find(f"{W}r/{W}rPr/{W}rStyle")
    assert document.styles.element.find(
        f"{W}style[@{W}styleId='{run.get(f'{W}val')}']/{W}name").get(f"{W}val") == "Hyperlink"


def test_link_target_mapping():
    assert link_target("#a01") == (None, "a01")
    assert link_target("voortgang-2023.md") == ("voortgang-2023.docx", None)
    assert link_target("https://x.nl/a.html") == ("https://x.nl/a.html", None)
    assert link_target("") == (None, None)


def test_every_id_gets_a_bookmark_with_a_valid_word_name(writer):
    long_id = "afspraak-" + "x" * 60
    markdown = (
        "# Kop {#a01}\n\nAlinea met id\n{: #p1 }\n\n::: {.kader #k-1}\nIn het kader\n:::\n\n"
        f"## Lang {{#{long_id}}}\n\n## Zonder id\n"
    )
    data = render(writer, markdown)
    body = open_docx(data).element.body
    names = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert "a01" in names and "p1" in names
    assert bookmark_name("k-1") in names and bookmark_name(long_id) in names
    for name in names:
        assert re.fullmatch(r"_?[A-Za-z][A-Za-z0-9_]{0,39}", name), name
    assert any(name.startswith("_Toc") for name in names)  # the heading without an id
    starts = {b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")}
    ends = {b.get(f"{W}id") for b in body.iter(f"{W}bookmarkEnd")}
    assert starts == ends and len(starts) == len(names)


def test_a_repeated_id_is_refused_whatever_the_format(writer):
    # The tree's rules hold in the parse stage, so Word refuses what HTML refuses.
    with pytest.raises(SjabloonFout, match="id 'x' komt meer dan eens voor"):
        render(writer, "# Een {#x}\n\n# Twee {#x}\n\nTekst\n{: #x }")


def test_bookmark_names_are_stable_and_distinct():
    assert bookmark_name("a01") == "a01"
    assert bookmark_name("a-1") != bookmark_name("a_1") == "a_1"
    assert bookmark_name("1e-afspraak")[0].isalpha()
    assert len(bookmark_name("x" * 100)) <= 40
    assert bookmark_name("ë-id") == bookmark_name("ë-id")


def test_image_has_alt_text_and_unknown_image_shows_its_alt_text(writer):
    data = render(writer, '![Nieuwbouw per jaar](grafiek "Grafiek nieuwbouw")\n\n![Kaart](onbekend)')
    document = open_docx(data)
    doc_pr = document.element.body.find(f".//{{{docx.oxml.ns.nsmap['wp']}}}docPr")
    assert doc_pr.get("descr") == "Nieuwbouw per jaar"
    assert doc_pr.get("title") == "Grafiek nieuwbouw"
    shape = document.inline_shapes[0]
    assert abs(shape.width.cm - 12) < 0.01
    assert document.paragraphs[0].style.name == "Afbeelding"
    assert document.paragraphs[1].text == "[Kaart]"


# -- inline and classes ----------------------------------------------------------------


def test_inline_formatting(writer):
    data = render(writer, "Een *schuin* en **vet** en `<code>`  \nnieuwe regel")
    paragraph = body_paragraphs(data)[0]
    runs = {r.text: r for r in paragraph.runs}
    assert runs["schuin"].italic and runs["vet"].bold
    assert runs["<code>"].style.name == "Code"
    assert paragraph._p.find(f".//{W}br") is not None
    assert paragraph.text.endswith("\nnieuwe regel")
    assert "  " not in paragraph.text


def test_blockquote_rule_and_preformatted(writer):
    data = render(writer, "> Een citaat\n\n---\n\n    a < b\n    c\n")
    styles = [(p.style.name, p.text) for p in body_paragraphs(data)]
    assert styles == [("Quote", "Een citaat"), ("Scheidingslijn", ""), ("Codeblok", "a < b\nc")]


@pytest.mark.parametrize("klasse, stijl", [
    ("samenvatting", "Samenvatting"), ("kader", "Kader"), ("noot", "Noot"), ("lead", "Lead"),
    ("dateline", "Dateline"), ("embargo", "Embargo"), ("klein", "Klein"),
    ("titelpagina", "Titelpagina"), ("citaat", "Quote"), ("handtekening", "Signature"),
])
def test_class_names_a_style(writer, klasse, stijl):
    assert class_style(klasse) == stijl
    data = render(writer, f"::: {{.{klasse}}}\nTekst in het blok\n:::\n\nDaarna")
    paragraphs = body_paragraphs(data)
    assert paragraphs[0].style.name == stijl
    assert paragraphs[1].style.name == "Normal"


def test_class_on_a_paragraph_and_hyphenated_classes():
    assert class_style("noot-redactie") == "Noot redactie"


def test_paragraph_class_names_its_style(writer):
    data = render(writer, "Kern van het nieuws\n{: .lead }")
    assert body_paragraphs(data)[0].style.name == "Lead"


def test_signature_block_is_kept_together(writer):
    markdown = (
        "::: handtekening\nAldus overeengekomen.\n\n| | |\n|--|--|\n"
        "| **Gemeente** | **Corporatie** |\n| namens deze: | namens deze: |\n:::\n\nDaarna"
    )
    document = open_docx(render(writer, markdown))
    body = document.element.body
    inside = [p for p in body.iter(f"{W}p")][:-1]  # all but "Daarna"
    keep_next = [p.find(f"{W}pPr/{W}keepNext") is not None for p in inside]
    assert keep_next == [True] * (len(inside) - 1) + [False]
    assert all(p.find(f"{W}pPr/{W}keepLines") is not None for p in inside)
    assert document.tables[0].style.name == "Tabel handtekening"
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in body.iter(f"{W}tr"))
    assert document.paragraphs[-1].paragraph_format.keep_with_next is None


# -- table of contents -------------------------------------------------------------------


def test_table_of_contents_links_each_heading_with_a_live_page_number(writer):
    markdown = "::: inhoud\n:::\n\n# Een {#een}\n\n## Twee\n\n### Drie\n\n#### Vier\n"
    data = render(writer, markdown)
    document = open_docx(data)
    body = document.element.body
    sdt, = body.iter(f"{W}sdt")  # Word's table-of-contents content control
    assert sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery").get(f"{W}val") == "Table of Contents"
    inside = [p for p in sdt.iter(f"{W}p")]
    styles = [p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") if p.find(f"{W}pPr/{W}pStyle") is not None else None
              for p in inside]
    assert styles[:1] + styles[2:] == ["TOCHeading", "TOC1", "TOC2", "TOC3"]
    texts = ["".join(t.text for t in p.iter(f"{W}t")) for p in inside]
    # Without LibreOffice at hand (switched off in the tests) no page numbers are stored,
    # and a line under the heading says how they are filled.
    assert texts == ["Inhoud", ZONDER_NUMMERS, "Een", "Twee", "Drie"]
    anchors = [h.get(f"{W}anchor") for h in sdt.iter(f"{W}hyperlink")]
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert anchors[0] == "een" and set(anchors) <= bookmarks and len(anchors) == 3
    # Each entry: its text, a tab to the right margin, then a PAGEREF to its heading's bookmark;
    # no TOC field around them (LibreOffice would show a TOC field's stored text only).
    for link, anchor in zip(sdt.iter(f"{W}hyperlink"), anchors):
        instr = "".join(t.text for t in link.iter(f"{W}instrText"))
        assert instr.split() == ["PAGEREF", anchor, "\\h"]
        assert link.find(f"{W}r/{W}tab") is not None
    assert "TOC" not in "".join(t.text for t in body.iter(f"{W}instrText")).split()
    # Nothing makes Word ask to update fields on opening.
    assert not [f for f in body.iter(f"{W}fldChar") if f.get(f"{W}dirty")]
    settings = part(data, "word/settings.xml")
    assert settings.find(f"{W}updateFields") is None


# -- page, header, footer, properties ------------------------------------------------------


def test_a4_and_dutch(writer):
    data = render(writer, "Tekst")
    section = open_docx(data).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    styles = part(data, "word/styles.xml")
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "nl-NL"


def test_header_and_footer(writer):
    data = render(writer, "Tekst")
    section = open_docx(data).sections[0]
    assert section.header.paragraphs[0].text == (
        "Prestatieafspraken Beverwijk en Heemskerk 2022–2025 · versie 1.0 (a1b2c3d)")
    footer = section.footer._element
    codes = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    text = "".join(t.text for t in footer.iter(f"{W}t"))
    assert text == "pagina 1 van 1"


def test_concept_marking_only_while_concept(writer):
    concept = open_docx(render(writer, "Tekst", concept=True)).sections[0].header
    final = open_docx(render(writer, "Tekst", concept=False)).sections[0].header
    assert "CONCEPT" in concept.paragraphs[0].text
    assert b"CONCEPT" in etree.tostring(concept._element)  # the watermark's text
    assert "PowerPlusWaterMarkObject" in etree.tostring(concept._element).decode()
    assert b"CONCEPT" not in etree.tostring(final._element)


def test_core_and_custom_properties(writer):
    data = render(writer, "Tekst", concept=True)
    core = open_docx(data).core_properties
    assert core.title == "Prestatieafspraken Beverwijk en Heemskerk 2022–2025"
    assert core.subject == "Prestatieafspraken"
    assert core.author == "Gemeente Beverwijk; Woonopmaat"
    assert core.keywords == "wonen; prestatieafspraken"
    assert core.version == "1.0 (a1b2c3d)"
    assert core.language == "nl-NL"
    assert core.revision == 1
    assert core.last_modified_by == "prestatie"
    pinned = DATUM.replace(tzinfo=None)
    assert core.created.replace(tzinfo=None) == pinned
    assert core.modified.replace(tzinfo=None) == pinned
    assert core.last_printed.replace(tzinfo=None) == pinned
    custom = part(data, "docProps/custom.xml")
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
    values = {p.get("name"): "".join(p.itertext()) for p in custom.iter(f"{ns}property")}
    assert values == {"Versie": "1.0 (a1b2c3d)", "Soort": "overeenkomst", "Status": "Definitief"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "docProps/thumbnail.jpeg" not in z.namelist()


# -- the house style -----------------------------------------------------------------------


def test_missing_styles_are_all_named(writer):
    tree = parse("::: noot\nNoot\n:::\n\n::: onbekend\nTekst\n:::\n\n> citaat\n\n| a |\n|--|\n| b |")
    with pytest.raises(HuisstijlFout) as error:
        writer.controleer(tree)
    assert "mist de stijl(en) 'Onbekend';" in str(error.value)  # only the unknown class
    stripped = DocxWriter(without_styles({"Noot", "Quote", "Tabel"}))
    with pytest.raises(HuisstijlFout) as error:
        stripped.controleer(tree)
    message = str(error.value)
    assert message.startswith("huisstijl.docx mist de stijl(en) 'Noot', 'Onbekend', 'Citaat' (Quote)")
    assert "'Tabel' (tabelstijl)" in message
    assert "Start > Stijlen" in message
    with pytest.raises(HuisstijlFout):
        stripped.write(tree, info())


def test_unknown_class_is_reported(writer):
    with pytest.raises(HuisstijlFout, match="'Onbekend'"):
        writer.controleer(parse("::: {.onbekend}\n:::"))


def test_broken_reference_is_a_user_error():
    with pytest.raises(HuisstijlFout, match="geen geldig Word-document"):
        DocxWriter(b"geen zip")


def test_house_style_has_every_style_the_templates_use(writer):
    classes = ["titelpagina", "handtekening", "noot", "embargo", "dateline", "lead", "citaat",
               "kader", "samenvatting", "klein"]
    markdown = "\n\n".join(f"::: {k}\nTekst\n:::" for k in classes) + (
        "\n\n::: inhoud\n:::\n\n# A\n\n## B\n\n### C\n\n#### D\n\n- a\n\n1. b\n\n    c\n\n"
        "> d\n\n---\n\n    e\n\n`f` [g](https://x.nl) ![h](grafiek)\n\n| i |\n|--|\n| j |\n"
    )
    writer.controleer(parse(markdown))


def test_generator_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import maak_huisstijl
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert maak_huisstijl.build() == maak_huisstijl.build()
    DocxWriter(maak_huisstijl.build()).controleer(parse("::: samenvatting\nx\n:::"))


# -- determinism ---------------------------------------------------------------------------

SAMPLE = """\
::: titelpagina
# Titel
:::

::: inhoud
:::

# Kop {#a01}

Tekst met [link](https://x.nl) en [terug](#a01) en ![grafiek](grafiek).

1. een
    - twee

| a | b |
|--|--:|
| 1 | 2 |
"""


def test_same_input_gives_identical_bytes(writer):
    first = render(writer, SAMPLE, concept=True)
    assert render(writer, SAMPLE, concept=True) == first
    assert DocxWriter(HUISSTIJL.read_bytes()).write(parse(SAMPLE), info(concept=True)) == first


def test_zip_entries_are_ordered_and_timestamped_from_the_date(writer):
    data = render(writer, SAMPLE)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = z.infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {e.date_time for e in entries} == {(2022, 12, 15, 9, 30, 0)}
    old = render(writer, SAMPLE, datum=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    with zipfile.ZipFile(io.BytesIO(old)) as z:
        assert {e.date_time for e in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_bytes_do_not_depend_on_hash_seed_or_time_zone(writer, tmp_path):
    script = (
        "import sys, datetime as dt; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/tests'];"
        "from test_docx_writer import render, DocxWriter, HUISSTIJL, SAMPLE;"
        "sys.stdout.buffer.write(render(DocxWriter(HUISSTIJL.read_bytes()), SAMPLE, concept=True))"
    )
    outputs = []
    for seed, tz in (("1", "UTC"), ("4242", "Pacific/Auckland")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz}
        outputs.append(subprocess.run([sys.executable, "-c", script, str(ROOT)], env=env,
                                      check=True, capture_output=True).stdout)
    assert outputs[0] == outputs[1] == render(writer, SAMPLE, concept=True)


# -- other readers -------------------------------------------------------------------------


def test_pandoc_reads_headings_lists_and_tables(writer, tmp_path):
    pandoc = needs_tool("pandoc")
    path = tmp_path / "doc.docx"
    path.write_bytes(render(writer, "# Kop\n\n## Sub\n\n- a\n- b\n\n1. c\n2. d\n\n"
                                    "| x | y |\n|--|--|\n| 1 | 2 |\n\n[link](https://x.nl)"))
    html = subprocess.run([pandoc, "-f", "docx", "-t", "html", str(path)], check=True,
                          capture_output=True, text=True).stdout
    assert re.search(r"<h1[^>]*>Kop</h1>", html) and re.search(r"<h2[^>]*>Sub</h2>", html)
    item = r"\s*<li>(?:<p>)?{}(?:</p>)?</li>"
    assert re.search("<ul>" + item.format("a") + item.format("b") + r"\s*</ul>", html)
    assert re.search("<ol[^>]*>" + item.format("c") + item.format("d") + r"\s*</ol>", html)
    assert "<table" in html and re.search(r"<th[^>]*>x</th>", html)
    assert '<a href="https://x.nl">link</a>' in html


def test_libreoffice_converts_to_pdf(writer, tmp_path):
    soffice = needs_tool("soffice")
    rows = "\n".join(f"| {i} | afspraak {i} |" for i in range(80))
    markdown = SAMPLE + f"\n\n| nr | tekst |\n|--|--|\n{rows}\n"
    path = tmp_path / "doc.docx"
    path.write_bytes(render(writer, markdown, concept=True))
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profiel", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "doc.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext = __import__("shutil").which("pdftotext")
    if pdftotext:  # the text of every page: header, CONCEPT, footer, the filled-in TOC
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert len(pages) >= 3
        # The title page carries CONCEPT but no running header or page number.
        assert "CONCEPT" in pages[0] and "pagina" not in pages[0]
        for number, page in enumerate(pages[1:], start=2):
            assert "CONCEPT" in page and f"pagina {number} van {len(pages)}" in page
        assert re.search(r"Inhoud\s+(De paginanummers .*?zelf\.\s+)?Kop", text, re.S)


LANG_WOORD = "samenwerkingsovereenkomst"
ZIN = "De partijen werken met elkaar aan betaalbare woningen in elke wijk van de gemeente, zoals afgesproken."
SMALLE_TABEL = ("| nr | wat | toelichting | oorzaak | gevolg | bijsturing |\n|--|--|--|--|--|--|\n"
                f"| A01 | De {LANG_WOORD} wordt in 2024 geëvalueerd. {ZIN} | {ZIN} | {ZIN} | {ZIN} | {ZIN} |\n")


def test_a_word_wider_than_its_cell_may_break_only_at_a_syllable(writer):
    """A word that cannot fit its column gets soft hyphens at its syllables (pyphen's Dutch
    patterns), so Word and LibreOffice break it there with a hyphen, not in the middle; a
    word that fits gets none, and the text reads as written."""
    data = render(writer, SMALLE_TABEL)
    table = open_docx(data).tables[0]
    cell = table.rows[1].cells[1]._tc
    hyphens = cell.findall(f".//{W}softHyphen")
    assert hyphens, "the long word in the narrow number column has break points"
    pieces = [t.text for r in cell.iter(f"{W}r") for t in r.findall(f"{W}t")]
    assert "".join(pieces).startswith(f"De {LANG_WOORD} wordt")
    assert pieces[0] == "De sa" and pieces[1:6] == ["men", "wer", "kings", "over", "een"]  # sa-men-wer-kings-over-een-komst
    assert table.rows[1].cells[1].text.startswith(f"De {LANG_WOORD} wordt")  # python-docx reads it whole
    # Words that fit their column get none.
    assert all(table.rows[1].cells[i]._tc.find(f".//{W}softHyphen") is None for i in (0, 2, 3, 4, 5))


def test_libreoffice_breaks_a_long_word_in_a_narrow_cell_with_a_hyphen(writer, tmp_path):
    soffice = needs_tool("soffice")
    pdftotext = needs_tool("pdftotext")
    path = tmp_path / "tabel.docx"
    path.write_bytes(render(writer, SMALLE_TABEL))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profiel", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=180, check=True)
    text = subprocess.run([pdftotext, "-raw", str(tmp_path / "tabel.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [ln.strip() for ln in text.splitlines()]
    # Somewhere the word is cut: every cut ends in a hyphen at one of its syllables.
    from prestatie.parse.leesbaarheid import lettergreepgrenzen

    grenzen = {LANG_WOORD[:i] for i in lettergreepgrenzen(LANG_WOORD)}
    ends = [ln.split()[-1] for ln in lines if ln and ln.split()[-1] and LANG_WOORD.startswith(
        ln.split()[-1].rstrip("-\u00ad")) and ln.split()[-1].rstrip("-\u00ad") != LANG_WOORD]
    assert ends, text
    for end in ends:
        assert end.endswith(("-", "\u00ad")) and end.rstrip("-\u00ad") in grenzen, (end, text)
