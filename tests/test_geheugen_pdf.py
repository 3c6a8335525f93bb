"""Bounded memory: a document too long for one PDF gets every other format and a note that
says so; no PDF of an earlier, shorter version stays behind. (The figures: benchmarks/geheugen.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prestatie import pipeline
from prestatie.write.pdf import grens as pdf

from conftest import edit, werkmap

FIXTURE = Path(__file__).parent / "fixtures" / "klein"
MAP = "klein-2023-2026"


def test_too_long_for_a_pdf_is_said_and_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = werkmap(tmp_path, monkeypatch, FIXTURE)
    folder = root / "build" / MAP
    pipeline.build(root / "bron", formaten=("md", "pdf"), jobs=1)
    assert (folder / "overeenkomst.pdf").is_file()
    grens = len((folder / "overeenkomst.md").read_text(encoding="utf-8"))
    monkeypatch.setattr(pdf, "MAX_TEKENS", grens)
    edit(root, f"bron/{MAP}/overeenkomst.yaml", "tekst: De gemeente wijst een locatie aan voor 40 sociale huurwoningen.",
         "tekst: De gemeente wijst een locatie aan voor 40 sociale huurwoningen, en nog een zin erbij.")
    resultaat = pipeline.build(root / "bron", formaten=("md", "pdf"), jobs=1)
    notes = [m for m in resultaat.meldingen if m.startswith(f"{MAP}/overeenkomst.pdf")]
    assert len(notes) == 1, resultaat.meldingen
    m = re.fullmatch(
        rf"{MAP}/overeenkomst\.pdf is niet gemaakt: het document is te lang voor één PDF \(([\d.]+) tekens; "
        rf"hoogstens {grens:,} om binnen ongeveer 400 MB geheugen te blijven\)\. De andere formaten staan er wel; "
        r"deel de afspraken op \(bijvoorbeeld in jaarschijven\) of druk de HTML af als PDF\.".replace(",", "\\."),
        notes[0])
    assert m and int(m.group(1).replace(".", "")) > grens, notes[0]
    assert not (folder / "overeenkomst.pdf").exists()  # the old, shorter one is gone too
    assert (folder / "overeenkomst.md").is_file()  # the other formats are made
    again = pipeline.build(root / "bron", formaten=("md", "pdf"), jobs=1)
    assert not again.geschreven and any("overeenkomst.pdf is niet gemaakt" in m for m in again.meldingen)
