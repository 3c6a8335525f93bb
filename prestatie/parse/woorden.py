"""Words of a parsed document as a reader counts them: the length of the press release."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterator

MAX_WOORDEN = 600
"""About this many words before the noot voor de redactie fit on one A4."""

# A word holds a letter or digit; '2022-2025', 'e-mail', '10.00' and 'Pré' count as one.
_WOORD = re.compile(r"[^\W_]+(?:['’.,/\-–][^\W_]+)*")


def _text_before_noot(tree: ET.Element) -> Iterator[str]:
    """The text a reader sees above the noot: everything before the rule or the noot block."""
    stop = False

    def walk(el: ET.Element) -> Iterator[str]:
        nonlocal stop
        if el.tag == "hr" or "noot" in (el.get("class") or "").split():
            stop = True
            return
        if el.text:
            yield el.text
        for child in el:
            yield from walk(child)
            if stop:
                return
            if child.tail:
                yield child.tail

    yield from walk(tree)


def woorden(tree: ET.Element) -> int:
    """The number of words of a parsed press release before the noot voor de redactie."""
    return sum(len(_WOORD.findall(text)) for text in _text_before_noot(tree))


def lengte_melding(map_: str, naam: str, n: int) -> str:
    """What a build reports about the press release's length."""
    return f"{map_}/{naam}: {n} woorden vóór de noot (één A4 is ongeveer {MAX_WOORDEN})"
