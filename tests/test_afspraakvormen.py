"""Real agreements' commitments, deadlines, targets and narrative progress, read back from every format.

The agreement under test is ``bron/bergen-2024-2027``: typed and nested commitments with their
own numbering, joint leads, areas, a quarter, a period, 'doorlopend', a recurring duty, a
start year, a ceiling, totals over a period and beyond the term, a monitored-only indicator,
a standpunt of the Huurderskoepel, and a progress year told per theme without status labels.
Every expected value below was worked out by hand from those YAML files.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from lxml import html

from conftest import edit, line_of, run
from prestatie import pipeline
from prestatie.core.errors import Rapport
from prestatie.core.opmaak import WOORDVERBINDER
from prestatie.load import load_folder
from prestatie.plan.voortgang import afspraakstanden, indicatorstand, kerncijfers, te_laat, themastanden

ROOT = Path(__file__).resolve().parent.parent
NAAM = "bergen-2024-2027"
BRON = ROOT / "bron" / NAAM
O = f"bron/{NAAM}/overeenkomst.yaml"
V24 = f"bron/{NAAM}/voortgang/2024.yaml"

GELDEN_2024 = [
    "overleg", "versnellen", "activiteitenplan", "nieuwbouw", "elkshove", "schoorl", "groet",
    "sociaal-aandeel", "voorrang", "zoektijd",
]
"""Afspraken counted in 2024: not the standpunt 'huurbevriezing', not 'zonnepanelen' (vanaf 2025)."""


def load(folder: Path):
    rapport = Rapport()
    bron = load_folder(folder, rapport)
    assert bron is not None and not rapport.fouten, rapport.fouten
    return bron


@pytest.fixture(scope="module")
def bron():
    return load(BRON)


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built once in every format, from a copy holding only this agreement."""
    root = tmp_path_factory.mktemp("bron")
    shutil.copytree(BRON, root / NAAM)
    uit = tmp_path_factory.mktemp("uit")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        pipeline.build(root, uit, jobs=1)
    return uit / NAAM


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable project with only this agreement, the working directory of the CLI."""
    shutil.copytree(BRON, tmp_path / "bron" / NAAM)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def html_text(path: Path) -> str:
    body = html.fromstring(path.read_bytes()).find(".//body")
    for el in body.iter("td", "th", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "caption"):
        el.tail = " " + (el.tail or "")  # blocks and cells read as separate words
    return " ".join(body.text_content().split())


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(parts).replace(WOORDVERBINDER, "").split())  # not shown


def all_formats(folder: Path, naam: str) -> dict[str, str]:
    """The document's text per format, whitespace collapsed (Markdown unescaped of \\)."""
    lines = [
        ln.lstrip("#") for ln in text(folder / f"{naam}.md").splitlines()
        if not ln.startswith(":::") and not re.fullmatch(r"[|:\- ]+", ln)
    ]
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", "\n".join(lines))  # a link reads as its text
    md = re.sub(r"\{#[^}]*\}", "", md).replace("\\", "").replace("*", "").replace("|", " ")
    md = " ".join(md.split())
    return {"md": md, "html": html_text(folder / f"{naam}.html"), "docx": docx_text(folder / f"{naam}.docx")}


# --- the example checks clean ---------------------------------------------------------------


PERSBERICHT_ZONDER = (
    "het persbericht heeft geen citaat; elke ondertekenende partij krijgt een citaat",
    "het persbericht noemt niemand die de pers kan bellen;",
)
"""The example's press release took over no quotes and no contacts: check says so, and only that."""


def _alleen_persbericht(out: str) -> bool:
    findings = [line for line in out.splitlines() if ": waarschuwing: " in line or ": fout: " in line]
    return len(findings) == len(PERSBERICHT_ZONDER) and all(
        any(p in line for line in findings) for p in PERSBERICHT_ZONDER)


def test_example_checks_without_findings(project: Path) -> None:
    code, out = run("check")
    assert code == 0, out
    assert "In orde: 0 fouten, 2 waarschuwingen." in out and _alleen_persbericht(out), out


# --- commitments in the agreement -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_agreement_shows_kinds_numbers_leads_areas_and_deadlines(gebouwd: Path, fmt: str) -> None:
    t = all_formats(gebouwd, "overeenkomst")[fmt]
    for expected in (
        "1.1 · Overleg over knelpunten en voortgang",
        "Soort: Procesafspraak",
        "Trekkers: Gemeente Bergen en Kennemer Wonen",
        "Termijn: doorlopend",
        "Herhaling: elke vier maanden",
        "Soort: Inspanningsafspraak",
        "Termijn: 2024–2027",
        "2.1.1 · Elkshove",
        "Gebied: kern Bergen",
        "Termijn: Q4 2025",
        "Gebied: kern Schoorl",
        "Soort: Verzoek aan de gemeente",
        "Gericht aan: Gemeente Bergen",
        "Termijn: Q2 2024",
        "Vanaf: 2025",
        "Voorwaarde: De constructie van het dak laat zonnepanelen toe.",
        "Standpunt van de huurdersorganisaties (geen afspraak)",
        "Van: Huurderskoepel",
    ):
        assert expected in t, expected


def test_sub_afspraken_are_headed_one_level_below_their_parent(gebouwd: Path) -> None:
    page = html.fromstring((gebouwd / "overeenkomst.html").read_bytes())
    levels = {el.get("id"): el.tag for el in page.iter("h3", "h4")}
    assert levels["nieuwbouw"] == "h3"
    assert [levels[i] for i in ("elkshove", "schoorl", "groet")] == ["h4", "h4", "h4"]
    assert levels["sociaal-aandeel"] == "h3"
    d = docx.Document(str(gebouwd / "overeenkomst.docx"))
    styles = {p.text.split(" · ")[0]: p.style.name for p in d.paragraphs if " · " in p.text}
    assert styles["2.1"] == "Heading 3" and styles["2.1.1"] == "Heading 4"


def test_standpunt_is_shown_but_not_listed_or_counted(gebouwd: Path, bron) -> None:
    md = text(gebouwd / "overeenkomst.md")
    overzicht = md[md.index("## Overzicht van de afspraken"):]
    rows = [r for r in overzicht.splitlines() if r.startswith("| [")]
    assert [re.match(r"\| \[([^\]]+)\]", r)[1] for r in rows] == [
        "1.1", "1.2", "1.3", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.2", "3.1", "3.2", "4.1"
    ]
    assert "Geen huurverhoging bij slecht label" in md  # shown in its theme
    assert "huurbevriezing" not in [s.afspraak.id for s in afspraakstanden(bron, 2024)]


def test_own_numbering_is_shown_exactly_as_written(project: Path, tmp_path: Path) -> None:
    edit(project, O, 'nummer: "3.1"', "nummer: R2a")
    uit = tmp_path / "uit"
    pipeline.build(project / "bron", uit, jobs=1)
    for fmt, t in all_formats(uit / NAAM, "overeenkomst").items():
        assert "R2a · Voorrang bij toewijzing begrensd" in t, fmt
        assert "R2A" not in t, fmt
    report = all_formats(uit / NAAM, "voortgang-2024")
    assert "R2a Voorrang bij toewijzing begrensd" in report["html"]


def test_without_a_number_a_name_made_for_the_sources_is_never_shown(project: Path, tmp_path: Path) -> None:
    """An id that is a name ('versnellen') is no number of the agreement: the heading shows the
    title only; an id that holds a digit is shown as written."""
    edit(project, O, '    nummer: "1.2"\n', "")
    uit = tmp_path / "uit"
    pipeline.build(project / "bron", uit, jobs=1)
    md = text(uit / NAAM / "overeenkomst.md")
    assert '<a id="versnellen"></a>\n\n### Processen en procedures versnellen\n' in md
    assert "versnellen ·" not in md


# --- targets --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_ceiling_totals_and_monitored_indicators_in_the_agreement(gebouwd: Path, fmt: str) -> None:
    t = all_formats(gebouwd, "overeenkomst")[fmt]
    assert "Toewijzingen met voorrang procent – ten hoogste 25 ten hoogste 25 ten hoogste 25 ten hoogste 25" in t
    assert "lager is beter" not in t
    assert (
        "Nieuwe sociale huurwoningen: totaal over 2024–2027 samen ongeveer 285 woningen; "
        "totaal over 2024–2030 samen zo'n 500 woningen"
    ) in t
    assert "De partijen volgen zonder streefwaarde: Gemiddelde zoektijd van woningzoekenden." in t
    assert "Indicator: Gemiddelde zoektijd van woningzoekenden; wordt gevolgd zonder streefwaarde" in t
    # a total is never put in a year's column
    md = text(gebouwd / "overeenkomst.md")
    jaarschijven = md[md.index("## Jaarschijven"):md.index("## Overzicht")]
    assert "| Nieuwe sociale huurwoningen |" not in jaarschijven


def test_totals_are_summed_over_their_period_not_shown_as_a_year(bron) -> None:
    ind = next(i for i in bron.overeenkomst.indicatoren if i.id == "nieuwbouw-sociaal")
    s = indicatorstand(bron, ind, 2024)
    assert [(t.van, t.tot, t.doel.waarde, t.doel.kwalificatie, t.gerealiseerd, t.tot_en_met, t.gehaald)
            for t in s.totalen] == [
        (2024, 2027, 285.0, "circa", 20.0, 2024, None),
        (2024, 2030, 500.0, "circa", 20.0, 2024, None),
    ]
    assert s.doel is None and s.gehaald is None


@pytest.mark.parametrize("realisatie,oordeel", [("22", "✓ gehaald"), ("25", "✓ gehaald"), ("27", "! achter")])
def test_a_ceiling_is_met_at_or_below_it(project: Path, tmp_path: Path, realisatie: str, oordeel: str) -> None:
    edit(project, V24, "  voorrang: 22", f"  voorrang: {realisatie}")
    uit = tmp_path / "uit"
    pipeline.build(project / "bron", uit, jobs=1)
    md = text(uit / NAAM / "voortgang-2024.md")
    row = next(r for r in md.splitlines() if r.startswith("| Toewijzingen met voorrang |"))
    cells = [c.strip() for c in row.split("|")[1:-1]]
    assert cells[2:4] == ["ten hoogste 25%", f"{realisatie}%"]
    assert cells[-1] == oordeel
    assert "(streefwaarde is een maximum)" not in row and "lager is beter" not in md


# --- narrative progress ---------------------------------------------------------------------


def test_a_year_counts_only_what_applies_to_it(bron) -> None:
    assert [s.afspraak.id for s in afspraakstanden(bron, 2024)] == GELDEN_2024
    k = kerncijfers(afspraakstanden(bron, 2024))
    assert (k.totaal, k.zonder_status, k.geen_melding, k.te_laat) == (10, 1, 9, 1)
    assert [o.afspraak.id for o in te_laat(bron, 2024)] == ["sociaal-aandeel"]
    duurzaam = next(t for t in themastanden(bron, 2024) if t.thema.id == "duurzaamheid")
    assert duurzaam.standen == [] and [r.aantal.waarde for r in duurzaam.resultaten] == [15.0]


def test_a_later_start_counts_from_its_year(project: Path) -> None:
    v25 = project / f"bron/{NAAM}/voortgang/2025.yaml"
    v25.write_text(
        text(project / V24).replace("jaar: 2024", "jaar: 2025").replace("peildatum: 2025-04-30", "peildatum: 2026-04-30"),
        encoding="utf-8",
    )
    b = load(project / "bron" / NAAM)
    ids = [s.afspraak.id for s in afspraakstanden(b, 2025)]
    assert ids == GELDEN_2024 + ["zonnepanelen"]
    assert [s.afspraak.id for s in afspraakstanden(b, 2024)] == GELDEN_2024
    pipeline.build(project / "bron", project / "uit", jobs=1)
    t = all_formats(project / "uit" / NAAM, "voortgang-2025")["md"]
    assert "In 2025 gelden 11 afspraken." in t
    assert "4.1 Zonnepanelen Kennemer Wonen 2027" in t


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_narrative_report_reads_without_status_labels(gebouwd: Path, fmt: str) -> None:
    t = all_formats(gebouwd, "voortgang-2024")[fmt]
    for expected in (
        "Dit verslag beschrijft per thema wat er in 2024 is bereikt, zonder status per afspraak. "
        "In 2024 gelden 10 afspraken.",
        "Nieuwbouw (2.1 t/m 2.2) In de overeenkomst: Voldoende sociale huurwoningen",
        "1.1 Overleg over knelpunten en voortgang Gemeente Bergen en Kennemer Wonen doorlopend, elke vier maanden "
        "3 overleggen: Overleggen tussen gemeente en Kennemer Wonen over knelpunten en voortgang.",
        # one result serving two afspraken stands beside both
        "1.2 Processen en procedures versnellen Gemeente Bergen en Kennemer Wonen 2024–2027 "
        "20 woningen: Nieuwe sociale huurwoningen opgeleverd op het T&O-terrein.",
        "2.1 Nieuwe sociale huurwoningen Gemeente Bergen en Kennemer Wonen 2024–2027 "
        "20 woningen: Nieuwe sociale huurwoningen opgeleverd op het T&O-terrein.",
        "ongeveer 15 woningen – Huurders die zonnepanelen lieten plaatsen",
        "Overige resultaten",
        "2 – Bewonersavonden van de Huurderskoepel over de nieuwe afspraken.",
        "Het oude complex is gesloopt en de bouw is begonnen.",
        "Onder dit thema vallen in 2024 geen afspraken.",
        "Sociale huur in nieuwe plannen (over de termijn van Q2 2024)",
        "Totaal over 2024–2027: afgesproken ongeveer 285 samen; gerealiseerd 2024 t/m 2024: 20 "
        "(de periode loopt nog tot en met 2027).",
        "Eenheid: jaar · gevolgd zonder streefwaarde",
        "Eenheid: procent · de streefwaarde is een maximum",
    ):
        assert expected in t, expected
    for absent in ("Status", "Geen voortgang gemeld", "Zonder status", "Stand van de afspraken",
                   "lager is beter", "Geen huurverhoging bij slecht label"):
        assert absent not in t, absent
    assert not re.search(r"(?<!nog )geen cijfer", t)  # only later years of a chart lack a figure


def test_delivered_numbers_never_read_as_missing(gebouwd: Path) -> None:
    md = text(gebouwd / "voortgang-2024.md")
    rows = [r for r in md.splitlines() if r.startswith("| Gemiddelde zoektijd") or r.startswith("| 2024 | – | 6,5")]
    assert rows == [
        "| Gemiddelde zoektijd van woningzoekenden | 2024 | – | 6,5 | – | geen streefwaarde |",
        "| 2024 | – | 6,5 | – | geen streefwaarde |",
    ]


# --- errors at file:line --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,old,new,needle,message",
    [
        (O, "herhaling: elke vier maanden", "herhaling: elke vier dagen", "elke vier dagen",
         "'elke vier dagen' is geen herhaling; schrijf bijvoorbeeld 'maandelijks', 'per kwartaal'"),
        (O, "termijn: Q4 2025", "termijn: Q4 '25", "Q4 '25", "'Q4 '25' is geen termijn"),
        (O, "2024: ten hoogste 25", "2024: hooguit 25", "hooguit 25", "'hooguit 25' is geen streefwaarde"),
        (O, "waarde: ongeveer 285", "waarde: 1.177", "1.177", "'1.177' is dubbelzinnig"),
        (V24, "aantal: ongeveer 15", "aantal: een stuk of 15", "een stuk of 15", "'een stuk of 15' is geen aantal"),
        (V24, "afspraken: overleg", "afspraken: overleggen", "afspraken: overleggen",
         "onbekende afspraak 'overleggen'; bedoelde u 'overleg'?"),
        (O, "    onder: nieuwbouw\n    soort: resultaatafspraak\n    thema: beschikbaarheid\n    titel: Elkshove",
         "    onder: elkshove\n    soort: resultaatafspraak\n    thema: beschikbaarheid\n    titel: Elkshove",
         "onder: elkshove", "afspraak 'elkshove' valt via 'onder' onder zichzelf"),
        (O, "    vanaf: 2025\n    termijn: 2027", "    vanaf: 2025\n    termijn: 2024", "vanaf: 2025",
         "afspraak 'zonnepanelen' begint (2025) na haar termijn (2024)"),
    ],
    ids=["herhaling", "kwartaal", "kwalificatie", "totaal", "aantal", "resultaat-afspraak", "onder-lus", "vanaf"],
)
def test_bad_values_give_a_dutch_error_at_their_line(project: Path, name, old, new, needle, message) -> None:
    edit(project, name, old, new)
    code, out = run("check")
    assert code == 1, out
    line = line_of(project, name, needle)
    reported = [ln for ln in out.splitlines() if ln.startswith(f"{name}:{line}:") and ": fout: " in ln]
    assert any(message in ln for ln in reported), out


def test_a_theme_named_otherwise_in_a_report_must_be_known(project: Path) -> None:
    edit(project, V24, "    titel: Nieuwbouw", "    titel: Bouwen")
    code, out = run("check")
    assert code == 0, out
    line = line_of(project, V24, "titel: Bouwen")
    assert (f"{V24}:{line}:12: waarschuwing: thema 'beschikbaarheid' heet hier 'Bouwen' en in de overeenkomst "
            "'Voldoende sociale huurwoningen'; is het hetzelfde thema, zet de naam dan bij 'ook_genoemd'") in out


def test_a_deadline_after_the_term_is_a_warning(project: Path) -> None:
    edit(project, O, "termijn: Q4 2025", "termijn: Q1 2029")
    code, out = run("check")
    assert code == 0, out
    line = line_of(project, O, "termijn: Q1 2029")
    assert (f"{O}:{line}:14: waarschuwing: termijn Q1 2029 van afspraak 'elkshove' valt buiten de looptijd "
            "2024–2028") in out  # with the extension to 2028


# --- two more real agreements (tests/fixtures/echt) -----------------------------------------

ECHT = Path(__file__).parent / "fixtures" / "echt" / "bron"


@pytest.fixture(scope="module")
def echt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uit = tmp_path_factory.mktemp("echt")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        pipeline.build(ECHT, uit, jobs=1)
    return uit


def test_letter_numbers_and_a_theme_without_sub_numbers(echt: Path) -> None:
    page = html.fromstring((echt / "leidschendam-voorburg-2022-2025" / "overeenkomst.html").read_bytes())
    heads = [(h.tag, " ".join(h.text_content().split())) for h in page.iter("h3", "h4")]
    assert heads == [
        ("h3", "A1 · Langer zelfstandig wonen"),
        ("h3", "B1 · Woningen met een lage huur"),
        ("h3", "B2 · Sociale huur op locaties"),
        ("h3", "C · Wijkgericht werken"),
        ("h3", "D · Duurzaamheid"),
        ("h4", "D1 · Energie"),
        ("h4", "D5 · Algemeen"),
    ]
    t = all_formats(echt / "leidschendam-voorburg-2022-2025", "overeenkomst")
    for fmt in t:
        assert "Termijn: 2019–2025" in t[fmt] and "Herhaling: 2 keer per jaar" in t[fmt]
        assert "Woningen met een lage huur erbij: totaal over 2022–2026 samen 750 woningen" in t[fmt]


def test_progress_in_words_over_a_four_year_total(echt: Path) -> None:
    t = all_formats(echt / "castricum-2017-2020", "voortgang-2019")
    for fmt in t:
        assert ("Totaal over 2017–2020: afgesproken 118 samen; gerealiseerd 2017 t/m 2019: 15 "
                "(de periode loopt nog tot en met 2020).") in t[fmt], fmt
        assert (  # the report names an afspraak by its short title: no full stop
                "3 In vier jaar komen er 118 woningen bij Gemeente Castricum en Kennemer Wonen 2017–2020 "
                "15 woningen: Opgeleverd aan de Eerste Groenelaan. 18 woningen: In aanbouw op Zandzoom.") in t[fmt], fmt


def test_price_level_is_named_with_the_indicator(tmp_path: Path) -> None:
    shutil.copytree(ECHT / "castricum-2017-2020", tmp_path / "bron" / "castricum-2017-2020")
    edit(tmp_path, "bron/castricum-2017-2020/overeenkomst.yaml",
         "eenheid: procent,\n     streefwaarden: {2017", "eenheid: procent, prijspeil: 2017,\n     streefwaarden: {2017")
    pipeline.build(tmp_path / "bron", tmp_path / "uit", jobs=1)
    folder = tmp_path / "uit" / "castricum-2017-2020"
    for fmt, t in all_formats(folder, "overeenkomst").items():
        assert "Woningen met een huur onder € 628 (prijspeil 2017) procent – ten minste 80" in t, fmt
    assert "Eenheid: procent (prijspeil 2017) · hoger is beter" in all_formats(folder, "voortgang-2019")["html"]


def test_a_range_and_a_target_after_the_term(project: Path, tmp_path: Path) -> None:
    edit(project, O, "      2026: ten hoogste 25", "      2026: 20-25")
    edit(project, O, "      2027: ten hoogste 25\n", "      2027: ten hoogste 25\n      2030: ten hoogste 20\n")
    code, out = run("check")
    assert code == 0 and _alleen_persbericht(out), out
    pipeline.build(project / "bron", tmp_path / "uit", jobs=1)
    for fmt, t in all_formats(tmp_path / "uit" / NAAM, "overeenkomst").items():
        assert "Toewijzingen met voorrang procent – ten hoogste 25 ten hoogste 25 20–25 ten hoogste 25" in t, fmt
        assert "Toewijzingen met voorrang: in 2030, na de looptijd: ten hoogste 20%" in t, fmt


@pytest.mark.parametrize(
    "veld,waarde",
    [("termijn", v) for v in ("2025", "2025-06-30", "Q1 2026", "2026-Q2", "1e kwartaal 2026", "eerste kwartaal 2026",
                              "2019-2024", "2019–2024", "2019 t/m 2024", "doorlopend", "Q5 2026", "begin 2026")]
    + [("herhaling", v) for v in ("maandelijks", "per kwartaal", "halfjaarlijks", "3 keer per jaar", "2x per jaar",
                                  "elke vier maanden", "iedere 2 weken", "soms", "elke vier dagen")],
)
def test_editor_schema_and_tool_accept_the_same_deadlines_and_duties(veld: str, waarde: str) -> None:
    import jsonschema

    from prestatie.model import Afspraak
    from prestatie.model.schema import schemas

    schema = schemas()["overeenkomst"]
    prop = schema["$defs"]["Afspraak"]["properties"][veld]
    als_yaml = int(waarde) if waarde.isdigit() else waarde  # an editor reads 2025 as a number
    editor = jsonschema.Draft202012Validator({**prop, "$defs": schema["$defs"]}).is_valid(als_yaml)
    try:
        Afspraak.model_validate({"id": "a", "thema": "t", "tekst": "x", veld: waarde})
        tool = True
    except Exception:
        tool = False
    assert editor == tool, (waarde, editor, tool)
