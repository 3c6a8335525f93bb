"""Checks that need a rendered document, not only the sources (length of the press release)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Iterator

from . import markup
from .errors import Plaats, PrestatieFout, Rapport
from .model import Bron

if TYPE_CHECKING:
    from .pipeline import Project
    from .plan import Document

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


def meldingen(doc: "Document", bron: Bron, tree: ET.Element) -> list[str]:
    """What a build reports about a rendered document: the length of the press release."""
    if doc.soort != "persbericht":
        return []
    return [f"{bron.map}/{doc.naam}: {woorden(tree)} woorden vóór de noot (één A4 is ongeveer {MAX_WOORDEN})"]


def persbericht_boom(bron: Bron, project: "Project") -> ET.Element | None:
    """The press release of ``bron`` rendered and parsed as the build does; None without one."""
    from .plan import plan
    from .render import Renderer
    from .templates import Sjablonen
    from .version import Bouwinfo

    # The build's version and date do not change the text's length; a fixed one keeps the
    # check free of git and the clock.
    info = Bouwinfo(commit=None, datum=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc), datum_bron="check")
    docs = [d for d in plan(bron, info, ("md",)) if d.soort == "persbericht"]
    if not docs:
        return None
    text = Renderer(Sjablonen(project.sjablonen)).markdown(docs[0].sjabloon, docs[0].context)
    return markup.parse(text)


def document_checks(bron: Bron, project: "Project", rapport: Rapport) -> None:
    """Warnings about rendered documents of one agreement: the press release's date and length."""
    pb = bron.persbericht
    if pb is None:
        return
    where = pb.waar() or Plaats(f"{bron.map}/persbericht.yaml")
    if pb.datum is None and bron.overeenkomst.ondertekening.datum is None:
        rapport.waarschuwing(
            where,
            "het persbericht heeft geen datum; vul 'datum:' in (JJJJ-MM-DD) of de datum van ondertekening",
        )
    try:
        tree = persbericht_boom(bron, project)
    except PrestatieFout as e:
        rapport.waarschuwing(where, f"het persbericht kan niet worden opgemaakt om de lengte te tellen: {e}")
        return
    if tree is None:
        return
    n = woorden(tree)
    if n > MAX_WOORDEN:
        rapport.waarschuwing(
            pb.waar("secties") or where,
            f"het persbericht telt {n} woorden vóór de noot voor de redactie en past niet meer op "
            f"één A4 (ongeveer {MAX_WOORDEN} woorden); maak de secties korter of laat er een weg",
        )
