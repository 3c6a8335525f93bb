"""Plain-text writer: the parsed tree as text for e-mail and press portals.

No Markdown marks survive: emphasis is just its text, headings are their own line, list
items start with a bullet, a link is "text (url)". One paragraph is one line, because mail
programs and press portals wrap text themselves; blocks are separated by one blank line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...parse import plain_text
from ...load.sjablonen import Sjablonen
from ...render.document import Documentinfo
from ..gedeeld import zonder_stuurtekens

HEADINGS = {f"h{n}" for n in range(1, 7)}
_BLOK, _TEKST = "its blocks, as any other div", "its text"
KLASSEN: dict[str, str] = {
    "titelpagina": _BLOK, "inhoud": "nothing: a mail has no page numbers to list",
    "handtekening": _BLOK, "kader": _BLOK, "citaat": _BLOK, "noot": _BLOK,
    "paginaeinde": "nothing: plain text has no pages", "samenvatting": _BLOK, "klein": _BLOK,
    "persbericht": _BLOK, "dateline": _BLOK, "embargo": _BLOK, "lead": _BLOK, "feiten": _BLOK,
    "tekenregel": _BLOK,
    "status": "its symbol and word", "bereik": _TEKST, "symbool": _TEKST, "bedrag": _TEKST,
    "datum": _TEKST, "termijn": _TEKST,
    "uitlijning:left": "none", "uitlijning:center": "none", "uitlijning:right": "none",
}
"""How plain text renders each class of the vocabulary (``parse.klassen``): as its words."""
BULLET = "• "
RULE = "—" * 20
INDENT = "  "
_BREAK = "\ue000"  # a hard line break (<br>) while soft line ends are still being collapsed
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


class TxtWriter:
    """Writes a document as UTF-8 plain text with LF line ends and a final newline."""


    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "TxtWriter":
        return cls()

    def write(self, tree: ET.Element, info: Documentinfo, markdown: str = "") -> bytes:
        """The text of one document; the same tree gives the same bytes."""
        blocks = _blocks(tree, depth=0)
        text = "\n\n".join(b for b in blocks if b.strip())
        lines = [line.rstrip() for line in text.split("\n")]
        return ("\n".join(lines).strip("\n") + "\n").encode("utf-8")


def _blocks(parent: ET.Element, depth: int) -> list[str]:
    """The blocks under ``parent``, each a string that may span lines (lists)."""
    out: list[str] = []
    if parent.text and parent.text.strip():
        out.append(_collapse(_clean(parent.text)))
    for el in parent:
        out.extend(_block(el, depth))
        if el.tail and el.tail.strip():
            out.append(_collapse(_clean(el.tail)))
    return out


def _block(el: ET.Element, depth: int) -> list[str]:
    tag = el.tag
    if tag in ("div", "blockquote"):
        return _blocks(el, depth)
    if tag in HEADINGS or tag == "p":
        return [_inline_element(el)]
    if tag in ("ul", "ol"):
        return [_list(el, depth)]
    if tag == "hr":
        return [RULE]
    if tag == "pre":
        return [_clean(plain_text(el)).strip("\n")]
    if tag == "table":
        return [_table(el)]
    # Inline content where a block was expected: treat it as a paragraph of its own.
    wrapper = ET.Element("p")
    copy = ET.SubElement(wrapper, el.tag, dict(el.attrib))
    copy.text = el.text
    copy.extend(list(el))
    return [_inline_element(wrapper)]


def _list(el: ET.Element, depth: int) -> str:
    lines: list[str] = []
    number = int(el.get("start", "1")) if (el.get("start") or "1").isdigit() else 1
    for li in el:
        if li.tag != "li":
            continue
        mark = f"{number}. " if el.tag == "ol" else BULLET
        number += 1
        pad = INDENT * depth
        inline, nested = _list_item(li, depth)
        first, *rest = inline or [""]
        lines.append(pad + mark + first)
        lines.extend(pad + " " * len(mark) + r for r in rest)
        lines.extend(nested)
    return "\n".join(lines)


def _list_item(li: ET.Element, depth: int) -> tuple[list[str], list[str]]:
    """The paragraphs of a list item (one line each) and the lines of its nested lists."""
    paragraphs: list[str] = []
    nested: list[str] = []
    run = ET.Element("p")  # inline content collected until the next block child
    run.text = li.text
    for child in li:
        if child.tag in ("ul", "ol"):
            _flush(run, paragraphs)
            run = ET.Element("p")
            nested.append(_list(child, depth + 1))
            run.text = child.tail
        elif child.tag in ("p", "div", "blockquote", "pre", "table", *HEADINGS):
            _flush(run, paragraphs)
            run = ET.Element("p")
            paragraphs.extend(b for b in _block(child, depth + 1) if b.strip())
            run.text = child.tail
        else:
            copy = ET.SubElement(run, child.tag, dict(child.attrib))
            copy.text, copy.tail = child.text, child.tail
            copy.extend(list(child))
    _flush(run, paragraphs)
    return paragraphs, nested


def _flush(run: ET.Element, paragraphs: list[str]) -> None:
    text = _inline_element(run)
    if text:
        paragraphs.append(text)


def _table(el: ET.Element) -> str:
    rows = []
    for tr in el.iter("tr"):
        cells = [_inline_element(c) for c in tr if c.tag in ("th", "td")]
        rows.append(" · ".join(cells))
    return "\n".join(rows)


def _inline_element(el: ET.Element) -> str:
    """The running text of one block: whitespace collapsed, line breaks kept."""
    text = _inline_children(el)
    lines = [_collapse(line) for line in text.split(_BREAK)]
    return "\n".join(line for line in lines if line)


def _inline_children(el: ET.Element) -> str:
    """The text of an element and its inline children, in reading order."""
    parts: list[str] = []
    _inline(el.text, parts)
    for child in el:
        _inline_node(child, parts)
        _inline(child.tail, parts)
    return "".join(parts)


def _inline_node(el: ET.Element, parts: list[str]) -> None:
    tag = el.tag
    if tag == "br":
        parts.append(_BREAK)
        return
    if tag == "img":
        alt = el.get("alt") or ""
        parts.append(alt)
        return
    text = _inline_children(el)
    if tag == "a":
        href = (el.get("href") or "").strip()
        shown = _collapse(text)
        if _link_worth_showing(href, shown):
            text = f"{text} ({href})"
    parts.append(text)


def _link_worth_showing(href: str, text: str) -> bool:
    """Only an absolute address a reader can use, and only when the text does not say it."""
    low = href.lower()
    if not low.startswith(("http://", "https://", "mailto:")):
        return False  # fragments and relative links mean nothing outside the document
    bare = href.split(":", 1)[1] if low.startswith("mailto:") else href
    return text not in (href, bare, bare.removeprefix("//"), re.sub(r"^https?://", "", href))


def _inline(text: str | None, parts: list[str]) -> None:
    if text:
        parts.append(_clean(text))


def _clean(text: str) -> str:
    return zonder_stuurtekens(text.replace("\t", " ").replace(_BREAK, ""))


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
