"""Around the build, as a user meets it: formats never delete, one agreement's error blocks only
that agreement, a fresh progress skeleton passes check, the project's settings file, opruimen,
one zip per agreement, and YAML syntax errors at the right line with the right fix."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, edit, run, werkmap
from prestatie import pipeline
from prestatie.core.errors import BronFout

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
NAAM = "klein-2023-2026"
TWEEDE = "tweede-2023-2026"
DATA = {"afspraken.csv", "afspraken.json", "csv-metadata.json", "indicatoren.csv", "licentie.txt"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    shutil.copytree(root / "bron" / NAAM, root / "bron" / TWEEDE)
    return root


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def made_only(folder: Path, ext: str) -> None:
    """The agreement's folder holds its documents in format ``ext`` and the manifest, no more."""
    made = files(folder)
    assert f"overeenkomst.{ext}" in made and {n.rpartition(".")[2] for n in made} == {ext, "json"}


def test_a_build_limited_to_some_formats_deletes_nothing(project: Path) -> None:
    pipeline.build(formaten=("md", "data", "ics"), jobs=1)
    before = {p.name: p.read_bytes() for p in (project / "build" / NAAM).iterdir() if p.name != "manifest.json"}
    assert DATA | {"termijnen.ics", "overeenkomst.md"} <= set(before)
    resultaat = pipeline.build(formaten=("html",), jobs=1)
    assert not resultaat.verwijderd
    after = {p.name: p.read_bytes() for p in (project / "build" / NAAM).iterdir()}
    assert {k: after[k] for k in before} == before  # open data, calendar and Markdown untouched
    assert "overeenkomst.html" in after
    assert {p.name for p in resultaat.behouden} >= DATA | {"termijnen.ics"}


def test_only_outputs_whose_source_is_gone_are_removed_and_named(project: Path) -> None:
    pipeline.build(formaten=("md", "data"), jobs=1)
    (project / "bron" / NAAM / "voortgang" / "2024.yaml").unlink()
    code, out = run("build", "-f", "md")
    assert code == 0
    assert f"Verwijderd, want hun bron is weg: build/{NAAM}/voortgang-2024.md." in out
    assert DATA <= files(project / "build" / NAAM)


def test_one_agreements_error_blocks_only_that_agreement(project: Path) -> None:
    pipeline.build(formaten=("md",), jobs=1)
    old = (project / "build" / TWEEDE / "overeenkomst.md").read_bytes()
    edit(project, f"bron/{TWEEDE}/overeenkomst.yaml", "Prestatieafspraken Dorp", "Prestatieafspraken Stad")
    edit(project, f"bron/{NAAM}/overeenkomst.yaml", "Prestatieafspraken Dorp", "Prestatieafspraken Dorpje")
    edit(project, f"bron/{TWEEDE}/overeenkomst.yaml", "\nstatus:", "\nonbekend_veld: 1\nstatus:")
    code, out = run("build", "-f", "md")
    assert code == 1
    assert f"bron/{TWEEDE}/overeenkomst.yaml:" in out and "onbekend veld 'onbekend_veld'" in out
    assert f"wegens fouten in de bronnen: {TWEEDE}; daarvan blijft de vorige build staan." in out
    assert b"Dorpje" in (project / "build" / NAAM / "overeenkomst.md").read_bytes()
    assert (project / "build" / TWEEDE / "overeenkomst.md").read_bytes() == old


def test_streng_keeps_all_or_nothing(project: Path) -> None:
    pipeline.build(formaten=("md",), jobs=1)
    edit(project, f"bron/{NAAM}/overeenkomst.yaml", "Prestatieafspraken Dorp", "Prestatieafspraken Dorpje")
    edit(project, f"bron/{TWEEDE}/overeenkomst.yaml", "\nstatus:", "\nonbekend_veld: 1\nstatus:")
    code, out = run("build", "-f", "md", "--streng")
    assert code == 1 and "er is niets geschreven" in out
    assert b"Dorpje" not in (project / "build" / NAAM / "overeenkomst.md").read_bytes()
    with pytest.raises(BronFout) as e:
        pipeline.build(formaten=("md",), jobs=1)
    assert e.value.resultaat is not None and e.value.resultaat.fouten_in == [TWEEDE]


def test_a_fresh_progress_skeleton_passes_check(project: Path) -> None:
    code, out = run("nieuw", f"bron/{NAAM}", "--voortgang", "2025")
    assert code == 0, out
    assert "status:\n" in (project / "bron" / NAAM / "voortgang" / "2025.yaml").read_text(encoding="utf-8")
    assert not pipeline.check().fouten


def test_a_new_project_from_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("nieuw", "--geen-vragen", "--gemeente", "Zandvoort", "--corporatie", "Pré Wonen",
                    "--corporatie", "Elan Wonen", "--huurdersorganisatie", "HV Zandvoort", "--van", "2026", "--tot", "2029")
    assert code == 0, out
    folder = tmp_path / "bron" / "zandvoort-2026-2029"
    assert {"prestatie.toml", ".gitignore"} <= files(tmp_path)
    assert "build/" in (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert "gemaakt: bron/zandvoort-2026-2029/persbericht.yaml" in out and str(tmp_path) not in out
    text = (folder / "overeenkomst.yaml").read_text(encoding="utf-8")
    assert "huurders_van: [pre-wonen, elan-wonen]" in text
    assert "titel:" in text and "nummer" in text
    assert pipeline.check().fouten == []


def test_settings_file_gives_the_defaults(project: Path) -> None:
    (project / "prestatie.toml").write_text('formaten = ["md"]\nuit = "publiek"\n', encoding="utf-8")
    code, out = run("build")
    assert code == 0, out
    made_only(project / "publiek" / NAAM, "md")
    assert not (project / "build").exists()
    (project / "prestatie.toml").write_text('formaat = ["md"]\n', encoding="utf-8")
    code, out = run("build")
    assert code == 2 and "prestatie.toml: onbekende instelling 'formaat'; bedoelde u 'formaten'?" in out


def test_nieuw_and_verschil_follow_the_settings_file(project: Path) -> None:
    shutil.move(project / "bron", project / "afspraken")
    (project / "prestatie.toml").write_text('bron = "afspraken"\nuit = "publiek"\n', encoding="utf-8")
    code, out = run("nieuw", "--geen-vragen", "--gemeente", "Zandvoort", "--van", "2027", "--tot", "2030")
    assert code == 0, out
    assert (project / "afspraken" / "zandvoort-2027-2030" / "overeenkomst.yaml").is_file()
    assert not (project / "bron").exists()
    assert "prestatie check afspraken/zandvoort-2027-2030 en prestatie serve." in out, out
    shutil.copytree(project / "afspraken" / NAAM, project / "vorige" / NAAM)
    edit(project, f"afspraken/{NAAM}/overeenkomst.yaml", "titel: ", "titel: Herziene ")
    code, out = run("verschil", "vorige", "afspraken")
    assert code == 1, out
    assert (project / "publiek" / "verschil").is_dir() and not (project / "build").exists(), out


def test_settings_under_tool_prestatie_in_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.prestatie]\nformaten = "html"\nstreng = true\n', encoding="utf-8")
    code, out = run("build")
    assert code == 0, out
    made_only(project / "build" / NAAM, "html")


def test_opruimen_removes_what_builds_wrote_and_keeps_the_users_files(project: Path) -> None:
    pipeline.build(formaten=("md",), jobs=1)
    (project / "build" / NAAM / "notities.txt").write_text("eigen", encoding="utf-8")
    code, out = run("opruimen")
    assert code == 0
    assert f"Blijft staan (niet van prestatie): build/{NAAM}/notities.txt." in out
    assert files(project / "build") == {NAAM} and files(project / "build" / NAAM) == {"notities.txt"}


def test_zip_per_agreement(project: Path) -> None:
    code, out = run("build", "-f", "md", "--zip")
    assert code == 0, out
    with zipfile.ZipFile(project / "pakketten" / f"{NAAM}.zip") as z:
        assert sorted(z.namelist()) == sorted(f"{NAAM}/{n}" for n in files(project / "build" / NAAM))
        for name in z.namelist():
            assert z.read(name) == (project / "build" / name).read_bytes()
    first = (project / "pakketten" / f"{NAAM}.zip").read_bytes()
    run("build", "-f", "md", "--zip")
    assert (project / "pakketten" / f"{NAAM}.zip").read_bytes() == first  # same files, same bytes


def test_word_counts_only_for_press_releases_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "twee"
    for name in ("bergen-2024-2027", "heerlen-2020-2024"):
        shutil.copytree(ROOT / "bron" / name, root / "bron" / name)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, out = run("build", "-f", "md")
    assert "bergen-2024-2027/persbericht:" in out and "heerlen-2020-2024/persbericht:" in out
    edit(root, "bron/bergen-2024-2027/overeenkomst.yaml", "titel: Prestatieafspraken", "titel: Nieuwe prestatieafspraken")
    code, out = run("build", "-f", "md")
    assert "bergen-2024-2027/persbericht: " in out and "heerlen-2020-2024/persbericht:" not in out


@pytest.mark.parametrize("old, new, fix", [
    ("\nstatus:", "\n\tstatus:", "er staat een tab waar YAML spaties verwacht"),
    ("\nstatus:", '\nondertitel: "nooit gesloten\nstatus:', "dit aanhalingsteken wordt niet gesloten"),
])
def test_yaml_syntax_errors_point_at_the_line_and_the_fix(project: Path, old: str, new: str, fix: str) -> None:
    path = f"bron/{NAAM}/overeenkomst.yaml"
    text = (project / path).read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 2
    if '"' in new:  # the quote opens on its own line, and the file goes on long after it
        (project / path).write_text(text.replace(old, new, 1).replace('"', "'", 0) + "\n" * 20, encoding="utf-8")
    else:
        edit(project, path, old, new)
    code, out = run("check")
    assert code == 1
    assert f"{path}:{line}:" in out and fix in out, out


def test_a_quote_left_open_is_reported_where_it_opens_even_when_a_later_quote_closes_it(project: Path) -> None:
    path = f"bron/{NAAM}/overeenkomst.yaml"
    text = (project / path).read_text(encoding="utf-8")
    line = text[: text.index("\nstatus:")].count("\n") + 2
    # YAML reads on to the next quote, many lines further, and fails there
    text = text.replace("\nstatus:", '\nondertitel: "nooit gesloten\nstatus:', 1) + '\nnoot: "verderop"\n'
    (project / path).write_text(text, encoding="utf-8")
    code, out = run("check")
    assert code == 1
    assert f"{path}:{line}:13: fout: dit aanhalingsteken wordt niet gesloten" in out, out
    assert out.count(": fout: ") == 1, out


def _check_with_error(project: Path, **kwargs) -> str:
    from click.testing import CliRunner

    from prestatie.cli import main

    edit(project, f"bron/{NAAM}/overeenkomst.yaml", "\nstatus:", "\nonbekend_veld: 1\nstatus:")
    return CliRunner().invoke(main, ["check"], **kwargs).output


def test_errors_in_colour_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = _check_with_error(project, color=True)  # as on a terminal
    assert "\x1b[31m\x1b[1mfout\x1b[0m: onbekend veld 'onbekend_veld'" in out


def test_no_color_turns_colour_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = _check_with_error(project, color=True)
    assert "fout: onbekend veld 'onbekend_veld'" in out and "\x1b[" not in out


def test_shell_completion_works_as_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_PRESTATIE_COMPLETE=bash_source prestatie)"' in readme
    import os
    import subprocess
    import sys

    env = {**os.environ, "_PRESTATIE_COMPLETE": "bash_source", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", "from prestatie.cli import main; main(prog_name='prestatie')"],
                            env=env, capture_output=True, text=True)
    assert "complete -o nosort -F _prestatie_completion prestatie" in result.stdout


def test_help_names_every_format_and_the_new_options() -> None:
    code, out = run("--help")
    assert "Word, PDF/A, HTML en Markdown" in out and "open data" in out and "termijnenkalender" in out
    assert "opruimen" in out
    assert "--open" in run("serve", "--help")[1]
    assert "--zip" in run("build", "--help")[1]
