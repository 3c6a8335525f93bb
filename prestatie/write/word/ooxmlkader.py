"""What surrounds the body of a Word document: the CONCEPT watermark, the page header and
footer ('pagina X van Y'), and the document's properties (core, extended, custom, language),
as plain lxml on python-docx's element classes, from the document information only."""

from __future__ import annotations

from collections import Counter
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from lxml import etree

from ...core.tekst import lijst_past, past
from ..gedeeld import utc
from .ooxml import (
    SETTINGS_ORDER,
    field,
    run_properties,
    set_in_order,
    sub,
    text_run,
)

VML_NS = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


# -- the CONCEPT watermark ------------------------------------------------------------------

def watermark_run(text: str, font: str) -> etree._Element:
    """A run with Word's own kind of text watermark: grey, diagonal, behind the text.

    It is VML (what Word itself writes for Design > Watermark), which LibreOffice also reads
    and prints; placed in the header it appears on every page.
    """
    text, font = escape(text, {'"': "&quot;"}), escape(font, {'"': "&quot;"})
    return parse_xml(
        f'<w:r {nsdecls("w")} {VML_NS}><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
        '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
        '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
        '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
        '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
        '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
        '<v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
        'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
        '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
        '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;'
        "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#bfbfbf" '
        'stroked="f"><v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>'
    )


# -- document properties ------------------------------------------------------------------

def custom_properties_xml(props: dict[str, str]) -> bytes:
    """docProps/custom.xml with string properties, in the given order."""
    items = "".join(
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
        f'pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode("utf-8")


def app_properties_xml(application: str) -> bytes:
    """A minimal docProps/app.xml: no page or word counts that would go stale."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(application)}</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode("utf-8")


# -- header, footer and properties of a python-docx Document ------------------------------

def set_header_footer(document, header_style: str, footer_style: str, text: str,
                      concept: bool, font: str, title_page: bool = False,
                      paraaf: tuple[str, ...] = ()) -> None:
    """``text`` above, 'pagina X van Y' below; with ``concept`` CONCEPT on every page; with
    ``paraaf`` (a copy for signing) a box to initial per party above the page number, the
    title page included.

    The reference's own headers go: one header for all pages (no different first page)
    keeps the CONCEPT marking on each of them.
    """
    section = document.sections[-1]
    sect_pr = section._sectPr
    refs = sect_pr.findall(qn("w:headerReference")) + sect_pr.findall(qn("w:footerReference"))
    for ref in refs:
        sect_pr.remove(ref)
    # What python-docx's drop_rel does, with the document's references counted once, not per
    # header (each count reads the whole body): a relationship still referred to stays.
    counts = Counter(document.part.element.xpath("//@r:id"))
    for ref in refs:
        if counts[ref.get(qn("r:id"))] < 2:
            del document.part.rels[ref.get(qn("r:id"))]
    title_pg = sect_pr.find(qn("w:titlePg"))
    if title_pg is not None:
        sect_pr.remove(title_pg)
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False

    p = _only_paragraph(section.header._element, header_style)
    if concept:
        p.append(watermark_run("CONCEPT", font))
        text_run(p, "CONCEPT", run_properties(bold=True, color="C00000"))
        text_run(p, " · ")
    text_run(p, text)

    if title_page:
        # A title page has no running header (but still the CONCEPT watermark) and no footer.
        section.different_first_page_header_footer = True
        first = _only_paragraph(section.first_page_header._element, None)
        if concept:
            first.append(watermark_run("CONCEPT", font))
            text_run(first, "CONCEPT", run_properties(bold=True, color="C00000"))
        first = _only_paragraph(section.first_page_footer._element, footer_style)
        if paraaf:
            first.addprevious(paraaf_table(paraaf, footer_style, _text_width(section)))

    p = _only_paragraph(section.footer._element, footer_style)
    if paraaf:
        p.addprevious(paraaf_table(paraaf, footer_style, _text_width(section)))
    text_run(p, "pagina ")
    field(p, "PAGE", "1")
    text_run(p, " van ")
    field(p, "NUMPAGES", "1")


PARAAF_PER_ROW = 8
"""At most this many boxes side by side; more parties take a second row."""
PARAAF_BOX = 397  # twips (0.7 cm): the height of a box to initial


def _text_width(section) -> int:
    """The section's text width in twips (16 cm when it cannot be read)."""
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    return int(width) // 635 if width > 0 else 9072


def paraaf_table(names: tuple[str, ...], style_id: str, width: int) -> etree._Element:
    """A footer table: 'Paraaf' and per party its short name above an empty box."""
    per_row = min(len(names), PARAAF_PER_ROW)
    label = 1000
    cell = (width - label) // per_row
    rows = [names[i:i + per_row] for i in range(0, len(names), per_row)]
    line = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="595959"/>'

    def para(text: str, size: int = 12) -> str:
        return (f'<w:p><w:pPr><w:pStyle w:val="{escape(style_id)}"/><w:spacing w:before="0" w:after="0"/>'
                f'<w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>') if text else (
                f'<w:p><w:pPr><w:pStyle w:val="{escape(style_id)}"/><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>')

    def tc(content: str, w: int, box: bool) -> str:
        borders = ("<w:tcBorders>" + "".join(line.format(s) for s in ("top", "left", "bottom", "right"))
                   + "</w:tcBorders>") if box else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{borders}</w:tcPr>{content}</w:tc>'

    xml = []
    for n, row in enumerate(rows):
        first = tc(para("Paraaf" if n == 0 else "", 14), label, False)
        xml.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>' + first
                   + "".join(tc(para(name), cell, False) for name in row)
                   + "".join(tc(para(""), cell, False) for _ in range(per_row - len(row))) + "</w:tr>")
        xml.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{PARAAF_BOX}" w:hRule="exact"/></w:trPr>'
                   + tc(para(""), label, False)
                   + "".join(tc(para(""), cell, True) for _ in row)
                   + "".join(tc(para(""), cell, False) for _ in range(per_row - len(row))) + "</w:tr>")
    grid = f'<w:gridCol w:w="{label}"/>' + f'<w:gridCol w:w="{cell}"/>' * per_row
    return parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{label + cell * per_row}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(xml)}</w:tbl>')


def _only_paragraph(story: etree._Element, style_id: str | None) -> etree._Element:
    for child in list(story):
        story.remove(child)
    p = sub(story, "w:p")
    if style_id:
        sub(sub(p, "w:pPr"), "w:pStyle", val=style_id)
    return p


def set_properties(document, info) -> None:
    """Core, extended and custom properties, language and field update, from ``info`` only.

    Every date is ``info.datum`` (never the clock), so the same input gives the same bytes.
    """
    moment = utc(info.datum)
    core = document.core_properties
    core.title = past(info.titel)
    core.subject = past(info.onderwerp)
    core.author = lijst_past(info.auteurs)
    core.keywords = lijst_past(info.trefwoorden)
    core.version = past(info.versie)
    core.language = info.taal
    core.category = info.soort
    core.content_status = info.status_label
    core.comments = ""
    core.identifier = ""
    core.created = core.modified = core.last_printed = moment
    core.revision = 1
    core.last_modified_by = "prestatie"

    package = document.part.package
    _package_part(package, RT.CUSTOM_PROPERTIES, "/docProps/custom.xml",
                  CT.OFC_CUSTOM_PROPERTIES,
                  custom_properties_xml({
                      "Versie": info.versie, "Soort": info.soort, "Status": info.status_label,
                      **({"Commit": info.commit,
                          "Niet vastgelegde wijzigingen": "ja" if info.gewijzigd else "nee"}
                         if info.commit else {}),
                      **({"Generator": info.generator} if info.generator else {}),
                  }))
    _package_part(package, RT.EXTENDED_PROPERTIES, "/docProps/app.xml",
                  CT.OFC_EXTENDED_PROPERTIES, app_properties_xml(info.generator or "prestatie"))
    for rel in list(package.rels.values()):
        if rel.reltype == RT.THUMBNAIL:  # a picture of the reference would mislead
            del package.rels[rel.rId]

    # No updateFields: Word would ask on every opening whether to update the fields. The table
    # of contents' page numbers LibreOffice computes itself (docxinhoud.py); Word after F9.
    settings = document.settings.element
    set_in_order(settings, "themeFontLang", SETTINGS_ORDER, val=info.taal)
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is not None:
        lang.set(qn("w:val"), info.taal)


def _package_part(package, reltype: str, partname: str, content_type: str, blob: bytes) -> None:
    """Replace the package-level part of ``reltype`` or add it."""
    for rel in package.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            rel.target_part._blob = blob
            return
    part = Part(PackURI(partname), content_type, blob, package)
    package.relate_to(part, reltype)
