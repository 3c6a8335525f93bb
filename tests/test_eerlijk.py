"""An honest progress report: every verdict computed once and used everywhere, nothing invented,
figures as written, and open data that means what the agreement means.

Variants of the fixture ``fixtures/voortgang`` (7 afspraken, 3 indicators, reports 2023 and
2024) and the example agreements, read back from the Markdown, HTML, Word and open data.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from docx import Document
from lxml import etree, html

from conftest import ROOT, build_at, build_copy, edit, run, werkmap
from prestatie.write.data.opendata import afspraken_schema

FIXTURE = Path(__file__).parent / "fixtures" / "voortgang"
NAAM = "dorp-2023-2026"
V2023 = f"bron/{NAAM}/voortgang/2023.yaml"
V2024 = f"bron/{NAAM}/voortgang/2024.yaml"


def _build(root: Path) -> Path:
    return build_at(root / "bron", root / "build") / NAAM


def _md(out: Path, jaar: int) -> str:
    return (out / f"voortgang-{jaar}.md").read_text(encoding="utf-8")


@pytest.fixture
def kopie(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


# --- 1. every verdict computed once ---------------------------------------------------------


def test_op_schema_past_its_termijn_is_shown_as_over_de_termijn_and_check_warns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    # a02 (termijn 30 juni 2024) reported 'op schema' in the report with peildatum 31 maart 2025
    edit(root, V2024, "  a02:\n    status: vertraagd", "  a02:\n    status: op schema")
    code, out = run("check", "bron")
    assert code == 0
    assert ("afspraak A02 heeft de status 'op schema', maar de termijn (2024-06-30) is op de peildatum voorbij; "
            "het verslag toont 'over de termijn'") in " ".join(out.split())
    built = _build(root)
    text = _md(built, 2024)
    line = next(line for line in text.splitlines() if line.startswith(("- [A02]", "- A02")))
    assert "gemeld als op schema" in line and "→ Op schema" not in line
    row = next(line for line in text.split("## Voortgang per thema")[1].splitlines() if line.startswith(("| [A02]", "| A02")))
    assert "Over de termijn, gemeld als op schema" in row
    # the counts follow the same computation: 'op schema' no longer counts a02
    assert "| → Op schema | 2 |" in text and "Over de termijn | 1 |" in text


def test_check_warns_when_the_summary_says_met_against_a_shortfall(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    # 2024: passend 93,5% against 95%: achter
    edit(root, V2024, "Het energieadvies is wel klaar.",
         "Het energieadvies is wel klaar. Het doel voor passend toegewezen is gehaald.")
    code, out = run("check", "bron")
    flat = " ".join(out.split())
    assert f"{V2024}:" in out
    assert ("zegt 'gehaald', maar het verslag berekent voor 'Passend toegewezen' 93,5% tegen een streefwaarde "
            "van 95% (2024): achter") in flat


def test_the_parties_summary_is_attributed_after_the_computed_state(kopie: Path) -> None:
    text = _md(_build(kopie), 2024)
    summary = text.split("## Samenvatting")[1].split("### Stand van de afspraken")[0]
    assert summary.index("Stand op 31 maart 2025") < summary.index("### Toelichting van de partijen")
    assert summary.index("### Toelichting van de partijen") < summary.index("Een jaar met *vertraging*")


def test_a_row_judged_on_a_running_total_says_so(kopie: Path) -> None:
    # nieuwbouw is cumulatief: 2024 is judged on 2023 + 2024; make the year itself meet its target
    edit(kopie, V2024, "  nieuwbouw: 12", "  nieuwbouw: 31")
    text = _md(_build(kopie), 2024)
    row = next(line for line in text.splitlines() if line.startswith("| Nieuwe sociale huurwoningen | 2023 t/m 2024"))
    assert row.endswith("| ✓ gehaald (opgeteld); 2024 zelf: ✓ gehaald |")
    edit(kopie, V2023, "  nieuwbouw: 24", "  nieuwbouw: 10")
    text = _md(_build(kopie), 2024)
    row = next(line for line in text.splitlines() if line.startswith("| Nieuwe sociale huurwoningen | 2023 t/m 2024"))
    assert row.endswith("| ! achter (opgeteld); 2024 zelf: ✓ gehaald |")
    assert "| Jaar | Streefwaarde | Gerealiseerd | Streefwaarde opgeteld | Gerealiseerd opgeteld | Oordeel (opgeteld) |" in text


# --- 2. nothing invented ----------------------------------------------------------------------


def test_first_report_only_in_the_agreements_first_year(kopie: Path) -> None:
    (kopie / V2023).unlink()
    text = _md(_build(kopie), 2024)
    assert "eerste voortgangsrapportage" not in text
    assert "Er is geen voortgangsrapportage over een eerder jaar van deze afspraken om mee te vergelijken." in text


def test_no_all_clear_without_statuses(kopie: Path) -> None:
    path = kopie / V2024
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^    status: .*\n", "", text).replace("  a05:\n", "").replace("  a07:\n", "")
                    .replace("  a01:\n", ""), encoding="utf-8")
    md = _md(_build(kopie), 2024)
    assert "Geen afspraak heeft de status" not in md
    assert "met de status" not in md


def test_unknown_figures_read_geen_cijfer_and_missing_causes_are_not_invented(kopie: Path) -> None:
    edit(kopie, V2024, "  passend: 93.5\n", "")
    edit(kopie, V2024, "    oorzaak: Bezwaren van omwonenden.\n    gevolg: De bouw begint later.\n", "")
    text = _md(_build(kopie), 2024)
    passend = text.split("### Passend toegewezen\n")[1]
    assert "| 2024 | 95% | geen cijfer | – | geen cijfer |" in passend
    assert "niet opgegeven" not in text
    assert "**Bijsturing:** Besluit in de raad in 2025." in text and "**Oorzaak:**" not in text


def test_counts_follow_jaarschijven() -> None:
    from prestatie.core.errors import Rapport
    from prestatie.load import load_folder
    from prestatie.plan.voortgang import afspraakstanden

    dossier = load_folder(ROOT / "bron" / "heerlen-2020-2024", Rapport())
    ids = {j: [s.afspraak.id for s in afspraakstanden(dossier, j)] for j in (2020, 2021)}
    assert not any(i.startswith("j21") for i in ids[2020])
    assert not any(i.startswith("j20") for i in ids[2021])
    assert any(i.startswith("j21") for i in ids[2021])


# --- 3. approximate and ranged figures ---------------------------------------------------------


def test_approximate_and_ranged_realisations_are_shown_as_written_and_judged(kopie: Path) -> None:
    edit(kopie, V2024, "  passend: 93.5", "  passend: 94-97")
    edit(kopie, V2024, "  label-efg: 48", "  label-efg: ongeveer 48")
    text = _md(_build(kopie), 2024)
    rows = [line for line in text.split("### Indicatoren in 2024")[1].splitlines() if line.startswith("| ")][1:4]
    assert rows[1] == "| Woningen met label E, F of G (lager is beter) | 2024 | 50 | ongeveer 48 | −2 | ✓ gehaald |"
    assert rows[2] == "| Passend toegewezen | 2024 | 95% | 94%–97% | – | ? niet vast te stellen |"
    assert "gerealiseerd 94%–97%" in text  # the chart's text alternative says it as written


# --- 5. a report you can find your way in -----------------------------------------------------


def test_contents_in_html_and_word_down_to_the_afspraak_numbers(kopie: Path) -> None:
    out = _build(kopie)
    page = html.fromstring((out / "voortgang-2024.html").read_bytes())
    nav = page.xpath("//nav[contains(@class, 'inhoud')]")
    assert nav, "no contents"
    links = [" ".join(a.text_content().split()) for a in nav[0].iter("a")]
    assert "Nieuwe woningen (A01, A02, A05)" in links
    doc = Document(str(out / "voortgang-2024.docx"))
    toc = ["".join(p.xpath(".//w:t/text()")) for p in doc.element.body.xpath(".//w:sdtContent/w:p")]
    assert "Nieuwe woningen (A01, A02, A05)" in toc


# --- 6. open data --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def voorbeelden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(tmp_path_factory.mktemp("voorbeelden"))


def test_open_data_direction_of_a_ceiling_and_the_afspraak_columns(voorbeelden: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((voorbeelden / "bergen-2024-2027" / "indicatoren.csv")
                                           .read_text(encoding="utf-8"))))
    voorrang = [r for r in rows if r["indicator"] == "voorrang"]
    assert voorrang and all(r["richting"] == "lager" and r["kwalificatie"] == "ten hoogste" for r in voorrang)
    afspraken = list(csv.DictReader(io.StringIO((voorbeelden / "bergen-2024-2027" / "afspraken.csv")
                                                .read_text(encoding="utf-8"))))
    assert {"onder", "vanaf", "gebied", "instrument", "label"} <= set(afspraken[0])
    by_id = {a["id"]: a for a in afspraken}
    assert by_id["elkshove"]["onder"] == "nieuwbouw"
    assert by_id["voorrang"]["vanaf"] == "2024"
    data = json.loads((voorbeelden / "bergen-2024-2027" / "afspraken.json").read_text(encoding="utf-8"))
    assert {a["id"]: a["onder"] for a in data["afspraken"]}["elkshove"] == "nieuwbouw"


@pytest.mark.parametrize("naam", ["bergen-2024-2027", "beverwijk-heemskerk-2022-2025", "heerlen-2020-2024"])
def test_open_data_validates_against_csvw_and_json_schema(voorbeelden: Path, naam: str) -> None:
    from csvw import CSVW

    tables = CSVW(str(voorbeelden / naam / "csv-metadata.json"), validate=True, strict=True)
    assert tables.is_valid, [str(w.message) for w in tables.warnings]
    committed = json.loads((ROOT / "schema" / "afspraken.schema.json").read_text(encoding="utf-8"))
    assert committed == afspraken_schema(), "schema/afspraken.schema.json is verouderd"
    data = json.loads((voorbeelden / naam / "afspraken.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, committed, format_checker=jsonschema.FormatChecker())


# --- the same verdicts and figures in every format ---------------------------------------------

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RAPPORTEN = [("bergen-2024-2027", 2024), ("beverwijk-heemskerk-2022-2025", 2022),
             ("beverwijk-heemskerk-2022-2025", 2023), ("beverwijk-heemskerk-2022-2025", 2024),
             ("heerlen-2020-2024", 2020), ("heerlen-2020-2024", 2021),
             ("dorp-2023-2026", 2023), ("dorp-2023-2026", 2024),
             ("castricum-2017-2020", 2017), ("castricum-2017-2020", 2018), ("castricum-2017-2020", 2019)]
"""The reports of the three examples and of the fixtures with progress (a hand-made agreement
and one after a real one)."""


@pytest.fixture(scope="module")
def alle(voorbeelden: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every agreement of RAPPORTEN, built, by name."""
    found = {p.name: p for p in voorbeelden.iterdir() if p.is_dir()}
    for fixture in (FIXTURE, Path(__file__).parent / "fixtures" / "echt"):
        root = tmp_path_factory.mktemp(fixture.name)
        shutil.copytree(fixture / "bron", root / "bron")
        found.update({p.name: p for p in build_at(root / "bron", root / "build").iterdir() if p.is_dir()})
    return found


def _cells(text: str) -> list[str]:
    return [" ".join(c.replace("\u2060", "").split()) for c in text]


def _getal(text: str) -> float | None:
    text = text.replace("€", "").replace("%", "").replace(".", "").replace(",", ".").replace("−", "-").strip()
    try:
        return float(text)
    except ValueError:
        return None


def _word_charts(path: Path) -> list[etree._Element]:
    document = Document(str(path))
    found = []
    for ref in document.element.body.iter(f"{{{C}}}chart"):
        found.append(etree.fromstring(document.part.related_parts[ref.get(f"{{{R}}}id")].blob))
    return found


def _word_panels(root: etree._Element) -> list[str]:
    """The panels of a Word chart: the rows naming them (the rows without a year)."""
    cats = [p.text for p in root.find(f".//{{{C}}}ser").iterfind(f"{{{C}}}cat//{{{C}}}pt/{{{C}}}v")]
    return [c for c in cats if not c.isdigit() and not c.startswith("Basiswaarde")]


def _word_series(root: etree._Element) -> dict[str, dict[tuple[str, str], float]]:
    """Per series of a Word chart its values by (panel, row)."""
    found = {}
    for ser in root.iterfind(f".//{{{C}}}ser"):
        cats = [p.text for p in ser.iterfind(f"{{{C}}}cat//{{{C}}}pt/{{{C}}}v")]
        panels, panel = [], ""
        for c in cats:
            panel = c if not c.isdigit() and not c.startswith("Basiswaarde") else panel
            panels.append(panel)
        found[ser.find(f"{{{C}}}tx//{{{C}}}v").text] = {
            (panels[int(p.get("idx"))], cats[int(p.get("idx"))]): float(p.find(f"{{{C}}}v").text)
            for p in ser.iterfind(f"{{{C}}}val//{{{C}}}pt")}
    return found


@pytest.mark.parametrize(("naam", "jaar"), RAPPORTEN, ids=[f"{n}-{j}" for n, j in RAPPORTEN])
def test_summary_rows_verdicts_and_charts_agree_in_every_format(alle: dict[str, Path], naam: str, jaar: int) -> None:
    out = alle[naam]
    page = html.fromstring((out / f"voortgang-{jaar}.html").read_bytes())
    tables = page.xpath(f"//h3[normalize-space(.)='Indicatoren in {jaar}']/following::table[1]")
    if not tables:
        pytest.skip("geen indicatoren in dit verslag")
    html_rows = [_cells(td.text_content() for td in tr.xpath("td|th")) for tr in tables[0].xpath(".//tbody/tr")]
    md = _md(out, jaar).split(f"### Indicatoren in {jaar}\n")[1].split("\n### ")[0]
    md_rows = [_cells(re.sub(r"\\(.)", r"\1", c) for c in line.strip("|").split(" | "))
               for line in md.splitlines() if line.startswith("| ")][1:]
    assert md_rows == html_rows
    document = Document(str(out / f"voortgang-{jaar}.docx"))
    word = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["Indicator", "Periode"])
    word_rows = [_cells(c.text for c in r.cells) for r in word.rows[1:]]
    assert word_rows == html_rows
    pdf = " ".join(subprocess.run(["pdftotext", str(out / f"voortgang-{jaar}.pdf"), "-"], capture_output=True,
                                  text=True, check=True).stdout.replace("\u2060", "").split())
    for row in html_rows:
        assert row[-1] in pdf, row  # the verdict, as the summary table gives it
    # each indicator's chart draws the figures of its table, and Word's chart the same as the HTML's
    charts = _word_charts(out / f"voortgang-{jaar}.docx")
    figures = page.xpath("//figure[.//svg]")
    word_values = []
    for root in charts:  # per panel (a block of rows under its name), per series
        for block in _word_panels(root):
            word_values += [(name, {year: v for (b, year), v in values.items() if b == block and year.isdigit()})
                            for name, values in _word_series(root).items()]
    html_values = []
    for fig in figures:
        head = [th.text_content() for th in fig.xpath(".//details//thead//th")]
        body = [[c.text_content() for c in tr] for tr in fig.xpath(".//details//tbody/tr")]
        opgeteld = [i for i, h in enumerate(head) if "opgeteld" in h]
        for cols in ([i for i in range(1, len(head)) if i not in opgeteld], opgeteld):
            for i in cols:
                values = {r[0]: _getal(r[i]) for r in body if _getal(r[i]) is not None}
                html_values.append((head[i].split(" (")[0], values))
    assert [v for v in word_values if v[1]] == [v for v in html_values if v[1]]


def test_a_period_target_is_drawn_and_every_chart_has_a_shared_axis_from_zero(voorbeelden: Path) -> None:
    out = voorbeelden / "bergen-2024-2027"
    charts = _word_charts(out / "voortgang-2024.docx")
    series = _word_series(charts[0])  # nieuwbouw: per jaar, then summed from 2024
    assert _word_panels(charts[0]) == ["Per jaar", "Opgeteld vanaf 2024"]
    assert "Streefwaarde" in series  # 'ongeveer 285 in 2024–2027' is the summed target of 2027
    assert series["Streefwaarde"] == {("Opgeteld vanaf 2024", "2027"): 285.0}
    for root in charts:
        val = root.find(f".//{{{C}}}valAx")
        assert val.find(f"{{{C}}}delete").get("val") == "0"
        assert val.find(f"{{{C}}}majorGridlines") is not None
        assert float(val.find(f"{{{C}}}scaling/{{{C}}}min").get("val")) == 0.0
    per_jaar = charts[0].find(f".//{{{C}}}valAx")
    assert float(per_jaar.find(f"{{{C}}}majorUnit").get("val")) == 100.0  # the lone 20 against 0–300
    page = html.fromstring((out / "voortgang-2024.html").read_bytes())
    svg = page.xpath("//figure//svg")[0]
    assert [t.text for t in svg.xpath(".//text[@class='as']")] == ["0", "100", "200", "300"] * 2
    assert "Totaal over 2024–2027: streefwaarde ongeveer 285" in svg.xpath("string(.//desc)")
