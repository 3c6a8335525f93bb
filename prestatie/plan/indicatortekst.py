"""Figures in a hand-written summary against the indicator tables of the same report.

A summary may say "er kwamen netto 84 sociale huurwoningen bij" or "Woonopmaat wees 98%
passend toe". A figure is held against an indicator when the words around it name that
indicator: at least two words of its name, or one word and the indicator's unit right after
the figure ("95 woningen gesloopt"). It agrees when it is one of the figures the report shows
for that indicator (a year's realisation or target, summed, a total, the base value), rounded
as the summary rounds it ("€ 0,7 miljoen", "97 procent"), or when a qualifier before it holds
for this year's realisation ("ruim 600", "bijna 100", "ongeveer 300"). Years, dates, ranges
and differences ("40 meer dan") are not figures of an indicator and are never checked.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from babel.dates import get_month_names

from ..core import opmaak
from ..core.opmaak import Getal
from ..model import Dossier
from ..model.waarden import _QUALIFIERS
from .indicatoren import Indicatorstand, cijfer, doelcijfer, indicatorstanden

_STOPWOORDEN = frozenset("aan als bij de der die door een en er het in is met naar of om op per te "
                         "ten tot uit van voor zijn".split())
_MAANDEN = frozenset(m.lower() for m in get_month_names("wide", locale=opmaak.LOCALE).values())
_VERSCHIL = frozenset({"meer", "minder", "extra", "procentpunt", "procentpunten", "keer", "maal"})
_KWALIFICATIES = sorted([*_QUALIFIERS, ("bijna", "minder dan"), ("nog geen", "minder dan"),
                         ("rond", "circa"), ("pakweg", "circa")], key=lambda q: -len(q[0]))
_WOORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_VERGELIJKING = frozenset({"dan", "plaats", "streefwaarde", "doel", "afgesproken", "gepland", "beoogd",
                           "taakstelling", "wilden", "tegen"})
_CIRCA = 0.1
"""'ongeveer 300' holds within a tenth of the figure."""


@dataclass(frozen=True)
class Cijferfout:
    """A figure in the summary that no figure of the indicator it names agrees with."""

    begin: int
    eind: int
    """Where the figure stands in the summary as written."""
    tekst: str
    """The figure with the words around it, as the summary writes them."""
    melding: str


def _woorden(tekst: str) -> list[str]:
    return [w.lower() for w in _WOORD.findall(tekst)]


def _naamwoorden(naam: str, eenheid: str) -> set[str]:
    return {w for w in _woorden(naam) if len(w) > 2 and w not in _STOPWOORDEN and w != eenheid}


def _lijkt(woord: str, naamwoord: str, eenheid: str) -> bool:
    """'gesloopt' names 'gesloopte', 'label' names 'energielabel'; the unit alone never does."""
    if woord == naamwoord:
        return True
    short, long_ = sorted((woord, naamwoord), key=len)
    if len(short) < 5 or short == eenheid:
        return False
    return len(os.path.commonprefix([short, long_])) >= len(long_) - 1 or long_.endswith(short)


def _score(stand: Indicatorstand, woorden: set[str], unit_after: str | None, g: Getal) -> int:
    ind = stand.indicator
    soort = opmaak.eenheid_soort(ind.eenheid)
    if (g.soort or None) != soort:
        return 0
    eenheid = ind.eenheid.lower()
    named = sum(1 for n in _naamwoorden(ind.naam, eenheid) if any(_lijkt(w, n, eenheid) for w in woorden))
    if not named:
        return 0
    unit = 1 if soort is None and unit_after == eenheid else 0
    return named + unit


def _waarden(s: Indicatorstand) -> list[float]:
    """Every figure the report shows for the indicator: per year, summed, totals, base value."""
    values: list[float | None] = [s.indicator.basiswaarde]
    for j in s.jaren:
        values += [j.gerealiseerd, j.streefwaarde, j.gerealiseerd_cumulatief, j.streef_cumulatief]
        values += [d.tot for d in (j.doel, j.doel_cumulatief) if d is not None]
    for t in s.totalen:
        values += [t.doel.waarde, t.doel.tot, t.gerealiseerd]
    values += [d.waarde for _, d in s.ambities]
    return [v for v in values if v is not None]


def _realisaties(s: Indicatorstand) -> list[float]:
    this = next((j for j in s.jaren if j.jaar == s.jaar), None)
    if this is None:
        return []
    return [v for v in (this.gerealiseerd, this.gerealiseerd_cumulatief) if v is not None]


def _houdt(kwal: str, x: float, r: float) -> bool:
    return {
        "ten minste": r >= x, "meer dan": r > x, "ten hoogste": r <= x, "minder dan": r < x,
        "circa": abs(r - x) <= _CIRCA * abs(x),
    }[kwal]


def _kwalificatie(voor: str) -> str | None:
    """The qualifier right before a figure ('ruim 600', 'bijna 100'); 'de 90' refers, never qualifies."""
    low = " ".join(voor.lower().replace("’", "'").split())
    return next((c for w, c in _KWALIFICATIES if low == w or low.endswith(" " + w)), None)


def _toont(s: Indicatorstand) -> str:
    """What the table shows for the report year, in the report's own formatting."""
    ind = s.indicator
    this = next((j for j in s.jaren if j.jaar == s.jaar), None)
    parts = []
    if this is not None:
        parts.append(f"gerealiseerd {cijfer(this.gerealiseerd, ind) if this.gerealiseerd is not None else '–'}")
        if this.doel is not None:
            parts.append(f"streefwaarde {doelcijfer(this.doel, ind)}")
        text = f"{s.jaar}: " + ", ".join(parts)
        if ind.cumulatief and s.vanaf < s.jaar and (this.gerealiseerd_cumulatief is not None or this.doel_cumulatief is not None):
            cum = []
            if this.gerealiseerd_cumulatief is not None:
                cum.append(f"gerealiseerd {cijfer(this.gerealiseerd_cumulatief, ind)}")
            if this.doel_cumulatief is not None:
                cum.append(f"streefwaarde {doelcijfer(this.doel_cumulatief, ind)}")
            text += f" (opgeteld {s.vanaf} t/m {s.jaar}: " + ", ".join(cum) + ")"
    else:
        text = f"{s.jaar}: geen cijfer"
    return f"bij '{ind.naam}' voor {text}"


def _overslaan(tekst: str, g: Getal, volgend: str, vorig: str) -> bool:
    """A year, a day of a date, part of a range, or a difference: not a figure of an indicator."""
    if g.soort is None and g.precisie == 1 and 1900 <= g.waarde <= 2100:
        return True
    if volgend in _MAANDEN or vorig in _MAANDEN or volgend in _VERSCHIL:
        return True
    around = tekst[max(0, g.begin - 2):g.begin] + "|" + tekst[g.eind:g.eind + 2]
    return bool(re.search(r"[-–—/]\s?\||\|\s?[-–—/]\s?\d", around))


def _spans(tekst: str, grens: str) -> list[tuple[int, int]]:
    """Sentences (grens '.!?') or clauses (also ',;:'), never cut inside a figure ('1,2', '1.234')."""
    spans, start = [], 0
    for m in re.finditer(rf"[{grens}](?!\d)", tekst):
        spans.append((start, m.end()))
        start = m.end()
    return [*spans, (start, len(tekst))]


def cijferfouten(dossier: Dossier, jaar: int, tekst: str) -> list[Cijferfout]:
    """Every figure in ``tekst`` that names an indicator of the year's report and disagrees
    with every figure the report shows for it."""
    standen = indicatorstanden(dossier, jaar)
    if not standen:
        return []
    zinnen, delen = _spans(tekst, ".!?"), _spans(tekst, ".!?,;:")
    found = []
    for g in opmaak.getallen(tekst):
        after = _woorden(tekst[g.eind:g.eind + 40])
        before = _woorden(tekst[max(0, g.begin - 40):g.begin])
        volgend, vorig = (after[0] if after else ""), (before[-1] if before else "")
        if _overslaan(tekst, g, volgend, vorig):
            continue
        deel = next(tekst[a:b] for a, b in delen if a <= g.begin < b)
        named = _genoemd(standen, set(_woorden(deel)), volgend, g)
        if not named and _VERGELIJKING & set(_woorden(deel)):  # "…, minder dan de 90 die we wilden"
            zin = next(tekst[a:b] for a, b in zinnen if a <= g.begin < b)
            named = _genoemd(standen, set(_woorden(zin)), volgend, g)
        if not named or any(g.klopt_met(v) for s in named for v in _waarden(s)):
            continue
        kwal = _kwalificatie(tekst[max(0, g.begin - 30):g.begin])
        if kwal and any(_houdt(kwal, float(g.waarde), r) for s in named for r in _realisaties(s)):
            continue
        quote = _quote(tekst, g.begin, g.eind)
        found.append(Cijferfout(g.begin, g.eind, quote, (
            f"de samenvatting van {jaar} noemt {g.tekst.strip()} in '{quote}', maar "
            + ("de tabel onder 'Indicatoren' toont " if len(named) == 1 else "de tabellen onder 'Indicatoren' tonen ")
            + " en ".join(_toont(s) for s in named)
            + "; pas de samenvatting aan of controleer de cijfers"
        )))
    return found


def genoemd(standen: list[Indicatorstand], tekst: str) -> list[Indicatorstand]:
    """The indicators a sentence names best (at least two words of the name), or none."""
    woorden = set(_woorden(tekst))
    scores = []
    for s in standen:
        eenheid = s.indicator.eenheid.lower()
        scores.append((sum(1 for n in _naamwoorden(s.indicator.naam, eenheid)
                           if any(_lijkt(w, n, eenheid) for w in woorden)), s))
    best = max((sc for sc, _ in scores), default=0)
    return [s for sc, s in scores if sc == best] if best >= 2 else []


def _genoemd(standen: list[Indicatorstand], woorden: set[str], volgend: str, g: Getal) -> list[Indicatorstand]:
    """The indicators the words name best (at least two points), or none."""
    scores = [(_score(s, woorden, volgend, g), s) for s in standen]
    best = max(sc for sc, _ in scores)
    return [s for sc, s in scores if sc == best] if best >= 2 else []


def _quote(tekst: str, begin: int, eind: int) -> str:
    """The figure with up to three words before and four after it, within its clause."""
    start = max((m.end() for m in re.finditer(r"[.!?;:,](?!\d)", tekst[:begin])), default=0)
    before = tekst[start:begin].split()[-3:]
    end = re.search(r"[.!?;:,](?!\d)", tekst[eind:])
    after = tekst[eind:eind + end.start() if end else len(tekst)].split()[:4]
    return " ".join([*before, tekst[begin:eind].strip(), *after])
