"""One agreement folder → its ``Dossier``: the YAML validated against the model, every problem
reported in Dutch at its place, every model node knowing where it was written."""

from __future__ import annotations

import re
from pathlib import Path


from ..core.errors import Plaats, Rapport, display_path, veilige_naam
from ..model import Dossier, Knoop, Overeenkomst, Persbericht, Voortgang
from .deels import INVULLING, validate_partial
from .omzetten import YamlDocument
from .yaml import read_yaml


def validate(doc: YamlDocument, model: type[Knoop], rapport: Rapport) -> Knoop | None:
    """Validate data against a model; every problem is reported at its place; None on any error."""
    before = len(rapport.fouten)
    obj, _ = validate_partial(doc, model, rapport)
    return None if len(rapport.fouten) > before else obj


def load_folder(folder: Path, rapport: Rapport) -> Dossier | None:
    """Load one agreement folder (overeenkomst.yaml, persbericht.yaml, voortgang/<jaar>.yaml)."""
    path = folder / "overeenkomst.yaml"
    overeenkomst = None
    weggelaten: set[str] = set()
    if not path.is_file():
        rapport.fout(
            Plaats(display_path(folder)),
            "map bevat geen overeenkomst.yaml; elke map onder bron/ is één overeenkomst",
        )
    else:
        doc = read_yaml(path, rapport)
        if doc is not None:
            overeenkomst, weg = validate_partial(doc, Overeenkomst, rapport, INVULLING)
            weggelaten |= weg
    persbericht = None
    path = folder / "persbericht.yaml"
    if path.is_file():
        doc = read_yaml(path, rapport)
        if doc is not None:
            persbericht, weg = validate_partial(doc, Persbericht, rapport)
            weggelaten |= weg
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
            v, weg = validate_partial(doc, Voortgang, rapport)
            weggelaten |= weg
            if v is None:
                continue
            if v.jaar != int(path.stem):
                rapport.fout(
                    v.waar("jaar") or Plaats(display_path(path)),
                    f"jaar {v.jaar} past niet bij de bestandsnaam {path.name}",
                )
                continue
            voortgang[v.jaar] = v
    if overeenkomst is None:
        return None
    return Dossier(
        map=veilige_naam(folder.name),
        pad=folder,
        overeenkomst=overeenkomst,
        persbericht=persbericht,
        voortgang=dict(sorted(voortgang.items())),
        weggelaten=weggelaten,
    )


def agreement_folders(bron: Path) -> list[Path]:
    """The agreement folders under ``bron``, or ``bron`` itself when it is one."""
    if (bron / "overeenkomst.yaml").is_file():
        return [bron]
    return sorted(p for p in bron.iterdir() if p.is_dir() and not overgeslagen(p.name))


def overgeslagen(naam: str) -> bool:
    """Whether a folder under bron/ is passed over: a name beginning with '.' or '_' (hidden, a
    draft or a helper folder) is no agreement for check and build."""
    return naam.startswith((".", "_"))
