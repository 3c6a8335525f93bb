"""Dutch messages for what the model refuses: the field, the expected shape, the key to write.

Used by the loader for every validation error; one home for how an error reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from ..core.tekst import bedoelde_u, suggestie


_MESSAGES = {
    "missing": "verplicht veld '{veld}' ontbreekt",
    "string_type": "verwacht tekst",
    "list_type": "verwacht een lijst (regels die beginnen met '- ')",
    "dict_type": "verwacht velden (sleutel: waarde)",
    "model_type": "verwacht velden (sleutel: waarde)",
    "model_attributes_type": "verwacht velden (sleutel: waarde)",
    "greater_than_equal": "waarde {invoer} is te klein (minimaal {ge})",
    "less_than_equal": "waarde {invoer} is te groot (hoogstens {le})",
}


_VROEGER = {
    "jaarschijven": "een jaarschijf is nu een instrument: schrijf onder 'instrumenten:' een item met "
    "'soort: jaarschijf' en 'jaar:', en geef afspraken 'instrument: <id>'",
    "addenda": "een addendum is nu een instrument: schrijf onder 'instrumenten:' een item met 'soort: addendum'",
    "addendum": "een addendum is nu een instrument: schrijf onder 'instrumenten:' een item met 'soort: addendum'",
    "verlenging": "een verlenging is een instrument: schrijf onder 'instrumenten:' een item met "
    "'soort: verlenging' en 'tot: <laatste jaar>'; laat 'looptijd' zoals zij was",
    "verlengd_tot": "een verlenging is een instrument: schrijf onder 'instrumenten:' een item met "
    "'soort: verlenging' en 'tot: <laatste jaar>'; laat 'looptijd' zoals zij was",
    "ondertekenaars": "schrijf 'vertegenwoordigers:' met per persoon 'naam:' en 'functie:'",
    "vestiging": "schrijf 'vestigingsplaats:'",
    "zetel": "schrijf 'vestigingsplaats:'",
    "huurders_van_corporaties": "schrijf 'huurders_van:' met één id of een lijst van ids",
    "leden_van": "schrijf bij het collectief 'leden:' met per lid 'naam:' (en 'id:' als afspraken ernaar verwijzen)",
    "toegetreden": "een toetreding is een instrument: schrijf onder 'instrumenten:' een item met "
    "'soort: toetreding', 'partijen: [<id>]' en 'ondertekening:'",
}
"""Keys that earlier versions or other agreements use, with what to write instead."""


def _shape(model: type[BaseModel] | None, loc: tuple, invoer: Any) -> str:
    """'verwacht velden' with the fields the place expects, and an example for a range."""
    target = _model_at(model, loc)
    if target is None:
        return _MESSAGES["model_type"]
    fields = getattr(target, "model_fields", {})
    required = [n for n, f in fields.items() if f.is_required()]
    veld = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    m = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", str(invoer)) if isinstance(invoer, str) else None
    if m and {"van", "tot"} <= set(fields):
        return (
            f"'{invoer}' is geen {veld} van twee velden; schrijf op de regels eronder, ingesprongen: "
            f"'van: {m[1]}' en 'tot: {m[2]}'"
        )
    names = required or list(fields)
    shown = " en ".join(", ".join(f"'{n}:'" for n in names).rsplit(", ", 1))
    return (
        f"verwacht velden onder '{veld}', niet een losse waarde; schrijf op de regels eronder, "
        f"ingesprongen, {shown}"
    )


def _walk(model: type[BaseModel] | None, loc: tuple) -> Any:
    """The model that holds the value at ``loc`` inside ``model`` (list indexes skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            continue
        current = _model_in(field.annotation)
    return current


def _model_at(model: type[BaseModel] | None, loc: tuple) -> Any:
    current = _walk(model, loc)
    return current if current is not model or not loc else None


def dutch(error: Mapping[str, Any], model: type[BaseModel] | None) -> str:
    kind = error["type"]
    loc = error["loc"]
    veld = next((str(p) for p in reversed(loc) if isinstance(p, str) and not p.startswith("[")), "")
    ctx = error.get("ctx") or {}
    if kind == "prestatie":
        return error["msg"]
    if kind in ("model_type", "model_attributes_type") and not isinstance(error.get("input"), (dict, list)):
        return _shape(model, tuple(p for p in loc if isinstance(p, (str, int))), error.get("input"))
    if kind == "extra_forbidden" and veld in _VROEGER:
        return f"veld '{veld}' bestaat niet (meer): {_VROEGER[veld]}"
    if kind == "extra_forbidden":
        hint = bedoelde_u(veld, _field_names(model, loc[:-1]))
        toegestaan = ", ".join(sorted(_field_names(model, loc[:-1])))
        return f"onbekend veld '{veld}'{hint} (toegestaan: {toegestaan})"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        keuzes = re.findall(r"'([^']*)'", str(expected))
        invoer = error.get("input")
        suggestion = suggestie(str(invoer), keuzes)
        hint = f" (bedoelde u '{suggestion}'?)" if suggestion else ""
        if invoer in ("", None):
            return f"'{veld}' is leeg; kies uit: {', '.join(keuzes)}"
        return f"'{invoer}' is geen geldige waarde voor '{veld}'{hint}; kies uit: {', '.join(keuzes)}"
    if kind in _MESSAGES:
        return _MESSAGES[kind].format(veld=veld, invoer=error.get("input"), **ctx)
    return f"ongeldige waarde voor '{veld}': {error['msg']}"


def _field_names(model: type[BaseModel] | None, loc: tuple) -> list[str]:
    """The field names allowed at ``loc`` inside ``model``."""
    return list(getattr(_walk(model, loc), "model_fields", {}).keys())


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None
