"""JSON Schemas of the three YAML files, generated from the model (never kept by hand)."""

from __future__ import annotations

from typing import Any

from . import Overeenkomst, Persbericht, Voortgang

TITLES = {
    "overeenkomst": (Overeenkomst, "overeenkomst.yaml — prestatieafspraken"),
    "persbericht": (Persbericht, "persbericht.yaml — het persbericht bij de overeenkomst"),
    "voortgang": (Voortgang, "voortgang/<jaar>.yaml — de voortgang in één jaar"),
}


def schemas() -> dict[str, dict[str, Any]]:
    """Schema per file kind, with Dutch titles and descriptions from the model's docstrings."""
    out = {}
    for name, (model, title) in TITLES.items():
        schema = model.model_json_schema(mode="validation")
        out[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            **{k: v for k, v in schema.items() if k != "title"},
        }
    return out
