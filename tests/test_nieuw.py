"""prestatie nieuw: a new agreement that checks and builds at once, asked or by options, never overwriting."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from prestatie.cli import main


def run(args: list[str], cwd: Path, input: str | None = None):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, input=input)
    finally:
        os.chdir(old)


def test_options_make_an_agreement_that_checks_and_builds(tmp_path: Path) -> None:
    result = run(
        [
            "nieuw",
            "--gemeente", "Zandvoort",
            "--corporatie", "Pré Wonen, Stichting EMM",
            "--huurdersorganisatie", "HV Zandvoort",
            "--huurdersorganisatie", "Huurdersraad EMM",
            "--van", "2026",
            "--tot", "2029",
        ],
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "bron" / "zandvoort-2026-2029"
    text = (folder / "overeenkomst.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/overeenkomst.schema.json\n")
    assert (tmp_path / "schema" / "overeenkomst.schema.json").is_file()
    data = yaml.safe_load(text)
    assert data["titel"] == "Prestatieafspraken Zandvoort 2026–2029"
    assert data["looptijd"] == {"van": 2026, "tot": 2029}
    partijen = {p["id"]: p for p in data["partijen"]}
    assert partijen["zandvoort"]["naam"] == "Gemeente Zandvoort"
    assert partijen["pre-wonen"]["naam"] == "Pré Wonen"
    assert partijen["emm"]["soort"] == "corporatie"
    # two tenants' organisations for two corporations: each one its own
    assert partijen["hv-zandvoort"]["huurders_van"] == "pre-wonen"
    assert partijen["huurdersraad-emm"]["huurders_van"] == "emm"

    check = run(["check"], tmp_path)
    assert check.exit_code == 0, check.output
    assert "fout:" not in check.output
    build = run(["build"], tmp_path)
    assert build.exit_code == 0, build.output
    html = (tmp_path / "build" / "zandvoort-2026-2029" / "overeenkomst.html").read_text(encoding="utf-8")
    assert "Prestatieafspraken Zandvoort 2026–2029" in html
    assert "Pré Wonen" in html


def test_questions_with_empty_answers_take_the_defaults(tmp_path: Path) -> None:
    answers = "Heemstede, Bloemendaal\n\n\n2027\n\n\n"
    result = run(["nieuw", "--vragen", "bron/hb"], tmp_path, input=answers)
    assert result.exit_code == 0, result.output
    assert "Corporatie(s) [Woningstichting Voorbeeld]" in result.output
    data = yaml.safe_load((tmp_path / "bron" / "hb" / "overeenkomst.yaml").read_text(encoding="utf-8"))
    assert data["looptijd"] == {"van": 2027, "tot": 2030}
    assert data["titel"] == "Prestatieafspraken Heemstede en Bloemendaal 2027–2030"
    soorten = [(p["id"], p["soort"]) for p in data["partijen"]]
    assert soorten == [
        ("heemstede", "gemeente"),
        ("bloemendaal", "gemeente"),
        ("voorbeeld", "corporatie"),
        ("huurdersvereniging-voorbeeld", "huurdersorganisatie"),
    ]
    assert run(["check"], tmp_path).exit_code == 0


def test_without_a_keyboard_nothing_is_asked(tmp_path: Path) -> None:
    result = run(["nieuw", "bron/x"], tmp_path, input="")
    assert result.exit_code == 0, result.output
    assert "?" not in result.output and "[" not in result.output
    assert run(["check"], tmp_path).exit_code == 0


def test_progress_file_lists_every_afspraak_of_an_existing_agreement(tmp_path: Path) -> None:
    import shutil

    from conftest import EXAMPLE

    shutil.copytree(EXAMPLE, tmp_path / "bron" / "bh")
    for f in (tmp_path / "bron" / "bh" / "voortgang").glob("2025.yaml"):
        f.unlink()
    result = run(["nieuw", "bron/bh", "--voortgang", "2025"], tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "bron" / "bh" / "voortgang" / "2025.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    agreement = yaml.safe_load((tmp_path / "bron" / "bh" / "overeenkomst.yaml").read_text(encoding="utf-8"))
    assert list(data["afspraken"]) == [a["id"] for a in agreement["afspraken"]]
    assert all(v["status"] is None for v in data["afspraken"].values())
    # an empty status is one not yet reported: the fresh file passes check as it is
    check = run(["check"], tmp_path)
    assert check.exit_code == 0, check.output
    assert "voortgang/2025.yaml" not in check.output


@pytest.mark.parametrize("existing", ["overeenkomst.yaml", "notities.txt"])
def test_never_overwrites(tmp_path: Path, existing: str) -> None:
    folder = tmp_path / "bron" / "x"
    folder.mkdir(parents=True)
    (folder / existing).write_text("oud\n", encoding="utf-8")
    result = run(["nieuw", "bron/x"], tmp_path)
    assert result.exit_code == 2
    assert "overschrijft niets" in result.output
    assert (folder / existing).read_text(encoding="utf-8") == "oud\n"
    assert len(list(folder.iterdir())) == 1


def test_progress_file_is_not_overwritten(tmp_path: Path) -> None:
    assert run(["nieuw", "bron/x", "--van", "2026", "--voortgang", "2026"], tmp_path).exit_code == 0
    path = tmp_path / "bron" / "x" / "voortgang" / "2026.yaml"
    path.write_text("eigen tekst\n", encoding="utf-8")
    result = run(["nieuw", "bron/x", "--voortgang", "2026"], tmp_path)
    assert result.exit_code == 2
    assert "bestaat al" in result.output
    assert path.read_text(encoding="utf-8") == "eigen tekst\n"


def test_existing_schema_files_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "overeenkomst.schema.json").write_text("{}", encoding="utf-8")
    assert run(["nieuw", "bron/x"], tmp_path).exit_code == 0
    assert (tmp_path / "schema" / "overeenkomst.schema.json").read_text(encoding="utf-8") == "{}"
    assert json.loads((tmp_path / "schema" / "voortgang.schema.json").read_text(encoding="utf-8"))["title"]


def test_year_outside_the_term_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["nieuw", "bron/x", "--van", "2026", "--tot", "2029", "--voortgang", "2031"], tmp_path)
    assert result.exit_code == 2
    assert "voortgangsjaar 2031 valt buiten de looptijd 2026–2029" in result.output
    assert not (tmp_path / "bron" / "x").exists()


def test_names_with_yaml_meaning_stay_text(tmp_path: Path) -> None:
    result = run(["nieuw", "bron/x", "--corporatie", "Wonen: Samen #1", "--gemeente", "Nee"], tmp_path)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "bron" / "x" / "overeenkomst.yaml").read_text(encoding="utf-8"))
    assert [p["naam"] for p in data["partijen"]][:2] == ["Gemeente Nee", "Wonen: Samen #1"]
    assert run(["check"], tmp_path).exit_code == 0
