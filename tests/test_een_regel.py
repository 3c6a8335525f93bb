"""One home for every small rule: a status carries its own flags and sentences, one function
names every output file, one macro words a deadline."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from prestatie import pipeline
from prestatie.model.voortgang import STATUSSEN, Status
from prestatie.plan.voortgang import Afspraakstand, kerncijfers, statustelling
from prestatie.write import formats

ROOT = Path(__file__).resolve().parent.parent
PERSBERICHT = ROOT / "tests" / "fixtures" / "persbericht" / "bron"


def _stand(status: Status, te_laat: bool = False) -> Afspraakstand:
    return Afspraakstand(SimpleNamespace(id="x"), status, None, te_laat)  # type: ignore[arg-type]


def test_a_status_added_in_one_place_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    nieuw = Status(naam="in uitvoering", label="In uitvoering", icoon="▶", aandacht=False, klaar=False,
                   kern="lopend", een="is in uitvoering", meer="zijn in uitvoering")
    monkeypatch.setitem(STATUSSEN, nieuw.naam, nieuw)
    standen = [_stand(nieuw), _stand(nieuw), _stand(nieuw, te_laat=True), _stand(STATUSSEN["gerealiseerd"]),
               _stand(STATUSSEN["vertraagd"])]
    k = kerncijfers(standen)
    assert (k.totaal, k.lopend, k.gerealiseerd, k.aandacht, k.te_laat) == (5, 2, 1, 1, 1)
    telling = {t.status.naam: (t.aantal, t.status.telwoord(t.aantal)) for t in statustelling(standen)}
    assert telling == {"gerealiseerd": (1, "gerealiseerd"), "vertraagd": (1, "vertraagd"),
                       "in uitvoering": (3, "zijn in uitvoering")}


def test_a_status_unknown_to_the_order_is_still_counted() -> None:
    vreemd = Status(naam="geparkeerd", label="Geparkeerd", icoon="‖", aandacht=False, klaar=False)
    assert [(t.status.naam, t.aantal) for t in statustelling([_stand(vreemd), _stand(STATUSSEN["op schema"])])] \
        == [("op schema", 1), ("geparkeerd", 1)]


def test_a_status_words_its_own_count() -> None:
    aandacht = STATUSSEN["aandacht"]
    assert [aandacht.telwoord(1), aandacht.telwoord(3), STATUSSEN["niet gestart"].telwoord(2)] == \
        ["vraagt aandacht", "vragen aandacht", "nog niet gestart"]


def test_a_format_named_apart_from_its_extension_is_built_and_kept(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A format whose name is not its extension: both the render and the incremental check
    name its file by the one function (the second build found nothing to redo)."""
    eigen = formats.Formaat("platte-tekst", "txt", "tekst.txt:TxtWriter", documenten=frozenset({"persbericht"}))
    monkeypatch.setitem(formats._PER_NAAM, eigen.naam, eigen)
    shutil.copytree(PERSBERICHT, tmp_path / "bron")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    uit = tmp_path / "build"
    pipeline.build(tmp_path / "bron", uit, formaten=("platte-tekst",), jobs=1)
    folder = uit / "dorp-stad-2023-2026"
    assert sorted(p.name for p in folder.iterdir() if p.name != "manifest.json") == ["persbericht.txt"]
    assert formats.bestandsnaam("persbericht", "platte-tekst") == "persbericht.txt"
    first = (folder / "persbericht.txt").stat().st_ino
    pipeline.build(tmp_path / "bron", uit, formaten=("platte-tekst",), jobs=1)
    assert (folder / "persbericht.txt").stat().st_ino == first


def test_one_macro_words_a_deadline() -> None:
    sjablonen = ROOT / "sjablonen"
    defined = [p.name for p in sjablonen.glob("*.j2") if "macro termijnregel" in p.read_text(encoding="utf-8")]
    assert defined == ["termijn.md.j2"]
    users = sorted(p.name for p in sjablonen.glob("*.j2") 
                   if '\n{% from "termijn.md.j2" import termijnregel %}\n' in p.read_text(encoding="utf-8"))
    assert users == ["overeenkomst.md.j2", "voortgang.md.j2"]
