"""Checks that need a rendered document, not only the sources: the press release's date and length."""

from __future__ import annotations

import re
from typing import Any

from ..core.errors import Plaats, PrestatieFout, Rapport
from ..model import Afspraak, Dossier, Indicator
from ..model.verwijzingen import naam_van
from ..parse.woorden import MAX_WOORDEN, woorden
from ..plan import Document, plan, uittreksels
from ..plan.uittreksel import UITTREKSEL, Partners
from ..plan.persbericht import datum, dateline
from ..load.yaml import plaats_in_waarde
from ..plan.samenvatting import bevindingen as samenvatting_bevindingen
from ..plan.tegenspraak import tegenstrijdigheden
from ..write.data.opendata import AFSPRAAK_KOLOMMEN, INDICATOR_KOLOMMEN, Kolom, afspraak_rijen, csv_cellen, indicator_rijen, lijkt_formule
from ..write.formats import NAMEN
from .bouw import Bouw


_BESTAND_VOORAAN = re.compile(r"([^\s:']+\.[A-Za-z0-9]+)(?::(\d+))?: (.*)", re.S)


def huisstijl_checks(bouw: Bouw, rapport: Rapport) -> None:
    """What a build would refuse in the house style (reference .docx, CSS, Typst), as errors:
    every writer made once, as the build makes it. The templates are rendered per document
    by ``document_checks``."""
    for naam in NAMEN:
        try:
            bouw.writer(naam)
        except PrestatieFout as e:
            fout_in_sjablonen(e, rapport)


def fout_in_sjablonen(e: PrestatieFout, rapport: Rapport) -> None:
    """An error of the templates or house style as a finding at its own place."""
    m = _BESTAND_VOORAAN.match(e.bericht) if e.plaats is None else None
    if m:  # 'sjablonen/x.css:3: …' names its own place
        rapport.fout(Plaats(m[1], int(m[2] or 0)), m[3])
    else:
        rapport.fout(e.plaats or Plaats("sjablonen"), e.bericht)


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
        for t in tegenstrijdigheden(dossier, jaar):
            rapport.waarschuwing(_plaats(v, t.veld, t.begin, t.eind) or where, t.melding)
    documenten = plan(dossier, bouw.info_voor(dossier))
    _render_checks(dossier, documenten, bouw, rapport)
    pb = dossier.persbericht
    if pb is None:
        return
    where = pb.waar() or Plaats(f"{dossier.map}/persbericht.yaml")
    if not dateline(dossier):
        rapport.fout(
            where,
            "het persbericht heeft geen plaatsnaam voor de dateline: geen gemeente tekent en er is geen "
            "plaats van ondertekening; vul 'plaatsnamen:' in (bijvoorbeeld [Hillegom])",
        )
    if datum(dossier) is None:
        rapport.waarschuwing(
            where,
            "het persbericht heeft geen datum; vul 'datum:' in (JJJJ-MM-DD) of de datum van ondertekening",
        )
    doc = next(d for d in documenten if d.soort == "persbericht")
    try:
        _, tree = bouw.boom(dossier, doc)
    except PrestatieFout:
        return  # already reported as an error by _render_checks
    n = bouw.woorden[dossier.map] = woorden(tree)
    if n > MAX_WOORDEN:
        rapport.waarschuwing(
            pb.waar("secties") or where,
            f"het persbericht telt {n} woorden vóór de noot voor de redactie en past niet meer op "
            f"één A4 (ongeveer {MAX_WOORDEN} woorden); maak de secties korter of laat er een weg",
        )


def uittreksel_checks(dossier: Dossier, partners: Partners, bouw: Bouw, rapport: Rapport) -> None:
    """Render and parse the extract of each party of one agreement, over the same agreements
    (``partners``) as the build's: a user template of the extract that build refuses is
    refused by check too."""
    docs = [d for d in uittreksels(dossier, bouw.info_voor(dossier), partners) if d.soort == UITTREKSEL]
    _render_checks(dossier, docs, bouw, rapport)


def _bron_van(dossier: Dossier, doc: Document) -> tuple[str, Plaats]:
    """What a document is built from, in the reader's words, and where that stands in the sources."""
    o = dossier.overeenkomst
    if doc.soort == UITTREKSEL:
        p = next((p for p in o.partijen if doc.titel == f"Uittreksel voor {p.naam}"), None)
        if p is not None:
            return f"het uittreksel voor {p.naam}", p.waar() or Plaats(f"{dossier.map}/overeenkomst.yaml")
    if doc.soort == "persbericht" and dossier.persbericht is not None:
        return "het persbericht", dossier.persbericht.waar() or Plaats(f"{dossier.map}/persbericht.yaml")
    if doc.soort == "voortgang" and doc.jaar in dossier.voortgang:
        v = dossier.voortgang[doc.jaar]
        return f"de voortgangsrapportage {doc.jaar}", v.waar() or Plaats(f"{dossier.map}/voortgang/{doc.jaar}.yaml")
    eigen = Plaats(f"{dossier.map}/overeenkomst.yaml")
    for i in o.instrumenten:
        if doc.soort == i.soort and doc.titel == i.naam:
            return f"{i.naam} ('{i.id}', apart document)", i.waar() or eigen
    return "de overeenkomst", o.waar() or eigen


def sjablonen_vooraf(documenten: list[Document], bouw: Bouw) -> None:
    """Compile the templates of the documents before any is rendered: an error of a template
    itself (syntax, unknown block) is no fault of the sources, and stops the check as it stops
    the build, naming the template's file and line."""
    for doc in documenten:
        if doc.sjabloon:  # open data and the calendar have none
            bouw.renderer.vooraf(doc.sjabloon)


def _render_checks(dossier: Dossier, documenten: list[Document], bouw: Bouw, rapport: Rapport) -> None:
    """Render and parse every document the build would make, without writing: whatever the
    check accepts, the build renders. A failure is an error at the YAML object it comes from."""
    sjablonen_vooraf(documenten, bouw)
    for doc in documenten:
        try:
            bouw.opmaken(dossier, doc)
        except PrestatieFout as e:
            wat, waar = _bron_van(dossier, doc)
            rapport.fout(waar, f"{wat} kan niet worden opgemaakt ({doc.naam}): {e}")


def _plaats(v, veld: str, begin: int, eind: int) -> Plaats | None:
    """Where a field of a progress file ('samenvatting', 'themas.<id>.tekst',
    'afspraken.<id>.toelichting') and the words in it stand."""
    node, naam = v, veld
    if veld.count(".") == 2:
        soort, ident, naam = veld.split(".")
        node = getattr(v, soort).get(ident)
    where = node.waar(naam) if node is not None else None
    tekst = getattr(node, naam, None)
    if where is not None and where.regel and isinstance(tekst, str) and eind > begin:
        return plaats_in_waarde(where, tekst, begin, eind)
    return where


def formules_in_open_data(dossier: Dossier, rapport: Rapport) -> None:
    """A warning for every text the open data (CSV) would start with a formula sign: the CSV
    writes it with an apostrophe in front, so the reader sees a character the source lacks."""
    o = dossier.overeenkomst
    themas = {t.id: t for t in o.themas}
    indicatoren = {i.id: i for i in o.indicatoren}
    _, afspraken = afspraak_rijen(dossier, naam_van(o))  # as written: {partij:id} resolved to its name
    tellen = [a for a in o.afspraken if getattr(a, "telt", True)]  # a wish or position has no row
    tabellen: list[tuple[list[Kolom], dict[str, Any], Afspraak | Indicator | None]] = [
        (AFSPRAAK_KOLOMMEN, row, a) for a, row in zip(tellen, afspraken, strict=True)]
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
