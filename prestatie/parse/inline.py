"""Python-Markdown's inline pass, with backslash escapes handled in one linear sweep.

Python-Markdown applies an inline pattern one match at a time, rebuilding the paragraph's
text after each match, and collects escaped characters one by one into the text again: both
cost the length of the text per match. Plain text from YAML is shown as typed by escaping
every Markdown mark, so a field of 10,000 brackets is 10,000 escapes, and the parse grew with
the square of its length. Here every escape in a text is replaced in one pass, by the very
characters Python-Markdown's escape pattern makes of it (the code point between STX and
ETX, turned back into the character after the inline pass), so the tree is the same and the
work grows with the length of the text.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import util
from markdown.inlinepatterns import EscapeInlineProcessor
from markdown.treeprocessors import InlineProcessor

_APPLY = "_InlineProcessor__applyPattern"
_HANDLE = "_InlineProcessor__handleInline"
PATRONEN = ("backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
            "short_image_ref", "autolink", "linebreak", "em_strong")
"""The inline patterns of prestatie's parser (raw HTML, entities and mail links are not among them)."""
_MARK = re.compile(r"[`\\\[<*_]|  \n")
"""What each of those patterns needs to match: a backtick, a backslash, a bracket (links and
images), '<' (autolinks), '*' or '_' (emphasis), or two spaces before a newline (a line break).
A text without any of them is left as it is by every pattern."""


class LinearInlineProcessor(InlineProcessor):
    """The inline pass, with the escape pattern applied to a whole text at once; a text in which
    no pattern can match (most of a document: names, numbers, plain sentences) is not tried
    against each pattern in turn."""

    def run(self, tree: Any, ancestors: Any = None) -> Any:
        self._eigen = len(self.inlinePatterns) == len(PATRONEN) and all(n in self.inlinePatterns for n in PATRONEN)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if getattr(self, "_eigen", False) and _MARK.search(data) is None:
            return data
        return getattr(super(), _HANDLE)(data, patternIndex)

    def _InlineProcessor__applyPattern(self, pattern: Any, data: str, patternIndex: int,
                                       startIndex: int = 0) -> tuple[str, bool, int]:
        if type(pattern) is not EscapeInlineProcessor or any(
                tag.lower() in self.ancestors for tag in pattern.ANCESTOR_EXCLUDES):
            return getattr(super(), _APPLY)(pattern, data, patternIndex, startIndex)
        escaped = self.md.ESCAPED_CHARS
        found = False

        def replace(m: Any) -> str:
            nonlocal found
            if m.group(1) not in escaped:
                return m.group(0)
            found = True
            return f"{util.STX}{ord(m.group(1))}{util.ETX}"

        done = data[:startIndex] + pattern.getCompiledRegExp().sub(replace, data[startIndex:])
        if not found:
            return data, False, 0
        return done, True, len(done)
