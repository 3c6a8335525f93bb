"""JSON Schemas of the three YAML files, generated from the model (never kept by hand)."""

from __future__ import annotations

from typing import Any

from . import Overeenkomst, Persbericht, Voortgang

TITLES = {
    "overeenkomst": (Overeenkomst, "overeenkomst.yaml — prestatieafspraken"),
    "persbericht": (Persbericht, "persbericht.yaml — het persbericht bij de overeenkomst"),
    "voortgang": (Voortgang, "voortgang/<jaar>.yaml — de voortgang in één jaar"),
}


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
    """Schema per file kind, with Dutch titles and descriptions from the model's docstrings."""
    out = {}
    for name, (model, title) in TITLES.items():
        schema = _keys_are_ids(model.model_json_schema(mode="validation"))
        out[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            **{k: v for k, v in schema.items() if k != "title"},
        }
    return out
