"""The HTML writer: page shell, safe serialisation, anchors, tables, charts, concept marking."""

from __future__ import annotations

import datetime as dt
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import lxml.html
import pytest
from a11y import voorbeeld

from prestatie.core.errors import SjabloonFout
from prestatie.parse import parse
from prestatie.load.sjablonen import Sjablonen
from prestatie.render.document import Afbeelding, Documentinfo
from prestatie.core.tekst import slug
from prestatie.write.web.html import HtmlWriter, css_string, dutch_date


@pytest.fixture(scope="module")
def writer() -> HtmlWriter:
    return HtmlWriter(Sjablonen())


def render(writer: HtmlWriter, markdown: str, info: Documentinfo | None = None) -> str:
    return writer.write(parse(markdown), info or Documentinfo(titel="Proef")).decode("utf-8")


def doc(text: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(text)


def body_elements(page: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Every element of the document text (inside main), charts excluded."""
    return [el for el in page.xpath("//main//*[not(ancestor-or-self::svg)]")]


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    """A valid PNG of the given size, made here so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunks = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


# -- the page shell ---------------------------------------------------------------------------


def test_page_shell(writer: HtmlWriter) -> None:
    text = writer.write(parse(voorbeeld.MARKDOWN), voorbeeld.info()).decode("utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    page = doc(text)
    assert page.get("lang") == "nl"
    assert page.xpath("//head/meta[@charset]")[0].get("charset") == "utf-8"
    assert page.findtext(".//title") == "Prestatieafspraken Beverwijk en Heemskerk 2022–2025"
    meta = {m.get("name"): m.get("content") for m in page.xpath("//head/meta[@name]")}
    assert meta["viewport"].startswith("width=device-width")
    assert meta["generator"] == "prestatie 0.1.0"
    assert meta["dcterms.modified"] == "2022-12-01T09:30:00Z"
    assert meta["prestatie.versie"] == "1.0 (a1b2c3d)"
    assert meta["description"] == "Prestatieafspraken over wonen in Beverwijk en Heemskerk"
    assert meta["author"] == "Gemeente Beverwijk, Gemeente Heemskerk"


def test_landmarks_and_skip_link(writer: HtmlWriter) -> None:
    page = doc(writer.write(parse(voorbeeld.MARKDOWN), voorbeeld.info()).decode("utf-8"))
    body = page.find("body")
    first = body[0]
    assert first.tag == "a" and first.get("href") == "#hoofdinhoud"
    assert first.text_content() == "Direct naar de inhoud"
    assert len(page.xpath("//main[@id='hoofdinhoud']")) == 1
    assert "Versie 1.0 (a1b2c3d)" in page.xpath("//header")[0].text_content()
    footer = page.xpath("//footer")[0]
    assert "Versie 1.0 (a1b2c3d)" in footer.text_content()
    assert footer.xpath(".//time")[0].get("datetime") == "2022-12-01"
    assert "1 december 2022" in footer.text_content()


def test_css_inlined_and_nothing_external(writer: HtmlWriter) -> None:
    text = writer.write(parse(voorbeeld.MARKDOWN), voorbeeld.info()).decode("utf-8")
    page = doc(text)
    css = (Path(Sjablonen().bestand("stijl.css"))).read_text(encoding="utf-8")
    assert css.strip() in page.xpath("//style")[0].text
    assert "@media print" in css and "size: A4" in css
    assert not page.xpath("//link | //script | //iframe | //object")
    assert not [el for el in page.iter() if (el.get("src") or "").startswith(("http", "//"))]


def test_project_style_overrides_default(tmp_path: Path) -> None:
    (tmp_path / "stijl.css").write_text("body { color: #000000; }\n", encoding="utf-8")
    text = render(HtmlWriter(Sjablonen(tmp_path)), "# Kop\n")
    assert "body { color: #000000; }" in text
    assert "--accent" not in text


def test_style_sheet_that_would_end_the_style_element(tmp_path: Path) -> None:
    (tmp_path / "stijl.css").write_text("p { color: red; } </style><script>x</script>", encoding="utf-8")
    with pytest.raises(SjabloonFout, match="</style"):
        HtmlWriter(Sjablonen(tmp_path))


def test_same_input_same_bytes(writer: HtmlWriter) -> None:
    tree = parse(voorbeeld.MARKDOWN)
    before = ET.tostring(tree)
    first = writer.write(tree, voorbeeld.info())
    second = HtmlWriter(Sjablonen()).write(parse(voorbeeld.MARKDOWN), voorbeeld.info())
    assert first == second == writer.write(tree, voorbeeld.info())
    assert ET.tostring(tree) == before, "the writer must not change the shared tree"


# -- escaping and the attribute whitelist ------------------------------------------------------


def test_raw_html_and_scripts_stay_text(writer: HtmlWriter) -> None:
    text = render(writer, "# Kop\n\nTekst <script>alert('x')</script> en <b onclick=\"y\">vet</b>.\n")
    page = doc(text)
    assert not page.xpath("//script | //b")
    para = page.xpath("//main//p")[0].text_content()
    assert "<script>alert('x')</script>" in para
    assert "&lt;script&gt;" in text


def test_javascript_links_are_not_links(writer: HtmlWriter) -> None:
    page = doc(render(writer, "# Kop\n\n[klik](javascript:alert(1)) en [goed](https://example.org).\n"))
    links = page.xpath("//main//a")
    assert [a.get("href") for a in links] == ["https://example.org"]
    assert "klik" in page.xpath("//main//p")[0].text_content()


def test_only_whitelisted_attributes_pass(writer: HtmlWriter) -> None:
    markdown = (
        "# Kop\n\n"
        'Alinea\n{: onclick="alert(1)" style="color: red" data-x="1" .klein}\n\n'
        '[link](https://example.org){: onmouseover="x" title="Uitleg"}\n'
    )
    page = doc(render(writer, markdown))
    for el in body_elements(page):
        for name in el.attrib:
            assert name in {"id", "class", "href", "title", "src", "alt", "start", "scope", "role",
                            "tabindex", "aria-label", "width", "height"}, (el.tag, name)
    assert page.xpath("//main//p[@class='klein']")
    assert page.xpath("//main//a[@title='Uitleg']")


def test_title_and_metadata_are_escaped(writer: HtmlWriter) -> None:
    info = Documentinfo(
        titel='Kop </title><script>x</script> "quote" </style>',
        versie='1 "<b>"',
        generator="prestatie <0.1>",
    )
    text = render(writer, "# Kop\n", info)
    page = doc(text)
    assert not page.xpath("//script | //b")
    assert page.findtext(".//title") == info.titel
    assert text.count("</style>") == 2  # the house style and the page margins, nothing else
    assert text.count("</title>") == 1


def test_css_string_escapes_everything_but_letters() -> None:
    assert css_string('a "b" </style>\\') == '"a \\22 b\\22  \\3c \\2f style\\3e \\5c "'


def test_control_characters_are_removed(writer: HtmlWriter) -> None:
    text = render(writer, "# Kop\n\nEen\x01 twee\x7f drie\n")
    assert "Een twee drie" in text


# -- headings and anchors ----------------------------------------------------------------------


def test_heading_ids_are_kept_or_made(writer: HtmlWriter) -> None:
    markdown = (
        "# Prestatieafspraken\n\n## Partijen {#partijen-lijst}\n\n## Overwegingen & één\n\n"
        "### Toelichting\n\n## Tweede deel\n\n### Toelichting\n\n## Partijen\n"
    )
    page = doc(render(writer, markdown))
    ids = [h.get("id") for h in page.xpath("//main//*[self::h1 or self::h2 or self::h3]")]
    assert ids == [
        "prestatieafspraken", "partijen-lijst", "overwegingen-een", "toelichting",
        "tweede-deel", "toelichting-2", "partijen",
    ]


def test_slug() -> None:
    assert slug("Beschikbaarheid & betaalbaarheid", "kop") == "beschikbaarheid-betaalbaarheid"
    assert slug("Café Één 2022–2025", "kop") == "cafe-een-2022-2025"
    assert slug("€ !", "kop") == "kop"


def test_slug_never_takes_an_existing_id(writer: HtmlWriter) -> None:
    page = doc(render(writer, "# Kop\n\n## Partijen\n\nTekst\n{#partijen}\n"))
    assert page.xpath("//main//h2")[0].get("id") == "partijen-2"
    assert page.xpath("//main//p")[0].get("id") == "partijen"


def test_duplicate_explicit_id_is_a_template_error(writer: HtmlWriter) -> None:
    with pytest.raises(SjabloonFout, match="'a01'"):
        render(writer, "# Kop\n\nEen\n{#a01}\n\nTwee\n{#a01}\n")


def test_page_id_is_reserved(writer: HtmlWriter) -> None:
    with pytest.raises(SjabloonFout, match="hoofdinhoud"):
        render(writer, "# Kop {#hoofdinhoud}\n")


def test_heading_gap_is_a_template_error(writer: HtmlWriter) -> None:
    with pytest.raises(SjabloonFout, match="'Details'.*h3.*h1"):
        render(writer, "# Titel\n\n### Details\n")


def test_heading_before_the_first_h1_is_a_template_error(writer: HtmlWriter) -> None:
    with pytest.raises(SjabloonFout, match="'Inleiding'"):
        render(writer, "## Inleiding\n\n# Titel\n")


def test_without_h1_the_title_is_the_h1(writer: HtmlWriter) -> None:
    page = doc(render(writer, "## Inleiding\n\n### Meer\n", Documentinfo(titel="Persbericht")))
    h1 = page.xpath("//h1")
    assert len(h1) == 1 and h1[0].text_content() == "Persbericht"
    assert h1[0].xpath("ancestor::header")
    with pytest.raises(SjabloonFout, match="'Diep'"):
        render(writer, "## Inleiding\n\n#### Diep\n")


def test_with_h1_the_header_has_no_heading(writer: HtmlWriter) -> None:
    page = doc(render(writer, "# Titel\n\n## Inleiding\n"))
    assert len(page.xpath("//h1")) == 1
    assert not page.xpath("//header//h1")


# -- blocks ------------------------------------------------------------------------------------


def test_table_of_contents(writer: HtmlWriter) -> None:
    markdown = (
        "# Titel\n\n::: {.inhoud}\n:::\n\n## Een\n\n### Een a\n\n#### Niet erin\n\n"
        "### Een b\n\n## Twee *nadruk*\n"
    )
    page = doc(render(writer, markdown))
    nav = page.xpath("//nav[@aria-label='Inhoudsopgave']")
    assert len(nav) == 1
    top = nav[0].xpath("./ul/li")
    assert [li.xpath("./a")[0].text_content() for li in top] == ["Een", "Twee nadruk"]
    assert [a.text_content() for a in top[0].xpath("./ul/li/a")] == ["Een a", "Een b"]
    ids = {h.get("id") for h in page.xpath("//main//h2 | //main//h3")}
    hrefs = {a.get("href")[1:] for a in nav[0].xpath(".//a")}
    assert hrefs == ids
    assert "Niet erin" not in nav[0].text_content()


def test_table_headers_alignment_and_region(writer: HtmlWriter) -> None:
    markdown = "# Titel\n\n## Cijfers\n\n| Jaar | Aantal |\n|---|--:|\n| 2023 | 1.234 |\n"
    page = doc(render(writer, markdown))
    region = page.xpath("//div[@class='tabel']")[0]
    assert region.get("role") == "region" and region.get("tabindex") == "0"
    assert region.get("aria-label") == "Tabel: Cijfers"
    assert [th.get("scope") for th in region.xpath(".//thead//th")] == ["col", "col"]
    assert not region.xpath(".//tbody//th")
    assert region.xpath(".//td")[1].get("class") == "rechts"
    assert not page.xpath("//main//*[@style or @align]")


def test_row_headers_on_request(writer: HtmlWriter) -> None:
    markdown = "# Titel\n\n::: {.rijkoppen}\n| Nr | Afspraak |\n|---|---|\n| A01 | Bouwen |\n:::\n"
    page = doc(render(writer, markdown))
    th = page.xpath("//tbody//th")
    assert [(t.text_content(), t.get("scope")) for t in th] == [("A01", "row")]


def test_second_table_under_one_heading_gets_a_number(writer: HtmlWriter) -> None:
    table = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    page = doc(render(writer, f"# T\n\n## Cijfers\n\n{table}\n\ntekst\n\n{table}"))
    labels = [d.get("aria-label") for d in page.xpath("//div[@class='tabel']")]
    assert labels == ["Tabel: Cijfers", "Tabel 2: Cijfers"]


def test_fenced_div_classes_are_kept(writer: HtmlWriter) -> None:
    markdown = (
        "# Titel\n\n::: {.titelpagina}\nVoorblad\n:::\n\n::: paginaeinde\n:::\n\n"
        "## Ondertekening\n\n::: {.handtekening #ondertekening}\nAldus overeengekomen.\n:::\n"
    )
    page = doc(render(writer, markdown))
    assert page.xpath("//div[@class='titelpagina']/p")[0].text_content() == "Voorblad"
    assert len(page.xpath("//div[@class='paginaeinde']")) == 1
    assert page.xpath("//div[@class='handtekening' and @id='ondertekening']")


def test_ordered_list_start(writer: HtmlWriter) -> None:
    page = doc(render(writer, "# T\n\n3. drie\n4. vier\n"))
    assert page.xpath("//main//ol")[0].get("start") == "3"


# -- images ------------------------------------------------------------------------------------


def test_inline_svg_is_described_and_clean(writer: HtmlWriter) -> None:
    text = writer.write(parse(voorbeeld.MARKDOWN), voorbeeld.info()).decode("utf-8")
    assert "<?xml" not in text and "<!DOCTYPE svg" not in text
    page = doc(text)
    svg = page.xpath("//figure/svg")
    assert len(svg) == 1
    alt = (
        "Lijndiagram: opgeleverde sociale huurwoningen per jaar, 2022 tot en met 2025, "
        "tegenover het streefgetal."
    )
    assert svg[0].get("role") == "img"
    assert svg[0].get("aria-label") == alt
    assert svg[0][0].tag == "title" and svg[0][0].text == alt
    caption = page.xpath("//figure/figcaption")[0].text_content()
    assert caption == "Figuur 1. Opgeleverde sociale huurwoningen per jaar"
    assert not svg[0].xpath(".//metadata | .//style | .//script")
    assert not [el for el in svg[0].iter() if any(a.startswith("on") for a in el.attrib)]


def test_svg_ids_are_unique_per_chart(writer: HtmlWriter) -> None:
    markdown = "# T\n\n![Eerste](grafiek-nieuwbouw)\n\n![Tweede](grafiek-nieuwbouw)\n"
    text = render(writer, markdown, voorbeeld.info())
    page = doc(text)
    ids = [el.get("id") for el in page.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    first, second = page.xpath("//svg")
    clip = first.xpath(".//*[local-name()='clippath']")[0].get("id")
    assert first.xpath(".//g[@clip-path]")[0].get("clip-path") == f"url(#{clip})"
    other = second.xpath(".//*[local-name()='clippath']")[0].get("id")
    assert clip != other
    assert f'xlink:href="#{clip.replace("p1", "m1")}"' in text


def test_png_only_becomes_data_uri(writer: HtmlWriter) -> None:
    info = Documentinfo(titel="T", afbeeldingen={"kaart": Afbeelding(png=tiny_png(30, 20))})
    page = doc(render(writer, "# T\n\nZie ![Kaart van de wijk](kaart) hier.\n", info))
    img = page.xpath("//main//img")[0]
    assert img.get("src").startswith("data:image/png;base64,iVBOR")
    assert img.get("alt") == "Kaart van de wijk"
    assert (img.get("width"), img.get("height")) == ("30", "20")


def test_an_image_the_build_did_not_make_is_its_text(writer: HtmlWriter) -> None:
    """An image the publication does not hold would show as a broken picture: its text stands
    in its place, as in Word."""
    page = doc(render(writer, "# T\n\nZie ![Logo van de gemeente](logo.png) hier.\n"))
    assert not page.xpath("//main//img")
    assert page.xpath("//main//p")[0].text_content() == "Zie Logo van de gemeente hier."


def test_unsafe_image_source_is_dropped(writer: HtmlWriter) -> None:
    page = doc(render(writer, "# T\n\nEen ![plaatje](javascript:alert(1)) hier.\n"))
    assert not page.xpath("//main//img")
    assert "plaatje" in page.xpath("//main//p")[0].text_content()


# -- concept -----------------------------------------------------------------------------------


def test_concept_banner_and_watermark(writer: HtmlWriter) -> None:
    text = writer.write(parse(voorbeeld.MARKDOWN), voorbeeld.info(concept=True)).decode("utf-8")
    page = doc(text)
    banner = page.xpath("//header//*[contains(@class, 'conceptbalk')]")
    assert banner and "CONCEPT" in banner[0].text_content()
    assert page.xpath("//*[@class='watermerk' and @aria-hidden='true']")
    assert "@top-center" in text
    assert page.xpath("//meta[@name='prestatie.status']")[0].get("content") == "concept"


def test_no_concept_marking_when_final(writer: HtmlWriter) -> None:
    text = writer.write(parse(voorbeeld.MARKDOWN), voorbeeld.info(concept=False)).decode("utf-8")
    page = doc(text)
    assert not page.xpath("//*[contains(@class, 'conceptbalk') or contains(@class, 'watermerk')]")
    assert "CONCEPT" not in page.find("body").text_content()
    assert "@top-center {" not in text.split("</style>", 1)[1]


def test_dutch_date() -> None:
    assert dutch_date(dt.datetime(2025, 3, 1, 23, 30, tzinfo=dt.timezone.utc)) == "1 maart 2025"
    # a moment given in another zone counts in UTC, as the build date does
    later = dt.datetime(2025, 3, 2, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert dutch_date(later) == "1 maart 2025"


def test_info_defaults_give_a_valid_page(writer: HtmlWriter) -> None:
    page = doc(render(writer, "Alleen tekst.\n", Documentinfo(titel="T")))
    assert page.xpath("//header//h1")[0].text_content() == "T"
    assert not page.xpath("//meta[@name='generator']")


def test_no_contents_without_chapters(writer: HtmlWriter) -> None:
    page = doc(render(writer, "# Titel\n\n::: inhoud\n:::\n\nAlleen tekst.\n"))
    assert not page.xpath("//nav")
    assert "Alleen tekst." in page.xpath("//main")[0].text_content()
