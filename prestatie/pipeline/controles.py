"""Checks that need a rendered document, not only the sources: the press release's date and length."""

from __future__ import annotations

from ..core.errors import Plaats, PrestatieFout, Rapport
from ..model import Dossier
from ..parse.woorden import MAX_WOORDEN, woorden
from ..plan import plan
from ..plan.persbericht import datum
from ..load.yaml import plaats_in_waarde
from ..plan.samenvatting import bevindingen as samenvatting_bevindingen
from ..plan.tegenspraak import tegenstrijdigheden
from .bouw import Bouw


def document_checks(dossier: Dossier, bouw: Bouw, rapport: Rapport) -> None:
    """Warnings about rendered documents of one agreement: a hand-written summary that
    contradicts its figures, the press release's date and length. The press release is
    rendered and parsed as the build does, once; its word count is kept."""
    for jaar, v in sorted(dossier.voortgang.items()):
        where = v.waar("samenvatting") or Plaats(f"{dossier.map}/voortgang/{jaar}.yaml")
        for span, bericht in samenvatting_bevindingen(dossier, jaar):
            at = plaats_in_waarde(where, v.samenvatting or "", *span) if span and where.regel else where
            rapport.waarschuwing(at, bericht)
        for t in tegenstrijdigheden(dossier, jaar):
            rapport.waarschuwing(_plaats(v, t.veld, t.begin, t.eind) or where, t.melding)
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
