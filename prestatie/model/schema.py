"""JSON Schemas of the three YAML files, generated from the model (never kept by hand).

The model gives the structure and, from its docstrings, the descriptions. This module adds, in
one place and for every field (also fields added later), what an editor with the YAML language
server shows a policy writer in Dutch: a title per key, and for the common mistakes a Dutch
message (``errorMessage``/``patternErrorMessage``) instead of "Expected integer".
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from . import Overeenkomst, Persbericht, Voortgang
from .basis import ID_PATTERN

TITLES: dict[str, tuple[type[BaseModel], str]] = {
    "overeenkomst": (Overeenkomst, "overeenkomst.yaml — prestatieafspraken"),
    "persbericht": (Persbericht, "persbericht.yaml — het persbericht bij de overeenkomst"),
    "voortgang": (Voortgang, "voortgang/<jaar>.yaml — de voortgang in één jaar"),
}

VELDTITELS = {
    "id": "Id",
    "themas": "Thema's",
    "kort": "Korte naam",
    "huurders_van": "Huurders van (corporatie-id)",
    "landelijk_thema": "Landelijk thema",
    "sociale_huur": "Sociale huur",
    "plaatsnamen": "Plaatsnamen (dateline)",
    "email": "E-mailadres",
    "embargo": "Embargo tot",
    "wie": "Wie spreekt",
    "ondertekent": "Ondertekent",
}
"""Titles that are not simply the key with spaces: every other key 'x_y' gets the title 'X y'."""

ID_BERICHT = (
    "Een id bestaat uit letters, cijfers en streepjes (geen spaties) en begint met een letter of "
    "cijfer, bijvoorbeeld 'debora-bakelaan' of 'a01'."
)
BERICHTEN = {
    "jaar": "Een jaartal tussen 1900 en 2200, zonder aanhalingstekens, bijvoorbeeld 2025.",
    "integer": "Een geheel getal, zonder punt voor duizendtallen, bijvoorbeeld 1500.",
    "number": "Een getal: duizendtallen zonder punt (1500), decimalen met een punt (96.9).",
    "boolean": "true (ja) of false (nee).",
    "date": "Een datum als JJJJ-MM-DD, bijvoorbeeld 2025-06-30.",
    "tijdstip": 'Een tijdstip als "2025-06-30 10:00", tussen aanhalingstekens.',
    "string": "Tekst. Zet een waarde die op een getal, datum of ja/nee lijkt tussen aanhalingstekens.",
    "versie": 'Zet de versie tussen aanhalingstekens, bijvoorbeeld "1.10", anders wordt het 1.1.',
}


def veldtitel(naam: str) -> str:
    """'huurders_van' → 'Huurders van (corporatie-id)', 'landelijk_thema' → 'Landelijk thema'."""
    if naam in VELDTITELS:
        return VELDTITELS[naam]
    text = naam.replace("_", " ")
    return text[:1].upper() + text[1:]


def _is_termijn(node: dict[str, Any]) -> bool:
    kinds = [(s.get("type"), s.get("format")) for s in node.get("anyOf", []) if isinstance(s, dict)]
    return ("integer", None) in kinds and ("string", "date") in kinds


def _opsomming(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " of " + parts[-1]


def _flatten_termijn(node: dict[str, Any]) -> None:
    """A term (year, date, quarter, period …) as one schema: a list of types and one pattern for
    the text forms. The YAML language server then shows its Dutch message; with the alternatives
    of an anyOf it would say 'Incorrect type. Expected "integer | null"'."""
    alts = node.pop("anyOf")
    types: list[str] = []
    patterns: list[str] = []
    vormen: list[str] = []
    for alt in alts:
        kind = alt.get("type")
        if kind == "integer":
            vormen.append("een jaar (2026)")
        elif kind == "string" and alt.get("format") == "date":
            patterns.append(r"^\d{4}-\d{2}-\d{2}$")
            vormen.append("een datum (2026-06-30)")
        elif kind == "string" and "pattern" in alt:
            patterns.append(alt["pattern"])
            if "kwartaal" in alt["pattern"]:
                vormen.append("een kwartaal (Q1 2026)")
            if "t/m" in alt["pattern"] or "tot en met" in alt["pattern"]:
                vormen.append("een periode (2019-2024)")
            if "doorlopend" in alt["pattern"]:
                vormen.append("'doorlopend'")
        if kind not in types:
            types.append(kind)
    node["type"] = types
    if patterns:
        node["pattern"] = patterns[0] if len(patterns) == 1 else "|".join(f"({p})" for p in patterns)
    leeg = ", of laat hem weg" if "null" in types else ""
    node["errorMessage"] = f"Een termijn is {_opsomming(vormen)}{leeg}."
    node.setdefault("examples", [2026, "2026-06-30"])


def _annotate(node: dict[str, Any], veld: str | None, uitleg: str | None = None) -> None:
    """Dutch messages for one (sub)schema, by what it accepts."""
    if "errorMessage" in node or "patternErrorMessage" in node:
        return
    kind = node.get("type")
    if _is_termijn(node):
        _flatten_termijn(node)
    elif "enum" in node:
        node["errorMessage"] = "Kies een van: " + ", ".join(str(v) for v in node["enum"]) + "."
    elif node.get("pattern") == ID_PATTERN:
        node["patternErrorMessage"] = ID_BERICHT
    elif kind == "string" and node.get("format") == "date":
        node["errorMessage"] = BERICHTEN["date"]
    elif kind == "string" and "pattern" in node and "[T ]" in node["pattern"]:
        node["patternErrorMessage"] = BERICHTEN["tijdstip"]
    elif kind == "string" and "pattern" in node:
        node["patternErrorMessage"] = "Deze waarde heeft niet de vorm die hier hoort" + (
            f". {uitleg}" if uitleg else "; de uitleg bij de sleutel noemt de vormen."
        )
    elif kind == "integer":
        node["errorMessage"] = BERICHTEN["jaar"] if node.get("minimum") == 1900 else BERICHTEN["integer"]
    elif kind == "number":
        node["errorMessage"] = BERICHTEN["number"]
    elif kind == "boolean":
        node["errorMessage"] = BERICHTEN["boolean"]
    elif kind == "string" and "pattern" not in node:
        node["errorMessage"] = BERICHTEN["versie"] if veld == "versie" else BERICHTEN["string"]


def _walk(node: Any, veld: str | None = None, uitleg: str | None = None) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, veld, uitleg)
        return
    if not isinstance(node, dict):
        return
    for name, prop in (node.get("properties") or {}).items():
        if isinstance(prop, dict):
            prop["title"] = veldtitel(name)
        _walk(prop, name, prop.get("description") if isinstance(prop, dict) else None)
    for key in ("items", "additionalProperties", "propertyNames"):
        if isinstance(node.get(key), dict):
            _walk(node[key], veld, uitleg)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            _walk(node[key], veld, uitleg)
    for definition in (node.get("$defs") or {}).values():
        _walk(definition)
    for value in (node.get("patternProperties") or {}).values():
        _walk(value, veld)
    if isinstance(node.get("properties"), dict):
        node.setdefault("errorMessage", _sleutels_bericht(node))
    if "properties" not in node and "$ref" not in node:
        _annotate(node, veld, uitleg)


def _sleutels_bericht(node: dict[str, Any]) -> str:
    """For a group of keys: which are required and which allowed, in Dutch. The editor shows it
    for a missing key, a key that does not belong here and a value that is not a group of keys
    (instead of 'Missing property' or 'Property … is not allowed')."""
    verplicht = [k for k in node.get("required", [])]
    toegestaan = sorted(node["properties"])
    return ((f"Verplicht: {', '.join(verplicht)}. " if verplicht else "")
            + f"Hier horen sleutels (sleutel: waarde); toegestaan: {', '.join(toegestaan)}. "
            "Controleer de spelling en de inspringing.")


def _keys_are_ids(node: Any) -> Any:
    """A mapping keyed by id refuses any other key, as the tool does (not only ignores it)."""
    if isinstance(node, list):
        return [_keys_are_ids(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _keys_are_ids(v) for k, v in node.items()}
    pattern = out.get("patternProperties")
    if isinstance(pattern, dict) and len(pattern) == 1 and "additionalProperties" not in out:
        (key, value), = pattern.items()
        del out["patternProperties"]
        out["propertyNames"] = {"pattern": key}
        out["additionalProperties"] = value
    return out


def schemas() -> dict[str, dict[str, Any]]:
    """Schema per file kind, with Dutch titles, descriptions and messages."""
    out = {}
    for name, (model, title) in TITLES.items():
        schema = _keys_are_ids(model.model_json_schema(mode="validation"))
        _walk(schema)
        out[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            **{k: v for k, v in schema.items() if k != "title"},
        }
    return out
