"""One agreement folder → its ``Dossier``: the YAML validated against the model, every problem
reported in Dutch at its place, every model node knowing where it was written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core.errors import Plaats, Rapport, display_path, veilige_naam
from ..core.tekst import bedoelde_u, suggestie
from ..model import Dossier, Knoop, Overeenkomst, Persbericht, Voortgang
from .yaml import Pad, YamlDocument, read_yaml


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


def _dutch(error: dict[str, Any], model: type[BaseModel] | None) -> str:
    kind = error["type"]
    loc = error["loc"]
    veld = next((str(p) for p in reversed(loc) if isinstance(p, str) and not p.startswith("[")), "")
    ctx = error.get("ctx") or {}
    if kind == "prestatie":
        return error["msg"]
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
        return f"'{invoer}' is geen geldige waarde voor '{veld}'{hint}; kies uit: {', '.join(keuzes)}"
    if kind in _MESSAGES:
        return _MESSAGES[kind].format(veld=veld, invoer=error.get("input"), **ctx)
    return f"ongeldige waarde voor '{veld}': {error['msg']}"


def _field_names(model: type[BaseModel] | None, loc: tuple) -> list[str]:
    """The field names allowed at ``loc`` inside ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            continue
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}).keys())


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def validate(doc: YamlDocument, model: type[Knoop], rapport: Rapport) -> Knoop | None:
    """Validate data against a model; every problem is reported at its place."""
    try:
        obj = model.model_validate(doc.data)
    except ValidationError as e:
        for error in e.errors(include_url=False):
            loc = tuple(p for p in error["loc"] if p != "[key]")
            is_key = error["type"] == "extra_forbidden" or "[key]" in error["loc"]
            plaats = doc.plaats(loc, sleutel=is_key)
            rapport.fout(plaats, _dutch(error, model))
        return None
    _attach_places(obj, (), doc)
    return obj


def _attach_places(node: Knoop, pad: Pad, doc: YamlDocument) -> None:
    node._plaats = doc.plaats(pad)
    node._velden = {}
    for name in type(node).model_fields:
        value = getattr(node, name)
        sub = pad + (name,)
        if sub in doc.plaatsen:
            node._velden[name] = doc.plaatsen[sub]
        if isinstance(value, Knoop):
            _attach_places(value, sub, doc)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Knoop):
                    _attach_places(item, sub + (i,), doc)
        elif isinstance(value, dict):
            raw = doc.data
            for p in sub:
                raw = raw.get(p) if isinstance(raw, dict) else None
            raw_keys = list(raw.keys()) if isinstance(raw, dict) else []
            for i, (key, item) in enumerate(value.items()):
                raw_key = raw_keys[i] if i < len(raw_keys) else str(key)
                if isinstance(item, Knoop):
                    _attach_places(item, sub + (raw_key,), doc)
                    item._plaats = doc.plaats(sub + (raw_key,), sleutel=True)


def load_folder(folder: Path, rapport: Rapport) -> Dossier | None:
    """Load one agreement folder (overeenkomst.yaml, persbericht.yaml, voortgang/<jaar>.yaml)."""
    path = folder / "overeenkomst.yaml"
    overeenkomst = None
    if not path.is_file():
        rapport.fout(
            Plaats(display_path(folder)),
            "map bevat geen overeenkomst.yaml; elke map onder bron/ is één overeenkomst",
        )
    else:
        doc = read_yaml(path, rapport)
        if doc is not None:
            overeenkomst = validate(doc, Overeenkomst, rapport)
    persbericht = None
    path = folder / "persbericht.yaml"
    if path.is_file():
        doc = read_yaml(path, rapport)
        if doc is not None:
            persbericht = validate(doc, Persbericht, rapport)
    voortgang: dict[int, Voortgang] = {}
    vdir = folder / "voortgang"
    if vdir.is_dir():
        for path in sorted(vdir.iterdir()):
            if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
                continue
            if not re.fullmatch(r"\d{4}", path.stem):
                rapport.fout(
                    Plaats(display_path(path)),
                    "een voortgangsbestand heet naar zijn jaar, bijvoorbeeld voortgang/2024.yaml",
                )
                continue
            doc = read_yaml(path, rapport)
            if doc is None:
                continue
            v = validate(doc, Voortgang, rapport)
            if v is None:
                continue
            if v.jaar != int(path.stem):  # type: ignore[attr-defined]
                rapport.fout(
                    v.waar("jaar") or Plaats(display_path(path)),
                    f"jaar {v.jaar} past niet bij de bestandsnaam {path.name}",  # type: ignore[attr-defined]
                )
                continue
            voortgang[v.jaar] = v  # type: ignore[attr-defined]
    if overeenkomst is None:
        return None
    return Dossier(
        map=veilige_naam(folder.name),
        pad=folder,
        overeenkomst=overeenkomst,  # type: ignore[arg-type]
        persbericht=persbericht,  # type: ignore[arg-type]
        voortgang=dict(sorted(voortgang.items())),
    )


def agreement_folders(bron: Path) -> list[Path]:
    """The agreement folders under ``bron``, or ``bron`` itself when it is one."""
    if (bron / "overeenkomst.yaml").is_file():
        return [bron]
    return sorted(
        p for p in bron.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
