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

from typing import Any

from markdown import util
from markdown.inlinepatterns import EscapeInlineProcessor
from markdown.treeprocessors import InlineProcessor

_APPLY = "_InlineProcessor__applyPattern"


class LinearInlineProcessor(InlineProcessor):
    """The inline pass, with the escape pattern applied to a whole text at once."""

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
