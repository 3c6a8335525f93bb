"""HTML as text: the tree of HTML elements written out by hand, and the small text rules it
keeps. Tags and attribute names are the writer's own; every text and attribute value is
escaped, and control characters HTML does not allow are dropped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from ..gedeeld import zonder_stuurtekens


HEADINGS = {f"h{n}": n for n in range(1, 7)}
VOID = {"br", "hr", "img"}
# Elements written on their own line; everything else is inline and written as it comes.
BLOCK = {
    "div", "nav", "figure", "figcaption", "p", "ul", "ol", "li", "table", "thead", "tbody",
    "tr", "th", "td", "blockquote", "hr", "pre", "details", "summary", *HEADINGS,
}


def is_blank(text: str | None) -> bool:
    return not (text or "").strip()


def clean(text: str | None) -> str | None:
    return zonder_stuurtekens(text) if text else text


def append_text(parent: ET.Element, text: str | None) -> None:
    """Add text at the current end of ``parent`` (after its last child, or as its text)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _shown(text: str) -> str:
    return escape(text, quote=False)


def serialise(root: ET.Element) -> str:
    out: list[str] = []
    _write(root, out, in_svg=False)
    return "".join(out)


def _write(el: ET.Element, out: list[str], in_svg: bool) -> None:
    """Write one element: tags and attribute names are ours, every value is escaped."""
    tag = el.tag
    in_svg = in_svg or tag == "svg"
    block = tag in BLOCK and not in_svg
    if block and out and not out[-1].endswith("\n"):
        out.append("\n")
    out.append("<" + tag)
    for name, value in el.attrib.items():
        out.append(f' {name}="{escape(value, quote=True)}"')
    if in_svg and len(el) == 0 and not el.text:
        out.append("/>")
    elif tag in VOID:
        out.append(">")
    else:
        out.append(">")
        text = el.text or ""
        if tag == "pre" and text.startswith("\n"):
            text = "\n" + text  # the HTML parser drops one leading newline in <pre>
        if text:
            out.append(escape(text, quote=False) if in_svg or tag in ("pre", "title") else _shown(text))
        for child in el:
            _write(child, out, in_svg)
        out.append(f"</{tag}>")
    if block:
        out.append("\n")
    if el.tail and not (block and el.tail.isspace()):  # whitespace after a block is not shown
        out.append(_shown(el.tail) if not in_svg or tag == "svg" else escape(el.tail, quote=False))
