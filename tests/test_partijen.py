"""Who signs what: collectives, non-signing parties, scope, successors, accessions, several
signatories and signing moments, jaarschijven, addenda in parts and extensions.

Each class loads, `check` says in Dutch at file:line what is wrong, and the documents say
what the sources say, read back from Markdown, HTML and Word.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from conftest import edit, line_of
from prestatie import pipeline
from prestatie.core.opmaak import WOORDVERBINDER
from prestatie.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "partijen"
NAAM = "samenstad-2024-2027"
O = f"bron/{NAAM}/overeenkomst.yaml"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self.skip -= 1
        if tag in ("p", "li", "tr", "td", "th", "h1", "h2", "h3", "div"):
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def docx_text(path: Path) -> str:
    """The text of the body in reading order: paragraphs, and table rows as 'a | b | c'."""
    d = docx.Document(str(path))
    parts = []
    for item in d.iter_inner_content():
        if isinstance(item, docx.table.Table):
            parts.extend(" | ".join(c.text for c in row.cells) for row in item.rows)
        else:
            parts.append(item.text)
    return " ".join(" ".join(parts).replace(WOORDVERBINDER, "").split())  # not shown


def md_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8").replace("\\", "")
    return " ".join(text.replace("**", "").split())


def read_all(folder: Path, name: str) -> dict[str, str]:
    return {
        "md": md_text(folder / f"{name}.md"),
        "html": html_text(folder / f"{name}.html"),
        "docx": docx_text(folder / f"{name}.docx"),
    }


def copy_fixture(tmp: Path) -> Path:
    root = tmp / "project"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("partijen"))
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    mp.chdir(root)
    try:
        pipeline.build(root / "bron", root / "build", formaten=("md", "html", "docx"), jobs=1)
    finally:
        mp.undo()
    return root / "build" / NAAM


@pytest.fixture(scope="module")
def overeenkomst(gebouwd: Path) -> dict[str, str]:
    return read_all(gebouwd, "overeenkomst")


FORMATS = ["md", "html", "docx"]


def run_check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# --- the parties as the documents state them -------------------------------------------------


def test_fixture_checks_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_check(copy_fixture(tmp_path), monkeypatch)
    assert code == 0, out
    # Only that its press release has no quote and no press contact: check says so.
    assert "0 fouten, 2 waarschuwingen" in out
    assert "het persbericht heeft geen citaat" in out and "niemand die de pers kan bellen" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_wethouders_sign_for_one_gemeente(overeenkomst: dict[str, str], fmt: str) -> None:
    text = overeenkomst[fmt]
    assert "Gemeente Samenstad, hierbij vertegenwoordigd door Y. Roos, wethouder Wonen en M. Wiese, wethouder Sociaal Domein" in text
    # both sign: each gets a line in the signature table
    assert text.count("Y. Roos, wethouder Wonen") >= 2
    assert text.count("M. Wiese, wethouder Sociaal Domein") >= 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_vestigingsplaats_no_seat_is_invented(overeenkomst: dict[str, str], fmt: str) -> None:
    assert "Gemeente Samenstad, gevestigd" not in overeenkomst[fmt]
    assert "Stichting Kustwonen, gevestigd te Zeedorp" in overeenkomst[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_collective_signs_for_its_members(overeenkomst: dict[str, str], fmt: str) -> None:
    assert (
        "Stichting Samenwerkende Corporaties Samenstad, stichting, gevestigd te Samenstad, die optreedt "
        "namens haar leden Stichting Woonstad, Woningstichting Thuisbaas en Stichting Dak"
    ) in overeenkomst[fmt]
    # a member with an id can lead an afspraak
    assert re.search(r"Trekker:\s*Woonstad", overeenkomst[fmt])


@pytest.mark.parametrize("fmt", FORMATS)
def test_legal_successor_and_former_name(overeenkomst: dict[str, str], fmt: str) -> None:
    assert (
        "Stichting Nieuwdak, gevestigd te Samenstad, voorheen Woonstichting Nieuwe Daken, "
        "rechtsopvolger van Woningstichting Oudhuis en Woongoed Ouderkerk"
    ) in overeenkomst[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_tenants_organisation_of_several_corporations(overeenkomst: dict[str, str], fmt: str) -> None:
    assert (
        "Huurdersplatform Samenstad, die de huurders van Stichting Woonstad en Woningstichting Thuisbaas vertegenwoordigt"
    ) in overeenkomst[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_limited_scope_and_later_accession(overeenkomst: dict[str, str], fmt: str) -> None:
    text = overeenkomst[fmt]
    assert "die aan deze afspraken alleen gebonden is voor het DAEB-complex Hofzicht (30 woningen)" in text
    assert "toegetreden met Aanvullende overeenkomst Kustwonen van 1 maart 2024" in text
    assert "Met deze toetreding treedt Stichting Kustwonen toe tot deze afspraken, met ingang van 1 maart 2024" in text
    assert "Aldus overeengekomen en ondertekend te Zeedorp op 1 maart 2024" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_party_that_takes_part_without_signing(overeenkomst: dict[str, str], fmt: str) -> None:
    text = overeenkomst[fmt]
    assert "Aan deze afspraken werkt ook mee, zonder te ondertekenen:" in text
    assert "De bewonersraad nam deel aan het overleg, maar ondertekent de afspraken niet." in text
    signing = text[text.rindex("Ondertekening"):]
    assert "Bewonersraad Nieuwdak" not in signing


@pytest.mark.parametrize("fmt", FORMATS)
def test_separate_and_digital_signing_moments(overeenkomst: dict[str, str], fmt: str) -> None:
    signing = overeenkomst[fmt][overeenkomst[fmt].rindex("Ondertekening"):]
    own = signing.index("Aldus overeengekomen en ondertekend te Samenstad op 14 december 2023 door:")
    digital = signing.index("Aldus overeengekomen en digitaal ondertekend op 15 december 2023 door:")
    assert own < digital  # the agreement's own moment first
    assert "Stichting Kustwonen" not in signing  # it signed its accession, not the agreement


@pytest.mark.parametrize("fmt", FORMATS)
def test_extension_keeps_the_original_term(overeenkomst: dict[str, str], fmt: str) -> None:
    text = overeenkomst[fmt]
    assert "Prestatieafspraken Samenstad 2024–2027" in text
    assert "Deze afspraken gelden van 1 januari 2024 tot en met 31 december 2027." in text
    assert "Op 30 november 2027 hebben de partijen de afspraken verlengd tot en met 31 december 2028." in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_standard_clause_the_sources_do_not_contain(overeenkomst: dict[str, str], fmt: str) -> None:
    text = overeenkomst[fmt]
    assert "gewijzigd" not in text and "instemming van alle partijen" not in text
    assert "Monitoring en evaluatie" not in text


# --- jaarschijven and addenda --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_jaarschijf_in_the_agreement_names_its_afspraken(overeenkomst: dict[str, str], fmt: str) -> None:
    text = overeenkomst[fmt]
    assert re.search(r"Hoort bij:\s*Jaarschijf 2024", text)
    assert "Deze jaarschijf geldt voor 2024." in text
    # a jaarschijf that is a document of its own is only named, its afspraken stay there
    assert "Zij staat in een eigen document met 1 afspraak, digitaal ondertekend op 16 december 2024." in text
    assert "twee huismeesters" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_jaarschijf_as_its_own_signed_document(gebouwd: Path, fmt: str) -> None:
    text = read_all(gebouwd, "jaarschijf-2025")[fmt]
    assert "Jaarschijf 2025" in text
    assert "Behorend bij Prestatieafspraken Samenstad 2024–2027" in text
    assert "Deze jaarschijf geldt voor 2025." in text
    assert "Nieuwdak zet in 2025 twee huismeesters in." in text
    assert "250 sociale huurwoningen" not in text  # the framework's afspraken stay in the agreement
    assert "Aldus overeengekomen en digitaal ondertekend op 16 december 2024." in text
    assert "Bewonersraad" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_addendum_in_two_parts(gebouwd: Path, fmt: str) -> None:
    text = read_all(gebouwd, "addendum-flexwonen")[fmt]
    # No end of its own: it says nothing about its end, and the agreement it belongs to is
    # named as it stood on the addendum's own date, before the extension of 2027.
    assert "Dit addendum geldt vanaf 1 januari 2025." in text
    assert "2028" not in text
    assert "die geldt van 1 januari 2024 tot en met 31 december 2027" in text
    assert "Alle partijen maken een plan voor flexwonen." in text
    assert "Nieuwdak bouwt 24 flexwoningen aan de Parkweg." in text
    assert re.search(r"Hoort bij:\s*Addendum Flexwonen, deel Nieuwdak", text)
    part = text[text.rindex("Addendum Flexwonen, deel Nieuwdak"):]
    assert "Aldus overeengekomen en ondertekend te Samenstad op 11 februari 2025." in part
    assert "Nieuwdak" in part and "SCS" not in part and "Samenwerkende" not in part


def test_progress_counts_only_the_afspraken_of_that_year(gebouwd: Path) -> None:
    v24 = md_text(gebouwd / "voortgang-2024.md")
    v25 = md_text(gebouwd / "voortgang-2025.md")
    assert "| Totaal | 4 | 100% |" in v24
    for ident in ("J25-01", "AD-01", "AD-02"):
        assert f"| {ident} |" not in v24
    assert "| J24-01 |" in v24
    assert "| Totaal | 6 | 100% |" in v25
    assert "| J24-01 |" not in v25
    # Without a publication address the number is text, never a link to a file not sent along.
    raw = (gebouwd / "voortgang-2025.md").read_text(encoding="utf-8")
    assert "| J25-01 |" in raw and "](jaarschijf-2025.html" not in raw


def test_press_release_speaks_of_the_collective_in_the_plural(gebouwd: Path) -> None:
    pb = md_text(gebouwd / "persbericht.md")
    assert "de woningcorporaties van SCS (Woonstad, Thuisbaas en Stichting Dak)" in pb
    assert "Bewonersraad" not in pb  # it did not sign
    assert "De partijen ondertekenden de afspraken op 14 en 15 december 2023." in pb


# --- any number of parties -----------------------------------------------------------------


def test_twenty_parties_build_and_fit_in_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    extra = "".join(
        f"""  - id: corp{i}
    naam: Stichting Woningcorporatie Met Een Lange Naam Nummer {i}
    soort: corporatie
    vertegenwoordigers:
      - naam: A. Persoon{i}
        functie: directeur-bestuurder
"""
        for i in range(20)
    )
    edit(root, O, "themas:\n", extra + "themas:\n")
    monkeypatch.chdir(root)
    pipeline.build(root / "bron", root / "build", formaten=("md", "html", "docx"), jobs=1)
    out = root / "build" / NAAM
    d = docx.Document(str(out / "overeenkomst.docx"))
    author = d.core_properties.author
    assert len(author) <= 255
    assert author.startswith("Gemeente Samenstad; Stichting Samenwerkende Corporaties Samenstad;")
    assert re.search(r" en \d+ andere$", author)
    text = docx_text(out / "overeenkomst.docx")
    for i in range(20):
        assert (f"Stichting Woningcorporatie Met Een Lange Naam Nummer {i}, namens deze: "
                f"w.g. A. Persoon{i}, directeur-bestuurder") in text
    assert "Stichting Woningcorporatie Met Een Lange Naam Nummer 19" in html_text(out / "overeenkomst.html")


# --- check: what is wrong, where, in Dutch -------------------------------------------------

CASES = [
    pytest.param("instrument: jaarschijf-2024", "instrument: jaarschijf-2042", "instrument: jaarschijf-2042",
                 "onbekend instrument 'jaarschijf-2042'", id="onbekend-instrument"),
    pytest.param("    jaar: 2024\n", "    jaar: 2031\n", "jaar: 2031",
                 "jaar 2031 van jaarschijf 'jaarschijf-2024' valt buiten de looptijd 2024–2028", id="jaarschijf-buiten-looptijd"),
    pytest.param("    tot: 2028", "    tot: 2026", "tot: 2026",
                 "verlenging 'verlenging-2028' verlengt tot 2026, maar de looptijd loopt al tot en met 2027", id="verlenging-te-kort"),
    pytest.param("    partijen: [kustwonen]\n", "", "soort: toetreding",
                 "toetreding 'toetreding-kustwonen' noemt niet wie toetreedt", id="toetreding-zonder-partij"),
    pytest.param("huurders_van: nieuwdak", "huurders_van: samenstad", "huurders_van: samenstad",
                 "'samenstad' is geen corporatie", id="huurders-van-gemeente"),
    pytest.param("huurders_van: [woonstad, thuisbaas]", "huurders_van: [woonstad, thuisbas]", "thuisbas",
                 "onbekende partij 'thuisbas'; bedoelde u 'thuisbaas'?", id="huurders-van-typfout"),
    pytest.param("      - id: thuisbaas\n", "      - id: nieuwdak\n", "- id: nieuwdak",
                 "partij-id 'nieuwdak' komt twee keer voor", id="lid-id-dubbel"),
    pytest.param("    ondertekent: false\n", "    ondertekent: false\n    ondertekening:\n      datum: 2023-12-20\n",
                 "datum: 2023-12-20", "tekent niet ('ondertekent: false') maar heeft een eigen ondertekening",
                 id="niet-tekenend-met-ondertekening"),
    pytest.param("partijen: [samenstad, scs, nieuwdak, platform]", "partijen: [samenstad, woonstad, nieuwdak, platform]",
                 "partijen: [samenstad, woonstad", "'woonstad' is lid van een collectief en tekent niet zelf; noem het collectief",
                 id="lid-tekent-instrument"),
    pytest.param("    termijn: 2024\n    instrument: jaarschijf-2024", "    termijn: 2023\n    instrument: jaarschijf-2024",
                 "termijn: 2023", "termijn 2023 van afspraak 'j24-01' ligt vóór 2024", id="termijn-voor-instrument"),
]


@pytest.mark.parametrize("old,new,needle,message", CASES)
def test_check_reports_at_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old, new, needle, message) -> None:
    root = copy_fixture(tmp_path)
    edit(root, O, old, new)
    code, out = run_check(root, monkeypatch)
    assert code == 1, out
    line = line_of(root, O, needle)
    assert f"{O}:{line}:" in out and message in out, out


def test_check_refuses_progress_for_an_afspraak_of_another_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    name = f"bron/{NAAM}/voortgang/2024.yaml"
    edit(root, name, "  kw-01:\n", "  j25-01:\n    status: niet gestart\n  kw-01:\n")
    code, out = run_check(root, monkeypatch)
    assert code == 1
    line = line_of(root, name, "status: niet gestart")
    assert f"{name}:{line}:13: fout: afspraak 'j25-01' hoort bij 'jaarschijf-2025' en geldt niet in 2024" in out, out


def test_progress_in_an_extension_year_is_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    path = root / "bron" / NAAM / "voortgang" / "2028.yaml"
    path.write_text("jaar: 2028\npeildatum: 2029-03-31\nafspraken:\n  a01:\n    status: gerealiseerd\n", encoding="utf-8")
    code, out = run_check(root, monkeypatch)
    assert "valt buiten de looptijd" not in out
    # 2028 counts the framework's afspraken (extended), not the jaarschijven nor the addendum's end
    assert "geen voortgang gemeld over" in out and "j24-01" not in out.split("2028")[-1]


# --- the Heerlen example: a framework with a jaarschijf per year ---------------------------

HEERLEN = Path(__file__).resolve().parent.parent / "bron" / "heerlen-2020-2024"


@pytest.fixture(scope="module")
def heerlen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("heerlen")
    shutil.copytree(HEERLEN, root / "bron" / HEERLEN.name)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    mp.chdir(root)
    try:
        pipeline.build(root / "bron", root / "build", formaten=("md", "html", "docx"), jobs=1)
    finally:
        mp.undo()
    return root / "build" / HEERLEN.name


@pytest.mark.parametrize("fmt", FORMATS)
def test_heerlen_jaarschijf_2021_is_signed_by_its_own_parties(heerlen: Path, fmt: str) -> None:
    text = read_all(heerlen, "jaarschijf-2021")[fmt]
    assert "Aldus overeengekomen en digitaal ondertekend op 17 december 2020." in text
    assert "Huurdersbelangen Vincio Wonen, voorheen Stichting Overleg Huurders Verhuurders WS De Voorzorg" in text
    assert "HBV Groot Hoensbroek" not in text  # it signed 2020, not 2021
    assert "Woonpunt verbetert in 2020" not in text


def test_heerlen_progress_counts_the_afspraken_of_each_year(heerlen: Path) -> None:
    v20 = md_text(heerlen / "voortgang-2020.md")
    v21 = md_text(heerlen / "voortgang-2021.md")
    assert "| Totaal | 5 | 100% |" in v20  # three multi-year afspraken and jaarschijf 2020
    assert "| Totaal | 6 | 100% |" in v21  # three multi-year afspraken and jaarschijf 2021
    assert "| J20-01 |" not in v21 and "| J21-01 |" not in v20


def test_heerlen_word_author_holds_fifteen_parties_within_255_characters(heerlen: Path) -> None:
    author = docx.Document(str(heerlen / "overeenkomst.docx")).core_properties.author
    assert len(author) <= 255 and author.startswith("Gemeente Heerlen; Vincio Wonen; Weller;")


def test_a_jaarschijf_still_in_concept_says_so_while_the_agreement_is_signed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    edit(root, O, "    apart: true\n    inleiding:", "    apart: true\n    status: concept\n    inleiding:")
    monkeypatch.chdir(root)
    pipeline.build(root / "bron", root / "build", formaten=("md", "html"), jobs=1)
    out = root / "build" / NAAM
    assert "is-concept" in (out / "jaarschijf-2025.html").read_text(encoding="utf-8")
    assert "is-concept" not in (out / "overeenkomst.html").read_text(encoding="utf-8")
    md = (out / "jaarschijf-2025.md").read_text(encoding="utf-8")
    assert "**CONCEPT** · **Versie 1.0" in md
    assert "w.g." not in md and "\nG. Kuyper, voorzitter\n" in md  # not signed yet: room to sign


def test_a_separate_document_may_not_take_another_documents_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    edit(root, O, "  - id: jaarschijf-2025\n", "  - id: persbericht\n")
    edit(root, O, "instrument: jaarschijf-2025", "instrument: persbericht")
    code, out = run_check(root, monkeypatch)
    assert code == 1
    line = line_of(root, O, "  - id: persbericht")
    assert f"{O}:{line}:" in out and "'persbericht' is ook de naam van een ander document" in out


def test_one_jaarschijf_per_gemeente_in_a_year_but_not_two_for_the_same_parties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    edit(root, O, "  - id: jaarschijf-2025\n", "  - id: jaarschijf-2024-bis\n    soort: jaarschijf\n    jaar: 2024\n  - id: jaarschijf-2025\n")
    code, out = run_check(root, monkeypatch)
    line = line_of(root, O, "id: jaarschijf-2024-bis") + 2
    assert f"{O}:{line}:11: waarschuwing: er is al een jaarschijf voor 2024" in out, out
    edit(root, O, "  - id: jaarschijf-2024-bis\n    soort: jaarschijf\n    jaar: 2024\n",
         "  - id: jaarschijf-2024-bis\n    soort: jaarschijf\n    jaar: 2024\n    partijen: [samenstad, nieuwdak]\n")
    code, out = run_check(root, monkeypatch)
    assert "er is al een jaarschijf" not in out and code == 0, out


@pytest.mark.parametrize("fmt", FORMATS)
def test_heerlen_theme_whose_afspraken_are_in_the_jaarschijf_says_where(heerlen: Path, fmt: str) -> None:
    text = read_all(heerlen, "overeenkomst")[fmt]
    start = text.index("Passende woningen voor wie zorg of begeleiding nodig heeft.")  # the theme's ambition
    zorg = text[start:text.index("Leefbaarheid", start)]
    assert "De afspraken onder dit thema staan in Jaarschijf 2021 en Addendum Wonen met zorg 2022." in zorg
    assert "geen afspraken gemaakt" not in zorg


def test_a_jaarschijf_document_can_repeat_the_multi_year_afspraken_of_its_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    edit(root, O, "    apart: true\n    inleiding:", "    apart: true\n    meerjarig: true\n    inleiding:")
    monkeypatch.chdir(root)
    pipeline.build(root / "bron", root / "build", formaten=("md",), jobs=1)
    text = md_text(root / "build" / NAAM / "jaarschijf-2025.md")
    own = text.index("Nieuwdak zet in 2025 twee huismeesters in.")
    multi = text.index("Woonstad start een buurtteam in de Oostwijk.")
    assert own < multi  # the year's own afspraken first, then the multi-year ones
    assert "Hoort bij: de meerjarige afspraken (Prestatieafspraken Samenstad 2024–2027)" in text
    assert "Alle partijen maken een plan voor flexwonen." not in text  # an addendum is no multi-year afspraak
    assert "Thuisbaas levert in 2024" not in text  # another year's jaarschijf


def test_a_gemeentes_jaarschijf_repeats_no_afspraak_made_for_another_gemeente(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    edit(root, O, "  - id: scs\n", "  - id: buurdorp\n    naam: Gemeente Buurdorp\n    soort: gemeente\n"
         "    vertegenwoordigers:\n      - naam: B. Buur\n        functie: wethouder\n  - id: scs\n")
    edit(root, O, "afspraken:\n  - id: a01\n", "afspraken:\n  - id: b01\n    thema: bouwen\n    tekst: Buurdorp wijst een bouwlocatie aan.\n"
         "    trekker: buurdorp\n    gemeente: buurdorp\n    termijn: 2025\n  - id: a01\n")
    edit(root, O, "    apart: true\n    inleiding:", "    apart: true\n    meerjarig: true\n    partijen: [samenstad, scs, nieuwdak, platform]\n    inleiding:")
    monkeypatch.chdir(root)
    pipeline.build(root / "bron", root / "build", formaten=("md",), jobs=1)
    text = md_text(root / "build" / NAAM / "jaarschijf-2025.md")
    assert "De corporaties bouwen samen 250 sociale huurwoningen." in text
    assert "Buurdorp wijst een bouwlocatie aan." not in text
    assert "Buurdorp wijst een bouwlocatie aan." in md_text(root / "build" / NAAM / "overeenkomst.md")


def test_a_press_release_about_a_jaarschijf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    pb = f"bron/{NAAM}/persbericht.yaml"
    edit(root, pb, "kop:", "instrument: jaarschijf-2025\nkop:")
    monkeypatch.chdir(root)
    pipeline.build(root / "bron", root / "build", formaten=("md", "html", "docx"), jobs=1)
    for fmt, text in read_all(root / "build" / NAAM, "persbericht").items():
        assert "16 december 2024" in text, fmt  # the jaarschijf's date, not the agreement's
        assert (
            "SAMENSTAD – De gemeente Samenstad heeft de prestatieafspraken voor 2025 gemaakt met de "
            "woningcorporaties Nieuwdak en Kustwonen, de woningcorporaties van SCS (Woonstad, Thuisbaas en Stichting Dak) "
            "en de huurdersorganisatie Huurdersplatform Samenstad."
        ) in text, fmt
        # the extension to 2028 was signed in 2027: not yet part of this jaarschijf
        assert "Deze jaarschijf hoort bij de meerjarige afspraken voor 2024 tot en met 2027." in text
        assert "2028" not in text
        assert "Ze gaan over leefbare wijken." in text
        assert "De partijen ondertekenden de afspraken digitaal op 16 december 2024." in text
        assert "Bewonersraad" not in text  # it takes part without signing
        assert "14 december 2023" not in text


def test_a_press_release_about_an_unknown_instrument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_fixture(tmp_path)
    pb = f"bron/{NAAM}/persbericht.yaml"
    edit(root, pb, "kop:", "instrument: jaarschijf-2052\nkop:")
    code, out = run_check(root, monkeypatch)
    assert code == 1
    assert f"{pb}:{line_of(root, pb, 'instrument:')}:13: fout: onbekend instrument 'jaarschijf-2052'" in out


def test_heerlen_press_release_is_about_the_digitally_signed_jaarschijf(heerlen: Path) -> None:
    text = md_text(heerlen / "persbericht.md")
    assert "17 december 2020" in text.split("# ")[0]  # the date line above the headline
    # Five corporations and eight tenant organisations are counted in the lead, listed below it.
    assert "HEERLEN – De gemeente Heerlen heeft de prestatieafspraken voor 2021 gemaakt met vijf woningcorporaties en acht huurdersorganisaties" in text
    assert "De afspraken zijn gemaakt door Gemeente Heerlen, Vincio Wonen, Weller" in text
    assert "HBV Groot Hoensbroek" not in text
    assert "De partijen ondertekenden de afspraken digitaal op 17 december 2020." in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_jaarschijf_has_its_own_version(tmp_path_factory: pytest.TempPathFactory, fmt: str) -> None:
    root = copy_fixture(tmp_path_factory.mktemp("versie"))
    edit(root, O, "    apart: true\n    inleiding:", "    apart: true\n    versie: \"2.1\"\n    inleiding:")
    mp = pytest.MonkeyPatch()
    mp.chdir(root)
    try:
        pipeline.build(root / "bron", root / "build", formaten=("md", "html", "docx"), jobs=1)
    finally:
        mp.undo()
    out = root / "build" / NAAM
    assert "Versie 2.1" in read_all(out, "jaarschijf-2025")[fmt]
    assert "Versie 1.0" in read_all(out, "overeenkomst")[fmt]
    if fmt == "docx":
        assert docx.Document(str(out / "jaarschijf-2025.docx")).core_properties.version == "2.1, 16 december 2024"  # its own number and day of signing
