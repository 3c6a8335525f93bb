"""Each instrument as it stood on its own date, read back from every format: a party that
joined later through an accession is no party of the agreement's title page, undersigned or
signatures, but named apart with its date; the afspraken of a part of an addendum with their
words; the scope (gemeente, gebied) of a result in a progress report and its open data.

The fixture is `tests/fixtures/trouw`: Stichting Kustwonen joins on 1 June 2024
(`toetreding-kustwonen`), after the agreement was signed (date unknown, version of 15 December
2022) and before the jaarschijf 2025 of Tulpdorp (16 December 2024).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import jsonschema
import pytest

from conftest import build_copy, edit, line_of, run
from prestatie import pipeline
from test_partijen import docx_text, html_text, md_text
from test_trouw import pdf_text

FIXTURE = Path(__file__).parent / "fixtures" / "trouw"
NAAM = "bollenstreek-2023-2025"
O = f"bron/{NAAM}/overeenkomst.yaml"
FORMATS = ["md", "html", "docx", "pdf"]


def zichtbaar(path: Path) -> str:
    """Markdown as a reader sees it: a link's words without its target, no anchors, no bullets."""
    text = re.sub(r'<a id="[^"]*"></a>', "", path.read_text(encoding="utf-8"))
    text = re.sub(r"^- ", "", re.sub(r"\]\([^)]*\)", "", text), flags=re.M)
    return " ".join(text.replace("[", "").replace("**", "").replace("\\", "").split())


def lees(folder: Path, name: str) -> dict[str, str]:
    return {
        "md": zichtbaar(folder / f"{name}.md"),
        "html": html_text(folder / f"{name}.html"),
        "docx": docx_text(folder / f"{name}.docx"),
        "pdf": pdf_text(folder / f"{name}.pdf").replace("• ", ""),
    }


def kopie(tmp: Path) -> Path:
    root = tmp / "project"
    shutil.copytree(FIXTURE, root)
    return root


def bouw(root: Path, *formaten: str) -> Path:
    pipeline.build(root / "bron", root / "build", formaten=formaten or ("md",), jobs=1)
    return root / "build" / NAAM


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uit = build_copy(tmp_path_factory.mktemp("trouw-tijd") / "project", FIXTURE / "bron", ("md", "html", "docx", "pdf", "data"))
    return uit / NAAM


@pytest.fixture(scope="module")
def docs(gebouwd: Path) -> dict[str, dict[str, str]]:
    names = ["overeenkomst", "flexwonen", "jaarschijf-2025-tulpdorp", "uittreksel-kustwonen", "uittreksel-tulpdorp",
             "voortgang-2024"]
    return {n: lees(gebouwd, n) for n in names}


# --- a later accession ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_agreement_lists_its_parties_as_they_stood_when_signed(docs, fmt: str) -> None:
    text = docs["overeenkomst"][fmt]
    titelpagina = text[:text.index("Versies")]
    assert "Huurdersbelang Bollenstreek" in titelpagina and "Kustwonen" not in titelpagina
    partijen = text[text.index("De ondergetekenden"):text.index("hierna gezamenlijk")]
    assert "Stichting Bloemwonen" in partijen and "Kustwonen" not in partijen and "F. Duin" not in partijen
    # named apart, clearly dated, pointing in words to the accession's own part
    assert "Later toegetreden: Stichting Kustwonen, toegetreden op 1 juni 2024 (zie Toetreding)." in text
    onder = text.rindex("Ondertekening")
    handtekeningen = text[onder:text.index("Bijlage 1a", onder)]
    assert "A. Tulp" in handtekeningen and "Kustwonen" not in handtekeningen and "F. Duin" not in handtekeningen
    # the accession signs in its own part
    toetreding = text[text.index("Met deze toetreding"):text.index("Jaarschijf 2025 Tulpdorp", text.index("Met deze toetreding"))]
    assert "Stichting Kustwonen, namens deze: w.g. F. Duin, directeur-bestuurder Tulpdorp, 1 juni 2024" in toetreding


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_instrument_signed_after_the_accession_names_the_party_with_its_date(docs, fmt: str) -> None:
    js25 = docs["jaarschijf-2025-tulpdorp"][fmt]
    assert "Stichting Kustwonen, toegetreden op 1 juni 2024, hierbij vertegenwoordigd door F. Duin" in js25


def test_the_properties_of_the_agreement_name_its_parties_when_signed(gebouwd: Path) -> None:
    author = docx.Document(str(gebouwd / "overeenkomst.docx")).core_properties.author
    assert author == "Gemeente Tulpdorp; Gemeente Narcisstad; Stichting Bloemwonen; Huurdersbelang Bollenstreek"
    meta = re.search(r'<meta name="author" content="([^"]*)"', (gebouwd / "overeenkomst.html").read_text(encoding="utf-8"))
    assert meta and "Narcisstad" in meta[1] and "Kustwonen" not in meta[1]
    # The press release about the jaarschijf 2024 of Tulpdorp: its own signatories.
    pb = docx.Document(str(gebouwd / "persbericht.docx")).core_properties.author
    assert pb == "Gemeente Tulpdorp; Stichting Bloemwonen; Huurdersbelang Bollenstreek"


def test_the_open_data_dates_a_party_that_joined_later(gebouwd: Path) -> None:
    licentie = (gebouwd / "licentie.txt").read_text(encoding="utf-8")
    assert ("Partijen: Gemeente Tulpdorp, Gemeente Narcisstad, Stichting Bloemwonen, Huurdersbelang Bollenstreek, "
            "Stichting Kustwonen (toegetreden op 1 juni 2024).") in licentie


def test_a_press_release_about_the_agreement_names_no_later_party(tmp_path: Path, monkeypatch) -> None:
    root = kopie(tmp_path)
    edit(root, f"bron/{NAAM}/persbericht.yaml", "instrument: jaarschijf-2024-tulpdorp\n", "")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    uit = bouw(root, "md", "docx")
    pb = md_text(uit / "persbericht.md")
    assert "De gemeenten Tulpdorp en Narcisstad hebben prestatieafspraken gemaakt met de woningcorporatie Bloemwonen" in pb
    assert "Kustwonen" not in pb
    assert "Kustwonen" not in docx.Document(str(uit / "persbericht.docx")).core_properties.author


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_an_extract_names_the_agreement_s_own_version_and_the_day_its_party_joined(docs, fmt: str) -> None:
    kust = docs["uittreksel-kustwonen"][fmt]
    assert ("Dit is een uittreksel van versie 1.0, 15 december 2022 van Prestatieafspraken Bollenstreek 2023–2025. "
            "Stichting Kustwonen is later tot deze overeenkomst toegetreden op 1 juni 2024.") in kust
    tulp = docs["uittreksel-tulpdorp"][fmt]
    assert "versie 1.0, 15 december 2022 van" in tulp and "toegetreden" not in tulp


def test_an_extract_shows_no_empty_link_for_an_unnumbered_item(gebouwd: Path) -> None:
    html = (gebouwd / "uittreksel-tulpdorp.html").read_text(encoding="utf-8")
    assert "[](" not in html
    assert re.search(r'<td[^>]*data-kop="Afspraak">–</td>\s*<td[^>]*>De gemeenten zoeken samen', html)


def test_an_instrument_naming_a_party_before_it_joined_is_an_error(tmp_path: Path, monkeypatch) -> None:
    root = kopie(tmp_path)
    edit(root, O, "    partijen: [tulpdorp, bloem, hbb]\n", "    partijen: [tulpdorp, bloem, hbb, kustwonen]\n")
    monkeypatch.chdir(root)
    code, out = run("check")
    assert code == 1
    regel = line_of(root, O, "    partijen: [tulpdorp, bloem, hbb, kustwonen]")
    assert (f"{O}:{regel}:15: fout: addendum 'flexwonen' is ondertekend op 1 maart 2024 door 'kustwonen', maar "
            "'kustwonen' is pas op 1 juni 2024 toegetreden ('toetreding-kustwonen')") in out


# --- the afspraken of an addendum's part ------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_part_of_an_addendum_lists_its_afspraken_with_their_words(docs, fmt: str) -> None:
    flex = docs["flexwonen"][fmt]
    deel = flex[flex.index("Deel Bloemwonen Dit deel"):flex.index("Deel huurders Dit deel")]
    assert "Afspraken van dit deel: F-A1 Bloemwonen plaatst 12 flexwoningen (staat onder 1.1 Nieuwbouw)" in deel
    assert "F-B1" not in deel


def test_instruments_in_the_agreement_list_their_afspraken_and_parts_with_their_words(tmp_path: Path, monkeypatch) -> None:
    """A jaarschijf and an addendum in two parts that are no documents of their own: the
    agreement's overview shows each afspraak's number and words, and each part as a section."""
    root = kopie(tmp_path)
    edit(root, O, "    titel: Addendum Flexwonen\n    jaar: 2024\n    apart: true\n",
         "    titel: Addendum Flexwonen\n    jaar: 2024\n")
    edit(root, O, "    gemeente: tulpdorp\n    apart: true\n    status: ondertekend\n    ondertekening:\n      plaats: Tulpdorp\n      datum: 2023-12-11\n",
         "    gemeente: tulpdorp\n    status: ondertekend\n    ondertekening:\n      plaats: Tulpdorp\n      datum: 2023-12-11\n")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    uit = bouw(root, "md", "docx")
    for text in (zichtbaar(uit / "overeenkomst.md"), docx_text(uit / "overeenkomst.docx")):
        assert "Afspraken: J24-1 In 2024 start de bouw aan de Lisserweg (staat onder 1.1 Nieuwbouw)" in text
        flex = text[text.index("Addendum Flexwonen Dit addendum"):text.index("Verlenging tot en met 2026 De partijen")]
        assert ("Deel Bloemwonen Dit deel is van Gemeente Tulpdorp en Stichting Bloemwonen. Dit deel regelt de "
                "flexwoningen van Bloemwonen. Afspraken van dit deel: F-A1 Bloemwonen plaatst 12 flexwoningen "
                "(staat onder 1.1 Nieuwbouw)") in flex
        assert ("Deel huurders Dit deel is van Gemeente Tulpdorp en Huurdersbelang Bollenstreek. Dit deel regelt de "
                "rol van de huurders. Afspraken van dit deel: F-B1 HBB peilt") in flex
        assert flex.index("Deel huurders") < flex.index("Aldus overeengekomen")  # the parts before the signatures


# --- the scope of a result ----------------------------------------------------------------------

V = f"bron/{NAAM}/voortgang/2024.yaml"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_result_says_in_which_gemeente_and_area_it_was_reached(docs, fmt: str) -> None:
    text = docs["voortgang-2024"][fmt]
    assert "Aan de Lisserweg zijn de eerste sociale huurwoningen opgeleverd. (Gemeente Tulpdorp, kern Lisserbroek)" in text
    assert "€ 1,2 miljoen – De bouw van een woonzorgcomplex is begonnen. (Gemeente Narcisstad)" in text
    assert "regionale woonagenda te maken." in text and "woonagenda te maken. (" not in text  # no scope: none said
    assert "Nieuwe sociale huurwoningen (Gemeente Narcisstad)" in text  # whose indicator it is
    assert "(1.1.1, J24-1" in text  # an unnumbered item adds no empty number


def test_the_open_data_holds_each_result_with_its_scope(gebouwd: Path) -> None:
    data = json.loads((gebouwd / "afspraken.json").read_text(encoding="utf-8"))
    eerste, tweede, derde = data["resultaten"]
    assert (eerste["jaar"], eerste["gemeente"], eerste["gebied"], eerste["afspraken"]) == (2024, "tulpdorp", "kern Lisserbroek", ["1.1.1"])
    assert (tweede["gemeente"], tweede["gebied"], tweede["thema"], tweede["aantal"], tweede["bedrag"]) == (
        "narcisstad", None, "zorg", 7, 1_200_000)
    assert derde["gemeente"] is None
    schema = json.loads((Path(__file__).parent.parent / "schema" / "afspraken.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(("oud", "nieuw", "melding"), [
    ("    gemeente: narcisstad\n", "    gemeente: narcistad\n", "onbekende partij 'narcistad'; bedoelde u 'narcisstad'?"),
    ("    gemeente: narcisstad\n", "    gemeente: bloem\n", "'bloem' is geen gemeente"),
    ("    gemeente: tulpdorp\n", "    gemeente: narcisstad\n",
     "dit resultaat is van gemeente 'narcisstad', maar afspraak '1.1.1' geldt voor gemeente 'tulpdorp'"),
])
def test_a_result_s_gemeente_is_checked_at_its_line(tmp_path: Path, monkeypatch, oud: str, nieuw: str, melding: str) -> None:
    root = kopie(tmp_path)
    if "1.1.1" in melding:  # the afspraak is Tulpdorp's own
        edit(root, O, "    trekker: bloem\n    termijn: 2025\n", "    trekker: bloem\n    gemeente: tulpdorp\n    termijn: 2025\n")
    edit(root, V, oud, nieuw)
    monkeypatch.chdir(root)
    code, out = run("check")
    assert code == 1, out
    regel = line_of(root, V, nieuw.rstrip("\n"))
    assert f"{V}:{regel}:" in out and melding in out, out
    assert "Traceback" not in out


# --- what check accepts, build renders: the extracts too ----------------------------------------


def test_an_extract_template_that_build_refuses_is_a_check_error_at_the_party(tmp_path: Path, monkeypatch) -> None:
    root = kopie(tmp_path)
    (root / "sjablonen").mkdir()
    (root / "sjablonen" / "uittreksel.md.j2").write_text(
        '{% extends "standaard/uittreksel.md.j2" %}{% block titel %}{{ partij.naamm }}{% endblock %}\n', encoding="utf-8")
    monkeypatch.chdir(root)
    code, out = run("check")
    assert code == 1, out
    regel = line_of(root, O, "  - id: kustwonen")
    assert (f"{O}:{regel}:5: fout: het uittreksel voor Stichting Kustwonen kan niet worden opgemaakt "
            "(uittreksel-kustwonen): sjablonen/uittreksel.md.j2:1: onbekende naam in sjabloon: veld 'naamm' bestaat niet") in out
    assert "Traceback" not in out
