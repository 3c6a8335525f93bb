"""A new status is a one-place change: one entry in ``STATUSSEN`` (a test-only one here) and a
progress file may name it, the report counts it in its headline and status table, and every
format shows it with its symbol and word, in the colour of its colour key."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile

import docx
import pytest

from conftest import ROOT, build_at, needs_tool
from prestatie.core.errors import Rapport
from prestatie.load import load_folder
from prestatie.model.voortgang import STATUSSEN, Status
from prestatie.plan.voortgang import afspraakstanden, kerncijfers, statustelling

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "voortgang" / "bron"
NIEUW = Status(naam="in voorbereiding", label="In voorbereiding", icoon="◇", kleur="niet gestart",
               aandacht=False, klaar=False, kern="lopend")
TEKST = "◇ In voorbereiding"
GRIJS = "595959"  # the colour of 'niet gestart' in sjablonen/kleuren.yaml
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("nieuwe-status")
    shutil.copytree(FIXTURE, root / "bron")
    jaar = root / "bron" / "dorp-2023-2026" / "voortgang" / "2024.yaml"
    tekst = jaar.read_text(encoding="utf-8")
    assert "  a05:\n    status: op schema\n" in tekst
    jaar.write_text(tekst.replace("  a05:\n    status: op schema\n", "  a05:\n    status: in voorbereiding\n"),
                    encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(STATUSSEN, NIEUW.naam, NIEUW)  # the one place
        rapport = Rapport()
        dossier = load_folder(root / "bron" / "dorp-2023-2026", rapport)
        build = build_at(root / "bron", root / "build", cwd=root) / "dorp-2023-2026"
        yield dossier, build


def test_the_new_status_is_counted_in_the_headline_and_the_status_table(project) -> None:
    dossier, _ = project
    before = kerncijfers(afspraakstanden(load_folder(FIXTURE / "dorp-2023-2026", Rapport()), 2024))
    standen = afspraakstanden(dossier, 2024)
    after = kerncijfers(standen)
    assert after.lopend == before.lopend  # a05 still counts as running, now in its new status
    assert after.totaal == before.totaal
    assert [(t.status.naam, t.aantal) for t in statustelling(standen) if t.status.naam == NIEUW.naam] == [
        (NIEUW.naam, 1)]


def test_every_format_shows_and_counts_the_new_status(project) -> None:
    _, build = project
    html = (build / "voortgang-2024.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "1 in voorbereiding" in text  # the headline sentence counts it
    assert f".status-in-voorbereiding {{ color: #{GRIJS}; }}" in html
    assert re.search(r'<span class="status status-in-voorbereiding"[^>]*>(<span class="symbool">◇</span>|◇) '
                     r"In voorbereiding</span>", html)

    document = docx.Document(str(build / "voortgang-2024.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("1 in voorbereiding" in p for p in paragraphs)
    assert sum(TEKST in c for c in cells) >= 2  # the status table and the afspraak's row
    xml = zipfile.ZipFile(build / "voortgang-2024.docx").read("word/document.xml").decode("utf-8")
    assert re.search(rf'<w:color w:val="{GRIJS}"/>(?:(?!</w:r>).)*<w:t[^>]*>In voorbereiding', xml) \
        or re.search(rf'<w:color w:val="{GRIJS}"/>(?:(?!</w:r>).)*<w:t[^>]*> In voorbereiding', xml)

    needs_tool("pdftotext")
    pdf = subprocess.run(["pdftotext", str(build / "voortgang-2024.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "1 in voorbereiding" in " ".join(pdf.split())
    assert "In voorbereiding" in pdf

    plat = " ".join((build / "voortgang-2024.md").read_text(encoding="utf-8").split())
    assert "1 in voorbereiding" in plat and TEKST in plat

    data = json.loads((build / "afspraken.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["afspraken"] if NIEUW.naam in json.dumps(a, ensure_ascii=False)] == ["a05"]
    assert "in voorbereiding" in (build / "afspraken.csv").read_text(encoding="utf-8")
