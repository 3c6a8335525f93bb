"""Text as Markdown: escaping plain text, and the rules for text fields that may hold Markdown.

Every value a template prints is escaped for Markdown unless it is ``MdVeilig`` (what the
``md``/``md_inline`` filters return for text fields in which a writer may use Markdown).
So ``* # | < > [ ] _`` and backticks in a policy writer's text can never change a
document's structure or inject HTML; emphasis, links and lists written on purpose render.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any, Callable

from .links import balance_brackets

VERWIJZING = re.compile(r"\{(partij|thema|afspraak|indicator|project):([A-Za-z0-9-]+)\}")
"""A placeholder in text fields that becomes a name from the agreement: {project:velst}."""


class MdVeilig(str):
    """Markdown that may be inserted as is (already escaped or deliberately written)."""


_INLINE_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]<>|#!~^"})
_ENTITY = re.compile(r"&(#?\w+;)")
_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)](?:\s|$)))?)([-+=:>.)])")


def escape_md(value: Any) -> MdVeilig:
    """Plain text → Markdown that shows exactly that text, on one line."""
    raw = str(value)
    text = " ".join(raw.split())
    if text and raw[:1].isspace():
        text = " " + text
    if text and raw[-1:].isspace():
        text += " "
    text = text.translate(_INLINE_SPECIAL)
    text = _ENTITY.sub(r"\\&\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return MdVeilig(text)


# Block syntax a writer may not use inside a text field: it would change the document's
# structure (headings, rules, tables, fenced divs, reference definitions, images, raw HTML).
# What may stand before block syntax on a line: indentation, quote marks and list markers
# (a heading inside a quote or a list item is still a heading).
_PREFIX = r"^((?:[ \t]|>|(?:[-+*]|\d+[.)])(?=[ \t]))*)"
_HEADING = re.compile(_PREFIX + r"(#)", re.M)
_RULE_OR_SETEXT = re.compile(_PREFIX + r"(?:([-=*_])(?=(?:[ \t]*[-=*_]){2,}[ \t]*$)|([=-])(?=[ \t=-]*$))", re.M)
_FENCE = re.compile(_PREFIX + r"(:{3,}|`{3,}|~{3,})", re.M)
_REFDEF = re.compile(_PREFIX + r"\[(?=[^\]]*\]:)", re.M)


def markdown_block(text: str | None, namen: Callable[[str, str], str] | None = None) -> MdVeilig:
    """A Markdown text field for block context: paragraphs, lists, emphasis, links."""
    if not text:
        return MdVeilig("")
    parts: list[str] = []
    pos = 0
    for m in VERWIJZING.finditer(text):  # names from the agreement, escaped as plain text
        parts.append(_neutralize_keep(text[pos : m.start()]))
        parts.append(escape_md(namen(m.group(1), m.group(2)) if namen else m.group(2)))
        pos = m.end()
    parts.append(_neutralize_keep(text[pos:]))
    joined = balance_brackets("".join(parts))
    return MdVeilig(_neutralize_layout(joined))


# An escape the writer typed (backslash and any character) is kept as a pair; a cell
# separator, attribute brace, tag start or image mark outside such a pair gets a backslash.
_INLINE_HAZARD = re.compile(r"\\[\s\S]|[|{<]|!(?=\[)")


def _neutralize_keep(text: str) -> str:
    # Escape inline hazards only; layout (dedent, strip) is done once on the whole text.
    return _INLINE_HAZARD.sub(lambda m: m.group(0) if len(m.group(0)) == 2 else "\\" + m.group(0), text)


_LIST_ITEM = re.compile(r"^\s*(?:[-+*]|\d+[.)])(?:\s|$)")


def _quoted_indent(line: str) -> tuple[str, int] | None:
    """Quote marks at the start of ``line`` (each after at most three spaces, with one optional
    space after it) followed by four or more spaces and text: the marks (the longest such run,
    with its last optional space where the indentation still has four without it) and where
    the text starts. One pass over the line (a regular expression with nested optional spaces
    backtracked exponentially on ``> > > …``)."""
    ends: list[int] = [0]  # after zero, one, two… quote marks
    i, n = 0, len(line)
    while True:
        j = i
        while j < n and line[j] in " \t" and j - i < (3 if len(ends) == 1 else 4):
            j += 1
        if j < n and line[j] == ">":
            i = j + 1
            ends.append(i)
        else:
            break
    for end in reversed(ends):
        text = end
        while text < n and line[text] in " \t":
            text += 1
        if text == n or line[text].isspace():
            continue
        if text - end >= 5 and end > 0:
            return line[: end + 1], text
        if text - end >= 4:
            return line[:end], text
    return None


def _no_code_blocks(text: str) -> str:
    """A line indented four spaces or more (also inside a quote) could open a code block:
    outside a list item (where indentation continues the item) its indentation goes, so it
    stays a paragraph."""
    lines = text.expandtabs(4).split("\n")
    in_list, after_blank = False, True
    for i, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        if _LIST_ITEM.match(line):
            in_list = True
        elif after_blank and not line[:1].isspace():
            in_list = False
        quoted = _quoted_indent(line)
        if quoted and (quoted[0] or not in_list):
            lines[i] = quoted[0] + line[quoted[1] :]
        after_blank = False
    return "\n".join(lines)


MAX_DIEPTE = 8
"""Quote marks and list markers one line may open: the parser nests one level per mark (and
recursed past Python's limit on a line of a few hundred ``- ``); a mark past this many is
shown as typed."""

MAX_SJABLOON_DIEPTE = 40
"""Quote marks and list markers one line of a template's own Markdown may open. Past this the
document is refused as a template error, before parsing, so the outcome never depends on how
deep the installed Markdown parser happens to recurse."""

_CONTAINER = re.compile(r"[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]))")


def _containers(line: str, limit: int) -> tuple[int, int]:
    """How many quote marks and list markers open ``line`` (counted up to ``limit + 1``), and
    where the last one counted ends."""
    pos = depth = 0
    while depth <= limit:
        m = _CONTAINER.match(line, pos)
        if not m:
            break
        pos, depth = m.end(), depth + 1
    return depth, pos


def nesting_too_deep(text: str, limit: int = MAX_SJABLOON_DIEPTE) -> bool:
    """Whether a line of ``text`` opens more than ``limit`` quotes or lists in one another."""
    return any(_containers(line, limit)[0] > limit for line in text.split("\n"))


def _cap_nesting(line: str) -> str:
    depth, end = _containers(line, MAX_DIEPTE)
    if depth <= MAX_DIEPTE:
        return line
    mark = end - 1  # the '>', the bullet, or the '.' or ')' after a number
    return line[:mark] + "\\" + line[mark:]


def _neutralize_layout(text: str) -> str:
    text = textwrap.dedent(text.replace("\r\n", "\n")).strip("\n")
    text = _no_code_blocks(text)
    text = "\n".join(_cap_nesting(line) for line in text.split("\n"))
    text = _HEADING.sub(r"\1\\\2", text)
    text = _RULE_OR_SETEXT.sub(lambda m: m.group(1) + "\\" + (m.group(2) or m.group(3)), text)
    text = _FENCE.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = _REFDEF.sub(r"\1\\[", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text


def markdown_inline(text: str | None, namen: Callable[[str, str], str] | None = None) -> MdVeilig:
    """A Markdown text field for one line (a table cell, a heading): emphasis and links only."""
    block = markdown_block(text, namen)
    one_line = " ".join(block.split())
    one_line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), one_line)
    return MdVeilig(one_line)
