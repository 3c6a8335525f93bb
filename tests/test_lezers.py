"""The documents as their readers use them: figures that agree, no build jargon, portable
Markdown, Word tables that keep words whole, a signing page, links that survive alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import lxml.etree
import lxml.html
import pytest

from conftest import EXAMPLE, ROOT, build_copy, needs_tool
from prestatie.core.errors import Rapport
from prestatie.load import load_folder
from prestatie.plan.samenvatting import meldingen
from prestatie.write.word.docxinhoud import ZONDER_NUMMERS

NAAM = EXAMPLE.name
JAREN = sorted(int(p.stem) for p in (EXAMPLE / "voortgang").glob("*.yaml"))


def _build(root: Path, bron: Path = ROOT / "bron") -> Path:
    """The example agreement of ``bron`` built in the formats this module reads."""
    return build_copy(root, bron, formaten=("md", "html", "docx")) / NAAM


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("lezers"))


def _words(text: str) -> str:
    return " ".join(text.split())


# --- 1. derived statements say what the tables say -------------------------------------------

@pytest.mark.parametrize("jaar", JAREN)
def test_summary_counts_equal_the_status_table(gebouwd: Path, jaar: int) -> None:
    page = lxml.html.parse(str(gebouwd / f"voortgang-{jaar}.html")).getroot()
    summary = _words(page.xpath("string(//*[contains(@class, 'samenvatting')])"))
    sentence = re.search(r"Stand op [^,]+, (\d+) afspraken?(?: die in \d+ gelden| die in \d+ geldt)?: ([^.]+)\.", summary)
    assert sentence, summary
    said = {label.strip(): int(n) for n, label in re.findall(r"(\d+) ([^,]+)", sentence.group(2))}
    table = next(t for t in page.iter("table") if "Aandeel" in t.text_content())
    rows = {}
    for tr in table.iter("tr"):
        cells = [_words(td.text_content()) for td in tr if td.tag == "td"]
        if cells and not cells[0].startswith("Totaal"):
            rows[cells[0].split(" ", 1)[1].lower()] = int(cells[1])
        elif cells:
            total = int(cells[1])
    normal = {("vraagt aandacht" if k == "vragen aandacht" else k): v for k, v in said.items()}
    assert normal == rows
    assert int(sentence.group(1)) == total == sum(rows.values())
    # The list of main deviations is as long as it says.
    deviations = re.search(r"(\d+) afspraken? met de status", _words(page.text_content()))
    if deviations:
        heading = page.xpath("//h3[normalize-space()='Belangrijkste afwijkingen']")[0]
        items = heading.getnext().getnext()
        assert items.tag == "ul" and len(items) == int(deviations.group(1))


def test_a_planned_figure_is_never_called_met(gebouwd: Path) -> None:
    text = (gebouwd / "voortgang-2023.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| Gesloopte sociale huurwoningen"))
    assert "gehaald" not in row and row.rstrip(" |").endswith("minder dan gepland")


def test_a_summary_contradicting_the_table_gets_a_warning_naming_both(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / NAAM)
    path = tmp_path / NAAM / "voortgang" / "2023.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "De huisvesting van statushouders gaat beter",
        "Twaalf afspraken zijn gerealiseerd en 14 afspraken vragen aandacht. De huisvesting van statushouders gaat beter",
    ), encoding="utf-8")
    rapport = Rapport()
    bron = load_folder(tmp_path / NAAM, rapport)
    assert meldingen(bron, 2023) == [
        "de samenvatting van 2023 zegt '14 afspraken vragen aandacht', maar de tabel 'Stand van de "
        "afspraken' telt 'Vraagt aandacht': 7; pas de samenvatting aan of controleer de statussen"
    ]
    assert all(meldingen(bron, j) == [] for j in JAREN if j != 2023)


# --- 2. version and provenance ----------------------------------------------------------------

def test_public_documents_show_version_and_date_never_build_details(gebouwd: Path) -> None:
    md = (gebouwd / "overeenkomst.md").read_text(encoding="utf-8")
    assert "**Versie 1.0, 15 februari 2022**" in md
    for path in gebouwd.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "niet vastgelegd" not in text
        if path.stem == "persbericht":  # a release names the parties, never the tool
            assert "met prestatie" not in text
            continue
        assert text.rstrip().endswith("met prestatie " + __import__("prestatie").__version__ + ".*")


# --- 3. portable Markdown -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["overeenkomst.md", "persbericht.md", *(f"voortgang-{j}.md" for j in JAREN)])
def test_markdown_output_is_plain_commonmark(gebouwd: Path, name: str) -> None:
    text = (gebouwd / name).read_text(encoding="utf-8")
    assert ":::" not in text and "{:" not in text and "{#" not in text and "{." not in text
    pandoc = needs_tool("pandoc")
    html = subprocess.run([pandoc, "-f", "gfm", "-t", "html"], input=text, capture_output=True,
                          text=True, check=True).stdout
    page = lxml.html.fromstring(f"<div>{html}</div>")
    ids = {e.get("id") for e in page.iter() if e.get("id")}
    internal = [a.get("href")[1:] for a in page.iter("a") if (a.get("href") or "").startswith("#")]
    assert set(internal) <= ids
    # The tables a reader sees in HTML are tables in any renderer.
    ours = lxml.html.parse(str(gebouwd / name.replace(".md", ".html"))).getroot()
    charts = ours.xpath("//figure//table")  # a chart's figures as a table: in Markdown its alt text
    assert len(page.findall(".//table")) == len(ours.findall(".//table")) - len(charts)
    assert "::" not in page.text_content()


# --- 4. Word tables sized from content and page ------------------------------------------------

_LETTERS = re.compile(r"[^\W\d_]{2,}")


@pytest.fixture(scope="module")
def pdfs(gebouwd: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The text of each Word document as LibreOffice lays it out, page by page."""
    needs_tool("pdftotext")
    out = tmp_path_factory.mktemp("pdf")
    soffice = needs_tool("soffice")
    subprocess.run([soffice, f"-env:UserInstallation=file://{out}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, sorted(p for p in gebouwd.glob("*.docx") if not p.name.startswith("uittreksel-")))],
                   check=True, capture_output=True, timeout=600)
    return {p.stem: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout
            for p in out.glob("*.pdf")}


def test_no_word_of_normal_length_is_broken_in_word(gebouwd: Path, pdfs: dict[str, str]) -> None:
    """Every word LibreOffice prints is a word of the Markdown; only words of 15 letters or
    more may break, and a word may break at its own hyphen."""
    assert len(pdfs) == 2 + len(JAREN)
    for naam, text in pdfs.items():
        md = (gebouwd / f"{naam}.md").read_text(encoding="utf-8")
        known = {w.lower() for w in _LETTERS.findall(md)} | {"pagina", "inhoud"}
        known |= {w.lower() for w in _LETTERS.findall(ZONDER_NUMMERS)}  # the contents' own line
        known |= {m.replace("-", "").lower() for m in re.findall(r"\w+(?:-\w+)+", md)}
        long_words = [w for w in known if len(w) >= 15]
        broken = sorted({w for w in (x.lower() for x in _LETTERS.findall(text))
                         if w not in known and not any(w in lw for lw in long_words)})
        assert broken == [], naam


def test_a_value_below_zero_has_the_minus_sign_of_the_text_in_word_charts_too(pdfs: dict[str, str]) -> None:
    """The netto toevoeging starts at −12: the sentence and the chart's label and axis, as
    LibreOffice lays out the Word report, write it with U+2212, never a hyphen-minus."""
    reports = {naam: text for naam, text in pdfs.items() if naam.startswith("voortgang-")}
    assert reports
    for naam, text in reports.items():
        assert re.findall(r"(?<![\w.,/-])-\d", text) == [], naam
        assert "\n\u221212\n" in text, naam  # the chart's label, on its own line


def test_tables_of_one_kind_have_one_width_and_repeat_their_header(gebouwd: Path) -> None:
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for path in gebouwd.glob("voortgang-*.docx"):
        root = lxml.etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        grids: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for tbl in root.iter(f"{W}tbl"):
            rows = tbl.findall(f"{W}tr")
            head = tuple("".join(c.itertext()) for c in rows[0].findall(f"{W}tc"))
            grid = tuple(g.get(f"{W}w") for g in tbl.find(f"{W}tblGrid"))
            grids.setdefault(head, set()).add(grid)
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
            assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        theme = [g for h, g in grids.items() if h[:2] == ("Nr.", "Afspraak") and "Status" in h]
        assert theme and all(len(g) == 1 for g in grids.values())


# --- 5. a signing page that works on paper ------------------------------------------------------

def _paragraphs(path: Path) -> list:
    return docx.Document(str(path)).paragraphs


def test_unsigned_agreement_has_room_to_sign_per_signatory(tmp_path: Path) -> None:
    bron = tmp_path / "src"
    shutil.copytree(ROOT / "bron", bron)
    path = bron / NAAM / "overeenkomst.yaml"
    text = path.read_text(encoding="utf-8").replace("status: ondertekend", "status: concept")
    path.write_text(text.replace("  datum: 2022-02-15\n", ""), encoding="utf-8")
    out = _build(tmp_path / "p", bron)
    loaded = load_folder(bron / NAAM, Rapport())
    paragraphs = _paragraphs(out / "overeenkomst.docx")
    lines = [p for p in paragraphs if p.style.name == "Tekenregel"]
    signers = [(p.naam, v) for p in loaded.overeenkomst.partijen for v in p.ondertekenaars]
    assert [p.text for p in lines] == [f"{v.naam}, {v.functie}" for _, v in signers]
    texts = [p.text for p in paragraphs]
    for line in lines:  # below each line to sign: place and an empty date
        i = texts.index(line.text)
        assert texts[i + 1] == "Plaats: Beverwijk" and texts[i + 2].startswith("Datum: …")
        assert line.paragraph_format.space_before is None  # the room comes from the style
    assert "w.g." not in " ".join(texts)
    heading = {p.text: p for p in paragraphs if p.style.name.startswith("Heading")}
    for name in ("Ondertekening", "Bijlagen"):  # each starts a page
        assert heading[name].paragraph_format.page_break_before


def test_signed_agreement_says_wg_with_name_place_and_date(gebouwd: Path) -> None:
    texts = [p.text for p in _paragraphs(gebouwd / "overeenkomst.docx")]
    bron = load_folder(EXAMPLE, Rapport())
    for p in bron.overeenkomst.partijen:
        for v in p.ondertekenaars:
            i = texts.index(f"w.g. {v.naam}, {v.functie}")
            assert texts[i + 1] == "Beverwijk, 15 februari 2022"
    assert not any("……" in t for t in texts)


# --- 6. links that survive being sent alone ---------------------------------------------------

def test_a_publication_address_makes_links_between_documents_absolute(tmp_path: Path) -> None:
    bron = tmp_path / "src"
    shutil.copytree(ROOT / "bron", bron)
    path = bron / NAAM / "overeenkomst.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nstatus:", "\npublicatie:\n  url: https://www.example.nl/wonen/afspraken\nstatus:", 1),
                    encoding="utf-8")
    out = _build(tmp_path / "p", bron)
    target = "https://www.example.nl/wonen/afspraken/overeenkomst.html#a03"
    md = (out / "voortgang-2023.md").read_text(encoding="utf-8")
    assert f"[A03]({target})" in md and "](overeenkomst.html" not in md
    page = lxml.html.parse(str(out / "voortgang-2023.html")).getroot()
    assert target in [a.get("href") for a in page.iter("a")]
    with zipfile.ZipFile(out / "voortgang-2023.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert f'Target="{target}"' in rels and "overeenkomst.docx" not in rels


def test_without_a_publication_address_the_report_names_the_agreement_in_words(gebouwd: Path) -> None:
    md = (gebouwd / "voortgang-2023.md").read_text(encoding="utf-8")
    assert ("Het nummer verwijst naar de afspraak in Prestatieafspraken Beverwijk en Heemskerk "
            "2022–2025 (versie 1.0, 15 februari 2022).") in md


# --- 8. phone and print -------------------------------------------------------------------------

def test_wide_tables_name_each_cell_for_cards_on_a_phone(gebouwd: Path) -> None:
    page = lxml.html.parse(str(gebouwd / "voortgang-2023.html")).getroot()
    wide = page.xpath("//div[contains(@class, 'tabel') and contains(@class, 'breed')]//table")
    assert wide
    for table in wide:
        names = [" ".join(th.text_content().split()) for th in table.xpath("./thead/tr/th")]
        for tr in table.xpath("./tbody/tr"):
            assert [c.get("data-kop") for c in tr] == names[: len(tr)]
    css = (ROOT / "sjablonen" / "stijl.css").read_text(encoding="utf-8")
    assert ".tabel.breed [data-kop]::before" in css


def test_negative_numbers_use_the_minus_sign(gebouwd: Path) -> None:
    text = "".join((gebouwd / f"voortgang-{j}.md").read_text(encoding="utf-8") for j in JAREN)
    assert "−" in text and not re.search(r"(?<![\w\d])\\?-\d", text)


# --- 7. a press release ready to send -----------------------------------------------------------

def test_press_release_has_sender_and_facts_from_the_data(gebouwd: Path) -> None:
    bron = load_folder(EXAMPLE, Rapport())
    o = bron.overeenkomst
    md = (gebouwd / "persbericht.md").read_text(encoding="utf-8")
    assert md.startswith("**PERSBERICHT**")
    sender = "Van: Gemeente Beverwijk en Stichting Woonopmaat"  # the organisations of the press contacts
    assert docx.Document(str(gebouwd / "persbericht.docx")).sections[0].header.paragraphs[0].text == sender
    assert f'<p class="paginakop-afzender">{sender}</p>' in (gebouwd / "persbericht.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", md, re.M))
    # Targets worded as targets ('Doel: …'), each the sum of its yearly targets over the term.
    rows = {w.removeprefix("Doel: "): v for w, v in rows.items()}
    rows = {w[:1].upper() + w[1:]: v for w, v in rows.items()}
    for i in o.indicatoren:
        if i.naam in rows:
            assert i.cumulatief and i.richting != "plan"
            total = sum(float(v) for j, v in i.streefwaarden.items() if o.looptijd.van <= j <= o.looptijd.tot)
            assert rows[i.naam].replace(".", "").startswith(f"{total:.0f} ")
    assert "Gesloopte sociale huurwoningen" not in rows  # a planning is no achievement
    # The seed's order: PERSBERICHT, date, kop, dateline in capitals with a dash, body, a rule, the noot.
    assert md.index("**PERSBERICHT**") < md.index("# ") < md.index("**BEVERWIJK/HEEMSKERK** – ")
    assert md.index("De afspraken in cijfers") < md.index("\n---\n\n**Noot voor de redactie**")


def test_the_press_release_fits_on_one_page_with_its_noot(pdfs: dict[str, str]) -> None:
    """The example's press release (facts box, quote, two contacts) fits on one page as
    LibreOffice lays it out: the noot for editors is not pushed to a page of its own."""
    pages = [p for p in pdfs["persbericht"].split("\f") if p.strip()]
    assert len(pages) == 1, [p[:80] for p in pages]
    first = _words(pages[0])
    assert "Noot voor de redactie" in first and "communicatie@woonopmaat.nl" in first
    assert first.index("De afspraken in cijfers") < first.index("Noot voor de redactie")

