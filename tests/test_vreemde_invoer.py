"""No traceback, anywhere: every command with odd arguments (names too long for the file system,
links out of the project and in a loop, device files and FIFOs, names that are not UTF-8,
arguments that look like options) ends with a Dutch line and exit 1 or 2. And the safe defaults
of --uit: never the root, the home folder, the project or someone else's full folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run, werkmap

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
MAP = "klein-2023-2026"
LANG = "a" * 300
NIET_UTF8 = os.fsdecode(b"map-\xff\xfe")


def _dutch_error(code: int, out: str, expected: tuple[int, ...] = (1, 2)) -> None:
    assert code in expected, (code, out)
    assert "Traceback" not in out and "Error:" not in out and "Exception" not in out, out
    assert "Fout:" in out or "fout:" in out or "fout" in out, out


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return werkmap(tmp_path, monkeypatch, FIXTURE)


# --- the three tracebacks of before --------------------------------------------------------

def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=root,
                   check=True, capture_output=True)


def test_verschil_over_a_commit_with_a_link_out_of_the_repository(project: Path) -> None:
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "een")
    (project / "bron" / MAP / "geheim.yaml").symlink_to("/etc/passwd")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "twee")
    code, out = run("verschil", "HEAD~1", "HEAD")
    _dutch_error(code, out, (2,))
    assert f"HEAD:bron/{MAP}/geheim.yaml" in out and "/etc/passwd" in out, out


def test_build_folder_that_links_to_itself(project: Path) -> None:
    (project / "build").symlink_to("build")
    for args in (("build", "-f", "md"), ("build", "-f", "md", "--uit", "build")):
        code, out = run(*args)
        _dutch_error(code, out, (2,))
        assert "'build'" in out and "kring" in out, out


def test_nieuw_with_a_name_longer_than_the_file_system_allows(project: Path) -> None:
    code, out = run("nieuw", f"bron/{LANG}", "--geen-vragen")
    _dutch_error(code, out, (2,))
    assert "de bestandsnaam is te lang" in out, out
    assert not any(p.name.startswith("aaaa") for p in (project / "bron").iterdir())


# --- --uit: safe defaults -------------------------------------------------------------------

def test_uit_refuses_the_root_even_with_forceer(project: Path) -> None:
    for extra in ((), ("--forceer",)):
        code, out = run("build", "-f", "md", "--uit", "/", *extra)
        _dutch_error(code, out, (2,))
        assert "hoofdmap van het bestandssysteem" in out, out


def test_uit_refuses_home_and_project_unless_forced(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    home = tmp_path / "thuis"
    home.mkdir()
    (home / "brief.txt").write_text("van mij", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    code, out = run("build", "-f", "md", "--uit", str(home))
    _dutch_error(code, out, (2,))
    assert "uw thuismap" in out and "--forceer" in out, out
    code, out = run("build", "-f", "md", "--uit", ".")
    _dutch_error(code, out, (2,))
    assert "de map van het project" in out, out
    assert not (project / MAP).exists() and not (home / MAP).exists()
    code, out = run("build", "-f", "md", "--uit", str(home), "--forceer")
    assert code == 0, out
    assert (home / MAP / "overeenkomst.md").is_file() and (home / "brief.txt").read_text(encoding="utf-8") == "van mij"


def test_uit_refuses_a_full_folder_but_not_an_earlier_build(project: Path, tmp_path: Path) -> None:
    vol = tmp_path / "documenten"
    vol.mkdir()
    (vol / "jaarverslag.docx").write_bytes(b"x")
    code, out = run("build", "-f", "md", "--uit", str(vol))
    _dutch_error(code, out, (2,))
    assert "een map met andere bestanden, geen eerdere build" in out, out
    assert sorted(p.name for p in vol.iterdir()) == ["jaarverslag.docx"]
    leeg = tmp_path / "leeg"
    leeg.mkdir()
    for folder in (leeg, tmp_path / "nieuw", leeg):  # empty, new, and again: an earlier build
        code, out = run("build", "-f", "md", "--uit", str(folder))
        assert code == 0, out
        assert (folder / MAP / "overeenkomst.md").is_file()


# --- every command, odd arguments -------------------------------------------------------------

def _odd_paths(root: Path) -> list[str]:
    """Odd things to name, made in ``root``: a loop, a FIFO, a link out, a device, odd names."""
    odd = root / "vreemd"
    odd.mkdir()
    (odd / "lus").symlink_to("lus")
    os.mkfifo(odd / "fifo")
    (odd / "naar-buiten").symlink_to("/etc")
    (odd / NIET_UTF8).mkdir()
    (odd / "bestand.txt").write_text("geen map", encoding="utf-8")
    return [LANG, f"{LANG}/{LANG}", "-", "--", "-x", "--uit", "---", NIET_UTF8, str(odd / NIET_UTF8),
            str(odd / "lus"), str(odd / "lus" / "x"), str(odd / "fifo"), str(odd / "naar-buiten"), "/dev/null",
            "/dev/zero", str(odd / "bestand.txt"), "", " ", "bron/../../..", "\n", "a\x00b".replace("\x00", "")]


def test_every_command_with_odd_arguments_never_shows_a_traceback(project: Path, tmp_path: Path) -> None:
    odd = _odd_paths(tmp_path)
    shutil.rmtree(project / "bron" / MAP / "voortgang")
    calls: list[tuple[str, ...]] = []
    for value in odd:
        calls += [
            ("check", value), ("check", "--formaat", value), ("build", value, "-f", "md"),
            ("build", "-f", "md", "--uit", value), ("build", "-f", value), ("build", "-j", value),
            ("nieuw", value, "--geen-vragen"), ("nieuw", "--geen-vragen", "--titel", value, "--van", "2030"),
            ("nieuw", "--geen-vragen", "--gemeente", value, "--van", "2031"),
            ("verschil", value, "bron"), ("verschil", "bron", "bron", "--uit", value), ("verschil", "bron", value),
            ("verschil", "bron", "bron", "--bron", value), ("schema", value), ("schema", "--map", value),
            ("serve", value), ("serve", "--poort", value), (value,),
        ]
    for args in calls:
        if args[0] == "serve" and _would_serve(args[1:]):
            continue  # a folder that exists: the preview would start and wait for Ctrl+C
        code, out = run(*args)  # fails on any exception but an exit
        assert "Traceback" not in out, (args, out)
        assert code in (0, 1, 2), (args, code, out)
        if code:
            assert "Fout" in out or "fout" in out, (args, out)


def _would_serve(args: tuple[str, ...]) -> bool:
    if args[0] == "--poort":
        return args[1] in ("--", "-")
    if args[0] in ("--", "-", ""):
        return True
    try:
        return Path(args[0]).is_dir()
    except (OSError, RuntimeError):
        return False


# --- links and odd files in bron/ and sjablonen/: check and build agree ----------------------

def _both(project: Path) -> tuple[str, str]:
    code_check, check = run("check")
    code_build, build = run("build", "-f", "md")
    assert code_check == 1 and code_build == 1, (check, build)
    assert not (project / "build" / MAP).exists()
    return check, build


def test_a_link_out_of_the_project_is_an_error(project: Path, tmp_path: Path) -> None:
    buiten = tmp_path / "buiten.yaml"
    buiten.write_text("kop: Geheim\n", encoding="utf-8")
    (project / "bron" / MAP / "persbericht.yaml").symlink_to(buiten)
    (project / "sjablonen").mkdir()
    (project / "sjablonen" / "stijl.css").symlink_to("/etc/hostname")
    check, build = _both(project)
    for out in (check, build):
        assert f"bron/{MAP}/persbericht.yaml: fout: is een koppeling naar '{buiten}', buiten het project" in out, out
        assert "sjablonen/stijl.css: fout: is een koppeling naar '/etc/hostname', buiten het project" in out, out


def test_a_link_inside_the_project_is_fine(project: Path) -> None:
    gedeeld = project / "gedeeld"
    gedeeld.mkdir()
    (project / "bron" / MAP / "overeenkomst.yaml").rename(gedeeld / "overeenkomst.yaml")
    (project / "bron" / MAP / "overeenkomst.yaml").symlink_to("../../gedeeld/overeenkomst.yaml")
    code, out = run("check")
    assert code == 0, out


@pytest.mark.parametrize("soort", ["fifo", "apparaat", "lus"])
def test_a_source_that_is_no_regular_file_is_an_error(project: Path, soort: str) -> None:
    path = project / "bron" / MAP / "voortgang" / "2025.yaml"
    if soort == "fifo":
        os.mkfifo(path)
        verwacht = "is een FIFO (named pipe), geen gewoon bestand"
    elif soort == "apparaat":
        (project / "sjablonen").mkdir()
        path = project / "sjablonen" / "huisstijl.typ"
        path.symlink_to("/dev/zero")
        verwacht = "is een koppeling naar '/dev/zero', buiten het project"
    else:
        path.symlink_to("2025.yaml")
        verwacht = "is een koppeling die nergens heen wijst (of in een kring)"
    check, build = _both(project)
    rel = path.relative_to(project).as_posix()
    assert f"{rel}: fout: {verwacht}" in check and f"{rel}: fout: {verwacht}" in build, check


def test_a_refused_link_in_a_text_is_a_warning_naming_it(project: Path) -> None:
    yaml = project / "bron" / MAP / "overeenkomst.yaml"
    text = yaml.read_text(encoding="utf-8")
    old = "tekst: De gemeente wijst een locatie aan voor 40 sociale huurwoningen."
    line = text[: text.index(old)].count("\n") + 1
    yaml.write_text(text.replace(old, 'tekst: "Zie [het plan](file:///etc/passwd) en [site](https://ok.example)."'),
                    encoding="utf-8")
    code, out = run("check")
    assert code == 0, out
    assert (f"overeenkomst.yaml:{line}:12: waarschuwing: link naar 'file:///etc/passwd' wordt geen link" in out), out
    assert "ok.example" not in out


def test_nieuw_refuses_a_reference_in_a_name(project: Path) -> None:
    code, out = run("nieuw", "bron/nieuw", "--geen-vragen", "--corporatie", "Thuis {partij:x}")
    _dutch_error(code, out, (2,))
    assert "bevat een verwijzing als {partij:id}" in out and not (project / "bron" / "nieuw").exists()


def test_verschil_of_folders_follows_the_same_policy_on_links(project: Path, tmp_path: Path) -> None:
    oud = tmp_path / "oud" / "bron"
    shutil.copytree(project / "bron", oud)
    (oud / MAP / "persbericht.yaml").symlink_to("/etc/hostname")
    code, out = run("verschil", str(oud), "bron")
    assert code == 2 and "persbericht.yaml: fout: is een koppeling naar '/etc/hostname', buiten het project" in out, out


# --- nieuw: what an attacker types as a name, a title or a folder -----------------------------

@pytest.mark.parametrize("optie,waarde", [("--titel", "Dorp\nstatus: ondertekend"),
                                          ("--gemeente", "Dorp\nnoot: gehackt"),
                                          ("--corporatie", "Thuis\n  - id: gehackt")])
def test_nieuw_a_line_break_in_a_name_never_starts_a_line_of_yaml(project: Path, optie: str, waarde: str) -> None:
    code, out = run("nieuw", "bron/nieuw", "--geen-vragen", "--van", "2030", optie, waarde)
    assert code == 0, out
    for naam in ("overeenkomst.yaml", "persbericht.yaml"):
        tekst = (project / "bron" / "nieuw" / naam).read_text(encoding="utf-8")
        ingevoegd = waarde.split("\n")[1]
        assert not any(regel.startswith(ingevoegd) for regel in tekst.splitlines()), (naam, tekst)
    code, out = run("check", "bron/nieuw")
    assert code == 0 and ": fout:" not in out, out


def test_nieuw_refuses_a_title_longer_than_check_accepts(project: Path) -> None:
    code, out = run("nieuw", "bron/lang", "--geen-vragen", "--titel", "Lang, " * 2500)
    _dutch_error(code, out, (2,))
    assert ("'Lang, Lang, Lang, Lang, Lang, Lang, Lang…' is 15.000 tekens lang; een naam of titel heeft hoogstens "
            "9.991 tekens") in out, out
    assert not (project / "bron" / "lang").exists()
    code, out = run("nieuw", "bron/net", "--geen-vragen", "--van", "2030", "--titel", "L" * 9991)
    assert code == 0, out
    code, out = run("check", "bron/net")
    assert code == 0 and ": fout:" not in out, out


@pytest.mark.parametrize("naam", [".verborgen", "_intern"])
def test_nieuw_refuses_a_folder_that_check_and_build_pass_over(project: Path, naam: str) -> None:
    code, out = run("nieuw", f"bron/{naam}", "--geen-vragen")
    _dutch_error(code, out, (2,))
    assert "een map die met een punt of liggend streepje begint, slaan prestatie check en build over" in out, out
    assert not (project / "bron" / naam).exists()


# --- verschil: what a commit may hold --------------------------------------------------------

def test_verschil_reads_past_a_huge_file_in_a_commit(project: Path, tmp_path: Path) -> None:
    from prestatie.load.yaml import MAX_BYTES
    from prestatie.pipeline.verschil import versie

    _git(project, "init", "-q")
    with open(project / "bron" / MAP / "bijlage.bin", "wb") as f:
        f.truncate(64 * 1024 * 1024)  # what git would hold in memory, twice, to hand it over
    (project / "bron" / MAP / "persbericht.yaml").write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\nkop: Groot\n")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "groot")
    v = versie("HEAD", project / "bron", tmp_path / "uit")
    uitgepakt = v.bron / MAP
    assert (uitgepakt / "bijlage.bin").stat().st_size == MAX_BYTES + 1  # a stand-in: as far as the loader reads
    assert (uitgepakt / "overeenkomst.yaml").read_bytes() == (project / "bron" / MAP / "overeenkomst.yaml").read_bytes()
    code, out = run("verschil", "HEAD", "bron")
    _dutch_error(code, out, (2,))
    assert f"HEAD:bron/{MAP}/persbericht.yaml: fout: bestand is te groot (meer dan 2048 kB)" in out, out


@pytest.mark.parametrize("uit,waarom", [("/", "is de hoofdmap van het bestandssysteem"),
                                        ("bron", "ligt in de bronmap 'bron'"),
                                        (f"bron/{MAP}", "ligt in de bronmap 'bron'"),
                                        ("sjablonen/x", "ligt in de sjablonenmap 'sjablonen'")])
def test_verschil_never_writes_into_the_root_or_the_sources(project: Path, uit: str, waarom: str) -> None:
    (project / "sjablonen").mkdir()
    voor = sorted(p.relative_to(project) for p in project.rglob("*"))
    code, out = run("verschil", "bron", "bron", "--uit", uit)
    _dutch_error(code, out, (2,))
    assert f"uitvoermap '{uit}' {waarom}" in out, out
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == voor
    assert not list(Path("/").glob("verschil-bron-bron.*"))


@pytest.mark.parametrize("naam,reden", [("CON", "'CON' is op Windows de naam van een apparaat"),
                                        ("nul.txt", "'nul' is op Windows de naam van een apparaat"),
                                        ("Lpt1", "'Lpt1' is op Windows de naam van een apparaat"),
                                        ("a:b", "Windows staat ':' niet toe in een mapnaam"),
                                        ("a?b*", "Windows staat '*' en '?' niet toe in een mapnaam"),
                                        ("dorp ", "Windows staat geen spatie of punt aan het eind van een mapnaam toe"),
                                        ("dorp.", "Windows staat geen spatie of punt aan het eind van een mapnaam toe")])
def test_nieuw_refuses_a_folder_windows_cannot_hold(project: Path, naam: str, reden: str) -> None:
    code, out = run("nieuw", f"bron/{naam}", "--geen-vragen")
    _dutch_error(code, out, (2,))
    assert f"'bron/{naam}': {reden}, zodat een collega op Windows" in out, out
    assert not (project / "bron" / naam).exists()


def test_nieuw_a_title_that_makes_a_device_name_is_refused(project: Path) -> None:
    code, out = run("nieuw", "--geen-vragen", "--titel", "Con")
    _dutch_error(code, out, (2,))
    assert "'bron/con': 'con' is op Windows de naam van een apparaat" in out, out
    code, out = run("nieuw", "--geen-vragen", "--titel", "Prestatieafspraken Console 2030", "--van", "2030")
    assert code == 0 and (project / "bron" / "console-2030" / "overeenkomst.yaml").is_file(), out


def test_verschil_refuses_a_version_with_more_files_than_check_looks_at(project: Path) -> None:
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    leeg = subprocess.run(["git", "hash-object", "-w", "/dev/null"], cwd=project, check=True, capture_output=True,
                          text=True).stdout.strip()
    regels = "".join(f"100644 {leeg}\tbron/{MAP}/veel/f{i}.yaml\n" for i in range(20_001))
    subprocess.run(["git", "update-index", "--index-info"], cwd=project, input=regels, text=True, check=True)
    _git(project, "commit", "-qm", "veel")
    code, out = run("verschil", "HEAD", "bron")
    _dutch_error(code, out, (2,))
    assert "HEAD: de bronnen in git tellen meer dan 20.000 bestanden; prestatie haalt ze er niet uit" in out, out
