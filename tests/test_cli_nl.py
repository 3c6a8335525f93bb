"""A command line that is Dutch throughout, with documented exit codes and output levels."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import werkmap
from prestatie import __version__
from prestatie.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"
ENGLISH = re.compile(
    r"INTEGER|RANGE|PATH|DIRECTORY|TEXT|FILENAME|BOOLEAN|x>=|x<=|No such file|Permission denied|"
    r"File exists|Not a directory|Is a directory|unexpected|expected|Encountered|Usage|Error:|Options"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return werkmap(tmp_path, monkeypatch, FIXTURE)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def yaml_line(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_help_has_no_english_metavars_or_ranges(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert not ENGLISH.search(result.output), result.output


def test_ranges_are_dutch_in_help_and_errors(project: Path) -> None:
    assert "[minstens 1]" in run("build", "--help").output
    assert "van 0 tot en met 65535]" in " ".join(run("serve", "--help").output.split())
    result = run("build", "--jobs", "0")
    assert result.exit_code == 2
    assert "Ongeldige waarde voor '--jobs' / '-j': 0 valt buiten het bereik: minstens 1." in result.output
    result = run("build", "--jobs", "veel")
    assert "'veel' is geen geldig geheel getal." in result.output


@pytest.mark.parametrize("flag", ["--versie", "--version", "-V"])
def test_version_in_both_languages(flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert result.output == f"prestatie {__version__}\n"


def test_os_errors_are_dutch(project: Path) -> None:
    (project / "bezet").write_text("een bestand, geen map\n", encoding="utf-8")
    result = run("build", "-o", "bezet/uit", "-f", "md")
    assert result.exit_code == 1
    assert "kan niet schrijven in 'bezet/uit' (een deel van het pad is geen map" in result.output
    assert not ENGLISH.search(result.output), result.output


def test_check_json_for_editors_and_ci(project: Path) -> None:
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("trekker: dorp", "trekker: dorpp", 1), encoding="utf-8")
    line = yaml_line(src, "trekker: dorpp")
    result = run("check", "--formaat", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["in_orde"] is False and data["exitcode"] == 1 and data["fouten"] == 1
    [fout] = [b for b in data["bevindingen"] if b["ernst"] == "fout"]
    assert fout["bestand"] == f"bron/{NAAM}/overeenkomst.yaml"
    assert fout["regel"] == line and fout["kolom"] == 14
    assert fout["bericht"].startswith("onbekende partij 'dorpp'; bedoelde u 'dorp'?")


def test_check_gitlab_code_quality_report(project: Path) -> None:
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("trekker: dorp", "trekker: dorpp", 1), encoding="utf-8")
    result = run("check", "--formaat", "gitlab")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    [issue] = [i for i in report if i["severity"] == "major"]
    assert issue["location"] == {"path": f"bron/{NAAM}/overeenkomst.yaml", "lines": {"begin": yaml_line(src, "dorpp")}}
    assert issue["description"].startswith("onbekende partij 'dorpp'")
    assert len({i["fingerprint"] for i in report}) == len(report)


def test_check_json_when_clean(project: Path) -> None:
    result = run("check", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["fouten"] == 0


def test_stil_and_uitgebreid(project: Path, tmp_path: Path) -> None:
    # a party without signatories: a warning, shown normally, hidden by --stil
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    assert run("build", "-f", "md").exit_code == 0
    stil = run("build", "-f", "md", "--stil")
    assert stil.exit_code == 0 and stil.output == ""
    normaal = run("build", "-f", "md")
    # the agreement, two progress reports and the extract of each of the three parties
    assert "Klaar: 0 bestanden geschreven, 6 ongewijzigd." in normaal.output
    src.write_text(src.read_text(encoding="utf-8").replace("Prestatieafspraken Dorp", "Afspraken Dorp"), encoding="utf-8")
    uitgebreid = run("build", "-f", "md", "--uitgebreid")
    assert f"geschreven: build/{NAAM}/overeenkomst.md" in uitgebreid.output
    assert run("check", "-q").output == ""
    assert "In orde: 0 fouten" in run("check").output
    both = run("check", "--stil", "--uitgebreid")
    assert both.exit_code == 2
    assert "kies --stil of --uitgebreid, niet allebei" in both.output


def test_stil_still_shows_errors(project: Path) -> None:
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("trekker: dorp", "trekker: dorpp", 1), encoding="utf-8")
    result = run("check", "--stil")
    assert result.exit_code == 1
    assert "fout: onbekende partij 'dorpp'" in result.output


def write_template(project: Path, text: str) -> Path:
    folder = project / "sjablonen"
    folder.mkdir(exist_ok=True)
    path = folder / "overeenkomst.md.j2"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("# Titel\n\n{% for x in overeenkomst.afspraken %}\n{{ x.id }}\n", 4,
         "het sjabloon houdt op terwijl blok 'for' nog open is; verwacht 'endfor' of 'else'"),
        ("# {{ overeenkomst.titel }\n", 1, "onverwacht teken '}'"),
        ("{{ overeenkomst.titel | datumm }}\n", 1, "onbekend filter 'datumm'; bedoelde u 'datum'?"),
        ("{% if x %}\n{% endfor %}\n", 2, "onbekende opdracht 'endfor'; blok 'if' is nog open, verwacht 'elif' of 'else' of 'endif'"),
        ("{# opmerking\n", 1, "opmerking zonder einde ('#}' ontbreekt)"),
    ],
)
def test_template_syntax_errors_are_dutch_with_file_and_line(project: Path, text: str, line: int, message: str) -> None:
    write_template(project, text)
    result = run("build", "-f", "md")
    assert result.exit_code == 1
    assert f"fout: sjablonen/overeenkomst.md.j2:{line}: fout in sjabloon: {message}" in result.output
    assert not ENGLISH.search(result.output), result.output


def test_unknown_block_is_an_error_with_a_suggestion(project: Path) -> None:
    write_template(
        project,
        '{% extends "standaard/overeenkomst.md.j2" %}\n\n{% block monitorring %}\n## Toezicht\n{% endblock %}\n',
    )
    result = run("build", "-f", "md")
    assert result.exit_code == 1
    assert (
        "fout: sjablonen/overeenkomst.md.j2:3: blok 'monitorring' bestaat niet in "
        "'standaard/overeenkomst.md.j2'; bedoelde u 'monitoring'?" in result.output
    )
    assert not (project / "build").exists()


@pytest.mark.parametrize("formaat", ["tekst", "json"])
def test_check_reports_a_broken_template_as_an_error_at_its_line_beside_the_sources_findings(
        project: Path, formaat: str) -> None:
    write_template(
        project,
        '{% extends "standaard/overeenkomst.md.j2" %}\n\n{% block monitorring %}\n## Toezicht\n{% endblock %}\n',
    )
    overeenkomst = next(project.glob("bron/*/overeenkomst.yaml"))
    overeenkomst.write_text(overeenkomst.read_text(encoding="utf-8").replace("naam: J. Jansen", "naam: A. Wethouder", 1),
                            encoding="utf-8")
    result = run("check", "--formaat", formaat)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if formaat == "json":
        found = {(b["bestand"], b["regel"], b["ernst"]) for b in json.loads(result.stdout)["bevindingen"]}
        assert ("sjablonen/overeenkomst.md.j2", 3, "fout") in found
        assert (f"bron/{NAAM}/overeenkomst.yaml", yaml_line(overeenkomst, "A. Wethouder"), "waarschuwing") in found
    else:
        assert ("sjablonen/overeenkomst.md.j2:3:1: fout: blok 'monitorring' bestaat niet in "
                "'standaard/overeenkomst.md.j2'; bedoelde u 'monitoring'?") in result.output
        assert "'A. Wethouder' lijkt een plaatshouder" in result.output  # the sources' findings too
        assert "Traceback" not in result.output


def test_a_template_edited_between_builds_in_one_process_is_checked_as_it_now_is(project: Path) -> None:
    """The preview builds again after every save, in one process: a block that the child or
    its parent no longer agree on is found at once, and found fixed once it is fixed."""
    (project / "sjablonen").mkdir(exist_ok=True)
    parent = project / "sjablonen" / "basis.md.j2"
    parent.write_text('{% extends "standaard/overeenkomst.md.j2" %}\n{% block monitoring %}{% block kwartaal %}'
                      "{% endblock %}{% endblock %}\n", encoding="utf-8")
    write_template(project, '{% extends "basis.md.j2" %}\n{% block kwartaal %}\nElk kwartaal.\n{% endblock %}\n')
    assert run("build", "-f", "md", "--jobs", "1").exit_code == 0
    write_template(project, '{% extends "basis.md.j2" %}\n{% block kwartal %}\nElk kwartaal.\n{% endblock %}\n')
    fout = run("build", "-f", "md", "--jobs", "1")
    assert fout.exit_code == 1
    assert "sjablonen/overeenkomst.md.j2:2: blok 'kwartal' bestaat niet in 'basis.md.j2'" in fout.output
    write_template(project, '{% extends "basis.md.j2" %}\n{% block kwartaal %}\nElk kwartaal.\n{% endblock %}\n')
    assert run("build", "-f", "md", "--jobs", "1").exit_code == 0
    parent.write_text('{% extends "standaard/overeenkomst.md.j2" %}\n{% block monitoring %}{% block jaarlijks %}'
                      "{% endblock %}{% endblock %}\n", encoding="utf-8")
    fout = run("build", "-f", "md", "--jobs", "1")
    assert fout.exit_code == 1
    assert "blok 'kwartaal' bestaat niet in 'basis.md.j2'" in fout.output


def test_a_known_block_replaces_the_standard_one(project: Path) -> None:
    write_template(
        project,
        '{% extends "standaard/overeenkomst.md.j2" %}\n{% block monitoring %}\n## Toezicht\n\n'
        "Elk kwartaal een brief.\n{% endblock %}\n",
    )
    result = run("build", "-f", "md")
    assert result.exit_code == 0, result.output
    assert "Elk kwartaal een brief." in (project / "build" / NAAM / "overeenkomst.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, setup, code",
    [
        (["check"], None, 0),
        (["build", "-f", "md"], None, 0),
        (["check"], "fout", 1),
        (["build", "-f", "md"], "fout", 1),
        (["check", "--streng"], "waarschuwing", 1),
        (["check"], "waarschuwing", 0),
        (["build", "-f", "md"], "sjabloon", 1),
        (["check", "bestaat-niet"], None, 2),
        (["build", "--onbekend"], None, 2),
        (["build", "-f", "pdf2"], None, 2),
        (["build", "-o", "bron"], None, 2),
        (["onbekende-opdracht"], None, 2),
    ],
)
def test_exit_codes_as_documented(project: Path, args: list[str], setup: str | None, code: int) -> None:
    src = project / "bron" / NAAM / "overeenkomst.yaml"
    text = src.read_text(encoding="utf-8")
    if setup == "fout":
        src.write_text(text.replace("trekker: dorp", "trekker: dorpp", 1), encoding="utf-8")
    elif setup == "waarschuwing":
        v24 = project / "bron" / NAAM / "voortgang" / "2024.yaml"
        v24.write_text(v24.read_text(encoding="utf-8").replace("  a05:\n    status: op schema\n", ""), encoding="utf-8")
        assert "waarschuwing: geen voortgang gemeld" in run("check").output
    elif setup == "sjabloon":
        write_template(project, "{% if %}\n")
    result = run(*args)
    assert result.exit_code == code, result.output
