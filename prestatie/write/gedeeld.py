"""What every writer family shares: the house style's colours (from ``sjablonen/kleuren.yaml``),
text widths for table columns, the sizes by which Word (``word/keep.py``) and the PDF keep blocks together on a page, the
build moment in UTC and text without control characters."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import yaml

from ..core.errors import HuisstijlFout
from ..load.sjablonen import Sjablonen
from ..parse.klassen import statusklasse
from ..plan.voortgang import alle_statussen

INTRO_PARAGRAPHS = 3
"""At most this many paragraphs between a heading and its table or chart are kept with it."""
SHORT_TABLE = 12
"""A table of at most this many rows stays on the page of the chart that follows it."""
SMALL_TABLE = 6
"""A table of at most this many rows (header included) is not split over pages; a longer
one keeps its first two rows and its last two together."""

STUURTEKENS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters but tab, line feed and return: no format shows them."""


def zonder_stuurtekens(text: str) -> str:
    """``text`` without the control characters no format shows (tab and line ends stay)."""
    return STUURTEKENS.sub("", text)


def utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC without tzinfo; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment


# --- how wide text is in a table (Word and the PDF share out their columns by it) --------

CELL_PADDING = 230  # twips: the cell margins of the table style (2 × 85), and a little air
_CHAR_UNITS = {**dict.fromkeys("…", 2.4), **dict.fromkeys("—WM@%", 1.8),
               **dict.fromkeys("mw–", 1.5), **dict.fromkeys("fijlrt.,:;'|!() ", 0.6)}


class _Units(dict):
    """Width of a character in units of an average letter; learnt once per character."""

    def __missing__(self, c: str) -> float:
        self[c] = value = 1.3 if c.isupper() else 1.0
        return value


_UNITS = _Units(_CHAR_UNITS)


def text_width(text: str) -> float:
    """A rough width in twips of text at 10 to 10.5 pt, for column widths."""
    return 100 * sum(map(_UNITS.__getitem__, text))


# --- the end of a document: never a nearly empty last page ------------------------------

TEXT_WIDTH = 9072  # twips: the text width of the house style (16 cm), for the estimates below
CLOSING_LINES = 20
"""A document's closing part, at most this many lines (about half a page), is kept on one
page, so a page break never leaves only its last few lines on a sheet of their own."""


def lines(text: str, share: float = 1.0) -> int:
    """Roughly how many lines ``text`` takes at 10 pt in ``share`` of the text width."""
    return max(1, math.ceil(text_width(" ".join(text.split())) / (TEXT_WIDTH * share)))


def closing_start(blocks: list[tuple[bool, float]]) -> int | None:
    """Where a document's closing part begins, given per block (in order) whether it is a
    heading and how many lines it takes: at the earliest heading from which the rest is at
    most ``CLOSING_LINES`` lines (the last section or sections, whole), unless that is less
    than a third of them; else at the earliest block from which it is (the last lines of a
    long section, with its heading when that comes right before). ``None`` when even the last
    block is longer, or the whole document is that short. The writers keep that part together
    on one page."""
    total, start, heading, at_heading = 0.0, None, None, 0.0
    for i in range(len(blocks) - 1, -1, -1):
        total += blocks[i][1]
        if total > CLOSING_LINES:
            break
        start = i
        if blocks[i][0]:
            heading, at_heading = i, total
    if heading is not None and at_heading * 3 >= CLOSING_LINES:
        start = heading
    while start and blocks[start - 1][0]:  # a heading stays with what it introduces
        start -= 1
    return start or None  # a document that is all closing part has nothing to keep apart


# --- the house style's colours ----------------------------------------------------------

KLEUREN = "kleuren.yaml"
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Kleuren:
    """Colours of the house style: per status (RRGGBB, upper case)."""

    per_status: dict[str, str]

    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "Kleuren":
        """The colours on the template search path; every status needs one, in RRGGBB."""
        waar = KLEUREN
        try:
            waar = str(sjablonen.bestand(KLEUREN))
            data = yaml.safe_load(sjablonen.lees_tekst(KLEUREN)) or {}
        except yaml.YAMLError as e:
            raise HuisstijlFout(f"{waar}: geen geldige YAML ({getattr(e, 'problem', e)})") from None
        status = data.get("status") if isinstance(data, dict) else None
        if not isinstance(status, dict):
            raise HuisstijlFout(f"{waar}: 'status' ontbreekt (per status een kleur RRGGBB)")
        # A status takes its own colour, else that of its colour key (Status.kleur).
        sleutels = {st.naam: st.naam if st.naam in status else (st.kleur or st.naam) for st in alle_statussen()}
        bekend = set(sleutels) | set(sleutels.values())
        fouten = [f"'{n}' ontbreekt" for n in dict.fromkeys(sleutels.values()) if n not in status]
        fouten += [f"'{n}' is geen status" for n in status if n not in bekend]
        fouten += [f"'{n}': '{k}' is geen kleur RRGGBB" for n, k in status.items()
                   if n in bekend and not _HEX.match(str(k))]
        if fouten:
            raise HuisstijlFout(f"{waar}: status: " + "; ".join(fouten))
        return cls({n: str(status[k]).upper() for n, k in sleutels.items()})

    def status(self, waarde: str) -> str | None:
        """The colour of a status (RRGGBB), None for an unknown one."""
        return self.per_status.get(waarde)

    def css(self) -> str:
        """The CSS rules that give each status its colour (added to stijl.css)."""
        return "".join(f".{statusklasse(n)} {{ color: #{k}; }}\n" for n, k in self.per_status.items())

    def typst(self) -> str:
        """The Typst dictionary ``statuskleuren`` that huisstijl.typ's ``status`` reads."""
        items = ", ".join(f'"{n}": rgb("#{k}")' for n, k in self.per_status.items())
        return f"#let statuskleuren = ({items})\n"
