"""Validation that reports every error and keeps what is right, so the cross-checks still run.

A wrong afspraak, partij or field is left out after its errors are reported; a wrong required
part of overeenkomst.yaml is stood in for. The ids left out travel with the dossier, so the
cross-checks do not tell the writer twice about one mistake.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import ValidationError

from ..core.errors import Plaats, Rapport
from ..model import Knoop
from .berichten import dutch
from .omzetten import Pad, YamlDocument

K = TypeVar("K", bound=Knoop)


INVULLING: dict[str, Any] = {
    "titel": "?",
    "versie": "?",
    "status": "concept",
    "looptijd": {"van": "1900", "tot": "2200"},
    "ondertekening": {},
    "partijen": [],
    "themas": [],
    "afspraken": [],
}
"""Stand-ins for a wrong required part of overeenkomst.yaml, so the other checks still run.
The checks say nothing about a stand-in (its name is among the parts left out)."""


def validate_partial(
    doc: YamlDocument, model: type[K], rapport: Rapport, invulling: dict[str, Any] | None = None
) -> tuple[K | None, set[str]]:
    """Validate, report every problem, and return what is valid without the wrong parts.

    A wrong afspraak, partij or field is left out (after its errors are reported) so the
    cross-checks can still look at everything else; the ids left out are returned, so that
    nobody is told twice about the same mistake. None when a required part is wrong.
    """
    weggelaten: set[str] = set()
    current = doc
    for ronde in range(8):
        try:
            obj = model.model_validate(current.data)
        except ValidationError as e:
            errors = e.errors(include_url=False)
            if ronde == 0:
                for error in errors:
                    loc = tuple(p for p in error["loc"] if p != "[key]")
                    is_key = error["type"] == "extra_forbidden" or "[key]" in error["loc"]
                    rapport.fout(current.plaats(loc, sleutel=is_key), dutch(error, model))
            removals = {_removal(current.data, error) for error in errors}
            if None in removals and invulling and isinstance(current.data, dict):
                stand_in = {
                    str(error["loc"][0]) for error in errors
                    if _removal(current.data, error) is None and error["loc"] and error["loc"][0] in invulling
                }
                if stand_in and len(stand_in) == sum(1 for error in errors if _removal(current.data, error) is None):
                    data = dict(current.data)
                    for key in stand_in:
                        data[key] = invulling[key]
                        weggelaten.add(f"veld:{key}")
                    current = _without(current, set())
                    current.data = data
                    removals = {r for r in removals if r is not None}
                    if not removals:
                        continue
            if None in removals or not removals:
                return None, weggelaten
            pads = {r for r in removals if r is not None}
            for r in pads:
                weggelaten |= _ids_in(_at(current.data, r), r)
            current = _without(current, pads)
            continue
        attach_places(obj, (), current)
        return obj, weggelaten
    return None, weggelaten


def _at(data: Any, pad: Pad) -> Any:
    for part in pad:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _ids_in(value: Any, pad: Pad) -> set[str]:
    found = set()
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        found.add(value["id"])
    if pad and isinstance(pad[-1], str) and len(pad) >= 2:
        found.add(pad[-1])  # a key of a mapping by id (voortgang: afspraken: {a01: …})
    return found


def _removal(data: Any, error: Mapping[str, Any]) -> Pad | None:
    """The part to leave out for one error: the innermost list item, else the wrong key."""
    loc: list[str | int] = []
    node = data
    for part in error["loc"]:
        if isinstance(node, dict) and part in node:
            loc.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            loc.append(part)
            node = node[part]
        elif error["type"] in ("missing", "extra_forbidden") and isinstance(part, str) and not part.startswith(("[", "function", "literal")):
            loc.append(part)
            break
    pad = tuple(loc)
    items = [i for i, p in enumerate(pad) if isinstance(p, int)]
    if items:
        return pad[: items[-1] + 1]
    if error["type"] == "missing":
        return pad[:-1] if len(pad) >= 2 else None
    return pad or None


def _without(doc: YamlDocument, removals: set[Pad]) -> YamlDocument:
    """A copy of ``doc`` without the parts at ``removals``, every place moved along."""
    new = YamlDocument(doc.bestand)
    new.data = _copy_without(doc.data, (), removals)
    for src, dst in ((doc.plaatsen, new.plaatsen), (doc.sleutels, new.sleutels)):
        for pad, plaats in src.items():
            moved = _moved(pad, removals)
            if moved is not None:
                dst[moved] = plaats
    return new


def _copy_without(value: Any, pad: Pad, removals: set[Pad]) -> Any:
    if isinstance(value, dict):
        return {k: _copy_without(v, pad + (k,), removals) for k, v in value.items() if pad + (k,) not in removals}
    if isinstance(value, list):
        return [_copy_without(v, pad + (i,), removals) for i, v in enumerate(value) if pad + (i,) not in removals]
    return value


def _moved(pad: Pad, removals: set[Pad]) -> Pad | None:
    out: list[str | int] = []
    for k, part in enumerate(pad):
        if pad[: k + 1] in removals:
            return None
        if isinstance(part, int):
            parent = pad[:k]
            siblings = [r[k] for r in removals if len(r) == k + 1 and r[:k] == parent]
            part -= sum(1 for i in siblings if isinstance(i, int) and i < part)
        out.append(part)
    return tuple(out)


def attach_places(node: Knoop, pad: Pad, doc: YamlDocument) -> None:
    node._plaats = doc.plaats(pad)
    velden: dict[str, Plaats] = {}  # set once at the end: a private attribute is slow to read back
    plaatsen = doc.plaatsen
    for name in type(node).model_fields:
        value = getattr(node, name)
        sub = pad + (name,)
        plaats = plaatsen.get(sub)
        if plaats is not None:
            velden[name] = plaats
        if isinstance(value, Knoop):
            attach_places(value, sub, doc)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Knoop):
                    attach_places(item, sub + (i,), doc)
        elif isinstance(value, dict):
            raw = doc.data
            for p in sub:
                raw = raw.get(p) if isinstance(raw, dict) else None
            raw_keys = list(raw.keys()) if isinstance(raw, dict) else []
            for i, (key, item) in enumerate(value.items()):
                raw_key = raw_keys[i] if i < len(raw_keys) else str(key)
                if isinstance(item, Knoop):
                    attach_places(item, sub + (raw_key,), doc)
                    item._plaats = doc.plaats(sub + (raw_key,), sleutel=True)
    node._velden = velden
