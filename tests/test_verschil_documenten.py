"""`prestatie verschil` compares the press release and every year's progress too."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from conftest import ROOT, edit, run

MAP = "bergen-2024-2027"


def test_press_release_and_progress_in_the_redline(tmp_path: Path, monkeypatch) -> None:
    for kant in ("oud", "nieuw"):
        shutil.copytree(ROOT / "bron" / MAP, tmp_path / kant / MAP)
    nieuw = tmp_path / "nieuw" / MAP
    edit(nieuw, "voortgang/2024.yaml", "De bouw kwam op gang", "De bouw kwam traag op gang")
    edit(nieuw, "voortgang/2024.yaml", "  elkshove:\n    realisatie:", "  elkshove:\n    status: vertraagd\n    realisatie:")
    edit(nieuw, "persbericht.yaml", "kop: >-\n  ", "kop: >-\n  Vandaag: ")
    (nieuw / "voortgang" / "2025.yaml").write_text(
        (nieuw / "voortgang" / "2024.yaml").read_text(encoding="utf-8").replace("2024", "2025"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("verschil", "oud", "nieuw", "--bron", "oud", "--uit", "uit")
    assert code == 1, out
    assert "persbericht: 1 wijziging; voortgang: 2 wijzigingen." in out, out
    md = (tmp_path / "uit" / "verschil-oud-nieuw.md").read_text(encoding="utf-8")
    assert "### Persbericht (gewijzigd)\n\n- Kop: **Vandaag:** Bergen" in md
    assert "### Voortgangsrapportage 2024 (gewijzigd)" in md
    assert "De bouw kwam **traag** op gang" in md
    assert "- Afspraak 2.1.1, status: **vertraagd**" in md
    assert "### Voortgangsrapportage 2025 (nieuw)" in md
    word = "\n".join(p.text for p in docx.Document(str(tmp_path / "uit" / "verschil-oud-nieuw.docx")).paragraphs)
    assert "Voortgangsrapportage 2024" in word and "Persbericht" in word
