"""An amount in euro is a type of its own: read once from what an editor writes, refused in
Dutch with its line when it is no amount, and shown by one rule in every format."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic_core import PydanticCustomError

from conftest import ROOT, build_at, needs_tool
from prestatie.core.errors import Rapport
from prestatie.core.opmaak import bedrag
from prestatie.load import load_folder
from prestatie.model.bedrag import lees_bedrag

FIXTURE = ROOT / "tests" / "fixtures" / "voortgang" / "bron"
RESULTATEN = """resultaten:
  - tekst: Leefbaarheid in de wijken.
    bedrag: "€ 618.000"
    afspraken: [a06]
  - tekst: Nieuwe buurtkamers.
    aantal: 3
    eenheid: buurtkamers
    bedrag: € 1,2 miljoen
    thema: bouwen
"""


@pytest.mark.parametrize(("geschreven", "euro", "getoond"), [
    (618000, "618000", "€ 618.000"),
    (763.47, "763.47", "€ 763,47"),
    ("€ 1.234.567", "1234567", "€ 1.234.567"),
    ("€ 763,47", "763.47", "€ 763,47"),
    ("€ 1,2 miljoen", "1200000", "€ 1,2 miljoen"),
    (1200000, "1200000", "€ 1.200.000"),  # as written: a number in euros
    ("650.000 euro", "650000", "€ 650.000"),
    ("€ 2,5 miljard", "2500000000", "€ 2,5 miljard"),
    ("1,25 mln euro", "1250000", "€ 1,25 miljoen"),
    (1250000.5, "1250000.5", "€ 1.250.000,50"),
])
def test_an_amount_is_read_once_and_shown_by_one_rule(geschreven, euro, getoond) -> None:
    b = lees_bedrag(geschreven)
    assert b.euro == Decimal(euro)
    assert str(b) == getoond.replace(" ", "\u00a0") == bedrag(b.euro, kort=b.kort)


@pytest.mark.parametrize(("geschreven", "bericht"), [
    ("veel", "'veel' is geen bedrag; schrijf een getal in euro"),
    ("95%", "'95%' is geen bedrag"),
    (True, "'ja' is geen bedrag"),
    (-5, "'-5' is een negatief bedrag"),
    ("€ 1,234", "'€ 1,234' heeft meer dan twee cijfers achter de komma"),
])
def test_what_is_no_amount_is_refused_in_dutch(geschreven, bericht) -> None:
    with pytest.raises(PydanticCustomError) as e:
        lees_bedrag(geschreven)
    assert str(e.value).startswith(bericht)


def _project(root: Path, resultaten: str) -> Path:
    shutil.copytree(FIXTURE, root / "bron")
    jaar = root / "bron" / "dorp-2023-2026" / "voortgang" / "2024.yaml"
    jaar.write_text(jaar.read_text(encoding="utf-8") + resultaten, encoding="utf-8")
    return jaar


def test_check_names_a_wrong_amount_with_its_file_and_line(tmp_path: Path) -> None:
    jaar = _project(tmp_path, RESULTATEN.replace('"€ 618.000"', "ongeveer veel"))
    rapport = Rapport()
    load_folder(tmp_path / "bron" / "dorp-2023-2026", rapport)
    regel = jaar.read_text(encoding="utf-8").splitlines().index("    bedrag: ongeveer veel") + 1
    fouten = [(f.plaats.regel, f.bericht) for f in rapport.fouten]
    assert any(r == regel and "'ongeveer veel' is geen bedrag" in b for r, b in fouten), fouten


@pytest.mark.slow
def test_every_format_shows_an_amount_the_same_way(tmp_path: Path) -> None:
    _project(tmp_path, RESULTATEN)
    build = build_at(tmp_path / "bron", tmp_path / "build", cwd=tmp_path) / "dorp-2023-2026"
    html = (build / "voortgang-2024.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="bedrag">€(\xa0|&nbsp;)618\.000</span>', html)
    assert re.search(r'<span class="bedrag">€(\xa0|&nbsp;)1,2(\xa0|&nbsp;)miljoen</span>', html)
    word = zipfile.ZipFile(build / "voortgang-2024.docx").read("word/document.xml").decode("utf-8")
    shown = {"html": re.sub(r"<[^>]+>", "", html).replace("&nbsp;", "\xa0"),
             "docx": re.sub(r"<[^>]+>", "", word),
             "md": (build / "voortgang-2024.md").read_text(encoding="utf-8").replace("**", "")}
    needs_tool("pdftotext")
    shown["pdf"] = subprocess.run(["pdftotext", str(build / "voortgang-2024.pdf"), "-"],
                                  capture_output=True, text=True, check=True).stdout
    for soort, tekst in shown.items():
        plat = " ".join(tekst.replace("\xa0", " ").split())
        assert "€ 618.000" in plat, soort
        assert "3 buurtkamers, € 1,2 miljoen" in plat, soort
