"""The editor speaks Dutch: titles, messages for common mistakes, and the tool's own rules."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from prestatie.cli import main
from prestatie.model import Overeenkomst, Partij
from prestatie.model.basis import ID_PATTERN
from prestatie.model.schema import ID_BERICHT, schemas, veldtitel

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"


def properties(node, path=""):
    """Every (path, name, schema) of a property anywhere in a schema."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{path}.{name}", name, prop
        for key, value in node.items():
            yield from properties(value, f"{path}.{key}")
    elif isinstance(node, list):
        for item in node:
            yield from properties(item, path)


def test_every_key_has_a_dutch_title_from_one_table() -> None:
    seen = 0
    for soort, schema in schemas().items():
        for where, name, prop in properties(schema):
            assert prop["title"] == veldtitel(name), f"{soort}{where}"
            # never pydantic's automatic 'Huurders Van' with a capital after a space
            assert not re.search(r" [A-Z][a-z]", prop["title"]) or name in ("huurders_van",), prop["title"]
            seen += 1
    assert seen > 80
    assert veldtitel("huurders_van") == "Huurders van (corporatie-id)"
    assert veldtitel("themas") == "Thema's"
    assert veldtitel("een_nieuw_veld") == "Een nieuw veld"  # fields added later get one too


def leaves(node):
    if isinstance(node, dict):
        if "type" in node and "properties" not in node:
            yield node
        for value in node.values():
            yield from leaves(value)
    elif isinstance(node, list):
        for item in node:
            yield from leaves(item)


def test_every_value_has_a_dutch_message_for_mistakes() -> None:
    for soort, schema in schemas().items():
        for leaf in leaves(schema):
            if leaf["type"] in ("null", "object", "array"):
                continue
            message = leaf.get("errorMessage") or leaf.get("patternErrorMessage")
            assert message, (soort, leaf)
            assert not re.search(r"\b(Expected|must|should|Incorrect)\b", message)


def test_termijn_explains_its_forms() -> None:
    defs = schemas()["overeenkomst"]["$defs"]
    termijn = defs["Afspraak"]["properties"]["termijn"]
    assert termijn["title"] == "Termijn"
    assert "anyOf" not in termijn  # one schema, so the editor shows its message, not 'Incorrect type'
    assert termijn["errorMessage"] == (
        "Een termijn is een jaar (2026), een datum (2026-06-30), een kwartaal (Q1 2026), "
        "een periode (2019-2024) of 'doorlopend', of laat hem weg."
    )
    validator = jsonschema.Draft202012Validator(termijn)
    for good in (2026, "2026-06-30", "Q1 2026", "2019-2024", "doorlopend", None):
        assert validator.is_valid(good), good
    for bad in ("eind 2029", "30-06-2026", 20.5):
        assert not validator.is_valid(bad), bad
    mijlpaal = defs["Mijlpaal"]["properties"]["termijn"]
    assert mijlpaal["errorMessage"] == "Een termijn is een jaar (2026) of een datum (2026-06-30)."


def test_id_pattern_and_message_are_the_tools() -> None:
    partij = schemas()["overeenkomst"]["$defs"]["Partij"]["properties"]["id"]
    assert partij["pattern"] == ID_PATTERN
    assert partij["patternErrorMessage"] == ID_BERICHT


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcXYZ09-_ é.", min_size=1, max_size=12))
def test_schema_and_tool_accept_the_same_ids(ident: str) -> None:
    in_schema = re.search(ID_PATTERN, ident) is not None
    data = {"id": ident, "naam": "N", "soort": "gemeente", "vestigingsplaats": "P"}
    try:
        Partij.model_validate(data)
        in_tool = True
    except Exception:
        in_tool = False
    assert in_schema == in_tool, ident


def test_an_id_with_a_space_fails_in_check_as_in_the_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    src = root / "bron" / NAAM / "overeenkomst.yaml"
    text = src.read_text(encoding="utf-8")
    first_id = re.search(r"(?m)^  - id: (\S+)$", text)
    assert first_id
    src.write_text(text.replace(first_id.group(0), f"  - id: groot {first_id.group(1)}", 1), encoding="utf-8")
    line = text[: first_id.start()].count("\n") + 1
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert f"overeenkomst.yaml:{line}:9: fout: 'groot {first_id.group(1)}' is geen geldige id" in result.output
    assert re.search(ID_PATTERN, f"groot {first_id.group(1)}") is None  # the editor flags it too
    assert Overeenkomst  # the model the schema is made from


@pytest.mark.parametrize("soort", ["overeenkomst", "persbericht", "voortgang"])
def test_every_group_of_keys_has_a_dutch_message_for_missing_and_unknown_keys(soort: str) -> None:
    """The editor shows errorMessage instead of 'Missing property "kop"' or 'Property titel is
    not allowed', for every file kind."""
    groups = [node for _where, _name, node in properties(schemas()[soort])] + [schemas()[soort]]
    groups += list(schemas()[soort].get("$defs", {}).values())
    checked = 0
    for node in groups:
        if isinstance(node, dict) and isinstance(node.get("properties"), dict):
            message = node["errorMessage"]
            assert "toegestaan: " + ", ".join(sorted(node["properties"])) in message
            for key in node.get("required", []):
                assert key in message.split(".")[0]
            checked += 1
    assert checked
    if soort == "persbericht":
        assert schemas()[soort]["errorMessage"].startswith("Verplicht: kop.")
