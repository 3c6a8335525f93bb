"""`prestatie check`: every class of bad input gives its Dutch error at the right file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import edit, line_of, run, werkmap
from prestatie.core.errors import Rapport
from prestatie.load import load_folder

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
MAP = "bron/klein-2023-2026"
O = f"{MAP}/overeenkomst.yaml"
V23 = f"{MAP}/voortgang/2023.yaml"
V24 = f"{MAP}/voortgang/2024.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return werkmap(tmp_path, monkeypatch, FIXTURE, vaste_datum=False)


def test_example_fixture_checks_clean(project: Path) -> None:
    code, out = run("check")
    assert code == 0
    assert "In orde: 0 fouten, 0 waarschuwingen." in out


# (file, old text, new text, needle to find the reported line, expected Dutch message)
CASES = [
    pytest.param(O, "status: concept", "status: concept\nstatus: ondertekend", ("status: ondertekend", 1),
                 "sleutel 'status' staat er twee keer (ook op regel 5)", id="dubbele-sleutel"),
    pytest.param(O, "status: concept", "status: nee", ("status: nee", 1),
                 "'nee' is geen geldige waarde voor 'status'; kies uit: concept, ter_ondertekening, ondertekend", id="nee-in-vaste-lijst"),
    pytest.param(O, "status: concept", "status: on", ("status: on", 1),
                 "'on' is geen geldige waarde voor 'status'", id="on-in-vaste-lijst"),
    pytest.param(O, "basiswaarde: 100", "basiswaarde: 1.000", ("basiswaarde", 1),
                 "'1.000' is dubbelzinnig", id="duizendtal-met-punt"),
    pytest.param(O, "termijn: 2024-06-30", "termijn: 2023-02-30", ("2023-02-30", 1),
                 "'2023-02-30' is geen bestaande datum", id="onmogelijke-datum"),
    pytest.param(O, "  - id: a05", "  - id: a05\n    titel: &t kort", ("&t", 1),
                 "ankers (&naam) en verwijzingen (*naam) zijn niet toegestaan", id="anker"),
    pytest.param(O, "status: concept", "statu: concept", ("statu: concept", 1),
                 "onbekend veld 'statu'; bedoelde u 'status'?", id="onbekend-veld"),
    pytest.param(O, "trekker: dorp", "trekker: thuiss", ("trekker: thuiss", 1),
                 "onbekende partij 'thuiss'; bedoelde u 'thuis'?", id="onbekende-partij"),
    pytest.param(O, "thema: duurzaam", "thema: duurzam", ("thema: duurzam", 1),
                 "onbekende thema 'duurzam'; bedoelde u 'duurzaam'?", id="onbekend-thema"),
    pytest.param(O, "indicator: label-efg", "indicator: label-ef", ("indicator: label-ef", 1),
                 "onbekende indicator 'label-ef'; bedoelde u 'label-efg'?", id="onbekende-indicator"),
    pytest.param(O, "projecten: [dorpsplein]", "projecten: [dorpsplijn]", ("projecten: [dorpsplijn]", 1),
                 "onbekende project 'dorpsplijn'; bedoelde u 'dorpsplein'?", id="onbekend-project"),
    pytest.param(O, "{project:dorpsplein}", "{project:dorpsplien}", ("{project:dorpsplien}", 1),
                 "onbekende project 'dorpsplien'; bedoelde u 'dorpsplein'?", id="onbekende-verwijzing-in-tekst"),
    pytest.param(O, "  - id: a02", "  - id: a01", ("id: a01", 2),
                 "afspraak-id 'a01' komt twee keer voor (ook op regel", id="dubbele-id"),
    pytest.param(O, "termijn: 2025", "termijn: Q5 2025", ("termijn: Q5 2025", 1),
                 "'Q5 2025' is geen termijn; schrijf een jaar (2024), een datum (2024-06-30), een kwartaal",
                 id="onbekende-termijn"),
    pytest.param(O, "status: concept", "status: ondertekend", ("  plaats: Dorp", 1),
                 "status is 'ondertekend' maar de datum van ondertekening ontbreekt", id="ondertekend-zonder-datum"),
    pytest.param(V24, "  a05:\n    status: op schema", "  a09:\n    status: op schema", ("a09:", 1),
                 "onbekende afspraak 'a09'", id="voortgang-onbekende-afspraak"),
    pytest.param(V24, "  a03:\n    status: op schema", "  a03:\n    status: vertraagd", ("status: vertraagd", 2),
                 "status 'vertraagd' van afspraak 'a03' vraagt een toelichting", id="aandacht-zonder-toelichting"),
    pytest.param(V23, "status: niet gestart", "status: misschien", ("status: misschien", 1),
                 "'misschien' is geen geldige waarde voor 'status'", id="onbekende-status"),
    pytest.param(V23, "jaar: 2023", "jaar: 2022", ("jaar: 2022", 1),
                 "jaar 2022 past niet bij de bestandsnaam 2023.yaml", id="jaar-past-niet-bij-bestand"),
    pytest.param(V23, "nieuwbouw: 24", "nieuwbouw: 24,5", ("24,5", 1),
                 "gebruik in YAML een punt als decimaalteken, dus 24.5", id="decimale-komma"),
    pytest.param(V23, "afspraken:", "afspraken:\n  a01:\n    status: gerealiseerd", ("  a01:", 2),
                 "sleutel 'a01' staat er twee keer (ook op regel 5)", id="dubbele-afspraak-in-voortgang"),
    pytest.param(O, "titel: Prestatieafspraken Dorp", "titel:\tPrestatieafspraken Dorp\n  fout: x", ("fout: x", 1),
                 None, id="inspringing"),
]


@pytest.mark.parametrize("name,old,new,where,message", CASES)
def test_bad_input_gives_dutch_error_at_line(project, name, old, new, where, message) -> None:
    edit(project, name, old, new)
    code, out = run("check")
    assert code == 1, out
    assert "Traceback" not in out
    needle, occurrence = where
    line = line_of(project, name, needle, occurrence)
    pattern = re.compile(rf"^{re.escape(name)}:{line}:\d+: fout: ", re.M)
    assert pattern.search(out), out
    if message:
        reported = [ln for ln in out.splitlines() if ln.startswith(f"{name}:{line}:")]
        assert any(message in ln for ln in reported), out


def test_percentage_outside_range(project: Path) -> None:
    edit(project, O, "    eenheid: woningen\n    richting: lager", "    eenheid: procent\n    richting: lager")
    code, out = run("check")
    assert code == 0, out  # 100 % is allowed
    edit(project, O, "basiswaarde: 100", "basiswaarde: 101")
    code, out = run("check")
    line = line_of(project, O, "basiswaarde: 101")
    assert f"{O}:{line}:" in out
    assert "basiswaarde van 'label-efg' 101 ligt niet tussen 0 en 100 procent" in out


def test_deadline_after_looptijd_is_a_warning(project: Path) -> None:
    edit(project, O, "termijn: 2025", "termijn: 2027")
    code, out = run("check")
    assert code == 0, out
    line = line_of(project, O, "termijn: 2027")
    assert f"{O}:{line}:" in out
    assert "waarschuwing: termijn 2027 van afspraak 'a05' valt buiten de looptijd 2023–2026" in out


def test_signed_agreement_needs_a_signer_per_party(project: Path) -> None:
    edit(project, O, "status: concept", "status: ondertekend")
    edit(project, O, "  plaats: Dorp", "  plaats: Dorp\n  datum: 2023-01-15")
    edit(project, O, "        functie: voorzitter", "        functie: voorzitter\n        ondertekent: false")
    code, out = run("check")
    assert code == 1
    line = line_of(project, O, "- naam: P. Bakker")
    assert f"{O}:{line}:" in out
    assert "de overeenkomst is ondertekend, maar niemand van 'huurders' tekent" in out


def test_missing_progress_is_a_warning_and_fatal_under_streng(project: Path) -> None:
    edit(project, V24, "  a05:\n    status: op schema\n", "")
    code, out = run("check")
    assert code == 0, out
    assert "waarschuwing: geen voortgang gemeld over 1 afspraak in 2024: a05" in out
    assert "In orde: 0 fouten, 1 waarschuwing." in out
    code, out = run("check", "--streng")
    assert code == 1
    assert "fout: geen voortgang gemeld over 1 afspraak in 2024: a05" in out


def test_voortgang_year_outside_looptijd(project: Path) -> None:
    src = project / V24
    dst = project / f"{MAP}/voortgang/2027.yaml"
    dst.write_text(src.read_text(encoding="utf-8").replace("jaar: 2024", "jaar: 2027").replace(
        "peildatum: 2025-03-31", "peildatum: 2028-03-31"), encoding="utf-8")
    code, out = run("check")
    assert code == 1
    assert f"{MAP}/voortgang/2027.yaml:2:7: fout: voortgangsjaar 2027 valt buiten de looptijd 2023–2026" in out


@pytest.mark.parametrize(
    "content,message,line",
    [
        (b"", "bestand is leeg", 1),
        (b"# alleen commentaar\n", "bestand is leeg", 1),
        (b"titel: x\n---\ntitel: y\n", "meer dan één YAML-document", 3),
        (b"titel: caf\xe9\n", "bestand is geen UTF-8", 1),
        (b"titel: a\x07b\n", "de tekst bevat een stuurteken (U+0007)", 1),
        ("titel: ab\n  \nversie: 'x\u202ey'\n".encode(), "een teken dat de leesrichting omdraait (U+202E)", 3),
        ("titel: a\u200bb\n".encode(), "een onzichtbare spatie (zero-width space) (U+200B)", 1),
        (b"a: &x [1]\nb: *x\n", "ankers (&naam) en verwijzingen (*naam) zijn niet toegestaan", 1),
        (b"titel: [onaf\n", "", 2),
    ],
    ids=["leeg", "alleen-commentaar", "meerdere-documenten", "geen-utf8", "stuurteken", "bidi", "zero-width",
         "alias", "kapotte-yaml"],
)
def test_unreadable_files(project: Path, content: bytes, message: str, line: int) -> None:
    (project / O).write_bytes(content)
    code, out = run("check")
    assert code == 1
    assert "Traceback" not in out
    assert re.search(rf"^{re.escape(O)}:{line}:\d+: fout: .*{re.escape(message)}", out, re.M), out


def test_too_large_file(project: Path) -> None:
    (project / O).write_bytes(b"titel: x\n" + b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    code, out = run("check")
    assert code == 1
    assert f"{O}: fout: bestand is te groot" in out


def test_yaml_11_surprises_keep_their_meaning(project: Path) -> None:
    edit(project, O, 'versie: "1.10"', "versie: 1.10")
    edit(project, O, "vestigingsplaats: Dorp", "vestigingsplaats: no")
    edit(project, O, "naam: J. Jansen", "naam: 007")
    rapport = Rapport()
    bron = load_folder(project / MAP, rapport)
    assert not rapport.fouten, rapport.gesorteerd()
    o = bron.overeenkomst
    assert o.versie == "1.10"
    assert o.partijen[0].vestigingsplaats == "no"
    assert o.partijen[0].vertegenwoordigers[0].naam == "007"


def test_all_errors_reported_sorted_by_file_and_line(project: Path) -> None:
    edit(project, O, "sociale_huur: 24", "sociale_huur: veel")
    edit(project, O, "status: concept", "status: klaar")
    edit(project, O, "vestigingsplaats: Dorp", "vestigingsplaats: Dorp\n    website: x")
    code, out = run("check")
    errors = [ln for ln in out.splitlines() if ": fout: " in ln]
    assert len(errors) == 3, out
    keys = [(ln.split(":")[0], int(ln.split(":")[1])) for ln in errors]
    assert keys == sorted(keys)
    edit(project, O, "sociale_huur: veel", "sociale_huur: 24")
    edit(project, O, "status: klaar", "status: concept")
    edit(project, O, "\n    website: x", "")
    edit(project, O, "trekker: dorp", "trekker: gemeente")
    edit(project, V24, "  a03:\n    status: op schema", "  a03:\n    status: vertraagd")
    code, out = run("check")
    errors = [ln for ln in out.splitlines() if ": fout: " in ln]
    assert [e.split(":")[0] for e in errors] == [O, V24]
    assert "Niet in orde: 2 fouten, 0 waarschuwingen." in out


def test_wrong_usage_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("check")
    assert code == 2
    assert "map 'bron' bestaat niet" in out
    code, out = run("build", "--formaat", "odt")
    assert code == 2
    assert "onbekend formaat 'odt'" in out
    code, out = run("check", "--onbekend")
    assert code == 2
    assert "Onbekende optie" in out
