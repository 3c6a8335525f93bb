"""Markdown, parsed once: the one tree every writer reads.

The tree is Python-Markdown's ElementTree after its inline pass, with three changes that
make it safe for text from YAML:

- raw HTML is never interpreted: it stays text (and is escaped by every writer);
- a link becomes a link only for http(s), mailto, a fragment (#a01) or a relative file;
  any other scheme (javascript:, data:, file:) keeps its text and loses the link;
- pandoc-style fenced divs (``::: {.klasse}`` … ``:::``) group blocks under a class, which
  names a CSS class in HTML and a paragraph style in Word (see ``STIJLEN`` in the Word writer).

The vocabulary of the tree (what the writers must handle) is documented in ``ELEMENTEN``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from functools import lru_cache

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ELEMENTEN = {
    # block level
    "div": "root (class 'document') or a fenced div (attribute class)",
    "h1": "heading; id from {#id}", "h2": "", "h3": "", "h4": "", "h5": "", "h6": "",
    "p": "paragraph; may carry class from {.klasse}",
    "ul": "bulleted list of li", "ol": "numbered list of li; attribute start",
    "li": "list item: inline content or block children (p, ul, ol)",
    "table": "thead/tbody of tr; th/td with attribute align",
    "thead": "", "tbody": "", "tr": "", "th": "", "td": "",
    "blockquote": "quotation (block children)",
    "hr": "horizontal rule",
    "pre": "preformatted (holds code)",
    # inline
    "a": "link: href", "em": "", "strong": "", "code": "", "br": "line break",
    "img": "image: src, alt, title",
}

_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def link_is_safe(href: str) -> bool:
    """True for http(s)/mailto links, fragments and relative links; false for other schemes."""
    m = _SCHEME.match(href)
    if not m:
        return not href.strip().startswith("//")
    return (m.group(1).lower() + ":") in _SAFE_SCHEMES


class FencedDivProcessor(BlockProcessor):
    """``::: {.klasse #id}`` … ``:::`` → ``<div class="klasse" id="id">`` (nesting allowed)."""

    OPEN = re.compile(r"^:{3,}\s*\{([^}\n]*)\}\s*$|^:{3,}\s*([\w-]+)\s*$")
    CLOSE = re.compile(r"^:{3,}\s*$")

    def test(self, parent: ET.Element, block: str) -> bool:
        return bool(self.OPEN.match(block.split("\n", 1)[0]))

    def run(self, parent: ET.Element, blocks: list[str]) -> bool:
        text = "\n\n".join(blocks)
        lines = text.split("\n")
        m = self.OPEN.match(lines[0])
        assert m
        attrs = m.group(1) if m.group(1) is not None else "." + m.group(2)
        depth, end = 1, None
        for i, line in enumerate(lines[1:], start=1):
            if self.OPEN.match(line):
                depth += 1
            elif self.CLOSE.match(line):
                depth -= 1
                if depth == 0:
                    end = i
                    break
        if end is None:  # unclosed: treat the opening line as text
            return False
        inner = "\n".join(lines[1:end]).strip("\n")
        rest = "\n".join(lines[end + 1 :]).strip("\n")
        del blocks[:]
        if rest:
            blocks.extend(rest.split("\n\n"))
        div = ET.SubElement(parent, "div")
        classes, ident = [], None
        for token in attrs.split():
            if token.startswith("."):
                classes.append(token[1:])
            elif token.startswith("#"):
                ident = token[1:]
        if classes:
            div.set("class", " ".join(classes))
        if ident:
            div.set("id", ident)
        self.parser.parseChunk(div, inner)
        return True


class _Capture(Treeprocessor):
    """Keeps the finished tree and drops unsafe links before serialisation."""

    def run(self, root: ET.Element) -> None:
        for code in root.iter("code"):  # code spans come HTML-escaped; every other text is plain
            if code.text:
                code.text = html.unescape(code.text)
        for parent in root.iter():
            for i, child in enumerate(list(parent)):
                if child.tag == "a" and not link_is_safe(child.get("href", "")):
                    span_text = "".join(child.itertext())
                    _replace_with_text(parent, i, child, span_text)
        self.md.tree = root  # type: ignore[attr-defined]


def _replace_with_text(parent: ET.Element, index: int, child: ET.Element, text: str) -> None:
    tail = text + (child.tail or "")
    parent.remove(child)
    if index == 0:
        parent.text = (parent.text or "") + tail
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + tail


class PrestatieExtension(Extension):
    """Safe Markdown for prestatie: no raw HTML, safe links, fenced divs."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        for name in ("html", "entity", "automail"):
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        md.parser.blockprocessors.register(FencedDivProcessor(md.parser), "fenced_div", 95)
        md.treeprocessors.register(_Capture(md), "prestatie_capture", -100)
        # Characters a template may escape with a backslash (CommonMark's set).
        for ch in "<>|&~\"'=:;,@$%^?/":
            if ch not in md.ESCAPED_CHARS:
                md.ESCAPED_CHARS.append(ch)


def _new_parser() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            "tables",
            "attr_list",
            "sane_lists",
            PrestatieExtension(),
        ],
        output_format="html",
    )


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    return _new_parser()


def parse(text: str) -> ET.Element:
    """Parse Markdown into the tree every writer reads (root: ``<div class="document">``)."""
    md = _parser()
    md.reset()
    md.tree = None  # type: ignore[attr-defined]
    _convert_to_tree(md, text)
    root: ET.Element | None = md.tree  # type: ignore[attr-defined]
    if root is None:  # Python-Markdown skips its tree processors for blank text
        root = ET.Element("div")
    root.tag = "div"
    root.set("class", "document")
    return root


def _convert_to_tree(md: markdown.Markdown, text: str) -> None:
    """``Markdown.convert`` up to and including the tree processors: the writers read the tree,
    so Python-Markdown's own HTML (serialising and post-processing, a tenth of the time) is
    never made."""
    if not text.strip():
        return
    lines = text.split("\n")
    for prep in md.preprocessors:
        lines = prep.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    for treeprocessor in md.treeprocessors:
        new_root = treeprocessor.run(root)
        if new_root is not None:
            root = new_root


def plain_text(element: ET.Element) -> str:
    """The text of an element, as a reader sees it."""
    return "".join(element.itertext())
