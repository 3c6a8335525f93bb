"""Faithful to the agreement: what `check` accepts, `build` renders; instruments as they stood
on their own date; the agreement's own structure, annexes and apparatus; nothing said that the
sources don't say. Read back from Markdown, HTML, Word and PDF.

The fixture `tests/fixtures/trouw` is a regional agreement with a jaarschijf per gemeente, a
later accession, an extension, an addendum in two parts, sub-themes, unnumbered items, a wish,
a request, annexes with a table, abbreviations, a version table and the housing stock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml

from conftest import build_copy, edit, line_of, needs_tool, run
from prestatie import pipeline
from test_partijen import md_text, read_all

FIXTURE = Path(__file__).parent / "fixtures" / "trouw"
NAAM = "bollenstreek-2023-2025"
O = f"bron/{NAAM}/overeenkomst.yaml"
FORMATS = ["md", "html", "docx", "pdf"]
NARCIS = "    vertegenwoordigers:\n      - naam: B. Narcis\n        functie: wethouder Wonen\n"
"""The representatives of one gemeente, to remove."""


def pdf_text(path: Path, *opties: str) -> str:
    """The PDF's text in reading order; with '-layout' a table row stays one line."""
    tool = needs_tool("pdftotext")
    out = subprocess.run([tool, *opties, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.replace("\u2060", "").split())


def lees(folder: Path, name: str) -> dict[str, str]:
    return {**read_all(folder, name), "pdf": pdf_text(folder / f"{name}.pdf")}


def kopie(tmp: Path) -> Path:
    root = tmp / "project"
    shutil.copytree(FIXTURE, root)
    return root


def gecontroleerd(tmp: Path, monkeypatch: pytest.MonkeyPatch, *wijzigingen: tuple[str, str]) -> tuple[Path, int, str]:
    """A copy of the fixture with ``wijzigingen`` (old, new) made in the agreement, and its check."""
    root = kopie(tmp)
    for old, new in wijzigingen:
        edit(root, O, old, new)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, out = run("check")
    return root, code, out


def als_markdown(root: Path) -> str:
    """The agreement of a checked copy, built as Markdown and read as a reader sees it."""
    pipeline.build(root / "bron", root / "build", formaten=("md",), jobs=1)
    return md_text(root / "build" / NAAM / "overeenkomst.md")


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uit = build_copy(tmp_path_factory.mktemp("trouw") / "project", FIXTURE / "bron", ("md", "html", "docx", "pdf", "data"))
    return uit / NAAM


@pytest.fixture(scope="module")
def docs(gebouwd: Path) -> dict[str, dict[str, str]]:
    names = ["overeenkomst", "jaarschijf-2024-tulpdorp", "jaarschijf-2025-tulpdorp", "flexwonen", "persbericht"]
    return {n: lees(gebouwd, n) for n in names}


def _na(text: str, kop: str) -> str:
    """The text from the last heading ``kop`` on (the signature section)."""
    return text[text.rindex(kop):]


# --- 1. what check accepts, build renders ------------------------------------------------------


def test_fixture_checks_clean_and_every_document_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          gebouwd: Path) -> None:
    monkeypatch.chdir(kopie(tmp_path))
    code, out = run("check")
    assert code == 0, out
    assert "0 fouten," in out
    # The fixture's short press release has no quote and no contact: the press-pack checks say
    # so; nothing in the agreement's own structure draws a warning.
    warnings = [r for r in out.splitlines() if ": waarschuwing: " in r]
    assert all("persbericht.yaml" in r and ("citaat" in r or "pers kan bellen" in r) for r in warnings), out
    for naam in ("overeenkomst", "jaarschijf-2024-tulpdorp", "jaarschijf-2025-tulpdorp", "flexwonen", "persbericht"):
        for ext in ("md", "html", "docx", "pdf"):
            assert (gebouwd / f"{naam}.{ext}").is_file(), (naam, ext)


@pytest.mark.parametrize(
    "fixture", sorted(p.parent for p in (Path(__file__).parent.parent / "bron").glob("*/overeenkomst.yaml")),
    ids=lambda p: p.name,
)
def test_a_separate_jaarschijf_with_ranges_ceilings_and_approximations_checks_and_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: Path
) -> None:
    """Each example, with a jaarschijf built on its own holding targets in its year as a range,
    a ceiling and an approximation: a clean check is followed by a clean build."""
    root = tmp_path / "project"
    shutil.copytree(fixture, root / "bron" / fixture.name)
    src = root / "bron" / fixture.name / "overeenkomst.yaml"
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    jaar = data["looptijd"]["van"]
    data.setdefault("instrumenten", []).append({"id": "js-test", "soort": "jaarschijf", "jaar": jaar, "apart": True})
    data.setdefault("indicatoren", []).extend([
        {"id": "t-bereik", "naam": "Bereik", "eenheid": "woningen", "streefwaarden": {jaar: "40-60"}},
        {"id": "t-plafond", "naam": "Plafond", "eenheid": "procent", "richting": "lager",
         "streefwaarden": {jaar: "ten hoogste 25"}},
        {"id": "t-circa", "naam": "Circa", "eenheid": "woningen", "streefwaarden": {jaar: "circa 500"}},
    ])
    src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, out = run("check")
    assert code == 0, out
    pipeline.build(root / "bron", root / "build", formaten=("md",), jobs=1)
    js = md_text(root / "build" / fixture.name / "js-test.md")
    assert "Bereik | woningen | 40–60" in js
    assert "Plafond | procent | ten hoogste 25" in js
    assert "Circa | woningen | circa 500" in js


def test_a_template_error_is_a_check_error_at_the_yaml_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = kopie(tmp_path)
    (root / "sjablonen").mkdir()
    (root / "sjablonen" / "instrument.md.j2").write_text(
        '{% extends "standaard/instrument.md.j2" %}{% block inleiding %}{{ instrument.naamm }}{% endblock %}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    code, out = run("check")
    assert code == 1, out
    regel = line_of(root, O, "- id: jaarschijf-2024-tulpdorp")
    assert f"{O}:{regel}:" in out
    assert "Jaarschijf 2024 Tulpdorp ('jaarschijf-2024-tulpdorp', apart document) kan niet worden opgemaakt" in out
    assert "instrument.md.j2:1" in out and "naamm" in out
    assert "Error" not in out and "Traceback" not in out


# --- 2. instruments live in time ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_later_accession_never_signs_an_earlier_jaarschijf(docs, fmt: str) -> None:
    js24 = docs["jaarschijf-2024-tulpdorp"][fmt]
    assert "Kustwonen" not in js24  # joined on 1 June 2024, after 11 December 2023
    assert "Narcisstad" not in js24  # the jaarschijf of Tulpdorp is signed by its own gemeente only
    assert "Geldt voor Gemeente Tulpdorp" in js24
    js25 = docs["jaarschijf-2025-tulpdorp"][fmt]
    assert "F. Duin" in _na(js25, "Ondertekening")  # signed after the accession
    assert "Narcisstad" not in js25


def test_the_properties_of_a_jaarschijf_name_its_own_parties(gebouwd: Path) -> None:
    author = docx.Document(str(gebouwd / "jaarschijf-2024-tulpdorp.docx")).core_properties.author
    assert "Gemeente Tulpdorp" in author and "Kustwonen" not in author and "Narcisstad" not in author


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_extension_applies_from_its_own_date(docs, fmt: str) -> None:
    for naam in ("jaarschijf-2024-tulpdorp", "jaarschijf-2025-tulpdorp", "flexwonen", "persbericht"):
        text = docs[naam][fmt]
        assert "2026" not in text, naam  # extended on 1 June 2025: after each of these
    assert "die geldt van 1 januari 2023 tot en met 31 december 2025" in docs["jaarschijf-2025-tulpdorp"][fmt]
    assert "Op 1 juni 2025 hebben de partijen de afspraken verlengd tot en met 31 december 2026." in docs["overeenkomst"][fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_addendum_without_end_says_nothing_about_its_end(docs, fmt: str) -> None:
    flex = docs["flexwonen"][fmt]
    assert "Dit addendum geldt vanaf 1 januari 2024." in flex
    assert "Dit addendum geldt van 1" not in flex and "Dit addendum geldt voor" not in flex
    assert "Dit addendum geldt vanaf 2024." in docs["overeenkomst"][fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_representative_who_does_not_sign_is_never_a_signer(docs, fmt: str) -> None:
    for naam in ("overeenkomst", "jaarschijf-2024-tulpdorp", "flexwonen"):
        assert "E. Krokus" not in _na(docs[naam][fmt], "Ondertekening"), naam
    assert "E. Krokus, secretaris (tekent niet)" in docs["overeenkomst"][fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_regional_targets_say_whose_they_are(docs, fmt: str) -> None:
    text = docs["overeenkomst"][fmt]
    assert "Nieuwe sociale huurwoningen (Gemeente Tulpdorp)" in text
    assert "Nieuwe sociale huurwoningen (Gemeente Narcisstad)" in text
    js = docs["jaarschijf-2024-tulpdorp"][fmt]
    assert "Nieuwe sociale huurwoningen (Gemeente Tulpdorp)" in js and "40–60" in js
    assert "(Gemeente Narcisstad)" not in js
    pb = docs["persbericht"][fmt]
    assert "Narcisstad" not in pb
    assert "70 woningen" not in pb  # 40–60 and 'ten minste 30' have no sum the sources state


# --- 3. signed, not every detail known; a document's own date ----------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_signed_on_an_unknown_day(docs, fmt: str) -> None:
    text = docs["overeenkomst"][fmt]
    assert "CONCEPT" not in text
    assert "ondertekend; de datum van ondertekening is niet bekend" in text
    assert "Aldus overeengekomen en ondertekend te Tulpdorp; de datum van ondertekening is niet bekend" in text
    assert "Versie 1.0, 15 december 2022" in text  # the date of the version table, not the build


def test_signatories_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, code, out = gecontroleerd(
        tmp_path, monkeypatch, ("  datum_onbekend: true\n", "  datum_onbekend: true\n  ondertekenaars_onbekend: true\n"),
        (NARCIS, ""),
    )
    assert code == 0, out
    text = _na(als_markdown(root), "Ondertekening")
    block = text[text.index("Gemeente Narcisstad"):text.index("Stichting Bloemwonen")]
    assert "Ondertekend; wie namens deze partij tekende, is niet bekend." in block


def test_signed_without_date_is_an_error_that_says_how_to_record_it(tmp_path: Path, monkeypatch) -> None:
    root, code, out = gecontroleerd(tmp_path, monkeypatch, ("  datum_onbekend: true\n", ""))
    assert code == 1
    assert "de datum van ondertekening ontbreekt; is die niet bekend, zet dan 'datum_onbekend: true'" in out


def test_a_document_is_dated_by_its_own_sources_not_the_build_day(tmp_path: Path, monkeypatch) -> None:
    root = kopie(tmp_path)
    stamp = dt.datetime(2021, 3, 4, 12, tzinfo=dt.timezone.utc).timestamp()
    for f in (root / "bron").rglob("*"):
        os.utime(f, (stamp, stamp))
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pipeline.build(root / "bron", root / "build", formaten=("md",), jobs=1)
    assert "Opgemaakt op 4 maart 2021" in md_text(root / "build" / NAAM / "overeenkomst.md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # still first
    pipeline.build(root / "bron", root / "build", formaten=("md",), jobs=1)
    assert "Opgemaakt op 14 november 2023" in md_text(root / "build" / NAAM / "overeenkomst.md")


# --- 4. the agreement's own structure ---------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_themes_sub_themes_and_numbers_as_written(docs, fmt: str) -> None:
    text = docs["overeenkomst"][fmt]
    text = text[text.index("hierna gezamenlijk"):]  # the body, after the contents
    order = ["1 Beschikbaarheid", "1.1 Nieuwbouw", "1.1.1", "Bloemwonen bouwt sociale huurwoningen in Tulpdorp.",
             "De gemeenten zoeken samen naar locaties voor flexwonen.", "2 Leefbaarheid", "Thema A Wonen en zorg",
             "Een onderzoek naar woonzorgzones."]
    places = [text.index(s) for s in order]
    assert places == sorted(places), order
    assert "Landelijk thema's: beschikbaarheid en betaalbaarheid" in text
    zichtbaar = re.sub(r'<a id="[^"]*"></a>', "", text)  # an anchor in Markdown is no text a reader sees
    assert "punt" not in zichtbaar  # the internal id of an unnumbered item is never shown
    # a theme without afspraken in the sources says nothing about whether any were made
    leef = text[text.index("2 Leefbaarheid"):text.index("Thema A Wonen en zorg")]
    assert "geen afspraken" not in leef and "afspraken" not in leef


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_an_unnumbered_item_is_a_bullet(docs, fmt: str, gebouwd: Path) -> None:
    md = (gebouwd / "overeenkomst.md").read_text(encoding="utf-8")
    assert "- De gemeenten zoeken samen naar locaties voor flexwonen." in md
    html = (gebouwd / "overeenkomst.html").read_text(encoding="utf-8")
    assert re.search(r"<li>\s*De gemeenten zoeken samen naar locaties voor flexwonen\.", html)
    assert '<h4 id="1.1.1">' in html or re.search(r'<h4[^>]*id="1\.1\.1"', html)


@pytest.mark.parametrize("fmt", FORMATS)
def test_addendum_parts_are_sections_before_the_signatures(docs, fmt: str) -> None:
    flex = docs["flexwonen"][fmt]
    deel_a, deel_b, onder = flex.index("Deel Bloemwonen Dit deel is van"), flex.index("Deel huurders Dit deel is van"), flex.rindex("Ondertekening")
    assert deel_a < deel_b < onder
    assert "Dit deel regelt de flexwoningen van Bloemwonen." in flex
    if fmt == "md":  # a link's words, not its target; a list item's words, not its bullet
        flex = re.sub(r"\]\(#[^)]*\)", "", flex).replace("[", "").replace(": - ", ": ")
    flex = flex.replace("• ", "")
    assert "Afspraken van dit deel: F-A1 Bloemwonen plaatst 12 flexwoningen (staat onder 1.1 Nieuwbouw)" in flex
    assert "Afspraken van dit deel: F-B1 HBB peilt wat huurders van flexwonen vinden (staat onder 1.1 Nieuwbouw)" in flex


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_party_s_other_name_and_a_request_s_roles(docs, fmt: str) -> None:
    text = docs["overeenkomst"][fmt]
    assert "Stichting Bloemwonen, in deze overeenkomst ook BW genoemd" in text
    assert "Stichting Kustwonen, toegetreden op 1 juni 2024" in text.replace("**", "")
    assert "van 1 januari 2023 tot 31 december 2025" not in text  # the stock table's rows differ in period
    assert "Verzoek van: HBB" in text.replace("**", "")
    assert "Gericht aan: TD" in text.replace("**", "")


# --- 5. annexes and apparatus -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_annexes_with_labels_text_and_tables(docs, fmt: str) -> None:
    text = docs["overeenkomst"][fmt]
    assert "Bijlage 1a · Bod van Bloemwonen" in text
    assert "Bijlage 4 · Begrippen van de regio" in text  # a label that says 'Bijlage' is kept as written
    assert "Bijlage Bijlage" not in text
    assert "KPI-dashboard" in text and "Opleveringen" in text
    assert "Afkortingen" in text and "Raad van Commissarissen" in text
    assert text.index("Bijlage 1a") < text.index("Bijlage 4") < text.index("Afkortingen")


def test_annexes_are_in_the_contents(gebouwd: Path) -> None:
    html = (gebouwd / "overeenkomst.html").read_text(encoding="utf-8")
    nav = html[html.index("<nav"):html.index("</nav>")]
    assert "Bijlage 1a · Bod van Bloemwonen" in nav and "Woningvoorraad per corporatie" in nav


@pytest.mark.parametrize("fmt", FORMATS)
def test_version_table_and_housing_stock(docs, gebouwd: Path, fmt: str) -> None:
    text = docs["overeenkomst"][fmt] if fmt != "pdf" else pdf_text(gebouwd / "overeenkomst.pdf", "-layout")
    assert re.search(r"0\.9 \|? ?1 november 2022 \|? ?concept", text)
    assert re.search(r"1\.0 \|? ?15 december 2022 \|? ?definitief", text)
    assert re.search(r"Bloemwonen \|? ?4\.000 \|? ?120 \|? ?5 \|? ?30 \|? ?40 \|? ?10 \|? ?4\.045", text)
    # an unknown number stays unknown, and so does a total over it
    assert re.search(r"Kustwonen \|? ?900 \|? ?onbekend", text)
    assert re.search(r"Totaal \|? ?4\.900 \|? ?onbekend", text)
    assert "4.995" in text  # both end figures are known: 4.045 + 950


def test_housing_stock_that_does_not_add_up_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    root, code, out = gecontroleerd(tmp_path, monkeypatch, ("    eind: 4045\n", "    eind: 4050\n"))
    regel = line_of(root, O, "    eind: 4050")
    assert f"{O}:{regel}:" in out
    assert "de woningvoorraad van 'bloem' telt niet op: 4.000 + 120 + 5 − 30 − 40 − 10 = 4.045, maar de eindstand is 4.050" in out


def test_a_table_row_of_the_wrong_width_is_an_error(tmp_path: Path, monkeypatch) -> None:
    root, code, out = gecontroleerd(
        tmp_path, monkeypatch, ('          - [Opleveringen, "45"]\n', '          - [Opleveringen, "45", extra]\n')
    )
    assert code == 1
    assert "rij 1 van de tabel in bijlage 1a heeft 3 cellen, maar de tabel heeft 2 kolommen" in out


# --- 7. nothing said that the sources don't say ------------------------------------------------


def test_a_wish_is_never_listed_as_an_afspraak(docs, gebouwd: Path) -> None:
    for fmt in FORMATS:
        text = docs["overeenkomst"][fmt]
        overzicht = text[text.index("Overzicht van de afspraken"):text.index("Ondertekening")]
        assert "lift" not in overzicht, fmt
        assert "Wens van de huurdersorganisaties (geen afspraak)" in text.replace("**", ""), fmt
    data = json.loads((gebouwd / "afspraken.json").read_text(encoding="utf-8"))
    assert all("lift" not in json.dumps(a, ensure_ascii=False) for a in data["afspraken"])
    assert "lift" not in (gebouwd / "afspraken.csv").read_text(encoding="utf-8")


# --- 8. names a reader sees -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_dateline_and_headings_never_show_an_id(docs, fmt: str) -> None:
    pb = docs["persbericht"][fmt]
    assert "TULPDORP –" in pb and "TD –" not in pb
    text = docs["overeenkomst"][fmt]
    if fmt == "md":  # anchors and link targets are no text a reader sees
        text = re.sub(r'<a id="[^"]*"></a>|\]\(#[^)]*\)', "]", text)
    assert "wens-huurders" not in text and "tulpdorp" not in text.replace("Tulpdorp", "")


def test_the_id_message_says_what_is_allowed(tmp_path: Path, monkeypatch) -> None:
    root, code, out = gecontroleerd(tmp_path, monkeypatch, ("  - id: A1\n", "  - id: Thema A 1\n"))
    assert code == 1
    assert "'Thema A 1' is geen geldige id" in out
    assert "hoofdletters mogen" in out and "'2.1.1'" in out and "hoort in 'nummer:'" in out


def test_one_party_signed_by_someone_unknown_signs_with_the_others(tmp_path: Path, monkeypatch) -> None:
    """Nijkerk 2023: one tenant organisation signed, the sources do not say who."""
    root, code, out = gecontroleerd(tmp_path, monkeypatch, (NARCIS, "    ondertekening: {ondertekenaars_onbekend: true}\n"))
    assert code == 0, out
    text = _na(als_markdown(root), "Ondertekening")
    assert text.count("Aldus overeengekomen") == 1  # one signing moment, not one of its own
    block = text[text.index("Gemeente Narcisstad"):text.index("Stichting Bloemwonen")]
    assert "Ondertekend; wie namens deze partij tekende, is niet bekend." in block


def test_an_approximate_target_as_an_agreement_writes_it(tmp_path: Path, monkeypatch) -> None:
    """Nijkerk 2023–2024: 'bijna 90' sociale huurwoningen over two years."""
    root, code, out = gecontroleerd(tmp_path, monkeypatch, ("      2025: ten minste 30\n", "      2025: bijna 90\n"))
    assert code == 0, out
    assert "bijna 90" in als_markdown(root)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_instrument_numbers_its_themes_its_own_way(docs, fmt: str) -> None:
    js25 = docs["jaarschijf-2025-tulpdorp"][fmt]
    assert "3 Beschikbaarheid" in js25 and "3.2 Nieuwbouw" in js25
    js24 = docs["jaarschijf-2024-tulpdorp"][fmt]
    assert "1 Beschikbaarheid" in js24 and "1.1 Nieuwbouw" in js24
