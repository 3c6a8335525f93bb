"""Parse: Markdown, parsed once, into the one tree every writer reads, and the tree's rules.

The tree is Python-Markdown's ElementTree after its inline pass, with three changes that
make it safe for text from YAML:

- raw HTML is never interpreted: it stays text (and is escaped by every writer);
- the link policy (``core.links``, applied to the rendered text first, again here): only
  http(s), mailto and internal links stay links, judged after decoding character
  references; anything else keeps its text and target, in its place;
- an image is an image only when the build supplies it (a chart); otherwise its alt text;
- pandoc-style fenced divs (``::: {.klasse}`` … ``:::``) group blocks under a class, which
  names a CSS class in HTML and a paragraph style in Word (see ``STIJLEN`` in the Word writer).

The vocabulary of the tree (what the writers must handle) is documented in ``ELEMENTEN``; the
classes that carry meaning (block, inline, alignment) are declared in ``klassen``, whose one
pass marks the inline ones as spans.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from typing import Any

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..core.errors import SjabloonFout
from ..core.links import decoded_href, image_is_allowed, link_is_safe
from ..core.markdown import MAX_SJABLOON_DIEPTE, nesting_too_deep
from .inline import LinearInlineProcessor
from .klassen import markeer

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
    "span": "an inline class of klassen.INLINE (a status also has the attribute waarde)",
}

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
    """Keeps the finished tree after applying the text and link policy to it."""

    def run(self, root: ET.Element) -> None:
        for code in root.iter("code"):  # code spans come HTML-escaped; every other text is plain
            if code.text:
                code.text = html.unescape(code.text)
        apply_policy(root)
        self.md.tree = root  # type: ignore[attr-defined]


def apply_policy(root: ET.Element) -> None:
    """Links the policy refuses, and links without words (which would hide their target),
    become their text followed by their target in brackets, and images not made by the build
    become their alt text, each in its own place, so the sentence keeps its words and their
    order and nothing written is lost."""
    for parent in list(root.iter()):
        i = 0
        while i < len(parent):
            child = parent[i]
            if child.tag == "a":
                href = decoded_href(child.get("href", ""))
                if link_is_safe(href) and "".join(child.itertext()).strip():
                    child.set("href", href)
                else:  # the reader sees what was written: the text and, after it, the target
                    shown = " ".join(href.split())
                    if shown and shown != "".join(child.itertext()).strip():
                        child.tail = f" ({shown})" + (child.tail or "")
                    i = _unwrap(parent, i)
                    continue
            elif child.tag == "img" and not image_is_allowed(child.get("src", "")):
                text = ET.Element("span")
                text.text = child.get("alt", "")
                text.tail = child.tail
                parent[i] = text
                i = _unwrap(parent, i)
                continue
            i += 1


def _unwrap(parent: ET.Element, index: int) -> int:
    """Replace ``parent[index]`` by its content (text and children) in place; returns the
    index of the first node after the content, so the caller looks at the children too."""
    child = parent[index]
    kids = list(child)
    _append_text(parent, index, child.text or "")
    parent.remove(child)
    for k, kid in enumerate(kids):
        parent.insert(index + k, kid)
    _append_text(parent, index + len(kids), child.tail or "")
    return index


def _append_text(parent: ET.Element, index: int, text: str) -> None:
    """Add text right before ``parent[index]`` (the tail of the node before it, or the parent's text)."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text


class PrestatieExtension(Extension):
    """Safe Markdown for prestatie: no raw HTML, safe links, fenced divs."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        for name in ("html", "entity", "automail"):
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        md.parser.blockprocessors.register(FencedDivProcessor(md.parser), "fenced_div", 95)
        md.treeprocessors.register(LinearInlineProcessor(md), "inline", 20)
        md.treeprocessors.register(_Capture(md), "prestatie_capture", -100)
        # Characters a template may escape with a backslash (CommonMark's set).
        for ch in "<>|&~\"'=:;,@$%^?/":
            if ch not in md.ESCAPED_CHARS:
                md.ESCAPED_CHARS.append(ch)


class _Markdown(markdown.Markdown):
    """Python-Markdown with its block-level test on a set rather than a list: the test runs for
    every element of every document (the tree's whitespace pass)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._blokniveau = frozenset(self.block_level_elements)

    def is_block_level(self, tag: Any) -> bool:
        return isinstance(tag, str) and tag.lower().rstrip("/") in self._blokniveau


def _new_parser() -> markdown.Markdown:
    return _Markdown(
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


_TE_DIEP = ("de Markdown is te diep genest (lijsten of citaten in elkaar, meer dan "
            f"{MAX_SJABLOON_DIEPTE} op één regel): maak de nesting minder diep")


def parse(text: str) -> ET.Element:
    """Parse Markdown into the tree every writer reads (root: ``<div class="document">``);
    a tree that breaks its rules (``check_tree``) is a template error, whatever the format."""
    if nesting_too_deep(text):
        raise SjabloonFout(_TE_DIEP)
    md = _parser()
    md.reset()
    md.tree = None  # type: ignore[attr-defined]
    try:
        _convert_to_tree(md, text)
    except RecursionError:  # text fields are capped (core.markdown.MAX_DIEPTE); a template is not
        _parser.cache_clear()  # the parser's state stack is left midway: the next parse gets a new one
        raise SjabloonFout(_TE_DIEP) from None
    root: ET.Element | None = md.tree  # type: ignore[attr-defined]
    if root is None:  # Python-Markdown skips its tree processors for blank text
        root = ET.Element("div")
    root.tag = "div"
    root.set("class", "document")
    check_tree(root)
    markeer(root)
    return root


HEADINGS = {f"h{n}": n for n in range(1, 7)}
_VALID_ID = re.compile(r"^\S+$")


def check_tree(tree: ET.Element) -> None:
    """The tree's rules: ids are unique and have no spaces; a heading goes at most one level
    deeper than the one before it (without an h1, the document's title counts as one)."""
    seen: set[str] = set()
    for el in tree.iter():
        ident = el.get("id")
        if ident is None:
            continue
        if not _VALID_ID.match(ident):
            raise SjabloonFout(f"ongeldige id '{ident}' bij <{el.tag}>: een id heeft geen spaties")
        if ident in seen:
            raise SjabloonFout(f"id '{ident}' komt meer dan eens voor in het document")
        seen.add(ident)
    headings = [el for el in tree.iter() if el.tag in HEADINGS]
    previous = 0 if any(el.tag == "h1" for el in headings) else 1
    for el in headings:
        level = HEADINGS[el.tag]
        if level > previous + 1:
            where = f"volgt op een h{previous}" if previous else "staat vóór de eerste h1"
            raise SjabloonFout(
                f"kopniveau overgeslagen: kop '{plain_text(el).strip()}' (h{level}) {where}; "
                f"maak er een h{previous + 1} van of voeg een tussenkop toe"
            )
        previous = level


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
