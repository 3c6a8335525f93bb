"""All errors of all files at once, messages that name the expected shape, old keys that say
what to write instead, and one rule for ids in the tool and in the editor's JSON Schema."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from pydantic import ValidationError

from conftest import edit, line_of, werkmap
from prestatie.cli import main
from prestatie.model import Thema
from prestatie.model.schema import schemas

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
O = "bron/klein-2023-2026/overeenkomst.yaml"
V24 = "bron/klein-2023-2026/voortgang/2024.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return werkmap(tmp_path, monkeypatch, FIXTURE, vaste_datum=False)


def check() -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_a_schema_error_hides_neither_cross_checks_nor_other_files(project: Path) -> None:
    edit(project, O, "    tekst: De gemeente wijst", "    kleur: rood\n    tekst: De gemeente wijst")
    edit(project, O, "trekker: thuis\n    betrokken: [huurders]", "trekker: thuiss\n    betrokken: [huurders]")
    edit(project, V24, "  a03:\n    status: op schema", "  a03:\n    status: opschema")
    code, out = check()
    assert code == 1
    assert f"{O}:{line_of(project, O, 'kleur: rood')}:5: fout: onbekend veld 'kleur'" in out
    # the cross-check still runs on everything that is right
    assert f"{O}:{line_of(project, O, 'trekker: thuiss')}:14: fout: onbekende partij 'thuiss'; bedoelde u 'thuis'?" in out
    assert f"{V24}:{line_of(project, V24, 'status: opschema')}:13: fout: 'opschema' is geen geldige waarde" in out
    # the progress of the afspraak left out is not reported as unknown: its error says enough
    assert "onbekende afspraak 'a02'" not in out
    assert "Niet in orde: 3 fouten" in out


def test_a_wrong_required_part_still_lets_the_other_checks_run(project: Path) -> None:
    edit(project, O, "looptijd:\n  van: 2023\n  tot: 2026\n", "looptijd: 2023-2026\n")
    edit(project, O, "trekker: thuis\n    betrokken: [huurders]", "trekker: thuiss\n    betrokken: [huurders]")
    code, out = check()
    assert code == 1
    line = line_of(project, O, "looptijd: 2023-2026")
    assert (
        f"{O}:{line}:11: fout: '2023-2026' is geen looptijd van twee velden; schrijf op de regels eronder, "
        "ingesprongen: 'van: 2023' en 'tot: 2026'"
    ) in out
    assert "onbekende partij 'thuiss'" in out
    assert "valt buiten de looptijd" not in out  # nothing said about the stand-in


def test_a_single_value_where_fields_belong_names_the_fields(project: Path) -> None:
    edit(project, O, "ondertekening:\n  plaats: Dorp\n", "ondertekening: Dorp\n")
    code, out = check()
    line = line_of(project, O, "ondertekening: Dorp")
    assert code == 1
    assert f"{O}:{line}:16: fout: verwacht velden onder 'ondertekening', niet een losse waarde" in out
    assert "'plaats:', 'datum:', 'digitaal:', 'datum_onbekend:' en 'ondertekenaars_onbekend:'" in out


@pytest.mark.parametrize(
    "key,advice",
    [
        ("jaarschijven: []", "schrijf onder 'instrumenten:' een item met 'soort: jaarschijf'"),
        ("verlengd_tot: 2027", "'soort: verlenging' en 'tot: <laatste jaar>'; laat 'looptijd' zoals zij was"),
    ],
)
def test_an_old_key_says_what_to_write_instead(project: Path, key: str, advice: str) -> None:
    edit(project, O, "status: concept\n", f"status: concept\n{key}\n")
    code, out = check()
    assert code == 1
    line = line_of(project, O, key)
    assert f"{O}:{line}:1: fout: veld '{key.split(':')[0]}' bestaat niet (meer):" in out
    assert advice in out


IDS = ["a01", "A01", "debora-bakelaan", "2024", "12", "-a", "a_b", "a b", "é", "a.1", "x-", ""]


@pytest.mark.parametrize("ident", IDS)
def test_tool_and_editor_accept_the_same_ids(ident: str) -> None:
    try:
        Thema.model_validate({"id": ident, "titel": "t", "ambitie": "a"})
        tool = True
    except ValidationError:
        tool = False
    schema = schemas()["overeenkomst"]
    editor_value = yaml.safe_load(f"id: {ident!r}" if not ident.isdigit() else f"id: {ident}")["id"]
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/Thema"})
    editor = validator.is_valid({"id": editor_value, "titel": "t", "ambitie": "a"})
    assert tool == editor, (ident, tool, editor)


def test_editor_refuses_a_progress_key_the_tool_refuses() -> None:
    schema = schemas()["voortgang"]
    validator = jsonschema.Draft202012Validator(schema)
    bad = {"jaar": 2024, "peildatum": "2025-03-31", "afspraken": {"a_01": {"status": "gerealiseerd"}}}
    assert not validator.is_valid(bad)
    good = {"jaar": 2024, "peildatum": "2025-03-31", "afspraken": {"A-01": {"status": "gerealiseerd"}}}
    assert validator.is_valid(good)


def test_a_wrong_list_of_parties_is_one_error_not_one_per_reference(project: Path) -> None:
    text = (project / O).read_text(encoding="utf-8")
    start = text.index("partijen:\n")
    end = text.index("themas:\n")
    (project / O).write_text(text[:start] + "partijen: thuis\n" + text[end:], encoding="utf-8")
    edit(project, O, "thema: duurzaam\n", "thema: duurzam\n")
    code, out = check()
    assert code == 1
    assert f"{O}:{line_of(project, O, 'partijen: thuis')}:11: fout: verwacht een lijst" in out
    assert "onbekende thema 'duurzam'" in out  # the other checks still run
    assert "onbekende partij" not in out
