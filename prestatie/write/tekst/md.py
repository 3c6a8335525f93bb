"""The Markdown writer: the rendered Markdown as any CommonMark or GFM renderer shows it.

The templates speak a little more than CommonMark: fenced divs (``::: {.klasse}``) and
attribute lists (``{#id}``, ``{: .klasse}``) that name Word styles and HTML classes. Those
are hints for prestatie's own writers; a forge, a CMS or a Markdown viewer would show them as
literal text. So the ``.md`` file keeps the text and drops the hints: a div's lines go, its
content stays; a heading's id becomes an empty HTML anchor before it, so that links to
``#a01`` keep working; a class on a paragraph goes. Code blocks are left as they are.
"""

from __future__ import annotations

import re

import xml.etree.ElementTree as ET

from ...load.sjablonen import Sjablonen
from ...render.document import Documentinfo, colofon

_ALS = "as written, without the div's lines"
KLASSEN: dict[str, str] = {
    "titelpagina": _ALS, "inhoud": "nothing (a Markdown viewer lists headings itself)",
    "handtekening": _ALS, "kader": _ALS, "citaat": _ALS, "noot": _ALS,
    "paginaeinde": "nothing: Markdown has no pages", "samenvatting": _ALS, "klein": _ALS,
    "persbericht": _ALS, "dateline": _ALS, "embargo": _ALS, "lead": _ALS, "feiten": _ALS,
    "tekenregel": _ALS,
    "status": "as written", "bereik": "as written", "symbool": "as written",
    "bedrag": "as written", "datum": "as written", "termijn": "as written",
    "uitlijning:left": ":---", "uitlijning:center": ":---:", "uitlijning:right": "---:",
}
"""How the Markdown writer renders each class of the vocabulary (``parse.klassen``): the
rendered Markdown keeps every word; a class was only a hint for the other writers."""
_FENCED_DIV = re.compile(r"^ {0,3}:{3,}(?:\s*\{[^}\n]*\}|\s*[\w-]+)?\s*$")
_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING_ATTRS = re.compile(r"^(?P<head> {0,3}#{1,6}\s.*?)\s*(?<!\\)\{(?P<attrs>[^{}\n]*)\}\s*$")
_ATTR_LINE = re.compile(r"^ {0,3}\{:?\s*[.#][^{}\n]*\}\s*$")
_TRAILING_ATTRS = re.compile(r"(?<!\\)\s*\{:\s*[^{}\n]*\}\s*$")
_ID = re.compile(r"#([\w-]+)")


def portable(markdown: str) -> str:
    """``markdown`` without fenced divs and attribute lists; everything else as written."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        m = _CODE_FENCE.match(line)
        if fence is not None:
            out.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        if _FENCED_DIV.match(line) or _ATTR_LINE.match(line):
            out.append("")
            continue
        h = _HEADING_ATTRS.match(line)
        if h:
            ident = _ID.search(h.group("attrs"))
            if ident:
                out += [f'<a id="{ident.group(1)}"></a>', ""]
            out.append(h.group("head"))
            continue
        out.append(_TRAILING_ATTRS.sub("", line))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text + "\n"


class MdWriter:
    """Writes the rendered Markdown as portable Markdown, with the colophon line at the end."""

    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "MdWriter":
        return cls()

    def write(self, tree: ET.Element, info: Documentinfo, markdown: str = "") -> bytes:
        text = portable(markdown)
        if colofon(info):
            text += f"\n---\n\n*{colofon(info)}*\n"
        return text.encode("utf-8")
