"""The JSON Schema drives editors: it is current, and it validates the example files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from prestatie.cli import main
from prestatie.model.schema import schemas

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "bron").glob("*/overeenkomst.yaml")) + sorted((ROOT / "tests/fixtures").glob("*/bron/*/overeenkomst.yaml"))


def _jsonable(value):
    """What an editor's YAML 1.2 parser sees: dates are strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return value


def _files():
    for o in SOURCES:
        folder = o.parent
        yield "overeenkomst", o
        if (folder / "persbericht.yaml").exists():
            yield "persbericht", folder / "persbericht.yaml"
        for v in sorted((folder / "voortgang").glob("*.yaml")):
            yield "voortgang", v


@pytest.mark.parametrize("soort,path", list(_files()), ids=lambda x: str(x)[-40:] if isinstance(x, Path) else x)
def test_schema_validates_source_files(soort: str, path: Path) -> None:
    schema = schemas()[soort]
    data = _jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("soort,path", list(_files()), ids=lambda x: str(x)[-40:] if isinstance(x, Path) else x)
def test_source_files_point_editors_at_the_schema(soort: str, path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
    assert target == (ROOT / "schema" / f"{soort}.schema.json").resolve()


def test_committed_schemas_are_current() -> None:
    for soort, schema in schemas().items():
        committed = json.loads((ROOT / "schema" / f"{soort}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{soort}.schema.json is verouderd: prestatie schema --map schema"


def test_schema_rejects_a_typo_and_a_wrong_status() -> None:
    schema = schemas()["voortgang"]
    validator = jsonschema.Draft202012Validator(schema)
    bad = {"jaar": 2024, "peildatum": "2025-03-31", "afspraken": {"a01": {"status": "klaar", "toelichtng": "x"}}}
    messages = [e.message for e in validator.iter_errors(bad)]
    assert any("'klaar' is not one of" in m for m in messages)
    assert any("toelichtng" in m for m in messages)


def test_schema_command_prints_json() -> None:
    result = CliRunner().invoke(main, ["schema", "voortgang"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["properties"]["peildatum"]["format"] == "date"
    assert "Datum waarop de stand is opgemaakt." == data["properties"]["peildatum"]["description"]
