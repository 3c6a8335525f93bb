"""Who signs what, and when: the rules over parties and instruments, in one place.

An agreement is signed by its parties, possibly at several moments (a party that signs
remotely, a party that joins later through an accession). Jaarschijven and addenda are
instruments of their own, each signed on its own, and every afspraak belongs to exactly one
of them (or to the agreement itself). Pure functions over the model; checks, views and
templates all ask here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..core import opmaak
from . import Afspraak, Instrument, Lid, Ondertekening, Overeenkomst, Partij


def instrumenten(o: Overeenkomst) -> dict[str, Instrument]:
    return {i.id: i for i in o.instrumenten}


def toetredingen(o: Overeenkomst) -> dict[str, Instrument]:
    """Per party id the accession through which it joined later."""
    return {p: i for i in o.instrumenten if i.soort == "toetreding" for p in i.partijen}


def partijen_op(o: Overeenkomst, op: dt.date | None) -> list[Partij]:
    """The parties as they stood on ``op``, in the parties' order: a party that joined through
    an accession counts from that accession's date. None: on the agreement's own signing, before
    any accession."""
    later = toetredingen(o)
    return [p for p in o.partijen if p.id not in later or (op is not None and geldig_op(o, later[p.id], op))]


def later_toegetreden(o: Overeenkomst) -> list[Partij]:
    """The parties that joined after the agreement was signed, through an accession."""
    later = toetredingen(o)
    return [p for p in o.partijen if p.id in later]


def toegetreden(o: Overeenkomst, p: Partij) -> str | None:
    """'toegetreden op 1 juni 2024' (or 'toegetreden met <titel> van <datum>'): how every
    document names a party that joined through an accession, dated as the accession is."""
    t = toetredingen(o).get(p.id)
    if t is None:
        return None
    tekst = "toegetreden" + (f" met {t.titel}" if t.titel else "")
    if t.ondertekening is not None and t.ondertekening.datum is not None:
        return f"{tekst} {'van' if t.titel else 'op'} {opmaak.datum(t.ondertekening.datum)}"
    return tekst if t.titel else f"{tekst} later"


def datum_van(o: Overeenkomst, instrument: Instrument | None) -> dt.date | None:
    """The day an instrument (None: the agreement) was signed, when the sources say it; a part
    of an addendum without its own date has its addendum's."""
    if instrument is None:
        return o.ondertekening.datum
    if instrument.ondertekening is not None and instrument.ondertekening.datum is not None:
        return instrument.ondertekening.datum
    parent = hoofd(o, instrument)
    if parent is not instrument:
        return datum_van(o, parent)
    return None


def peildatum(o: Overeenkomst, instrument: Instrument | None) -> dt.date | None:
    """The day as of which a document of ``instrument`` speaks: its signing date; a jaarschijf
    without one speaks as of the end of the year before its own (it is agreed before it begins)."""
    datum = datum_van(o, instrument)
    if datum is None and instrument is not None and instrument.soort == "jaarschijf" and instrument.jaar:
        return dt.date(instrument.jaar - 1, 12, 31)
    return datum


def _vanaf(o: Overeenkomst, i: Instrument) -> dt.date | None:
    """From which day an extension or accession counts: its signing date, else 1 January of its year."""
    datum = datum_van(o, i)
    return datum if datum is not None else (dt.date(i.jaar, 1, 1) if i.jaar else None)


def geldig_op(o: Overeenkomst, i: Instrument, op: dt.date | None) -> bool:
    """Whether extension or accession ``i`` had been made by ``op`` (None: as the sources stand now)."""
    if op is None:
        return True
    vanaf = _vanaf(o, i)
    return vanaf is not None and vanaf <= op


def einde(o: Overeenkomst, op: dt.date | None = None) -> int:
    """The last year in which the agreement applies: its own end, or the latest extension made
    by ``op`` (None: every extension in the sources)."""
    verlengd = [
        i.tot for i in o.instrumenten
        if i.soort == "verlenging" and i.tot is not None and geldig_op(o, i, op)
    ]
    return max([o.looptijd.tot, *verlengd])


def jaren(o: Overeenkomst) -> list[int]:
    """Every year in which the agreement applies, extensions included."""
    return list(range(o.looptijd.van, einde(o) + 1))


def hoofd(o: Overeenkomst, instrument: Instrument) -> Instrument:
    """The instrument a part belongs to (itself when it is not a part)."""
    by_id = instrumenten(o)
    seen = {instrument.id}
    while instrument.onderdeel_van in by_id and instrument.onderdeel_van not in seen:
        instrument = by_id[instrument.onderdeel_van]
        seen.add(instrument.id)
    return instrument


def geldigheid(o: Overeenkomst, instrument: Instrument | None) -> tuple[int, int]:
    """First and last year in which the afspraken of ``instrument`` (None: the agreement) apply."""
    last = einde(o)
    if instrument is None:
        return o.looptijd.van, last
    if instrument.soort == "jaarschijf" and instrument.jaar is not None:
        return instrument.jaar, instrument.jaar
    if instrument.jaar is None and instrument.onderdeel_van is not None:
        parent = hoofd(o, instrument)
        if parent is not instrument:
            return geldigheid(o, parent)
    first = instrument.jaar if instrument.jaar is not None else o.looptijd.van
    if instrument.soort == "addendum" and instrument.tot is not None:
        last = min(last, instrument.tot)
    return first, last


def eind_genoemd(o: Overeenkomst, instrument: Instrument) -> bool:
    """False for an addendum (or its part) that names no end: its documents say nothing about
    its end, rather than state the agreement's as if the addendum said it."""
    if instrument.soort != "addendum":
        return True
    parent = hoofd(o, instrument)
    return instrument.tot is not None or (parent is not instrument and parent.tot is not None)


def instrument_van(o: Overeenkomst, a: Afspraak) -> Instrument | None:
    return instrumenten(o).get(a.instrument) if a.instrument else None


def geldt_in(o: Overeenkomst, a: Afspraak, jaar: int) -> bool:
    """Whether afspraak ``a`` applies in ``jaar`` (a jaarschijf's afspraken only in its year)."""
    van, tot = geldigheid(o, instrument_van(o, a))
    return van <= jaar <= tot


def afspraken_in(o: Overeenkomst, jaar: int) -> list[Afspraak]:
    """The afspraken that apply in ``jaar``: the ones a progress report of that year counts."""
    return [a for a in o.afspraken if geldt_in(o, a, jaar)]


def afspraken_van(o: Overeenkomst, instrument: Instrument) -> list[Afspraak]:
    """The afspraken of an instrument and of its parts."""
    if instrument.onderdeel_van is not None:
        ids = {instrument.id}
    else:
        ids = {i.id for i in o.instrumenten if hoofd(o, i).id == instrument.id}
    return [a for a in o.afspraken if a.instrument in ids]


def in_overeenkomst(o: Overeenkomst) -> list[Afspraak]:
    """The afspraken the agreement's own document shows: all but those of a separate document."""
    apart = {i.id for i in o.instrumenten if hoofd(o, i).apart}
    return [a for a in o.afspraken if a.instrument not in apart]


def eigen_partijen(o: Overeenkomst, instrument: Instrument | None) -> list[str] | None:
    """The parties an instrument names as its own (its part's, else its addendum's); None: not named."""
    while instrument is not None:
        if instrument.partijen:
            return list(instrument.partijen)
        if instrument.onderdeel_van is None:
            return None
        parent = hoofd(o, instrument)
        instrument = parent if parent is not instrument else None
    return None


def ondertekenaars(o: Overeenkomst, instrument: Instrument | None = None) -> list[Partij]:
    """The parties that sign the agreement itself (None) or ``instrument``, in the parties' order.

    An instrument is signed by the parties it names, else by those that had joined by its own
    date (a later accession never signs an earlier jaarschijf); one for a single gemeente or
    corporation is signed by that one only of its kind.
    """
    if instrument is not None and (instrument.partijen or instrument.soort == "toetreding"):
        wanted = set(instrument.partijen)
        return [p for p in o.partijen if p.id in wanted]
    eigen = eigen_partijen(o, instrument)
    if eigen is not None:
        return [p for p in o.partijen if p.id in set(eigen)]
    op = peildatum(o, instrument)
    later = {
        pid: t for pid, t in toetredingen(o).items()
        if instrument is None or not geldig_op(o, t, op) or op is None
    }
    result = [p for p in o.partijen if p.ondertekent and p.id not in later]
    if instrument is not None and instrument.gemeente is not None:
        result = [p for p in result if p.soort != "gemeente" or p.id == instrument.gemeente]
    if instrument is not None and instrument.corporatie is not None:
        result = [
            p for p in result
            if (p.soort != "corporatie" or p.id == instrument.corporatie)
            and (p.soort != "huurdersorganisatie" or not p.huurders_van or instrument.corporatie in p.huurders_van)
        ]
    return result


def niet_ondertekenend(o: Overeenkomst) -> list[Partij]:
    """Parties that take part in the agreement without signing it (from its own signing on)."""
    return [p for p in partijen_op(o, None) if not p.ondertekent]


@dataclass
class Moment:
    """One signing event: where and when, and which parties sign then."""

    ondertekening: Ondertekening
    partijen: list[Partij] = field(default_factory=list)

    @property
    def status_ondertekend(self) -> bool:
        return self.ondertekening.datum is not None


def momenten(o: Overeenkomst, instrument: Instrument | None = None) -> list[Moment]:
    """The signing events of the agreement or an instrument, in order of first appearance.

    A party with its own ``ondertekening`` signs at its own moment (remotely, another day);
    for an instrument, its own ``ondertekening`` is the moment of all its signatories.
    """
    default = o.ondertekening
    if instrument is not None:
        default = instrument.ondertekening or o.ondertekening
    result: list[Moment] = []
    for p in ondertekenaars(o, instrument):
        eigen = p.ondertekening if instrument is None else None
        if eigen is not None and eigen.plaats is None and eigen.datum is None and not (
            eigen.digitaal or eigen.datum_onbekend
        ):
            eigen = None  # only 'ondertekenaars_onbekend': the party signs with the others
        ond = eigen or default
        for m in result:
            if m.ondertekening is ond or (
                (m.ondertekening.plaats, m.ondertekening.datum, m.ondertekening.digitaal)
                == (ond.plaats, ond.datum, ond.digitaal)
            ):
                m.partijen.append(p)
                break
        else:
            result.append(Moment(ond, [p]))
    # The agreement's own moment first, then the separate ones in order of appearance.
    result.sort(key=lambda m: m.ondertekening is not default)
    return result


def alle_partijen(o: Overeenkomst) -> dict[str, Partij | Lid]:
    """Every id an afspraak may name: the parties and the members of collectives that have an id."""
    found: dict[str, Partij | Lid] = {}
    for p in o.partijen:
        found.setdefault(p.id, p)
        for lid in p.leden:
            if lid.id:
                found.setdefault(lid.id, lid)
    return found


def soort_van(o: Overeenkomst, ident: str) -> str | None:
    """gemeente, corporatie, … of a party or member id (a member inherits its collective's)."""
    for p in o.partijen:
        if p.id == ident:
            return p.soort
        for lid in p.leden:
            if lid.id == ident:
                return lid.soort or p.soort
    return None
