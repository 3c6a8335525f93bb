"""What the pages of the publication site show: per agreement its versions and their files,
per gemeente and corporation its agreements and extracts, the afspraken to search in and the
metadata of every document. Pure: from the built versions to template contexts and records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..core.tekst import slug
from ..core.version import Bouwinfo
from ..model import Dossier
from ..plan import OPEN_DATA, PER_OVEREENKOMST, Document
from ..plan.instrumenten import afspraak_links
from ..plan.uittreksel import UITTREKSEL, partijsleutel
from ..write.web import site as sitewriter
from .versies import Versiestand

LABELS = {"html": "HTML", "pdf": "PDF", "docx": "Word", "md": "Markdown", "txt": "tekst", "ics": "agenda (.ics)"}
"""How a file's format is named in a link."""
SOORTNAMEN = {"gemeente": "Gemeente", "corporatie": "Woningcorporatie"}


@dataclass
class Versiepagina:
    """One built version of one agreement on the site."""

    map: str
    """The agreement's folder on the site."""
    pad: str
    """The version's folder on the site: '<map>/versie-1-0'."""
    versie: Versiestand
    dossier: Dossier
    documenten: list[Document]
    bestanden: list[str]
    verschil: dict[str, Any] | None = None

    @property
    def weergave(self) -> str:
        o = self.dossier.overeenkomst
        return _info(self.versie).openbare_versie(o.versie, o.ondertekening.datum)


def _info(v: Versiestand) -> Bouwinfo:
    return Bouwinfo(commit=v.commit, datum=v.datum, datum_bron="site")


def _links(p: Versiepagina, basis: str, naam: str) -> list[dict[str, str]]:
    """The files of one document in this version, in a fixed order of formats."""
    return [{"label": label, "href": f"{basis}{p.pad}/{naam}.{ext}"}
            for ext, label in LABELS.items() if f"{naam}.{ext}" in p.bestanden]


def _documenten(p: Versiepagina, basis: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The documents of a version (with the open data and the calendar), and the extracts."""
    docs, uittreksels = [], []
    for d in p.documenten:
        if d.soort in PER_OVEREENKOMST:
            continue
        # The press release's title is its headline: the table names its kind instead.
        titel = {"overeenkomst": "Overeenkomst", "persbericht": "Persbericht"}.get(d.soort, d.titel)
        rij = {"titel": titel, "links": _links(p, basis, d.naam)}
        if not rij["links"]:
            continue
        if d.soort == UITTREKSEL:
            uittreksels.append({**rij, "titel": d.titel.removeprefix("Uittreksel voor ")})
        else:
            docs.append(rij)
    data = [{"label": n, "href": f"{basis}{p.pad}/{n}"} for n in OPEN_DATA if n in p.bestanden]
    if data:
        docs.append({"titel": "Open data", "links": data})
    if "termijnen.ics" in p.bestanden:
        docs.append({"titel": "Termijnenkalender", "links": [{"label": "termijnen.ics", "href": f"{basis}{p.pad}/termijnen.ics"}]})
    return docs, uittreksels


def overeenkomst_context(paginas: list[Versiepagina], basis: str) -> list[tuple[str, dict[str, Any]]]:
    """Per agreement its page: every version, the newest first."""
    per_map: dict[str, list[Versiepagina]] = {}
    for p in paginas:
        per_map.setdefault(p.map, []).append(p)
    out = []
    for m, lijst in per_map.items():
        versies = []
        for p in reversed(lijst):
            docs, uittreksels = _documenten(p, basis)
            verschil = None
            if p.verschil is not None:
                folder = f"{basis}{m}/{p.verschil['map']}"
                verschil = {"van": p.verschil["van"], "links": [
                    {"label": LABELS.get(n.rsplit(".", 1)[1], n) + (" (met bijgehouden wijzigingen)" if n.endswith(".docx") else ""),
                     "href": f"{folder}/{n}"} for n in sorted(p.verschil["bestanden"], key=_volgorde)]}
            versies.append({"weergave": p.weergave, "tags": p.versie.tags, "documenten": docs,
                            "uittreksels": uittreksels, "verschil": verschil})
        titel = lijst[-1].dossier.overeenkomst.titel
        out.append((f"{m}.html", {"pagina": "overeenkomst", "titel": titel, "versies": versies,
                                  "start": f"{basis}index.html"}))
    return out


def _volgorde(naam: str) -> int:
    ext = naam.rsplit(".", 1)[-1]
    return list(LABELS).index(ext) if ext in LABELS else len(LABELS)


def partij_paginas(paginas: list[Versiepagina], dossiers: list[Dossier], basis: str
                   ) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """The front page, and a page per gemeente and per corporation with its agreements and
    its extract in the newest version of each."""
    nieuwste = {p.map: p for p in paginas}  # the last one of each agreement is the newest
    partijen: dict[tuple[str, str], dict[str, Any]] = {}
    overeenkomsten = []
    for d in dossiers:
        m = slug(d.map, "overeenkomst", 80)
        p = nieuwste[m]
        o = d.overeenkomst
        overeenkomsten.append({
            "titel": o.titel, "href": f"{basis}{m}.html", "versie": p.weergave,
            "gemeenten": [q.naam for q in o.partijen if q.soort == "gemeente"],
            "corporaties": [q.naam for q in o.partijen if q.soort == "corporatie"],
        })
        for q in o.partijen:
            if q.soort not in SOORTNAMEN:
                continue
            key = (q.soort, partijsleutel(q))
            entry = partijen.setdefault(key, {"naam": q.naam, "soort": q.soort, "overeenkomsten": []})
            entry["overeenkomsten"].append({
                "titel": o.titel, "href": f"{basis}{m}.html", "versie": p.weergave,
                "uittreksel": _links(p, basis, f"uittreksel-{slug(str(q.id), 'partij', 60)}")})
    paginas_partij = []
    lijsten: dict[str, list[dict[str, str]]] = {"gemeente": [], "corporatie": []}
    for (soort, sleutel), entry in sorted(partijen.items(), key=lambda kv: (kv[0][0], kv[1]["naam"].lower())):
        naam = f"{soort}-{sleutel.removeprefix(soort + '-')}.html"
        lijsten[soort].append({"naam": entry["naam"], "href": f"{basis}{naam}"})
        paginas_partij.append((naam, {"pagina": "partij", "titel": entry["naam"], "start": f"{basis}index.html",
                                      "partij": {"naam": entry["naam"], "soortnaam": SOORTNAMEN[soort]},
                                      "overeenkomsten": entry["overeenkomsten"]}))
    index = ("index.html", {"pagina": "index", "titel": "Prestatieafspraken", "overeenkomsten": overeenkomsten,
                            "gemeenten": lijsten["gemeente"], "corporaties": lijsten["corporatie"],
                            "metadata": f"{basis}{sitewriter.METADATA}",
                            "zoekindex": f"{basis}{sitewriter.ZOEKINDEX_JSON}"})
    return [index], paginas_partij


def _platte_tekst(markdown: str, lengte: int = 300) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = " ".join(re.sub(r"[*_`#>]", "", text).split())
    return text if len(text) <= lengte else text[: lengte - 1].rstrip() + "…"


def afspraken_index(dossier: Dossier, map_: str) -> list[dict[str, str]]:
    """The afspraken of the newest version to search in, each with its address."""
    o = dossier.overeenkomst
    namen = {p.id: p.korte_naam for p in o.partijen}
    pagina = afspraak_links(o)
    return [{
        "nummer": a.label, "titel": a.kort, "tekst": _platte_tekst(a.tekst), "overeenkomst": o.titel,
        "partijen": ", ".join(namen.get(i, str(i)) for i in [*a.trekker, *a.betrokken]),
        "href": f"{map_}{pagina.get(a.ident, 'overeenkomst.html')}#{a.id}",
    } for a in o.afspraken]


SOORTEN = {"overeenkomst": "Prestatieafspraken", "persbericht": "Persbericht",
           "voortgang": "Voortgangsrapportage", UITTREKSEL: "Uittreksel"}


def records(paginas: list[Versiepagina], basis: str) -> list[dict[str, Any]]:
    """The schema.org record of every published document file of these versions."""
    out = []
    for p in paginas:
        o = p.dossier.overeenkomst
        uitgever = next((q.naam for q in o.partijen if q.soort == "gemeente"), None)
        for d in p.documenten:
            if d.soort in PER_OVEREENKOMST:
                continue
            # The document's own parties, as its properties name them: a party that joined
            # later is no maker of a document from before it joined.
            partijen = [{"naam": q.naam, "soort": q.soort} for q in o.partijen if not d.auteurs or q.naam in d.auteurs]
            for link in _links(p, basis, d.naam):
                ext = link["href"].rsplit(".", 1)[1]
                out.append(sitewriter.document_metadata(
                    url=link["href"], titel=d.titel, soort=SOORTEN.get(d.soort, d.soort.capitalize()),
                    versie=p.weergave, overeenkomst=o.titel, overeenkomst_url=f"{basis}{p.map}.html",
                    partijen=partijen, uitgever=uitgever, datum=o.ondertekening.datum, gewijzigd=p.versie.datum,
                    van=o.looptijd.van, tot=o.looptijd.tot, licentie_url=sitewriter.licentie(o.licentie), extensie=ext))
    return out
