"""A press pack for every party, one test per rule: a quote and a contact per signing party or
a warning naming those without; no release without a contact; 'Van:' names every sender;
facts worded as targets that add up; a lead that counts many parties and a full list below;
no tool name; CONCEPT in every format; a .txt that reads like an e-mail; stand-in names warned."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from conftest import ROOT, build_at, needs_tool, run
from test_persbericht import MAP, Project, _Blocks

from prestatie import pipeline

FORMATEN = ("md", "txt", "html", "docx", "pdf")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def _teksten(project: Project) -> dict[str, str]:
    """What a reader sees of the release in each format."""
    out = {ext: project.out(ext).read_text(encoding="utf-8") for ext in ("md", "txt")}
    blocks = _Blocks()
    blocks.feed(project.out("html").read_text(encoding="utf-8"))
    html = project.out("html").read_text(encoding="utf-8")
    out["html"] = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script|head)\b.*?</\1>", "", html, flags=re.S))
    d = docx.Document(str(project.out("docx")))
    section = d.sections[-1]
    out["docx"] = "\n".join([*(p.text for p in section.header.paragraphs), *(p.text for p in d.paragraphs),
                             *(c.text for t in d.tables for r in t.rows for c in r.cells)])
    out["pdf"] = subprocess.run([needs_tool("pdftotext"), str(project.out("pdf")), "-"],
                                capture_output=True, text=True, check=True).stdout
    return out


def test_check_names_signing_parties_without_quote_or_contact(project: Project) -> None:
    berichten = [w.bericht for w in pipeline.check(project.bron).waarschuwingen]
    assert any(b.startswith("geen citaat van Gemeente Stad en Huurdersvereniging Thuis;") for b in berichten), berichten
    assert any(b.startswith("geen contact voor de pers bij Gemeente Stad, Thuis en Huurdersvereniging Thuis;")
               for b in berichten), berichten


def test_no_release_without_a_contact(project: Project) -> None:
    project.edit("persbericht.yaml", lambda pb: pb.pop("noot"))
    [w] = [w for w in pipeline.check(project.bron).waarschuwingen if "pers kan bellen" in w.bericht]
    assert w.plaats.bestand.endswith(f"{MAP}/persbericht.yaml")
    code, out = run("check", "--streng", str(project.bron))
    assert code == 1 and "het persbericht noemt niemand die de pers kan bellen" in out, out


def test_van_names_every_sender(project: Project) -> None:
    project.build(FORMATEN)
    teksten = _teksten(project)
    van = "Van: Gemeente Dorp, Stichting Thuis en Bureau Pers & Co"
    for ext in ("html", "docx", "pdf"):
        assert van in re.sub(r"\s+", " ", teksten[ext].replace("&amp;", "&")), ext


def test_no_tool_name_or_version_in_the_release(project: Project) -> None:
    project.build(FORMATEN)
    for ext, tekst in _teksten(project).items():
        assert "Opgemaakt op" not in tekst and "0.1.0" not in tekst, ext
        assert not re.search(r"\bprestatie\b", tekst), ext


def test_concept_in_every_format(project: Project) -> None:
    def concept(o: dict) -> None:
        o["status"] = "concept"
    project.edit("overeenkomst.yaml", concept)
    project.build(FORMATEN)
    for ext, tekst in _teksten(project).items():
        assert "CONCEPT" in tekst, ext
    assert project.out("txt").read_text(encoding="utf-8").startswith("Onderwerp: CONCEPT – ")


def test_txt_reads_like_an_email(project: Project) -> None:
    project.build(("txt",))
    lines = project.out("txt").read_text(encoding="utf-8").split("\n")
    assert lines[:3] == ["Onderwerp: Dorp, Stad en Thuis maken afspraken over wonen", "", "PERSBERICHT"]
    for line in lines:  # no mark left alone at either end of a line, no Markdown
        assert not re.search(r"(^|\s)[·|*#_]+\s*$|^\s*[·|]", line), line


def test_placeholder_names_are_warned_where_they_print(project: Project) -> None:
    def stand_ins(pb: dict) -> None:
        pb["citaten"][0]["wie"] = "A. Wethouder"
        pb["noot"]["contacten"][0]["naam"] = "N.N."
    project.edit("persbericht.yaml", stand_ins)
    warnings = [w for w in pipeline.check(project.bron).waarschuwingen if "plaatshouder" in w.bericht]
    lines = (project.folder / "persbericht.yaml").read_text(encoding="utf-8").split("\n")
    assert [(w.bericht.split("'")[1], lines[w.plaats.regel - 1].strip()) for w in warnings] == [
        ("A. Wethouder", "- wie: A. Wethouder"), ("N.N.", "- naam: N.N.")]
    assert "komt zo in het persbericht" in warnings[0].bericht
    assert "komt zo in de noot voor de redactie" in warnings[1].bericht


@pytest.fixture(scope="module")
def voorbeelden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("voorbeelden")
    shutil.copytree(ROOT / "bron", root / "bron")
    return build_at(root / "bron", root / "build", cwd=root)


def _getal(tekst: str) -> int:
    return int(re.match(r"[\d.]+", tekst).group().replace(".", ""))


def test_facts_are_targets_that_add_up(voorbeelden: Path) -> None:
    d = docx.Document(str(voorbeelden / "beverwijk-heemskerk-2022-2025" / "persbericht.docx"))
    [table] = d.tables
    rows = [(r.cells[0].text, r.cells[1].text.replace("\u2060", "")) for r in table.rows[1:]]
    assert rows[:3] == [
        ("Doel: nieuwe sociale huurwoningen opgeleverd, samen", "655 woningen in 2022–2025"),
        ("Doel: nieuwe sociale huurwoningen opgeleverd in Beverwijk", "343 woningen in 2022–2025"),
        ("Doel: nieuwe sociale huurwoningen opgeleverd in Heemskerk", "312 woningen in 2022–2025"),
    ]
    for i, (wat, waarde) in enumerate(rows):
        if wat.endswith(", samen"):
            stam = wat.removesuffix(", samen")
            delen = [_getal(w) for x, w in rows[i + 1:] if x.startswith(stam + " in ")]
            assert len(delen) > 1 and sum(delen) == _getal(waarde)
    assert all(w.startswith("Doel: ") or w.startswith("Nieuwbouw in ") for w, _ in rows)
    assert not any("opgeleverd ·" in w for w, _ in rows)


def test_lead_counts_many_parties_and_lists_them_below(voorbeelden: Path) -> None:
    txt = (voorbeelden / "heerlen-2020-2024" / "persbericht.txt").read_text(encoding="utf-8")
    lead = next(line for line in txt.split("\n") if line.startswith("HEERLEN – "))
    assert "met vijf woningcorporaties en acht huurdersorganisaties." in lead
    assert len(lead.split()) < 70 and "Vincio Wonen" not in lead
    lijst = next(line for line in txt.split("\n") if line.startswith("De afspraken zijn gemaakt door "))
    for naam in ("Gemeente Heerlen", "Vincio Wonen", "Woonpunt", "HV Coriovallum", "Huurdersbelangen Vincio Wonen"):
        assert naam in lijst
