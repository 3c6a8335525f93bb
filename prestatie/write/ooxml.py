"""Low-level WordprocessingML helpers for the Word writer and the house-style generator.

Everything here is plain lxml on python-docx's element classes: elements in schema order,
fields, bookmark names, style names for messages, column widths, list definitions, the
CONCEPT watermark, header and footer, document properties (the zip itself: ``package``).
Nothing here knows about the Markdown tree.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import re
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml
from lxml import etree

from ..core.tekst import lijst_past, past

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

VML_NS = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


@functools.cache
def _clark(name: str) -> str:
    return qn(name)


def sub(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    """Append a ``w:`` child ``tag`` (prefixed name, e.g. 'w:r') with ``w:`` attributes."""
    child = etree.SubElement(parent, _clark(tag))
    for key, value in attrs.items():
        child.set(_clark("w:" + key), str(value))
    return child


def new(tag: str, **attrs: str | int) -> etree._Element:
    """A detached element ``tag`` with ``w:`` attributes."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn("w:" + key), str(value))
    return element


def text_run(parent: etree._Element, text: str, rpr: etree._Element | None = None) -> etree._Element:
    """Append ``<w:r>`` holding ``text``; ``rpr`` is copied into it when given."""
    r = _run(parent, rpr)
    t = sub(r, "w:t")
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(XML_SPACE, "preserve")
    return r


def _run(parent: etree._Element, rpr: etree._Element | None) -> etree._Element:
    r = sub(parent, "w:r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    return r


def run_properties(style_id: str | None = None, bold: bool = False, italic: bool = False,
                   color: str | None = None) -> etree._Element | None:
    """``<w:rPr>`` with children in schema order, or None when nothing is set."""
    if not (style_id or bold or italic or color):
        return None
    rpr = new("w:rPr")
    if style_id:
        sub(rpr, "w:rStyle", val=style_id)
    if bold:
        sub(rpr, "w:b")
    if italic:
        sub(rpr, "w:i")
    if color:
        sub(rpr, "w:color", val=color)
    return rpr


def field(parent: etree._Element, instr: str, result: str = "",
          rpr: etree._Element | None = None) -> None:
    """Append a complex field (begin, code, separate, cached result, end) as runs."""
    field_begin(parent, instr, rpr)
    if result:
        text_run(parent, result, rpr)
    field_end(parent, rpr)


def field_begin(parent: etree._Element, instr: str, rpr: etree._Element | None = None) -> None:
    """Open a field; its result may span several paragraphs (a table of contents)."""
    sub(_run(parent, rpr), "w:fldChar", fldCharType="begin")
    code = sub(_run(parent, rpr), "w:instrText")
    code.text = f" {instr} "
    code.set(XML_SPACE, "preserve")
    sub(_run(parent, rpr), "w:fldChar", fldCharType="separate")


def field_end(parent: etree._Element, rpr: etree._Element | None = None) -> None:
    """Close a field opened with ``field_begin``."""
    sub(_run(parent, rpr), "w:fldChar", fldCharType="end")


# -- bookmarks ----------------------------------------------------------------------------

_VALID_BOOKMARK = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


def bookmark_name(ident: str) -> str:
    """A Word bookmark name for an HTML id: the id itself when valid, else a stable mapping.

    Word wants a letter first, only letters, digits and '_', at most 40 characters. An id
    that breaks a rule is cleaned, cut to 31 characters and given '_' plus 8 hex digits of
    its SHA-1, so two different ids never meet and the same id always maps the same way
    (a link from another document computes the same name).
    """
    if _VALID_BOOKMARK.match(ident):
        return ident
    clean = re.sub(r"[^A-Za-z0-9_]", "_", ident)
    if not clean[:1].isalpha():
        clean = "b" + clean
    digest = hashlib.sha1(ident.encode("utf-8")).hexdigest()[:8]
    return f"{clean[:31]}_{digest}"


# -- style names ------------------------------------------------------------------------

DUTCH_NAMES = {
    "normal": "Standaard", "title": "Titel", "subtitle": "Ondertitel", "quote": "Citaat",
    "signature": "Handtekening", "list bullet": "Lijstopsommingteken",
    "list number": "Lijstnummering", "list continue": "Lijstvervolg",
    "toc heading": "Kop van inhoudsopgave", "header": "Koptekst", "footer": "Voettekst",
    "hyperlink": "Hyperlink", **{f"heading {n}": f"Kop {n}" for n in range(1, 10)},
    **{f"toc {n}": f"Inhopg {n}" for n in range(1, 10)},
}
"""How Dutch Word shows the built-in styles the writer uses, for error messages."""

TYPE_NAMES = {"character": "tekenstijl", "table": "tabelstijl"}


def style_label(name: str, kind: str = "paragraph") -> str:
    """A style as the error message names it: Dutch Word's name, with the stored name."""
    dutch = DUTCH_NAMES.get(name.lower())
    label = f"'{dutch}' ({name})" if dutch and dutch.lower() != name.lower() else f"'{name}'"
    return f"{label} ({TYPE_NAMES[kind]})" if kind in TYPE_NAMES else label


# -- ordering -----------------------------------------------------------------------------

PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
"""The children of w:pPr in schema order."""

SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView "
    "trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace "
    "updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr "
    "attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
).split()


def set_in_order(parent: etree._Element, tag: str, order: list[str], **attrs: str) -> etree._Element:
    """Get or insert the ``w:`` child ``tag`` where the schema's sequence ``order`` puts it."""
    existing = parent.find(qn("w:" + tag))
    if existing is not None:
        child = existing
    else:
        child = new("w:" + tag)
        later = set(order[order.index(tag) + 1 :])
        for i, sibling in enumerate(parent):
            if etree.QName(sibling).localname in later:
                parent.insert(i, child)
                break
        else:
            parent.append(child)
    for key, value in attrs.items():
        child.set(qn("w:" + key), value)
    return child


# -- list definitions ---------------------------------------------------------------------

BULLETS = ("\u2022", "\u2013", "\u2022", "\u2013", "\u2022", "\u2013", "\u2022", "\u2013", "\u2022")
NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman") * 3
INDENT_STEP = 360  # twips per list level; the hanging indent holds the number or bullet


def abstract_num_xml(abstract_id: int, ordered: bool) -> str:
    """A nine-level list definition: bullets (•, –) or numbers (1., a., i.)."""
    name = "Nummering" if ordered else "Opsomming"
    nsid = "5052%04X" % (2 if ordered else 1)
    levels = []
    for lvl in range(9):
        if ordered:
            fmt, text = NUMBER_FORMATS[lvl], f"%{lvl + 1}."
        else:
            fmt, text = "bullet", BULLETS[lvl]
        levels.append(
            f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT_STEP * (lvl + 1)}" w:hanging="{INDENT_STEP}"/></w:pPr>'
            "</w:lvl>"
        )
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="{name}"/>' + "".join(levels) + "</w:abstractNum>"
    )


def level_indent(abstract_num: etree._Element, level: int) -> int:
    """The left indent (twips) of one level of a list definition, for continuation text."""
    for lvl in abstract_num.findall(qn("w:lvl")):
        if lvl.get(qn("w:ilvl")) == str(level):
            ind = lvl.find(f"{qn('w:pPr')}/{qn('w:ind')}")
            if ind is not None:
                value = ind.get(qn("w:left")) or ind.get(qn("w:start"))
                if value and value.lstrip("-").isdigit():
                    return int(value)
    return INDENT_STEP * (level + 1)


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
                      concept: bool, font: str, title_page: bool = False) -> None:
    """``text`` above, 'pagina X van Y' below; with ``concept`` CONCEPT on every page.

    The reference's own headers go: one header for all pages (no different first page)
    keeps the CONCEPT marking on each of them.
    """
    section = document.sections[-1]
    sect_pr = section._sectPr
    for ref in sect_pr.findall(qn("w:headerReference")) + sect_pr.findall(qn("w:footerReference")):
        sect_pr.remove(ref)
        document.part.drop_rel(ref.get(qn("r:id")))
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
        _only_paragraph(section.first_page_footer._element, footer_style)

    p = _only_paragraph(section.footer._element, footer_style)
    text_run(p, "pagina ")
    field(p, "PAGE", "1")
    text_run(p, " van ")
    field(p, "NUMPAGES", "1")


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
    core.content_status = "Concept" if info.concept else "Definitief"
    core.comments = ""
    core.identifier = ""
    core.created = core.modified = core.last_printed = moment
    core.revision = 1
    core.last_modified_by = "prestatie"

    package = document.part.package
    _package_part(package, RT.CUSTOM_PROPERTIES, "/docProps/custom.xml",
                  CT.OFC_CUSTOM_PROPERTIES,
                  custom_properties_xml({
                      "Versie": info.versie, "Soort": info.soort,
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


# -- deterministic zip --------------------------------------------------------------------

def utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC without tzinfo; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment
