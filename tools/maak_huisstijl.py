"""Generate sjablonen/huisstijl.docx, the reference document of the Word writer.

    python tools/maak_huisstijl.py [uitvoer.docx]

The file holds every style the Word writer uses (see prestatie/write/docx.py for the
class → style convention), the list definitions, A4 page set-up and Dutch as the language.
Its body shows every style in use, so that whoever restyles it in Word sees what changes;
the writer throws the body away and keeps the styles. Running this again gives the same
bytes, so the committed file only changes when this script does.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from prestatie.parse import parse  # noqa: E402
from prestatie.render.document import Documentinfo  # noqa: E402
from prestatie.write.word import ooxml as ox  # noqa: E402
from prestatie.write.word.ooxmlkader import app_properties_xml  # noqa: E402
from prestatie.write.word.package import normalise_zip  # noqa: E402
from prestatie.write.word.docx import DocxWriter  # noqa: E402

FONT, MONO = "Liberation Sans", "Liberation Mono"
SYMBOLS = "DejaVu Sans"  # arrows, shapes and marks (status icons) that text fonts lack or draw small
BLUE = "154273"  # dark blue for headings, rules and the table header
LIGHT = "E8EEF6"  # light blue shading for boxes
GREY = "595959"
TEXT_WIDTH = 9072  # A4 (11906 twips) minus 2 × 2,5 cm margins = 16 cm
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DATE = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def style(kind: str, sid: str, name: str, based: str | None = "Normal", nxt: str | None = None,
          ppr: str = "", rpr: str = "", extra: str = "", priority: int = 20,
          default: bool = False, quick: bool = True) -> str:
    """One w:style element, children in schema order."""
    return (
        f'<w:style w:type="{kind}" w:styleId="{sid}"' + (' w:default="1"' if default else "") + ">"
        f'<w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based}"/>' if based else "")
        + (f'<w:next w:val="{nxt}"/>' if nxt else "")
        + f'<w:uiPriority w:val="{priority}"/>'
        + ("<w:qFormat/>" if quick else "")
        + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
        + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
        + extra + "</w:style>"
    )


def spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    return (f'<w:spacing w:before="{before}" w:after="{after}"'
            + (f' w:line="{line}" w:lineRule="auto"' if line else "") + "/>")


def size(pt: float) -> str:
    return f'<w:sz w:val="{round(pt * 2)}"/><w:szCs w:val="{round(pt * 2)}"/>'


def color(value: str) -> str:
    return f'<w:color w:val="{value}"/>'


def border(side: str, width: int = 6, value: str = BLUE, space: int = 4) -> str:
    return f'<w:{side} w:val="single" w:sz="{width}" w:space="{space}" w:color="{value}"/>'


def shade(fill: str) -> str:
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'


def heading(level: int, pt: float, before: int, after: int, italic: bool = False) -> str:
    return style(
        "paragraph", f"Heading{level}", f"heading {level}", nxt="Normal", priority=9,
        ppr=f"<w:keepNext/><w:keepLines/>{spacing(before, after, 240)}"
            f'<w:outlineLvl w:val="{level - 1}"/>',
        rpr="<w:b/><w:bCs/>" + ("<w:i/>" if italic else "") + color(BLUE) + size(pt))


def toc_level(level: int) -> str:
    return style(
        "paragraph", f"TOC{level}", f"toc {level}", nxt="Normal", priority=39, quick=False,
        ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            + spacing(120 if level == 1 else 0, 40) + f'<w:ind w:left="{(level - 1) * 284}"/>',
        rpr="<w:b/><w:bCs/>" if level == 1 else "")


def table_style(sid: str, name: str, cell_margin: tuple[int, int] = (57, 85)) -> str:
    """A table style: blue rules above and below, grey between rows, a blue header row; the
    cell margins (top and bottom, left and right) in twips."""
    v, h = cell_margin
    return style("table", sid, name, based="TableNormal", priority=40, extra=(
        "<w:tblPr><w:tblBorders>" + border("top", 8, BLUE, 0) + border("bottom", 8, BLUE, 0)
        + border("insideH", 4, "BFBFBF", 0) + "</w:tblBorders><w:tblCellMar>"
        f'<w:top w:w="{v}" w:type="dxa"/><w:left w:w="{h}" w:type="dxa"/>'
        f'<w:bottom w:w="{v}" w:type="dxa"/><w:right w:w="{h}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
        f"<w:tcPr>{shade(BLUE)}</w:tcPr></w:tblStylePr>"))


def list_style(sid: str, name: str, num_id: int) -> str:
    return style("paragraph", sid, name, priority=36,
                 ppr=f'<w:numPr><w:numId w:val="{num_id}"/></w:numPr>{spacing(0, 60)}')


def class_style(sid: str, name: str, ppr: str = "", rpr: str = "") -> str:
    """A paragraph style for a Markdown class (``::: {.klasse}``)."""
    return style("paragraph", sid, name, ppr=ppr, rpr=rpr, priority=30)


STYLES = [
    style("paragraph", "Normal", "Normal", based=None, default=True, priority=0,
          # No text colour here or in the defaults (automatic is black): LibreOffice
          # applies the defaults to table cells as direct formatting, hiding the link
          # colour, and a paragraph style's colour would beat the table's white header.
          ppr="<w:widowControl/>" + spacing(0, 120, 276)),
    style("character", "DefaultParagraphFont", "Default Paragraph Font", based=None,
          default=True, priority=1, quick=False),
    style("table", "TableNormal", "Normal Table", based=None, default=True, priority=99,
          quick=False, extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
          '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
          '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
          "</w:tblCellMar></w:tblPr>"),
    style("numbering", "NoList", "No List", based=None, default=True, priority=99, quick=False),
    style("paragraph", "Title", "Title", nxt="Subtitle", priority=10,
          ppr=spacing(2400, 240, 240) + "<w:contextualSpacing/>",
          rpr="<w:b/><w:bCs/>" + color(BLUE) + '<w:kern w:val="28"/>' + size(28)),
    # The title page's title is a Heading 1 (navigation pane, bookmark) in the look of a title.
    style("character", "Titelkop", "Titelkop", based="DefaultParagraphFont", priority=10,
          rpr="<w:b/><w:bCs/>" + color(BLUE) + '<w:kern w:val="28"/>' + size(28)),
    style("paragraph", "Subtitle", "Subtitle", nxt="Normal", priority=11,
          ppr=spacing(0, 480, 240), rpr=color("404040") + size(16)),
    heading(1, 18, 480, 160), heading(2, 14, 360, 120), heading(3, 12, 280, 80),
    heading(4, 11, 240, 60, italic=True), heading(5, 10.5, 200, 40),
    heading(6, 10.5, 200, 40, italic=True),
    list_style("ListBullet", "List Bullet", 1),
    list_style("ListNumber", "List Number", 2),
    style("paragraph", "ListContinue", "List Continue", priority=36,
          ppr=spacing(0, 60) + '<w:ind w:left="360"/>'),
    style("paragraph", "Quote", "Quote", nxt="Normal", priority=29,
          ppr=f"<w:pBdr>{border('left', 18, BLUE, 8)}</w:pBdr>{spacing(80, 80)}"
              '<w:ind w:left="454" w:right="567"/>',
          rpr="<w:i/><w:iCs/>" + color("404040") + size(10.5)),
    style("paragraph", "Signature", "Signature", priority=99,
          ppr="<w:keepLines/>" + spacing(0, 60, 240)),
    style("paragraph", "TOCHeading", "TOC Heading", nxt="Normal", priority=39,
          ppr="<w:keepNext/>" + spacing(0, 240, 240),
          rpr="<w:b/><w:bCs/>" + color(BLUE) + size(18)),
    toc_level(1), toc_level(2), toc_level(3),
    style("paragraph", "Header", "header", priority=99, quick=False,
          ppr=f"<w:pBdr>{border('bottom', 4, 'A6A6A6', 4)}</w:pBdr>"
              f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
              f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>' + spacing(0, 0, 240),
          rpr=color(GREY) + size(8.5)),
    style("paragraph", "Footer", "footer", priority=99, quick=False,
          ppr=spacing(0, 0, 240) + '<w:jc w:val="right"/>', rpr=color(GREY) + size(8.5)),
    style("character", "Hyperlink", "Hyperlink", based="DefaultParagraphFont", priority=99,
          quick=False, rpr=color("1D5FA8") + '<w:u w:val="single"/>'),
    style("character", "Code", "Code", based="DefaultParagraphFont", priority=40,
          rpr=f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/>' + size(9.5)
              + shade("F2F2F2")),
    # Status icons and other symbols (✓ → ↓ ○ ✗ ↻ □): the writer gives them this style, in a
    # font that has them all at a legible size; with another body font this one stays.
    style("character", "Symbool", "Symbool", based="DefaultParagraphFont", priority=40,
          rpr=f'<w:rFonts w:ascii="{SYMBOLS}" w:eastAsia="{SYMBOLS}" w:hAnsi="{SYMBOLS}" w:cs="{SYMBOLS}"/>'),
    style("paragraph", "Codeblok", "Codeblok", priority=40,
          ppr=shade("F2F2F2") + spacing(60, 120, 240) + '<w:ind w:left="113" w:right="113"/>',
          rpr=f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/>' + size(9)),
    style("paragraph", "Scheidingslijn", "Scheidingslijn", nxt="Normal", priority=40,
          ppr="<w:keepNext/>" + f"<w:pBdr>{border('bottom', 6, 'A6A6A6', 1)}</w:pBdr>" + spacing(0, 120, 240),
          rpr=size(4)),
    style("paragraph", "Afbeelding", "Afbeelding", priority=40,
          ppr=spacing(120, 120, 240) + '<w:jc w:val="center"/>'),
    style("paragraph", "Tabeltekst", "Tabeltekst", priority=40,
          ppr=spacing(0, 0, 240), rpr=size(9)),
    table_style("Tabel", "Tabel"),
    style("table", "Tabelhandtekening", "Tabel handtekening", based="TableNormal", priority=41,
          extra='<w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
                '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="227" w:type="dxa"/>'
                "</w:tblCellMar></w:tblPr>"
                '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr>'),
    # Styles for Markdown classes: ::: {.klasse} → "Klasse".
    class_style("Titelpagina", "Titelpagina", ppr=spacing(0, 120, 276),
                rpr=color("333333") + size(12)),
    class_style("Noot", "Noot", ppr=spacing(0, 20, 240), rpr=color("404040") + size(9)),
    class_style("Embargo", "Embargo", ppr=spacing(0, 120, 240),
                rpr="<w:b/><w:bCs/><w:caps/>" + color("A50021")),
    # As in the PDF and HTML: the date in plain grey letters (PERSBERICHT is bold by its markup).
    class_style("Dateline", "Dateline", ppr=spacing(0, 60, 240), rpr=color(GREY) + size(9.5)),
    # The lead in plain letters, as the PDF and HTML show it (its place line is bold by markup).
    class_style("Lead", "Lead", ppr=spacing(0, 120, 240), rpr=size(10.5)),
    class_style("Kader", "Kader",
                ppr="<w:keepLines/><w:pBdr>" + "".join(border(s, 6, BLUE, 6) for s in
                                                     ("top", "left", "bottom", "right"))
                    + "</w:pBdr>" + shade(LIGHT) + spacing(160, 160)
                    + '<w:ind w:left="142" w:right="142"/><w:contextualSpacing/>'),
    class_style("Samenvatting", "Samenvatting",
                ppr=f"<w:pBdr>{border('left', 24, BLUE, 8)}</w:pBdr>" + shade(LIGHT)
                    + spacing(160, 160, 276) + '<w:ind w:left="198" w:right="0"/><w:contextualSpacing/>'),
    class_style("Klein", "Klein", ppr=spacing(0, 60, 240), rpr=color(GREY) + size(8.5)),
    # The line to sign on: 4 cm of room above it, the name and function below it.
    class_style("Tekenregel", "Tekenregel",
                ppr="<w:keepNext/><w:keepLines/>" + f"<w:pBdr>{border('top', 6, '404040', 2)}</w:pBdr>"
                    + spacing(2268, 60, 240) + '<w:ind w:right="4535"/>'),
    # The press release (::: persbericht around all of it): body text, title and headings a
    # little tighter than a report's, so that with its facts box and its note for editors it
    # fits on one page; 10 pt at the least.
    class_style("Persbericht", "Persbericht", ppr=spacing(0, 100, 240), rpr=size(10)),
    style("paragraph", "Persberichtkop1", "Persbericht kop 1", based="Heading1", nxt="Persbericht",
          priority=9, ppr="<w:keepNext/><w:keepLines/>" + spacing(60, 100, 240) + '<w:outlineLvl w:val="0"/>',
          rpr=size(15)),
    style("paragraph", "Persberichtkop2", "Persbericht kop 2", based="Heading2", nxt="Persbericht",
          priority=9, ppr="<w:keepNext/><w:keepLines/>" + spacing(160, 40, 240) + '<w:outlineLvl w:val="1"/>',
          rpr=size(12)),
    class_style("Feiten", "Feiten", ppr=spacing(0, 0, 228), rpr=size(9)),
    table_style("Tabelfeiten", "Tabel feiten", cell_margin=(14, 85)),
    class_style("Colofon", "Colofon", ppr=f"<w:pBdr>{border('top', 4, 'BFBFBF', 4)}</w:pBdr>"
                + spacing(100, 0, 240), rpr=color(GREY) + size(8)),
]


def styles_xml() -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        + size(10.5) + '<w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        "<w:pPrDefault><w:pPr>" + spacing(0, 120, 276) + "</w:pPr></w:pPrDefault></w:docDefaults>"
        + "".join(STYLES) + "</w:styles>"
    )


def numbering_xml() -> str:
    body = "".join(ox.abstract_num_xml(i, ordered).replace(f" {W}", "")
                   for i, ordered in ((0, False), (1, True)))
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:numbering {W}>{body}"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )


SETTINGS = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f'<w:settings {W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="nl-NL"/><w:decimalSymbol w:val=","/>'
    '<w:listSeparator w:val=";"/></w:settings>'
)

FONTS = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f'<w:fonts {W}>'
    # altName and the panose of Arial/Courier New: a Word without the Liberation fonts
    # substitutes these metric-compatible ones.
    f'<w:font w:name="{FONT}"><w:altName w:val="Arial"/><w:panose1 w:val="020B0604020202020204"/>'
    '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    f'<w:font w:name="{MONO}"><w:altName w:val="Courier New"/><w:panose1 w:val="02070309020205020404"/>'
    '<w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    # Windows has no DejaVu Sans: Word takes Segoe UI Symbol, which has every status icon.
    f'<w:font w:name="{SYMBOLS}"><w:altName w:val="Segoe UI Symbol"/><w:panose1 w:val="020B0603030804020204"/>'
    '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

DOCUMENT = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f'<w:document {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<w:body><w:p/><w:sectPr>"
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="1417" w:bottom="1134" w:left="1417" w:header="567" '
    'w:footer="567" w:gutter="0"/><w:cols w:space="708"/></w:sectPr></w:body></w:document>'
)

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
DOC_RELS = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId4" Type="{REL}/fontTable" Target="fontTable.xml"/>'
    "</Relationships>"
)
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{WML}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{WML}.styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{WML}.numbering+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{WML}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{WML}.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
CORE = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Huisstijl</dc:title>'
    "</cp:coreProperties>"
)

SHOWCASE = """\
::: titelpagina
# Huisstijl prestatieafspraken

## Alle stijlen van de Word-uitvoer (Kop 1 met tekenstijl Titelkop, Ondertitel)

Dit document is het sjabloon van de Word-bestanden die prestatie maakt. Pas de stijlen aan
in Word (Start > Stijlen > Wijzigen) en bewaar het als sjablonen/huisstijl.docx. De tekst
hieronder is alleen een voorbeeld: prestatie gebruikt de stijlen, niet de inhoud.
Verwijder of hernoem geen stijlen. (Titelpagina)
:::

::: inhoud
:::

# Kop 1: hoofdstuk

Standaardtekst met *nadruk*, **vet**, `code` (tekenstijl Code), een
[link naar een website](https://www.woningwet.nl) (Hyperlink) en een
[verwijzing binnen het document](#kop-2).

## Kop 2: paragraaf {#kop-2}

### Kop 3: onderdeel

#### Kop 4: staat niet in de inhoudsopgave

- Lijstopsommingteken, eerste niveau
    - tweede niveau
        - derde niveau
- nog een punt

1. Lijstnummering, eerste niveau
    1. tweede niveau

    Lijstvervolg: tekst die bij een punt hoort.

2. nog een punt

> Citaat: een uitspraak of aangehaalde tekst (stijl Citaat).

Hieronder een Scheidingslijn.

---

| Tabel (tabelstijl) | Kolom | Getal |
|:-------------------|:------|------:|
| Tabeltekst | tekst | 1.234 |
| Tweede rij | tekst | 56,7 |

    Codeblok: vaste breedte

Statussymbolen in de tekenstijl Symbool: ✓ gerealiseerd, → op schema, ↻ doorlopend, ○ nog niet
gestart, ↓ vertraagd, ✗ niet gerealiseerd, □ zonder status.

Een div krijgt de stijl met de naam van zijn klasse: `::: {.kader}` wordt de stijl Kader.

::: kader
Kader: een omlijnd blok voor iets dat opvalt.
:::

::: samenvatting
Samenvatting: de kern van een rapportage in een paar zinnen.
:::

::: embargo
Embargo tot maandag 1 januari 2024, 10.00 uur
:::

::: dateline
Persbericht · Dateline
:::

::: lead
Lead: de kern van het nieuws, wie, wat, waar en wanneer.
:::

::: citaat
"Citaat in een persbericht," zegt de wethouder. (klasse citaat: stijl Citaat)
:::

::: klein
Klein: voetnoten, bronnen en kleine lettertjes.
:::

::: noot
Noot: noot voor de redactie, niet voor publicatie.
:::

::: persbericht
# Persbericht kop 1: de kop van een persbericht

Persbericht: de tekst van een persbericht, iets compacter dan die van een rapport, zodat het
bericht op één pagina past.

## Persbericht kop 2: tussenkop in een persbericht
:::

::: feiten
| Feiten | de afspraken in cijfers |
|:--|:--|
| tabeltekst in het persbericht | 1.234 woningen |
:::

::: colofon
Colofon: de laatste regel, met wanneer en waarmee het document is opgemaakt.
:::

::: handtekening
**Handtekening**: per partij een blok dat op één pagina blijft, namens deze:

::: tekenregel
Tekenregel: ruimte om te tekenen boven de lijn, naam en functie eronder
:::

Plaats en datum
:::
"""


def skeleton() -> bytes:
    """The reference package with styles and an empty body."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PKG,
        "docProps/core.xml": CORE, "docProps/app.xml": app_properties_xml("prestatie").decode(),
        "word/document.xml": DOCUMENT, "word/_rels/document.xml.rels": DOC_RELS,
        "word/styles.xml": styles_xml(), "word/numbering.xml": numbering_xml(),
        "word/settings.xml": SETTINGS, "word/fontTable.xml": FONTS,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return normalise_zip(out.getvalue(), DATE)


def build() -> bytes:
    """The finished reference: the skeleton with the showcase as its body."""
    info = Documentinfo(titel="Huisstijl prestatieafspraken", onderwerp="Stijlen voor Word",
                        versie="1", datum=DATE, soort="huisstijl")
    data = DocxWriter(skeleton()).write(parse(SHOWCASE), info)
    # The reference itself should open without Word asking to update fields.
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b'<w:updateFields w:val="true"/>', b"")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    return normalise_zip(out.getvalue(), DATE)


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "sjablonen" / "huisstijl.docx"
    target.write_bytes(build())
    print(f"{target} geschreven")


if __name__ == "__main__":
    main()
