"""Plain language (taalniveau B1): sentence length and long words of a parsed text.

A small, documented measure, reported as information and never as an error:

- the text is what a reader reads as running text: paragraphs and list items (headings and
  tables are left out), before the noot voor de redactie;
- a sentence ends at '.', '!', '?' or ':' followed by a space and a capital or digit, or at
  the end of a paragraph or list item; '1.234', 'bijv. het' and 'o.a.' do not end one;
- a word is counted as the press release's length counts it (``woorden``);
- syllables are the hyphenation points of the Dutch dictionary of Pyphen (LibreOffice's
  hyphenation patterns for nl_NL), plus one;
- B1 asks for sentences of at most 15 words on average and none much longer: a sentence of
  more than 20 words is called long; a word of 5 or more syllables is called long
  ('woningzoekenden', 'prestatieafspraken'), numbers and abbreviations are never;
- the Flesch-Douma score (206,835 − 0,93 × words per sentence − 77 × syllables per word) is
  given as well: 60 and higher reads as fairly easy, below 30 as very hard.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache

import pyphen

from ..core import opmaak
from .woorden import _WOORD

MAX_GEMIDDELD = 15
"""B1: at most this many words per sentence on average."""
LANGE_ZIN = 20
"""A sentence of more words than this is long."""
LANG_WOORD = 5
"""A word of this many syllables or more is long."""
_EINDE = re.compile(r"(?<=[.!?:])\s+(?=[A-Z0-9À-Ý‘“'\"(])")
_AFKORTING = re.compile(
    r"(?:\b(?:\w\.){2,}|\b(?:bijv|bv|nr|ca|incl|excl|resp|enz|etc|evt|mr|dhr|mevr|drs|dr|ir|ing|prof|jl|vlg|zgn)\.)$",
    re.IGNORECASE,
)
"""A sentence that 'ends' on an abbreviation ('bijv.', 'o.a.', 'd.w.z.', 'nr.'): not an end."""
_BLOKKEN = ("p", "li")


@lru_cache(maxsize=1)
def _woordenboek() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def lettergreepgrenzen(woord: str) -> list[int]:
    """Where a Dutch word may be hyphenated: the offsets of its syllable boundaries (pyphen's
    nl_NL patterns, as LibreOffice and Typst use them), never within two letters of an end."""
    return [i for i in _woordenboek().positions(woord.lower()) if 2 <= i <= len(woord) - 2]


def lettergrepen(woord: str) -> int:
    """The syllables of a Dutch word, by its hyphenation points."""
    letters = re.sub(r"[^\w]", "", woord)
    if not letters:
        return 0
    return len(_woordenboek().positions(letters.lower())) + 1


@dataclass(frozen=True)
class Leesbaarheid:
    """The figures of one text."""

    zinnen: int
    woorden: int
    lettergrepen: int
    lange_zinnen: int
    lange_woorden: tuple[str, ...]
    """Each long word once (in lower case), in order of first use; a word with a hyphen
    (a compound name like 'Heerlen-Treebeek') is never called long."""

    @property
    def gemiddeld(self) -> float:
        """Words per sentence."""
        return self.woorden / self.zinnen if self.zinnen else 0.0

    @property
    def douma(self) -> float:
        """The Flesch-Douma reading ease."""
        if not self.woorden or not self.zinnen:
            return 0.0
        return 206.835 - 0.93 * self.gemiddeld - 77 * self.lettergrepen / self.woorden

    @property
    def b1(self) -> bool:
        return bool(self.zinnen) and self.gemiddeld <= MAX_GEMIDDELD and not self.lange_zinnen

    def cijfers(self) -> dict[str, object]:
        """The figures as plain values, for JSON."""
        return {"zinnen": self.zinnen, "woorden": self.woorden,
                "woorden_per_zin": round(self.gemiddeld, 1), "lange_zinnen": self.lange_zinnen,
                "lange_woorden": list(self.lange_woorden), "flesch_douma": round(self.douma, 1),
                "b1": self.b1}

    def bericht(self, wat: str) -> str:
        """One line for ``check``: what was measured and how it compares with B1."""
        if not self.zinnen:
            return f"taalniveau B1, {wat}: geen lopende tekst gevonden"
        zin = (f"{self.zinnen} {'zin' if self.zinnen == 1 else 'zinnen'}, gemiddeld "
               f"{opmaak.getal(round(self.gemiddeld, 1))} woorden per zin (B1: hoogstens {MAX_GEMIDDELD})")
        lang = (f"{self.lange_zinnen} {'zin' if self.lange_zinnen == 1 else 'zinnen'} "
                f"langer dan {LANGE_ZIN} woorden")
        if self.lange_woorden:
            voorbeeld = ", ".join(self.lange_woorden[:5]) + (", …" if len(self.lange_woorden) > 5 else "")
            woord = f"{len(self.lange_woorden)} lange woorden ({LANG_WOORD} lettergrepen of meer): {voorbeeld}"
        else:
            woord = "geen lange woorden"
        oordeel = "past bij B1" if self.b1 else "moeilijker dan B1"
        return (f"taalniveau B1, {wat}: {oordeel}; {zin}; {lang}; {woord}; "
                f"Flesch-Douma {opmaak.getal(round(self.douma))}")


def _blokken(tree: ET.Element) -> list[str]:
    """The running text of a tree, one string per paragraph or list item, before the noot."""
    out: list[str] = []

    def walk(el: ET.Element) -> bool:
        if el.tag == "hr" or "noot" in (el.get("class") or "").split():
            return False
        if el.tag in _BLOKKEN:
            # A list item's own text, without a nested list (that is a block of its own).
            out.append(" ".join("".join(_eigen_tekst(el)).split()))
        for child in el:
            if child.tag in ("table", "thead", "tbody"):
                continue
            if not walk(child):
                return False
        return True

    walk(tree)
    return [b for b in out if b]


def _eigen_tekst(el: ET.Element):
    if el.text:
        yield el.text
    for child in el:
        if child.tag not in ("ul", "ol", *_BLOKKEN):
            yield from _eigen_tekst(child)
        if child.tail:
            yield child.tail


def zinnen(blok: str) -> list[str]:
    """The sentences of one paragraph."""
    delen = _EINDE.split(blok)
    out: list[str] = []
    for deel in delen:
        if out and _AFKORTING.search(out[-1]):
            out[-1] += " " + deel
        else:
            out.append(deel)
    return [z for z in out if _WOORD.search(z)]


def meet(tree: ET.Element) -> Leesbaarheid:
    """The plain-language figures of a parsed text."""
    n_zinnen = n_woorden = n_grepen = n_lang = 0
    lang: dict[str, None] = {}
    for blok in _blokken(tree):
        for zin in zinnen(blok):
            woorden = _WOORD.findall(zin)
            n_zinnen += 1
            n_woorden += len(woorden)
            n_lang += len(woorden) > LANGE_ZIN
            for w in woorden:
                g = lettergrepen(w)
                n_grepen += max(g, 1)
                if g >= LANG_WOORD and not any(c.isdigit() or c in "-–" for c in w) and not w.isupper():
                    lang.setdefault(w.lower(), None)
    return Leesbaarheid(n_zinnen, n_woorden, n_grepen, n_lang, tuple(lang))
