"""Figures about indicators say what the tables say: a hand-written summary that contradicts an
indicator table gets a warning at its line naming both numbers, and the summary the templates
write about indicators repeats the indicator tables exactly, in every year of every agreement."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT
from prestatie import pipeline
from prestatie.core.errors import Rapport
from prestatie.core.opmaak import getallen
from prestatie.core.version import bouwinfo
from prestatie.load import load_folder
from prestatie.load.sjablonen import Sjablonen
from prestatie.plan import plan
from prestatie.plan.samenvatting import meldingen
from prestatie.render import Renderer

FOLDERS = sorted(p.parent for p in [*ROOT.glob("bron/*/overeenkomst.yaml"),
                                     *ROOT.glob("tests/fixtures/*/bron/*/overeenkomst.yaml")])


@pytest.mark.parametrize(("tekst", "gelezen"), [
    ("er kwamen 1.234,5 woningen bij", [("1234.5", None)]),
    ("samen € 1,2 miljoen", [("1.2E+6", "euro")]),
    ("618.000 euro en 97,5% en 95 procent", [("618000", "euro"), ("97.5", "procent"), ("95", "procent")]),
    ("5 procentpunt minder", [("5", None)]),
    ("om 10.00 uur in Q1, 1.2 of A4", []),
])
def test_dutch_figures_are_read_with_their_unit(tekst: str, gelezen: list[tuple[str, str | None]]) -> None:
    assert [(str(g.waarde), g.soort) for g in getallen(tekst)] == gelezen


def test_a_figure_agrees_with_a_value_rounded_as_it_is_written() -> None:
    miljoen, = getallen("€ 0,6 miljoen")
    assert miljoen.klopt_met(618_000) and not miljoen.klopt_met(680_000)
    procent, = getallen("98%")
    assert procent.klopt_met(98.1) and not procent.klopt_met(97.4)
    assert getallen("84")[0].precisie == Decimal(1)


# --- a hand-written summary against the indicator tables ---------------------------------------

ZORGEN = "Er zijn ook zorgen."
CASES = [  # (year, words replaced, by, warning: number said, numbers the table shows) or None
    (2022, "netto 84 sociale", "netto 80 sociale", ("80", "gerealiseerd 84, streefwaarde 90")),
    (2022, "minder dan de 90 die", "minder dan de 95 die", ("95", "gerealiseerd 84, streefwaarde 90")),
    (2023, "alle 192 sociale", "alle 190 sociale", ("190", "opgeteld 2022 t/m 2023: gerealiseerd 192")),
    (2024, "Nog 445 corporatiewoningen", "Nog 455 corporatiewoningen", ("455", "gerealiseerd 445, streefwaarde 450")),
    (2022, ZORGEN, ZORGEN + " Woonopmaat wees 91% passend toe.", ("91%", "gerealiseerd 98,1%, streefwaarde 95%")),
    (2022, ZORGEN, ZORGEN + " De corporaties gaven € 1,6 miljoen uit aan leefbaarheid.",
     ("€ 1,6 miljoen", "gerealiseerd €\u00a0618.000, streefwaarde €\u00a0650.000")),
    (2022, ZORGEN, ZORGEN + " Er zijn 50 woningen aardgasvrij gemaakt.", ("50", "gerealiseerd 46, streefwaarde 80")),
    # agreements: the figure as the table shows it, rounded as written, or qualified
    (2022, ZORGEN, ZORGEN + " Woonopmaat wees 98% passend toe.", None),
    (2022, ZORGEN, ZORGEN + " De corporaties gaven € 0,6 miljoen uit aan leefbaarheid.", None),
    (2022, ZORGEN, ZORGEN + " Ruim 450 woningen kregen zonnepanelen, bijna 50 woningen zijn aardgasvrij gemaakt.", None),
    (2023, "Netto kwamen er 76", "Netto kwamen er ongeveer 75", None),
    # unrelated numbers: years, dates, ranges, differences, other things
    (2022, ZORGEN, ZORGEN + " Op 1 juni 2022 zijn in 2021–2022 sociale huurwoningen opgeleverd, 40 meer dan in 2021.", None),
    (2024, "De 40 gezinswoningen", "De 41 gezinswoningen", None),
    (2024, "de 52 oude woningen gesloopt", "de 53 oude woningen gesloopt", None),
    (2023, "ten minste 20 % sociale huur", "ten minste 30 % sociale huur", None),
]


@pytest.mark.parametrize(("jaar", "oud", "nieuw", "verwacht"), CASES)
def test_a_summary_figure_is_held_against_the_indicator_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jaar: int, oud: str, nieuw: str,
    verwacht: tuple[str, str] | None,
) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "bron" / EXAMPLE.name)
    path = tmp_path / "bron" / EXAMPLE.name / "voortgang" / f"{jaar}.yaml"
    source = path.read_text(encoding="utf-8")
    assert source.count(oud) == 1
    path.write_text(source.replace(oud, nieuw), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # Only the report's findings: the example's press release has findings of its own (quotes, contacts).
    warnings = [b for b in pipeline.check(tmp_path / "bron").waarschuwingen if "/voortgang/" in b.plaats.bestand]
    if verwacht is None:
        assert warnings == []
        return
    said, shown = verwacht
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if nieuw.split(" ", 1)[0] in text and said.split()[-1].rstrip("%") in text)
    w, = warnings
    assert w.plaats.bestand.endswith(f"voortgang/{jaar}.yaml") and w.plaats.regel == line
    assert w.bericht.startswith(f"de samenvatting van {jaar} noemt {said} in '")
    assert shown in w.bericht and "onder 'Indicatoren'" in w.bericht


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_the_example_summaries_agree_with_their_tables(folder: Path) -> None:
    dossier = load_folder(folder, Rapport())
    assert {jaar: meldingen(dossier, jaar) for jaar in dossier.voortgang} == {jaar: [] for jaar in dossier.voortgang}


# --- the summary the templates write equals the indicator tables -------------------------------

def _table(block: str) -> list[list[str]]:
    rows = [line.strip().strip("|").split(" | ") for line in block.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in r] for r in rows[1:]]  # without the header


def _number(cell: str) -> float | None:
    found = getallen(cell.lstrip("+\u2212"))
    return None if not found else float(found[-1].waarde) * (-1 if cell.startswith("\u2212") else 1)


def _sections(md: str, level: str) -> dict[str, str]:
    parts = re.split(rf"^{level} (.+)$", md, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def _reports() -> list[tuple[str, str, int]]:
    out = []
    renderer = Renderer(Sjablonen(ROOT / "sjablonen"))
    for folder in FOLDERS:
        dossier = load_folder(folder, Rapport())
        for doc in plan(dossier, bouwinfo(folder)):
            if doc.soort == "voortgang":
                out.append((folder.name, renderer.markdown(doc.sjabloon, doc.context), int(doc.naam[-4:])))
    return out


REPORTS = _reports()


@pytest.mark.parametrize(("naam", "md", "jaar"), REPORTS, ids=[f"{n}-{j}" for n, _, j in REPORTS])
def test_every_indicator_figure_in_the_summary_equals_its_table(naam: str, md: str, jaar: int) -> None:
    chapters = _sections(md, "##")
    tables = {}  # indicator → the row of the report year in its own table, and the column names
    for title, body in _sections(chapters.get("Indicatoren", ""), "###").items():
        header = next(line for line in body.splitlines() if line.startswith("| Jaar"))
        rows = {r[0]: r for r in _table(body)}
        tables[title] = (dict(zip([c.strip() for c in header.strip("|").split("|")], rows[str(jaar)])), body)
    summary = _sections(chapters["Samenvatting"], "###").get(f"Indicatoren in {jaar}", "")
    rows = _table(summary)
    assert len(rows) == len(tables)
    for name, periode, streef, real, verschil, oordeel in rows:
        title = next(t for t in tables if name == t or name.startswith(t + " ("))
        row, body = tables[title]
        summed = "Gerealiseerd opgeteld" in row
        period = re.fullmatch(r"(.+) over (\d{4})–(\d{4})", streef)
        if period:  # no target of its own: judged on the total agreed over a period it is part of
            total = re.search(rf"Totaal over {period[2]}–{period[3]}: afgesproken (.+?) samen; "
                              rf"gerealiseerd \d{{4}} t/m \d{{4}}: ([^ (.]+(?: [^ (.]+)?)", body)
            assert (period[1], real) == (total[1], total[2]), (naam, name)
            assert oordeel.startswith("loopt nog") or "(over " in oordeel, (naam, name)
            continue
        assert real == row["Gerealiseerd opgeteld" if summed else "Gerealiseerd"], (naam, name)
        assert streef == row["Streefwaarde opgeteld" if summed else "Streefwaarde"], (naam, name)
        # a row judged on a running total says so, and gives the year's own verdict after it
        judged = row.get("Oordeel") or row["Oordeel (opgeteld)"]
        if summed and periode != str(jaar) and judged not in ("geen cijfer", "geen streefwaarde"):
            assert oordeel.startswith(judged + " (opgeteld)"), (naam, name)
        else:
            assert oordeel == judged, (naam, name)
        if _number(real) is not None and _number(streef) is not None:
            assert _number(verschil) == pytest.approx(_number(real) - _number(streef)), (naam, name)
        assert periode == (str(jaar) if not summed or periode == str(jaar) else periode)
    # "… verst achterblijven": each line names the figures of the summary table
    by_name = {r[0]: r for r in rows}
    for m in re.finditer(r"^- (.+): gerealiseerd (.+) tegen een streefwaarde van (.+) \((?:opgeteld )?(.+)\)$",
                         chapters["Samenvatting"], flags=re.M):
        row = next(r for n, r in by_name.items() if n == m[1] or n.startswith(m[1] + " ("))
        assert (m[2], m[3], m[4]) == (row[3], row[2], row[1].replace("–", " t/m ") if "t/m" not in row[1] else row[1])


@pytest.mark.parametrize(("naam", "md", "jaar"), REPORTS, ids=[f"{n}-{j}" for n, _, j in REPORTS])
def test_totals_and_chart_texts_say_what_the_indicator_table_shows(naam: str, md: str, jaar: int) -> None:
    for title, body in _sections(_sections(md, "##").get("Indicatoren", ""), "###").items():
        header = [c.strip() for c in next(line for line in body.splitlines() if line.startswith("| Jaar")).strip("|").split("|")]
        rows = {int(r[0]): dict(zip(header, r)) for r in _table(body)}
        for m in re.finditer(r"Totaal over (\d{4})–(\d{4}): .*?; gerealiseerd (\d{4}) t/m (\d{4}): ([^ (]+(?: [^ (]+)?)", body):
            years = range(int(m[3]), int(m[4]) + 1)
            values = [_number(rows[y]["Gerealiseerd"]) for y in years]
            if None not in values:
                assert _number(m[5]) == pytest.approx(sum(values)), (naam, title)
        alt = re.search(r"!\[(.+)\]\(grafiek-", body)[1]
        assert alt.startswith(title)
        per_year = alt[len(title):].split(": ", 1)[1].split(". Opgeteld")[0].rstrip(".").split("; ")
        per_year = {int(p[:4]): p[5:] for p in per_year}
        for y, row in rows.items():
            said = per_year[y]
            if row["Gerealiseerd"] != "geen cijfer":
                assert f"gerealiseerd {row['Gerealiseerd']}" in said, (naam, title, y)
            if row["Streefwaarde"] != "–":
                assert f"streefwaarde {row['Streefwaarde']}" in said, (naam, title, y)
        if "Gerealiseerd opgeteld" in header and jaar in rows and "Opgeteld" in alt:
            opgeteld = alt.split("Opgeteld tot en met")[1]
            if rows[jaar]["Gerealiseerd opgeteld"] != "geen cijfer":
                assert f"gerealiseerd {rows[jaar]['Gerealiseerd opgeteld']}" in opgeteld, (naam, title)
