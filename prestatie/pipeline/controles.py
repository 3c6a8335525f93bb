"""Checks that need a rendered document, not only the sources: the press release's date and length."""

from __future__ import annotations

import re

from ..core.errors import Plaats, PrestatieFout, Rapport, SjabloonFout
from ..model import Dossier
from ..parse.woorden import MAX_WOORDEN, woorden
from ..plan import plan
from ..write.formats import NAMEN
from ..plan.persbericht import datum
from ..load.yaml import plaats_in_waarde
from ..plan.samenvatting import bevindingen as samenvatting_bevindingen
from ..write.data.opendata import AFSPRAAK_KOLOMMEN, INDICATOR_KOLOMMEN, afspraak_rijen, csv_cellen, indicator_rijen, lijkt_formule
from .bouw import Bouw


_BESTAND_VOORAAN = re.compile(r"([^\s:']+\.[A-Za-z0-9]+)(?::(\d+))?: (.*)", re.S)


def sjabloon_checks(dossiers: list[Dossier], bouw: Bouw, rapport: Rapport) -> None:
    """What a build would refuse in the templates and house style, as errors: every document's
    template rendered (in the sandbox, as the build renders it) and every writer made once."""
    def fout(e: PrestatieFout) -> None:
        m = _BESTAND_VOORAAN.match(e.bericht) if e.plaats is None else None
        if m:  # 'sjablonen/x.md.j2:3: …' names its own place
            rapport.fout(Plaats(m[1], int(m[2] or 0)), m[3])
        else:
            rapport.fout(e.plaats or Plaats("sjablonen"), e.bericht)

    for naam in NAMEN:
        try:
            bouw.writer(naam)
        except PrestatieFout as e:
            fout(e)
    for dossier in dossiers:
        for doc in plan(dossier, bouw.info):
            try:
                bouw.markdown(dossier, doc)
            except PrestatieFout as e:
                fout(e)


def document_checks(dossier: Dossier, bouw: Bouw, rapport: Rapport) -> None:
    """Warnings about rendered documents of one agreement: a hand-written summary that
    contradicts its figures, the press release's date and length. The press release is
    rendered and parsed as the build does, once; its word count is kept."""
    formules_in_open_data(dossier, rapport)
    for jaar, v in sorted(dossier.voortgang.items()):
        where = v.waar("samenvatting") or Plaats(f"{dossier.map}/voortgang/{jaar}.yaml")
        for span, bericht in samenvatting_bevindingen(dossier, jaar):
            at = plaats_in_waarde(where, v.samenvatting or "", *span) if span and where.regel else where
            rapport.waarschuwing(at, bericht)
    pb = dossier.persbericht
    if pb is None:
        return
    where = pb.waar() or Plaats(f"{dossier.map}/persbericht.yaml")
    if datum(dossier) is None:
        rapport.waarschuwing(
            where,
            "het persbericht heeft geen datum; vul 'datum:' in (JJJJ-MM-DD) of de datum van ondertekening",
        )
    doc = next(d for d in plan(dossier, bouw.info) if d.soort == "persbericht")
    try:
        _, tree = bouw.boom(dossier, doc)
    except SjabloonFout:
        return  # reported by sjabloon_checks, as an error
    except PrestatieFout as e:
        rapport.waarschuwing(where, f"het persbericht kan niet worden opgemaakt om de lengte te tellen: {e}")
        return
    n = bouw.woorden[dossier.map] = woorden(tree)
    if n > MAX_WOORDEN:
        rapport.waarschuwing(
            pb.waar("secties") or where,
            f"het persbericht telt {n} woorden vóór de noot voor de redactie en past niet meer op "
            f"één A4 (ongeveer {MAX_WOORDEN} woorden); maak de secties korter of laat er een weg",
        )


def formules_in_open_data(dossier: Dossier, rapport: Rapport) -> None:
    """A warning for every text the open data (CSV) would start with a formula sign: the CSV
    writes it with an apostrophe in front, so the reader sees a character the source lacks."""
    o = dossier.overeenkomst
    themas = {t.id: t for t in o.themas}
    indicatoren = {i.id: i for i in o.indicatoren}
    _, afspraken = afspraak_rijen(dossier)
    tabellen = [(AFSPRAAK_KOLOMMEN, row, a) for a, row in zip(o.afspraken, afspraken)]
    tabellen += [(INDICATOR_KOLOMMEN, row, indicatoren.get(row["indicator"])) for row in indicator_rijen(dossier)]
    seen: set[tuple] = set()
    for kolommen, row, node in tabellen:
        for k, cel in zip(kolommen, csv_cellen(kolommen, row)):
            if k.datatype != "string" or not lijkt_formule(cel) or (k.naam == "tekst" and cel[:2] in ("- ", "+ ")):
                continue  # a text that opens with a Markdown list is no surprise
            bron = themas.get(row["thema"]) if k.naam == "thema_titel" else node
            veld = {"thema_titel": "titel", "label": "nummer"}.get(k.naam, k.naam)
            at = (bron.waar(veld) or bron.waar()) if bron is not None else None
            key = (at, k.naam, cel)
            if key in seen:
                continue
            seen.add(key)
            teken = {"\t": "een tab", "\r": "een regeleinde"}.get(cel[0], f"'{cel[0]}'")
            kort = " ".join(cel[:40].split())
            rapport.waarschuwing(
                at or Plaats(f"{dossier.map}/overeenkomst.yaml"),
                f"{k.naam} begint met {teken}: een spreadsheet zou '{kort}' als formule lezen; "
                "in de open data (CSV) staat er daarom een apostrof voor",
            )
