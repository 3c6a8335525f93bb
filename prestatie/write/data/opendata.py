"""Open data beside the documents: the commitments and the indicators of one agreement as CSV
and JSON, described by CSVW metadata, under a stated licence.

- ``afspraken.csv`` and ``afspraken.json``: one row per commitment (id, label, thema, type,
  trekker, betrokken, gemeente, termijn, instrument, indicator, …) with its status in every
  reported year; the JSON also every year's results, with their gemeente and gebied;
- ``indicatoren.csv``: per indicator and year the target and the realisation;
- ``csv-metadata.json``: CSVW (W3C) metadata naming and typing every column of both tables;
- ``licentie.txt``: the licence (CC0 1.0 unless the agreement names another in ``licentie:``).

UTF-8, comma-separated (RFC 4180), CRLF line ends, numbers with a decimal point and dates as
ISO 8601, so any tool reads them; Dutch column names in a fixed order; no clock: the same
sources give the same bytes. Fields the model does not (yet) have stay empty.

A text cell that a spreadsheet would take for a formula (it begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets an apostrophe in front in the CSV, as OWASP advises
against CSV injection; the JSON keeps the text exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any, Callable

from ...core import opmaak
from ...load.sjablonen import Sjablonen
from ...model import STATUSSEN, Dossier
from ...model.instrumenten import toegetreden
from ...model.verwijzingen import label, naam_van
from ...plan import OPEN_DATA
from ...render.document import Documentinfo
from .resultaten import RESULTATEN_SCHEMA, resolve as _resolve, resultaat_rijen

LICENTIES = {
    "CC0-1.0": ("CC0 1.0 Universeel (Publiek Domein Verklaring)",
                "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"),
    "CC-BY-4.0": ("Creative Commons Naamsvermelding 4.0 Internationaal",
                  "https://creativecommons.org/licenses/by/4.0/deed.nl"),
    "CC-BY-SA-4.0": ("Creative Commons Naamsvermelding-GelijkDelen 4.0 Internationaal",
                     "https://creativecommons.org/licenses/by-sa/4.0/deed.nl"),
    "ODbL-1.0": ("Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}
STANDAARD_LICENTIE = "CC0-1.0"


@dataclass(frozen=True)
class Kolom:
    naam: str
    beschrijving: str
    datatype: str = "string"
    """A CSVW datatype: string, integer, decimal, date."""


def _statuskolommen(jaren: list[int]) -> list[Kolom]:
    return [Kolom(f"status_{j}", f"Status van de afspraak in de voortgangsrapportage over {j}") for j in jaren]


AFSPRAAK_KOLOMMEN = [
    Kolom("id", "Vaste sleutel van de afspraak in de bron"),
    Kolom("label", "Nummer van de afspraak zoals de overeenkomst het toont"),
    Kolom("titel", "Korte titel van de afspraak"),
    Kolom("onder", "Sleutel van de afspraak waar deze afspraak onder valt (een deelafspraak); leeg: geen"),
    Kolom("thema", "Sleutel van het thema"),
    Kolom("thema_titel", "Titel van het thema"),
    Kolom("type", "Soort afspraak (resultaat-, proces- of inspanningsafspraak, …), als de bron die noemt"),
    Kolom("trekker", "Sleutel(s) van de partij(en) die de afspraak trekken, gescheiden door '; '"),
    Kolom("betrokken", "Sleutels van de betrokken partijen, gescheiden door '; '"),
    Kolom("gemeente", "Sleutel van de gemeente waar de afspraak over gaat"),
    Kolom("gebied", "Gebied, wijk of project waar de afspraak over gaat, zoals de overeenkomst het noemt"),
    Kolom("termijn", "Termijn zoals de overeenkomst hem schrijft (jaar, datum, kwartaal, periode of doorlopend)"),
    Kolom("termijn_einde", "Laatste dag waarop de afspraak op tijd is", "date"),
    Kolom("vanaf", "Vanaf wanneer de afspraak geldt (jaar, kwartaal of datum); leeg: vanaf het begin"),
    Kolom("herhaling", "Hoe vaak een terugkerende verplichting terugkomt"),
    Kolom("instrument", "Sleutel van de jaarschijf of het addendum waarin de afspraak staat; leeg: de overeenkomst zelf"),
    Kolom("indicator", "Sleutel van de indicator die de afspraak meet"),
    Kolom("tekst", "Tekst van de afspraak (Markdown)"),
]
INDICATOR_KOLOMMEN = [
    Kolom("indicator", "Sleutel van de indicator"),
    Kolom("naam", "Naam van de indicator"),
    Kolom("eenheid", "Eenheid van streefwaarde en realisatie"),
    Kolom("richting", "Wat de streefwaarde van het jaar vraagt: hoger (meer is beter, of ten minste), lager "
                      "(minder is beter, of ten hoogste: een maximum), bereik (tussen streefwaarde en "
                      "streefwaarde_tot) of plan (een planning, geen kant op beter)"),
    Kolom("jaar", "Jaar", "integer"),
    Kolom("kwalificatie", "ten minste, ten hoogste, circa, meer dan of minder dan, als de streefwaarde dat zegt"),
    Kolom("streefwaarde", "Afgesproken streefwaarde voor het jaar (bij een bereik de ondergrens)", "decimal"),
    Kolom("streefwaarde_tot", "Bovengrens als de streefwaarde een bereik is", "decimal"),
    Kolom("realisatie", "Gerealiseerde waarde volgens de voortgangsrapportage over het jaar (bij een bereik "
                        "de ondergrens); leeg: geen cijfer", "decimal"),
    Kolom("realisatie_kwalificatie", "ongeveer, meer dan, … als de voortgangsrapportage de realisatie zo schrijft"),
    Kolom("realisatie_tot", "Bovengrens als de realisatie een bereik is", "decimal"),
]


def _ids(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def termijn(value: Any) -> tuple[str, dt.date | None]:
    """(the deadline as written, its last day) for a year, a date or a richer planning."""
    if value is None:
        return "", None
    if isinstance(value, dt.date):
        return value.isoformat(), value
    if isinstance(value, int):
        return str(value), dt.date(value, 12, 31)
    return str(getattr(value, "tekst", value)), getattr(value, "eind", None)


def termijn_tekst(value: Any) -> str:
    """The deadline as a reader sees it: '2025', '31 december 2023', 'Q1 2026', '2019–2024'."""
    return "" if value is None else opmaak.termijn(value)


def _zoals_geschreven(value: Any) -> str:
    """A parsed value (a recurrence) as the agreement writes it; '' when absent."""
    if value is None:
        return ""
    return str(getattr(value, "tekst", value))


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    f = float(value)
    return str(int(f)) if f.is_integer() else repr(f)


def _status(regel: Any) -> str:
    status = getattr(regel, "status", None) if regel is not None else None
    return str(status) if status else ""


def afspraak_rijen(dossier: Dossier, namen: Callable[[str, str], str] | None = None
                   ) -> tuple[list[Kolom], list[dict[str, Any]]]:
    """One row per commitment, ids and lists as lists (the JSON shape), in the agreement's order."""
    o = dossier.overeenkomst
    jaren = sorted(dossier.voortgang)
    themas = {t.id: t.titel for t in o.themas}
    rows = []
    for a in o.afspraken:
        if not getattr(a, "telt", True):
            continue  # a wish or position of the tenants is never listed as an afspraak
        tekst, einde = termijn(getattr(a, "termijn", None))
        row: dict[str, Any] = {
            "id": str(a.id),
            "label": label(a),
            "titel": a.titel or "",
            "onder": str(a.onder or ""),
            "thema": str(a.thema),
            "thema_titel": themas.get(a.thema, ""),
            "type": str(getattr(a, "soort", None) or ""),
            "trekker": _ids(a.trekker),
            "betrokken": _ids(a.betrokken),
            "gemeente": str(a.gemeente or ""),
            "gebied": str(a.gebied or ""),
            "termijn": tekst,
            "termijn_einde": einde.isoformat() if einde else "",
            "vanaf": _zoals_geschreven(getattr(a, "vanaf", None)),
            "herhaling": _zoals_geschreven(getattr(a, "herhaling", None)),
            "instrument": str(getattr(a, "instrument", None) or ""),
            "indicator": str(a.indicator or ""),
            "tekst": _resolve(a.tekst.strip(), namen),
        }
        for j in jaren:
            row[f"status_{j}"] = _status(dossier.voortgang[j].afspraken.get(a.ident))
        rows.append(row)
    return AFSPRAAK_KOLOMMEN + _statuskolommen(jaren), rows


def indicator_rijen(dossier: Dossier) -> list[dict[str, Any]]:
    """Per indicator and year (targets and reported years together, in order) target and realisation."""
    rows = []
    for i in dossier.overeenkomst.indicatoren:
        realisatie = {j: v.indicatoren[i.id] for j, v in dossier.voortgang.items() if i.id in v.indicatoren}
        streef = {int(j): w for j, w in i.streefwaarden.items()}
        for jaar in sorted(set(streef) | set(realisatie)):
            rows.append({
                "indicator": str(i.id), "naam": i.naam, "eenheid": i.eenheid,
                "richting": _richting(i.richting, streef.get(jaar)),
                "jaar": jaar, "kwalificatie": str(getattr(streef.get(jaar), "kwalificatie", None) or ""),
                "streefwaarde": _doel(streef.get(jaar)),
                "streefwaarde_tot": _number(getattr(streef.get(jaar), "tot", None)),
                "realisatie": _number(_getal(realisatie.get(jaar))),
                "realisatie_kwalificatie": str(getattr(realisatie.get(jaar), "woord", None) or ""),
                "realisatie_tot": _number(getattr(realisatie.get(jaar), "tot", None)),
            })
    return rows


def _richting(richting: str, doel: Any) -> str:
    """What the year's target asks: a ceiling ('ten hoogste 25') is 'lager' whatever the
    indicator's default, a range is 'bereik'."""
    if richting == "plan" or doel is None:
        return str(richting)
    if getattr(doel, "tot", None) is not None:
        return "bereik"
    if getattr(doel, "plafond", False):
        return "lager"
    if getattr(doel, "vloer", False):
        return "hoger"
    return str(richting)


def _getal(value: Any) -> float | None:
    """A delivered amount: a number, or (with the model's amounts like 'ongeveer 15') its number."""
    if value is None or isinstance(value, (int, float)):
        return value
    return getattr(value, "waarde", None)


def _doel(value: Any) -> str:
    """A target: a number, or (with the model's qualified targets) its number."""
    if value is None or isinstance(value, (int, float)):
        return _number(value)
    return _number(getattr(value, "waarde", None))


FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, CSV injection)."""


def lijkt_formule(tekst: str) -> bool:
    """Whether a spreadsheet opening the CSV would take ``tekst`` for a formula."""
    return tekst.startswith(FORMULETEKENS)


def csv_cel(tekst: str, datatype: str = "string") -> str:
    """A cell as the CSV holds it: text that would be a formula behind an apostrophe, so a
    spreadsheet shows it as text. A number in a numeric column (``-5``) stays a number."""
    if datatype != "string" or not lijkt_formule(tekst):
        return tekst
    return "'" + tekst


def csv_cellen(kolommen: list[Kolom], row: dict[str, Any]) -> list[str]:
    """One row's cells in column order, as text: lists joined with '; '."""
    return ["; ".join(v) if isinstance(v, list) else str(v) for v in (row[k.naam] for k in kolommen)]


def _csv(kolommen: list[Kolom], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([k.naam for k in kolommen])
    for row in rows:
        writer.writerow([csv_cel(v, k.datatype) for k, v in zip(kolommen, csv_cellen(kolommen, row))])
    return out.getvalue().encode("utf-8")


def licentie(dossier: Dossier) -> tuple[str, str, str]:
    """(code, name, url) of the licence of the open data."""
    code = getattr(dossier.overeenkomst, "licentie", None) or STANDAARD_LICENTIE
    naam, url = LICENTIES.get(code, (code, code if code.startswith("http") else ""))
    return code, naam, url


def _metadata(dossier: Dossier, afspraak_kolommen: list[Kolom], versie: str) -> dict[str, Any]:
    o = dossier.overeenkomst
    code, naam, url = licentie(dossier)

    def schema(kolommen: list[Kolom], key: list[str]) -> dict[str, Any]:
        return {
            "columns": [{"name": k.naam, "titles": k.naam, "dc:description": k.beschrijving,
                         "datatype": k.datatype, **({"required": True} if k.naam in key else {})}
                        for k in kolommen],
            "primaryKey": key,
        }

    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "nl"}],
        "dc:title": f"Open data: {o.titel}",
        "dc:description": "De afspraken en indicatoren van deze prestatieafspraken, met de status en "
                          "realisatie per jaar uit de voortgangsrapportages.",
        "dc:hasVersion": versie,
        "dc:license": {"@id": url or code, "dc:title": naam},
        "dc:language": "nl",
        "dialect": {"encoding": "utf-8", "delimiter": ",", "header": True, "lineTerminators": ["\r\n"]},
        "tables": [
            {"url": "afspraken.csv", "dc:title": "Afspraken",
             "tableSchema": schema(afspraak_kolommen, ["id"])},
            {"url": "indicatoren.csv", "dc:title": "Streefwaarden en realisatie per indicator en jaar",
             "tableSchema": schema(INDICATOR_KOLOMMEN, ["indicator", "jaar"])},
        ],
    }


def afspraken_schema() -> dict[str, Any]:
    """The JSON Schema of ``afspraken.json``: every column of ``afspraken.csv`` (lists as lists,
    an empty value as null) and the status per reported year."""
    lijsten = {"trekker", "betrokken"}

    def kolom(k: Kolom) -> dict[str, Any]:
        if k.naam in lijsten:
            return {"type": "array", "items": {"type": "string"}, "description": k.beschrijving}
        soort: dict[str, Any] = {"type": "string", "format": "date"} if k.datatype == "date" else {"type": "string"}
        return {"anyOf": [soort, {"type": "null"}], "description": k.beschrijving} if k.naam != "id" else {
            **soort, "description": k.beschrijving}

    statussen = [*STATUSSEN, None]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "afspraken.json",
        "description": "De afspraken van een overeenkomst als open data, met de status en de resultaten per verslagjaar.",
        "type": "object",
        "required": ["overeenkomst", "versie", "licentie", "jaren_met_voortgang", "afspraken", "resultaten"],
        "additionalProperties": False,
        "properties": {
            "overeenkomst": {"type": "string"},
            "versie": {"type": "string"},
            "licentie": {"type": "object", "required": ["code", "naam", "url"], "additionalProperties": False,
                         "properties": {"code": {"type": "string"}, "naam": {"type": "string"},
                                        "url": {"type": "string"}}},
            "jaren_met_voortgang": {"type": "array", "items": {"type": "integer"}},
            "resultaten": RESULTATEN_SCHEMA,
            "afspraken": {"type": "array", "items": {
                "type": "object",
                "required": [k.naam for k in AFSPRAAK_KOLOMMEN] + ["status"],
                "additionalProperties": False,
                "properties": {
                    **{k.naam: kolom(k) for k in AFSPRAAK_KOLOMMEN},
                    "status": {"type": "object", "propertyNames": {"pattern": "^[0-9]{4}$"},
                               "additionalProperties": {"enum": statussen},
                               "description": "Per verslagjaar de status; null: geen status gemeld"},
                },
            }},
        },
    }


def _licentietekst(dossier: Dossier, versie: str) -> bytes:
    code, naam, url = licentie(dossier)
    o = dossier.overeenkomst
    lines = [
        f"Open data bij {o.titel}, versie {versie}",
        "",
        "De bestanden afspraken.csv, afspraken.json en indicatoren.csv en de beschrijving",
        f"csv-metadata.json zijn beschikbaar onder: {naam}" + (f" ({code})" if naam != code else ""),
    ]
    if url and url != code:
        lines.append(url)
    if code == "CC0-1.0":
        lines += ["", "U mag de gegevens zonder voorwaarden gebruiken, bewerken en verspreiden,",
                  "ook voor commerciële doeleinden en zonder bronvermelding."]
    lines += ["", f"Partijen: {', '.join(f'{p.naam} ({t})' if (t := toegetreden(o, p)) else p.naam for p in o.partijen)}.", ""]
    return "\n".join(lines).encode("utf-8")


def opendata(dossier: Dossier, versie: str, namen: Callable[[str, str], str] | None = None) -> dict[str, bytes]:
    """The open-data files of one agreement, by file name; ``namen`` resolves {soort:id} in texts."""
    o = dossier.overeenkomst
    kolommen, rows = afspraak_rijen(dossier, namen)
    code, naam, url = licentie(dossier)
    jaren = sorted(dossier.voortgang)
    document = {
        "overeenkomst": o.titel,
        "versie": versie,
        "licentie": {"code": code, "naam": naam, "url": url},
        "jaren_met_voortgang": jaren,
        "afspraken": [
            {**{k: (v if v != "" else None) for k, v in row.items() if not k.startswith("status_")},
             "status": {str(j): row[f"status_{j}"] or None for j in jaren}}
            for row in rows
        ],
        "resultaten": resultaat_rijen(dossier, namen),
    }
    return {
        "afspraken.csv": _csv(kolommen, rows),
        "afspraken.json": (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "indicatoren.csv": _csv(INDICATOR_KOLOMMEN, indicator_rijen(dossier)),
        "csv-metadata.json": (json.dumps(_metadata(dossier, kolommen, versie), ensure_ascii=False, indent=2)
                              + "\n").encode("utf-8"),
        "licentie.txt": _licentietekst(dossier, versie),
    }


class OpendataWriter:
    """The open-data files of one agreement, straight from the model."""

    @classmethod
    def uit_sjablonen(cls, sjablonen: Sjablonen) -> "OpendataWriter":
        return cls()

    def bestanden(self, dossier: Dossier, info: Documentinfo) -> dict[str, bytes]:
        files = opendata(dossier, info.versie, naam_van(dossier.overeenkomst))
        assert tuple(files) == OPEN_DATA
        return files
