"""Is it ready to go out? What a copy for signing still misses (who signs, where, when), names
that stand in for a person where they would reach print, and a press release that leaves a
signing party without a voice or a contact."""

from __future__ import annotations

from ..core.errors import Plaats, Rapport
from ..core.opmaak import opsomming
from ..core.tekst import plaatshouder
from ..model import Dossier, Instrument, Knoop
from ..model.instrumenten import momenten, ondertekenaars

TER_ONDERTEKENING = "ter_ondertekening"


def _where(node: Knoop, veld: str | None = None, standaard: Plaats | None = None) -> Plaats:
    return node.waar(veld) or node.waar() or standaard or Plaats("?")


def check_gereed(dossier: Dossier, r: Rapport) -> None:
    """Warnings for what keeps the documents from the signing table or the newsroom."""
    _signing_copy(dossier, r)
    _placeholders(dossier, r)
    _press_pack(dossier, r)


def _signing_copy(dossier: Dossier, r: Rapport) -> None:
    """A copy for signing ('ter_ondertekening'), of the agreement or an instrument of its own:
    every signing party names who signs, and the moment names its place and date."""
    o = dossier.overeenkomst
    stukken: list[tuple[str, Instrument | None, str]] = [(o.titel, None, o.status)]
    stukken += [(f"{i.soort} '{i.id}'", i, i.status or o.status) for i in o.instrumenten if i.apart]
    for naam, instrument, status in stukken:
        if status != TER_ONDERTEKENING:
            continue
        voor = f"nog nodig vóór ondertekening van {naam}"
        for m in momenten(o, instrument):
            ond = m.ondertekening
            if not ond.digitaal and not ond.plaats:
                r.waarschuwing(_where(ond, None, _where(instrument or o)),
                               f"{voor}: de plaats van ondertekening; vul 'plaats:' in of 'digitaal: true'")
            if ond.datum is None:
                r.waarschuwing(_where(ond, None, _where(instrument or o)),
                               f"{voor}: de datum van ondertekening; vul 'datum:' in (JJJJ-MM-DD)")
        zonder = [p for p in ondertekenaars(o, instrument) if not p.ondertekenaars]
        if zonder:
            r.waarschuwing(_where(zonder[0]),
                           f"{voor}: wie er tekent namens {opsomming([p.naam for p in zonder])}; "
                           "vul 'vertegenwoordigers:' met naam en functie in")


def _placeholders(dossier: Dossier, r: Rapport) -> None:
    """A stand-in name ('A. Wethouder', 'N.N.', 'Voorbeeld') wherever it would be printed."""
    o = dossier.overeenkomst

    def check(node: Knoop, naam: str, waar: str) -> None:
        if plaatshouder(naam):
            r.waarschuwing(_where(node, "naam" if hasattr(node, "naam") else "wie"),
                           f"'{naam}' lijkt een plaatshouder, geen naam, en komt zo in {waar}; "
                           "vul de echte naam in")

    for p in o.partijen:
        for v in p.vertegenwoordigers:
            check(v, v.naam, "de overeenkomst" + (" en op de tekenpagina" if p.ondertekent and v.ondertekent else ""))
    pb = dossier.persbericht
    if pb is None:
        return
    for citaat in pb.citaten:
        check(citaat, citaat.wie, "het persbericht")
    for contact in pb.noot.contacten if pb.noot else []:
        check(contact, contact.naam, "de noot voor de redactie")


def _press_pack(dossier: Dossier, r: Rapport) -> None:
    """Every signing party has a quote and a contact, or a warning names those without; a
    release without any contact for the press is a warning of its own."""
    pb = dossier.persbericht
    if pb is None:
        return
    o = dossier.overeenkomst
    instrument = next((i for i in o.instrumenten if i.id == pb.instrument), None)
    partijen = ondertekenaars(o, instrument)
    waar = _where(pb, None, Plaats(f"{dossier.map}/persbericht.yaml"))
    contacten = pb.noot.contacten if pb.noot else []
    if not contacten:
        r.waarschuwing(_where(pb, "noot", waar),
                       "het persbericht noemt niemand die de pers kan bellen; voeg 'noot:' met "
                       "'contacten:' toe (naam, partij, telefoon, e-mail)")
    citaat = {c.partij for c in pb.citaten}
    contact = {c.partij for c in contacten}
    zonder_citaat = [p.korte_naam for p in partijen if p.id not in citaat]
    zonder_contact = [p.korte_naam for p in partijen if p.id not in contact]
    if zonder_citaat and pb.citaten:
        r.waarschuwing(_where(pb, "citaten", waar),
                       f"geen citaat van {opsomming(zonder_citaat)}; elke ondertekenende partij "
                       "krijgt een citaat in 'citaten:' (wie, functie, partij, tekst)")
    elif zonder_citaat:
        r.waarschuwing(waar, "het persbericht heeft geen citaat; elke ondertekenende partij krijgt "
                             "een citaat in 'citaten:' (wie, functie, partij, tekst)")
    if zonder_contact and contacten and pb.noot is not None:
        r.waarschuwing(_where(pb.noot, "contacten", waar),
                       f"geen contact voor de pers bij {opsomming(zonder_contact)}; voeg per partij "
                       "een contact toe in 'noot: contacten:'")
