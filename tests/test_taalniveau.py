"""Plain language: `check` reports sentence length and long words of each press release and
progress summary against B1, as information (text and JSON), never as an error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, edit, line_of, run, werkmap
from prestatie.parse import parse
from prestatie.parse.leesbaarheid import lettergrepen, meet, zinnen

MAP = "bergen-2024-2027"
PB = f"bron/{MAP}/persbericht.yaml"
V = f"bron/{MAP}/voortgang/2024.yaml"


def test_sentences_end_at_a_full_stop_not_at_a_number_or_abbreviation() -> None:
    assert zinnen("Wij bouwen 1.234 woningen, bijv. in Heemskerk. Dat is veel! Klopt: ja.") == [
        "Wij bouwen 1.234 woningen, bijv. in Heemskerk.", "Dat is veel!", "Klopt: ja."]


def test_syllables_from_the_dutch_hyphenation_dictionary() -> None:
    assert [lettergrepen(w) for w in ("huis", "woningen", "huurwoningen", "prestatieafspraken")] == [1, 3, 4, 6]


def test_figures_of_a_text() -> None:
    lang = " ".join(["woning"] * 21)
    tree = parse(f"# Kop die niet telt\n\nWij bouwen huizen. De woningzoekenden wachten.\n\n- {lang}.\n\n"
                 "| a | b |\n|--|--|\n| tabel telt niet | x |\n")
    m = meet(tree)
    assert (m.zinnen, m.woorden, m.lange_zinnen, m.lange_woorden) == (3, 3 + 3 + 21, 1, ("woningzoekenden",))
    assert m.gemiddeld == 9
    assert not m.b1  # one sentence longer than 20 words
    assert m.cijfers()["woorden_per_zin"] == 9.0


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fixture = tmp_path / "voorbeeld"
    shutil.copytree(ROOT / "bron" / MAP, fixture / "bron" / MAP)
    return werkmap(tmp_path, monkeypatch, fixture, vaste_datum=False)


def test_check_reports_b1_per_press_release_and_summary_as_information(project: Path) -> None:
    code, out = run("check")
    assert code == 0
    # Bergen's release names no quote and no press contact: the press-pack checks say so.
    assert "In orde: 0 fouten, 2 waarschuwingen." in out
    info = [line for line in out.splitlines() if ": informatie: taalniveau B1, " in line]
    assert len(info) == 2
    assert info[0].startswith(f"{PB}:{line_of(project, PB, 'plaatsnamen:')}:1: informatie: taalniveau B1, persbericht: ")
    assert info[1].startswith(f"{V}:{line_of(project, V, 'samenvatting:')}:")
    assert "samenvatting 2024: past bij B1; 2 zinnen, gemiddeld 11,5 woorden per zin" in info[1]
    # --streng makes warnings errors, never information; --stil leaves it out.
    streng = run("check", "--streng")[1]
    assert "Niet in orde: 2 fouten, 0 waarschuwingen." in streng
    assert len([line for line in streng.splitlines() if ": informatie: taalniveau B1, " in line]) == 2
    assert "informatie" not in run("check", "--stil")[1]


def test_json_gives_the_figures(project: Path) -> None:
    code, out = run("check", "--formaat", "json")
    data = json.loads(out)
    assert code == 0 and data["in_orde"] and data["fouten"] == 0
    info = [b for b in data["bevindingen"] if b["ernst"] == "informatie"]
    assert data["informatie"] == len(info) == 2
    v = next(b for b in info if b["cijfers"]["document"] == "voortgang-2024")
    assert v["cijfers"] == {"document": "voortgang-2024", "zinnen": 2, "woorden": 23, "woorden_per_zin": 11.5,
                            "lange_zinnen": 0, "lange_woorden": [], "flesch_douma": v["cijfers"]["flesch_douma"],
                            "b1": True}
    pb = next(b for b in info if b["cijfers"]["document"] == "persbericht")
    c = pb["cijfers"]
    assert c["woorden_per_zin"] == round(c["woorden"] / c["zinnen"], 1)
    assert f"{c['zinnen']} zinnen" in pb["bericht"]
    assert "prestatieafspraken" in c["lange_woorden"]


def test_a_long_sentence_in_a_summary_is_reported(project: Path) -> None:
    lang = " ".join(["en"] * 30)
    edit(project, V, "  2024 was het eerste jaar", f"  Dit is {lang} lang. 2024 was het eerste jaar")
    _, out = run("check")
    line = next(l for l in out.splitlines() if l.startswith(V) and "informatie: taalniveau B1" in l)
    assert "moeilijker dan B1; 3 zinnen" in line and "1 zin langer dan 20 woorden" in line
