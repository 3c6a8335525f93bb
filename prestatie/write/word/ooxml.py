"""Low-level WordprocessingML helpers for the Word writer and the house-style generator.

Everything here is plain lxml on python-docx's element classes: elements in schema order,
fields, bookmark names, style names for messages, column widths, list definitions. What
surrounds the body (watermark, header and footer, document properties) is in ``ooxmlkader``,
the zip itself in ``package``. Nothing here knows about the Markdown tree.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
from typing import Any, Callable

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from lxml import etree


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@functools.cache
def _clark(name: str) -> str:
    return qn(name)


def sub(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    """Append a ``w:`` child ``tag`` (prefixed name, e.g. 'w:r') with ``w:`` attributes (in the
    order given, set in one call: this runs for every run and paragraph of a document)."""
    if not attrs:
        return etree.SubElement(parent, _clark(tag))
    return etree.SubElement(parent, _clark(tag), {_clark("w:" + k): str(v) for k, v in attrs.items()})


def clone(parent: etree._Element, protos: dict[tuple, etree._Element], key: tuple,
          make: Callable[..., etree._Element], *args: Any) -> etree._Element:
    """Append a copy of ``make(*args)``, made once per document and kept in ``protos`` under
    ``key``: lxml copies an element with its children and attributes in one step, where
    making them one by one costs a call each (thousands of paragraphs, runs and cells)."""
    proto = protos.get(key)
    if proto is None:
        proto = protos[key] = make(*args)
    element = proto.__copy__()
    parent.append(element)
    return element


def new(tag: str, **attrs: str | int) -> etree._Element:
    """A detached element ``tag`` with ``w:`` attributes."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn("w:" + key), str(value))
    return element


def paragraph(style_id: str | None, page_break: bool, num: tuple[int, int] | None,
               spacing: int | None, indent: int | None, align: str | None) -> etree._Element:
    """An empty paragraph with these properties, in schema order (the Word writer copies it)."""
    p = new("w:p")
    ppr = sub(p, "w:pPr")
    if style_id is not None:
        sub(ppr, "w:pStyle", val=style_id)
    if page_break:
        sub(ppr, "w:pageBreakBefore")
    if num is not None:
        num_pr = sub(ppr, "w:numPr")
        sub(num_pr, "w:ilvl", val=num[0])
        sub(num_pr, "w:numId", val=num[1])
    if spacing is not None:
        sub(ppr, "w:spacing", before=spacing)
    if indent is not None:
        sub(ppr, "w:ind", left=indent)
    if align:
        sub(ppr, "w:jc", val=align)
    return p


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


# -- deterministic zip --------------------------------------------------------------------
