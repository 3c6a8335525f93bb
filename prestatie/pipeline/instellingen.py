"""The project's settings, in one file of the users' own repository.

``prestatie.toml`` in the working folder, or else ``[tool.prestatie]`` in its
``pyproject.toml``::

    bron = "bron"                 # the source folder
    uit = "build"                 # the output folder
    formaten = ["html", "pdf"]    # what build makes (default: every format)
    streng = true                 # warnings count as errors, in check and build
    publicatie = "https://www.example.nl/afspraken/"   # where the documents are online

An option on the command line goes before the file. An unknown key or a value of the wrong
kind is a usage error that names the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.errors import GebruiksFout, display_path, os_melding
from ..core.tekst import bedoelde_u
from ..model import Publicatie
from ..write.formats import kies_formaten

BESTAND = "prestatie.toml"

SLEUTELS: dict[str, type] = {"bron": str, "uit": str, "formaten": list, "streng": bool, "publicatie": str}


@dataclass(frozen=True)
class Instellingen:
    """What the settings file says; None where it says nothing."""

    bron: Path | None = None
    uit: Path | None = None
    formaten: tuple[str, ...] | None = None
    streng: bool | None = None
    publicatie: str | None = None
    bestand: Path | None = None


def lees(map_: Path | None = None) -> Instellingen:
    """The settings of the project in ``map_`` (default: the working folder)."""
    map_ = map_ or Path(".")
    eigen, pyproject = map_ / BESTAND, map_ / "pyproject.toml"
    if eigen.is_file():
        data, waar = _toml(eigen), eigen
    elif pyproject.is_file():
        data, waar = _toml(pyproject).get("tool", {}).get("prestatie"), pyproject
        if data is None:
            return Instellingen()
    else:
        return Instellingen()
    naam = display_path(waar) + ("" if waar == eigen else " [tool.prestatie]")
    if not isinstance(data, dict):
        raise GebruiksFout(f"{naam}: verwacht sleutels als bron = \"bron\"")
    for key, value in data.items():
        if key not in SLEUTELS:
            raise GebruiksFout(f"{naam}: onbekende instelling '{key}'"
                               + (bedoelde_u(key, SLEUTELS) or f"; kies uit: {', '.join(SLEUTELS)}"))
        if key == "formaten" and isinstance(value, str):
            continue
        if not isinstance(value, SLEUTELS[key]):
            soort = {str: "tekst tussen aanhalingstekens", list: "een lijst als [\"html\", \"pdf\"]",
                     bool: "true of false"}[SLEUTELS[key]]
            raise GebruiksFout(f"{naam}: '{key}' moet {soort} zijn")
    formaten = data.get("formaten")
    if formaten is not None:
        tekst = formaten if isinstance(formaten, str) else ",".join(str(f) for f in formaten)
        try:
            formaten = kies_formaten(tekst)
        except GebruiksFout as e:
            raise GebruiksFout(f"{naam}: {e}") from None
    if "publicatie" in data:
        try:
            Publicatie.model_validate({"url": data["publicatie"]})
        except ValidationError as e:
            raise GebruiksFout(f"{naam}: publicatie: {e.errors()[0]['msg'].removeprefix('Value error, ')}") from None
    return Instellingen(
        bron=map_ / data["bron"] if "bron" in data else None,
        uit=map_ / data["uit"] if "uit" in data else None,
        formaten=formaten, streng=data.get("streng"), publicatie=data.get("publicatie"), bestand=waar,
    )


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        plek = re.search(r"line (\d+), column (\d+)", str(e))
        waar = f"{display_path(path)}:{plek[1]}:{plek[2]}" if plek else display_path(path)
        raise GebruiksFout(f"{waar}: dit is geen geldige TOML; schrijf elke instelling als "
                           "naam = waarde, tekst tussen aanhalingstekens") from None
    except OSError as e:
        raise GebruiksFout(f"kan '{display_path(path)}' niet lezen ({os_melding(e)})") from None
